"""Finding and loading a workspace: plans/, plans/units.yaml and reports/.

Loading never raises on bad input: every file that can be read is loaded,
every problem is collected with its position, and the valid parts are
returned for the commands to use.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable

from pydantic import BaseModel, ValidationError

from .checks import Finding, ReportContext, check_plan, check_registry, check_report, registry_refs
from .dates import today_vn
from .model_errors import translate
from .models import Plan, Registry, UnitReport
from .problems import Problem
from .yamlsource import SourceFile, load_yaml

PLANS_DIR = "plans"
REPORTS_DIR = "reports"
UNITS_FILE = "units.yaml"
YAML_SUFFIXES = (".yaml", ".yml")


class WorkspaceNotFound(Exception):
    """No folder with plans/ at or above the current one (nor given)."""


def find_root(explicit: str | os.PathLike | None = None, cwd: Path | None = None) -> Path:
    """--root, else DANCU_ROOT, else the nearest folder at or above cwd that holds plans/."""
    given = explicit or os.environ.get("DANCU_ROOT")
    if given:
        root = Path(given).expanduser().resolve()
        if not (root / PLANS_DIR).is_dir():
            raise WorkspaceNotFound(f"Thư mục {root} không có thư mục con {PLANS_DIR}/")
        return root
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / PLANS_DIR).is_dir():
            return folder
    raise WorkspaceNotFound(
        f"Không tìm thấy không gian làm việc: không có thư mục {PLANS_DIR}/ ở {here} hay các thư mục cha. "
        "Hãy chuyển vào thư mục chứa plans/, hoặc dùng --root THƯ_MỤC hay biến môi trường DANCU_ROOT."
    )


@dataclass
class Workspace:
    root: Path
    registry: Registry | None = None
    plans: dict[str, Plan] = field(default_factory=dict)
    reports: list[UnitReport] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files_checked: int = 0
    plan_files: dict[str, Path] = field(default_factory=dict)
    report_files: dict[tuple[str, str, str], Path] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    def plan(self, plan_id: str | None) -> Plan | None:
        """The named plan; with no name, the only plan, or None when there are several."""
        if plan_id:
            return self.plans.get(plan_id) or next(
                (p for p in self.plans.values() if p.reference == plan_id), None
            )
        return next(iter(self.plans.values())) if len(self.plans) == 1 else None

    def report(self, plan_id: str, period: str, unit_id: str) -> UnitReport | None:
        return next(
            (r for r in self.reports if (r.plan, r.period, r.unit) == (plan_id, period, unit_id)), None
        )

    def report_path(self, plan_id: str, period: str, unit_id: str) -> Path:
        return self.root / REPORTS_DIR / plan_id / period / f"{unit_id}.yaml"

    def plan_source(self, plan_id: str) -> SourceFile | None:
        """The plan's file read again with positions, to point messages at its lines."""
        path = self.plan_files.get(plan_id)
        return load_yaml(path, _display(path))[0] if path else None


def _display(path: Path, cwd: Path | None = None) -> str:
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


def _model_problems(src: SourceFile, model: type[BaseModel], data: Any) -> tuple[Any, list[Problem]]:
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, [src.problem(e.path, e.message, e.code, key=e.at_key) for e in translate(exc, model)]


def _finding_problems(src: SourceFile, findings: Iterable[Finding]) -> list[Problem]:
    return [src.problem(f.path, f.message, f.code, key=f.at_key, severity=f.severity) for f in findings]


def _kind_of(path: Path, root: Path, data: Any) -> str:
    """'units', 'report' or 'plan', by place first and by content for files elsewhere."""
    try:
        rel = path.resolve().relative_to(root)
        if rel.parts and rel.parts[0] == REPORTS_DIR:
            return "report"
        if rel.parts == (PLANS_DIR, UNITS_FILE):
            return "units"
        if rel.parts and rel.parts[0] == PLANS_DIR:
            return "plan"
    except ValueError:
        pass
    if isinstance(data, dict):
        if "units" in data and "tasks" not in data:
            return "units"
        if "entries" in data or ("unit" in data and "period" in data):
            return "report"
    return "plan"


def workspace_files(root: Path) -> tuple[list[Path], list[Path]]:
    """(plan and registry files, report files), sorted, as validate walks them."""
    plans_dir = root / PLANS_DIR
    plan_files = sorted(p for p in plans_dir.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file())
    reports_dir = root / REPORTS_DIR
    report_files: list[Path] = []
    if reports_dir.is_dir():
        report_files = sorted(p for p in reports_dir.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file())
    return plan_files, report_files


