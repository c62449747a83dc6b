"""Rich renderables for the terminal: plan header, tasks table, legends."""

from __future__ import annotations

from rich import box
from rich.console import Group as RichGroup
from rich.table import Table
from rich.text import Text

from ..core.dates import format_date
from ..core.models.plan import FREQUENCY_LABELS, Plan
from ..core.models.units import Registry

SHORT_HEADING = 80


def shorten(text: str, limit: int = SHORT_HEADING) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def plan_header(plan: Plan, registry: Registry | None) -> RichGroup:
    doc = plan.document
    through = registry.display(plan.reporting.through) if registry else plan.reporting.through
    lines = []
    if plan.issuer.parent:
        lines.append(Text(plan.issuer.parent.upper()))
    lines.append(Text(plan.issuer.name.upper(), style="bold"))
    lines.append(Text(f"{doc.type} số {doc.reference} — {doc.place}, ngày {format_date(doc.issued_on)}"))
    lines.append(Text(doc.title, style="bold"))
    lines.append(Text(f"Thời gian thực hiện: {format_date(plan.window.starts_on)} – {format_date(plan.window.ends_on)}"))
    lines.append(Text(f"Báo cáo: {FREQUENCY_LABELS[plan.reporting.frequency]}, qua {through}"
                      + (f", tổng hợp báo cáo {plan.reporting.to}" if plan.reporting.to else "")))
    signer = plan.signer
    authority = f" ({signer.authority})" if signer.authority else ""
    lines.append(Text(f"Người ký: {signer.name}, {signer.title}{authority}"))
    if registry is not None and not registry.confirmed:
        lines.append(Text("Lưu ý: danh mục đơn vị đang chờ Văn phòng Sở xác nhận (plans/units.yaml).", style="yellow"))
    return RichGroup(*lines, Text(""))


def _names(registry: Registry | None, refs: list[str]) -> str:
    if registry is None:
        return ", ".join(refs)
    return ", ".join(registry.display(r, short=True) for r in refs)


def tasks_table(plan: Plan, registry: Registry | None) -> RichGroup:
    table = Table(box=box.SIMPLE_HEAD, title="Nội dung, thời gian thực hiện", title_justify="left",
                  pad_edge=False, show_lines=True)
    table.add_column("STT", justify="right", no_wrap=True)
    table.add_column("Nội dung", ratio=1, min_width=20)
    table.add_column("Chủ trì", max_width=8)
    table.add_column("Phối hợp", width=10)
    table.add_column("Thực hiện", width=10)
    table.add_column("Thời gian", width=12)
    used: list[str] = []
    for task in plan.tasks:
        for _, ref in task.roles():
            if ref not in used:
                used.append(ref)
        table.add_row(
            str(task.number),
            shorten(task.heading),
            _names(registry, [task.lead] if task.lead else []),
            _names(registry, task.coordinating),
            _names(registry, task.implementing),
            task.timeframe.text + (f"\n(hạn {format_date(task.timeframe.due)})" if task.timeframe.due else ""),
        )
    legend = Text()
    if registry is not None:
        abbreviations = [(registry.display(r, short=True), registry.display(r)) for r in used]
        pairs = [f"{short} = {full}" for short, full in abbreviations if short != full]
        if pairs:
            legend = Text("Viết tắt: " + "; ".join(pairs) + ".", style="dim")
    return RichGroup(table, legend)
