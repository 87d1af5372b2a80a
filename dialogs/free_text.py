"""A sentence that holds no command word (#14): understood, then answered or confirmed.

`understand()` gives an intent from the routing table and its slots; `free_text_commands`
writes that as the command people could have typed, and the command runs through the normal
routing (`ctx.run_text`), so access rules, the "which Anne?" card and every check stay in one
place. Questions are answered at once; a change is first shown on a card in words and dates
(Ja / Ret / Nej), and only Ja runs it. Two readings (a low confidence between intents, "næste
fredag" said early in a week) are asked with buttons, never guessed.
"""

import re
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from dialogs import cards
from dialogs.commands import closest
from dialogs.context import Caller, Context
from dialogs.free_text_commands import BY_NAME, Canonical, canonical
from dialogs.messages import capital, format_day, t
from dialogs.plain import Reply
from dialogs.routing import COMMANDS, denied
from rules.text import fold
from rules.weekdays import weekday_number
from store.models import CardFlow
from understanding import CHANGES_DATA, READ_ONLY, Understood, understand

# Changes whose command only opens a card that asks again before anything is stored.
OPENS_A_CARD = frozenset({"new_case", "switch_team"})
# Below this the recogniser's first guess is offered next to its alternatives, not acted on.
SURE = 0.7
# The likeliest wishes of each role, for a sentence nobody could read.
COMMON = {
    "switchboard": ("check", "duty", "help"),
    "caseworker": ("duty", "my_duties", "new_case"),
    "lead": ("duty", "rota", "cases_today"),
    None: ("help", "join"),
}
_THANKS = re.compile(r"\b(?:tak|tusind|thanks?|thx|ty|cheers)\b")
_NEXT_WEEKDAY = re.compile(r"\b(?:naeste|next)\s+([a-z]+)")
DATE_KEYS = ("date", "first", "last", "offered")

# A choice on a card: an intent, and its slots when the sentence gave them (None: the
# command's read-only form or its example).
Choice = dict[str, Any]


async def answer(caller: Caller, text: str, ctx: Context) -> list[Reply]:
    lang = caller.lang
    names = list((await ctx.store.members.names(caller.team.id)).values()) if caller.team else []
    understood = understand(text, ctx.today(), names)
    hint = closest(text, COMMANDS, lang) if text.strip() else None
    if hint and _misspelt(text, hint, understood):
        return [Reply(t(lang, "unknown_command", hint=hint))]
    if understood.intent == "smalltalk":
        kind = "thanks" if _THANKS.search(fold(text)) else "greeting"
        return [Reply(t(lang, f"free_smalltalk.{kind}", name=caller.member.name.split(" ")[0]))]
    if understood.intent not in BY_NAME:
        return await _not_understood(caller, understood, ctx)
    choices = _readings(understood, text, ctx.today())
    if len(choices) > 1:
        return [await _choices_card(caller, ctx, t(lang, "free_which"), choices, text)]
    return await _act(caller, ctx, understood.intent, understood.slots, text)


def _misspelt(text: str, hint: str, understood: Understood) -> bool:
    """A command word typed wrong (`medlemer`, `fravr 5.1 ferie`), not a sentence whose first
    words happen to look like one (`min mand har vagt i weekenden` is not `min kalender`)."""
    words, hinted = len(text.split()), len(hint.split())
    return words <= hinted or (understood.intent == "none" and words <= hinted + 2)


def _readings(understood: Understood, text: str, today: date) -> list[Choice]:
    """Two or more ways to read the sentence, or the one."""
    slots = dict(understood.slots)
    days = _weekday_readings(text, today, slots)
    if days:
        return [{"intent": understood.intent, "slots": s, "day": d} for d, s in days]
    first: Choice = {"intent": understood.intent, "slots": slots}
    if understood.confidence >= SURE or not understood.alternatives:
        return [first]
    others = [a for a in understood.alternatives if a in BY_NAME and a != understood.intent]
    return [first, *({"intent": a, "slots": None} for a in others)]


