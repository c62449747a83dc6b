"""The Word form, and forms re-saved by LibreOffice: they import as the Excel form typed by openpyxl does."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
import yaml

from conftest import PLAN_ID
from forms_support import (FIRST_TASK_ROW, fill_docx, fill_xlsx, figure_rows, import_files, make_form,
                           resave_with_libreoffice, soffice)
from reports_support import TODAY, report_file, report_files

pytest.importorskip("openpyxl")
pytest.importorskip("docx")
TASK4 = FIRST_TASK_ROW + 3
needs_office = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed; .ci/run installs it")

# One report, as a unit would send it; the stored file must be the same whichever form carried it.
EXPECTED = {
    "plan": PLAN_ID, "unit": "van-phong-so", "period": "2025-Q4", "number": "45/BC-VP",
    "issued_on": date(2025, 12, 15), "received_on": date(2025, 12, 16),
    "entries": [
        {"task": 1, "status": "hoan-thanh", "results": "Đã quán triệt kế hoạch."},
        {"task": 4, "status": "dang-thuc-hien", "results": "Đã tiếp 12 lượt công dân.\nĐã giải quyết 3 đơn.",
         "figures": {"Số lượt tiếp công dân": 12, "Số đơn tồn đọng": 0, "Tỷ lệ giải quyết": 2.5},
         "shortcomings": "Một số đơn còn chậm."},
    ],
}


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("DANCU_TODAY", TODAY)


def filled_xlsx(workspace):
    form = make_form(workspace)
    rows = figure_rows(form)[(4, None)]
    free = figure_rows(form)[(None, None)]
    return fill_xlsx(form, {
        "C6": "45/BC-VP", "C7": date(2025, 12, 15),
        f"D{FIRST_TASK_ROW}": "Hoàn thành", f"E{FIRST_TASK_ROW}": "Đã quán triệt kế hoạch.",
        f"D{TASK4}": "Đang thực hiện", f"E{TASK4}": "Đã tiếp 12 lượt công dân.\nĐã giải quyết 3 đơn.",
        f"F{TASK4}": "Một số đơn còn chậm.",
        f"B{rows[0]}": "Số lượt tiếp công dân", f"C{rows[0]}": 12, f"B{rows[1]}": "Số đơn tồn đọng", f"C{rows[1]}": 0,
        f"A{free[0]}": 4, f"B{free[0]}": "Tỷ lệ giải quyết", f"C{free[0]}": "2,5",
    })


def filled_docx(workspace):
    form = make_form(workspace, fmt="docx")
    return fill_docx(
        form, {"Số, ký hiệu báo cáo": "45/BC-VP", "Ngày ban hành báo cáo": "15/12/2025"},
        {1: {"Tình trạng": "Hoàn thành", "Kết quả": "Đã quán triệt kế hoạch."},
         4: {"Tình trạng": "đang thực hiện", "Kết quả": "Đã tiếp 12 lượt công dân.\nĐã giải quyết 3 đơn.",
             "Tồn tại": "Một số đơn còn chậm."}},
        {4: [("Số lượt tiếp công dân", "12"), ("Số đơn tồn đọng", "0"), ("Tỷ lệ giải quyết", "2,5")]})


def stored(workspace):
    return yaml.safe_load(report_file(workspace).read_text(encoding="utf-8"))


@pytest.mark.parametrize("make", [filled_xlsx, filled_docx], ids=["excel", "word"])
def test_filled_form_imports_to_the_expected_report(workspace, make):
    form = make(workspace)
    result = import_files(workspace, form, args=("--received-on", "16/12/2025"))
    assert result.exit_code == 0, result.output
    assert stored(workspace) == EXPECTED


def test_word_form_refusals_name_table_and_row(workspace):
    form = make_form(workspace, fmt="docx")
    fill_docx(form, {"Ngày ban hành báo cáo": "31/02/2025"},
              {4: {"Tình trạng": "dang lam", "Kết quả": "Đã tiếp dân."}}, {4: [("Số lượt", "-2")]})
    result = import_files(workspace, form)
    assert result.exit_code == 1
    # Tables: 1 the report's reference and date, 2-8 tasks 1-7; task 4's is table 5.
    assert f"{form}: bảng 5 (nhiệm vụ 4), dòng 2 (Tình trạng): Tình trạng “dang lam” không hợp lệ" in result.stderr
    assert f"{form}: bảng 5 (nhiệm vụ 4), dòng 8 (Số lượt): Nhiệm vụ 4, số liệu “Số lượt”: Số liệu phải là số không âm" \
        in result.stderr
    assert f"{form}: bảng 1, dòng 2 (Ngày ban hành báo cáo): Ngày ban hành: Ngày 31/02/2025 không tồn tại" in result.stderr
    assert report_files(workspace) == []


def test_word_form_with_an_edited_identity_is_refused(workspace):
    from docx import Document

    form = filled_docx(workspace)
    doc = Document(str(form))
    for row in doc.tables[-1].rows:
        if row.cells[0].text == "Mã đơn vị":
            row.cells[1].text = "phong-ke-hoach-tai-chinh"
    doc.save(str(form))
    result = import_files(workspace, form)
    assert result.exit_code == 1
    assert "Phần nhận dạng của biểu mẫu đã bị sửa (mã kiểm tra không khớp)" in result.stderr
    assert report_files(workspace) == []


@needs_office
@pytest.mark.parametrize("make, ext", [(filled_xlsx, "xlsx"), (filled_docx, "docx")], ids=["excel", "word"])
def test_form_resaved_by_libreoffice_still_imports(workspace, tmp_path, make, ext):
    form = make(workspace)
    resaved = resave_with_libreoffice(form, tmp_path / "resaved", ext)
    assert resaved.read_bytes() != form.read_bytes()
    result = import_files(workspace, resaved, args=("--received-on", "16/12/2025"))
    assert result.exit_code == 0, result.output
    assert stored(workspace) == EXPECTED


@needs_office
def test_resaved_excel_form_keeps_its_protection_and_refusals(workspace, tmp_path):
    import openpyxl

    form = resave_with_libreoffice(make_form(workspace), tmp_path / "resaved", "xlsx")
    ws = openpyxl.load_workbook(form)["Trang1"]
    assert ws.protection.sheet and ws["C3"].protection.locked and not ws[f"D{TASK4}"].protection.locked
    fill_xlsx(form, {f"D{TASK4}": "dang lam", f"E{TASK4}": "Đã tiếp dân."})
    result = import_files(workspace, form)
    assert f"{form}: Trang1!D{TASK4}: Tình trạng “dang lam” không hợp lệ" in result.stderr
    assert report_files(workspace) == []
