"""`dancu overdue` and `dancu status`: who owes which report, and what is past its due date."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer

from .options import (AsOfOption, OverdueFormat, PeriodOption, PlanOption, PlansOption, ProblemFormat, StatusFormat,
                      TaskFilterOption, UnitFilterOption, chosen_problem_format)

# What `dancu status` writes; the follow-up formats are documents (cli/followup_cmd.py).
STATUS_FORMATS = ("text", "json", "md", "docx", "xlsx")
FOLLOWUP_FORMATS = ("md", "docx")

if TYPE_CHECKING:
    from datetime import date

    from ..core.obligations import Evaluation
    from ..core.workspace import Workspace


def evaluate_plans(ctx: typer.Context, plan_id: Optional[str], every_plan: bool,
                   day: "date") -> tuple["Workspace", list["Evaluation"]]:
    """Load the workspace and evaluate the named plan, or every plan when `every_plan` and none is named."""
    from ..core.obligations import evaluate
    from .options import pick_plan
    from .output import open_workspace

    ws = open_workspace(ctx)
    if every_plan and plan_id is None:
        plans = sorted(ws.plans.values(), key=lambda p: p.id)
    else:
        plans = [pick_plan(ws, plan_id)]
    return ws, [evaluate(plan, ws.registry, ws.reports, day, ws.calendar) for plan in plans]


def overdue(
    ctx: typer.Context,
    as_of: AsOfOption = None,
    plan_id: PlansOption = None,
    unit: UnitFilterOption = None,
    task: TaskFilterOption = None,
    fmt: Optional[OverdueFormat] = typer.Option(
        None, "--format", "-f", metavar="ĐỊNH_DẠNG", show_default=False,
        help="text, json, github (chú thích cho GitHub Actions; tự chọn khi có biến GITHUB_ACTIONS) hoặc xlsx (Excel)."),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", metavar="TỆP", dir_okay=False, show_default=False,
        help="Tệp Excel (với --format xlsx hoặc tên tệp .xlsx). Mặc định: qua-han-<ngày>.xlsx ở thư mục hiện tại."),
    fail_on_overdue: bool = typer.Option(False, "--fail-on-overdue", help="Thoát với mã 1 khi có ít nhất một dòng (cho CI, cron)."),
) -> None:
    """Liệt kê mọi việc không làm đúng hạn: thiếu báo cáo, báo cáo trễ, quá hạn hoàn thành.

    Việc quá hạn lâu nhất in trước; cuối bảng là số lượng từng loại. Mã thoát 0; với
    --fail-on-overdue, mã thoát 1 khi có ít nhất một dòng."""
    import sys

    from ..core.dates import today_vn
    from ..core.tracking import overdue_list
    from .deadline_views import overdue_github, print_overdue, write_overdue_json
    from .options import check_task, pick_unit

    if fmt is None and output is not None and output.suffix.lower() == ".xlsx":
        fmt = OverdueFormat.xlsx
    if output is not None and fmt != OverdueFormat.xlsx:
        from .output import fail

        fail("--output chỉ dùng với --format xlsx (tệp .xlsx)", 2)
    chosen = fmt.value if fmt == OverdueFormat.xlsx else chosen_problem_format(fmt and ProblemFormat(fmt.value))
    day = as_of or today_vn()
    ws, evaluations = evaluate_plans(ctx, plan_id, True, day)
    check_task([ev.plan for ev in evaluations], task)
    unit_id = pick_unit(ws, unit).id if unit else None
    result = overdue_list(evaluations, day, unit_id, task)
    if chosen == "xlsx":
        from ..office.xlsx_tables import overdue_workbook

        _write_xlsx(output, f"qua-han-{day.isoformat()}.xlsx", lambda: overdue_workbook(result),
                    f"{result.total} việc không đúng hạn")
    elif chosen == "json":
        write_overdue_json(result)
    elif chosen == "github":
        sys.stdout.write(overdue_github(result, ws.plan_source))
    else:
        print_overdue(result)
    raise typer.Exit(1 if fail_on_overdue and result.total else 0)


def status(
    ctx: typer.Context,
    as_of: AsOfOption = None,
    period: PeriodOption = None,
    plan_id: PlanOption = None,
    fmt: Optional[StatusFormat] = typer.Option(
        None, "--format", "-f", metavar="ĐỊNH_DẠNG", show_default=False,
        help="text (bảng), json, md, docx: văn bản theo dõi của Văn phòng Sở (ai đã gửi báo cáo, khi nào, "
        "còn thiếu gì), để đôn đốc, hoặc xlsx: bảng Excel tô màu như trên màn hình. Mặc định: theo đuôi tệp -o, "
        "nếu không có thì text."),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", metavar="TỆP", dir_okay=False, show_default=False,
        help="Ghi vào tệp .json, .md, .docx hoặc .xlsx (ghi an toàn). Không có -o: md in ra màn hình, docx ghi "
        "vào theo-doi-<kế hoạch>-<kỳ>.docx, xlsx vào tinh-trang-<kế hoạch>-<kỳ>.xlsx ở thư mục hiện tại."),
) -> None:
    """Bảng nhiệm vụ × đơn vị của một kỳ: ai đã báo cáo đúng hạn, trễ hạn, ai còn thiếu.

    Mỗi nhiệm vụ kèm tình trạng: Đã hoàn thành đúng hạn, Đã hoàn thành quá hạn,
    Chưa hoàn thành – trong hạn, Chưa hoàn thành – quá hạn. Mặc định: kỳ gần nhất đã bắt đầu.
    --format md|docx viết văn bản theo dõi nội bộ (thể thức Nghị định 30/2020/NĐ-CP) để đôn đốc."""
    import json

    from ..core.dates import today_vn
    from ..core.errors import BadValue
    from ..core.tracking import status_matrix
    from .deadline_views import print_status
    from .documents import pick_format

    kind = pick_format(fmt.value if fmt is not None else None, output, STATUS_FORMATS, default="text")
    if kind == "text" and output is not None:
        raise BadValue("bảng chữ chỉ in ra màn hình; -o ghi tệp .json, .md, .docx hoặc .xlsx")
    if kind in FOLLOWUP_FORMATS:
        from .followup_cmd import write_followup

        return write_followup(ctx, kind, output, plan_id, period, as_of or today_vn())
    ws, (ev,) = evaluate_plans(ctx, plan_id, False, as_of or today_vn())
    chosen = ev.period(period.key) if period else ev.current_period()
    if chosen is None:
        keys = ", ".join(p.key for p in ev.periods)
        raise BadValue(f"kế hoạch {ev.plan.id} không có kỳ {period.key}; các kỳ báo cáo của kế hoạch: {keys}")
    from ..core.inputs import broken_reports

    # A task whose answer hangs on a report file left out for its errors is "undetermined", never a guess.
    matrix = status_matrix(ev, chosen, broken_reports(ws, ev.plan.id, lambda key: key == chosen.key).keys)
    if kind == "xlsx":
        from ..office.xlsx_tables import status_workbook

        _write_xlsx(output, f"tinh-trang-{ev.plan.id}-{chosen.key}.xlsx", lambda: status_workbook(matrix),
                    f"bảng tình trạng {chosen.label()}")
        return
    if kind == "json":
        text = json.dumps(matrix.to_dict(), ensure_ascii=False, indent=2)
        if output is None:
            typer.echo(text)
        else:
            from .documents import write_document

            write_document(output, text + "\n")
        return
    print_status(matrix)


def _write_xlsx(output: Optional[Path], default_name: str, render, what: str) -> None:
    """Write the workbook `render()` makes, atomically, to -o or the default name; say where."""
    from ..core.atomic import write_bytes_atomic
    from .options import xlsx_target
    from .output import fail, os_error_text

    target = xlsx_target(output, default_name)
    try:
        write_bytes_atomic(target, render())
    except OSError as exc:
        fail(f"không ghi được tệp {target}: {os_error_text(exc)}")
    typer.echo(f"Đã ghi {what} vào tệp {target}.", err=True)
