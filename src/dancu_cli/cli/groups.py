"""How every command group is built, and the one place where refusals become exit codes.

Exit codes (the README states them): 0 done; 1 the input was understood but refused or
invalid (a file with errors, a report the rules refuse); 2 the command line itself is wrong
(unknown option or command, a value that cannot be parsed, an unknown unit or plan name).
"""

from __future__ import annotations

import sys

import click
import typer
from typer.core import TyperGroup


class DancuGroup(TyperGroup):
    """A Typer group whose errors are Vietnamese and whose refusals exit with the right code.

    The core raises `ReportError` (exit 1) and its subclass `BadValue` (exit 2, a name on the
    command line that does not exist); commands need no try/except of their own for them.
    """

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.exceptions.Exit:
            raise
        except BrokenPipeError:
            # The reader of our output went away (`dancu report list | head`, a closed `more`): nothing is
            # wrong with the input and there is no one left to tell; stop quietly, as git does. Output
            # still buffered would fail again at exit, so it goes to the null device.
            _silence_output()
            raise typer.Exit(1) from None
        except OSError as exc:
            # Whatever the disk, a permission or a stray folder throws: the path and its cause, exit 1.
            # Atomic writes leave nothing behind when they fail.
            from ..core.fserrors import os_error_message
            from ..core.text import printable

            typer.echo(f"Lỗi: {printable(os_error_message(exc))}", err=True)
            raise typer.Exit(1) from None
        except RecursionError:
            typer.echo("Lỗi: dữ liệu lồng nhau quá sâu; không xử lý được. Không có gì được ghi.", err=True)
            raise typer.Exit(1) from None
        except Exception as exc:  # only our own refusals are handled; anything else is re-raised
            from ..core.errors import ReportError, BadValue

            if not isinstance(exc, ReportError):
                raise
            if exc.problems:
                from ..core.problems import format_problems
                from .options import chosen_problem_format

                sys.stderr.write(format_problems(exc.problems, chosen_problem_format(None), 1))
            from ..core.text import printable

            typer.echo(f"Lỗi: {printable(str(exc))}", err=True)
            raise typer.Exit(2 if isinstance(exc, BadValue) else 1) from None


def _silence_output() -> None:
    import os

    for stream in (sys.stdout, sys.stderr):
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, stream.fileno())
        except (OSError, ValueError, AttributeError):
            pass  # not a real file (a test's buffer): nothing to flush at exit


def make_typer(help: str, **kwargs) -> typer.Typer:
    """A Typer group with Vietnamese metavars, plain (fast) help and no English suggestions.

    typer's own "Did you mean" is English and doubles click's, which i18n translates.
    """
    settings = {"cls": DancuGroup, "no_args_is_help": True, "options_metavar": "[TÙY CHỌN]",
                "subcommand_metavar": "LỆNH [THAM SỐ]...", "context_settings": {"help_option_names": ["-h", "--help"]}}
    return typer.Typer(help=help, rich_markup_mode=None, suggest_commands=False, **{**settings, **kwargs})
