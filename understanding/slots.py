"""Slot parsers: dates and spans, weeks and periods, people, case numbers, absence kinds.

Every parser reads folded text (`rules.text.fold`: lower case, æøå spelled ae/oe/aa) except
the people finder, which reads the text as written so that a name comes back as written.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from rules.dates import MONTHS, BadDate, parse_date
from rules.text import fold

_LONG_WEEKDAYS = (
    "mandag|tirsdag|onsdag|torsdag|fredag|loerdag|lordag|soendag|sondag|"
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
)
# A bare month name is a month; the short forms (`may`, `mar`) only next to a day number.
_BARE_MONTHS = (
    "januar|january|februar|february|marts|march|april|juni|june|juli|july|august|"
    "september|oktober|october|november|december|maj"
)
MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))

# One day, as written: the alternatives are tried in this order at each position.
_DAY = (
    rf"(?P<iso>\d{{4}}-\d{{1,2}}-\d{{1,2}})"
    rf"|(?P<dm>\d{{1,2}}[./]\d{{1,2}}(?:[./](?:\d{{4}}|\d{{2}}))?)(?![\d/])"
    rf"|(?P<dmon>\d{{1,2}}\.? ?(?:{MONTH})\b)"
    rf"|(?P<dof>\d{{1,2}}(?:st|nd|rd|th)? of (?:{MONTH})\b)"
    rf"|(?<!med )(?<!with )(?P<mond>(?:{MONTH}) \d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"|(?P<rel>i dag|idag|today|i morgen|imorgen|tomorrow|i overmorgen|overmorgen"
    rf"|the day after(?! tomorrow)|the day after tomorrow|i gaar|yesterday)(?![a-z])"
    rf"|(?P<in>om (?:\d+|en|et|to|tre|fire|one|two|three) (?:uger?|weeks?))"
    rf"|(?P<past>i (?:{_LONG_WEEKDAYS.replace('dag', 'dags')}))"
    rf"|(?P<next>(?:naeste|next) (?:{_LONG_WEEKDAYS}))"
    rf"|(?P<short>(?:on|next|this) (?:mon|tues?|wed|thu|thurs?|fri))\b"
    rf"|(?P<wdd>(?:{_LONG_WEEKDAYS}) (?:den |d\.? ?|the )?(?P<wddn>\d{{1,2}}))"
    rf"(?!\d)(?!(?:\.|st|nd|rd|th)? ?(?:of )?(?:{MONTH})\b)(?:\.|st|nd|rd|th)?(?![\d./])"
    rf"|(?P<wd>(?:{_LONG_WEEKDAYS}))(?:'?s|en)?(?![a-z])"
    rf"(?P<wdnext> (?:i )?(?:naeste uge|next week|om en uge|in a week))?"
    rf"|(?P<nth>(?:den|d\.?|the) \d{{1,2}})(?!\d)(?!(?:\.|st|nd|rd|th)? ?(?:of )?(?:{MONTH})\b)"
    rf"(?:\.|st|nd|rd|th)?(?![\d./])"
)
_SPAN = re.compile(
    rf"(?P<w1>(?:uge|week|uke) (?P<wa>\d{{1,2}})(?: ?(?:-|til|to|og"
    rf"|and) ?(?:uge )?(?P<wb>\d{{1,2}}))?)\b"
    rf"|(?P<ddm>(?P<e1>\d{{1,2}})\.? ?- ?(?P<e2>\d{{1,2}})[./](?P<em>\d{{1,2}}))(?![\d./])"
    rf"|(?<!med )(?<!with )(?P<mdd>(?P<mm>{MONTH}) (?P<f1>\d{{1,2}})(?:st|nd|rd|th)? ?-"
    rf" ?(?P<f2>\d{{1,2}})(?:st|nd|rd|th)?)(?![\d./])"
    rf"|(?<!kl )(?<!kl\. )(?<!klokken )(?P<dd>(?:den |d\. |the )?(?P<d1>\d{{1,2}})(?:\.|st|nd|rd"
    rf"|th)?"
    rf" ?(?:-|og|and|til|to) ?(?:den |d\. |the )?(?P<d2>\d{{1,2}})(?:\.|st|nd|rd|th)? ?(?:of )?"
    rf"(?P<mon>{MONTH})?)(?![\d./])"
    rf"|(?P<isorange>\d{{4}}-\d\d-\d\d\.\.\d{{4}}-\d\d-\d\d)"
    rf"|(?P<nextweek>(?:i )?naeste uge|next week)"
    rf"|(?P<thisweek>(?:i )?denne uge|this week(?!end)|ugens|this week's)"
    rf"|(?P<month>(?:resten af )?(?:maaneden|denne maaned|maaned|this month|month))"
    rf"|(?P<year>i aar|this year|resten af aaret|aaret)"
    rf"|(?P<xmas>mellem jul og nytaar|between christmas and new year)"
    rf"|(?P<day>{_DAY})"
    rf"|(?P<bare>\b(?:{_BARE_MONTHS}))\b"
    rf"|(?:(?<=\bfor )|(?<=\bin ))(?P<short_month>jan|feb|aug|sept?|okt|oct|nov|dec)\b"
)
_DAYS = re.compile(_DAY)
# A weekday right after two bare numbers: they were hours (`kursus 9-15 på torsdag`).
_CLOCK = re.compile(
    rf"\s*(?:(?:paa |on )?(?:{_LONG_WEEKDAYS})|i morgen|i dag|i overmorgen|tomorrow|today)\b"
)


def _words(text: str) -> list[str]:
    return text.split()


@dataclass(frozen=True)
class Found:
    """A date expression: a day, a span of days, or a period word (for rota and stats)."""

    start: int
    end: int
    first: date | None
    last: date | None
    period: str | None = None  # "today", "week", "month", "year", "next_week", "week:N"


def _on_or_before(last: date, day: int) -> date:
    """`21. til 2. januar`: the 21st on or before the span's last day (21 December)."""
    month_start = last.replace(day=1)
    for start in (month_start, (month_start - timedelta(days=1)).replace(day=1)):
        try:
            found = start.replace(day=day)
        except ValueError:
            continue
        if found <= last:
            return found
    raise BadDate(f"{day}")


