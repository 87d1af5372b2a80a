"""Keeps the garbage collector's full passes short: what start-up built is frozen out of them.

A full (generation 2) pass walks every tracked object, and the modules, ORM mappers, botbuilder
and caches that start-up built are ~140,000 of them: each pass stopped the event loop for
70-230 ms, and under load (turns in flight long enough to be promoted) one came every
few hundred turns, which set the p99 of every turn around it. Frozen, a pass walks only what
turns made since: 3-9 ms. Objects frozen still die by reference counting; only a cycle
among them stays. Start-up is not collected before it is frozen: the collector is off while
it runs (bot/__main__.py), and the pass that would free its garbage took 40-100 ms of start-up
(#17). That garbage is kept for the process's life, once: some 350 objects (35 KB) on a
migrated database, 6,500 (1 MB) on the first start that migrates a new SQLite file.
"""

import gc

from aiohttp import web


async def freeze_after_startup(app: web.Application) -> None:
    """An on_startup hook: appended after the app's cleanup contexts, it runs once the
    engine, the edge and the outbox exist. Start-up's objects are frozen, then the collector
    is turned on. Frozen first: while the collector was off, everything start-up built sat in
    the youngest generation, and the first young pass would have walked all of it."""
    gc.freeze()
    gc.enable()
