"""`dancu status --format md|docx`: the Office's follow-up document of one reporting period."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Optional

import typer


def write_followup(ctx: typer.Context, kind: str, output: Optional[Path], plan_id: Optional[str], period,
                   as_of: date) -> None:
    """Render the follow-up of `period` (default: the latest period begun) as Markdown or Word.

    A unit report with errors is shown as "báo cáo có lỗi, chưa được tổng hợp" (with its problems on
    stderr), never as missing: the Office needs to see it to have it fixed.
    """
    from ..core.errors import BadValue
    from ..core.followup import build_followup
    from ..core.followup_render import render_followup_docx, render_followup_markdown
    from ..core.inputs import broken_reports, drop_broken
    from ..core.obligations import evaluate
    from ..core.tracking import status_matrix
    from .documents import write_document
    from .options import pick_plan
    from .output import open_workspace

    ws = open_workspace(ctx)  # prints the problems of broken report files as warnings
    plan = pick_plan(ws, plan_id)
    drop_broken(ws)
    ev = evaluate(plan, ws.registry, ws.reports, as_of)
    chosen = ev.period(period.key) if period else ev.current_period()
    if chosen is None:
        keys = ", ".join(p.key for p in ev.periods)
        raise BadValue(f"kế hoạch {plan.id} không có kỳ {period.key}; các kỳ báo cáo của kế hoạch: {keys}")
    broken = broken_reports(ws, plan.id, lambda key: key == chosen.key)
    followup = build_followup(status_matrix(ev, chosen, broken.keys), broken.keys)
    if kind == "md":
        document = render_followup_markdown(followup)
        if output is None:
            typer.echo(document, nl=False)
            return
    else:
        document = render_followup_docx(followup)
    target = output or Path(f"theo-doi-{plan.id}-{chosen.key}.{kind}")
    write_document(target, document)
    typer.echo(f"Đã ghi văn bản theo dõi báo cáo {chosen.label()} (tính đến {followup.as_of}) vào {target}.")
