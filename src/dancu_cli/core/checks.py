"""Rules across fields and files: numbering, references, windows, roles.

The models check each file's shape; these checks read the raw data
defensively, so that they still run, and still find their problems, when the
model has already refused some other field of the same file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Iterator

from .calendar import WEEKDAY_LABELS, WorkCalendar, official_calendar
from .limits import MAX_YEAR, MIN_YEAR
from .dates import Period, fold, format_date, parse_date, parse_period
from .models.plan import FREQUENCY_LABELS, PERIOD_KIND, ROLE_LABELS, Plan
from .models.units import Registry
from .periods import ReportingPeriod, find_period, nearest_period, plan_periods, short_gaps
from .problems import Finding




def _dicts(raw: Any, key: str) -> Iterator[tuple[int, dict]]:
    items = raw.get(key) if isinstance(raw, dict) else None
    if isinstance(items, list):
        for i, item in enumerate(items):
            if isinstance(item, dict):
                yield i, item


def _as_date(value: Any) -> date | None:
    # A datetime is a date to Python but not to the file's reader: the model refuses it, with a hint.
    if isinstance(value, datetime):
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return parse_date(value)
        except ValueError:
            return None
    return None


def registry_refs(raw: Any) -> tuple[set[str], set[str]]:
    """Unit ids and group ids named in a raw registry, whatever else is wrong with it."""
    units = {u["id"] for _, u in _dicts(raw, "units") if isinstance(u.get("id"), str)}
    groups = {g["id"] for _, g in _dicts(raw, "groups") if isinstance(g.get("id"), str)}
    return units, groups


def check_registry(raw: Any) -> list[Finding]:
    out: list[Finding] = []
    seen_ids: dict[str, str] = {}
    seen_abbr: dict[str, str] = {}
    for section in ("units", "groups"):
        for i, item in _dicts(raw, section):
            uid = item.get("id")
            if isinstance(uid, str):
                if uid in seen_ids:
                    out.append(Finding((section, i, "id"), f"Mã “{uid}” bị trùng với {seen_ids[uid]}", "duplicate-id"))
                seen_ids.setdefault(uid, f"{section}[{i}]")
            abbr = item.get("abbr")
            if isinstance(abbr, str):
                key = fold(abbr)
                if key in seen_abbr:
                    out.append(Finding((section, i, "abbr"), f"Tên viết tắt “{abbr}” bị trùng với {seen_abbr[key]}", "duplicate-abbr"))
                seen_abbr.setdefault(key, f"{section}[{i}]")
    unit_ids, _ = registry_refs(raw)
    for i, group in _dicts(raw, "groups"):
        members = group.get("members") or []
        if isinstance(members, list):
            for j, member in enumerate(members):
                if isinstance(member, str) and member not in unit_ids:
                    out.append(Finding(("groups", i, "members", j), f"Nhóm nêu đơn vị “{member}” không có trong danh mục", "unknown-unit"))
        if not group.get("kinds") and not members:
            out.append(Finding(("groups", i), "Nhóm cần có kinds (loại đơn vị) hoặc members (danh sách thành viên)", "empty-group"))
    return out


def _unknown_ref_message(role: str, ref: str, known: set[str]) -> str:
    import difflib

    msg = f"Cơ quan {role} “{ref}” không có trong danh mục đơn vị (plans/units.yaml)"
    close = difflib.get_close_matches(ref, sorted(known), n=1, cutoff=0.6)
    return msg + (f"; có phải ý bạn là “{close[0]}”?" if close else "")


def check_plan(raw: Any, known_refs: set[str] | None) -> list[Finding]:
    """`known_refs` is every unit and group id, or None when there is no registry to check against."""
    out: list[Finding] = []
    tasks = list(_dicts(raw, "tasks"))
    numbers = [(i, t.get("number")) for i, t in tasks if isinstance(t.get("number"), int) and not isinstance(t.get("number"), bool)]
    seen: dict[int, int] = {}
    for pos, (i, n) in enumerate(numbers):
        if n in seen:
            out.append(Finding(("tasks", i, "number"), f"Số thứ tự nhiệm vụ {n} bị trùng (đã dùng ở nhiệm vụ thứ {seen[n] + 1} trong danh sách)", "duplicate-task"))
        elif n != pos + 1 and len(numbers) == len(tasks):
            out.append(Finding(("tasks", i, "number"), f"Nhiệm vụ phải đánh số liên tục từ 1; ở vị trí này cần số {pos + 1}, không phải {n}", "task-numbering"))
        seen.setdefault(n, i)

    window = raw.get("window") if isinstance(raw, dict) else None
    start = _as_date(window.get("starts_on")) if isinstance(window, dict) else None
    end = _as_date(window.get("ends_on")) if isinstance(window, dict) else None

    for i, task in tasks:
        roles_found = False
        for role in ("lead", "coordinating", "implementing"):
            value = task.get(role)
            refs = [(None, value)] if isinstance(value, str) else list(enumerate(value)) if isinstance(value, list) else []
            for j, ref in refs:
                if not isinstance(ref, str):
                    continue
                roles_found = True
                path = ("tasks", i, role) if j is None else ("tasks", i, role, j)
                if known_refs is not None and ref not in known_refs:
                    out.append(Finding(path, _unknown_ref_message(ROLE_LABELS[role], ref, known_refs), "unknown-unit"))
        if not roles_found and not any(k in task for k in ("lead", "coordinating", "implementing")):
            out.append(Finding(("tasks", i), "Nhiệm vụ chưa có cơ quan chủ trì, phối hợp hay thực hiện nào", "no-units"))
        timeframe = task.get("timeframe")
        due = _as_date(timeframe.get("due")) if isinstance(timeframe, dict) else None
        if due and start and end and not start <= due <= end:
            out.append(Finding(("tasks", i, "timeframe", "due"),
                               f"Hạn {format_date(due)} nằm ngoài thời gian của kế hoạch ({format_date(start)} – {format_date(end)})",
                               "deadline-outside-window"))

    reporting = raw.get("reporting") if isinstance(raw, dict) else None
    through = reporting.get("through") if isinstance(reporting, dict) else None
    if isinstance(through, str) and known_refs is not None and through not in known_refs:
        out.append(Finding(("reporting", "through"), _unknown_ref_message("đầu mối", through, known_refs), "unknown-unit"))

    cited = {d.get("number") for _, d in _dicts(raw, "legal_documents")}
    basis = raw.get("basis") if isinstance(raw, dict) else None
    if isinstance(basis, list):
        for j, number in enumerate(basis):
            if isinstance(number, str) and number not in cited:
                out.append(Finding(("basis", j), f"Văn bản căn cứ “{number}” chưa có trong legal_documents", "unknown-document"))
    return out


@dataclass
class CheckContext:
    """What a file is checked against: the workspace's plans and registry, and today's date."""

    plans: dict[str, Plan]
    registry: Registry | None
    today: date
    # Every unit and group id of the registry file, even when the registry model failed; None: no registry.
    known_refs: set[str] | None = None
    # Ids of plan files that exist but failed validation: their reports are not blamed for it.
    broken_plans: set[str] = field(default_factory=set)
    calendar: WorkCalendar = field(default_factory=official_calendar)
    # Where the file sits: (plan folder, period folder, unit file stem), or None outside reports/.
    location: tuple[str, str, str] | None = None
    _roles: dict = field(default_factory=dict)

    def task_numbers(self, plan: Plan) -> set[int]:
        key = (plan.id, None)
        if key not in self._roles:
            self._roles[key] = {t.number for t in plan.tasks}
        return self._roles[key]

    def periods(self, plan: Plan) -> list[ReportingPeriod]:
        """plan_periods, cached per plan: every report of a plan is checked against the same periods."""
        key = (plan.id, "periods")
        if key not in self._roles:
            self._roles[key] = plan_periods(plan, self.calendar)
        return self._roles[key]

    def roles(self, plan: Plan, unit_id: str) -> dict[int, list[str]]:
        """Plan.unit_roles, cached: thousands of reports share a few plans and units."""
        key = (plan.id, unit_id)
        if key not in self._roles:
            self._roles[key] = plan.unit_roles(self.registry, unit_id) if self.registry else {}
        return self._roles[key]


def check_report(raw: Any, ctx: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    if not isinstance(raw, dict):
        return out
    plan_id, unit_id, period_raw = raw.get("plan"), raw.get("unit"), raw.get("period")
    plan = ctx.plans.get(plan_id) if isinstance(plan_id, str) else None
    if isinstance(plan_id, str) and plan is None and plan_id not in ctx.broken_plans:
        known = ", ".join(sorted(ctx.plans)) or "không có"
        out.append(Finding(("plan",), f"Không có kế hoạch “{plan_id}” (các kế hoạch hiện có: {known})", "unknown-plan"))
    unit_ok = False
    if isinstance(unit_id, str) and ctx.registry is not None:
        if ctx.registry.unit(unit_id) is None:
            hint = "là một nhóm, không phải một đơn vị" if ctx.registry.group(unit_id) else "không có trong danh mục đơn vị"
            out.append(Finding(("unit",), f"Đơn vị “{unit_id}” {hint}", "unknown-unit"))
        else:
            unit_ok = True
    period: Period | None = None
    if isinstance(period_raw, (str, int)):
        try:
            period = parse_period(str(period_raw))
        except ValueError:
            period = None  # the model reports it
    if period and plan:
        out += period_findings(plan, period, ctx.periods(plan))
    if ctx.location is not None:
        folder_plan, folder_period, stem = ctx.location
        if isinstance(plan_id, str) and folder_plan != plan_id:
            out.append(Finding(("plan",), f"Tệp nằm trong thư mục reports/{folder_plan}/ nhưng ghi kế hoạch “{plan_id}”", "wrong-folder"))
        if period and folder_period != period.key:
            out.append(Finding(("period",), f"Tệp nằm trong thư mục kỳ {folder_period} nhưng ghi kỳ {period.key}", "wrong-folder"))
        if isinstance(unit_id, str) and stem != unit_id:
            out.append(Finding(("unit",), f"Tên tệp là {stem}.yaml nhưng ghi đơn vị “{unit_id}”; tên tệp phải là mã đơn vị", "wrong-folder"))
    documents = [((), raw)] + [(("submissions", i), sub) for i, sub in _dicts(raw, "submissions")]
    for prefix, document in documents:
        issued, received = _as_date(document.get("issued_on")), _as_date(document.get("received_on"))
        carries_entries = document.get("entries") if prefix else (document.get("entries") and not raw.get("submissions"))
        if carries_entries and document.get("issued_on") is None and document.get("received_on") is None:
            # With no date the report counts as arrived in time: say so, rather than let an on-time stand unseen.
            out.append(Finding(prefix + ("entries",), "Văn bản không ghi ngày nhận (received_on) hay ngày ban hành "
                                                     "(issued_on), nên được tính là gửi đúng hạn; hãy ghi ngày Văn "
                                                     "phòng nhận", "undated", at_key=True, severity="warning"))
        for name, day in (("issued_on", issued), ("received_on", received)):
            if day is None or not MIN_YEAR <= day.year <= MAX_YEAR:
                continue  # the model already refuses a year out of range
            problem = date_problem(plan, period, name, day, ctx.today, issued=issued if name == "received_on" else None,
                                   periods=ctx.periods(plan) if plan else None)
            if problem:
                out.append(Finding(prefix + (name,), problem[1], problem[0]))
    roles = ctx.roles(plan, unit_id) if plan and unit_ok and ctx.registry else None
    seen: dict[int, int] = {}
    for i, entry in _dicts(raw, "entries"):
        n = entry.get("task")
        if not isinstance(n, int) or isinstance(n, bool):
            continue
        if n in seen:
            out.append(Finding(("entries", i, "task"), f"Nhiệm vụ {n} đã được báo cáo ở mục thứ {seen[n] + 1}; mỗi nhiệm vụ chỉ một mục", "duplicate-entry"))
        seen.setdefault(n, i)
        if plan and n not in ctx.task_numbers(plan):
            out.append(Finding(("entries", i, "task"), f"Kế hoạch {plan.id} không có nhiệm vụ {n} (có {len(plan.tasks)} nhiệm vụ)", "unknown-task"))
        elif roles is not None and n not in roles:
            out.append(Finding(("entries", i, "task"), f"Đơn vị “{unit_id}” không có vai trò (chủ trì, phối hợp, thực hiện) trong nhiệm vụ {n}", "no-role"))
    return out


def period_findings(plan: Plan, period: Period, periods: list[ReportingPeriod]) -> list[Finding]:
    """A report's period must be one the plan reports on (core/periods.py); else name the one it likely meant."""
    if find_period(periods, period) is not None:
        return []
    kind = PERIOD_KIND[plan.reporting.frequency]
    near = nearest_period(periods, period, plan.reporting.cutoff)
    hint = f" Có phải ý bạn là kỳ {near.describe()}?" if near else ""
    window = f"{format_date(plan.window.starts_on)} – {format_date(plan.window.ends_on)}"
    if period.kind != kind:
        # Otherwise the report would be kept but never counted: the unit would look as if it had not reported.
        return [Finding(("period",), f"Kế hoạch báo cáo {FREQUENCY_LABELS[plan.reporting.frequency]}; kỳ {period.key} "
                                     f"không phải kỳ báo cáo của kế hoạch.{hint}", "wrong-period-kind")]
    from .periods import bounds

    start, end = bounds(period, plan.reporting.cutoff)
    return [Finding(("period",), f"Kỳ {period.label()} ({format_date(start)} – {format_date(end)}) nằm ngoài thời gian "
                                 f"của kế hoạch ({window}), nên kế hoạch không có kỳ báo cáo này.{hint}",
                    "period-outside-window")]


