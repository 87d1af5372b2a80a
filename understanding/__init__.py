"""What a chat message asks for: an intent from the routing table, with its slots (#14).

Pure and deterministic: phrase patterns and slot parsers over folded text, no model, no
network. `understand("kan du lige overdrage sag 26 til @Karen Friis, tak!", today)` →
`Understood("reassign", {"target": "Karen Friis", "case": "26"}, ...)`. The slot keys and
value formats are those of tests/data/README-phrases.md.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import MappingProxyType

from rules.text import fold
from understanding.asking import asks_for_change
from understanding.intents import canonical, guarded, normalise, score, smalltalk, unpadded
from understanding.neighbours import resembles
from understanding.slots import (
    Found,
    Person,
    back_on,
    bare_weekday,
    find_case,
    find_dates,
    find_kind,
    find_language,
    find_people,
    find_role,
    opens_span,
)

__all__ = ["CHANGES_DATA", "READ_ONLY", "Understood", "understand"]

# Intents that change data: the dialogs confirm them before acting on free text.
CHANGES_DATA: frozenset[str] = frozenset(
    {
        "away",
        "swap",
        "sick",
        "reassign",
        "set_duty",
        "generate",
        "role",
        "on_rota",
        "off_rota",
        "workdays",
        "code",
        "join",
        "language",
        "new_case",
        "new_calendar",
        "announce_here",
        "switch_team",
    }
)
READ_ONLY: frozenset[str] = frozenset(
    {
        "help",
        "duty",
        "check",
        "briefing",
        "rota",
        "my_duties",
        "case",
        "my_cases",
        "cases_today",
        "cases_week",
        "stats",
        "my_absences",
        "swaps",
        "history",
        "calendar",
        "team_calendar",
        "members",
        "settings",
        "setup",
    }
)


@dataclass(frozen=True)
class Understood:
    intent: str  # a routing-table command name (dialogs/routing.py), "smalltalk" or "none"
    slots: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    confidence: float = 0.0  # 0..1
    alternatives: tuple[str, ...] = ()  # the next likeliest intents, best first, at most 3


NOTHING = Understood("none", MappingProxyType({}), 1.0, ())
# Longer messages are not read (the time grows with the number of names in a message).
LONGEST = 2000


def understand(text: str, today: date, names: Sequence[str] = ()) -> Understood:
    """The intent and slots of one chat message, dates resolved against `today`; `names`
    are the display names of the team's members (to recognise people)."""
    if len(text) > LONGEST:
        return NOTHING  # a letter, a pasted log: no command, and not worth the time
    folded = canonical(text)  # once: the intent rules and the slot parsers read the same text
    words = normalise(folded)
    if not words:
        return NOTHING
    if smalltalk(words):
        return Understood("smalltalk", MappingProxyType({}), 0.9, ())
    ranked = score(words)
    said = words
    if (bare := unpadded(words)) != words:
        # `hi vagt`, `sager please`: the request without its padding counts too.
        best = dict(ranked)
        for intent, weight in score(bare):
            best[intent] = max(weight, best.get(intent, 0))
        ranked = sorted(best.items(), key=lambda item: -item[1])
        words = bare
    if not ranked:
        if _THANKS.match(words) and not _ASKS.search(words):
            return Understood("smalltalk", MappingProxyType({}), 0.7, ())
        return _resembling(text, folded, words, today, names) or NOTHING
    intent, weight = ranked[0]
    alternatives = tuple(i for i, _ in ranked[1:4])
    if guarded(words):
        # A sentence that only looks like a request: offer the read-only readings, never act.
        return Understood("none", MappingProxyType({}), 0.6, _read_only(ranked))
    dates = find_dates(folded, today)
    if intent == "sick" and _CHILD_SICK.search(words):
        # The writer is well: someone to take the duty, the writer at home, or just news.
        stays_home = _STAYS_HOME.search(words)
        intent = "swap" if "swap" in dict(ranked) else "away" if stays_home else "none"
    intent = _refine(intent, words, dates, today, folded)
    if intent == "none":
        # Only a question the dates turned down may be read by resemblance: a change they
        # turned down (a past day, a weekend) stays turned down.
        second = ranked[0][0] in READ_ONLY and _resembling(text, folded, words, today, names)
        return second or Understood("none", MappingProxyType({}), 0.5, alternatives)
    slots = _slots(intent, text, folded, dates, today, names)
    if intent in CHANGES_DATA and not asks_for_change(intent, words, said, slots, text):
        return Understood("none", MappingProxyType({}), 0.5, _read_only(ranked))
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    confidence = round(min(1.0, 0.5 + 0.05 * (weight - runner_up) + 0.02 * weight), 2)
    return Understood(intent, MappingProxyType(slots), confidence, alternatives)


