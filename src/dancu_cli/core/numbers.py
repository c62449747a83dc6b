"""Numbers as Vietnamese documents write them: 1.234 for a thousand and more, 2,5 for a decimal."""

from __future__ import annotations


def format_number(value: int | float, group_thousands: bool = True) -> str:
    """1234 -> '1.234', 2.5 -> '2,5', 1234.5 -> '1.234,5'; at most two decimals.

    Without `group_thousands` (files meant to be read back, such as CSV), 1234.5 is '1234,5':
    a dot there would be ambiguous with a decimal point to whoever types it again.
    """
    if float(value).is_integer():
        text = f"{int(value):,}" if group_thousands else f"{int(value)}"
    else:
        text = (f"{value:,.2f}" if group_thousands else f"{value:.2f}").rstrip("0").rstrip(".")
    return text.translate(str.maketrans(",.", ".,"))


def format_percent(count: int, total: int) -> str:
    """count / total as a Vietnamese percentage with one decimal at most, "12,5%"; "" when total is 0."""
    return f"{format_number(round(100 * count / total, 1))}%" if total else ""
