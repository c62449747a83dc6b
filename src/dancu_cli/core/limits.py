"""The bounds dancu puts on any input, so that no file or option can cost unbounded time or
memory, or hold a value no office document could mean. The README's safety section lists them."""

from __future__ import annotations

from pathlib import Path

# Bytes per file, checked before a file is read.
MAX_REPORT_BYTES = 2 * 1024 * 1024
MAX_PLAN_BYTES = 5 * 1024 * 1024
# Characters in one text field (a results paragraph, a heading…).
MAX_TEXT_CHARS = 100_000
# Task numbers stay below 10,000; figures below 10^15 (a thousand trillion).
MAX_TASK_NUMBER = 9_999
MAX_FIGURE = 10**15
# Years of dates and periods: beyond these, a value is a typo.
MIN_YEAR, MAX_YEAR = 1900, 2200
# Digits in one YAML number, checked by the loader before Python converts it.
MAX_NUMBER_DIGITS = 40

# Names Windows keeps for devices: a file called con.yaml cannot be created there.
WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(1, 10)} | {f"lpt{i}" for i in range(1, 10)}
)


def size_text(n: int) -> str:
    """2097152 -> '2 MB', for messages."""
    return f"{n // (1024 * 1024)} MB" if n >= 1024 * 1024 else f"{n // 1024} KB"


class FileTooLarge(Exception):
    def __init__(self, limit: int):
        super().__init__(limit)
        self.limit = limit


def read_limited(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; OSError when unreadable, FileTooLarge past `max_bytes` (read no further)."""
    with open(path, "rb") as fh:
        raw = fh.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise FileTooLarge(max_bytes)
    return raw
