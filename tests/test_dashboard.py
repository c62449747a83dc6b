"""`dancu dashboard`: a static site that states the same numbers as `status` and `overdue`, loads nothing
from the network, and is valid HTML."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from conftest import PLAN_ID
from dashboard_helpers import (
    MULTI_AS_OF,
    MULTI_PERIODS,
    MULTI_PLAN,
    NS,
    SAMPLE_AS_OF,
    SAMPLE_PAGES,
    build,
    find_all,
    multi_period_workspace,
    parse_page,
    rate_cells,
    sample_workspace,
    table_by_class,
    text,
)
from deadline_helpers import UNITS, command_json

@pytest.fixture(scope="module")
def sample_site(tmp_path_factory) -> tuple[Path, Path]:
    root = sample_workspace(tmp_path_factory.mktemp("sample"))
    out = root / "site"
    result = build(root, out, SAMPLE_AS_OF)
    assert result.exit_code == 0, result.output
    return root, out


@pytest.fixture(scope="module")
def multi_site(tmp_path_factory) -> tuple[Path, Path]:
    root = multi_period_workspace(tmp_path_factory.mktemp("multi"))
    out = root / "site"
    result = build(root, out, MULTI_AS_OF)
    assert result.exit_code == 0, result.output
    return root, out


# --- Pages present and valid ------------------------------------------------------------------------------

def test_sample_site_has_every_page_and_each_is_valid_html(sample_site):
    _, out = sample_site
    pages = sorted(p.name for p in out.glob("*.html"))
    assert pages == sorted(SAMPLE_PAGES)
    for name in SAMPLE_PAGES:
        tree = parse_page(out / name)  # strict: raises on the first parse error
        body = text(tree)
        assert "Số liệu tính đến ngày 15/01/2026" in body, name
        assert "Kế hoạch số 2599/KH-SKHCN" in body, name
        assert tree.get("lang") == "vi"


def test_multi_period_site_has_a_matrix_page_per_period(multi_site):
    _, out = multi_site
    names = {p.name for p in out.glob("*.html")}
    assert {f"ky-{k}.html" for k in MULTI_PERIODS} <= names
    assert {"index.html", "ty-le-bao-cao.html", "qua-han.html"} <= names
    assert {f"nhiem-vu-{n}.html" for n in range(1, 8)} <= names
    for name in names:
        parse_page(out / name)
    # Every matrix page lets the reader pick any other period: the selector links all five.
    page = parse_page(out / "ky-2026-Q1.html")
    selector = [el for el in page.iter(NS + "div") if el.get("class") == "periods"][0]
    linked = {a.get("href") for a in selector.iter(NS + "a")}
    assert linked == {f"ky-{k}.html" for k in MULTI_PERIODS if k != "2026-Q1"}
    assert "2026-Q1" in text(selector)


def test_every_page_prints_on_a4_and_carries_its_date_and_plan(multi_site):
    _, out = multi_site
    for page in out.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        styles = " ".join(re.findall(r"(?s)<style>(.*?)</style>", html))
        assert re.search(r"@media print\s*{\s*@page\s*{\s*size:\s*A4", styles), page.name
        assert "Số liệu tính đến ngày 01/08/2026" in html
        assert "77/KH-SKHCN" in html


def test_tables_have_real_headers_and_every_colour_has_a_text_label(sample_site):
    _, out = sample_site
    tree = parse_page(out / "ky-2025-Q4.html")
    matrix = table_by_class(tree, "matrix")
    heads = [th for th in matrix.iter(NS + "th")]
    assert {th.get("scope") for th in heads} == {"col", "row"}
    assert [text(th) for th in matrix.find(NS + "thead").iter(NS + "th")][:3] == ["Nhiệm vụ", "VP", "KHTC"]
    symbol = {"on_time": "✓", "late": "T", "overdue": "✗", "pending": "○", "": "·"}
    label = {"on_time": "Đã báo cáo đúng hạn", "late": "Đã báo cáo trễ hạn", "overdue": "Chưa báo cáo – quá hạn",
             "pending": "Chưa đến hạn", "": "Không có vai trò"}
    cells = [td for td in matrix.iter(NS + "td") if td.get("data-state") is not None]
    assert len(cells) == 63
    for td in cells:
        state = td.get("data-state")
        assert text(td) == f"{symbol[state]} {label[state]}"  # symbol shown, full label for screen readers
    legend = [el for el in tree.iter(NS + "ul") if el.get("class") == "legend"][0]
    entries = {}
    for li in legend.iter(NS + "li"):
        sym = [span for span in li.iter(NS + "span") if "sym" in (span.get("class") or "")]
        if sym:
            entries[text(sym[0])] = text(li)[len(text(sym[0])):].strip()
    assert entries == {symbol[s]: label[s] for s in symbol}


# --- No network -------------------------------------------------------------------------------------------

def _external(value: str) -> bool:
    v = value.strip().lower()
    return v.startswith(("http:", "https:", "//", "ftp:")) or "://" in v


def test_no_page_loads_anything_from_the_network(multi_site, sample_site):
    for out in (multi_site[1], sample_site[1]):
        for page in out.glob("*.html"):
            tree = parse_page(page)
            for el in tree.iter():
                if not isinstance(el.tag, str):
                    continue
                tag = el.tag.split("}")[-1]
                for attr, value in el.attrib.items():
                    name = attr.split("}")[-1]
                    if name in ("src", "srcset", "action", "formaction", "data", "poster", "background", "manifest"):
                        assert not _external(value), (page.name, tag, attr, value)
                    if name == "href":
                        # Only a plain <a> link may point outside (legal texts); nothing is loaded from it.
                        assert tag == "a" or not _external(value), (page.name, tag, value)
                        assert not value.strip().lower().startswith("javascript:")
                    if name == "style":
                        assert "url(" not in value, (page.name, tag)
                assert tag not in ("link", "iframe", "object", "embed", "img", "base"), (page.name, tag)
                if tag == "script":
                    assert el.get("src") is None
                if tag == "style":
                    assert "url(" not in (el.text or "") and "@import" not in (el.text or ""), page.name
            # Local links lead to pages that exist.
            for a in find_all(tree, "a"):
                target = a.get("href").split("#")[0]
                if target and not _external(target):
                    assert (out / target).is_file(), (page.name, target)


# --- Same numbers as status and overdue -------------------------------------------------------------------

def _status(root: Path, as_of: str, period: str, plan: str | None = None) -> dict:
    args = ["status", "--as-of", as_of, "--period", period] + (["--plan", plan] if plan else [])
    return command_json(root, *args)


def _unit_counts(status: dict) -> dict[str, Counter]:
    """Per unit: the states of its cells in `dancu status --format json`."""
    out: dict[str, Counter] = {}
    for task in status["tasks"]:
        for unit, cell in task["cells"].items():
            if cell is not None:
                out.setdefault(unit, Counter())[cell["state"]] += 1
    return out


def _percent(part: int, whole: int) -> str:
    value = round(100 * part / whole, 1)
    return (f"{value:.1f}".rstrip("0").rstrip(".")).replace(".", ",") + "%"


def _expected_rate_cells(c: Counter, is_due: bool) -> dict[str, str]:
    expected = sum(c.values())
    received = c["on_time"] + c["late"]
    return {
        "expected": str(expected), "received": str(received), "on_time": str(c["on_time"]), "late": str(c["late"]),
        "missing": str(c["overdue"]), "pending": str(c["pending"]),
        "rate": _percent(received, expected) if is_due else "chưa đến hạn",
        "on_time_rate": _percent(c["on_time"], expected) if is_due else "chưa đến hạn",
    }


def test_overview_counts_equal_status_and_overdue_json(sample_site):
    root, out = sample_site
    overdue = command_json(root, "overdue", "--as-of", SAMPLE_AS_OF)
    status = _status(root, SAMPLE_AS_OF, "2025-Q4")
    tree = parse_page(out / "index.html")

    kinds = {tr.get("data-kind"): text(tr.findall(NS + "td")[-1]) for tr in table_by_class(tree, "overdue-counts").iter(NS + "tr")
             if tr.get("data-kind")}
    assert kinds == {k: str(v) for k, v in overdue["counts"].items() if k != "total"}
    # By hand: 9 units × 7 tasks = 63 entries owed; VP sent 4 on time, KHTC 3 late, QLKH 2 on time:
    # 54 missing, 3 late; task 5's lead (VP) reported it done on 06/01/2026, after 31/12/2025.
    assert kinds == {"missing": "54", "late": "3", "deadline": "1"}
    assert f"{overdue['counts']['total']} việc tính đến ngày 15/01/2026" in text(tree)

    breakdown = {tr.get("data-key"): text(tr.findall(NS + "td")[-1]) for tr in table_by_class(tree, "breakdown").iter(NS + "tr")
                 if tr.get("data-key")}
    deadline = [t for t in status["tasks"] if t["timeframe"] == "deadline"]
    regular = [t["number"] for t in status["tasks"] if t["timeframe"] == "regular"]
    states = Counter(t["state"] for t in deadline)
    # A regular task is being carried out when some unit reported it in progress or done in the quarter
    # (read from the report files themselves); it is never "overdue".
    import yaml

    statuses: dict[int, set] = {}
    for f in (root / "reports").rglob("*.yaml"):
        for e in yaml.safe_load(f.read_text(encoding="utf-8"))["entries"]:
            statuses.setdefault(e["task"], set()).add(e["status"])
    active = [n for n in regular if statuses.get(n, set()) - {"chua-trien-khai"}]
    assert breakdown == {
        "total": str(len(status["tasks"])),
        "done": str(states["done_on_time"] + states["done_late"]),
        "done_on_time": str(states["done_on_time"]), "done_late": str(states["done_late"]),
        "open": str(states["open_in_time"] + states["open_overdue"]),
        "open_in_time": str(states["open_in_time"]), "open_overdue": str(states["open_overdue"]),
        "regular": str(len(regular)), "regular_active": str(len(active)),
        "regular_no_report": str(len(regular) - len(active)),
    }
    # By hand: task 5 is the plan's one deadline task, done late; of the six regular tasks, 1, 4, 6 and 7
    # have an entry "đang thực hiện" from some unit in the sample, 2 and 3 have none.
    assert (breakdown["done_late"], breakdown["regular_active"], breakdown["regular_no_report"]) == ("1", "4", "2")

    latest = table_by_class(tree, "latest-rate")
    counts = _unit_counts(status)
    total = sum(counts.values(), Counter())
    shown = {td.get("data-k"): text(td) for td in latest.iter(NS + "td") if td.get("data-k")}
    owed = sum(total.values())
    assert shown == {"on_time": str(total["on_time"]), "late": str(total["late"]), "missing": str(total["overdue"]),
                     "expected": str(owed), "on_time_rate": _percent(total["on_time"], owed),
                     "late_rate": _percent(total["late"], owed), "missing_rate": _percent(total["overdue"], owed)}
    big = [p for p in tree.iter(NS + "p") if p.get("data-k") == "rate"][0]
    assert text(big).startswith(_percent(total["on_time"] + total["late"], sum(total.values())))
    assert "9/63 mục báo cáo" in text(big)


def test_overdue_page_lists_the_overdue_json_rows_still_to_chase(sample_site, multi_site):
    for (root, out), as_of in ((sample_site, SAMPLE_AS_OF), (multi_site, MULTI_AS_OF)):
        rows = command_json(root, "overdue", "--as-of", as_of)["rows"]
        tree = parse_page(out / "qua-han.html")
        shown = [(tr.get("data-kind"), int(tr.get("data-task")), tr.get("data-period"), int(tr.get("data-days")))
                 for tr in table_by_class(tree, "overdue").find(NS + "tbody").iter(NS + "tr")]
        wanted = [(r["row_kind"], r["task"], r["period"], r["days_overdue"]) for r in rows if r["row_kind"] != "late"]
        assert shown == wanted
        late = Counter(r["period"] for r in rows if r["row_kind"] == "late")
        if late:
            table = table_by_class(tree, "late")
            assert {tr.get("data-period"): int(text(tr.find(NS + "td"))) for tr in table.find(NS + "tbody").iter(NS + "tr")} == late


def test_period_pages_match_status_json_cell_by_cell_and_rate_by_rate(multi_site):
    root, out = multi_site
    for key in MULTI_PERIODS:
        status = _status(root, MULTI_AS_OF, key)
        tree = parse_page(out / f"ky-{key}.html")
        matrix = table_by_class(tree, "matrix")
        units = [u["id"] for u in status["units"]]
        for task, tr in zip(status["tasks"], matrix.find(NS + "tbody").iter(NS + "tr")):
            assert int(tr.get("data-task")) == task["number"]
            states = [td.get("data-state") for td in tr.iter(NS + "td") if td.get("data-state") is not None]
            assert states == [(task["cells"][u] or {}).get("state", "") for u in units]
            assert task["state_label"] in text(tr)
        is_due = status["period"]["due"] < MULTI_AS_OF
        counts = _unit_counts(status)
        rates = table_by_class(tree, "rates")
        rows = {tr.get("data-unit"): rate_cells(tr) for tr in rates.iter(NS + "tr") if tr.get("data-unit") is not None}
        for unit, c in counts.items():
            assert rows[unit] == _expected_rate_cells(c, is_due), (key, unit)
        assert rows[""] == _expected_rate_cells(sum(counts.values(), Counter()), is_due)


def test_rates_page_matches_status_json_over_the_due_periods(multi_site):
    root, out = multi_site
    due = ["2025-Q4", "2026-Q1", "2026-Q2"]  # Q3/2026 is due 07/10/2026, after 01/08/2026
    per_period = {k: _unit_counts(_status(root, MULTI_AS_OF, k)) for k in due}
    tree = parse_page(out / "ty-le-bao-cao.html")
    summary = table_by_class(tree, "rates")
    rows = {tr.get("data-unit"): rate_cells(tr) for tr in summary.iter(NS + "tr") if tr.get("data-unit") is not None}
    overall = {u: sum((per_period[k].get(u, Counter()) for k in due), Counter()) for u in UNITS}
    for unit in UNITS:
        assert rows[unit] == _expected_rate_cells(overall[unit], True), unit
    # By hand: VP sent every quarter on time (7 + 6 + 6 entries; task 5 ended with 2025), KHTC late twice
    # (Q4/2025 and Q1/2026: 13 of 19), QLKH only Q1/2026 on time (6 of 19).
    assert (rows[UNITS[0]]["expected"], rows[UNITS[0]]["on_time_rate"]) == ("19", "100%")
    assert (rows[UNITS[1]]["late"], rows[UNITS[1]]["rate"], rows[UNITS[1]]["on_time_rate"]) == ("13", "68,4%", "0%")
    assert rows[UNITS[2]]["on_time_rate"] == "31,6%"
    grid = table_by_class(tree, "grid")
    for tr in grid.find(NS + "tbody").iter(NS + "tr"):
        unit = tr.get("data-unit")
        for td in tr.iter(NS + "td"):
            c = per_period[td.get("data-period")][unit]
            assert text(td) == _percent(c["on_time"], sum(c.values())), (unit, td.get("data-period"))
    # One chart per unit (its on-time rate over the due periods), and one for all units.
    charts = [svg for svg in tree.iter("{http://www.w3.org/2000/svg}svg")]
    assert len(charts) == len(UNITS) + 1
    vp_chart = [svg for svg in charts if "Văn phòng Sở" in (svg.get("aria-label") or "")][0]
    points = [text(c) for c in vp_chart.iter("{http://www.w3.org/2000/svg}circle")]
    assert points == ["2025-Q4: 100%", "2026-Q1: 100%", "2026-Q2: 100%"]


def test_task_page_shows_text_roles_timeframe_results_and_figures_over_time(sample_site):
    _, out = sample_site
    tree = parse_page(out / "nhiem-vu-4.html")
    body = text(tree)
    assert "Nâng cao hiệu quả công tác tiếp dân" in body
    facts = {text(tr.find(NS + "th")): text(tr.find(NS + "td")) for tr in table_by_class(tree, "facts").iter(NS + "tr")}
    assert facts["Chủ trì"] == "Văn phòng Sở"
    assert facts["Thời gian thực hiện"] == "Thường xuyên"
    results = table_by_class(tree, "results")
    assert [text(tr.find(NS + "th")) for tr in results.find(NS + "tbody").iter(NS + "tr")] == ["VP", "KHTC"]
    figures = {text(tr.find(NS + "th")): [text(td) for td in tr.iter(NS + "td")]
               for tr in table_by_class(tree, "figures").find(NS + "tbody").iter(NS + "tr")}
    # By hand from the sample: VP received 8 citizens, KHTC 4.
    assert figures["Số lượt tiếp công dân"] == ["12", "VP: 8; KHTC: 4"]
    bars = [text(r) for r in tree.iter("{http://www.w3.org/2000/svg}rect")]
    assert "2025-Q4: 12" in bars


def test_task_figures_chart_follows_the_periods(tmp_path):
    from summary_helpers import write_report

    root = multi_period_workspace(tmp_path)
    entry = {"task": 4, "status": "dang-thuc-hien", "results": "Tiếp công dân."}
    write_report(root, UNITS[3], [entry | {"figures": {"Số lượt tiếp công dân": 5}}], period="2025-Q4",
                 plan=MULTI_PLAN, received_on="2026-01-06")
    write_report(root, UNITS[3], [entry | {"figures": {"số lượt  tiếp công dân": 7}}], period="2026-Q2",
                 plan=MULTI_PLAN, received_on="2026-07-02")
    out = tmp_path / "site"
    assert build(root, out, MULTI_AS_OF).exit_code == 0
    tree = parse_page(out / "nhiem-vu-4.html")
    bars = [text(r) for r in tree.iter("{http://www.w3.org/2000/svg}rect")]
    # Names are matched ignoring case and spacing, as the consolidated report adds them up; Q1 has no figure.
    assert bars == ["2025-Q4: 5", "2026-Q2: 7"]


# --- Refusals and the output folder -----------------------------------------------------------------------

def _break_qlkh(root: Path) -> Path:
    broken = root / "reports" / PLAN_ID / "2025-Q4" / "phong-quan-ly-khoa-hoc.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("dang-thuc-hien", "dang-lam", 1), encoding="utf-8")
    return broken


def test_a_broken_report_refuses_rather_than_showing_the_unit_as_not_reported(tmp_path):
    root = sample_workspace(tmp_path)
    _break_qlkh(root)
    out = tmp_path / "site"
    result = build(root, out, SAMPLE_AS_OF)
    assert result.exit_code == 1
    assert "phong-quan-ly-khoa-hoc.yaml" in result.output
    assert "không lập bảng theo dõi" in result.output
    assert not out.exists()


def test_skip_invalid_shows_the_broken_report_as_such_never_as_missing(tmp_path):
    root = sample_workspace(tmp_path)
    _break_qlkh(root)
    out = tmp_path / "site"
    result = build(root, out, SAMPLE_AS_OF, "--skip-invalid")
    assert result.exit_code == 0, result.output
    tree = parse_page(out / "ky-2025-Q4.html")
    matrix = table_by_class(tree, "matrix")
    qlkh = 2  # the third unit column: VP, KHTC, QLKH
    column = [[td for td in tr.iter(NS + "td") if td.get("data-state") is not None][qlkh]
              for tr in matrix.find(NS + "tbody").iter(NS + "tr")]
    assert {td.get("data-state") for td in column} == {"broken"}
    assert {text(td) for td in column} == {"! Báo cáo có lỗi, chưa được tổng hợp"}
    overdue = parse_page(out / "qua-han.html")
    assert not [tr for tr in overdue.iter(NS + "tr") if tr.get("data-unit") == "QLKH" and tr.get("data-kind") == "missing"]
    assert "báo cáo có lỗi, chưa được tổng hợp" in text(parse_page(out / "index.html"))


def test_a_folder_with_other_files_is_never_overwritten(tmp_path):
    root = sample_workspace(tmp_path)
    out = tmp_path / "tai-lieu"
    out.mkdir()
    (out / "ghi-chu.txt").write_text("của tôi", encoding="utf-8")
    result = build(root, out, SAMPLE_AS_OF)
    assert result.exit_code == 1
    assert "không phải bảng theo dõi do dancu tạo" in result.output
    assert [p.name for p in out.iterdir()] == ["ghi-chu.txt"]


def test_rebuilding_replaces_the_previous_site_whole(tmp_path):
    root = sample_workspace(tmp_path)
    out = tmp_path / "site"
    assert build(root, out, "2025-12-01").exit_code == 0
    (out / "index.html").write_text("cũ", encoding="utf-8")
    (out / "ky-2024-Q1.html").write_text("trang cũ không còn", encoding="utf-8")
    result = build(root, out, SAMPLE_AS_OF)
    assert result.exit_code == 0, result.output
    assert "11 trang" in result.output
    assert not (out / "ky-2024-Q1.html").exists()
    assert "Số liệu tính đến ngày 15/01/2026" in (out / "index.html").read_text(encoding="utf-8")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.")]  # no temporary folder left


def test_one_period_page_of_the_benchmark_scale_stays_under_a_megabyte(tmp_path):
    """60 units × 40 tasks: the widest matrix the benchmark workspace has, one quarter's worth of reports."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from generate import generate

    root = tmp_path / "ws"
    generate(root, years=1)
    out = tmp_path / "site"
    result = build(root, out, "2015-12-31")
    assert result.exit_code == 0, result.output
    sizes = {p.name: p.stat().st_size for p in out.glob("ky-*.html")}
    assert len(sizes) == 4
    assert max(sizes.values()) < 1_000_000, sizes


