"""Whether a sentence that reads like a change asks the bot for one (#14).

A pattern finds the command a sentence is about; it cannot tell `jeg har ferie i uge 52` from
`skolerne har vinterferie i uge 7`, `kan nogen tage min vagt` from `kan nogen tage en kage med`,
or `skriv på engelsk til mig` from `kan du skrive referatet på engelsk`. Two independent reviews
aimed office chatter at the patterns and turned most of it into changes. So a change read from
a free sentence needs, besides its pattern, a sign that the writer asks it of the bot:

- it is about the writer (`jeg`, `I'm`, `mig`), or about a member of the team, said as a
  statement (`Bo er syg i dag`), not as a question (`er Bo syg?`);
- or it is said to the bot (`kan du …`, `please`, an imperative: `giv`, `sæt`, `byt`);
- or it has no subject at all, as people write to a bot (`ferie 21-23/12`, `syg i dag`,
  `kan nogen tage min vagt tors`);
- and what it is about is the hotline's (a duty, a weekday, a case number, the team), not a
  cake, a meeting, a printer or another workplace's rota.

A sentence that fails is `none`: the recogniser offers its read-only readings and changes
nothing. Words are the recogniser's normalised words (`understanding.intents.normalise`).
"""

import re
from collections.abc import Mapping

# A greeting or a filler before the words that count (`hej bot, kan du …`, `ok giv …`).
_HELLO = "hej|hi|hey|hello|godmorgen|morgen|ok|okay"
# The writer as subject or object (Danish `i` is `in`: English `I` only with a verb after it).
_WRITER = re.compile(
    r"\b(?:jeg|mig|me|im|i (?:m|am|ll|will|have|ve|need|want|d|take|won t|can t|cant|feel|got|was"
    r"|must|should|would|wont|just|had))\b"
)
_MY_OWN = re.compile(
    r"\b(?:min|mit|mine|my) (?:vagt\w*|ferie\w*|fravaer\w*|fridag\w*|afspadsering|kursus"
    r"|omsorgsdag|arbejdsdage|duty|duties|shift\w*|vacation|holiday|day off|days off|absence\w*"
    r"|sag\w*|case\w*|kalender\w*|calendar\w*|rolle|role|sprog|language|kode|code|team\w*)\b"
)
# Said to the bot: a request frame, or an imperative at the start.
_TO_THE_BOT = re.compile(
    r"\b(?:kan du|vil du|kunne du|gider du|can you|could you|would you|will you|please|pls|plz"
    r"|vaer soed|venligst)\b|"
    rf"^(?:(?:{_HELLO}|bot) )*(?:kan jeg"
    r"|can i|could i|may i|maa jeg|hvordan|how do i|how can i|how to)\b"
    r"|\b(?:tak|please|pls|plz|thanks)(?: \?)*$"
)
_IMPERATIVE = re.compile(
    rf"^(?:(?:{_HELLO}|bot|lige) )*(?:giv|saet|lav|laeg|flyt"
    r"|overdrag|over drag|byt|tilfoej|fjern|registrer|meld|skift|opret|log|tag|slet|annuller"
    r"|aflys|ret|aendr|nulstil|opdater|noter|skriv|vis|send|generer|planlaeg|post|annoncer|lad"
    r"|give|set|make|move|put|reassign|swap|add|remove|register|report|switch|change|create"
    r"|open|cancel|delete|generate|regenerate|assign|take|mark|book|note|join|tilmeld|use|brug"
    r"|reset|renew|forny|redo|start|new|ny|nyt|hand|pass|announce|answer|reply|speak|svar|tal"
    r"|code|kode|sprog|language|english|engelsk|dansk|danish)\w*\b"
)
# No subject: the message starts with what it is about (`ferie 21-23/12`, `syg i dag`,
# `kan nogen tage min vagt`, `feeling awful, going home`).
_NO_SUBJECT = re.compile(
    rf"^(?:(?:{_HELLO}|sorry|undskyld|hmm|aeh|desvaerre) )*"
    r"(?:(?:paa|on|i|in) )?(?:ferie\w*|fri|fridag\w*|kursus|afspadser\w*|omsorgsdag|barsel"
    r"|syg\w*|sick|vacation|holiday|days? off|off|away|out|course|fravaer\w*|absence|er (?:syg"
    r"|paa|blevet|ikke|hjemme|desvaerre)|har (?:fri|ferie|feber|det|afspadsering|omsorgsdag"
    r"|kursus)|holder|tager fri|skal (?:paa|til|have fri)|feeling|feel|not feeling|going home"
    r"|gaar hjem|melder|ringet|blevet|ikke frisk|sloej|forkoel\w*|migraene|influenza"
    r"|omgangssyge|under the weather|home sick|kan ikke|can t|cant|won t|wont|will be|be"
    r"|back|tilbage|byt\w*|swap\w*|kan nogen|can someone|can anyone|could someone"
    r"|could anyone|anyone|nogen|someone|somebody|en der|hvem kan|who can|need someone"
    r"|need cover|soeger|looking for|fever|feber|flu|ill|unwell|braekket|daarlig|har ondt"
    r"|ondt i|taking|tager|time off|skal opereres|opereres|(?:a|en|et) course|ungen|barnet"
    r"|den lille|min lille|my kid|my little|my son|my daughter|min soen|min datter|har lige"
    r"|har haft|skal have|vil gerne|need to|need a|skal bruge|just had|had a|har faaet|faaet"
    r"|got|joining|tilmelder|morgenbeskeden|the morning|from now on|fremover)\b"
)
# Someone else as the subject (`har du fri på fredag?`, `har I fri`, `is he off tomorrow`).
_OTHER_SUBJECT = re.compile(
    r"\b(?:har|holder|tager|er|skal) (?:du|han|hun|vi|de)\b|\b(?:har|holder|tager) i (?:fri"
    r"|ferie)\b"
    r"|\b(?:du|han|hun|vi|de) (?:har|holder|tager|er|skal)\b"
    r"|\b(?:do|are|will|is|has|have) (?:you|we|they|he|she)\b"
    r"|\b(?:you|we|they|he|she) (?:have|has|are|is|re|s|take|takes|ll)\b"
)
# Others sick, as news: `halvdelen af kontoret har meldt sig syg`, `your kid is sick`.
_OTHERS_SICK = re.compile(
    r"\b(?:der gaar|going around|halvdelen|half (?:of )?the|alle|everyone|everybody|kontoret"
    r"|the office|boernehaven|klassen|the class|folk|people|fra it|from it)\b"
    r"|\b(?:your|ur|din|dit|dine|hans|hendes|his|her) (?:\w+ )?(?:is|er) (?:sick|syg|ill)\b"
    r"|\bhalf (?:my|our)\b"
)
# A question about a member, not a statement (`er Bo syg i dag?`, `ved du om Karen har fri`).
_ASKS_ABOUT = re.compile(r"^(?:ved du|do you know|er|is|har|has|holder|does|did|was)\b|\?")
_DUTY = re.compile(
    r"\b(?:vagt\w*|telefonen|tlf|hotline\w*|duty|duties|shift\w*|phone|rota|vagtplan\w*)\b"
)
_WEEKDAY = re.compile(
    r"\b(?:man|mandag|tirsdag|onsdag|torsdag|fredag|monday|tuesday|wednesday|thursday|friday"
    r"|mandage|tirsdage|onsdage|torsdage|fredage|mondays|fridays|dage|days)\w*\b"
)
# Things a swap or a take-over is about that are not a duty.
_NOT_A_DUTY = re.compile(
    r"\b(?:meeting|moedet|moede\w*|minutes|referat\w*|slides|billet\w*|ticket\w*|\w*kage\w*|cake"
    r"|1 1"
    r"|post|pakke\w*|batter\w*|order|seats|pladser|punkter|dagsorden\w*|bukser\w*|mad"
    r"|opvask\w*|coffee|kaffe\w*|run|school|skole\w*|fair|bus|billeder)\b"
)
# A join code as written: letters and digits in one word (`4FK9QX`, `ABC123`).
_CODE_TOKEN = re.compile(r"\b(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{4,12}\b")
_TEAM_WORDS = re.compile(r"\b(?:kode|koden|code|team\w*|botten|bot|hotline\w*)\b")
_ANNOUNCING = re.compile(
    r"\b(?:morgen\w*|morning|annonc\w*|announce\w*|vagt\w*|duty|daily|dagens|hver dag|every day)\b"
)
_QUESTION = re.compile(r"^(?:hvem|hvad|hvorfor|who|what|why|maa vi|may we|can we|kan vi)\b")


