"""`dancu report import`: record filled forms (Excel, Word) and CSV rows, with the checks of `report add`."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from .options import PERIOD_FORMS, UNIT_HELP, parse_date_option, parse_period_option


def report_import(
    ctx: typer.Context,
    files: List[Path] = typer.Argument(..., metavar="TỆP...", show_default=False,
                                       help="Biểu mẫu Excel (.xlsx) hoặc Word (.docx) đã điền, hoặc tệp CSV như `report list --format csv`."),
    check: bool = typer.Option(False, "--check", help="Chỉ kiểm tra, không ghi gì."),
    replace: bool = typer.Option(False, "--replace", help="Cho phép thay các mục (và số, ngày) đã ghi nhận trước đó."),
    received_on: Optional[str] = typer.Option(
        None, "--received-on", metavar="NGÀY", callback=parse_date_option, show_default=False,
        help="Ngày Văn phòng Sở nhận báo cáo. Mặc định: như `report add`, hôm nay (giờ Việt Nam) nếu báo cáo chưa có "
        "ngày nhận. Tệp CSV giữ ngày nhận ghi trong tệp."),
    plan_id: Optional[str] = typer.Option(None, "--plan", metavar="KẾ_HOẠCH", show_default=False,
                                          help="Chỉ nhận báo cáo của kế hoạch này; tệp của kế hoạch khác bị từ chối."),
    unit: Optional[str] = typer.Option(None, "--unit", metavar="ĐƠN_VỊ", show_default=False,
                                       help="Chỉ nhận báo cáo của đơn vị này. " + UNIT_HELP),
    period: Optional[str] = typer.Option(None, "--period", metavar="KỲ", show_default=False, callback=parse_period_option,
                                         help=f"Chỉ nhận báo cáo của kỳ này: {PERIOD_FORMS}."),
) -> None:
    """Nhập báo cáo từ biểu mẫu đã điền (Excel, Word) hoặc tệp CSV, với đúng các bước kiểm tra của `report add`.

    Mỗi tệp được nhận cả hoặc không nhận gì: tệp có lỗi không ghi mục nào, và mỗi lỗi nêu tệp và ô (hoặc dòng);
    các tệp khác vẫn được nhập. Dòng nhiệm vụ để trống là chưa báo cáo; số 0 là đã báo cáo bằng 0. Cuối cùng,
    lệnh cho biết từng tệp: đã ghi, không thay đổi hay bị từ chối. Mã thoát 1 khi có tệp bị từ chối."""
    from ..core.intake import OUTCOME_LABELS, CellProblem, FileOutcome, FileRefused, record, unexpected
    from ..core.reports import ReportStore
    from ..office.reading import read_reports
    from .options import pick_plan, pick_unit
    from .output import open_workspace
    from .report_cmd import _say_saved

    ws = open_workspace(ctx, include_reports=False)
    store = ReportStore(ws)
    wanted = {"plan_id": pick_plan(ws, plan_id).id if plan_id else None,
              "unit_id": pick_unit(ws, unit).id if unit else None,
              "period_key": period.key if period else None}
    names = {u.id: u.name for u in ws.registry.units} | {p.id: p.reference for p in ws.plans.values()}
    outcomes: list[FileOutcome] = []
    from ..core.text import printable

    for path in files:
        shown = printable(str(path))  # a file name is shown on the terminal: never its control characters
        if not path.is_file():
            why = "Đây là thư mục, không phải tệp" if path.is_dir() else "Không tìm thấy tệp"
            outcome = FileOutcome(shown, "refused", [CellProblem(None, why)])
        else:
            try:
                filled = read_reports(path)
                problems = [p for item in filled for p in unexpected(item, names, **wanted)]
                if problems:
                    raise FileRefused(problems)
            except FileRefused as exc:
                outcome = FileOutcome(shown, "refused", exc.problems)
            else:
                outcome = record(store, shown, filled, replace=replace, check_only=check, received_on=received_on)
        outcomes.append(outcome)
        _say(store, outcome, _say_saved)
    typer.echo("")
    typer.echo("Tổng kết:" + (" (chỉ kiểm tra, chưa ghi gì)" if check else ""))
    width = max(len(label) for label in OUTCOME_LABELS.values())
    for outcome in outcomes:
        typer.echo(f"  {OUTCOME_LABELS[outcome.outcome]:<{width}}  {outcome.file}{_detail(outcome)}")
    counts = {k: sum(1 for o in outcomes if o.outcome == k) for k in OUTCOME_LABELS}
    parts = [f"{label} {counts[k]}" for k, label in OUTCOME_LABELS.items() if counts[k] or k in ("recorded", "refused")]
    typer.echo(f"{len(outcomes)} tệp: " + ", ".join(parts) + ".")
    raise typer.Exit(1 if counts["refused"] else 0)


def _detail(outcome) -> str:
    if outcome.outcome == "refused":
        return f" ({len(outcome.problems)} lỗi, không ghi gì)"
    if outcome.tasks:
        return f" (nhiệm vụ {', '.join(map(str, outcome.tasks))})"
    return ""


def _say(store, outcome, say_saved) -> None:
    if outcome.outcome == "refused":
        for problem in outcome.problems:
            typer.echo(problem.text(outcome.file), err=True)
        typer.echo(f"{outcome.file}: bị từ chối, không ghi gì.", err=True)
    elif outcome.outcome == "unchanged":
        typer.echo(f"{outcome.file}: không thay đổi (đã ghi nhận đúng như vậy từ trước).")
    elif outcome.outcome == "valid":
        for change in outcome.changes:
            report = change.report
            typer.echo(f"{outcome.file}: hợp lệ; sẽ ghi báo cáo của {store.ws.registry.display(report.unit)}, "
                       f"{report.period.label()}, nhiệm vụ {', '.join(map(str, outcome.tasks))} "
                       f"vào tệp {store.shown(change.path)} (chưa ghi vì có --check).")
    else:
        for change in outcome.changes:
            typer.echo(f"{outcome.file}:")
            say_saved(store, change)
