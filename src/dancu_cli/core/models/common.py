"""Shared field kinds of the models: text, ids, dates and whole numbers."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ..dates import check_year, parse_date
from ..limits import MAX_TEXT_CHARS, WINDOWS_RESERVED
from ..text import text_problem
from .base import Custom, Int, Invalid, Str, iso_date


def _coerce_date(value: Any) -> Any:
    if isinstance(value, datetime):
        # A clerk types "2025-12-16 10:00"; YAML reads a timestamp. The date alone is meant, but say so.
        raise Invalid("dancu_datetime_in_date", f"Chỉ ghi ngày, không ghi giờ: viết {value.date().isoformat()} "
                                                f"(bỏ phần giờ {value.strftime('%H:%M:%S')})")
    if isinstance(value, date):
        try:
            check_year(value.year)
        except ValueError as exc:
            raise Invalid("dancu_invalid_date", str(exc)) from None
        return value
    if isinstance(value, str):
        try:
            return parse_date(value)
        except ValueError as exc:
            raise Invalid("dancu_invalid_date", str(exc)) from None
    raise Invalid("dancu_invalid_date", "Phải là một ngày, viết dạng 2025-12-31 hoặc 31/12/2025")


_DATE_SCHEMA = {
    "anyOf": [
        {"type": "string", "pattern": r"^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{4})$"},
        # YAML-aware validators read an unquoted 2025-12-31 as a date object.
        {"type": "object"},
    ]
}

Date = Custom(_coerce_date, _DATE_SCHEMA, iso_date, date.fromisoformat)


def _clean_text(value: str) -> str:
    """Refuse what would corrupt a terminal, a document or the file itself (see core/text.py)."""
    problem = text_problem(value)
    if problem:
        raise Invalid("dancu_control_character", problem)
    return value


Text = Str(min_length=1, max_length=MAX_TEXT_CHARS, after=[_clean_text])


def _not_reserved(value: str) -> str:
    # An id names a file or folder (reports/<plan>/<period>/<unit>.yaml); Windows cannot create these.
    if value.lower() in WINDOWS_RESERVED:
        raise Invalid("dancu_reserved_name",
                      f"“{value}” là tên dành riêng của Windows (thiết bị), không dùng làm mã được; hãy đặt mã khác")
    return value


SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Slug = Str(max_length=80, pattern=SLUG_PATTERN, after=[_not_reserved])

# Plan ids name folders under reports/, so no separators or dots at the start.
PLAN_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
PlanId = Str(max_length=80, pattern=PLAN_ID_PATTERN, after=[_not_reserved])


def _exact_int(value: Any) -> Any:
    """Exactly a YAML integer: "4" and 4.0 are refused with a hint, never coerced (nor is true)."""
    if isinstance(value, bool):
        raise Invalid("dancu_wrong_type", "Phải là một số nguyên, không phải true/false")
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:40] + "…"
        hint = f"; viết {value.strip()} không có dấu ngoặc kép" if value.strip().isdigit() and len(value) <= 40 else ""
        raise Invalid("dancu_wrong_type", f"Phải là một số nguyên, không phải chuỗi “{shown}”{hint}")
    if isinstance(value, float):
        hint = f"; viết {int(value)}" if value.is_integer() and abs(value) < 10**15 else ""
        raise Invalid("dancu_wrong_type", f"Phải là một số nguyên (không có phần thập phân){hint}")
    raise Invalid("dancu_wrong_type", "Phải là một số nguyên")


def Integer(ge: int | None = None, le: int | None = None) -> Int:
    """A whole number as YAML writes it, within bounds."""
    return Int(_exact_int, ge=ge, le=le)
