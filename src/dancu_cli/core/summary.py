"""The Department's consolidated report (báo cáo tổng hợp), as plain data.

build_summary() gathers the unit reports of a period and the deadline
evaluation of core/obligations.py into a Summary; core/render.py lays it out as
Markdown or DOCX through templates. Every value here is display-ready text, so
a template only places (and escapes) it and an office can rewrite a template
without knowing any Python.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, fields, is_dataclass
from typing import Callable, Iterable

from .breakdown import Broken, Breakdown, breakdown, task_standings
from .dates import Period, format_date
from .numbers import format_number, format_percent
from .models import Plan, Registry
from .models.plan import ROLE_LABELS
from .models.report import STATUS_LABELS
from .obligations import Evaluation

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
SLOGAN = "Độc lập - Tự do - Hạnh phúc"
BLANK = "…"  # left for the clerk to fill in when the report is numbered and signed
# Said of a unit whose report file has errors and was left out on purpose (--skip-invalid): never "not reported".
BROKEN_NOTE = "báo cáo có lỗi, chưa được tổng hợp"


@dataclass
class Header:
    parent: str  # cơ quan chủ quản, in capitals; "" when the plan names none
    issuer: str  # cơ quan ban hành, in capitals
    number: str  # "Số: …/BC-SKHCN"
    place_date: str  # "Quảng Ngãi, ngày … tháng … năm …"
    motto: str = MOTTO
    slogan: str = SLOGAN


@dataclass
class UnitResult:
    unit: str
    period: str  # the reporting period's label; templates show it when the summary spans several
    status: str  # "" when the unit's report had errors and was left out; `text` then says so
    text: str


@dataclass
class FigureTotal:
    name: str
    total: str
    parts: str  # "VP: 8; KHTC: 4" when several units contributed, else ""


@dataclass
class TaskSection:
    number: int
    heading: str
    heading_head: str  # a long heading's first part, which may run over a page break; "" when short
    heading_tail: str  # and its last line or two, kept with what follows; "" when the heading is short
    roles: str  # "Chủ trì: Văn phòng Sở; thực hiện: Các phòng, đơn vị"
    timeframe: str
    state: str
    results: list[UnitResult]
    figures: list[FigureTotal]
    state_key: str  # core/breakdown.py's name of the state, for templates that colour or group by it


@dataclass
class Remark:
    unit: str
    task: int
    period: str
    text: str


@dataclass
class BreakdownLine:
    """A row of the standard breakdown table, display-ready."""

    number: str  # "1", "2"… for a group; "" for one of its parts
    label: str
    count: str
    share: str  # "14,3%"
    part: bool


@dataclass
class SubmissionRow:
    number: int
    unit: str
    period: str
    reference: str  # the unit's own số, ký hiệu
    due: str
    received: str
    status: str
    missing_tasks: str  # "2, 3, 6": owed tasks with no entry in the report


@dataclass
class SignatureBlock:
    authority: str  # "KT. GIÁM ĐỐC", or ""
    title: str
    name: str


@dataclass
class Summary:
    header: Header
    title: str
    title_lines: list[str]  # the title broken into balanced lines, the period never split
    period: str  # "quý IV năm 2025"
    period_key: str
    several_periods: bool
    as_of: str
    intro: str
    reference: str  # "…/BC-SKHCN"
    breakdown_intro: str
    breakdown: list[BreakdownLine]
    tasks: list[TaskSection]
    shortcomings: list[Remark]
    next_steps: list[Remark]
    proposals: list[Remark]
    with_annex: bool  # the annex of the units' submissions, for the Office's own file
    annex_reference: str  # "Kèm theo Báo cáo số …/BC-SKHCN ngày … tháng … năm … của Sở …"
    annex_reference_lines: list[str]  # "(Kèm theo …)" in balanced lines, for the Word annex
    submissions: list[SubmissionRow]
    tally: str
    recipients: list[str]
    signer: SignatureBlock
    plan_reference: str
    type_name: str = "BÁO CÁO"

    def context(self) -> dict:
        """The template variables: the fields by name."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


# A trailing time window such as "từ nay đến cuối năm 2025", "giai đoạn 2021 - 2025" or "năm 2025":
# the report covers one period, which the title names instead.
_WINDOW_TAIL = re.compile(
    r",?\s+(?:(?:từ nay\s+)?(?:đến|tới)\s+(?:hết\s+|cuối\s+)?(?:năm\s+)?\d{4}"
    r"|giai đoạn\s+\d{4}\s*[-–]\s*\d{4}"
    r"|(?:từ\s+)?năm\s+\d{4}(?:\s*(?:[-–]|đến)\s*(?:năm\s+)?\d{4})?)\s*$",
    re.IGNORECASE,
)


