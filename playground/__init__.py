"""The playground: the emulator, the bot and a web chat page on 127.0.0.1, no Telegram needed.

`python -m playground` builds the sample index if there is none, starts everything and
prints the page's URL. The page has a private chat and a group chat; the bot's messages are
drawn from their text and entities with DOM text nodes, so message text can never run as code.
"""

from playground.server import PLAYGROUND_GROUP, PLAYGROUND_USER, playground, playground_settings

__all__ = ["PLAYGROUND_GROUP", "PLAYGROUND_USER", "playground", "playground_settings"]
