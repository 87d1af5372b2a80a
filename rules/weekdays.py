"""Working weekdays as people write them: `man-tor`, `mon,wed,fri`, `mandag-torsdag`."""

from rules.text import fold

# Monday = 0. Danish and English names and their usual abbreviations.
_NAMES: dict[str, int] = {}
for _i, _words in enumerate(
    (
        ("man", "mandag", "mon", "monday"),
        ("tir", "tirs", "tirsdag", "tue", "tues", "tuesday"),
        ("ons", "onsdag", "wed", "wednesday"),
        ("tor", "tors", "torsdag", "thu", "thur", "thurs", "thursday"),
        ("fre", "fredag", "fri", "friday"),
        ("loer", "lor", "loerdag", "lordag", "sat", "saturday"),
        ("soen", "son", "soendag", "sondag", "sun", "sunday"),
    )
):
    for _w in _words:
        _NAMES[_w] = _i


class BadWeekdays(ValueError):
    pass


def weekday_number(word: str) -> int | None:
    return _NAMES.get(fold(word).rstrip("."))


def parse_weekdays(text: str) -> frozenset[int]:
    """Weekday numbers (Monday = 0) from a list of days and ranges; raises BadWeekdays."""
    days: set[int] = set()
    parts = [p for p in fold(text).replace(" ", ",").split(",") if p]
    if not parts:
        raise BadWeekdays(text)
    for part in parts:
        ends = part.split("-")
        numbers = [weekday_number(e) for e in ends]
        if len(ends) > 2 or any(n is None for n in numbers):
            raise BadWeekdays(text)
        first, last = numbers[0], numbers[-1]
        assert first is not None and last is not None
        if last < first:
            raise BadWeekdays(text)
        days.update(range(first, last + 1))
    return frozenset(days)


def format_weekdays(days: frozenset[int], names: list[str]) -> str:
    """`man-tor` for a run, `man, ons, fre` otherwise."""
    ordered = sorted(days)
    if not ordered:
        return ""
    if len(ordered) > 2 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{names[ordered[0]]}-{names[ordered[-1]]}"
    return ", ".join(names[d] for d in ordered)


def encode(days: frozenset[int]) -> str:
    return ",".join(str(d) for d in sorted(days))


def decode(text: str) -> frozenset[int]:
    return frozenset(int(d) for d in text.split(",") if d)
