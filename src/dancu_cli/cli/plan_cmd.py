"""`dancu plan list` and `dancu plan show [PLAN]`."""

from __future__ import annotations

from typing import Optional

import typer

from .groups import make_typer
from .options import TableFormat, TableFormatOption

plan_app = make_typer("Xem các kế hoạch và nhiệm vụ của chúng; thêm kế hoạch mới từ văn bản Word, PDF (import) hoặc bằng cách trả lời từng câu hỏi (new).")


@plan_app.command("list")
def plan_list(
    ctx: typer.Context,
    fmt: TableFormatOption = TableFormat.text,
) -> None:
    """Liệt kê các kế hoạch trong không gian làm việc."""
    import json

    from ..core.dates import format_date
    from .output import console, open_workspace

    ws = open_workspace(ctx, include_reports=False)
    plans = sorted(ws.plans.values(), key=lambda p: p.document.issued_on)
    if fmt == TableFormat.json:
        rows = [
            {"id": p.id, "reference": p.reference, "issued_on": p.document.issued_on.isoformat(),
             "title": p.document.title, "tasks": len(p.tasks),
             "starts_on": p.window.starts_on.isoformat(), "ends_on": p.window.ends_on.isoformat()}
            for p in plans
        ]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAVY, title="Các kế hoạch", title_justify="left")
    table.add_column("Mã", no_wrap=True)
    table.add_column("Số, ký hiệu", no_wrap=True)
    table.add_column("Trích yếu", ratio=1)
    table.add_column("Nhiệm vụ", justify="right")
    table.add_column("Thời gian", no_wrap=False)
    for p in plans:
        table.add_row(p.id, p.reference, p.document.title, str(len(p.tasks)),
                      f"{format_date(p.window.starts_on)} – {format_date(p.window.ends_on)}")
    out = console()
    out.print(table)
    if not plans:
        out.print("Chưa có kế hoạch nào trong thư mục plans/.")


@plan_app.command("show")
def plan_show(
    ctx: typer.Context,
    plan_id: Optional[str] = typer.Argument(None, metavar="[KẾ_HOẠCH]", help="Mã kế hoạch (ví dụ 2599-KH-SKHCN); bỏ trống khi chỉ có một kế hoạch."),
    fmt: TableFormatOption = TableFormat.text,
) -> None:
    """Hiện thông tin chung của kế hoạch và bảng các nhiệm vụ."""
    import json

    from .options import pick_plan
    from .output import console, open_workspace

    ws = open_workspace(ctx, include_reports=False)
    plan = pick_plan(ws, plan_id)
    if fmt == TableFormat.json:
        typer.echo(json.dumps(plan.to_data(json_mode=True), ensure_ascii=False, indent=2))
        return
    from .views import plan_header, tasks_table

    out = console()
    for line, style in plan_header(plan, ws.registry) + tasks_table(plan, ws.registry, out.width):
        out.print(line, style=style, soft_wrap=line.startswith(" "))
