"""`dancu calendar [NĂM]`: the official calendar of a year and each plan's reporting periods in it.

`calendar` is a command group: `dancu calendar 2026` is short for `dancu calendar show 2026`;
`dancu calendar export` writes every due date as an iCalendar (.ics) feed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .groups import DancuGroup, make_typer
from .options import PlansOption, TableFormat, TableFormatOption, UnitFilterOption


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


@calendar_app.command("export")
def calendar_export(
    ctx: typer.Context,
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", metavar="TỆP", dir_okay=False, show_default=False,
        help="Tệp lịch cần ghi, ví dụ han-bao-cao.ics. Không có -o: in ra màn hình.",
    ),
    plan_id: PlansOption = None,
    unit: UnitFilterOption = None,
    overwrite: bool = typer.Option(False, "--overwrite", help="Cho phép ghi đè tệp đã có (ví dụ khi cron xuất lại hằng ngày)."),
) -> None:
    """Xuất lịch các hạn gửi báo cáo và hạn hoàn thành nhiệm vụ thành tệp iCalendar (.ics).

    Mỗi hạn là một sự kiện cả ngày, có tên và mô tả tiếng Việt (kế hoạch, kỳ, nhiệm vụ, đơn vị) và lời
    nhắc lúc 8 giờ sáng, 3 ngày trước hạn. Mã sự kiện (UID) cố định, nên nhập lại tệp mới sẽ cập nhật
    các sự kiện cũ thay vì tạo bản trùng."""
    from ..core.calendar_feed import calendar_bytes, due_events
    from ..core.dates import today_vn
    from ..core.obligations import evaluate
    from .documents import write_document
    from .options import pick_plan, pick_unit
    from .output import fail, open_workspace

    if output is not None and output.exists() and not overwrite:
        fail(f"tệp đã có: {output}; dùng --overwrite để ghi đè, hoặc chọn tên khác (-o)")
    ws = open_workspace(ctx, include_reports=False)
    plans = [pick_plan(ws, plan_id)] if plan_id else sorted(ws.plans.values(), key=lambda p: p.id)
    unit_id = pick_unit(ws, unit).id if unit else None
    events = []
    for plan in plans:
        # Due dates do not depend on reports, only on the plan and the calendar.
        events += due_events(plan, evaluate(plan, ws.registry, [], today_vn(), ws.calendar), unit_id)
    events.sort(key=lambda e: (e.day, e.uid))
    issuers = sorted({p.issuer.name for p in plans})
    name = "Hạn báo cáo – " + "; ".join(issuers) + (f" – {ws.registry.display(unit_id)}" if unit_id else "")
    data = calendar_bytes(events, name)
    if output is None:
        typer.echo(data.decode("utf-8"), nl=False)
        return
    write_document(output, data)
    reports = sum(e.kind == "report" for e in events)
    typer.echo(f"Đã ghi {len(events)} sự kiện ({reports} hạn gửi báo cáo, {len(events) - reports} hạn hoàn thành "
               f"nhiệm vụ) vào {output}.")
