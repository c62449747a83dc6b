"""`dancu calendar` as text and JSON."""

from __future__ import annotations

import textwrap

import typer

from ..core.calendar import LABOUR_CODE, WEEKDAY_LABELS
from ..core.dates import format_date
from ..core.models.plan import FREQUENCY_LABELS
from ..core.periods import YearCalendar

CUTOFF_LABELS = {"calendar": "theo lịch", "decree_09": "chốt số liệu theo Nghị định 09/2019/NĐ-CP"}


def _weekday(day) -> str:
    return WEEKDAY_LABELS[day.weekday()]


def print_year(view: YearCalendar) -> None:
    off = [d for d in view.days if not d.working]
    worked = [d for d in view.days if d.working]
    typer.echo(f"Lịch làm việc năm {view.year}\n")
    typer.echo("Ngày nghỉ (ngoài thứ Bảy, Chủ nhật thông thường):")
    for d in off:
        typer.echo(f"  {d.weekday:<10}{format_date(d.day)}  {d.name}")
        if d.reference != LABOUR_CODE:
            typer.echo(f"  {'':<10}{'':<10}  ({d.reference})")
    if not off:
        typer.echo("  (không có)")
    typer.echo("\nNgày làm việc bù vào thứ Bảy, Chủ nhật:")
    for d in worked:
        typer.echo(f"  {d.weekday:<10}{format_date(d.day)}  {d.name}")
        typer.echo(f"  {'':<10}{'':<10}  ({d.reference})")
    if not worked:
        typer.echo("  (không có)")
    note = (f"Ngày lễ, Tết theo {LABOUR_CODE}; ngày nghỉ, làm bù khác theo văn bản ghi kèm (bảng đi kèm dancu "
            "và tệp plans/calendar.yaml của Văn phòng).")
    typer.echo("\n" + textwrap.fill(note, 80))
    for item in view.plans:
        r = item.plan.reporting
        typer.echo(f"\nKỳ báo cáo của kế hoạch {item.plan.reference} ({FREQUENCY_LABELS[r.frequency]}, "
                   f"{CUTOFF_LABELS[r.cutoff]}; {item.rule}):")
        typer.echo(f"  {'Kỳ':<9}{'Từ ngày':<12}{'Đến ngày':<12}Hạn gửi báo cáo")
        for p in item.periods:
            typer.echo(f"  {p.key:<9}{format_date(p.start):<12}{format_date(p.end):<12}"
                       f"{_weekday(p.due)} {format_date(p.due)}")


def year_json(view: YearCalendar) -> dict:
    return {
        "year": view.year,
        "days": [{"date": d.day.isoformat(), "weekday": d.weekday, "working": d.working, "name": d.name,
                  "reference": d.reference} for d in view.days],
        "plans": [{
            "plan": item.plan.id, "reference": item.plan.reference, "rule": item.rule,
            "periods": [{"key": p.key, "label": p.label(), "start": p.start.isoformat(), "end": p.end.isoformat(),
                         "due": p.due.isoformat(), "due_weekday": _weekday(p.due)} for p in item.periods],
        } for item in view.plans],
    }
