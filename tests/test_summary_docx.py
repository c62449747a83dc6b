"""`dancu summary --format docx`: the Word file follows Decree 30/2020/NĐ-CP and keeps user text intact."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from lxml import etree

from conftest import REPO
from summary_helpers import NASTY, UNIT_NAMES, add_sample_reports, summary, write_report

TEMPLATE = REPO / "src" / "dancu_cli" / "templates" / "summary.docx"


@pytest.fixture
def sample(workspace: Path) -> Path:
    return add_sample_reports(workspace)


def render(root: Path, tmp_path: Path, *args: str) -> Path:
    out = tmp_path / "bao-cao.docx"
    result = summary(root, "--period", "2025-Q4", "-o", str(out), *args)
    assert result.exit_code == 0, result.output
    return out


def effective(paragraph, attr: str):
    """A paragraph property as Word resolves it: the paragraph's own, else its style chain's."""
    value = getattr(paragraph.paragraph_format, attr)
    style = paragraph.style
    while value is None and style is not None:
        value = getattr(style.paragraph_format, attr)
        style = style.base_style
    return value


def run_size(run, paragraph):
    style = paragraph.style
    size = run.font.size
    while size is None and style is not None:
        size, style = style.font.size, style.base_style
    return size


def all_paragraphs(doc):
    yield from doc.paragraphs
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def test_page_and_fonts_follow_decree_30(sample: Path, tmp_path: Path):
    doc = Document(str(render(sample, tmp_path)))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4
    mm = lambda length: round(length.mm, 1)  # noqa: E731  (Word stores twips: 20 mm is 19.99 mm)
    assert 20 <= mm(section.top_margin) <= 25 and 20 <= mm(section.bottom_margin) <= 25
    assert 30 <= mm(section.left_margin) <= 35 and 15 <= mm(section.right_margin) <= 20
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and Pt(13) <= normal.font.size <= Pt(14)
    fonts = normal.element.rPr.rFonts
    assert {fonts.get(f"{{{fonts.nsmap['w']}}}{k}") for k in ("ascii", "hAnsi", "cs", "eastAsia")} == {"Times New Roman"}
    body = [p for p in doc.paragraphs if p.style.name == "Nội dung báo cáo" and len(p.text) > 80]
    assert body and all(effective(p, "alignment") == WD_ALIGN_PARAGRAPH.JUSTIFY for p in body)
    assert all(Pt(13) <= run_size(r, p) <= Pt(14) for p in body for r in p.runs if r.text.strip())


def test_header_block_title_headings_and_close(sample: Path, tmp_path: Path):
    doc = Document(str(render(sample, tmp_path)))
    by_text = {p.text: p for p in all_paragraphs(doc) if p.text}
    # The title in two balanced lines; the period's words are held together by no-break spaces.
    title = "Kết quả thực hiện dân chủ ở cơ sở và công\ntác dân vận chính quyền quý\u00a0IV\u00a0năm\u00a02025"
    for text in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
                 "BÁO CÁO", title, "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Mai Thoan"):
        assert all(r.bold for r in by_text[text].runs), text
    assert "UBND TỈNH QUẢNG NGÃI" in by_text and "Số: …/BC-SKHCN" in by_text
    assert all(r.italic for r in by_text["Quảng Ngãi, ngày … tháng … năm …"].runs)
    assert "(Số liệu tính đến ngày 15/01/2026)" in by_text
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["I. KẾT QUẢ THỰC HIỆN", "II. TỒN TẠI, HẠN CHẾ", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
                        "IV. ĐỀ XUẤT, KIẾN NGHỊ"]
    assert all(h == h.upper() for h in headings) and doc.styles["Heading 1"].font.bold
    tasks = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert [t.split(".")[0] for t in tasks] == [str(n) for n in range(1, 8)] and doc.styles["Heading 2"].font.bold
    where = by_text["Nơi nhận:"].runs[0]
    assert (where.bold, where.italic, where.font.size) == (True, True, Pt(12))
    recipient = by_text["- Sở Nội vụ;"].runs[0]
    assert recipient.font.size == Pt(11) and by_text["- Lưu: VT, VP."]


def test_page_numbers_at_the_top_from_page_two(sample: Path, tmp_path: Path):
    doc = Document(str(render(sample, tmp_path)))
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    assert not "".join(p.text for p in section.first_page_header.paragraphs).strip()
    page = section.header.paragraphs[0]
    assert page.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert 'w:instr=" PAGE "' in page._p.xml


def test_annex_table_rows(sample: Path, tmp_path: Path):
    doc = Document(str(render(sample, tmp_path, "--with-annex")))
    annex = doc.tables[-1]
    rows = [[c.text for c in row.cells] for row in annex.rows]
    assert rows[0] == ["STT", "Đơn vị", "Số, ký hiệu", "Ngày nhận", "Tình trạng", "Nhiệm vụ chưa báo cáo"]
    assert [r[1] for r in rows[1:]] == UNIT_NAMES
    assert rows[1][2:] == ["12/BC-VP", "06/01/2026", "Đúng hạn", "2, 3, 6"]
    assert rows[2][2:] == ["05/BC-KHTC", "12/01/2026", "Trễ hạn 3 ngày", "2, 3, 6, 7"]
    assert all(r[4] == "Chưa gửi, quá hạn 6 ngày" for r in rows[4:])
    texts = [p.text.replace("\n", " ") for p in doc.paragraphs]  # the line is broken into balanced lines
    assert "(Kèm theo Báo cáo số …/BC-SKHCN ngày … tháng … năm … của Sở Khoa học và Công nghệ)" in texts


def test_outward_docx_has_breakdown_and_no_annex(sample: Path, tmp_path: Path):
    doc = Document(str(render(sample, tmp_path)))
    texts = [p.text for p in all_paragraphs(doc)]
    assert "PHỤ LỤC" not in texts and not any(t.startswith("- Chưa báo cáo") for t in texts)
    breakdown = [[c.text for c in row.cells] for row in doc.tables[1].rows]
    assert breakdown[0] == ["STT", "Tình trạng nhiệm vụ", "Số nhiệm vụ", "Tỷ lệ"]
    assert breakdown[1] == ["1", "Tổng số nhiệm vụ", "7", "100%"]
    assert ["4", "Nhiệm vụ thường xuyên", "6", "85,7%"] in breakdown
    assert len(doc.tables) == 3  # header block, breakdown, recipients and signature


def test_no_reports_still_renders_every_unit_missing(workspace: Path, tmp_path: Path):
    doc = Document(str(render(workspace, tmp_path, "--with-annex")))
    rows = [[c.text for c in row.cells] for row in doc.tables[-1].rows][1:]
    assert [r[1] for r in rows] == UNIT_NAMES and {r[4] for r in rows} == {"Chưa gửi, quá hạn 6 ngày"}


def test_user_text_intact_and_xml_valid(workspace: Path, tmp_path: Path):
    write_report(workspace, "van-phong-so", [{"task": 4, "status": "hoan-thanh", "results": NASTY,
                                               "proposals": "Đề nghị bổ sung & <sửa>"}],
                 number="12/BC & <VP>")
    out = render(workspace, tmp_path)
    with zipfile.ZipFile(out) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                etree.fromstring(z.read(name))  # strict parser: raises on any invalid XML
    doc = Document(str(out))
    texts = [p.text for p in doc.paragraphs]
    # The whole multi-line text is one list item: its lines are line breaks inside the paragraph, every
    # character as typed.
    assert "+ Văn phòng Sở (Hoàn thành): " + NASTY in texts
    assert "- Văn phòng Sở (nhiệm vụ 4): Đề nghị bổ sung & <sửa>" in texts  # (control characters are refused at input)
    annex = Document(str(render(workspace, tmp_path, "--with-annex"))).tables[-1]
    assert [c.text for c in annex.rows[1].cells][2] == "12/BC & <VP>"


def test_docx_without_o_goes_to_a_named_file(sample: Path, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = summary(sample, "--period", "2025-Q4", "--format", "docx")
    assert result.exit_code == 0, result.output
    assert "bao-cao-2599-KH-SKHCN-2025-Q4.docx" in result.stdout
    assert Document(str(tmp_path / "bao-cao-2599-KH-SKHCN-2025-Q4.docx")).tables


def test_custom_docx_template_typo_names_the_paragraph(sample: Path, tmp_path: Path):
    template = tmp_path / "mau.docx"
    doc = Document()
    doc.add_paragraph("{{ type_name }}")
    doc.add_paragraph("Trích yếu: {{ titel }}")
    doc.save(str(template))
    out = tmp_path / "bc.docx"
    result = summary(sample, "--period", "2025-Q4", "--template", str(template), "-o", str(out))
    assert result.exit_code == 1
    assert f"mẫu {template}, ở đoạn “Trích yếu: {{{{ titel }}}}”: không có biến hay trường “titel”" in result.stderr
    assert "“title”" in result.stderr
    assert not out.exists()


def test_custom_docx_template_renders(sample: Path, tmp_path: Path):
    template = tmp_path / "mau.docx"
    doc = Document()
    doc.add_paragraph("{{ title }} – {{ tasks | length }} nhiệm vụ")
    doc.save(str(template))
    out = render(sample, tmp_path, "--template", str(template))
    assert Document(str(out)).paragraphs[0].text.endswith("quý IV năm 2025 – 7 nhiệm vụ")


def test_template_kind_must_match_format(sample: Path, tmp_path: Path):
    result = summary(sample, "--period", "2025-Q4", "--template", str(TEMPLATE), "--format", "md")
    assert result.exit_code == 2 and "không dùng được cho định dạng md" in result.output
    broken = tmp_path / "hong.docx"
    broken.write_text("không phải docx", encoding="utf-8")
    result = summary(sample, "--period", "2025-Q4", "--template", str(broken), "-o", str(tmp_path / "x.docx"))
    assert result.exit_code == 1 and "không phải tệp Word .docx đọc được" in result.stderr


def test_committed_template_is_what_the_generator_builds(tmp_path: Path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_docx_template", REPO / "tools" / "build_docx_template.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fresh = module.build(tmp_path / "summary.docx")
    with zipfile.ZipFile(fresh) as a, zipfile.ZipFile(TEMPLATE) as b:
        assert sorted(a.namelist()) == sorted(b.namelist())
        for name in a.namelist():
            assert a.read(name) == b.read(name), f"{name} differs: run python tools/build_docx_template.py"


def _office() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(_office() is None, reason="LibreOffice (soffice) is not installed; see README to install it")
def test_libreoffice_converts_the_docx_to_pdf(sample: Path, tmp_path: Path):
    docx = render(sample, tmp_path)
    profile = tmp_path / "lo-profile"  # a private profile: no clash with a running LibreOffice
    result = subprocess.run(
        [_office(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(docx)],
        capture_output=True, text=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)},
    )
    pdf = tmp_path / "bao-cao.pdf"
    assert result.returncode == 0 and pdf.exists(), result.stdout + result.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