def _week(number: int, today: date) -> date:
    """Monday of ISO week `number`: this ISO year's unless it is well past, then next year's."""
    year = today.isocalendar().year
    if number < today.isocalendar().week - 8:
        year += 1
    return date.fromisocalendar(year, number, 1)


def _one_day(match: re.Match[str], today: date) -> date | None:
    """The day a `_DAY` match means, or None when it is not a real date."""
    group = match.lastgroup
    text = match.group(group or 0)
    try:
        if text == "the day after":  # "the day after" alone: i overmorgen
            return today + timedelta(days=2)
        if group in ("iso", "dm", "dmon", "rel", "in", "next"):
            return parse_date(text, today)
        if group == "dof":
            day, _, month = text.split(" ")
            return parse_date(f"{day.rstrip('stndrh')}. {month}", today)
        if group == "mond":
            month, day = text.split(" ")
            return parse_date(f"{day}. {month}", today)
        if group == "past":
            return parse_date(text[2:-1], today, "back") - (
                timedelta(days=7) if text[2:-1] == _weekday_name(today) else timedelta()
            )
        if group in ("wdd", "wddn"):
            day = int(match.group("wddn"))
            nth = _DAYS.fullmatch(f"den {day}")
            return _one_day(nth, today) if nth else None
        if group in ("wd", "wdnext"):
            return None  # handled by the caller, which sees both groups
        if group == "nth":
            day = int(text.split(" ")[1])
            candidate = today.replace(day=1)
            for _ in range(3):
                try:
                    found = candidate.replace(day=day)
                except ValueError:
                    found = None
                if found is not None and found >= today:
                    return found
                candidate = (candidate + timedelta(days=32)).replace(day=1)
            return None
    except (BadDate, ValueError):
        return None
    return None


def _weekday_name(today: date) -> str:
    return ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "loerdag", "soendag")[
        today.weekday()
    ]


# English short weekdays, only after `on`/`next`/`this` (Danish `fri` is a day off).
_SHORT_WEEKDAYS = {
    "mon": "mandag",
    "tue": "tirsdag",
    "tues": "tirsdag",
    "wed": "onsdag",
    "thu": "torsdag",
    "thur": "torsdag",
    "thurs": "torsdag",
    "fri": "fredag",
}


