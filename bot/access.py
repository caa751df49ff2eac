"""Who may run admin commands: the numeric user ids in `ADMIN_IDS`, nothing else.

Usernames can be changed and copied, group admin rights are not bot admin rights, a forwarded
message shows someone else's words, and an edit is not a new command; none of them counts.
An admin refused for the edit or the forward is told that, not that admins only may ask.
"""

from __future__ import annotations

from collections.abc import Collection
from enum import Enum

from telegram import Update


class Refusal(str, Enum):
    """Why an admin command is not run."""

    NOT_ADMIN = "not_admin"
    EDITED = "edited"        # an admin's own edit: a command runs once, when it is sent
    FORWARDED = "forwarded"  # an admin forwarding a command: the words are someone else's


def admin_command_refusal(update: Update, admin_ids: Collection[int]) -> Refusal | None:
    """None for a new, unforwarded message from a user whose id is in `admin_ids`."""
    message = update.message or update.edited_message
    user = message.from_user if message is not None else None
    if user is None or user.is_bot or user.id not in admin_ids:
        return Refusal.NOT_ADMIN
    if update.message is None:
        return Refusal.EDITED
    if message.forward_origin is not None:
        return Refusal.FORWARDED
    return None


def is_admin_command(update: Update, admin_ids: Collection[int]) -> bool:
    """True only for a new, unforwarded message sent by a user whose id is in `admin_ids`."""
    return admin_command_refusal(update, admin_ids) is None
