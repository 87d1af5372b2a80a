"""How an away holder is worded: the kind to colleagues, never a sickness, never to the
switchboard; who to call instead; the one-click take."""

from datetime import date

from dialogs.holder import Holder, away, call_instead, not_taken, short, take_card
from dialogs.messages import t_plain
from store.models import Member

DAY = date(2026, 12, 31)
ANNE = Member(id=1, name="Anne *Sørensen*")
BO = Member(id=2, name="Bo Jensen")
LIS = Member(id=3, name="Lis Berg")


def test_the_kind_is_said_to_colleagues_but_a_sickness_and_the_switchboard_get_away() -> None:
    vacation = Holder(DAY, ANNE, "vacation")
    assert away("da", vacation) == "Anne \\*Sørensen\\* har ferie"
    assert away("da", vacation, discreet=True) == "Anne \\*Sørensen\\* er fraværende"
    assert away("en", Holder(DAY, ANNE, "sick")) == "Anne \\*Sørensen\\* is away"
    assert away("da", Holder(DAY, ANNE, "sick"), you=True) == "du er fraværende"
    assert not_taken("da", vacation, you=True) == "du har ferie – vagten er ikke taget endnu."
    plain = not_taken("da", Holder(DAY, ANNE, "course"), say=t_plain)
    assert plain == "Anne *Sørensen* er på kursus – vagten er ikke taget endnu."


def test_who_to_call_instead_is_the_cover_else_the_leads() -> None:
    assert "Bo Jensen" in call_instead("da", Holder(DAY, ANNE, "vacation", BO, (LIS,)))
    leads = call_instead("da", Holder(DAY, ANNE, "vacation", None, (LIS,)))
    assert leads == "Ring i stedet til teamlederen: Lis Berg."
    assert "ingen" in call_instead("da", Holder(DAY, ANNE, "vacation"))


def test_a_holder_named_in_passing_is_marked_and_the_take_button_needs_an_open_request() -> None:
    assert short("da", Holder(DAY, None)) == "ingen endnu"
    assert short("da", Holder(DAY, BO)) == "Bo Jensen"
    assert short("da", Holder(DAY, BO, "toil")) == "ingen (Bo Jensen har afspadsering)"
    assert Holder(DAY, BO).covered and not Holder(DAY, BO, "toil").covered
    assert take_card("da", Holder(DAY, ANNE, "vacation")) is None
    card = take_card("da", Holder(DAY, ANNE, "vacation", swap_id=7))
    assert card is not None
    assert card["actions"][0]["data"] == {"action": "swap.take", "swap": 7}
