"""Which document format a command writes, from --format and the suffix of -o, and writing it.

One table of formats for every command that writes a document or a file
(`summary`, `status`, and any later one): a command names the formats it can
produce; `pick_format` refuses an unknown format, a suffix the command cannot
produce, and a --format that contradicts the suffix, before any work is done.
Adding a format to a command is adding its name to that command's tuple (and
an entry here if it is new).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .output import fail


@dataclass(frozen=True)
class OutputFormat:
    name: str  # the --format value
    label: str  # what users call it
    suffixes: tuple[str, ...]  # the first is the one a default file name gets


FORMATS: dict[str, OutputFormat] = {f.name: f for f in (
    OutputFormat("text", "bảng chữ", (".txt",)),
    OutputFormat("json", "JSON", (".json",)),
    OutputFormat("csv", "CSV", (".csv",)),
    OutputFormat("md", "Markdown", (".md", ".markdown")),
    OutputFormat("docx", "Word", (".docx",)),
    OutputFormat("pdf", "PDF", (".pdf",)),
    OutputFormat("xlsx", "Excel", (".xlsx",)),
)}


def format_of_suffix(path: Path) -> str | None:
    suffix = path.suffix.lower()
    return next((f.name for f in FORMATS.values() if suffix in f.suffixes), None)


def _names(allowed: tuple[str, ...]) -> str:
    return ", ".join(f"{n} ({FORMATS[n].label})" for n in allowed)


def pick_format(fmt: str | None, output: Path | None, allowed: tuple[str, ...], default: str) -> str:
    """The format to write: --format, else the suffix of -o, else `default`. Exit 2 on a contradiction."""
    if fmt is not None and fmt not in allowed:
        fail(f"định dạng “{fmt}” không hợp lệ; chọn một trong: {_names(allowed)}", 2)
    if output is None:
        return fmt or default
    by_suffix = format_of_suffix(output)
    if by_suffix not in allowed:
        shown = output.suffix or "(không có đuôi)"
        suffixes = ", ".join(FORMATS[n].suffixes[0] for n in allowed if FORMATS[n].suffixes[0] != ".txt")
        fail(f"lệnh này không tạo được tệp {shown} ({output}); đặt tên tệp có đuôi {suffixes}. "
             "Không có tệp nào được ghi.", 2)
    if fmt is not None and fmt != by_suffix:
        fail(f"--format {fmt} không khớp với đuôi {output.suffix} của tệp {output} "
             f"({FORMATS[by_suffix].label}); bỏ --format hoặc đổi tên tệp. Không có tệp nào được ghi.", 2)
    return by_suffix


def write_document(target: Path, data: bytes | str) -> None:
    """Write atomically (never a half-written file), or exit 1 saying why."""
    from ..core.atomic import write_bytes_atomic
    from .output import os_error_text

    try:
        write_bytes_atomic(target, data.encode("utf-8") if isinstance(data, str) else data)
    except OSError as exc:
        fail(f"không ghi được tệp {target}: {os_error_text(exc)}")


def to_pdf(docx: bytes) -> bytes:
    """Word → PDF through LibreOffice, or exit 1 saying how to get it."""
    from ..core.office import OfficeProblem, docx_to_pdf

    try:
        return docx_to_pdf(docx)
    except OfficeProblem as exc:
        fail(f"{exc} Không có tệp nào được ghi.")
