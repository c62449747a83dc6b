"""The follow-up views of the obligations, as plain data: the overdue list and the status matrix.

`dancu overdue` and `dancu status` render these objects as text, JSON or GitHub annotations;
every other output (spreadsheets, documents, the dashboard) renders the same objects, so no
two outputs can count differently.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Iterator

from .periods import ReportingPeriod
from .models.plan import Task
from .models.units import Unit
from .breakdown import STANDING_LABELS, STANDING_SHORT_LABELS, Broken, Standing, task_standings
from .obligations import ROW_KIND_LABELS, Evaluation, Obligation


@dataclass
class PlanOverdue:
    """One plan's rows of the overdue list."""

    evaluation: Evaluation
    rows: list[Obligation]


@dataclass
class OverdueList:
    """Every obligation not met by its due date, per plan, most overdue first, with counts by kind."""

    as_of: date
    plans: list[PlanOverdue]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def rows(self) -> Iterator[Obligation]:
        for part in self.plans:
            yield from part.rows

    def unit_names(self) -> dict[str, str]:
        return {u.id: u.name for part in self.plans for u in part.evaluation.registry.units}

    def counts_dict(self) -> dict[str, int]:
        return self.counts | {"total": self.total}


def overdue_list(evaluations: list[Evaluation], as_of: date, unit: str | None = None,
                 task: int | None = None) -> OverdueList:
    """The overdue rows of the evaluated plans, kept to one unit and one task when given."""
    plans = [PlanOverdue(ev, [o for o in ev.rows_overdue()
                              if (task is None or o.task == task) and (unit is None or o.unit == unit)])
             for ev in evaluations]
    counts = Counter(o.row_kind for part in plans for o in part.rows)
    return OverdueList(as_of, plans, {kind: counts.get(kind, 0) for kind in ROW_KIND_LABELS})


NO_OWER_LABEL = "Không có đơn vị phải báo cáo"


@dataclass
class StatusRow:
    """One task of the matrix: where it stands in the period (core/breakdown.py, as the outward summary and the
    dashboard say it) and one cell per owing unit (None: no owing role)."""

    task: Task
    state: Standing | None  # None: no unit owes anything for it
    cells: list[Obligation | None]
    completions: list[Obligation]

    @property
    def state_label(self) -> str:
        return STANDING_LABELS[self.state] if self.state else NO_OWER_LABEL

    @property
    def short_label(self) -> str:
        """The state in a table's narrow column, whose title names the period."""
        return STANDING_SHORT_LABELS[self.state] if self.state else NO_OWER_LABEL


@dataclass
class StatusMatrix:
    """Tasks × units for one reporting period, as of a date."""

    evaluation: Evaluation
    period: ReportingPeriod
    units: list[Unit]
    rows: list[StatusRow]

    @property
    def tally(self) -> Counter:
        """How many owed entries are on time, late, overdue or pending."""
        return Counter(c.state for row in self.rows for c in row.cells if c is not None)

    @property
    def owed(self) -> int:
        return sum(1 for row in self.rows for c in row.cells if c is not None)

    def to_dict(self) -> dict:
        ev, period = self.evaluation, self.period
        return {
            "plan": ev.plan.id,
            "reference": ev.plan.reference,
            "as_of": ev.as_of.isoformat(),
            "period": {"key": period.key, "label": period.label(), "start": period.start.isoformat(),
                       "end": period.end.isoformat(), "due": period.due.isoformat()},
            "periods": [p.key for p in ev.periods],
            "units": [{"id": u.id, "abbr": u.abbr, "name": u.name} for u in self.units],
            "tasks": [{
                "number": row.task.number,
                "timeframe": row.task.timeframe.kind,
                "due": row.task.timeframe.due.isoformat() if row.task.timeframe.due else None,
                "state": row.state,
                "state_label": row.state_label,
                "cells": {u.id: (c.to_dict() if c is not None else None) for u, c in zip(self.units, row.cells)},
                "completions": [o.to_dict() for o in row.completions],
            } for row in self.rows],
        }


def status_matrix(ev: Evaluation, period: ReportingPeriod, broken: Broken = frozenset()) -> StatusMatrix:
    """`broken`: (period key, unit) of report files left out for their errors, which may leave a task undetermined."""
    cells = ev.cells(period)
    units = ev.units()
    standings = {s.task: s.state for s in task_standings(ev, [period], broken)}
    rows = [StatusRow(task, standings[task.number] if ev.task_state(task.number, period) else None,
                      [cells.get((task.number, u.id)) for u in units],
                      ev.completions(task.number))
            for task in ev.plan.tasks]
    return StatusMatrix(ev, period, units, rows)
