"""Import one document into the workspace: read, parse, render, check, and write only when allowed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import BadValue, ReportError
from ..atomic import LockTimeout, file_lock, write_text_atomic
from ..models.common import PLAN_ID_PATTERN
from ..problems import Problem
from ..checking import PLANS_DIR, display_path as _display
from ..workspace import YAML_SUFFIXES, Workspace
from .parse import ImportResult, import_plan
from .source import SourceError, read_source
from .write import Checked, check_text, render_plan


class ImportRefused(ReportError):
    """Nothing was written (exit 1)."""


@dataclass
class Prepared:
    result: ImportResult
    text: str
    target: Path
    shown: str
    checked: Checked
    exists: bool

    @property
    def plan_id(self) -> str:
        return self.result.data.get("id", "")


def note_problems(result: ImportResult) -> list[Problem]:
    """The import's notes as problems pointing into the source document (line = paragraph or line number)."""
    out = []
    for n in result.notes:
        where = n.where
        message = n.message + (f" ({where.label}: “{where.excerpt}”)" if where and where.excerpt else
                               f" ({where.label})" if where else "")
        out.append(Problem(file=result.source_name, line=where.index if where else 0, column=1 if where else 0,
                           message=message, path=_path(n.path), code=n.code, severity=n.severity))
    return out


def _path(path: tuple) -> str:
    from ..problems import format_path

    return format_path(path)


def _target(ws: Workspace, plan_id: str, output: Path | None) -> Path:
    plans = (ws.root / PLANS_DIR).resolve()
    if output is None:
        if not plan_id or not re.fullmatch(PLAN_ID_PATTERN, plan_id):
            raise BadValue("không xác định được số, ký hiệu của kế hoạch để đặt tên tệp; hãy ghi tên tệp bằng "
                                "-o plans/TÊN.yaml")
        return plans / f"{plan_id}.yaml"
    target = (Path.cwd() / output).resolve() if not output.is_absolute() else output.resolve()
    if target.parent != plans or target.suffix not in YAML_SUFFIXES or target.name == "units.yaml":
        raise BadValue(f"tệp kế hoạch phải nằm trong thư mục {_display(plans)}/ và có đuôi .yaml "
                            f"(ví dụ -o plans/{plan_id or 'TÊN'}.yaml), không phải {output}")
    return target


def prepare(ws: Workspace, source: Path, output: Path | None) -> Prepared:
    """Everything short of writing; raises SourceError (unreadable document) or ImportRefused."""
    document = read_source(source)
    result = import_plan(document, ws.registry)
    if not result.data:
        raise ImportRefused("không nhập được: " + "; ".join(n.message for n in result.notes))
    plan_id = result.data.get("id", "")
    target = _target(ws, plan_id, output)
    text = render_plan(result, source.name)
    checked = check_text(ws, text, result)
    other = ws.plan_files.get(plan_id)
    if other is not None and other.resolve() != target:
        raise ImportRefused(f"kế hoạch {plan_id} đã có trong tệp {_display(other)}; để thay kế hoạch đó, ghi "
                            f"-o {_display(other)} --replace")
    return Prepared(result, text, target, _display(target), checked, target.exists())


def prepare_new(ws: Workspace, data: dict) -> Prepared:
    """A plan typed in by `plan new`: the same file layout and the same checks as an imported one."""
    result = ImportResult(data, [], {}, "")
    target = _target(ws, data["id"], None)
    text = render_plan(result, None)
    return Prepared(result, text, target, _display(target), check_text(ws, text, result), target.exists())


def write(prepared: Prepared, replace: bool) -> None:
    """Write the file atomically under its lock; never over an existing file without `replace`.
    OSError (disk full, no permission) reaches the caller, which words it for the user."""
    if prepared.checked.unexpected:
        raise ImportRefused("tệp kế hoạch nhập được không hợp lệ ở những chỗ sau nên chưa ghi gì; hãy sửa văn bản "
                            "nguồn hoặc báo lại lỗi này", prepared.checked.unexpected)
    try:
        with file_lock(prepared.target):
            if prepared.target.exists() and not replace:
                raise ImportRefused(f"tệp {prepared.shown} đã có; chưa ghi gì. Thêm --replace để ghi đè (bản cũ vẫn "
                                    "còn trong lịch sử git), hoặc chọn tên khác bằng -o")
            write_text_atomic(prepared.target, prepared.text)
    except LockTimeout as exc:
        raise ImportRefused(f"tệp {prepared.shown} đang được người khác ghi; đã chờ {exc.seconds:g} giây. "
                            "Hãy thử lại sau ít phút.") from None


__all__ = ["ImportRefused", "Prepared", "SourceError", "note_problems", "prepare", "prepare_new", "write"]
