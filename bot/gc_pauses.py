"""Keeps the garbage collector's full passes short: what start-up built is frozen out of them.

A full (generation 2) pass walks every tracked object, and the modules, ORM mappers, botbuilder
and caches that start-up built are ~140,000 of them: each pass stopped the event loop for
70-230 ms, and under load (turns in flight long enough to be promoted) one came every
few hundred turns, which set the p99 of every turn around it. Frozen, a pass walks only what
turns made since: 3-9 ms. Objects frozen still die by reference counting; only a cycle
among them would stay, and start-up is collected first so none of its garbage is kept.
"""

import gc

from aiohttp import web


def freeze_startup_objects() -> None:
    gc.collect()
    gc.freeze()


async def freeze_after_startup(app: web.Application) -> None:
    """An on_startup hook: appended after the app's cleanup contexts, it runs once the
    engine, the edge and the outbox exist."""
    freeze_startup_objects()
