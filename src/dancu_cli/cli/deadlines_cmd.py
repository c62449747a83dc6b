"""`dancu overdue` and `dancu status`: who owes which report, and what is past its due date."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

import typer

from .app import app
from .output import as_of_date

if TYPE_CHECKING:
    from datetime import date

    from ..core.obligations import Evaluation, Obligation
    from ..core.workspace import Workspace

AS_OF_HELP = "Tính đến ngày này, viết 31/12/2025 hoặc 2025-12-31. Mặc định: hôm nay (giờ Việt Nam)."
PLAN_HELP = "Mã kế hoạch, ví dụ 2599-KH-SKHCN."


def _evaluate(ctx: typer.Context, plan_ids: list[str | None] | None, day: "date") -> tuple["Workspace", list["Evaluation"]]:
    """Load the workspace and evaluate the named plans (every plan with None)."""
    from ..core.obligations import evaluate
    from .output import open_workspace
    from .plan_cmd import pick_plan

    ws = open_workspace(ctx)
    plans = [pick_plan(ws, p) for p in plan_ids] if plan_ids is not None else sorted(ws.plans.values(), key=lambda p: p.id)
    return ws, [evaluate(ws, plan, day) for plan in plans]


def _unit_filter(ws: "Workspace", text: str) -> str:
    from ..core.reports import ReportError, resolve_unit
    from .output import fail

    try:
        return resolve_unit(ws.registry, text).id
    except ReportError as exc:
        fail(str(exc), 2)


@app.command("overdue")
def overdue(
    ctx: typer.Context,
    as_of: Optional[str] = typer.Option(None, "--as-of", metavar="NGÀY", help=AS_OF_HELP, callback=as_of_date, show_default=False),
    plan_id: Optional[str] = typer.Option(None, "--plan", metavar="KẾ_HOẠCH", help=PLAN_HELP + " Mặc định: mọi kế hoạch.", show_default=False),
    unit: Optional[str] = typer.Option(None, "--unit", metavar="ĐƠN_VỊ", help="Chỉ xét đơn vị này (mã, tên viết tắt hoặc tên).", show_default=False),
    task: Optional[int] = typer.Option(None, "--task", metavar="SỐ", help="Chỉ xét nhiệm vụ số này.", show_default=False),
    fmt: Optional[str] = typer.Option(
        None, "--format", "-f", metavar="ĐỊNH_DẠNG",
        help="text (bảng), json hoặc github (chú thích cho GitHub Actions; tự chọn khi có biến GITHUB_ACTIONS).",
        show_default=False,
    ),
    fail_on_overdue: bool = typer.Option(False, "--fail-on-overdue", help="Thoát với mã 1 khi có ít nhất một dòng (cho CI, cron)."),
) -> None:
    """Liệt kê mọi việc không làm đúng hạn: thiếu báo cáo, báo cáo trễ, quá hạn hoàn thành.

    Việc quá hạn lâu nhất in trước; cuối bảng là số lượng từng loại. Mã thoát 0; với
    --fail-on-overdue, mã thoát 1 khi có ít nhất một dòng."""
    import json
    import sys

    from ..core.dates import today_vn
    from ..core.obligations import ROW_KIND_LABELS
    from .output import fail, problem_format

    chosen = problem_format(fmt)
    day = as_of or today_vn()
    ws, evaluations = _evaluate(ctx, [plan_id] if plan_id else None, day)
    if task is not None and not any(ev.plan.task(task) for ev in evaluations):
        fail(f"không có nhiệm vụ số {task} trong kế hoạch", 2)
    unit_id = _unit_filter(ws, unit) if unit else None
    per_plan = [
        (ev, [o for o in ev.rows_overdue() if (task is None or o.task == task) and (unit_id is None or o.unit == unit_id)])
        for ev in evaluations
    ]
    rows = [o for _, plan_rows in per_plan for o in plan_rows]
    counts = {kind: sum(1 for o in rows if o.row_kind == kind) for kind in ROW_KIND_LABELS}
    if chosen == "json":
        names = {u.id: u.name for ev in evaluations for u in ev.registry.units}
        # Streamed row by row: a neglected workspace owes tens of thousands of rows.
        out = sys.stdout
        out.write(f'{{"as_of": "{day.isoformat()}", "rows": [')
        for i, o in enumerate(rows):
            out.write(("," if i else "") + "\n  " + json.dumps(o.to_dict() | {"unit_name": names.get(o.unit)}, ensure_ascii=False))
        out.write('\n], "counts": ' + json.dumps(counts | {"total": len(rows)}) + "}\n")
    elif chosen == "github":
        sys.stdout.write(_github(ws, per_plan) + _foot(counts, day) + "\n")
    else:
        _print_overdue(per_plan, counts, day)
    raise typer.Exit(1 if fail_on_overdue and rows else 0)


def _foot(counts: dict[str, int], day: "date") -> str:
    from ..core.dates import format_date
    from ..core.obligations import ROW_KIND_LABELS

    total = sum(counts.values())
    if not total:
        return f"Không có việc nào quá hạn tính đến ngày {format_date(day)}."
    parts = ", ".join(f"{counts[k]} {label.lower()}" for k, label in ROW_KIND_LABELS.items())
    return f"Tổng cộng {total} việc không đúng hạn tính đến ngày {format_date(day)}: {parts}."


def _github(ws: "Workspace", per_plan: list[tuple["Evaluation", list["Obligation"]]]) -> str:
    from ..core.obligations import ROW_KIND_LABELS, describe
    from ..core.problems import github_annotation

    lines = []
    for ev, rows in per_plan:
        src = ws.plan_source(ev.plan.id)
        index = {t.number: i for i, t in enumerate(ev.plan.tasks)}
        for o in rows:
            path = ("tasks", index[o.task]) + (("timeframe", "due") if o.kind == "completion" else ())
            severity = "warning" if o.row_kind == "late" else "error"
            problem = src.problem(path, describe(o, ev.registry), o.row_kind, severity=severity)
            problem.path = ROW_KIND_LABELS[o.row_kind]  # shown as the annotation's title
            lines.append(github_annotation(problem) + "\n")
    return "".join(lines)


def _print_overdue(per_plan: list[tuple["Evaluation", list["Obligation"]]], counts: dict[str, int], day: "date") -> None:
    from rich.text import Text

    from ..core.dates import format_date
    from ..core.obligations import ROW_KIND_LABELS
    from .output import console
    from .report_views import column_widths, format_row, rule

    out = console()
    head = ["Loại", "NV", "Đơn vị", "Kỳ", "Hạn", "Đã nhận", "Quá hạn"]
    right = frozenset({1, 6})
    for ev, rows in per_plan:
        if not rows:
            continue
        shorts = {u.id: u.abbr for u in ev.registry.units}

        def cells(o: "Obligation", shorts: dict[str, str] = shorts) -> list[str]:
            return [ROW_KIND_LABELS[o.row_kind], str(o.task), shorts.get(o.unit, o.unit), o.period.key,
                    format_date(o.due), format_date(o.met_on), f"{o.days_overdue} ngày"]

        # Two passes over the rows instead of holding every cell: memory stays flat at any size.
        widths = column_widths(head, map(cells, rows))
        out.print(f"Kế hoạch {ev.plan.reference}: việc không đúng hạn tính đến ngày {format_date(day)}\n")
        out.print(format_row(head, widths, right) + "\n" + rule(widths), soft_wrap=True)
        for start in range(0, len(rows), 2000):
            text = Text()
            for o in rows[start:start + 2000]:
                text.append(format_row(cells(o), widths, right) + "\n", style="yellow" if o.row_kind == "late" else "red")
            out.print(text, soft_wrap=True, end="")
        out.print()
    out.print(_foot(counts, day))


CELL_SYMBOLS = {"on_time": ("✓", "green"), "late": ("T", "yellow"), "overdue": ("✗", "bold red"),
                "pending": ("○", "cyan"), None: ("·", "dim")}


@app.command("status")
def status(
    ctx: typer.Context,
    as_of: Optional[str] = typer.Option(None, "--as-of", metavar="NGÀY", help=AS_OF_HELP, callback=as_of_date, show_default=False),
    period: Optional[str] = typer.Option(
        None, "--period", metavar="KỲ",
        help="Kỳ báo cáo: 2025-Q4, Q4/2025, quý IV/2025, 2025-11… Mặc định: kỳ gần nhất đã bắt đầu.", show_default=False,
    ),
    plan_id: Optional[str] = typer.Option(None, "--plan", metavar="KẾ_HOẠCH", help=PLAN_HELP + " Bỏ trống khi chỉ có một kế hoạch.", show_default=False),
    fmt: str = typer.Option("text", "--format", "-f", metavar="ĐỊNH_DẠNG", help="text (bảng) hoặc json."),
) -> None:
    """Bảng nhiệm vụ × đơn vị của một kỳ: ai đã báo cáo đúng hạn, trễ hạn, ai còn thiếu.

    Mỗi nhiệm vụ kèm tình trạng: Đã hoàn thành đúng hạn, Đã hoàn thành quá hạn,
    Chưa hoàn thành – trong hạn, Chưa hoàn thành – quá hạn."""
    import json

    from ..core.dates import parse_period, today_vn
    from .output import fail, require_format

    require_format(fmt, ("text", "json"))
    try:
        wanted = parse_period(period) if period else None
    except ValueError as exc:
        fail(str(exc), 2)
    ev = _evaluate(ctx, [plan_id], as_of or today_vn())[1][0]
    chosen = ev.period(wanted.key) if wanted else ev.current_period()
    if chosen is None:
        keys = ", ".join(p.key for p in ev.periods)
        fail(f"kế hoạch {ev.plan.id} không có kỳ {wanted.key}; các kỳ báo cáo của kế hoạch: {keys}", 2)
    if fmt == "json":
        typer.echo(json.dumps(_status_json(ev, chosen), ensure_ascii=False, indent=2))
        return
    _print_status(ev, chosen)


def _status_json(ev: "Evaluation", period) -> dict:
    from ..core.obligations import TASK_STATE_LABELS

    cells = ev.cells(period)
    units = ev.units()
    tasks = []
    for task in ev.plan.tasks:
        state = ev.task_state(task.number, period)
        tasks.append({
            "number": task.number,
            "timeframe": task.timeframe.kind,
            "due": task.timeframe.due.isoformat() if task.timeframe.due else None,
            "state": state,
            "state_label": TASK_STATE_LABELS.get(state or ""),
            "cells": {u.id: (cells[(task.number, u.id)].to_dict() if (task.number, u.id) in cells else None) for u in units},
            "completions": [o.to_dict() for o in ev.completions(task.number)],
        })
    return {
        "plan": ev.plan.id,
        "reference": ev.plan.reference,
        "as_of": ev.as_of.isoformat(),
        "period": {"key": period.key, "label": period.label(), "start": period.start.isoformat(),
                   "end": period.end.isoformat(), "due": period.due.isoformat()},
        "periods": [p.key for p in ev.periods],
        "units": [{"id": u.id, "abbr": u.abbr, "name": u.name} for u in units],
        "tasks": tasks,
    }


# Room taken by the task number, the task state and the table's edges; the unit columns share the rest.
STATUS_FIXED_WIDTH = 33


def _unit_groups(units: list, room: int) -> list[list]:
    """Split the unit columns into tables that each fit the terminal's width."""
    from rich.cells import cell_len

    groups: list[list] = [[]]
    used = 0
    for unit in units:
        width = cell_len(unit.abbr) + 1
        if groups[-1] and used + width > room:
            groups.append([])
            used = 0
        groups[-1].append(unit)
        used += width
    return groups


