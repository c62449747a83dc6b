"""The reminder letter (công văn đôn đốc) to units that owe reports, as plain data.

Decree 30/2020/NĐ-CP, appendix III, form 1.5: an ordinary công văn has no
document-type name; its subject "V/v …" sits under the number and symbol
("Số: …/SKHCN-VP": the issuer's code, then the drafting unit's); then
"Kính gửi:" and the addressees, the body ending in "./.", "Nơi nhận:" from
"- Như trên;" to "- Lưu: VT, VP.", and the signature block.

What a unit is chased for comes from the same obligations as `dancu overdue`
(core/obligations.py): every obligation past its due date and still unmet.
A report that arrived, even late, is never chased again, so a unit that has
sent everything is never addressed. The drafting unit (the plan's
`reporting.through`) does not write to itself: its own gaps are returned
apart, for the command to mention.

Every value here is display-ready text, like the summary's, so an office can
rewrite the templates (core/render.py) without knowing any Python.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date

from .calendar import WorkCalendar, official_calendar
from .dates import Period, format_date
from .models import Plan, Registry
from .obligations import Evaluation, Obligation
from .summary import BLANK, Header, SignatureBlock, issuer_code, lower_first, scrub

# A new deadline this many working days after the letter is drafted, unless one is given.
DEFAULT_WORKING_DAYS = 5


@dataclass
class ReminderItem:
    """What a unit owes: one report (a period's, for some tasks) or one task's completion."""

    text: str  # "báo cáo quý IV năm 2025 về nhiệm vụ 2, 3, 6 (hạn gửi 08/01/2026, đã quá hạn 7 ngày)"
    tasks: str  # "2, 3, 6"
    period: str  # "quý IV năm 2025"
    due: str  # "08/01/2026"
    days_overdue: int


@dataclass
class ReminderUnit:
    number: int
    unit_id: str
    name: str
    items: list[ReminderItem]


@dataclass
class Reminder:
    """One letter; the template variables are its fields."""

    header: Header
    subject: str  # "V/v đôn đốc báo cáo kết quả thực hiện Kế hoạch số 2599/KH-SKHCN"
    addressees: list[str]
    intro: str
    lead_in: str  # "Tuy nhiên, tính đến ngày 15/01/2026, các phòng, đơn vị sau chưa gửi đủ báo cáo:"
    units: list[ReminderUnit]
    request: str  # the closing request, ending in "./."
    new_deadline: str
    as_of: str
    recipients: list[str]  # Nơi nhận, "Như trên" first and "Lưu: VT, VP" last
    signer: SignatureBlock
    plan_reference: str

    def context(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass
class ReminderSet:
    """The letters to write, and the drafting unit's own gaps (not written to)."""

    letters: list[Reminder]
    units: list[ReminderUnit]  # every unit addressed, in registry order
    drafter: ReminderUnit | None  # the drafting unit's own unmet items, when it has some


def default_deadline(today: date, calendar: WorkCalendar | None = None) -> date:
    """A few working days after today, on the workspace's calendar (official swaps included)."""
    return (calendar or official_calendar()).working_days_after(today, DEFAULT_WORKING_DAYS)


def chased(evaluation: Evaluation, unit_id: str | None = None, period: Period | None = None) -> list[Obligation]:
    """The obligations `dancu overdue` lists that are still unmet: a late arrival is not chased again."""
    return [o for o in evaluation.rows_overdue()
            if not o.met and (unit_id is None or o.unit == unit_id)
            and (period is None or period.contains(o.period.period))]


def _items(owed: list[Obligation]) -> list[ReminderItem]:
    """A unit's unmet obligations, one line per period's report and one per task completion, oldest first."""
    reports: dict[str, list[Obligation]] = {}
    out: list[tuple[tuple, ReminderItem]] = []
    for o in owed:
        if o.kind == "report":
            reports.setdefault(o.period.key, []).append(o)
        else:
            text = (f"báo cáo hoàn thành nhiệm vụ {o.task} (hạn hoàn thành {format_date(o.due)}, "
                    f"đã quá hạn {o.days_overdue} ngày)")
            out.append(((o.due, 1, o.task), ReminderItem(text, str(o.task), o.period.label(), format_date(o.due),
                                                         o.days_overdue)))
    for group in reports.values():
        first = group[0]
        tasks = ", ".join(str(n) for n in sorted({o.task for o in group}))
        text = (f"báo cáo {first.period.label()} về nhiệm vụ {tasks} (hạn gửi {format_date(first.due)}, "
                f"đã quá hạn {first.days_overdue} ngày)")
        out.append(((first.due, 0, 0), ReminderItem(text, tasks, first.period.label(), format_date(first.due),
                                                     first.days_overdue)))
    return [item for _, item in sorted(out, key=lambda pair: pair[0])]


def _by_unit(registry: Registry, rows: list[Obligation]) -> list[ReminderUnit]:
    owed: dict[str, list[Obligation]] = {}
    for o in rows:
        owed.setdefault(o.unit, []).append(o)
    units = [u for u in registry.units if u.id in owed]
    return [ReminderUnit(i, u.id, u.name, _items(owed[u.id])) for i, u in enumerate(units, 1)]


def drafting_unit(plan: Plan, registry: Registry) -> tuple[str, str]:
    """(id, abbreviation) of the unit that drafts the letter: the one reports go through."""
    unit = registry.unit(plan.reporting.through)
    return plan.reporting.through, (unit.abbr if unit else plan.reporting.through)


def _letter(plan: Plan, registry: Registry, evaluation: Evaluation, units: list[ReminderUnit], deadline: date,
            signer: SignatureBlock, copies: list[str]) -> Reminder:
    doc, issuer = plan.document, plan.issuer
    drafter_id, drafter_abbr = drafting_unit(plan, registry)
    through = registry.display(drafter_id)
    single = len(units) == 1
    who = units[0].name if single else "các phòng, đơn vị sau"
    to = f"tổng hợp, báo cáo {plan.reporting.to}" if plan.reporting.to else "tổng hợp, báo cáo cấp có thẩm quyền"
    who_asked = units[0].name if single else "các phòng, đơn vị nêu trên"
    return Reminder(
        header=Header(
            parent=(issuer.parent or "").upper(),
            issuer=issuer.name.upper(),
            number=f"Số: {BLANK}/{issuer_code(doc.code)}-{drafter_abbr}",
            place_date=f"{doc.place}, ngày {BLANK} tháng {BLANK} năm {BLANK}",
        ),
        subject=f"V/v đôn đốc báo cáo kết quả thực hiện {doc.type} số {doc.reference}",
        addressees=[u.name for u in units],
        intro=(f"Thực hiện {doc.type} số {doc.reference} ngày {format_date(doc.issued_on)} của {issuer.name} "
               f"về {lower_first(doc.title)}, các phòng, đơn vị có trách nhiệm định kỳ báo cáo kết quả thực hiện "
               f"qua {through} để tổng hợp."),
        lead_in=(f"Tuy nhiên, tính đến ngày {format_date(evaluation.as_of)}, {who} chưa gửi đủ báo cáo"
                 + (", cụ thể:" if single else ":")),
        units=units,
        request=(f"Để kịp thời {to} theo quy định, {issuer.name} đề nghị {who_asked} khẩn trương gửi báo cáo "
                 f"về {through} trước ngày {format_date(deadline)}./."),
        new_deadline=format_date(deadline),
        as_of=format_date(evaluation.as_of),
        recipients=["Như trên", *copies, f"Lưu: VT, {drafter_abbr}"],
        signer=signer,
        plan_reference=doc.reference,
    )


def build_reminders(plan: Plan, registry: Registry, evaluation: Evaluation, deadline: date, *,
                    unit_id: str | None = None, period: Period | None = None, per_unit: bool = False,
                    signer: SignatureBlock | None = None) -> ReminderSet:
    """The reminder letter(s) as of the evaluation's date; no letter when nobody owes anything.

    The drafting unit is left out unless it is asked for by `unit_id`.
    """
    rows = chased(evaluation, unit_id, period)
    drafter_id, _ = drafting_unit(plan, registry)
    units = _by_unit(registry, rows)
    drafter = None
    if unit_id != drafter_id:
        drafter = next((u for u in units if u.unit_id == drafter_id), None)
        units = [u for u in units if u.unit_id != drafter_id]
        for i, u in enumerate(units, 1):
            u.number = i
    signer = signer or SignatureBlock(plan.signer.authority or "", plan.signer.title, plan.signer.name)
    # Copies for the leadership as the plan itself lists them ("Lãnh đạo Sở").
    copies = [r.rstrip(";.") for r in plan.recipients if r.casefold().startswith("lãnh đạo")]
    if not units:
        letters: list[Reminder] = []
    elif per_unit:
        letters = [_letter(plan, registry, evaluation, [replace(u, number=1)], deadline, signer, copies)
                   for u in units]
    else:
        letters = [_letter(plan, registry, evaluation, units, deadline, signer, copies)]
    return ReminderSet([scrub(letter) for letter in letters], units, drafter)
