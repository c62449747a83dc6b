"""`dancu remind`: the reminder letter (công văn đôn đốc) to the units that owe reports."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer

from .options import AsOfOption, DocumentFormat, PeriodFilterOption, PlanOption, UnitFilterOption, parse_date_option

if TYPE_CHECKING:
    from datetime import date

    from ..core.reminders import ReminderSet

def _new_deadline(day: "date | None", today: "date", calendar) -> "date":
    """--new-deadline, which must be a working day after today; by default a few working days after today."""
    from ..core.dates import format_date
    from ..core.errors import BadValue
    from ..core.reminders import DEFAULT_WORKING_DAYS, default_deadline

    if day is None:
        return default_deadline(today, calendar)
    if day <= today:
        raise BadValue(f"--new-deadline: hạn mới {format_date(day)} phải sau hôm nay ({format_date(today)}); "
                       f"bỏ trống để lấy {DEFAULT_WORKING_DAYS} ngày làm việc sau hôm nay")
    if not calendar.is_working_day(day):
        raise BadValue(f"--new-deadline: {format_date(day)} là ngày nghỉ; ngày làm việc kế tiếp là "
                       f"{format_date(calendar.next_working_day(day))}")
    return day


def _targets(output: Path | None, kind: str, found: "ReminderSet", per_unit: bool, stem: str) -> list[Path | None]:
    """Where each letter goes: None is the screen (Markdown with no -o)."""
    if output is None and kind == "md":
        return [None] * len(found.letters)
    base = output or Path(f"{stem}.{kind}")
    if not per_unit:
        return [base]
    return [base.with_name(f"{base.stem}-{u.unit_id}{base.suffix}") for u in found.units]


def remind(
    ctx: typer.Context,
    as_of: AsOfOption = None,
    plan_id: PlanOption = None,
    unit: UnitFilterOption = None,
    period: PeriodFilterOption = None,
    new_deadline: Optional[str] = typer.Option(
        None, "--new-deadline", metavar="NGÀY", show_default=False, callback=parse_date_option,
        help="Hạn mới để các đơn vị gửi báo cáo (31/01/2026 hoặc 2026-01-31), phải là ngày làm việc sau hôm nay. "
        "Mặc định: 5 ngày làm việc sau hôm nay (không tính thứ Bảy, Chủ nhật, ngày nghỉ lễ, Tết).",
    ),
    per_unit: bool = typer.Option(False, "--per-unit", help="Mỗi đơn vị một công văn (mặc định: một công văn gửi mọi đơn vị chậm báo cáo)."),
    fmt: Optional[DocumentFormat] = typer.Option(
        None, "--format", "-f", metavar="ĐỊNH_DẠNG", show_default=False,
        help="md (Markdown), docx (Word) hoặc pdf (Word chuyển sang PDF bằng LibreOffice). Mặc định: theo đuôi "
        "tệp -o hoặc theo mẫu; nếu không có thì md.",
    ),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", metavar="TỆP", dir_okay=False, show_default=False,
        help="Ghi vào tệp này (.docx, .pdf hoặc .md); với --per-unit, mỗi đơn vị một tệp <tên>-<mã đơn vị>.docx. "
        "Không có -o: Markdown in ra màn hình, Word/PDF ghi vào cong-van-don-doc-<kế hoạch>-<ngày>.docx/.pdf.",
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
    import sys

    from ..core.atomic import check_target
    from ..core.dates import format_date, today_vn
    from ..core.inputs import broken_reports, drop_broken, in_doubt
    from ..core.obligations import evaluate
    from ..core.problems import format_problems
    from ..core.reminders import build_reminders
    from ..core.render import TemplateProblem, render_docx, render_markdown
    from ..core.summary import SignatureBlock
    from .documents import to_pdf, write_document
    from .options import chosen_problem_format, pick_plan, pick_unit
    from .output import fail, open_workspace, os_error_text
    from .summary_cmd import _pick_format

    kind = _pick_format(fmt, template, output)
    today = today_vn()
    day = as_of or today
    ws = open_workspace(ctx, strict=False)
    if ws.fatal_problems:
        sys.stderr.write(format_problems(ws.fatal_problems, chosen_problem_format(None), ws.files_checked))
        fail("kế hoạch hoặc danh mục đơn vị có lỗi; không lập công văn. Hãy sửa rồi chạy lại (xem `dancu validate`).")
    plan = pick_plan(ws, plan_id)
    unit_id = pick_unit(ws, unit).id if unit else None
    deadline = _new_deadline(new_deadline, today, ws.calendar)
    broken = broken_reports(ws, plan.id, lambda key: True)
    drop_broken(ws)
    evaluation = evaluate(plan, ws.registry, ws.reports, day, ws.calendar)
    signer = None
    if any(v is not None for v in (signer_authority, signer_title, signer_name)):
        signer = SignatureBlock(plan.signer.authority or "" if signer_authority is None else signer_authority,
                                signer_title or plan.signer.title, signer_name or plan.signer.name)
    found = build_reminders(plan, ws.registry, evaluation, deadline, unit_id=unit_id, period=period,
                            per_unit=per_unit, signer=signer)
    # A broken report file is left out, so its unit would be chased for a report it may have sent.
    if in_doubt(broken, {u.unit_id for u in found.units} | ({unit_id} if unit_id else set())):
        sys.stderr.write(format_problems(broken.problems, chosen_problem_format(None), len({p.file for p in broken.problems})))
        fail("báo cáo của đơn vị có lỗi (nêu ở trên) nên không lập công văn: công văn sẽ ghi sai là đơn vị chưa báo "
             "cáo. Hãy sửa các tệp đó (xem `dancu validate`) rồi chạy lại. Không có tệp nào được ghi.")
    if found.drafter is not None:
        owed = "; ".join(i.text for i in found.drafter.items)
        typer.echo(f"Lưu ý: {found.drafter.name} là đơn vị soạn công văn nên không có trong công văn; "
                   f"đơn vị này còn thiếu: {owed}.", err=True)
    if not found.letters:
        typer.echo(f"Không có đơn vị nào chậm báo cáo tính đến ngày {format_date(day)}; không lập công văn.")
        return
    targets = _targets(output, kind, found, per_unit, f"cong-van-don-doc-{plan.id}-{day.isoformat()}")
    for target in targets:  # every target is checked before the first is written: all or nothing
        if target is not None:
            try:
                check_target(target)
            except OSError as exc:
                fail(f"không ghi được tệp {target}: {os_error_text(exc)}. Không có tệp nào được ghi.")
    existing = [t for t in targets if t is not None and t.exists()]
    if existing and not overwrite:
        fail("tệp đã có: " + ", ".join(map(str, existing)) + "; dùng --overwrite để ghi đè, hoặc chọn tên khác (-o). "
             "Không có tệp nào được ghi.")
    try:
        documents = [render_markdown(letter, template, "reminder.md.j2") if kind == "md"
                     else render_docx(letter, template, "reminder.docx") for letter in found.letters]
    except TemplateProblem as exc:
        fail(str(exc))
    if targets[0] is None:
        typer.echo("\n---\n\n".join(documents), nl=False)
        return
    if kind == "pdf":
        documents = [to_pdf(d) for d in documents]
    for target, document in zip(targets, documents):
        write_document(target, document)
    units = "; ".join(u.name for u in found.units)
    where = ", ".join(map(str, targets))
    typer.echo(f"Đã ghi công văn đôn đốc {len(found.units)} đơn vị ({units}), hạn mới {format_date(deadline)}, "
               f"vào {where}.")
