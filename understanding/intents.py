"""Which command a sentence asks for: weighted phrase patterns over normalised words.

The text is folded (`rules.text.fold`), split into words, and a word that is no known word
but one letter away from a domain word (`sagr`, `vagtr`, `overdrg`, `hvm`) is read as that
word (rapidfuzz's OSA distance: Levenshtein with a swap of neighbours as one edit). Each
intent has patterns with a weight; the best weight wins, the runners-up are the
alternatives. Guards first: a sentence that only looks like a request (`min mand har
vagt`, `syg af papirarbejde`, `I'm sick of this weather`) is `none` whatever else matches.
"""

import re
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from rules.text import fold
from understanding.literals import required
from understanding.slots import MONTH, VOCABULARY_SOURCES


def _words(text: str) -> list[str]:
    return text.split()


# Domain words a typo is read as, longer forms first (a tie goes to the first).
VOCABULARY = (
    "fastholdelsestelefonen",
    "indstillinger",
    "afspadsering",
    "arbejdsdage",
    "medlemmer",
    "opsaetning",
    "vagtplanen",
    "telefonen",
    "sygemeldt",
    "omstilling",
    "statistik",
    "vagtplan",
    "overdrage",
    "overdrag",
    "historik",
    "kalender",
    "absences",
    "settings",
    "calendar",
    "members",
    "history",
    "tilmeld",
    "hotline",
    "vagter",
    "vagten",
    "fravaer",
    "hjaelp",
    "kursus",
    "bytter",
    "byttes",
    "duties",
    "sager",
    "bytte",
    "cases",
    "swaps",
    "ferie",
    "sprog",
    "vagt",
    "hvem",
    "mine",
    "rota",
    "duty",
    "swap",
    "sick",
    "help",
    "syg",
)
# Ordinary words one letter from a domain word: never corrected.
COMMON = frozenset(
    _words(
        "hjem hele mand mind dage sage sagt fage vage vagn hvis hver hvor hvad have rote "
        "note mina mile mike dine sine fine line wine nine ikke duly dusty swan sock rock "
        "suck sicker hele heller hello held hell heap helt hold ferien feriens ferier kurser "
        "byen bytter vagts sagde sagen tager agter hotel hoteller mit min mig byte bite case minde "
        "hjaelpe siger byttet sag sagt byttede vagtens helps helper mines miner swapped cased "
        "caser dusty rotas ruta sagte vagte sicko seks "
        # real words one edit from a longer domain word (`status` is no `stats`)
        "status fristen match chance round caller ligger lukker laver starte lader melder "
        "skifte dagen hotlinen giver hoere hoert hoerte frisoer seats seat bitte"
    )
)


@lru_cache(maxsize=8192)
def _correct(word: str) -> str:
    if word in _KNOWN or len(word) < 3 or not word.isalpha():
        return word
    # One edit, a swap of two neighbours counting as one (`sgy`, `vgat`, `fredg`, `morrgen`).
    vocabulary = _LONG if len(word) >= 5 else VOCABULARY
    best = process.extractOne(word, vocabulary, scorer=OSA.distance, score_cutoff=1)
    if best is None:
        return word
    choice = best[0]
    # A typo rarely hits the first letter; a word that differs there is another word
    # (`keder`/`leder`, `where`/`there`).
    if choice[0] != word[0]:
        return word
    # Three letters allow no more than a missing letter (`hvm` → `hvem`) or a swap (`sgy`).
    if len(word) == 3 and len(choice) != 4 and sorted(word) != sorted(choice):
        return word
    return choice


# Words written with `a`/`o` for `å`/`æ`/`ø` (no Danish keyboard) and English contractions
# without the apostrophe, read as the folded spelling. Longer words are found by `_correct`
# (`naste` is one letter from `naeste`); these are too short for that.
_NO_AA = {
    "whos": "who s",
    "dont": "don t",
    "cant": "can t",
    "wont": "won t",
    "pa": "paa",
    "hvornar": "hvornaar",
    "ga": "gaa",
    "gar": "gaar",
    "sa": "saa",
    "fa": "faa",
    "faet": "faaet",
    "abne": "aabne",
    "aben": "aaben",
    "nar": "naar",
    "ar": "aar",
    "aret": "aaret",
    "vak": "vaek",
    "vare": "vaere",
    "sod": "soed",
    "gor": "goer",
    "sloj": "sloej",
    "maned": "maaned",
    # short forms of a chat
    "mrg": "i morgen",
    "imrg": "i morgen",
    "pls": "please",
    "plz": "please",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "tmrow": "tomorrow",
    "tommorow": "tomorrow",
    "tommorrow": "tomorrow",
    "tomorow": "tomorrow",
    "u": "you",
    "thru": "through",
    "ska": "skal",
    "ur": "your",
    "medarb": "medarbejder",
    # short weekdays (`fri` is Danish for a day off: see _SAME)
    "tirs": "tirsdag",
    "ons": "onsdag",
    "tors": "torsdag",
    "fre": "fredag",
    "tue": "tuesday",
    "tues": "tuesday",
    "wed": "wednesday",
    "thu": "thursday",
    "thur": "thursday",
    "thurs": "thursday",
}
# Words that mean the same to the bot, read as one (`tlf`, `hotlinen` → `telefonen`).
_SAME = (
    (r"\b(?:tlf|hotlinen|fastholdelsestelefon(?:en)?|fastholdelseslinjen)\b", "telefonen"),
    (r"\bthe phones\b", "the phone"),
    (r"\bshift\b", "duty"),
    (r"\bshifts\b", "duties"),
    (r"\bi am\b", "i m"),
    (r"\bi will\b", "i ll"),
    (r"\bcannot\b", "can t"),
    (r"\bswappe\b", "bytte"),
    (
        r"\bmon(?= ?(?:-|to |til |and |og |,|thru |through |till |until ))",
        "monday",
    ),  # `mon-thu`; a bare `mon` is Danish (`har Karen mon vagten`)
    (r"\bretention (?:line|hotline|phone)\b", "hotline"),
    # `fri` is Friday after an English word, else the Danish day off (`jeg holder fri`)
    (r"\b(on|this|next|duty|phone|off|for|from|to|till|until|by|every|do) fri\b", r"\1 friday"),
    # `ta`/`ha` (tage/have) before what is taken or had; `w`/`w/` (with) before a name
    (r"\bta(?= (?:min vagt|mine vagter|din vagt|den|det|vagt\w*|telefonen|sag\w*|over)\b)", "tage"),
    (r"\bha(?= (?:min vagt|mine vagter|vagt\w*|telefonen|sag\w*|en sag|fri|jer|et)\b)", "have"),
    (r"\b(monday|tuesday|wednesday|thursday|mon|tue|wed|thu) ?- ?fri\b", r"\1-friday"),
    (r"\b(?:wk|weeks?)(?= \d{1,2} (?:to|-) \d{1,2}\b)", "uge"),
    (r"\bw/ ?|\bw (?=@?[a-z])", "with "),
    (r"\bcasen\b", "sagen"),
    # `wk 2`, `weeks 2-4` (not `three weeks 20 december to …`)
    (r"\b(?:wk|weeks?)(?= \d{1,2}(?:-\d{1,2})?(?: |$))(?! \d{1,2} [a-z])", "uge"),
    (r"\bwk\b", "week"),
)
_SAME_RES = tuple((re.compile(p), said) for p, said in _SAME)


def canonical(text: str) -> str:
    """Folded text with typos and missing æøå read as meant, punctuation kept (for the slot
    parsers, which need `21.12`, `d. 5/1` and `#12`)."""
    folded = fold(text)
    folded = re.sub(r"\bi(dag|morgen|gaar|overmorgen)\b", r"i \1", folded)
    folded = re.sub(r"[a-z]+", lambda m: _correct(_NO_AA.get(m.group(0), m.group(0))), folded)
    for pattern, said in _SAME_RES:
        folded = pattern.sub(said, folded)
    return folded


_WORDS = re.compile(r"[a-z]+|\d+|#|\?")


def normalise(folded: str) -> str:
    """The words of a `canonical` text, punctuation gone (but `#`, `?` and digits kept)."""
    return " ".join(_WORDS.findall(folded.replace("’", "'").replace("'", " ")))


