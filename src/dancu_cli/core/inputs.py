"""Which broken report files a document depends on, so it can refuse rather than misstate.

A report file with errors is left out of the workspace's reports. A document
that would count its unit as "not reported" would then state something false,
so the commands that write documents ask here which broken files matter to
them: those filed under the document's plan, for a period the document covers.
A broken file whose folder does not say its plan and period might matter to
anything, and counts as matching.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .dates import parse_period
from .problems import Problem
from .places import REPORTS_DIR, display_path
from .workspace import Workspace, report_location


@dataclass(frozen=True)
class BrokenReports:
    keys: frozenset[tuple[str, str]]  # (period key, unit id) of each broken file under the plan
    problems: list[Problem]  # every error and warning of those files, in file order

    def __bool__(self) -> bool:
        return bool(self.problems)


def broken_reports(ws: Workspace, plan_id: str, covers: Callable[[str], bool]) -> BrokenReports:
    """The broken report files under `plan_id` whose period (its key, e.g. "2025-Q4") `covers` accepts."""
    keys: set[tuple[str, str]] = set()
    shown: set[str] = set()
    for path in sorted(ws.broken_reports):
        place = report_location(path, ws.root / REPORTS_DIR)
        if place is not None:
            plan, period, unit = place
            if plan != plan_id:
                continue
            try:
                key = parse_period(period).key
            except ValueError:
                key = None  # a folder that is no period: it may hold anything
            if key is not None and not covers(key):
                continue
            if key is not None:
                keys.add((key, unit))
        shown.add(display_path(path, ws._cwd))
    return BrokenReports(frozenset(keys), [p for p in ws.problems if p.file in shown])


def drop_broken(ws: Workspace) -> None:
    """Drop from the workspace's reports those whose file has errors: a file can parse and still break a
    rule (a wrong folder, an unknown task), and its content must not be counted either."""
    ws.reports = [r for r in ws.reports if ws.report_files.get((r.plan, r.period.key, r.unit)) not in ws.broken_reports]


def in_doubt(broken: BrokenReports, unit_ids: set[str]) -> bool:
    """Whether a broken report file could be one of these units' reports.

    Such a file is left out, so its unit would be told it has not reported: a false statement.
    A broken file whose folder does not say its period and unit could be anyone's.
    """
    files = {p.file for p in broken.problems}
    return bool({unit for _, unit in broken.keys} & unit_ids) or len(files) > len(broken.keys)
