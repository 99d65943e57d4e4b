"""Run by the crash tests as ``python -m tests.crash_points N CLI-ARGS...``: runs the CLI
(``consultation_app.cli.main.main(CLI-ARGS)``) and kills itself with SIGKILL just before its
Nth file-system step: a rename, an fsync, a removal, or a file opened for writing. A test runs
a command once with N = 0 (never killed; the number of steps is printed to stderr as the last
line, ``steps: K``), then once for every N from 1 to K: a kill between every two steps.

SQLite's and XlsxWriter's own writes between two steps are not steps; the tests that kill
after random delays cover those moments. Nothing here is in the app: it wraps functions of
``os`` and ``io`` in this process only."""

import builtins
import io
import os
import signal
import sys


def main() -> int:
    kill_at = int(sys.argv[1])
    count = 0

    def step() -> None:
        nonlocal count
        count += 1
        if count == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    def counted(function):
        def wrapper(*args, **kwargs):
            step()
            return function(*args, **kwargs)
        return wrapper

    for name in ("replace", "rename", "fsync", "unlink", "remove", "rmdir", "truncate", "ftruncate"):
        setattr(os, name, counted(getattr(os, name)))
    real_open = io.open

    def counted_open(file, mode="r", *args, **kwargs):
        if any(flag in mode for flag in "wax+"):
            step()
        return real_open(file, mode, *args, **kwargs)

    io.open = builtins.open = counted_open
    from consultation_app.cli.main import main as cli_main

    try:
        code = cli_main(sys.argv[2:])
    finally:
        print(f"steps: {count}", file=sys.stderr, flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
