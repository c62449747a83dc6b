"""Printing helpers shared by the commands: console, errors, workspace opening."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, NoReturn

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from ..core.workspace import Workspace


def console(stderr: bool = False) -> "Console":
    """rich's console on a terminal; elsewhere plain lines, wrapped the same way (see cli/terminal.py)."""
    from .terminal import PlainConsole, is_terminal

    if not is_terminal(sys.stderr if stderr else sys.stdout):
        return PlainConsole(stderr=stderr)  # type: ignore[return-value]
    from rich.console import Console

    # rich honours NO_COLOR.
    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def fail(message: str, code: int = 1) -> NoReturn:
    """A clear Vietnamese message on stderr, and the exit code."""
    from ..core.text import printable

    # Messages quote what was typed or read; a control character in it must not reach the terminal raw.
    typer.echo(f"Lỗi: {printable(message)}", err=True)
    raise typer.Exit(code)


def os_error_text(exc: OSError) -> str:
    """The reason of a failed file operation in Vietnamese; the system's own words are English."""
    from ..core.fserrors import describe_os_error

    return describe_os_error(exc)


def root_from(ctx: typer.Context):
    from ..core.workspace import WorkspaceNotFound, find_root

    try:
        return find_root((ctx.obj or {}).get("root"))
    except WorkspaceNotFound as exc:
        fail(str(exc), 2)


def open_workspace(ctx: typer.Context, include_reports: bool = True, strict: bool = True) -> "Workspace":
    """Load the workspace (with the report cache).

    With `strict`, problems in plans or the unit registry stop the command; a broken report
    file is shown as a warning and left out, so one unit's typo does not block everyone.
    """
    from ..core.problems import format_problems
    from ..core.workspace import load_workspace
    from .options import chosen_problem_format

    root = root_from(ctx)
    ws = load_workspace(root, include_reports=include_reports, progress=progress_callback(), use_cache=True)
    if not strict:
        return ws
    fatal = ws.fatal_problems
    if fatal:
        sys.stderr.write(format_problems(fatal, chosen_problem_format(None), ws.files_checked))
        fail("không gian làm việc có lỗi; hãy sửa rồi chạy lại (xem `dancu validate`).")
    if ws.broken_reports:
        skipped = [p for p in ws.problems if p not in fatal]
        sys.stderr.write(format_problems(skipped, chosen_problem_format(None), ws.files_checked))
        typer.echo(f"Cảnh báo: {len(ws.broken_reports)} tệp báo cáo có lỗi nên bị bỏ qua; "
                   "hãy sửa rồi chạy `dancu validate`.", err=True)
    return ws


def progress_callback(description: str = "Đang đọc tệp…", threshold: int = 200):
    """A rich progress bar for long jobs (`threshold` steps or more), only on a terminal."""
    if not sys.stderr.isatty():
        return None
    state: dict = {}

    def update(done: int, total: int) -> None:
        if total < threshold:
            return
        if "bar" not in state:
            from rich.progress import Progress

            bar = Progress(console=console(stderr=True), transient=True)
            bar.start()
            state["bar"] = bar
            state["task"] = bar.add_task(description, total=total)
        state["bar"].update(state["task"], completed=done)
        if done >= total:
            state["bar"].stop()

    return update
