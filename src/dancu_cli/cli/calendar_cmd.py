"""`dancu calendar [NĂM]`: the official calendar of a year and each plan's reporting periods in it.

`calendar` is a command group: `dancu calendar 2026` is short for `dancu calendar show 2026`,
and further subcommands (such as an export) sit beside `show`.
"""

from __future__ import annotations

from typing import Optional

import typer
from typer.core import TyperGroup

from .app import app, make_typer


class _ShowByDefault(TyperGroup):
    """Routes `dancu calendar`, `dancu calendar 2026` and `dancu calendar --plan X` to `show`."""

    def parse_args(self, ctx, args):  # type: ignore[no-untyped-def]
        first = args[0] if args else None
        if first is None or first.isdigit() or (first.startswith("-") and first not in ("-h", "--help")):
            args = ["show", *args]
        return super().parse_args(ctx, args)


calendar_app = make_typer(
    "Lịch làm việc chính thức: ngày nghỉ lễ, Tết, ngày nghỉ và làm bù theo thông báo của Chính phủ, "
    "cùng kỳ báo cáo và hạn gửi của các kế hoạch. `dancu calendar 2026` in lịch năm 2026.",
    cls=_ShowByDefault, no_args_is_help=False, subcommand_metavar="[NĂM] | LỆNH [THAM SỐ]...",
)
app.add_typer(calendar_app, name="calendar")


@calendar_app.command("show")
def calendar_show(
    ctx: typer.Context,
    year: Optional[int] = typer.Argument(None, metavar="NĂM", help="Năm, ví dụ 2026. Mặc định: năm nay.", show_default=False),
    plan_id: Optional[str] = typer.Option(None, "--plan", metavar="KẾ_HOẠCH", help="Chỉ kế hoạch này. Mặc định: mọi kế hoạch.",
                                          show_default=False),
    fmt: str = typer.Option("text", "--format", "-f", metavar="ĐỊNH_DẠNG", help="text hoặc json."),
) -> None:
    """In các ngày nghỉ trong năm (ngoài thứ Bảy, Chủ nhật thông thường), các ngày thứ Bảy, Chủ nhật đi làm bù,
    và mỗi kỳ báo cáo của từng kế hoạch có liên quan đến năm đó: từ ngày, đến ngày, hạn gửi.

    Ngày nghỉ lễ, Tết lấy theo Bộ luật Lao động; ngày nghỉ, làm bù do Chính phủ thông báo lấy từ bảng đi kèm
    dancu và từ tệp plans/calendar.yaml của Văn phòng."""
    from ..core.dates import today_vn
    from ..core.periods import calendar_year
    from .calendar_views import print_year, year_json
    from .output import fail, require_format

    require_format(fmt, ("text", "json"))
    year = year or today_vn().year
    if not 1990 <= year <= 2100:
        fail(f"năm {year} không hợp lệ; hãy gõ một năm từ 1990 đến 2100", 2)
    ws = _workspace_if_any(ctx)
    plans = []
    if ws is not None:
        from .plan_cmd import pick_plan

        plans = [pick_plan(ws, plan_id)] if plan_id else sorted(ws.plans.values(), key=lambda p: p.id)
    elif plan_id:
        fail("không tìm thấy không gian làm việc (thư mục có plans/) để đọc kế hoạch", 2)
    view = calendar_year(year, ws.calendar if ws else None, plans)
    if fmt == "json":
        import json

        typer.echo(json.dumps(year_json(view), ensure_ascii=False, indent=2))
        return
    print_year(view)


def _workspace_if_any(ctx: typer.Context):
    """The workspace when there is one: the calendar of a year means something without any plan."""
    import os

    from ..core.workspace import WorkspaceNotFound, find_root
    from .output import open_workspace

    if not (ctx.obj or {}).get("root") and not os.environ.get("DANCU_ROOT"):
        try:
            find_root()
        except WorkspaceNotFound:
            return None
    return open_workspace(ctx, include_reports=False)
