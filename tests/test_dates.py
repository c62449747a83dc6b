"""Periods and timeframes as Vietnamese offices write them."""

from __future__ import annotations

from datetime import date

import pytest

from dancu_cli.core.dates import format_date, parse_date, parse_period, parse_timeframe


@pytest.mark.parametrize(
    "text, key",
    [
        ("2025-Q4", "2025-Q4"), ("Q4/2025", "2025-Q4"), ("quý IV/2025", "2025-Q4"), ("Quý IV năm 2025", "2025-Q4"),
        ("quy 4/2025", "2025-Q4"), ("2025-11", "2025-11"), ("tháng 11/2025", "2025-11"), ("Tháng 11 năm 2025", "2025-11"),
        ("11/2025", "2025-11"), ("2025-H2", "2025-H2"), ("6 tháng cuối năm 2025", "2025-H2"),
        ("6 tháng đầu năm 2026", "2026-H1"), ("2025", "2025"), ("năm 2025", "2025"),
    ],
)
def test_period_forms(text: str, key: str):
    assert parse_period(text).key == key


@pytest.mark.parametrize("text", ["2025-Q5", "quý V/2025", "tháng 13/2025", "Q4", "hôm qua", ""])
def test_bad_periods_say_so_in_vietnamese(text: str):
    with pytest.raises(ValueError, match="không hợp lệ"):
        parse_period(text)


def test_period_dates_and_labels():
    q4 = parse_period("2025-Q4")
    assert (q4.start, q4.end) == (date(2025, 10, 1), date(2025, 12, 31))
    assert q4.label() == "quý IV năm 2025"
    assert parse_period("2024-02").end == date(2024, 2, 29)
    assert parse_period("2025-H1").label() == "6 tháng đầu năm 2025"


@pytest.mark.parametrize(
    "text, meaning",
    [
        ("Thường xuyên", "regular"), ("Năm 2025", date(2025, 12, 31)), ("Quý I/2026", date(2026, 3, 31)),
        ("6 tháng đầu năm 2026", date(2026, 6, 30)), ("Trước ngày 15/12/2025", date(2025, 12, 15)),
        ("Tháng 11/2025", date(2025, 11, 30)), ("Hết quý III năm 2026", date(2026, 9, 30)), ("Khi có yêu cầu", None),
    ],
)
def test_timeframe_meaning(text: str, meaning):
    assert parse_timeframe(text) == meaning


def test_dates_both_ways():
    assert parse_date("31/12/2025") == parse_date("2025-12-31") == date(2025, 12, 31)
    assert format_date(date(2025, 1, 5)) == "05/01/2025"
    with pytest.raises(ValueError, match="31/02/2025 không tồn tại"):
        parse_date("31/02/2025")
