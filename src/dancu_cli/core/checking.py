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
from typing import TYPE_CHECKING, Any, Literal

from .checks import CheckContext, check_calendar, check_plan, check_plan_deadlines, check_registry, check_report
from .limits import MAX_PLAN_BYTES, MAX_REPORT_BYTES
from .model_errors import translate
from .models import CalendarFile, Plan, Registry, UnitReport
from .models.base import Record
from .problems import Finding, Problem

if TYPE_CHECKING:
    from .yamlsource import SourceFile

FileKind = Literal["plan", "units", "report", "calendar"]
MODELS: dict[str, type[Record]] = {"plan": Plan, "units": Registry, "report": UnitReport, "calendar": CalendarFile}
PLANS_DIR = "plans"
REPORTS_DIR = "reports"
UNITS_FILE = "units.yaml"
CALENDAR_FILE = "calendar.yaml"  # the Office's official days off and make-up working days


@dataclass
class Checked:
    """One checked file: its model (None when refused), its problems, and its source for positions."""

    model: Any
    problems: list[Problem]
    source: SourceFile | None

    @property
    def ok(self) -> bool:
        return self.model is not None and not any(p.severity == "error" for p in self.problems)


def display_path(path: Path, cwd: Path | None = None) -> str:
    """The path as the user reaches it from the current folder, for file:line messages."""
    cwd = cwd or Path.cwd().resolve()
    path = path if path.is_absolute() else cwd / path
    try:
        return path.relative_to(cwd).as_posix()
    except ValueError:
        try:
            return path.resolve().relative_to(cwd).as_posix()
        except ValueError:
            return str(path)


def kind_of(path: Path, root: Path, data: Any) -> FileKind:
    """'units', 'calendar', 'report' or 'plan', by place first and by content for files elsewhere."""
    try:
        rel = path.resolve().relative_to(root)
        if rel.parts and rel.parts[0] == REPORTS_DIR:
            return "report"
        if rel.parts == (PLANS_DIR, UNITS_FILE):
            return "units"
        if rel.parts == (PLANS_DIR, CALENDAR_FILE):
            return "calendar"
        if rel.parts and rel.parts[0] == PLANS_DIR:
            return "plan"
    except ValueError:
        pass
    if isinstance(data, dict):
        if "units" in data and "tasks" not in data:
            return "units"
        if "days" in data and "tasks" not in data:
            return "calendar"
        if "entries" in data or ("unit" in data and "period" in data):
            return "report"
    return "plan"


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
