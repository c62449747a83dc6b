"""The dashboard (bảng theo dõi) of one plan as plain data: what each page shows, already counted.

build_site() reads one Evaluation (core/obligations.py), the same object
`dancu status` and `dancu overdue` print, and turns it into page models:

- the overview: the standard breakdown of task states, what is overdue by kind,
  and the reporting rate of the latest period that is due;
- one status matrix (tasks × units) per reporting period, with each unit's
  reporting rate for the period;
- the reporting rates of every unit over every period, DHIS2-style;
- the list of what is still overdue (missing reports, deadlines not met);
- one page per task: its text, roles, timeframe, results and figures per period.

Every number and label is decided here; core/dashboard_html.py only lays them
out, so a page never counts anything on its own.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from .dates import format_date
from .models.plan import ROLE_LABELS, Plan
from .models.report import STATUS_LABELS
from .models.units import Registry
from .obligations import (
    ROW_KIND_LABELS,
    STATE_LABELS,
    TASK_STATE_LABELS,
    Evaluation,
    Obligation,
)
from .summary import format_number, lower_first, upper_first

# The symbols of `dancu status`: a text label beside every colour, for colour-blind readers and for print.
CELL_SYMBOLS: dict[str | None, str] = {"on_time": "✓", "late": "T", "overdue": "✗", "pending": "○", None: "·"}
NO_ROLE_LABEL = "Không có vai trò"
NO_OWER_LABEL = "Không có đơn vị phải báo cáo"
# Colour families, as the Ho Chi Minh City task system groups them: red at risk, orange, green, grey unrated.
TASK_STATE_TONES = {"done_on_time": "good", "done_late": "warn", "open_in_time": "info", "open_overdue": "bad", None: "none"}
CELL_TONES = {"on_time": "good", "late": "warn", "overdue": "bad", "pending": "info", None: "none"}
ROW_KIND_TONES = {"missing": "bad", "late": "warn", "deadline": "bad"}


def format_percent(part: int, whole: int) -> str:
    """'85,7 %' in Vietnamese style; '–' when nothing was expected."""
    if not whole:
        return "–"
    return f"{format_number(round(100 * part / whole, 1))} %"


# --- Page models ---------------------------------------------------------------------------------------

@dataclass
class PlanInfo:
    id: str
    reference: str  # 2599/KH-SKHCN
    title: str  # "Kế hoạch số 2599/KH-SKHCN ngày 04/11/2025 của Sở … về …"
    issuer: str
    parent: str
    window: str  # "04/11/2025 – 31/12/2025"
    frequency: str


@dataclass
class UnitRef:
    id: str
    abbr: str
    name: str


@dataclass
class Cell:
    state: str | None  # on_time | late | overdue | pending | None (no owing role)
    symbol: str
    label: str
    tone: str
    detail: str  # "nhận 12/01/2026, trễ 4 ngày"; "" when nothing to add


@dataclass
class MatrixRow:
    task: int
    marker: str  # "*" for a deadline task, as `dancu status` prints it
    heading: str
    state: str | None
    state_label: str
    tone: str
    cells: list[Cell]


@dataclass
class Rate:
    """Report entries (task × unit) owed for one period or several, DHIS2-style: expected, received, on time,
    late, missing (past the due date), pending (not yet due). A rate is only stated once the period is due:
    an open period would read as a failure."""

    is_due: bool
    expected: int = 0
    received: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0
    pending: int = 0

    def add(self, state: str) -> None:
        self.expected += 1
        self.received += state in ("on_time", "late")
        self.on_time += state == "on_time"
        self.late += state == "late"
        self.missing += state == "overdue"
        self.pending += state == "pending"

    def __iadd__(self, other: "Rate") -> "Rate":
        for name in ("expected", "received", "on_time", "late", "missing", "pending"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    @property
    def rate(self) -> str:
        return format_percent(self.received, self.expected) if self.is_due else "chưa đến hạn"

    @property
    def on_time_rate(self) -> str:
        return format_percent(self.on_time, self.expected) if self.is_due else "chưa đến hạn"

    @property
    def late_rate(self) -> str:
        return format_percent(self.late, self.expected) if self.is_due else "chưa đến hạn"

    @property
    def missing_rate(self) -> str:
        return format_percent(self.missing, self.expected) if self.is_due else "chưa đến hạn"

    @property
    def on_time_share(self) -> float | None:
        """The on-time rate as a fraction, for charts; None when not due or nothing was expected."""
        return self.on_time / self.expected if self.is_due and self.expected else None


@dataclass
class RateRow:
    unit: UnitRef
    rate: Rate


@dataclass
class PeriodPage:
    key: str
    label: str  # "quý IV năm 2025"
    span: str  # "01/10/2025 – 31/12/2025"
    due: str
    is_due: bool  # the due date has passed as of the data date
    file: str
    units: list[UnitRef]
    rows: list[MatrixRow]
    rates: list[RateRow]
    total: Rate
    tally: str  # the sentence under `dancu status`'s table
    deadline_notes: list[str]


@dataclass
class OverdueRow:
    kind: str  # missing | late | deadline
    kind_label: str
    tone: str
    task: int
    task_heading: str
    unit: UnitRef
    period: str
    period_file: str
    due: str
    due_iso: str
    received: str
    days: int
    state_label: str


@dataclass
class BreakdownRow:
    key: str
    label: str
    count: int
    tone: str
    indent: bool = False


@dataclass
class Breakdown:
    """The standard breakdown of task states (Government Office style): total; deadline tasks done on time,
    done late, open within the deadline, open past it; regular tasks, with or without results in the period."""

    period_label: str
    rows: list[BreakdownRow]
    total: int


@dataclass
class OverdueCount:
    kind: str
    label: str
    count: int
    tone: str


@dataclass
class PeriodLink:
    key: str
    label: str
    file: str
    is_due: bool


@dataclass
class UnitResultItem:
    unit: UnitRef
    status: str
    text: str
    received: str


@dataclass
class FigurePoint:
    period: str  # period key
    value: float | None  # None: nobody reported the figure in the period
    text: str  # formatted value, "" when None


@dataclass
class FigureSeries:
    name: str
    points: list[FigurePoint]


@dataclass
class TaskPeriod:
    period: PeriodLink
    state_label: str
    tone: str
    results: list[UnitResultItem]
    missing: list[UnitRef]
    figures: list[tuple[str, str, str]]  # name, total, parts ("VP: 8; KHTC: 4")


@dataclass
class TaskPage:
    number: int
    file: str
    heading: str
    body: list[tuple[str, list[str]]]
    roles: list[tuple[str, str]]  # ("Chủ trì", "Văn phòng Sở")
    timeframe: str
    kind: str
    state_label: str  # now: deadline by completion; regular by the overview's period
    tone: str
    completion: list[str]  # sentences about the completion of a deadline task
    periods: list[TaskPeriod]
    series: list[FigureSeries]


@dataclass
class RatesPage:
    periods: list[PeriodLink]  # the periods that are due, oldest first
    rows: list[tuple[UnitRef, Rate, list[Rate]]]  # unit, over all due periods, per due period
    by_period: list[Rate]  # all units, per due period
    total: Rate


@dataclass
class Overview:
    breakdown: Breakdown
    overdue: list[OverdueCount]
    overdue_total: int
    latest: PeriodPage | None  # the latest period that is due; None when none is yet
    current: PeriodLink


@dataclass
class Site:
    plan: PlanInfo
    as_of: str
    as_of_iso: str
    overview: Overview
    periods: list[PeriodPage]
    period_links: list[PeriodLink]
    rates: RatesPage
    overdue: list[OverdueRow]  # still outstanding: missing reports, deadlines not met (late ones too)
    late_by_period: list[tuple[PeriodLink, int]]  # reports that came late, counted per period
    tasks: list[TaskPage]
    units: list[UnitRef] = field(default_factory=list)


# --- Building --------------------------------------------------------------------------------------------

def period_file(key: str) -> str:
    return f"ky-{key}.html"


def task_file(number: int) -> str:
    return f"nhiem-vu-{number}.html"


def _cell(o: Obligation | None) -> Cell:
    if o is None:
        return Cell(None, CELL_SYMBOLS[None], NO_ROLE_LABEL, CELL_TONES[None], "")
    detail = ""
    if o.state == "late":
        detail = f"nhận {format_date(o.met_on)}, trễ {o.days_overdue} ngày"
    elif o.state == "on_time" and o.met_on:
        detail = f"nhận {format_date(o.met_on)}"
    elif o.state == "overdue":
        detail = f"quá hạn {o.days_overdue} ngày"
    return Cell(o.state, CELL_SYMBOLS[o.state], STATE_LABELS[o.state], CELL_TONES[o.state], detail)


def _status_tally(cells: dict) -> str:
    """The sentence `dancu status` prints under its table."""
    tally = Counter(o.state for o in cells.values())
    return (f"Đã nhận {tally['on_time'] + tally['late']}/{len(cells)} mục báo cáo ({tally['on_time']} đúng hạn, "
            f"{tally['late']} trễ hạn); {tally['overdue']} mục quá hạn, {tally['pending']} mục chưa đến hạn.")


def task_category(ev: Evaluation, task, period) -> tuple[str, str, str]:
    """(key, label, tone) of a task in the standard breakdown.

    A deadline task takes the Government Office's four states, judged on the completion report (as
    `dancu status` judges it); a regular task is never "completed", so it is told by whether results
    were received for the period.
    """
    if task.timeframe.kind == "deadline":
        state = ev.task_state(task.number, period)
        return (state or "none", TASK_STATE_LABELS.get(state or "", NO_OWER_LABEL), TASK_STATE_TONES[state])
    if any(o.met for (n, _), o in ev.cells(period).items() if n == task.number):
        return "regular_reported", f"Có kết quả báo cáo {period.label()}", "good"
    return "regular_silent", f"Chưa có kết quả báo cáo {period.label()}", "bad"


def standard_breakdown(ev: Evaluation, period) -> Breakdown:
    """The standard breakdown of task states for the overview: total; deadline tasks done on time, done
    late, open within the deadline, open past it; regular tasks, with or without results in the period."""
    found = Counter(task_category(ev, t, period)[0] for t in ev.plan.tasks)
    deadline = [t for t in ev.plan.tasks if t.timeframe.kind == "deadline"]
    rows = [BreakdownRow("deadline", "Nhiệm vụ có thời hạn", len(deadline), "none")]
    rows += [BreakdownRow(key, label, found[key], TASK_STATE_TONES[key], indent=True)
             for key, label in TASK_STATE_LABELS.items()]
    if found["none"]:
        rows.append(BreakdownRow("none", NO_OWER_LABEL, found["none"], "none", indent=True))
    silent = found["regular_silent"]
    rows += [
        BreakdownRow("regular", "Nhiệm vụ thường xuyên", len(ev.plan.tasks) - len(deadline), "none"),
        BreakdownRow("regular_reported", f"Có kết quả báo cáo {period.label()}", found["regular_reported"], "good",
                     indent=True),
        BreakdownRow("regular_silent", f"Chưa có kết quả báo cáo {period.label()}", silent,
                     "bad" if silent else "none", indent=True),
    ]
    return Breakdown(period.label(), rows, len(ev.plan.tasks))


def _plan_info(plan: Plan) -> PlanInfo:
    doc, issuer = plan.document, plan.issuer
    from .models.plan import FREQUENCY_LABELS

    return PlanInfo(
        id=plan.id,
        reference=doc.reference,
        title=f"{doc.type} số {doc.reference} ngày {format_date(doc.issued_on)} của {issuer.name} về {lower_first(doc.title)}",
        issuer=issuer.name,
        parent=issuer.parent or "",
        window=f"{format_date(plan.window.starts_on)} – {format_date(plan.window.ends_on)}",
        frequency=FREQUENCY_LABELS[plan.reporting.frequency],
    )


def _roles(task, registry: Registry) -> list[tuple[str, str]]:
    out = []
    for role, refs in (("lead", [task.lead] if task.lead else []), ("coordinating", task.coordinating),
                       ("implementing", task.implementing)):
        if refs:
            out.append((upper_first(ROLE_LABELS[role]), ", ".join(registry.display(r) for r in refs)))
    return out


def _figure_totals(items: list[tuple[str, str, float]]) -> list[tuple[str, float, dict[str, float]]]:
    """(unit abbr, figure name, value) → (name, total, {abbr: value}), names matched ignoring case and
    spacing, as the consolidated report adds them up."""
    totals: dict[str, tuple[str, dict[str, float]]] = {}
    for abbr, name, value in items:
        shown = " ".join(name.split())
        _, by_unit = totals.setdefault(shown.casefold(), (shown, {}))
        by_unit[abbr] = by_unit.get(abbr, 0) + value
    return [(shown, sum(by_unit.values()), by_unit) for shown, by_unit in totals.values()]


def build_site(ev: Evaluation) -> Site:
    """Every page of the dashboard of one plan, as of the evaluation's date."""
    plan, registry = ev.plan, ev.registry
    as_of = ev.as_of
    units = [UnitRef(u.id, u.abbr, u.name) for u in ev.units()]
    unit_of = {u.id: u for u in units}
    for u in registry.units:
        unit_of.setdefault(u.id, UnitRef(u.id, u.abbr, u.name))
    links = [PeriodLink(p.key, p.label(), period_file(p.key), as_of > p.due) for p in ev.periods]
    link_of = {link.key: link for link in links}

    period_pages: list[PeriodPage] = []
    for p in ev.periods:
        cells = ev.cells(p)
        rows = []
        for task in plan.tasks:
            state = ev.task_state(task.number, p)
            rows.append(MatrixRow(
                task.number, "*" if task.timeframe.kind == "deadline" else "", task.heading, state,
                TASK_STATE_LABELS.get(state or "", NO_OWER_LABEL), TASK_STATE_TONES[state],
                [_cell(cells.get((task.number, u.id))) for u in units],
            ))
        is_due = as_of > p.due
        rates = {u.id: Rate(is_due) for u in units}
        for (_, unit_id), o in cells.items():
            rates[unit_id].add(o.state)
        total = Rate(is_due)
        for r in rates.values():
            total += r
        notes = []
        for task in (t for t in plan.tasks if t.timeframe.kind == "deadline"):
            owers = ", ".join(registry.display(o.unit, short=True) for o in ev.completions(task.number))
            notes.append(f"(*) Nhiệm vụ {task.number} có hạn {format_date(task.timeframe.due)}: tình trạng tính theo "
                         f"báo cáo hoàn thành của {owers or 'đơn vị chủ trì'}.")
        period_pages.append(PeriodPage(
            key=p.key, label=p.label(), span=p.span(), due=format_date(p.due), is_due=is_due,
            file=period_file(p.key), units=units, rows=rows,
            rates=[RateRow(u, rates[u.id]) for u in units if rates[u.id].expected], total=total,
            tally=_status_tally(cells), deadline_notes=notes,
        ))

    # Reporting rates over the periods that are due: a period still open would read as a failure.
    due_pages = [pp for pp in period_pages if pp.is_due]
    rate_rows = []
    by_unit = [{r.unit.id: r.rate for r in pp.rates} for pp in due_pages]
    for u in units:
        per = [rates.get(u.id) or Rate(True) for rates in by_unit]
        overall = Rate(True)
        for r in per:
            overall += r
        if overall.expected:
            rate_rows.append((u, overall, per))
    overall_total = Rate(True)
    for pp in due_pages:
        overall_total += pp.total

    # What is overdue: the rows of `dancu overdue`. Reports that came late are done with; they are counted
    # per period (and shown in each period's matrix), while the rest is listed to be chased.
    rows_overdue = ev.rows_overdue()
    counts = Counter(o.row_kind for o in rows_overdue)
    overdue_counts = [OverdueCount(k, label, counts[k], ROW_KIND_TONES[k]) for k, label in ROW_KIND_LABELS.items()]
    headings = {t.number: t.heading for t in plan.tasks}
    outstanding = [
        OverdueRow(
            kind=o.row_kind, kind_label=ROW_KIND_LABELS[o.row_kind], tone=ROW_KIND_TONES[o.row_kind],
            task=o.task, task_heading=headings.get(o.task, ""), unit=unit_of[o.unit], period=o.period.key,
            period_file=period_file(o.period.key), due=format_date(o.due), due_iso=o.due.isoformat(),
            received=format_date(o.met_on), days=o.days_overdue, state_label=o.state_label,
        )
        for o in rows_overdue if o.row_kind != "late"
    ]
    late_counts = Counter(o.period.key for o in rows_overdue if o.row_kind == "late")
    late_by_period = [(link, late_counts[link.key]) for link in links if late_counts[link.key]]

    latest = due_pages[-1] if due_pages else None
    focus = ev.period(latest.key) if latest else ev.current_period()
    current = ev.current_period()
    overview = Overview(
        breakdown=standard_breakdown(ev, focus),
        overdue=overdue_counts, overdue_total=len(rows_overdue),
        latest=latest, current=link_of[current.key],
    )

    tasks = [_task_page(ev, task, links, unit_of, focus) for task in plan.tasks]
    return Site(
        plan=_plan_info(plan), as_of=format_date(as_of), as_of_iso=as_of.isoformat(),
        overview=overview, periods=period_pages, period_links=links,
        rates=RatesPage([link_of[pp.key] for pp in due_pages], rate_rows, [pp.total for pp in due_pages], overall_total),
        overdue=outstanding, late_by_period=late_by_period, tasks=tasks, units=units,
    )


