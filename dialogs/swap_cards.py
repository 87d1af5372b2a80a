"""The swap cards: a request to everyone, one to a colleague, an absence's post with a button
per day, and a lead's approval card."""

from datetime import date
from typing import Any

from dialogs import cards
from dialogs.messages import capital, format_day, t
from domain.swaps import ABSENCE
from rules.swaps import status
from store.models import SwapRequestRow
from store.swaps import plain

# Marks a button on an absence's post: a take there redraws the whole post.
ON_POST = "absence"


def open_card(lang: str, row: SwapRequestRow, requester: str) -> dict[str, Any]:
    why = t(lang, "why_absence") if row.reason.startswith(ABSENCE) else ""
    text = t(lang, "swap_open_card", name=requester, day=format_day(lang, row.day), why=why)
    return cards.card(
        [cards.text(text)], [cards.submit(t(lang, "take"), {"action": "swap.take", "swap": row.id})]
    )


def absence_card(
    lang: str, rows: list[SwapRequestRow], requester: str, names: dict[int, str], today: date
) -> dict[str, Any]:
    """One post for all the duty days of an absence: a "Take it" button under each open day,
    and what became of the others (who took it), so the post keeps its context."""
    why = t(lang, "why_absence")
    if len(rows) == 1:
        day = format_day(lang, rows[0].day)
        intro = t(lang, "swap_open_card", name=requester, day=day, why=why)
    else:
        intro = t(lang, "swap_days_card", name=requester, why=why)
    still_open = any(status(plain(row), today) == "open" for row in rows)
    body = [cards.text(intro)] if still_open else []  # once all are gone, no question
    for row in rows:
        if status(plain(row), today) == "open":
            body.append(cards.text(capital(format_day(lang, row.day))))
            data = {"action": "swap.take", "swap": row.id, "post": ON_POST}
            body.append(cards.buttons([cards.submit(t(lang, "take"), data)]))
        else:
            body.append(cards.text(day_line(lang, row, requester, names, today)))
    return cards.card(body)


def day_line(
    lang: str, row: SwapRequestRow, requester: str, names: dict[int, str], today: date
) -> str:
    """`Tirsdag 22. december (Anne Sørensen): taget af Karin Madsen`."""
    state = status(plain(row), today)
    day = capital(format_day(lang, row.day))
    taker = names.get(row.taken_by or 0, "")
    if state == "taken":
        return t(lang, "swap_day_taken", day=day, name=requester, taker=taker)
    if state == "awaiting_approval":
        return t(lang, "swap_day_awaiting", day=day, name=requester, taker=taker)
    if state == "open":
        return t(lang, "swap_line", day=day, name=requester, target="")
    return t(lang, "swap_day_closed", day=day, name=requester, status=t(lang, f"status.{state}"))


def direct_card(lang: str, row: SwapRequestRow, requester: str) -> dict[str, Any]:
    offer = t(lang, "swap_offer", day=format_day(lang, row.offered_day)) if row.offered_day else ""
    text = t(lang, "swap_direct_card", name=requester, day=format_day(lang, row.day), offer=offer)
    return cards.card(
        [cards.text(text)],
        [
            cards.submit(t(lang, "accept"), {"action": "swap.take", "swap": row.id}),
            cards.submit(t(lang, "decline"), {"action": "swap.decline", "swap": row.id}),
        ],
    )


def approval_card(
    lang: str,
    swap_id: int,
    taker: str,
    requester: str,
    day: date,
) -> dict[str, Any]:
    text = t(lang, "swap_approval_card", taker=taker, name=requester, day=format_day(lang, day))
    return cards.card(
        [cards.text(text)],
        [
            cards.submit(t(lang, "approve"), {"action": "swap.approve", "swap": swap_id}),
            cards.submit(t(lang, "reject"), {"action": "swap.reject", "swap": swap_id}),
        ],
    )