def _day_of(match: re.Match[str], today: date) -> date | None:
    if match.group("short"):
        lead, short = match.group("short").split(" ")
        said = ("naeste " if lead == "next" else "paa ") + _SHORT_WEEKDAYS[short]
        try:
            return parse_date(said, today)
        except BadDate:
            return None
    if match.group("wd"):
        # rules.dates reads the weekday with the words around it: "på fredag", "fredag i
        # næste uge"; the preposition stands before the match.
        said = match.group("wd") + (" i naeste uge" if match.group("wdnext") else "")
        before = match.string[max(0, match.start() - 4) : match.start()]
        if before.endswith(("paa ", "pa ", "on ")):
            said = "paa " + said
        try:
            return parse_date(said, today)
        except BadDate:
            return None
    return _one_day(match, today)


def find_dates(folded: str, today: date) -> list[Found]:
    """Every date, span and period in folded text, left to right."""
    found: list[Found] = []
    for match in _SPAN.finditer(folded):
        start, end = match.span()
        group = match.lastgroup
        if match.group("w1"):
            first_week = int(match.group("wa"))
            last_week = int(match.group("wb") or first_week)
            if not 1 <= first_week <= 53 or not 1 <= last_week <= 53:
                continue
            try:
                first = _week(first_week, today)
                last = _week(last_week, today) + timedelta(days=4)
            except ValueError:
                continue
            period = f"week:{first_week}" if first_week == last_week else None
            found.append(Found(start, end, first, last, period))
        elif match.group("dd"):
            month_word = match.group("mon")
            tail = f". {month_word}" if month_word else ""
            try:
                if month_word:
                    last = parse_date(match.group("d2") + tail, today)
                    first = _on_or_before(last, int(match.group("d1")))
                else:
                    # `den 15. og 16.`: days of the month, the next such.
                    first_m = _DAYS.fullmatch(f"den {match.group('d1')}")
                    last_m = _DAYS.fullmatch(f"den {match.group('d2')}")
                    first_d = _one_day(first_m, today) if first_m else None
                    last_d = _one_day(last_m, today) if last_m else None
                    if first_d is None or last_d is None:
                        continue
                    first, last = first_d, last_d
            except BadDate:
                continue
            if last < first or (not month_word and _CLOCK.match(folded, end)):
                continue  # `9-3 on thursday`: hours of a day, not days
            found.append(Found(start, end, first, last))
        elif match.group("ddm") or match.group("mdd"):
            month_word = match.group("em") or match.group("mm")
            a, b = (
                (match.group("e1"), match.group("e2"))
                if match.group("ddm")
                else (
                    match.group("f1"),
                    match.group("f2"),
                )
            )
            joiner = "/" if match.group("ddm") else ". "
            try:
                first = parse_date(f"{a}{joiner}{month_word}", today)
                last = parse_date(f"{b}{joiner}{month_word}", today)
            except BadDate:
                continue
            if last < first:
                continue
            found.append(Found(start, end, first, last))
        elif group == "isorange":
            a, b = match.group(group).split("..")
            found.append(Found(start, end, date.fromisoformat(a), date.fromisoformat(b)))
        elif group == "nextweek":
            monday = today - timedelta(days=today.weekday()) + timedelta(weeks=1)
            found.append(Found(start, end, monday, monday + timedelta(days=4), "next_week"))
        elif group == "thisweek":
            monday = today - timedelta(days=today.weekday())
            found.append(Found(start, end, monday, monday + timedelta(days=4), "week"))
        elif group == "month":
            first = today.replace(day=1)
            last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
            found.append(Found(start, end, first, last, "month"))
        elif group == "year":
            found.append(Found(start, end, None, None, "year"))
        elif group == "xmas":
            year = today.year if today.month > 1 else today.year - 1
            found.append(Found(start, end, date(year, 12, 28), date(year, 12, 31)))
        elif group in ("bare", "short_month"):
            month = MONTHS[match.group(group)]
            year = today.year if month >= today.month else today.year + 1
            first = date(year, month, 1)
            last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
            found.append(Found(start, end, first, last))
        elif group == "day" or match.group("day"):
            inner = _DAYS.match(folded, start)
            day = _day_of(inner, today) if inner else None
            if day is not None:
                period = "today" if day == today and "dag" in match.group(0) else None
                found.append(Found(start, end, day, day, period))
    return _join_ranges(folded, _weekdays_placed(folded, found))


