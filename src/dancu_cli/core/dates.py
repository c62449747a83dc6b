"""Dates and reporting periods as Vietnamese offices write them.

A period is a month (`2025-11`), quarter (`2025-Q4`), half-year (`2025-H2`)
or year (`2025`). People also type `Q4/2025`, `quý IV/2025`,
`6 tháng cuối năm 2025` or `tháng 11/2025`; all of these parse here.
"""

from __future__ import annotations

import calendar
import functools
import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
ROMAN_OF = {v: k for k, v in ROMAN.items()}


def fold(text: str) -> str:
    """Lower-case, strip Vietnamese diacritics (đ too), collapse spaces: for matching what people type."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return " ".join(text.lower().split())


def check_year(year: int) -> int:
    """Dates and periods between 1900 and 2200; anything else is a typo (and year 0 no date at all)."""
    from .limits import MAX_YEAR, MIN_YEAR

    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"Năm {year} nằm ngoài khoảng {MIN_YEAR}–{MAX_YEAR}")
    return year


def parse_date(text: str) -> date:
    """'2025-12-31' or '31/12/2025' (also 31-12-2025, 31.12.2025). Raises ValueError in Vietnamese."""
    s = text.strip()
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", s)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    else:
        m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", s)
        if not m:
            raise ValueError(f"“{text}” không phải là ngày; hãy viết dạng 31/12/2025 hoặc 2025-12-31")
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
    check_year(y)
    try:
        return date(y, mo, d)
    except ValueError:
        raise ValueError(f"Ngày {d:02d}/{mo:02d}/{y} không tồn tại") from None


def format_date(d: date | None) -> str:
    """31/12/2025, the way Vietnamese documents print dates."""
    if d is None:
        return ""
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def today_vn() -> date:
    """Today in Asia/Ho_Chi_Minh (UTC+7 all year, no daylight saving).

    Test hook: DANCU_TODAY=2025-12-15 fixes "today", so tests and demos never depend on the real date.
    """
    from datetime import timedelta, timezone

    fixed = os.environ.get("DANCU_TODAY")
    if fixed:
        return parse_date(fixed)
    return datetime.now(timezone(timedelta(hours=7))).date()


@dataclass(frozen=True, order=True)
class Period:
    year: int
    kind: str  # "year" | "half" | "quarter" | "month"
    index: int  # 1 for a year; 1-2 half; 1-4 quarter; 1-12 month

    @functools.cached_property
    def key(self) -> str:
        """The canonical written form, also the folder name under reports/."""
        if self.kind == "year":
            return f"{self.year}"
        if self.kind == "half":
            return f"{self.year}-H{self.index}"
        if self.kind == "quarter":
            return f"{self.year}-Q{self.index}"
        return f"{self.year}-{self.index:02d}"

    def __str__(self) -> str:
        return self.key

    @property
    def months(self) -> tuple[int, int]:
        """First and last calendar month of the period."""
        span = {"year": 12, "half": 6, "quarter": 3, "month": 1}[self.kind]
        first = (self.index - 1) * span + 1
        return first, first + span - 1

    @property
    def start(self) -> date:
        return date(self.year, self.months[0], 1)

    @property
    def end(self) -> date:
        last = self.months[1]
        return date(self.year, last, calendar.monthrange(self.year, last)[1])

    def label(self) -> str:
        """Vietnamese name as used in a report title: 'quý IV năm 2025'."""
        if self.kind == "year":
            return f"năm {self.year}"
        if self.kind == "half":
            return f"6 tháng {'đầu' if self.index == 1 else 'cuối'} năm {self.year}"
        if self.kind == "quarter":
            return f"quý {ROMAN_OF[self.index]} năm {self.year}"
        return f"tháng {self.index} năm {self.year}"

    def contains(self, other: "Period") -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, start: date, end: date) -> bool:
        return self.start <= end and start <= self.end


_ROMAN_RE = r"(iv|i{1,3}|[1-4])"


def _quarter_index(tok: str) -> int:
    return int(tok) if tok.isdigit() else ROMAN[tok.upper()]


@functools.lru_cache(maxsize=4096)
def parse_period(text: str) -> Period:
    """Parse any accepted period form; raises ValueError with a Vietnamese message.

    Cached: reports name the same few periods tens of thousands of times."""
    s = fold(str(text))
    s = re.sub(r"\s*([/-])\s*", r"\1", s)
    patterns: list[tuple[str, object]] = [
        (r"(\d{4})", lambda m: Period(int(m[1]), "year", 1)),
        (r"(?:nam )?(\d{4})", lambda m: Period(int(m[1]), "year", 1)),
        (r"(\d{4})-q([1-4])", lambda m: Period(int(m[1]), "quarter", int(m[2]))),
        (r"(\d{4})-h([12])", lambda m: Period(int(m[1]), "half", int(m[2]))),
        (r"(\d{4})-(\d{1,2})", lambda m: Period(int(m[1]), "month", int(m[2]))),
        (r"q([1-4])[/-](\d{4})", lambda m: Period(int(m[2]), "quarter", int(m[1]))),
        (rf"quy {_ROMAN_RE}(?:/| nam |-)(\d{{4}})", lambda m: Period(int(m[2]), "quarter", _quarter_index(m[1]))),
        (r"h([12])[/-](\d{4})", lambda m: Period(int(m[2]), "half", int(m[1]))),
        (r"6 thang (dau|cuoi)(?: nam)?[ /](\d{4})", lambda m: Period(int(m[2]), "half", 1 if m[1] == "dau" else 2)),
        (r"thang (\d{1,2})(?:/| nam |-)(\d{4})", lambda m: Period(int(m[2]), "month", int(m[1]))),
        (r"(\d{1,2})/(\d{4})", lambda m: Period(int(m[2]), "month", int(m[1]))),
    ]
    for pattern, make in patterns:
        m = re.fullmatch(pattern, s)
        if m:
            period = make(m)  # type: ignore[operator]
            try:
                check_year(period.year)
            except ValueError as exc:
                raise ValueError(f"Kỳ báo cáo “{text}”: {str(exc)[:1].lower()}{str(exc)[1:]}") from None
            if period.kind == "month" and not 1 <= period.index <= 12:
                break
            return period
    raise ValueError(
        f"Kỳ báo cáo “{text}” không hợp lệ; hãy viết như 2025-Q4, Q4/2025, quý IV/2025, "
        "2025-11, tháng 11/2025, 2025-H2, 6 tháng cuối năm 2025 hoặc 2025"
    )


def parse_timeframe(text: str) -> date | None | str:
    """Machine meaning of a plan's timeframe wording.

    Returns "regular" for 'Thường xuyên', the deadline date for a year, half,
    quarter, month or date, or None when the wording is not recognised.
    """
    s = fold(text).rstrip(".")
    if s in ("thuong xuyen", "hang nam", "lien tuc"):
        return "regular"
    s = re.sub(r"^(truoc|den|trong|cham nhat|han|hoan thanh truoc)( ngay)? ", "", s)
    s = re.sub(r"^(den )?(het|cuoi) ", "", s)
    try:
        return parse_date(s)
    except ValueError:
        pass
    try:
        return parse_period(s).end
    except ValueError:
        return None
