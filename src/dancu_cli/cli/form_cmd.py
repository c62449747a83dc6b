"""`dancu form`: fill-in forms (Excel or Word) for the units, pre-filled with what each owes in a period."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .options import PERIOD_FORMS, PlanOption, parse_period_option

FORM_FORMATS = ("xlsx", "docx")


def form(
    ctx: typer.Context,
    unit: Optional[str] = typer.Option(None, "--unit", metavar="ĐƠN_VỊ",
                                       help="Đơn vị nhận biểu mẫu: mã, tên viết tắt hoặc tên.", show_default=False),
    period: Optional[str] = typer.Option(None, "--period", metavar="KỲ", show_default=False, callback=parse_period_option,
                                         help=f"Kỳ báo cáo: {PERIOD_FORMS}. Mặc định: kỳ gần nhất đã bắt đầu."),
    plan_id: PlanOption = None,
    fmt: Optional[str] = typer.Option(None, "--format", "-f", metavar="ĐỊNH_DẠNG", show_default=False,
                                      help="xlsx (Excel, mặc định) hoặc docx (Word). Mặc định theo đuôi tệp -o."),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", metavar="TỆP", show_default=False,
        help="Tệp biểu mẫu; với --all là thư mục. Mặc định: bieu-mau-<kế hoạch>-<kỳ>-<đơn vị>.xlsx ở thư mục hiện tại; "
        "với --all: thư mục bieu-mau-<kế hoạch>-<kỳ>."),
    every: bool = typer.Option(False, "--all", help="Lập biểu mẫu cho mọi đơn vị phải báo cáo trong kỳ, mỗi đơn vị một tệp."),
    force: bool = typer.Option(False, "--force", help="Ghi đè tệp biểu mẫu đã có."),
) -> None:
    """Lập biểu mẫu báo cáo (Excel hoặc Word) để đơn vị điền rồi gửi lại; Văn phòng Sở nhập bằng `dancu report import`.

    Biểu mẫu ghi sẵn kế hoạch, đơn vị, kỳ, hạn gửi và các nhiệm vụ đơn vị phải báo cáo (số, tên rút gọn, vai trò);
    có chỗ ghi số, ngày ban hành báo cáo và, với từng nhiệm vụ, tình trạng, kết quả, số liệu, tồn tại, phương
    hướng, đề xuất. Trong Excel, chỉ các ô nền vàng mở để điền (trang được khóa, không mật khẩu)."""
    from ..core.atomic import write_bytes_atomic
    from ..core.dates import today_vn
    from ..core.forms import FormError, form_spec, owing_units
    from ..core.obligations import evaluate
    from .options import pick_plan, pick_unit
    from .output import fail, open_workspace, os_error_text

    if fmt is not None and fmt not in FORM_FORMATS:
        fail(f"định dạng “{fmt}” không hợp lệ; chọn xlsx (Excel) hoặc docx (Word)", 2)
    if every == (unit is not None):
        fail("cần --unit ĐƠN_VỊ (một đơn vị) hoặc --all (mọi đơn vị), không dùng cả hai", 2)
    kind = fmt or (output.suffix.lower().lstrip(".") if output is not None and not every
                   and output.suffix.lower() in (".xlsx", ".docx") else "xlsx")
    ws = open_workspace(ctx)
    plan = pick_plan(ws, plan_id)
    ev = evaluate(plan, ws.registry, ws.reports, today_vn(), ws.calendar)
    wanted = period.key if period else ev.current_period().key
    unit_ids = owing_units(ev, wanted) if every else [pick_unit(ws, unit).id]
    try:
        specs = [form_spec(ws, plan, unit_id, wanted, ev.as_of, ev) for unit_id in unit_ids]
    except FormError as exc:
        fail(str(exc))
    if not specs:
        fail(f"không đơn vị nào phải báo cáo kỳ {wanted} của kế hoạch {plan.id}")
    folder = (output or Path(f"bieu-mau-{plan.id}-{wanted}")) if every else None
    targets = [(folder / s.file_name(kind)) if folder else (output or Path(s.file_name(kind))) for s in specs]
    existing = [str(t) for t in targets if t.exists()]
    if existing and not force:
        fail(f"tệp đã có: {', '.join(existing)}. Dùng --force để ghi đè.")
    if kind == "xlsx":
        from ..office.xlsx_form import write_form
    else:
        from ..office.docx_form import write_form
    for spec, target in zip(specs, targets):
        try:
            write_bytes_atomic(target, write_form(spec))
        except OSError as exc:
            fail(f"không ghi được tệp {target}: {os_error_text(exc)}")
        typer.echo(f"Đã ghi biểu mẫu của {spec.unit_name}, {spec.period_label} ({len(spec.tasks)} nhiệm vụ, hạn gửi "
                   f"{_date(spec.due)}) vào tệp {target}.")
    if every:
        typer.echo(f"Đã lập {len(specs)} biểu mẫu trong thư mục {folder}.")


def _date(day) -> str:
    from ..core.dates import format_date

    return format_date(day)
