"""`dancu remind`: the reminder letter (công văn đôn đốc, Decree 30/2020 appendix III form 1.5).

Expected values are hand-computed from plan 2599 and the sample reports (tests/data/summary-q4):
every one of the 9 units owes an entry for each of the 7 tasks for Q4/2025, due Fri 09/01/2026: 5 working
days after Wed 31/12/2025, 01/01/2026 being a holiday and Fri 02/01/2026 a day off (swapped with Sat
10/01/2026, Công văn 12729/VPCP-KGVX): 05, 06, 07, 08, 09/01. As of 15/01/2026, 6 days overdue:
  VP   (received 06/01) covered 1, 4, 5, 7 → owes 2, 3, 6 (but VP drafts the letter)
  KHTC (received 12/01, late) covered 1, 4, 5 → owes 2, 3, 6, 7
  QLKH (received 08/01) covered 1, 6 → owes 2, 3, 4, 5, 7
  the 6 other units sent nothing → owe 1–7.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

from conftest import REPO, run
from deadline_helpers import UNITS, all_tasks, write_report
from summary_helpers import UNIT_NAMES, add_sample_reports, inlines, parse

AS_OF = "15/01/2026"
TODAY = {"DANCU_TODAY": "2026-01-15"}
OWED = {
    "Phòng Kế hoạch - Tài chính": "2, 3, 6, 7",
    "Phòng Quản lý khoa học": "2, 3, 4, 5, 7",
    **{name: "1, 2, 3, 4, 5, 6, 7" for name in UNIT_NAMES[3:]},
}
TEMPLATE = REPO / "src" / "dancu_cli" / "templates" / "reminder.docx"


@pytest.fixture
def sample(workspace: Path) -> Path:
    return add_sample_reports(workspace)


def remind(root: Path, *args: str, env: dict | None = None):
    return run("remind", "--as-of", AS_OF, *args, root=root, env={**TODAY, **(env or {})})


def docx_lines(path: Path) -> list[str]:
    """Every paragraph of the letter, in the header tables and the body, as a reader sees it."""
    doc = Document(str(path))
    out = []
    for block in doc.element.body.iterchildren():
        if block.tag.endswith("}p"):
            out.append("".join(t.text or "" for t in block.iter() if t.tag.endswith("}t")))
        elif block.tag.endswith("}tbl"):
            for p in block.iter():
                if p.tag.endswith("}p"):
                    out.append("".join(t.text or "" for t in p.iter() if t.tag.endswith("}t")))
    return [line for line in out if line.strip()]


def write_letter(root: Path, tmp_path: Path, *args: str, name: str = "don-doc.docx") -> Path:
    out = tmp_path / name
    result = remind(root, "-o", str(out), *args)
    assert result.exit_code == 0, result.output
    return out


def test_letter_follows_form_1_5_and_names_every_late_unit_and_item(sample: Path, tmp_path: Path):
    lines = docx_lines(write_letter(sample, tmp_path))
    text = "\n".join(lines)
    # No document-type name: the number, then the subject "V/v …" under it.
    number = lines.index("Số: …/SKHCN-VP")
    assert lines[number + 1] == "V/v đôn đốc báo cáo kết quả thực hiện Kế hoạch số 2599/KH-SKHCN"
    assert "CÔNG VĂN" not in text.upper().replace("CÔNG VĂN ĐÔN ĐỐC", "")
    assert "Quảng Ngãi, ngày … tháng … năm …" in lines
    assert "Kính gửi:" in lines
    # Each late unit is addressed, in registry order, the last one ending with a full stop.
    addressed = [line[2:-1] for line in lines if line.startswith("- ") and line[2:-1] in OWED]
    assert addressed == list(OWED)
    # Each unit's line in the body names its missing tasks and their due date.
    for i, (name, tasks) in enumerate(OWED.items(), 1):
        line = next(line for line in lines if line.startswith(f"{i}. {name}:"))
        assert f"báo cáo quý IV năm 2025 về nhiệm vụ {tasks} (hạn gửi 09/01/2026, đã quá hạn 6 ngày)" in line
    # The new deadline: 5 working days after Thu 15/01/2026 → 16, 19, 20, 21, 22/01.
    request = next(line for line in lines if "khẩn trương" in line)
    assert request.endswith("trước ngày 22/01/2026./.")
    # Nơi nhận: "- Như trên;" first, "- Lưu: VT, VP." last; the plan's signer.
    start = lines.index("Nơi nhận:")
    assert lines[start + 1] == "- Như trên;"
    assert "- Lưu: VT, VP." in lines[start + 2:start + 5]
    assert {"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Mai Thoan"} <= set(lines)


def test_units_that_sent_everything_or_draft_the_letter_are_not_addressed(sample: Path, tmp_path: Path):
    # Phòng Chuyển đổi số sends every entry on time; KHTC's late entries (1, 4, 5) are not chased again.
    write_report(sample, "phong-chuyen-doi-so", all_tasks(), received_on="2026-01-07")
    result = remind(sample, "-o", str(tmp_path / "a.docx"))
    assert result.exit_code == 0, result.output
    lines = docx_lines(tmp_path / "a.docx")
    text = "\n".join(lines)
    assert "Phòng Chuyển đổi số" not in text
    assert "Phòng Kế hoạch - Tài chính: báo cáo quý IV năm 2025 về nhiệm vụ 2, 3, 6, 7 " in text
    # Văn phòng Sở drafts the letter: not addressed, but told apart what it still owes.
    assert not any(line.startswith(("- Văn phòng Sở", "Văn phòng Sở")) or ". Văn phòng Sở:" in line for line in lines)
    assert "Văn phòng Sở là đơn vị soạn công văn" in result.stderr and "nhiệm vụ 2, 3, 6" in result.stderr


def test_everything_on_time_means_no_letter_and_nothing_written(workspace: Path, tmp_path: Path):
    for unit in UNITS:
        write_report(workspace, unit, all_tasks(t5="hoan-thanh"), received_on="2026-01-07")
    letters = tmp_path / "cong-van"
    letters.mkdir()
    for args in ([], ["--per-unit"]):
        result = remind(workspace, "-o", str(letters / "don-doc.docx"), *args)
        assert result.exit_code == 0, result.output
        assert "Không có đơn vị nào chậm báo cáo tính đến ngày 15/01/2026; không lập công văn." in result.stdout
        assert list(letters.iterdir()) == []


def test_nothing_due_yet_means_no_letter(workspace: Path):
    result = run("remind", "--as-of", "05/01/2026", root=workspace, env={"DANCU_TODAY": "2026-01-05"})
    assert result.exit_code == 0
    assert "Không có đơn vị nào chậm báo cáo" in result.stdout


def test_per_unit_writes_one_letter_per_unit(sample: Path, tmp_path: Path):
    result = remind(sample, "--per-unit", "-o", str(tmp_path / "don-doc.docx"))
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in tmp_path.glob("don-doc-*.docx"))
    assert files == sorted(f"don-doc-{u}.docx" for u in UNITS[1:])
    lines = docx_lines(tmp_path / "don-doc-phong-quan-ly-khoa-hoc.docx")
    assert "Phòng Quản lý khoa học." in lines  # the only addressee, after "Kính gửi:"
    assert not any(name in "\n".join(lines) for name in OWED if name != "Phòng Quản lý khoa học")
    assert "- báo cáo quý IV năm 2025 về nhiệm vụ 2, 3, 4, 5, 7 (hạn gửi 09/01/2026, đã quá hạn 6 ngày)." in lines


def test_unit_filter_and_signer(sample: Path, tmp_path: Path):
    out = write_letter(sample, tmp_path, "--unit", "khtc", "--signer-authority", "TL. GIÁM ĐỐC",
                       "--signer-title", "CHÁNH VĂN PHÒNG", "--signer-name", "Nguyễn Văn A")
    lines = docx_lines(out)
    assert "Phòng Kế hoạch - Tài chính." in lines
    assert {"TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG", "Nguyễn Văn A"} <= set(lines)
    assert "Mai Thoan" not in lines


def test_new_deadline_must_be_a_working_day_after_today(sample: Path, tmp_path: Path):
    out = write_letter(sample, tmp_path, "--new-deadline", "26/01/2026")
    assert any(line.endswith("trước ngày 26/01/2026./.") for line in docx_lines(out))
    past = remind(sample, "--new-deadline", "14/01/2026")
    assert past.exit_code == 2 and "phải sau hôm nay (15/01/2026)" in past.stderr
    sunday = remind(sample, "--new-deadline", "25/01/2026")
    assert sunday.exit_code == 2 and "25/01/2026 là ngày nghỉ; ngày làm việc kế tiếp là 26/01/2026" in sunday.stderr


def test_period_filter(sample: Path):
    result = remind(sample, "--period", "2025-Q3")
    assert result.exit_code == 0 and "Không có đơn vị nào chậm báo cáo" in result.stdout
    result = remind(sample, "--period", "quý IV/2025")
    assert result.exit_code == 0 and "Kính gửi:" in result.stdout


def test_existing_file_is_not_overwritten_unless_asked(sample: Path, tmp_path: Path):
    out = tmp_path / "don-doc.docx"
    out.write_bytes(b"old")
    result = remind(sample, "-o", str(out))
    assert result.exit_code == 1 and "--overwrite" in result.stderr
    assert out.read_bytes() == b"old"
    assert remind(sample, "-o", str(out), "--overwrite").exit_code == 0
    assert out.read_bytes().startswith(b"PK")


def test_a_broken_report_refuses_rather_than_calling_the_unit_late(sample: Path, tmp_path: Path):
    path = sample / "reports" / "2599-KH-SKHCN" / "2025-Q4" / "phong-chuyen-doi-so.yaml"
    path.write_text("plan: 2599-KH-SKHCN\nunit: phong-chuyen-doi-so\nperiod: 2025-Q4\nentries: [\n", encoding="utf-8")
    out = tmp_path / "don-doc.docx"
    result = remind(sample, "-o", str(out))
    assert result.exit_code == 1
    assert "phong-chuyen-doi-so.yaml" in result.stderr and "không lập công văn" in result.stderr
    assert not out.exists()


def test_markdown_letter(sample: Path):
    result = remind(sample)
    assert result.exit_code == 0, result.output
    texts = inlines(parse(result.stdout))
    assert texts[0].endswith("Số: …/SKHCN-VP\nV/v đôn đốc báo cáo kết quả thực hiện Kế hoạch số 2599/KH-SKHCN")
    assert "Kính gửi:" in texts
    assert "Phòng Quản lý khoa học;" in texts and "Trung tâm Công nghệ thông tin và Truyền thông." in texts
    assert "2. Phòng Quản lý khoa học: báo cáo quý IV năm 2025 về nhiệm vụ 2, 3, 4, 5, 7 (hạn gửi 09/01/2026, " \
           "đã quá hạn 6 ngày)." in texts
    assert any(t.endswith("./.") for t in texts)
    assert texts[texts.index("Nơi nhận:") + 1] == "Như trên;"


def test_shipped_template_is_what_the_build_script_makes(tmp_path: Path):
    import zipfile

    built = tmp_path / "reminder.docx"
    subprocess.run([sys.executable, str(REPO / "tools" / "build_reminder_template.py"), str(built)], check=True,
                   capture_output=True)
    with zipfile.ZipFile(built) as a, zipfile.ZipFile(TEMPLATE) as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            assert a.read(name) == b.read(name), f"{name} differs: run python tools/build_reminder_template.py"


def _office() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(_office() is None, reason="LibreOffice (soffice) is not installed; see README to install it")
def test_libreoffice_converts_the_letter_to_pdf(sample: Path, tmp_path: Path):
    docx = write_letter(sample, tmp_path)
    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        [_office(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(docx)],
        capture_output=True, text=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)},
    )
    pdf = tmp_path / "don-doc.pdf"
    assert result.returncode == 0 and pdf.exists(), result.stdout + result.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "Kính gửi:" in text and "./." in text


def test_readme_sample_letter_is_current(sample: Path):
    """docs/reminder-q4-2025.md, linked from the README's "Đôn đốc" section, is what the sample renders to."""
    result = remind(sample)
    committed = (REPO / "docs" / "reminder-q4-2025.md").read_text(encoding="utf-8")
    assert result.stdout == committed, "stale: run tools/readme_reminder.sh"
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "### Đôn đốc" in readme and "](docs/reminder-page1.png)" in readme
    assert (REPO / "docs" / "reminder-page1.png").read_bytes().startswith(b"\x89PNG")


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_per_unit_writes_all_or_nothing(sample: Path, tmp_path: Path):
    letters = tmp_path / "cong-van"
    letters.mkdir()
    (letters / "don-doc-phong-chuyen-doi-so.docx").symlink_to(tmp_path / "elsewhere.docx")
    result = remind(sample, "--per-unit", "-o", str(letters / "don-doc.docx"))
    assert result.exit_code == 1 and "symlink" in result.stderr
    assert sorted(p.name for p in letters.iterdir()) == ["don-doc-phong-chuyen-doi-so.docx"]
    assert not (tmp_path / "elsewhere.docx").exists()
