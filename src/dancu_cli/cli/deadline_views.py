"""Text and GitHub renderings of the overdue list and the status matrix (core.tracking)."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..core.tracking import OverdueList, StatusMatrix

CELL_SYMBOLS = {"on_time": ("✓", "green"), "late": ("T", "yellow"), "overdue": ("✗", "bold red"),
                "pending": ("○", "cyan"), None: ("·", "dim")}
# Room taken by the task number, the task state and the table's edges; the unit columns share the rest.
STATUS_FIXED_WIDTH = 33


def overdue_foot(overdue: "OverdueList") -> str:
    from ..core.dates import format_date
    from ..core.obligations import ROW_KIND_LABELS

    if not overdue.total:
        return f"Không có việc nào quá hạn tính đến ngày {format_date(overdue.as_of)}."
    parts = ", ".join(f"{overdue.counts[k]} {label.lower()}" for k, label in ROW_KIND_LABELS.items())
    return f"Tổng cộng {overdue.total} việc không đúng hạn tính đến ngày {format_date(overdue.as_of)}: {parts}."


def write_overdue_json(overdue: "OverdueList", out=None) -> None:
    """Streamed row by row: a neglected workspace owes tens of thousands of rows."""
    out = out or sys.stdout
    names = overdue.unit_names()
    out.write(f'{{"as_of": "{overdue.as_of.isoformat()}", "rows": [')
    for i, o in enumerate(overdue.rows()):
        out.write(("," if i else "") + "\n  " + json.dumps(o.to_dict() | {"unit_name": names.get(o.unit)}, ensure_ascii=False))
    out.write('\n], "counts": ' + json.dumps(overdue.counts_dict()) + "}\n")


def overdue_github(overdue: "OverdueList", plan_source) -> str:
    """One annotation per row, pointing at the task in the plan file; `plan_source(id)` reads it."""
    from ..core.obligations import ROW_KIND_LABELS, describe
    from ..core.problems import github_annotation

    lines = []
    for part in overdue.plans:
        ev = part.evaluation
        src = plan_source(ev.plan.id) if part.rows else None
        index = {t.number: i for i, t in enumerate(ev.plan.tasks)}
        for o in part.rows:
            path = ("tasks", index[o.task]) + (("timeframe", "due") if o.kind == "completion" else ())
            severity = "warning" if o.row_kind == "late" else "error"
            problem = src.problem(path, describe(o, ev.registry), o.row_kind, severity=severity)
            problem.path = ROW_KIND_LABELS[o.row_kind]  # shown as the annotation's title
            lines.append(github_annotation(problem) + "\n")
    return "".join(lines) + overdue_foot(overdue) + "\n"


def print_overdue(overdue: "OverdueList") -> None:
    from ..core.dates import format_date
    from ..core.obligations import ROW_KIND_LABELS
    from .output import console
    from .text_tables import column_widths, format_row, rule

    out = console()
    head = ["Loại", "NV", "Đơn vị", "Kỳ", "Hạn", "Đã nhận", "Quá hạn"]
    right = frozenset({1, 6})
    for part in overdue.plans:
        rows, ev = part.rows, part.evaluation
        if not rows:
            continue
        shorts = {u.id: u.abbr for u in ev.registry.units}

        def cells(o, shorts: dict[str, str] = shorts) -> list[str]:
            return [ROW_KIND_LABELS[o.row_kind], str(o.task), shorts.get(o.unit, o.unit), o.period.key,
                    format_date(o.due), format_date(o.met_on), f"{o.days_overdue} ngày"]

        # Two passes over the rows instead of holding every cell: memory stays flat at any size.
        widths = column_widths(head, map(cells, rows))
        out.print(f"Kế hoạch {ev.plan.reference}: việc không đúng hạn tính đến ngày {format_date(overdue.as_of)}\n")
        out.print(format_row(head, widths, right) + "\n" + rule(widths), soft_wrap=True)
        for start in range(0, len(rows), 2000):
            chunk = rows[start:start + 2000]
            if out.color_system is None:  # a pipe, a file or NO_COLOR: plain lines, no styling work at all
                out.file.write("".join(format_row(cells(o), widths, right) + "\n" for o in chunk))
                continue
            from rich.text import Text

            text = Text()
            for o in chunk:
                text.append(format_row(cells(o), widths, right) + "\n", style="yellow" if o.row_kind == "late" else "red")
            out.print(text, soft_wrap=True, end="")
        out.print()
    out.print(overdue_foot(overdue))


def _unit_groups(units: list, room: int) -> list[list[int]]:
    """Split the unit columns (as indexes) into tables that each fit the terminal's width."""
    from rich.cells import cell_len

    groups: list[list[int]] = [[]]
    used = 0
    for i, unit in enumerate(units):
        width = cell_len(unit.abbr) + 1
        if groups[-1] and used + width > room:
            groups.append([])
            used = 0
        groups[-1].append(i)
        used += width
    return groups