def check_calendar(raw: Any) -> list[Finding]:
    """plans/calendar.yaml: one line per date; a day off on a weekend or a make-up day on a weekday says nothing."""
    out: list[Finding] = []
    seen: dict[date, int] = {}
    for i, item in _dicts(raw, "days"):
        day = _as_date(item.get("date"))
        if day is None:
            continue
        if day in seen:
            out.append(Finding(("days", i, "date"), f"Ngày {format_date(day)} đã được ghi ở dòng thứ {seen[day] + 1} "
                                                    "của danh sách; mỗi ngày chỉ ghi một lần", "duplicate-day"))
        seen.setdefault(day, i)
        weekday = WEEKDAY_LABELS[day.weekday()]
        kind = item.get("kind")
        if kind == "day_off" and day.weekday() >= 5:
            out.append(Finding(("days", i, "kind"), f"Ngày {format_date(day)} là {weekday}, vốn đã là ngày nghỉ",
                               "weekend-day-off", severity="warning"))
        if kind == "working_day" and day.weekday() < 5 and official_calendar().is_working_day(day):
            out.append(Finding(("days", i, "kind"), f"Ngày {format_date(day)} là {weekday}, vốn đã là ngày làm việc",
                               "weekday-working-day", severity="warning"))
    return out


def check_plan_deadlines(plan: Plan, calendar: WorkCalendar) -> list[Finding]:
    """Decree 09/2019/NĐ-CP, art. 8(5): at least one working day between the data cut-off and the deadline."""
    gaps = short_gaps(plan, calendar)
    if not gaps:
        return []
    first = gaps[0]
    more = f" ({len(gaps)} kỳ như vậy, đầu tiên là kỳ {first.key})" if len(gaps) > 1 else f" (kỳ {first.key})"
    return [Finding(("reporting",),
                    "Theo Điều 8, khoản 5 Nghị định 09/2019/NĐ-CP, từ ngày chốt số liệu đến hạn gửi báo cáo phải có ít "
                    f"nhất 01 ngày làm việc; cách tính hạn của kế hoạch không bảo đảm điều đó{more}: số liệu chốt ngày "
                    f"{format_date(first.end)}, hạn gửi {format_date(first.due)}",
                    "deadline-too-close", at_key=True, severity="warning")]


