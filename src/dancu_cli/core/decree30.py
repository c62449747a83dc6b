"""Building blocks of a Word document laid out per Decree 30/2020/NĐ-CP, appendix I (python-docx).

A4; margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman; body
14 pt, justified, first line indented 1.27 cm, 6 pt between paragraphs; headings
in bold; page numbers centred at the top from page 2 on. The shipped summary
template (tools/build_docx_template.py) and the Office's follow-up document
(core/followup_render.py) are both built from these, so they look alike.

Clean pages without hand editing: headings and labels keep with the next
paragraph; widow and orphan control everywhere; a long heading may break across
pages (kept whole, it would leave half a page blank); a line break inside a
justified paragraph does not stretch the line before it; table rows never split.
"""

from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

FONT = "Times New Roman"
BODY_PT = 14
CONTENT_CM = 16.5  # 210 mm − 30 mm − 15 mm
HEADER_COLUMNS_CM = (6.8, 9.7)
CENTER, LEFT, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.JUSTIFY
BODY_STYLE = "Nội dung báo cáo"
LABEL_STYLE = "Nhãn báo cáo"
TAIL_STYLE = "Tên nhiệm vụ (dòng cuối)"


def page_setup(section) -> None:
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)


def set_font(rpr, name: str = FONT) -> None:
    """Times New Roman for every script (in a w:rPr), without the theme fonts Word would otherwise prefer."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), name)


def setup_styles(doc) -> None:
    styles = doc.styles
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_font(defaults)
    normal = styles["Normal"]
    set_font(normal.element.get_or_add_rPr())
    normal.font.size = Pt(BODY_PT)
    fmt = normal.paragraph_format
    fmt.alignment = JUSTIFY
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(6), 1.15
    fmt.widow_control = True

    body = styles.add_style(BODY_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    body.base_style = normal
    body.paragraph_format.first_line_indent = Cm(1.27)
    # "- Kết quả thực hiện:", "- Số liệu tổng hợp:": a label never ends a page without what it introduces.
    label = styles.add_style(LABEL_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    label.base_style = body
    label.paragraph_format.keep_with_next = True

    # Section headings "I. KẾT QUẢ THỰC HIỆN" (bold capitals) and task headings "1. …" (bold): Word's own
    # heading styles, so the navigation pane and a table of contents work; restyled to the decree.
    for name, before in (("Heading 1", 12), ("Heading 2", 6)):
        style = styles[name]
        set_font(style.element.get_or_add_rPr())
        style.font.size, style.font.bold, style.font.italic = Pt(BODY_PT), True, False
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.all_caps = False
        pf = style.paragraph_format
        pf.alignment, pf.first_line_indent = JUSTIFY, Cm(1.27)
        pf.space_before, pf.space_after, pf.line_spacing, pf.keep_with_next = Pt(before), Pt(6), 1.15, True
        # Word's heading styles also keep their lines together: a seven-line task heading would then jump
        # whole to the next page and leave a gap. Widow/orphan control still keeps two lines each side.
        pf.keep_together, pf.widow_control = False, True
    # The last lines of a long task heading, in a paragraph of their own that keeps with the next: LibreOffice
    # moves a whole keep-with-next paragraph to the next page, which for a seven-line heading leaves half a
    # page blank. The heading's first part (Heading 2, not kept) flows on; this tail carries the keep.
    tail = styles.add_style(TAIL_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    tail.base_style = styles["Normal"]
    tail.font.bold = True
    tf = tail.paragraph_format
    tf.alignment, tf.first_line_indent, tf.keep_with_next, tf.widow_control = JUSTIFY, Cm(0), True, True
    tf.space_before, tf.space_after = Pt(0), Pt(6)


def para(container, text: str = "", *, size: int = BODY_PT, bold=False, italic=False, align=CENTER,
         style: str | None = None, after: int = 0, before: int = 0):
    """One paragraph of one run; `container` is the document or a table cell."""
    p = container.add_paragraph(style=style)
    if style is None:
        p.alignment = align
        p.paragraph_format.first_line_indent = Cm(0)
        p.paragraph_format.space_after, p.paragraph_format.space_before = Pt(after), Pt(before)
    if text:
        run(p, text, size=size if style is None else None, bold=bold, italic=italic)
    return p


def run(p, text: str, *, size: int | None = None, bold=False, italic=False):
    r = p.add_run(text)
    r.bold, r.italic = bold or None, italic or None
    if size:
        r.font.size = Pt(size)
    return r


def rule(container, width_cm: float, column_cm: float):
    """A centred horizontal line `width_cm` long, as the decree draws under the issuer, motto and title:
    the bottom border of an empty paragraph whose indents leave exactly that width."""
    p = para(container, size=2)
    side = Cm(max(column_cm - width_cm, 0) / 2)
    p.paragraph_format.left_indent = p.paragraph_format.right_indent = side
    p.paragraph_format.line_spacing = Pt(2)
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{key}"), value)
    border.append(bottom)
    p._p.get_or_add_pPr().append(border)
    return p


def table(doc, rows: int, widths_cm: tuple[float, ...], style: str | None = None):
    t = doc.add_table(rows=rows, cols=len(widths_cm))
    if style:
        t.style = doc.styles[style]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    for column, width in zip(t.columns, widths_cm):
        column.width = Cm(width)  # the grid: LibreOffice reads widths from it, Word from the cells
    for row in t.rows:
        for cell, width in zip(row.cells, widths_cm):
            cell.width = Cm(width)
            cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)  # cells start empty
    return t


def page_numbers(section) -> None:
    """Page numbers centred in the top margin, not on the first page."""
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    r = run(p, "", size=BODY_PT)
    r.text = "2"
    p._p.remove(r._r)
    field.append(r._r)
    p._p.append(field)


def cell_margins(t, cm: float) -> None:
    """Narrow left and right cell padding: the motto in capitals needs nearly all of its 9.7 cm, and a
    date at 12 pt nearly all of its 2.4 cm annex column."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        m = OxmlElement(f"w:{side}")
        m.set(qn("w:w"), str(round(cm * 567)))  # twips
        m.set(qn("w:type"), "dxa")
        margins.append(m)
    t._tbl.tblPr.append(margins)


def keep_next(p):
    p.paragraph_format.keep_with_next = True
    return p


def cant_split(row) -> None:
    """A table row that never breaks across pages."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def compatibility(doc) -> None:
    """Word's "don't expand character spaces on a line ending with a line break": a multi-line result is one
    justified list item whose lines end in line breaks, and those lines must not be stretched to the margin."""
    settings = doc.settings.element
    compat = settings.find(qn("w:compat"))
    if compat is None:
        compat = OxmlElement("w:compat")
        settings.append(compat)
    compat.insert(0, OxmlElement("w:doNotExpandShiftReturn"))
