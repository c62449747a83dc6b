"""Recording filled forms and CSV rows: the same checks and the same write as `report add`.

A reader (Excel form, Word form, CSV) turns a file into FilledReports: the raw
report, in exactly the shape `report add` builds, and where each field came from
(a cell, a table row, a CSV line). This module checks them with the store's own
rules (ReportStore.findings: the model and check_report), maps every problem
back to its cell, and records through ReportStore.save, the path `report add`
takes. A file is all or nothing: any problem in it records none of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from .reports import HEADER_FIELDS, Change, ReportError, ReportStore, _describe
from .models import UnitReport

Outcome = Literal["recorded", "unchanged", "refused", "valid"]
OUTCOME_LABELS = {"recorded": "đã ghi", "unchanged": "không thay đổi", "refused": "bị từ chối",
                  "valid": "hợp lệ (chưa ghi)"}


@dataclass(frozen=True)
class CellProblem:
    """One reason a file is refused; `where` is a cell (Trang1!D7), a table row or a CSV line."""

    where: str | None
    message: str

    def text(self, file: str) -> str:
        return f"{file}: {self.where}: {self.message}" if self.where else f"{file}: {self.message}"


class FileRefused(Exception):
    """A file a reader cannot take: not a form, tampered, unreadable. Carries every problem found."""

    def __init__(self, problems: list[CellProblem]):
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


@dataclass
class FilledReport:
    """One unit report read from a file, in the raw shape `report add` builds."""

    raw: dict
    places: dict[tuple, str] = field(default_factory=dict)  # field path -> cell or row
    where: str | None = None  # where a problem with no better place is shown (the identity block)
    receipt: bool = True  # a form arriving now: the received date defaults as in `report add`
    problems: list[CellProblem] = field(default_factory=list)  # what the reader already found, cell by cell

    def place(self, path: tuple) -> str | None:
        """The cell of a field path: the longest known prefix of it."""
        for size in range(len(path), 0, -1):
            if path[:size] in self.places:
                return self.places[path[:size]]
        return self.where


@dataclass
class FileOutcome:
    file: str
    outcome: Outcome
    problems: list[CellProblem] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    reports: int = 0  # unit reports in the file

    @property
    def tasks(self) -> list[int]:
        return sorted({t for c in self.changes for t in c.added + [e.task for e in c.replaced]})


def _problems(filled: FilledReport, errors: list[tuple[tuple, str]]) -> list[CellProblem]:
    return [CellProblem(filled.place(path), _describe(filled.raw, path, message).rstrip(".")) for path, message in errors]


def _pending(report: UnitReport, current: UnitReport | None) -> dict | None:
    """The part of `report` not already stored exactly so; None when every bit of it is."""
    if current is None:
        return report.to_data(exclude_none=True)
    entries = [e for e in report.entries if current.entry(e.task) != e]
    # The received date alone is not news: the same form imported again on another day changes nothing.
    header = [n for n in HEADER_FIELDS if n != "received_on"
              and getattr(report, n) is not None and getattr(report, n) != getattr(current, n)]
    if not entries and not header:
        return None
    return report.replace(entries=entries).to_data(exclude_none=True)


def record(store: ReportStore, file: str, filled: list[FilledReport], *, replace: bool = False,
           check_only: bool = False, received_on: date | None = None) -> FileOutcome:
    """Check every report of one file, then record them all, or none of them."""
    out = FileOutcome(file, "refused", reports=len(filled))
    checked: list[tuple[FilledReport, UnitReport]] = []
    for item in filled:
        raw = item.raw
        if received_on is not None:
            raw["received_on"] = received_on
        elif item.receipt and raw.get("received_on") is None:
            # As `report add` asks: the day it arrives, unless the report already has its received date.
            raw["received_on"] = _stored_received(store, raw) or store.today
        report, errors = store.findings(raw)
        # A cell the reader already refused (a status not in the list) is not blamed twice.
        taken = {p.where for p in item.problems}
        out.problems += item.problems + [p for p in _problems(item, errors) if p.where not in taken]
        if report is not None and not errors and not item.problems:
            checked.append((item, report))
    if out.problems:
        return out
    pending: list[tuple[FilledReport, dict]] = []
    for item, report in checked:
        try:
            current = store.read(store.path(report.plan, report.period, report.unit))
            rest = _pending(report, current)
            if rest is not None:
                trial = store.save(rest, replace, dry_run=True)
                if check_only:
                    out.changes.append(trial)
                pending.append((item, rest))
        except ReportError as exc:
            out.problems.append(CellProblem(item.where, str(exc).rstrip(".")))
    if out.problems:
        return out
    if not pending:
        out.outcome = "unchanged"
        return out
    if check_only:
        out.outcome = "valid"
        return out
    _save_all(store, pending, replace, out)
    return out


def _stored_received(store: ReportStore, raw: dict) -> date | None:
    try:
        from .dates import parse_period

        current = store.read(store.path(str(raw.get("plan")), parse_period(str(raw.get("period"))), str(raw.get("unit"))))
    except (ReportError, ValueError):
        return None  # the checks that follow say what is wrong
    return current.received_on if current else None


def _save_all(store: ReportStore, pending: list[tuple[FilledReport, dict]], replace: bool, out: FileOutcome) -> None:
    """Write each report; if one write fails (a lock held too long), put back the ones already written."""
    before: list[tuple[Path, bytes | None]] = []
    try:
        for item, raw in pending:
            path = store.path(raw["plan"], UnitReport.parse(raw)[0].period, raw["unit"])
            before.append((path, path.read_bytes() if path.exists() else None))
            out.changes.append(store.save(raw, replace))
    except ReportError as exc:
        from .atomic import write_bytes_atomic

        for path, data in reversed(before[:len(out.changes)]):
            if data is None:
                path.unlink(missing_ok=True)
            else:
                write_bytes_atomic(path, data)
        out.changes = []
        out.problems.append(CellProblem(item.where, str(exc).rstrip(".")))
        return
    out.outcome = "recorded"


def unexpected(filled: FilledReport, names: dict[str, str], *, plan_id: str | None = None,
               unit_id: str | None = None, period_key: str | None = None) -> list[CellProblem]:
    """A report for another plan, unit or period than the clerk said (--plan, --unit, --period)."""
    out = []
    for key, wanted, label in (("plan", plan_id, "kế hoạch"), ("unit", unit_id, "đơn vị"), ("period", period_key, "kỳ")):
        found = filled.raw.get(key)
        if wanted is not None and found != wanted:
            out.append(CellProblem(filled.place((key,)), f"Biểu mẫu của {label} {names.get(str(found), found)}, không phải "
                                   f"của {label} {names.get(wanted, wanted)} như đã chọn (--{key})"))
    return out
