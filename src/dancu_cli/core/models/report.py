"""A unit's periodic report (báo cáo) on one plan, one period: one file per unit and period."""

from __future__ import annotations

import math
from functools import cached_property
from datetime import date
from typing import Any, Literal, get_args

from ..limits import MAX_FIGURE, MAX_TASK_NUMBER
from .base import Choice, Custom, Invalid, ListOf, MapOf, Nested, Optional, Record, field
from .common import Date, Integer, PlanId, Slug, Text
from ..dates import Period, fold, parse_period

Status = Literal["chua-trien-khai", "dang-thuc-hien", "hoan-thanh"]
STATUS_LABELS: dict[str, str] = {
    "chua-trien-khai": "Chưa triển khai",
    "dang-thuc-hien": "Đang thực hiện",
    "hoan-thanh": "Hoàn thành",
}


def parse_status(value: Any) -> Any:
    """Accept 'hoàn thành', 'Hoan thanh' or 'hoan-thanh' alike (anything else is left for the model to refuse)."""
    if isinstance(value, str):
        if value in STATUS_LABELS:
            return value
        slug = fold(value).replace(" ", "-")
        if slug in STATUS_LABELS:
            return slug
    return value


def _period(value: Any) -> Any:
    """A Period as given (from the command line), or parsed once from what a file says."""
    if isinstance(value, Period):
        return value
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        try:
            return parse_period(str(value))
        except ValueError as exc:
            raise Invalid("dancu_invalid_period", str(exc)) from None
    raise Invalid("dancu_invalid_period", "Kỳ báo cáo phải viết như 2025-Q4, 2025-11, 2025-H2 hoặc 2025")


def _number(value: Any) -> Any:
    # bool is an int in Python; a figure of `true` is a typo, not 1.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Invalid("dancu_not_a_number", "Số liệu phải là một con số, ví dụ 12")
    # Compared without converting to float: a 400-digit integer overflows a float.
    if isinstance(value, float) and math.isnan(value):
        raise Invalid("dancu_not_a_number", "Số liệu phải là một con số, ví dụ 12")
    if value >= MAX_FIGURE:
        raise Invalid("dancu_figure_too_large",
                      "Số liệu quá lớn: phải nhỏ hơn 10^15 (một triệu tỷ); hãy kiểm tra lại con số")
    if value < 0:
        shown = value if value > -MAX_FIGURE else "số âm"
        raise Invalid("dancu_negative_figure", f"Số liệu phải là số không âm (từ 0 trở lên), không phải {shown}")
    return value


# int | float keeps 12 as 12 in the file (a float type would write 12.0).
Figure = Custom(_number, {"type": "number", "minimum": 0})
# In memory a Period; in files and JSON its key (2025-Q4), the folder name under reports/.
PeriodField = Custom(_period, {"type": "string", "description": "Kỳ báo cáo: 2025-Q4, 2025-11, 2025-H2 hoặc 2025"},
                     lambda p, json_mode: p.key, _period)


class Entry(Record):
    task: int = field(Integer(ge=1, le=MAX_TASK_NUMBER), "Số thứ tự nhiệm vụ trong kế hoạch")
    status: Status = field(Choice(get_args(Status), read=parse_status), "Tình trạng: chua-trien-khai, dang-thuc-hien, hoan-thanh")
    results: str = field(Text, "Kết quả thực hiện")
    figures: dict[str, int | float] = field(MapOf(Text, Figure), "Số liệu (tên: số không âm), ví dụ “Số lượt tiếp công dân: 12”", default_factory=dict)
    shortcomings: str | None = field(Optional(Text), "Tồn tại, hạn chế", default=None)
    next_steps: str | None = field(Optional(Text), "Phương hướng, nhiệm vụ kỳ tới", default=None)
    proposals: str | None = field(Optional(Text), "Đề xuất, kiến nghị", default=None)


class Submission(Record):
    """One document (văn bản) of a unit's report for a period: its reference, its dates, the entries it carries."""

    number: str | None = field(Optional(Text), "Số, ký hiệu văn bản, ví dụ 45/BC-VP", default=None)
    issued_on: date | None = field(Optional(Date), "Ngày đơn vị ban hành văn bản", default=None)
    received_on: date | None = field(Optional(Date), "Ngày Văn phòng Sở nhận văn bản; quyết định đúng hạn hay trễ hạn", default=None)
    entries: list[Entry] = field(ListOf(Nested(Entry), min_length=1), "Các nhiệm vụ văn bản này báo cáo")

    @property
    def arrival(self) -> date | None:
        """The day it counts from: received by the Office, else issued."""
        return self.received_on or self.issued_on