def _read_only(ranked: Sequence[tuple[str, int]]) -> tuple[str, ...]:
    return tuple(i for i, _ in ranked if i not in CHANGES_DATA)[:3]


# The writer at home with a sick child (`bliver hjemme`, `skal passes`).
_STAYS_HOME = re.compile(
    r"\b(?:bliver hjemme|er hjemme|blive hjemme|skal passes|staying home|stay home|home with"
    r"|kan ikke komme|won t be in|can t come in|holder fri|tager fri|kan ikke vaere her)\b"
)


# Thanks with more words and no request in them (`mange tak, nu forstår jeg det`).
_THANKS = re.compile(r"(?:(?:mange|tusind|1000) )?tak\b|thanks?\b|thank you\b|ty\b")
# … unless it goes on to ask something (`tak, kan du sende mig referatet?`, `thanks to the snow`)
_ASKS = re.compile(
    r"\?|\b(?:kan|kunne|vil|skal|can|could|would|will|shall|send|men|but|ikke|not|to the)\b"
)
_FEWEST_WORDS = 4
# A word of the hotline's own: a sentence without one is asked of someone else.
_DOMAIN = re.compile(
    r"\b(?:vagt\w*|telefon\w*|tlf|hotline\w*|fastholdelse\w*|sag|sager|sagen|sagerne|case|cases"
    r"|rota|vagtplan\w*|duty|duties|shifts?|fravaer\w*|ferie\w*|absences?|team\w*|byt\w*"
    r"|swap\w*|kalender\w*|calendar|opkald\w*|calls?|omstilling\w*|switchboard|borger\w*"
    r"|arbejdsgiver\w*|employer\w*|medarbejder\w*|employee\w*|ansat\w*|sygemeld\w*|syg\w*"
    r"|sick|caller|ringer|statisti\w*|stats|members|medlem\w*|bot|botten|jer|hjaelp|help)\b"
)


def _resembling(
    text: str, folded: str, words: str, today: date, names: Sequence[str]
) -> Understood | None:
    """A question the patterns missed but the labelled examples recognise (never a change:
    understanding/neighbours.py says why)."""
    if len(words.split()) < _FEWEST_WORDS:
        return None  # `could you maybe`, `ok men hvad så`: a half sentence is no question
    if not _DOMAIN.search(words) or guarded(words):
        return None  # `hvem er med til fredagsbar i dag`: a question, but not to the bot
    intent = resembles(folded, READ_ONLY)
    if intent is None:
        return None
    dates = find_dates(folded, today)
    if _refine(intent, words, dates, today, folded) != intent:
        return None
    slots = _slots(intent, text, folded, dates, today, names)
    if intent == "check" and "text" not in slots:
        # A description in a frame no pattern knows: the whole message is the description.
        slots["text"] = text.strip(" ?!.,:;")
    return Understood(intent, MappingProxyType(slots), 0.5, ())


_DUTY_WORDS = re.compile(
    r"\b(?:vagt\w*|telefon\w*|tlf|fastholdelse\w*|hotline\w*|duty|phone|on call|nu|now"
    r"|calls|retention|line|linjen)\b|\bhar den(?: \?)*$"
)
_SWAP_WORDS = re.compile(r"\b(?:vagt\w*|telefon\w*|tlf|shift\w*|duty|duties|phone|dag\w*|day\w*)\b")
# Spans with no dates of their own: who has the phone over them is the rota.
_VAGUE_SPAN = re.compile(
    r"\b(?:i julen|over jul(?:en)?|hen over jul(?:en)?|mellem jul og nytaar|de (?:naeste|kommende)"
    r" (?:uger|dage)|resten af (?:ugen|maaneden)|over christmas|the coming weeks)\b"
)
_EXPLICIT_AWAY = re.compile(
    r"\b(?:fravaer\w*|away|melde?r?|registrer\w*|register|notere|skriv\w*)\b"
)


