"""`dancu validate [PATH ...]`."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from .options import ProblemFormatOption, chosen_problem_format


def validate(
    ctx: typer.Context,
    paths: Optional[List[Path]] = typer.Argument(
        None, metavar="[TỆP_HOẶC_THƯ_MỤC]...",
        help="Các tệp hoặc thư mục cần kiểm tra (thư mục: mọi tệp .yaml, .yml trong đó). "
        "Mặc định: cả không gian làm việc (kế hoạch, danh mục đơn vị, báo cáo).",
        show_default=False,
    ),
    fmt: ProblemFormatOption = None,
) -> None:
    """Kiểm tra kế hoạch, danh mục đơn vị và báo cáo; in mọi lỗi kèm tệp:dòng:cột.

    Không nêu TỆP thì kiểm tra cả không gian làm việc. Mã thoát 0 khi hợp lệ, 1 khi có lỗi, 2 khi gọi lệnh sai."""
    import sys

    from ..core.problems import format_problems
    from ..core.workspace import load_workspace, yaml_files_under
    from .output import fail, progress_callback, root_from

    chosen = chosen_problem_format(fmt)
    root = root_from(ctx)
    only = None
    if paths:
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            fail(f"không tìm thấy tệp hay thư mục: {', '.join(missing)}", 2)
        only = [f for p in paths for f in (yaml_files_under(p) if p.is_dir() else [p])]
    # The cache answers only for files whose bytes and context are unchanged (core/cache.py), with the
    # same problems a fresh check gives; files named on the command line are always checked afresh.
    ws = load_workspace(root, only=only, progress=progress_callback(), keep_reports=False, use_cache=only is None)
    sys.stdout.write(format_problems(ws.problems, chosen, ws.files_checked))
    raise typer.Exit(0 if ws.ok else 1)
