"""Which language to answer in: one rule for every reply, refusals and errors included.

The language a person chose (`sprog`) always wins; else a message clearly written in Danish or
English is answered in that language; else the team's language; the Teams locale only for
someone the bot knows no team for.
"""

import re
from collections.abc import Callable

from rules.text import fold


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that are clearly one language's (folded: æ → ae, ø → oe, å → aa). Words both languages
# share in this field ("status", "team", "hotline", "i", "for", names, dates) count for neither.
_DANISH = _words(
    """
    jeg du er har hvem hvad hvornaar hvorfor hvordan hvilke hvilken kan skal vil maa ikke og
    eller med til fra paa af om den det de mig min mine mit dig din dine vi os jer hej tak
    godmorgen goddag venlig hilsen lige gerne ogsaa nu idag imorgen dag dage uge maaned naeste
    sidste uger vagt vagten vagter vagtplan vagtplanen telefonen fastholdelsestelefonen byt
    bytte bytter sag sagen sager sagerne ny nyt ferie fri fravaer syg sygemeldt kursus
    afspadsering omstilling hjaelp hjaelpe medlemmer rolle leder sagsbehandler kalender mit
    sprog dansk engelsk tjek overdrag historik statistik indstillinger tilmeld kode mandag
    tirsdag onsdag torsdag fredag lordag loerdag sondag soendag januar februar marts maj juni
    juli oktober
    """
)
_ENGLISH = _words(
    """
    im i'm am is are was has have who what when why how which can could will would should not
    and or with to from on of the a an my me mine you your we us hi hello thanks thank please
    today tomorrow day days week month next last duty duties rota phone swap swaps case cases
    new vacation holiday off sick leave course switchboard help members role lead caseworker
    calendar language danish english check reassign history stats settings join code monday
    tuesday wednesday thursday friday saturday sunday january february march may june july
    october away
    """
)
_WORD = re.compile(r"[a-z']+")


def detect(text: str) -> str | None:
    """'da' or 'en' when the text is clearly written in one of them, else None."""
    words = _WORD.findall(fold(text))
    if not words:
        return None
    danish = sum(w in _DANISH for w in words)
    english = sum(w in _ENGLISH for w in words)
    if danish > english:
        return "da"
    if english > danish:
        return "en"
    return None


def choose(chosen: str | None, written_in: str | None, team: str | None, locale: str) -> str:
    """The language of the answer: `chosen` (the person's own choice), else the one the message
    is clearly `written_in` (`detect`), else the `team`'s language, else the Teams `locale`'s."""
    return choose_asking(chosen, lambda: written_in, lambda: team, locale)


def choose_asking(
    chosen: str | None,
    written_in: Callable[[], str | None],
    team: Callable[[], str | None],
    locale: str,
) -> str:
    """`choose`, asking each source only when those before it say nothing: the answer's
    language is worked out on every turn, and reading a message or a team costs (#17)."""
    return chosen or written_in() or team() or locale
