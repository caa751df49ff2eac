"""Handlers, one module per concern; `register` adds them all in the order they must match."""

from __future__ import annotations

from telegram.ext import Application

from bot.handlers import admin, callbacks, errors, inline, search, settings, start


def register(application: Application) -> None:
    for module in (start, search, settings, admin, inline, callbacks):
        application.add_handlers(module.handlers())
    application.add_error_handler(errors.on_error)