# Sentences that use a domain word but ask nothing of the bot.
GUARDS = tuple(
    re.compile(p)
    for p in (
        r"\b(?:min|mit|my) (?:mand|kone|kaereste|husband|wife|daughter|son|datter|soen|"
        r"soester|sister|brother|bror|nabo|neighbour|neighbor|mor|far|mother|father|kollega|"
        r"veninde|ven|friend|barn|boern|child|kid|kids|children|boy|girl|kat|hund|cat|dog|foraeldre"
        r"|parents|svigermor|svigerfar|farmor|farfar|mormor|morfar|dad|mom|mum|partner|grandma"
        r"|grandpa)\b",
        r"\b(?:var|was|had|havde|were) (?:paa |on |a |en )?(?:ferie|kursus|fri|vacation|holiday|"
        r"course|day off|away|vaek|syg|sick)\b",
        r"\bom et aar\b|\bnext year\b|\bfrokost\b|\blunch\b",
        r"\bsiger min\b",
        r"\bsyg af\b|\bsick of\b|\bsick and tired\b",
        r"\b(?:var|was|were|har vaeret|have been|had) (?:syg|sick|ill|forkoel\w*|the flu)\b",
        r"\bsidste uge\b.*\bsyg\b|\blast week\b",
        r"\barbejder hjemmefra\b|\bworking from home\b|\bsidder hjemme og arbejder\b"
        r"|\barbejder (?:hjemme|fra hjemmet)\b|\bwork(?:ing)? from home\b|\bwfh\b",
        r"\bi aften\b|\btonight\b",
        r"\bdet er ikke mig\b|\bit s not me\b",
        r"\bduty free\b",
        r"\bvagten (?:ved|i (?:receptionen|indgangen|doeren|kantinen))\b|\bsecurity\b",
        r"^(?!.*\bsag(?:er)?\b).*\bplads\b|\bseat\b",
        # the writer's own phone or desk, an office swap, another system, an evening class
        r"\btelefon\w* (?:\w+ ){0,4}(?:virker ikke|er i stykker|er doed)\b|\bklartone\b"
        r"|\bdial tone\b"
        r"|\bphone (?:\w+ ){0,4}(?:isn t|is not|doesn t|does not) work|\bphone is (?:broken"
        r"|dead)\b",
        r"\b(?:byt\w*|swap\w*) (?:\w+ ){0,2}(?:kontor\w*|desks?|skrivebord\w*|office|vindue\w*)\b",
        r"\bopus\b|\bhusk at\b|\bremember to\b|\bworkzone\b|\bsbsys\b|\bnexus\b"
        r"|^(?!.*kalender).*\bi outlook\b",
        r"\bkode\w* til (?:den |en |et )?nye? (?!(?:i|kollega\w*|medarbejder\w*|sagsbehandler\w*"
        r"|leder\w*|person|vikar\w*)\b)[a-z]+|\bcode (?:for|to) (?:the |a "
        r"|our )?new (?!(?:colleague"
        r"|caseworker|lead|member|switchboard|person|starter|hire|guy|girl|temp)\b)[a-z]+"
        r"|\bkode\w* til (?!(?:den |en |et |vores |min )?(?:ny\w*|omstilling\w*|sagsbehandler\w*"
        r"|leder\w*|team\w*"
        r"|botten|hotline\w*)\b)[a-z]+|\bcode (?:for|to) (?!(?:the |a |our |my )?(?:new|switchboard"
        r"|team|hotline|bot|colleague)\b)[a-z]+",
        r"\b(?:meeting|moedet|moede\w*|julefrokost\w*|arrangement\w*|teams (?:meeting|call"
        r"|moede))\b"
        r"(?=.*\b(?:join\w*|tilmeld\w*|kode\w*|code)\b)|\b(?:join\w*|tilmeld\w*)\b.*\b(?:meeting"
        r"|moedet|moede\w*|julefrokost\w*|call|arrangement\w*)\b",
        r"\b(?:skaerm\w*|screen|oplader\w*|charger|reparation|repair|cracked|i staa|headset"
        r"|moedelokale\w*|meeting room|til it|to it|toilet\w*)\b",
        # habits and hearsay are no requests
        r"\b(?:altid|always|plejer|usually|normalt|normally|hvert aar|every year)\b"
        r"|\b(?:heard|hoert\w*)\b|\b(?:spurgte|asked) (?:om|if|whether) (?:jeg|i|du|you|vi|we)\b",
        r"\b(?:har haft|have had|had) (?:\w+ )?(?:omgangssyge|influenza|feber|the flu|a cold"
        r"|fever)\b",
        r"\b(?:log|raise) a (?:call|ticket) with\b",
        # free as in free of charge; a course someone else gives; of course
        r"\bfri (?:bar|parkering|adgang|entre|kaffe|frugt|wifi|bane|parking)\b"
        r"|\bholder (?:et |en )?(?:\w+ ){0,2}kursus (?:i|for|om)\b|\bof course\b"
        r"|\bout of (?!office\b)\w+|\bflu (?:shots?|jabs?|vaccin\w*)\b|\binfluenzavaccin\w*",
        # moods, not illness
        r"\b(?:migraene|hovedpine|ondt i hovedet) af\b|\bgiving me (?:a )?(?:migraine|headache)\b"
        r"|\bikke frisk paa\b|\bhar det (?:daarligt|skidt) med\b|\bfeel(?:ing)? bad about\b",
        # the phone's number, bill or list; a phone taken home; a duty at another workplace
        r"^(?!.*\b(?:hotline\w*|indstilling\w*|settings|teamets)\b).*\b(?:telefon\w*|tlf|phone)"
        r" (?:nummer\w*|number|nr|bill|list|liste|regning)\b"
        r"|\bmed hjem\b|\btake home\b|^(?:hvis|if)\b|\baway with the\b"
        r"|\bvagt (?:i|hos|at) (?!(?:dag|morgen|overmorgen|aften|uge|naeste|denne|weekend\w*|jul\w*"
        rf"|den|d|\d+|{MONTH})\b)[a-z]+",
        # a rota, a plan or a code for something else (`vagtplan for opvasken`, `rota for who
        # brings cake`, `kode på døren`); a new rota or calendar someone got or bought
        r"\b(?:rota|vagtplan\w*|vagter\w*|schedule|plan(?:en)?) (?:for|til) (?:the |de |den |det )?"
        r"(?!(?:next|naeste|denne|this|coming|kommende|resten|rest|hele|whole|uge\w*|week\w*"
        r"|maaned\w*|month|mandag\w*|tirsdag\w*|onsdag\w*|torsdag\w*|fredag\w*|monday|tuesday"
        r"|wednesday|thursday|friday|weekend\w*|"
        rf"{MONTH}|\d+|paask\w*|easter|nytaar|i|today|tomorrow|dig|mig|me|you"
        r"|os|us|teamet|the team|hotline\w*|telefonen)\b)[a-z]+"
        r"|\b\w*kage\w*\b|\bcake\b|\bkode\w* (?:paa|on) [a-z]+",
        r"\b(?:har|have|has) (?:faaet|lagt|got|published|lavet|made) (?:\w+ )?(?:ny|nye|new)"
        r" (?:vagtplan|rota)\w*|\b(?:koebt|bought|got|fik|faaet) (?:en |a )?(?:ny|new)"
        r" (?:kalender|calendar)\b",
        r"\ben dag\b|\bsome day\b|\bvil gerne blive\b|\bwould like to be\b",
        r"\bmomentum\b|\bprisme\b|\bsilkeborg data\b|\bsd loen\b",
        r"\b(?:vagtplan\w*|vagter\w*|rota|schedule|planen) (?:for|til) (?:\w+ )?(?:rengoering\w*"
        r"|opvask\w*|kaffe\w*|koekken\w*|julemarked\w*|kantine\w*|frokost\w*|cleaning|dishes|coffee"
        r"|kitchen)\b",
        r"\bevenings?\b|\bafter work\b|\befter arbejde\w*\b|\befter fyraften\b",
        r"\bi netto\b|\bhospital\b",
        r"\bswap (?:meet|shop|market)\b|\bbyttemarked\b",
        r"\bservicedesk\b|\bhelpdesk\b|\bwifi\b|\bpassword\b|\b(?:nulstil\w*|reset)\b(?!.*\b(?:kalender\w*|calendar)\b)"
        r"|\bkmd\b|\bintra\b",
        r"\b(?:spoerg|ask) @?[a-z]+ (?:hun|han|she|he)\b",
        r"\bsats\w*\b|\brate\b",
        r"\bcase for my\b|\bsagen er den\b",
        r"\bomstillingen er lukket\b",
        r"\bkollega har\b",
        r"\bses\b|\bsee you\b",
        r"\b(?:fik|got|havde|had) (?:en|a) (?:ny |new )?(?:sag|case)\b",
        r"\bjulegave\w*|\bgaver\b|\bgifts\b",
    )
)

_W = "[a-z]+"
# Who a switchboard question is about: a description ends in a frame only with one of these.
_CALLER = (
    r"(?:arbejdsgiver\w*|borger\w*|ansat\w*|medarbejder\w*|sygemeld\w*|syg\w*|ledig\w*"
    r"|virksomhed\w*|leder\w*|chef\w*|dame|mand|kvinde|employer\w*|employee\w*|sick|caller"
    r"|woman|man|guy|lady|citizen|stress\w*)"
)
_DAYWORD = (
    r"(?:i dag|i morgen|i overmorgen|mandag|tirsdag|onsdag|torsdag|fredag|today|tomorrow|"
    r"monday|tuesday|wednesday|thursday|friday|\d)"
)

