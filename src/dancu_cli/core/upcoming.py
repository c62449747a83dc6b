"""What falls due soon: the obligations still open whose due date is within the next days.

The same obligations as `dancu overdue` and `dancu status` (core/obligations.py),
seen from the other side of the due date. An obligation already met (a report
sent early) is never listed: a unit that has reported is never warned.

Provincial task systems warn 7, 3 and 1 days before a deadline (Bắc Ninh's,
for one); those are the warning marks here, counted in calendar days.
"""

from __future__ import annotations

from dataclasses import dataclass

from .dates import format_date
from .models.units import Registry
from .obligations import Evaluation, Obligation

WARN_DAYS = (7, 3, 1)
DEFAULT_DAYS = 7


@dataclass(frozen=True)
class Upcoming:
    obligation: Obligation
    days_left: int  # 0: due today

    @property
    def warn(self) -> bool:
        """True on a warning mark: 7, 3 or 1 days before the due date."""
        return self.days_left in WARN_DAYS

    def what(self) -> str:
        """'Báo cáo quý I năm 2026' or 'Hoàn thành nhiệm vụ 5'."""
        o = self.obligation
        return f"Hoàn thành nhiệm vụ {o.task}" if o.kind == "completion" else f"Báo cáo {o.period.label()}"

    def left(self) -> str:
        return "hôm nay" if self.days_left == 0 else f"{self.days_left} ngày"

    def describe(self, registry: Registry) -> str:
        o = self.obligation
        unit = registry.display(o.unit)
        if o.kind == "completion":
            what = f"{unit} cần báo cáo hoàn thành nhiệm vụ {o.task}"
        else:
            what = f"{unit} cần gửi báo cáo {o.period.label()} về nhiệm vụ {o.task}"
        return f"{what}, hạn {format_date(o.due)} (còn {self.left()})"

    def to_dict(self) -> dict:
        return self.obligation.to_dict() | {"days_left": self.days_left, "warn": self.warn, "what": self.what()}


def upcoming(evaluation: Evaluation, days: int = DEFAULT_DAYS, unit_id: str | None = None,
             task: int | None = None) -> list[Upcoming]:
    """Open obligations due from the evaluation date to `days` days after it, soonest first,
    then in registry order and by task."""
    order = {u.id: i for i, u in enumerate(evaluation.registry.units)}
    out = []
    for o in evaluation.obligations:
        left = (o.due - evaluation.as_of).days
        if o.state == "pending" and 0 <= left <= days and (unit_id is None or o.unit == unit_id) \
                and (task is None or o.task == task):
            out.append(Upcoming(o, left))
    return sorted(out, key=lambda u: (u.obligation.due, order.get(u.obligation.unit, len(order)),
                                      u.obligation.task, u.obligation.kind))
