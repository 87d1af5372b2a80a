"""Scheduled jobs. Importable functions with fixed ids, so a scheduler can name them."""

import logging
from typing import TYPE_CHECKING

from bot.delivery import DeliveryError
from dialogs.plain import TeamEvent
from store.db import unit_of_work
from store.store import Store

if TYPE_CHECKING:
    from bot.app import Services

log = logging.getLogger(__name__)


async def sync_rosters(services: "Services") -> int:
    """Nightly: fetch every team's roster, so joiners and leavers are right without a per-turn
    look-up. Returns how many teams were synced."""
    async with unit_of_work(services.sessions) as session:
        teams = [
            (t.tenant_id, t.teams_team_id, t.name, t.service_url)
            for t in await Store(session).teams.all_active()
        ]
    synced = 0
    for tenant_id, team_id, name, service_url in teams:
        try:
            roster = await services.edge.team_roster(service_url, tenant_id, team_id)
        except (DeliveryError, OSError) as exc:
            log.warning("roster sync failed for a team: %s", exc)
            continue
        await services.runner.team_event(
            TeamEvent("members_changed", tenant_id, team_id, name, "", service_url, None, roster)
        )
        synced += 1
    return synced
