"""Unit reports on disk: one YAML file per plan, period and unit, changed only under a lock.

Every change is a read-modify-write of one file: take the lock next to it
(`.<unit>.yaml.lock`), read and check the current file, merge, check the
would-be file with the same model and rules as `dancu validate`, then write it
atomically (temporary file, fsync, rename). A refused input raises ReportError
before anything is written. No terminal code here: the CLI prints the messages.
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator


from .atomic import write_text_atomic
from .errors import ReportError, BadValue
from .places import display_path
from .dates import Period, format_date, parse_period, today_vn
from .models import Entry, Registry, Unit, UnitReport
from .models.common import PLAN_ID_PATTERN, SLUG_PATTERN
from .models.report import STATUS_LABELS, Submission, parse_status
from .problems import Problem
from .workspace import REPORTS_DIR, Workspace, report_location

if TYPE_CHECKING:
    from .checks import CheckContext

SCHEMA_COMMENT = "# yaml-language-server: $schema=../../../schemas/report.schema.json\n"
HEADER_FIELDS = ("number", "issued_on", "received_on")
FIELD_LABELS = {
    "plan": "kế hoạch", "unit": "đơn vị", "period": "kỳ báo cáo", "number": "số, ký hiệu",
    "issued_on": "ngày ban hành", "received_on": "ngày nhận", "entries": "các mục", "task": "nhiệm vụ",
    "submissions": "văn bản",
    "status": "tình trạng", "results": "kết quả", "figures": "số liệu", "shortcomings": "tồn tại, hạn chế",
    "next_steps": "phương hướng kỳ tới", "proposals": "đề xuất, kiến nghị",
}


def nfc(value: Any) -> Any:
    """Text in Unicode NFC, through dicts and lists: macOS terminals send NFD."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {nfc(k): nfc(v) for k, v in value.items()}
    if isinstance(value, list):
        return [nfc(v) for v in value]
    return value


# --- What people type --------------------------------------------------------

def resolve_unit(registry: Registry, text: str) -> Unit:
    """A unit by id, abbreviation, name or alias, any case, with or without diacritics."""
    unit, candidates = registry.find(nfc(text))
    if unit is not None:
        return unit
    if not candidates:
        known = ", ".join(u.abbr for u in registry.units)
        raise BadValue(f"Không có đơn vị “{text}” trong danh mục. Các đơn vị (viết tắt): {known}")
    names = "; ".join(f"{u.name} ({u.abbr})" for u in candidates)
    raise BadValue(f"Không xác định được đơn vị “{text}”. Các đơn vị gần đúng nhất: {names}")


def read_period(text: str) -> Period:
    try:
        return parse_period(nfc(text))
    except ValueError as exc:
        raise BadValue(str(exc)) from None


def read_status(text: str) -> str:
    slug = parse_status(nfc(text))
    if slug not in STATUS_LABELS:
        raise BadValue(f"Tình trạng “{text}” không hợp lệ; chọn một trong: {', '.join(STATUS_LABELS.values())}")
    return slug


def read_figure(text: str) -> tuple[str, int | float]:
    """'Số lượt tiếp công dân=12' -> ('Số lượt tiếp công dân', 12). The model checks the sign."""
    name, sep, number = nfc(text).rpartition("=")
    name, number = name.strip(), number.strip()
    if not (sep and name and number):
        raise BadValue(f"Số liệu “{text}” phải viết dạng Tên=số, ví dụ “Số lượt tiếp công dân=12”")
    # 1.000 is a thousand to a Vietnamese reader and 1.0 to Python: refuse rather than guess.
    if re.fullmatch(r"-?\d{1,3}([.,]\d{3})+", number):
        raise BadValue(f"Số liệu “{text}”: không rõ “{number}” là số nghìn hay số thập phân; "
                          "hãy viết số không có dấu phân cách hàng nghìn (1000) và phần thập phân sau dấu chấm (2.5)")
    try:
        return name, int(number)
    except ValueError:
        pass
    try:
        return name, float(number.replace(",", "."))
    except ValueError:
        raise BadValue(f"Số liệu “{text}”: “{number}” không phải là một con số") from None