def _task_page(ev: Evaluation, task, links: list[PeriodLink], unit_of: dict[str, UnitRef], focus) -> TaskPage:
    registry = ev.registry
    order = {u.id: i for i, u in enumerate(registry.units)}
    _, state_label, tone = task_category(ev, task, focus)
    periods: list[TaskPeriod] = []
    series: dict[str, tuple[str, dict[str, float]]] = {}
    for p, link in zip(ev.periods, links):
        cells = {u: o for (n, u), o in ev.cells(p).items() if n == task.number}
        reports = sorted((r for (key, _), r in ev.reports.items() if key == p.key and r.entry(task.number)),
                         key=lambda r: order.get(r.unit, len(order)))
        results, figures = [], []
        for r in reports:
            e = r.entry(task.number)
            unit = unit_of.get(r.unit) or UnitRef(r.unit, r.unit, r.unit)
            results.append(UnitResultItem(unit, STATUS_LABELS[e.status], e.results, format_date(r.received_on or r.issued_on)))
            figures += [(unit.abbr, name, value) for name, value in e.figures.items()]
        totals = _figure_totals(figures)
        for name, total, _ in totals:
            series.setdefault(name.casefold(), (name, {}))[1][p.key] = total
        missing = [unit_of[u] for u, o in cells.items() if o.state == "overdue"]
        if task.timeframe.kind == "deadline" and not cells and not results:
            continue  # after its deadline the task is no longer reported on
        tally = Counter(o.state for o in cells.values())
        received = tally["on_time"] + tally["late"]
        periods.append(TaskPeriod(
            period=link,
            state_label=f"Đã nhận {received}/{len(cells)} mục báo cáo" if cells else "",
            tone="bad" if tally["overdue"] else "info" if tally["pending"] else "warn" if tally["late"] else "good",
            results=results, missing=missing,
            figures=[(name, format_number(total), "; ".join(f"{a}: {format_number(v)}" for a, v in by.items())
                      if len(by) > 1 else "") for name, total, by in totals],
        ))
    completion = []
    for o in ev.completions(task.number):
        who = registry.display(o.unit)
        if o.state == "on_time":
            completion.append(f"{who} đã báo cáo hoàn thành ngày {format_date(o.met_on)} (hạn {format_date(o.due)}).")
        elif o.state == "late":
            completion.append(f"{who} báo cáo hoàn thành ngày {format_date(o.met_on)}, trễ {o.days_overdue} ngày "
                              f"so với hạn {format_date(o.due)}.")
        elif o.state == "overdue":
            completion.append(f"{who} chưa báo cáo hoàn thành; đã quá hạn {format_date(o.due)} {o.days_overdue} ngày.")
        else:
            completion.append(f"{who} chưa báo cáo hoàn thành; hạn {format_date(o.due)}.")
    keys = [link.key for link in links]
    return TaskPage(
        number=task.number, file=task_file(task.number), heading=task.heading,
        body=[(para.text, list(para.items)) for para in task.body],
        roles=_roles(task, registry), timeframe=task.timeframe.text, kind=task.timeframe.kind,
        state_label=state_label, tone=tone, completion=completion, periods=periods,
        series=[FigureSeries(name, [FigurePoint(k, values.get(k), format_number(values[k]) if k in values else "")
                                    for k in keys if _in_task_span(task, ev, k)])
                for name, values in series.values()],
    )


def _in_task_span(task, ev: Evaluation, key: str) -> bool:
    p = ev.period(key)
    due = task.timeframe.due
    return not (due and p is not None and p.start > due)


def as_of_of(site: Site) -> date:
    return date.fromisoformat(site.as_of_iso)
