"""The switchboard's rules as data: the defaults shipped with the bot, overridden by the
centre's config file, for every team or one team, and the referral numbers a team's lead saved.
Checked at start-up; a mistake names the line of the config file it is on."""

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import time
from functools import cache
from pathlib import Path
from typing import Any

from domain.settings import ConfigError, Settings
from domain.team_settings import REFERRAL_PHONES
from rules.eligibility import Signal

DEFAULTS = Path(__file__).with_name("switchboard_default.toml")
VERDICTS = frozenset({"strong", "context", "yes", "no"})
HOURS = re.compile(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})$")


@dataclass(frozen=True)
class Referral:
    da: str
    en: str
    phone: str

    def name(self, lang: str) -> str:
        return self.en if lang == "en" else self.da


@dataclass(frozen=True)
class SwitchboardRules:
    signals: tuple[Signal, ...]
    referrals: Mapping[str, Referral]
    opening_hours: Mapping[int, tuple[time, time]]  # weekday → (opens, closes)

    def referral(self, category: str) -> Referral:
        return self.referrals.get(category) or self.referrals["other"]


@cache
def _defaults() -> dict[str, Any]:
    return tomllib.loads(DEFAULTS.read_text(encoding="utf-8"))


def _merge(base: dict[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def build(
    overrides: Mapping[str, Any], team: str | None = None, source: str = ""
) -> SwitchboardRules:
    """The rules for a team: defaults, then `[switchboard]`, then `[switchboard.teams.<team>]`.

    `source` is the config file's text, so a mistake can name its line.
    """
    general = {k: v for k, v in overrides.items() if k != "teams"}
    data = _merge(_defaults(), general)
    teams = overrides.get("teams") or {}
    if not isinstance(teams, Mapping):
        raise _error("teams", "must be a table of team names", source)
    if team is not None and team in teams:
        data = _merge(data, teams[team])
    return _checked(data, source)


def for_team(
    settings: Settings, team_name: str, saved: Mapping[str, Any] | None
) -> SwitchboardRules:
    """A team's rules: the deployment's (defaults, config file), with the referral numbers the
    team's lead saved on the setup or settings card taking precedence."""
    rules = build(settings.switchboard, team_name, settings.config_source)
    phones = (saved or {}).get(REFERRAL_PHONES) or {}
    if not isinstance(phones, Mapping) or not phones:
        return rules
    referrals = {
        category: replace(referral, phone=str(phones.get(category) or referral.phone))
        for category, referral in rules.referrals.items()
    }
    return replace(rules, referrals=referrals)


def missing_phones(rules: SwitchboardRules) -> tuple[str, ...]:
    """The referral categories a "not the hotline" answer cannot give a number for yet."""
    return tuple(c for c, referral in rules.referrals.items() if not referral.phone)


@dataclass(frozen=True)
class PhoneField:
    """One number the lead is asked for: a place the switchboard refers to, and the categories
    that refer there (several may share a place, like payment and sick pay)."""

    key: str
    referral: Referral
    categories: tuple[str, ...]


def phone_fields(deployment: SwitchboardRules) -> tuple[PhoneField, ...]:
    """What the setup and settings cards ask a lead for: every place in the deployment's rules
    (before the team's own numbers) that has no number, once per place."""
    places: dict[tuple[str, str], list[str]] = {}
    for category, referral in deployment.referrals.items():
        if not referral.phone:
            places.setdefault((referral.da, referral.en), []).append(category)
    return tuple(
        PhoneField(f"referral_{cats[0]}", deployment.referrals[cats[0]], tuple(cats))
        for cats in places.values()
    )


def check(overrides: Mapping[str, Any], source: str = "") -> None:
    """Raises ConfigError for any mistake in the centre's switchboard configuration."""
    unknown = set(overrides) - {"opening_hours", "signals", "referrals", "teams"}
    if unknown:
        raise _error(sorted(unknown)[0], "is not a switchboard setting", source)
    build(overrides, None, source)
    for name in overrides.get("teams") or {}:
        build(overrides, name, source)


def _checked(data: Mapping[str, Any], source: str) -> SwitchboardRules:
    signals = []
    for kind, raw in (data.get("signals") or {}).items():
        if not isinstance(raw, Mapping) or raw.get("verdict") not in VERDICTS:
            raise _error(kind, "needs verdict = strong, context, yes or no", source)
        phrases = raw.get("phrases")
        if not isinstance(phrases, list) or not all(
            isinstance(p, str) and p.strip() for p in phrases
        ):
            raise _error(kind, "needs phrases = a list of words or phrases", source)
        decides = raw.get("decides", False)
        if not isinstance(decides, bool):
            raise _error(kind, "decides must be true or false", source)
        # Only a "no" decides; a centre that turns a default "no" into a hotline signal
        # inherits decides = true and keeps working.
        signals.append(
            Signal(kind, raw["verdict"], tuple(phrases), decides and raw["verdict"] == "no")
        )
    referrals = {}
    for category, raw in (data.get("referrals") or {}).items():
        if not isinstance(raw, Mapping) or not all(
            isinstance(raw.get(k), str) for k in ("da", "en", "phone")
        ):
            raise _error(category, "needs da, en and phone (text; phone may be empty)", source)
        referrals[category] = Referral(raw["da"], raw["en"], raw["phone"])
    if "other" not in referrals:
        raise _error("referrals", "needs an 'other' referral", source)
    for signal in signals:
        if signal.verdict == "no" and signal.kind not in referrals:
            raise _error(signal.kind, "says no, but there is no referral of that name", source)
    hours: dict[int, tuple[time, time]] = {}
    for day, span in (data.get("opening_hours") or {}).items():
        match = HOURS.match(str(span))
        if not str(day).isdigit() or int(day) > 6 or not match:
            raise _error(str(day), 'opening hours are weekday 0-6 = "HH:MM-HH:MM"', source)
        try:
            opens = time(int(match[1]), int(match[2]))
            closes = time(int(match[3]), int(match[4]))
        except ValueError:
            raise _error(str(day), f"{span!r} is not a time span", source) from None
        if closes <= opens:
            raise _error(str(day), f"{span!r} closes before it opens", source)
        hours[int(day)] = (opens, closes)
    return SwitchboardRules(tuple(signals), referrals, hours)


def _error(key: str, problem: str, source: str) -> ConfigError:
    line = _line_of(key, source)
    where = f"line {line}: " if line else ""
    return ConfigError(f"switchboard: {where}{key} {problem}")


def _line_of(key: str, source: str) -> int | None:
    pattern = re.compile(rf'(^|[.\[\s"]){re.escape(key)}(["\].\s=]|$)')
    for number, line in enumerate(source.splitlines(), start=1):
        if pattern.search(line.split("#")[0]):
            return number
    return None
