"""/reindex and /stats, for the numeric user ids in ADMIN_IDS only.

/reindex runs in the background and edits one status message: progress, then a summary (or
why it failed, with the old index still serving). One runs at a time.
"""

from __future__ import annotations

import logging

from telegram import Message, Update
from telegram.ext import BaseHandler, CommandHandler, filters

from bot.access import Refusal, admin_command_refusal
from bot.render_admin import render_insight, render_stats
from bot.services import CosmoContext
from bot.telegram_io import edit_text
from bot.texts import for_user
from engine.insight import summarize

log = logging.getLogger(__name__)


async def reindex(update: Update, context: CosmoContext) -> None:
    if not await _admin_only(update, context, "reindex"):
        return
    reindexer = context.services.reindexer
    texts = for_user(update.effective_user)
    holder = await reindexer.claim()
    if holder is not None:
        await update.message.reply_text(texts.REINDEX_BUSY)
        return
    try:
        status = await update.message.reply_text(texts.REINDEX_STARTED)
    except BaseException:
        await reindexer.release()
        raise
    log.info("reindex requested by admin %s", update.effective_user.id)
    reindexer.start(_status_editor(status), texts)


async def stats(update: Update, context: CosmoContext) -> None:
    if not await _admin_only(update, context, "stats"):
        return
    services = context.services
    texts = for_user(update.effective_user)
    searches, votes = await services.insight.records()
    await update.message.reply_text(render_stats(
        services.engine.stats(), texts, uptime_s=services.uptime_s, replica=services.replica,
        cluster=await services.cluster.replicas()) + render_insight(
        summarize(searches, votes), services.settings.insight_retention_days, texts))


REFUSALS = {Refusal.NOT_ADMIN: "ADMIN_ONLY", Refusal.EDITED: "ADMIN_EDITED_COMMAND",
            Refusal.FORWARDED: "ADMIN_FORWARDED_COMMAND"}  # names of texts


async def _admin_only(update: Update, context: CosmoContext, command: str) -> bool:
    refusal = admin_command_refusal(update, context.services.settings.admin_ids)
    if refusal is None:
        return True
    user = update.effective_user
    log.warning("refused /%s for user id %s in chat %s (%s)", command, user.id if user else None,
                update.effective_chat.id if update.effective_chat else None, refusal.value)
    if update.effective_message is not None:
        await update.effective_message.reply_text(getattr(for_user(user), REFUSALS[refusal]))
    return False


def _status_editor(status: Message):
    async def report(text: str) -> None:
        await edit_text(status, text)
    return report


def handlers() -> list[BaseHandler]:
    # Edited messages reach these handlers too, so that they are refused and logged.
    return [CommandHandler("reindex", reindex), CommandHandler("stats", stats)]
