"""`dancu summary` refuses rather than misstates, and writes exactly the format it was asked for.

- A unit report with errors stops the summary (exit 1, the problems with file:line:col, nothing written);
  `--skip-invalid` renders it and names the unit "báo cáo có lỗi, chưa được tổng hợp", never "chưa báo cáo".
- `-o X.pdf` is a PDF made by LibreOffice, or a refusal that says how to get LibreOffice; a suffix the
  command cannot produce, or one that contradicts --format, is refused before anything is written.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import PLAN_ID, run
from summary_helpers import add_sample_reports, annex_rows, breakdown_rows, inlines, parse, summary, write_report

QLKH_FILE = Path("reports") / PLAN_ID / "2025-Q4" / "phong-quan-ly-khoa-hoc.yaml"
BROKEN = "Báo cáo có lỗi, chưa được tổng hợp"


@pytest.fixture
def sample(workspace: Path) -> Path:
    return add_sample_reports(workspace)


@pytest.fixture
def broken(sample: Path) -> Path:
    """QLKH's report hand-edited with a status that does not exist (line 10, column 13)."""
    path = sample / QLKH_FILE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("status: dang-thuc-hien", "status: xong", 1), encoding="utf-8")
    return sample


@pytest.mark.parametrize("suffix", ["md", "docx"])
def test_a_broken_unit_report_stops_the_summary(broken: Path, tmp_path: Path, suffix: str):
    out = tmp_path / f"s.{suffix}"
    result = summary(broken, "--period", "2025-Q4", "-o", str(out))
    assert result.exit_code == 1
    assert f"{QLKH_FILE.as_posix()}:10:13: lỗi:" in result.stderr
    assert "--skip-invalid" in result.stderr and "Không có tệp nào được ghi" in result.stderr
    assert not list(tmp_path.glob("s.*"))


def test_a_broken_unit_report_stops_markdown_on_stdout(broken: Path):
    result = summary(broken, "--period", "2025-Q4")
    assert result.exit_code == 1 and result.stdout == ""


def test_skip_invalid_names_the_unit_and_never_says_not_reported(broken: Path):
    result = summary(broken, "--period", "2025-Q4", "--skip-invalid", "--with-annex")
    assert result.exit_code == 0, result.output
    assert f"{QLKH_FILE.as_posix()}:10:13: lỗi:" in result.stderr  # still shown, as a warning
    tokens = parse(result.stdout)
    texts = inlines(tokens)
    # QLKH owes every task (one of "các phòng, đơn vị"): each task names it, none counts its entries.
    assert texts.count(f"Phòng Quản lý khoa học: {BROKEN}") == 7
    assert not any("Lồng ghép nội dung dân chủ" in t for t in texts)  # its entry for task 1 is not used
    qlkh = next(r for r in annex_rows(tokens)[1:] if r[1] == "Phòng Quản lý khoa học")
    assert qlkh[4] == BROKEN and "Chưa gửi" not in qlkh[4]
    # Tasks 2, 3 and 6 had no entry from anyone else: their state cannot be told, and the report says so.
    states = [t for t in texts if t.startswith("Tình trạng: ")]
    assert [states[i] for i in (1, 2, 5)] == ["Tình trạng: Chưa xác định được (báo cáo có lỗi, chưa được tổng hợp)."] * 3
    assert ["5", "Chưa xác định được (báo cáo có lỗi, chưa được tổng hợp)", "3", "42,9%"] in breakdown_rows(tokens)
    assert not [s for s in states if "Chưa có kết quả" in s or "Chưa báo cáo" in s]


def test_a_broken_report_of_a_later_period_does_not_matter(sample: Path):
    path = write_report(sample, "van-phong-so", [{"task": 4, "status": "xong", "results": "x"}], period="2026-Q1",
                        received_on="2026-01-14")
    result = summary(sample, "--period", "2025-Q4")
    assert result.exit_code == 0, result.output
    assert path.name not in result.stderr


def test_a_broken_plan_stops_the_summary(sample: Path, tmp_path: Path):
    plan = sample / "plans" / f"{PLAN_ID}.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("lead: van-phong-so", "lead: van-phong-soo", 1),
                    encoding="utf-8")
    out = tmp_path / "s.docx"
    result = summary(sample, "--period", "2025-Q4", "-o", str(out), "--skip-invalid")
    assert result.exit_code == 1 and "van-phong-soo" in result.stderr and not out.exists()


# --- Formats ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("args, message", [
    (["-o", "{tmp}/s.odt"], "không tạo được tệp .odt"),
    (["-o", "{tmp}/s"], "không tạo được tệp (không có đuôi)"),
    (["--format", "docx", "-o", "{tmp}/s.md"], "--format docx không khớp với đuôi .md"),
    (["--format", "pdf", "-o", "{tmp}/s.docx"], "--format pdf không khớp với đuôi .docx"),
    (["--format", "md", "-o", "{tmp}/s.pdf"], "--format md không khớp với đuôi .pdf"),
])
def test_format_and_suffix_must_agree(sample: Path, tmp_path: Path, args: list[str], message: str):
    out_dir = tmp_path / "ra"
    out_dir.mkdir()
    result = summary(sample, "--period", "2025-Q4", *[a.format(tmp=out_dir) for a in args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert list(out_dir.iterdir()) == []


def test_md_suffix_writes_markdown(sample: Path, tmp_path: Path):
    out = tmp_path / "s.md"
    assert summary(sample, "--period", "2025-Q4", "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("UBND TỈNH QUẢNG NGÃI")


def test_pdf_without_libreoffice_says_how_to_get_it(sample: Path, tmp_path: Path):
    out_dir = tmp_path / "ra"
    out_dir.mkdir()
    result = run("summary", "--period", "2025-Q4", "--as-of", "2026-01-15", "-o", str(out_dir / "s.pdf"),
                 root=sample, env={"DANCU_SOFFICE": str(tmp_path / "khong-co" / "soffice")})
    assert result.exit_code == 1
    assert "không tìm thấy LibreOffice" in result.stderr and "apt-get install" in result.stderr
    assert "libreoffice.org/download" in result.stderr and "Không có tệp nào được ghi" in result.stderr
    assert list(out_dir.iterdir()) == []


def _office() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


needs_office = pytest.mark.skipif(_office() is None or shutil.which("pdftotext") is None,
                                  reason="LibreOffice (soffice) or poppler-utils (pdftotext) is not installed; "
                                  "see README to install them")


@needs_office
def test_summary_writes_a_real_pdf(sample: Path, tmp_path: Path):
    (tmp_path / "ra").mkdir()
    out = tmp_path / "ra" / "x.pdf"
    result = summary(sample, "--period", "2025-Q4", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                          encoding="utf-8", check=True).stdout
    assert "BÁO CÁO" in text and "Tổng số nhiệm vụ" in text and "Mai Thoan" in text
    assert [p.name for p in out.parent.iterdir()] == ["x.pdf"]  # no Word file or LibreOffice profile left


@needs_office
def test_format_pdf_without_o_names_the_file(sample: Path, tmp_path: Path, monkeypatch):
    (tmp_path / "ra").mkdir()
    monkeypatch.chdir(tmp_path / "ra")
    result = summary(sample, "--period", "2025-Q4", "--format", "pdf")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "ra" / f"bao-cao-{PLAN_ID}-2025-Q4.pdf").read_bytes().startswith(b"%PDF")
