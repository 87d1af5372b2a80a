"""Every id in a card click is checked against the caller's team before a handler sees it.

A card's data comes back as whatever the client sends: treat it as typed by an attacker. The
handlers still check what only they know (who may act on the row); this is the one place that
makes sure no id from another team, or of someone who left, gets that far.
"""

from typing import Any

from dialogs import cards
from dialogs.context import Caller, Context
from store.ownership import ROW_KEYS

# Keys whose value names a person who must be on the caller's team. (A `team` key is checked
# by its own handler against the teams the caller is in.)
MEMBER_KEYS = frozenset({"member", "cover"})


async def ids_are_the_teams(caller: Caller, value: dict[str, Any], ctx: Context) -> bool:
    """True if every id in the click's data belongs to the caller's team."""
    keys = [k for k in value if k in ROW_KEYS or k in MEMBER_KEYS]
    if not keys:
        return True
    if caller.team is None:
        return False
    team_id = caller.team.id
    for key in keys:
        row_id = cards.whole(value, key)
        if row_id == 0:
            return False
        if key in MEMBER_KEYS:
            if await ctx.store.members.membership(team_id, row_id) is None:
                return False
        elif not await ctx.store.ownership.belongs(team_id, key, row_id):
            return False
    return True