# (intent, weight, pattern): the highest weight among an intent's matching patterns counts.
RULES: tuple[tuple[str, int, str], ...] = (
    # help
    ("help", 6, r"^(?:hjaelp|help|\?)(?: me| mig)?(?: \?)*$"),
    ("help", 5, r"\bhvad kan du\b|\bwhat (?:commands|can you (?:\w+ )?do)\b"),
    ("help", 13, r"\bhvilke kommandoer\b|\bwhich commands\b"),
    ("help", 5, r"\bhow does (?:this|the) bot work\b|\bhvordan du virker\b"),
    ("help", 4, r"\bkan du hjaelpe mig\b(?! med)|\bhjaelp\b"),
    ("help", 3, r"\bhelp\b|\bcommands\b|\bkommandoer\b"),
    ("help", 5, r"\bhvad kan botten\b|^vejledning$|\bhvordan bruger jeg (?:dig|botten)\b"),
    ("help", 5, r"\bhow do i use (?:you|this|the bot)\b"),
    ("help", 5, r"\bbruge (?:dig|botten|den her bot) til\b|\bwhat can i use you for\b"),
    ("help", 5, r"\bwhat can (?:this|the|it) (?:thing |bot )?do\b"),
    ("help", 5, r"\bwhat (?:is|s) (?:this|the) bot\b|\bhvad er (?:det her for en|denne) bot\b"),
    ("help", 5, r"\bhvad kan (?:den her |denne )?bot\w*\b|\bwhat (?:do you do|are you for)\b"),
    ("help", 5, r"\bhvordan virker (?:botten|du|den|det)\b|\bhow does (?:it|this) work\b"),
    ("help", 5, r"\bhvad kan jeg (?:skrive|spoerge|bede)\b|\bwhat can i (?:write|ask|say)\b"),
    ("help", 5, r"\bhvad (?:skal|kan) (?:man|jeg) (?:skrive|spoerge|sige) til (?:dig|botten)\b"),
    (
        "help",
        6,
        r"\b(?:liste|oversigt) over hvad (?:jeg|man) kan (?:skrive|spoerge|bede|bruge|sige)\b"
        r"|\bwhat (?:sort|kind)s? of things can i (?:ask|say|write|do)\b",
    ),
    # duty
    ("duty", 6, r"^(?:vagt|duty)(?: |$)"),
    ("duty", 5, r"\bhvem sidder paa\b|\bwhos on\b|^(?:vagten|telefonen) (?:i|paa|den|d)\b"),
    ("duty", 5, r"\bhvem (?:der )?(?:har|sidder med|tager|er paa|passer|skal have)\b"),
    ("duty", 9, r"\bhvem skal jeg stille (?:om )?til\b|\bwho should i put\b"),
    (
        "duty",
        5,
        r"\bwho(?: is| s| will be| ll be)? (?:has|holding|on|holds|taking|takes|manning"
        r"|got"
        r"|has got|covers|covering)\b",
    ),
    (
        "duty",
        5,
        r"\b(?:har|er) (?:jeg|@?[a-z]+(?: [a-z]+)?) (?:paa )?(?:vagt(?:en|er)?|telefonen|tlf)\b",
    ),
    ("duty", 5, r"\bis [a-z]+(?: [a-z]+)? on (?:the )?(?:phone|hotline|call)\b"),
    (
        "duty",
        5,
        r"\b(?:is|am|are) [a-z]+(?: [a-z]+)? (?:holding|manning|taking|covering|answering|doing)"
        r" the (?:phone|hotline|duty|line)(?= (?:on|today|tomorrow|this|next|i|paa)\b| \?|$)",
    ),
    (
        "duty",
        5,
        r"\bwhoever (?:is on|has|holds|is holding|is covering) (?:the )?(?:hotline|phone|duty)\b",
    ),
    ("duty", 5, r"\b(?:am i|are you|is [a-z]+(?: [a-z]+)?) on (?:call|the phones?|the hotline)\b"),
    ("duty", 5, r"\bam i on duty\b|\bis [a-z]+(?: [a-z]+)? on duty\b|\bdo i have the phone on\b"),
    ("duty", 5, r"\b(?:er det|om det er) [a-z]+(?: [a-z]+)? der har (?:telefonen|vagten|vagt)\b"),
    ("duty", 3, r"^(?:fastholdelsestelefon\w*|hotline|telefonen|tlf)(?: \?)*$"),
    # `hvem er det der har vagten i dag, jeg har en arbejdsgiver i røret`: who, not whether
    ("duty", 7, r"\bhvem (?:er det )?(?:der )?har (?:vagten|telefonen)\b"),
    # check
    ("check", 7, r"^(?:tjek|check)\b"),
    ("check", 8, r"\ber det jer\b|\bjer eller\b|\btil jer\b|\bfor you\b|\bis that (?:the|you)\b"),
    ("check", 8, r"\bbelong to you\b|\bstille [a-z ]*videre\b|\bput through\b|\bhoerer\b"),
    ("check", 8, r"\bkan i tage\b|\bfor jer\b|\bto you guys\b|\byour area\b|\bhandle this\b"),
    ("check", 8, r"\bnoget for (?:jer|fastholdelse\w*|telefonen|hotline\w*)\b"),
    (
        "check",
        7,
        rf"\b{_CALLER}\b.* (?:tjek|check)(?: \?)*$|\bhvor skal jeg (?:stille|sende"
        rf"|give) (?:\w+ )?hen\b",
    ),
    # which team gets a caller (`hvem skal jeg give en borger der … til?`), not who has the phone
    (
        "check",
        10,
        rf"^hvem skal jeg (?:give|stille|sende) (?:en|et|denne"
        rf"|den her) {_CALLER}\b.*\btil(?: \?)*$",
    ),
    ("check", 9, rf"\b{_CALLER}\b.*\bjeres(?: \?)*$"),
    ("check", 8, r"\bbelong\w* (?:to|with) (?:you|the hotline|jer)\b"),
    (
        "check",
        9,
        r"\bskal (?:hun|han|de|vedkommende) (?:have|til) (?:fat i )?jer\b|\byou guys(?: \?)*$",
    ),
    ("check", 8, r"\bgo(?:es)? to you\b|\byours\b|\bis it you\b|\bcan you guys\b|^kan i hjaelpe\b"),
    (
        "check",
        6,
        r"\bdo you (?:guys )?(?:take|handle|deal with) (?:those|these|them|that|this|it)\b",
    ),
    (
        "check",
        6,
        r"\bwho (?:handles|deals with|takes care of)\b|\bhvem (?:tager sig af|haandterer)\b",
    ),
    (
        "check",
        6,
        r"\b(?:got|have|har) (?:a|an|en|et) [a-z]+(?: [a-z]+)? (?:on the line|i roeret)\b",
    ),
    ("check", 8, r"\bshould i (?:send|put|transfer|forward)\b.*\bto you\b"),
    ("check", 8, r"^do you (?:guys )?(?:handle|deal with|take care of)\b"),
    ("check", 8, r"\bhvor skal (?:han|hun|de|vedkommende) hen\b|\bhave fat i jer\b"),
    # where the call goes, at the end of a description: `…, jer?`, `… - you or benefits?`
    (
        "check",
        9,
        r"\b(?:jer|jeres bord|yours)(?: \?)+$|\bjer \?"
        r"|\b(?:jer|you) (?:eller|or) [a-z]+(?: [a-z]+){0,2}(?: \?)*$",
    ),
    (
        "check",
        8,
        r"\bikke jer\b|\ber det (?:jer|fastholdelse\w*|hotline\w*|telefonen) der\b|\bnot you\b"
        r"|\b(?:transfer|send|put) (?:\w+ )?(?:through )?to you\b|\bput (?:\w+ )?through\b"
        r"|\b(?:one for|go to|meant for) the hotline\b|\bfor the hotline\b|\bone for you\b"
        r"|\bwho takes (?:that|this|those|it)\b|\bhvem skal have den\b|^can you check\b",
    ),
    # briefing
    ("briefing", 7, r"^(?:omstilling|switchboard)$|\boverblik\b|\bbriefing\b"),
    ("briefing", 10, r"\bhvad skal jeg vide\b|\bwhat do i need to know\b"),
    ("briefing", 9, r"\bhvad hoerer til jer i dag\b"),
    (
        "briefing",
        9,
        r"\bomstillings(?:briefing|overblik)\w*|\bomstilling\w* overblik\w*"
        r"|\b(?:give|giv|send|vis|faa) (?:mig )?(?:lige )?briefingen\b"
        r"|\b(?:overblik|oversigt)\w* (?:til|for) omstilling\w*"
        r"|\bhvad (?:gaelder|skal) (?:der )?(?:for )?omstilling\w*\b|\bhvad sender jeg videre\b",
    ),
    ("briefing", 7, r"\bomstillings(?:info\w*|vejledning\w*|guide\w*)\b|\bswitchboard info\b"),
    (
        "briefing",
        9,
        r"\b(?:vejledning|guide|beskrivelse)\w*\b.*\b(?:omstilling\w*|switchboard)\b"
        r"|\bswitchboard guide\b|\bhvilke opkald (?:i|you) tager\b",
    ),
    # rota
    ("rota", 6, r"\bvagtplan(?:en)?\b|\brota\b|\bschedule\b"),
    ("rota", 6, r"\b(?:vis|show)\w* (?:mig |me )?(?:lige )?(?:planen|the plan)\b"),
    ("rota", 7, r"\bhvordan ser (?:vagt\w*|telefon\w*|uge\w*)\b.* ud\b"),
    ("rota", 7, r"\bfordeling\w* af (?:vagt\w*|telefon\w*)\b|\bwho s on the rota\b"),
    ("rota", 5, r"\bvagter(?:ne)?\b|\bthe (?:shifts|duties)\b"),
    (
        "rota",
        6,
        r"\b(?:vis|show|send)\w* (?:mig |me )?(?:lige )?(?:alle )?"
        r"(?:vagterne|the (?:duties|shifts))\b",
    ),
    ("rota", 7, r"\bhow (?:does|do) the (?:rota|schedule|duties|shifts)\b.* look\b"),
    ("rota", 7, r"\bhvem har vagt hvilke dage\b|\bwho has which days\b"),
    ("rota", 7, r"\bwho(?: is| s)? (?:covering|taking|doing) which days\b"),
    ("rota", 7, r"\boversigt\b.*\bvagter\b|\bvagtoversigt\b|\bduty overview\b"),
    (
        "rota",
        7,
        r"\bhvem har vagterne\b|\bhvordan ser (?:naeste|denne) uge ud\b|\bnext week look\b",
    ),
    # my_duties
    ("my_duties", 8, r"\bmine vagt\w*\b|\bmy (?:duties|shifts)\b|\bupcoming duties\b"),
    ("my_duties", 8, r"\bhvornaar (?:har jeg|er min|er mine|skal jeg have)\b"),
    (
        "my_duties",
        8,
        r"\bhvornaar (?:skal|er) jeg (?:\w+ )?(?:have|sidde med|tage|passe|paa) (?:\w+ )?"
        r"(?:vagt\w*|telefonen)\b",
    ),
    ("my_duties", 8, r"\bom jeg har (?:nogen |nogle )?vagter\b"),
    ("my_duties", 8, r"\bwhen (?:am i|do i have|is my|s my)\b|\bmy next (?:shift|duty)\b"),
    ("my_duties", 8, r"\b(?:hvilke|hvor mange) (?:vagter|dage) har jeg\b"),
    (
        "my_duties",
        8,
        r"\bhar jeg (?:nogen |nogle )?vagter\b|\bdo i have (?:any )?(?:duties|shifts)\b",
    ),
    ("my_duties", 8, r"\bhvilke dage har jeg\b|\bwhat are my (?:shifts|duties)\b"),
    ("my_duties", 8, r"\bwhich days (?:am i|do i)\b|\bhave i got any (?:shifts|duties)\b"),
    # new_case
    (
        "new_case",
        9,
        r"\b(?:ny|new) (?:sag|case)\b|\bopret(?:te|ter)? (?:jeg )?(?:en )?(?:ny )?(?:sag|case)\b",
    ),
    (
        "new_case",
        9,
        r"\b(?:create|make|start) (?:a |an )?(?:new )?case\b|\bopen (?:a|an|a new) case\b"
        r"|\b(?:log|register) (?:a |an )?(?:new )?(?:case|call)\b"
        r"|\bopen (?:a|an|a new) case\b",
    ),
    ("new_case", 9, r"\blog(?:ge|ger)? (?:et|a|an) (?:opkald|call)\b|\bnyt opkald\b(?! fra)"),
    ("new_case", 9, r"\bregistrere (?:en|et) (?:samtale|opkald)\b|\blavet en ny sag\b"),
    (
        "new_case",
        9,
        r"\bregister a call\b|\blogger jeg et opkald\b|\blog (?:the|this) call\b"
        r"|\bskrive? et opkald\b",
    ),
    ("new_case", 9, r"\bnew call\b|\bopkald\b.*\blogge?s\b|\bskal logges\b"),
    (
        "new_case",
        9,
        r"\bhad a call\b|\bneed to log (?:a|the|this|an|it|that)\b|\bregistrer\w* (?:et "
        r"|a )?(?:opkald|call)\b",
    ),
    (
        "new_case",
        9,
        r"\b(?:registrer\w*|opret\w*|log\w*|skriv\w*|notere?) (?:\w+ ){0,2}(?:ny|nyt)"
        r" (?:henvendelse|opkald)\b|\blog(?:ge|ger)? (?:lige |gerne )?(?:et|a|an) (?:opkald|call)\b"
        r"|\b(?:opret|oprette|opretter|oprettes) (?:\w+ ){0,2}som (?:en )?sag\b",
    ),
    (
        "new_case",
        9,
        r"\b(?:vil (?:gerne )?|skal )logge (?:det|opkaldet)\b|\blogge den(?: \?| tak| please)*$",
    ),
    # case
    ("case", 7, r"\b(?:sag|case|sagen)(?: nr)? #? ?\d+\b|# ?\d+\b|\bnr \d+\b"),
    ("case", 6, r"^(?:sag|case)$"),
    # my_cases
    ("my_cases", 9, r"\bmine (?:aabne )?sager\b|\bmy (?:open )?cases\b"),
    ("my_cases", 9, r"\b(?:hvilke|hvor mange) sager (?:har jeg|skal jeg)\b|\bhar jeg af sager\b"),
    ("my_cases", 9, r"\bfrister\b|\bdeadlines?\b"),
    ("my_cases", 8, r"\b(?:har jeg|jeg har)\b(?: \w+){0,3} sager\b|\bsager\w* (?:\w+ )?hos mig\b"),
    (
        "my_cases",
        8,
        r"\bsager\w*\b.*\b(?:har jeg|jeg har)\b|\bcases (?:\w+ )?(?:i have|i m on|am i on)\b",
    ),
    ("my_cases", 8, r"\b(?:do i have|have i got)(?: \w+){0,2} cases\b"),
    ("my_cases", 9, r"\b(?:cases|sager) (?:\w+ )?(?:have i|do i have|har jeg)\b"),
    ("my_cases", 9, r"\b(?:cases|sager)\b.*\b(?:on me|assigned to me|paa mig)\b"),
    ("my_cases", 9, r"\bcases do i have\b|\bwhich cases (?:do i|are mine)\b|\bsager har jeg\b"),
    ("my_cases", 10, r"\bsager\b.*\b(?:sidder jeg med|i mit navn)\b|\bcases\b.*\bin my name\b"),
    # cases_today
    ("cases_today", 8, r"^(?:sager|cases)(?: \?)?$|\bsager i dag\b|\bcases today\b"),
    ("cases_today", 8, r"\bkom(?:met)? (?:der )?ind i dag\b"),
    (
        "cases_today",
        8,
        r"\bkommet ind i dag\b|\bcame in (?:today|this morning)\b|\broom for another case\b",
    ),
    ("cases_today", 8, r"\bsager\w*\b.*\bi morges\b|\bcases\b.*\bthis morning\b"),
    ("cases_today", 8, r"\bdagens sager\b|\btoday s cases\b"),
    ("cases_today", 8, r"\bsager fra i dag\b|\bnye sager\b|\bnew cases today\b"),
    (
        "cases_today",
        8,
        r"\bplads til (?:en |flere )?(?:\w+ )?(?:sag|sager)\b|\bsager\b.*\bplads til flere\b",
    ),
    # cases_week
    ("cases_week", 9, r"\bsager uge\b|\bcases week\b|\bugens sager\b|\bweek s cases\b"),
    ("cases_week", 9, r"\bsager(?:ne)? (?:fra )?(?:i )?denne uge\b|\bcases came in this week\b"),
    ("cases_week", 9, r"\bcases (?:from |for )?this week\b"),
    ("cases_week", 9, r"\bsager\b.*\bi denne uge\b|\bcases\b.*\bthis week\b"),
    ("cases_week", 9, r"\b(?:hvilke|vis|show|hvad)\b.*\bsager\b.*\b(?:den her uge|ugens loeb)\b"),
    # reassign
    (
        "reassign",
        10,
        r"\b(?:overdrag\w*|reassign)\b(?=.*\b(?:sag\w*|case\w*|\d+)\b)|^(?:overdrag|reassign)\b"
        r"|\b(?:sag\w*|case\w*|\d+)\b.*\b(?:overdrag\w*|reassign)\b",
    ),
    ("reassign", 10, r"\b(?:giv|give|flyt|move|pass|send) (?:sag|case) (?:nr )?#? ?\d+"),
    (
        "reassign",
        10,
        r"\b(?:overtage|take over) (?:sag|case)\b|\btake over case\b"
        r"|\btager (?:lige |gerne )?(?:sag|case)\b|\btake case\b",
    ),
    ("reassign", 10, r"\b(?:sag|case) #? ?\d+ (?:skal videre|gaa til|til)\b"),
    ("reassign", 10, r"\bkan (?:sag|case) \d+ gaa til\b"),
    # `give videre` about a case (a duty given on is a swap)
    ("reassign", 10, r"\bhvordan giver jeg (?:\w+ )?(?:sag|sagen|sager|case)\b(?: \w+)? videre\b"),
    ("reassign", 10, r"\b(?:take over|overtage|overtager) (?:sag |case )?(?:nr )?#? ?\d+\b"),
    (
        "reassign",
        10,
        r"\b(?:flyt|giv|give|move|send|pass|hand)\w* (?:\w+ )?(?:sag(?:en)?|case) (?:nr )?#? ?\d+"
        r" (?:\w+ )?(?:videre )?(?:til|to|on to)\b",
    ),
    (
        "reassign",
        10,
        r"\b(?:flyt|giv|give|move|send|pass|hand)\w* (?:sag(?:en)? |case )?(?:nr |#)? ?\d+"
        r" (?:videre |over |on )?(?:til|to)\b",
    ),
    (
        "reassign",
        10,
        r"\b(?:skal have|should (?:get|have)|gets) (?:sag(?:en)?|case) (?:nr )?#? ?\d+\b",
    ),
    ("reassign", 10, r"\btage (?:sag|case)\b|\bhand (?:case|sag)\b|\bovertager (?:sag|case)\b"),
    (
        "reassign",
        10,
        r"\bsaet [a-z]+(?: [a-z]+)? paa (?:sag|case) (?:nr )?#? ?\d+\b"
        r"|\b(?:put|assign) (?:sag|case) (?:nr )?#? ?\d+ (?:on|to) (?!the\b|a\b|an\b|my\b|our\b)",
    ),
    # stats
    (
        "stats",
        9,
        r"\bstatisti\w*\b|\bstats\b|\bhow many calls\b|\btal for\b|\btallene for (?:denne |den "
        r"|sidste )?(?:maaned|uge|aar)\w*",
    ),
    ("stats", 9, r"\bhvor mange (?:opkald|sager havde vi)\b|\bnumbers for\b"),
    ("stats", 9, r"\bhvor mange (?:sager|opkald) (?:har|havde) vi\b|\bhow many (?:cases|calls)\b"),
    ("stats", 8, r"\bhvor mange (?:sager|opkald|henvendelser)\b(?!.*\b(?:jeg|mig)\b)"),
    # away
    ("away", 6, r"\bfravaer\w*\b|\baway\b|\bvacation\b|\bdays? off\b|\btime off\b"),
    (
        "away",
        6,
        r"\b(?:take|taking) (?:the |a )?(?:\w+ ){0,4}off(?: \?)*$|\b(?:i m|i am) staying home\b"
        r"|\b(?:syg|sick) (?:fra|from)\b",
    ),
    ("away", 6, r"\b\w*ferie\b|\bfri\b|\bafspadser\w*\b|\bkursus\b|\bbarsel\b|\bomsorgsdag\b"),
    ("away", 6, r"\bmaternity\b|\bcourse\b|\bi m off\b|\bim off\b|\bout of office\b"),
    ("away", 7, r"\bsygemeldt (?:fra|til|\d)|\bvaek fra\b"),
    ("away", 7, r"\b(?:register|report|add|log) (?:an |my |a )?(?:absence|leave)\b"),
    # a sick child: the writer is at home with it, not sick
    ("away", 8, r"\bhjemme med (?:ham|hende|barnet|ungen|den lille)\b"),
    ("away", 8, r"\bmy (?:kid|child|son|daughter|little one) is (?:sick|ill)\b.*\bi won t be in\b"),
    (
        "away",
        7,
        r"\bhjemme med (?:\w+ )?syg\w* (?:barn|boern|datter|soen|dreng|pige)\b"
        r"|\bhome with (?:a |my )?sick (?:kid|child|son|daughter|boy|girl)\b",
    ),
    ("away", 6, r"(?:^|\b(?:be|m|im|am|is|are|s) )off\b(?! to\b)"),
    (
        "away",
        6,
        r"\bholiday\b|\bon leave\b|\bsick leave from\b|\bsygemeldt (?:i|d|den)\b"
        r"|\ber jeg sygemeldt\b",
    ),
    ("away", 6, r"\bvaek\b|\bmelde? (?:mig )?(?:ferie|fri|fravaer)\b|\bbe away\b"),
    ("away", 6, r"\befteruddannelse\b|\bikke paa arbejde\b|\bi m out\b|\bim out\b"),
    (
        "away",
        6,
        r"\b(?:er|bliver) ikke (?:her|paa kontoret|til stede|paa job)\b"
        r"|\bwon t be (?:in|here|at work|around)\b"
        r"|\bnot (?:in|here|at work) (?:on|tomorrow|next)\b",
    ),
    (
        "away",
        6,
        r"\bkan ikke (?:vaere her|komme(?! ind paa| paa| til| on)(?: ind)?|vaere paa arbejde)\b"
        r"(?! (?:til|paa|on|to)\b)|\bcan t (?:be"
        r"|come) in\b",
    ),
    # my_absences
    ("my_absences", 9, r"\bmit fravaer\b|\bmy absences?\b|\bfortryde min\b"),
    ("my_absences", 9, r"\bcancel (?:the|my) (?:vacation|absence|holiday|day off)\b"),
    ("my_absences", 9, r"\babsences have i\b|\bhusket at skrive min\b|\bannuller min\b"),
    ("my_absences", 9, r"\b(?:hvad|hvilke\w*) (?:\w+ )?har jeg\b.*\bfravaer\w*\b"),
    ("my_absences", 9, r"\b(?:hvad|hvilke\w*) fravaer\w* har jeg\b"),
    # an absence taken back: `skal alligevel ikke på kursus, kan du slette det`
    (
        "my_absences",
        9,
        r"\b(?:ferie|fri|kursus|fravaer|afspadsering|omsorgsdag|vacation|absence|leave|holiday"
        r"|day off)\b.*\b(?:slet|fjern|delete|remove|cancel|annuller|aflys)\w*\b"
        r"|\b(?:slet|fjern|delete|remove|cancel|annuller|aflys)\w*\b.*\b(?:ferie|kursus|fravaer"
        r"|afspadsering|omsorgsdag|vacation|absence|holiday|day off)\b",
    ),
    (
        "my_absences",
        9,
        r"\bfravaer\w* (?:som |der )?jeg har\b|\bvis\w* (?:mig )?(?:mit|det) fravaer\b",
    ),
    ("my_absences", 9, r"\bannuller\w* (?:jeg )?(?:noget |mit |min |et )?(?:fravaer|ferie)\w*\b"),
    ("my_absences", 9, r"\b(?:aflys|slet|delete|annuller|cancel|fortryd)\w* (?:min|mit|my)\b"),
    (
        "my_absences",
        9,
        r"\b(?:aflys|slet|delete|annuller|cancel|fortryd)\w* (?:jeg )?(?:det|the|that) "
        r"(?:fravaer|ferie|absence|vacation)\w*\b",
    ),
    # swap
    ("swap", 8, r"\bbyt(?:te|tes)?\b|\bswap\b|\bswitch (?:days|shifts|duties)\b"),
    (
        "swap",
        8,
        r"\bswapping (?:my |our |a )?(?:duty|duties|shift|day|days|vagt\w*)\b|\bup for swapping\b",
    ),
    ("swap", 8, r"\btage min (?:vagt|mandag|tirsdag|onsdag|torsdag|fredag)\b"),
    ("swap", 8, r"\btake my (?:shift|duty|phone)\b|\bswappe\b|\btrade\b"),
    ("swap", 6, r"\b(?:en|nogen) der kan tage (?:telefonen|vagten|min vagt)\b"),
    ("swap", 6, r"\bwant my\b.*\b(?:duty|shift)\b"),
    ("swap", 8, r"\bhvordan bytter jeg\b|\bhow do i swap\b"),
    ("swap", 6, r"\bkan nogen (?:tage|overtage)\b|\bcan (?:someone|anyone) (?:take|cover)\b"),
    ("swap", 6, r"\bkan ikke tage (?:telefonen|vagten)\b|\bcan t take the (?:phone|duty)\b"),
    ("swap", 6, r"\bcover (?:for me|my)\b|\btage telefonen for mig\b"),
    # `jeg er på kursus d. 20.1 men har vagt, kan nogen overtage den?`: a taker, not an absence
    ("swap", 7, r"\bmen (?:jeg )?har (?:vagt\w*|telefonen)\b.*\b(?:kan nogen|hvem kan)\b"),
    (
        "swap",
        6,
        r"\bkan ikke (?:have|passe) (?:telefonen|vagten|tlf)\b(?! der)"
        r"|\bcan t do the (?:phone|duty|hotline)\b(?! (?:interview|call|meeting|system|number))"
        r"|\b(?:anyone|someone) (?:able|free) to cover(?: for me)?(?: \?)*$"
        r"|\b(?:hvem|nogen) (?:der )?kan (?:tage|overtage|daekke)"
        r" (?:min vagt|vagten|telefonen|tlf)\b"
        r"|\bvagt\w*\b.*\b(?:hvem|nogen) (?:der )?kan (?:tage|overtage|daekke) den(?: \?)*$",
    ),
    # Someone else to take the writer's duty: below `sick` (7), which also asks it.
    (
        "swap",
        6,
        r"\b(?:(?:over)?tag(?:e|er)|take|takes|take over|cover|covers|have)(?: du| you)? (?:min"
        r"|mine|my)"
        r" (?:\w+ )?(?:vagt\w*|tlf|shift\w*|duty|duties|mandag|tirsdag|onsdag"
        r"|torsdag|fredag|monday|tuesday|wednesday|thursday|friday)\b",
    ),
    (
        "swap",
        6,
        r"\b(?:nogen|en anden|en der|someone|anyone|somebody)\b.*\b(?:tage|overtage|take|cover"
        r"|have)\b"
        r"(?: \w+)?(?: the)? (?:hotline\w*|phone|telefon\w*|vagt\w*|tlf|shift|duty)\b",
    ),
    (
        "swap",
        8,
        r"\bbytter (?:du|vi|nogen|i)\b|\bbyt(?:te|ter|tes)? (?:\w+ ){0,2}(?:vagt\w*|min|mine)\b",
    ),
    (
        "swap",
        6,
        r"\b(?:give|giv|give away|af med) (?:my|min) (?:\w+ )?"
        r"(?:vagt\w*|duty|shift|tlf|telefon\w*)\b"
        r"|\b(?:min|my) (?:\w+ ){0,3}(?:vagt\w*|shift|duty)\b.*\b(?:overtages|daekkes|covered)\b",
    ),
    # swaps
    ("swaps", 9, r"^(?:mine |aabne )?bytter$|\bbytteo?e?nsker\b|\bswaps\b|\bswap requests\b"),
    ("swaps", 9, r"\baccept(?:ed)? my swap\b|\bsvaret paa mit bytte\b|\bbedt om at bytte\b"),
    ("swaps", 9, r"\bat faa byttet\b|\bvagter der skal byttes\b|\bbytter venter\b"),
    ("swaps", 9, r"\b(?:spurgt|spoerget|bedt) (?:mig )?om at bytte\b|\basked (?:me )?to swap\b"),
    ("swaps", 9, r"\bgodkende nogle bytter\b|\baabne bytter\b|\bpending swaps\b"),
    ("swaps", 9, r"\b(?:hvilke|which) (?:bytter|swaps)\b"),
    ("swaps", 9, r"^(?:vis|show) (?:mine |aabne )?(?:bytter|swaps)$|\boensker om (?:at )?bytte\b"),
    (
        "swaps",
        9,
        r"\bnogen der (?:soeger|oensker) (?:at )?bytte\b|\baabne byt\w*\b"
        r"|\bvagter kan jeg tage for\b|\b(?:anyone|anybody|someone) needs? (?:cover|a swap)\b",
    ),
    (
        "swaps",
        9,
        r"\bbytter\b.*\bvent\w*\b|\b(?:hvem|nogen) vil (?:gerne )?af med (?:en |sin )?vagt\w*\b",
    ),
    ("swaps", 9, r"\b(?:min|mit|mine) byt(?:te)? ?anmodning\w*\b|\bbytteanmodning\w*\b"),
    (
        "swaps",
        9,
        r"\b(?:svaret paa|accepteret|godkendt|answered|replied to|accepted|approved)"
        r" (?:min|mit|mine|my) (?:bytte\w*|swap\w*)\b",
    ),
    ("swaps", 9, r"\ber der (?:nogen|nogle) bytter\b|\b(?:mit|mine) bytte\w*\b|\bmy swaps?\b"),
    # sick
    (
        "sick",
        7,
        r"\b(?:jeg er|er jeg) (?:desvaerre )?(?:syg|sick)\b|\bi m sick\b|\bim sick\b|^syg$|^sick$",
    ),
    ("sick", 7, r"\bsyg i dag\b|\bsick today\b|\bmeldt sig syg\b|\bcalled in sick\b"),
    ("sick", 7, r"\bfeeling (?:ill|sick)\b|\binfluenza\b|\bsloej\b|\bbraekket\b|\bfeber\b"),
    ("sick", 7, r"\bsygemelding\b|\bgaar hjem\b|\bgoing home\b|\ber syg\b|\bis (?:sick|ill)\b"),
    (
        "sick",
        7,
        r"\bi m ill\b|\bim ill\b|\bblevet syg\b|\bfeel(?:ing)? (?:sick|ill|unwell)\b"
        r"|\bjeg er blevet daarlig\b(?! til| af)",
    ),
    (
        "sick",
        7,
        r"\bnot well\b|\bunwell\b|\bflu\b|\bforkoel(?:et|ede|else)\b|\bmigraene\b|\bmigraine\b"
        r"|\bdown with\b",
    ),
    ("sick", 7, r"\bfeeling (?:rough|awful|terrible|crap|poorly|bad)\b|\bunder the weather\b"),
    ("sick", 7, r"\bhar det (?:skidt|daarligt)\b|\bikke (?:frisk|rask)\b|\bnot feeling well\b"),
    (
        "sick",
        8,
        r"\b(?:meld\w*|ringet(?: ind| sig)?|called in|gaaet hjem|went home|gone home|sendt hjem"
        r"|sent home)"
        r" (?:mig |sig )?(?:syg|sick|ill)\b|\bomgangssyge\b|\bstomach bug\b",
    ),
    # history
    ("history", 10, r"\bhistorik\w*|\bhistory\b|\bhvem har aendret\b|\bwho changed\b"),
    ("history", 10, r"\blog for\b|\bhvem aendrede\b"),
    ("history", 10, r"\bhvad skete der med (?:vagten|telefonen)\b|\bblev (?:den|vagten) byttet\b"),
    (
        "history",
        10,
        r"\bhvem (?:har )?(?:rettet|aendret|flyttet) (?:i |paa )?vagt\w*\b"
        r"|\bhvad (?:er )?(?:der )?(?:er )?sket med (?:vagten|telefonen)\b",
    ),
    # set_duty
    ("set_duty", 10, r"\bsaet vagt\b|\bset duty\b"),
    (
        "set_duty",
        10,
        r"\b(?:give|giv) (?!(?:me|mig|him|her|my|min|mit|mine|dig|you|your|den|det|it)\b)"
        r"[a-z]+(?: [a-z]+)?(?: s)? (?:the )?"
        r"(?:phone|duty|hotline|vagten|telefonen|tlf)\b",
    ),
    (
        "set_duty",
        10,
        r"^(?!.*\bwho\b).*\b(?:should|will|is to) (?:have|get|take) (?:the )?"
        r"(?:duty|phone|hotline)\b",
    ),
    # `Pia skal have telefonen på torsdag`; `hvem skal have …` is a question (duty).
    (
        "set_duty",
        10,
        r"^(?!.*\b(?:hvem|who)\b).*\bskal have (?:vagt(?:en)?|telefonen|tlf|hotline\w*"
        r"|fastholdelse\w*)\b",
    ),
    ("set_duty", 10, r"\bgiv " + _DAYWORD + r"\w* til\b|\bgive " + _W + r" s duty to\b"),
    (
        "set_duty",
        10,
        r"\bput [a-z]+ on duty\b|\blaegge (?:vagten|telefonen) (?:(?:den|d) \w+(?: \w+)? "
        r"|i morgen |paa \w+ )?over"
        r" (?:til|paa)\b",
    ),
    ("set_duty", 10, r"\bassign (?:the )?(?:vagt|vagten|duty|phone|shift) (?:to|on|for)\b"),
    (
        "set_duty",
        10,
        r"^(?!.*\b(?:hvem|who|jeg|vi|du|fri)\b)(?:[a-z]+ ){1,2}skal have (?:mandag|tirsdag|onsdag"
        r"|torsdag|fredag|vagten|telefonen)\b",
    ),
    # a lead correcting the rota: `pia tager telefonen næste tirsdag, ret det lige`
    (
        "set_duty",
        10,
        r"^(?!.*\b(?:hvem|who)\b).*\b(?:tager|har|skal have) (?:vagten|telefonen)\b.*"
        r"\b(?:ret|opdater|aendr) (?:det|den|vagtplanen|planen)(?: lige)?(?: tak| please| \?)*$",
    ),
    ("set_duty", 10, r"\bgiv (?:vagten|telefonen)\b.*\btil\b|\bgive the duty\b"),
    ("set_duty", 10, r"\bsaet [a-z]+(?: [a-z]+)? paa (?:vagt(?:en)?|telefonen)\b"),
    ("set_duty", 10, r"\bset (?!my\b|me\b)[a-z]+(?: [a-z]+)? (?:as|on) duty\b"),
    # generate
    ("generate", 11, r"\blav (?:en )?(?:ny )?vagtplan\b|\bgenerate (?:a )?(?:new )?rota\b"),
    (
        "generate",
        11,
        r"\b(?:lav|laeg|laegge) (?:en |den )?(?:ny |nye )?vagtplan\w*\b"
        r"|\b(?:kan du|vil du|du|kunne du|please) (?:\w+ )?planlaegge vagter\w*\b"
        r"|^planlaeg vagter\w*\b"
        rf"|\blav (?:en |den )?nye? plan(?:en)?(?= (?:for|til) (?:uge|naeste|{MONTH}|\d)|(?: \?)*$)"
        r"|\bregenerate (?:the |a )?(?:rota|schedule|plan)\b",
    ),
    ("generate", 11, r"\b(?:make|create|build) (?:a|an) (?:new )?rota\b"),
    ("generate", 11, r"\bredo the rota\b|\bmake a new rota\b|\bplanlaeg vagterne\b"),
    ("generate", 11, r"\blaegge (?:en )?(?:ny )?vagtplan\b|\bnew rota\b|\bny vagtplan\b"),
    (
        "generate",
        11,
        r"^generate\b|\bgenerate (?:the |a |a new |new )?(?:rota|schedule|duties|vagtplan\w*"
        r"|plan)\b"
        r"|\blav\b.*\bvagtplan\b|\bmake the rota\b",
    ),
    # calendar
    ("calendar", 9, r"\bmin kalender\b|\bmy calendar\b|\bcalendar link\b|\bvagtkalender\b"),
    ("calendar", 9, r"\boutlook kalender\b|\bkalenderlink\b|\bi min (?:outlook )?kalender\b"),
    (
        "new_calendar",
        11,
        r"^(?:ny kalender|new calendar)\b|\bnyt kalenderlink\b|\bnew calendar link\b",
    ),
    ("new_calendar", 11, r"\bny\w* link\b.*\bkalender\w*\b|\bnew link\b.*\bcalendar\b"),
    (
        "new_calendar",
        11,
        r"\b(?:kalenderlink\w*|calendar link|link)\b.*\b(?:et nyt|en ny|a new one|new one"
        r"|a new link"
        r"|a fresh one|fresh link)(?: link)?(?: \?| please| tak)*$",
    ),
    (
        "new_calendar",
        11,
        r"\b(?:reset|nulstil\w*|forny\w*|renew) (?:my |min |mit )?(?:calendar|kalender)\w* ?link\b",
    ),
    ("team_calendar", 11, r"\bteamkalender\w*\b|\bteam calendar\b|\bteamets vagtkalender\b"),
    ("team_calendar", 11, r"\bwhole team s calendar\b"),
    (
        "team_calendar",
        11,
        r"\bhele team(?:et|ets)?\b.*\bkalender\w*|\bkalender\w*\b.*\bhele team(?:et|ets)?\b"
        r"|\bwhole team\b.*\bcalendar\b|\bcalendar\b.*\bwhole team\b",
    ),
    ("team_calendar", 11, r"\bteam s (?:rota|duties|schedule)\b.*\bcalendar\b"),
    # members
    ("members", 10, r"\bmedlemmer\b|\bmembers\b|\bhvem er (?:med )?i teamet\b"),
    ("members", 13, r"\bwho(?: is| s| are) (?:in|on) (?:the|my|our) team\b"),
    ("members", 13, r"\bwho is in the team\b|\bhvem er paa vagtplanen og\b"),
    ("members", 13, r"\bmedlemm\w*\b.*\broller\b|\bmembers\b.*\broles\b"),
    # role
    (
        "role",
        12,
        r"\brolle(?:n|r|rne)?\b|\brole\b|\btil (?:team)?leder\b(?! samtale)"
        r"|\bblive (?:team)?leder\b",
    ),
    ("role", 12, r"\bskal vaere (?:sagsbehandler|leder|omstilling)\b"),
    (
        "role",
        12,
        r"\bsaet [a-z]+(?: [a-z]+)? (?:som|til) (?:sagsbehandler|leder|teamleder|omstilling)\b",
    ),
    (
        "role",
        12,
        r"\bgoer [a-z]+(?: [a-z]+)? til\b"
        r"|\bmake [a-z]+(?: [a-z]+)? (?:a |an )?(?:team lead|lead|caseworker|switchboard)\b",
    ),
    # on_rota / off_rota
    # Someone put on the rota, not a question about who is on it (`who's on the rota`).
    (
        "on_rota",
        12,
        r"^(?:paa vagtplan(?:en)?|on rota)\b|\bto the rota\b"
        r"|\b(?:saet|tilfoej|skriv|put|get)\b.*\b(?:(?:paa|til) vagtplan\w*|on (?:the )?rota)\b"
        r"|\b(?:skal|kommer) (?:med )?(?:paa|i) (?:vagtplan\w*|vagtrotation\w*)\b",
    ),
    (
        "off_rota",
        13,
        r"\baf vagtplan(?:en)?\b|\b(?:tag|tage|fjern|saet|smid)\w* (?:\w+ ){0,2}af planen\b"
        r"|\boff (?:the )?rota\b|\bskal ikke have vagter\b",
    ),
    (
        "off_rota",
        13,
        r"\bfrom the rota\b|\bshouldn t be on the rota\b"
        r"|\btake (?:him|her|them) off(?: (?:the )?(?:rota|list))?(?: \?| please)*$",
    ),
    ("off_rota", 13, r"\bfjern\b.*\bvagtplan\w*\b|\bremove\b.*\brota\b"),
    # workdays
    (
        "workdays",
        12,
        r"\barbejdsdage\b|\bworkdays\b|\b(?:arbejder kun|only works|works only) (?:om |paa |on )?"
        r"(?:mandag|tirsdag|onsdag|torsdag|fredag|monday|tuesday|wednesday|thursday|friday|man|tir"
        r"|tirs|ons|tor|tors|fre|\w+ dage"
        r"|\w+ days)",
    ),
    ("workdays", 12, r"\bgaar ned i tid\b|\barbejder ikke om\b"),
    (
        "workdays",
        12,
        r"\b(?:works?|arbejder) (?:kun |only )?(?:monday|tuesday|wednesday|thursday|friday|mandag"
        r"|tirsdag|onsdag|torsdag|fredag)(?: \w+){0,2} (?:fremover|from now on|fra nu|now|nu)\b",
    ),
    # code / join
    ("code", 12, r"\bkode omstilling\b|\bcode switchboard\b|\bjoin code\b"),
    ("code", 12, r"\btilmeldingskode\b|\blav en kode\b|\bgenerate a code\b|\bny kode\b"),
    ("code", 12, r"\bkode til (?:en |den )?(?:ny|nye)\b|\bcode for (?:a |the )?new\b"),
    (
        "code",
        12,
        r"\bcode for (?:the )?switchboard\b|\bkode til omstilling\w*\b"
        r"|\blave? (?:en )?kode (?:saa|so) (?:hun|han|de|she|he|they) kan\b",
    ),
    ("join", 12, r"\btilmeld\b|\bjoin\b|\bmy code\b|\bfaaet en kode\b|\bhar en kode\b"),
    (
        "join",
        12,
        r"\btilmelder mig (?:med|with)\b|\bjoining with\b|\b(?:faaet|fik|got|been given) (?:en |a "
        r"|the )?"
        r"(?:kode|koden|code)(?! til| for| to)\b|\b(?:joining|tilmelder mig) (?:the )?team\w*\b",
    ),
    # settings / setup / announce_here / language / switch_team
    ("settings", 12, r"\bindstilling\w*\b|\bsettings\b|\bmorgenbeskeden\b|\btelefonnummer\b"),
    (
        "settings",
        12,
        r"\b(?:saet\w*|tilfoej\w*|add|set|indstil\w*|registrer\w*|ret\w*|aendr\w*) (?:\w+ ){0,3}"
        r"(?:lukkedag\w*|closed days?|closing days)\b|\b(?:lukkedag\w*|closed days?|closing days)"
        r" (?:\w+ ){0,3}(?:op|ind|up)\b|\bhvilke lukkedag\w* har vi\b|\bwhat are (?:the"
        r"|our) closed days\b",
    ),
    ("setup", 12, r"\bopsaetning\w*\b|\bsetup\b|\bset up\b|\bop forfra\b"),
    ("announce_here", 13, r"\bannoncer her\b|\bannounce here\b|\bdenne kanal\b"),
    ("announce_here", 13, r"\bthis channel\b|\bden her kanal\b"),
    (
        "announce_here",
        13,
        r"\b(?:her i kanalen|here in the channel)\b.*\b(?:hver morgen|every morning)\b",
    ),
    (
        "language",
        12,
        r"^(?:sprog|language)\b|\b(?:skift|change|switch|set|saet|aendr)\w* (?:\w+ )?(?:sprog"
        r"|language)\b"
        r"|^(?:paa|in) (?:dansk|engelsk|english|danish)\b|\b(?:svar|skriv|tal|snak|answer|reply"
        r"|write|speak|talk)\w* (?:til mig |to me |me |mig )?(?:paa|in) (?:dansk|engelsk|english"
        r"|danish)\b"
        r"|\b(?:have|get|faa) (?:it|det|svar\w*|answers?) (?:paa|in) (?:dansk|engelsk|english"
        r"|danish)\b",
    ),
    ("language", 12, r"\benglish please\b|\bspeak (?:danish|english)\b|\bswitch to english\b"),
    ("language", 12, r"\bswitch to danish\b|\bdansk tak\b|\bengelsk tak\b"),
    (
        "language",
        12,
        r"\b(?:skriv|svar|tal)\w* (?:paa )?(?:engelsk|dansk) til mig\b|\bswitch me to (?:danish"
        r"|english)\b"
        r"|\b(?:write|answer|reply|speak) to me in (?:english|danish)\b",
    ),
    ("switch_team", 13, r"\bskift team\b|\bswitch teams?\b|\bskift til team\b"),
    (
        "switch_team",
        13,
        r"\b(?:i m|jeg er) (?:in|med i|i) (?:two|to|2) teams\b.*\b(?:change|switch|skift\w*"
        r"|hvordan|how)\b",
    ),
    ("switch_team", 13, r"\bother team\b|\bandet team\b|\bswitch\w* to the other one\b"),
    (
        "switch_team",
        13,
        r"\bskift(?:e|er)? (?:jeg )?(?:over )?til (?:det )?(?:\w+ )?\w*teamet\b"
        r"|\bskift(?:e|er)? (?:jeg )?(?:over )?til det andet(?: team)?(?: \?)*$",
    ),
    (
        "switch_team",
        13,
        r"\bskift\w* (?:til )?team\b|\bswitch\w* to team\b|\bchange (?:to )?team\b",
    ),
)


