"""The reporting calendar: which periods a plan reports on, what days each covers, when each report is due.

Periods are cut either by the calendar or by the data cut-off dates of Decree
09/2019/NĐ-CP (art. 12): a period's data runs from the 15th of the month before
it to the 14th of its last month. A report is due a number of working days
after its period ends; Saturdays, Sundays and Vietnamese public holidays (Tết
included) are not working days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property, lru_cache

from .dates import Period, format_date
from .models.plan import PERIOD_KIND, Plan

PERIODS_A_YEAR = {"month": 12, "quarter": 4, "half": 2, "year": 1}
ONE_DAY = timedelta(days=1)


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


def bounds(period: Period, cutoff: str) -> tuple[date, date]:
    """First and last day of the data a period's report covers."""
    if cutoff == "calendar":
        return period.start, period.end
    first, last = period.months
    start = date(period.year, first - 1, 15) if first > 1 else date(period.year - 1, 12, 15)
    return start, date(period.year, last, 14)


@lru_cache(maxsize=1)
def _vn_holidays():
    import holidays

    # With no years given the calendar fills in each year as it is asked about.
    return holidays.country_holidays("VN")


def is_working_day(day: date) -> bool:
    calendar = _vn_holidays()
    off = day in calendar  # looking a day up also loads its year, exchanged Saturdays included
    if day.weekday() >= 5:
        # A Saturday worked in exchange for a bridge day off (26/04/2025 for 02/05/2025) is a working day.
        return day in getattr(calendar, "weekend_workdays", ())
    return not off


def next_working_day(day: date) -> date:
    """`day` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += ONE_DAY
    return day


def working_days_after(day: date, count: int) -> date:
    """The `count`-th working day after `day`; with 0, `day` moved to a working day."""
    for _ in range(count):
        day = next_working_day(day + ONE_DAY)
    return next_working_day(day)


def plan_periods(plan: Plan) -> list[ReportingPeriod]:
    """The plan's reporting periods, in order: every period whose data overlaps the plan's window."""
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
                out.append(ReportingPeriod(period, start, end, working_days_after(end, settings.due_working_days)))
    return out


def period_of(periods: list[ReportingPeriod], day: date) -> ReportingPeriod | None:
    return next((p for p in periods if p.covers(day)), None)