def read_figures(texts: list[str]) -> dict[str, int | float]:
    figures: dict[str, int | float] = {}
    for text in texts:
        name, value = read_figure(text)
        if name in figures:
            raise BadValue(f"Số liệu “{name}” được ghi hai lần")
        figures[name] = value
    return figures


# --- The file format ---------------------------------------------------------

WRAP = 100  # long text is folded (`>-`) at about this width, as people write these files by hand


@functools.lru_cache(maxsize=1)
def _dumper() -> type:
    """PyYAML's safe dumper as the report files are written; built on first use, so that the commands
    that only read reports (from the cache) never import the YAML library."""
    import yaml

    class Dumper(yaml.SafeDumper):
        def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
            # Indent list items under their key, as the plan files are written.
            return super().increase_indent(flow, False)

    def represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        # Multi-line text keeps its lines (`|`); a long paragraph is folded (`>`) so that no line is very
        # long; short text stays plain. PyYAML falls back to quotes where a block cannot hold the text.
        style = "|" if "\n" in value else ">" if len(value) > WRAP else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, represent_str)
    return Dumper


def dump_report(report: UnitReport) -> str:
    """The file's text: schema comment, then keys in the model's order, entries by task."""
    data = report.to_data(exclude_none=True)
    for holder in [data, *data.get("submissions", [])]:
        if not holder.get("entries"):
            holder.pop("entries", None)
            continue
        holder["entries"] = sorted(holder["entries"], key=lambda e: e["task"])
        for entry in holder["entries"]:
            if not entry["figures"]:
                del entry["figures"]
    if not data.get("submissions"):
        data.pop("submissions", None)
        data.setdefault("entries", [])
    import yaml

    body = yaml.dump(nfc(data), Dumper=_dumper(), allow_unicode=True, sort_keys=False, width=WRAP)
    return SCHEMA_COMMENT + body


# --- Reading, checking, writing ----------------------------------------------

@dataclass
class Change:
    """What a command did to one report file, for its confirmation message."""

    path: Path
    report: UnitReport
    created: bool = False
    added: list[int] = field(default_factory=list)
    replaced: list[Entry] = field(default_factory=list)
    header_replaced: list[tuple[str, Any, Any]] = field(default_factory=list)
    removed: Entry | None = None
    deleted: bool = False
    dropped_comments: int = 0
    # The document the new entries went into: (its position among the file's documents, 1-based; whether it is new).
    submission: tuple[int, bool] | None = None
    # Set when the received date was not given and today was recorded.
    received_defaulted: bool = False


def _describe(raw: Any, path: tuple, message: str) -> str:
    """'Nhiệm vụ 4, số liệu “Số lượt”: …' for a problem at ('entries', 0, 'figures', 'Số lượt')."""
    parts = []
    if len(path) >= 2 and path[0] == "entries" and isinstance(path[1], int):
        entries = raw.get("entries") if isinstance(raw, dict) else None
        entry = entries[path[1]] if isinstance(entries, list) and path[1] < len(entries) else {}
        parts.append(f"nhiệm vụ {entry.get('task', path[1] + 1)}" if isinstance(entry, dict) else f"mục {path[1] + 1}")
        path = path[2:]
    if path and path[0] != "task":
        label = FIELD_LABELS.get(str(path[0]), str(path[0]))
        parts.append(f"{label} “{path[1]}”" if len(path) > 1 and path[0] == "figures" else label)
    if parts and message.lower().startswith(parts[-1].lower()):
        parts.pop()  # "Ngày nhận 21/12/2025 …" names its field already
    text = f"{', '.join(parts)}: {message}" if parts else message
    return text[:1].upper() + text[1:]


