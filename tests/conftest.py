import asyncio
import faulthandler
import signal
import sys
import types
from collections.abc import AsyncIterator
from typing import Any, TextIO

import pytest
import pytest_timeout
from hypothesis import settings

from tests.databases import drop_template, fresh_database


@pytest.fixture(params=["sqlite", "postgres"])
async def db_url(request: pytest.FixtureRequest, tmp_path) -> AsyncIterator[str]:  # type: ignore[no-untyped-def]
    async with fresh_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
async def sqlite_url(tmp_path) -> AsyncIterator[str]:  # type: ignore[no-untyped-def]
    async with fresh_database("sqlite", tmp_path) as url:
        yield url


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    asyncio.run(drop_template())


@pytest.fixture
async def pg_url(tmp_path) -> AsyncIterator[str]:  # type: ignore[no-untyped-def]
    async with fresh_database("postgres", tmp_path) as url:
        yield url


# Property tests explore new examples on every run, CI included; no deadline (a loaded CI
# machine is slow, not wrong).
settings.register_profile("default", deadline=None)
settings.load_profile("default")


# A test that times out fails with the stacks of every thread (pytest-timeout's own dump) and,
# first, of every asyncio task of the loop it stopped in: where each coroutine waits, down the
# whole await chain, and on what. An idle loop with a turn in flight shows where it is stuck.
@pytest.hookimpl(tryfirst=True)
def pytest_timeout_set_timer(item: pytest.Item, settings: Any) -> bool | None:
    if settings.method != "signal":
        return None  # pytest-timeout's thread method dumps the threads itself

    def handler(signum: int, frame: types.FrameType | None) -> None:
        __tracebackhide__ = True
        dump_tasks(sys.stderr)
        faulthandler.dump_traceback(sys.stderr, all_threads=True)
        pytest_timeout.timeout_sigalrm(item, settings)

    def cancel() -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)

    item.cancel_timeout = cancel  # type: ignore[attr-defined]
    signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, settings.timeout)
    return True


def dump_tasks(out: TextIO) -> None:
    """Every task of the running loop, with its whole await chain (Task.print_stack shows only
    the outermost frame of a suspended coroutine)."""
    loop = asyncio._get_running_loop()
    if loop is None:
        print("--- timeout: no event loop is running in this thread", file=out)
        return
    tasks = asyncio.all_tasks(loop)
    print(f"--- timeout: {len(tasks)} asyncio task(s) of {loop!r}", file=out)
    for task in tasks:
        print(f"task {task.get_name()!r}: {task!r}", file=out)
        for line in await_chain(task.get_coro()):
            print("    " + line, file=out)
        print(f"    waits on {getattr(task, '_fut_waiter', None)!r}", file=out)
    print("--- end of tasks", file=out)


def await_chain(coro: Any) -> list[str]:
    lines: list[str] = []
    seen = 0
    while coro is not None and seen < 100:
        seen += 1
        frame = getattr(coro, "cr_frame", None) or getattr(coro, "gi_frame", None)
        if frame is not None:
            code = frame.f_code
            lines.append(f"{code.co_filename}:{frame.f_lineno} in {code.co_name}")
        nxt = getattr(coro, "cr_await", None)
        if nxt is None:
            nxt = getattr(coro, "gi_yieldfrom", None)
        if nxt is not None and not (hasattr(nxt, "cr_frame") or hasattr(nxt, "gi_frame")):
            break  # a future's iterator: the task's waiter below says which future
        coro = nxt
    return lines
