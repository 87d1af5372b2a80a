"""The `hotline-bot` command, and `python -m bot`.

Start-up builds some 140,000 objects that live as long as the process: modules, ORM mappers,
caches. The garbage collector's passes over them while they are built find next to nothing,
and the full pass that used to come before freezing them took 40-100 ms of a 0.6 s start on a
2-core machine (#17). So the collector is off until the command's start-up is done:
`bot.gc_pauses.freeze_after_startup` freezes what it built and turns the collector on.
"""

import gc


def main() -> int:
    gc.disable()
    from bot.cli import main as run

    return run()


if __name__ == "__main__":
    raise SystemExit(main())
