"""Installing the bot in a team: the setup card, the settings card, and where posts go.

Both cards also ask for the phone numbers the switchboard refers callers to when a call is not
for the hotline, where the deployment's rules give none; they are saved per team."""

from typing import Any

from dialogs import cards
from dialogs.commands import Invocation
from dialogs.context import Caller, Context, TeamSettings
from dialogs.members import change_membership
from dialogs.messages import lang_of, t
from dialogs.plain import Reply, TeamEvent
from dialogs.planning import replan_ahead
from dialogs.switchboard_rules import REFERRAL_PHONES, PhoneField, build, for_team, missing_phones
from dialogs.switchboard_rules import phone_fields as referral_fields
from rules.team_values import (
    BadValue,
    format_closed_day,
    parse_closed_days,
    parse_hhmm,
    parse_phone,
)
from store.members import RosterEntry
from store.models import CardFlow, Member, Membership, Team


async def on_team_event(event: TeamEvent, ctx: Context) -> list[Reply]:
    now = ctx.clock.now()
    team = await ctx.store.teams.by_teams_id(event.tenant_id, event.team_teams_id)
    if event.kind == "uninstalled":
        if team is not None:
            team.active = False
            ctx.store.audit.record(team.id, None, "uninstalled", "team", now)
        return []
    if event.kind == "members_changed":
        if team is not None and event.roster is not None:
            await ctx.store.members.sync_roster(team, _entries(event), now)
        return []
    was_active = team is not None and team.active
    team, _ = await ctx.store.teams.install(
        event.tenant_id,
        event.team_teams_id,
        event.team_name,
        event.service_url,
        event.channel_id,
        now,
    )
    if event.roster is not None:
        await ctx.store.members.sync_roster(team, _entries(event), now)
    if was_active:
        return []
    installer = await _make_installer_lead(team, event, ctx)
    ctx.store.audit.record(team.id, installer.id if installer else None, "installed", "team", now)
    flow = await ctx.store.flows.start("setup", team.id, {}, now)
    settings = ctx.team_settings(team)
    if installer is not None:
        lang = installer.language or lang_of(event.locale, settings.post_language)
        personal = Reply(card=await setup_card(lang, flow, team, settings, ctx))
        await ctx.notify(
            f"setup:{team.id}:{installer.id}", team.id, "setup", f"member:{installer.id}", personal
        )
    return [Reply(card=await setup_card(settings.post_language, flow, team, settings, ctx))]


def _entries(event: TeamEvent) -> list[RosterEntry]:
    return [
        RosterEntry(p.aad_object_id, p.teams_user_id, p.name, p.email)
        for p in event.roster or ()
        if p.aad_object_id
    ]


async def _make_installer_lead(team: Team, event: TeamEvent, ctx: Context) -> Member | None:
    """The installer becomes the first lead, unless the team already has one."""
    if event.actor is None or not event.actor.aad_object_id:
        return None
    now = ctx.clock.now()
    entry = RosterEntry(event.actor.aad_object_id, event.actor.teams_user_id, event.actor.name)
    member = await ctx.store.members.upsert(team.tenant_id, entry, now)
    ms = await ctx.store.members.join(team, member, "caseworker", now)
    people = await ctx.store.members.of_team(team.id)
    if not any(other.role == "lead" for _, other in people):
        ms.role = "lead"
    return member


# (name, member id, on the rota, lead) for each person the setup card offers.
SetupPerson = tuple[str, int, bool, bool]
# (input id, the place referred to, the number saved) for each referral number a card asks for.
PhoneInput = tuple[str, str, str]


def _fields(ctx: Context, team: Team) -> tuple[PhoneField, ...]:
    """The referral numbers the deployment's rules leave to the team's lead."""
    return referral_fields(build(ctx.settings.switchboard, team.name, ctx.settings.config_source))


def _saved_phones(team: Team) -> dict[str, str]:
    saved = (team.settings or {}).get(REFERRAL_PHONES)
    return dict(saved) if isinstance(saved, dict) else {}


def phone_inputs(lang: str, ctx: Context, team: Team) -> list[PhoneInput]:
    saved = _saved_phones(team)
    return [
        (f.key, f.referral.name(lang), saved.get(f.categories[0], "")) for f in _fields(ctx, team)
    ]


def _phone_blocks(lang: str, phones: list[PhoneInput]) -> list[dict[str, Any]]:
    if not phones:
        return []
    inputs = [
        cards.text_input(key, label, value, placeholder=t(lang, "referral_phone_placeholder"))
        for key, label, value in phones
    ]
    return [cards.text(t(lang, "referral_phones_intro")), *inputs]


