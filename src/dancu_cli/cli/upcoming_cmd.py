"""`dancu upcoming`: what falls due in the next days, per unit and task, soonest first."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer

from .options import AsOfOption, PlansOption, UnitFilterOption

if TYPE_CHECKING:
    from datetime import date

    from ..core.obligations import Evaluation
    from ..core.upcoming import Upcoming
    from ..core.workspace import Workspace


class UpcomingFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    xlsx = "xlsx"


HEADINGS = ["Hạn", "Còn", "NV", "Đơn vị", "Việc"]


def upcoming(
    ctx: typer.Context,
    days: int = typer.Option(7, "--days", "-d", metavar="SỐ_NGÀY", min=0, max=3660,
                             help="Số ngày tới cần xem (từ hôm nay đến hôm nay + SỐ_NGÀY)."),
    as_of: AsOfOption = None,
    plan_id: PlansOption = None,
    unit: UnitFilterOption = None,
    fmt: Optional[UpcomingFormat] = typer.Option(
        None, "--format", "-f", metavar="ĐỊNH_DẠNG", show_default=False,
        help="text (bảng), json, github (chú thích cho GitHub Actions; tự chọn khi có biến GITHUB_ACTIONS) "
        "hoặc xlsx (Excel, cần -o TỆP.xlsx).",
    ),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="TỆP", dir_okay=False, show_default=False,
                                          help="Ghi vào tệp này thay vì in ra màn hình; tệp .xlsx là bảng Excel."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Cho phép ghi đè tệp đã có."),
    fail_on_due: bool = typer.Option(
        False, "--fail-on-due",
        help="Thoát với mã 1 khi có việc còn đúng 7, 3 hoặc 1 ngày đến hạn (mốc nhắc; cho cron, CI).",
    ),
) -> None:
    """Liệt kê việc đến hạn trong những ngày tới: báo cáo định kỳ và hạn hoàn thành nhiệm vụ.

    Mỗi dòng một đơn vị và một nhiệm vụ, hạn gần nhất in trước. Việc đơn vị đã báo cáo thì không
    liệt kê. Việc còn đúng 7, 3 hoặc 1 ngày (mốc nhắc) được đánh dấu *; với --fail-on-due, lệnh
    thoát với mã 1 khi có việc như vậy."""
    import json
    import sys
    from datetime import timedelta

    from ..core.dates import format_date, today_vn
    from ..core.inputs import broken_reports, drop_broken, in_doubt
    from ..core.obligations import evaluate
    from ..core.problems import format_problems
    from ..core.upcoming import upcoming as due_soon
    from .documents import write_document
    from .options import chosen_problem_format, pick_plan, pick_unit
    from .output import fail, open_workspace

    if fmt is None and output is not None and output.suffix.lower() == ".xlsx":
        fmt = UpcomingFormat.xlsx
    chosen = "xlsx" if fmt == UpcomingFormat.xlsx else chosen_problem_format(fmt)
    if chosen == "xlsx" and (output is None or output.suffix.lower() != ".xlsx"):
        fail("định dạng xlsx cần tệp ghi ra có đuôi .xlsx: thêm -o TỆP.xlsx", 2)
    if output is not None and output.exists() and not overwrite:
        fail(f"tệp đã có: {output}; dùng --overwrite để ghi đè, hoặc chọn tên khác (-o)")
    day = as_of or today_vn()
    ws = open_workspace(ctx)
    plans = [pick_plan(ws, plan_id)] if plan_id else sorted(ws.plans.values(), key=lambda p: p.id)
    unit_id = pick_unit(ws, unit).id if unit else None
    broken = {p.id: broken_reports(ws, p.id, lambda key: True) for p in plans}
    drop_broken(ws)
    per_plan = []
    for plan in plans:
        ev = evaluate(plan, ws.registry, ws.reports, day, ws.calendar)
        rows = due_soon(ev, days, unit_id)
        # A broken report file is left out: its unit would be warned about a report it may have sent.
        if in_doubt(broken[plan.id], {u.obligation.unit for u in rows}):
            problems = broken[plan.id].problems
            sys.stderr.write(format_problems(problems, chosen_problem_format(None), len({p.file for p in problems})))
            fail("báo cáo của đơn vị có lỗi (nêu ở trên) nên danh sách có thể nhắc cả việc đơn vị đã báo cáo. "
                 "Hãy sửa các tệp đó (xem `dancu validate`) rồi chạy lại.")
        per_plan.append((ev, rows))
    rows = [u for _, plan_rows in per_plan for u in plan_rows]
    until = day + timedelta(days=days)
    foot = _foot(rows, day, until, days)
    if chosen == "json":
        names = {u.id: u.name for u in ws.registry.units}
        document = json.dumps({
            "as_of": day.isoformat(), "until": until.isoformat(), "days": days,
            "rows": [u.to_dict() | {"unit_name": names.get(u.obligation.unit)} for u in rows],
            "counts": {"total": len(rows), "warn": sum(u.warn for u in rows)},
        }, ensure_ascii=False, indent=2) + "\n"
    elif chosen == "github":
        document = _github(ws, per_plan) + foot + "\n"
    elif chosen == "xlsx":
        document = _xlsx(per_plan, day, until)
    elif output is not None:
        document = _plain(per_plan, day, days) + foot + "\n"
    else:
        _print(per_plan, day, days, foot)
        raise typer.Exit(1 if fail_on_due and any(u.warn for u in rows) else 0)
    if output is None:
        typer.echo(document, nl=False)
    else:
        write_document(output, document)
        typer.echo(f"Đã ghi {len(rows)} việc đến hạn từ {format_date(day)} đến {format_date(until)} vào {output}.")
    raise typer.Exit(1 if fail_on_due and any(u.warn for u in rows) else 0)


def _foot(rows: list["Upcoming"], day: "date", until: "date", days: int) -> str:
    from ..core.dates import format_date

    span = f"từ {format_date(day)} đến {format_date(until)}"
    if not rows:
        return f"Không có việc nào đến hạn trong {days} ngày tới ({span})."
    warned = sum(u.warn for u in rows)
    return (f"Tổng cộng {len(rows)} việc đến hạn trong {days} ngày tới ({span}); "
            f"{warned} việc ở mốc nhắc 7, 3 hoặc 1 ngày trước hạn (*).")


def _cells(u: "Upcoming", shorts: dict[str, str]) -> list[str]:
    from ..core.dates import format_date

    o = u.obligation
    return [format_date(o.due), u.left() + (" *" if u.warn else ""), str(o.task), shorts.get(o.unit, o.unit), u.what()]


def _title(ev: "Evaluation", day: "date", days: int) -> str:
    from ..core.dates import format_date

    return f"Kế hoạch {ev.plan.reference}: việc đến hạn trong {days} ngày tới, tính từ ngày {format_date(day)}"


def _tables(per_plan: list[tuple["Evaluation", list["Upcoming"]]], day: "date", days: int):
    """Per plan with rows: its title, heading line, rule, and each row's line with whether it is at a warning mark."""
    from .text_tables import column_widths, format_row, rule

    right = frozenset({1, 2})
    for ev, rows in per_plan:
        if not rows:
            continue
        shorts = {u.id: u.abbr for u in ev.registry.units}
        cells = [_cells(u, shorts) for u in rows]
        widths = column_widths(HEADINGS, cells)
        yield (_title(ev, day, days), format_row(HEADINGS, widths, right), rule(widths),
               [(format_row(c, widths, right), u.warn) for u, c in zip(rows, cells)])