class UnitReport(Record):
    """A unit's report for a period. A file with one document keeps number, dates and entries at the top;
    a file with several lists them under `submissions`, each with its own number, dates and entries."""

    plan: str = field(PlanId, "Mã kế hoạch, ví dụ 2599-KH-SKHCN")
    unit: str = field(Slug, "Mã đơn vị báo cáo, ví dụ van-phong-so")
    period: Period = field(PeriodField, "Kỳ báo cáo: 2025-Q4, 2025-11, 2025-H2 hoặc 2025")
    number: str | None = field(Optional(Text), "Số, ký hiệu báo cáo của đơn vị, ví dụ 45/BC-VP", default=None)
    issued_on: date | None = field(Optional(Date), "Ngày ban hành báo cáo của đơn vị", default=None)
    received_on: date | None = field(Optional(Date), "Ngày Văn phòng Sở nhận báo cáo", default=None)
    entries: list[Entry] = field(ListOf(Nested(Entry)), "Báo cáo theo từng nhiệm vụ", default_factory=list)
    submissions: list[Submission] = field(ListOf(Nested(Submission)), "Khi đơn vị gửi nhiều văn bản cho cùng kỳ (ví dụ báo cáo bổ sung): mỗi văn bản một mục, có số, ngày và "
        "các nhiệm vụ riêng; khi đó không ghi number, issued_on, received_on, entries ở đầu tệp", default_factory=list)

    def validate(self, given: set[str]) -> None:
        if self.submissions and (self.entries or self.number or self.issued_on or self.received_on):
            raise Invalid(
                "dancu_mixed_shapes",
                "Tệp có submissions thì số, ngày và các mục ghi trong từng văn bản, không ghi number, issued_on, "
                "received_on, entries ở đầu tệp",
            )

    @cached_property
    def part_list(self) -> tuple[Submission, ...]:
        if self.submissions:
            return tuple(self.submissions)
        return (Submission(number=self.number, issued_on=self.issued_on,
                           received_on=self.received_on, entries=list(self.entries)),)

    @cached_property
    def task_index(self) -> dict[int, tuple[Entry, Submission]]:
        return {e.task: (e, part) for part in self.part_list for e in part.entries}

    def parts(self) -> list[Submission]:
        """The report's documents, whichever way the file is written."""
        return list(self.part_list)

    def all_entries(self) -> list[Entry]:
        """Every entry of every document, by task."""
        return [e for _, (e, _p) in sorted(self.task_index.items())]

    def submission_of(self, task: int) -> Submission | None:
        found = self.task_index.get(task)
        return found[1] if found else None

    def entry(self, task: int) -> Entry | None:
        found = self.task_index.get(task)
        return found[0] if found else None

    def arrival_of(self, task: int) -> date | None:
        found = self.task_index.get(task)
        return found[1].arrival if found else None

    def first_arrival(self) -> date | None:
        """The day its first document counts from; None when no document is dated."""
        days = [p.arrival for p in self.part_list if p.arrival]
        return min(days) if days else None

    def as_of(self, day: date) -> "UnitReport | None":
        """The report as it stood on `day`: only the documents that had arrived (undated ones count as arrived)."""
        parts = [p for p in self.parts() if p.arrival is None or p.arrival <= day]
        if len(parts) == len(self.parts()):
            return self
        if not parts:
            return None
        return UnitReport(plan=self.plan, unit=self.unit, period=self.period, number=None,
                          issued_on=None, received_on=None, entries=[], submissions=parts)

    @classmethod
    def from_parts(cls, plan: str, unit: str, period: Period | str, parts: list[Submission]) -> "UnitReport":
        """The file's shape from its documents: flat for one, `submissions` for several."""
        period = _period(period)
        if len(parts) == 1:
            p = parts[0]
            return cls(plan=plan, unit=unit, period=period, number=p.number, issued_on=p.issued_on,
                       received_on=p.received_on, entries=sorted(p.entries, key=lambda e: e.task))
        return cls(plan=plan, unit=unit, period=period, submissions=parts)
