"""The Office's follow-up (core/followup.py) as Markdown or as a Word document in the Decree 30 layout.

The Word document is built in code rather than from a template: its status matrix has one column per
unit, as many as the registry holds. Its look comes from core/decree30.py, the same building blocks as
the summary's template.
"""

from __future__ import annotations

import io
from datetime import datetime

from .followup import FollowUp
from .render import md, md_line

# Sized like the summary's annex: a reference such as 05/BC-KHTC and a date fit on one line at 12 pt.
SUBMISSION_COLUMNS = (("STT", 1.2), ("Đơn vị", 4.2), ("Số, ký hiệu", 3.5), ("Ngày nhận", 2.4), ("Tình trạng", 3.0),
                      ("Nhiệm vụ chưa báo cáo", 2.2))


def _md_table(head: list[str], rows: list[list[str]], right: set[int] = frozenset()) -> str:
    lines = ["| " + " | ".join(md_line(h) for h in head) + " |",
             "|" + "|".join("---:" if i in right else "---" for i in range(len(head))) + "|"]
    lines += ["| " + " | ".join(md_line(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def render_followup_markdown(f: FollowUp) -> str:
    h = f.header
    out = [f"{md_line(h.parent)}\\\n**{md_line(h.issuer)}**\\\n{md_line(h.number)}\n",
           f"**{h.motto}**\\\n**{h.slogan}**\\\n*{md_line(h.place_date)}*\n",
           f"# {f.type_name}\n", f"**{md_line(f.title)}**\n", f"*(Số liệu tính đến ngày {f.as_of})*\n",
           f"{md(f.intro)}\n", "## I. TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC PHÒNG, ĐƠN VỊ\n", f"{md(f.tally)}\n",
           _md_table([name for name, _ in SUBMISSION_COLUMNS],
                     [[str(s.number), s.unit, s.reference, s.received, s.status, s.missing_tasks] for s in f.submissions],
                     {0})]
    if f.chase:
        out.append(f"{md(f.chase)}\n")
    out.append("## II. BÁO CÁO THEO TỪNG NHIỆM VỤ\n")
    for i, t in enumerate(f.matrices):
        if len(f.matrices) > 1:
            out.append(f"*Bảng {i + 1}/{len(f.matrices)}*\n")
        out.append(_md_table(["NV", *t.units, "Đã báo cáo"], [[r.task, *r.cells, r.received] for r in t.rows],
                             {0, len(t.units) + 1}))
    out += [f"{md(f.legend)}\n", *(f"{md(n)}\n" for n in f.notes), f"{md(f.abbreviations)}\n"]
    out.append("***Nơi nhận:***\n")
    out.append("\n".join(f"- {md_line(r)}{'.' if i == len(f.recipients) - 1 else ';'}"
                         for i, r in enumerate(f.recipients)) + "\n")
    out.append(f"**{md_line(f.signer.title)}**\n\n{md_line(f.signer.name)}\n")
    return "\n".join(out)


def render_followup_docx(f: FollowUp) -> bytes:
    from docx import Document
    from docx.shared import Cm

    from . import decree30 as d

    doc = Document()
    d.page_setup(doc.sections[0])
    d.setup_styles(doc)
    d.page_numbers(doc.sections[0])

    left, right = d.HEADER_COLUMNS_CM
    t = d.table(doc, 2, d.HEADER_COLUMNS_CM)
    d.cell_margins(t, 0)
    issuer, motto = t.rows[0].cells
    d.para(issuer, f.header.parent, size=12)
    d.para(issuer, f.header.issuer, size=12, bold=True)
    d.rule(issuer, 2.4, left)
    d.para(motto, f.header.motto, size=12, bold=True)
    d.para(motto, f.header.slogan, size=13, bold=True)
    d.rule(motto, 5.9, right)
    number, place = t.rows[1].cells
    d.para(number, f.header.number, size=13, before=6)
    d.para(place, f.header.place_date, size=14, italic=True, before=6)

    d.keep_next(d.para(doc, f.type_name, bold=True, before=18))
    d.keep_next(d.para(doc, "\n".join(f.title_lines), bold=True))
    d.rule(doc, 5.0, d.CONTENT_CM)
    d.para(doc, f"(Số liệu tính đến ngày {f.as_of})", size=13, italic=True, before=6, after=12)
    d.para(doc, f.intro, style=d.BODY_STYLE)

    doc.add_paragraph("I. TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC PHÒNG, ĐƠN VỊ", style="Heading 1")
    d.para(doc, f.tally, style=d.LABEL_STYLE)
    _grid(doc, [name for name, _ in SUBMISSION_COLUMNS], [w for _, w in SUBMISSION_COLUMNS],
          [[str(s.number), s.unit, s.reference, s.received, s.status, s.missing_tasks] for s in f.submissions],
          left_columns={1, 2, 4})
    if f.chase:
        d.para(doc, f.chase, style=d.BODY_STYLE, before=6)

    doc.add_paragraph("II. BÁO CÁO THEO TỪNG NHIỆM VỤ", style="Heading 1")
    for i, m in enumerate(f.matrices):
        if len(f.matrices) > 1:
            d.keep_next(d.para(doc, f"Bảng {i + 1}/{len(f.matrices)}", size=13, italic=True, before=6))
        # Unit columns share the width by the length of their abbreviation, so none breaks.
        weights = [max(len(u), 2) + 1 for u in m.units]
        cm_each = min(0.45, (d.CONTENT_CM - 1.0 - 2.0) / max(sum(weights), 1))
        _grid(doc, ["NV", *m.units, "Đã báo cáo"], [1.0, *(w * cm_each for w in weights), 2.0],
              [[r.task, *r.cells, r.received] for r in m.rows], size=10)
    for line in (f.legend, *f.notes, f.abbreviations):
        p = d.para(doc, line, size=12, align=d.JUSTIFY, before=4)
        p.paragraph_format.first_line_indent = Cm(0)

    t = d.table(doc, 1, (d.CONTENT_CM / 2, d.CONTENT_CM / 2))
    d.cant_split(t.rows[0])
    recipients, signer = t.rows[0].cells
    d.para(recipients, "Nơi nhận:", size=12, bold=True, italic=True, align=d.LEFT, before=12)
    for i, r in enumerate(f.recipients):
        d.para(recipients, f"- {r}{'.' if i == len(f.recipients) - 1 else ';'}", size=11, align=d.LEFT)
    d.para(signer, f.signer.title, bold=True, before=12)
    for _ in range(4):
        d.para(signer)
    d.para(signer, f.signer.name, bold=True)

    d.compatibility(doc)
    props = doc.core_properties
    props.author = props.last_modified_by = "dancu"
    props.title = f.title
    props.created = props.modified = datetime(2025, 1, 1)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _grid(doc, head: list[str], widths: list[float], rows: list[list[str]], *, size: int = 12,
          left_columns: set[int] = frozenset()) -> None:
    """A bordered table whose header row repeats on every page and whose rows never split."""
    from docx.oxml import OxmlElement

    from . import decree30 as d

    t = d.table(doc, 1 + len(rows), tuple(widths), style="Table Grid")
    d.cell_margins(t, 0.1)
    for cell, name in zip(t.rows[0].cells, head):
        d.keep_next(d.para(cell, name, size=size, bold=True))
    t.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for row, values in zip(t.rows[1:], rows):
        for i, (cell, value) in enumerate(zip(row.cells, values)):
            d.para(cell, value, size=size, align=d.LEFT if i in left_columns else d.CENTER)
    for row in t.rows:
        d.cant_split(row)
