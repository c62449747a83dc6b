"""`dancu report add|list|show|remove`: the units' periodic reports, one file per unit and period."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable, List, Optional, TypeVar

import typer

from .groups import make_typer
from .options import (ListFormat, ListFormatOption, PeriodArgument, PeriodFilterOption, PeriodOption, PlanOption,
                      TableFormat, TableFormatOption, TaskFilterOption, TaskOption, UnitArgument, UnitFilterOption,
                      UnitOption, parse_date_option)

report_app = make_typer("Ghi nhận và xem báo cáo định kỳ của các phòng, đơn vị (thư mục reports/).")

T = TypeVar("T")
STATUS_HELP = "Tình trạng: “chưa triển khai”, “đang thực hiện” hoặc “hoàn thành” (có dấu hay không dấu)."


def stdin_is_interactive() -> bool:
    """Whether a person is there to answer prompts. Tests replace this function."""
    return sys.stdin.isatty()


def _ask(label: str, convert: Callable[[str], T]) -> T:
    """Prompt until `convert` accepts the answer; its ReportError says what is wrong."""
    from .prompts import ask

    return ask(label, convert)


def _given_or_ask(given: Optional[T], convert: Callable[[str], T], label: str) -> T:
    return given if given is not None else _ask(label, convert)


def _choose_task(plan, registry, unit) -> int:
    from ..core.models.plan import ROLE_LABELS
    from ..core.reports import ReportError
    from .views import shorten

    roles = plan.unit_roles(registry, unit.id)
    if not roles:
        raise ReportError(f"{unit.name} không có vai trò (chủ trì, phối hợp, thực hiện) trong nhiệm vụ nào "
                          f"của kế hoạch {plan.id}.")
    typer.echo(f"Các nhiệm vụ mà {unit.name} có vai trò trong kế hoạch {plan.id}:")
    for number, names in roles.items():
        typer.echo(f"  {number}. {shorten(plan.task(number).heading, 60)} ({', '.join(ROLE_LABELS[r] for r in names)})")

    def pick(text: str) -> int:
        if text.strip().isdigit() and int(text) in roles:
            return int(text)
        raise ReportError(f"Hãy gõ một trong các số: {', '.join(map(str, roles))}")

    return _ask("Chọn số nhiệm vụ", pick)


def _choose_status() -> str:
    from ..core.models.report import STATUS_LABELS
    from ..core.reports import read_status

    slugs = list(STATUS_LABELS)
    typer.echo("Tình trạng:")
    for i, slug in enumerate(slugs, 1):
        typer.echo(f"  {i}. {STATUS_LABELS[slug]}")

    def pick(text: str) -> str:
        t = text.strip()
        return slugs[int(t) - 1] if t.isdigit() and 1 <= int(t) <= len(slugs) else read_status(t)

    return _ask("Chọn tình trạng (số hoặc tên)", pick)


def _ask_optional(label: str) -> Optional[str]:
    return typer.prompt(f"{label} (Enter để bỏ qua)", default="", show_default=False).strip() or None


def _ask_figures() -> list[str]:
    from ..core.reports import ReportError, read_figure

    figures: list[str] = []
    while text := _ask_optional("Số liệu, dạng Tên=số"):
        try:
            read_figure(text)  # ask again for a malformed figure now, rather than refuse all the typing later
            figures.append(text)
        except ReportError as exc:
            typer.echo(f"  {exc}", err=True)
    return figures


@report_app.command("add")
def report_add(
    ctx: typer.Context,
    plan_id: PlanOption = None,
    unit: UnitOption = None,
    period: PeriodOption = None,
    task: TaskOption = None,
    status: Optional[str] = typer.Option(None, "--status", metavar="TÌNH_TRẠNG", help=STATUS_HELP),
    results: Optional[str] = typer.Option(None, "--results", metavar="VĂN_BẢN", help="Kết quả thực hiện."),
    figures: Optional[List[str]] = typer.Option(
        None, "--figure", metavar="TÊN=SỐ",
        help="Một số liệu không âm, ví dụ “Số lượt tiếp công dân=12”; lặp lại tùy chọn cho nhiều số liệu."),
    shortcomings: Optional[str] = typer.Option(None, "--shortcomings", metavar="VĂN_BẢN", help="Tồn tại, hạn chế."),
    next_steps: Optional[str] = typer.Option(None, "--next-steps", metavar="VĂN_BẢN", help="Phương hướng, nhiệm vụ kỳ tới."),
    proposals: Optional[str] = typer.Option(None, "--proposals", metavar="VĂN_BẢN", help="Đề xuất, kiến nghị."),
    number: Optional[str] = typer.Option(None, "--number", metavar="SỐ_KÝ_HIỆU", help="Số, ký hiệu báo cáo của đơn vị, ví dụ 45/BC-VP."),
    issued_on: Optional[str] = typer.Option(None, "--issued-on", metavar="NGÀY", callback=parse_date_option,
                                            help="Ngày đơn vị ban hành báo cáo: 31/12/2025 hoặc 2025-12-31."),
    received_on: Optional[str] = typer.Option(None, "--received-on", metavar="NGÀY", callback=parse_date_option,
                                              help="Ngày Văn phòng Sở nhận báo cáo."),
    replace: bool = typer.Option(False, "--replace", help="Cho phép thay mục đã có của cùng nhiệm vụ (và số, ngày đã ghi); lệnh báo lại những gì đã thay."),
    from_file: Optional[Path] = typer.Option(
        None, "--from-file", metavar="TỆP",
        help="Ghi cả một báo cáo từ tệp YAML cùng định dạng với các tệp trong reports/ (tệp ghi sẵn kế hoạch, đơn vị, kỳ và các mục)."),
) -> None:
    """Ghi nhận báo cáo của một đơn vị về một nhiệm vụ trong một kỳ; tạo tệp báo cáo khi cần.

    Trên terminal, thông tin bắt buộc còn thiếu (đơn vị, kỳ, nhiệm vụ, tình trạng, kết quả) được hỏi lần lượt.
    Trong script (không phải terminal), lệnh không hỏi: thiếu tùy chọn nào thì báo tên tùy chọn đó và thoát
    với mã 2. Mọi thông tin được kiểm tra trước khi ghi; bị từ chối thì không ghi gì và thoát với mã 1."""
    from ..core.dates import format_date
    from ..core.reports import ReportStore, read_figures, read_period, read_status
    from .options import pick_plan, pick_unit
    from .output import fail, open_workspace

    entry_options = {"--plan": plan_id, "--unit": unit, "--period": period, "--task": task, "--status": status,
                     "--results": results, "--figure": figures, "--shortcomings": shortcomings,
                     "--next-steps": next_steps, "--proposals": proposals, "--number": number,
                     "--issued-on": issued_on, "--received-on": received_on}
    if from_file is not None:
        clash = [name for name, value in entry_options.items() if value]
        if clash:
            fail(f"--from-file không dùng cùng {', '.join(clash)}: tệp đã ghi đủ các thông tin đó.", 2)
        if not from_file.is_file():
            fail(f"không tìm thấy tệp: {from_file}", 2)
        store = ReportStore(open_workspace(ctx, include_reports=False))
        _say_saved(store, store.add_file(from_file, replace))
        return

    required = ("--unit", "--period", "--task", "--status", "--results")
    missing = [name for name in required if entry_options[name] is None]
    if missing and not stdin_is_interactive():
        fail(f"thiếu {', '.join(missing)}. Khi không chạy trên terminal, lệnh không hỏi lại; "
             "hãy ghi đủ các tùy chọn này.", 2)
    ws = open_workspace(ctx, include_reports=False)
    plan = pick_plan(ws, plan_id)
    store = ReportStore(ws)
    the_unit = pick_unit(ws, unit) if unit is not None else _ask(
        "Đơn vị báo cáo (mã, viết tắt hoặc tên)", lambda t: pick_unit(ws, t))
    the_period = _given_or_ask(period, read_period, "Kỳ báo cáo (ví dụ quý IV/2025)")
    task = task if task is not None else _choose_task(plan, ws.registry, the_unit)
    the_status = read_status(status) if status is not None else _choose_status()
    results = results if results is not None else typer.prompt("Kết quả thực hiện")
    if missing:  # a person is answering questions: offer the optional parts too
        figures = figures or _ask_figures()
        shortcomings = shortcomings or _ask_optional("Tồn tại, hạn chế")
        next_steps = next_steps or _ask_optional("Phương hướng, nhiệm vụ kỳ tới")
        proposals = proposals or _ask_optional("Đề xuất, kiến nghị")
        # The report's reference and dates, once per file: the received date decides on time or late.
        current = store.read(store.path(plan.id, the_period, the_unit.id))
        if current is None or current.number is None:
            number = number or _ask_optional("Số, ký hiệu báo cáo của đơn vị (ví dụ 45/BC-VP)")
        if current is None or current.issued_on is None:
            issued_on = issued_on or _ask_optional("Ngày đơn vị ban hành báo cáo (31/12/2025)")
        if current is None or current.received_on is None:
            today = format_date(store.today)
            received_on = received_on or typer.prompt(
                f"Ngày Văn phòng Sở nhận báo cáo (Enter = hôm nay, {today})", default=today, show_default=False)
    entry = {"task": task, "status": the_status, "results": results, "figures": read_figures(figures or []),
             "shortcomings": shortcomings, "next_steps": next_steps, "proposals": proposals}
    raw = {"plan": plan.id, "unit": the_unit.id, "period": the_period.key, "number": number,
           "issued_on": issued_on, "received_on": received_on,
           "entries": [{k: v for k, v in entry.items() if v is not None}]}
    _say_saved(store, store.save({k: v for k, v in raw.items() if v is not None}, replace))


def _say_saved(store, change) -> None:
    from ..core.reports import FIELD_LABELS, entry_summary, shown_value

    report = change.report
    tasks = sorted(change.added + [e.task for e in change.replaced])
    what = f", nhiệm vụ {', '.join(map(str, tasks))}" if tasks else ""
    new = " (tệp mới)" if change.created else ""
    typer.echo(f"Đã ghi báo cáo của {store.ws.registry.display(report.unit)}, {report.period.label()}{what} "
               f"vào tệp {store.shown(change.path)}{new}.")
    for old in change.replaced:
        typer.echo(f"Đã thay mục cũ của nhiệm vụ {old.task} ({entry_summary(old)}).")
    for name, old, value in change.header_replaced:
        typer.echo(f"Đã thay {FIELD_LABELS[name]} “{shown_value(old)}” bằng “{shown_value(value)}”.")
    _warn_dropped_comments(change)


def _warn_dropped_comments(change) -> None:
    if change.dropped_comments:
        typer.echo(f"Lưu ý: tệp cũ có {change.dropped_comments} dòng chú thích (#) viết tay; lệnh ghi lại tệp theo "
                   "mẫu chuẩn nên các dòng đó không còn (xem lại bằng `git diff` nếu cần).", err=True)


@report_app.command("list")
def report_list(
    ctx: typer.Context,
    plan_id: PlanOption = None,
    period: PeriodFilterOption = None,
    unit: UnitFilterOption = None,
    task: TaskFilterOption = None,
    status: Optional[str] = typer.Option(None, "--status", metavar="TÌNH_TRẠNG", help="Chỉ tình trạng này."),
    fmt: ListFormatOption = ListFormat.text,
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", metavar="TỆP",
        help="Ghi json, csv hoặc xlsx ra tệp. Tệp csv có BOM UTF-8 để Excel hiện đúng tiếng Việt. xlsx không có -o: "
        "ghi vào danh-sach-bao-cao.xlsx; `report import` đọc lại được cả csv và xlsx."),
) -> None:
    """Liệt kê các mục báo cáo đã ghi nhận: mỗi dòng là một nhiệm vụ trong báo cáo của một đơn vị, một kỳ."""
    from ..core.atomic import write_bytes_atomic
    from ..core.reports import ReportStore, read_status, select
    from .options import pick_plan, pick_unit
    from .output import fail, open_workspace
    from .report_views import report_csv, report_records, reports_table

    if output is not None and fmt == ListFormat.text and output.suffix.lower() == ".xlsx":
        fmt = ListFormat.xlsx
    if output is not None and fmt == ListFormat.text:
        fail("--output chỉ dùng với --format json, csv hoặc xlsx", 2)
    ws = open_workspace(ctx, strict=False)  # a broken file must not hide the others
    if ws.registry is None:
        fail("không đọc được danh mục đơn vị plans/units.yaml; xem `dancu validate`.")
    from ..core.text import printable

    for problem in ws.walk_problems:  # a folder that cannot be read hides reports: say which
        typer.echo(printable(f"Cảnh báo: {problem.file}: {problem.message}"), err=True)
    errors = [p for p in ws.problems if p.severity == "error"]
    if errors:
        typer.echo(f"Cảnh báo: có {len(errors)} lỗi trong {len({p.file for p in errors})} tệp; tệp báo cáo có lỗi "
                   "không được liệt kê. Chạy `dancu validate` để xem chi tiết.", err=True)
    rows = select(ws.reports, plan_id=pick_plan(ws, plan_id).id if plan_id else None, period=period,
                  unit_id=pick_unit(ws, unit).id if unit else None,
                  task=task, status=read_status(status) if status else None)
    store = ReportStore(ws)
    if fmt == ListFormat.text:
        from .output import console

        typer.echo(reports_table(rows, ws.registry, console().width))
        return
    if fmt == ListFormat.xlsx:
        from ..office.xlsx_tables import report_list_workbook
        from .options import xlsx_target
        from .output import os_error_text

        target = xlsx_target(output, "danh-sach-bao-cao.xlsx")
        try:
            write_bytes_atomic(target, report_list_workbook(report_records(rows, store)))
        except OSError as exc:
            fail(f"không ghi được tệp {target}: {os_error_text(exc)}")
        typer.echo(f"Đã ghi {len(rows)} dòng vào tệp {target}.", err=True)
        return
    if fmt == ListFormat.json:
        import json

        text, encoding = json.dumps(report_records(rows, store), ensure_ascii=False, indent=2) + "\n", "utf-8"
    else:
        # Excel on Windows reads a CSV file as ANSI unless it starts with a BOM; pipes want none.
        text, encoding = report_csv(report_records(rows, store)), "utf-8-sig"
    if output is None:
        typer.echo(text, nl=False)
        return
    write_bytes_atomic(output, text.encode(encoding))
    typer.echo(f"Đã ghi {len(rows)} dòng vào tệp {output}.", err=True)


@report_app.command("show")
def report_show(
    ctx: typer.Context,
    unit: UnitArgument,
    period: PeriodArgument,
    plan_id: PlanOption = None,
    fmt: TableFormatOption = TableFormat.text,
) -> None:
    """In toàn bộ báo cáo của một đơn vị trong một kỳ: số, ngày, rồi từng nhiệm vụ với kết quả, số liệu,
    tồn tại, phương hướng và đề xuất."""
    from ..core.reports import ReportStore
    from .options import pick_plan, pick_unit
    from .output import console, open_workspace
    from .report_views import report_view

    ws = open_workspace(ctx, include_reports=False)
    plan = pick_plan(ws, plan_id)
    store = ReportStore(ws)
    the_unit = pick_unit(ws, unit)
    path = store.path(plan.id, period, the_unit.id)
    report = store.read(path)
    if report is None:
        raise store.missing(plan.id, period, the_unit.id)
    if fmt == TableFormat.json:
        import json

        typer.echo(json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    console().print(report_view(report, plan, ws.registry, store.shown(path)))


@report_app.command("remove")
def report_remove(
    ctx: typer.Context,
    unit: UnitArgument,
    period: PeriodArgument,
    task: int = typer.Option(..., "--task", metavar="SỐ", min=1, help="Số thứ tự nhiệm vụ có mục cần xóa."),
    plan_id: PlanOption = None,
    yes: bool = typer.Option(False, "--yes", "-y", help="Xóa luôn, không hỏi xác nhận (cho script)."),
) -> None:
    """Xóa mục báo cáo của một nhiệm vụ khỏi báo cáo của một đơn vị trong một kỳ.

    Lệnh hỏi xác nhận trước khi xóa (--yes để bỏ qua). Xóa mục cuối cùng thì xóa luôn tệp báo cáo."""
    from ..core.reports import ReportStore, entry_summary
    from .options import pick_plan, pick_unit
    from .output import open_workspace
    from .prompts import confirm

    ws = open_workspace(ctx, include_reports=False)
    plan = pick_plan(ws, plan_id)
    store = ReportStore(ws)
    the_unit = pick_unit(ws, unit)
    report = store.read(store.path(plan.id, period, the_unit.id))
    entry = report.entry(task) if report else None
    if entry is not None and not yes:
        last = " Đây là mục cuối cùng nên tệp báo cáo cũng sẽ bị xóa." if len(report.entries) == 1 else ""
        question = (f"Xóa mục nhiệm vụ {task} trong báo cáo của {the_unit.name}, {period.label()} "
                    f"({entry_summary(entry)})?{last}")
        if not confirm(question):
            typer.echo("Đã hủy: không xóa gì.")
            raise typer.Exit(1)
    change = store.remove(plan.id, period, the_unit.id, task)
    shown = store.shown(change.path)
    what = f"mục nhiệm vụ {task} ({entry_summary(change.removed)})"
    if change.deleted:
        typer.echo(f"Đã xóa {what}; đó là mục cuối cùng nên đã xóa cả tệp {shown}.")
    else:
        typer.echo(f"Đã xóa {what} khỏi tệp {shown}; còn {len(change.report.entries)} mục.")
    _warn_dropped_comments(change)
