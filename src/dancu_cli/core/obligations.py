"""What each unit owes under a plan, and whether it was met, as of a date.

Two kinds of obligation:

- report: for every task and reporting period, each unit holding an owing role
  in the task (plan.reporting.owing_roles, groups expanded) owes an entry for
  the task in its report for the period, due when the period's report is due;
- completion: a deadline task's lead unit (with no lead, each implementing unit)
  owes a report of the task as `hoan-thanh`, on or before the deadline.

A report counts from the day the Office received it (received_on), else the day
it was issued (issued_on). A report dated after the as-of date had not arrived
then, so looking back gives the answer of that day. An undated report counts as
arrived in time: there is nothing to prove it late.

State of a task, in the words of the Government Office's task-tracking system:
a regular task is done for a period when every owed entry for that period has
arrived; a deadline task is done when every owed completion has arrived.
"Quá hạn" is judged against the due date: one late arrival makes it
"Đã hoàn thành quá hạn", one missing entry past the due date makes it
"Chưa hoàn thành – quá hạn".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from datetime import date
from typing import Iterable, Literal

from .calendar import WorkCalendar, official_calendar
from .periods import ReportingPeriod, period_of, plan_periods
from .dates import format_date
from .models.plan import Plan
from .models.report import UnitReport
from .models.units import Registry, Unit

State = Literal["on_time", "late", "overdue", "pending"]
STATE_LABELS: dict[str, str] = {
    "on_time": "Đã báo cáo đúng hạn",
    "late": "Đã báo cáo trễ hạn",
    "overdue": "Chưa báo cáo – quá hạn",
    "pending": "Chưa đến hạn",
}
RowKind = Literal["missing", "late", "deadline"]
ROW_KIND_LABELS: dict[str, str] = {"missing": "Thiếu báo cáo", "late": "Báo cáo trễ", "deadline": "Quá hạn hoàn thành"}
TaskState = Literal["done_on_time", "done_late", "open_in_time", "open_overdue"]
TASK_STATE_LABELS: dict[str, str] = {
    "done_on_time": "Đã hoàn thành đúng hạn",
    "done_late": "Đã hoàn thành quá hạn",
    "open_in_time": "Chưa hoàn thành – trong hạn",
    "open_overdue": "Chưa hoàn thành – quá hạn",
}
# A task is as far behind as its furthest-behind obligation; a completion reads like a task.
BEHIND = ("on_time", "late", "pending", "overdue")
TASK_STATE_OF: dict[str, TaskState] = {
    "on_time": "done_on_time", "late": "done_late", "pending": "open_in_time", "overdue": "open_overdue",
}


def arrival(report: UnitReport) -> date | None:
    """The day a report counts from: its first document's received date, else issue date; None when undated.

    An entry counts from its own document (UnitReport.arrival_of): a supplementary report is judged by its date."""
    return report.first_arrival()


def _judge_day(due: date, met: bool, day: date | None, as_of: date) -> tuple[State, int]:
    """State and days overdue (late: days after the due date it arrived; missing: days past it as of)."""
    if met:
        return ("late", (day - due).days) if day and day > due else ("on_time", 0)
    return ("overdue", (as_of - due).days) if as_of > due else ("pending", 0)


def _judge(due: date, arrived: UnitReport | None, as_of: date) -> tuple[State, int]:
    return _judge_day(due, arrived is not None, arrival(arrived) if arrived else None, as_of)


@dataclass(frozen=True)
class Obligation:
    plan: str
    kind: Literal["report", "completion"]
    task: int
    unit: str
    roles: tuple[str, ...]
    period: ReportingPeriod  # for a completion: the period its deadline falls in
    due: date
    state: State
    days_overdue: int = 0
    report: UnitReport | None = None  # the report that meets it
    arrived_on: date | None = None  # the day the document carrying the entry counts from

    @property
    def met(self) -> bool:
        return self.report is not None

    @property
    def met_on(self) -> date | None:
        return self.arrived_on

    @property
    def submission(self):
        """The document (Submission) of the report that carries the entry, for its number and dates."""
        return self.report.submission_of(self.task) if self.report else None

    @property
    def row_kind(self) -> RowKind | None:
        """How `dancu overdue` lists it; None when it is met on time or not yet due."""
        if self.state not in ("late", "overdue"):
            return None
        if self.kind == "completion":
            return "deadline"
        return "late" if self.state == "late" else "missing"

    @property
    def state_label(self) -> str:
        if self.kind == "completion":
            return TASK_STATE_LABELS[TASK_STATE_OF[self.state]]
        return STATE_LABELS[self.state]

    def to_dict(self) -> dict:
        return {
            "plan": self.plan,
            "kind": self.kind,
            "task": self.task,
            "unit": self.unit,
            "roles": list(self.roles),
            "period": self.period.key,
            "due": self.due.isoformat(),
            "state": self.state,
            "state_label": self.state_label,
            "row_kind": self.row_kind,
            "row_kind_label": ROW_KIND_LABELS.get(self.row_kind or ""),
            "met_on": self.met_on.isoformat() if self.met_on else None,
            "report_number": self.submission.number if self.submission else None,
            "days_overdue": self.days_overdue,
        }


@dataclass(frozen=True)
class Submission:
    """One unit's report for one period, as a summary's annex lists it."""

    unit: str
    period: ReportingPeriod
    state: State
    days_overdue: int
    report: UnitReport | None
    missing_tasks: tuple[int, ...]  # owed tasks with no entry (in the report, or at all)

    @property
    def received_on(self) -> date | None:
        return arrival(self.report) if self.report else None


def _overall(items: list[Obligation]) -> TaskState | None:
    if not items:
        return None
    return TASK_STATE_OF[max((o.state for o in items), key=BEHIND.index)]


@dataclass
class Evaluation:
    plan: Plan
    registry: Registry
    as_of: date
    periods: list[ReportingPeriod]
    obligations: list[Obligation]
    reports: dict[tuple[str, str], UnitReport]  # (period key, unit id) -> report arrived by as_of

    def period(self, key: str) -> ReportingPeriod | None:
        return next((p for p in self.periods if p.key == key), None)

    def current_period(self) -> ReportingPeriod:
        """The latest period started as of the evaluation date; before the plan starts, the first."""
        started = [p for p in self.periods if p.start <= self.as_of]
        return started[-1] if started else self.periods[0]

    def units(self) -> list[Unit]:
        """Every unit that owes anything, in registry order."""
        owing = {o.unit for o in self.obligations}
        return [u for u in self.registry.units if u.id in owing]

    def rows_overdue(self) -> list[Obligation]:
        """Obligations not met by their due date (late or still missing), most overdue first."""
        order = {u.id: i for i, u in enumerate(self.registry.units)}
        rows = [o for o in self.obligations if o.row_kind]
        return sorted(rows, key=lambda o: (-o.days_overdue, o.period.start, o.task, o.kind, order.get(o.unit, 0)))

    @cached_property
    def _reports_by_period(self) -> dict[str, list[Obligation]]:
        out: dict[str, list[Obligation]] = {}
        for o in self.obligations:
            if o.kind == "report":
                out.setdefault(o.period.key, []).append(o)
        return out

    def cells(self, period: ReportingPeriod) -> dict[tuple[int, str], Obligation]:
        """(task, unit) -> the report obligation for the period; a missing key means no owing role."""
        if period.key not in self._cells:
            self._cells[period.key] = {(o.task, o.unit): o for o in self._reports_by_period.get(period.key, [])}
        return self._cells[period.key]

    def completions(self, task: int) -> list[Obligation]:
        return self._completions.get(task, [])

    @cached_property
    def _completions(self) -> dict[int, list[Obligation]]:
        out: dict[int, list[Obligation]] = {}
        for o in self.obligations:
            if o.kind == "completion":
                out.setdefault(o.task, []).append(o)
        return out

    @cached_property
    def _cells(self) -> dict[str, dict[tuple[int, str], Obligation]]:
        return {}  # cells() fills it, one period at a time

    def task_state(self, task: int, period: ReportingPeriod | None = None) -> TaskState | None:
        """A deadline task by its completion; a regular task by the period's entries (default: the current period).

        None when nobody owes anything for it.
        """
        plan_task = self.plan.task(task)
        if plan_task is not None and plan_task.timeframe.kind == "deadline":
            return _overall(self.completions(task))
        wanted = period or self.current_period()
        return _overall(self._grouped(wanted, 0).get(task, []))

    def _grouped(self, period: ReportingPeriod, by: int) -> dict:
        """The period's report obligations grouped by task (`by` 0) or unit (1), once: asking per task or unit
        stays linear."""
        key = (by, period.key)
        if key not in self._groups:
            out: dict = {}
            for cell, o in self.cells(period).items():
                out.setdefault(cell[by], []).append(o)
            self._groups[key] = out
        return self._groups[key]

    @cached_property
    def _groups(self) -> dict:
        return {}

    def submissions(self, period: ReportingPeriod) -> list[Submission]:
        """Each owing unit's report for the period: arrived on time, late, missing or not yet due."""
        out = []
        by_unit = self._grouped(period, 1)
        for unit in self.units():
            owed = by_unit.get(unit.id, [])
            if not owed:
                continue
            report = self.reports.get((period.key, unit.id))
            state, days = _judge(period.due, report, self.as_of)
            missing = tuple(o.task for o in owed if not o.met)
            out.append(Submission(unit.id, period, state, days, report, missing))
        return out


