"""A unit's periodic report (báo cáo) on one plan, one period: one file per unit and period."""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, InstanceOf, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

from ..limits import MAX_FIGURE, MAX_TASK_NUMBER
from .common import Date, Integer, PlanId, Slug, Strict, Text, described
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
            raise PydanticCustomError("dancu_invalid_period", str(exc)) from None
    raise PydanticCustomError("dancu_invalid_period", "Kỳ báo cáo phải viết như 2025-Q4, 2025-11, 2025-H2 hoặc 2025")


def _number(value: Any) -> Any:
    # bool is an int in Python; a figure of `true` is a typo, not 1.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PydanticCustomError("dancu_not_a_number", "Số liệu phải là một con số, ví dụ 12")
    # Compared without converting to float: a 400-digit integer overflows a float.
    if isinstance(value, float) and math.isnan(value):
        raise PydanticCustomError("dancu_not_a_number", "Số liệu phải là một con số, ví dụ 12")
    if value >= MAX_FIGURE:
        raise PydanticCustomError("dancu_figure_too_large",
                                  "Số liệu quá lớn: phải nhỏ hơn 10^15 (một triệu tỷ); hãy kiểm tra lại con số")
    if value < 0:
        shown = value if value > -MAX_FIGURE else "số âm"
        raise PydanticCustomError("dancu_negative_figure", "Số liệu phải là số không âm (từ 0 trở lên), không phải {value}",
                                  {"value": shown})
    return value


# int | float keeps 12 as 12 in the file (a float type would write 12.0).
Figure = Annotated[int | float, BeforeValidator(_number), WithJsonSchema({"type": "number", "minimum": 0})]
# In memory a Period; in files and JSON its key (2025-Q4), the folder name under reports/.
PeriodField = Annotated[InstanceOf[Period], BeforeValidator(_period), PlainSerializer(lambda p: p.key, return_type=str),
                        WithJsonSchema({"type": "string", "description": "Kỳ báo cáo: 2025-Q4, 2025-11, 2025-H2 hoặc 2025"})]


class Entry(Strict):
    task: Integer = described("Số thứ tự nhiệm vụ trong kế hoạch", ge=1, le=MAX_TASK_NUMBER)
    status: Annotated[Status, BeforeValidator(parse_status)] = described(
        "Tình trạng: chua-trien-khai, dang-thuc-hien, hoan-thanh"
    )
    results: Text = described("Kết quả thực hiện")
    figures: dict[Text, Figure] = described(
        "Số liệu (tên: số không âm), ví dụ “Số lượt tiếp công dân: 12”", default_factory=dict
    )
    shortcomings: Text | None = described("Tồn tại, hạn chế", default=None)
    next_steps: Text | None = described("Phương hướng, nhiệm vụ kỳ tới", default=None)
    proposals: Text | None = described("Đề xuất, kiến nghị", default=None)


class UnitReport(Strict):
    plan: PlanId = described("Mã kế hoạch, ví dụ 2599-KH-SKHCN")
    unit: Slug = described("Mã đơn vị báo cáo, ví dụ van-phong-so")
    period: PeriodField = described("Kỳ báo cáo: 2025-Q4, 2025-11, 2025-H2 hoặc 2025")
    number: Text | None = described("Số, ký hiệu báo cáo của đơn vị, ví dụ 45/BC-VP", default=None)
    issued_on: Date | None = described("Ngày ban hành báo cáo của đơn vị", default=None)
    received_on: Date | None = described("Ngày Văn phòng Sở nhận báo cáo", default=None)
    entries: list[Entry] = described("Báo cáo theo từng nhiệm vụ", default_factory=list)

    def entry(self, task: int) -> Entry | None:
        return next((e for e in self.entries if e.task == task), None)
