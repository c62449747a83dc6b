"""The reporting calendar: period bounds, working days, due dates, periods over a plan's window."""

from __future__ import annotations

from datetime import date

import pytest

from dancu_cli.core.calendar import is_working_day, working_days_after
from dancu_cli.core.periods import bounds, plan_periods
from dancu_cli.core.dates import Period, format_date, parse_date
from dancu_cli.core.workspace import load_workspace

from conftest import PLAN_ID, run
from deadline_helpers import command_json, write_plan


def d(text: str) -> date:
    return parse_date(text)


@pytest.mark.parametrize(
    "period, start, end",
    [
        # Decree 09/2019/NĐ-CP: from the 15th of the month before the period to the 14th of its last month.
        (Period(2026, "month", 1), "15/12/2025", "14/01/2026"),
        (Period(2026, "month", 7), "15/06/2026", "14/07/2026"),
        (Period(2026, "quarter", 1), "15/12/2025", "14/03/2026"),
        (Period(2025, "quarter", 4), "15/09/2025", "14/12/2025"),
        (Period(2026, "half", 1), "15/12/2025", "14/06/2026"),
        (Period(2026, "half", 2), "15/06/2026", "14/12/2026"),
        (Period(2026, "year", 1), "15/12/2025", "14/12/2026"),
    ],
)
def test_decree_09_bounds(period, start, end):
    assert bounds(period, "decree_09") == (d(start), d(end))


def test_calendar_bounds():
    assert bounds(Period(2025, "quarter", 4), "calendar") == (d("01/10/2025"), d("31/12/2025"))
    assert bounds(Period(2026, "month", 2), "calendar") == (d("01/02/2026"), d("28/02/2026"))


def test_working_days_from_the_holidays_package():
    assert not is_working_day(d("01/01/2026"))  # Tết Dương lịch
    assert not is_working_day(d("17/02/2026"))  # Mùng 1 Tết Bính Ngọ
    assert not is_working_day(d("02/05/2025"))  # day off exchanged for Saturday 26/04/2025 ...
    assert is_working_day(d("26/04/2025"))  # ... which was therefore a working day
    assert not is_working_day(d("03/01/2026"))  # a plain Saturday
    assert is_working_day(d("05/01/2026"))  # a plain Monday


def test_new_year_2026_swap_from_the_official_table():
    # Letter 12729/VPCP-KGVX of 25/12/2025: Friday 02/01/2026 off, worked back on Saturday 10/01/2026.
    # The `holidays` package knows neither; the package's official table adds both.
    assert not is_working_day(d("02/01/2026"))
    assert is_working_day(d("10/01/2026"))


def test_due_dates_skip_weekends_and_holidays():
    # 31/12/2025 (Wed) + 5 working days: Thu 01/01 is New Year's Day, Fri 02/01 the swapped day off;
    # Mon 05, 06, 07, 08, Fri 09/01.
    assert working_days_after(d("31/12/2025"), 5) == d("09/01/2026")
    # Thu 08/01/2026 + 2 working days: Fri 09, then Saturday 10/01 is worked (make-up day for 02/01).
    assert working_days_after(d("08/01/2026"), 2) == d("10/01/2026")
    # With 0 days a due date on a day off moves to the next working day: Sat 14/03/2026 -> Mon 16/03/2026.
    assert working_days_after(d("14/03/2026"), 0) == d("16/03/2026")
    # Tết 2026 per the `holidays` VN calendar: Mon 16/02 (Giao thừa) to Fri 20/02. Mùng 1 (17/02) -> Mon 23/02.
    assert working_days_after(d("17/02/2026"), 0) == d("23/02/2026")


def test_shipped_plan_has_only_q4_2025(workspace):
    ws = load_workspace(workspace)
    periods = plan_periods(ws.plans[PLAN_ID])
    assert [(p.key, format_date(p.start), format_date(p.end), format_date(p.due)) for p in periods] == [
        ("2025-Q4", "01/10/2025", "31/12/2025", "09/01/2026"),
    ]


def _periods(root, plan_id):
    ws = load_workspace(root)
    assert ws.ok, ws.problems
    return [(p.key, format_date(p.start), format_date(p.end), format_date(p.due)) for p in plan_periods(ws.plans[plan_id])]


def test_multi_year_plan_quarterly_by_calendar(workspace):
    write_plan(workspace, "9-KH-DAINHAN", ends_on="2026-12-31")
    # Each due date is 5 working days after the quarter's last day:
    # Tue 31/03/2026 -> Wed 01, Thu 02, Fri 03, Mon 06, Tue 07/04 (Giỗ Tổ 2026 is 26/04, observed 27/04).
    # Tue 30/06/2026 -> Wed 01, Thu 02, Fri 03, Mon 06, Tue 07/07.
    # Wed 30/09/2026 -> Thu 01, Fri 02, Mon 05, Tue 06, Wed 07/10.
    # Thu 31/12/2026 -> 01/01/2027 is a holiday; Mon 04, 05, 06, 07, Fri 08/01/2027.
    # Wed 31/12/2025 -> Thu 01/01 and Fri 02/01/2026 are off (official swap); Mon 05 ... Fri 09/01/2026.
    assert _periods(workspace, "9-KH-DAINHAN") == [
        ("2025-Q4", "01/10/2025", "31/12/2025", "09/01/2026"),
        ("2026-Q1", "01/01/2026", "31/03/2026", "07/04/2026"),
        ("2026-Q2", "01/04/2026", "30/06/2026", "07/07/2026"),
        ("2026-Q3", "01/07/2026", "30/09/2026", "07/10/2026"),
        ("2026-Q4", "01/10/2026", "31/12/2026", "08/01/2027"),
    ]


