"""Who may run admin commands: the numeric user ids in `ADMIN_IDS`, nothing else.

Usernames can be changed and copied, group admin rights are not bot admin rights, a forwarded
message shows someone else's words, and an edit is not a new command; none of them counts.
"""

from __future__ import annotations

from collections.abc import Collection

from telegram import Update


def is_admin_command(update: Update, admin_ids: Collection[int]) -> bool:
    """True only for a new, unforwarded message sent by a user whose id is in `admin_ids`."""
    message = update.message
    if message is None or message.forward_origin is not None:
        return False
    user = message.from_user
    return user is not None and not user.is_bot and user.id in admin_ids
