"""The ``hoctap`` command (and ``python -m hoctap``).

Ctrl-C and SIGTERM are taken over before anything heavy is imported: stopped at any moment, the
command prints one Vietnamese line and exits 130 / 143, never a traceback. ``cli.main`` then
installs its own handlers, which let each command clean up (``hoctap build`` removes its staging
folder) before it says what was kept.
"""

from __future__ import annotations

import signal
import sys


def _stop_early(signum, frame):
    print("Đã dừng.", file=sys.stderr)
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    for name in ("SIGINT", "SIGTERM"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _stop_early)
    from .adapters.cli import main as run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
