"""Finding and loading a workspace: plans/, plans/units.yaml and reports/.

Loading never raises on bad input: every file that can be read is loaded,
every problem is collected with its position, and the valid parts are
returned for the commands to use.
"""

from __future__ import annotations

import functools
import gc
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from . import cache
from .cache import CACHE_DIR
from .calendar import WorkCalendar, official_calendar
from .places import CALENDAR_FILE, PLANS_DIR, REPORTS_DIR, UNITS_FILE, display_path, kind_of
from .dates import today_vn
from .fserrors import describe_os_error
from .models import CalendarFile, Plan, Registry, UnitReport
from .problems import Problem
from .limits import MAX_REPORT_BYTES, FileTooLarge, read_limited

if TYPE_CHECKING:
    from .checks import CheckContext
    from .yamlsource import SourceFile

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
    # Report files with problems: commands skip them and say so; plans with problems stop them.
    broken_reports: set[Path] = field(default_factory=set)
    # Folders that could not be walked (unreadable, a symlink, a file): their reports are unknown, not absent.
    walk_problems: list[Problem] = field(default_factory=list)
    today: date | None = None
    # Working days: the package's official calendar with plans/calendar.yaml laid over it.
    calendar: WorkCalendar | None = None
    _cwd: Path | None = None
    _wanted: set[Path] | None = None
    # What a report read afresh is checked against; on a start from the cache, made only if one is.
    _context: "CheckContext | Callable[[], CheckContext] | None" = None

    def _keep(self, path: Path, problems: list[Problem]) -> None:
        if self._wanted is None or (problems and path.resolve() in self._wanted):
            self.problems.extend(problems)

    @property
    def fatal_problems(self) -> list[Problem]:
        """Problems outside report files: with these, no command can trust the plan."""
        broken = {display_path(p, self._cwd) for p in self.broken_reports}
        return [p for p in self.problems if p.severity == "error" and p.file not in broken]

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

    def report_path(self, plan_id: str, period: str, unit_id: str) -> Path:
        return self.root / REPORTS_DIR / plan_id / period / f"{unit_id}.yaml"

    def check_context(self) -> "CheckContext":
        if callable(self._context):
            self._context = self._context()
        return self._context

    def plan_source(self, plan_id: str) -> SourceFile | None:
        """The plan's file read again with positions, to point messages at its lines."""
        from .yamlsource import load_yaml

        path = self.plan_files.get(plan_id)
        return load_yaml(path, display_path(path))[0] if path else None


def yaml_files_under(folder: Path) -> list[Path]:
    """Every .yaml or .yml file in a folder and its subfolders, sorted, as yamllint walks a folder."""
    return sorted(p for p in folder.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file())


def _folder_problem(path: Path, message: str, code: str) -> Problem:
    return Problem(file=display_path(path), line=0, column=0, message=message, code=code)


def _symlink_problem(path: Path) -> Problem:
    return _folder_problem(path, "Là một liên kết tượng trưng (symlink): dancu không đọc hay ghi qua liên kết, vì nó "
                                 "có thể trỏ ra ngoài không gian làm việc. Hãy thay bằng tệp hoặc thư mục thật.", "symlink")


def _scan(folder: Path, problems: list[Problem], depth: int,
          folders: Callable[[str, str], bool] | None, names: tuple[str, ...] = ()) -> list[Path]:
    """YAML files under `folder`, sorted; unreadable folders and symlinks become problems, never skipped silently."""
    try:
        with os.scandir(folder) as it:
            items = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        problems.append(_folder_problem(folder, f"Không đọc được thư mục: {describe_os_error(exc)}", "io"))
        return []
    found: list[Path] = []
    for item in items:
        path = Path(item.path)
        try:
            if item.is_symlink():
                if item.name.endswith(YAML_SUFFIXES) or item.is_dir():
                    problems.append(_symlink_problem(path))
                continue
            if item.is_dir(follow_symlinks=False):
                if depth == 1 and folders is not None and not folders(names[0], item.name):
                    continue
                found += _scan(path, problems, depth + 1, folders, names + (item.name,))
            elif item.name.endswith(YAML_SUFFIXES) and item.is_file(follow_symlinks=False):
                found.append(path)
        except OSError as exc:
            problems.append(_folder_problem(path, f"Không đọc được: {describe_os_error(exc)}", "io"))
    return found


