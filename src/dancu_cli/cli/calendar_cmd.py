"""`dancu calendar [NĂM]`: the official calendar of a year and each plan's reporting periods in it.

`calendar` is a command group: `dancu calendar 2026` is short for `dancu calendar show 2026`,
and further subcommands (such as an export) sit beside `show`.
"""

from __future__ import annotations

from typing import Optional

import typer

from .groups import DancuGroup, make_typer
from .options import PlansOption, TableFormat, TableFormatOption


class _ShowByDefault(DancuGroup):
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


@calendar_app.command("show")
def calendar_show(
    ctx: typer.Context,
    year: Optional[int] = typer.Argument(None, metavar="NĂM", min=1990, max=2100, show_default=False,
                                         help="Năm, ví dụ 2026. Mặc định: năm nay."),
    plan_id: PlansOption = None,
    fmt: TableFormatOption = TableFormat.text,
) -> None:
    """In các ngày nghỉ trong năm (ngoài thứ Bảy, Chủ nhật thông thường), các ngày thứ Bảy, Chủ nhật đi làm bù,
    và mỗi kỳ báo cáo của từng kế hoạch có liên quan đến năm đó: từ ngày, đến ngày, hạn gửi.

    Ngày nghỉ lễ, Tết lấy theo Bộ luật Lao động; ngày nghỉ, làm bù do Chính phủ thông báo lấy từ bảng đi kèm
    dancu và từ tệp plans/calendar.yaml của Văn phòng."""
    from ..core.dates import today_vn
    from ..core.errors import BadValue
    from ..core.periods import calendar_year
    from .calendar_views import print_year, year_json
    from .options import pick_plan

    ws = _workspace_if_any(ctx)
    plans = []
    if ws is not None:
        plans = [pick_plan(ws, plan_id)] if plan_id else sorted(ws.plans.values(), key=lambda p: p.id)
    elif plan_id:
        raise BadValue("không tìm thấy không gian làm việc (thư mục có plans/) để đọc kế hoạch")
    view = calendar_year(year or today_vn().year, ws.calendar if ws else None, plans)
    if fmt == TableFormat.json:
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
