"""The plan for the terminal: its header and its tasks table, as lines of text with a style each.

Plain lines (see text_tables.py), so piped output needs no rich; on a terminal each line keeps its style.
"""

from __future__ import annotations

from ..core.dates import format_date
from ..core.models.plan import FREQUENCY_LABELS, Plan
from ..core.models.units import Registry

SHORT_HEADING = 80
# Lines with their style (rich's style names; ignored when output is not a terminal).
Styled = list[tuple[str, str | None]]


def shorten(text: str, limit: int = SHORT_HEADING) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def plan_header(plan: Plan, registry: Registry | None) -> Styled:
    doc = plan.document
    through = registry.display(plan.reporting.through) if registry else plan.reporting.through
    lines: Styled = []
    if plan.issuer.parent:
        lines.append((plan.issuer.parent.upper(), None))
    lines.append((plan.issuer.name.upper(), "bold"))
    lines.append((f"{doc.type} số {doc.reference} — {doc.place}, ngày {format_date(doc.issued_on)}", None))
    lines.append((doc.title, "bold"))
    lines.append((f"Thời gian thực hiện: {format_date(plan.window.starts_on)} – {format_date(plan.window.ends_on)}", None))
    lines.append((f"Báo cáo: {FREQUENCY_LABELS[plan.reporting.frequency]}, qua {through}"
                  + (f", tổng hợp báo cáo {plan.reporting.to}" if plan.reporting.to else ""), None))
    signer = plan.signer
    authority = f" ({signer.authority})" if signer.authority else ""
    lines.append((f"Người ký: {signer.name}, {signer.title}{authority}", None))
    if registry is not None and not registry.confirmed:
        lines.append(("Lưu ý: danh mục đơn vị đang chờ Văn phòng Sở xác nhận (plans/units.yaml).", "yellow"))
    return lines + [("", None)]


def _names(registry: Registry | None, refs: list[str]) -> str:
    if registry is None:
        return ", ".join(refs)
    return ", ".join(registry.display(r, short=True) for r in refs)


TASK_HEADINGS = ["STT", "Nội dung", "Chủ trì", "Phối hợp", "Thực hiện", "Thời gian"]
# The columns' widths at most; the content column takes what the terminal has left.
TASK_WIDTHS: list[int | None] = [3, None, 8, 10, 10, 12]


def tasks_table(plan: Plan, registry: Registry | None, width: int) -> Styled:
    """The tasks, one wrapped row each with a blank line between, in `width` cells; then the abbreviations."""
    from .text_tables import flexible_widths, rule, wrapped_row

    used: list[str] = []
    rows = []
    for task in plan.tasks:
        for _, ref in task.roles():
            if ref not in used:
                used.append(ref)
        rows.append([
            str(task.number),
            shorten(task.heading),
            _names(registry, [task.lead] if task.lead else []),
            _names(registry, task.coordinating),
            _names(registry, task.implementing),
            task.timeframe.text + (f"\n(hạn {format_date(task.timeframe.due)})" if task.timeframe.due else ""),
        ])
    widths = flexible_widths(TASK_WIDTHS, TASK_HEADINGS, rows, width - 1)
    right = frozenset({0})
    lines: Styled = [("Nội dung, thời gian thực hiện", "bold"), ("", None)]
    lines += [(" " + line, "bold") for line in wrapped_row(TASK_HEADINGS, widths, right)]
    lines.append((" " + rule(widths), None))
    for i, row in enumerate(rows):
        if i:
            lines.append(("", None))
        lines += [(" " + line, None) for line in wrapped_row(row, widths, right)]
    if registry is not None:
        abbreviations = [(registry.display(r, short=True), registry.display(r)) for r in used]
        pairs = [f"{short} = {full}" for short, full in abbreviations if short != full]
        if pairs:
            lines += [("", None), ("Viết tắt: " + "; ".join(pairs) + ".", "dim")]
    return lines
