"""`dancu validate [PATH ...]`."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from .app import app


@app.command("validate")
def validate(
    ctx: typer.Context,
    paths: Optional[List[Path]] = typer.Argument(
        None, metavar="[TỆP]...", help="Các tệp cần kiểm tra. Mặc định: cả không gian làm việc (kế hoạch, danh mục đơn vị, báo cáo).",
        show_default=False,
    ),
    fmt: Optional[str] = typer.Option(
        None, "--format", "-f", metavar="ĐỊNH_DẠNG",
        help="Cách in lỗi: text, json hoặc github (chú thích cho GitHub Actions; tự chọn khi có biến GITHUB_ACTIONS).",
        show_default=False,
    ),
) -> None:
    """Kiểm tra kế hoạch, danh mục đơn vị và báo cáo; in mọi lỗi kèm tệp:dòng:cột.

    Không nêu TỆP thì kiểm tra cả không gian làm việc. Mã thoát 0 khi hợp lệ, 1 khi có lỗi, 2 khi gọi lệnh sai."""
    import sys

    from ..core.problems import format_problems
    from ..core.workspace import load_workspace
    from .output import fail, problem_format, progress_callback, root_from

    chosen = problem_format(fmt)
    root = root_from(ctx)
    only = None
    if paths:
        missing = [str(p) for p in paths if not p.is_file()]
        if missing:
            fail(f"không tìm thấy tệp: {', '.join(missing)}", 2)
        only = list(paths)
    ws = load_workspace(root, only=only, progress=progress_callback(), keep_reports=False)
    sys.stdout.write(format_problems(ws.problems, chosen, ws.files_checked))
    raise typer.Exit(0 if ws.ok else 1)
