"""The last line of defence: a file-system error in any command becomes a Vietnamese message.

Commands handle the errors they expect with their own words; whatever else the disk, a
permission or a stray folder throws (OSError) reaches this group and is printed with the path
and its cause, exit 1, never as a traceback. Atomic writes leave nothing behind when they fail.
"""

from __future__ import annotations

import typer
from typer.core import TyperGroup


class SafeGroup(TyperGroup):
    def invoke(self, ctx):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except OSError as exc:
            from ..core.fserrors import os_error_message
            from ..core.text import printable

            typer.echo(f"Lỗi: {printable(os_error_message(exc))}", err=True)
            raise typer.Exit(1) from None
        except RecursionError:
            typer.echo("Lỗi: dữ liệu lồng nhau quá sâu; không xử lý được. Không có gì được ghi.", err=True)
            raise typer.Exit(1) from None
