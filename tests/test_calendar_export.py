"""`dancu calendar export`: the iCalendar feed of due dates, read back with the `icalendar` package.

Due dates hand-computed (5 working days after a period ends; weekends and VN holidays off):
plan 2599, Q4/2025 ends Wed 31/12/2025; 01/01/2026 is a holiday and Fri 02/01 a day off (swapped with
Sat 10/01, Công văn 12729/VPCP-KGVX) → Mon 05, 06, 07, 08, Fri 09/01/2026;
task 5's deadline 31/12/2025 is a Wednesday, a working day.
A monthly copy of the plan to 30/06/2026 (window from 04/11/2025):
  11/2025 ends Sun 30/11 → 01–05/12 → 05/12/2025     12/2025 → 09/01/2026 (as Q4)
  01/2026 ends Sat 31/01 → 02–06/02 → 06/02/2026     02/2026 ends Sat 28/02 → 02–06/03 → 06/03/2026
  03/2026 ends Tue 31/03 → 01, 02, 03, 06, 07/04 → 07/04/2026
  04/2026 ends Thu 30/04 (holiday), 01/05 holiday → 04–08/05 → 08/05/2026
  05/2026 ends Sun 31/05 → 01–05/06 → 05/06/2026     06/2026 ends Tue 30/06 → 01, 02, 03, 06, 07/07 → 07/07/2026
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from conftest import run
from deadline_helpers import write_plan

MONTHLY_DUE = [date(2025, 12, 5), date(2026, 1, 9), date(2026, 2, 6), date(2026, 3, 6), date(2026, 4, 7),
               date(2026, 5, 8), date(2026, 6, 5), date(2026, 7, 7)]


def export(root: Path, out: Path, *args: str) -> Calendar:
    result = run("calendar", "export", "-o", str(out), "--overwrite", *args, root=root)
    assert result.exit_code == 0, result.output
    return Calendar.from_ical(out.read_bytes())


def events(cal: Calendar) -> list:
    return list(cal.walk("VEVENT"))


def test_plan_2599_feed(workspace: Path, tmp_path: Path):
    cal = export(workspace, tmp_path / "han-bao-cao.ics")
    assert str(cal["X-WR-CALNAME"]) == "Hạn báo cáo – Sở Khoa học và Công nghệ"
    found = {(e.decoded("DTSTART"), str(e["SUMMARY"])): e for e in events(cal)}
    assert set(found) == {
        (date(2025, 12, 31), "Hạn hoàn thành nhiệm vụ 5 – KH 2599/KH-SKHCN"),
        (date(2026, 1, 9), "Hạn gửi báo cáo quý IV năm 2025 – KH 2599/KH-SKHCN"),
    }
    report = found[(date(2026, 1, 9), "Hạn gửi báo cáo quý IV năm 2025 – KH 2599/KH-SKHCN")]
    assert report.decoded("DTEND") == date(2026, 1, 10)  # one whole day
    text = str(report["DESCRIPTION"])
    assert text.startswith("Kế hoạch số 2599/KH-SKHCN ngày 04/11/2025 của Sở Khoa học và Công nghệ")
    assert "Kỳ báo cáo: quý IV năm 2025 (01/10/2025 – 31/12/2025)." in text
    assert "Hạn gửi báo cáo qua Văn phòng Sở: 09/01/2026." in text
    assert "- Nhiệm vụ 4: Nâng cao hiệu quả công tác tiếp dân" in text
    assert "Phòng Quản lý khoa học" in text and "TTCNTT" in text
    completion = found[(date(2025, 12, 31), "Hạn hoàn thành nhiệm vụ 5 – KH 2599/KH-SKHCN")]
    assert "Đơn vị báo cáo hoàn thành: VP = Văn phòng Sở." in str(completion["DESCRIPTION"])
    # The alarm: 08:00 three days before (the all-day event starts at 00:00 on the due date).
    for e in events(cal):
        alarms = list(e.walk("VALARM"))
        assert len(alarms) == 1 and str(alarms[0]["ACTION"]) == "DISPLAY"
        trigger = alarms[0].decoded("TRIGGER")
        assert trigger == -timedelta(days=2, hours=16)
        start = datetime.combine(e.decoded("DTSTART"), time(0, 0))
        assert start + trigger == datetime.combine(e.decoded("DTSTART") - timedelta(days=3), time(8, 0))


def test_one_event_per_due_date_with_stable_uids(workspace: Path, tmp_path: Path):
    write_plan(workspace, "30-KH-SKHCN", ends_on="2026-06-30", frequency="monthly")
    first = export(workspace, tmp_path / "a.ics")
    reports = [e for e in events(first) if str(e["SUMMARY"]).startswith("Hạn gửi báo cáo")]
    assert [e.decoded("DTSTART") for e in reports] == MONTHLY_DUE
    assert [str(e["SUMMARY"]) for e in reports][2] == "Hạn gửi báo cáo tháng 1 năm 2026 – KH 30/KH-SKHCN"
    uids = [str(e["UID"]) for e in events(first)]
    assert len(uids) == len(set(uids)) == len(MONTHLY_DUE) + 1  # + task 5's completion
    assert "30-KH-SKHCN.2026-01.bao-cao@dancu" in uids
    # Re-exporting (after another day's work) gives the same UIDs for the same events.
    second = export(workspace, tmp_path / "b.ics")
    assert [str(e["UID"]) for e in events(second)] == uids
    assert [e.decoded("DTSTART") for e in events(second)] == [e.decoded("DTSTART") for e in events(first)]


def test_one_unit_feed(workspace: Path, tmp_path: Path):
    cal = export(workspace, tmp_path / "khtc.ics", "--unit", "KHTC")
    found = events(cal)
    # KHTC owes the quarterly report, not task 5's completion (Văn phòng Sở leads it).
    assert [(e.decoded("DTSTART"), str(e["UID"])) for e in found] == [
        (date(2026, 1, 9), "2599-KH-SKHCN.2025-Q4.bao-cao.phong-ke-hoach-tai-chinh@dancu")]
    assert str(found[0]["SUMMARY"]) == "Hạn gửi báo cáo quý IV năm 2025 (KHTC) – KH 2599/KH-SKHCN"
    assert str(cal["X-WR-CALNAME"]).endswith("– Phòng Kế hoạch - Tài chính")


def test_existing_file_is_kept_unless_asked(workspace: Path, tmp_path: Path):
    out = tmp_path / "han.ics"
    out.write_text("cũ", encoding="utf-8")
    result = run("calendar", "export", "-o", str(out), root=workspace)
    assert result.exit_code == 1 and "--overwrite" in result.stderr
    assert out.read_text(encoding="utf-8") == "cũ"


def test_unknown_unit_is_a_usage_error(workspace: Path, tmp_path: Path):
    result = run("calendar", "export", "-o", str(tmp_path / "x.ics"), "--unit", "không có", root=workspace)
    assert result.exit_code == 2
    assert not (tmp_path / "x.ics").exists()
