"""Writing plans and unit reports straight into a test workspace, and reading the deadline commands' JSON."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from conftest import PLAN_FILE, PLAN_ID, run

UNITS = [
    "van-phong-so",
    "phong-ke-hoach-tai-chinh",
    "phong-quan-ly-khoa-hoc",
    "phong-quan-ly-cong-nghe-va-doi-moi-sang-tao",
    "phong-chuyen-doi-so",
    "phong-buu-chinh-vien-thong",
    "phong-tieu-chuan-do-luong-chat-luong",
    "trung-tam-ung-dung-va-thu-nghiem-khoa-hoc-va-cong-nghe",
    "trung-tam-cong-nghe-thong-tin-va-truyen-thong",
]
TASKS = range(1, 8)


def write_report(root: Path, unit: str, statuses: dict[int, str], *, received_on: str | None = None,
                 issued_on: str | None = None, period: str = "2025-Q4", plan: str = PLAN_ID) -> Path:
    """reports/<plan>/<period>/<unit>.yaml with one entry per task; issued_on defaults to received_on."""
    data = {
        "plan": plan,
        "unit": unit,
        "period": period,
        "number": f"{len(unit)}/BC",
        "issued_on": issued_on or received_on,
        "received_on": received_on,
        "entries": [{"task": n, "status": s, "results": "Đã triển khai theo kế hoạch."} for n, s in statuses.items()],
    }
    path = root / "reports" / plan / period / f"{unit}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump({k: v for k, v in data.items() if v is not None}, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path


def all_tasks(status: str = "dang-thuc-hien", **overrides: str) -> dict[int, str]:
    """Every task of plan 2599 with one status; overrides as t5="hoan-thanh"."""
    return {n: overrides.get(f"t{n}", status) for n in TASKS}


def write_plan(root: Path, plan_id: str, *, ends_on: str, frequency: str = "quarterly", cutoff: str = "calendar",
               due_working_days: int = 5, alone: bool = True, starts_on: str | None = None) -> Path:
    """A copy of plan 2599 with another window end and reporting settings; `alone` removes plan 2599."""
    data = yaml.safe_load(PLAN_FILE.read_text(encoding="utf-8"))
    data["id"] = plan_id
    data["document"]["number"] = plan_id.split("-")[0]
    data["window"]["ends_on"] = ends_on
    if starts_on:
        data["window"]["starts_on"] = starts_on
    data["reporting"].update(frequency=frequency, cutoff=cutoff, due_working_days=due_working_days)
    path = root / "plans" / f"{plan_id}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if alone:
        (root / "plans" / PLAN_FILE.name).unlink()
    return path


def command_json(root: Path, *args: str) -> dict:
    result = run(*args, "--format", "json", root=root)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def overdue_rows(root: Path, *args: str) -> list[dict]:
    return command_json(root, "overdue", *args)["rows"]