async def setup_card(
    lang: str, flow: CardFlow, team: Team, settings: TeamSettings, ctx: Context
) -> dict[str, Any]:
    people = [
        (m.name, m.id, ms.on_rota, ms.role == "lead")
        for m, ms in await ctx.store.members.of_team(team.id)
        if ms.in_roster and ms.role != "switchboard"
    ]
    phones = phone_inputs(lang, ctx, team)
    return setup_card_for(lang, flow.id, flow.version, settings, people, phones)


def setup_card_for(
    lang: str,
    flow_id: str,
    version: int,
    settings: TeamSettings,
    people: list[SetupPerson],
    phones: list[PhoneInput] | None = None,
) -> dict[str, Any]:
    choices = [(name, str(member_id)) for name, member_id, _, _ in people]
    body = [
        cards.heading(t(lang, "setup_title")),
        cards.text(t(lang, "setup_intro")),
        cards.text_input("phone", t(lang, "field.phone"), settings.phone),
        cards.time_input("announce_time", t(lang, "field.announce_time"), settings.announce_time),
    ]
    if choices:  # an empty choice set is not a valid card
        on_rota = [str(i) for _, i, rota, _ in people if rota]
        leads = [str(i) for _, i, _, lead in people if lead]
        body.append(cards.choice_input("rota", t(lang, "field.rota"), choices, on_rota, multi=True))
        body.append(cards.choice_input("leads", t(lang, "field.leads"), choices, leads, multi=True))
    body += _phone_blocks(lang, phones or [])
    save = cards.submit(t(lang, "save"), cards.flow_data(flow_id, version, "setup.save"))
    return cards.card(body, [save])


def settings_card(
    lang: str,
    flow_id: str,
    version: int,
    team_name: str,
    settings: TeamSettings,
    phones: list[PhoneInput] | None = None,
) -> dict[str, Any]:
    body = [
        cards.heading(t(lang, "settings_title", team=team_name)),
        cards.text_input("phone", t(lang, "field.phone"), settings.phone),
        cards.time_input("announce_time", t(lang, "field.announce_time"), settings.announce_time),
        cards.choice_input(
            "post_language",
            t(lang, "field.post_language"),
            [(t(lang, "lang.da"), "da"), (t(lang, "lang.en"), "en")],
            [settings.post_language],
        ),
        cards.text_input(
            "closed_days",
            t(lang, "field.closed_days"),
            ", ".join(format_closed_day(d) for d in settings.closed_days),
        ),
        cards.toggle("swap_approval", t(lang, "field.swap_approval"), settings.swap_approval),
        *_phone_blocks(lang, phones or []),
    ]
    save = cards.submit(t(lang, "save"), cards.flow_data(flow_id, version, "settings.save"))
    return cards.card(body, [save])