class ReportStore:
    """The reports/ folder of one workspace, with its plans and unit registry to check against."""

    def __init__(self, ws: Workspace, today: date | None = None):
        self.ws = ws
        self.reports_root = (ws.root / REPORTS_DIR).resolve()
        self.today = today or today_vn()

    def context(self, location: tuple[str, str, str] | None) -> "CheckContext":
        from .checks import CheckContext  # the checking code, only for a command that checks a report

        return CheckContext(plans=self.ws.plans, registry=self.ws.registry, today=self.today, location=location,
                            calendar=self.ws.calendar)

    def path(self, plan_id: str, period: Period, unit_id: str) -> Path:
        """reports/<plan>/<period>/<unit>.yaml, built from validated ids only, so it cannot leave reports/."""
        if not (re.fullmatch(PLAN_ID_PATTERN, plan_id) and re.fullmatch(SLUG_PATTERN, unit_id)):
            raise ReportError(f"Mã kế hoạch “{plan_id}” hoặc mã đơn vị “{unit_id}” không hợp lệ để làm tên tệp")
        path = self.ws.report_path(plan_id, period.key, unit_id)
        # Every folder on the way must be a real folder: a symlink would send the write elsewhere.
        for folder in (self.ws.root / REPORTS_DIR, path.parent.parent, path.parent):
            if folder.is_symlink():
                raise ReportError(f"Thư mục {self.shown(folder)} là một liên kết tượng trưng (symlink); dancu chỉ ghi "
                                  "vào thư mục thật trong không gian làm việc. Hãy thay liên kết bằng thư mục thật. "
                                  "Chưa ghi gì.")
            if folder.exists() and not folder.is_dir():
                raise ReportError(f"{self.shown(folder)} là một tệp, không phải thư mục; hãy đổi tên hoặc xóa tệp đó. "
                                  "Chưa ghi gì.")
        if self.reports_root not in path.resolve().parents:
            raise ReportError(f"Đường dẫn {path} nằm ngoài thư mục {REPORTS_DIR}/")
        return path

    def shown(self, path: Path) -> str:
        """reports/… as the user sees it in the workspace, with forward slashes on every system."""
        for candidate in (path, path.resolve()):  # resolve only when needed: it costs a syscall per part
            try:
                return candidate.relative_to(self.ws.root.resolve()).as_posix()
            except ValueError:
                pass
        return str(path)

    def check_file(self, path: Path, location: tuple[str, str, str] | None) -> UnitReport:
        """Load one report file as `validate` does; refuse it, with file:line problems, when it has errors."""
        from .checking import check_file

        checked = check_file(path, "report", self.context(location), display_path(path))
        if not checked.ok:
            raise ReportError(f"Tệp {self.shown(path)} có lỗi; hãy sửa tệp rồi chạy lại (xem `dancu validate`).",
                              checked.problems)
        return checked.model

    def read(self, path: Path) -> UnitReport | None:
        """The stored report, or None when there is none yet."""
        if not path.exists():
            return None
        return self.check_file(path, report_location(path, self.reports_root))

    def findings(self, raw: dict, location: tuple[str, str, str] | None = None) -> tuple[UnitReport | None, list[tuple[tuple, str]]]:
        """The model and the cross-file rules on would-be content: the report (None when the model refuses it)
        and every error as (field path, message). Importers map the paths back to cells and rows."""
        from .checking import check_data

        report, findings = check_data(raw, "report", self.context(location))
        return report, [(tuple(f.path), f.message) for f in findings if f.severity == "error"]

    def checked(self, raw: dict, location: tuple[str, str, str] | None) -> UnitReport:
        """The model and the cross-file rules on would-be content; every problem in one ReportError."""
        report, errors = self.findings(raw, location)
        messages = [_describe(raw, path, message) for path, message in errors]
        if messages or report is None:
            if len(messages) == 1:
                first = messages[0].rstrip(".")
                raise ReportError(f"{first}{'' if first.endswith('?') else '.'} Chưa ghi gì.")
            raise ReportError(f"Có {len(messages)} lỗi, chưa ghi gì:\n" + "\n".join(f"  - {m}" for m in messages))
        return report

    @contextmanager
    def locked(self, path: Path) -> Iterator[None]:
        """Hold `.<unit>.yaml.lock` for a read-modify-write; give up clearly after the timeout."""
        from .atomic import LockTimeout, file_lock

        try:
            with file_lock(path):
                yield
        except LockTimeout as exc:
            raise ReportError(f"Tệp {self.shown(path)} đang được người khác ghi; đã chờ {exc.seconds:g} giây mà chưa "
                              "đến lượt. Hãy thử lại sau ít phút.") from None

    def _write(self, path: Path, report: UnitReport) -> int:
        """Write the file; return how many hand-written # comment lines the rewrite dropped."""
        # Under the lock no other writer is mid-write, so any temporary file left is from a killed one.
        # Only files: a folder of that name is someone's, not ours, and must not block the write.
        for stale in path.parent.glob(f".{path.name}.*.tmp"):
            if stale.is_file() and not stale.is_symlink():
                stale.unlink(missing_ok=True)
        text = dump_report(report)
        old = path.read_text(encoding="utf-8-sig") if path.exists() else ""
        write_text_atomic(path, text)
        # The writer cannot keep comments; counting '#' lines before and after (text lines that start
        # with '#' inside a block are counted on both sides) tells the user that some are gone.
        return max(0, _comment_lines(old) - _comment_lines(text))

    def save(self, raw: dict, replace: bool = False, dry_run: bool = False) -> Change:
        """Merge a report (header and entries) into the unit's period file.

        An entry for a task already reported, or a header value that differs,
        is refused unless `replace`; then the Change says what was replaced.
        With `dry_run`, everything is checked and the Change computed, but nothing is written.
        """
        return self.save_report(self.checked(nfc(raw), None), replace, dry_run)

    def save_report(self, new: UnitReport, replace: bool = False, dry_run: bool = False) -> Change:
        """Merge a checked report into the unit's period file; the merged result is checked once, then written."""
        period = new.period
        path = self.path(new.plan, period, new.unit)
        # A dry run writes nothing, not even the lock file or the period's folder.
        with nullcontext() if dry_run else self.locked(path):
            current = self.read(path)
            change = Change(path=path, report=new, created=current is None)
            merged = _merge(current, new, replace, change)
            change.report = self.checked(merged.to_data(exclude_none=True), (new.plan, period.key, new.unit))
            if not dry_run:
                change.dropped_comments = self._write(path, change.report)
        return change

    def add_file(self, path: Path, replace: bool = False) -> Change:
        """Record a whole unit report written in the file format, checked with positions like `validate`."""
        return self.save_report(self.check_file(path, None), replace)

    def remove(self, plan_id: str, period: Period, unit_id: str, task: int) -> Change:
        """Remove one task's entry; removing the last entry removes the file."""
        path = self.path(plan_id, period, unit_id)
        if not path.exists():  # checked before locking, so a mistyped name creates no folder
            raise self.missing(plan_id, period, unit_id)
        with self.locked(path):
            current = self.read(path)
            if current is None:
                raise self.missing(plan_id, period, unit_id)
            old = current.entry(task)
            if old is None:
                done = ", ".join(str(e.task) for e in current.all_entries()) or "không có"
                raise ReportError(f"Báo cáo {self.shown(path)} không có mục nào cho nhiệm vụ {task} "
                                  f"(các nhiệm vụ đã báo cáo: {done}). Không xóa gì.")
            parts = [p.replace(entries=[e for e in p.entries if e.task != task]) for p in current.parts()]
            parts = [p for p in parts if p.entries]
            dropped = 0
            if parts:
                current = UnitReport.from_parts(current.plan, current.unit, current.period, parts)
                dropped = self._write(path, current)
            else:
                path.unlink()
        return Change(path=path, report=current, removed=old, deleted=not parts, dropped_comments=dropped)

    def missing(self, plan_id: str, period: Period, unit_id: str) -> ReportError:
        unit = self.ws.registry.display(unit_id) if self.ws.registry else unit_id
        return ReportError(f"Chưa có báo cáo của {unit} cho {period.label()} (kế hoạch {plan_id}).")


