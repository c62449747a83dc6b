"""The Typer application and its global options."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from .. import __version__



def make_typer(help: str, **kwargs) -> typer.Typer:
    """A Typer group with Vietnamese metavars and plain (fast) help."""
    return typer.Typer(
        help=help,
        rich_markup_mode=None,
        no_args_is_help=True,
        options_metavar="[TÙY CHỌN]",
        subcommand_metavar="LỆNH [THAM SỐ]...",
        context_settings={"help_option_names": ["-h", "--help"]},
        **kwargs,
    )


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


# Importing registers the commands; `dancu --help` lists them in this order, the order of a clerk's work.
from . import validate_cmd  # noqa: E402,F401,I001
from . import deadlines_cmd  # noqa: E402,F401
from . import summary_cmd  # noqa: E402,F401
from . import dashboard_cmd  # noqa: E402,F401
from . import schema_cmd  # noqa: E402,F401
from . import plan_cmd  # noqa: E402,F401
from . import report_cmd  # noqa: E402,F401

_COMPLETION_HELP = {
    "install_completion": "Cài đặt tự hoàn thành lệnh (Tab) cho shell đang dùng.",
    "show_completion": "In đoạn mã tự hoàn thành lệnh cho shell đang dùng, để sao chép hoặc tùy chỉnh.",
}


def _utf8_streams() -> None:
    # A Windows pipe or file defaults to the ANSI code page, which cannot hold Vietnamese.
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(encoding="utf-8")
            except (ValueError, OSError):
                pass


def main() -> None:
    _utf8_streams()
    command = typer.main.get_command(app)
    for param in command.params:
        if param.name in _COMPLETION_HELP:
            param.help = _COMPLETION_HELP[param.name]  # type: ignore[attr-defined]
    command(prog_name="dancu")
