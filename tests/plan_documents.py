"""Word documents of plans in the official layout (Decree 30/2020/NĐ-CP), built for the import tests.

`document_of_plan` turns a plan file into the words a clerk would have typed; `build_docx` lays those
words out as the Department's Word document: the header table (issuer and number on the left, national
motto and place-date on the right), "KẾ HOẠCH" and the subject, the sections, the tasks with automatic
numbering (or, for the second shape, in a table), then "Nơi nhận" and the signature block.

Run as a script to write the documents for looking at:
    python tests/plan_documents.py OUT_FOLDER
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

ROLE_WORDS = {"lead": "Cơ quan chủ trì", "coordinating": "Cơ quan phối hợp", "implementing": "Cơ quan thực hiện"}
LETTERS = "abcdefghiklmn"


def _date_line(place: str, day) -> str:
    return f"{place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def document_of_plan(plan, registry) -> dict:
    """The words of a plan file as they stand in its signed document (unit names as people write them)."""
    def names(refs):
        return ", ".join(registry.display(r) for r in refs)

    tasks = []
    for t in plan.tasks:
        roles = []
        if t.lead:
            roles.append(("lead", registry.display(t.lead)))
        if t.coordinating:
            roles.append(("coordinating", names(t.coordinating)))
        if t.implementing:
            roles.append(("implementing", names(t.implementing)))
        tasks.append({"heading": t.heading, "body": [{"text": p.text, "items": list(p.items)} for p in t.body],
                      "roles": roles, "time": t.timeframe.text})
    return {
        "parent": (plan.issuer.parent or "").upper(), "issuer": plan.issuer.name.upper(),
        "reference": plan.reference, "date_line": _date_line(plan.document.place, plan.document.issued_on),
        "type": plan.document.type.upper(), "title": plan.document.title,
        "preamble": (plan.preamble or "").split("\n"),
        "purposes": [(p.label, p.text) for p in plan.purposes],
        "requirements": [(p.label, p.text) for p in plan.requirements],
        "tasks": tasks, "budget": plan.budget, "organisation": [c.text for c in plan.organisation],
        "closing": plan.closing, "recipients": list(plan.recipients),
        "signer": [plan.signer.authority, plan.signer.title, plan.signer.name],
    }


# --- Layout ------------------------------------------------------------------

def _font(run, size: float = 14, bold: bool = False, italic: bool = False) -> None:
    run.font.name = "Times New Roman"
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    rpr = run._r.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), "Times New Roman")


def _para(container, text: str = "", size: float = 14, bold=False, italic=False, align="justify",
          indent: bool = True, after: float = 6):
    p = container.add_paragraph()
    fmt = p.paragraph_format
    fmt.alignment = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
                     "left": WD_ALIGN_PARAGRAPH.LEFT}[align]
    fmt.first_line_indent = Cm(1.27) if indent else Cm(0)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(after)
    fmt.line_spacing = 1.15
    if text:
        _font(p.add_run(text), size, bold, italic)
    return p


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    table._tbl.tblPr.append(borders)


def _widths(table, widths) -> None:
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


def _cell_lines(cell, lines, align="center") -> None:
    """Fill a table cell with (text, size, bold, italic) lines."""
    first = True
    for text, size, bold, italic in lines:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER if align == "center" else WD_ALIGN_PARAGRAPH.LEFT
        p.paragraph_format.space_after = Pt(0)
        if text:
            _font(p.add_run(text), size, bold, italic)


class _Numbering:
    """Automatic decimal numbering "1.", "2.", … restarting for each list, as Word's numbering button makes it."""

    def __init__(self, doc):
        self.part = doc.part.numbering_part.element
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), "90")
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), "0")
        for tag, val in (("w:start", "1"), ("w:numFmt", "decimal"), ("w:lvlText", "%1."), ("w:lvlJc", "left")):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            lvl.append(el)
        suffix = OxmlElement("w:suff")  # the number is followed by a space, as when typed, not a tab
        suffix.set(qn("w:val"), "space")
        lvl.append(suffix)
        ppr = OxmlElement("w:pPr")
        ind = OxmlElement("w:ind")
        ind.set(qn("w:left"), "0")
        ind.set(qn("w:firstLine"), "720")
        ppr.append(ind)
        lvl.append(ppr)
        abstract.append(lvl)
        self.part.insert(0, abstract)
        self.next_id = 90

    def new_list(self) -> int:
        self.next_id += 1
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(self.next_id))
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), "90")
        num.append(ref)
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), "0")
        start = OxmlElement("w:startOverride")
        start.set(qn("w:val"), "1")
        override.append(start)
        num.append(override)
        self.part.append(num)
        return self.next_id

    @staticmethod
    def apply(paragraph, num_id: int) -> None:
        ppr = paragraph._p.get_or_add_pPr()
        num_pr = OxmlElement("w:numPr")
        ilvl = OxmlElement("w:ilvl")
        ilvl.set(qn("w:val"), "0")
        nid = OxmlElement("w:numId")
        nid.set(qn("w:val"), str(num_id))
        num_pr.append(ilvl)
        num_pr.append(nid)
        ppr.insert(0, num_pr)


