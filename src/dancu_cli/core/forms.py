"""What a fill-in form holds: the unit's obligations for one period, and the identity an import checks.

A form (Excel or Word) is pre-filled from the same obligations `dancu status` and
`dancu overdue` use (obligations.evaluate): the tasks the unit owes in the period,
its roles, and the period's due date. Nothing here is recomputed.

The identity block (plan, unit, period, form version, where the rows are) carries
a check code over its own values, so that an import can tell a form it wrote from
one whose identity was edited by hand. It is a guard against accidents and
naive edits, not a signature: anyone can compute it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from .models.plan import ROLE_LABELS, Plan
from .models.report import STATUS_LABELS, UnitReport
from .obligations import Evaluation, evaluate
from .workspace import Workspace

FORM_KIND = "dancu-bieu-mau-bao-cao"
FORM_VERSION = 1
SHORT_HEADING = 120
# Blank figure rows offered under each task, beyond the names already suggested.
SPARE_FIGURE_ROWS = 2


class FormError(Exception):
    """A form that cannot be made (unknown period, a unit that owes nothing). Vietnamese, ready to print."""


def short_heading(text: str, limit: int = SHORT_HEADING) -> str:
    """A task heading cut at a word boundary, with … when cut: a form row must stay readable."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


@dataclass(frozen=True)
class FormTask:
    number: int
    heading: str  # the plan's full heading
    roles: tuple[str, ...]  # Vietnamese role labels: "chủ trì", "phối hợp", "thực hiện"
    figure_names: tuple[str, ...]  # names to offer, most used first

    @property
    def short(self) -> str:
        return short_heading(self.heading)

    @property
    def role_text(self) -> str:
        return ", ".join(self.roles)


@dataclass(frozen=True)
class FormSpec:
    """Everything a form shows and an import needs, for one plan, unit and period."""

    plan_id: str
    plan_reference: str
    plan_title: str
    through: str  # the unit that receives the reports (Văn phòng Sở)
    unit_id: str
    unit_name: str
    unit_abbr: str
    period_key: str
    period_label: str
    period_start: date
    period_end: date
    due: date
    tasks: tuple[FormTask, ...]
    all_figure_names: tuple[str, ...] = field(default=())
    version: int = FORM_VERSION

    @property
    def statuses(self) -> list[str]:
        return list(STATUS_LABELS.values())

    def file_name(self, ext: str) -> str:
        return f"bieu-mau-{self.plan_id}-{self.period_key}-{self.unit_id}.{ext}"


def identity_code(values: dict[str, str]) -> str:
    """The check code of an identity block: 12 hex digits of SHA-256 over its values in key order."""
    text = "\n".join(f"{k}={values[k]}" for k in sorted(values) if k != "ma_kiem_tra")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def identity(spec: FormSpec, layout: dict[str, str] | None = None) -> dict[str, str]:
    """The identity block's keys and values (layout: where the rows are, for the Excel form), with its code."""
    values = {
        "loai": FORM_KIND,
        "phien_ban": str(spec.version),
        "ke_hoach": spec.plan_id,
        "don_vi": spec.unit_id,
        "ky": spec.period_key,
        "han": spec.due.isoformat(),
        "nhiem_vu": ",".join(str(t.number) for t in spec.tasks),
        **(layout or {}),
    }
    values["ma_kiem_tra"] = identity_code(values)
    return values


def _figure_names(reports: list[UnitReport], plan_id: str) -> tuple[dict[int, list[str]], list[str]]:
    """Figure names earlier reports used, per task and overall, most used first.

    Names that differ only in case are one name (the summary adds them up that way); the
    spelling used most often is offered.
    """
    counts: dict[tuple[int, str], dict[str, int]] = {}
    for report in reports:
        if report.plan != plan_id:
            continue
        for entry in report.entries:
            for name in entry.figures:
                spellings = counts.setdefault((entry.task, name.casefold()), {})
                spellings[name] = spellings.get(name, 0) + 1
    per_task: dict[int, list[tuple[int, str]]] = {}
    overall: dict[str, tuple[int, str]] = {}
    for (task, key), spellings in counts.items():
        name = max(spellings, key=lambda s: (spellings[s], s))
        uses = sum(spellings.values())
        per_task.setdefault(task, []).append((uses, name))
        best = overall.get(key)
        overall[key] = (uses + (best[0] if best else 0), name if not best or uses > best[0] else best[1])
    order = lambda pairs: [n for _, n in sorted(pairs, key=lambda p: (-p[0], p[1]))]  # noqa: E731
    return {t: order(p) for t, p in per_task.items()}, order(overall.values())


def owing_units(ev: Evaluation, period_key: str) -> list[str]:
    """Ids of the units that owe at least one entry in the period, in registry order."""
    period = ev.period(period_key)
    if period is None:
        return []
    owing = {unit for (_, unit) in ev.cells(period)}
    return [u.id for u in ev.registry.units if u.id in owing]


def form_spec(ws: Workspace, plan: Plan, unit_id: str, period_key: str, as_of: date,
              ev: Evaluation | None = None) -> FormSpec:
    """The form of one unit for one period, from the plan's obligations as `status` computes them."""
    ev = ev or evaluate(plan, ws.registry, ws.reports, as_of, ws.calendar)
    period = ev.period(period_key)
    if period is None:
        keys = ", ".join(p.key for p in ev.periods)
        raise FormError(f"Kế hoạch {plan.id} không có kỳ báo cáo {period_key}; các kỳ báo cáo của kế hoạch: {keys}")
    unit = ev.registry.unit(unit_id)
    owed = sorted((o for (_, u), o in ev.cells(period).items() if u == unit_id), key=lambda o: o.task)
    if unit is None or not owed:
        name = unit.name if unit else unit_id
        roles = plan.unit_roles(ev.registry, unit_id) if unit else {}
        why = ("không có vai trò trong nhiệm vụ nào của kế hoạch" if not roles
               else "không phải báo cáo nhiệm vụ nào trong kỳ này")
        raise FormError(f"{name} {why} {plan.id}, {period.label()}: không có gì để lập biểu mẫu.")
    per_task, overall = _figure_names(ws.reports, plan.id)
    tasks = tuple(
        FormTask(o.task, plan.task(o.task).heading, tuple(ROLE_LABELS[r] for r in o.roles),
                 tuple(per_task.get(o.task, ())))
        for o in owed)
    return FormSpec(
        plan_id=plan.id, plan_reference=plan.reference, plan_title=plan.document.title,
        through=ev.registry.display(plan.reporting.through), unit_id=unit.id, unit_name=unit.name,
        unit_abbr=unit.abbr, period_key=period.key, period_label=period.label(), period_start=period.start,
        period_end=period.end, due=period.due, tasks=tasks, all_figure_names=tuple(overall))
