#!/usr/bin/env python3
"""Benchmark: `overdue` and `status` on a plan of 2,000 tasks must cost time linear in
tasks × units × periods.

Builds two workspaces, 1,000 and 2,000 tasks (20 units, one year of quarterly reports, each
report covering every tenth task), times each command on both (median of several runs, the
process start-up measured by `dancu --version` taken off; CPU time
where the system reports it), and checks that doubling the tasks
at most about doubles the work (ratio ≤ 2.5). A quadratic step shows as a ratio near 4.

    benchmarks/large_plan.py [--runs 3] [--check]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import FIRST_YEAR, PLAN_ID, plan_yaml, units_yaml  # noqa: E402

UNITS = 20
SIZES = (1000, 2000)
MAX_RATIO = 2.5


def build(out: Path, n_tasks: int) -> None:
    (out / "plans").mkdir(parents=True)
    (out / "plans" / "units.yaml").write_text(units_yaml(UNITS), encoding="utf-8")
    (out / "plans" / f"{PLAN_ID}.yaml").write_text(plan_yaml(n_tasks, 1), encoding="utf-8")
    rng = random.Random(1)
    for quarter in range(1, 5):
        folder = out / "reports" / PLAN_ID / f"{FIRST_YEAR}-Q{quarter}"
        folder.mkdir(parents=True)
        for unit in range(1, UNITS + 1):
            lines = [f"plan: {PLAN_ID}", f"unit: don-vi-{unit:02d}", f"period: {FIRST_YEAR}-Q{quarter}",
                     f"received_on: {FIRST_YEAR}-{quarter * 3:02d}-28", "entries:"]
            for task in range(rng.randint(1, 10), n_tasks + 1, 10):
                lines += [f"  - task: {task}", f"    status: {rng.choice(['dang-thuc-hien', 'hoan-thanh'])}",
                          f"    results: Đã triển khai nhiệm vụ {task}."]
            (folder / f"don-vi-{unit:02d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def median_time(cmd: list[str], env: dict, runs: int) -> float:
    """Median CPU time of the process (user + system) where the system tells it, else wall time:
    on a shared machine CPU time does not count the waiting for other jobs."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if hasattr(os, "wait4"):
            _, _, usage = os.wait4(proc.pid, 0)
            proc.returncode = 0
            times.append(usage.ru_utime + usage.ru_stime)
        else:
            proc.wait()
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--check", action="store_true", help="exit 1 when the ratio is missed")
    args = parser.parse_args()
    dancu = [sys.executable, "-m", "dancu_cli"]
    base = Path(tempfile.mkdtemp(prefix="dancu-large-plan-"))
    commands = {"overdue": ["overdue", "--as-of", f"{FIRST_YEAR + 1}-03-31"],
                "status": ["status", "--as-of", f"{FIRST_YEAR + 1}-03-31", "--period", f"{FIRST_YEAR}-Q4"]}
    times: dict[tuple[str, int], float] = {}
    for n in SIZES:
        ws = base / f"ws-{n}"
        build(ws, n)
        env = {**os.environ, "DANCU_ROOT": str(ws), "NO_COLOR": "1", "DANCU_CACHE": "0"}
        env.pop("GITHUB_ACTIONS", None)
        start_up = median_time(dancu + ["--version"], env, args.runs)
        for name, cmd in commands.items():
            times[(name, n)] = max(median_time(dancu + cmd, env, args.runs) - start_up, 0.001)
            print(f"  {name}, {n} nhiệm vụ × {UNITS} đơn vị × 4 kỳ: {times[(name, n)]:.3f} s", flush=True)
    missed = []
    print("\n| Lệnh | 1.000 nhiệm vụ (s) | 2.000 nhiệm vụ (s) | Tỷ lệ | Mục tiêu |")
    print("|---|---:|---:|---:|---|")
    for name in commands:
        small, large = times[(name, SIZES[0])], times[(name, SIZES[1])]
        ratio = large / small
        print(f"| {name} | {small:.3f} | {large:.3f} | {ratio:.2f} | ≤ {MAX_RATIO} (tuyến tính) |")
        if ratio > MAX_RATIO:
            missed.append(f"{name}: tỷ lệ {ratio:.2f}")
    print("\n" + ("Chưa đạt: " + "; ".join(missed) if missed else "Đạt: thời gian tăng tuyến tính theo số nhiệm vụ."))
    return 1 if (args.check and missed) else 0


if __name__ == "__main__":
    sys.exit(main())
