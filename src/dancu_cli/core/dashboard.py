"""The dashboard (bảng theo dõi) of one plan as plain data: what each page shows, already counted.

build_site() takes one Evaluation (core/obligations.py) and reads it through the
same objects the commands print, so no page can count differently:

- the status matrix of each period (core/tracking.py, as `dancu status`), with
  each unit's reporting rate for the period counted from its cells;
- the overdue list (core/tracking.py, as `dancu overdue`);
- the standard breakdown of task states (core/breakdown.py, as the outward
  summary), for the latest period that is due;
- each task's results and figures, period by period, summed as the summary
  sums them.

Every number and label is decided here; core/dashboard_html.py only lays them
out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .breakdown import Broken, breakdown, task_standings
from .dates import format_date
from .models.plan import FREQUENCY_LABELS, ROLE_LABELS, Plan
from .models.report import STATUS_LABELS
from .models.units import Registry
from .obligations import ROW_KIND_LABELS, STATE_LABELS, Evaluation, Obligation
from .numbers import format_number, format_percent
from .summary import lower_first, sum_figures, upper_first
from .tracking import StatusMatrix, overdue_list, status_matrix

# The symbols of `dancu status`: a text label beside every colour, for colour-blind readers and for print.
CELL_SYMBOLS: dict[str | None, str] = {"on_time": "✓", "late": "T", "overdue": "✗", "pending": "○", "broken": "!",
                                       None: "·"}
CELL_LABELS: dict[str | None, str] = STATE_LABELS | {"broken": "Báo cáo có lỗi, chưa được tổng hợp",
                                                     None: "Không có vai trò"}
NOT_DUE = "chưa đến hạn"
# Colour families, as the Ho Chi Minh City task system groups them: red at risk, orange, green, grey unrated.
CELL_TONES = {"on_time": "good", "late": "warn", "overdue": "bad", "pending": "info", "broken": "none", None: "none"}
# Where a task stands (core/breakdown.py), on the overview and on every period's page alike.
STANDING_TONES = {"done_on_time": "good", "done_late": "warn", "open_in_time": "info", "open_overdue": "bad",
                  "regular_active": "good", "regular_not_started": "warn", "regular_no_report": "bad",
                  "undetermined": "none"}
ROW_KIND_TONES = {"missing": "bad", "late": "warn", "deadline": "bad"}


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


@dataclass(slots=True)
class Cell:
    state: str | None  # on_time | late | overdue | pending | broken | None (no owing role)
    symbol: str
    label: str
    tone: str
    detail: str  # "nhận 12/01/2026, trễ 4 ngày"; "" when nothing to add


@dataclass(slots=True)
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
    late, missing (past the due date), pending (not yet due), broken (a report file with errors, left out).
    A rate is only stated once the period is due: an open period would read as a failure."""

    is_due: bool
    expected: int = 0
    received: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0
    pending: int = 0
    broken: int = 0

    def add(self, state: str) -> None:
        self.expected += 1
        self.received += state in ("on_time", "late")
        self.on_time += state == "on_time"
        self.late += state == "late"
        self.missing += state == "overdue"
        self.pending += state == "pending"
        self.broken += state == "broken"

    def __iadd__(self, other: "Rate") -> "Rate":
        for name in ("expected", "received", "on_time", "late", "missing", "pending", "broken"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    def _share(self, part: int) -> str:
        return (format_percent(part, self.expected) or "–") if self.is_due else NOT_DUE

    @property
    def rate(self) -> str:
        return self._share(self.received)

    @property
    def on_time_rate(self) -> str:
        return self._share(self.on_time)

    @property
    def late_rate(self) -> str:
        return self._share(self.late)

    @property
    def missing_rate(self) -> str:
        return self._share(self.missing)

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


@dataclass(slots=True)
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
    received: str
    days: int


@dataclass
class BreakdownRow:
    key: str
    label: str
    count: int
    tone: str
    indent: bool


@dataclass
class Breakdown:
    """The standard breakdown of task states (core/breakdown.py) for one period."""

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


@dataclass(slots=True)
class UnitResultItem:
    unit: UnitRef
    status: str
    text: str
    received: str


@dataclass(slots=True)
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
    state_label: str  # "Đã nhận 2/9 mục báo cáo"
    tone: str
    results: list[UnitResultItem]
    missing: list[UnitRef]
    broken: list[UnitRef]
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
    state_label: str  # where the task stands (core/breakdown.py) in the overview's period
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
    overview: Overview
    periods: list[PeriodPage]
    period_links: list[PeriodLink]
    rates: RatesPage
    overdue: list[OverdueRow]  # still to chase: missing reports, deadline tasks not completed on time
    late_by_period: list[tuple[PeriodLink, int]]  # reports that came late, counted per period
    tasks: list[TaskPage]
    broken: list[str] = field(default_factory=list)  # "KHTC, quý IV năm 2025" for each report left out


# --- Building --------------------------------------------------------------------------------------------

def period_file(key: str) -> str:
    return f"ky-{key}.html"


def task_file(number: int) -> str:
    return f"nhiem-vu-{number}.html"


def _cell(o: Obligation | None, broken: bool, seen: dict) -> Cell:
    """The cell of one obligation; equal cells are shared, as a ten-year matrix repeats a few dozen kinds."""
    key = (o.state, o.days_overdue, o.met_on, broken and not o.met) if o is not None else None
    cell = seen.get(key)
    if cell is None:
        cell = seen[key] = _new_cell(o, broken)
    return cell


def _new_cell(o: Obligation | None, broken: bool) -> Cell:
    if o is None:
        return Cell(None, CELL_SYMBOLS[None], CELL_LABELS[None], CELL_TONES[None], "")
    if broken and not o.met:
        return Cell("broken", CELL_SYMBOLS["broken"], CELL_LABELS["broken"], CELL_TONES["broken"], "")
    detail = ""
    if o.state == "late":
        detail = f"nhận {format_date(o.met_on)}, trễ {o.days_overdue} ngày"
    elif o.state == "on_time" and o.met_on:
        detail = f"nhận {format_date(o.met_on)}"
    elif o.state == "overdue":
        detail = f"quá hạn {o.days_overdue} ngày"
    return Cell(o.state, CELL_SYMBOLS[o.state], CELL_LABELS[o.state], CELL_TONES[o.state], detail)


def _status_tally(matrix: StatusMatrix) -> str:
    """The sentence `dancu status` prints under its table."""
    tally = matrix.tally
    return (f"Đã nhận {tally['on_time'] + tally['late']}/{matrix.owed} mục báo cáo ({tally['on_time']} đúng hạn, "
            f"{tally['late']} trễ hạn); {tally['overdue']} mục quá hạn, {tally['pending']} mục chưa đến hạn.")


def _plan_info(plan: Plan) -> PlanInfo:
    doc, issuer = plan.document, plan.issuer
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


def _period_page(ev: Evaluation, matrix: StatusMatrix, units: list[UnitRef], is_due: bool, broken: Broken,
                 seen: dict) -> PeriodPage:
    p, registry = matrix.period, ev.registry
    rates = {u.id: Rate(is_due) for u in units}
    rows = []
    for row in matrix.rows:
        cells = [_cell(o, (p.key, u.id) in broken, seen) for u, o in zip(units, row.cells)]
        for u, c in zip(units, cells):
            if c.state is not None:
                rates[u.id].add(c.state)
        rows.append(MatrixRow(row.task.number, "*" if row.task.timeframe.kind == "deadline" else "", row.task.heading,
                              row.state, row.state_label, STANDING_TONES.get(row.state, "none"), cells))
    total = Rate(is_due)
    for r in rates.values():
        total += r
    notes = []
    for row in (r for r in matrix.rows if r.task.timeframe.kind == "deadline"):
        owers = ", ".join(registry.display(o.unit, short=True) for o in row.completions)
        notes.append(f"(*) Nhiệm vụ {row.task.number} có hạn {format_date(row.task.timeframe.due)}: tình trạng tính "
                     f"theo báo cáo hoàn thành của {owers or 'đơn vị chủ trì'}.")
    return PeriodPage(
        key=p.key, label=p.label(), span=p.span(), due=format_date(p.due), is_due=is_due, file=period_file(p.key),
        units=units, rows=rows, rates=[RateRow(u, rates[u.id]) for u in units if rates[u.id].expected], total=total,
        tally=_status_tally(matrix), deadline_notes=notes,
    )


def build_site(ev: Evaluation, broken: Broken = frozenset()) -> Site:
    """Every page of the dashboard of one plan, as of the evaluation's date.

    `broken` names the (period, unit) reports left out because their files have errors: their cells read
    "báo cáo có lỗi", never "chưa báo cáo", and they leave the list of what is overdue.
    """
    plan, registry, as_of = ev.plan, ev.registry, ev.as_of
    matrices = [status_matrix(ev, p, broken) for p in ev.periods]
    units = [UnitRef(u.id, u.abbr, u.name) for u in (matrices[0].units if matrices else [])]
    unit_of = {u.id: UnitRef(u.id, u.abbr, u.name) for u in registry.units} | {u.id: u for u in units}
    links = [PeriodLink(p.key, p.label(), period_file(p.key), as_of > p.due) for p in ev.periods]
    link_of = {link.key: link for link in links}
    seen: dict = {}
    period_pages = [_period_page(ev, m, units, link.is_due, broken, seen) for m, link in zip(matrices, links)]

    # Reporting rates over the periods that are due: a period still open would read as a failure.
    due_pages = [pp for pp in period_pages if pp.is_due]
    by_unit = [{r.unit.id: r.rate for r in pp.rates} for pp in due_pages]
    rate_rows = []
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

    # What is overdue: the list of `dancu overdue`. Reports that came late are done with; they are counted per
    # period (and shown in each period's matrix), while the rest is listed to be chased. A unit whose report
    # file is broken may well have reported: its rows are left out rather than misstated.
    def unsure(o: Obligation) -> bool:
        if o.met:
            return False
        if o.kind == "report":
            return (o.period.key, o.unit) in broken
        return any(unit == o.unit for _, unit in broken)

    listed = overdue_list([ev], as_of)
    rows_overdue = [o for o in listed.rows() if not unsure(o)]
    counts = Counter(o.row_kind for o in rows_overdue)
    headings = {t.number: t.heading for t in plan.tasks}
    outstanding = [
        OverdueRow(
            kind=o.row_kind, kind_label=ROW_KIND_LABELS[o.row_kind], tone=ROW_KIND_TONES[o.row_kind],
            task=o.task, task_heading=headings.get(o.task, ""), unit=unit_of[o.unit], period=o.period.key,
            period_file=period_file(o.period.key), due=format_date(o.due), received=format_date(o.met_on),
            days=o.days_overdue,
        )
        for o in rows_overdue if o.row_kind != "late"
    ]
    late_counts = Counter(o.period.key for o in rows_overdue if o.row_kind == "late")

    latest = due_pages[-1] if due_pages else None
    focus = ev.period(latest.key) if latest else ev.current_period()
    standings = task_standings(ev, [focus], broken)
    result = breakdown(standings)
    overview = Overview(
        breakdown=Breakdown(focus.label(), [BreakdownRow(r.key, r.label, r.count, STANDING_TONES.get(r.key, "none"),
                                                         r.level > 0) for r in result.rows], result.total),
        overdue=[OverdueCount(k, label, counts[k], ROW_KIND_TONES[k]) for k, label in ROW_KIND_LABELS.items()],
        overdue_total=len(rows_overdue), latest=latest, current=link_of[ev.current_period().key],
    )
    standing_of = {s.task: s for s in standings}
    tasks = [_task_page(ev, task, matrices, links, unit_of, standing_of[task.number], broken) for task in plan.tasks]
    return Site(
        plan=_plan_info(plan), as_of=format_date(as_of), overview=overview, periods=period_pages,
        period_links=links,
        rates=RatesPage([link_of[pp.key] for pp in due_pages], rate_rows, [pp.total for pp in due_pages], overall_total),
        overdue=outstanding, late_by_period=[(link, late_counts[link.key]) for link in links if late_counts[link.key]],
        tasks=tasks,
        broken=[f"{unit_of[u].abbr if u in unit_of else u}, {link_of[k].label if k in link_of else k}"
                for k, u in sorted(broken)],
    )


def _task_page(ev: Evaluation, task, matrices: list[StatusMatrix], links: list[PeriodLink],
               unit_of: dict[str, UnitRef], standing, broken: Broken) -> TaskPage:
    registry = ev.registry
    order = {u.id: i for i, u in enumerate(registry.units)}
    index = next(i for i, t in enumerate(ev.plan.tasks) if t.number == task.number)
    reports_by_period: dict[str, list] = {}
    for (key, _), r in ev.reports.items():
        if (e := r.entry(task.number)) is not None:
            reports_by_period.setdefault(key, []).append((r, e))
    periods: list[TaskPeriod] = []
    series: dict[str, tuple[str, dict[str, float]]] = {}
    keys: list[str] = []
    for matrix, link in zip(matrices, links):
        owed = [(u, o) for u, o in zip(matrix.units, matrix.rows[index].cells) if o is not None]
        found = sorted(reports_by_period.get(link.key, []), key=lambda re_: order.get(re_[0].unit, len(order)))
        if not found and (not owed or matrix.period.start > ev.as_of):
            continue  # after its deadline a task is no longer reported on; a period to come has nothing yet
        keys.append(link.key)
        results = [UnitResultItem(unit_of.get(r.unit) or UnitRef(r.unit, r.unit, r.unit), STATUS_LABELS[e.status],
                                  e.results, format_date(r.received_on or r.issued_on)) for r, e in found]
        totals = sum_figures((item.unit.abbr, name, value) for item, (_, e) in zip(results, found)
                             for name, value in e.figures.items())
        for name, total, _ in totals:
            series.setdefault(name.casefold(), (name, {}))[1][link.key] = total
        tally = Counter(o.state for _, o in owed)
        received = tally["on_time"] + tally["late"]
        unsure = [unit_of[u.id] for u, o in owed if not o.met and (link.key, u.id) in broken]
        periods.append(TaskPeriod(
            period=link,
            state_label=(f"Đã nhận {received}/{len(owed)} mục báo cáo" if owed else "")
            + ("" if link.is_due or not owed else f"; chưa đến hạn gửi ({format_date(matrix.period.due)})"),
            tone="bad" if tally["overdue"] else "info" if tally["pending"] else "warn" if tally["late"] else "good",
            results=results,
            missing=[unit_of[u.id] for u, o in owed if o.state == "overdue" and unit_of[u.id] not in unsure],
            broken=unsure,
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
    return TaskPage(
        number=task.number, file=task_file(task.number), heading=task.heading,
        body=[(para.text, list(para.items)) for para in task.body],
        roles=_roles(task, registry), timeframe=task.timeframe.text, kind=task.timeframe.kind,
        state_label=standing.label, tone=STANDING_TONES.get(standing.state, "none"),
        completion=completion, periods=periods,
        series=[FigureSeries(name, [FigurePoint(k, values.get(k), format_number(values[k]) if k in values else "")
                                    for k in keys])
                for name, values in series.values()],
    )