def _by_intent() -> tuple[
    tuple[str, tuple[str, ...], tuple[tuple[int, re.Pattern[str], tuple[str, ...]], ...]], ...
]:
    """Per intent, in the order the intents first appear in RULES: the strings one of which
    any of its patterns needs, and its patterns heaviest first."""
    grouped: dict[str, list[tuple[int, re.Pattern[str], tuple[str, ...]]]] = {}
    for intent, weight, pattern in RULES:
        grouped.setdefault(intent, []).append(
            (weight, re.compile(pattern), tuple(required(pattern) or ("",)))
        )
    return tuple(
        (
            intent,
            tuple(sorted({need for _, _, needs in rules for need in needs})),
            tuple(sorted(rules, key=lambda rule: -rule[0])),
        )
        for intent, rules in grouped.items()
    )


_BY_INTENT = _by_intent()

# Greetings and thanks: a sentence of only these is smalltalk.
SMALLTALK = frozenset(
    _words(
        "hej hejsa hi hello hey goddag god morgen godmorgen weekend tak for i dag sidst "
        "thanks thank you thx cheers tusind hjaelpen bot mange dejlig have a nice day "
        "good morning afternoon og ogsaa saa vi ses bye farvel skal du ok nice day a have jul "
        "glaedelig godt nytaar hvordan gaar det so much there everyone alle allesammen sammen "
        "now ha en take care eftermiddag aften mate guys folks team "
        "morning evening all lot super fint great godaften du er guld happy holidays"
    )
)
GREETINGS = frozenset(
    _words(
        "care eftermiddag aften hej hejsa hi hello hey goddag godmorgen morgen weekend tak thanks "
        "thank thx cheers "
        "bye farvel ses jul nytaar gaar day morning afternoon evening godaften holidays"
    )
)