def _refine(intent: str, words: str, dates: list[Found], today: date, folded: str) -> str:
    """Second thoughts that need the dates: a week asked of `duty` is the rota; a request
    that changes data needs something to act on, and never a day in the past."""
    if re.fullmatch(r"(?:byt|bytte|swap|fravaer|away)", words):
        return intent
    days = [f for f in dates if f.first is not None]
    span = any(f.first != f.last for f in days)
    if intent == "duty":
        if not days and not _DUTY_WORDS.search(words):
            return "none"
        if span and re.search(r"\b(?:har jeg|jeg har|am i|do i|i have|i m|mine|my)\b", words):
            return "my_duties"
        if span or _VAGUE_SPAN.search(words):
            return "rota"
    if intent == "sick":
        sick_days = [f for f in days if not back_on(folded, f)]
        first = sick_days[0].first if sick_days else None
        if first is not None and (sick_days[0].last or first) < today:
            return "none"  # `half the office went home sick yesterday`: news
        if first is not None and first > today:
            return "away"  # `syg i morgen`, `syg fra 14.12`: an absence, not sick now
    if intent in ("away", "swap", "set_duty") and days:
        last = days[0].last or days[0].first
        if last is not None and last < today:
            return "none"
    if intent in ("swap", "set_duty", "away") and days and days[0].first == days[0].last:
        first = days[0].first
        if first is not None and first.weekday() >= 5:  # no duty on a weekend day
            return "none"
    if intent == "away" and not days and not _EXPLICIT_AWAY.search(words):
        return "none"
    if intent == "swap" and not days and not _SWAP_WORDS.search(words):
        return "none"
    return intent


def _slots(
    intent: str, text: str, folded: str, dates: list[Found], today: date, names: Sequence[str]
) -> dict[str, str]:
    slots: dict[str, str] = {}
    if intent in ("rota", "stats"):
        period = next((f.period for f in dates if f.period), None)
        span = next((f for f in dates if f.first is not None and f.first != f.last), None)
        if period:
            slots["period"] = period
        elif span is not None and span.first is not None and span.last is not None:
            slots["first"], slots["last"] = span.first.isoformat(), span.last.isoformat()
        return slots
    if intent in ("duty", "history", "set_duty", "sick"):
        day = next(
            (
                f.first
                for f in dates
                if f.first is not None
                and f.first == f.last
                and not (intent == "sick" and back_on(folded, f))
            ),
            None,
        )
        if day is not None:
            slots["date"] = day.isoformat()
    elif intent in ("away", "my_duties", "generate", "my_absences") or (
        intent == "swap" and dates and dates[0].first != dates[0].last
    ):
        _span(slots, dates, folded)
    elif intent == "swap":
        singles = [f for f in dates if f.first is not None and f.first == f.last]
        days = [f.first for f in singles if f.first is not None]
        if days:
            slots["date"] = days[0].isoformat()
        between = folded[singles[0].end : singles[1].start] if len(singles) > 1 else ""
        if (
            len(days) > 1
            and days[1] != days[0]
            and not re.fullmatch(r"\s*(?:eller|or)\s*", between)
        ):
            offered = days[1]
            if offered == today < days[0]:  # `din mandag` said on a Monday: next week's
                offered += timedelta(weeks=1)
            if bare_weekday(folded, singles[1]):
                # `min torsdag i næste uge mod hans tirsdag`: his Tuesday of that week
                while offered < days[0] - timedelta(days=days[0].weekday()):
                    offered += timedelta(weeks=1)
            slots["offered"] = offered.isoformat()
    if intent in ("duty", "away", "sick", "set_duty", "role", "on_rota", "off_rota", "workdays"):
        person = _person(intent, text, names, dates, folded)
        if person:
            slots["person"] = person
    if intent in ("swap", "reassign"):
        target = _target(intent, text, names, folded)
        if target:
            slots["target"] = target
    if intent == "away" and (kind := find_kind(folded)) and not _HOME_WITH_SICK.search(folded):
        slots["kind"] = kind
    if intent in ("case", "reassign"):
        number = find_case(folded) or _bare_number(folded)
        if number:
            slots["case"] = number
    if intent in ("role", "code") and (role := find_role(_without_people(text, names))):
        slots["role"] = role
    if intent == "language" and (language := find_language(folded)):
        slots["language"] = language
    if intent == "check" and (said := check_text(text)):
        slots["text"] = said
    return slots


