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


def _plan_period(store, plan, period):
    """A period the plan reports on (core/periods.py), else the refusal with the plan's nearest period named."""
    from ..core.checks import period_findings
    from ..core.reports import ReportError

    problems = period_findings(plan, period, store.context(None).periods(plan))
    if problems:
        raise ReportError(problems[0].message)
    return period


def _ask_figures() -> list[str]:
    from ..core.reports import ReportError, read_figure

    figures: list[str] = []
    while text := _ask_optional("Số liệu, dạng Tên=số"):
        try:
            name, value = read_figure(text)  # ask again for a bad figure now, rather than refuse all the typing later
            if value < 0:
                raise ReportError(f"Số liệu “{name}”: phải là số không âm (từ 0 trở lên), không phải {text.rpartition('=')[2].strip()}")
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
    the_period = _given_or_ask(period, lambda text: _plan_period(store, plan, read_period(text)),
                               "Kỳ báo cáo (ví dụ quý IV/2025)")
    task = task if task is not None else _choose_task(plan, ws.registry, the_unit)
    the_status = read_status(status) if status is not None else _choose_status()
    results = results if results is not None else typer.prompt("Kết quả thực hiện")
    if missing:  # a person is answering questions: offer the optional parts too
        figures = figures or _ask_figures()
        shortcomings = shortcomings or _ask_optional("Tồn tại, hạn chế")
        next_steps = next_steps or _ask_optional("Phương hướng, nhiệm vụ kỳ tới")
        proposals = proposals or _ask_optional("Đề xuất, kiến nghị")
        # The document's reference and dates: the received date decides on time or late. A date other than
        # that of the file's documents starts a new document (submission) in the same file.
        current = store.read(store.path(plan.id, the_period, the_unit.id))
        last = current.parts()[-1] if current else None
        if last is not None and number is None and issued_on is None and received_on is None:
            from ..core.dates import format_date

            day = format_date(last.received_on or last.issued_on) or "chưa ghi ngày"
            answer = _ask_optional(f"Số, ký hiệu văn bản: Enter = văn bản đã có ({last.number or 'không số'}, "
                                   f"ngày {day}); hoặc gõ số của văn bản bổ sung")
            if answer is None:
                number, issued_on, received_on = last.number, last.issued_on, last.received_on
            else:
                number = answer
        elif number is None:
            number = _ask_optional("Số, ký hiệu văn bản của đơn vị (ví dụ 45/BC-VP)")
        if received_on is None and (last is None or number != last.number):
            issued_on = issued_on or _ask_date(store, plan, the_period, "Ngày đơn vị ban hành văn bản (31/12/2025)",
                                               optional=True)
            received_on = _ask_date(store, plan, the_period, "Ngày Văn phòng Sở nhận văn bản", issued=issued_on)
    # Every entry gets a received date: today (Vietnam time) unless another is given.
    defaulted = received_on is None
    received_on = received_on or store.today
    entry = {"task": task, "status": the_status, "results": results, "figures": read_figures(figures or []),
             "shortcomings": shortcomings, "next_steps": next_steps, "proposals": proposals}
    raw = {"plan": plan.id, "unit": the_unit.id, "period": the_period.key, "number": number,
           "issued_on": issued_on, "received_on": received_on,
           "entries": [{k: v for k, v in entry.items() if v is not None}]}
    change = store.save({k: v for k, v in raw.items() if v is not None}, replace)
    change.received_defaulted = defaulted
    _say_saved(store, change)


def _ask_date(store, plan, period, label: str, optional: bool = False, issued=None):
    """A date typed at its prompt, checked at once by the report date rules; asked again with the reason."""
    from ..core.checks import date_problem
    from ..core.dates import format_date, parse_date
    from ..core.reports import ReportError

    today = format_date(store.today)

    def convert(text: str):
        text = text.strip()
        if not text:
            return None
        try:
            day = parse_date(text)
        except ValueError as exc:
            raise ReportError(str(exc)) from None
        problem = date_problem(plan, period, "issued_on" if optional else "received_on", day, store.today,
                               issued=issued, calendar=store.ws.calendar)
        if problem:
            raise ReportError(problem)
        return day

    while True:
        answer = typer.prompt(f"{label} (Enter = {'bỏ qua' if optional else f'hôm nay, {today}'})",
                              default="" if optional else today, show_default=False)
        try:
            return convert(answer)
        except ReportError as exc:
            typer.echo(f"  {exc}", err=True)


def _say_saved(store, change) -> None:
    from ..core.reports import FIELD_LABELS, entry_summary, shown_value

    report = change.report
    tasks = sorted(change.added + [e.task for e in change.replaced])
    what = f", nhiệm vụ {', '.join(map(str, tasks))}" if tasks else ""
    new = " (tệp mới)" if change.created else ""
    typer.echo(f"Đã ghi báo cáo của {store.ws.registry.display(report.unit)}, {report.period.label()}{what} "
               f"vào tệp {store.shown(change.path)}{new}.")
    _say_document(store, change)
    for old in change.replaced:
        typer.echo(f"Đã thay mục cũ của nhiệm vụ {old.task} ({entry_summary(old)}).")
    for name, old, value in change.header_replaced:
        typer.echo(f"Đã thay {FIELD_LABELS[name]} “{shown_value(old)}” bằng “{shown_value(value)}”.")
    _warn_dropped_comments(change)


def _say_document(store, change) -> None:
    """Which date the entries count from, and which document of the file they went into."""
    from ..core.dates import format_date

    if change.submission is None:
        return
    index, is_new = change.submission
    parts = change.report.parts()
    part = parts[index - 1]
    day = part.received_on or part.issued_on
    how = ("hôm nay theo giờ Việt Nam; ghi ngày khác bằng --received-on" if change.received_defaulted
           else "ngày nhận" if part.received_on else "không có ngày nhận, tính theo ngày ban hành")
    typer.echo(f"Ngày tính đúng hạn: {format_date(day)} ({how}).")
    if len(parts) > 1:
        number = f" số {part.number}" if part.number else ""
        state = "văn bản mới" if is_new else "văn bản đã có"
        typer.echo(f"Mục được ghi vào {state}{number}, văn bản thứ {index} trong {len(parts)} văn bản của tệp; "
                   "mỗi văn bản được tính đúng hạn theo ngày của nó.")


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

        typer.echo(json.dumps(report.to_data(json_mode=True), ensure_ascii=False, indent=2))
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
        last = " Đây là mục cuối cùng nên tệp báo cáo cũng sẽ bị xóa." if len(report.all_entries()) == 1 else ""
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
        typer.echo(f"Đã xóa {what} khỏi tệp {shown}; còn {len(change.report.all_entries())} mục.")
    _warn_dropped_comments(change)