def test_multi_year_plan_quarterly_by_decree_09(workspace):
    write_plan(workspace, "9-KH-DAINHAN", ends_on="2026-12-31", cutoff="decree_09")
    # The window 04/11/2025 - 31/12/2026 touches six cut-off quarters, the last one 2027-Q1 (from 15/12/2026).
    # Sun 14/12/2025 -> Mon 15, 16, 17, 18, Fri 19/12.   Sat 14/03/2026 -> Mon 16 ... Fri 20/03.
    # Sun 14/06/2026 -> Mon 15 ... Fri 19/06.             Mon 14/09/2026 -> Tue 15 ... Fri 18, Mon 21/09.
    # Mon 14/12/2026 -> Tue 15 ... Fri 18, Mon 21/12.     Sun 14/03/2027 -> Mon 15 ... Fri 19/03.
    assert _periods(workspace, "9-KH-DAINHAN") == [
        ("2025-Q4", "15/09/2025", "14/12/2025", "19/12/2025"),
        ("2026-Q1", "15/12/2025", "14/03/2026", "20/03/2026"),
        ("2026-Q2", "15/03/2026", "14/06/2026", "19/06/2026"),
        ("2026-Q3", "15/06/2026", "14/09/2026", "21/09/2026"),
        ("2026-Q4", "15/09/2026", "14/12/2026", "21/12/2026"),
        ("2027-Q1", "15/12/2026", "14/03/2027", "19/03/2027"),
    ]


def test_quarterly_due_date_moved_past_tet(workspace):
    write_plan(workspace, "9-KH-DAINHAN", ends_on="2026-12-31", due_working_days=32)
    # 32 working days after Wed 31/12/2025: Thu 01/01 and Fri 02/01 are off; Mon 05 to Fri 09/01 are the
    # 1st to 5th, Saturday 10/01 (make-up day) the 6th, the weeks of 12, 19, 26/01 and 02, 09/02 give the
    # 7th to the 31st (Fri 13/02).
    # Mon 16/02 to Fri 20/02 is Tết Bính Ngọ (Giao thừa to mùng 4 in the `holidays` VN calendar),
    # so the 32nd working day is Mon 23/02/2026, a week later than without Tết (16/02).
    assert _periods(workspace, "9-KH-DAINHAN")[0] == ("2025-Q4", "01/10/2025", "31/12/2025", "23/02/2026")


def test_monthly_due_date_moved_past_tet_2027(workspace):
    write_plan(workspace, "9-KH-DAINHAN", ends_on="2027-03-31", frequency="monthly")
    # January 2027 ends on Sunday 31/01. Mon 01/02, Tue 02, Wed 03 are the 1st to 3rd working days;
    # Thu 04 to Wed 10/02 is Tết Đinh Mùi (with a weekend inside), so Thu 11/02 is the 4th and Fri 12/02 the 5th.
    periods = dict((key, due) for key, _, _, due in _periods(workspace, "9-KH-DAINHAN"))
    assert periods["2027-01"] == "12/02/2027"
    assert list(periods)[0] == "2025-11" and list(periods)[-1] == "2027-03"


def test_status_json_lists_the_periods(workspace):
    write_plan(workspace, "9-KH-DAINHAN", ends_on="2026-12-31", cutoff="decree_09")
    doc = command_json(workspace, "status", "--as-of", "2026-05-01")
    assert doc["periods"] == ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1"]
    # The latest period started by 01/05/2026 is the cut-off quarter 2026-Q2 (from 15/03/2026).
    assert doc["period"] == {"key": "2026-Q2", "label": "quý II năm 2026", "start": "2026-03-15",
                             "end": "2026-06-14", "due": "2026-06-19"}


@pytest.mark.parametrize("typed", ["2025-12-31", "31/12/2025", "31-12-2025"])
def test_dates_typed_either_way(typed):
    assert parse_date(typed) == date(2025, 12, 31)
    assert format_date(parse_date(typed)) == "31/12/2025"


def test_as_of_accepts_both_forms_and_prints_vietnamese(workspace):
    iso = run("overdue", "--as-of", "2026-01-15", root=workspace)
    vn = run("overdue", "--as-of", "15/01/2026", root=workspace)
    assert iso.output == vn.output
    assert "09/01/2026" in vn.output and "2026-01-09" not in vn.output


def test_bad_as_of_is_a_usage_error(workspace):
    result = run("overdue", "--as-of", "31/02/2026", root=workspace)
    assert result.exit_code == 2
    assert "Ngày 31/02/2026 không tồn tại" in result.output
    assert "Traceback" not in result.output
