"""Checking one file: the one function that `validate`, the workspace loader, `report add`,
`--from-file` and every import path call.

A file is read with positions (yamlsource), its data is checked by its model (core/models) and
by the rules across fields and files (checks), and every finding becomes a Problem at the
file's line and column. The result is the model, or None when the model refused the data,
and all the problems of the file in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .checks import CheckContext, check_calendar, check_plan, check_plan_deadlines, check_registry, check_report
from .limits import MAX_PLAN_BYTES, MAX_REPORT_BYTES
from .model_errors import translate
from .models import CalendarFile, Plan, Registry, UnitReport
from .models.base import Record
from .places import CALENDAR_FILE, PLANS_DIR, REPORTS_DIR, UNITS_FILE, FileKind, display_path, kind_of  # noqa: F401
from .problems import Finding, Problem

if TYPE_CHECKING:
    from .yamlsource import SourceFile

MODELS: dict[str, type[Record]] = {"plan": Plan, "units": Registry, "report": UnitReport, "calendar": CalendarFile}


@dataclass
class Checked:
    """One checked file: its model (None when refused), its problems, and its source for positions."""

    model: Any
    problems: list[Problem]
    source: SourceFile | None

    @property
    def ok(self) -> bool:
        return self.model is not None and not any(p.severity == "error" for p in self.problems)


def check_data(data: Any, kind: FileKind, context: CheckContext) -> tuple[Any, list[Finding]]:
    """The model and the rules on a file's data: (model or None, findings). No positions yet."""
    findings: list[Finding] = []
    model_type = MODELS[kind]
    model, refusals = model_type.parse(data)
    findings += translate(refusals, model_type)
    if kind == "units":
        findings += check_registry(data)
    elif kind == "calendar":
        findings += check_calendar(data)
    elif kind == "plan":
        findings += check_plan(data, context.known_refs)
        if model is not None:
            findings += check_plan_deadlines(model, context.calendar)
    else:
        findings += check_report(data, context)
    return model, findings


def place(src: SourceFile, findings: list[Finding]) -> list[Problem]:
    """Findings at the file's lines and columns."""
    return [src.problem(f.path, f.message, f.code, key=f.at_key, severity=f.severity) for f in findings]


def check_file(source: Path | str, kind: FileKind | None, context: CheckContext, display: str | None = None,
               root: Path | None = None) -> Checked:
    """Check one file, given as a path or as its text; with no `kind`, it is told by place and content."""
    from .yamlsource import load_yaml, parse_yaml  # the YAML parser, only where a file is read afresh

    if isinstance(source, Path):
        limit = MAX_REPORT_BYTES if kind == "report" else MAX_PLAN_BYTES
        src, problems = load_yaml(source, display or display_path(source), max_bytes=limit)
    else:
        src, problems = parse_yaml(source.encode("utf-8"), display or "<văn bản>")
    return check_source(src, problems, kind, context, root)


def check_source(src: SourceFile | None, problems: list[Problem], kind: FileKind | None, context: CheckContext,
                 root: Path | None = None) -> Checked:
    """check_file for a file already read (the loader reads plans/ first to sort the files by kind)."""
    if src is None:
        return Checked(None, problems, None)
    if kind is None:
        kind = kind_of(src.path, root or Path.cwd(), src.data)
    model, findings = check_data(src.data, kind, context)
    return Checked(model, problems + place(src, findings), src)
