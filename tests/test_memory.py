import pytest

from bot import memory as module
from bot.memory import FreedMemory


def test_freed_memory_is_given_back_every_so_many_turns(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(module, "_malloc_trim", lambda: lambda pad: calls.append(pad) or 1)
    memory = FreedMemory(every=3)
    for _ in range(7):
        memory.turn_done()
    assert calls == [0, 0]


def test_without_malloc_trim_nothing_is_done(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(module, "_malloc_trim", lambda: None)  # a C library without it
    memory = FreedMemory(every=1)
    memory.turn_done()
    assert memory.give_back() is False


def test_glibc_gives_back() -> None:
    # The machines this runs on (Debian images, CI) use glibc.
    assert FreedMemory().give_back() is True
