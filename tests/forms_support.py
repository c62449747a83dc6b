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