DATE_LABELS = {"issued_on": "ban hành", "received_on": "nhận"}


def date_problem(plan: Plan | None, period: Period | None, name: str, day: date, today: date,
                 issued: date | None = None, periods: list[ReportingPeriod] | None = None,
                 calendar: WorkCalendar | None = None) -> tuple[str, str] | None:
    """The date rules of a unit report's issue or received date, in one place for `report add` (at its
    prompt too), `--from-file`, imports and `validate`: (code, Vietnamese message naming the rule and the
    allowed range), or None when the date is fine.

    A date may not be in the future, nor before its period starts (cut-off aware), nor before the plan was
    issued; a received date may not come before the issue date."""
    earliest, after = None, ""
    start = None
    if plan is not None and period is not None:
        found = find_period(periods if periods is not None else plan_periods(plan, calendar), period)
        from .periods import bounds

        start = found.start if found else bounds(period, plan.reporting.cutoff)[0]
    plan_day = plan.document.issued_on if plan is not None else None
    candidates = [d for d in (start, plan_day, issued if name == "received_on" else None) if d]
    if candidates:
        earliest = max(candidates)
        after = f"từ {format_date(earliest)} "
    allowed = f"Ngày {DATE_LABELS[name]} hợp lệ: {after}đến {format_date(today)} (hôm nay)."
    shown = f"Ngày {DATE_LABELS[name]} {format_date(day)}"
    if day > today:
        return "future-date", f"{shown} ở tương lai: chưa thể có văn bản ngày đó. {allowed}"
    before_period = start and day < start and (
        "date-before-period", f"{shown} trước ngày bắt đầu {period.label()} ({format_date(start)}): báo cáo "
                              f"của một kỳ không thể có trước kỳ đó. {allowed}")
    before_plan = plan_day and day < plan_day and (
        "date-before-plan", f"{shown} trước ngày ban hành Kế hoạch {plan.reference} ({format_date(plan_day)}): "
                            f"chưa có kế hoạch thì chưa có báo cáo. {allowed}")
    # Name the later of the two limits first: it is the one that sets the allowed range.
    for problem in ((before_plan, before_period) if plan_day and start and plan_day > start else (before_period, before_plan)):
        if problem:
            return problem
    if name == "received_on" and issued and day < issued:
        return ("received-before-issued", f"{shown} trước ngày ban hành văn bản ({format_date(issued)}): văn bản phải "
                                          f"được ban hành rồi mới được nhận. {allowed}")
    return None
