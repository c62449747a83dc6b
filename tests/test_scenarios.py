"""Three plans written for these tests, with periods, due dates and overdue rows worked out by hand.

Working days: Saturdays, Sundays, the holidays of the Labour Code (Tết Đinh Mùi 2027 is Thu 04/02 to
Wed 10/02/2027, Giỗ Tổ 2027 is Fri 16/04/2027) and the official swaps. A due date on a day off runs to the
next working day.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

from conftest import REPO, run
from deadline_helpers import overdue_rows, write_report


def plan(plan_id: str, window: tuple[str, str], reporting: dict, tasks: list[dict]) -> dict:
    return {
        "id": plan_id,
        "document": {"type": "Kế hoạch", "number": plan_id.split("-")[0], "code": "KH-SKHCN", "place": "Quảng Ngãi",
                     "issued_on": "2025-12-01", "title": "Kế hoạch thử nghiệm"},
        "issuer": {"name": "Sở Khoa học và Công nghệ"},
        "tasks": [{"number": n, "heading": f"Nhiệm vụ {n}", **t} for n, t in enumerate(tasks, 1)],
        "window": {"starts_on": window[0], "ends_on": window[1]},
        "reporting": {"through": "van-phong-so", **reporting},
        "recipients": ["Lưu: VT"],
        "signer": {"title": "GIÁM ĐỐC", "name": "Nguyễn Văn A"},
    }


def workspace_with(tmp_path: Path, data: dict) -> Path:
    (tmp_path / "plans").mkdir()
    shutil.copy(REPO / "plans" / "units.yaml", tmp_path / "plans" / "units.yaml")
    (tmp_path / "plans" / f"{data['id']}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                                            encoding="utf-8")
    assert run("validate", root=tmp_path, env={"DANCU_TODAY": "2025-12-20"}).exit_code == 0
    return tmp_path


def periods(root: Path, year: str) -> list[tuple[str, str, str, str]]:
    doc = json.loads(run("calendar", year, "--format", "json", root=root).stdout)
    return [(p["key"], p["start"], p["end"], p["due"]) for p in doc["plans"][0]["periods"]]


def rows(root: Path, as_of: str) -> list[tuple]:
    return sorted((r["row_kind"], r["task"], r["unit"], r["period"], r["due"], r["days_overdue"])
                  for r in overdue_rows(root, "--as-of", as_of))


REGULAR = {"text": "Thường xuyên", "kind": "regular"}

MONTHLY = plan("11-KH-THANG", ("2027-01-01", "2027-03-31"),
               {"frequency": "monthly", "cutoff": "decree_09", "due_working_days": 3, "owing_roles": ["lead"]},
               [{"lead": "van-phong-so", "timeframe": REGULAR},
                # Mon 08/02/2027 is mùng 3 Tết; Tue 09 and Wed 10 are off too: due Thu 11/02/2027.
                {"lead": "phong-ke-hoach-tai-chinh",
                 "timeframe": {"text": "Trước ngày 08/02/2027", "kind": "deadline", "due": "2027-02-08"}},
                # Sun 28/02/2027: due Mon 01/03/2027.
                {"lead": "phong-chuyen-doi-so",
                 "timeframe": {"text": "Trước ngày 28/02/2027", "kind": "deadline", "due": "2027-02-28"}}])


def test_monthly_decree_09_periods_and_due_dates(tmp_path):
    root = workspace_with(tmp_path, MONTHLY)
    # Window 01/01 - 31/03/2027 overlaps four cut-off months, the last one 15/03 - 14/04/2027.
    # 3 working days after: Thu 14/01 -> Fri 15, Mon 18, Tue 19/01; Sun 14/02 -> Mon 15, 16, Wed 17/02;
    # Sun 14/03 -> Mon 15, 16, Wed 17/03; Wed 14/04 -> Thu 15, (Fri 16 Giỗ Tổ), Mon 19, Tue 20/04/2027.
    assert periods(root, "2027") == [
        ("2027-01", "2026-12-15", "2027-01-14", "2027-01-19"),
        ("2027-02", "2027-01-15", "2027-02-14", "2027-02-17"),
        ("2027-03", "2027-02-15", "2027-03-14", "2027-03-17"),
        ("2027-04", "2027-03-15", "2027-04-14", "2027-04-20"),
    ]


def test_monthly_overdue_rows_with_deadlines_in_tet_and_on_a_sunday(tmp_path):
    root = workspace_with(tmp_path, MONTHLY)
    # As of Thu 25/02/2027, nothing received. Only leads owe reports. Task 2 (deadline 08/02) is reported on in
    # the periods starting by then: 2027-01, 2027-02; task 3 (28/02): 2027-01, 2027-02, 2027-03.
    # Past due: 2027-01 (19/01: 37 days), 2027-02 (17/02: 8 days). Task 2's completion was due Thu 11/02 (14 days);
    # task 3's is due Mon 01/03, not yet.
    assert rows(root, "2027-02-25") == sorted([
        ("missing", 1, "van-phong-so", "2027-01", "2027-01-19", 37),
        ("missing", 2, "phong-ke-hoach-tai-chinh", "2027-01", "2027-01-19", 37),
        ("missing", 3, "phong-chuyen-doi-so", "2027-01", "2027-01-19", 37),
        ("missing", 1, "van-phong-so", "2027-02", "2027-02-17", 8),
        ("missing", 2, "phong-ke-hoach-tai-chinh", "2027-02", "2027-02-17", 8),
        ("missing", 3, "phong-chuyen-doi-so", "2027-02", "2027-02-17", 8),
        ("deadline", 2, "phong-ke-hoach-tai-chinh", "2027-02", "2027-02-11", 14),
    ])
    # On Tue 02/03/2027 task 3's completion (due Mon 01/03) is one day over.
    assert ("deadline", 3, "phong-chuyen-doi-so", "2027-03", "2027-03-01", 1) in rows(root, "2027-03-02")


HALF_YEARLY = plan("12-KH-6THANG", ("2026-01-01", "2026-12-31"),
                   {"frequency": "half_yearly", "cutoff": "calendar", "due_working_days": 5, "owing_roles": ["lead"]},
                   [{"lead": "cac-don-vi-su-nghiep", "coordinating": ["van-phong-so"], "timeframe": REGULAR}])


def test_half_yearly_lead_only_with_a_group_as_lead(tmp_path):
    root = workspace_with(tmp_path, HALF_YEARLY)
    # Tue 30/06/2026 -> Wed 01, Thu 02, Fri 03, Mon 06, Tue 07/07/2026.
    # Thu 31/12/2026 -> Fri 01/01/2027 is New Year's Day; Mon 04, 05, 06, 07, Fri 08/01/2027.
    assert periods(root, "2026") == [
        ("2026-H1", "2026-01-01", "2026-06-30", "2026-07-07"),
        ("2026-H2", "2026-07-01", "2026-12-31", "2027-01-08"),
    ]
    # The group is the two service units; Văn phòng Sở only coordinates, and only leads owe reports.
    write_report(root, "trung-tam-ung-dung-va-thu-nghiem-khoa-hoc-va-cong-nghe", {1: "dang-thuc-hien"},
                 period="2026-H1", plan="12-KH-6THANG", received_on="2026-07-06")
    assert rows(root, "2026-07-10") == [
        ("missing", 1, "trung-tam-cong-nghe-thong-tin-va-truyen-thong", "2026-H1", "2026-07-07", 3)]


YEARLY = plan("13-KH-NAM", ("2026-07-01", "2028-06-30"),
              {"frequency": "yearly", "cutoff": "calendar", "due_day_of_next_month": 15, "owing_roles": ["lead"]},
              [{"lead": "van-phong-so", "timeframe": REGULAR}])


def test_yearly_window_starting_mid_year(tmp_path):
    root = workspace_with(tmp_path, YEARLY)
    # Window 01/07/2026 - 30/06/2028 touches the years 2026, 2027 and 2028. Due by the 15th of January after:
    # Fri 15/01/2027; Sat 15/01/2028 -> Mon 17/01/2028; Mon 15/01/2029.
    assert periods(root, "2027") == [("2026", "2026-01-01", "2026-12-31", "2027-01-15"),
                                     ("2027", "2027-01-01", "2027-12-31", "2028-01-17")]
    assert periods(root, "2028")[-1] == ("2028", "2028-01-01", "2028-12-31", "2029-01-15")
    assert rows(root, "2027-01-20") == [("missing", 1, "van-phong-so", "2026", "2027-01-15", 5)]
    # A report for 2025 is refused, naming the plan's first year.
    added = run("report", "add", "--unit", "VP", "--period", "2025", "--task", "1", "--status", "đang thực hiện",
                "--results", "x", root=root, env={"DANCU_TODAY": "2027-01-10"})
    assert added.exit_code == 1 and "Có phải ý bạn là kỳ 2026 (năm 2026: 01/01/2026 – 31/12/2026)?" in added.output
