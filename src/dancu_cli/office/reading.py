"""Which reader a file needs, told by its content, never by its name.

A .xlsx and a .docx are both zip archives: the parts inside tell them apart.
Anything else is read as CSV text in the columns of `dancu report list --format csv`.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..core.intake import CellProblem, FileRefused, FilledReport

NOT_A_FORM = ("Không phải biểu mẫu báo cáo: cần biểu mẫu Excel hoặc Word lập bằng `dancu form`, hoặc tệp CSV, "
              "Excel có các cột như `dancu report list --format csv`")


def read_reports(path: Path) -> list[FilledReport]:
    """The unit reports a file holds; FileRefused with every problem found."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4)
    except OSError as exc:
        raise FileRefused([CellProblem(None, f"Không đọc được tệp ({exc.strerror or exc})")]) from None
    if head == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            raise FileRefused([CellProblem(None, "Tệp nén (zip) bị hỏng; không phải tệp Excel hay Word đọc được")]) from None
        if "xl/workbook.xml" in names:
            from .xlsx_form import NotAForm, read_form

            try:
                return read_form(path)
            except NotAForm as exc:
                from .rows import read_sheet_rows

                return read_sheet_rows(exc.workbook)
        if "word/document.xml" in names:
            from .docx_form import read_form as read_word_form

            return read_word_form(path)
        raise FileRefused([CellProblem(None, NOT_A_FORM)])
    from .rows import read_csv

    return read_csv(path)
