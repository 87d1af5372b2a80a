"""A team's settings as a lead saves them (the setup and settings cards): checked, stored and
audited. A bad value is refused before anything is stored."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from domain.errors import Refused
from rules.team_values import BadValue, parse_closed_days, parse_hhmm, parse_phone
from store.models import Team
from store.store import Store

# The settings key of the numbers a team's lead gives for places the switchboard refers to
# (dialogs.switchboard_rules reads them).
REFERRAL_PHONES = "referral_phones"

# (the card's input id, the place referred to as the reader calls it, its referral categories)
PhoneInput = tuple[str, str, tuple[str, ...]]


class BadSetting(Refused):
    """A value the card sent that cannot be saved."""


class BadReferralPhone(BadSetting):
    def __init__(self, place: str) -> None:
        super().__init__("bad_referral_phone", place=place)


def read_values(
    values: dict[str, Any],
    fields: Sequence[PhoneInput] = (),
    saved_phones: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The team settings a card submitted, checked (raises BadSetting)."""
    changes: dict[str, Any] = {}
    phones = dict(saved_phones or {})
    for key, place, categories in fields:
        if key not in values:
            continue
        typed = str(values[key] or "").strip()
        try:
            number = parse_phone(typed) if typed else ""
        except BadValue:
            raise BadReferralPhone(place) from None
        for category in categories:
            if number:
                phones[category] = number
            else:
                phones.pop(category, None)
    if phones != (saved_phones or {}):
        changes[REFERRAL_PHONES] = phones
    try:
        if str(values.get("phone", "")).strip():
            changes["phone"] = parse_phone(str(values["phone"]))
    except BadValue:
        raise BadSetting("bad_phone") from None
    try:
        if values.get("announce_time"):
            changes["announce_time"] = parse_hhmm(str(values["announce_time"]))
    except BadValue:
        raise BadSetting("bad_time") from None
    if values.get("post_language") in ("da", "en"):
        changes["post_language"] = values["post_language"]
    if "swap_approval" in values:
        changes["swap_approval"] = str(values["swap_approval"]).lower() == "true"
    if "closed_days" in values:
        try:
            changes["closed_days"] = list(parse_closed_days(str(values["closed_days"])))
        except BadValue as exc:
            raise BadSetting("bad_closed_days", day=exc.value) from None
    return changes


async def save(
    store: Store, team: Team, changes: dict[str, Any], actor_id: int | None, now: datetime
) -> None:
    if not changes:
        return
    before = {k: team.settings.get(k) for k in changes}
    await store.teams.update_settings(team, changes)
    store.audit.record(team.id, actor_id, "settings", "team", now, before, changes)


def announce_here(store: Store, team: Team, channel_id: str, actor_id: int, now: datetime) -> None:
    """The team's posts go to this channel from now on."""
    before = store.teams.set_announce_channel(team, channel_id)
    store.audit.record(
        team.id,
        actor_id,
        "announce_channel",
        "team",
        now,
        {"channel": before},
        {"channel": channel_id},
    )


def uninstall(store: Store, team: Team, now: datetime) -> None:
    store.teams.deactivate(team)
    store.audit.record(team.id, None, "uninstalled", "team", now)
