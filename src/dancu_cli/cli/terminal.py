"""Where a command's text goes: rich's console on a terminal, plain lines everywhere else.

rich costs more to import than all the rest of a command answered from the cache. Output that
is piped or redirected (a script, CI, `> tệp.txt`, `| findstr`) has no use for its colours, so it
is written here instead: lines of text wrapped exactly as rich wraps them (whole words, at the
console's width, which rich also takes from COLUMNS or a terminal on another stream). Anything
that is not a plain string (a table of rich renderables) is still handed to rich, so the text
is the same whichever way it is written.
"""

from __future__ import annotations

import os
import re
import sys
from typing import IO, Any

_WORD = re.compile(r"\s*\S+\s*")
_STREAMS = (1, 2) if os.name == "nt" else (0, 1, 2)


def is_terminal(stream: IO) -> bool:
    """What rich calls a terminal: a TTY, or one forced by FORCE_COLOR or TTY_COMPATIBLE=1."""
    if os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE") == "1":
        return True
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (ValueError, OSError):
        return False


def console_width() -> int:
    """The width rich gives a console that is not a terminal: COLUMNS, else a terminal on a standard stream, else 80."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit():
        return int(columns) or 80
    for fd in _STREAMS:
        try:
            return os.get_terminal_size(fd).columns or 80
        except (AttributeError, ValueError, OSError):
            continue
    return 80


def _divide(line: str, width: int) -> list[str]:
    """`line` cut into pieces of at most `width` cells at word starts, as rich's divide_line does."""
    from rich.cells import cell_len, chop_cells

    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(line):
        start, word = match.start(), match.group()
        length = cell_len(word.rstrip())
        if width - offset >= length:
            offset += cell_len(word)
        elif length > width:
            pieces = chop_cells(word, width)
            for i, piece in enumerate(pieces):
                if start:
                    breaks.append(start)
                if i == len(pieces) - 1:
                    offset = cell_len(piece)
                else:
                    start += len(piece)
        elif offset and start:
            breaks.append(start)
            offset = cell_len(word)
    bounds = [0, *breaks, len(line)]
    return [_fit(line[a:b], width) for a, b in zip(bounds, bounds[1:])]


def _fit(piece: str, width: int) -> str:
    """Trailing spaces past the width dropped, as rich's rstrip_end does."""
    from rich.cells import cell_len

    excess = cell_len(piece) - width
    if excess > 0:
        stripped = piece.rstrip()
        piece = piece[:max(len(stripped), len(piece) - excess)]
    return piece


def wrap_text(text: str, width: int) -> str:
    """Each line of `text` wrapped at `width` cells as rich wraps a plain string (tabs to 8 columns)."""
    out = []
    for line in text.split("\n"):
        line = line.expandtabs(8) if "\t" in line else line
        out.extend(_divide(line, width) if line else [""])
    return "\n".join(out)


class PlainConsole:
    """The part of rich's Console the commands use, for output that is not a terminal."""

    color_system = None

    def __init__(self, file: IO | None = None, stderr: bool = False):
        self.file = file or (sys.stderr if stderr else sys.stdout)
        self.width = console_width()

    def print(self, *objects: Any, style: Any = None, soft_wrap: bool | None = None, end: str = "\n") -> None:
        if not all(isinstance(o, str) for o in objects):
            self._rich().print(*objects, style=style, soft_wrap=soft_wrap, end=end)
            return
        text = " ".join(objects)
        self.file.write((text if soft_wrap else wrap_text(text, self.width)) + end)

    def _rich(self):
        from rich.console import Console

        return Console(file=self.file, width=self.width, color_system=None, highlight=False, soft_wrap=False)
