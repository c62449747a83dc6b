"""Unit reports for people: the list table, one whole report, and the JSON and CSV rows."""

from __future__ import annotations

from typing import Iterable

import csv
import io

from typing import TYPE_CHECKING

from ..core.cells import neutralise
from ..core.dates import format_date
from ..core.models.report import STATUS_LABELS
from ..core.numbers import format_number
from .text_tables import plain_table
from .views import shorten

if TYPE_CHECKING:
    from rich.console import Group as RichGroup
    from rich.padding import Padding

CSV_COLUMNS = {
    "plan": "Kế hoạch", "unit": "Mã đơn vị", "unit_name": "Đơn vị", "period": "Kỳ", "period_label": "Tên kỳ",
    "number": "Số, ký hiệu", "issued_on": "Ngày ban hành", "received_on": "Ngày nhận", "task": "Nhiệm vụ",
    "status_label": "Tình trạng", "results": "Kết quả", "figures": "Số liệu", "shortcomings": "Tồn tại, hạn chế",
    "next_steps": "Phương hướng kỳ tới", "proposals": "Đề xuất, kiến nghị", "file": "Tệp",
}


def report_records(rows, store) -> list[dict]:
    """One flat dict per (report, entry) row, for JSON and CSV."""
    heads: dict[int, dict] = {}  # per report, not per row: thousands of rows share a few hundred reports
    out = []
    for report, entry in rows:
        head = heads.get(id(report))
        if head is None:
            path = store.ws.report_files.get((report.plan, report.period.key, report.unit))
            head = heads[id(report)] = {
                "plan": report.plan, "unit": report.unit, "unit_name": store.ws.registry.display(report.unit),
                "period": report.period.key, "period_label": report.period.label(), "number": None,
                "issued_on": None, "received_on": None,
                "task": None, "status": None, "status_label": None, "results": None, "figures": {},
                "shortcomings": None, "next_steps": None, "proposals": None,
                "file": store.shown(path) if path else None,
            }
        record = dict(head)
        # Each entry's own document (a supplementary report has its own number and dates).
        part = report.submission_of(entry.task) if entry is not None else report.parts()[0]
        if part is not None:
            record.update(number=part.number, issued_on=part.issued_on.isoformat() if part.issued_on else None,
                          received_on=part.received_on.isoformat() if part.received_on else None)
        if entry is not None:
            record.update(entry.to_data(json_mode=True), status_label=STATUS_LABELS[entry.status])
        out.append(record)
    return out


def report_csv(records: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS.values())
    for record in records:
        figures = "; ".join(f"{k}={format_number(v, group_thousands=False)}" for k, v in record["figures"].items())
        # Text a spreadsheet could run as a formula is neutralised; `report import` reads it back exactly.
        writer.writerow([neutralise(figures if key == "figures" else str(record[key] or "")) for key in CSV_COLUMNS])
    return buffer.getvalue()


def reports_table(rows, registry, width: int) -> str:
    """The rows as a table that fits `width` columns: units by abbreviation, results cut to one line."""
    if not rows:
        return "Không có mục báo cáo nào (chưa có báo cáo, hoặc không mục nào khớp điều kiện lọc)."
    several_plans = len({report.plan for report, _ in rows}) > 1
    headings = ["Đơn vị", "Kỳ", "NV", "Tình trạng", "Kết quả", "Ngày nhận", "Số, ký hiệu"]
    lines, shorts = [], {}
    for report, entry in rows:
        if report.unit not in shorts:  # display() scans the registry: once per unit, not per row
            shorts[report.unit] = registry.display(report.unit, short=True)
        short = shorts[report.unit]
        part = report.submission_of(entry.task) if entry else report.parts()[0]
        lines.append(([report.plan] if several_plans else []) + [
            short, report.period.key, str(entry.task) if entry else "", STATUS_LABELS[entry.status] if entry else "",
            " ".join(entry.results.split()) if entry else "(chưa có mục nào)",
            format_date(part.received_on), part.number or ""])
    shift = 1 if several_plans else 0
    table = plain_table((["Kế hoạch"] if several_plans else []) + headings, lines, width,
                        flexible=4 + shift, right=frozenset({2 + shift}))
    units = len({(report.plan, report.unit) for report, _ in rows})
    legend = "".join(f"; {short} = {registry.display(unit)}" for unit, short in shorts.items()
                     if short != registry.display(unit))
    return "\n".join(["Các mục báo cáo đã ghi nhận", "", *table, "",
                      f"{len(rows)} mục, của {units} đơn vị.", f"Viết tắt: NV = nhiệm vụ{legend}."])


def _field(label: str, value: str, indent: int = 2) -> Padding:
    from rich.padding import Padding
    from rich.text import Text

    return Padding(Text.assemble((f"{label}:", "bold"), f" {value}" if value else ""), (0, 0, 0, indent), expand=False)


def _document_facts(part, through: str) -> str:
    facts = []
    if part.number:
        facts.append(f"Số: {part.number}")
    if part.issued_on:
        facts.append(f"ngày ban hành: {format_date(part.issued_on)}")
    if part.received_on:
        facts.append(f"{through} nhận ngày {format_date(part.received_on)}")
    return "; ".join(facts) + "." if facts else "Chưa ghi số, ngày của văn bản."


def report_view(report, plan, registry, shown: str) -> RichGroup:
    from rich.console import Group as RichGroup
    from rich.text import Text

    """The whole report: who, which period, then each document (number and dates) and its tasks' entries."""
    through = registry.display(plan.reporting.through)
    documents = report.parts()
    parts: list = [
        Text(f"BÁO CÁO CỦA {registry.display(report.unit).upper()}", style="bold"),
        Text(f"Kết quả thực hiện Kế hoạch số {plan.reference}, {report.period.label()}"),
    ]
    if len(documents) == 1:
        parts.append(Text(_document_facts(documents[0], through)))
    else:
        parts.append(Text(f"Gồm {len(documents)} văn bản."))
    parts.append(Text(f"Tệp: {shown}", style="dim"))
    if not report.all_entries():
        parts += [Text(""), Text("Báo cáo chưa có mục nhiệm vụ nào.")]
    for index, document in enumerate(documents, 1):
        if len(documents) > 1:
            parts += [Text(""), Text(f"Văn bản {index}. {_document_facts(document, through)}", style="bold")]
        for entry in sorted(document.entries, key=lambda e: e.task):
            task = plan.task(entry.task)
            parts += [Text(""), Text(f"Nhiệm vụ {entry.task}. {shorten(task.heading) if task else ''}", style="bold"),
                      _field("Tình trạng", STATUS_LABELS[entry.status]), _field("Kết quả thực hiện", entry.results)]
            if entry.figures:
                parts.append(_field("Số liệu", ""))
                parts += [_field(f"- {name}", format_number(v), indent=4) for name, v in entry.figures.items()]
            for label, value in (("Tồn tại, hạn chế", entry.shortcomings),
                                 ("Phương hướng, nhiệm vụ kỳ tới", entry.next_steps),
                                 ("Đề xuất, kiến nghị", entry.proposals)):
                if value:
                    parts.append(_field(label, value))
    return RichGroup(*parts)
