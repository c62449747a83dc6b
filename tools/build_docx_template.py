"""Build the Word template of the consolidated report: src/dancu_cli/templates/summary.docx.

The template is laid out per Decree 30/2020/NĐ-CP, appendix I: A4; margins top and
bottom 20 mm, left 30 mm, right 15 mm; Times New Roman; body 14 pt, justified,
first line indented 1.27 cm, 6 pt between paragraphs; the header block in two
columns (issuing body left, national motto right, each with its rule below);
"Nơi nhận:" 12 pt bold italic, recipients 11 pt; page numbers centred at the
top from page 2 on. The placeholders are docxtpl (Jinja2) tags over the
variables of dancu_cli.core.summary.Summary.

Clean pages without hand editing: headings and labels ("Kết quả thực hiện:")
keep with the next paragraph; widow and orphan control everywhere; a long task
heading may break across pages (kept whole, it would leave half a page blank);
a line break inside a justified paragraph does not stretch the line before it;
the signature block and table rows never split; annex columns fit a reference
such as 05/BC-KHTC and a date on one line.

The layout itself (page, styles, paragraphs, rules, tables) lives in
dancu_cli/core/decree30.py, shared with the Office's follow-up document.

Offices restyle the result in Word itself (styles "Normal", "Heading 1", "Heading 2",
"Nội dung báo cáo"); this script is only how the shipped file is made reproducibly.

    python tools/build_docx_template.py [OUTPUT.docx]
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.shared import Cm, Pt

from dancu_cli.core.decree30 import (CENTER, CONTENT_CM, HEADER_COLUMNS_CM, LEFT, TAIL_STYLE, cant_split, cell_margins,
                                     compatibility, keep_next, page_numbers, page_setup, para, rule, run,
                                     setup_styles, table)

OUT = Path(__file__).resolve().parents[1] / "src" / "dancu_cli" / "templates" / "summary.docx"


def tag(container, text: str):
    """A docxtpl paragraph tag ({%p …%}): the whole paragraph is replaced by the Jinja statement."""
    return para(container, text, align=LEFT)


def header_block(doc) -> None:
    left, right = HEADER_COLUMNS_CM
    t = table(doc, 2, HEADER_COLUMNS_CM)
    cell_margins(t, 0)
    issuer, motto = t.rows[0].cells
    tag(issuer, "{%p if header.parent %}")
    para(issuer, "{{ header.parent }}", size=12)
    tag(issuer, "{%p endif %}")
    para(issuer, "{{ header.issuer }}", size=12, bold=True)
    rule(issuer, 2.4, left)
    para(motto, "{{ header.motto }}", size=12, bold=True)
    para(motto, "{{ header.slogan }}", size=13, bold=True)
    rule(motto, 5.9, right)  # as long as "Độc lập - Tự do - Hạnh phúc" at 13 pt bold
    number, place = t.rows[1].cells
    para(number, "{{ header.number }}", size=13, before=6)
    para(place, "{{ header.place_date }}", size=14, italic=True, before=6)


def body(doc) -> None:
    keep_next(para(doc, "{{ type_name }}", bold=True, before=18))
    # The title's lines are balanced in the summary (title_lines); "\n" becomes a line break.
    keep_next(para(doc, r'{{ title_lines | join("\n") }}', bold=True))
    rule(doc, 5.0, CONTENT_CM)
    para(doc, "(Số liệu tính đến ngày {{ as_of }})", size=13, italic=True, before=6, after=12)
    para(doc, "{{ intro }}", style="Nội dung báo cáo")

    text = lambda s: para(doc, s, style="Nội dung báo cáo")  # noqa: E731
    label = lambda s: para(doc, s, style="Nhãn báo cáo")  # noqa: E731
    doc.add_paragraph("I. KẾT QUẢ THỰC HIỆN", style="Heading 1")
    label("{{ breakdown_intro }}")
    breakdown_table(doc)
    tag(doc, "{%p for t in tasks %}")
    tag(doc, "{%p if t.heading_tail %}")
    head = doc.add_paragraph("{{ t.number }}. {{ t.heading_head }}", style="Heading 2")
    head.paragraph_format.keep_with_next = False
    head.paragraph_format.space_after = Pt(0)
    para(doc, "{{ t.heading_tail }}", style=TAIL_STYLE)
    tag(doc, "{%p else %}")
    doc.add_paragraph("{{ t.number }}. {{ t.heading }}", style="Heading 2")
    tag(doc, "{%p endif %}")
    text("- {{ t.roles }}.")
    text("- Thời gian thực hiện: {{ t.timeframe }}.")
    text("- Tình trạng: {{ t.state }}.")
    tag(doc, "{%p if t.results %}")
    label("- Kết quả thực hiện:")
    tag(doc, "{%p for r in t.results %}")
    p = text("+ ")
    run(p, "{{ r.unit }}", bold=True)
    run(p, "{% if several_periods %}, {{ r.period }}{% endif %}{% if r.status %} ({{ r.status }}){% endif %}: "
           "{{ r.text }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p else %}")
    text("- Kết quả thực hiện: chưa có đơn vị nào báo cáo.")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if t.figures %}")
    label("- Số liệu tổng hợp:")
    tag(doc, "{%p for f in t.figures %}")
    text("+ {{ f.name }}: {{ f.total }}{% if f.parts %} ({{ f.parts }}){% endif %}.")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")

    for heading, items in (("II. TỒN TẠI, HẠN CHẾ", "shortcomings"),
                           ("III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", "next_steps"),
                           ("IV. ĐỀ XUẤT, KIẾN NGHỊ", "proposals")):
        doc.add_paragraph(heading, style="Heading 1")
        tag(doc, f"{{%p for r in {items} %}}")
        p = text("- ")
        run(p, "{{ r.unit }}", bold=True)
        run(p, " (nhiệm vụ {{ r.task }}{% if several_periods %}, {{ r.period }}{% endif %}): {{ r.text }}")
        tag(doc, "{%p else %}")
        text("Các phòng, đơn vị không báo cáo nội dung này.")
        tag(doc, "{%p endfor %}")


def breakdown_table(doc) -> None:
    """The standard breakdown of task states: groups in bold, their parts indented."""
    columns = (("STT", 1.3), ("Tình trạng nhiệm vụ", 9.6), ("Số nhiệm vụ", 2.8), ("Tỷ lệ", 2.8))
    t = table(doc, 8, tuple(w for _, w in columns), style="Table Grid")
    cell_margins(t, 0.1)
    for cell, (name, _) in zip(t.rows[0].cells, columns):
        keep_next(para(cell, name, size=13, bold=True))
    t.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    para(t.rows[1].cells[0], "{%tr for b in breakdown %}", size=13)
    para(t.rows[2].cells[0], "{%tr if b.part %}", size=13)
    part = t.rows[3].cells
    para(part[0], "", size=13)
    para(part[1], "- {{ b.label }}", size=13, align=LEFT).paragraph_format.left_indent = Cm(0.6)
    para(part[2], "{{ b.count }}", size=13)
    para(part[3], "{{ b.share }}", size=13)
    para(t.rows[4].cells[0], "{%tr else %}", size=13)
    group = t.rows[5].cells
    para(group[0], "{{ b.number }}", size=13, bold=True)
    para(group[1], "{{ b.label }}", size=13, bold=True, align=LEFT)
    para(group[2], "{{ b.count }}", size=13, bold=True)
    para(group[3], "{{ b.share }}", size=13, bold=True)
    para(t.rows[6].cells[0], "{%tr endif %}", size=13)
    para(t.rows[7].cells[0], "{%tr endfor %}", size=13)
    for row in t.rows:
        cant_split(row)
        for cell in row.cells:
            if not cell.paragraphs:
                para(cell, size=13)
    para(doc, size=6)  # air between the table and the first task heading


def closing(doc) -> None:
    t = table(doc, 1, (CONTENT_CM / 2, CONTENT_CM / 2))
    cant_split(t.rows[0])  # the recipients and the signature stay on one page
    recipients, signer = t.rows[0].cells
    para(recipients, "Nơi nhận:", size=12, bold=True, italic=True, align=LEFT, before=12)
    tag(recipients, "{%p for r in recipients %}")
    para(recipients, "- {{ r }}{{ '.' if loop.last else ';' }}", size=11, align=LEFT)
    tag(recipients, "{%p endfor %}")
    tag(signer, "{%p if signer.authority %}")
    para(signer, "{{ signer.authority }}", bold=True, before=12)
    tag(signer, "{%p endif %}")
    para(signer, "{{ signer.title }}", bold=True)
    for _ in range(4):  # room for the signature and seal
        para(signer)
    para(signer, "{{ signer.name }}", bold=True)


# Sized for 12 pt: "STT", a reference such as "05/BC-KHTC" (up to 12 characters, capitals) and a date each fit on one
# line. The due date is the same for every unit of a period, so the sentence above the table states it.
ANNEX_COLUMNS = (("STT", 1.2), ("Đơn vị", 4.2), ("Số, ký hiệu", 3.5), ("Ngày nhận", 2.4), ("Tình trạng", 3.0),
                 ("Nhiệm vụ chưa báo cáo", 2.2))


def annex(doc) -> None:
    tag(doc, "{%p if with_annex %}")
    p = keep_next(para(doc, "PHỤ LỤC", bold=True))
    p.paragraph_format.page_break_before = True
    keep_next(para(doc, "TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC PHÒNG, ĐƠN VỊ", bold=True))
    keep_next(para(doc, r'{{ annex_reference_lines | join("\n") }}', size=13, italic=True))
    keep_next(para(doc, "(Số liệu tính đến ngày {{ as_of }})", size=13, italic=True, after=6))
    para(doc, "{{ tally }}", style="Nhãn báo cáo")
    columns = ANNEX_COLUMNS
    t = table(doc, 4, tuple(w for _, w in columns), style="Table Grid")
    cell_margins(t, 0.1)
    for cell, (name, _) in zip(t.rows[0].cells, columns):
        para(cell, name, size=12, bold=True)
    t.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeated on every page
    para(t.rows[1].cells[0], "{%tr for s in submissions %}", size=12)
    cells = t.rows[2].cells
    para(cells[0], "{{ s.number }}", size=12)
    para(cells[1], "{{ s.unit }}{% if several_periods %} ({{ s.period }}){% endif %}", size=12, align=LEFT)
    para(cells[2], "{{ s.reference }}", size=12, align=LEFT)
    para(cells[3], "{{ s.received }}", size=12)
    para(cells[4], "{{ s.status }}", size=12, align=LEFT)
    para(cells[5], "{{ s.missing_tasks }}", size=12)
    para(t.rows[3].cells[0], "{%tr endfor %}", size=12)
    for row in t.rows:
        cant_split(row)
        for cell in row.cells[:] if row is not t.rows[0] else []:  # Word needs a paragraph in every cell
            if not cell.paragraphs:
                para(cell, size=12)
    tag(doc, "{%p endif %}")


def build(out: Path = OUT) -> Path:
    doc = Document()
    section = doc.sections[0]
    page_setup(section)
    setup_styles(doc)
    page_numbers(section)
    header_block(doc)
    body(doc)
    closing(doc)
    annex(doc)
    compatibility(doc)
    return save_reproducibly(doc, out)


def save_reproducibly(doc, out: Path) -> Path:
    """Save with fixed metadata, so that rebuilding a template gives the same bytes (the tests compare them)."""
    props = doc.core_properties
    props.author = props.last_modified_by = "dancu"
    props.title = props.subject = props.comments = props.keywords = ""
    props.created = props.modified = datetime(2025, 1, 1)
    props.revision = 1
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(out)
    return out


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
