"""The program's entry point: the `dancu` command and `python -m dancu_cli`.

`dancu --version` alone is answered here, before typer is imported; anything else (other
arguments, a shell completion request) goes to the command line in dancu_cli.cli.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    if sys.argv[1:] == ["--version"] and "_DANCU_COMPLETE" not in os.environ:
        _print_version()
        return
    from .cli import main as run

    run()


def _print_version() -> None:
    from . import version_line

    out = sys.stdout
    if out is None:  # no standard output at all (closed, or a windowed launcher): nothing to print, as click does
        return
    try:
        out.write(version_line() + "\n")
        out.flush()
    except OSError as exc:  # a full disk, a closed pipe: no traceback, exit 1 as click does
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())  # so that the exit's own flush is quiet
            if not isinstance(exc, BrokenPipeError):  # the reader has gone: nobody to tell
                from .core.fserrors import describe_os_error

                sys.stderr.write(f"Lỗi: không ghi được ra đầu ra chuẩn: {describe_os_error(exc)}.\n")
        except (OSError, ValueError, AttributeError):
            pass
        raise SystemExit(1) from None


if __name__ == "__main__":
    main()
