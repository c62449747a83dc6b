"""The Word fill-in form: one table per owed task, and a marked identity table at the end.

A unit that works in Word fills in the yellow cells: the report's reference and date,
then per task its status, results, shortcomings, next steps, proposals and figures
(one row per figure; rows may be added with Tab at the table's last cell). The
identity table ("PHẦN NHẬN DẠNG BIỂU MẪU") carries plan, unit, period, version and the
check code of core.forms.identity. The reader finds tables by their labels, not
their position in the file, so a file re-saved by Word or LibreOffice still reads.
"""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from ..core.dates import format_date
from ..core.forms import FORM_KIND, FORM_VERSION, SPARE_FIGURE_ROWS, FormSpec, identity, identity_code
from ..core.intake import CellProblem, FileRefused, FilledReport
from ..core.reports import ReportError, read_figure, read_status

IDENTITY_TITLE = "PHẦN NHẬN DẠNG BIỂU MẪU"
IDENTITY_LABELS = {
    "loai": "Loại biểu mẫu", "phien_ban": "Phiên bản", "ke_hoach": "Mã kế hoạch", "don_vi": "Mã đơn vị",
    "ky": "Mã kỳ", "han": "Hạn gửi (năm-tháng-ngày)", "nhiem_vu": "Các nhiệm vụ", "ma_kiem_tra": "Mã kiểm tra",
}
HEADER_LABELS = {"number": "Số, ký hiệu báo cáo", "issued_on": "Ngày ban hành báo cáo"}
TASK_LABEL = "Nhiệm vụ số"
FIELD_LABELS = {
    "status": "Tình trạng (ghi một trong: Chưa triển khai, Đang thực hiện, Hoàn thành)",
    "results": "Kết quả thực hiện", "shortcomings": "Tồn tại, hạn chế",
    "next_steps": "Phương hướng, nhiệm vụ kỳ tới", "proposals": "Đề xuất, kiến nghị",
}
FIGURES_LABEL = "Số liệu: tên số liệu"
FIGURE_VALUE_LABEL = "Giá trị (số không âm)"
INPUT_SHADE = "FFF2CC"
IDENTITY_SHADE = "E7E6E6"
MAX_BYTES = 20 * 1024 * 1024

INSTRUCTIONS = [
    "Chỉ ghi vào các ô nền vàng; không sửa các ô khác, không xóa bảng. Không cần đổi tên tệp.",
    "Ghi số, ký hiệu và ngày ban hành báo cáo của đơn vị (ngày viết dạng 15/12/2025).",
    "Mỗi nhiệm vụ đơn vị đã thực hiện trong kỳ: ghi Tình trạng (Chưa triển khai, Đang thực hiện hoặc Hoàn thành) "
    "và Kết quả thực hiện; Tồn tại, Phương hướng, Đề xuất ghi nếu có. Nhiệm vụ để trống cả bảng được hiểu là đơn vị "
    "chưa báo cáo nhiệm vụ đó.",
    "Số liệu: mỗi dòng một số liệu, tên ở cột trái, giá trị ở cột phải; nên dùng tên có sẵn để Văn phòng Sở cộng "
    "được số liệu của các đơn vị. Giá trị là số không âm, không dùng dấu chấm phân cách hàng nghìn (viết 1000; "
    "phần thập phân viết 2,5). Ghi 0 là đã báo cáo bằng 0; để trống là không báo cáo số liệu đó. Cần thêm dòng: "
    "đặt con trỏ ở ô cuối bảng rồi nhấn Tab.",
    "Lưu tệp dạng Word (.docx) và gửi {through} trước hạn {due}.",
]


def _shade(cell, colour: str) -> None:
    props = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), colour)
    props.append(shd)


def _label(cell, text: str, bold: bool = True, size: int = 12) -> None:
    cell.text = ""
    run = cell.paragraphs[0].add_run(text)
    run.bold = bold
    run.font.size = Pt(size)


def _table(doc, rows: list[tuple[str, str | None]], input_rows: set[int], widths=(Mm(62), Mm(103))):
    table = doc.add_table(rows=len(rows), cols=2)
    table.style = "Table Grid"
    for i, (label, value) in enumerate(rows):
        left, right = table.rows[i].cells
        _label(left, label)
        if value is not None:
            right.text = value
        if i in input_rows:
            _shade(right, INPUT_SHADE)
        left.width, right.width = widths
    return table


