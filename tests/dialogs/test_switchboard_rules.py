"""A team's switchboard rules: the deployment's, with the referral numbers its lead saved."""

from bot.config import Settings
from dialogs.switchboard_rules import build, for_team, missing_phones, phone_fields
from domain.team_settings import REFERRAL_PHONES

CONFIG = {
    "referrals": {"complaint": {"da": "Klageenheden", "en": "Complaints", "phone": "70 00 00 01"}}
}


def test_a_number_the_lead_saved_wins_over_the_config_file_and_fills_a_gap() -> None:
    settings = Settings(switchboard=CONFIG)
    saved = {REFERRAL_PHONES: {"payment": "70 11 22 33", "complaint": "70 99 99 99"}}
    rules = for_team(settings, "Sygedagpenge", saved)
    assert rules.referral("payment").phone == "70 11 22 33"
    assert rules.referral("complaint").phone == "70 99 99 99"
    assert rules.referral("payment").da.startswith("Ydelseskontoret")
    # Another team's rules are its own.
    assert for_team(settings, "Jobcenter Nord", {}).referral("payment").phone == ""


def test_missing_phones_lists_exactly_the_categories_without_a_number() -> None:
    settings = Settings(switchboard=CONFIG)
    everything = set(build(CONFIG).referrals)
    assert set(missing_phones(for_team(settings, "T", None))) == everything - {"complaint"}
    saved = {REFERRAL_PHONES: dict.fromkeys(everything, "70 11 22 33")}
    assert missing_phones(for_team(settings, "T", saved)) == ()


def test_the_cards_ask_once_per_place_and_not_for_a_number_the_config_gives() -> None:
    fields = {f.key: f for f in phone_fields(build(CONFIG))}
    assert "referral_complaint" not in fields
    assert set(fields["referral_payment"].categories) == {"payment", "sick_pay"}
    categories = [c for f in fields.values() for c in f.categories]
    assert len(categories) == len(set(categories))