# Polite padding around a request: `hej tjek`, `sager please`, `kan du lige vise vagtplanen`.
_PADDING = re.compile(
    r"^(?:(?:hej|hejsa|hi|hey|hello|please|bot|kan du lige|vil du vaere soed at) )+"
    r"|(?: (?:tak|thanks|thx|please|\?))+$"
)


def unpadded(words: str) -> str:
    """The words without the polite padding around them, if anything else is left."""
    return _PADDING.sub("", words) or words


def score(words: str) -> list[tuple[str, int]]:
    """Every intent whose pattern matches, best first, with its weight (a tie goes to the
    intent that comes first in RULES). A pattern whose needed strings are all missing from
    the sentence cannot match and is skipped unread; so is an intent none of whose patterns
    can match, which is most of them for any one sentence."""
    best: list[tuple[str, int]] = []
    has = words.__contains__
    for intent, needs, rules in _BY_INTENT:
        if not any(map(has, needs)):
            continue
        for weight, pattern, need in rules:  # heaviest first: the first match is the best
            if any(map(has, need)) and pattern.search(words):
                best.append((intent, weight))
                break
    return sorted(best, key=lambda item: -item[1])


# The writer saying they will not be at work is a request whatever else the sentence says
# (`my kid is sick so I won't be in tomorrow`).
_AWAY_MYSELF = re.compile(
    r"\b(?:i won t be in|i can t come in|i m staying home|i ll stay home|jeg bliver hjemme"
    r"|jeg er hjemme med|jeg kan ikke komme(?: ind)?)\b(?! (?:til|to|the|ind paa|in to)\b)"
    r"|\b(?:jeg|i) (?:holder|tager|har|m taking|ll take|take|am taking|need) (?:\w+ ){0,2}"
    r"(?:fri|ferie|omsorgsdag|afspadsering|day off|vacation|time off)\b"
    r"|\b(?:nogen|en|someone|anyone) (?:der |som |who )?(?:vil|kan|kunne|can|could|will)"
    r" (?:tage|overtage|daekke|take|cover|have) (?:over )?(?:telefonen|vagten|the phone|my \w+)\b"
    r"|\b(?:nogen|someone|anyone|somebody|en anden|en der|kan du|can you|could you|would you)\b"
    r".*\b(?:tage|overtage|take|cover|covers|take over) (?:min|my) (?:vagt\w*|duty|shift|phone)\b"
)