def lower_first(text: str) -> str:
    """'Thực hiện …' → 'thực hiện …', for use mid-sentence; 'UBND …' and 'Chỉ thị 33' would need care, so
    only a capitalised ordinary word (second letter lower-case) is lowered."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def summary_title(plan: Plan, period: Period) -> str:
    """'Kết quả thực hiện <the plan's subject without its time window> <period>', unless the plan sets one."""
    subject = plan.reporting.summary_title
    if not subject:
        subject = "Kết quả " + lower_first(_WINDOW_TAIL.sub("", plan.document.title))
    return f"{subject} {period.label()}"


def issuer_code(plan_code: str) -> str:
    """KH-SKHCN → SKHCN: the issuing body's abbreviation in a symbol (Decree 30, appendix III)."""
    return plan_code.split("-", 1)[1] if "-" in plan_code else plan_code


def report_code(plan_code: str) -> str:
    """KH-SKHCN → BC-SKHCN: the same issuer, the type abbreviation of a report (Decree 30, appendix III)."""
    return f"BC-{issuer_code(plan_code)}"


def balanced_lines(text: str, keep: str = "", width: float | None = None, size: float = 14) -> list[str]:
    """`text` in as few lines as it needs (each at most `width` points wide in 14 pt bold; default: the
    page's text width), the lines as even as possible.

    `keep`, a tail of `text` such as "quý IV năm 2025", is never broken (its spaces become no-break spaces),
    so a title never leaves "năm 2025" alone on its last line.
    """
    from .text_width import width_pt

    width = width if width is not None else LINE_PT * 0.97
    head = text[: len(text) - len(keep)].split() if keep and text.endswith(keep) else text.split()
    words = head + ([keep.replace(" ", "\u00a0")] if keep and text.endswith(keep) else [])
    if not words:
        return []
    n = len(words)

    def length(i: int, j: int) -> float:
        return width_pt(" ".join(words[i:j]), size)

    # Fewest lines first; among splits into that many lines, the one whose longest line is shortest.
    for lines in range(1, n + 1):
        best: dict[tuple[int, int], tuple[float, list[int]]] = {}

        def split(start: int, left: int) -> tuple[float, list[int]]:
            if left == 1:
                return length(start, n), [n]
            if (start, left) not in best:
                options = [(max(length(start, cut), rest[0]), [cut] + rest[1])
                           for cut in range(start + 1, n - left + 2) for rest in [split(cut, left - 1)]]
                best[(start, left)] = min(options, default=(float("inf"), [n]))
            return best[(start, left)]

        longest, cuts = split(0, lines)
        if longest <= width or lines == n:
            bounds = [0] + cuts
            return [" ".join(words[a:b]) for a, b in zip(bounds, bounds[1:])]
    return [" ".join(words)]


# The Word layout (core/decree30.py): 16.5 cm of text, first lines indented 1.27 cm, headings 14 pt bold.
LINE_PT = 16.5 / 2.54 * 72
INDENT_PT = 1.27 / 2.54 * 72
HEADING_PT = 14


def split_heading(text: str) -> tuple[str, str]:
    """(head, tail) of a heading of three lines or more: the tail is its last line, as the word processor
    will break it (Times New Roman's widths), so the head ends with a full line. Shorter: (text, "").

    The tail keeps with what follows; the head may run over a page break. One keep-with-next paragraph
    of seven lines would instead move whole to the next page, leaving half a page blank.
    """
    from .text_width import wrap

    lines = wrap(text, LINE_PT - INDENT_PT, LINE_PT, HEADING_PT)
    if len(lines) < 3:
        return text, ""
    return " ".join(lines[:-1]), lines[-1]


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def clean(text: str) -> str:
    """NFC, Unix newlines, and no control characters: they are invalid in DOCX XML, and docxtpl would turn
    \\a and \\f into paragraph and page breaks."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return _XML_INVALID.sub("", text)


def scrub(value):
    """Clean every string of a Summary in place, so no field can be forgotten."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, list):
        return [scrub(v) for v in value]
    if is_dataclass(value):
        for f in fields(value):
            setattr(value, f.name, scrub(getattr(value, f.name)))
    return value


def _roles(task, registry: Registry) -> str:
    parts = []
    for role, refs in (("lead", [task.lead] if task.lead else []), ("coordinating", task.coordinating),
                       ("implementing", task.implementing)):
        if refs:
            parts.append(f"{ROLE_LABELS[role]}: {', '.join(registry.display(r) for r in refs)}")
    return upper_first("; ".join(parts))


