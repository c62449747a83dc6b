"""`dancu dashboard`: a static site to see a plan at a glance, open from a folder, print, publish."""

from __future__ import annotations

from pathlib import Path

import typer

from .options import AsOfOption, PlanOption


def dashboard(
    ctx: typer.Context,
    output: Path = typer.Option(
        ..., "--output", "-o", metavar="THƯ_MỤC", file_okay=False, show_default=False,
        help="Thư mục ghi trang, ví dụ site/. Thư mục phải chưa có, trống, hoặc là bảng theo dõi do lệnh này lập "
        "trước đó (khi đó được thay toàn bộ).",
    ),
    as_of: AsOfOption = None,
    plan_id: PlanOption = None,
    skip_invalid: bool = typer.Option(
        False, "--skip-invalid",
        help="Vẫn lập bảng khi có tệp báo cáo của đơn vị bị lỗi; ô của đơn vị đó ghi “báo cáo có lỗi, chưa được "
        "tổng hợp”. Mặc định: có lỗi thì không lập bảng, nêu các lỗi và thoát với mã 1.",
    ),
) -> None:
    """Lập bảng theo dõi dạng trang web tĩnh: tổng quan, bảng theo dõi từng kỳ, tỷ lệ báo cáo, việc quá hạn
    và một trang cho mỗi nhiệm vụ.

    Trang mở trực tiếp từ thư mục (không cần máy chủ, không cần Internet) và in gọn trên khổ A4. Tệp báo cáo
    của đơn vị có lỗi thì lệnh không lập bảng (trừ khi có --skip-invalid)."""
    import sys

    from .. import __version__
    from ..core.dashboard import build_site
    from ..core.dashboard_html import SiteTargetError, check_target, render_site, write_site
    from ..core.dates import today_vn
    from ..core.inputs import broken_reports, drop_broken
    from ..core.obligations import evaluate
    from ..core.problems import format_problems
    from .options import chosen_problem_format, pick_plan
    from .output import fail, open_workspace, os_error_text

    try:
        check_target(output)  # before the work of reading every report
    except SiteTargetError as exc:
        fail(str(exc))
    ws = open_workspace(ctx, strict=False)
    if ws.fatal_problems:
        sys.stderr.write(format_problems(ws.fatal_problems, chosen_problem_format(None), ws.files_checked))
        fail("kế hoạch hoặc danh mục đơn vị có lỗi; không lập bảng theo dõi. Hãy sửa rồi chạy lại "
             "(xem `dancu validate`).")
    plan = pick_plan(ws, plan_id)
    broken = broken_reports(ws, plan.id, lambda key: True)  # every period of the plan has a page
    if broken:
        sys.stderr.write(format_problems(broken.problems, chosen_problem_format(None),
                                         len({p.file for p in broken.problems})))
        if not skip_invalid:
            fail("báo cáo của đơn vị có lỗi (nêu ở trên) nên không lập bảng theo dõi: bảng sẽ ghi sai là đơn vị "
                 "chưa báo cáo. Hãy sửa các tệp đó, hoặc dùng --skip-invalid để vẫn lập bảng và ghi rõ các ô đó "
                 "“báo cáo có lỗi, chưa được tổng hợp”. Không có tệp nào được ghi.")
        typer.echo("Cảnh báo: --skip-invalid: các báo cáo có lỗi ở trên không được tổng hợp; bảng ghi rõ điều đó.",
                   err=True)
    drop_broken(ws)
    site = build_site(evaluate(plan, ws.registry, ws.reports, as_of or today_vn()), broken.keys)
    del ws  # the site holds what it needs
    try:
        count = write_site(render_site(site, __version__), output)
    except SiteTargetError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"không ghi được thư mục {output}: {os_error_text(exc)}")
    typer.echo(f"Đã ghi bảng theo dõi Kế hoạch {plan.reference} (số liệu tính đến ngày {site.as_of}, {count} trang) "
               f"vào {output}; mở tệp {output / 'index.html'} bằng trình duyệt.")
