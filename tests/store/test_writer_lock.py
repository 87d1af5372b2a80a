"""SQLite's writer within the process (store/writer_lock.py): one holder at a time, turns
before background work, arrival order within each kind, and a cancelled waiter loses nothing."""

import asyncio

import pytest

from store.writer_lock import BACKGROUND, WriterLock


async def _hold(lock: WriterLock, name: str, order: list[str], background: bool) -> None:
    BACKGROUND.set(background)
    async with lock:
        order.append(name)
        await asyncio.sleep(0)


async def _queue(lock: WriterLock, named: list[tuple[str, bool]], order: list[str]) -> None:
    tasks = []
    for name, background in named:
        tasks.append(asyncio.create_task(_hold(lock, name, order, background)))
        await asyncio.sleep(0)  # each arrives (and queues) before the next
    await asyncio.gather(*tasks)


async def test_waiting_turns_go_before_waiting_background_work() -> None:
    lock = WriterLock()
    order: list[str] = []
    async with lock:  # held while they all arrive
        waiting = asyncio.create_task(
            _queue(
                lock,
                [("tick 1", True), ("turn 1", False), ("tick 2", True), ("turn 2", False)],
                order,
            )
        )
        for _ in range(10):
            await asyncio.sleep(0)
        assert lock.waiting() == (2, 2)
    await waiting
    assert order == ["turn 1", "turn 2", "tick 1", "tick 2"]


async def test_one_holder_at_a_time() -> None:
    lock = WriterLock()
    inside = 0
    most = 0

    async def unit(background: bool) -> None:
        nonlocal inside, most
        BACKGROUND.set(background)
        async with lock:
            inside += 1
            most = max(most, inside)
            await asyncio.sleep(0.001)
            inside -= 1

    await asyncio.gather(*(unit(i % 3 == 0) for i in range(30)))
    assert most == 1
    assert lock.waiting() == (0, 0)


@pytest.mark.parametrize("background", [False, True])
async def test_a_cancelled_waiter_leaves_the_queue(background: bool) -> None:
    lock = WriterLock()
    order: list[str] = []
    async with lock:
        gone = asyncio.create_task(_hold(lock, "gone", order, background))
        stays = asyncio.create_task(_hold(lock, "stays", order, background))
        await asyncio.sleep(0)
        gone.cancel()
        await asyncio.sleep(0)
    await stays
    assert order == ["stays"]
    assert gone.cancelled()


async def test_a_waiter_cancelled_as_it_is_let_in_passes_the_lock_on() -> None:
    lock = WriterLock()
    order: list[str] = []
    async with lock:
        first = asyncio.create_task(_hold(lock, "first", order, False))
        second = asyncio.create_task(_hold(lock, "second", order, False))
        await asyncio.sleep(0)
    first.cancel()  # the lock was just handed to `first`, which has not run yet
    await asyncio.gather(first, second, return_exceptions=True)
    assert order == ["second"]
    assert lock.waiting() == (0, 0)
    async with lock:  # and it is free again
        pass
