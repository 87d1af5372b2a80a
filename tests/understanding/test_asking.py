"""understanding/asking.py: a change read from a sentence needs a sign that it is asked."""

from datetime import date

import pytest

from understanding import understand

MONDAY = date(2026, 12, 7)
ROSTER = ("Bo Jensen", "Mette Lund", "Karen Friis")


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # about the writer, said to the bot, or with no subject: a request
        ("jeg har ferie i uge 52", "away"),
        ("ferie 21-23/12", "away"),
        ("kan du registrere fri fredag", "away"),
        ("syg i dag", "sick"),
        ("Bo er syg i dag", "sick"),  # a member, as a statement
        ("kan nogen tage min vagt torsdag", "swap"),
        ("sag 14 til bo", "reassign"),
        ("join 4FK9QX", "join"),
        # about someone else, asked about a member, or not about a duty: news
        ("skolerne har vinterferie i uge 7", "none"),
        ("borgeren er syg igen, så mødet på torsdag er aflyst", "none"),
        ("er Bo syg i dag?", "none"),
        ("har du fri på fredag?", "none"),
        ("kan nogen tage en kage med på fredag?", "none"),
        ("join me for a walk at 2?", "none"),
        ("rollerne i krybbespillet er fordelt", "none"),
        ("må vi poste billeder fra julefrokosten i denne kanal?", "none"),
    ],
)
def test_a_change_is_asked_not_told(text: str, intent: str) -> None:
    assert understand(text, MONDAY, ROSTER).intent == intent
