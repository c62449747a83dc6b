"""Building dashboard sites in test workspaces and reading their HTML back with html5lib."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from conftest import run
from deadline_helpers import UNITS, all_tasks, write_plan, write_report
from summary_helpers import add_sample_reports

SAMPLE_AS_OF = "2026-01-15"
MULTI_PLAN = "77-KH-SKHCN"
MULTI_AS_OF = "2026-08-01"
# Plan 2599 stretched to the end of 2026: five quarters, 2025-Q4 to 2026-Q4.
MULTI_PERIODS = ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
SAMPLE_PAGES = ["index.html", "ky-2025-Q4.html", "ty-le-bao-cao.html", "qua-han.html",
                *(f"nhiem-vu-{n}.html" for n in range(1, 8))]
NS = "{http://www.w3.org/1999/xhtml}"


def sample_workspace(root: Path) -> Path:
    """The shipped plan and units with the sample Q4/2025 reports of three units."""
    shutil.copytree(Path(__file__).resolve().parents[1] / "plans", root / "plans")
    return add_sample_reports(root)


def multi_period_workspace(root: Path) -> Path:
    """Five quarters; reports arrive on time, late or not at all, differently in each quarter."""
    shutil.copytree(Path(__file__).resolve().parents[1] / "plans", root / "plans")
    write_plan(root, MULTI_PLAN, ends_on="2026-12-31")
    vp, khtc, qlkh = UNITS[0], UNITS[1], UNITS[2]
    # Q4/2025 due 08/01/2026; Q1/2026 due 08/04/2026 (07/04 may move with holidays; dates below avoid the edge).
    write_report(root, vp, all_tasks(), received_on="2026-01-05", period="2025-Q4", plan=MULTI_PLAN)
    write_report(root, khtc, all_tasks(), received_on="2026-01-20", period="2025-Q4", plan=MULTI_PLAN)
    write_report(root, vp, all_tasks(), received_on="2026-04-02", period="2026-Q1", plan=MULTI_PLAN)
    write_report(root, qlkh, all_tasks(), received_on="2026-04-03", period="2026-Q1", plan=MULTI_PLAN)
    write_report(root, khtc, all_tasks(), received_on="2026-05-04", period="2026-Q1", plan=MULTI_PLAN)
    write_report(root, vp, all_tasks(), received_on="2026-07-03", period="2026-Q2", plan=MULTI_PLAN)
    return root


def build(root: Path, out: Path, as_of: str, *extra: str):
    return run("dashboard", "-o", str(out), "--as-of", as_of, *extra, root=root)


def parse_page(path: Path):
    """The page as an element tree; html5lib in strict mode raises on any parse error."""
    import html5lib

    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True)
    with path.open("rb") as fh:
        return parser.parse(fh)


def text(el) -> str:
    return " ".join("".join(el.itertext()).split())


def find_all(tree, tag: str, **attrs) -> list:
    out = []
    for el in tree.iter(NS + tag):
        if all(el.get(k.rstrip("_").replace("_", "-")) == v for k, v in attrs.items()):
            out.append(el)
    return out


def table_by_class(tree, cls: str):
    tables = [t for t in tree.iter(NS + "table") if cls in (t.get("class") or "").split()]
    assert len(tables) == 1, f"{len(tables)} tables of class {cls}"
    return tables[0]


def rate_cells(row) -> dict[str, str]:
    return {td.get("data-k"): text(td) for td in row.iter(NS + "td") if td.get("data-k")}


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def chromium_args(profile: str) -> list[str]:
    return [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}"]


def browser(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run headless Chromium with a throw-away profile; network fetches are off."""
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run([*chromium_args(profile), *args], capture_output=True, text=True, encoding="utf-8",
                              errors="replace", timeout=timeout)


def dump_dom(url: str) -> str:
    result = browser("--dump-dom", url)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def visible_text(html: str) -> str:
    """Rough rendered text of a DOM dump: tags, scripts and styles removed, spaces collapsed."""
    html = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html)
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&nbsp;", " ").split())
