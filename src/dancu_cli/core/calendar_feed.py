"""The calendar feed of due dates (iCalendar, RFC 5545, written with the `icalendar` package).

One all-day event per plan and reporting period, on the day its reports are due,
and one per deadline task, on the day its completion is due: the same due
dates as `dancu overdue` (core/obligations.py). Office staff import the file,
or subscribe to it, in Outlook, Thunderbird or Google Calendar.

Each event's UID is built from what it stands for (plan, period or task, and
the unit when the feed is one unit's), never from the date or a counter, so
importing a newer export updates the events instead of duplicating them.
Each event carries an alarm at 08:00 three days before the due date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from .dates import format_date
from .models import Plan, Registry
from .obligations import Evaluation, Obligation
from .summary import lower_first

UID_DOMAIN = "dancu"
# An all-day event starts at 00:00; 2 days 16 hours before that is 08:00 three days before the due date.
ALARM_BEFORE = timedelta(days=2, hours=16)
PRODID = "-//dancu//Lịch hạn báo cáo//VI"


@dataclass(frozen=True)
class DueEvent:
    uid: str
    day: date
    summary: str
    description: str
    kind: str  # "report" | "completion"


def _units(registry: Registry, ids: set[str]) -> str:
    return ", ".join(u.abbr for u in registry.units if u.id in ids)


def _legend(registry: Registry, ids: set[str]) -> str:
    return "; ".join(f"{u.abbr} = {u.name}" for u in registry.units if u.id in ids)


def due_events(plan: Plan, evaluation: Evaluation, unit_id: str | None = None) -> list[DueEvent]:
    """The plan's due dates as events, in date order; with a unit, only what that unit owes."""
    registry = evaluation.registry
    doc = plan.document
    about = (f"Kế hoạch số {doc.reference} ngày {format_date(doc.issued_on)} của {plan.issuer.name} "
             f"về {lower_first(doc.title)}.")
    through = registry.display(plan.reporting.through)
    suffix = f".{unit_id}" if unit_id else ""
    owed = [o for o in evaluation.obligations if unit_id is None or o.unit == unit_id]
    reports: dict[str, list[Obligation]] = {}
    completions: dict[int, list[Obligation]] = {}
    for o in owed:
        if o.kind == "report":
            reports.setdefault(o.period.key, []).append(o)
        else:
            completions.setdefault(o.task, []).append(o)
    events = []
    for key, items in reports.items():
        period = items[0].period
        tasks: dict[int, set[str]] = {}
        for o in items:
            tasks.setdefault(o.task, set()).add(o.unit)
        units = {o.unit for o in items}
        lines = [about, f"Kỳ báo cáo: {period.label()} ({period.span()}).",
                 f"Hạn gửi báo cáo qua {through}: {format_date(period.due)}.", "Nhiệm vụ phải báo cáo:"]
        for number in sorted(tasks):
            task = plan.task(number)
            who = "" if unit_id else f" – {_units(registry, tasks[number])}"
            lines.append(f"- Nhiệm vụ {number}: {task.heading}{who}")
        lines.append(f"Đơn vị phải báo cáo: {_legend(registry, units)}.")
        whose = f" ({registry.display(unit_id, short=True)})" if unit_id else ""
        events.append(DueEvent(
            uid=f"{plan.id}.{key}.bao-cao{suffix}@{UID_DOMAIN}",
            day=period.due,
            summary=f"Hạn gửi báo cáo {period.label()}{whose} – KH {doc.reference}",
            description="\n".join(lines),
            kind="report",
        ))
    for number, items in completions.items():
        task = plan.task(number)
        units = {o.unit for o in items}
        due = items[0].due
        lines = [about, f"Nhiệm vụ {number}: {task.heading}",
                 f"Thời gian thực hiện: {task.timeframe.text} (hạn {format_date(task.timeframe.due)}"
                 + (f", là ngày nghỉ nên lùi đến {format_date(due)})." if due != task.timeframe.due else ")."),
                 f"Đơn vị báo cáo hoàn thành: {_legend(registry, units)}."]
        whose = f" ({registry.display(unit_id, short=True)})" if unit_id else ""
        events.append(DueEvent(
            uid=f"{plan.id}.nv{number}.han-hoan-thanh{suffix}@{UID_DOMAIN}",
            day=due,
            summary=f"Hạn hoàn thành nhiệm vụ {number}{whose} – KH {doc.reference}",
            description="\n".join(lines),
            kind="completion",
        ))
    return sorted(events, key=lambda e: (e.day, e.kind != "report", e.uid))


def calendar_bytes(events: list[DueEvent], name: str, stamp: datetime | None = None) -> bytes:
    """The .ics file: a calendar named `name` holding the events, each with its alarm."""
    from icalendar import Alarm, Calendar, Event

    stamp = stamp or datetime.now(timezone.utc).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    for e in events:
        event = Event()
        event.add("uid", e.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", e.day)
        event.add("dtend", e.day + timedelta(days=1))
        event.add("summary", e.summary)
        event.add("description", e.description)
        event.add("categories", ["Hạn báo cáo"])
        event.add("transp", "TRANSPARENT")  # a due date does not make anyone busy
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"Còn 3 ngày: {e.summary}")
        alarm.add("trigger", -ALARM_BEFORE)
        event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()
