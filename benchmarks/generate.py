#!/usr/bin/env python3
"""Generate a synthetic workspace at scale: 60 units, 40 tasks over 10 years, quarterly reports.

That is 40 quarters x 60 units = 2,400 report files, each with one entry per task
the unit has a role in (about 100,000 entries). Usage:

    python benchmarks/generate.py [OUT_DIR] [--units 60] [--tasks 40] [--years 10]
"""

from __future__ import annotations

import argparse
import random
import shutil
from datetime import date, timedelta
from pathlib import Path

PLAN_ID = "100-KH-BENCH"
FIRST_YEAR = 2015


def units_yaml(n_units: int) -> str:
    lines = ["confirmed: true", "units:"]
    for i in range(1, n_units + 1):
        kind = "division" if i % 4 else "service_unit"
        lines += [f"  - id: don-vi-{i:02d}", f"    name: Đơn vị thử nghiệm số {i}", f"    abbr: ĐV{i:02d}", f"    kind: {kind}"]
    lines += [
        "groups:",
        "  - id: cac-phong-don-vi",
        "    name: Các phòng, đơn vị",
        "    kinds: [division, service_unit]",
    ]
    return "\n".join(lines) + "\n"


def plan_yaml(n_tasks: int, years: int) -> str:
    end = date(FIRST_YEAR + years - 1, 12, 31)
    lines = [
        f"id: {PLAN_ID}",
        "document:",
        "  type: Kế hoạch",
        '  number: "100"',
        "  code: KH-BENCH",
        "  place: Quảng Ngãi",
        f"  issued_on: {FIRST_YEAR}-01-01",
        f"  title: Thực hiện nhiệm vụ thử nghiệm hiệu năng giai đoạn {FIRST_YEAR} - {end.year}",
        "issuer:",
        "  name: Sở Thử nghiệm",
        "  parent: UBND tỉnh Quảng Ngãi",
        "tasks:",
    ]
    for n in range(1, n_tasks + 1):
        lines += [
            f"  - number: {n}",
            f"    heading: Nhiệm vụ thử nghiệm số {n} về cải cách hành chính và chuyển đổi số",
            "    lead: don-vi-01" if n % 5 == 0 else "    implementing: [cac-phong-don-vi]",
        ]
        if n % 5 == 0:
            lines += ["    implementing: [cac-phong-don-vi]", "    timeframe:", f"      text: Năm {FIRST_YEAR + n % years}",
                      "      kind: deadline", f"      due: {FIRST_YEAR + n % years}-12-31"]
        else:
            lines += ["    timeframe:", "      text: Thường xuyên", "      kind: regular"]
    lines += [
        "window:",
        f"  starts_on: {FIRST_YEAR}-01-01",
        f"  ends_on: {end.isoformat()}",
        "reporting:",
        "  through: don-vi-01",
        "  frequency: quarterly",
        "recipients:",
        "  - UBND tỉnh (báo cáo)",
        '  - "Lưu: VT, VP"',
        "signer:",
        "  authority: KT. GIÁM ĐỐC",
        "  title: PHÓ GIÁM ĐỐC",
        "  name: Nguyễn Văn A",
    ]
    return "\n".join(lines) + "\n"


def report_yaml(unit: int, year: int, quarter: int, n_tasks: int, rng: random.Random) -> str:
    end = date(year, quarter * 3, 28)
    received = end + timedelta(days=rng.randint(1, 20))
    lines = [
        f"plan: {PLAN_ID}",
        f"unit: don-vi-{unit:02d}",
        f"period: {year}-Q{quarter}",
        f"number: {rng.randint(1, 300)}/BC-ĐV{unit:02d}",
        f"issued_on: {end.isoformat()}",
        f"received_on: {received.isoformat()}",
        "entries:",
    ]
    for task in range(1, n_tasks + 1):
        status = rng.choice(["dang-thuc-hien", "dang-thuc-hien", "hoan-thanh", "chua-trien-khai"])
        lines += [
            f"  - task: {task}",
            f"    status: {status}",
            f"    results: Đơn vị đã triển khai nhiệm vụ {task} trong quý {quarter}/{year}, tổ chức {rng.randint(1, 9)} hội nghị quán triệt.",
            "    figures:",
            f"      Số lượt tiếp công dân: {rng.randint(0, 40)}",
            f"      Số văn bản ban hành: {rng.randint(0, 12)}",
        ]
        if rng.random() < 0.3:
            lines.append("    shortcomings: Một số nội dung còn chậm so với kế hoạch.")
        if rng.random() < 0.2:
            lines.append("    proposals: Đề nghị bổ sung kinh phí & nhân lực <năm tới>.")
    return "\n".join(lines) + "\n"


def generate(out: Path, n_units: int = 60, n_tasks: int = 40, years: int = 10, seed: int = 1) -> int:
    if out.exists():
        shutil.rmtree(out)
    (out / "plans").mkdir(parents=True)
    (out / "plans" / "units.yaml").write_text(units_yaml(n_units), encoding="utf-8")
    (out / "plans" / f"{PLAN_ID}.yaml").write_text(plan_yaml(n_tasks, years), encoding="utf-8")
    rng = random.Random(seed)
    count = 0
    for year in range(FIRST_YEAR, FIRST_YEAR + years):
        for quarter in range(1, 5):
            folder = out / "reports" / PLAN_ID / f"{year}-Q{quarter}"
            folder.mkdir(parents=True)
            for unit in range(1, n_units + 1):
                (folder / f"don-vi-{unit:02d}.yaml").write_text(
                    report_yaml(unit, year, quarter, n_tasks, rng), encoding="utf-8")
                count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default=str(Path(__file__).parent / "workspace"))
    parser.add_argument("--units", type=int, default=60)
    parser.add_argument("--tasks", type=int, default=40)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    count = generate(Path(args.out), args.units, args.tasks, args.years)
    print(f"{count} report files in {args.out}")


if __name__ == "__main__":
    main()
