"""Working days in Vietnam: which days the Office works, as the law and the Government's letters say.

Saturdays and Sundays are days off; so are the public holidays of the Labour Code
(Tết included), which the `holidays` package knows, with the swaps it knows of. The
Government announces further swaps each year, late (Tết in October, New Year in
December): a bridge day off, worked back on a Saturday. Those come from a table
shipped with the package (dancu_cli/data/calendar.yaml) and from the workspace's
plans/calendar.yaml, which the Office fills in the day a swap is announced. A day
named there wins over the `holidays` package.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Iterable

from .models.calendar import OfficialDay

ONE_DAY = timedelta(days=1)
WEEKDAY_LABELS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
LABOUR_CODE = "Bộ luật Lao động 2019, Điều 112"
SWAP_NOTICE = "Thông báo hoán đổi ngày làm việc của Chính phủ"


@lru_cache(maxsize=1)
def _vn_holidays():
    import holidays

    # With no years given the calendar fills in each year as it is asked about.
    return holidays.country_holidays("VN", language="vi")


@dataclass(frozen=True)
class CalendarDay:
    """A day that is not what its weekday says: a holiday or day off on a weekday, or a weekend day worked."""

    day: date
    working: bool
    name: str
    reference: str  # the announcing document, or the Labour Code for a statutory holiday

    @property
    def weekday(self) -> str:
        return WEEKDAY_LABELS[self.day.weekday()]


class WorkCalendar:
    """The `holidays` VN calendar with official days laid over it (later days win over earlier ones)."""

    def __init__(self, days: Iterable[OfficialDay] = ()):
        self.days: dict[date, OfficialDay] = {}
        for day in days:
            self.days[day.date] = day

    def with_days(self, days: Iterable[OfficialDay]) -> "WorkCalendar":
        return WorkCalendar([*self.days.values(), *days])

    def is_working_day(self, day: date) -> bool:
        official = self.days.get(day)
        if official is not None:
            return official.kind == "working_day"
        calendar = _vn_holidays()
        off = day in calendar  # looking a day up also loads its year, exchanged Saturdays included
        if day.weekday() >= 5:
            # A Saturday worked in exchange for a bridge day off (26/04/2025 for 02/05/2025) is a working day.
            return day in getattr(calendar, "weekend_workdays", ())
        return not off

    def next_working_day(self, day: date) -> date:
        """`day` itself when it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += ONE_DAY
        return day

    def working_days_after(self, day: date, count: int) -> date:
        """The `count`-th working day after `day`; with 0, `day` moved to a working day."""
        for _ in range(count):
            day = self.next_working_day(day + ONE_DAY)
        return self.next_working_day(day)

    def working_days_between(self, after: date, until: date) -> int:
        """Working days d with after < d <= until."""
        count, day = 0, after + ONE_DAY
        while day <= until:
            count += self.is_working_day(day)
            day += ONE_DAY
        return count

    def year(self, year: int) -> list[CalendarDay]:
        """The year's days off other than plain weekends, and its weekend days worked, in date order."""
        calendar = _vn_holidays()
        calendar.get(date(year, 1, 1))  # loads the year
        out: list[CalendarDay] = []
        day = date(year, 1, 1)
        while day.year == year:
            official = self.days.get(day)
            if official is not None:
                out.append(CalendarDay(day, official.kind == "working_day", official.name, official.reference))
            elif day in calendar:
                # Statutory holidays on a weekend too: the official announcements list them all.
                name = "; ".join(calendar.get_list(day))
                out.append(CalendarDay(day, False, name, SWAP_NOTICE if "thay cho" in name else LABOUR_CODE))
            elif day.weekday() >= 5 and self.is_working_day(day):
                out.append(CalendarDay(day, True, "Ngày làm bù", SWAP_NOTICE))
            day += ONE_DAY
        return out


def load_official_days() -> list[OfficialDay]:
    """The swaps shipped with the package (dancu_cli/data/calendar.yaml)."""
    import yaml

    from .models.calendar import CalendarFile

    text = resources.files("dancu_cli").joinpath("data/calendar.yaml").read_text(encoding="utf-8")
    shipped, _ = CalendarFile.parse(yaml.safe_load(text))
    return shipped.days


@lru_cache(maxsize=1)
def official_calendar() -> WorkCalendar:
    """The calendar with the package's official swaps; a workspace adds its own with `with_days`."""
    return WorkCalendar(load_official_days())


def is_working_day(day: date) -> bool:
    return official_calendar().is_working_day(day)


def next_working_day(day: date) -> date:
    return official_calendar().next_working_day(day)


def working_days_after(day: date, count: int) -> date:
    return official_calendar().working_days_after(day, count)
