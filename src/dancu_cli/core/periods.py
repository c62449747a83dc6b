"""The periods a plan reports on: which ones, the days each covers, when each report is due.

One rule for every command (validate, report add, overdue, status, summary, calendar):

- Periods are cut by the calendar, or by the data cut-off dates of Decree
  09/2019/NĐ-CP, art. 12 (`cutoff: decree_09`): a period's data runs from the
  15th of the month before it to the 14th of its last month.
- A plan reports on every period of its frequency whose days overlap the plan's
  window (starts_on – ends_on), even by one day, at either edge. A plan ending
  31/03/2027 with monthly decree_09 periods reports on "tháng 4/2027"
  (15/03 – 14/04/2027), since its data from 15/03 to 31/03 falls in the window;
  a plan starting 20/12/2025 does not report on "tháng 12/2025" (15/11 – 14/12/2025).
- A report is due by one of three rules (plan.reporting): N working days after the
  period ends; day D of the period's last month; day D of the month after the
  period. A due date on a day off runs to the next working day (Civil Code 2015,
  art. 148); working days are those of the official calendar (core/calendar.py).
"""

from __future__ import annotations

import calendar as _monthdays
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from .calendar import WorkCalendar, official_calendar
from .dates import Period, format_date
from .models.plan import PERIOD_KIND, Plan, Reporting

PERIODS_A_YEAR = {"month": 12, "quarter": 4, "half": 2, "year": 1}


@dataclass(frozen=True)
class ReportingPeriod:
    """One period of a plan: its label, the days its data covers and its report's due date."""

    period: Period
    start: date
    end: date
    due: date

    @cached_property
    def key(self) -> str:
        return self.period.key

    def label(self) -> str:
        return self.period.label()

    def span(self) -> str:
        return f"{format_date(self.start)} – {format_date(self.end)}"

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end

    def describe(self) -> str:
        """'2026-01 (tháng 1 năm 2026: 15/12/2025 – 14/01/2026)', for messages and hints."""
        return f"{self.key} ({self.label()}: {self.span()})"


def bounds(period: Period, cutoff: str) -> tuple[date, date]:
    """First and last day of the data a period's report covers."""
    if cutoff == "calendar":
        return period.start, period.end
    first, last = period.months
    start = date(period.year, first - 1, 15) if first > 1 else date(period.year - 1, 12, 15)
    return start, date(period.year, last, 14)


def _day_of_month(year: int, month: int, day: int) -> date:
    """Day `day` of the month, or its last day when the month is shorter (31 in February)."""
    return date(year, month, min(day, _monthdays.monthrange(year, month)[1]))


def due_date(period: Period, end: date, reporting: Reporting, calendar: WorkCalendar) -> date:
    """When the period's report is due under the plan's rule, moved off days off."""
    last_month = period.months[1]
    if reporting.due_day_of_last_month is not None:
        return calendar.next_working_day(_day_of_month(period.year, last_month, reporting.due_day_of_last_month))
    if reporting.due_day_of_next_month is not None:
        year, month = (period.year + 1, 1) if last_month == 12 else (period.year, last_month + 1)
        return calendar.next_working_day(_day_of_month(year, month, reporting.due_day_of_next_month))
    return calendar.working_days_after(end, reporting.due_working_days)


def due_rule_text(reporting: Reporting) -> str:
    """The plan's due-date rule in words: 'hạn gửi: 5 ngày làm việc sau khi kết thúc kỳ'."""
    if reporting.due_day_of_last_month is not None:
        return f"hạn gửi: ngày {reporting.due_day_of_last_month} của tháng cuối kỳ"
    if reporting.due_day_of_next_month is not None:
        return f"hạn gửi: ngày {reporting.due_day_of_next_month} của tháng sau kỳ"
    return f"hạn gửi: {reporting.due_working_days} ngày làm việc sau khi kết thúc kỳ"


def plan_periods(plan: Plan, calendar: WorkCalendar | None = None) -> list[ReportingPeriod]:
    """The plan's reporting periods, in order: every period whose data overlaps the plan's window."""
    calendar = calendar or official_calendar()
    settings = plan.reporting
    kind = PERIOD_KIND[settings.frequency]
    window_start, window_end = plan.window.starts_on, plan.window.ends_on
    out = []
    # Under Decree 09 the first period of a year starts on 15/12 of the year before, so look one year further.
    for year in range(window_start.year, window_end.year + 2):
        for index in range(1, PERIODS_A_YEAR[kind] + 1):
            period = Period(year, kind, index)
            start, end = bounds(period, settings.cutoff)
            if start <= window_end and window_start <= end:
                out.append(ReportingPeriod(period, start, end, due_date(period, end, settings, calendar)))
    return out


def find_period(periods: list[ReportingPeriod], period: Period) -> ReportingPeriod | None:
    return next((p for p in periods if p.period == period), None)


def period_of(periods: list[ReportingPeriod], day: date) -> ReportingPeriod | None:
    return next((p for p in periods if p.covers(day)), None)


def nearest_period(periods: list[ReportingPeriod], period: Period, cutoff: str) -> ReportingPeriod | None:
    """The plan's period a mistyped one most likely meant: the one sharing the most days with it, else the closest."""
    if not periods:
        return None
    start, end = bounds(period, cutoff)

    def score(p: ReportingPeriod) -> tuple[int, int]:
        shared = (min(end, p.end) - max(start, p.start)).days + 1
        distance = min(abs((p.start - end).days), abs((start - p.end).days))
        return (-max(shared, 0), distance if shared <= 0 else 0)

    return min(periods, key=score)


def short_gaps(plan: Plan, calendar: WorkCalendar | None = None) -> list[ReportingPeriod]:
    """Periods whose due date leaves less than one working day after the data cut-off (Decree 09/2019, art. 8(5))."""
    calendar = calendar or official_calendar()
    return [p for p in plan_periods(plan, calendar) if calendar.working_days_between(p.end, p.due) < 1]


@dataclass(frozen=True)
class PlanYear:
    """A plan's reporting periods that touch a year (by their days or their due date), and its due rule."""

    plan: Plan
    rule: str
    periods: list[ReportingPeriod]


@dataclass(frozen=True)
class YearCalendar:
    year: int
    days: list  # CalendarDay: days off other than plain weekends, and weekend days worked
    plans: list[PlanYear]


def calendar_year(year: int, calendar: WorkCalendar | None, plans: list[Plan]) -> YearCalendar:
    """What `dancu calendar YEAR` shows: the year's special days, and each plan's periods in the year."""
    calendar = calendar or official_calendar()
    out = []
    for plan in plans:
        periods = [p for p in plan_periods(plan, calendar)
                   if p.start.year <= year <= p.end.year or p.due.year == year]
        if periods:
            out.append(PlanYear(plan, due_rule_text(plan.reporting), periods))
    return YearCalendar(year, calendar.year(year), out)
