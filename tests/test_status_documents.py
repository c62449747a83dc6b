"""`dancu status --format md|docx`: the Office's internal follow-up of a period, to chase the laggards.

Expected values by hand from the sample reports (tests/data/summary-q4): the quarter's reports are due
09/01/2026 (5 working days after 31/12/2025; 01/01/2026 a holiday, 02/01 the official swap day off); VP
sent 12/BC-VP on 06/01, KHTC 05/BC-KHTC on 12/01 (3 days late), QLKH 21/BC-QLKH on 08/01; every unit owes all 7 tasks (each is one of
"các phòng, đơn vị"), so 63 entries are owed and 4 + 3 + 2 = 9 arrived.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.shared import Mm

from conftest import PLAN_ID, run
from summary_helpers import UNIT_NAMES, add_sample_reports, inlines, parse, tables

AS_OF = "15/01/2026"
QLKH_FILE = Path("reports") / PLAN_ID / "2025-Q4" / "phong-quan-ly-khoa-hoc.yaml"


@pytest.fixture
def sample(workspace: Path) -> Path:
    return add_sample_reports(workspace)


def status(root: Path, *args: str):
    return run("status", "--as-of", AS_OF, *args, root=root)


def test_markdown_follow_up_lists_who_sent_what_and_when(sample: Path):
    result = status(sample, "--format", "md")
    assert result.exit_code == 0, result.output
    tokens = parse(result.stdout)
    submissions, matrix = tables(tokens)
    assert submissions[0] == ["STT", "Đơn vị", "Số, ký hiệu", "Ngày nhận", "Tình trạng", "Nhiệm vụ chưa báo cáo"]
    assert [r[1] for r in submissions[1:]] == UNIT_NAMES
    assert submissions[1][2:] == ["12/BC-VP", "06/01/2026", "Đúng hạn", "2, 3, 6"]
    assert submissions[2][2:] == ["05/BC-KHTC", "12/01/2026", "Trễ hạn 3 ngày", "2, 3, 6, 7"]
    assert submissions[3][2:] == ["21/BC-QLKH", "08/01/2026", "Đúng hạn", "2, 3, 4, 5, 7"]
    assert all(r[4] == "Chưa gửi, quá hạn 6 ngày" for r in submissions[4:])
    assert matrix[0] == ["NV", "VP", "KHTC", "QLKH", "QLCN", "CĐS", "BCVT", "TĐC", "TTƯDTN", "TTCNTT", "Đã báo cáo"]
    assert matrix[1] == ["1", "✓", "T", "✓", "✗", "✗", "✗", "✗", "✗", "✗", "3/9"]
    assert matrix[5] == ["5*", "✓", "T", "✗", "✗", "✗", "✗", "✗", "✗", "✗", "2/9"]
    texts = inlines(tokens)
    tally = next(t for t in texts if t.startswith("Tính đến ngày 15/01/2026"))
    assert "đã nhận báo cáo của 3/9 đơn vị" in tally and "9/63 mục báo cáo" in tally
    chase = next(t for t in texts if t.startswith("Đề nghị các đơn vị sau gửi báo cáo"))
    assert all(name in chase for name in UNIT_NAMES[3:]) and "Văn phòng Sở:" in chase
    assert "(*) Nhiệm vụ 5 có hạn 31/12/2025, do VP báo cáo hoàn thành: đã báo cáo hoàn thành ngày 06/01/2026." in texts


def test_word_follow_up_in_decree_30_layout(sample: Path, tmp_path: Path):
    out = tmp_path / "theo-doi.docx"
    result = status(sample, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert f"vào {out}." in result.stdout
    doc = Document(str(out))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 15
    assert section.top_margin == Mm(20) or round(section.top_margin.mm) == 20
    header = [c.text for c in doc.tables[0].rows[0].cells]
    assert "VĂN PHÒNG SỞ" in header[0] and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header[1]
    submissions = [[c.text for c in row.cells] for row in doc.tables[1].rows]
    assert submissions[2][2:] == ["05/BC-KHTC", "12/01/2026", "Trễ hạn 3 ngày", "2, 3, 6, 7"]
    assert doc.tables[1].rows[0]._tr.xpath("./w:trPr/w:tblHeader")  # repeated on each page
    matrix = [[c.text for c in row.cells] for row in doc.tables[2].rows]
    assert matrix[1] == ["1", "✓", "T", "✓", "✗", "✗", "✗", "✗", "✗", "✗", "3/9"]
    texts = [p.text for p in doc.paragraphs]
    assert "I. TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC PHÒNG, ĐƠN VỊ" in texts


def test_docx_without_o_goes_to_a_named_file(sample: Path, tmp_path: Path, monkeypatch):
    (tmp_path / "ra").mkdir()
    monkeypatch.chdir(tmp_path / "ra")
    result = status(sample, "--format", "docx", "--period", "2025-Q4")
    assert result.exit_code == 0, result.output
    assert Document(str(tmp_path / "ra" / f"theo-doi-{PLAN_ID}-2025-Q4.docx")).tables


def test_a_broken_report_is_shown_as_broken_not_missing(sample: Path):
    path = sample / QLKH_FILE
    path.write_text(path.read_text(encoding="utf-8").replace("status: dang-thuc-hien", "status: xong", 1),
                    encoding="utf-8")
    result = status(sample, "--format", "md")
    assert result.exit_code == 0, result.output
    assert f"{QLKH_FILE.as_posix()}:10:13: lỗi:" in result.stderr
    submissions, matrix = tables(parse(result.stdout))
    qlkh = submissions[3]
    assert qlkh[1] == "Phòng Quản lý khoa học" and qlkh[4] == "Báo cáo có lỗi, chưa được tổng hợp"
    assert [row[3] for row in matrix[1:]] == ["!"] * 7
    chase = next(t for t in inlines(parse(result.stdout)) if t.startswith("Đề nghị"))
    assert "Phòng Quản lý khoa học" not in chase


@pytest.mark.parametrize("args, message", [
    (["--format", "md", "-o", "{out}/x.docx"], "--format md không khớp với đuôi .docx"),
    (["-o", "{out}/x.pdf"], "không tạo được tệp .pdf"),
    (["--format", "text", "-o", "{out}/x.txt"], "bảng chữ chỉ in ra màn hình"),
])
def test_status_format_and_suffix_must_agree(sample: Path, tmp_path: Path, args: list[str], message: str):
    out = tmp_path / "ra"
    out.mkdir()
    result = status(sample, *[a.format(out=out) for a in args])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert list(out.iterdir()) == []


def test_status_json_to_a_file(sample: Path, tmp_path: Path):
    import json

    out = tmp_path / "s.json"
    assert status(sample, "-o", str(out)).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["period"]["key"] == "2025-Q4"