_WEEKDAY_ONLY = re.compile(rf"(?:{_LONG_WEEKDAYS})(?:'?s|en)?")
_WEEKDAY_NEXT_WEEK = re.compile(rf"(?:{_LONG_WEEKDAYS})(?:'?s|en)? (?:i )?(?:naeste uge|next week)")
_THEN_DATE = re.compile(r"^\s*,?\s*(?:den |d\.? ?|the )?$")
# Weekdays in one list or span: `mandag, tirsdag og onsdag`, `fra mandag til onsdag`.
_JOINED = re.compile(r"^\s*(?:og|and|,|eller|or|-|–|til|to|until|till|through|thru)\s*$")


def _weekdays_placed(folded: str, found: list[Found]) -> list[Found]:
    """A weekday that names the date after it (`tirsdag d. 12/1`) is that date; a weekday
    listed with one in a later week (`mandag, tirsdag og onsdag i næste uge`, `fra mandag til
    onsdag i næste uge`) is in that week too. Read right to left, so a whole list follows."""
    placed: list[Found] = []
    for here in reversed(found):
        there = placed[0] if placed else None
        said = folded[here.start : here.end]
        if there is None or here.first is None or not _WEEKDAY_ONLY.fullmatch(said):
            placed.insert(0, here)
            continue
        gap = folded[here.end : there.start]
        if (
            _THEN_DATE.match(gap)
            and there.first is not None
            and there.first == there.last
            and there.first.weekday() == here.first.weekday()
            and not _WEEKDAY_ONLY.fullmatch(folded[there.start : there.end])
        ):
            continue  # the date after it says which one
        if _JOINED.match(gap) and there.first is not None and _is_weekday(folded, there):
            day = here.first
            while day < there.first - timedelta(days=6):
                day += timedelta(weeks=1)
            placed.insert(0, Found(here.start, here.end, day, day, here.period))
            continue
        placed.insert(0, here)
    return _run_forward(folded, placed)


def _run_forward(folded: str, found: list[Found]) -> list[Found]:
    """`afspadsering fredag og mandag`: a listed weekday before the one named just before it is
    in the week after."""
    out: list[Found] = []
    for here in found:
        before = out[-1] if out else None
        if (
            before is not None
            and before.first is not None
            and here.first is not None
            and here.first == here.last
            and here.first < before.first
            and _JOINED.match(folded[before.end : here.start])
            and _WEEKDAY_ONLY.fullmatch(folded[here.start : here.end])
        ):
            day = here.first
            while day < before.first:
                day += timedelta(weeks=1)
            here = Found(here.start, here.end, day, day, here.period)
        out.append(here)
    return out


def _is_weekday(folded: str, found: Found) -> bool:
    said = folded[found.start : found.end]
    return bool(_WEEKDAY_ONLY.fullmatch(said) or _WEEKDAY_NEXT_WEEK.fullmatch(said))


def back_on(folded: str, found: Found) -> bool:
    """`er tilbage på torsdag`, `back on thursday`: the day a sick writer returns."""
    return bool(_BACK.search(folded[max(0, found.start - 24) : found.start]))


_BACK = re.compile(
    r"\b(?:tilbage|back|igen|retur|return\w*|kommer(?: nok| ind)?|coming (?:back"
    r"|in))\b(?:\s+\S+){0,2}\s*$"
)


def bare_weekday(folded: str, found: Found) -> bool:
    """`tirsdag`, `hans tirsdag`: a weekday that names no week of its own."""
    return bool(_WEEKDAY_ONLY.fullmatch(folded[found.start : found.end]))


_BETWEEN = re.compile(r"^\s*(?:-|–|til og med|til|to|until|through)\s*(?:den |d\. )?$")


