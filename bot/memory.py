"""Memory the server has freed goes back to the system.

glibc's malloc puts a large block in an mmap of its own until one such block is freed; then it
raises its threshold and serves them from the heap. asyncio reads every socket into a new
256 KiB buffer, cut down to what arrived, so the heap fills with holes that a live object
still pins: on PostgreSQL (many reads a turn, twenty turns at once) the bot's RSS grew about
4 MB per 2,000 turns. malloc_trim(0) gives the free pages back in under a millisecond, so it
runs every thousand turns. (Pinning the threshold with mallopt keeps RSS flat as well, but puts
every read in an mmap of its own: about 13 µs more a read.) Without glibc there is nothing to do.
"""

from collections.abc import Callable
from functools import cache

TRIM_EVERY = 1000  # turns


class FreedMemory:
    def __init__(self, every: int = TRIM_EVERY) -> None:
        self.every = every
        self.turns = 0

    def turn_done(self) -> None:
        self.turns += 1
        if self.turns % self.every == 0:
            self.give_back()

    def give_back(self) -> bool:
        """Hand the heap's free pages to the system; False where malloc cannot (not glibc)."""
        trim = _malloc_trim()
        if trim is None:
            return False
        trim(0)
        return True


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    import ctypes  # only where there is a heap to trim, after the first thousand turns

    try:
        trim: Callable[[int], int] = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, TypeError):  # musl, macOS, Windows
        return None
    return trim
