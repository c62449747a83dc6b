"""Working days in Vietnam: which days the Office works, as the law and the Government's letters say.

Saturdays and Sundays are days off; so are the public holidays of the Labour Code
(Tết included), which the `holidays` package knows, with the swaps it knows of. The
Government announces further swaps each year, late (Tết in October, New Year in
December): a bridge day off, worked back on a Saturday. Those come from a table
shipped with the package (dancu_cli/data/calendar.yaml) and from the workspace's
plans/calendar.yaml, which the Office fills in the day a swap is announced. A day
named there wins over the `holidays` package.

Importing `holidays` and building its VN calendar costs about 150 ms, more than the
rest of a command. So what the package says of the years offices work with is shipped
as a table (dancu_cli/data/holidays-vn.json, made by tools/make_holiday_table.py from
`holidays_from_package`); a year outside the table, or a table that cannot be read,
asks the package itself, so the answers are the same either way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from .models.calendar import OfficialDay

ONE_DAY = timedelta(days=1)
WEEKDAY_LABELS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
LABOUR_CODE = "Bộ luật Lao động 2019, Điều 112"
SWAP_NOTICE = "Thông báo hoán đổi ngày làm việc của Chính phủ"


# Made by tools/make_holiday_table.py; rerun it when a new `holidays` release changes an answer.
HOLIDAY_TABLE = "data/holidays-vn.json"
# The package's data folder (a wheel installs it as plain files).
PACKAGE_DIR = Path(__file__).resolve().parent.parent
OFFICIAL_DAYS = "data/calendar.yaml"


@lru_cache(maxsize=1)
def _vn_holidays():
    import holidays

    # With no years given the calendar fills in each year as it is asked about.
    return holidays.country_holidays("VN", language="vi")


@dataclass(frozen=True)
class HolidayYear:
    """One year of the `holidays` VN calendar: each holiday with its names, and the weekend days worked."""

    holidays: dict[date, tuple[str, ...]]
    weekend_workdays: frozenset[date]


def holidays_from_package(year: int) -> HolidayYear:
    """What the `holidays` package says of `year`. The table is made from this, and years outside it ask it."""
    calendar = _vn_holidays()
    calendar.get(date(year, 1, 1))  # loads the year, exchanged Saturdays included
    days = {day: tuple(calendar.get_list(day)) for day in sorted(calendar) if day.year == year}
    # A Saturday worked for a bridge day off in another year (27/12/2014 for 02/01/2015) is always in the
    # set; one worked within its own year joins it when that year is loaded, as above.
    worked = frozenset(day for day in getattr(calendar, "weekend_workdays", ()) if day.year == year)
    return HolidayYear(days, worked)


def holiday_table_file():
    return PACKAGE_DIR / HOLIDAY_TABLE


@lru_cache(maxsize=1)
def _holiday_table() -> dict:
    """The table's years by "YYYY"; empty when it is missing or unreadable, and then the package answers."""
    try:
        years = json.loads(holiday_table_file().read_bytes())["years"]
    except (OSError, ValueError, LookupError, TypeError):
        return {}
    return years if isinstance(years, dict) else {}


def _year_from_table(year: int, entry) -> HolidayYear:
    """The table's entry for `year`; ValueError (or TypeError) unless it is exactly of the table's shape."""
    days: dict[date, tuple[str, ...]] = {}
    for text, names in entry["holidays"].items():
        if not (isinstance(names, list) and names and all(isinstance(name, str) and name for name in names)):
            raise ValueError(f"{year}: {text}")
        days[date.fromisoformat(text)] = tuple(names)
    worked = frozenset(date.fromisoformat(text) for text in entry["weekend_workdays"])
    if any(day.year != year for day in (*days, *worked)) or any(day.weekday() < 5 for day in worked):
        raise ValueError(f"{year}: a day of another year, or a weekday among the weekend days worked")
    return HolidayYear(days, worked)


@lru_cache(maxsize=None)
def holiday_year(year: int) -> HolidayYear:
    """The statutory holidays and exchanged weekend days of `year`: from the shipped table, else the package."""
    entry = _holiday_table().get(str(year))
    if entry is not None:
        try:
            return _year_from_table(year, entry)
        except (ValueError, TypeError, LookupError, AttributeError):
            pass  # a damaged entry is never trusted: the package gives the same answer, only slower
    return holidays_from_package(year)


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
        statutory = holiday_year(day.year)
        if day.weekday() >= 5:
            # A Saturday worked in exchange for a bridge day off (26/04/2025 for 02/05/2025) is a working day.
            return day in statutory.weekend_workdays
        return day not in statutory.holidays

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
        statutory = holiday_year(year)
        out: list[CalendarDay] = []
        day = date(year, 1, 1)
        while day.year == year:
            official = self.days.get(day)
            if official is not None:
                out.append(CalendarDay(day, official.kind == "working_day", official.name, official.reference))
            elif day in statutory.holidays:
                # Statutory holidays on a weekend too: the official announcements list them all.
                name = "; ".join(statutory.holidays[day])
                out.append(CalendarDay(day, False, name, SWAP_NOTICE if "thay cho" in name else LABOUR_CODE))
            elif day.weekday() >= 5 and self.is_working_day(day):
                out.append(CalendarDay(day, True, "Ngày làm bù", SWAP_NOTICE))
            day += ONE_DAY
        return out


def load_official_days() -> list[OfficialDay]:
    """The swaps shipped with the package (dancu_cli/data/calendar.yaml)."""
    import yaml

    from .models.calendar import CalendarFile

    text = (PACKAGE_DIR / OFFICIAL_DAYS).read_text(encoding="utf-8")
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