def sum_figures(items: Iterable[tuple[str, str, float]]) -> list[tuple[str, float, dict[str, float]]]:
    """(unit abbr, figure name, value) → (name, total, {abbr: value}) by name, names matched ignoring case and
    spacing; the name is written as first seen."""
    totals: dict[str, tuple[str, dict[str, float]]] = {}
    for abbr, name, value in items:
        shown = " ".join(name.split())
        _, by_unit = totals.setdefault(shown.casefold(), (shown, {}))
        by_unit[abbr] = by_unit.get(abbr, 0) + value
    return [(shown, sum(by_unit.values()), by_unit) for shown, by_unit in totals.values()]


def _figures(items: list[tuple[str, str, float]]) -> list[FigureTotal]:
    out = []
    for shown, total, by_unit in sum_figures(items):
        parts = "; ".join(f"{a}: {format_number(v)}" for a, v in by_unit.items()) if len(by_unit) > 1 else ""
        out.append(FigureTotal(shown, format_number(total), parts))
    return out



def _breakdown_lines(result: Breakdown) -> list[BreakdownLine]:
    return [BreakdownLine(str(r.number or ""), r.label, str(r.count), format_percent(r.count, result.total), r.level > 0)
            for r in result.rows]


def _breakdown_intro(plan: Plan, result: Breakdown, as_of: str) -> str:
    deadline = sum(1 for s in result.standings if s.kind == "deadline")
    regular = result.total - deadline
    kinds = []
    if deadline:
        kinds.append(f"{deadline} nhiệm vụ có thời hạn")
    if regular:
        kinds.append(f"{regular} nhiệm vụ thường xuyên")
    return (f"{plan.document.type} có {result.total} nhiệm vụ ({', '.join(kinds)}). "
            f"Tình hình thực hiện tính đến ngày {as_of}:")


def _task_sections(plan: Plan, registry: Registry, evaluation: Evaluation, periods: list,
                   by_task: dict[int, list], standings: dict, broken: Broken
                   ) -> tuple[list[TaskSection], dict[str, list[Remark]]]:
    """Section I, one TaskSection per task, and the remarks of sections II–IV, in task order."""
    tasks: list[TaskSection] = []
    remarks: dict[str, list[Remark]] = {"shortcomings": [], "next_steps": [], "proposals": []}
    order = {u.id: i for i, u in enumerate(registry.units)}
    for task in plan.tasks:
        entries = by_task.get(task.number, [])
        results = [UnitResult(registry.display(r.unit), r.period.label(), STATUS_LABELS[e.status], e.results)
                   for r, e in entries]
        # A unit whose report was left out for its errors is named as such wherever it owes an entry.
        for p in periods:
            cells = evaluation.cells(p)
            for key, unit in sorted(broken, key=lambda b: (b[0], order.get(b[1], len(order)))):
                if key == p.key and (task.number, unit) in cells:
                    results.append(UnitResult(registry.display(unit), p.label(), "", upper_first(BROKEN_NOTE)))
        standing = standings[task.number]
        head, tail = split_heading(f"{task.number}. {task.heading}")
        tasks.append(TaskSection(
            number=task.number,
            heading=task.heading,
            heading_head=head[len(f"{task.number}. "):] if tail else "",
            heading_tail=tail,
            roles=_roles(task, registry),
            timeframe=task.timeframe.text,
            state=standing.label,
            state_key=standing.state,
            results=results,
            figures=_figures([(registry.display(r.unit, short=True), name, value)
                              for r, e in entries for name, value in e.figures.items()]),
        ))
        for key, found in remarks.items():
            found += [Remark(registry.display(r.unit), task.number, r.period.label(), getattr(e, key))
                      for r, e in entries if getattr(e, key)]
    return tasks, remarks


# Short enough for the annex's narrow status column.
_ANNEX_STATES = {"on_time": "Đúng hạn", "late": "Trễ hạn", "overdue": "Chưa gửi, quá hạn", "pending": "Chưa đến hạn"}
_TALLY_STATES = {"on_time": "đã báo cáo đúng hạn", "late": "đã báo cáo trễ hạn", "overdue": "chưa báo cáo – quá hạn",
                 "pending": "chưa đến hạn", "broken": BROKEN_NOTE}


