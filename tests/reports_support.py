"""Helpers shared by the report tests: a fixed 'today', report paths, a plan with many tasks."""

from __future__ import annotations

from pathlib import Path

import yaml

from conftest import PLAN_ID

TODAY = "2025-12-20"  # fixed through DANCU_TODAY, so no test depends on the real date
PERIOD_DIR = Path("reports") / PLAN_ID / "2025-Q4"


def report_file(root: Path, unit_id: str = "van-phong-so", period: str = "2025-Q4") -> Path:
    return root / "reports" / PLAN_ID / period / f"{unit_id}.yaml"


def report_files(root: Path) -> list[Path]:
    """Every report file (lock files and leftovers of killed writes are not reports)."""
    folder = root / "reports"
    return sorted(p for p in folder.rglob("*.yaml") if not p.name.startswith(".")) if folder.exists() else []


def add_args(unit: str = "VP", task: int = 4, period: str = "2025-Q4", **options: str) -> list[str]:
    """`report add` with every required option, plus any --name value given as name=value."""
    args = ["report", "add", "--unit", unit, "--period", period, "--task", str(task),
            "--status", "đang thực hiện", "--results", f"Kết quả nhiệm vụ {task}."]
    for name, value in options.items():
        args += [f"--{name.replace('_', '-')}", value]
    return args


def widen_plan(root: Path, tasks: int) -> None:
    """Give the workspace's plan `tasks` tasks in all, each implemented by every unit."""
    path = root / "plans" / f"{PLAN_ID}.yaml"
    plan = yaml.safe_load(path.read_text(encoding="utf-8"))
    for number in range(len(plan["tasks"]) + 1, tasks + 1):
        plan["tasks"].append({"number": number, "heading": f"Nhiệm vụ thử nghiệm số {number}",
                              "implementing": ["cac-phong-don-vi"],
                              "timeframe": {"text": "Thường xuyên", "kind": "regular"}})
    path.write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
