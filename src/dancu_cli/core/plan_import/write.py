"""The plan file's text, with the places to settle marked in it, and its check before writing.

The text is laid out as the shipped plans are (keys in the model's order, unit lists in brackets), so a
clerk reads an imported plan like any other. Each place the import could not settle gets a comment
line right above it: "# CẦN XỬ LÝ: …" (the file does not validate until it is fixed) or
"# CẦN XÁC NHẬN: …" (a default was written; confirm it).
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml
from ..models import Plan
from ..models.base import Record
from ..problems import Problem, format_path
from .parse import ImportResult, Note
from .source import nfc

SCHEMA_COMMENT = "# yaml-language-server: $schema=../schemas/plan.schema.json"
TO_FIX = "CẦN XỬ LÝ"
TO_CONFIRM = "CẦN XÁC NHẬN"
INDENT = "  "


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if value is None:
        return "null"
    text = yaml.safe_dump(nfc(str(value)), allow_unicode=True, width=2**31 - 1)
    return text[:-5] if text.endswith("\n...\n") else text.rstrip("\n")


_FLOW_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/._-]*$")


def _flow(items: list) -> bool:
    """Unit ids and document numbers fit on one line in brackets; names with commas do not."""
    return len(items) <= 8 and all(isinstance(i, str) and _FLOW_SAFE.match(i) and len(i) <= 60 for i in items)


def _child_model(model: type[Record] | None, key: str) -> type[Record] | None:
    if model is None or key not in model.fields:
        return None
    return model.fields[key].spec.nested()


def _ordered(value: dict, model: type[Record] | None) -> list[tuple[str, Any]]:
    order = list(model.fields) if model else []
    return sorted(value.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))


class _Writer:
    def __init__(self, comments: dict[tuple, list[str]]):
        self.comments = comments
        self.lines: list[str] = []

    def comment(self, path: tuple, indent: str) -> None:
        for text in self.comments.get(path, []):
            for i, line in enumerate(textwrap.wrap(text, 96)):
                self.lines.append(f"{indent}# {line}" if i == 0 else f"{indent}#   {line}")

    def mapping(self, value: dict, model, path: tuple, indent: str, first_prefix: str | None = None) -> None:
        for n, (key, item) in enumerate(_ordered(value, model)):
            here = path + (key,)
            prefix = first_prefix if (first_prefix is not None and n == 0) else indent
            if not (n == 0 and first_prefix is not None):  # a list item's first key: its comment is above "- "
                self.comment(here, indent)
            self.entry(key, item, _child_model(model, key), here, prefix, indent)

    def entry(self, key: str, item: Any, model, path: tuple, prefix: str, indent: str) -> None:
        if isinstance(item, dict):
            if not item:
                self.lines.append(f"{prefix}{key}: {{}}")
                return
            self.lines.append(f"{prefix}{key}:")
            self.mapping(item, model, path, indent + INDENT)
        elif isinstance(item, list):
            if not item:
                self.lines.append(f"{prefix}{key}: []")
            elif all(not isinstance(i, (dict, list)) for i in item) and _flow(item):
                self.lines.append(f"{prefix}{key}: [{', '.join(_scalar(i) for i in item)}]")
            else:
                self.lines.append(f"{prefix}{key}:")
                self.sequence(item, model, path, indent + INDENT)
        elif isinstance(item, str) and "\n" in item:
            self.lines.append(f"{prefix}{key}: |-")
            self.lines += [f"{indent}{INDENT}{line}" if line else "" for line in nfc(item).split("\n")]
        else:
            self.lines.append(f"{prefix}{key}: {_scalar(item)}")

    def sequence(self, items: list, model, path: tuple, indent: str) -> None:
        for i, item in enumerate(items):
            here = path + (i,)
            self.comment(here, indent)
            if isinstance(item, dict) and item:
                first_key = _ordered(item, model)[0][0]
                self.comment(here + (first_key,), indent)
                self.mapping(item, model, here, indent + INDENT, first_prefix=f"{indent}- ")
            elif isinstance(item, str) and "\n" in item:
                self.lines.append(f"{indent}- |-")
                self.lines += [f"{indent}{INDENT}{line}" if line else "" for line in nfc(item).split("\n")]
            else:
                self.lines.append(f"{indent}- {_scalar(item)}")


def _emitted_paths(value: Any, path: tuple = ()) -> set[tuple]:
    """Paths that get a line of their own (flow lists are one line)."""
    out = {path}
    if isinstance(value, dict):
        for key, item in value.items():
            out |= _emitted_paths(item, path + (key,))
    elif isinstance(value, list) and not (all(not isinstance(i, (dict, list)) for i in value) and _flow(value)):
        for i, item in enumerate(value):
            out |= _emitted_paths(item, path + (i,))
    return out


def _anchor(path: tuple, emitted: set[tuple]) -> tuple:
    for end in range(len(path), 0, -1):
        if path[:end] in emitted:
            return path[:end]
    return ()


def render_plan(result: ImportResult, source_label: str | None) -> str:
    """The plan file's text: schema line, provenance, then the data with its marks."""
    emitted = _emitted_paths(result.data)
    comments: dict[tuple, list[str]] = {}
    for note in result.notes:
        if note.path:
            tag = TO_FIX if note.severity == "error" else TO_CONFIRM
            where = f" ({note.where.label} của {source_label})" if note.where else ""
            comments.setdefault(_anchor(note.path, emitted), []).append(f"{tag}: {note.message}{where}")
    made = f"Nhập từ {source_label} bằng lệnh `dancu plan import`." if source_label else "Tạo bằng lệnh `dancu plan new`."
    head = [SCHEMA_COMMENT, f"# {made}"]
    errors = sum(1 for n in result.notes if n.severity == "error" and n.path)
    confirms = sum(1 for n in result.notes if n.severity != "error" and n.path)
    if errors:
        head.append(f"# Còn {errors} chỗ {TO_FIX} (đánh dấu bên dưới); sửa xong thì chạy `dancu validate`.")
    if confirms:
        head.append(f"# Có {confirms} điều {TO_CONFIRM} (đánh dấu bên dưới).")
    writer = _Writer(comments)
    for text in comments.get((), []):
        writer.lines.append(f"# {text}")
    writer.mapping(result.data, Plan, (), "")
    return "\n".join(head + writer.lines) + "\n"


