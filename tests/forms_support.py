"""Filling forms as a unit's staff would: only the open cells, by hand-typed values."""

from __future__ import annotations

from pathlib import Path

from conftest import run

FORM_SHEET = "Trang1"
FIRST_TASK_ROW = 13  # where the form puts task 1: the layout a unit sees, checked in test_form_layout


def make_form(root: Path, unit: str = "VP", period: str = "2025-Q4", fmt: str = "xlsx", name: str | None = None) -> Path:
    target = root / (name or f"bieu-mau-{unit}.{fmt}")
    result = run("form", "--unit", unit, "--period", period, "-o", str(target), root=root)
    assert result.exit_code == 0, result.output
    return target


def fill_xlsx(path: Path, values: dict[str, object], out: Path | None = None, *, force: bool = False) -> Path:
    """Type `values` (cell -> value) into the form's sheet; every cell typed must be open to typing."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    ws = wb[FORM_SHEET]
    for ref, value in values.items():
        if not force:
            assert ws[ref].protection.locked is False, f"{ref} is locked: a unit could not type there"
        ws[ref] = value
    target = out or path
    wb.save(target)
    return target


def figure_rows(path: Path) -> dict[tuple[int, str | None], list[int]]:
    """(task, suggested name) -> the rows of the figure table that offer it, read from the sheet itself."""
    import openpyxl

    ws = openpyxl.load_workbook(path)[FORM_SHEET]
    start = next(r for r in range(1, ws.max_row + 1) if ws[f"B{r}"].value == "Tên số liệu") + 1
    out: dict = {}
    for r in range(start, ws.max_row + 1):
        out.setdefault((ws[f"A{r}"].value, ws[f"B{r}"].value), []).append(r)
    return out


def import_files(root: Path, *paths: Path, args: tuple[str, ...] = ()):
    return run("report", "import", *args, *map(str, paths), root=root)


def fill_docx(path: Path, header: dict[str, str], tasks: dict[int, dict[str, str]],
              figures: dict[int, list[tuple[str, str]]] | None = None) -> Path:
    """Type into the Word form's tables as a person would: find each table by its labels, write the right cell.

    `tasks` maps a task number to {row label start: text}; `figures` to (name, value) rows under "Số liệu".
    """
    from docx import Document

    doc = Document(str(path))
    for table in doc.tables:
        labels = [row.cells[0].text for row in table.rows]
        if labels[0] == "Số, ký hiệu báo cáo":
            for row in table.rows:
                if row.cells[0].text in header:
                    row.cells[1].text = header[row.cells[0].text]
        if labels[0] == "Nhiệm vụ số" and int(table.rows[0].cells[1].text) in tasks:
            number = int(table.rows[0].cells[1].text)
            for row in table.rows:
                for start, text in tasks[number].items():
                    if row.cells[0].text.startswith(start):
                        row.cells[1].text = text
            first = labels.index("Số liệu: tên số liệu") + 1
            for offset, (name, value) in enumerate((figures or {}).get(number, [])):
                while first + offset >= len(table.rows):
                    table.add_row()  # as Tab in the last cell does
                cells = table.rows[first + offset].cells
                cells[0].text, cells[1].text = name, value
    doc.save(str(path))
    return path


def shutil_which(name: str) -> str | None:
    import shutil

    return shutil.which(name)


def soffice() -> str | None:
    import shutil

    return shutil.which("soffice") or shutil.which("libreoffice")


def resave_with_libreoffice(path: Path, out_dir: Path, ext: str) -> Path:
    """`soffice --headless --convert-to xlsx|docx`: the file as LibreOffice writes it back."""
    import subprocess
    import tempfile

    import pytest

    if ext == "xlsx" and not shutil_which("localc") and not (Path(soffice()).resolve().parent / "scalc").exists():
        pytest.skip("LibreOffice Calc is not installed (libreoffice-calc); .ci/run installs it")
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))  # a private profile: parallel runs do not collide
    subprocess.run([soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", ext,
                    "--outdir", str(out_dir), str(path)], check=True, capture_output=True, timeout=180)
    return out_dir / f"{path.stem}.{ext}"


def readme_forms(root: Path) -> None:
    """The README's import example: three forms as units send them back (in the sample workspace).

    VP adds tasks 2 and 3 to the report it already sent; TTCNTT sends its first report; KHTC picks a status
    that is not in the list.
    """
    import os

    here = os.getcwd()
    os.chdir(root)
    try:
        for unit, name in (("VP", "bieu-mau-VP.xlsx"), ("TTCNTT", "bieu-mau-TTCNTT.xlsx"), ("KHTC", "bao-cao-KHTC.xlsx")):
            make_form(root, unit=unit, name=name)
    finally:
        os.chdir(here)
    fill_xlsx(root / "bieu-mau-VP.xlsx", {
        f"D{FIRST_TASK_ROW + 1}": "Đang thực hiện", f"E{FIRST_TASK_ROW + 1}": "Đã lấy ý kiến công chức về quy chế dân chủ.",
        f"D{FIRST_TASK_ROW + 2}": "Hoàn thành", f"E{FIRST_TASK_ROW + 2}": "Đã phổ biến kế hoạch bầu cử đến công chức."})
    fill_xlsx(root / "bieu-mau-TTCNTT.xlsx", {
        "C6": "03/BC-TTCNTT", "C7": "14/01/2026",
        f"D{FIRST_TASK_ROW}": "Đang thực hiện", f"E{FIRST_TASK_ROW}": "Đã quán triệt kế hoạch trong chi bộ.",
        f"D{FIRST_TASK_ROW + 5}": "Hoàn thành", f"E{FIRST_TASK_ROW + 5}": "Đã công khai thủ tục trên Cổng thông tin."})
    fill_xlsx(root / "bao-cao-KHTC.xlsx", {
        f"D{FIRST_TASK_ROW + 5}": "dang lam", f"E{FIRST_TASK_ROW + 5}": "Đang rà soát."})