def test_what_units_typed_is_shown_as_typed_never_as_markup(tmp_path):
    from summary_helpers import NASTY, write_report

    root = sample_workspace(tmp_path)
    text_in = NASTY + "\n<script>alert(1)</script><img src=http://x.vn/a.png>"
    write_report(root, UNITS[4], [{"task": 4, "status": "dang-thuc-hien", "results": text_in,
                                   "figures": {"<b>Số lượt</b> & “tiếp”": 3}}],
                 received_on="2026-01-06")
    out = tmp_path / "site"
    result = build(root, out, SAMPLE_AS_OF)
    assert result.exit_code == 0, result.output
    tree = parse_page(out / "nhiem-vu-4.html")
    assert not [el for el in tree.iter(NS + "script")] or all("alert" not in (el.text or "") for el in tree.iter(NS + "script"))
    assert not list(tree.iter(NS + "img")) and not list(tree.iter(NS + "b"))
    cells = [td for td in tree.iter(NS + "td") if td.get("class") == "text"]
    shown = ["".join(td.itertext()) for td in cells]
    assert text_in.strip() in shown  # every character as typed, newlines kept (shown with white-space: pre-line)
    figures = [text(th) for th in table_by_class(tree, "figures").iter(NS + "th") if th.get("scope") == "row"]
    assert "<b>Số lượt</b> & “tiếp”" in figures


def test_task_page_lists_the_periods_begun_newest_first(multi_site):
    _, out = multi_site
    tree = parse_page(out / "nhiem-vu-4.html")
    sections = [el for el in tree.iter(NS + "section") if el.get("class") == "task-period"]
    # 01/08/2026: Q3/2026 has begun (not yet due); Q4/2026 has not begun and is left out.
    assert [s.get("data-period") for s in sections] == ["2026-Q3", "2026-Q2", "2026-Q1", "2025-Q4"]
    assert "chưa đến hạn gửi (07/10/2026)" in text(sections[0])
    assert "Đã nhận 3/9 mục báo cáo" in text(sections[2])  # VP, QLKH on time; KHTC late
    # Task 5 ended with 2025 (deadline 31/12/2025): nobody owes it in 2026, so Q3/2026 is left out; what units
    # still reported on it in Q1 and Q2 is shown, as reported.
    t5 = parse_page(out / "nhiem-vu-5.html")
    assert [s.get("data-period") for s in t5.iter(NS + "section") if s.get("class") == "task-period"] == [
        "2026-Q2", "2026-Q1", "2025-Q4"]
