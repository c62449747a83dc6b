"""What a clerk types into `dancu plan new`, read and checked one answer at a time.

Each reader returns the value for the plan file or raises BadValue with the reason, so the terminal
asks again. The rules are the plan file's own (the same model and checks as `dancu validate`), and
the same readings as `plan import`: unit names through the registry, timeframes through
parse_timeframe, the window from the subject.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from ..dates import format_date, parse_date, parse_timeframe
from ..errors import BadValue
from ..models.units import Registry
from .parse import UnitNames, window_from_title

FREQUENCIES = [("monthly", "hằng tháng"), ("quarterly", "hằng quý"), ("half_yearly", "6 tháng"), ("yearly", "hằng năm")]
TIMEFRAME_FORMS = "Thường xuyên, Năm 2026, Quý II/2026, Tháng 6/2026, Trước ngày 30/6/2026"


def nfc_text(text: str, what: str) -> str:
    value = " ".join(unicodedata.normalize("NFC", text).split())
    if not value:
        raise BadValue(f"Cần ghi {what}")
    return value


def read_number(text: str) -> str:
    value = nfc_text(text, "số của kế hoạch")
    if not re.fullmatch(r"[0-9A-Za-z.]+", value):
        raise BadValue(f"Số “{value}” chỉ gồm chữ số (ví dụ 115); ký hiệu (KH-SKHCN) hỏi ở câu sau")
    return value


def read_code(text: str) -> str:
    value = nfc_text(text, "ký hiệu của kế hoạch")
    if not re.fullmatch(r"[0-9A-Za-zĐđ]+(?:-[0-9A-Za-zĐđ]+)*", value):
        raise BadValue(f"Ký hiệu “{value}” phải có dạng như KH-SKHCN: chữ và số, nối bằng gạch ngang")
    return value


def read_date(text: str) -> date:
    try:
        return parse_date(unicodedata.normalize("NFC", text))
    except ValueError as exc:
        raise BadValue(str(exc)) from None


def default_window(title: str, issued: date) -> tuple[date, date] | None:
    return window_from_title(title, issued)


def read_end(text: str, start: date) -> date:
    end = read_date(text)
    if end < start:
        raise BadValue(f"Ngày kết thúc {format_date(end)} trước ngày bắt đầu {format_date(start)}")
    return end


def read_frequency(text: str) -> str:
    t = text.strip()
    if t.isdigit() and 1 <= int(t) <= len(FREQUENCIES):
        return FREQUENCIES[int(t) - 1][0]
    from ..dates import fold

    for key, label in FREQUENCIES:
        if fold(t) in (key, fold(label)):
            return key
    raise BadValue(f"Hãy gõ một số từ 1 đến {len(FREQUENCIES)}")


def read_working_days(text: str) -> int:
    t = text.strip()
    if not t.isdigit() or not 0 <= int(t) <= 60:
        raise BadValue("Hãy gõ một số ngày làm việc từ 0 đến 60")
    return int(t)


def read_units(text: str, registry: Registry, single: bool = False) -> list[str]:
    """Unit or group names (with or without diacritics, abbreviations, ids), separated by commas."""
    names = UnitNames(registry)
    refs: list[str] = []
    for name, ref in names.split(unicodedata.normalize("NFC", text)):
        if ref is None:
            _, close = registry.find(name)
            hint = f" Gần đúng nhất: {', '.join(u.name for u in close)}." if close else ""
            groups = ", ".join(g.name for g in registry.groups)
            raise BadValue(f"“{name}” không có trong danh mục đơn vị (plans/units.yaml).{hint}"
                           + (f" Các nhóm: {groups}." if groups else ""))
        if ref not in refs:
            refs.append(ref)
    if single and len(refs) > 1:
        raise BadValue("Mỗi nhiệm vụ chỉ có một cơ quan chủ trì; các cơ quan khác ghi ở phối hợp hoặc thực hiện")
    return refs


def read_timeframe(text: str, start: date, end: date) -> dict:
    value = nfc_text(text, "thời gian thực hiện").rstrip(".")
    meaning = parse_timeframe(value)
    if meaning == "regular":
        return {"text": value, "kind": "regular"}
    if isinstance(meaning, date):
        if not start <= meaning <= end:
            raise BadValue(f"Hạn {format_date(meaning)} nằm ngoài thời gian của kế hoạch "
                           f"({format_date(start)} – {format_date(end)})")
        return {"text": value, "kind": "deadline", "due": meaning}
    raise BadValue(f"Không rõ hạn của “{value}”; hãy viết như: {TIMEFRAME_FORMS}")


def read_unit(text: str, registry: Registry) -> str:
    """Exactly one unit or group."""
    refs = read_units(text, registry, single=True)
    if not refs:
        raise BadValue("Cần ghi một đơn vị, ví dụ “Văn phòng Sở”")
    return refs[0]
