"""The Office's internal follow-up of one reporting period, as plain data: who sent which report, when,
and what is missing. It is what the Office chases laggards with, and never goes to the province.

Built from the same objects as `dancu status` (core/tracking.py's StatusMatrix) and the summary's annex
rows (core/summary.py's submission_rows), so the document, the table on screen and the JSON agree.
core/followup_render.py lays it out as Markdown or Word.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from .breakdown import Broken
from .dates import format_date
from .summary import (BLANK, BROKEN_NOTE, MOTTO, SLOGAN, Header, SignatureBlock, SubmissionRow, balanced_lines, scrub,
                      submission_rows)
from .tracking import StatusMatrix

CELL_SYMBOLS = {"on_time": "✓", "late": "T", "overdue": "✗", "pending": "○", "broken": "!", None: "·"}
LEGEND = ("✓ đã báo cáo đúng hạn; T đã báo cáo trễ hạn; ✗ chưa báo cáo – quá hạn; ○ chưa đến hạn; "
          f"! {BROKEN_NOTE}; · không có vai trò.")
UNITS_PER_TABLE = 10  # unit columns one A4 table holds; more units make more tables


@dataclass
class MatrixRow:
    task: str  # "5*" for a deadline task
    cells: list[str]  # one symbol per unit of the table
    received: str  # "3/9": entries received of those owed


@dataclass
class MatrixTable:
    units: list[str]  # abbreviations, the column heads
    rows: list[MatrixRow]


@dataclass
class FollowUp:
    header: Header
    type_name: str
    title: str
    title_lines: list[str]  # balanced, the plan's reference never split
    as_of: str
    intro: str
    tally: str
    submissions: list[SubmissionRow]
    matrices: list[MatrixTable]
    legend: str
    notes: list[str]  # how deadline tasks are judged
    abbreviations: str
    chase: str  # the units to chase, "" when none
    recipients: list[str]
    signer: SignatureBlock
    plan_reference: str
    period: str
    period_key: str

    def context(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _head_of(office: str) -> str:
    """The title of who signs for the receiving office: Chánh Văn phòng, else Trưởng phòng."""
    if office.casefold().startswith("văn phòng"):
        return "CHÁNH VĂN PHÒNG"
    return "TRƯỞNG " + office.upper() if office.casefold().startswith("phòng") else "THỦ TRƯỞNG ĐƠN VỊ"


def build_followup(matrix: StatusMatrix, broken: Broken = frozenset()) -> FollowUp:
    ev, period = matrix.evaluation, matrix.period
    plan, registry = ev.plan, ev.registry
    office = registry.unit(plan.reporting.through) if registry else None
    office_name = office.name if office else registry.display(plan.reporting.through)
    office_abbr = office.abbr if office else "VP"
    rows, tally = submission_rows(registry, ev, [period], broken)
    sent = [r for r in rows if r.received]
    broken_units = {unit for key, unit in broken if key == period.key}

    tables = []
    for start in range(0, len(matrix.units), UNITS_PER_TABLE):
        units = matrix.units[start:start + UNITS_PER_TABLE]
        body = []
        for row in matrix.rows:
            cells = row.cells[start:start + UNITS_PER_TABLE]
            symbols = [CELL_SYMBOLS["broken"] if c is not None and c.report is None and u.id in broken_units
                       else CELL_SYMBOLS[c.state if c is not None else None] for u, c in zip(units, cells)]
            owed = [c for c in row.cells if c is not None]
            received = f"{sum(1 for c in owed if c.met)}/{len(owed)}" if owed else "–"
            body.append(MatrixRow(f"{row.task.number}*" if row.task.timeframe.kind == "deadline" else
                                  str(row.task.number), symbols, received))
        tables.append(MatrixTable([u.abbr for u in units], body))

    notes = []
    for row in matrix.rows:
        if row.task.timeframe.kind == "deadline":
            owers = ", ".join(registry.display(o.unit, short=True) for o in row.completions) or "đơn vị chủ trì"
            done = next((o for o in row.completions if o.met), None)
            state = (f"đã báo cáo hoàn thành ngày {format_date(done.met_on)}" if done
                     else "chưa báo cáo hoàn thành")
            notes.append(f"(*) Nhiệm vụ {row.task.number} có hạn {format_date(row.task.timeframe.due)}, do "
                         f"{owers} báo cáo hoàn thành: {state}.")
    late = [r.unit for r in rows if not r.received and r.status.startswith("Chưa gửi")]
    chase = ("Đề nghị các đơn vị sau gửi báo cáo ngay về " + office_name + ": " + "; ".join(late) + "."
             if late else "")
    tally_line = (f"Tính đến ngày {format_date(ev.as_of)}, {office_name} đã nhận báo cáo của {len(sent)}/{len(rows)} "
                  f"đơn vị; đã nhận {matrix.tally['on_time'] + matrix.tally['late']}/{matrix.owed} mục báo cáo theo "
                  f"nhiệm vụ ({matrix.tally['on_time']} đúng hạn, {matrix.tally['late']} trễ hạn). {tally}")
    doc = plan.document
    title = f"Tình hình gửi báo cáo {period.label()} của các phòng, đơn vị thực hiện {doc.type} số {doc.reference}"
    followup = FollowUp(
        header=Header(parent=plan.issuer.name.upper(), issuer=office_name.upper(),
                      number=f"Số: {BLANK}/BC-{office_abbr}",
                      place_date=f"{doc.place}, ngày {BLANK} tháng {BLANK} năm {BLANK}", motto=MOTTO, slogan=SLOGAN),
        type_name="BÁO CÁO",
        title=title,
        title_lines=balanced_lines(title, keep=f"{doc.type} số {doc.reference}"),
        as_of=format_date(ev.as_of),
        intro=(f"Theo {doc.type} số {doc.reference} ngày {format_date(doc.issued_on)} của {plan.issuer.name}, các "
               f"phòng, đơn vị gửi báo cáo {period.label()} (số liệu từ {format_date(period.start)} đến "
               f"{format_date(period.end)}) về {office_name} chậm nhất ngày {format_date(period.due)}. "
               f"{office_name} báo cáo tình hình gửi báo cáo như sau:"),
        tally=tally_line,
        submissions=rows,
        matrices=tables,
        legend="Ký hiệu: " + LEGEND,
        notes=notes,
        abbreviations="Viết tắt: " + "; ".join(f"{u.abbr} = {u.name}" for u in matrix.units) + ".",
        chase=chase,
        recipients=["Lãnh đạo Sở (để báo cáo)", "Các phòng, đơn vị thuộc Sở (để thực hiện)",
                    f"Lưu: VT, {office_abbr}"],
        signer=SignatureBlock("", _head_of(office_name), BLANK),
        plan_reference=doc.reference,
        period=period.label(),
        period_key=period.key,
    )
    return scrub(followup)