def _plain(per_plan: list[tuple["Evaluation", list["Upcoming"]]], day: "date", days: int) -> str:
    out = [title + "\n\n" + head + "\n" + line + "\n" + "".join(row + "\n" for row, _ in rows)
           for title, head, line, rows in _tables(per_plan, day, days)]
    return "\n".join(out) + ("\n" if out else "")


def _print(per_plan: list[tuple["Evaluation", list["Upcoming"]]], day: "date", days: int, foot: str) -> None:
    from .output import console

    out = console()
    for title, head, line, rows in _tables(per_plan, day, days):
        out.print(title + "\n")
        out.print(head + "\n" + line, soft_wrap=True)
        if out.color_system is None:  # a pipe, a file or NO_COLOR: plain lines
            out.file.write("".join(row + "\n" for row, _ in rows))
            out.print()
            continue
        from rich.text import Text

        text = Text()
        for row, warn in rows:
            text.append(row + "\n", style="yellow" if warn else "")
        out.print(text, soft_wrap=True, end="")
        out.print()
    out.print(foot)


def _github(ws: "Workspace", per_plan: list[tuple["Evaluation", list["Upcoming"]]]) -> str:
    """A warning on the plan's task line for each item at a warning mark, a notice for the others."""
    from ..core.problems import github_annotation

    lines = []
    for ev, rows in per_plan:
        src = ws.plan_source(ev.plan.id)
        index = {t.number: i for i, t in enumerate(ev.plan.tasks)}
        for u in rows:
            o = u.obligation
            path = ("tasks", index[o.task]) + (("timeframe", "due") if o.kind == "completion" else ())
            problem = src.problem(path, u.describe(ev.registry), "upcoming", severity="warning" if u.warn else "notice")
            problem.path = f"Còn {u.left()}"  # shown as the annotation's title
            lines.append(github_annotation(problem) + "\n")
    return "".join(lines)


def _xlsx(per_plan: list[tuple["Evaluation", list["Upcoming"]]], day: "date", until: "date") -> bytes:
    from openpyxl import Workbook

    from ..office.xlsx_cells import table_sheet, workbook_bytes

    headings = ["Kế hoạch", "Hạn", "Còn (ngày)", "Mốc nhắc", "Nhiệm vụ", "Đơn vị", "Việc"]
    rows = []
    for ev, plan_rows in per_plan:
        for u in plan_rows:
            o = u.obligation
            rows.append([ev.plan.reference, o.due, u.days_left, "có" if u.warn else "", o.task,
                         ev.registry.display(o.unit), u.what()])
    wb = Workbook()
    sheet = wb.active
    sheet.title = f"Đến hạn từ {day:%d-%m-%Y}"  # a sheet name cannot hold "/"
    table_sheet(sheet, headings, rows, [16, 12, 11, 10, 10, 48, 28])
    return workbook_bytes(wb)
