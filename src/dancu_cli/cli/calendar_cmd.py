"""`dancu calendar`: the working-day calendar, and `dancu calendar export`, the .ics feed of due dates.

`dancu calendar 2026` (a year in place of a subcommand) lists the year's days off; the group
routes a leading year to its hidden `year` command, so both forms live in one group.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import click
import typer

from .groups import DancuGroup, make_typer
from .options import PlansOption, UnitFilterOption


class CalendarGroup(DancuGroup):
    """`dancu calendar YEAR` is `dancu calendar year YEAR`; every other word is a subcommand."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0].isdigit():
            args = ["year", *args]
        return super().parse_args(ctx, args)


calendar_app = make_typer(
    "Lịch làm việc và lịch hạn báo cáo. `dancu calendar 2026`: các ngày nghỉ của năm 2026; "
    "`dancu calendar export`: tệp lịch (.ics) các hạn báo cáo, để nhập vào Outlook, Thunderbird, Google Calendar.",
)
calendar_app.info.cls = CalendarGroup


@calendar_app.command("year", hidden=True)
def calendar_year(
    year: int = typer.Argument(..., metavar="NĂM", min=1990, max=2100, help="Năm, ví dụ 2026."),
) -> None:
    """Các ngày nghỉ lễ, Tết (ngoài thứ Bảy, Chủ nhật) và các thứ Bảy đi làm bù của một năm."""
    from ..core.calendar import days_off
    from ..core.dates import format_date

    WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]
    off, worked = days_off(year)
    typer.echo(f"Ngày nghỉ năm {year} (ngoài thứ Bảy, Chủ nhật):")
    for day, name in off:
        typer.echo(f"  {format_date(day)}  {WEEKDAYS[day.weekday()]:<9} {name}")
    if worked:
        typer.echo("Thứ Bảy đi làm bù: " + ", ".join(format_date(d) for d in worked) + ".")


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
        events += due_events(plan, evaluate(plan, ws.registry, [], today_vn()), unit_id)
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
