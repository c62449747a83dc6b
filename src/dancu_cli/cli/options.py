"""The options the commands share, declared once: plan, format, as-of, period, unit, task.

Each is an `Annotated` type, so a command declares `plan_id: PlanOption = None` and gets the
same flag, metavar and help text as every other command. Values that can be parsed without the
workspace (dates, periods, formats) are parsed here, and a bad one is a usage error (exit 2)
before anything is loaded. Names that need the workspace (units, plans) are resolved by
`pick_plan` and `pick_unit`, with the same exit code 2 for a name that does not exist.
"""

from __future__ import annotations

import os
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Optional

import typer

if TYPE_CHECKING:
    from ..core.models import Plan, Unit
    from ..core.workspace import Workspace


class ProblemFormat(str, Enum):
    """How problems and deadline rows are printed."""

    text = "text"
    json = "json"
    github = "github"


class TableFormat(str, Enum):
    text = "text"
    json = "json"


class ListFormat(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


class OverdueFormat(str, Enum):
    """`dancu overdue`: the problem formats, and an Excel spreadsheet."""

    text = "text"
    json = "json"
    github = "github"
    xlsx = "xlsx"


class StatusFormat(str, Enum):
    """`dancu status`: the table on screen, JSON, the Office's follow-up document, or an Excel matrix."""

    text = "text"
    json = "json"
    md = "md"
    docx = "docx"
    xlsx = "xlsx"


class DocumentFormat(str, Enum):
    md = "md"
    docx = "docx"
    pdf = "pdf"


def chosen_problem_format(fmt: Optional[ProblemFormat]) -> str:
    """--format if given, else GitHub annotations inside GitHub Actions, else text."""
    if fmt is not None:
        return fmt.value
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def parse_date_option(value: Optional[str]):  # Typer reads callback hints at start-up, so none names a lazy import
    from ..core.dates import parse_date

    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def parse_period_option(value: Optional[str]):
    from ..core.dates import parse_period

    if value is None:
        return None
    try:
        return parse_period(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


PERIOD_FORMS = "2025-Q4, Q4/2025, “quý IV/2025”, 2025-11, “tháng 11/2025”, 2025-H2, “6 tháng cuối năm 2025”, 2025"
AS_OF_HELP = "Tính đến ngày này, viết 31/12/2025 hoặc 2025-12-31. Mặc định: hôm nay (giờ Việt Nam)."
UNIT_HELP = "Đơn vị: mã, tên viết tắt hoặc tên, có dấu hay không dấu (van-phong-so, VP, “van phong so”)."

PlanOption = Annotated[Optional[str], typer.Option(
    "--plan", metavar="KẾ_HOẠCH", show_default=False,
    help="Mã kế hoạch, ví dụ 2599-KH-SKHCN; bỏ trống khi chỉ có một kế hoạch.")]
PlansOption = Annotated[Optional[str], typer.Option(
    "--plan", metavar="KẾ_HOẠCH", show_default=False,
    help="Chỉ kế hoạch này (mã, ví dụ 2599-KH-SKHCN). Mặc định: mọi kế hoạch.")]
AsOfOption = Annotated[Optional[str], typer.Option(
    "--as-of", metavar="NGÀY", callback=parse_date_option, show_default=False, help=AS_OF_HELP)]
PeriodOption = Annotated[Optional[str], typer.Option(
    "--period", metavar="KỲ", callback=parse_period_option, show_default=False, help=f"Kỳ báo cáo: {PERIOD_FORMS}.")]
PeriodFilterOption = Annotated[Optional[str], typer.Option(
    "--period", metavar="KỲ", callback=parse_period_option, show_default=False,
    help="Chỉ các kỳ nằm trong kỳ này (2025 gồm cả 2025-Q4, 2025-11…).")]
PeriodArgument = Annotated[str, typer.Argument(metavar="KỲ", callback=parse_period_option, help=f"Kỳ báo cáo: {PERIOD_FORMS}.")]
UnitOption = Annotated[Optional[str], typer.Option("--unit", metavar="ĐƠN_VỊ", show_default=False, help=UNIT_HELP)]
UnitFilterOption = Annotated[Optional[str], typer.Option(
    "--unit", metavar="ĐƠN_VỊ", show_default=False, help="Chỉ đơn vị này (mã, tên viết tắt hoặc tên).")]
UnitArgument = Annotated[str, typer.Argument(metavar="ĐƠN_VỊ", help=UNIT_HELP)]
TaskOption = Annotated[Optional[int], typer.Option(
    "--task", metavar="SỐ", min=1, show_default=False, help="Số thứ tự nhiệm vụ trong kế hoạch.")]
TaskFilterOption = Annotated[Optional[int], typer.Option(
    "--task", metavar="SỐ", min=1, show_default=False, help="Chỉ nhiệm vụ số này.")]
ProblemFormatOption = Annotated[Optional[ProblemFormat], typer.Option(
    "--format", "-f", metavar="ĐỊNH_DẠNG", show_default=False,
    help="text, json hoặc github (chú thích cho GitHub Actions; tự chọn khi có biến GITHUB_ACTIONS).")]
TableFormatOption = Annotated[TableFormat, typer.Option(
    "--format", "-f", metavar="ĐỊNH_DẠNG", help="text (bảng) hoặc json.")]
ListFormatOption = Annotated[ListFormat, typer.Option(
    "--format", "-f", metavar="ĐỊNH_DẠNG", help="text (bảng), json, csv hoặc xlsx (Excel).")]


def pick_plan(ws: "Workspace", plan_id: Optional[str]) -> "Plan":
    """The plan named, or the only one; an unknown name, or no name among several, is a usage error."""
    from ..core.errors import BadValue

    plan = ws.plan(plan_id)
    if plan is not None:
        return plan
    choices = ", ".join(sorted(ws.plans)) or "không có"
    if plan_id:
        raise BadValue(f"không có kế hoạch “{plan_id}”. Các kế hoạch hiện có: {choices}")
    raise BadValue(f"có nhiều kế hoạch; hãy chọn một bằng --plan. Các kế hoạch hiện có: {choices}")


def pick_unit(ws: "Workspace", text: str) -> "Unit":
    """The unit a person named (id, abbreviation, name; any case, with or without diacritics)."""
    from ..core.reports import resolve_unit

    return resolve_unit(ws.registry, text)


def check_task(plans: list["Plan"], task: Optional[int]) -> None:
    """A --task filter must name a task of at least one of the plans."""
    from ..core.errors import BadValue

    if task is not None and not any(p.task(task) for p in plans):
        raise BadValue(f"không có nhiệm vụ số {task} trong kế hoạch")



def xlsx_target(output, default_name: str):
    """Where an Excel output goes: -o, else a file named after its content in the current folder."""
    from pathlib import Path

    return output if output is not None else Path(default_name)