def asks_for_change(
    intent: str, words: str, said: str, slots: Mapping[str, str], text: str
) -> bool:
    """Whether `words` (the request without its polite padding; `said`, with it; `text`, as
    written), read as the data-changing `intent`, ask the bot for that change."""
    person = "person" in slots
    writer = bool(_WRITER.search(words) or _MY_OWN.search(words))
    to_bot = bool(_TO_THE_BOT.search(said) or _IMPERATIVE.search(words))
    no_subject = bool(_NO_SUBJECT.search(words))
    terse = len(words.split()) <= 4
    member = person and slots.get("person") != "me" and not _ASKS_ABOUT.search(words)
    if intent in ("away", "sick"):
        if _OTHER_SUBJECT.search(words) and not person:
            return False
        if intent == "sick" and _OTHERS_SICK.search(words) and not person:
            return False
        return writer or to_bot or member or no_subject
    if intent == "swap":
        if _NOT_A_DUTY.search(words):
            return False
        dated = any(k in slots for k in ("date", "first"))
        asked = writer or "target" in slots or to_bot or no_subject
        return bool(_DUTY.search(words)) or (dated and asked) or len(words.split()) <= 2
    if intent == "workdays":
        return person and bool(_WEEKDAY.search(words) or _TO_THE_BOT.search(words))
    if intent == "role":
        return person and "role" in slots and (to_bot or member)
    if intent in ("on_rota", "off_rota"):
        return (person or writer) and (to_bot or member or writer)
    if intent == "announce_here":
        return bool(_ANNOUNCING.search(words)) and not _QUESTION.search(words)
    if intent == "join":
        code = bool(_TEAM_WORDS.search(words) or _CODE_TOKEN.search(text))
        return code and (writer or to_bot or no_subject or terse)
    if intent == "set_duty":
        return to_bot or member or writer
    if intent == "reassign":
        return "case" in slots or to_bot or writer
    if intent == "language":
        return "language" in slots and (to_bot or writer or terse)
    return to_bot or writer or no_subject or terse
