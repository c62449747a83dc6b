"""`dancu remind`: the reminder letter (công văn đôn đốc) to the units that owe reports."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer

from .app import app
from .deadlines_cmd import AS_OF_HELP, PLAN_HELP
from .output import as_of_date

if TYPE_CHECKING:
    from datetime import date

    from ..core.reminders import ReminderSet

FORMATS = ("md", "docx")


def _new_deadline(text: str | None, today: "date") -> "date":
    """--new-deadline as a working day after today; by default a few working days after today."""
    from ..core.calendar import is_working_day, next_working_day
    from ..core.dates import format_date, parse_date
    from ..core.reminders import DEFAULT_WORKING_DAYS, default_deadline
    from .output import fail

    if text is None:
        return default_deadline(today)
    try:
        day = parse_date(text)
    except ValueError as exc:
        fail(f"--new-deadline: {exc}", 2)
    if day <= today:
        fail(f"--new-deadline: hạn mới {format_date(day)} phải sau hôm nay ({format_date(today)}); "
             f"bỏ trống để lấy {DEFAULT_WORKING_DAYS} ngày làm việc sau hôm nay", 2)
    if not is_working_day(day):
        fail(f"--new-deadline: {format_date(day)} là ngày nghỉ; ngày làm việc kế tiếp là "
             f"{format_date(next_working_day(day))}", 2)
    return day


def _targets(output: Path | None, kind: str, found: "ReminderSet", per_unit: bool, stem: str) -> list[Path | None]:
    """Where each letter goes: None is the screen (Markdown with no -o)."""
    if output is None and kind == "md":
        return [None] * len(found.letters)
    base = output or Path(f"{stem}.docx")
    if not per_unit:
        return [base]
    return [base.with_name(f"{base.stem}-{u.unit_id}{base.suffix}") for u in found.units]


@app.command("remind")
def remind(
    ctx: typer.Context,
    as_of: Optional[str] = typer.Option(None, "--as-of", metavar="NGÀY", help=AS_OF_HELP, callback=as_of_date, show_default=False),
    plan_id: Optional[str] = typer.Option(None, "--plan", metavar="KẾ_HOẠCH", help=PLAN_HELP + " Bỏ trống khi chỉ có một kế hoạch.", show_default=False),
    unit: Optional[str] = typer.Option(None, "--unit", metavar="ĐƠN_VỊ", help="Chỉ đôn đốc đơn vị này (mã, tên viết tắt hoặc tên).", show_default=False),
    period_text: Optional[str] = typer.Option(
        None, "--period", "-p", metavar="KỲ", show_default=False,
        help="Chỉ đôn đốc báo cáo của kỳ này (2025-Q4, quý IV/2025, 2025…). Mặc định: mọi kỳ đã quá hạn.",
    ),
    new_deadline: Optional[str] = typer.Option(
        None, "--new-deadline", metavar="NGÀY", show_default=False,
        help="Hạn mới để các đơn vị gửi báo cáo (31/01/2026 hoặc 2026-01-31), phải là ngày làm việc sau hôm nay. "
        "Mặc định: 5 ngày làm việc sau hôm nay (không tính thứ Bảy, Chủ nhật, ngày nghỉ lễ, Tết).",
    ),
    per_unit: bool = typer.Option(False, "--per-unit", help="Mỗi đơn vị một công văn (mặc định: một công văn gửi mọi đơn vị chậm báo cáo)."),
    fmt: Optional[str] = typer.Option(
        None, "--format", "-f", metavar="ĐỊNH_DẠNG", show_default=False,
        help="md (Markdown) hoặc docx (Word). Mặc định: theo mẫu hoặc đuôi tệp -o; nếu không có thì md.",
    ),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", metavar="TỆP", dir_okay=False, show_default=False,
        help="Ghi vào tệp này (.docx hoặc .md); với --per-unit, mỗi đơn vị một tệp <tên>-<mã đơn vị>.docx. "
        "Không có -o: Markdown in ra màn hình, Word ghi vào cong-van-don-doc-<kế hoạch>-<ngày>.docx.",
    ),
    overwrite: bool = typer.Option(False, "--overwrite", help="Cho phép ghi đè tệp đã có."),
    template: Optional[Path] = typer.Option(
        None, "--template", "-t", metavar="TỆP_MẪU", exists=True, dir_okay=False, show_default=False,
        help="Mẫu riêng: tệp .md.j2 (Markdown, Jinja2) hoặc .docx (Word, docxtpl). Mặc định: mẫu đi kèm dancu.",
    ),
    signer_authority: Optional[str] = typer.Option(
        None, "--signer-authority", metavar="THẨM_QUYỀN", show_default=False,
        help="Thẩm quyền ký, ví dụ “TL. GIÁM ĐỐC”; \"\" để bỏ. Mặc định: như người ký kế hoạch.",
    ),
    signer_title: Optional[str] = typer.Option(
        None, "--signer-title", metavar="CHỨC_VỤ", show_default=False,
        help="Chức vụ người ký, ví dụ “CHÁNH VĂN PHÒNG”. Mặc định: như người ký kế hoạch.",
    ),
    signer_name: Optional[str] = typer.Option(
        None, "--signer-name", metavar="HỌ_TÊN", show_default=False, help="Họ tên người ký. Mặc định: như người ký kế hoạch.",
    ),
) -> None:
    """Soạn công văn đôn đốc các phòng, đơn vị chậm báo cáo (mẫu 1.5, Phụ lục III, Nghị định 30/2020/NĐ-CP).

    Công văn nêu, với từng đơn vị, các báo cáo còn thiếu (nhiệm vụ, kỳ, hạn gửi) — đúng những việc
    `dancu overdue` liệt kê mà đơn vị vẫn chưa gửi — và đề nghị gửi trước hạn mới. Đơn vị đã gửi
    đủ (kể cả gửi trễ) không bao giờ bị đôn đốc. Không có đơn vị nào chậm: lệnh báo vậy, không ghi
    tệp nào, thoát với mã 0."""
    from ..core.atomic import write_bytes_atomic
    from ..core.dates import format_date, parse_period, today_vn
    from ..core.obligations import evaluate
    from ..core.reminders import build_reminders, reports_in_doubt
    from ..core.render import TemplateProblem, render_docx, render_markdown
    from ..core.summary import SignatureBlock
    from ..core.workspace import REPORTS_DIR
    from .deadlines_cmd import _unit_filter
    from .output import fail, open_workspace, os_error_text
    from .plan_cmd import pick_plan
    from .summary_cmd import _pick_format

    kind = _pick_format(fmt, template, output)
    today = today_vn()
    day = as_of or today
    try:
        period = parse_period(period_text) if period_text else None
    except ValueError as exc:
        fail(str(exc), 2)
    deadline = _new_deadline(new_deadline, today)
    ws = open_workspace(ctx)
    plan = pick_plan(ws, plan_id)
    unit_id = _unit_filter(ws, unit) if unit else None
    evaluation = evaluate(ws, plan, day)
    signer = None
    if any(v is not None for v in (signer_authority, signer_title, signer_name)):
        signer = SignatureBlock(plan.signer.authority or "" if signer_authority is None else signer_authority,
                                signer_title or plan.signer.title, signer_name or plan.signer.name)
    found = build_reminders(plan, ws.registry, evaluation, deadline, unit_id=unit_id, period=period,
                            per_unit=per_unit, signer=signer)
    if found.drafter is not None:
        owed = "; ".join(i.text for i in found.drafter.items)
        typer.echo(f"Lưu ý: {found.drafter.name} là đơn vị soạn công văn nên không có trong công văn; "
                   f"đơn vị này còn thiếu: {owed}.", err=True)
    if not found.letters:
        typer.echo(f"Không có đơn vị nào chậm báo cáo tính đến ngày {format_date(day)}; không lập công văn.")
        return
    doubtful = reports_in_doubt(ws.broken_reports, ws.root / REPORTS_DIR, plan.id, {u.unit_id for u in found.units})
    if doubtful:
        names = ", ".join(p.name for p in doubtful)
        fail(f"không lập công văn: tệp báo cáo có lỗi ({names}) bị bỏ qua, nên công văn có thể ghi sai rằng đơn vị "
             "chưa báo cáo. Hãy sửa tệp (xem `dancu validate`) rồi chạy lại.")
    targets = _targets(output, kind, found, per_unit, f"cong-van-don-doc-{plan.id}-{day.isoformat()}")
    existing = [t for t in targets if t is not None and t.exists()]
    if existing and not overwrite:
        fail("tệp đã có: " + ", ".join(map(str, existing)) + "; dùng --overwrite để ghi đè, hoặc chọn tên khác (-o)")
    try:
        documents = [render_markdown(letter, template, "reminder.md.j2") if kind == "md"
                     else render_docx(letter, template, "reminder.docx") for letter in found.letters]
    except TemplateProblem as exc:
        fail(str(exc))
    if targets[0] is None:
        typer.echo("\n---\n\n".join(documents), nl=False)
        return
    for target, document in zip(targets, documents):
        try:
            write_bytes_atomic(target, document.encode("utf-8") if isinstance(document, str) else document)
        except OSError as exc:
            fail(f"không ghi được tệp {target}: {os_error_text(exc)}")
    units = "; ".join(u.name for u in found.units)
    where = ", ".join(map(str, targets))
    typer.echo(f"Đã ghi công văn đôn đốc {len(found.units)} đơn vị ({units}), hạn mới {format_date(deadline)}, "
               f"vào {where}.")