def scan_reports(root: Path, folders: Callable[[str, str], bool] | None = None) -> tuple[list[Path], list[Problem]]:
    """Report files under reports/, and the problems of the walk (a symlink, an unreadable folder,
    `reports` being a file). With `folders`, only reports/<plan>/<period>/ folders it accepts."""
    reports_dir = root / REPORTS_DIR
    problems: list[Problem] = []
    if reports_dir.is_symlink():
        return [], [_symlink_problem(reports_dir)]
    if not reports_dir.exists():
        return [], []
    if not reports_dir.is_dir():
        return [], [_folder_problem(reports_dir, "Phải là thư mục báo cáo nhưng lại là một tệp; hãy đổi tên "
                                                 "hoặc xóa tệp đó", "not-a-folder")]
    return _scan(reports_dir, problems, 0, folders), problems


def list_report_files(root: Path, folders: Callable[[str, str], bool] | None = None) -> list[Path]:
    """Report files, sorted (see scan_reports)."""
    return scan_reports(root, folders)[0]


def workspace_files(root: Path) -> tuple[list[Path], list[Path]]:
    """(plan and registry files, report files), sorted, as validate walks them."""
    return scan_workspace(root)[:2]


def scan_workspace(root: Path, include_reports: bool = True) -> tuple[list[Path], list[Path], list[Problem]]:
    """(plan and registry files, report files, problems of the walk itself)."""
    problems: list[Problem] = []
    plans_dir = root / PLANS_DIR
    plan_files = []
    try:
        with os.scandir(plans_dir) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        problems.append(_folder_problem(plans_dir, f"Không đọc được thư mục: {describe_os_error(exc)}", "io"))
        entries = []
    for item in entries:
        if not item.name.endswith(YAML_SUFFIXES):
            continue
        if item.is_symlink():
            problems.append(_symlink_problem(Path(item.path)))
        elif item.is_file(follow_symlinks=False):
            plan_files.append(Path(item.path))
    reports, more = scan_reports(root) if include_reports else ([], [])
    cache_dir = root / CACHE_DIR
    if cache_dir.is_symlink() or (cache_dir.exists() and not cache_dir.is_dir()):
        problems.append(_folder_problem(cache_dir, "Thư mục bộ nhớ đệm phải là thư mục thật trong không gian làm việc, "
                                                   "không phải liên kết tượng trưng hay tệp; hãy xóa nó (dancu sẽ tạo "
                                                   "lại)", "symlink"))
    return plan_files, reports, problems + more


