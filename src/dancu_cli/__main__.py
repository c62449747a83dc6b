"""The program's entry point: the `dancu` command and `python -m dancu_cli`.

`dancu --version` alone is answered here, before typer is imported; anything else (other
arguments, a shell completion request) goes to the command line in dancu_cli.cli.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    if sys.argv[1:] == ["--version"] and "_DANCU_COMPLETE" not in os.environ:
        from . import version_line

        sys.stdout.write(version_line() + "\n")
        sys.stdout.flush()
        return
    from .cli import main as run

    run()


if __name__ == "__main__":
    main()
