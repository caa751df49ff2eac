"""A local Telegram Bot API for one bot: tests and the playground talk to it instead of Telegram.

The bot side speaks the Bot API methods Cosmo uses, with Telegram's JSON shapes and errors; the
user side (`/_emu/...`) lets a test or the browser playground act as users. Try it::

    python -m emulator --port 8081
    TELEGRAM_API_BASE_URL=http://127.0.0.1:8081/bot python -m bot

`emulator.hf_api` is the same kind of stand-in for the Hugging Face feature-extraction API,
for the vectorizer's tests and the benchmarks.
"""

from emulator._errors import BotApiError
from emulator._faults import FaultPlan
from emulator._html import HtmlParseError, parse_html
from emulator._server import DEFAULT_TOKEN, EmulatorServer
from emulator.client import EmulatorClient, TelegramUser

__all__ = [
    "DEFAULT_TOKEN",
    "BotApiError",
    "EmulatorClient",
    "EmulatorServer",
    "FaultPlan",
    "HtmlParseError",
    "TelegramUser",
    "parse_html",
]
