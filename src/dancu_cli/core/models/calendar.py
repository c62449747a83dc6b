"""The official calendar file: days off and make-up working days announced by the Government.

The `holidays` package knows the statutory holidays of the Labour Code; the swaps
the Government announces each year (a bridge day off worked back on a Saturday)
come late and by letter. The package ships the swaps known at release
(dancu_cli/data/calendar.yaml); a workspace adds newer ones in plans/calendar.yaml,
each with the reference of the document that announced it.
"""

from __future__ import annotations

from typing import Literal, get_args

from .base import Choice, ListOf, Nested, Record, field
from .common import Date, Text

DayKind = Literal["day_off", "working_day"]
DAY_KIND_LABELS = {"day_off": "ngày nghỉ", "working_day": "ngày làm việc (làm bù)"}


class OfficialDay(Record):
    date: date = field(Date, "Ngày, ví dụ 2026-01-02")
    kind: DayKind = field(Choice(get_args(DayKind)), "day_off: ngày nghỉ; working_day: ngày đi làm (làm bù), kể cả thứ Bảy, Chủ nhật")
    name: str = field(Text, "Tên ngày, ví dụ “Nghỉ Tết Dương lịch 2026 (hoán đổi với thứ Bảy 10/01/2026)”")
    reference: str = field(Text, "Văn bản công bố, ví dụ “Công văn số 12729/VPCP-KGVX ngày 25/12/2025”")


class CalendarFile(Record):
    days: list[OfficialDay] = field(ListOf(Nested(OfficialDay)), "Các ngày nghỉ, ngày làm bù chính thức", default_factory=list)
