"""`dancu plan import FILE` and `dancu plan new`: bring a new plan into the workspace."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from .options import ProblemFormatOption, chosen_problem_format


def _print_notes(problems, title: str, mark: str) -> None:
    if not problems:
        return
    typer.echo(f"{title} (đánh dấu “# {mark}” trong tệp):" if mark else f"{title}:", err=True)
    for p in problems:
        path = f" [{p.path}]" if p.path else ""
        typer.echo(f"  - {p.message}{path}", err=True)


def plan_import(
    ctx: typer.Context,
    source: Path = typer.Argument(..., metavar="TỆP", help="Văn bản kế hoạch: .docx (Word), .pdf (có lớp chữ hoặc bản quét) hoặc .txt."),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", metavar="TỆP_YAML",
        help="Tệp kế hoạch cần ghi, trong thư mục plans/. Mặc định: plans/<số>-<ký hiệu>.yaml, ví dụ plans/2599-KH-SKHCN.yaml."),
    check: bool = typer.Option(False, "--check", help="Chỉ in tệp kế hoạch sẽ được ghi và các chỗ cần xử lý; không ghi gì."),
    replace: bool = typer.Option(False, "--replace", help="Cho phép ghi đè tệp kế hoạch đã có."),
    fmt: ProblemFormatOption = None,
) -> None:
    """Nhập kế hoạch từ văn bản Word, PDF hoặc văn bản thuần thành tệp kế hoạch trong plans/.

    Lệnh đọc phần đầu, trích yếu, mục đích, yêu cầu, các nhiệm vụ (đánh số hoặc trong bảng) với cơ quan chủ trì,
    phối hợp, thực hiện và thời gian, kinh phí, tổ chức thực hiện, nơi nhận và người ký. Tên đơn vị được đối chiếu
    với plans/units.yaml. Chỗ nào không xác định được (đơn vị không có trong danh mục, thời gian không rõ hạn…) được
    ghi thành dấu “# CẦN XỬ LÝ” trong tệp và liệt kê kèm vị trí trong văn bản. Mã thoát: 0 khi tệp hợp lệ, 1 khi
    còn chỗ cần xử lý hoặc lệnh từ chối (khi từ chối thì không ghi gì), 2 khi gọi lệnh sai."""
    from ..core.plan_import.service import note_problems, prepare, write
    from ..core.problems import format_problems
    from .output import fail, open_workspace, os_error_text

    chosen = chosen_problem_format(fmt)
    ws = open_workspace(ctx, include_reports=False, strict=False)
    if ws.registry is None:
        fail("không đọc được danh mục đơn vị plans/units.yaml nên không đối chiếu được tên đơn vị; xem `dancu validate`.")
    prepared = prepare(ws, source, output)  # refusals (exit 1, or 2 for a wrong -o) are printed by the group
    if not check:
        try:
            write(prepared, replace)
        except OSError as exc:
            fail(f"không ghi được tệp {prepared.shown}: {os_error_text(exc)}")

    problems = note_problems(prepared.result)
    errors = [p for p in problems if p.severity == "error"]
    plan = prepared.result.data
    tasks = len(plan.get("tasks", []))
    reference = f"{plan['document'].get('number', '?')}/{plan['document'].get('code', '?')}"
    if check:
        typer.echo(prepared.text, nl=False)
        typer.echo(f"Kiểm tra (--check): kế hoạch {reference}, {tasks} nhiệm vụ, sẽ được ghi vào tệp {prepared.shown}"
                   f"{' (ghi đè tệp đã có: cần --replace)' if prepared.exists else ''}. Chưa ghi gì.", err=True)
    else:
        typer.echo(f"Đã ghi kế hoạch {reference} ({tasks} nhiệm vụ) vào tệp {prepared.shown}"
                   f"{' (ghi đè tệp cũ)' if prepared.exists else ''}.", err=True)
    if chosen != "text":
        sys.stderr.write(format_problems(problems, chosen, 1))
    else:
        from ..core.plan_import.write import TO_CONFIRM, TO_FIX

        _print_notes(errors, f"Cần xử lý {len(errors)} chỗ", TO_FIX)
        _print_notes([p for p in problems if p.severity != "error" and p.path], "Cần xác nhận", TO_CONFIRM)
        _print_notes([p for p in problems if p.severity != "error" and not p.path], "Lưu ý về văn bản nguồn", "")
    if errors:
        typer.echo("Sửa các chỗ trên trong tệp kế hoạch (hoặc thêm đơn vị vào plans/units.yaml) rồi chạy "
                   "`dancu validate`.", err=True)
        raise typer.Exit(1)
    if not check:
        typer.echo("Kiểm tra lại bằng `dancu plan show` và `dancu validate`.", err=True)