def _owing_roles(plan: Plan, registry: Registry) -> dict[int, dict[str, tuple[str, ...]]]:
    """Task number -> {unit id: the roles that make it owe reports}, units in registry order."""
    out: dict[int, dict[str, tuple[str, ...]]] = {t.number: {} for t in plan.tasks}
    for unit in registry.units:
        for number, roles in plan.unit_roles(registry, unit.id).items():
            owing = tuple(r for r in roles if r in plan.reporting.owing_roles)
            if owing:
                out[number][unit.id] = owing
    return out


def _completion_owers(plan: Plan, registry: Registry, task: int) -> dict[str, str]:
    """Unit id -> role, for the units that must report a deadline task done."""
    t = plan.task(task)
    refs = [("lead", t.lead)] if t.lead else [("implementing", r) for r in t.implementing]
    out: dict[str, str] = {}
    for role, ref in refs:
        for unit in registry.expand(ref):
            out.setdefault(unit.id, role)
    return out


def evaluate(plan: Plan, registry: Registry | None, reports: Iterable[UnitReport], as_of: date,
             calendar: WorkCalendar | None = None) -> Evaluation:
    """Every obligation of the plan and its state as of the date, from the valid reports given.

    `calendar` is the workspace's (Workspace.calendar: the official swaps and plans/calendar.yaml)."""
    registry = registry or Registry(units=[])
    calendar = calendar or official_calendar()
    periods = plan_periods(plan, calendar)
    # Each report as it stood on the as-of day: a document received later had not arrived yet.
    arrived = [seen for r in reports if r.plan == plan.id and (seen := r.as_of(as_of)) is not None]
    by_key = {(r.period.key, r.unit): r for r in arrived}
    roles = _owing_roles(plan, registry)
    # (unit, task) -> reports that say the task is done: built once, not searched per task and unit.
    done_by: dict[tuple[str, int], list[UnitReport]] = {}
    for r in arrived:
        for e in r.all_entries():
            if e.status == "hoan-thanh":
                done_by.setdefault((r.unit, e.task), []).append(r)
    obligations: list[Obligation] = []
    for task in plan.tasks:
        deadline = task.timeframe.due
        for period in periods:
            # A deadline task is not reported on in periods that begin after its deadline.
            if deadline and period.start > deadline:
                continue
            for unit_id, unit_roles in roles[task.number].items():
                report = by_key.get((period.key, unit_id))
                met = report if report is not None and report.entry(task.number) is not None else None
                day = met.arrival_of(task.number) if met else None
                state, days = _judge_day(period.due, met is not None, day, as_of)
                obligations.append(Obligation(plan.id, "report", task.number, unit_id, unit_roles,
                                              period, period.due, state, days, met, day))
        if deadline is None:
            continue
        # A time limit ending on a day off runs to the next working day (Civil Code 2015, art. 148).
        due = calendar.next_working_day(deadline)
        in_period = period_of(periods, deadline) or periods[-1]
        for unit_id, role in _completion_owers(plan, registry, task.number).items():
            done = done_by.get((unit_id, task.number), [])
            first = min(done, key=lambda r: r.arrival_of(task.number) or date.min, default=None)
            day = first.arrival_of(task.number) if first else None
            state, days = _judge_day(due, first is not None, day, as_of)
            obligations.append(Obligation(plan.id, "completion", task.number, unit_id, (role,),
                                          in_period, due, state, days, first, day))
    return Evaluation(plan, registry, as_of, periods, obligations, by_key)


def describe(o: Obligation, registry: Registry) -> str:
    """One Vietnamese sentence for an obligation not met on time."""
    unit = registry.display(o.unit)
    if o.kind == "completion":
        what = f"{unit} chưa báo cáo hoàn thành nhiệm vụ {o.task} (hạn {format_date(o.due)})"
        if o.state == "late":
            what = f"{unit} báo cáo hoàn thành nhiệm vụ {o.task} ngày {format_date(o.met_on)}, sau hạn {format_date(o.due)}"
    elif o.state == "late":
        what = (f"{unit} gửi báo cáo {o.period.label()} về nhiệm vụ {o.task} ngày {format_date(o.met_on)}, "
                f"sau hạn {format_date(o.due)}")
    else:
        what = f"{unit} chưa báo cáo {o.period.label()} về nhiệm vụ {o.task} (hạn {format_date(o.due)})"
    return f"{what}: {'trễ' if o.state == 'late' else 'quá hạn'} {o.days_overdue} ngày"
