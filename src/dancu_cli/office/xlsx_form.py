"""The Excel fill-in form: one sheet a unit fills in, a hidden sheet that says what the form is.

Sheet "Trang1" shows the plan, unit, period and due date, the unit's owed tasks (one
row each: number, heading, role, then the cells to fill in), and a table of figures.
Only the yellow cells are unlocked; the sheet and the workbook structure are
protected without a password, so nobody breaks the layout by accident.

Sheet "_dancu" (hidden) holds the identity block (core.forms.identity): plan, unit,
period, version, and the rows the tasks and figures start on, with a check code.
An import reads only that block and the cells, never the file name; files re-saved
by Excel or LibreOffice keep both (styles may change, cells do not move).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, Protection
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation

from ..core.forms import FORM_KIND, FORM_VERSION, SPARE_FIGURE_ROWS, FormSpec, identity, identity_code
from ..core.intake import CellProblem, FileRefused, FilledReport
from ..core.reports import ReportError, read_figure, read_status
from .xlsx_cells import (BORDER, CENTER, IDENTITY_FILL, INPUT_FILL, WRAP_TOP, cell_date, cell_text, header_row, landscape,
                         put, workbook_bytes)

SHEET = "Trang1"
ID_SHEET = "_dancu"
COLUMNS = {"A": 7, "B": 38, "C": 14, "D": 17, "E": 46, "F": 26, "G": 26, "H": 26}
TASK_HEADINGS = ["STT", "Nhiệm vụ", "Vai trò", "Tình trạng", "Kết quả thực hiện", "Tồn tại, hạn chế",
                 "Phương hướng, nhiệm vụ kỳ tới", "Đề xuất, kiến nghị"]
TEXT_FIELDS = {"D": "status", "E": "results", "F": "shortcomings", "G": "next_steps", "H": "proposals"}
FIRST_TASK_ROW = 13
FREE_FIGURE_ROWS = 5
# Visible identity cells, checked against the hidden block on import: key -> cell.
VISIBLE_IDENTITY = {"don_vi": "G3", "ky": "G4", "ke_hoach": "G5", "phien_ban": "G6"}
NUMBER_CELL, ISSUED_CELL = "C6", "C7"
MAX_BYTES = 20 * 1024 * 1024  # a filled form is tens of kilobytes; anything this big is not one

INSTRUCTIONS = (
    "HƯỚNG DẪN ĐIỀN BIỂU MẪU\n"
    "1. Chỉ điền vào các ô nền vàng; các ô khác đã được khóa để biểu mẫu không bị hỏng. Không đổi tên trang, "
    "không chèn hay xóa dòng, không cần đổi tên tệp.\n"
    "2. Ghi số, ký hiệu và ngày ban hành báo cáo của đơn vị (ô C6, C7).\n"
    "3. Mỗi nhiệm vụ đơn vị đã thực hiện trong kỳ: chọn Tình trạng trong danh sách (Chưa triển khai, Đang thực "
    "hiện, Hoàn thành) và ghi Kết quả thực hiện; các cột Tồn tại, Phương hướng, Đề xuất ghi nếu có. Nhiệm vụ để "
    "trống cả dòng được hiểu là đơn vị chưa báo cáo nhiệm vụ đó.\n"
    "4. Số liệu (bảng II): mỗi dòng một số liệu; chọn số nhiệm vụ, chọn hoặc gõ tên số liệu (nên dùng tên có sẵn "
    "để Văn phòng Sở cộng được số liệu của các đơn vị), ghi giá trị là số không âm, không dùng dấu chấm phân cách "
    "hàng nghìn. Ghi 0 là đã báo cáo bằng 0; để trống là không báo cáo số liệu đó.\n"
    "5. Lưu tệp (định dạng .xlsx) và gửi {through} trước hạn {due}."
)


def _identity_layout(spec: FormSpec) -> tuple[dict[str, str], int, int]:
    first_figure = FIRST_TASK_ROW + len(spec.tasks) + 3
    figure_rows = sum(len(t.figure_names) + SPARE_FIGURE_ROWS for t in spec.tasks) + FREE_FIGURE_ROWS
    layout = {"trang": SHEET, "dong_nhiem_vu": str(FIRST_TASK_ROW), "dong_so_lieu": str(first_figure),
              "so_dong_so_lieu": str(figure_rows)}
    return layout, first_figure, figure_rows


def _unlock(cell) -> None:
    cell.protection = Protection(locked=False)
    cell.fill = INPUT_FILL
    cell.border = BORDER


def write_form(spec: FormSpec) -> bytes:
    """The form as .xlsx bytes."""
    from ..core.dates import format_date

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    layout, first_figure, figure_rows = _identity_layout(spec)
    ids = identity(spec, layout)

    for col, width in COLUMNS.items():
        ws.column_dimensions[col].width = width
    ws.merge_cells("A1:H1")
    put(ws, "A1", f"BIỂU MẪU BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH SỐ {spec.plan_reference}", bold=True, size=14)
    ws["A1"].alignment = CENTER
    ws.row_dimensions[1].height = 24
    ws.merge_cells("A2:E2")
    put(ws, "A2", spec.plan_title, italic=True).alignment = WRAP_TOP
    ws.row_dimensions[2].height = 32
    ws.merge_cells("F2:H2")
    put(ws, "F2", "PHẦN NHẬN DẠNG BIỂU MẪU – KHÔNG SỬA", bold=True, size=11).fill = IDENTITY_FILL

    facts = [
        (3, "Đơn vị báo cáo:", spec.unit_name, "Mã đơn vị:", spec.unit_id),
        (4, "Kỳ báo cáo:", f"{spec.period_label} ({format_date(spec.period_start)} – {format_date(spec.period_end)})",
         "Mã kỳ:", spec.period_key),
        (5, "Hạn gửi báo cáo:", spec.due, "Mã kế hoạch:", spec.plan_id),
        (6, "Số, ký hiệu báo cáo:", None, "Phiên bản biểu mẫu:", str(spec.version)),
        (7, "Ngày ban hành báo cáo:", None, "Nơi nhận báo cáo:", spec.through),
    ]
    for row, label, value, id_label, id_value in facts:
        ws.merge_cells(f"A{row}:B{row}")
        put(ws, f"A{row}", label, bold=True)
        if row < 6:
            ws.merge_cells(f"C{row}:E{row}")
            put(ws, f"C{row}", value, bold=row == 3).alignment = Alignment(horizontal="left")
        put(ws, f"F{row}", id_label, size=11).fill = IDENTITY_FILL
        ws.merge_cells(f"G{row}:H{row}")
        put(ws, f"G{row}", id_value, size=11).fill = IDENTITY_FILL
    for ref in (NUMBER_CELL, ISSUED_CELL):
        _unlock(ws[ref])
        ws[ref].alignment = Alignment(horizontal="left")
    ws[ISSUED_CELL].number_format = "dd/mm/yyyy"

    ws.merge_cells("A9:H9")
    text = INSTRUCTIONS.format(through=spec.through, due=format_date(spec.due))
    put(ws, "A9", text, size=11).alignment = WRAP_TOP
    ws.row_dimensions[9].height = 84

    put(ws, "A11", "I. KẾT QUẢ THỰC HIỆN TỪNG NHIỆM VỤ", bold=True)
    header_row(ws, FIRST_TASK_ROW - 1, TASK_HEADINGS)
    ws.row_dimensions[FIRST_TASK_ROW - 1].height = 32
    for i, task in enumerate(spec.tasks):
        row = FIRST_TASK_ROW + i
        for col, value in zip("ABC", (task.number, task.short, task.role_text)):
            cell = put(ws, f"{col}{row}", value, size=11)
            cell.alignment = CENTER if col != "B" else WRAP_TOP
            cell.border = BORDER
        for col in TEXT_FIELDS:
            _unlock(ws[f"{col}{row}"])
            ws[f"{col}{row}"].alignment = WRAP_TOP
            ws[f"{col}{row}"].font = Font(name="Times New Roman", size=11)
        ws.row_dimensions[row].height = 78
    status = DataValidation(type="list", formula1='"' + ",".join(spec.statuses) + '"', allow_blank=True,
                            showErrorMessage=True, errorTitle="Tình trạng không hợp lệ",
                            error="Chọn một trong: " + ", ".join(spec.statuses) + ".",
                            promptTitle="Tình trạng", prompt="Chọn trong danh sách.")
    status.add(f"D{FIRST_TASK_ROW}:D{FIRST_TASK_ROW + len(spec.tasks) - 1}")

    put(ws, f"A{first_figure - 2}", "II. SỐ LIỆU (mỗi dòng một số liệu; để trống giá trị là không báo cáo)", bold=True)
    header_row(ws, first_figure - 1, ["Nhiệm vụ", "Tên số liệu", "Giá trị"])
    ws.row_dimensions[first_figure - 1].height = 32
    rows: list[tuple[int | None, str | None]] = []
    for task in spec.tasks:
        rows += [(task.number, name) for name in task.figure_names]
        rows += [(task.number, None)] * SPARE_FIGURE_ROWS
    rows += [(None, None)] * FREE_FIGURE_ROWS
    for i, (number, name) in enumerate(rows):
        row = first_figure + i
        for col, value in zip("ABC", (number, name, None)):
            cell = put(ws, f"{col}{row}", value, size=11)
            _unlock(cell)
            cell.alignment = CENTER if col == "A" else WRAP_TOP
    last_figure = first_figure + figure_rows - 1
    task_list = DataValidation(type="list", formula1='"' + ",".join(str(t.number) for t in spec.tasks) + '"',
                               allow_blank=True, showErrorMessage=True, errorTitle="Nhiệm vụ không có trong biểu mẫu",
                               error="Chọn số một nhiệm vụ có trong bảng I.")
    task_list.add(f"A{first_figure}:A{last_figure}")
    figure_value = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                                  showErrorMessage=True, errorTitle="Giá trị không hợp lệ",
                                  error="Giá trị là một số không âm, ví dụ 12 hoặc 2,5.")
    figure_value.add(f"C{first_figure}:C{last_figure}")
    issued = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True,
                            showErrorMessage=True, errorTitle="Ngày không hợp lệ", error="Ghi ngày dạng 31/12/2025.")
    issued.add(ISSUED_CELL)
    validations = [status, task_list, figure_value, issued]

    idws = wb.create_sheet(ID_SHEET)
    put(idws, "A1", "Khóa")
    put(idws, "B1", "Giá trị")
    for row, (key, value) in enumerate(ids.items(), 2):
        put(idws, f"A{row}", key)
        put(idws, f"B{row}", value)
    names = list(spec.all_figure_names)
    if names:
        put(idws, "D1", "Tên số liệu đã dùng")
        for row, name in enumerate(names, 2):
            put(idws, f"D{row}", name)
        # Offered, not imposed: with no error alert, a name not in the list can still be typed.
        suggest = DataValidation(type="list", formula1=f"'{ID_SHEET}'!$D$2:$D${len(names) + 1}", allow_blank=True,
                                 showErrorMessage=False)
        suggest.add(f"B{first_figure}:B{last_figure}")
        validations.append(suggest)
    for dv in validations:
        ws.add_data_validation(dv)
    idws.sheet_state = "hidden"

    ws.protection.sheet = True  # no password: protection against accidents, as the units expect
    ws.protection.formatRows = False  # rows may be made taller to read long text
    ws.protection.formatColumns = False
    wb.security = WorkbookProtection(lockStructure=True)
    landscape(ws, title_rows=f"{FIRST_TASK_ROW - 1}:{FIRST_TASK_ROW - 1}")
    return workbook_bytes(wb)


# --- Reading a filled form back -------------------------------------------------------------------

class NotAForm(Exception):
    """An .xlsx workbook without the identity sheet: maybe a table (report list), not a form."""

    def __init__(self, workbook):
        super().__init__("not a form")
        self.workbook = workbook


def open_workbook(path: Path):
    """The workbook, or FileRefused saying in Vietnamese why it cannot be read."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise FileRefused([CellProblem(None, f"Tệp lớn hơn {MAX_BYTES // 1024 // 1024} MB, không phải biểu mẫu báo cáo")])
        return load_workbook(path, data_only=True)
    except FileRefused:
        raise
    except OSError as exc:
        raise FileRefused([CellProblem(None, f"Không đọc được tệp ({exc.strerror or exc})")]) from None
    except Exception:  # openpyxl raises many kinds on a file that is not a real .xlsx
        raise FileRefused([CellProblem(None, "Không phải tệp Excel (.xlsx) đọc được; biểu mẫu phải lưu dạng .xlsx")]) from None


def _identity(wb) -> tuple[dict[str, str], dict[str, str]]:
    """Identity values and the cell each came from."""
    values: dict[str, str] = {}
    cells: dict[str, str] = {}
    for row in wb[ID_SHEET].iter_rows(min_row=2, max_col=2):
        key, value = cell_text(row[0].value), cell_text(row[1].value)
        if key:
            values[key] = value or ""
            cells[key] = f"{ID_SHEET}!B{row[0].row}"
    return values, cells


def read_form(path: Path) -> list[FilledReport]:
    """A filled form as the report it holds; FileRefused with every problem, cell by cell."""
    wb = open_workbook(path)
    if ID_SHEET not in wb.sheetnames:
        raise NotAForm(wb)
    values, cells = _identity(wb)
    problems: list[CellProblem] = []
    if values.get("loai") != FORM_KIND:
        raise FileRefused([CellProblem(cells.get("loai", f"{ID_SHEET}!B2"),
                                       "Trang nhận dạng không phải của biểu mẫu báo cáo dancu")])
    if values.get("phien_ban") != str(FORM_VERSION):
        raise FileRefused([CellProblem(cells.get("phien_ban"), f"Biểu mẫu phiên bản “{values.get('phien_ban')}” không "
                                       f"đọc được (phiên bản hiện nay: {FORM_VERSION}); hãy lập biểu mẫu mới bằng `dancu form`")])
    if identity_code(values) != values.get("ma_kiem_tra"):
        raise FileRefused([CellProblem(cells.get("ma_kiem_tra"), "Phần nhận dạng của biểu mẫu đã bị sửa (mã kiểm tra "
                                       "không khớp); hãy dùng biểu mẫu do Văn phòng Sở gửi, hoặc lập lại bằng `dancu form`")])
    sheet_name = values.get("trang", SHEET)
    if sheet_name not in wb.sheetnames:
        raise FileRefused([CellProblem(None, f"Không có trang “{sheet_name}” của biểu mẫu (trang đã bị đổi tên hay xóa?)")])
    ws = wb[sheet_name]
    for key, ref in VISIBLE_IDENTITY.items():
        shown = cell_text(ws[ref].value)
        if shown != values.get(key):
            problems.append(CellProblem(f"{sheet_name}!{ref}", f"Ô nhận dạng đã bị sửa: ghi “{shown or ''}”, biểu mẫu "
                                        f"được lập với “{values.get(key)}”; không sửa phần nhận dạng"))
    try:
        tasks = [int(n) for n in values["nhiem_vu"].split(",")]
        first_task, first_figure = int(values["dong_nhiem_vu"]), int(values["dong_so_lieu"])
        figure_rows = int(values["so_dong_so_lieu"])
    except (KeyError, ValueError):
        raise FileRefused([CellProblem(f"{ID_SHEET}!B2", "Phần nhận dạng của biểu mẫu thiếu hoặc sai")]) from None

    def at(ref: str) -> str:
        return f"{sheet_name}!{ref}"

    raw: dict = {"plan": values["ke_hoach"], "unit": values["don_vi"], "period": values["ky"]}
    filled = FilledReport(raw, where=at(VISIBLE_IDENTITY["don_vi"]))
    filled.places.update({("plan",): at("G5"), ("unit",): at("G3"), ("period",): at("G4"),
                          ("number",): at(NUMBER_CELL), ("issued_on",): at(ISSUED_CELL)})
    number, issued = cell_text(ws[NUMBER_CELL].value), cell_date(ws[ISSUED_CELL].value)
    if number:
        raw["number"] = number
    if issued:
        raw["issued_on"] = issued

    entries: list[dict] = []
    entry_of: dict[int, dict] = {}
    for i, task in enumerate(tasks):
        row = first_task + i
        shown_task = ws[f"A{row}"].value
        if cell_text(shown_task) != str(task):
            problems.append(CellProblem(at(f"A{row}"), f"Ô số nhiệm vụ đã bị sửa: ghi “{cell_text(shown_task) or ''}”, "
                                        f"biểu mẫu được lập cho nhiệm vụ {task}"))
            continue
        texts = {name: cell_text(ws[f"{col}{row}"].value) for col, name in TEXT_FIELDS.items()}
        if not any(texts.values()):
            continue  # a blank row: the task is not reported
        entry: dict = {"task": task}
        index = len(entries)
        filled.places[("entries", index)] = at(f"A{row}")
        for col, name in TEXT_FIELDS.items():
            filled.places[("entries", index, name)] = at(f"{col}{row}")
        if texts["status"] is None:
            problems.append(CellProblem(at(f"D{row}"), f"Nhiệm vụ {task} có nội dung nhưng chưa chọn tình trạng"))
        else:
            try:
                entry["status"] = read_status(texts["status"])
            except ReportError as exc:
                problems.append(CellProblem(at(f"D{row}"), str(exc)))
        entry.update({k: v for k, v in texts.items() if k != "status" and v is not None})
        entries.append(entry)
        entry_of[task] = entry
    raw["entries"] = entries
    if not entries and not problems:
        # Recording an empty form would say the unit reported, on this date, when it reported nothing.
        problems.append(CellProblem(at(f"D{first_task}"), "Biểu mẫu chưa có nhiệm vụ nào được báo cáo (chưa chọn tình "
                                    "trạng, chưa ghi kết quả); không có gì để ghi nhận"))

    for row in range(first_figure, first_figure + figure_rows):
        value = ws[f"C{row}"].value
        if cell_text(value) is None:
            continue  # no value: the figure is not reported (a zero is reported)
        task_text, name = cell_text(ws[f"A{row}"].value), cell_text(ws[f"B{row}"].value)
        if task_text is None or not task_text.isdigit() or int(task_text) not in tasks:
            problems.append(CellProblem(at(f"A{row}"), f"Số liệu ở dòng {row} cần số của một nhiệm vụ trong bảng I "
                                        f"({', '.join(map(str, tasks))})"))
            continue
        task = int(task_text)
        if not name:
            problems.append(CellProblem(at(f"B{row}"), f"Số liệu ở dòng {row} chưa có tên"))
            continue
        entry = entry_of.get(task)
        if entry is None:
            problems.append(CellProblem(at(f"C{row}"), f"Có số liệu của nhiệm vụ {task} nhưng nhiệm vụ {task} chưa có "
                                        "tình trạng và kết quả ở bảng I"))
            continue
        figures = entry.setdefault("figures", {})
        if name in figures:
            problems.append(CellProblem(at(f"B{row}"), f"Số liệu “{name}” của nhiệm vụ {task} được ghi hai lần"))
            continue
        try:
            figures[name] = _figure(name, value)
        except ReportError as exc:
            problems.append(CellProblem(at(f"C{row}"), str(exc)))
            continue
        filled.places[("entries", entries.index(entry), "figures", name)] = at(f"C{row}")
    filled.problems = problems
    return [filled]


def _figure(name: str, value) -> int | float:
    """A typed number as `report add --figure` reads it; a number cell as it is (the model checks the sign)."""
    if isinstance(value, bool):
        raise ReportError(f"Số liệu “{name}”: giá trị phải là một con số")
    if isinstance(value, (int, float)):
        return int(value) if isinstance(value, float) and value.is_integer() else value
    if isinstance(value, date):
        raise ReportError(f"Số liệu “{name}”: giá trị là một ngày, không phải một con số")
    return read_figure(f"{name}={cell_text(value)}")[1]
