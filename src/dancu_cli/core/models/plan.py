"""The plan (Kế hoạch): its document header, sections, tasks and reporting settings."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Literal

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from ..limits import MAX_TASK_NUMBER
from .common import Date, Integer, PlanId, Slug, Strict, Text, described
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


class DocumentHeader(Strict):
    type: Text = described("Tên loại văn bản, ví dụ “Kế hoạch”")
    number: Text = described("Số văn bản, ví dụ “2599”")
    code: Text = described("Ký hiệu, ví dụ KH-SKHCN")
    place: Text = described("Địa danh, ví dụ Quảng Ngãi")
    issued_on: Date = described("Ngày ban hành")
    title: Text = described("Trích yếu nội dung")

    @property
    def reference(self) -> str:
        return f"{self.number}/{self.code}"


class Issuer(Strict):
    name: Text = described("Cơ quan ban hành, ví dụ “Sở Khoa học và Công nghệ”")
    parent: Text | None = described("Cơ quan chủ quản, ví dụ “UBND tỉnh Quảng Ngãi”", default=None)


class LegalDocument(Strict):
    number: Text | None = described("Số, ký hiệu (bỏ trống khi kế hoạch không ghi)", default=None)
    type: Text = described("Loại văn bản: Luật, Nghị định, Chỉ thị, Kế hoạch…")
    issued_on: Date | None = described("Ngày ban hành, khi kế hoạch ghi đủ ngày", default=None)
    year: Integer | None = described("Năm ban hành, khi kế hoạch chỉ ghi năm", default=None, ge=1900, le=2200)
    issuer: Text = described("Cơ quan ban hành")
    subject: Text = described("Trích yếu")
    cited_as: Text | None = described("Cách kế hoạch trích dẫn văn bản", default=None)

    @model_validator(mode="after")
    def _when(self) -> "LegalDocument":
        if self.issued_on is None and self.year is None:
            raise PydanticCustomError("dancu_missing_date", "Cần ghi ngày ban hành (issued_on) hoặc năm (year)")
        if self.issued_on and self.year and self.issued_on.year != self.year:
            raise PydanticCustomError("dancu_year_mismatch", "Năm (year) không khớp với ngày ban hành (issued_on)")
        return self


class Point(Strict):
    label: Text = described("Ký hiệu điểm: a, b, c…")
    text: Text = described("Nội dung điểm")


class Paragraph(Strict):
    text: Text = described("Đoạn nội dung")
    items: list[Text] = described("Các gạch đầu dòng của đoạn", default_factory=list)


class Timeframe(Strict):
    text: Text = described("Thời gian thực hiện, đúng như kế hoạch ghi: “Thường xuyên”, “Năm 2025”…")
    kind: Literal["regular", "deadline"] = described("regular: thường xuyên; deadline: có thời hạn")
    due: Date | None = described("Hạn hoàn thành, khi kind là deadline", default=None)

    @model_validator(mode="after")
    def _consistent(self) -> "Timeframe":
        if self.kind == "deadline" and self.due is None:
            raise PydanticCustomError("dancu_missing_due", "Nhiệm vụ có thời hạn cần ghi hạn hoàn thành (due)")
        if self.kind == "regular" and self.due is not None:
            raise PydanticCustomError("dancu_unexpected_due", "Nhiệm vụ thường xuyên không có hạn hoàn thành (bỏ due)")
        meaning = parse_timeframe(self.text)
        if meaning == "regular" and self.kind != "regular":
            raise PydanticCustomError("dancu_timeframe_mismatch", "“{text}” là nhiệm vụ thường xuyên; kind phải là regular", {"text": self.text})
        if isinstance(meaning, date) and (self.kind != "deadline" or self.due != meaning):
            raise PydanticCustomError(
                "dancu_timeframe_mismatch",
                "“{text}” nghĩa là hạn {due}; kind phải là deadline và due phải là {due}",
                {"text": self.text, "due": format_date(meaning)},
            )
        return self


class Task(Strict):
    number: Integer = described("Số thứ tự nhiệm vụ, bắt đầu từ 1", ge=1, le=MAX_TASK_NUMBER)
    heading: Text = described("Tên nhiệm vụ, đúng như kế hoạch ghi")
    body: list[Paragraph] = described("Nội dung chi tiết", default_factory=list)
    lead: Slug | None = described("Cơ quan chủ trì (mã đơn vị hoặc nhóm)", default=None)
    coordinating: list[Slug] = described("Cơ quan phối hợp", default_factory=list)
    implementing: list[Slug] = described("Cơ quan thực hiện", default_factory=list)
    timeframe: Timeframe = described("Thời gian thực hiện")

    def roles(self) -> list[tuple[Role, str]]:
        out: list[tuple[Role, str]] = []
        if self.lead:
            out.append(("lead", self.lead))
        out += [("coordinating", r) for r in self.coordinating]
        out += [("implementing", r) for r in self.implementing]
        return out


class Clause(Strict):
    number: Integer = described("Số thứ tự khoản", ge=1, le=MAX_TASK_NUMBER)
    text: Text = described("Nội dung khoản")


class Window(Strict):
    starts_on: Date = described("Ngày bắt đầu thực hiện kế hoạch")
    ends_on: Date = described("Ngày kết thúc kế hoạch")

    @model_validator(mode="after")
    def _ordered(self) -> "Window":
        if self.starts_on > self.ends_on:
            raise PydanticCustomError(
                "dancu_window_order", "Ngày bắt đầu ({start}) sau ngày kết thúc ({end})",
                {"start": format_date(self.starts_on), "end": format_date(self.ends_on)},
            )
        return self


class Reporting(Strict):
    through: Slug = described("Đơn vị đầu mối nhận báo cáo, ví dụ van-phong-so")
    to: Text | None = described("Nơi nhận báo cáo tổng hợp, ví dụ “UBND tỉnh (qua Sở Nội vụ)”", default=None)
    frequency: Frequency = described("Kỳ báo cáo: monthly, quarterly, half_yearly, yearly", default="quarterly")
    cutoff: Cutoff = described(
        "Cách chia kỳ: calendar (theo lịch) hoặc decree_09 (ngày chốt số liệu theo Nghị định 09/2019/NĐ-CP)",
        default="calendar",
    )
    due_working_days: Integer = described(
        "Hạn gửi: số ngày làm việc sau khi kết thúc kỳ (mặc định 5)", default=5, ge=0, le=60
    )
    due_day_of_last_month: Integer | None = described(
        "Hạn gửi: ngày D của tháng cuối kỳ (ví dụ 25, như Điều 13 Nghị định 09/2019/NĐ-CP); thay cho due_working_days",
        default=None, ge=1, le=31,
    )
    due_day_of_next_month: Integer | None = described(
        "Hạn gửi: ngày D của tháng sau kỳ (ví dụ 15); thay cho due_working_days", default=None, ge=1, le=31,
    )
    owing_roles: list[Role] = described(
        "Vai trò phải báo cáo: lead, coordinating, implementing",
        default_factory=lambda: ["lead", "coordinating", "implementing"],
    )
    summary_title: Text | None = described(
        "Trích yếu của báo cáo tổng hợp, không kèm kỳ báo cáo (kỳ được thêm vào cuối). Bỏ trống thì lấy "
        "“Kết quả ” + trích yếu của kế hoạch, bỏ phần thời gian như “từ nay đến cuối năm 2025”",
        default=None,
    )

    @model_validator(mode="after")
    def _one_due_rule(self) -> "Reporting":
        given = [name for name in ("due_working_days", "due_day_of_last_month", "due_day_of_next_month")
                 if name in self.model_fields_set and getattr(self, name) is not None]
        if len(given) > 1:
            raise PydanticCustomError(
                "dancu_due_rules", "Chỉ ghi một cách tính hạn gửi báo cáo, không ghi cùng lúc {names}",
                {"names": ", ".join(given)},
            )
        return self


class Signer(Strict):
    authority: Text | None = described("Thẩm quyền ký, ví dụ “KT. GIÁM ĐỐC”", default=None)
    title: Text = described("Chức vụ người ký, ví dụ “PHÓ GIÁM ĐỐC”")
    name: Text = described("Họ tên người ký")


class Signature(Strict):
    signer: Text = described("Người hoặc cơ quan ký số")
    signed_at: datetime = described("Thời điểm ký số")


_TASK_INDEX: dict[int, tuple[list, dict]] = {}  # id(plan) -> (its task list, number -> task)


class Plan(Strict):
    id: PlanId = described("Mã kế hoạch, dùng trong lệnh và thư mục báo cáo, ví dụ 2599-KH-SKHCN")
    document: DocumentHeader = described("Số, ký hiệu, địa danh, ngày và trích yếu")
    issuer: Issuer = described("Cơ quan ban hành")
    preamble: Text | None = described("Đoạn mở đầu (căn cứ)", default=None)
    basis: list[Text] = described("Số hiệu các văn bản làm căn cứ (có trong legal_documents)", default_factory=list)
    legal_documents: list[LegalDocument] = described("Các văn bản kế hoạch trích dẫn", default_factory=list)
    purposes: list[Point] = described("I.1. Mục đích", default_factory=list)
    requirements: list[Point] = described("I.2. Yêu cầu", default_factory=list)
    tasks: list[Task] = described("II. Nội dung, thời gian thực hiện", min_length=1)
    budget: Text | None = described("III. Kinh phí thực hiện", default=None)
    organisation: list[Clause] = described("IV. Tổ chức thực hiện", default_factory=list)
    closing: Text | None = described("Đoạn kết", default=None)
    window: Window = described("Thời gian hiệu lực của kế hoạch")
    reporting: Reporting = described("Chế độ báo cáo định kỳ")
    recipients: list[Text] = described("Nơi nhận", min_length=1)
    signer: Signer = described("Người ký")
    signatures: list[Signature] = described("Dấu thời gian chữ ký số", default_factory=list)

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