def _weekday_readings(
    text: str, today: date, slots: dict[str, str]
) -> list[tuple[str, dict[str, str]]]:
    """`næste fredag` said on a Monday: this week's Friday or next week's? Both, to ask."""
    found = _NEXT_WEEKDAY.search(fold(text))
    weekday = weekday_number(found.group(1)) if found else None
    if weekday is None:
        return []
    coming = today + timedelta(days=(weekday - today.weekday()) % 7 or 7)
    if coming.isocalendar()[:2] != today.isocalendar()[:2]:
        return []  # the coming one is already next week's: nothing to mix up
    later = coming + timedelta(weeks=1)
    key = next(
        (k for k in DATE_KEYS if slots.get(k) in (coming.isoformat(), later.isoformat())), None
    )
    if key is None:
        return []
    return [(day.isoformat(), {**slots, key: day.isoformat()}) for day in (coming, later)]


async def _act(
    caller: Caller,
    ctx: Context,
    intent: str,
    slots: Mapping[str, str] | None,
    text: str,
) -> list[Reply]:
    """Answer a question at once; show a change on a confirmation card."""
    lang = caller.lang
    command = BY_NAME[intent]
    found = canonical(caller, intent, slots or {}, ctx.today())
    if intent in READ_ONLY or intent in OPENS_A_CARD:
        assert found is not None  # a question always has a form: its bare command at least
        return await ctx.run_text(caller, found.text, ctx, found.target_id)
    if found is None or slots is None or intent not in CHANGES_DATA:
        example = command.example(lang)
        return [Reply(t(lang, "free_example", what=t(lang, f"cmd.{intent}"), example=example))]
    # Who may not do it is told so now (nothing runs); a 1:1 chat with several teams asks
    # which team first and then reads the sentence again.
    refused = await denied(caller, command, text, ctx)
    if refused:
        return refused
    return [await _confirm_card(caller, ctx, found)]


async def _confirm_card(caller: Caller, ctx: Context, found: Canonical) -> Reply:
    lang = caller.lang
    state = {
        "by": caller.member.id,
        "lang": lang,
        "command": found.text,
        "question": found.question,
        "target": found.target_id,
    }
    flow = await ctx.store.flows.start(
        "free.confirm", caller.team.id if caller.team else None, state, ctx.clock.now()
    )
    body = [
        cards.heading(found.question),
        cards.text(t(lang, "free_command_is", command=found.text), subtle=True),
    ]
    actions = [
        cards.submit(
            t(lang, f"free_button.{title}"), cards.flow_data(flow.id, flow.version, action)
        )
        for title, action in (("yes", "free.yes"), ("fix", "free.fix"), ("no", "free.no"))
    ]
    return Reply(card=cards.card(body, actions))


async def _choices_card(
    caller: Caller, ctx: Context, prompt: str, choices: list[Choice], text: str
) -> Reply:
    state = {"by": caller.member.id, "lang": caller.lang, "choices": choices, "text": text}
    flow = await ctx.store.flows.start(
        "free.pick", caller.team.id if caller.team else None, state, ctx.clock.now()
    )
    options = [(_title(caller, c), {"choice": str(i)}) for i, c in enumerate(choices)]
    return Reply(card=cards.choices_card(prompt, flow.id, flow.version, "free.pick", options))


def _title(caller: Caller, choice: Choice) -> str:
    """A button's words: the day, when two days are the question; else what the command does."""
    if choice.get("day"):
        return capital(format_day(caller.lang, date.fromisoformat(choice["day"])))
    return t(caller.lang, f"cmd.{choice['intent']}")


async def _not_understood(caller: Caller, understood: Understood, ctx: Context) -> list[Reply]:
    """A short answer and the two or three likeliest wishes as buttons."""
    lang = caller.lang
    wanted = [a for a in understood.alternatives if a in BY_NAME]
    wanted = wanted or list(COMMON.get(caller.role if caller.team else None, COMMON[None]))
    usable = [a for a in wanted if BY_NAME[a].allows(caller.role if caller.team else None)][:3]
    if not usable:
        return [Reply(t(lang, "unknown_command_no_hint"))]
    choices: list[Choice] = [{"intent": a, "slots": None} for a in usable]
    card = await _choices_card(caller, ctx, t(lang, "free_try"), choices, "")
    return [Reply(t(lang, "free_none"), card=card.card)]


