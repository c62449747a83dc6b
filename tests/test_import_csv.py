"""CSV: what `report list --format csv` writes, `report import` reads back, into an empty workspace."""

from __future__ import annotations

import shutil

import pytest
import yaml

from conftest import REPO, run
from reports_support import TODAY, report_files

SAMPLE = REPO / "tests" / "data" / "summary-q4"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("DANCU_TODAY", TODAY)


def test_csv_round_trip_into_an_empty_workspace(workspace, tmp_path, monkeypatch):
    monkeypatch.setenv("DANCU_TODAY", "2026-01-20")  # the sample reports arrived in January 2026
    shutil.copytree(SAMPLE / "reports", workspace / "reports")
    # Text that a spreadsheet would run as a formula, and a decimal figure, survive the trip.
    tricky = run("report", "add", "--unit", "CĐS", "--period", "2025-Q4", "--task", "6", "--status", "chưa triển khai",
                 "--results", "=HYPERLINK(\"http://x\")\n- dòng hai", "--figure", "Tỷ lệ=2,5", "--figure", "Số buổi=0",
                 "--received-on", "19/12/2025", root=workspace)
    assert tricky.exit_code == 0, tricky.output
    csv_file = tmp_path / "bao-cao.csv"
    exported = run("report", "list", "--format", "csv", "-o", str(csv_file), root=workspace)
    assert exported.exit_code == 0, exported.output
    assert "'=HYPERLINK" in csv_file.read_text(encoding="utf-8-sig")  # neutralised for Excel

    empty = tmp_path / "empty"
    shutil.copytree(workspace / "plans", empty / "plans")
    imported = run("report", "import", str(csv_file), root=empty)
    assert imported.exit_code == 0, imported.output
    assert "1 tệp: đã ghi 1, bị từ chối 0." in imported.stdout
    # The sample files were written by hand (other line folding), so the reports are compared, not the bytes.
    before = {p.relative_to(workspace): yaml.safe_load(p.read_text(encoding="utf-8")) for p in report_files(workspace)}
    after = {p.relative_to(empty): yaml.safe_load(p.read_text(encoding="utf-8")) for p in report_files(empty)}
    assert len(after) == 4 and after == before
    again = run("report", "import", str(csv_file), root=empty)
    assert "không thay đổi" in again.stdout and again.exit_code == 0


def test_csv_row_errors_name_line_and_column(workspace, tmp_path):
    csv_file = tmp_path / "sai.csv"
    csv_file.write_text(
        "Kế hoạch,Mã đơn vị,Kỳ,Nhiệm vụ,Tình trạng,Kết quả,Số liệu\n"
        "2599-KH-SKHCN,van-phong-so,2025-Q4,4,dang lam,Đã tiếp dân.,\n"
        "2599-KH-SKHCN,van-phong-so,2025-Q4,5,hoàn thành,Xong.,Số hồ sơ=-2\n", encoding="utf-8")
    result = run("report", "import", str(csv_file), root=workspace)
    assert result.exit_code == 1
    assert f"{csv_file}: dòng 2, cột “Tình trạng”: Tình trạng “dang lam” không hợp lệ" in result.stderr
    assert f"{csv_file}: dòng 3, cột “Số liệu”: Nhiệm vụ 5, số liệu “Số hồ sơ”: Số liệu phải là số không âm" in result.stderr
    assert report_files(workspace) == []


def test_csv_saved_by_excel_on_a_vietnamese_windows(workspace, tmp_path):
    """Excel's "CSV" there: semicolons (the decimal mark is a comma), Windows-1258 with combining accents."""
    import unicodedata

    text = ("Kế hoạch;Mã đơn vị;Đơn vị;Kỳ;Nhiệm vụ;Tình trạng;Kết quả;Số liệu;Ngày nhận\r\n"
            "2599-KH-SKHCN;van-phong-so;Văn phòng Sở;2025-Q4;4;Đang thực hiện;Đã tiếp dân.;Tỷ lệ=2,5;16/12/2025\r\n")
    csv_file = tmp_path / "excel.csv"
    tones = "\u0300\u0301\u0303\u0309\u0323"  # the five tone marks, written after the letter in Windows-1258

    def cp1258(ch: str) -> bytes:
        try:
            return ch.encode("cp1258")
        except UnicodeEncodeError:  # ệ: the code page has ê, and the dot below as a combining mark
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            return (base + "".join(c for c in parts if c in tones)).encode("cp1258")

    csv_file.write_bytes(b"".join(cp1258(ch) for ch in text))
    result = run("report", "import", str(csv_file), root=workspace)
    assert result.exit_code == 0, result.output
    stored = yaml.safe_load(report_files(workspace)[0].read_text(encoding="utf-8"))
    assert stored["entries"] == [{"task": 4, "status": "dang-thuc-hien", "results": "Đã tiếp dân.",
                                  "figures": {"Tỷ lệ": 2.5}}]
    assert str(stored["received_on"]) == "2025-12-16"