# The writer at home with someone sick: away, but not sick themselves.
_CHILD = (
    r"(?:(?:my|min|mit) (?:kid|child|son|daughter|little one|barn|datter|soen|dreng|pige|lille)"
    r"|ungen|barnet|den lille|drengen|pigen|the kid|the baby)"
)
_CHILD_SICK = re.compile(
    rf"\b{_CHILD} (?:is|er|har|has|got|fik|har faaet) (?:a |en )?(?:sick|ill|syg\w*|feber|fever)\b"
)
_HOME_WITH_SICK = re.compile(
    rf"\bhjemme med (?:ham|hende|barnet|ungen|den lille)\b|{_CHILD_SICK.pattern}"
)


def _span(slots: dict[str, str], dates: list[Found], folded: str) -> None:
    days = [f for f in dates if f.first is not None]
    if not days:
        return
    one, two = days[0], days[1] if len(days) > 1 else None
    first, last = one.first, one.last
    if (
        two is not None
        and one.first == one.last
        and two.first == two.last
        and first is not None
        and two.first is not None
        and two.first > first
    ):
        # `lav vagtplan 4.1 29.1`: two days are the two ends; `mandag, tirsdag og onsdag`:
        # a list runs to its last day
        last = max(f.first for f in days if f.first is not None and f.first == f.last)
    assert first is not None and last is not None
    if first == last:
        if opens_span(folded, days[0]):
            slots["first"] = first.isoformat()
        else:
            slots["date"] = first.isoformat()
        return
    slots["first"] = first.isoformat()
    slots["last"] = last.isoformat()


def _person(
    intent: str, text: str, names: Sequence[str], dates: list[Found], folded: str
) -> str | None:
    people = find_people(text, names)
    named = [p for p in people if p.name != "me"]
    if named:
        return named[0].name
    if intent == "duty" and re.search(
        r"\b(?:har jeg|am i|do i|er jeg|have i|is it me|er det mig|det er mig)\b", folded
    ):
        return "me"
    if intent == "workdays" and re.search(r"\b(?:mine|my|jeg|i)\b", folded):
        return "me"
    return None


# The words before the person a case goes to (`til Bo`), or a swap is made with (`med Bo`).
_GOES_TO = re.compile(r"\b(?:til|to)\s+@?$")
_GOES_TO_OR_WITH = re.compile(r"\b(?:til|to|with|med)\s+@?$")


# The writer takes the case: `jeg tager sag 52, så Bo ikke …`, `put case 38 on me`.
_TAKES_IT = re.compile(
    r"\b(?:jeg|i) (?:kan godt |vil gerne |ll |will )?(?:tager?|overtager?|take|take over)"
    r" (?:lige |gerne )?(?:sag|case)\b|\b(?:sag|case) (?:nr )?#? ?\d+ (?:on|to|til|paa) (?:me"
    r"|mig)\b"
)


def _target(intent: str, text: str, names: Sequence[str], folded: str) -> str | None:
    if intent == "reassign" and _TAKES_IT.search(folded.replace("'", " ").replace("’", " ")):
        return "me"
    people = find_people(text, names)
    named: list[Person] = [p for p in people if p.name != "me"]
    if named:
        # `Karen er væk, flyt sag 18 til Bo`: the one it goes to, if a `til`/`to` says so
        marks = _GOES_TO if intent == "reassign" else _GOES_TO_OR_WITH
        receiving = [p for p in named if marks.search(text[max(0, p.start - 8) : p.start])]
        if not receiving:
            return named[0].name
        return (receiving[-1] if intent == "reassign" else receiving[0]).name
    if intent == "reassign" and re.search(
        r"\b(?:til mig|to me|jeg tager|jeg overtager|i ll take|i take)\b",
        folded.replace("'", " ").replace("’", " "),
    ):
        return "me"
    return None


def _bare_number(folded: str) -> str | None:
    """`overdrag 12 til Bo`: the number right after the verb."""
    match = re.search(r"\b(?:overdra\w*|reassign|overdrg)\s+#?(\d{1,6})\b", folded)
    return match.group(1) if match else None


def _without_people(text: str, names: Sequence[str]) -> str:
    folded = canonical(text)
    for name in names:
        folded = folded.replace(canonical(name), " ")
    return folded


