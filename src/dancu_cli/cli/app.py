"""The Typer application: its global options, and the registration of every command.

Command modules define plain functions and sub-groups; only this module knows `app`,
so no command imports it back. Commands are registered by name in `COMMANDS` and their
modules imported only when used, so that `dancu --help` stays as quick as typer itself.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

import typer

from .. import version_line
from .groups import make_typer
from .lazy import LazyCommand, lazy_group


# `dancu --help` lists the commands in this order, the order of a clerk's work. Each command's
# module is imported only when it is used (cli/lazy.py); the one-line help here is what the listing
# shows meanwhile, and tests/test_lazy_commands.py checks it against the command's own help. A
# sub-group lists the commands registered on its Typer first, then its `commands` here.
COMMANDS = (
    LazyCommand("validate", "validate_cmd:validate",
                "Kiểm tra kế hoạch, danh mục đơn vị và báo cáo; in mọi lỗi kèm tệp:dòng:cột."),
    LazyCommand("overdue", "deadlines_cmd:overdue",
                "Liệt kê mọi việc không làm đúng hạn: thiếu báo cáo, báo cáo trễ, quá hạn hoàn thành."),
    LazyCommand("status", "deadlines_cmd:status",
                "Bảng nhiệm vụ × đơn vị của một kỳ: ai đã báo cáo đúng hạn, trễ hạn, ai còn thiếu."),
    LazyCommand("upcoming", "upcoming_cmd:upcoming",
                "Liệt kê việc đến hạn trong những ngày tới: báo cáo định kỳ và hạn hoàn thành nhiệm vụ."),
    LazyCommand("remind", "remind_cmd:remind",
                "Soạn công văn đôn đốc các phòng, đơn vị chậm báo cáo (mẫu 1.5, Phụ lục III, Nghị định 30/2020/NĐ-CP)."),
    LazyCommand("summary", "summary_cmd:summary",
                "Lập báo cáo tổng hợp của Sở gửi UBND tỉnh từ báo cáo của các phòng, đơn vị, theo thể thức "
                "Nghị định 30/2020/NĐ-CP."),
    LazyCommand("dashboard", "dashboard_cmd:dashboard",
                "Lập bảng theo dõi dạng trang web tĩnh: tổng quan, bảng theo dõi từng kỳ, tỷ lệ báo cáo, việc quá hạn "
                "và một trang cho mỗi nhiệm vụ."),
    LazyCommand("form", "form_cmd:form",
                "Lập biểu mẫu báo cáo (Excel hoặc Word) để đơn vị điền rồi gửi lại; Văn phòng Sở nhập bằng "
                "`dancu report import`."),
    LazyCommand("schema", "schema_cmd:schema",
                "In JSON Schema của một loại tệp, để trình soạn thảo kiểm tra và gợi ý khi gõ."),
    LazyCommand("plan", "plan_cmd:plan_app",
                "Xem các kế hoạch và nhiệm vụ của chúng; thêm kế hoạch mới từ văn bản Word, PDF (import) hoặc bằng "
                "cách trả lời từng câu hỏi (new).", commands=(
                    LazyCommand("import", "plan_import_cmd:plan_import",
                                "Nhập kế hoạch từ văn bản Word, PDF hoặc văn bản thuần thành tệp kế hoạch trong plans/."),
                    LazyCommand("new", "plan_import_cmd:plan_new",
                                "Tạo kế hoạch mới bằng cách trả lời từng câu hỏi trên terminal (cho kế hoạch nhỏ, không "
                                "cần văn bản)."),
                )),
    LazyCommand("report", "report_cmd:report_app",
                "Ghi nhận và xem báo cáo định kỳ của các phòng, đơn vị (thư mục reports/).", commands=(
                    LazyCommand("import", "import_cmd:report_import",
                                "Nhập báo cáo từ biểu mẫu đã điền (Excel, Word) hoặc tệp CSV, với đúng các bước kiểm tra "
                                "của `report add`."),
                )),
    LazyCommand("calendar", "calendar_cmd:calendar_app",
                "Lịch làm việc chính thức: ngày nghỉ lễ, Tết, ngày nghỉ và làm bù theo thông báo của Chính phủ, cùng "
                "kỳ báo cáo và hạn gửi của các kế hoạch. `dancu calendar 2026` in lịch năm 2026."),
)

app = make_typer(
    "dancu: Kế hoạch dưới dạng mã. Kiểm tra kế hoạch và danh mục đơn vị, ghi nhận báo cáo "
    "định kỳ của các phòng, đơn vị, theo dõi hạn báo cáo và lập báo cáo tổng hợp.",
    name="dancu",
    cls=lazy_group(COMMANDS),
)


def _version(value: bool) -> None:
    if value:
        typer.echo(version_line())
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
