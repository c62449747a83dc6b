"""The shipped holiday table (dancu_cli/data/holidays-vn.json) answers as the `holidays` package would.

Commands read the table instead of importing `holidays` (about 150 ms each time); a year
outside the table, or a table that cannot be read, asks the package. Expected days off
below are from the Labour Code 2019 (Điều 112) and the Government's announcements:
- Tết Bính Ngọ 2026: civil servants off Saturday 14/02 to Sunday 22/02/2026 (weekdays Mon 16 to Fri 20/02).
- Quốc khánh 2025: Monday 01/09 and Tuesday 02/09/2025 off (with the weekend, 30/08 to 02/09).
- 30/4 and 1/5 2025: Wednesday 30/04, Thursday 01/05 off; Friday 02/05 off in exchange for Saturday 26/04/2025.
- 2013 (Labour Code 2012, a year before the table): Monday 29/04/2013 off in exchange for Saturday
  04/05/2013; Quốc khánh one day, Monday 02/09/2013.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import pytest

import dancu_cli.core.calendar as cal
from conftest import REPO, run

TABLE = REPO / "src" / "dancu_cli" / "data" / "holidays-vn.json"
TOOL = REPO / "tools" / "make_holiday_table.py"
RERUN = "rerun `python tools/make_holiday_table.py` and commit src/dancu_cli/data/holidays-vn.json"


def load_tool():
    spec = importlib.util.spec_from_file_location("make_holiday_table", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def table() -> dict:
    return json.loads(TABLE.read_text(encoding="utf-8"))


def days(start: date, end: date):
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)


@pytest.fixture
def fresh_tables():
    """Forget the table and the years read from it, before and after the test."""
    cal._holiday_table.cache_clear()
    cal.holiday_year.cache_clear()
    yield
    cal._holiday_table.cache_clear()
    cal.holiday_year.cache_clear()


@pytest.fixture
def without_package(fresh_tables, monkeypatch):
    """Any question put to the `holidays` package fails the test: the answers must come from the table."""
    def refuse():
        raise AssertionError("the holidays package was asked")

    monkeypatch.setattr(cal, "_vn_holidays", refuse)


@pytest.fixture
def package_years(fresh_tables, monkeypatch):
    """The years the `holidays` package is asked about."""
    asked: list[int] = []
    real = cal.holidays_from_package

    def spy(year: int):
        asked.append(year)
        return real(year)

    monkeypatch.setattr(cal, "holidays_from_package", spy)
    return asked


# --- (1) the table is what the installed `holidays` package says -------------------------------------------

def test_table_matches_the_installed_holidays_package():
    import holidays

    shipped = table()
    first, last = shipped["first_year"], shipped["last_year"]
    assert first <= 2015 and last >= 2045
    assert sorted(shipped["years"]) == [str(year) for year in range(first, last + 1)]
    package = holidays.country_holidays("VN", language="vi", years=range(first, last + 1))
    differences = []
    for year in range(first, last + 1):
        entry = shipped["years"][str(year)]
        expected = {day.isoformat(): package.get_list(day) for day in sorted(package) if day.year == year}
        worked = sorted(day.isoformat() for day in package.weekend_workdays if day.year == year)
        for key in sorted(expected.keys() | entry["holidays"].keys()):
            if expected.get(key) != entry["holidays"].get(key):
                differences.append(f"{key}: package {expected.get(key)}, table {entry['holidays'].get(key)}")
        if worked != entry["weekend_workdays"]:
            differences.append(f"{year} weekend days worked: package {worked}, table {entry['weekend_workdays']}")
    assert not differences, (
        f"holidays {holidays.__version__} no longer gives what the table (made from holidays "
        f"{shipped['holidays_version']}) says; {RERUN}:\n" + "\n".join(differences[:20]))


def test_every_working_day_of_the_range_is_the_packages(without_package):
    # The same question the calendar put to the package before the table: off, and for a weekend day,
    # worked in exchange. Asked of the package directly, of the table through WorkCalendar.
    import holidays

    shipped = table()
    package = holidays.country_holidays("VN", language="vi")
    calendar = cal.WorkCalendar()  # the package's calendar alone, without the official swaps
    wrong = []
    for day in days(date(shipped["first_year"], 1, 1), date(shipped["last_year"], 12, 31)):
        off = day in package
        expected = day in package.weekend_workdays if day.weekday() >= 5 else not off
        if calendar.is_working_day(day) != expected:
            wrong.append(day.isoformat())
    assert not wrong, f"working days differ from the holidays package on {wrong[:10]}; {RERUN}"


def test_table_is_deterministic_compact_nfc():
    text = TABLE.read_text(encoding="utf-8")
    assert text == load_tool().render(json.loads(text)), f"the table is not in the tool's form; {RERUN}"
    assert unicodedata.is_normalized("NFC", text)
    assert "\r" not in text and len(TABLE.read_bytes()) < 40_000
    assert table()["holidays_version"]  # the `holidays` release it was made from


# --- hand-known days, answered from the table alone ----------------------------------------------------------

def working(first: str, last: str) -> dict[str, bool]:
    calendar = cal.WorkCalendar()
    return {day.strftime("%d/%m"): calendar.is_working_day(day)
            for day in days(date.fromisoformat(first), date.fromisoformat(last))}


def test_tet_2026_from_the_table(without_package):
    # Off Saturday 14/02 to Sunday 22/02/2026; Friday 13/02 and Monday 23/02 are worked.
    assert working("2026-02-13", "2026-02-23") == {
        "13/02": True, "14/02": False, "15/02": False, "16/02": False, "17/02": False, "18/02": False,
        "19/02": False, "20/02": False, "21/02": False, "22/02": False, "23/02": True}


def test_national_day_and_may_day_2025_from_the_table(without_package):
    assert working("2025-08-29", "2025-09-03") == {
        "29/08": True, "30/08": False, "31/08": False, "01/09": False, "02/09": False, "03/09": True}
    assert working("2025-04-25", "2025-05-05") == {
        "25/04": True, "26/04": True, "27/04": False, "28/04": True, "29/04": True, "30/04": False,
        "01/05": False, "02/05": False, "03/05": False, "04/05": False, "05/05": True}


def test_calendar_command_2026_from_the_table(without_package, workspace):
    result = run("calendar", "2026", "--format", "json", root=workspace)
    assert result.exit_code == 0, result.output
    listed = {d["date"]: d for d in json.loads(result.stdout)["days"]}
    assert [d for d in listed if "2026-02-14" <= d <= "2026-02-22"] == [
        "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"]  # weekends are not listed
    assert listed["2026-02-17"] == {"date": "2026-02-17", "weekday": "Thứ Ba", "working": False,
                                    "name": "Tết Nguyên Đán", "reference": "Bộ luật Lao động 2019, Điều 112"}


# --- (2) no command imports `holidays` for a year in the table ------------------------------------------------

PROBE = """
import sys
sys.argv = ["dancu", "--root", {root!r}, *{args!r}]
from dancu_cli.cli import main
try:
    main()
