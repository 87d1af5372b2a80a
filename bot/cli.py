"""`hotline-bot`: serve the bot, migrate the database, manage members from the shell."""

import argparse
import asyncio
import ipaddress
import logging
import sys
from collections.abc import Sequence
from datetime import UTC, datetime

from aiohttp import web

from bot.app import create_app
from bot.config import ConfigError, Settings, load_settings
from bot.logs import setup_logging
from dialogs.context import ROLES
from store.db import create_engine, sessions, unit_of_work, upgrade
from store.members import RosterEntry
from store.models import Team
from store.store import Store

log = logging.getLogger("hotline-bot")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(f"hotline-bot: configuration error: {exc}", file=sys.stderr)
        return 2
    setup_logging(getattr(args, "log_format", None) or settings.log_format)
    try:
        return int(args.func(args, settings) or 0)
    except CliError as exc:
        print(f"hotline-bot: {exc}", file=sys.stderr)
        return 2


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
    return parser


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    if not _is_loopback(args.host) and not settings.app_id and not args.insecure_dev:
        raise CliError(
            f"refusing to listen on {args.host} without MicrosoftAppId/MicrosoftAppPassword: "
            "anyone on the network could post as any user. Set the credentials, listen on "
            "127.0.0.1, or pass --insecure-dev for a throwaway test."
        )
    web.run_app(
        create_app(settings),
        host=args.host,
        port=args.port,
        print=None,
        access_log_format='%a "%r" %s %b %Tf',
    )
    return 0


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    async def run() -> None:
        engine = create_engine(settings.database_url)
        await upgrade(engine)
        await engine.dispose()

    asyncio.run(run())
    print("database is up to date")
    return 0


async def _team(store: Store, ref: str) -> Team:
    teams = await store.teams.all_active()
    found = [t for t in teams if str(t.id) == ref or t.name.casefold() == ref.casefold()]
    if len(found) != 1:
        known = ", ".join(f"{t.id} ({t.name})" for t in teams) or "none"
        raise CliError(f"no single team matches {ref!r}; teams: {known}")
    return found[0]


def _with_store(settings: Settings, work):  # type: ignore[no-untyped-def]
    async def run():  # type: ignore[no-untyped-def]
        engine = create_engine(settings.database_url)
        try:
            async with unit_of_work(sessions(engine)) as session:
                return await work(Store(session))
        finally:
            await engine.dispose()

    return asyncio.run(run())


def _members_add(args: argparse.Namespace, settings: Settings) -> int:
    async def work(store: Store) -> None:
        now = datetime.now(UTC)
        team = await _team(store, args.team)
        member = await store.members.upsert(
            team.tenant_id, RosterEntry(args.aad_id, "", args.name, args.email), now
        )
        ms = await store.members.join(
            team, member, args.role, now, in_roster=args.role != "switchboard"
        )
        ms.role = args.role
        store.audit.record(
            team.id, None, "cli_add", f"member:{member.id}", now, None, {"role": args.role}
        )
        print(f"{member.name} is {args.role} in {team.name}")

    _with_store(settings, work)
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
    async def work(store: Store) -> None:
        team = await _team(store, args.team)
        member = await store.members.by_aad(team.tenant_id, args.aad_id)
        ms = await store.members.membership(team.id, member.id) if member else None
        if member is None or ms is None:
            raise CliError(f"no member {args.aad_id} in {team.name}")
        before, ms.role = ms.role, args.role
        if args.role == "switchboard":
            ms.on_rota = False
        store.audit.record(
            team.id,
            None,
            "role",
            f"member:{member.id}",
            datetime.now(UTC),
            {"role": before},
            {"role": args.role},
        )
        print(f"{member.name} is now {args.role}")

    _with_store(settings, work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