def _task_paragraphs(doc, numbering: _Numbering, tasks: list[dict], by_style: bool = False) -> None:
    list_id = numbering.new_list()
    for task in tasks:
        heading = _para(doc, task["heading"], bold=True)
        if by_style:  # numbered by Word's "List Number" style rather than on the paragraph itself
            heading.style = doc.styles["List Number"]
        else:
            numbering.apply(heading, list_id)
        labels = iter(LETTERS)
        for paragraph in task["body"]:
            _para(doc, f"{next(labels)}) {paragraph['text']}")
            for item in paragraph["items"]:
                _para(doc, f"- {item}")
        for role, names in task["roles"]:
            _para(doc, f"{next(labels)}) {ROLE_WORDS[role]}: {names};")
        _para(doc, f"{next(labels)}) Thời gian thực hiện: {task['time']}.")


def _task_table(doc, tasks: list[dict]) -> None:
    columns = ["TT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"]
    table = doc.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, name in zip(table.rows[0].cells, columns):
        _cell_lines(cell, [(name, 12, True, False)])
    for number, task in enumerate(tasks, 1):
        roles = dict(task["roles"])
        cells = table.add_row().cells
        _cell_lines(cells[0], [(str(number), 12, False, False)])
        lines = [(task["heading"], 12, True, False)]
        for paragraph in task["body"]:
            lines.append((paragraph["text"], 12, False, False))
            lines += [(f"- {item}", 12, False, False) for item in paragraph["items"]]
        _cell_lines(cells[1], lines, align="left")
        _cell_lines(cells[2], [(roles.get("lead", ""), 12, False, False)])
        _cell_lines(cells[3], [(roles.get("coordinating", ""), 12, False, False)])
        _cell_lines(cells[4], [(task["time"], 12, False, False)])
    _widths(table, [Cm(1), Cm(6.5), Cm(2.8), Cm(3), Cm(2.7)])


