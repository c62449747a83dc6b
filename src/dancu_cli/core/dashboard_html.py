"""Laying the dashboard's page models (core/dashboard.py) out as a static, self-contained HTML site.

Every page carries its own stylesheet and, where it needs any, a few lines of inline
JavaScript: no CDN, no web font, nothing fetched when the page is opened, so the
folder works from a shared drive or an email attachment. Charts are inline SVG
drawn here from the numbers the page models hold; this module counts nothing.
"""

from __future__ import annotations

import os
import shutil
from html import escape as html_escape
import tempfile
from collections.abc import Iterator
from importlib import resources
from itertools import groupby
from pathlib import Path

from markupsafe import Markup, escape

from .dashboard import CELL_LABELS, CELL_SYMBOLS, CELL_TONES, FigureSeries, Rate, Site, task_file
from .numbers import format_number

TEMPLATES = "dashboard"
# A file in every site folder dancu writes: it tells a folder that may be replaced from one that must not be.
MARKER = ".dancu-bang-theo-doi"
MARKER_TEXT = "Thư mục này do lệnh `dancu dashboard` tạo ra; chạy lại lệnh sẽ thay toàn bộ nội dung thư mục.\n"


class SiteTargetError(Exception):
    """The output folder cannot be (re)written; the message is for the user."""


# --- SVG charts -------------------------------------------------------------------------------------------

def _svg(width: int, height: int, label: str, body: list[str], cls: str = "") -> Markup:
    return Markup(
        f'<svg{f" class={chr(34)}{cls}{chr(34)}" if cls else ""} viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{escape(label)}"><title>{escape(label)}</title>' + "".join(body)
        + "</svg>"
    )


def sparkline(points: list[tuple[str, float | None, str]], label: str, width: int = 180, height: int = 34) -> Markup:
    """A small line of shares (0..1) over periods, with the last value as text beside it; gaps where None."""
    pad, text_w = 3, 52
    plot_w = width - text_w - 2 * pad
    n = len(points)
    step = plot_w / (n - 1) if n > 1 else 0
    body = [f'<line x1="{pad}" y1="{pad}" x2="{pad + plot_w}" y2="{pad}" stroke="#d0d7de" stroke-dasharray="2 2"/>',
            f'<line x1="{pad}" y1="{height - pad}" x2="{pad + plot_w}" y2="{height - pad}" stroke="#d0d7de"/>']
    segment: list[str] = []

    def flush() -> None:
        if len(segment) > 1:
            body.append(f'<polyline fill="none" stroke="#0b4f8a" stroke-width="1.5" points="{" ".join(segment)}"/>')
        segment.clear()

    for i, (key, share, text) in enumerate(points):
        if share is None:
            flush()
            continue
        x = pad + (i * step if n > 1 else plot_w / 2)
        y = height - pad - share * (height - 2 * pad)
        segment.append(f"{x:.1f},{y:.1f}")
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{2.2 if n <= 12 else 1.4}" fill="#0b4f8a">'
                    f"<title>{escape(key)}: {escape(text)}</title></circle>")
    flush()
    last = next((text for _, share, text in reversed(points) if share is not None), "–")
    body.append(f'<text x="{width - 2}" y="{height / 2 + 5:.0f}" text-anchor="end" font-size="13" fill="#1b1f24">'
                f"{escape(last)}</text>")
    return _svg(width, height, label, body, "spark")


