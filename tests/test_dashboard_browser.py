"""The dashboard in a real browser: headless Chromium opens the pages from file:// and we read what it rendered."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO
from dashboard_helpers import SAMPLE_AS_OF, build, chromium, dump_dom, sample_workspace, visible_text

pytestmark = pytest.mark.skipif(chromium() is None, reason="Chromium is not installed (Debian: apt-get install chromium)")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = sample_workspace(tmp_path_factory.mktemp("browser"))
    out = root / "site"
    assert build(root, out, SAMPLE_AS_OF).exit_code == 0
    return out


def test_chromium_renders_the_overview_from_a_folder(site):
    shown = visible_text(dump_dom((site / "index.html").as_uri()))
    assert "Số liệu tính đến ngày 15/01/2026" in shown
    assert "Bảng theo dõi thực hiện Kế hoạch số 2599/KH-SKHCN" in shown
    # By hand from the sample: 54 missing + 3 late + task 5 done late = 58; 9 of 63 entries received.
    assert "58 việc tính đến ngày 15/01/2026" in shown
    assert "Tỷ lệ báo cáo quý IV năm 2025" in shown
    assert "14,3% đã nhận (9/63 mục báo cáo)" in shown


def test_chromium_renders_the_matrix_of_a_period(site):
    dom = dump_dom((site / "ky-2025-Q4.html").as_uri())
    shown = visible_text(dom)
    assert "Bảng theo dõi quý IV năm 2025" in shown
    assert "Đã nhận 9/63 mục báo cáo (6 đúng hạn, 3 trễ hạn); 54 mục quá hạn, 0 mục chưa đến hạn." in shown
    assert "Ký hiệu: ✓ Đã báo cáo đúng hạn T Đã báo cáo trễ hạn ✗ Chưa báo cáo – quá hạn" in shown
    assert len(re.findall(r'data-state="overdue"', dom)) == 54


def test_the_overdue_list_sorts_in_the_browser(site):
    url = (site / "qua-han.html").as_uri()
    row = re.compile(r'<tr data-kind="[a-z]+" data-task="(\d+)" data-unit="([^"]+)"')
    default = row.findall(dump_dom(url))
    by_task = row.findall(dump_dom(url + "#theo=nhiem-vu"))
    assert [int(t) for t, _ in by_task] == sorted(int(t) for t, _ in default)
    dom = dump_dom(url + "#theo=don-vi")
    by_unit = row.findall(dom)
    assert sorted(by_unit) == sorted(default) and by_unit != default  # the script ran and re-ordered the rows
    units = [u for _, u in by_unit]
    assert units[0] == "BCVT" and units[-1] == "VP"  # Vietnamese alphabetical order of the abbreviations
    assert units == sorted(units, key=["BCVT", "CĐS", "KHTC", "QLCN", "QLKH", "TĐC", "TTCNTT", "TTƯDTN", "VP"].index)
    assert 'aria-sort="ascending"><button type="button" class="sort" data-sort="unit"' in dom


def test_screenshots_script_photographs_overview_and_matrix(tmp_path):
    result = subprocess.run([sys.executable, str(REPO / "tools" / "dashboard_screenshots.py"), "--out", str(tmp_path)],
                            capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert result.returncode == 0, result.stderr
    for name in ("dashboard-overview.png", "dashboard-matrix.png"):
        data = (tmp_path / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width = int.from_bytes(data[16:20], "big")
        assert width == 1280 and len(data) > 30_000, (name, width, len(data))