def _print_status(ev: "Evaluation", period) -> None:
    from collections import Counter

    from rich import box
    from rich.table import Table
    from rich.text import Text

    from ..core.dates import format_date
    from ..core.obligations import STATE_LABELS, TASK_STATE_LABELS
    from .output import console

    cells = ev.cells(period)
    units = ev.units()
    out = console()
    states = {t.number: ev.task_state(t.number, period) for t in ev.plan.tasks}
    groups = _unit_groups(units, out.width - STATUS_FIXED_WIDTH)
    for i, group in enumerate(groups):
        part = f" ({i + 1}/{len(groups)})" if len(groups) > 1 else ""
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=0, title_justify="left",
                      title=f"Kế hoạch {ev.plan.reference}: báo cáo {period.label()}{part}")
        table.add_column("NV", justify="right", no_wrap=True)
        for u in group:
            table.add_column(u.abbr, justify="center", no_wrap=True)
        table.add_column("Tình trạng", ratio=1)
        for task in ev.plan.tasks:
            row = []
            for u in group:
                o = cells.get((task.number, u.id))
                symbol, style = CELL_SYMBOLS[o.state if o else None]
                row.append(Text(symbol, style=style))
            state = states[task.number]
            label = TASK_STATE_LABELS.get(state or "", "Không có đơn vị phải báo cáo")
            number = f"{task.number}*" if task.timeframe.kind == "deadline" else str(task.number)
            table.add_row(number, *row, Text(label, style="red" if state == "open_overdue" else ""))
        out.print(table)
    out.print(f"Kỳ {period.key}: {period.span()}; hạn gửi báo cáo {format_date(period.due)}; "
              f"tính đến ngày {format_date(ev.as_of)}.")
    tally = Counter(o.state for o in cells.values())
    out.print(f"Đã nhận {tally['on_time'] + tally['late']}/{len(cells)} mục báo cáo ({tally['on_time']} đúng hạn, "
              f"{tally['late']} trễ hạn); {tally['overdue']} mục quá hạn, {tally['pending']} mục chưa đến hạn.")
    legend = [f"{CELL_SYMBOLS[k][0]} {label[0].lower()}{label[1:]}" for k, label in STATE_LABELS.items()]
    out.print("Ký hiệu: " + "; ".join([*legend, f"{CELL_SYMBOLS[None][0]} không có vai trò"]) + ".")
    for task in (t for t in ev.plan.tasks if t.timeframe.kind == "deadline"):
        owers = ", ".join(ev.registry.display(o.unit, short=True) for o in ev.completions(task.number))
        out.print(f"(*) Nhiệm vụ {task.number} có hạn {format_date(task.timeframe.due)}: tình trạng tính theo báo cáo "
                  f"hoàn thành của {owers or 'đơn vị chủ trì'}.")
    out.print(Text("Viết tắt: " + "; ".join(f"{u.abbr} = {u.name}" for u in units) + ".", style="dim"))