def _comment_lines(text: str) -> int:
    return sum(1 for line in text.splitlines()
               if line.lstrip().startswith("#") and not line.startswith("# yaml-language-server:"))


def shown_value(value: Any) -> str:
    return format_date(value) if isinstance(value, date) else str(value)


def _same_document(part: Submission, new: Submission) -> bool:
    """Whether a new document is one the file already holds: the same number, or no number and the same day."""
    if new.number and part.number:
        return new.number == part.number
    return new.arrival is not None and new.arrival == part.arrival


def _merge(current: UnitReport | None, new: UnitReport, replace: bool, change: Change) -> UnitReport:
    """`current` with `new`'s documents laid over it; records in `change` what was added and replaced.

    An entry joins the document of the same number (or, unnumbered, of the same date); a document with a
    new number or date is added to the file as a further submission, so every entry keeps its own date.
    A task already reported, or a document whose dates differ from what the file holds, needs `replace`."""
    parts = [p.clone() for p in current.parts()] if current else []
    conflicts: list[str] = []
    for incoming in new.parts():
        target = next((p for p in parts if _same_document(p, incoming)), None)
        created = target is None
        if target is None:
            target = incoming.clone().replace(entries=[])
            parts.append(target)
        else:
            for name in HEADER_FIELDS:
                old, value = getattr(target, name), getattr(incoming, name)
                if value is None or value == old:
                    continue
                if old is not None:
                    if not replace:
                        conflicts.append(f"văn bản {target.number or ''} đã ghi {FIELD_LABELS[name]} là "
                                         f"“{shown_value(old)}”, khác “{shown_value(value)}”".replace("văn bản  ", "văn bản "))
                        continue
                    change.header_replaced.append((name, old, value))
                setattr(target, name, value)
        for entry in incoming.entries:
            holder = next((p for p in parts if any(e.task == entry.task for e in p.entries)), None)
            if holder is not None:
                old = next(e for e in holder.entries if e.task == entry.task)
                if not replace:
                    conflicts.append(f"nhiệm vụ {entry.task} đã có trong báo cáo ({entry_summary(old)})")
                    continue
                change.replaced.append(old)
                holder.entries = [e for e in holder.entries if e.task != entry.task]
            else:
                change.added.append(entry.task)
            target.entries = sorted([*target.entries, entry], key=lambda e: e.task)
    if conflicts:
        raise ReportError("Không ghi đè khi chưa được phép: " + "; ".join(conflicts)
                          + ". Dùng --replace nếu muốn thay bằng nội dung mới. Chưa ghi gì.")
    parts = [p for p in parts if p.entries]
    change.submission = (next(i for i, p in enumerate(parts, 1) if p is target), created and current is not None)
    return UnitReport.from_parts(new.plan, new.unit, new.period, parts)