def _join_ranges(folded: str, found: list[Found]) -> list[Found]:
    """`fra 21.12 til 2.1`, `21.12-2.1`, `from Dec 21 to Jan 2`: two days joined into a span."""
    joined: list[Found] = []
    i = 0
    while i < len(found):
        here = found[i]
        if i + 1 < len(found):
            there = found[i + 1]
            gap = folded[here.end : there.start]
            if (
                here.first is not None
                and here.first == here.last
                and there.first is not None
                and there.first == there.last
                and _BETWEEN.match(gap)
            ):
                last = _in_month_of(folded, here.first, there)
                if last is not None:
                    joined.append(Found(here.start, there.end, here.first, last))
                    i += 2
                    continue
        joined.append(here)
        i += 1
    return joined


_NTH_ONLY = re.compile(r"(?:den|d\.?|the) (\d{1,2})(?:\.|st|nd|rd|th)?")


def _in_month_of(folded: str, first: date, there: Found) -> date | None:
    """The end of a span from `first`: `there`, or a bare `the 8th` read in first's month."""
    assert there.first is not None
    if first <= there.first:
        return there.first
    bare = _NTH_ONLY.fullmatch(folded[there.start : there.end])
    if bare is None:
        return None
    try:
        last = first.replace(day=int(bare.group(1)))
    except ValueError:
        return None
    return last if last >= first else None


def opens_span(folded: str, found: Found) -> bool:
    """`fra 1.2`, `from february 1st`: a day that starts an open span."""
    before = folded[max(0, found.start - 12) : found.start]
    return bool(re.search(r"\b(?:fra|from|starting|fra og med)(?: den| d\.)? $", before))


# ---------------------------------------------------------------------------------------------
# Case numbers, kinds, roles, languages

_CASE = re.compile(
    r"(?:\b(?:sag(?:en)?|case|sagsnr|nr|no|number)\.? ?(?:nr\.? ?|no\.? ?|number )?#? ?|#)"
    r"(\d{1,6})\b"
)


def find_case(folded: str) -> str | None:
    """`sag 12`, `case #12`, `#12`, `nr. 12` → `12`."""
    match = _CASE.search(folded)
    return match.group(1) if match else None


_KINDS = (
    ("afspadsering", r"afspadser\w*|time off in lieu|toil|flex\w*"),
    ("barsel", r"barsel\w*|maternity\w*|paternity\w*|parental leave|orlov"),
    ("omsorgsdag", r"omsorgsdag\w*|care day"),
    ("kursus", r"kursus|kurset|course|training|uddannelse|konference|conference"),
    ("syg", r"sygemeld\w*|syg|sick|ill"),
    ("ferie", r"\w*ferie\w*|vacation|holiday|holidays|annual leave"),
    ("fri", r"fri|fridag|day off|off"),
)
_KIND_RES = tuple((kind, re.compile(rf"\b(?:{pattern})\b")) for kind, pattern in _KINDS)


def find_kind(folded: str) -> str | None:
    """The absence kind a sentence names: ferie, fri, afspadsering, kursus, syg, barsel,
    omsorgsdag (Danish values for English words too). A sick child is no kind of its own."""
    folded = re.sub(
        r"\b(?:syg|sygt|syge|sick) (?:barn|boern|child|kid|kids|children)\b", "", folded
    )
    for kind, pattern in _KIND_RES:
        if pattern.search(folded):
            return kind
    return None


_ROLES = (
    ("switchboard", r"omstilling\w*|switchboard|reception"),
    ("lead", r"\w*leder|lead|leader|team lead|manager|chef"),
    ("caseworker", r"sagsbehandler\w*|caseworker|case worker"),
)


_ROLE_RES = tuple((role, re.compile(rf"\b(?:{pattern})\b")) for role, pattern in _ROLES)


def find_role(folded: str) -> str | None:
    """The role named first (`make Anne a caseworker instead of a lead`)."""
    found = [(m.start(), role) for role, pattern in _ROLE_RES if (m := pattern.search(folded))]
    return min(found)[1] if found else None


# Patterns whose words the typo reader (understanding.intents) knows.
VOCABULARY_SOURCES: tuple[str, ...] = (
    _SPAN.pattern,
    _CASE.pattern,
    *(p for _, p in _KINDS),
    *(p for _, p in _ROLES),
    "engelsk english dansk danish",
)