def _cache_name(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def report_location(path: Path, reports_root: Path) -> tuple[str, str, str] | None:
    try:
        rel = path.relative_to(reports_root)
    except ValueError:
        try:
            rel = path.resolve().relative_to(reports_root)
        except ValueError:
            return None
    return (rel.parts[0], rel.parts[1], Path(rel.parts[2]).stem) if len(rel.parts) == 3 else None


def _gc_paused(load: Callable) -> Callable:
    """Run a loader with the cyclic GC off.

    Loading makes hundreds of thousands of long-lived objects and no reference cycles;
    the cyclic GC would otherwise rescan all of them again and again (a third of the time).
    """

    @functools.wraps(load)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return load(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return wrapper


@_gc_paused
def load_workspace(
    root: Path,
    only: list[Path] | None = None,
    today: date | None = None,
    include_reports: bool = True,
    progress: Callable[[int, int], None] | None = None,
    keep_reports: bool = True,
    use_cache: bool = False,
) -> Workspace:
    """Load and check the workspace.

    With `only`, problems are reported for those files alone (they may lie
    outside the workspace), but the registry and plans are still read for context.
    Without `keep_reports` the reports are checked but not kept (validate needs no more).
    """
    root = root.resolve()
    ws = Workspace(root=root)
    ws.today = today or today_vn()
    ws._cwd = Path.cwd().resolve()
    plan_files, reports, walk_problems = scan_workspace(root, include_reports)
    if only is None:
        ws.problems.extend(walk_problems)
        ws.walk_problems = walk_problems
    if only is not None:
        ws._wanted = {p.resolve() for p in only}
        known = {f.resolve() for f in plan_files + reports}
        plan_files += [p for p in only if p.resolve() not in known]

    ticker = _Ticker(progress, len(plan_files) + len(reports))
    key = cache.context_key(plan_files, ws.today) if use_cache and only is None and cache.enabled() else None
    definitions = cache.DefinitionCache(root, key) if key else None
    context = _restore_definitions(ws, definitions, plan_files, ticker) if definitions else None
    preloaded: dict = {}  # report files found among the files given (`only`), already read
    if context is None:
        context, preloaded = _check_definitions(ws, plan_files, ticker)
        if definitions is not None:
            definitions.write(_definitions_document(ws, context, walk_problems))
    ws._context = context
    report_cache = None
    if key and reports:
        report_cache = cache.ReportCache(root, key)
    load_reports(ws, reports + list(preloaded), ticker=ticker, preloaded=preloaded, keep=keep_reports,
                 report_cache=report_cache)
    if report_cache is not None:
        report_cache.forget_missing({_cache_name(p, root) for p in reports})
        report_cache.save()
    ws.files_checked = len(ws._wanted) if ws._wanted is not None else ticker.total
    return ws


def _check_definitions(ws: Workspace, plan_files: list[Path], ticker: "_Ticker") -> tuple["CheckContext", dict]:
    """Read and check the registry, the calendar and the plans (in that order: each needs the one before).
    Returns the context the reports are checked in, and the report files among `plan_files`, read."""
    from .checking import check_source
    from .checks import CheckContext, registry_refs
    from .yamlsource import load_yaml

    root = ws.root
    ws.calendar = official_calendar()
    units_path = (root / PLANS_DIR / UNITS_FILE).resolve()
    try:
        registry_present = units_path.is_file()
    except OSError:
        registry_present = True  # plans/ cannot be read: the walk has said so already
    if not registry_present:
        ws.problems.append(Problem(file=display_path(units_path), line=0, column=0, code="missing-registry",
                                   message="Thiếu danh mục đơn vị plans/units.yaml; không kiểm tra được tên đơn vị"))

    # Sort loaded files by kind: the registry first, since plans name its units.
    by_kind: dict[str, list[tuple[Path, SourceFile | None, list[Problem]]]] = {
        "units": [], "calendar": [], "plan": [], "report": []}
    for path in plan_files:
        src, problems = load_yaml(path, display_path(path, ws._cwd))
        by_kind[kind_of(path, root, src.data if src else None)].append((path, src, problems))

    context = CheckContext(plans=ws.plans, registry=None, today=ws.today, calendar=ws.calendar)
    for path, src, problems in by_kind["units"]:
        checked = check_source(src, problems, "units", context)
        if src is not None and path.resolve() == units_path:
            ws.registry = checked.model
            unit_ids, group_ids = registry_refs(src.data)
            context.known_refs = unit_ids | group_ids
        ws._keep(path, checked.problems)
        ticker.tick()
    context.registry = ws.registry

    # The calendar before the plans: their due dates, and the checks of their deadline rules, depend on it.
    calendar_path = (root / PLANS_DIR / CALENDAR_FILE).resolve()
    for path, src, problems in by_kind["calendar"]:
        checked = check_source(src, problems, "calendar", context)
        if checked.model is not None and path.resolve() == calendar_path:
            ws.calendar = ws.calendar.with_days(checked.model.days)
            context.calendar = ws.calendar
        ws._keep(path, checked.problems)
        ticker.tick()

    for path, src, problems in by_kind["plan"]:
        checked = check_source(src, problems, "plan", context)
        plan, problems = checked.model, checked.problems
        raw_id = src.data.get("id") if src is not None and isinstance(src.data, dict) else None
        if plan is None and isinstance(raw_id, str):
            context.broken_plans.add(raw_id)
        # A draft given on the command line from elsewhere is checked, not added to the workspace.
        inside = path.resolve().parent == (root / PLANS_DIR).resolve()
        if plan is not None and inside and plan.id in ws.plans:
            other = display_path(ws.plan_files[plan.id])
            problems.append(src.problem(("id",), f"Mã kế hoạch “{plan.id}” trùng với tệp {other}", "duplicate-plan"))
        elif plan is not None and inside:
            ws.plans[plan.id] = plan
            ws.plan_files[plan.id] = path
        ws._keep(path, problems)
        ticker.tick()
    return context, {p: (s, pr) for p, s, pr in by_kind["report"]}


def _definitions_document(ws: Workspace, context: "CheckContext", walk_problems: list[Problem]) -> dict:
    """What a warm start needs of the checked definitions, as plain data."""
    kept = ws.problems[len(walk_problems):]
    return {
        "registry": ws.registry.to_data(json_mode=True) if ws.registry else None,
        "calendar": [day.to_data(json_mode=True) for day in ws.calendar.days.values()],
        "plans": [{"file": _cache_name(ws.plan_files[p.id], ws.root), "plan": p.to_data(json_mode=True)}
                  for p in ws.plans.values()],
        "known_refs": sorted(context.known_refs) if context.known_refs is not None else None,
        "broken_plans": sorted(context.broken_plans),
        "problems": [p.to_dict() | {"file": _cache_name(_problem_path(p, ws), ws.root)} for p in kept],
    }


def _problem_path(problem: Problem, ws: Workspace) -> Path:
    path = Path(problem.file)
    return path if path.is_absolute() else (ws._cwd or Path.cwd()) / path


def _restore_definitions(ws: Workspace, definitions: "cache.DefinitionCache", plan_files: list[Path],
                         ticker: "_Ticker") -> "Callable[[], CheckContext] | None":
    """The checked definitions from the cache, or None (and nothing changed) when it has none usable."""
    data = definitions.read()
    if data is None:
        return None
    try:
        # Sealed with the user's key (core/cache.py), so written by this program: rebuilt without checking.
        registry = Registry.load(data["registry"]) if data["registry"] is not None else None
        days = CalendarFile.load({"days": data["calendar"]})
        plans: dict[str, Plan] = {}
        files: dict[str, Path] = {}
        known = {_cache_name(p, ws.root): p for p in plan_files}
        for item in data["plans"]:
            plan = Plan.load(item["plan"])
            if item["file"] not in known or plan.id in plans:
                return None
            plans[plan.id], files[plan.id] = plan, known[item["file"]]
        refs, broken = data["known_refs"], data["broken_plans"]
        problems = definitions.problems(data, lambda name: display_path(ws.root / name, ws._cwd))
    except Exception:  # noqa: BLE001 - untrusted data: anything unexpected means "not cached"
        return None
    ws.registry, ws.plans, ws.plan_files = registry, plans, files
    ws.calendar = WorkCalendar(days.days)
    ws.problems.extend(problems)
    for _ in plan_files:
        ticker.tick()

    def context() -> "CheckContext":
        from .checks import CheckContext

        return CheckContext(plans=ws.plans, registry=registry, today=ws.today, calendar=ws.calendar,
                            known_refs=set(refs) if refs is not None else None, broken_plans=set(broken))

    return context

class _Ticker:
    def __init__(self, progress: Callable[[int, int], None] | None, total: int):
        self.progress, self.total, self.done = progress, total, 0

    def tick(self) -> None:
        self.done += 1
        if self.progress:
            self.progress(self.done, self.total)


def load_reports(
    ws: Workspace,
    files: list[Path],
    ticker: _Ticker | None = None,
    preloaded: dict | None = None,
    keep: bool = True,
    report_cache: "cache.ReportCache | None" = None,
) -> None:
    """Check report files against the loaded plans and add the valid ones to `ws`."""
    ticker = ticker or _Ticker(None, len(files))
    reports_root = ws.root / REPORTS_DIR
    # One file at a time: holding thousands of node trees at once costs memory and GC time.
    for path in files:
        display = display_path(path, ws._cwd)
        cached = stamp = raw = None
        if report_cache is not None and path not in (preloaded or {}):
            try:
                raw = read_limited(path, MAX_REPORT_BYTES)
                stamp = cache.content_stamp(raw)
                cached = report_cache.get(_cache_name(path, ws.root), stamp, display)
            except (OSError, FileTooLarge):
                raw = None  # read again below, which says what is wrong
        if cached is not None:
            src, (report, problems) = None, cached
        else:
            from .yamlsource import load_yaml  # only for a file not answered from the cache

            src, problems = (preloaded or {}).get(path) or load_yaml(path, display, MAX_REPORT_BYTES, raw=raw)
            from .checking import check_source

            ctx = ws.check_context()
            ctx.location = report_location(path, reports_root)
            checked = check_source(src, problems, "report", ctx)
            report, problems = checked.model, checked.problems
            if stamp is not None:
                report_cache.put(_cache_name(path, ws.root), stamp, report, problems)
        # A report with errors is skipped by every command that says so: it must not be counted either.
        if report is not None and not any(p.severity == "error" for p in problems):
            key = (report.plan, report.period.key, report.unit)
            if key in ws.report_files:
                other = display_path(ws.report_files[key])
                message = f"Đã có báo cáo của đơn vị này cho kỳ {report.period} ở tệp {other}"
                if src is None:  # a cached file: read it again for the position
                    from .yamlsource import load_yaml

                    src = load_yaml(path, display)[0]
                problems = problems + [src.problem(("unit",), message, "duplicate-report") if src else
                                       Problem(file=display, line=1, column=1, message=message, code="duplicate-report")]
            else:
                if keep:
                    ws.reports.append(report)
                ws.report_files[key] = path
        if any(p.severity == "error" for p in problems):
            ws.broken_reports.add(path)
        ws._keep(path, problems)
        ticker.tick()
