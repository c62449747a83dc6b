"""Where each kind of file lives in a workspace, and how a path is shown to the user.

Kept apart from the checks themselves, so that a command answered from the cache knows its
folders without loading the checking code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

FileKind = Literal["plan", "units", "report", "calendar"]
PLANS_DIR = "plans"
REPORTS_DIR = "reports"
UNITS_FILE = "units.yaml"
CALENDAR_FILE = "calendar.yaml"  # the Office's official days off and make-up working days


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
