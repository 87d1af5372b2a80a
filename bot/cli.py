"""`hotline-bot`: serve the bot, migrate the database, manage members from the shell."""

import argparse
import asyncio
import csv
import gc
import json
import logging
import sys
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TypeVar

from aiohttp import web
from sqlalchemy.exc import StatementError

from bot.config import ConfigError, Settings, is_loopback, listen_url, load_settings
from bot.gc_pauses import freeze_after_startup
from bot.logs import RedactingAccessLogger, setup_logging
from dialogs import privacy
from dialogs.announcements import compose_morning, queue_morning
from dialogs.context import Context
from dialogs.planning import days_of
from dialogs.refusals import said
from dialogs.retention import retention
from dialogs.stats import CSV_HEADER, weekly_series
from domain import members, rota
from domain.clock import SystemClock
from domain.errors import Refused
from domain.members import ROLES
from manifest.package import ManifestError
from manifest.package import build as build_package
from rules.cpr import CprInText, any_cpr, refuse_cpr
from rules.names import Named, match_name
from store.db import create_engine, sessions, unit_of_work, upgrade
from store.members import RosterEntry
from store.models import Case, Member, Team
from store.store import Store

T = TypeVar("T")

log = logging.getLogger("hotline-bot")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.func is not _serve:
        gc.enable()  # off during start-up (bot/__main__.py); `serve` turns it on once started
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(f"hotline-bot: configuration error: {exc}", file=sys.stderr)
        return 2
    setup_logging(getattr(args, "log_format", None) or settings.log_format)
    try:
        return int(args.func(args, settings) or 0)
    except (CliError, ConfigError) as exc:  # ConfigError: `serve` exposed without credentials
        print(f"hotline-bot: {exc}", file=sys.stderr)
        return 2
    except Refused as refused:  # a rule chat would refuse too, said as chat says it
        print(f"hotline-bot: {said('en', refused).text}", file=sys.stderr)
        return 2
    except (CprInText, StatementError) as exc:
        if not isinstance(exc, CprInText) and not isinstance(exc.orig, CprInText):
            raise
        print(f"hotline-bot: {CPR_REFUSED}", file=sys.stderr)
        return 2


CPR_REFUSED = "refused: a value looks like a CPR number; nothing was stored"


