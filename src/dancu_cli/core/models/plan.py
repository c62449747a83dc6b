"""The plan (Kế hoạch): its document header, sections, tasks and reporting settings."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Literal, get_args

from ..limits import MAX_TASK_NUMBER
from .base import Choice, Invalid, ListOf, Moment, Nested, Optional, Record, field
from .common import Date, Integer, PlanId, Slug, Text
from ..dates import format_date, parse_timeframe

if TYPE_CHECKING:
    from .units import Registry

Role = Literal["lead", "coordinating", "implementing"]
ROLE_LABELS = {"lead": "chủ trì", "coordinating": "phối hợp", "implementing": "thực hiện"}
Frequency = Literal["monthly", "quarterly", "half_yearly", "yearly"]
FREQUENCY_LABELS = {"monthly": "hằng tháng", "quarterly": "hằng quý", "half_yearly": "6 tháng", "yearly": "hằng năm"}
# The kind of Period (dates.Period) each reporting frequency cuts the year into.
PERIOD_KIND = {"monthly": "month", "quarterly": "quarter", "half_yearly": "half", "yearly": "year"}
Cutoff = Literal["calendar", "decree_09"]


class DocumentHeader(Record):
    type: str = field(Text, "Tên loại văn bản, ví dụ “Kế hoạch”")
    number: str = field(Text, "Số văn bản, ví dụ “2599”")
    code: str = field(Text, "Ký hiệu, ví dụ KH-SKHCN")
    place: str = field(Text, "Địa danh, ví dụ Quảng Ngãi")
    issued_on: date = field(Date, "Ngày ban hành")
    title: str = field(Text, "Trích yếu nội dung")

    @property
    def reference(self) -> str:
        return f"{self.number}/{self.code}"


class Issuer(Record):
    name: str = field(Text, "Cơ quan ban hành, ví dụ “Sở Khoa học và Công nghệ”")
    parent: str | None = field(Optional(Text), "Cơ quan chủ quản, ví dụ “UBND tỉnh Quảng Ngãi”", default=None)


class LegalDocument(Record):
    number: str | None = field(Optional(Text), "Số, ký hiệu (bỏ trống khi kế hoạch không ghi)", default=None)
    type: str = field(Text, "Loại văn bản: Luật, Nghị định, Chỉ thị, Kế hoạch…")
    issued_on: date | None = field(Optional(Date), "Ngày ban hành, khi kế hoạch ghi đủ ngày", default=None)
    year: int | None = field(Optional(Integer(ge=1900, le=2200)), "Năm ban hành, khi kế hoạch chỉ ghi năm", default=None)
    issuer: str = field(Text, "Cơ quan ban hành")
    subject: str = field(Text, "Trích yếu")
    cited_as: str | None = field(Optional(Text), "Cách kế hoạch trích dẫn văn bản", default=None)

    def validate(self, given: set[str]) -> None:
        if self.issued_on is None and self.year is None:
            raise Invalid("dancu_missing_date", "Cần ghi ngày ban hành (issued_on) hoặc năm (year)")
        if self.issued_on and self.year and self.issued_on.year != self.year:
            raise Invalid("dancu_year_mismatch", "Năm (year) không khớp với ngày ban hành (issued_on)")


class Point(Record):
    label: str = field(Text, "Ký hiệu điểm: a, b, c…")
    text: str = field(Text, "Nội dung điểm")


class Paragraph(Record):
    text: str = field(Text, "Đoạn nội dung")
    items: list[str] = field(ListOf(Text), "Các gạch đầu dòng của đoạn", default_factory=list)


class Timeframe(Record):
    text: str = field(Text, "Thời gian thực hiện, đúng như kế hoạch ghi: “Thường xuyên”, “Năm 2025”…")
    kind: Literal["regular", "deadline"] = field(Choice(("regular", "deadline",)), "regular: thường xuyên; deadline: có thời hạn")
    due: date | None = field(Optional(Date), "Hạn hoàn thành, khi kind là deadline", default=None)

    def validate(self, given: set[str]) -> None:
        if self.kind == "deadline" and self.due is None:
            raise Invalid("dancu_missing_due", "Nhiệm vụ có thời hạn cần ghi hạn hoàn thành (due)")
        if self.kind == "regular" and self.due is not None:
            raise Invalid("dancu_unexpected_due", "Nhiệm vụ thường xuyên không có hạn hoàn thành (bỏ due)")
        meaning = parse_timeframe(self.text)
        if meaning == "regular" and self.kind != "regular":
            raise Invalid("dancu_timeframe_mismatch", f"“{self.text}” là nhiệm vụ thường xuyên; kind phải là regular")
        if isinstance(meaning, date) and (self.kind != "deadline" or self.due != meaning):
            due = format_date(meaning)
            raise Invalid("dancu_timeframe_mismatch",
                          f"“{self.text}” nghĩa là hạn {due}; kind phải là deadline và due phải là {due}")


class Task(Record):
    number: int = field(Integer(ge=1, le=MAX_TASK_NUMBER), "Số thứ tự nhiệm vụ, bắt đầu từ 1")
    heading: str = field(Text, "Tên nhiệm vụ, đúng như kế hoạch ghi")
    body: list[Paragraph] = field(ListOf(Nested(Paragraph)), "Nội dung chi tiết", default_factory=list)
    lead: str | None = field(Optional(Slug), "Cơ quan chủ trì (mã đơn vị hoặc nhóm)", default=None)
    coordinating: list[str] = field(ListOf(Slug), "Cơ quan phối hợp", default_factory=list)
    implementing: list[str] = field(ListOf(Slug), "Cơ quan thực hiện", default_factory=list)
    timeframe: Timeframe = field(Nested(Timeframe), "Thời gian thực hiện")

    def roles(self) -> list[tuple[Role, str]]:
        out: list[tuple[Role, str]] = []
        if self.lead:
            out.append(("lead", self.lead))
        out += [("coordinating", r) for r in self.coordinating]
        out += [("implementing", r) for r in self.implementing]
        return out


class Clause(Record):
    number: int = field(Integer(ge=1, le=MAX_TASK_NUMBER), "Số thứ tự khoản")
    text: str = field(Text, "Nội dung khoản")


class Window(Record):
    starts_on: date = field(Date, "Ngày bắt đầu thực hiện kế hoạch")
    ends_on: date = field(Date, "Ngày kết thúc kế hoạch")

    def validate(self, given: set[str]) -> None:
        if self.starts_on > self.ends_on:
            raise Invalid("dancu_window_order", f"Ngày bắt đầu ({format_date(self.starts_on)}) sau ngày kết thúc "
                                                f"({format_date(self.ends_on)})")


class Reporting(Record):
    through: str = field(Slug, "Đơn vị đầu mối nhận báo cáo, ví dụ van-phong-so")
    to: str | None = field(Optional(Text), "Nơi nhận báo cáo tổng hợp, ví dụ “UBND tỉnh (qua Sở Nội vụ)”", default=None)
    frequency: Frequency = field(Choice(get_args(Frequency)), "Kỳ báo cáo: monthly, quarterly, half_yearly, yearly", default="quarterly")
    cutoff: Cutoff = field(Choice(get_args(Cutoff)), "Cách chia kỳ: calendar (theo lịch) hoặc decree_09 (ngày chốt số liệu theo Nghị định 09/2019/NĐ-CP)", default="calendar")
    due_working_days: int = field(Integer(ge=0, le=60), "Hạn gửi: số ngày làm việc sau khi kết thúc kỳ (mặc định 5)", default=5)
    due_day_of_last_month: int | None = field(Optional(Integer(ge=1, le=31)), "Hạn gửi: ngày D của tháng cuối kỳ (ví dụ 25, như Điều 13 Nghị định 09/2019/NĐ-CP); thay cho due_working_days", default=None)
    due_day_of_next_month: int | None = field(Optional(Integer(ge=1, le=31)), "Hạn gửi: ngày D của tháng sau kỳ (ví dụ 15); thay cho due_working_days", default=None)
    owing_roles: list[Role] = field(ListOf(Choice(get_args(Role))), "Vai trò phải báo cáo: lead, coordinating, implementing", default_factory=lambda: ["lead", "coordinating", "implementing"])
    summary_title: str | None = field(Optional(Text), "Trích yếu của báo cáo tổng hợp, không kèm kỳ báo cáo (kỳ được thêm vào cuối). Bỏ trống thì lấy "
        "“Kết quả ” + trích yếu của kế hoạch, bỏ phần thời gian như “từ nay đến cuối năm 2025”", default=None)

    def validate(self, given: set[str]) -> None:
        rules = [name for name in ("due_working_days", "due_day_of_last_month", "due_day_of_next_month")
                 if name in given and getattr(self, name) is not None]
        if len(rules) > 1:
            raise Invalid("dancu_due_rules",
                          f"Chỉ ghi một cách tính hạn gửi báo cáo, không ghi cùng lúc {', '.join(rules)}")


class Signer(Record):
    authority: str | None = field(Optional(Text), "Thẩm quyền ký, ví dụ “KT. GIÁM ĐỐC”", default=None)
    title: str = field(Text, "Chức vụ người ký, ví dụ “PHÓ GIÁM ĐỐC”")
    name: str = field(Text, "Họ tên người ký")


class Signature(Record):
    signer: str = field(Text, "Người hoặc cơ quan ký số")
    signed_at: datetime = field(Moment(), "Thời điểm ký số")


_TASK_INDEX: dict[int, tuple[list, dict]] = {}  # id(plan) -> (its task list, number -> task)


class Plan(Record):
    id: str = field(PlanId, "Mã kế hoạch, dùng trong lệnh và thư mục báo cáo, ví dụ 2599-KH-SKHCN")
    document: DocumentHeader = field(Nested(DocumentHeader), "Số, ký hiệu, địa danh, ngày và trích yếu")
    issuer: Issuer = field(Nested(Issuer), "Cơ quan ban hành")
    preamble: str | None = field(Optional(Text), "Đoạn mở đầu (căn cứ)", default=None)
    basis: list[str] = field(ListOf(Text), "Số hiệu các văn bản làm căn cứ (có trong legal_documents)", default_factory=list)
    legal_documents: list[LegalDocument] = field(ListOf(Nested(LegalDocument)), "Các văn bản kế hoạch trích dẫn", default_factory=list)
    purposes: list[Point] = field(ListOf(Nested(Point)), "I.1. Mục đích", default_factory=list)
    requirements: list[Point] = field(ListOf(Nested(Point)), "I.2. Yêu cầu", default_factory=list)
    tasks: list[Task] = field(ListOf(Nested(Task), min_length=1), "II. Nội dung, thời gian thực hiện")
    budget: str | None = field(Optional(Text), "III. Kinh phí thực hiện", default=None)
    organisation: list[Clause] = field(ListOf(Nested(Clause)), "IV. Tổ chức thực hiện", default_factory=list)
    closing: str | None = field(Optional(Text), "Đoạn kết", default=None)
    window: Window = field(Nested(Window), "Thời gian hiệu lực của kế hoạch")
    reporting: Reporting = field(Nested(Reporting), "Chế độ báo cáo định kỳ")
    recipients: list[str] = field(ListOf(Text, min_length=1), "Nơi nhận")
    signer: Signer = field(Nested(Signer), "Người ký")
    signatures: list[Signature] = field(ListOf(Nested(Signature)), "Dấu thời gian chữ ký số", default_factory=list)

    def task(self, number: int) -> Task | None:
        # An index built on first use: views and checks ask for tasks by number once per task, so a
        # scan each time would make a 2,000-task plan cost 2,000² steps. (Plans are not edited once loaded.)
        # Kept outside the model, so that it never shows in equality, copies or dumps.
        known = _TASK_INDEX.get(id(self))
        if known is None or known[0] is not self.tasks or len(known[1]) > len(self.tasks):
            index: dict[int, Task] = {}
            for t in self.tasks:
                index.setdefault(t.number, t)
            if len(_TASK_INDEX) > 64:
                _TASK_INDEX.clear()
            known = _TASK_INDEX[id(self)] = (self.tasks, index)
        return known[1].get(number)

    def unit_roles(self, registry: "Registry", unit_id: str) -> dict[int, list[Role]]:
        """Task number -> the roles the unit holds in it, groups expanded; tasks where it has none are left out.

        The one place that says which tasks a unit has a part in: the report rules, `report add`
        and the obligations all ask here."""
        out: dict[int, list[Role]] = {}
        member: dict[str, bool] = {}  # per unit or group id named: is the unit in it (expanded once)
        for task in self.tasks:
            for role, ref in task.roles():
                if ref not in member:
                    member[ref] = any(u.id == unit_id for u in registry.expand(ref))
                if member[ref] and role not in out.setdefault(task.number, []):
                    out[task.number].append(role)
        return out

    @property
    def reference(self) -> str:
        return self.document.reference