def submission_rows(registry: Registry, evaluation: Evaluation, periods: list, broken: Broken) -> tuple[list[SubmissionRow], str]:
    """Each owing unit's report for each period, and a sentence counting them by state."""
    rows: list[SubmissionRow] = []
    counts = dict.fromkeys(_TALLY_STATES, 0)
    for p in periods:
        for s in evaluation.submissions(p):
            missing = ", ".join(map(str, s.missing_tasks)) if s.report is not None else ""
            if s.report is None and (p.key, s.unit) in broken:
                state, status = "broken", upper_first(BROKEN_NOTE)
            else:
                state = s.state
                status = _ANNEX_STATES[s.state] + (f" {s.days_overdue} ngày" if s.days_overdue else "")
            counts[state] += 1
            number = (s.report.number or "") if s.report else ""
            rows.append(SubmissionRow(len(rows) + 1, registry.display(s.unit), p.label(), number,
                                      format_date(p.due), format_date(s.received_on), status, missing))
    if not rows:
        return rows, "Không có đơn vị nào phải báo cáo trong kỳ."
    parts = ", ".join(f"{n} {_TALLY_STATES[k]}" for k, n in counts.items() if n)
    dues = "; ".join(f"{p.label()}: {format_date(p.due)}" for p in periods) if len(periods) > 1 else format_date(periods[0].due)
    return rows, f"Hạn gửi báo cáo {dues}. Số báo cáo phải gửi: {len(rows)}; trong đó {parts}."


def build_summary(plan: Plan, registry: Registry, evaluation: Evaluation, period: Period,
                  progress: Callable[[int, int], None] | None = None, *, with_annex: bool = False,
                  broken: Broken = frozenset()) -> Summary:
    """The consolidated report of `period` (a quarter, half-year or year) as of the evaluation's date.

    `broken` names the reports (period key, unit id) left out for their errors: the document says so
    where they would have counted. `with_annex` adds the annex of the units' submissions.

    Raises ValueError (in Vietnamese) when the period holds none of the plan's reporting periods.
    """
    periods = [p for p in evaluation.periods if period.contains(p.period)]
    if not periods:
        raise ValueError(
            f"{upper_first(period.label())} không chứa kỳ báo cáo nào của kế hoạch {plan.reference} "
            f"(thời gian thực hiện {format_date(plan.window.starts_on)} – {format_date(plan.window.ends_on)})"
        )
    order = {u.id: i for i, u in enumerate(registry.units)}
    # Reports that had arrived by the as-of date, oldest period first, then in registry order.
    reports = sorted((r for r in evaluation.reports.values() if period.contains(r.period)),
                     key=lambda r: (r.period, order.get(r.unit, len(order))))
    by_task: dict[int, list] = {}
    for done, report in enumerate(reports, 1):
        for entry in report.entries:
            by_task.setdefault(entry.task, []).append((report, entry))
        if progress:
            progress(done, len(reports))
    result = breakdown(task_standings(evaluation, periods, broken))
    standings = {s.task: s for s in result.standings}
    tasks, remarks = _task_sections(plan, registry, evaluation, periods, by_task, standings, broken)
    rows, tally = submission_rows(registry, evaluation, periods, broken) if with_annex else ([], "")
    title = summary_title(plan, period)

    doc, issuer, code = plan.document, plan.issuer, report_code(plan.document.code)
    annex_reference = f"Kèm theo Báo cáo số {BLANK}/{code} ngày {BLANK} tháng {BLANK} năm {BLANK} của {issuer.name}"
    summary = Summary(
        header=Header(
            parent=(issuer.parent or "").upper(),
            issuer=issuer.name.upper(),
            number=f"Số: {BLANK}/{code}",
            place_date=f"{doc.place}, ngày {BLANK} tháng {BLANK} năm {BLANK}",
        ),
        title=title,
        title_lines=balanced_lines(title, keep=period.label()),
        period=period.label(),
        period_key=period.key,
        several_periods=len({r.period.key for r in reports} | {p.key for p in periods}) > 1,
        as_of=format_date(evaluation.as_of),
        intro=(f"Thực hiện {doc.type} số {doc.reference} ngày {format_date(doc.issued_on)} của {issuer.name} "
               f"về {lower_first(doc.title)}, {issuer.name} báo cáo kết quả thực hiện {period.label()} như sau:"),
        reference=f"{BLANK}/{code}",
        breakdown_intro=_breakdown_intro(plan, result, format_date(evaluation.as_of)),
        breakdown=_breakdown_lines(result),
        tasks=tasks,
        with_annex=with_annex,
        annex_reference=annex_reference,
        annex_reference_lines=balanced_lines(f"({annex_reference})", size=13),
        submissions=rows,
        tally=tally,
        recipients=list(plan.recipients),
        signer=SignatureBlock(plan.signer.authority or "", plan.signer.title, plan.signer.name),
        plan_reference=doc.reference,
        **remarks,
    )
    return scrub(summary)