def entry_summary(entry: Entry, limit: int = 60) -> str:
    """'Đang thực hiện: “Đã tiếp 12 lượt…”' — enough to recognise an entry in a message."""
    text = " ".join(entry.results.split())
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + "…"
    return f"{STATUS_LABELS[entry.status]}: “{text}”"


# --- Listing -----------------------------------------------------------------

def select(
    reports: list[UnitReport],
    plan_id: str | None = None,
    period: Period | None = None,
    unit_id: str | None = None,
    task: int | None = None,
    status: str | None = None,
) -> list[tuple[UnitReport, Entry | None]]:
    """(report, entry) rows matching every filter given; a period filter keeps the periods inside it
    (2025 keeps 2025-Q4 and 2025-11). A report with no entries yields one row with entry None."""
    rows: list[tuple[UnitReport, Entry | None]] = []
    for report in sorted(reports, key=lambda r: (r.plan, r.period, r.unit)):
        if (plan_id and report.plan != plan_id) or (unit_id and report.unit != unit_id) \
                or (period and not period.contains(report.period)):
            continue
        entries: list[Entry | None] = list(report.all_entries()) or [None]
        for entry in entries:
            if entry is None and (task or status):
                continue
            if entry is not None and ((task and entry.task != task) or (status and entry.status != status)):
                continue
            rows.append((report, entry))
    return rows
