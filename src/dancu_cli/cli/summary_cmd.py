"""`dancu summary`: the Department's consolidated report of a period, as Markdown or Word."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .options import AsOfOption, DocumentFormat, PlanOption, parse_period_option

def _pick_format(fmt: DocumentFormat | None, template: Path | None, output: Path | None) -> str:
    """--format, else what the template or output file is (.docx or not), else Markdown."""
    from .output import fail

    fmt = fmt.value if fmt is not None else None
    if template is not None:
        kind = "docx" if template.suffix.lower() == ".docx" else "md"
        if fmt and fmt != kind:
            fail(f"mẫu {template} là mẫu {'Word' if kind == 'docx' else 'Markdown'}, không dùng được cho --format {fmt}", 2)
        return kind
    if fmt:
        return fmt
    return "docx" if output is not None and output.suffix.lower() == ".docx" else "md"


def summary(
    ctx: typer.Context,
    period: str = typer.Option(
        ..., "--period", "-p", metavar="KỲ", callback=parse_period_option,
        help="Kỳ tổng hợp: quý (2025-Q4, Q4/2025, quý IV/2025), 6 tháng (2025-H2, 6 tháng cuối năm 2025) "
        "hoặc năm (2025). Kỳ dài gồm mọi kỳ báo cáo nằm trong nó.",
        show_default=False,
    ),
    plan_id: PlanOption = None,
    as_of: AsOfOption = None,
    fmt: Optional[DocumentFormat] = typer.Option(
        None, "--format", "-f", metavar="ĐỊNH_DẠNG",
        help="md (Markdown) hoặc docx (Word). Mặc định: theo mẫu hoặc đuôi tệp -o; nếu không có thì md.",
        show_default=False,
    ),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", metavar="TỆP", dir_okay=False, show_default=False,
        help="Ghi vào tệp này (ghi an toàn, không để lại tệp dở dang). Không có -o: Markdown in ra màn hình, "
        "Word ghi vào bao-cao-<kế hoạch>-<kỳ>.docx ở thư mục hiện tại.",
    ),
    template: Optional[Path] = typer.Option(
        None, "--template", "-t", metavar="TỆP_MẪU", exists=True, dir_okay=False, show_default=False,
        help="Mẫu riêng: tệp .md.j2 (Markdown, Jinja2) hoặc .docx (Word, docxtpl). Mặc định: mẫu đi kèm dancu.",
    ),
) -> None:
    """Lập báo cáo tổng hợp của Sở từ báo cáo của các phòng, đơn vị, theo thể thức Nghị định 30/2020/NĐ-CP.

    Báo cáo gồm: kết quả từng nhiệm vụ (tình trạng, kết quả của từng đơn vị, số liệu cộng dồn), tồn tại,
    hạn chế, phương hướng, đề xuất, và phụ lục tình hình gửi báo cáo của từng đơn vị."""
    from ..core.atomic import write_bytes_atomic
    from ..core.dates import today_vn
    from ..core.obligations import evaluate
    from ..core.render import TemplateProblem, render_docx, render_markdown
    from ..core.summary import build_summary
    from .options import pick_plan
    from .output import fail, open_workspace, os_error_text, progress_callback

    kind = _pick_format(fmt, template, output)
    ws = open_workspace(ctx)
    plan = pick_plan(ws, plan_id)
    evaluation = evaluate(plan, ws.registry, ws.reports, as_of or today_vn())
    try:
        data = build_summary(plan, ws.registry, evaluation, period,
                             progress=progress_callback("Đang tổng hợp báo cáo…"))
        # The summary holds what it needs; let years of other reports go before rendering.
        del ws, evaluation
        document = render_markdown(data, template) if kind == "md" else render_docx(data, template)
    except (ValueError, TemplateProblem) as exc:
        fail(str(exc))
    if output is None and kind == "md":
        typer.echo(document, nl=False)
        return
    target = output or Path(f"bao-cao-{plan.id}-{period.key}.docx")
    try:
        write_bytes_atomic(target, document.encode("utf-8") if isinstance(document, str) else document)
    except OSError as exc:
        fail(f"không ghi được tệp {target}: {os_error_text(exc)}")
    typer.echo(f"Đã ghi báo cáo tổng hợp {period.label()} (số liệu tính đến {data.as_of}) vào {target}.")