async def show_setup(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    assert caller.team is not None
    flow = await ctx.store.flows.start("setup", caller.team.id, {}, ctx.clock.now())
    card = await setup_card(caller.lang, flow, caller.team, ctx.team_settings(caller.team), ctx)
    return [Reply(card=card)]


async def show_settings(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    assert caller.team is not None
    flow = await ctx.store.flows.start("settings", caller.team.id, {}, ctx.clock.now())
    card = settings_card(
        caller.lang,
        flow.id,
        flow.version,
        caller.team.name,
        ctx.team_settings(caller.team),
        phone_inputs(caller.lang, ctx, caller.team),
    )
    return [Reply(card=card)]


def read_values(
    lang: str,
    values: dict[str, Any],
    fields: tuple[PhoneField, ...] = (),
    saved_phones: dict[str, str] | None = None,
) -> dict[str, Any] | Reply:
    """The team settings a card submitted, checked; or the reply that says what is wrong."""
    changes: dict[str, Any] = {}
    phones = dict(saved_phones or {})
    for f in fields:
        if f.key not in values:
            continue
        typed = str(values[f.key] or "").strip()
        try:
            number = parse_phone(typed) if typed else ""
        except BadValue:
            return Reply(t(lang, "bad_referral_phone", place=f.referral.name(lang)))
        for category in f.categories:
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
        return Reply(t(lang, "bad_phone"))
    try:
        if values.get("announce_time"):
            changes["announce_time"] = parse_hhmm(str(values["announce_time"]))
    except BadValue:
        return Reply(t(lang, "bad_time"))
    if values.get("post_language") in ("da", "en"):
        changes["post_language"] = values["post_language"]
    if "swap_approval" in values:
        changes["swap_approval"] = str(values["swap_approval"]).lower() == "true"
    if "closed_days" in values:
        try:
            changes["closed_days"] = list(parse_closed_days(str(values["closed_days"])))
        except BadValue as exc:
            return Reply(t(lang, "bad_closed_days", day=exc.value))
    return changes


async def save_settings(
    caller: Caller, flow: CardFlow, values: dict[str, Any], ctx: Context
) -> list[Reply]:
    assert caller.team is not None
    changes = _read(caller, values, ctx)
    if isinstance(changes, Reply):
        return [changes]
    if not await ctx.store.flows.claim(
        flow, int(values["v"]), caller.member.id, ctx.clock.now(), done=True
    ):
        return [Reply(t(caller.lang, "card_outdated", name=t(caller.lang, "someone")))]
    await _store_settings(caller, changes, ctx)
    done = cards.done_card(
        t(caller.lang, "settings_title", team=caller.team.name),
        [t(caller.lang, "saved_by", name=caller.member.name)],
    )
    return [Reply(card=done, update=True), Reply(t(caller.lang, "settings_saved"))]


async def save_setup(
    caller: Caller, flow: CardFlow, values: dict[str, Any], ctx: Context
) -> list[Reply]:
    assert caller.team is not None
    lang = caller.lang
    changes = _read(caller, values, ctx)
    if isinstance(changes, Reply):
        return [changes]
    people = {m.id: (m, ms) for m, ms in await ctx.store.members.of_team(caller.team.id)}
    rota = _ids(values.get("rota"), people)
    leads = _ids(values.get("leads"), people)
    if "leads" in values and not leads:
        return [Reply(t(lang, "setup_need_lead"))]
    now = ctx.clock.now()
    if not await ctx.store.flows.claim(flow, int(values["v"]), caller.member.id, now, done=True):
        return [Reply(t(lang, "card_outdated", name=t(lang, "someone")))]
    await _store_settings(caller, changes, ctx)
    rota_changed = False
    for member_id, (_, ms) in people.items():
        if ms.role == "switchboard":
            continue
        if "rota" in values:
            rota_changed |= change_membership(caller, ctx, ms, "on_rota", member_id in rota)
        if "leads" in values:
            demoted = "caseworker" if ms.role == "lead" else ms.role
            change_membership(caller, ctx, ms, "role", "lead" if member_id in leads else demoted)
    if rota_changed:
        await replan_ahead(ctx, caller.team, caller.member.id)
    none = t(lang, "none")
    summary = t(
        lang,
        "setup_saved",
        rota=", ".join(people[i][0].name for i in sorted(rota)) or none,
        leads=", ".join(people[i][0].name for i in sorted(leads)) or none,
    )
    lines = [summary, *_what_now(lang, caller.team, bool(rota), ctx)]
    done = cards.done_card(
        t(lang, "setup_title"), lines, t(lang, "saved_by", name=caller.member.name)
    )
    return [Reply(card=done, update=True)]


def _read(caller: Caller, values: dict[str, Any], ctx: Context) -> dict[str, Any] | Reply:
    assert caller.team is not None
    fields = _fields(ctx, caller.team)
    return read_values(caller.lang, values, fields, _saved_phones(caller.team))


def _ids(raw: Any, people: dict[int, tuple[Member, Membership]]) -> set[int]:
    ids = {int(p) for p in str(raw or "").split(",") if p.strip().isdigit()}
    return {
        i
        for i in ids
        if i in people and people[i][1].in_roster and people[i][1].role != "switchboard"
    }


def _what_now(lang: str, team: Team, anyone_on_rota: bool, ctx: Context) -> list[str]:
    """The setup summary's tail: the morning post's number and time, and the next step."""
    settings = ctx.team_settings(team)
    post = t(
        lang,
        "setup_saved_post",
        phone=settings.phone or t(lang, "no_phone"),
        time=settings.announce_time,
    )
    if not anyone_on_rota:
        step = t(lang, "setup_next_rota")
    elif not settings.phone:
        step = t(lang, "setup_next_phone")
    else:
        step = t(lang, "setup_next")
    lines = [post, step]
    rules = for_team(ctx.settings, team.name, team.settings)
    places = {rules.referrals[c].name(lang) for c in missing_phones(rules)}
    if places:
        lines.append(t(lang, "setup_referrals_missing", count=len(places)))
    return lines


async def _store_settings(caller: Caller, changes: dict[str, Any], ctx: Context) -> None:
    assert caller.team is not None
    if not changes:
        return
    before = {k: caller.team.settings.get(k) for k in changes}
    await ctx.store.teams.update_settings(caller.team, changes)
    ctx.store.audit.record(
        caller.team.id, caller.member.id, "settings", "team", ctx.clock.now(), before, changes
    )


async def announce_here(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    assert caller.team is not None
    channel = caller.request.channel_id
    if caller.request.scope != "channel" or not channel:
        return [Reply(t(caller.lang, "channel_only"))]
    before = caller.team.announce_channel_id
    caller.team.announce_channel_id = channel
    ctx.store.audit.record(
        caller.team.id,
        caller.member.id,
        "announce_channel",
        "team",
        ctx.clock.now(),
        {"channel": before},
        {"channel": channel},
    )
    return [Reply(t(caller.lang, "announce_here_ok"))]
