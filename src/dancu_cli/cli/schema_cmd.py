"""`dancu schema plan|units|report|calendar`."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer


class SchemaKind(str, Enum):
    plan = "plan"
    units = "units"
    report = "report"
    calendar = "calendar"


def schema(
    kind: SchemaKind = typer.Argument(..., metavar="LOẠI", help="Loại tệp: plan (kế hoạch), units (danh mục đơn vị), report (báo cáo) hoặc calendar (ngày nghỉ, làm bù)."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", metavar="TỆP", help="Ghi ra tệp thay vì in ra màn hình."),
) -> None:
    """In JSON Schema của một loại tệp, để trình soạn thảo kiểm tra và gợi ý khi gõ.

    LOẠI là plan (kế hoạch), units (danh mục đơn vị), report (báo cáo) hoặc calendar (ngày nghỉ, ngày làm bù)."""
    import json

    from ..core.atomic import write_text_atomic
    from ..core.schema import json_schema

    text = json.dumps(json_schema(kind.value), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        typer.echo(text, nl=False)
        return
    write_text_atomic(output, text)
    typer.echo(f"Đã ghi JSON Schema “{kind.value}” vào {output}", err=True)
