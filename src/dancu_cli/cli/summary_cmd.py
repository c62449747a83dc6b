"""`dancu summary`: the Department's consolidated report of a period, as Markdown or Word."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .options import AsOfOption, DocumentFormat, PlanOption, parse_period_option

FORMATS = ("md", "docx", "pdf")


def _pick_format(fmt: DocumentFormat | None, template: Path | None, output: Path | None) -> str:
    """--format, else the suffix of -o, else what the template is, else Markdown; they must agree."""
    from .documents import pick_format
    from .output import fail

    kind = pick_format(fmt.value if fmt is not None else None, output, FORMATS, default="md")
    if template is not None:
        made = "docx" if template.suffix.lower() == ".docx" else "md"
        if fmt is None and output is None:
            return made
        if (made == "docx") != (kind in ("docx", "pdf")):
            fail(f"mẫu {template} là mẫu {'Word' if made == 'docx' else 'Markdown'}, không dùng được cho "
                 f"định dạng {kind}", 2)
    return kind


def _covers(plan, period):
    """The report periods a summary of `period` depends on: those inside it and, when a deadline task's
    completion can come from an earlier report, every period before its end."""
    from ..core.dates import parse_period

    earlier = any(t.timeframe.kind == "deadline" for t in plan.tasks)

    def covers(key: str) -> bool:
        p = parse_period(key)
        return period.contains(p) or (earlier and p.start <= period.end)

    return covers


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
        help="md (Markdown), docx (Word) hoặc pdf (Word chuyển sang PDF bằng LibreOffice). Mặc định: theo "
        "đuôi tệp -o (.md, .docx, .pdf) hoặc theo mẫu; nếu không có thì md. --format và đuôi tệp phải khớp nhau.",
        show_default=False,
    ),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", metavar="TỆP", dir_okay=False, show_default=False,
        help="Ghi vào tệp này (ghi an toàn, không để lại tệp dở dang): .md, .docx hoặc .pdf. Không có -o: "
        "Markdown in ra màn hình, Word/PDF ghi vào bao-cao-<kế hoạch>-<kỳ>.docx/.pdf ở thư mục hiện tại.",
    ),
    with_annex: bool = typer.Option(
        False, "--with-annex",
        help="Thêm phụ lục tình hình gửi báo cáo của từng đơn vị (số, ký hiệu, ngày nhận, đúng hạn hay trễ). "
        "Mặc định không có: báo cáo gửi UBND tỉnh không kèm danh sách nội bộ.",
    ),
    skip_invalid: bool = typer.Option(
        False, "--skip-invalid",
        help="Vẫn lập báo cáo khi có tệp báo cáo của đơn vị bị lỗi; đơn vị đó được ghi “báo cáo có lỗi, chưa "
        "được tổng hợp”. Mặc định: có lỗi thì không lập báo cáo, nêu các lỗi và thoát với mã 1.",
    ),
    template: Optional[Path] = typer.Option(
        None, "--template", "-t", metavar="TỆP_MẪU", exists=True, dir_okay=False, show_default=False,
        help="Mẫu riêng: tệp .md.j2 (Markdown, Jinja2) hoặc .docx (Word, docxtpl). Mặc định: mẫu đi kèm dancu.",
    ),
) -> None:
    """Lập báo cáo tổng hợp của Sở gửi UBND tỉnh từ báo cáo của các phòng, đơn vị, theo thể thức Nghị định 30/2020/NĐ-CP.

    Báo cáo gồm: bảng tổng hợp tình trạng các nhiệm vụ, kết quả từng nhiệm vụ (tình trạng, kết quả của từng
    đơn vị, số liệu cộng dồn), tồn tại, hạn chế, phương hướng, đề xuất. Tình hình gửi báo cáo của từng đơn vị
    (để đôn đốc) xem bằng `dancu status --format docx`, hoặc thêm phụ lục bằng --with-annex. Tệp báo cáo của
    đơn vị có lỗi thì lệnh không lập báo cáo (trừ khi có --skip-invalid)."""
    import sys

    from ..core.dates import today_vn
    from ..core.inputs import broken_reports, drop_broken
    from ..core.obligations import evaluate
    from ..core.problems import format_problems
    from ..core.render import TemplateProblem, render_docx, render_markdown
    from ..core.summary import build_summary
    from .documents import to_pdf, write_document
    from .options import chosen_problem_format, pick_plan
    from .output import fail, open_workspace, progress_callback

    kind = _pick_format(fmt, template, output)
    ws = open_workspace(ctx, strict=False)
    if ws.fatal_problems:
        sys.stderr.write(format_problems(ws.fatal_problems, chosen_problem_format(None), ws.files_checked))
        fail("kế hoạch hoặc danh mục đơn vị có lỗi; không lập báo cáo. Hãy sửa rồi chạy lại (xem `dancu validate`).")
    plan = pick_plan(ws, plan_id)
    broken = broken_reports(ws, plan.id, _covers(plan, period))
    if broken:
        sys.stderr.write(format_problems(broken.problems, chosen_problem_format(None), len({p.file for p in broken.problems})))
        if not skip_invalid:
            fail("báo cáo của đơn vị có lỗi (nêu ở trên) nên không lập báo cáo tổng hợp: tổng hợp khi thiếu các "
                 "báo cáo này sẽ ghi sai là đơn vị chưa báo cáo. Hãy sửa các tệp đó, hoặc dùng --skip-invalid để "
                 "vẫn lập báo cáo và ghi rõ các đơn vị đó “báo cáo có lỗi, chưa được tổng hợp”. Không có tệp nào "
                 "được ghi.")
        typer.echo("Cảnh báo: --skip-invalid: các báo cáo có lỗi ở trên không được tổng hợp; báo cáo ghi rõ điều đó.",
                   err=True)
    drop_broken(ws)
    evaluation = evaluate(plan, ws.registry, ws.reports, as_of or today_vn(), ws.calendar)
    try:
        data = build_summary(plan, ws.registry, evaluation, period,
                             progress=progress_callback("Đang tổng hợp báo cáo…"),
                             with_annex=with_annex, broken=broken.keys)
        # The summary holds what it needs; let years of other reports go before rendering.
        del ws, evaluation
        document = render_markdown(data, template) if kind == "md" else render_docx(data, template)
    except (ValueError, TemplateProblem) as exc:
        fail(str(exc))
    if output is None and kind == "md":
        typer.echo(document, nl=False)
        return
    if kind == "pdf":
        document = to_pdf(document)
    target = output or Path(f"bao-cao-{plan.id}-{period.key}.{kind}")
    write_document(target, document)
    typer.echo(f"Đã ghi báo cáo tổng hợp {period.label()} (số liệu tính đến {data.as_of}) vào {target}.")