def line_chart(points: list[tuple[str, float | None, str]], label: str, height: int = 220) -> Markup:
    """Shares (0..1) over periods, 0–100 % axis, labelled points; a period with nothing due leaves a gap."""
    width = min(900, 220 + 70 * len(points))
    left, right, top, bottom = 56, 44, 18, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    n = len(points)
    step = plot_w / (n - 1) if n > 1 else 0
    body = []
    for pct in (0, 25, 50, 75, 100):
        y = top + plot_h * (1 - pct / 100)
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#e3e6ea"/>')
        body.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="#57606a">{pct}%</text>')
    every = max(1, -(-n // 16))  # at most 16 period labels under the axis
    coords = []
    for i, (key, share, text) in enumerate(points):
        x = left + (i * step if n > 1 else plot_w / 2)
        if i % every == 0 or i == n - 1:
            body.append(f'<text x="{x:.1f}" y="{top + plot_h + 16}" text-anchor="middle" font-size="11" fill="#57606a">'
                        f"{escape(key)}</text>")
        if share is None:
            coords.append(None)
            continue
        y = top + plot_h * (1 - share)
        coords.append((x, y))
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#0b4f8a"><title>{escape(key)}: {escape(text)}</title></circle>')
        if n <= 12:
            body.append(f'<text x="{x:.1f}" y="{y - 7:.1f}" text-anchor="middle" font-size="11" fill="#1b1f24">{escape(text)}</text>')
    runs: list[list[tuple[float, float]]] = [[]]
    for c in coords:
        if c is None:
            runs.append([])
        else:
            runs[-1].append(c)
    for run in runs:
        if len(run) > 1:
            body.insert(0, '<polyline fill="none" stroke="#0b4f8a" stroke-width="2" points="'
                        + " ".join(f"{x:.1f},{y:.1f}" for x, y in run) + '"/>')
    return _svg(width, height, label, body)


def bar_chart(series: FigureSeries, height: int = 180) -> Markup:
    """One column per period for a figure; values written above the columns when there is room."""
    width = min(900, 100 + 60 * len(series.points))
    left, right, top, bottom = 12, 12, 22, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [p.value for p in series.points]
    top_value = max((v for v in values if v is not None), default=0) or 1
    n = len(series.points)
    slot = plot_w / max(n, 1)
    bar_w = max(2.0, min(60.0, slot * 0.7))
    every = max(1, -(-n // 16))
    body = [f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#57606a"/>']
    for i, point in enumerate(series.points):
        cx = left + slot * (i + 0.5)
        if point.value is not None:
            h = plot_h * point.value / top_value
            body.append(f'<rect x="{cx - bar_w / 2:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                        f'fill="#0b4f8a"><title>{escape(point.period)}: {escape(point.text)}</title></rect>')
            if n <= 16:
                body.append(f'<text x="{cx:.1f}" y="{top + plot_h - h - 5:.1f}" text-anchor="middle" font-size="11" '
                            f'fill="#1b1f24">{escape(point.text)}</text>')
        if i % every == 0 or i == n - 1:
            body.append(f'<text x="{cx:.1f}" y="{top + plot_h + 16}" text-anchor="middle" font-size="11" fill="#57606a">'
                        f"{escape(point.period)}</text>")
    return _svg(width, height, f"{series.name} qua các kỳ", body)


def breakdown_bar(site: Site) -> Markup:
    """The task states as one stacked bar, each part labelled with its count."""
    rows = [r for r in site.overview.breakdown.rows if r.indent and r.count]
    total = sum(r.count for r in rows) or 1
    width, height = 420, 26
    colours = {"good": "#1a7f37", "warn": "#c27c00", "info": "#0a5c8f", "bad": "#b42318", "none": "#8c959f"}
    body, x = [], 0.0
    for r in rows:
        w = width * r.count / total
        body.append(f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="{height}" fill="{colours[r.tone]}">'
                    f"<title>{escape(r.label)}: {r.count}</title></rect>")
        if w >= 16:
            body.append(f'<text x="{x + w / 2:.1f}" y="18" text-anchor="middle" font-size="13" font-weight="700" '
                        f'fill="#fff">{r.count}</text>')
        x += w
    label = "; ".join(f"{r.label}: {r.count}" for r in rows)
    return _svg(width, height, label or "Không có nhiệm vụ", body)


# --- Pages ------------------------------------------------------------------------------------------------

def _environment():
    from jinja2 import Environment, FunctionLoader, StrictUndefined

    def load(name: str):
        source = (resources.files("dancu_cli") / "templates" / TEMPLATES / name).read_text(encoding="utf-8")
        return source, name, lambda: True

    env = Environment(loader=FunctionLoader(load), undefined=StrictUndefined, autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(
        n=format_number,
        task_file=task_file,
        capfirst=lambda s: s[:1].upper() + s[1:],
        rate_tone=_rate_tone,
        matrix_cells=matrix_cells,
        result_rows=result_rows,
        groupby_year=lambda links: [(year, list(items)) for year, items in groupby(links, key=lambda l: l.key[:4])],
    )
    return env


# The two biggest tables (a period's matrix, a task's results over ten years) are laid out here rather than in
# the templates: the same markup, at a fraction of the cost of Jinja's per-value escaping on 100,000 cells.

def matrix_cells(cells: list) -> Markup:
    """The <td> of one matrix row: symbol, colour, and the full label for screen readers and as a tooltip."""
    out = []
    seen: dict[tuple, str] = {}
    for c in cells:
        key = (c.state, c.detail)
        html = seen.get(key)
        if html is None:
            title = c.label + (f": {c.detail}" if c.detail else "")
            html = (f'<td class="c {c.tone}" data-state="{c.state or ""}" title="{_esc(title)}">{_esc(c.symbol)}'
                    f'<span class="sr"> {_esc(c.label)}</span></td>')
            seen[key] = html
        out.append(html)
    return Markup("".join(out))


def result_rows(results: list) -> Markup:
    """The <tr> of a task's results in one period: unit, the status it reported, its text, the day received."""
    return Markup("".join(
        f'<tr><th scope="row"><abbr title="{_esc(r.unit.name)}">{_esc(r.unit.abbr)}</abbr></th><td>{_esc(r.status)}</td>'
        f'<td class="text">{_esc(r.text)}</td><td>{_esc(r.received)}</td></tr>\n'
        for r in results))


def _esc(text: str) -> str:
    return html_escape(text, quote=True)


def _rate_tone(rate: Rate) -> str:
    share = rate.on_time_share
    if share is None:
        return ""
    return "good" if share >= 0.9 else "warn" if share >= 0.5 else "bad"


def render_site(site: Site, version: str) -> Iterator[tuple[str, str]]:
    """(file name, HTML) for every page of the site, overview first."""
    env = _environment()
    css = Markup((resources.files("dancu_cli") / "templates" / TEMPLATES / "dashboard.css").read_text(encoding="utf-8"))
    latest = site.overview.latest.file if site.overview.latest else site.overview.current.file
    nav = [("index.html", "Tổng quan"), (latest, "Theo dõi theo kỳ"), ("ty-le-bao-cao.html", "Tỷ lệ báo cáo"),
           ("qua-han.html", "Việc quá hạn"), ("index.html#nhiem-vu", "Nhiệm vụ")]
    common = {"site": site, "css": css, "version": version, "nav": nav}
    states = ["on_time", "late", "overdue", "pending", *(["broken"] if site.broken else []), None]
    legend = [(k, CELL_SYMBOLS[k], CELL_LABELS[k], CELL_TONES[k]) for k in states]

    def page(template: str, file: str, title: str, **extra) -> tuple[str, str]:
        html = env.get_template(template).render(common | {"current_file": file, "page_title": title} | extra)
        return file, html

    yield page("overview.html.j2", "index.html", "Tổng quan", breakdown_bar=breakdown_bar(site))
    for p in site.periods:
        yield page("period.html.j2", p.file, f"Bảng theo dõi {p.label}", page=p, legend=legend)
    rp = site.rates
    sparklines = {
        unit.id: sparkline([(link.key, r.on_time_share, r.on_time_rate) for link, r in zip(rp.periods, per)],
                           f"Tỷ lệ đúng hạn của {unit.name} qua các kỳ")
        for unit, _, per in rp.rows
    }
    overall = line_chart([(link.key, r.on_time_share, r.on_time_rate) for link, r in zip(rp.periods, rp.by_period)],
                         "Tỷ lệ đúng hạn của tất cả đơn vị qua các kỳ")
    yield page("rates.html.j2", "ty-le-bao-cao.html", "Tỷ lệ báo cáo", sparklines=sparklines, overall_chart=overall)
    kinds = site.overview.overdue
    yield page("overdue.html.j2", "qua-han.html", "Việc quá hạn", kinds=[k for k in kinds if k.kind != "late"])
    for t in site.tasks:
        charts = [{"name": s.name, "svg": bar_chart(s)} for s in t.series]
        yield page("task.html.j2", t.file, f"Nhiệm vụ {t.number}", task=t, charts=charts)


# --- Writing the folder -----------------------------------------------------------------------------------

def check_target(target: Path) -> None:
    """Refuse a folder dancu did not write: a site is only ever written over a site."""
    if target.is_symlink():
        raise SiteTargetError(f"{target} là một liên kết tượng trưng (symlink); hãy nêu một thư mục thật")
    if target.exists() and not target.is_dir():
        raise SiteTargetError(f"{target} là một tệp, không phải thư mục")
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).is_file():
        raise SiteTargetError(
            f"thư mục {target} đã có tệp khác và không phải bảng theo dõi do dancu tạo; hãy chọn thư mục trống "
            "hoặc thư mục mới")


def write_site(pages: Iterator[tuple[str, str]], target: Path) -> int:
    """Write every page into a fresh folder beside the target, then put it in the target's place.

    Readers never see half a site: until the swap the old site stays whole, and a failure leaves it as it
    was. Returns the number of pages written.
    """
    check_target(target)
    parent = target.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent))
    # mkdtemp makes the folder private (0700); a published site must be readable as any new folder is.
    mask = os.umask(0)
    os.umask(mask)
    fresh.chmod(0o777 & ~mask)
    count = 0
    try:
        for name, html in pages:
            (fresh / name).write_text(html, encoding="utf-8", newline="\n")
            count += 1
        (fresh / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=parent))
            os.replace(target, old / "site")
            try:
                os.replace(fresh, target)
            except OSError:
                os.replace(old / "site", target)  # put the old site back
                raise
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(fresh, target)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    return count