# --- Checking before writing ---------------------------------------------------------

@dataclass
class Checked:
    """The would-be file's problems: those at places the import marked, and any others (which refuse)."""

    expected: list[Problem] = field(default_factory=list)
    unexpected: list[Problem] = field(default_factory=list)


def _covers(note: Note, problem_path: str) -> bool:
    prefix = format_path(note.path)
    return bool(prefix) and (problem_path == prefix or problem_path.startswith(prefix + ".")
                             or problem_path.startswith(prefix + "["))


def check_text(ws, text: str, result: ImportResult) -> Checked:
    """Validate the would-be file exactly as `dancu validate` would (core.checking.check_file), against
    the workspace's registry and calendar."""
    from ..checking import check_file
    from ..checks import CheckContext

    known = None
    if ws.registry is not None:
        known = {u.id for u in ws.registry.units} | {g.id for g in ws.registry.groups}
    context = CheckContext(plans=ws.plans, registry=ws.registry, today=ws.today, known_refs=known,
                           calendar=ws.calendar)
    problems = [p for p in check_file(text, "plan", context, display="ke-hoach.yaml").problems
                if p.severity == "error"]
    checked = Checked()
    marked = [n for n in result.notes if n.severity == "error" and n.path]
    for problem in problems:
        if any(_covers(n, problem.path) for n in marked):
            checked.expected.append(problem)
        else:
            checked.unexpected.append(problem)
    return checked
