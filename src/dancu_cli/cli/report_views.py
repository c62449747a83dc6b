"""Unit reports for people: the list table, one whole report, and the JSON and CSV rows."""

from __future__ import annotations

import csv
import io

from rich import box
from rich.console import Group as RichGroup
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..core.dates import format_date
from ..core.models.report import STATUS_LABELS
from .views import shorten

CSV_COLUMNS = {
    "plan": "Kế hoạch", "unit": "Mã đơn vị", "unit_name": "Đơn vị", "period": "Kỳ", "period_label": "Tên kỳ",
    "number": "Số, ký hiệu", "issued_on": "Ngày ban hành", "received_on": "Ngày nhận", "task": "Nhiệm vụ",
    "status_label": "Tình trạng", "results": "Kết quả", "figures": "Số liệu", "shortcomings": "Tồn tại, hạn chế",
    "next_steps": "Phương hướng kỳ tới", "proposals": "Đề xuất, kiến nghị", "file": "Tệp",
}


def format_number(value: int | float) -> str:
    """12 stays 12; 2.5 prints 2,5 as Vietnamese writes decimals."""
    return str(value) if isinstance(value, int) else f"{value:g}".replace(".", ",")


def report_records(rows, store) -> list[dict]:
    """One flat dict per (report, entry) row, for JSON and CSV."""
    out = []
    for report, entry in rows:
        path = store.ws.report_files.get((report.plan, report.period, report.unit))
        record = {
            "plan": report.plan, "unit": report.unit, "unit_name": store.ws.registry.display(report.unit),
            "period": report.period, "period_label": report.period_value.label(), "number": report.number,
            "issued_on": report.issued_on.isoformat() if report.issued_on else None,
            "received_on": report.received_on.isoformat() if report.received_on else None,
            "task": None, "status": None, "status_label": None, "results": None, "figures": {},
            "shortcomings": None, "next_steps": None, "proposals": None,
            "file": store.shown(path) if path else None,
        }
        if entry is not None:
            record.update(entry.model_dump(mode="json"), status_label=STATUS_LABELS[entry.status])
        out.append(record)
    return out


def report_csv(records: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS.values())
    for record in records:
        figures = "; ".join(f"{k}={format_number(v)}" for k, v in record["figures"].items())
        writer.writerow([figures if key == "figures" else record[key] or "" for key in CSV_COLUMNS])
    return buffer.getvalue()


def reports_table(rows, registry) -> RichGroup | Text:
    """The rows as a table that fits 80 columns: units by abbreviation, results cut to one line."""
    if not rows:
        return Text("Không có mục báo cáo nào (chưa có báo cáo, hoặc không mục nào khớp điều kiện lọc).")
    several_plans = len({report.plan for report, _ in rows}) > 1
    # expand: the results column takes what the others leave; without it rich squeezes them all.
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=True, title="Các mục báo cáo đã ghi nhận",
                  title_justify="left")
    if several_plans:
        table.add_column("Kế hoạch", no_wrap=True)
    for heading in ("Đơn vị", "Kỳ", "NV", "Tình trạng"):
        table.add_column(heading, no_wrap=True, justify="right" if heading == "NV" else "left")
    table.add_column("Kết quả", ratio=1, min_width=8, no_wrap=True, overflow="ellipsis")
    table.add_column("Ngày nhận", no_wrap=True)
    table.add_column("Số, ký hiệu", no_wrap=True)
    used: dict[str, str] = {}
    for report, entry in rows:
        used[registry.display(report.unit, short=True)] = registry.display(report.unit)
        cells = [registry.display(report.unit, short=True), report.period,
                 str(entry.task) if entry else "", STATUS_LABELS[entry.status] if entry else "",
                 " ".join(entry.results.split()) if entry else "(chưa có mục nào)",
                 format_date(report.received_on), report.number or ""]
        table.add_row(*([report.plan] if several_plans else []), *cells)
    units = len({(report.plan, report.unit) for report, _ in rows})
    legend = "; ".join(f"{short} = {full}" for short, full in used.items() if short != full)
    return RichGroup(
        table,
        Text(f"{len(rows)} mục, của {units} đơn vị.", style="bold"),
        Text(f"Viết tắt: NV = nhiệm vụ{'; ' + legend if legend else ''}.", style="dim"),
    )


def _field(label: str, value: str, indent: int = 2) -> Padding:
    return Padding(Text.assemble((f"{label}:", "bold"), f" {value}" if value else ""), (0, 0, 0, indent), expand=False)


def report_view(report, plan, registry, shown: str) -> RichGroup:
    """The whole report: who, which period, number and dates, then each task's entry."""
    through = registry.display(plan.reporting.through)
    facts = []
    if report.number:
        facts.append(f"Số: {report.number}")
    if report.issued_on:
        facts.append(f"ngày ban hành: {format_date(report.issued_on)}")
    if report.received_on:
        facts.append(f"{through} nhận ngày {format_date(report.received_on)}")
    parts: list = [
        Text(f"BÁO CÁO CỦA {registry.display(report.unit).upper()}", style="bold"),
        Text(f"Kết quả thực hiện Kế hoạch số {plan.reference}, {report.period_value.label()}"),
        Text("; ".join(facts) + "." if facts else "Chưa ghi số, ngày của báo cáo."),
        Text(f"Tệp: {shown}", style="dim"),
    ]
    if not report.entries:
        parts += [Text(""), Text("Báo cáo chưa có mục nhiệm vụ nào.")]
    for entry in report.entries:
        task = plan.task(entry.task)
        parts += [Text(""), Text(f"Nhiệm vụ {entry.task}. {shorten(task.heading) if task else ''}", style="bold"),
                  _field("Tình trạng", STATUS_LABELS[entry.status]), _field("Kết quả thực hiện", entry.results)]
        if entry.figures:
            parts.append(_field("Số liệu", ""))
            parts += [_field(f"- {name}", format_number(v), indent=4) for name, v in entry.figures.items()]
        for label, value in (("Tồn tại, hạn chế", entry.shortcomings), ("Phương hướng, nhiệm vụ kỳ tới", entry.next_steps),
                             ("Đề xuất, kiến nghị", entry.proposals)):
            if value:
                parts.append(_field(label, value))
    return RichGroup(*parts)
