"""`dancu dashboard`: a static site to see a plan at a glance, open from a folder, print, publish."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .app import app
from .output import as_of_date


@app.command("dashboard")
def dashboard(
    ctx: typer.Context,
    output: Path = typer.Option(
        ..., "--output", "-o", metavar="THƯ_MỤC", file_okay=False, show_default=False,
        help="Thư mục ghi trang (ví dụ site/). Thư mục phải trống, chưa có, hoặc là bảng theo dõi do lệnh này "
        "tạo trước đó (khi đó được thay toàn bộ).",
    ),
    as_of: Optional[str] = typer.Option(
        None, "--as-of", metavar="NGÀY", callback=as_of_date, show_default=False,
        help="Số liệu tính đến ngày này (31/12/2025 hoặc 2025-12-31); báo cáo nhận sau ngày này không được tính. "
        "Mặc định: hôm nay (giờ Việt Nam).",
    ),
    plan_id: Optional[str] = typer.Option(
        None, "--plan", metavar="KẾ_HOẠCH", help="Mã kế hoạch, ví dụ 2599-KH-SKHCN; bỏ trống khi chỉ có một kế hoạch.",
        show_default=False,
    ),
) -> None:
    """Lập bảng theo dõi dạng trang web tĩnh: tổng quan, bảng theo dõi từng kỳ, tỷ lệ báo cáo, việc quá hạn
    và một trang cho mỗi nhiệm vụ.

    Trang mở trực tiếp từ thư mục (không cần máy chủ, không cần Internet), in gọn trên khổ A4."""
    import sys

    from .. import __version__
    from ..core.dashboard import build_site
    from ..core.dashboard_html import SiteTargetError, check_target, render_site, write_site
    from ..core.dates import today_vn
    from ..core.obligations import evaluate
    from ..core.problems import format_problems
    from .output import fail, open_workspace, os_error_text, problem_format
    from .plan_cmd import pick_plan

    try:
        check_target(output)  # before the work of reading every report
    except SiteTargetError as exc:
        fail(str(exc))
    ws = open_workspace(ctx, strict=False)
    # A published page must not show a unit as "chưa báo cáo" because its file is broken: refuse instead.
    errors = [p for p in ws.problems if p.severity == "error"]
    if errors:
        sys.stderr.write(format_problems(errors, problem_format(None), ws.files_checked))
        fail("không lập bảng theo dõi vì có tệp lỗi (bảng sẽ ghi sai đơn vị có tệp lỗi là chưa báo cáo); "
             "hãy sửa rồi chạy lại (xem `dancu validate`).")
    plan = pick_plan(ws, plan_id)
    day = as_of or today_vn()
    site = build_site(evaluate(ws, plan, day))
    del ws
    try:
        count = write_site(render_site(site, __version__), output)
    except SiteTargetError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"không ghi được thư mục {output}: {os_error_text(exc)}")
    typer.echo(f"Đã ghi bảng theo dõi Kế hoạch {plan.reference} (số liệu tính đến ngày {site.as_of}, {count} trang) "
               f"vào {output}; mở tệp {output / 'index.html'} bằng trình duyệt.")
