"""The printed pages of the outward report need no hand editing (LibreOffice → PDF → pdftotext, page by page).

Two documents are checked: the sample quarter (tests/data/summary-q4) and a large year (every unit reporting
every task in four quarters, with multi-line results), each with its annex. On every page:

- the last line is never the end of a heading or a label ("- Kết quả thực hiện:"): what it introduces
  follows on the same page;
- no page but the last of a part ends with a large blank (a heading pushed whole to the next page);
- every unit's document reference (05/BC-KHTC) is whole on one line, and so is the period in the title.

Skipped, saying so, without LibreOffice (soffice) or poppler-utils (pdftotext).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import PLAN_FILE, PLAN_ID, run
from summary_helpers import add_sample_reports, write_report

pytestmark = pytest.mark.skipif(
    (shutil.which("soffice") or shutil.which("libreoffice")) is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) or poppler-utils (pdftotext) is not installed; .ci/run installs both",
)

LABELS = ["- Kết quả thực hiện:", "- Số liệu tổng hợp:", "I. KẾT QUẢ THỰC HIỆN", "II. TỒN TẠI, HẠN CHẾ",
          "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", "IV. ĐỀ XUẤT, KIẾN NGHỊ", "PHỤ LỤC",
          "TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC PHÒNG, ĐƠN VỊ", "Nơi nhận:"]
# A4 is 842 pt high with a 20 mm (57 pt) bottom margin; a 14 pt line with its spacing takes about 20 pt.
TEXT_BOTTOM = 842 - 57
MOST_BLANK = 5 * 20


def _plan_headings() -> list[str]:
    plan = yaml.safe_load(PLAN_FILE.read_text(encoding="utf-8"))
    return [f"{t['number']}. {t['heading']}" for t in plan["tasks"]]


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _pdf(root: Path, out: Path, *args: str) -> Path:
    result = run("summary", *args, "--with-annex", "-o", str(out), root=root, env={"DANCU_TODAY": "2027-01-20"})
    assert result.exit_code == 0, result.output
    return out


def _pages(pdf: Path) -> list[list[str]]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          encoding="utf-8", check=True).stdout
    pages = text.split("\f")
    return [[_norm(line) for line in page.split("\n") if line.strip()] for page in pages if page.strip()]


def _bottoms(pdf: Path) -> list[float]:
    """The lowest text on each page, in points from the top."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                          encoding="utf-8", check=True).stdout
    return [max((float(y) for y in re.findall(r'<word [^>]*yMax="([\d.]+)"', page)), default=0.0)
            for page in html.split("<page ")[1:]]


def _ends_a_heading(line: str, headings: list[str]) -> str | None:
    """The heading or label whose end this line is, if any (a heading may run over several lines)."""
    for heading in headings:
        h = _norm(heading)
        if line == h or (len(line) > 12 and h.endswith(line)):
            return heading
    return None


def _check(pdf: Path, references: list[str], title_period: str) -> list[list[str]]:
    pages = _pages(pdf)
    headings = _plan_headings() + LABELS
    for number, lines in enumerate(pages, 1):
        last = lines[-1]
        assert _ends_a_heading(last, headings) is None, f"page {number} ends with a heading or label: {last!r}"
    everything = [line for lines in pages for line in lines]
    for ref in references:
        assert any(ref in line.split() for line in everything), f"{ref} is split across lines (or missing)"
    assert any(title_period in line for line in pages[0]), f"the title's period “{title_period}” is split"
    assert not [line for line in pages[0] if line in ("năm 2025", "năm 2026")]

    # A part ends where a page break is forced: before the annex and at the end of the document.
    bottoms = _bottoms(pdf)
    part_ends = {len(pages) - 1} | {i - 1 for i, lines in enumerate(pages) if "PHỤ LỤC" in lines[:3]}
    for i, bottom in enumerate(bottoms):
        if i not in part_ends:
            assert TEXT_BOTTOM - bottom <= MOST_BLANK, f"page {i + 1} ends {TEXT_BOTTOM - bottom:.0f} pt above the margin"
    return pages


def test_sample_quarter_pages(workspace: Path, tmp_path: Path):
    add_sample_reports(workspace)
    pages = _check(_pdf(workspace, tmp_path / "q4.pdf", "--period", "2025-Q4", "--as-of", "2026-01-15"),
                   ["12/BC-VP", "05/BC-KHTC", "21/BC-QLKH"], "quý IV năm 2025")
    # The multi-line result of task 1 stays one "+" item: its second line is not a new "+" paragraph.
    assert len(pages) >= 4


LONG = ("Triển khai đầy đủ các nội dung của nhiệm vụ theo kế hoạch của đơn vị; tổ chức quán triệt đến toàn thể "
        "công chức, viên chức, người lao động; phân công cụ thể người phụ trách, thời hạn hoàn thành.")


def _year_workspace(root: Path) -> list[str]:
    """Plan 2599 stretched to the end of 2026, every unit reporting every task each quarter: a large year."""
    data = yaml.safe_load(PLAN_FILE.read_text(encoding="utf-8"))
    data["window"]["ends_on"] = "2026-12-31"
    (root / "plans" / PLAN_FILE.name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                                 encoding="utf-8")
    units = yaml.safe_load((root / "plans" / "units.yaml").read_text(encoding="utf-8"))["units"]
    received = {"2026-Q1": "2026-04-03", "2026-Q2": "2026-07-03", "2026-Q3": "2026-10-02", "2026-Q4": "2027-01-07"}
    references = []
    for q, (period, day) in enumerate(received.items(), 1):
        for n, unit in enumerate(units, 1):
            entries = []
            for task in (1, 2, 3, 4, 6, 7):
                text = f"Quý {q}: {LONG}\nKết quả cụ thể của {unit['abbr']}: đạt {n * task} đầu việc.\n{LONG}"
                entries.append({"task": task, "status": "dang-thuc-hien", "results": text,
                                "figures": {"Số hội nghị, cuộc họp đã tổ chức": n + task},
                                "shortcomings": f"{unit['abbr']}: còn chậm ở nhiệm vụ {task}." if task == 2 else None})
            ref = f"{10 * q + n}/BC-{unit['abbr']}"
            references.append(ref)
            write_report(root, unit["id"], [{k: v for k, v in e.items() if v is not None} for e in entries],
                         period=period, received_on=day, number=ref)
    return references


def test_large_year_pages(workspace: Path, tmp_path: Path):
    references = _year_workspace(workspace)
    assert max(len(r) for r in references) == 12  # "49/BC-TTCNTT": the longest the annex column promises
    pages = _check(_pdf(workspace, tmp_path / "nam.pdf", "--period", "2026", "--as-of", "2027-01-20"),
                   references, "năm 2026")
    assert len(pages) > 20
