"""Shared pieces of the strict models: base class, text and date types."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, WithJsonSchema
from pydantic_core import PydanticCustomError

from ..dates import check_year, parse_date
from ..limits import MAX_TEXT_CHARS, WINDOWS_RESERVED
from ..text import text_problem


class Strict(BaseModel):
    """Unknown keys are errors: a typo must never be silently ignored."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _coerce_date(value: Any) -> Any:
    if isinstance(value, datetime):
        # A clerk types "2025-12-16 10:00"; YAML reads a timestamp. The date alone is meant, but say so.
        raise PydanticCustomError(
            "dancu_datetime_in_date",
            "Chỉ ghi ngày, không ghi giờ: viết {day} (bỏ phần giờ {time})",
            {"day": value.date().isoformat(), "time": value.strftime("%H:%M:%S")},
        )
    if isinstance(value, date):
        try:
            check_year(value.year)
        except ValueError as exc:
            raise PydanticCustomError("dancu_invalid_date", str(exc)) from None
        return value
    if isinstance(value, str):
        try:
            return parse_date(value)
        except ValueError as exc:
            raise PydanticCustomError("dancu_invalid_date", str(exc)) from None
    raise PydanticCustomError("dancu_invalid_date", "Phải là một ngày, viết dạng 2025-12-31 hoặc 31/12/2025")


_DATE_SCHEMA = {
    "anyOf": [
        {"type": "string", "pattern": r"^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{4})$"},
        # YAML-aware validators read an unquoted 2025-12-31 as a date object.
        {"type": "object"},
    ]
}

Date = Annotated[date, BeforeValidator(_coerce_date), WithJsonSchema(_DATE_SCHEMA)]

def _clean_text(value: str) -> str:
    """Refuse what would corrupt a terminal, a document or the file itself (see core/text.py)."""
    problem = text_problem(value)
    if problem:
        raise PydanticCustomError("dancu_control_character", problem)
    return value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT_CHARS),
                 AfterValidator(_clean_text)]


def _not_reserved(value: str) -> str:
    # An id names a file or folder (reports/<plan>/<period>/<unit>.yaml); Windows cannot create these.
    if value.lower() in WINDOWS_RESERVED:
        raise PydanticCustomError("dancu_reserved_name",
                                  "“{value}” là tên dành riêng của Windows (thiết bị), không dùng làm mã được; "
                                  "hãy đặt mã khác", {"value": value})
    return value


SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80), AfterValidator(_not_reserved)]

# Plan ids name folders under reports/, so no separators or dots at the start.
PLAN_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
PlanId = Annotated[str, StringConstraints(pattern=PLAN_ID_PATTERN, max_length=80), AfterValidator(_not_reserved)]


def _exact_int(value: Any) -> Any:
    """Exactly a YAML integer: "4" and 4.0 are refused with a hint, never coerced (nor is true)."""
    if isinstance(value, bool):
        raise PydanticCustomError("dancu_wrong_type", "Phải là một số nguyên, không phải true/false")
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:40] + "…"
        hint = f"; viết {value.strip()} không có dấu ngoặc kép" if value.strip().isdigit() and len(value) <= 40 else ""
        raise PydanticCustomError("dancu_wrong_type", "Phải là một số nguyên, không phải chuỗi “{shown}”{hint}",
                                  {"shown": shown, "hint": hint})
    if isinstance(value, float):
        hint = f"; viết {int(value)}" if value.is_integer() and abs(value) < 10**15 else ""
        raise PydanticCustomError("dancu_wrong_type", "Phải là một số nguyên (không có phần thập phân){hint}",
                                  {"hint": hint})
    raise PydanticCustomError("dancu_wrong_type", "Phải là một số nguyên")


Integer = Annotated[int, BeforeValidator(_exact_int)]


def described(description: str, **kwargs: Any) -> Any:
    """A Field with a Vietnamese description for the JSON Schema."""
    return Field(description=description, **kwargs)
