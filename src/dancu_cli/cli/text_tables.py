"""Aligned text tables for the terminal and for piped output: one layout for every command.

Not rich's Table: rich needs about a second per 3,000 rows (ten years of reports make tens of
thousands), and importing it costs more than a warm command. Widths are counted in terminal
cells (a CJK character is two), as rich counts them.
"""

from __future__ import annotations

from typing import Iterable

from rich.cells import cell_len, set_cell_size


def column_widths(headings: list[str], rows: Iterable[list[str]]) -> list[int]:
    """Widest cell of each column, in terminal cells (cell_len), not characters."""
    widths = [cell_len(h) for h in headings]
    for row in rows:
        for i, text in enumerate(row):
            size = cell_len(text)
            if size > widths[i]:
                widths[i] = size
    return widths


def format_row(cells: list[str], widths: list[int], right: frozenset[int] = frozenset()) -> str:
    """One aligned line; a cell wider than its column is cut with …."""
    out = []
    for i, text in enumerate(cells):
        size = cell_len(text)
        if size > widths[i]:
            # Slicing is exact when every character is one cell, and far cheaper than set_cell_size.
            text = (text[: widths[i] - 1] if size == len(text) else set_cell_size(text, widths[i] - 1)).rstrip() + "…"
            size = cell_len(text)
        pad = " " * (widths[i] - size)
        out.append(pad + text if i in right else text + pad)
    return "  ".join(out).rstrip()


def rule(widths: list[int]) -> str:
    return "─" * (sum(widths) + 2 * (len(widths) - 1))


def plain_table(headings: list[str], rows: list[list[str]], width: int, flexible: int,
                right: frozenset[int] = frozenset()) -> list[str]:
    """Rows as aligned text lines; the `flexible` column is cut with … to fit `width`.

    Not a rich Table: rich needs about a second per 3,000 rows, and ten years of reports make
    tens of thousands.
    """
    widths = column_widths(headings, rows)
    over = sum(widths) + 2 * (len(widths) - 1) - width
    if over > 0:
        widths[flexible] = max(cell_len(headings[flexible]), widths[flexible] - over)
    return [format_row(headings, widths, right), rule(widths)] + [format_row(row, widths, right) for row in rows]


def wrapped_row(cells: list[str], widths: list[int], right: frozenset[int] = frozenset()) -> list[str]:
    """One row whose cells may take several lines: each cell wrapped at word starts to its column's
    width (a line break in a cell starts a new line), the columns side by side."""
    from .terminal import wrap_text

    columns = [wrap_text(text, width).split("\n") for text, width in zip(cells, widths)]
    return [format_row([column[k].rstrip() if k < len(column) else "" for column in columns], widths, right)
            for k in range(max(map(len, columns)))]


def flexible_widths(fixed: list[int | None], headings: list[str], rows: list[list[str]], width: int) -> list[int]:
    """Column widths for a wrapped table `width` cells wide: a fixed column keeps its width (or its widest
    cell when narrower), the one column given as None takes the room left (at least its heading)."""
    natural = column_widths(headings, [[max(cell.split("\n"), key=cell_len) for cell in row] for row in rows])
    widths = [min(n, f) if f is not None else n for n, f in zip(natural, fixed)]
    flexible = fixed.index(None)
    others = sum(w for i, w in enumerate(widths) if i != flexible) + 2 * (len(widths) - 1)
    widths[flexible] = max(cell_len(headings[flexible]), min(natural[flexible], width - others))
    return widths