except SystemExit as exit:
    print("EXIT:", exit.code)
print("HOLIDAYS:", "holidays" in sys.modules)
"""


@pytest.mark.parametrize("args, shown", [
    (["overdue", "--as-of", "2026-01-20"], "09/01/2026"),  # Q4/2025 due Friday 09/01/2026
    (["upcoming", "--as-of", "2026-01-05"], "09/01/2026"),
    (["calendar", "2026"], "Giao thừa Tết Nguyên Đán"),
])
def test_commands_do_not_import_holidays(workspace, args, shown):
    result = subprocess.run([sys.executable, "-c", PROBE.format(root=str(workspace), args=args)],
                            capture_output=True, text=True, encoding="utf-8")
    assert shown in result.stdout, result.stdout + result.stderr
    assert "HOLIDAYS: False" in result.stdout, f"{args} imported holidays"


def test_a_year_outside_the_table_imports_holidays(workspace):
    result = subprocess.run([sys.executable, "-c", PROBE.format(root=str(workspace), args=["calendar", "2013"])],
                            capture_output=True, text=True, encoding="utf-8")
    assert "02/09/2013" in result.stdout and "HOLIDAYS: True" in result.stdout, result.stdout + result.stderr


# --- (3) a year outside the table is the package's -----------------------------------------------------------

def test_year_before_the_table_from_the_package(package_years, workspace):
    assert working("2013-04-27", "2013-05-06") == {
        "27/04": False, "28/04": False, "29/04": False, "30/04": False, "01/05": False, "02/05": True,
        "03/05": True, "04/05": True, "05/05": False, "06/05": True}
    assert working("2013-09-01", "2013-09-03") == {"01/09": False, "02/09": False, "03/09": True}
    assert package_years == [2013]
    result = run("calendar", "2013", "--format", "json", root=workspace)
    assert result.exit_code == 0, result.output
    listed = {d["date"]: d["working"] for d in json.loads(result.stdout)["days"]}
    assert listed["2013-05-04"] is True and listed["2013-04-29"] is False and listed["2013-09-02"] is False


def test_the_years_just_outside_the_table_ask_the_package(package_years):
    shipped = table()
    before, after = shipped["first_year"] - 1, shipped["last_year"] + 1
    cal.WorkCalendar().is_working_day(date(before, 12, 31))
    cal.WorkCalendar().is_working_day(date(shipped["first_year"], 1, 1))
    cal.WorkCalendar().is_working_day(date(shipped["last_year"], 12, 31))
    cal.WorkCalendar().is_working_day(date(after, 1, 1))
    assert package_years == [before, after]


# --- (4) a missing or damaged table: the package answers, the same, without a traceback ---------------------

def damaged_tables() -> dict[str, bytes]:
    good = TABLE.read_bytes()
    entry = table()
    wrong_year = json.loads(good)
    wrong_year["years"]["2026"]["holidays"]["2027-02-17"] = ["Tết Nguyên Đán"]
    weekday_worked = json.loads(good)
    weekday_worked["years"]["2026"]["weekend_workdays"] = ["2026-02-17"]
    bad_date = json.loads(good)
    bad_date["years"]["2026"]["holidays"]["2026-02-30"] = ["Tết"]
    no_names = json.loads(good)
    no_names["years"]["2026"]["holidays"]["2026-02-17"] = []
    return {
        "missing": b"",
        "empty": b"",
        "not utf-8": b"\xff\xfe\x00{\x81",
        "truncated": good[: len(good) // 2],
        "a list": b"[]",
        "years a list": b'{"years": []}',
        "year not an object": json.dumps({**entry, "years": {"2026": 7}}).encode(),
        "no weekend key": json.dumps({**entry, "years": {"2026": {"holidays": {}}}}).encode(),
        "date of another year": json.dumps(wrong_year).encode(),
        "weekday worked": json.dumps(weekday_worked).encode(),
        "impossible date": json.dumps(bad_date).encode(),
        "holiday without a name": json.dumps(no_names).encode(),
    }


def outputs(workspace: Path) -> list[str]:
    out = []
    for args in (["calendar", "2026", "--format", "json"], ["overdue", "--as-of", "2026-01-20"],
                 ["upcoming", "--as-of", "2026-02-12", "--days", "14"], ["calendar", "2025"]):
        result = run(*args, root=workspace)
        assert result.exit_code in (0, 1) and "Traceback" not in result.output, result.output
        out.append(result.output)
    return out


@pytest.mark.parametrize("damage", list(damaged_tables()))
def test_damaged_table_falls_back_to_the_package(damage, fresh_tables, workspace, tmp_path, monkeypatch):
    expected = outputs(workspace)
    path = tmp_path / "holidays-vn.json"
    if damage != "missing":
        path.write_bytes(damaged_tables()[damage])
    cal._holiday_table.cache_clear()
    cal.holiday_year.cache_clear()
    monkeypatch.setattr(cal, "holiday_table_file", lambda: path)
    assert outputs(workspace) == expected
    # Tết 2026 stays off whatever the table says.
    assert not cal.WorkCalendar().is_working_day(date(2026, 2, 17))
