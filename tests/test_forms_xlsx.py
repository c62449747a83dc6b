"""`dancu form` (Excel) and `dancu report import`: a unit fills in the form, the Office imports it."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from conftest import PLAN_ID, run
from forms_support import FIRST_TASK_ROW, FORM_SHEET, figure_rows, fill_xlsx, import_files, make_form
from reports_support import TODAY, report_file, report_files

openpyxl = pytest.importorskip("openpyxl")

TASK4 = FIRST_TASK_ROW + 3  # the plan's task 4 is the fourth task every unit owes in 2025-Q4
NO_ROLE_PLAN = ("    coordinating: [cac-phong-don-vi]", "    coordinating: [phong-ke-hoach-tai-chinh]")


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("DANCU_TODAY", TODAY)


def vp_answers(form) -> dict:
    """What Văn phòng Sở types: reference, date, tasks 1 and 4, two figures of task 4 (one a zero)."""
    rows = figure_rows(form)[(4, None)]
    return {
        "C6": "45/BC-VP", "C7": date(2025, 12, 15),
        f"D{FIRST_TASK_ROW}": "Hoàn thành", f"E{FIRST_TASK_ROW}": "Đã quán triệt kế hoạch đến toàn thể công chức.",
        f"D{TASK4}": "Đang thực hiện", f"E{TASK4}": "Đã tiếp 12 lượt công dân.\nĐã giải quyết 3 đơn.",
        f"F{TASK4}": "Một số đơn còn chậm.", f"G{TASK4}": "Tiếp dân định kỳ.", f"H{TASK4}": "Bổ sung cán bộ tiếp dân.",
        f"B{rows[0]}": "Số lượt tiếp công dân", f"C{rows[0]}": 12,
        f"B{rows[1]}": "Số đơn tồn đọng", f"C{rows[1]}": 0,
    }


def test_form_layout_shows_what_the_unit_owes(workspace):
    form = make_form(workspace)
    wb = openpyxl.load_workbook(form)
    ws = wb[FORM_SHEET]
    assert ws["C3"].value == "Văn phòng Sở"
    assert ws["C4"].value == "quý IV năm 2025 (01/10/2025 – 31/12/2025)"
    # Due 5 working days after 31/12/2025: 01/01 is a holiday, 02/01 the official swap day off (letter
    # 12729/VPCP-KGVX), 03-04/01 a weekend -> 05, 06, 07, 08, 09/01.
    assert ws["C5"].value.date() == date(2026, 1, 9) and ws["C5"].number_format == "dd/mm/yyyy"
    assert [ws[f"A{r}"].value for r in range(FIRST_TASK_ROW, FIRST_TASK_ROW + 7)] == [1, 2, 3, 4, 5, 6, 7]
    assert ws[f"B{TASK4}"].value.startswith("Nâng cao hiệu quả công tác tiếp dân, đối thoại với Nhân dân")
    assert ws[f"B{TASK4}"].value.endswith("…")
    # VP leads task 4 and is in "các phòng, đơn vị" that coordinate it.
    assert ws[f"C{TASK4}"].value == "chủ trì, phối hợp"
    assert ws[f"C{FIRST_TASK_ROW}"].value == "thực hiện"
    assert ws.protection.sheet and not ws.protection.password
    assert wb.security.lockStructure
    assert ws["C3"].protection.locked and ws["G3"].protection.locked and ws[f"A{TASK4}"].protection.locked
    assert not ws[f"D{TASK4}"].protection.locked and not ws["C6"].protection.locked
    status = next(dv for dv in ws.data_validations.dataValidation if f"D{TASK4}" in dv.sqref)
    assert status.type == "list" and status.formula1 == '"Chưa triển khai,Đang thực hiện,Hoàn thành"'
    assert wb["_dancu"].sheet_state == "hidden"
    assert "HƯỚNG DẪN" in ws["A9"].value and "nền vàng" in ws["A9"].value


def test_round_trip_equals_report_add(workspace, tmp_path):
    form = make_form(workspace)
    fill_xlsx(form, vp_answers(form))
    imported = import_files(workspace, form, args=("--received-on", "16/12/2025"))
    assert imported.exit_code == 0, imported.output
    assert "đã ghi" in imported.stdout and "(nhiệm vụ 1, 4)" in imported.stdout
    from_form = report_file(workspace).read_text(encoding="utf-8")

    typed = tmp_path / "typed"
    import shutil

    shutil.copytree(workspace / "plans", typed / "plans")
    first = run("report", "add", "--unit", "VP", "--period", "2025-Q4", "--task", "1", "--status", "hoàn thành",
                "--results", "Đã quán triệt kế hoạch đến toàn thể công chức.", "--number", "45/BC-VP",
                "--issued-on", "15/12/2025", "--received-on", "16/12/2025", root=typed)
    assert first.exit_code == 0, first.output
    second = run("report", "add", "--unit", "VP", "--period", "2025-Q4", "--task", "4", "--status", "đang thực hiện",
                 "--results", "Đã tiếp 12 lượt công dân.\nĐã giải quyết 3 đơn.", "--shortcomings", "Một số đơn còn chậm.",
                 "--next-steps", "Tiếp dân định kỳ.", "--proposals", "Bổ sung cán bộ tiếp dân.",
                 "--figure", "Số lượt tiếp công dân=12", "--figure", "Số đơn tồn đọng=0",
                 "--received-on", "16/12/2025", root=typed)  # the same document: same date
    assert second.exit_code == 0, second.output
    assert from_form == report_file(typed).read_text(encoding="utf-8")
    stored = yaml.safe_load(from_form)
    assert stored["entries"][1]["figures"] == {"Số lượt tiếp công dân": 12, "Số đơn tồn đọng": 0}
    assert [e["task"] for e in stored["entries"]] == [1, 4]  # blank rows 2, 3, 5, 6, 7: not reported


def test_received_date_defaults_to_today_and_a_second_import_is_unchanged(workspace):
    form = make_form(workspace)
    fill_xlsx(form, vp_answers(form))
    assert import_files(workspace, form).exit_code == 0
    assert yaml.safe_load(report_file(workspace).read_text(encoding="utf-8"))["received_on"] == date(2025, 12, 20)
    before = report_file(workspace).read_bytes()
    again = import_files(workspace, form, args=("--received-on", "19/12/2025"))  # a day later, by mistake
    assert again.exit_code == 0, again.output
    assert "không thay đổi" in again.stdout
    assert report_file(workspace).read_bytes() == before


def test_a_changed_entry_needs_replace(workspace):
    form = make_form(workspace)
    fill_xlsx(form, vp_answers(form))
    assert import_files(workspace, form).exit_code == 0
    fill_xlsx(form, {f"D{TASK4}": "Hoàn thành"})
    refused = import_files(workspace, form)
    assert refused.exit_code == 1
    assert "nhiệm vụ 4 đã có trong báo cáo" in refused.stderr and "--replace" in refused.stderr
    replaced = import_files(workspace, form, args=("--replace",))
    assert replaced.exit_code == 0, replaced.output
    assert "Đã thay mục cũ của nhiệm vụ 4 (Đang thực hiện:" in replaced.stdout
    entries = yaml.safe_load(report_file(workspace).read_text(encoding="utf-8"))["entries"]
    assert [e["status"] for e in entries] == ["hoan-thanh", "hoan-thanh"]


def test_check_writes_nothing(workspace):
    form = make_form(workspace)
    fill_xlsx(form, vp_answers(form))
    checked = import_files(workspace, form, args=("--check",))
    assert checked.exit_code == 0, checked.output
    assert "hợp lệ" in checked.stdout and "chưa ghi" in checked.stdout
    assert not (workspace / "reports").exists()


def _tamper_hidden_unit(form):
    wb = openpyxl.load_workbook(form)
    ids = wb["_dancu"]
    row = next(r for r in range(1, ids.max_row + 1) if ids[f"A{r}"].value == "don_vi")
    ids[f"B{row}"] = "phong-ke-hoach-tai-chinh"
    wb.save(form)
    return f"_dancu!B{row}"


REFUSALS = {
    "another unit": (lambda ws, form: None, ("--unit", "KHTC"),
                     "Trang1!G3: Biểu mẫu của đơn vị Văn phòng Sở, không phải của đơn vị Phòng Kế hoạch - Tài chính"),
    "another period": (lambda ws, form: None, ("--period", "quý III/2025"),
                       "Trang1!G4: Biểu mẫu của kỳ 2025-Q4, không phải của kỳ 2025-Q3"),
    "status outside the list": (lambda ws, form: fill_xlsx(form, {f"D{TASK4}": "dang lam"}), (),
                                f"Trang1!D{TASK4}: Tình trạng “dang lam” không hợp lệ"),
    "negative figure": (lambda ws, form: fill_xlsx(form, {f"C{figure_rows(form)[(4, 'Số lượt tiếp công dân')][0]}": -3}), (),
                        # Figures start 3 rows below task 7 (row 23), two blank rows per task: task 4 gets 29 and 30.
                        "Trang1!C29: Nhiệm vụ 4, số liệu “Số lượt tiếp công dân”: Số liệu phải là số không âm (từ 0 "
                        "trở lên), không phải -3"),
    "visible identity edited": (lambda ws, form: fill_xlsx(form, {"G3": "phong-ke-hoach-tai-chinh"}, force=True), (),
                                "Trang1!G3: Ô nhận dạng đã bị sửa"),
    "hidden identity edited": (lambda ws, form: _tamper_hidden_unit(form), (),
                               # Which value was edited cannot be known; the check code's cell is named.
                               "_dancu!B13: Phần nhận dạng của biểu mẫu đã bị sửa (mã kiểm tra không khớp)"),
    "task number edited": (lambda ws, form: fill_xlsx(form, {f"A{TASK4}": 5}, force=True), (),
                           f"Trang1!A{TASK4}: Ô số nhiệm vụ đã bị sửa"),
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_refusals_name_the_cell_and_write_nothing(workspace, case):
    spoil, args, message = REFUSALS[case]
    form = make_form(workspace, name="bao-cao-VP.xlsx")
    fill_xlsx(form, vp_answers(form))
    spoil(workspace, form)
    result = import_files(workspace, form, args=args)
    assert result.exit_code == 1, result.output
    assert f"{form}: {message}" in result.stderr
    assert f"bị từ chối         {form} (" in result.stdout
    assert report_files(workspace) == []


def test_negative_figure_names_its_value_cell(workspace):
    form = make_form(workspace)
    row = figure_rows(form)[(4, None)][0]
    fill_xlsx(form, {**vp_answers(form), f"C{row}": -3})
    result = import_files(workspace, form)
    assert f"Trang1!C{row}: Nhiệm vụ 4, số liệu “Số lượt tiếp công dân”: Số liệu phải là số không âm" in result.stderr


def test_a_task_the_unit_no_longer_owes(workspace):
    """The form was made, then the plan changed: QLKH no longer has a role in task 4."""
    form = make_form(workspace, unit="QLKH")
    fill_xlsx(form, {f"D{TASK4}": "Đang thực hiện", f"E{TASK4}": "Đã phối hợp tiếp dân."})
    plan = workspace / "plans" / f"{PLAN_ID}.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(*NO_ROLE_PLAN), encoding="utf-8")
    result = import_files(workspace, form)
    assert result.exit_code == 1
    assert (f"{form}: Trang1!A{TASK4}: Nhiệm vụ 4: Đơn vị “phong-quan-ly-khoa-hoc” không có vai trò (chủ trì, phối hợp, thực hiện) "
            "trong nhiệm vụ 4") in result.stderr
    assert report_files(workspace) == []


def test_files_that_are_not_forms(workspace):
    plain = workspace / "bang-tinh.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Báo cáo"
    wb.save(plain)
    text = workspace / "ghi-chu.xlsx"  # the name says Excel; the content does not
    text.write_text("không phải bảng tính", encoding="utf-8")
    broken = workspace / "hong.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    good = make_form(workspace)
    fill_xlsx(good, vp_answers(good))
    result = import_files(workspace, plain, text, broken, good)
    assert result.exit_code == 1
    assert f"{plain}: Không phải biểu mẫu báo cáo" in result.stderr
    assert f"{text}: Không phải biểu mẫu báo cáo" in result.stderr
    assert f"{broken}: Tệp nén (zip) bị hỏng" in result.stderr
    assert "Traceback" not in result.output
    # The good form still imports: one bad file does not stop the others.
    assert f"đã ghi             {good} (nhiệm vụ 1, 4)" in result.stdout
    assert "4 tệp: đã ghi 1, bị từ chối 3." in result.stdout
    assert report_files(workspace) == [report_file(workspace)]


def test_an_empty_form_is_refused(workspace):
    form = make_form(workspace)
    result = import_files(workspace, form)
    assert result.exit_code == 1
    assert f"Trang1!D{FIRST_TASK_ROW}: Biểu mẫu chưa có nhiệm vụ nào được báo cáo" in result.stderr
    assert report_files(workspace) == []


def test_all_problems_in_one_pass(workspace):
    form = make_form(workspace)
    row = figure_rows(form)[(4, None)][0]
    fill_xlsx(form, {**vp_answers(form), f"D{TASK4}": "xong", f"C{row}": -1, "C7": "31/02/2025"})
    result = import_files(workspace, form)
    lines = [line for line in result.stderr.splitlines() if line.startswith(f"{form}: Trang1!")]
    assert sorted(line.split(": ")[1] for line in lines) == sorted(["Trang1!D16", f"Trang1!C{row}", "Trang1!C7"])


def test_form_all_writes_one_form_per_owing_unit_and_never_overwrites(workspace):
    folder = workspace / "gui-don-vi"
    made = run("form", "--all", "--period", "2025-Q4", "-o", str(folder), root=workspace)
    assert made.exit_code == 0, made.output
    assert len(list(folder.glob("*.xlsx"))) == 9  # the nine units of plans/units.yaml all owe tasks in 2025-Q4
    again = run("form", "--all", "--period", "2025-Q4", "-o", str(folder), root=workspace)
    assert again.exit_code == 1 and "--force" in again.stderr
    assert run("form", "--all", "--period", "2025-Q4", "-o", str(folder), "--force", root=workspace).exit_code == 0


def test_form_suggests_figure_names_earlier_reports_used(workspace):
    added = run("report", "add", "--unit", "KHTC", "--period", "2025-Q4", "--task", "4", "--status", "đang thực hiện",
                "--results", "Phối hợp tiếp dân.", "--figure", "Số lượt tiếp công dân=4", root=workspace)
    assert added.exit_code == 0, added.output
    form = make_form(workspace)
    assert figure_rows(form).get((4, "Số lượt tiếp công dân")), "the name KHTC used is offered under task 4"