def find_language(folded: str) -> str | None:
    if re.search(r"\b(?:engelsk|english|eng)\b", folded):
        return "en"
    if re.search(r"\b(?:dansk|danish|danske?)\b", folded):
        return "da"
    return None


# ---------------------------------------------------------------------------------------------
# People

_MENTION = re.compile(r"@([^\W\d_][\w'-]*(?: [A-ZÆØÅ][\w'-]*){0,2})")
_ME = re.compile(r"\b(?:mig|jeg|me|i|my|mine|min|mit|myself)\b")
_STOP = frozenset(
    fold(w)
    for w in _words(
        "jeg du han hun vi i de det den der mig dig os jer man en et og eller til fra på af med "
        "om for hej tak ja nej kan skal vil har er var ikke lige sød være give giv tag flyt sæt "
        "the a an to of on in is are can will i me my you he she we they it and or please hi "
        "hey thanks team nord syd øst vest mandag tirsdag onsdag torsdag fredag lørdag søndag "
        "monday tuesday wednesday thursday friday saturday sunday rota vagt vagtplan sag case"
    )
)


# A member's single name that is a place (`i Lund`) or the verb `bo` (`skal bo i …`).
_NOT_A_PERSON = re.compile(
    r"\b(?:i|ved|in|at) [A-ZÆØÅ]\w+$|\b(?:skal|vil|kan|at|må|maa) bo (?:i|på|paa|hos|sammen)\b"
)


@lru_cache(maxsize=256)
def _key(text: str) -> str:
    """Looser than fold, as rules.names matches: `Søren`, `Soeren` and `Soren` are one."""
    return fold(text).replace("aa", "a").replace("oe", "o").replace("ae", "a")


@lru_cache(maxsize=64)
def _roster(names: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """The members' full names and the single words of their names, as keys."""
    full = frozenset(_key(n) for n in names)
    words = frozenset(w for n in names for w in _key(n).split(" "))
    return full, words


@dataclass(frozen=True)
class Person:
    start: int
    end: int
    name: str  # as written, or "me"


def find_people(text: str, names: Sequence[str]) -> list[Person]:
    """@mentions, team members' names (first name or full name, as written) and the writer
    (`mig`, `jeg`, `me`, `I`), left to right. Without a roster, a capitalised word inside a
    sentence that is no common word is taken as a name."""
    people: list[Person] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    for match in _MENTION.finditer(text):
        name = match.group(1)
        if name.endswith("'s"):
            name = name[:-2]
        people.append(Person(match.start(), match.end(), name))
        taken.append(match.span())
    full_names, name_words = _roster(tuple(names))
    words = list(re.finditer(r"[^\W\d_][\w-]*(?:'s)?", text))
    i = 0
    while i < len(words):
        word = words[i]
        raw = word.group(0)
        bare = raw[:-2] if raw.endswith("'s") else raw
        if not free(*word.span()) or fold(bare) in _STOP:
            i += 1
            continue
        # A full name first (two words), then one word.
        if i + 1 < len(words):
            pair = f"{bare} {words[i + 1].group(0).removesuffix(chr(39) + 's')}"
            if _key(pair) in full_names:
                people.append(Person(word.start(), words[i + 1].end(), pair))
                taken.append((word.start(), words[i + 1].end()))
                i += 2
                continue
        if names:
            hit = len(bare) >= 2 and _key(bare) in name_words
        else:
            hit = bare[:1].isupper() and word.start() > 0 and len(bare) >= 2
        if hit and _NOT_A_PERSON.search(text[max(0, word.start() - 6) : word.end() + 4]):
            hit = False  # `kursus i Lund`, `skal bo i sommerhus`: a place, the verb `bo`
        if hit:
            people.append(Person(word.start(), word.end(), bare))
            taken.append(word.span())
        i += 1
    folded_spaces = text.lower()
    for match in _ME.finditer(folded_spaces):
        if free(*match.span()):
            people.append(Person(match.start(), match.end(), "me"))
    people.sort(key=lambda p: p.start)
    return people