def build_docx(words: dict, path: Path, tasks_as_table: bool = False, numbering_style: bool = False) -> Path:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(14)

    header = doc.add_table(rows=1, cols=2)
    _no_borders(header)
    left, right = header.rows[0].cells
    _widths(header, [Cm(7.2), Cm(9.6)])  # a little wider than the text, as offices lay the header out
    _cell_lines(left, [(words["parent"], 12, False, False), (words["issuer"], 12, True, False),
                       ("", 13, False, False), (f"Số: {words['reference']}", 13, False, False)])
    _cell_lines(right, [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, True, False),
                        ("Độc lập - Tự do - Hạnh phúc", 14, True, False), ("", 13, False, False),
                        (words["date_line"], 14, False, True)])
    # Word puts an empty paragraph between two tables or after a table; keep the first one as spacing.
    _para(doc, "", indent=False)
    _para(doc, words["type"], bold=True, align="center", indent=False, after=0)
    _para(doc, words["title"], bold=True, align="center", indent=False, after=12)
    for text in words["preamble"]:
        _para(doc, text)

    numbering = _Numbering(doc)
    if words["purposes"] or words["requirements"]:
        _para(doc, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
        for heading, points in (("1. Mục đích", words["purposes"]), ("2. Yêu cầu", words["requirements"])):
            _para(doc, heading, bold=True)
            for label, text in points:
                _para(doc, f"{label}) {text}")
    _para(doc, "II. NỘI DUNG, THỜI GIAN THỰC HIỆN", bold=True)
    if tasks_as_table:
        _task_table(doc, words["tasks"])
    else:
        _task_paragraphs(doc, numbering, words["tasks"], numbering_style)
    if words.get("budget"):
        _para(doc, "III. KINH PHÍ THỰC HIỆN", bold=True)
        _para(doc, words["budget"])
    if words.get("organisation"):
        _para(doc, "IV. TỔ CHỨC THỰC HIỆN", bold=True)
        for number, text in enumerate(words["organisation"], 1):
            _para(doc, f"{number}. {text}")
    if words.get("closing"):
        _para(doc, words["closing"])

    footer = doc.add_table(rows=1, cols=2)
    _no_borders(footer)
    left, right = footer.rows[0].cells
    _widths(footer, [Cm(8), Cm(8)])
    recipients = words["recipients"]
    lines = [("Nơi nhận:", 12, True, True)]
    lines += [(f"- {r}{'.' if i == len(recipients) - 1 else ';'}", 11, False, False) for i, r in enumerate(recipients)]
    _cell_lines(left, lines, align="left")
    authority, title, name = words["signer"]
    signer_lines = ([(authority, 14, True, False)] if authority else []) + [
        (title, 14, True, False), ("", 14, False, False), ("", 14, False, False), ("", 14, False, False),
        (name, 14, True, False)]
    _cell_lines(right, signer_lines)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def second_plan_words() -> dict:
    """A 2026 plan written for the tests: tasks in a table, one unit not in the registry,
    deadlines as "Quý II/2026" and "Trước ngày 15/6/2026"."""
    return {
        "parent": "UBND TỈNH QUẢNG NGÃI", "issuer": "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "reference": "115/KH-SKHCN", "date_line": "Quảng Ngãi, ngày 20 tháng 01 năm 2026",
        "type": "KẾ HOẠCH", "title": "Chuyển đổi số trong hoạt động của Sở Khoa học và Công nghệ năm 2026",
        "preamble": ["Căn cứ Kế hoạch số 12/KH-UBND ngày 10/01/2026 của UBND tỉnh Quảng Ngãi về chuyển đổi số "
                     "năm 2026, Sở Khoa học và Công nghệ ban hành Kế hoạch chuyển đổi số năm 2026 như sau:"],
        "purposes": [("a", "Đẩy mạnh ứng dụng công nghệ số trong chỉ đạo, điều hành và giải quyết thủ tục hành chính.")],
        "requirements": [("a", "Bám sát chỉ tiêu của tỉnh; phân công rõ người, rõ việc, rõ thời hạn.")],
        "tasks": [
            {"heading": "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực",
             "body": [{"text": "Rà soát, số hóa toàn bộ hồ sơ lưu trữ từ năm 2020 đến nay.", "items": []}],
             "roles": [("lead", "Văn phòng Sở"), ("coordinating", "Phòng Chuyển đổi số")],
             "time": "Quý II/2026"},
            {"heading": "Xây dựng kho dữ liệu dùng chung của Sở",
             "body": [],
             "roles": [("lead", "Phòng ABC"), ("coordinating", "Trung tâm Công nghệ thông tin và Truyền thông")],
             "time": "Trước ngày 15/6/2026"},
            {"heading": "Tuyên truyền, phổ biến kỹ năng số cho công chức, viên chức",
             "body": [],
             "roles": [("lead", "Phòng Chuyển đổi số"), ("coordinating", "Các phòng, đơn vị thuộc Sở")],
             "time": "Thường xuyên"},
        ],
        "budget": "Kinh phí thực hiện từ nguồn ngân sách nhà nước giao cho Sở năm 2026.",
        "organisation": ["Các phòng, đơn vị định kỳ hằng quý báo cáo kết quả thực hiện qua Phòng Chuyển đổi số để "
                         "tổng hợp, báo cáo Lãnh đạo Sở."],
        "closing": "Trên đây là Kế hoạch chuyển đổi số năm 2026 của Sở Khoa học và Công nghệ./.",
        "recipients": ["UBND tỉnh (báo cáo)", "Lãnh đạo Sở", "Các phòng, đơn vị thuộc Sở", "Lưu: VT, CĐS"],
        "signer": ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Mai Thoan"],
    }


def shipped_plan_words(repo: Path) -> dict:
    from dancu_cli.core.workspace import load_workspace

    ws = load_workspace(repo, include_reports=False)
    return document_of_plan(ws.plans["2599-KH-SKHCN"], ws.registry)


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    repo = Path(__file__).resolve().parents[1]
    print(build_docx(shipped_plan_words(repo), out / "2599-KH-SKHCN.docx"))
    print(build_docx(second_plan_words(), out / "115-KH-SKHCN.docx", tasks_as_table=True))
