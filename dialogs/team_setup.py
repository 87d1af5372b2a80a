"""Installing the bot in a team: the setup card, the settings card, and where posts go.

Both cards also ask for the phone numbers the switchboard refers callers to when a call is not
for the hotline, where the deployment's rules give none; they are saved per team."""

import logging
from typing import Any

from dialogs import cards
from dialogs.commands import Invocation
from dialogs.context import Caller, Context, TeamSettings
from dialogs.messages import lang_of, t
from dialogs.plain import Reply, TeamEvent
from dialogs.planning import days_of
from dialogs.switchboard_rules import PhoneField, build, for_team, missing_phones
from dialogs.switchboard_rules import phone_fields as referral_fields
from domain import members, team_settings
from domain.team_settings import REFERRAL_PHONES
from rules.team_values import format_closed_day
from store.members import RosterEntry
from store.models import CardFlow, Member, Membership, Team

log = logging.getLogger(__name__)


async def on_team_event(event: TeamEvent, ctx: Context) -> list[Reply]:
    now = ctx.clock.now()
    team = await ctx.store.teams.by_teams_id(event.tenant_id, event.team_teams_id)
    if event.kind == "uninstalled":
        if team is not None:
            team_settings.uninstall(ctx.store, team, now)
        return []
    if event.kind == "members_changed":
        if team is not None:
            await _sync(ctx, team, event)
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
    await _sync(ctx, team, event)
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


async def _sync(ctx: Context, team: Team, event: TeamEvent) -> None:
    """The team's people as the event has them: its roster when the edge fetched one, and
    whom it names as taken off (store/members.py `sync_roster` holds the rules)."""
    entries = [
        RosterEntry(p.aad_object_id, p.teams_user_id, p.name, p.email)
        for p in event.roster or ()
        if p.aad_object_id
    ]
    if event.roster is not None and not entries:
        log.warning(
            "team %d: Teams gave a roster with nobody on it (%d entries, none with an AAD "
            "object id), ignored (%s)",
            team.id,
            len(event.roster),
            event.kind,
        )
    await ctx.store.members.sync_roster(team, entries, ctx.clock.now(), event.removed)


async def _make_installer_lead(team: Team, event: TeamEvent, ctx: Context) -> Member | None:
    """The installer becomes the first lead, unless the team already has one."""
    if event.actor is None or not event.actor.aad_object_id:
        return None
    now = ctx.clock.now()
    entry = RosterEntry(event.actor.aad_object_id, event.actor.teams_user_id, event.actor.name)
    member = await ctx.store.members.upsert(team.tenant_id, entry, now)
    ms = await ctx.store.members.join(team, member, "caseworker", now)
    members.make_lead_if_none(ctx.store, ms, await ctx.store.members.of_team(team.id))
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
    team = caller.in_team
    flow = await ctx.store.flows.start("setup", team.id, {}, ctx.clock.now())
    card = await setup_card(caller.lang, flow, team, ctx.team_settings(team), ctx)
    return [Reply(card=card)]


async def show_settings(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    team = caller.in_team
    flow = await ctx.store.flows.start("settings", team.id, {}, ctx.clock.now())
    card = settings_card(
        caller.lang,
        flow.id,
        flow.version,
        team.name,
        ctx.team_settings(team),
        phone_inputs(caller.lang, ctx, team),
    )
    return [Reply(card=card)]


async def save_settings(
    caller: Caller, flow: CardFlow, values: dict[str, Any], ctx: Context
) -> list[Reply]:
    team = caller.in_team
    changes = _read(caller, team, values, ctx)
    now = ctx.clock.now()
    if not await ctx.store.flows.claim(flow, int(values["v"]), caller.member.id, now, done=True):
        return [Reply(t(caller.lang, "card_outdated", name=t(caller.lang, "someone")))]
    await team_settings.save(ctx.store, team, changes, caller.member.id, now)
    done = cards.done_card(
        t(caller.lang, "settings_title", team=team.name),
        [t(caller.lang, "saved_by", name=caller.member.name)],
    )
    return [Reply(card=done, update=True), Reply(t(caller.lang, "settings_saved"))]


async def save_setup(
    caller: Caller, flow: CardFlow, values: dict[str, Any], ctx: Context
) -> list[Reply]:
    team, lang = caller.in_team, caller.lang
    changes = _read(caller, team, values, ctx)
    people = {m.id: (m, ms) for m, ms in await ctx.store.members.of_team(team.id)}
    rota = _ids(values.get("rota"), people) if "rota" in values else None
    leads = _ids(values.get("leads"), people) if "leads" in values else None
    members.check_leads(leads)
    now = ctx.clock.now()
    if not await ctx.store.flows.claim(flow, int(values["v"]), caller.member.id, now, done=True):
        return [Reply(t(lang, "card_outdated", name=t(lang, "someone")))]
    await team_settings.save(ctx.store, team, changes, caller.member.id, now)
    await members.set_rota_and_leads(
        ctx.store, team.id, rota, leads, caller.member.id, days_of(ctx, team)
    )
    none = t(lang, "none")
    summary = t(
        lang,
        "setup_saved",
        rota=", ".join(people[i][0].name for i in sorted(rota or ())) or none,
        leads=", ".join(people[i][0].name for i in sorted(leads or ())) or none,
    )
    lines = [summary, *_what_now(lang, team, bool(rota), ctx)]
    done = cards.done_card(
        t(lang, "setup_title"), lines, t(lang, "saved_by", name=caller.member.name)
    )
    return [Reply(card=done, update=True)]


def _read(caller: Caller, team: Team, values: dict[str, Any], ctx: Context) -> dict[str, Any]:
    fields = [(f.key, f.referral.name(caller.lang), f.categories) for f in _fields(ctx, team)]
    return team_settings.read_values(values, fields, _saved_phones(team))


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


async def announce_here(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    team = caller.in_team
    channel = caller.request.channel_id
    if caller.request.scope != "channel" or not channel:
        return [Reply(t(caller.lang, "channel_only"))]
    team_settings.announce_here(ctx.store, team, channel, caller.member.id, ctx.clock.now())
    return [Reply(t(caller.lang, "announce_here_ok"))]