def _centre(text: str, width: int) -> str:
    from rich.cells import cell_len

    room = width - cell_len(text)
    return " " * (room // 2) + text + " " * (room - room // 2)


def print_status(matrix: "StatusMatrix") -> None:
    from rich.cells import cell_len

    from ..core.dates import format_date
    from ..core.obligations import STATE_LABELS
    from .output import console

    ev, period, units = matrix.evaluation, matrix.period, matrix.units
    out = console()
    # Plain aligned lines, not a rich Table: a Table measures every cell again and again, which took
    # 19 s for 1,000 tasks × 20 units; these lines cost the same per cell at any size.
    numbers = [f"{row.task.number}*" if row.task.timeframe.kind == "deadline" else str(row.task.number)
               for row in matrix.rows]
    labels = [row.short_label for row in matrix.rows]
    first = max([2, *map(len, numbers)])
    last = max([cell_len("Tình trạng"), *map(cell_len, labels)])
    groups = _unit_groups(units, max(out.width - first - last - 3, 1))
    for i, group in enumerate(groups):
        part = f" ({i + 1}/{len(groups)})" if len(groups) > 1 else ""
        widths = [max(cell_len(units[j].abbr), 1) for j in group]
        out.print(f"Kế hoạch {ev.plan.reference}: báo cáo {period.label()}{part}\n")
        head = " " + "NV".rjust(first) + "".join(" " + _centre(units[j].abbr, w) for j, w in zip(group, widths))
        out.print(head + " Tình trạng", soft_wrap=True)
        out.print(" " + "─" * (cell_len(head) + last), soft_wrap=True)
        for start in range(0, len(matrix.rows), 2000):
            if out.color_system is None:  # a pipe, a file or NO_COLOR: plain lines, no styling work at all
                out.file.write("".join(
                    " " + numbers[k].rjust(first)
                    + "".join(" " + _centre(CELL_SYMBOLS[c.state if c else None][0], w)
                              for c, w in zip((matrix.rows[k].cells[j] for j in group), widths))
                    + " " + labels[k] + "\n" for k in range(start, min(start + 2000, len(matrix.rows)))))
                continue
            from rich.text import Text

            text = Text()
            for k in range(start, min(start + 2000, len(matrix.rows))):
                row = matrix.rows[k]
                text.append(" " + numbers[k].rjust(first))
                for j, w in zip(group, widths):
                    cell = row.cells[j]
                    symbol, style = CELL_SYMBOLS[cell.state if cell else None]
                    text.append(" ")
                    text.append(_centre(symbol, w), style=style)
                text.append(" ")
                text.append(labels[k] + "\n", style="red" if row.state == "open_overdue" else "")
            out.print(text, soft_wrap=True, end="")
        out.print()
    out.print(f"Kỳ {period.key}: {period.span()}; hạn gửi báo cáo {format_date(period.due)}; "
              f"tính đến ngày {format_date(ev.as_of)}.")
    tally = matrix.tally
    out.print(f"Đã nhận {tally['on_time'] + tally['late']}/{matrix.owed} mục báo cáo ({tally['on_time']} đúng hạn, "
              f"{tally['late']} trễ hạn); {tally['overdue']} mục quá hạn, {tally['pending']} mục chưa đến hạn.")
    legend = [f"{CELL_SYMBOLS[k][0]} {label[0].lower()}{label[1:]}" for k, label in STATE_LABELS.items()]
    out.print("Ký hiệu: " + "; ".join([*legend, f"{CELL_SYMBOLS[None][0]} không có vai trò"]) + ".")
    for row in (r for r in matrix.rows if r.task.timeframe.kind == "deadline"):
        owers = ", ".join(ev.registry.display(o.unit, short=True) for o in row.completions)
        out.print(f"(*) Nhiệm vụ {row.task.number} có hạn {format_date(row.task.timeframe.due)}: tình trạng tính theo "
                  f"báo cáo hoàn thành của {owers or 'đơn vị chủ trì'}.")
    out.print("Viết tắt: " + "; ".join(f"{u.abbr} = {u.name}" for u in units) + ".", style="dim")