class CliError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hotline-bot", description=__doc__)
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    serve = sub.add_parser("serve", help="run the bot's web server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=3978)
    serve.add_argument("--log-format", choices=("text", "json"))
    serve.add_argument(
        "--insecure-dev",
        action="store_true",
        help="allow a non-loopback address without Bot Framework credentials",
    )
    serve.set_defaults(func=_serve)

    db = sub.add_parser("db", help="database maintenance").add_subparsers(required=True)
    db.add_parser("upgrade", help="apply all migrations").set_defaults(func=_db_upgrade)

    members = sub.add_parser("members", help="people and roles").add_subparsers(required=True)
    add = members.add_parser("add", help="add a person to a team")
    add.add_argument("--team", required=True, help="team id or name")
    add.add_argument("--aad-id", required=True)
    add.add_argument("--name", required=True)
    add.add_argument("--email", default="")
    add.add_argument("--role", choices=ROLES, default="caseworker")
    add.set_defaults(func=_members_add)
    show = members.add_parser("list", help="list a team's members")
    show.add_argument("--team", required=True)
    show.set_defaults(func=_members_list)
    role = members.add_parser("set-role", help="change a member's role")
    role.add_argument("--team", required=True)
    role.add_argument("--aad-id", required=True)
    role.add_argument("--role", choices=ROLES, required=True)
    role.set_defaults(func=_members_set_role)
    rota = sub.add_parser("rota", help="the rota").add_subparsers(required=True)
    generate = rota.add_parser("generate", help="plan a range again (kept days stay)")
    show = rota.add_parser("show", help="print the rota")
    for command in (generate, show):
        command.add_argument("--from", dest="first", required=True, type=_iso_date)
        command.add_argument("--to", dest="last", required=True, type=_iso_date)
        command.add_argument("--team", help="team id or name (needed if there are several)")
    generate.set_defaults(func=_rota_generate)
    show.add_argument("--format", choices=("table", "csv", "json"), default="table")
    show.set_defaults(func=_rota_show)
    load = rota.add_parser("import", help="keep days from a CSV: date,email or date,name")
    load.add_argument("file", type=Path)
    load.add_argument("--team")
    load.set_defaults(func=_rota_import)

    manifest = sub.add_parser("manifest", help="the Teams app package").add_subparsers(
        required=True
    )
    package = manifest.add_parser("build", help="fill in the manifest and write the zip")
    package.add_argument("--app-id", required=True, help="the Teams app's GUID")
    package.add_argument("--bot-id", required=True, help="the Azure Bot's app id (GUID)")
    package.add_argument(
        "--domain",
        default="localhost.localdomain",
        help="where the bot is served, for validDomains",
    )
    package.add_argument("--out", type=Path, default=Path("app.zip"))
    package.set_defaults(func=_manifest_build)

    report = sub.add_parser("stats", help="figures for the centre's evaluation")
    report.add_argument("--from", dest="first", required=True, type=_iso_date)
    report.add_argument("--to", dest="last", required=True, type=_iso_date)
    report.add_argument("--team")
    report.add_argument("--format", choices=("csv", "table"), default="csv")
    report.set_defaults(func=_stats)

    retention = sub.add_parser("retention", help="personal data past its time").add_subparsers(
        required=True
    )
    retention.add_parser("run", help="purge old messages, anonymise old closed cases").set_defaults(
        func=_retention_run
    )

    privacy = sub.add_parser(
        "privacy", help="a data subject's request: show or erase their data (audited)"
    ).add_subparsers(required=True)
    export = privacy.add_parser("export", help="print (JSON) everything kept about a person")
    subject = export.add_mutually_exclusive_group(required=True)
    subject.add_argument("--employee", help="an employee's name or initials, as in the cases")
    subject.add_argument("--member", metavar="EMAIL", help="a staff member's own data")
    export.set_defaults(func=_privacy_export)
    erase = privacy.add_parser("erase", help="erase an employee's personal data from the cases")
    erase.add_argument("--employee", required=True, help="the name or initials, as in the cases")
    erase.add_argument("--yes", action="store_true", help="erase; without it, only list")
    erase.set_defaults(func=_privacy_erase)
    for command in (export, erase):
        command.add_argument("--team", help="team id or name (default: every team)")
        command.add_argument("--operator", required=True, help="who runs it, for the audit log")

    announce = sub.add_parser("announce", help="queue the morning announcement now")
    announce.add_argument("--date", type=_iso_date, help="default: today")
    announce.add_argument("--team")
    announce.add_argument("--dry-run", action="store_true", help="print it instead")
    announce.set_defaults(func=_announce)
    return parser


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2027-01-05") from exc


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    if not is_loopback(args.host) and not settings.app_id and not args.insecure_dev:
        raise CliError(
            f"refusing to listen on {args.host} without MicrosoftAppId/MicrosoftAppPassword: "
            "anyone on the network could post as any user. Set the credentials, listen on "
            "127.0.0.1, or pass --insecure-dev for a throwaway test."
        )
    from bot.app import create_app  # botbuilder is heavy; only `serve` needs it

    # Calendar links name the address the server is reached at; unless HOTLINE_PUBLIC_URL
    # says otherwise, that is where it listens.
    settings = replace(settings, listen_url=listen_url(args.host, args.port))
    app = create_app(settings)
    app.on_startup.append(freeze_after_startup)  # after the app's own start-up
    web.run_app(
        app,
        host=args.host,
        port=args.port,
        print=None,
        access_log_class=RedactingAccessLogger,
        # Turns in flight get this long to finish on SIGTERM (container platforms wait ~30 s).
        shutdown_timeout=15,
    )
    return 0


def _db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    async def run() -> None:
        engine = create_engine(settings.database_url)
        await upgrade(engine)
        await engine.dispose()

    asyncio.run(run())
    print("database is up to date")
    return 0


async def _team(store: Store, ref: str | None) -> Team:
    teams = await store.teams.all_active()
    found = [
        t for t in teams if ref is None or str(t.id) == ref or t.name.casefold() == ref.casefold()
    ]
    if len(found) != 1:
        known = ", ".join(f"{t.id} ({t.name})" for t in teams) or "none"
        raise CliError(f"no single team matches {ref!r}; teams: {known}")
    return found[0]


def _with_store(settings: Settings, work: Callable[[Store], Awaitable[T]]) -> T:
    return _in_context(settings, lambda ctx: work(ctx.store))


def _in_context(settings: Settings, work: Callable[[Context], Awaitable[T]]) -> T:
    """Run `work(ctx)` in one transaction, as the bot's dialogs and jobs do."""

    async def run() -> T:
        engine = create_engine(settings.database_url)
        try:
            async with unit_of_work(sessions(engine)) as session:
                return await work(Context(Store(session), SystemClock(), settings))
        finally:
            await engine.dispose()

    return asyncio.run(run())


def _members_add(args: argparse.Namespace, settings: Settings) -> int:
    async def work(ctx: Context) -> None:
        store, now = ctx.store, ctx.clock.now()
        refuse_cpr(args.name, args.email)  # a RosterEntry would blank it, as it does for Teams
        team = await _team(store, args.team)
        member = await store.members.upsert(
            team.tenant_id, RosterEntry(args.aad_id, "", args.name, args.email), now
        )
        ms = await store.members.join(
            team,
            member,
            args.role,
            now,
            in_roster=args.role != "switchboard",
            via_code=args.role == "switchboard",
        )
        if ms.role != args.role:  # someone already in the team: the rules of a new role apply
            await members.set_role(store, team.id, member, args.role, None, days_of(ctx, team))
        store.audit.record(
            team.id, None, "cli_add", f"member:{member.id}", now, None, {"role": args.role}
        )
        print(f"{member.name} is {args.role} in {team.name}")

    _in_context(settings, work)
    return 0


def _members_list(args: argparse.Namespace, settings: Settings) -> int:
    async def work(store: Store) -> None:
        team = await _team(store, args.team)
        for member, ms in await store.members.of_team(team.id):
            rota = "on rota" if ms.on_rota else "off rota"
            print(f"{member.aad_object_id}\t{member.name}\t{ms.role}\t{rota}")

    _with_store(settings, work)
    return 0


def _members_set_role(args: argparse.Namespace, settings: Settings) -> int:
    """The chat's `rolle` rule: the last lead stays a lead, and the coming rota is re-planned."""

    async def work(ctx: Context) -> None:
        team = await _team(ctx.store, args.team)
        member = await ctx.store.members.by_aad(team.tenant_id, args.aad_id)
        ms = await ctx.store.members.membership(team.id, member.id) if member else None
        if member is None or ms is None:
            raise CliError(f"no member {args.aad_id} in {team.name}")
        await members.set_role(ctx.store, team.id, member, args.role, None, days_of(ctx, team))
        print(f"{member.name} is now {args.role}")

    _in_context(settings, work)
    return 0


def _rota_generate(args: argparse.Namespace, settings: Settings) -> int:
    async def work(ctx: Context) -> None:
        team = await _team(ctx.store, args.team)
        days = days_of(ctx, team)
        changes = await rota.generate_range(ctx.store, team.id, days, args.first, args.last, None)
        ctx.store.audit.record(
            team.id,
            None,
            "cli_generate",
            "rota",
            ctx.clock.now(),
            None,
            {"from": args.first.isoformat(), "to": args.last.isoformat()},
        )
        print(f"planned {args.first} to {args.last}: {len(changes)} days changed holder")

    _in_context(settings, work)
    return 0


def _rota_show(args: argparse.Namespace, settings: Settings) -> int:
    async def work(ctx: Context) -> list[dict[str, str | None]]:
        team = await _team(ctx.store, args.team)
        if args.last < args.first:
            raise CliError("--to is before --from")
        duties = await ctx.store.rota.between(team.id, args.first, args.last)
        people = {m.id: m for m, _ in await ctx.store.members.of_team(team.id)}
        rows = []
        for day in ctx.team_settings(team).calendar.working_days(args.first, args.last):
            duty = duties.get(day)
            member = people.get(duty.member_id) if duty and duty.member_id else None
            rows.append(
                {
                    "date": day.isoformat(),
                    "holder_name": member.name if member else None,
                    "holder_aad_id": member.aad_object_id if member else None,
                }
            )
        return rows

    rows = _in_context(settings, work)
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif args.format == "csv":
        out = csv.writer(sys.stdout)
        out.writerow(["date", "holder_name", "holder_aad_id"])
        out.writerows([r["date"], r["holder_name"] or "", r["holder_aad_id"] or ""] for r in rows)
    else:
        for r in rows:
            weekday = date.fromisoformat(str(r["date"])).strftime("%a")
            print(f"{r['date']}  {weekday}  {r['holder_name'] or '-'}")
    return 0


def _rota_import(args: argparse.Namespace, settings: Settings) -> int:
    """A centre's existing spreadsheet: each row keeps a day for a person (by email or name)."""
    try:
        lines = list(csv.reader(args.file.read_text(encoding="utf-8-sig").splitlines()))
    except OSError as exc:
        raise CliError(f"cannot read {args.file}: {exc.strerror}") from exc

    async def work(ctx: Context) -> int:
        team = await _team(ctx.store, args.team)
        people = [
            m for m, ms in await ctx.store.members.of_team(team.id) if ms.role != "switchboard"
        ]
        days = days_of(ctx, team)
        planned: list[tuple[date, Member]] = []
        for number, row in enumerate(lines, start=1):
            if not row or (number == 1 and row[0].strip().lower() in ("date", "dato")):
                continue
            if any_cpr(row):  # refused before any message could repeat it
                raise CliError(f"line {number}: {CPR_REFUSED}")
            if len(row) < 2:
                raise CliError(f"line {number}: expected date,email or date,name")
            try:
                day = date.fromisoformat(row[0].strip())
            except ValueError:
                raise CliError(f"line {number}: {row[0]!r} is not a date like 2027-01-05") from None
            if not days.calendar.is_working_day(day):  # said with its line; set_duty checks too
                raise CliError(f"line {number}: {day} is not a working day")
            who = row[1].strip()
            found = [m for m in people if m.email.casefold() == who.casefold()] or [
                n.item for n in match_name(who, [Named(m.name, m) for m in people])
            ]
            if len(found) != 1:
                raise CliError(
                    f"line {number}: {'no one' if not found else 'several'} "
                    f"in {team.name} match {who!r}"
                )
            planned.append((day, found[0]))
        for day, member in planned:  # the rule chat uses; a refusal rolls the whole file back
            await rota.set_duty(ctx.store, team.id, days, day, member, None, source="import")
        return len(planned)

    print(f"imported {_in_context(settings, work)} days")
    return 0


def _manifest_build(args: argparse.Namespace, settings: Settings) -> int:
    try:
        out = build_package(args.app_id, args.bot_id, args.domain, args.out)
    except ManifestError as exc:
        raise CliError(str(exc)) from exc
    print(f"wrote {out}")
    return 0


def _stats(args: argparse.Namespace, settings: Settings) -> int:
    """One row per ISO week in the range: the figures the centre evaluates the hotline by."""

    async def work(ctx: Context) -> list[list[str]]:
        team = await _team(ctx.store, args.team)
        if args.last < args.first:
            raise CliError("--to is before --from")
        return [f.csv_row() for f in await weekly_series(ctx, team, args.first, args.last)]

    rows = _in_context(settings, work)
    header = list(CSV_HEADER)
    if args.format == "csv":
        out = csv.writer(sys.stdout)
        out.writerow(header)
        out.writerows(rows)
    else:
        for row in [header, *rows]:
            print("  ".join(f"{cell:>8}" for cell in row))
    return 0


def _retention_run(args: argparse.Namespace, settings: Settings) -> int:
    print(f"purged or anonymised {_in_context(settings, retention)} rows")
    return 0


async def _subject_cases(ctx: Context, args: argparse.Namespace) -> list[Case]:
    team = await _team(ctx.store, args.team) if args.team else None
    return await privacy.employee_cases(ctx, args.employee, team.id if team else None)


def _privacy_export(args: argparse.Namespace, settings: Settings) -> int:
    """Everything kept about a data subject, as JSON, for their request for access."""

    async def work(ctx: Context) -> dict[str, object]:
        if args.member:
            found = await privacy.export_member(ctx, args.member, args.operator)
            if found is None:
                raise CliError(f"no member with the email {args.member!r}")
            return found
        team = await _team(ctx.store, args.team) if args.team else None
        team_id = team.id if team else None
        return await privacy.export_employee(ctx, args.employee, team_id, args.operator)

    print(json.dumps(_in_context(settings, work), ensure_ascii=False, indent=2))
    return 0


def _privacy_erase(args: argparse.Namespace, settings: Settings) -> int:
    """The right to erasure: the employee's cases lose names, phone numbers, notes and
    places, and every message the bot queued or sent about them; the figures stay."""

    async def work(ctx: Context) -> str:
        cases = await _subject_cases(ctx, args)
        teams = {t.id: t.name for t in await ctx.store.teams.all_active()}
        listed = ", ".join(f"{teams.get(c.team_id, c.team_id)} #{c.number}" for c in cases)
        if not cases:
            return f"no case names {args.employee!r}; nothing to erase"
        if not args.yes:
            return f"would erase {len(cases)} case(s): {listed}. Run again with --yes to erase."
        copies = await privacy.erase_employee(ctx, cases, args.operator)
        return f"erased {len(cases)} case(s): {listed}; deleted {copies} message(s)"

    print(_in_context(settings, work))
    return 0


def _announce(args: argparse.Namespace, settings: Settings) -> int:
    """The scheduler's own code path; the running server's outbox sends what is queued."""

    async def work(ctx: Context) -> str:
        team = await _team(ctx.store, args.team)
        day = args.date or ctx.today()
        if not ctx.team_settings(team).calendar.is_working_day(day):
            raise CliError(f"{day} is not a working day")
        if args.dry_run:
            return (await compose_morning(ctx, team, day)).post.text
        queued = await queue_morning(ctx, team, day)
        return "queued" if queued else "already queued or sent for that day"

    print(_in_context(settings, work))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
