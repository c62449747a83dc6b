"""Shared pieces of the strict models: base class, text and date types."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, WithJsonSchema
from pydantic_core import PydanticCustomError

from ..dates import parse_date


class Strict(BaseModel):
    """Unknown keys are errors: a typo must never be silently ignored."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _coerce_date(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
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

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]

# Plan ids name folders under reports/, so no separators or dots at the start.
PLAN_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
PlanId = Annotated[str, StringConstraints(pattern=PLAN_ID_PATTERN, max_length=80)]


def described(description: str, **kwargs: Any) -> Any:
    """A Field with a Vietnamese description for the JSON Schema."""
    return Field(description=description, **kwargs)