def write_form(spec: FormSpec) -> bytes:
    """The form as .docx bytes."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(13)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")

    title = doc.add_paragraph()
    title.alignment = 1
    run = title.add_run(f"BIỂU MẪU BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH SỐ {spec.plan_reference}")
    run.bold = True
    run.font.size = Pt(14)
    subtitle = doc.add_paragraph()
    subtitle.alignment = 1
    subtitle.add_run(spec.plan_title).italic = True
    for label, value in (("Đơn vị báo cáo", spec.unit_name),
                         ("Kỳ báo cáo", f"{spec.period_label} ({format_date(spec.period_start)} – {format_date(spec.period_end)})"),
                         ("Hạn gửi báo cáo", f"{format_date(spec.due)}, gửi {spec.through}")):
        p = doc.add_paragraph()
        p.add_run(f"{label}: ").bold = True
        p.add_run(value)

    doc.add_paragraph().add_run("Hướng dẫn").bold = True
    for i, text in enumerate(INSTRUCTIONS, 1):
        doc.add_paragraph(f"{i}. " + text.format(through=spec.through, due=format_date(spec.due)))

    doc.add_paragraph().add_run("Thông tin chung của báo cáo").bold = True
    _table(doc, [(HEADER_LABELS["number"], None), (HEADER_LABELS["issued_on"], None)], {0, 1})

    for task in spec.tasks:
        heading = doc.add_paragraph()
        heading.paragraph_format.space_before = Pt(12)
        heading.add_run(f"Nhiệm vụ {task.number} ({task.role_text}): ").bold = True
        heading.add_run(task.short)
        rows = [(TASK_LABEL, str(task.number))] + [(label, None) for label in FIELD_LABELS.values()]
        figure_start = len(rows)
        rows.append((FIGURES_LABEL, FIGURE_VALUE_LABEL))
        rows += [(name, None) for name in task.figure_names] + [("", None)] * SPARE_FIGURE_ROWS
        table = _table(doc, rows, set(range(1, figure_start)) | set(range(figure_start + 1, len(rows))))
        for i in range(figure_start + 1, len(rows)):
            cell = table.rows[i].cells[0]
            _label(cell, rows[i][0], bold=False)  # a figure's name is input too: offered, not imposed
            _shade(cell, INPUT_SHADE)
        _label(table.rows[figure_start].cells[1], FIGURE_VALUE_LABEL)

    doc.add_paragraph()
    marker = doc.add_paragraph()
    run = marker.add_run(f"{IDENTITY_TITLE} (dành cho {spec.through}; không sửa bảng này)")
    run.bold = True
    run.font.size = Pt(10)
    ids = identity(spec)
    table = doc.add_table(rows=len(ids), cols=2)
    table.style = "Table Grid"
    for i, (key, value) in enumerate(ids.items()):
        left, right = table.rows[i].cells
        _label(left, IDENTITY_LABELS[key], bold=False, size=9)
        _label(right, value, bold=False, size=9)
        for cell in (left, right):
            _shade(cell, IDENTITY_SHADE)
            cell.paragraphs[0].runs[0].font.color.rgb = RGBColor(0x40, 0x40, 0x40)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# --- Reading a filled form back -------------------------------------------------------------------

def _text(cell) -> str | None:
    text = unicodedata.normalize("NFC", "\n".join(p.text for p in cell.paragraphs)).strip()
    return text or None


def _pairs(table) -> list[tuple[str, str | None, object]]:
    """(label, value, row) for each row of a two-column table; merged or extra cells are ignored."""
    out = []
    for row in table.rows:
        cells = row.cells
        if len(cells) < 2:
            continue
        out.append((_text(cells[0]) or "", _text(cells[1]), cells))
    return out


def read_form(path: Path) -> list[FilledReport]:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise FileRefused([CellProblem(None, "Tệp quá lớn để là biểu mẫu báo cáo")])
        doc = Document(str(path))
    except FileRefused:
        raise
    except Exception:  # python-docx raises many kinds on a file that is not a real .docx
        raise FileRefused([CellProblem(None, "Không phải tệp Word (.docx) đọc được; biểu mẫu phải lưu dạng .docx")]) from None
    tables = doc.tables
    id_index = next((i for i, t in enumerate(tables)
                     if any(label == IDENTITY_LABELS["loai"] for label, _, _ in _pairs(t))), None)
    if id_index is None:
        from .reading import NOT_A_FORM

        raise FileRefused([CellProblem(None, NOT_A_FORM)])
    by_label = {label: key for key, label in IDENTITY_LABELS.items()}
    values: dict[str, str] = {}
    rows_of: dict[str, str] = {}
    for n, (label, value, _) in enumerate(_pairs(tables[id_index]), 1):
        if label in by_label:
            values[by_label[label]] = value or ""
            rows_of[by_label[label]] = f"bảng {id_index + 1} (phần nhận dạng), dòng {n} ({label})"
    if values.get("loai") != FORM_KIND:
        raise FileRefused([CellProblem(rows_of.get("loai"), "Bảng nhận dạng không phải của biểu mẫu báo cáo dancu")])
    if values.get("phien_ban") != str(FORM_VERSION):
        raise FileRefused([CellProblem(rows_of.get("phien_ban"), f"Biểu mẫu phiên bản “{values.get('phien_ban')}” không "
                                       f"đọc được (phiên bản hiện nay: {FORM_VERSION}); hãy lập biểu mẫu mới bằng `dancu form`")])
    if identity_code(values) != values.get("ma_kiem_tra"):
        raise FileRefused([CellProblem(rows_of.get("ma_kiem_tra"), "Phần nhận dạng của biểu mẫu đã bị sửa (mã kiểm tra "
                                       "không khớp); hãy dùng biểu mẫu do Văn phòng Sở gửi, hoặc lập lại bằng `dancu form`")])
    try:
        tasks = [int(n) for n in values["nhiem_vu"].split(",")]
    except (KeyError, ValueError):
        raise FileRefused([CellProblem(rows_of.get("nhiem_vu"), "Phần nhận dạng của biểu mẫu thiếu hoặc sai")]) from None

    raw: dict = {"plan": values["ke_hoach"], "unit": values["don_vi"], "period": values["ky"], "entries": []}
    filled = FilledReport(raw, where=rows_of["don_vi"])
    filled.places.update({("plan",): rows_of["ke_hoach"], ("unit",): rows_of["don_vi"], ("period",): rows_of["ky"]})
    problems: list[CellProblem] = []
    seen: dict[int, str] = {}
    for t_index, table in enumerate(tables):
        if t_index == id_index:
            continue
        pairs = _pairs(table)
        labels = [label for label, _, _ in pairs]
        name = f"bảng {t_index + 1}"
        if labels and labels[0] == HEADER_LABELS["number"]:
            for n, (label, value, _) in enumerate(pairs, 1):
                for key, wanted in HEADER_LABELS.items():
                    if label == wanted and value:
                        raw[key] = value
                        filled.places[(key,)] = f"{name}, dòng {n} ({label})"
            continue
        if not labels or labels[0] != TASK_LABEL:
            continue
        number_text = pairs[0][1] or ""
        where_task = f"{name}, dòng 1 ({TASK_LABEL})"
        if not number_text.isdigit() or int(number_text) not in tasks:
            problems.append(CellProblem(where_task, f"Ô số nhiệm vụ đã bị sửa: ghi “{number_text}”, biểu mẫu được lập cho "
                                        f"các nhiệm vụ {', '.join(map(str, tasks))}"))
            continue
        task = int(number_text)
        name = f"bảng {t_index + 1} (nhiệm vụ {task})"
        if task in seen:
            problems.append(CellProblem(f"{name}, dòng 1", f"Nhiệm vụ {task} có hai bảng ({seen[task]} và {name})"))
            continue
        seen[task] = name
        _read_task(task, name, pairs, filled, problems)
    if not raw["entries"] and not problems:
        problems.append(CellProblem(None, "Biểu mẫu chưa có nhiệm vụ nào được báo cáo (chưa ghi tình trạng, kết quả); "
                                    "không có gì để ghi nhận"))
    filled.problems = problems
    return [filled]


def _read_task(task: int, name: str, pairs, filled: FilledReport, problems: list[CellProblem]) -> None:
    by_label = {label: key for key, label in FIELD_LABELS.items()}
    texts: dict[str, str | None] = {}
    places: dict[str, str] = {}
    figures: list[tuple[str | None, str | None, str]] = []
    in_figures = False
    for n, (label, value, _) in enumerate(pairs, 1):
        where = f"{name}, dòng {n}"
        if in_figures:
            figures.append((label or None, value, where))
        elif label == FIGURES_LABEL:
            in_figures = True
        elif label in by_label:
            texts[by_label[label]] = value
            places[by_label[label]] = f"{where} ({label.split(' (')[0]})"
    if not any(texts.values()) and not any(v for _, v, _ in figures):
        return  # a blank table: the task is not reported
    index = len(filled.raw["entries"])
    entry: dict = {"task": task}
    filled.places[("entries", index)] = f"{name}, dòng 1"
    for key, where in places.items():
        filled.places[("entries", index, key)] = where
    status = texts.get("status")
    if status is None:
        problems.append(CellProblem(places.get("status", name), f"Nhiệm vụ {task} có nội dung nhưng chưa ghi tình trạng"))
    else:
        try:
            entry["status"] = read_status(status)
        except ReportError as exc:
            problems.append(CellProblem(places["status"], str(exc)))
    entry.update({k: v for k, v in texts.items() if k != "status" and v is not None})
    values: dict = {}
    for label, value, where in figures:
        if value is None:
            continue  # no value: the figure is not reported (a zero is reported)
        if not label:
            problems.append(CellProblem(where, "Số liệu chưa có tên"))
            continue
        if label in values:
            problems.append(CellProblem(where, f"Số liệu “{label}” được ghi hai lần"))
            continue
        try:
            values[label] = read_figure(f"{label}={value}")[1]
        except ReportError as exc:
            problems.append(CellProblem(where, str(exc)))
            continue
        filled.places[("entries", index, "figures", label)] = f"{where} ({label})"
    if values:
        entry["figures"] = values
    filled.raw["entries"].append(entry)
