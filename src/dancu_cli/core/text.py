"""Characters that text fields may not hold, and text made safe to show on a terminal.

Text in plans and reports ends up on terminals, in CI logs, Word and spreadsheets. A control
character there clears screens, hides text, writes the clipboard (OSC 52), or is silently
changed when the file is written back (YAML reads NEL and the Unicode line separators as line
breaks). Input refuses them; output escapes whatever reaches it from elsewhere (file names,
excerpts of broken files).
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls (NEL included), the Unicode line and
# paragraph separators, and lone surrogates (bytes that were not UTF-8 on the command line).
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_NAMES = {"\x1b": "ESC", "\r": "CR (về đầu dòng)", "\x85": "NEL", "\u2028": "LS", "\u2029": "PS", "\x00": "NUL"}


def text_problem(value: str) -> str | None:
    """A Vietnamese reason when `value` holds a forbidden character, else None."""
    m = _FORBIDDEN.search(value)
    if m is None:
        return None
    ch = m.group()
    if "\ud800" <= ch <= "\udfff":
        return "Văn bản có byte không phải UTF-8 (gõ từ bảng mã khác); hãy gõ lại hoặc lưu với bảng mã UTF-8"
    name = _NAMES.get(ch, "ký tự điều khiển")
    return (f"Văn bản chứa ký tự điều khiển U+{ord(ch):04X} ({name}) ở vị trí {m.start() + 1}; "
            "chỉ được dùng xuống dòng và tab")


_SHOW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` with every control character shown as \\x1b, \\u2028… so it is inert on a terminal."""
    if not _SHOW.search(text):
        return text
    return _SHOW.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}",
                     text)
