"""The admission rule on a fake clock: the floor always, never beyond the limit, and in
between a limit that grows while turns are answered within the target and is cut when not."""

from bot.admission import Admission


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def opened(gate: Admission) -> Admission:
    """Turns answered at once, one at a time, until the limit is reached."""
    while gate.allowed < gate.limit:
        gate.leave(gate.enter())
    return gate


def test_it_starts_at_the_floor_and_opens_up_to_the_limit_as_turns_are_answered() -> None:
    gate = Admission(limit=4, floor=2, target=0.1, clock=Clock())
    tickets = [gate.enter() for _ in range(2)]
    assert gate.enter() is None
    for ticket in tickets:
        gate.leave(ticket)
    opened(gate)
    tickets = [gate.enter() for _ in range(4)]
    assert None not in tickets
    assert gate.enter() is None
    gate.leave(tickets[0])
    assert gate.enter() is not None


def test_a_late_turn_cuts_the_limit_once_per_round() -> None:
    clock = Clock()
    gate = opened(Admission(limit=32, floor=2, target=0.1, clock=clock))
    tickets = [gate.enter() for _ in range(32)]
    clock.now = 0.5
    for ticket in tickets:  # all late, all admitted before the first cut: one cut
        gate.leave(ticket)
    assert gate.allowed == 24
    clock.now = 0.6
    late = [gate.enter() for _ in range(24)]
    assert gate.enter() is None
    clock.now = 1.0
    gate.leave(late[0])  # began after the cut: a second cut
    assert gate.allowed == 18


def test_turns_in_time_open_it_again_by_about_one_a_round() -> None:
    clock = Clock()
    gate = opened(Admission(limit=32, floor=2, target=0.1, clock=clock))
    late = gate.enter()
    clock.now = 0.2
    gate.leave(late)
    assert gate.allowed == 24
    for _ in range(24):
        gate.leave(gate.enter())  # answered at once
    assert 24.9 < gate.allowed < 25.1


def test_the_floor_is_let_in_however_late_the_turns() -> None:
    clock = Clock()
    gate = opened(Admission(limit=32, floor=3, target=0.1, clock=clock))
    for _ in range(20):
        ticket = gate.enter()
        clock.now += 1.0
        gate.leave(ticket)
    assert gate.allowed == 3
    assert None not in [gate.enter() for _ in range(3)]
    assert gate.enter() is None


def test_a_limit_below_the_floor_is_the_limit() -> None:
    gate = Admission(limit=1, clock=Clock())
    ticket = gate.enter()
    assert ticket is not None
    assert gate.enter() is None
    gate.leave(ticket)
    assert gate.enter() is not None


def overloaded(gate: Admission, clock: Clock, work: float, seconds: float) -> list[float]:
    """One loop shared by the turns in flight (processor sharing, `work` seconds of it a
    turn), far more turns offered than admitted; the answered turns' latencies, sorted."""
    step = 0.001
    running: dict[object, tuple[float, float]] = {}  # ticket → (began, work left)
    latencies: list[float] = []
    while clock.now < seconds:
        while (ticket := gate.enter()) is not None:  # someone is always asking
            running[ticket] = (clock.now, work)
        share = step / len(running)
        clock.now += step
        for ticket, (began, left) in list(running.items()):
            if left - share <= 1e-12:
                del running[ticket]
                gate.leave(ticket)
                latencies.append(clock.now - began)
            else:
                running[ticket] = (began, left - share)
    return sorted(latencies)


def test_under_overload_the_answered_turns_stay_near_the_target() -> None:
    for work in (0.002, 0.005, 0.01):  # a fast, a loaded and a slow machine
        clock = Clock()
        gate = Admission(limit=64, floor=4, target=0.1, clock=clock)
        latencies = overloaded(gate, clock, work, 20.0)
        p99 = latencies[int(len(latencies) * 0.99)]
        assert p99 <= 0.15, (work, p99)
        assert len(latencies) / 20.0 > 0.95 / work, work  # and the loop stays busy


def test_a_fixed_limit_lets_the_latency_grow_with_the_machine_slowness() -> None:
    clock = Clock()
    gate = Admission(limit=32, floor=32, target=0.1, clock=clock)
    latencies = overloaded(gate, clock, 0.01, 10.0)
    assert latencies[int(len(latencies) * 0.99)] > 0.3
