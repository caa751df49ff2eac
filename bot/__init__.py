"""Cosmo's Telegram bot: search Korean cosmetics by what their reviewers say.

`python -m bot` runs it; `bot.app.build_application` is the composition root, and
`bot.handlers` holds one module per concern. Try it without Telegram: `python -m playground`.
"""
