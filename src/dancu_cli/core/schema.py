"""JSON Schemas of the file kinds, with Vietnamese descriptions, for editors and CI."""

from __future__ import annotations

from .models import CalendarFile, Plan, Registry, UnitReport

KINDS = {
    "plan": (Plan, "Kế hoạch (plans/<mã>.yaml)"),
    "units": (Registry, "Danh mục đơn vị (plans/units.yaml)"),
    "report": (UnitReport, "Báo cáo định kỳ của đơn vị (reports/<kế hoạch>/<kỳ>/<đơn vị>.yaml)"),
    "calendar": (CalendarFile, "Ngày nghỉ, ngày làm bù chính thức (plans/calendar.yaml)"),
}


def json_schema(kind: str) -> dict:
    model, title = KINDS[kind]
    schema = model.json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        **schema,
    }
