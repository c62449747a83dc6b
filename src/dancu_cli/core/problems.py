"""Problems found in workspace files, and the one formatter that prints them.

Every check produces `Problem` objects; nothing is raised to the user. The
formatter knows three outputs: text (file:line:col plus an excerpt, in the
manner of hledger and beancount), JSON, and GitHub workflow annotations.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Iterable

from .text import printable

PathPart = str | int
EXCERPT_WIDTH = 100


def format_path(path: Iterable[PathPart]) -> str:
    """('tasks', 3, 'lead') -> 'tasks[3].lead'"""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass
class Finding:
    """A problem before it has a position: what the model and the rules find in a file's data.

    `path` is the field it concerns, as a tuple ('entries', 0, 'task'); `at_key` points at the
    key rather than the value (an unknown key). Checking a file turns findings into Problems."""

    path: tuple
    message: str
    code: str
    at_key: bool = False
    severity: str = "error"


@dataclass
class Problem:
    file: str
    line: int
    column: int
    message: str
    path: str = ""
    code: str = "invalid"
    severity: str = "error"
    excerpt: str | None = field(default=None, compare=False)

    def to_dict(self) -> dict:
        return asdict(self)


def json_text(doc) -> str:
    """JSON with Vietnamese kept readable, but every control character (C1 too) written as \\uXXXX."""
    import re

    text = json.dumps(doc, ensure_ascii=False, indent=2)
    return re.sub("[\x7f-\x9f\u2028\u2029]", lambda m: f"\\u{ord(m.group()):04x}", text)


def count_errors(problems: Iterable[Problem]) -> int:
    return sum(1 for p in problems if p.severity == "error")


def _text_one(p: Problem) -> str:
    label = "lỗi" if p.severity == "error" else "cảnh báo"
    # A broken file's bytes, a file name or a key may hold control characters: shown escaped, never raw.
    where = f"{p.file}:{p.line}:{p.column}" if p.line else p.file
    head = printable(f"{where}: {label}: {p.message}")
    if p.path:
        head += printable(f" [{p.path}]")
    if not p.excerpt or not p.line:
        return head
    gutter = str(p.line)
    pad = " " * len(gutter)
    # Tabs would misplace the caret; show them as single spaces.
    excerpt = p.excerpt.replace("\t", " ")
    col = max(p.column - 1, 0)
    if printable(excerpt) != excerpt:  # escapes widen the line; the caret stays at its character
        col += len(printable(excerpt[:col])) - col
        excerpt = printable(excerpt)
    if len(excerpt) > EXCERPT_WIDTH:
        # A window around the column, so a minified or garbage line stays readable.
        start = max(0, min(col - EXCERPT_WIDTH // 2, len(excerpt) - EXCERPT_WIDTH))
        tail = "…" if start + EXCERPT_WIDTH < len(excerpt) else ""
        excerpt = ("…" if start else "") + excerpt[start:start + EXCERPT_WIDTH] + tail
        col = col - start + (1 if start else 0)
    caret = " " * col + "^"
    return f"{head}\n  {gutter} | {excerpt}\n  {pad} | {caret}"


def summary_line(problems: list[Problem], files_checked: int) -> str:
    errors = count_errors(problems)
    warnings = len(problems) - errors
    files = len({p.file for p in problems})
    if not problems:
        return f"Hợp lệ: đã kiểm tra {files_checked} tệp, không có lỗi."
    parts = []
    if errors:
        parts.append(f"{errors} lỗi")
    if warnings:
        parts.append(f"{warnings} cảnh báo")
    return f"Có {' và '.join(parts)} trong {files} tệp (đã kiểm tra {files_checked} tệp)."


def _github_escape(value: str, prop: bool = False) -> str:
    value = printable(value.replace("\r", "\n")).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def github_annotation(p: Problem) -> str:
    kind = p.severity if p.severity in ("error", "notice") else "warning"
    props = [f"file={_github_escape(p.file, True)}"]
    if p.line:
        props += [f"line={p.line}", f"col={p.column}"]
    if p.path:
        props.append(f"title={_github_escape(p.path, True)}")
    return f"::{kind} {','.join(props)}::{_github_escape(p.message)}"


def format_problems(problems: list[Problem], fmt: str, files_checked: int) -> str:
    """Render problems as 'text', 'json' or 'github'; the result ends with a newline."""
    if fmt == "json":
        doc = {
            "ok": count_errors(problems) == 0,
            "files_checked": files_checked,
            "errors": count_errors(problems),
            "problems": [p.to_dict() for p in problems],
        }
        return json_text(doc) + "\n"
    if fmt == "github":
        lines = [github_annotation(p) for p in problems]
        lines.append(summary_line(problems, files_checked))
        return "\n".join(lines) + "\n"
    blocks = [_text_one(p) for p in problems]
    blocks.append(summary_line(problems, files_checked))
    return "\n".join(blocks) + "\n"
