#!/usr/bin/env python3
"""Generate a workspace at the size an office really has: the shipped plan, its units, one year of reports.

The shipped `plans/2599-KH-SKHCN.yaml` and `plans/units.yaml` are copied as they are, except for two dates
of the plan (see `_whole_year`), plus quarterly reports 2025-Q1 … 2025-Q4 from every unit of the registry:
`reports/2599-KH-SKHCN/<period>/<unit>.yaml`, one entry per task the unit has a part in. That is 9 units ×
4 quarters = 36 files. Most reports arrive on time, a few late; the output is the same on every run.

    python benchmarks/department.py [OUT_DIR]

Every file passes `dancu validate` with `DANCU_TODAY` on or after 2026-01-20 (the last report arrives
before that day).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PLAN_ID = "2599-KH-SKHCN"
YEAR = 2025
PERIODS = [f"{YEAR}-Q{q}" for q in range(1, 5)]
# The day the benchmark asks about ("--as-of"): every report of the year has arrived by then.
AS_OF = date(2026, 1, 20)
SEED = 17
LATE_SHARE = 0.12  # about one report in eight arrives after its due date

# What a unit writes under each task of the plan, in the words such reports use; {unit} is the unit's
# name and {q} the quarter. Several variants per task, so that the year's reports differ.
RESULTS: dict[int, list[str]] = {
    1: [
        "Quán triệt Kế hoạch số 2599/KH-SKHCN đến toàn thể công chức, viên chức, người lao động của {unit} "
        "tại cuộc họp giao ban quý {q}; rà soát, cập nhật Quy chế dân chủ ở cơ quan, đơn vị.",
        "Tổ chức hội nghị học tập, quán triệt Luật Thực hiện dân chủ ở cơ sở năm 2022 và Nghị định số "
        "59/2023/NĐ-CP cho công chức, viên chức, người lao động; 100% người tham dự nắm được nội dung.",
        "Lồng ghép nội dung thực hiện dân chủ ở cơ sở và công tác dân vận chính quyền vào chương trình công tác "
        "quý {q}; niêm yết công khai các quy chế nội bộ tại trụ sở đơn vị.",
    ],
    2: [
        "Công khai phương án sắp xếp, bố trí công chức, viên chức sau khi kiện toàn tổ chức bộ máy; lấy ý kiến "
        "người lao động trước khi trình Lãnh đạo Sở quyết định.",
        "Tổ chức hội nghị cán bộ, công chức, viên chức năm {year}; thảo luận, thông qua quy chế chi tiêu nội bộ "
        "và quy chế thi đua, khen thưởng của {unit}.",
        "Duy trì hộp thư góp ý và đối thoại định kỳ giữa người đứng đầu {unit} với công chức, viên chức; tiếp "
        "thu, giải quyết kịp thời các kiến nghị về chế độ, chính sách.",
    ],
    3: [
        "Quán triệt Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Quảng Ngãi lần thứ I đến toàn thể đảng viên, công "
        "chức, viên chức; đăng ký công trình thi đua chào mừng Đại hội XIV của Đảng.",
        "Phát động đợt thi đua cao điểm quý {q}; cử công chức, viên chức tham gia đầy đủ các hoạt động chuẩn bị "
        "bầu cử đại biểu Quốc hội khóa XVI và đại biểu Hội đồng nhân dân các cấp.",
        "Xây dựng chương trình hành động thực hiện Nghị quyết Đại hội Đảng bộ tỉnh gắn với nhiệm vụ chuyên môn "
        "của {unit}; phân công cụ thể người thực hiện, thời hạn hoàn thành.",
    ],
    4: [
        "Tham gia tiếp công dân định kỳ theo lịch của Sở; phối hợp Văn phòng Sở xác minh, trả lời các phản ánh, "
        "kiến nghị thuộc lĩnh vực {unit} phụ trách đúng thời hạn.",
        "Phối hợp giải quyết đơn thư thuộc lĩnh vực quản lý; không có đơn tồn đọng, khiếu kiện đông người, "
        "vượt cấp trong quý {q}.",
        "Cử công chức tham gia đối thoại với người dân, doanh nghiệp về thủ tục hành chính thuộc lĩnh vực "
        "{unit} phụ trách; tiếp thu, giải trình đầy đủ các ý kiến.",
    ],
    5: [
        "Tiếp nhận, giải quyết thủ tục hành chính thuộc lĩnh vực {unit} phụ trách qua Trung tâm Phục vụ hành "
        "chính công tỉnh; không có hồ sơ trễ hạn.",
        "Rà soát, đề xuất đơn giản hóa thủ tục hành chính; cập nhật quy trình nội bộ giải quyết thủ tục hành "
        "chính trên Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh.",
        "Đẩy mạnh dịch vụ công trực tuyến toàn trình, thanh toán trực tuyến; số hóa hồ sơ, kết quả giải quyết "
        "thủ tục hành chính theo quy định.",
    ],
    6: [
        "Phối hợp Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh tuyên truyền chính sách khoa học và công nghệ đến người "
        "dân; công khai các văn bản, kế hoạch của {unit} trên Cổng thông tin điện tử của Sở.",
        "Tiếp thu ý kiến giám sát, phản biện xã hội của Mặt trận và các đoàn thể; công khai kết quả tiếp thu, "
        "giải trình theo quy định.",
        "Công khai, minh bạch hoạt động công vụ; tạo điều kiện để người dân, doanh nghiệp theo dõi, giám sát "
        "việc thực thi công vụ của công chức, viên chức {unit}.",
    ],
    7: [
        "Đăng ký mô hình “Dân vận khéo” năm {year} của {unit}; triển khai thực hiện gắn với nhiệm vụ chuyên môn.",
        "Sơ kết mô hình “Dân vận khéo” quý {q}; đề nghị biểu dương 01 tập thể, 02 cá nhân có cách làm hay.",
        "Tiếp tục duy trì phong trào thi đua “Dân vận khéo”; nhân rộng cách làm hay trong cải cách hành chính.",
    ],
}
# Figures under each task: (name, lowest, highest). A range of None counts part of the figure before it
# (online files among all files handled), so it never exceeds it.
FIGURES: dict[int, list[tuple[str, int, int | None]]] = {
    1: [("Số hội nghị, cuộc họp quán triệt", 1, 4), ("Số lượt người tham dự", 15, 60)],
    2: [("Số cuộc đối thoại với công chức, viên chức", 1, 3), ("Số kiến nghị đã giải quyết", 0, 6)],
    3: [("Số công trình, phần việc thi đua", 1, 5)],
    4: [("Số lượt tiếp công dân", 0, 12), ("Số đơn khiếu nại, tố cáo đã giải quyết", 0, 3)],
    5: [("Số hồ sơ thủ tục hành chính đã giải quyết", 10, 180), ("Số hồ sơ trực tuyến toàn trình", 0, None)],
    6: [("Số tin, bài tuyên truyền đã đăng", 2, 25)],
    7: [("Số mô hình “Dân vận khéo” đăng ký", 1, 3)],
}
SHORTCOMINGS = [
    "Một số nội dung triển khai còn chậm so với kế hoạch do nhân lực mỏng.",
    "Việc cập nhật số liệu còn thủ công, mất nhiều thời gian tổng hợp.",
    "Hình thức tuyên truyền chưa đa dạng, chưa thu hút được nhiều người tham gia.",
]
NEXT_STEPS = [
    "Tiếp tục triển khai các nội dung còn lại của Kế hoạch trong quý tới.",
    "Tăng cường kiểm tra, đôn đốc việc thực hiện tại các bộ phận.",
]
PROPOSALS = [
    "Đề nghị Văn phòng Sở sớm hướng dẫn mẫu báo cáo thống nhất.",
    "Đề nghị bổ sung kinh phí tổ chức hội nghị quán triệt năm tới.",
]


def _whole_year(plan_text: str) -> str:
    """The shipped plan with its window, and its issue date, moved to the start of 2025.

    The shipped plan starts on 04/11/2025, so its year has a single quarterly period (2025-Q4). An office's
    year of reports has four, so the benchmark's copy starts on 01/01/2025. Its issue date moves with it:
    a report may not be dated before its plan was issued, so a plan issued in November has no Q1–Q3
    reports. Everything else, comments and layout included, stays as shipped."""
    old_start, new_start = "  starts_on: 2025-11-04\n", f"  starts_on: {YEAR}-01-01\n"
    old_issued, new_issued = "  issued_on: 2025-11-04\n", f"  issued_on: {YEAR}-01-02\n"
    for old in (old_start, old_issued):
        if plan_text.count(old) != 1:
            raise ValueError(f"the shipped plan has changed: expected one line {old.strip()!r}")
    return plan_text.replace(old_start, new_start).replace(old_issued, new_issued)


def _roles_and_dues(out: Path) -> tuple[list[tuple[str, str, str]], dict[str, list[int]], dict[str, date], object]:
    """(unit id, abbreviation, name) of every unit, the tasks each has a part in, each period's due date, the calendar.

    Asked of dancu itself, so the reports cover exactly what the package says each unit owes."""
    from dancu_cli.core.periods import plan_periods
    from dancu_cli.core.workspace import load_workspace

    ws = load_workspace(out, today=AS_OF, include_reports=False)
    if not ws.ok or ws.registry is None or PLAN_ID not in ws.plans:
        raise RuntimeError("the generated plan or registry does not load: " +
                           "; ".join(f"{p.file}:{p.line}: {p.message}" for p in ws.problems))
    plan = ws.plans[PLAN_ID]
    units = [(u.id, u.abbr or u.id, u.name) for u in ws.registry.units]
    tasks = {uid: sorted(plan.unit_roles(ws.registry, uid)) for uid, _, _ in units}
    dues = {p.key: p.due for p in plan_periods(plan, ws.calendar)}
    return units, tasks, dues, ws.calendar


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _report(unit: str, abbr: str, name: str, period: str, tasks: list[int], due: date, calendar, rng: random.Random,
            report_no: int) -> str:
    quarter = int(period[-1])
    end = date(YEAR, quarter * 3 + 1, 1) - timedelta(days=1) if quarter < 4 else date(YEAR, 12, 31)
    late = rng.random() < LATE_SHARE
    if late:
        received = calendar.next_working_day(due + timedelta(days=rng.randint(1, 8)))
        issued = calendar.next_working_day(received - timedelta(days=rng.randint(0, 2)))
        issued = min(issued, received)
    else:
        # Issued in the last days of the quarter or just after it, received the same or the next working day.
        issued = calendar.next_working_day(end - timedelta(days=rng.randint(0, 6)))
        received = issued if rng.random() < 0.5 else calendar.working_days_after(issued, 1)
        received = min(received, due)
        issued = min(issued, received)
    lines = [
        "# yaml-language-server: $schema=../../../schemas/report.schema.json",
        f"plan: {PLAN_ID}",
        f"unit: {unit}",
        f"period: {period}",
        f"number: {report_no}/BC-{abbr}",
        f"issued_on: {issued.isoformat()}",
        f"received_on: {received.isoformat()}",
        "entries:",
    ]
    roman = ["I", "II", "III", "IV"][quarter - 1]
    for task in tasks:
        if task == 5 and quarter == 4:
            status = "hoan-thanh" if rng.random() < 0.8 else "dang-thuc-hien"
        elif quarter == 1 and rng.random() < 0.15:
            status = "chua-trien-khai"
        else:
            status = "dang-thuc-hien"
        text = rng.choice(RESULTS[task]).format(unit=name, q=roman, year=YEAR)
        lines += [f"  - task: {task}", f"    status: {status}", f"    results: {_quote(text)}"]
        if status != "chua-trien-khai" and rng.random() < 0.7:
            lines.append("    figures:")
            value = 0
            for name, low, high in FIGURES[task]:
                value = rng.randint(value * 6 // 10, value) if high is None else rng.randint(low, high)
                lines.append(f"      {_quote(name)}: {value}")
        if rng.random() < 0.2:
            lines.append(f"    shortcomings: {_quote(rng.choice(SHORTCOMINGS))}")
        if rng.random() < 0.3:
            lines.append(f"    next_steps: {_quote(rng.choice(NEXT_STEPS))}")
        if rng.random() < 0.1:
            lines.append(f"    proposals: {_quote(rng.choice(PROPOSALS))}")
    return "\n".join(lines) + "\n"


def generate_department(out: Path) -> None:
    """Write the department-scale workspace into `out` (replaced when it exists)."""
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    plans = out / "plans"
    plans.mkdir(parents=True)
    shipped = REPO / "plans"
    shutil.copyfile(shipped / "units.yaml", plans / "units.yaml")
    plan_text = (shipped / f"{PLAN_ID}.yaml").read_text(encoding="utf-8")
    (plans / f"{PLAN_ID}.yaml").write_text(_whole_year(plan_text), encoding="utf-8", newline="\n")
    # The files point their editors at the schemas, as the shipped ones do.
    shutil.copytree(REPO / "schemas", out / "schemas")

    units, tasks, dues, calendar = _roles_and_dues(out)
    rng = random.Random(SEED)
    for period in PERIODS:
        folder = out / "reports" / PLAN_ID / period
        folder.mkdir(parents=True)
        for unit, abbr, name in units:
            if not tasks[unit]:
                continue
            text = _report(unit, abbr, name, period, tasks[unit], dues[period], calendar, rng, rng.randint(5, 180))
            (folder / f"{unit}.yaml").write_text(text, encoding="utf-8", newline="\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default=str(Path(__file__).parent / "department"))
    args = parser.parse_args()
    out = Path(args.out)
    generate_department(out)
    count = sum(1 for _ in (out / "reports").rglob("*.yaml"))
    print(f"{count} report files in {out}")


if __name__ == "__main__":
    sys.exit(main())
