"""The switchboard's guide: does a call belong to the retention hotline? Only the verdict's
category is counted; the text of a free-text check is never stored."""

from collections.abc import Sequence
from datetime import date

from domain.errors import Refused
from rules.eligibility import Signal, Verdict, classify
from store.store import Store

WHO = ("employer", "employee", "unemployed", "self_employed", "other")
WHAT = ("risk", "ongoing", "fast_track", "payment", "existing_case", "complaint", "other")
HOTLINE_TOPICS = frozenset({"risk", "ongoing", "fast_track"})
# What the guide's answers refer to, for the "no" cases.
GUIDE_REFERRAL = {
    "payment": "payment",
    "existing_case": "existing_case",
    "complaint": "complaint",
    "other": "other",
}


class PickBoth(Refused):
    """The guide was sent without both answers."""

    def __init__(self) -> None:
        super().__init__("guide_pick_both")


def guide_verdict(who: str, what: str) -> tuple[str, str]:
    """(verdict, category) for the guide's two answers."""
    if who == "unemployed":
        return "no", "unemployed"
    if who == "self_employed":
        return "no", "self_employed"
    if what in HOTLINE_TOPICS:
        return ("yes", what) if who in ("employer", "employee") else ("unsure", "ask_who")
    return "no", GUIDE_REFERRAL.get(what, "other")


async def answer_guide(
    store: Store, team_id: int, today: date, who: str, what: str
) -> tuple[str, str]:
    """The guide's verdict for two answers, counted for the day."""
    if who not in WHO or what not in WHAT:
        raise PickBoth()
    verdict, category = guide_verdict(who, what)
    await store.counts.add(team_id, today, verdict, category)
    return verdict, category


async def check_text(
    store: Store, team_id: int, today: date, text: str, signals: Sequence[Signal]
) -> Verdict:
    """A free-text description's verdict, counted for the day (the text is not kept)."""
    verdict = classify(text, signals)
    await store.counts.add(team_id, today, verdict.verdict, verdict.category)
    return verdict
