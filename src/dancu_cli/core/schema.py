"""JSON Schemas of the file kinds, with Vietnamese descriptions, for editors and CI."""

from __future__ import annotations

from typing import Any

from .models import CalendarFile, Plan, Registry, UnitReport

KINDS = {
    "plan": (Plan, "Kế hoạch (plans/<mã>.yaml)"),
    "units": (Registry, "Danh mục đơn vị (plans/units.yaml)"),
    "report": (UnitReport, "Báo cáo định kỳ của đơn vị (reports/<kế hoạch>/<kỳ>/<đơn vị>.yaml)"),
    "calendar": (CalendarFile, "Ngày nghỉ, ngày làm bù chính thức (plans/calendar.yaml)"),
}


def _drop_titles(node: Any) -> Any:
    # Pydantic's generated titles are English field names; the descriptions carry the meaning.
    if isinstance(node, dict):
        return {k: _drop_titles(v) for k, v in node.items() if not (k == "title" and isinstance(v, str))}
    if isinstance(node, list):
        return [_drop_titles(v) for v in node]
    return node


def json_schema(kind: str) -> dict:
    model, title = KINDS[kind]
    schema = _drop_titles(model.model_json_schema())
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        **schema,
    }