# Card buttons (CARD_ACTIONS in dialogs/card_routing.py).


async def pick(caller: Caller, flow: CardFlow, value: dict[str, Any], ctx: Context) -> list[Reply]:
    choices = flow.state.get("choices") or []
    index = cards.whole(value, "choice")
    if not 0 <= index < len(choices):
        return [Reply(t(caller.lang, "card_unknown"))]
    mine = await _claim(caller, flow, value, ctx)
    if mine:
        return mine
    chosen = choices[index]
    slots = chosen.get("slots")
    text = str(flow.state.get("text") or "")
    return await _act(caller, ctx, chosen["intent"], slots, text)


async def yes(caller: Caller, flow: CardFlow, value: dict[str, Any], ctx: Context) -> list[Reply]:
    mine = await _claim(caller, flow, value, ctx)
    if mine:
        return mine
    target = flow.state.get("target")
    replies = await ctx.run_text(
        caller, str(flow.state["command"]), ctx, target if isinstance(target, int) else None
    )
    return [_closed(caller, flow, "free_done_yes"), *replies]


async def no(caller: Caller, flow: CardFlow, value: dict[str, Any], ctx: Context) -> list[Reply]:
    mine = await _claim(caller, flow, value, ctx)
    if mine:
        return mine
    return [_closed(caller, flow, "free_done_no"), Reply(t(caller.lang, "free_no"))]


async def fix(caller: Caller, flow: CardFlow, value: dict[str, Any], ctx: Context) -> list[Reply]:
    mine = await _claim(caller, flow, value, ctx, done=False)
    if mine:
        return mine
    return [Reply(card=_fix_card(caller.lang, flow), update=True)]


async def send(caller: Caller, flow: CardFlow, value: dict[str, Any], ctx: Context) -> list[Reply]:
    typed = " ".join(str(value.get("command") or "").split())
    if not typed:
        return [Reply(t(caller.lang, "free_fix_empty"))]
    mine = await _claim(caller, flow, value, ctx)
    if mine:
        return mine
    # As typed: a command word acts at once, a sentence is read (and confirmed) again.
    return await ctx.run_text(caller, typed, ctx, None)


async def _claim(
    caller: Caller, flow: CardFlow, value: dict[str, Any], ctx: Context, *, done: bool = True
) -> list[Reply]:
    """Nothing when the click is the sentence's writer's and the first; else why not."""
    if flow.state.get("by") != caller.member.id:
        return [Reply(t(caller.lang, "free_not_yours"))]
    if caller.member.language is None and flow.state.get("lang") in ("da", "en"):
        # A click has no words: the card goes on in the language its sentence was written in.
        caller.lang = str(flow.state["lang"])
    if not await ctx.store.flows.claim(
        flow, value["v"], caller.member.id, ctx.clock.now(), done=done
    ):
        return [Reply(t(caller.lang, "card_outdated", name=caller.member.name))]
    return []


def _closed(caller: Caller, flow: CardFlow, key: str) -> Reply:
    question = str(flow.state.get("question") or "")
    return Reply(card=cards.done_card(question, [t(caller.lang, key)]), update=True)


def _fix_card(lang: str, flow: CardFlow) -> dict[str, Any]:
    command = str(flow.state.get("command") or "")
    body = [
        cards.text(str(flow.state.get("question") or "")),
        cards.text_input("command", t(lang, "free_fix_label"), command),
        cards.text(t(lang, "free_fix_help"), subtle=True),
    ]
    send = cards.submit(t(lang, "free_send"), cards.flow_data(flow.id, flow.version, "free.send"))
    return cards.card(body, [send])