# The switchboard's frame around a caller's description, as written (not folded: the text
# slot is a piece of the message).
_FRAMES_BEFORE = re.compile(
    r"^\s*(?:(?:hej|hi|hey|please|vil du være sød at)\W*\s+)*(?:tjek|check)\b\s*:?\s*"
    r"|^.*?\b(?:hører|hoerer|horer) (?:det|opkaldet) (?:her )?til"
    r" (?:jer|fastholdelse\w*)\s*\??\s*(?::|\s(?:når|naar|hvis|when|if)\b)\s*"
    r"|^does this belong to (?:you|the hotline|jer)\s*\??\s*:\s*"
    r"|^(?:mht\.?|ang\.?|angående|angaaende|vedr\.?|regarding|re:)\s+"
    r"|^kan i tage den her\s*:\s*"
    r"|^.*?\ber det (?:jer|fastholdelse\w*|hotline\w*) der (?:skal have|tager sig af|svarer på)\s+"
    r"|^(?:jeg )?har (?:en|et) (?:på|paa|i) (?:linjen|røret|roeret)\s*[-–:,]\s*"
    r"|^(?:der )?ringer\s+(?=(?:en|et) )|^there'?s\s+(?=(?:a|an) )"
    r"|^hvem skal jeg (?:give|stille|sende)(?: videre| om)?\s+(?=(?:en|et|denne"
    r"|den her)\b.*\btil\W*$)"
    r"|^(?:jeg har|i have|i've got|har)\s+(?=(?:en|et|a|an) )"
    r"|^is this (?:one )?for you(?: guys)?\s*\?\s*"
    r"|^skal jeg stille (?:videre )?(?:om )?til [\wæøå]+\s*:\s*"
    r"|^.*?\ber det jer der tager\s+"
    r"|^kan i (?:tage|hjælpe|hjaelpe)\s+"
    r"|^(?:who|hvem) (?:handles|deals with|takes care of|tager sig af|haandterer|håndterer)\s+"
    r"|^is it you(?: guys)? (?:who|that) (?:takes?|handles?|deals? with)\s+"
    r"|^can you guys (?:take|help(?: with)?)\s+"
    r"|^(?:does|do|is|are|would|will)\s+(?:(?:a|the|this) call(?:er)? (?:from|about)\s+)?"
    r"(?=.*\b(?:go(?:es)?|belong\w*) to (?:you|the hotline))"
    r"|^should i (?:put through|send|transfer|forward)\s+"
    r"|^do you(?: guys)? (?:handle|deal with|take care of)\s+"
    r"|^(?:is|are)\s+(?=.*\bfor (?:you|the hotline))"
    r"|^quick q\w*\s*[-–:,]?\s*"
    r"|^er\s+(?=.*\bnoget for (?:jer|fastholdelse))"
    r"|^(?:har|got|i'?ve got|i have)\s+(?=.*\b(?:i røret|i roeret|on the line)\b)"
    r"|^skal jeg (?:stille|sende|give|viderestille)\s+(?=.*\b(?:videre|om) til)"
    r"|^skal\s+(?=.*\btil (?:jer|fastholdelse\w*)\W*$)"
    r"|^(?:hører|hoerer|horer)\s+(?=.*\btil (?:jer|fastholdelse\w*)\W*$)",
    re.IGNORECASE,
)
_FRAMES_AFTER = re.compile(
    r"\s*(?:(?:[,.]|\s[-–])\s*(?:er det jer|jer(?:es(?: bord)?| eller\b.*)?|tjek|check"
    r"|is that (?:the hotline|you|for you)(?: guys)?"
    r"|(?:stiller|sender) jeg (?:\w+ ){0,2}til (?:jer|fastholdelse\w*)"
    r"|hører det til\s+\w+|hoerer det til \w+|skal (?:hun|han|de) (?:over )?til jer"
    r"|er det noget for (?:jer|fastholdelse\w*|hotline\w*)"
    r"|yours"
    r"|do you (?:guys )?(?:take|handle|deal with) (?:those|these|them|that|this|it)"
    r"|(?:skal|kan) jeg (?:[\wæøå]+ ){0,3}til (?:jer|fastholdelse\w*))"
    r"|\s+(?:go(?:es)?|belong\w*) to (?:you(?: guys)?|the hotline|jer)"
    r"|,?\s+one for the hotline"
    r"|(?:\s+(?:something|anything))?\s+for you(?: guys)?|\s+to you(?: guys)?"
    r"|\s+noget for (?:jer|fastholdelse\w*)"
    r"|\s+(?:videre|om) til (?:jer|fastholdelse\w*)|,?\s*is it you"
    r"|(?:[,.]\s*|\s+)(?:hvor skal (?:han|hun|de|vedkommende) hen"
    r"|skal (?:han|hun|de) have fat i jer)"
    r"|\s+er det (?:jer|fastholdelse\w*)|,\s*you guys"
    r"|\s+skal? (?:hun|han|de) (?:have|ha|til) (?:fat i )?jer"
    r"|(?<=\w)\s+til (?:jer|fastholdelse\w*)|(?<=\w)\s+til(?=\W*$))"
    r"[^\w]*$",
    re.IGNORECASE,
)


