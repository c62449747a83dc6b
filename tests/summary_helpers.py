"""Sample reports for `dancu summary`, and reading its Markdown back with a CommonMark parser."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from conftest import PLAN_ID, REPO, run

SAMPLE = REPO / "tests" / "data" / "summary-q4"  # Q4/2025 reports of three units: on time, late, on time
AS_OF = "2026-01-15"
UNIT_NAMES = [
    "Văn phòng Sở", "Phòng Kế hoạch - Tài chính", "Phòng Quản lý khoa học",
    "Phòng Quản lý công nghệ và Đổi mới sáng tạo", "Phòng Chuyển đổi số", "Phòng Bưu chính, Viễn thông",
    "Phòng Tiêu chuẩn, Đo lường, Chất lượng", "Trung tâm Ứng dụng và Thử nghiệm khoa học và công nghệ",
    "Trung tâm Công nghệ thông tin và Truyền thông",
]
ANNEX_COLUMNS = ["STT", "Đơn vị", "Số, ký hiệu", "Ngày nhận", "Tình trạng", "Nhiệm vụ chưa báo cáo"]
BREAKDOWN_COLUMNS = ["STT", "Tình trạng nhiệm vụ", "Số nhiệm vụ", "Tỷ lệ"]
# Every character that could break Markdown, Jinja or XML, and newlines (one blank line too).
NASTY = (
    "Tiếp dân & đối thoại <b>không</b> \"ngoặc kép\" 'đơn' {{ bien }} {% if x %} {# chú #} | ống *sao* _gạch_ "
    "`mã` \\ [liên kết](http://x.vn) ~~gạch~~ &amp; a_b_c 3*4*5\n"
    "# không phải tiêu đề #\n"
    "- không phải danh sách\n"
    "+ cũng không\n"
    "1. không đánh số\n"
    "2) cũng không\n"
    "> không trích dẫn\n"
    "\n"
    "=== hết ===\n"
    "---"
)


def add_sample_reports(root: Path) -> Path:
    shutil.copytree(SAMPLE / "reports", root / "reports", dirs_exist_ok=True)
    return root


def write_report(root: Path, unit: str, entries: list[dict], *, period: str = "2025-Q4", plan: str = PLAN_ID,
                 received_on: str = "2026-01-07", number: str | None = None) -> Path:
    """reports/<plan>/<period>/<unit>.yaml, written directly as a unit would commit it."""
    data = {"plan": plan, "unit": unit, "period": period, "number": number, "issued_on": received_on,
            "received_on": received_on, "entries": entries}
    path = root / "reports" / plan / period / f"{unit}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump({k: v for k, v in data.items() if v is not None}, allow_unicode=True,
                                   sort_keys=False), encoding="utf-8")
    return path


def summary(root: Path, *args: str):
    return run("summary", "--as-of", AS_OF, *args, root=root)


# --- Reading Markdown back ------------------------------------------------------------------------------

def parse(markdown: str):
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").parse(markdown)


def text_of(inline) -> str:
    """What a reader sees in an inline token: text with its escapes resolved, hard breaks as newlines."""
    out = []
    for child in inline.children or []:
        if child.type in ("text", "text_special", "code_inline"):
            out.append(child.content)
        elif child.type == "hardbreak":
            out.append("\n")
        elif child.type == "softbreak":
            out.append(" ")
        elif child.type.startswith("html"):
            raise AssertionError(f"raw HTML in the output: {child.content!r}")
    return "".join(out)


def headings(tokens) -> list[tuple[int, str]]:
    return [(int(t.tag[1]), text_of(tokens[i + 1])) for i, t in enumerate(tokens) if t.type == "heading_open"]


def inlines(tokens) -> list[str]:
    return [text_of(t) for t in tokens if t.type == "inline"]


def tables(tokens) -> list[list[list[str]]]:
    """Each table: the cells of its rows (header row included), in order."""
    found: list[list[list[str]]] = []
    for i, t in enumerate(tokens):
        if t.type == "table_open":
            found.append([])
        elif t.type == "tr_open":
            found[-1].append([])
        elif t.type in ("th_open", "td_open"):
            found[-1][-1].append(text_of(tokens[i + 1]))
    return found


def table_with(tokens, header: list[str]) -> list[list[str]]:
    """The rows of the table with this header row (header included); [] when there is none."""
    return next((t for t in tables(tokens) if t and t[0] == header), [])


def annex_rows(tokens) -> list[list[str]]:
    return table_with(tokens, ANNEX_COLUMNS)


def breakdown_rows(tokens) -> list[list[str]]:
    return table_with(tokens, BREAKDOWN_COLUMNS)
