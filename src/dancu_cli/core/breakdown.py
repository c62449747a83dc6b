"""Where each task stands, as the Department reports it outward, and the standard breakdown of tasks.

The Government Office's task-tracking reports count tasks one way: the total;
completed on time or late; not completed, still within the deadline or
overdue; and the regular (ongoing) tasks, which have no deadline and so are
never "completed" nor "overdue". Every document and page that states how the
plan's tasks stand (the outward summary, the dashboard) takes these
definitions from here, and only from here.

- A deadline task is judged on its completion: the lead unit's (with no lead,
  each implementing unit's) "hoàn thành" entry, on or before the deadline
  (Evaluation.task_state, core/obligations.py).
- A regular task is judged on the entries received for it in the periods
  covered: being carried out when some unit reported work in progress or done;
  not started when every entry says so; no result when nobody reported.
- When a report file that could change the answer has errors and was left
  out (`--skip-invalid`), the state is "undetermined", never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Literal

from .periods import ReportingPeriod
from .obligations import Evaluation

Standing = Literal[
    "done_on_time", "done_late", "open_in_time", "open_overdue",
    "regular_active", "regular_not_started", "regular_no_report", "undetermined",
]
STANDING_LABELS: dict[str, str] = {
    "done_on_time": "Đã hoàn thành đúng hạn",
    "done_late": "Đã hoàn thành quá hạn",
    "open_in_time": "Chưa hoàn thành – trong hạn",
    "open_overdue": "Chưa hoàn thành – quá hạn",
    "regular_active": "Đang triển khai thường xuyên",
    "regular_not_started": "Chưa triển khai trong kỳ",
    "regular_no_report": "Chưa có kết quả báo cáo trong kỳ",
    "undetermined": "Chưa xác định được (báo cáo có lỗi, chưa được tổng hợp)",
}
# The same states in a table's narrow last column, whose title already names the period (`dancu status`).
STANDING_SHORT_LABELS: dict[str, str] = STANDING_LABELS | {
    "regular_no_report": "Chưa có kết quả báo cáo",
    "undetermined": "Chưa xác định được (báo cáo có lỗi)",
}
# A report file that had errors and was left out, by (period key, unit id).
Broken = frozenset[tuple[str, str]]


@dataclass(frozen=True)
class TaskStanding:
    task: int
    kind: Literal["regular", "deadline"]
    state: Standing

    @property
    def label(self) -> str:
        return STANDING_LABELS[self.state]


@dataclass(frozen=True)
class BreakdownRow:
    """One line of the breakdown table: a group (level 0, numbered) or one of its parts (level 1)."""

    key: str
    label: str
    count: int
    level: int
    number: int | None  # the group's STT; None for a part


@dataclass(frozen=True)
class Breakdown:
    total: int
    standings: tuple[TaskStanding, ...]
    rows: tuple[BreakdownRow, ...]

    def count(self, *states: str) -> int:
        return sum(1 for s in self.standings if s.state in states)

    def to_dict(self) -> dict:
        return {
            "total": self.total,
            "tasks": [{"task": s.task, "kind": s.kind, "state": s.state, "state_label": s.label}
                      for s in self.standings],
            "rows": [{"key": r.key, "label": r.label, "count": r.count, "level": r.level} for r in self.rows],
        }


def _deadline_standing(ev: Evaluation, number: int, periods: list[ReportingPeriod], broken: Broken) -> Standing:
    task = ev.plan.task(number)
    state = ev.task_state(number)
    if state is None:  # nobody is named to complete it: it stays open until its deadline passes
        due = task.timeframe.due
        return "open_overdue" if due is not None and ev.as_of > due else "open_in_time"
    if state.startswith("open"):
        owers = {o.unit for o in ev.completions(number)}
        # The lead's "hoàn thành" may sit in a report that was left out for its errors.
        if any(unit in owers and (p := ev.period(key)) is not None and p.start <= ev.as_of for key, unit in broken):
            return "undetermined"
    return state


def _regular_standing(ev: Evaluation, number: int, periods: list[ReportingPeriod], broken: Broken) -> Standing:
    keys = {p.key for p in periods}
    statuses = [e.status for (key, _), r in ev.reports.items() if key in keys
                for e in r.all_entries() if e.task == number]
    if any(s != "chua-trien-khai" for s in statuses):
        return "regular_active"
    owing = {unit for p in periods for (n, unit) in ev.cells(p) if n == number}
    if any(key in keys and unit in owing for key, unit in broken):
        return "undetermined"
    return "regular_not_started" if statuses else "regular_no_report"


def task_standings(ev: Evaluation, periods: Iterable[ReportingPeriod], broken: Broken = frozenset()) -> list[TaskStanding]:
    """Each task of the plan, in plan order, with where it stands over the given reporting periods."""
    periods = list(periods)
    out = []
    for task in ev.plan.tasks:
        if task.timeframe.kind == "deadline":
            out.append(TaskStanding(task.number, "deadline", _deadline_standing(ev, task.number, periods, broken)))
        else:
            out.append(TaskStanding(task.number, "regular", _regular_standing(ev, task.number, periods, broken)))
    return out


# The table's groups and their parts, in the Government Office's order. Optional parts appear only when
# some task is in them, so a plain quarter keeps the standard shape.
_GROUPS: tuple[tuple[str, str, tuple[tuple[str, str, bool], ...]], ...] = (
    ("done", "Đã hoàn thành", (("done_on_time", "Đúng hạn", True), ("done_late", "Quá hạn", True))),
    ("open", "Chưa hoàn thành", (("open_in_time", "Trong hạn", True), ("open_overdue", "Quá hạn", True))),
    ("regular", "Nhiệm vụ thường xuyên", (
        ("regular_active", "Đang triển khai", True),
        ("regular_not_started", "Chưa triển khai trong kỳ", False),
        ("regular_no_report", "Chưa có kết quả báo cáo trong kỳ", True),
    )),
)


def breakdown(standings: Iterable[TaskStanding]) -> Breakdown:
    """The standard breakdown: total; completed (on time, late); not completed (in time, overdue); regular."""
    standings = tuple(standings)
    counts: dict[str, int] = {}
    for s in standings:
        counts[s.state] = counts.get(s.state, 0) + 1
    rows = [BreakdownRow("total", "Tổng số nhiệm vụ", len(standings), 0, None)]
    for key, label, parts in _GROUPS:
        rows.append(BreakdownRow(key, label, sum(counts.get(p, 0) for p, _, _ in parts), 0, None))
        rows += [BreakdownRow(p, name, counts.get(p, 0), 1, None) for p, name, always in parts
                 if always or counts.get(p)]
    if counts.get("undetermined"):
        rows.append(BreakdownRow("undetermined", "Chưa xác định được (báo cáo có lỗi, chưa được tổng hợp)",
                                 counts["undetermined"], 0, None))
    groups = iter(range(1, len(rows) + 1))  # STT 1, 2, 3… for the groups only
    numbered = tuple(BreakdownRow(r.key, r.label, r.count, r.level, next(groups) if r.level == 0 else None)
                     for r in rows)
    return Breakdown(len(standings), standings, numbered)