# `min mand spørger om jeg har fri på fredag`: what someone else says, not a request.
_REPORTED = re.compile(
    r"\b(?:spoerge\w*|spurgte|synes|siger|sagde|says|said|asked|asks|wonders|thinks|heard|hoert\w*)\b"
)


def guarded(words: str) -> bool:
    """A guard matches; the one about family members gives way to the writer saying they will
    not be in (`my kid is sick so I won't be in tomorrow`), no other guard does."""
    family, others = GUARDS[0], GUARDS[1:]
    if any(guard.search(words) for guard in others):
        return True
    return bool(family.search(words)) and (
        not _AWAY_MYSELF.search(words) or bool(_REPORTED.search(words))
    )


def smalltalk(words: str) -> bool:
    tokens = [w for w in words.split() if w != "?"]
    return (
        bool(tokens) and all(t in SMALLTALK for t in tokens) and any(t in GREETINGS for t in tokens)
    )


def _literals(pattern: str) -> set[str]:
    """The words a pattern spells out (`\\bhvornaar (?:har jeg` → hvornaar, har, jeg)."""
    return set(re.findall(r"[a-z]+", re.sub(r"\\[a-zA-Z]|\(\?[:!=<]+|\[[^]]*\]", " ", pattern)))


# Every word the patterns and slot parsers read is known (never corrected); the longer ones
# are what a longer unknown word one edit away is read as.
_SPELLED = (
    set().union(*(_literals(p) for _, _, p in RULES))
    | set().union(*(_literals(g.pattern) for g in GUARDS))
    | set().union(*(_literals(p) for p in VOCABULARY_SOURCES))
)
_KNOWN = frozenset(VOCABULARY) | COMMON | SMALLTALK | frozenset(_SPELLED)
_LONG = tuple(sorted({w for w in _KNOWN - COMMON if len(w) >= 5}, key=lambda w: (-len(w), w)))