_GREETING = re.compile(
    r"^\s*(?:hej|hejsa|hi|hey|hello|good morning|god ?morgen|goddag)\b\W*", re.IGNORECASE
)
# What is left of a frame with no description in it (`hører opkaldet her til jer?`).
_NO_DESCRIPTION = re.compile(r"(?:(?:det|her|dette|opkald|opkaldet|this|the|that|call|one)\b\s*)+")
# A question about how to check, not a call to check.
_HOW_TO = re.compile(r"^(?:hvordan|how do i|how can i)\b", re.IGNORECASE)


def check_text(text: str) -> str | None:
    """The caller's situation in a switchboard question, without the question's frame."""
    whole = _GREETING.sub("", text.strip())
    rest = whole
    before = _FRAMES_BEFORE.match(rest)
    if before:
        rest = rest[before.end() :]
    rest = _FRAMES_AFTER.sub("", rest)
    rest = _without_frame_clauses(rest).strip(" ?!.,:;")
    if not rest or fold(rest) in ("tjek", "check") or len(rest.split()) < 2:
        return None
    if _NO_DESCRIPTION.fullmatch(fold(rest)) or _HOW_TO.match(whole):
        return None
    if rest == whole.strip(" ?!.,:;"):
        return None
    return rest


# A clause of a switchboard question that only asks where the call goes (`skal jeg stille
# hende videre?`, `is this one for you guys?`, `hvem skal have den her`), not who called.
_FRAME_CLAUSE = re.compile(
    r"\b(?:jer|(?:for|to|is that|is it|are) you(?: guys)?|you guys|(?:the|til|for) hotline\w*"
    r"|til fastholdelse\w*|stille\w*(?: \w+)? (?:videre|om)"
    r"|viderestille\w*|put (?:\w+ )?(?:through|thru)|transfer|forward|belong\w*|hvem skal have"
    r"|hvor skal|which team|what team|hvilket team|hvem tager"
    r"|should i (?:send|put|transfer|forward)|i m new|i'm new|jeg er ny|who takes"
    r"|dumb question|dumt spørgsmål|you or|not you|can you check|jeg er i tvivl|i m not sure"
    r"|i'm not sure|not sure)\b",
    re.IGNORECASE,
)
# A clause ends at punctuation, a dash between spaces, or an emoji between words.
_CLAUSE_BREAK = re.compile(r"[,;:?!.]+\s+|\s+[-–]\s+|[?!.]+$|\s+[^\w\s,;:?!.'’-]+\s+")


def _without_frame_clauses(text: str) -> str:
    """`text` without the frame clauses at its start and end (at most nine words each)."""
    clauses: list[tuple[int, int]] = []
    start = 0
    for brk in _CLAUSE_BREAK.finditer(text):
        if brk.start() > start:
            clauses.append((start, brk.start()))
        start = brk.end()
    if start < len(text):
        clauses.append((start, len(text)))

    def frame(span: tuple[int, int]) -> bool:
        clause = text[span[0] : span[1]]
        return len(clause.split()) <= 9 and bool(_FRAME_CLAUSE.search(clause))

    if len(clauses) > 1 and all(frame(c) for c in clauses):
        return ""  # `hører det opkald til jer? jeg er i tvivl`: a frame and nothing else
    while len(clauses) > 1 and frame(clauses[0]):
        clauses.pop(0)
    while len(clauses) > 1 and frame(clauses[-1]):
        clauses.pop()
    return text[clauses[0][0] : clauses[-1][1]] if clauses else text