def _report_location(path: Path, reports_root: Path) -> tuple[str, str, str] | None:
    try:
        rel = path.relative_to(reports_root)
    except ValueError:
        try:
            rel = path.resolve().relative_to(reports_root)
        except ValueError:
            return None
    return (rel.parts[0], rel.parts[1], Path(rel.parts[2]).stem) if len(rel.parts) == 3 else None


def load_workspace(
    root: Path,
    only: list[Path] | None = None,
    today: date | None = None,
    include_reports: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> Workspace:
    """Load and check the workspace.

    With `only`, problems are reported for those files alone (they may lie
    outside the workspace), but the registry and plans are still read for context.
    """
    root = root.resolve()
    ws = Workspace(root=root)
    today = today or today_vn()
    cwd = Path.cwd().resolve()
    plan_files, report_files = workspace_files(root)
    if not include_reports:
        report_files = []
    wanted: set[Path] | None = None
    if only is not None:
        wanted = {p.resolve() for p in only}
        known = {f.resolve() for f in plan_files + report_files}
        plan_files += [p for p in only if p.resolve() not in known]

    def keep(path: Path, problems: list[Problem]) -> None:
        if wanted is None or (problems and path.resolve() in wanted):
            ws.problems.extend(problems)

    units_path = (root / PLANS_DIR / UNITS_FILE).resolve()
    if not units_path.is_file():
        ws.problems.append(Problem(file=_display(units_path), line=0, column=0, code="missing-registry",
                                   message="Thiếu danh mục đơn vị plans/units.yaml; không kiểm tra được tên đơn vị"))
    total = len(plan_files) + len(report_files)
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total)

    # Sort loaded files by kind: the registry first, since plans name its units.
    by_kind: dict[str, list[tuple[Path, SourceFile | None, list[Problem]]]] = {"units": [], "plan": [], "report": []}
    for path in plan_files:
        src, problems = load_yaml(path, _display(path, cwd))
        kind = _kind_of(path, root, src.data if src else None)
        by_kind[kind].append((path, src, problems))

    known_refs: set[str] | None = None
    for path, src, problems in by_kind["units"]:
        if src is not None:
            registry, more = _model_problems(src, Registry, src.data)
            problems = problems + more + _finding_problems(src, check_registry(src.data))
            if path.resolve() == units_path:
                ws.registry = registry
                unit_ids, group_ids = registry_refs(src.data)
                known_refs = unit_ids | group_ids
        keep(path, problems)
        tick()

    broken_plans: set[str] = set()
    for path, src, problems in by_kind["plan"]:
        if src is not None:
            plan, more = _model_problems(src, Plan, src.data)
            raw_id = src.data.get("id") if isinstance(src.data, dict) else None
            if plan is None and isinstance(raw_id, str):
                broken_plans.add(raw_id)
            problems = problems + more + _finding_problems(src, check_plan(src.data, known_refs))
            inside = path.resolve().parent == (root / PLANS_DIR).resolve()
            if plan is None or not inside:
                pass  # a draft given on the command line is checked, not added to the workspace
            elif plan.id in ws.plans:
                other = _display(ws.plan_files[plan.id])
                problems.append(src.problem(("id",), f"Mã kế hoạch “{plan.id}” trùng với tệp {other}", "duplicate-plan"))
            else:
                ws.plans[plan.id] = plan
                ws.plan_files[plan.id] = path
        keep(path, problems)
        tick()

    reports_root = (root / REPORTS_DIR).resolve()
    ctx = ReportContext(plans=ws.plans, registry=ws.registry, today=today, broken_plans=broken_plans)
    # One file at a time: holding thousands of node trees at once costs memory and GC time.
    pending = [(p, None) for p in report_files] + [(p, (s, pr)) for p, s, pr in by_kind["report"]]
    for path, preloaded in pending:
        src, problems = preloaded or load_yaml(path, _display(path, cwd))
        if src is not None:
            report, more = _model_problems(src, UnitReport, src.data)
            ctx.location = _report_location(path, reports_root)
            problems = problems + more + _finding_problems(src, check_report(src.data, ctx))
            key = (report.plan, report.period, report.unit) if report else None
            if key and key in ws.report_files:
                other = _display(ws.report_files[key])
                problems.append(src.problem(("unit",), f"Đã có báo cáo của đơn vị này cho kỳ {report.period} ở tệp {other}", "duplicate-report"))
            elif key:
                ws.reports.append(report)
                ws.report_files[key] = path
        keep(path, problems)
        tick()

    ws.files_checked = len(wanted) if wanted is not None else total
    return ws
