from bot.memory import FreedMemory


def test_freed_memory_is_given_back_every_so_many_turns() -> None:
    calls: list[int] = []
    memory = FreedMemory(every=3)
    memory._trim, memory._looked_up = lambda pad: calls.append(pad) or 1, True
    for _ in range(7):
        memory.turn_done()
    assert calls == [0, 0]


def test_without_malloc_trim_nothing_is_done() -> None:
    memory = FreedMemory(every=1)
    memory._looked_up = True  # as where the C library has no malloc_trim
    memory.turn_done()
    assert memory.give_back() is False


def test_glibc_gives_back() -> None:
    # The machines this runs on (Debian images, CI) use glibc.
    assert FreedMemory().give_back() is True
