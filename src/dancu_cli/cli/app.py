"""The Typer application: its global options, and the registration of every command.

Command modules define plain functions and sub-groups; only this module knows `app`,
so no command imports it back.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

import typer

from .. import __version__
from . import (calendar_cmd, dashboard_cmd, deadlines_cmd, form_cmd, import_cmd, plan_cmd, plan_import_cmd, remind_cmd,
               report_cmd, schema_cmd, summary_cmd, upcoming_cmd, validate_cmd)
from .groups import make_typer

app = make_typer(
    "dancu: Kế hoạch dưới dạng mã. Kiểm tra kế hoạch và danh mục đơn vị, ghi nhận báo cáo "
    "định kỳ của các phòng, đơn vị, theo dõi hạn báo cáo và lập báo cáo tổng hợp.",
    name="dancu",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dancu {__version__}")
        raise typer.Exit()


@app.callback()
def _global(
    ctx: typer.Context,
    root: Optional[Path] = typer.Option(
        None,
        "--root",
        help="Thư mục không gian làm việc (chứa plans/). Mặc định: biến DANCU_ROOT, "
        "hoặc thư mục gần nhất chứa plans/ tính từ thư mục hiện tại trở lên.",
        show_default=False,
    ),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Hiện phiên bản rồi thoát."
    ),
) -> None:
    ctx.obj = {"root": root}


# `dancu --help` lists the commands in this order, the order of a clerk's work.
app.command("validate")(validate_cmd.validate)
app.command("overdue")(deadlines_cmd.overdue)
app.command("status")(deadlines_cmd.status)
app.command("upcoming")(upcoming_cmd.upcoming)
app.command("remind")(remind_cmd.remind)
app.command("summary")(summary_cmd.summary)
app.command("dashboard")(dashboard_cmd.dashboard)
app.command("form")(form_cmd.form)
app.command("schema")(schema_cmd.schema)
plan_cmd.plan_app.command("import")(plan_import_cmd.plan_import)
plan_cmd.plan_app.command("new")(plan_import_cmd.plan_new)
app.add_typer(plan_cmd.plan_app, name="plan")
app.add_typer(report_cmd.report_app, name="report")
report_cmd.report_app.command("import")(import_cmd.report_import)
app.add_typer(calendar_cmd.calendar_app, name="calendar")

_COMPLETION_HELP = {
    "install_completion": "Cài đặt tự hoàn thành lệnh (Tab) cho shell đang dùng.",
    "show_completion": "In đoạn mã tự hoàn thành lệnh cho shell đang dùng, để sao chép hoặc tùy chỉnh.",
}


def _utf8_streams() -> None:
    # A Windows pipe or file defaults to the ANSI code page, which cannot hold Vietnamese; under
    # LC_ALL=POSIX (PYTHONUTF8=0) stdout and stderr are ASCII. Odd bytes from the command line
    # (surrogates) are escaped rather than lose the error stream.
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        if hasattr(stream, "reconfigure"):
            try:
                if encoding != "utf8":
                    stream.reconfigure(encoding="utf-8", errors="backslashreplace")
                else:
                    stream.reconfigure(errors="backslashreplace")
            except (ValueError, OSError):
                pass


def _utf8_argv() -> None:
    # Under an ASCII locale Python decodes the command line as ASCII with escapes; the bytes are
    # UTF-8 (Vietnamese typed in a terminal), so read them again as such. Bytes that are not
    # UTF-8 stay escaped, and the text check refuses them with a message.
    if os.name != "posix":
        return
    try:
        sys.argv = [os.fsencode(arg).decode("utf-8", "surrogateescape") for arg in sys.argv]
    except (UnicodeError, ValueError):
        pass


def main() -> None:
    _utf8_argv()
    _utf8_streams()
    command = typer.main.get_command(app)
    for param in command.params:
        if param.name in _COMPLETION_HELP:
            param.help = _COMPLETION_HELP[param.name]  # type: ignore[attr-defined]
    command(prog_name="dancu")
