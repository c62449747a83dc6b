"""`dancu summary` as Markdown: structure, content, escaping, periods, templates and errors."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import PLAN_FILE, PLAN_ID, REPO, run
from summary_helpers import (ANNEX_COLUMNS, NASTY, UNIT_NAMES, add_sample_reports, annex_rows, breakdown_rows,
                             headings, inlines, parse, summary, text_of, write_report)

TASK_COUNT = 7


@pytest.fixture
def sample(workspace: Path) -> Path:
    return add_sample_reports(workspace)


def markdown(root: Path, *args: str) -> list:
    result = summary(root, "--period", "2025-Q4", *args)
    assert result.exit_code == 0, result.output
    return parse(result.stdout)


def test_outward_report_has_no_annex_and_no_laggard_list(sample: Path):
    """The report to UBND tỉnh carries the results, not the Office's internal follow-up."""
    result = summary(sample, "--period", "2025-Q4")
    tokens = parse(result.stdout)
    found = headings(tokens)
    assert [h for h in found if h[0] == 1] == [(1, "BÁO CÁO")]
    assert [text for level, text in found if level == 2] == [
        "I. KẾT QUẢ THỰC HIỆN", "II. TỒN TẠI, HẠN CHẾ", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
        "IV. ĐỀ XUẤT, KIẾN NGHỊ",
    ]
    tasks = [text for level, text in found if level == 3]
    assert [t.split(".")[0] for t in tasks] == [str(n) for n in range(1, TASK_COUNT + 1)]
    assert tasks[0].startswith("1. Tăng cường sự lãnh đạo của chính quyền")
    assert annex_rows(tokens) == []
    texts = inlines(tokens)
    assert not [t for t in texts if t.startswith("Chưa báo cáo") or "chưa báo cáo –" in t.lower()]
    assert "PHỤ LỤC" not in result.stdout and "12/BC-VP" not in result.stdout


def test_with_annex_adds_the_submissions(sample: Path):
    tokens = markdown(sample, "--with-annex")
    assert headings(tokens)[-1] == (2, "PHỤ LỤC: TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC PHÒNG, ĐƠN VỊ")
    texts = inlines(tokens)
    assert ("(Kèm theo Báo cáo số …/BC-SKHCN ngày … tháng … năm … của Sở Khoa học và Công nghệ; "
            "số liệu tính đến ngày 15/01/2026)") in texts
    assert ("Hạn gửi báo cáo 09/01/2026. Số báo cáo phải gửi: 9; trong đó 2 đã báo cáo đúng hạn, "
            "1 đã báo cáo trễ hạn, 6 chưa báo cáo – quá hạn.") in texts
    header, *rows = annex_rows(tokens)
    assert [r[1] for r in rows] == UNIT_NAMES
    assert [r[0] for r in rows] == [str(n) for n in range(1, 10)]
    # VP owes tasks 1–7 (lead of 4, 5, 7; one of "các phòng, đơn vị" everywhere) and reported 1, 4, 5, 7.
    assert rows[0][2:] == ["12/BC-VP", "06/01/2026", "Đúng hạn", "2, 3, 6"]
    assert rows[1][2:] == ["05/BC-KHTC", "12/01/2026", "Trễ hạn 3 ngày", "2, 3, 6, 7"]  # due Fri 09/01/2026
    assert rows[2][2:] == ["21/BC-QLKH", "08/01/2026", "Đúng hạn", "2, 3, 4, 5, 7"]
    assert all(r[2:] == ["", "", "Chưa gửi, quá hạn 6 ngày", ""] for r in rows[3:])


def test_breakdown_table_counts_tasks_the_government_office_way(sample: Path):
    """By hand: task 5 (deadline 31/12/2025) done by VP on 06/01/2026, late; regular tasks 1, 4, 6, 7 have
    entries, 2 and 3 none."""
    tokens = markdown(sample)
    assert "Kế hoạch có 7 nhiệm vụ (1 nhiệm vụ có thời hạn, 6 nhiệm vụ thường xuyên). Tình hình thực hiện tính đến ngày 15/01/2026:" in inlines(tokens)
    assert breakdown_rows(tokens)[1:] == [
        ["1", "Tổng số nhiệm vụ", "7", "100%"],
        ["2", "Đã hoàn thành", "1", "14,3%"],
        ["", "- Đúng hạn", "0", "0%"],
        ["", "- Quá hạn", "1", "14,3%"],
        ["3", "Chưa hoàn thành", "0", "0%"],
        ["", "- Trong hạn", "0", "0%"],
        ["", "- Quá hạn", "0", "0%"],
        ["4", "Nhiệm vụ thường xuyên", "6", "85,7%"],
        ["", "- Đang triển khai", "4", "57,1%"],
        ["", "- Chưa có kết quả báo cáo trong kỳ", "2", "28,6%"],
    ]


def test_regular_tasks_are_never_overdue(sample: Path):
    texts = inlines(markdown(sample))
    states = [t for t in texts if t.startswith("Tình trạng: ")]
    assert states == [
        "Tình trạng: Đang triển khai thường xuyên.",
        "Tình trạng: Chưa có kết quả báo cáo trong kỳ.",
        "Tình trạng: Chưa có kết quả báo cáo trong kỳ.",
        "Tình trạng: Đang triển khai thường xuyên.",
        "Tình trạng: Đã hoàn thành quá hạn.",  # task 5, the deadline task
        "Tình trạng: Đang triển khai thường xuyên.",
        "Tình trạng: Đang triển khai thường xuyên.",
    ]
    assert not [t for t in states if "quá hạn" in t and t != states[4]]


def test_regular_task_whose_entries_all_say_not_started(workspace: Path):
    write_report(workspace, "van-phong-so", [{"task": 2, "status": "chua-trien-khai", "results": "Chưa triển khai."}])
    texts = inlines(markdown(workspace))
    assert [t for t in texts if t.startswith("Tình trạng: ")][1] == "Tình trạng: Chưa triển khai trong kỳ."
    assert ["", "- Chưa triển khai trong kỳ", "1", "14,3%"] in breakdown_rows(markdown(workspace))


@pytest.mark.parametrize("received, state, row", [
    ("2025-12-30", "Đã hoàn thành đúng hạn", ["", "- Đúng hạn", "1", "14,3%"]),
    (None, "Chưa hoàn thành – quá hạn", ["", "- Quá hạn", "1", "14,3%"]),
])
def test_deadline_task_is_judged_on_the_leads_completion(workspace: Path, received, state, row):
    if received:
        write_report(workspace, "van-phong-so", [{"task": 5, "status": "hoan-thanh", "results": "Xong."}],
                     received_on=received)
    tokens = markdown(workspace)
    assert [t for t in inlines(tokens) if t.startswith("Tình trạng: ")][4] == f"Tình trạng: {state}."
    rows = breakdown_rows(tokens)
    assert row in rows
    assert (["2", "Đã hoàn thành", "1", "14,3%"] in rows) == bool(received)


def test_header_title_and_close(sample: Path):
    texts = inlines(markdown(sample))
    assert texts[0] == "UBND TỈNH QUẢNG NGÃI\nSỞ KHOA HỌC VÀ CÔNG NGHỆ\nSố: …/BC-SKHCN"
    assert texts[1] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nQuảng Ngãi, ngày … tháng … năm …"
    assert "Kết quả thực hiện dân chủ ở cơ sở và công tác dân vận chính quyền quý IV năm 2025" in texts
    assert "(Số liệu tính đến ngày 15/01/2026)" in texts
    assert "Nơi nhận:" in texts
    assert ["UBND tỉnh (báo cáo);", "Sở Nội vụ;"] == texts[texts.index("Nơi nhận:") + 1:][:2]
    assert "Lưu: VT, VP." in texts
    assert "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC" in texts and "Mai Thoan" in texts


def test_task_sections_attribute_results_and_sum_figures(sample: Path):
    texts = inlines(markdown(sample))
    assert "Tình trạng: Đã hoàn thành quá hạn." in texts  # task 5: done, reported after 31/12/2025
    assert not [t for t in texts if t.startswith("Chưa báo cáo")]
    assert "Chủ trì: Văn phòng Sở; phối hợp: Các phòng, đơn vị." in texts
    assert any(t.startswith("Văn phòng Sở (Đang thực hiện): Duy trì tiếp công dân") for t in texts)
    assert any(t.startswith("Phòng Kế hoạch - Tài chính (Đang thực hiện): Phối hợp Văn phòng Sở") for t in texts)
    assert "Số lượt tiếp công dân: 12 (VP: 8; KHTC: 4)" in texts
    # Names match ignoring case: "số hồ sơ…" of one unit adds to "Số hồ sơ…" of another.
    assert "Số hồ sơ thủ tục hành chính đã giải quyết: 158 (VP: 146; KHTC: 12)" in texts
    assert "Văn phòng Sở (nhiệm vụ 4): Một số đơn gửi qua nhiều kênh, trùng lặp, mất thời gian phân loại." in texts
    assert any(t.startswith("Văn phòng Sở (nhiệm vụ 7): Đề nghị UBND tỉnh") for t in texts)


def test_user_text_comes_out_literally(workspace: Path):
    write_report(workspace, "van-phong-so", [{
        "task": 4, "status": "hoan-thanh", "results": NASTY, "shortcomings": NASTY,
        "figures": {"Số lượt | tiếp *dân*": 3},
    }], number="12/BC | VP <1>")
    tokens = markdown(workspace)
    texts = inlines(tokens)
    assert f"Văn phòng Sở (Hoàn thành): {NASTY}" in texts
    assert f"Văn phòng Sở (nhiệm vụ 4): {NASTY}" in texts
    assert "Số lượt | tiếp *dân*: 3" in texts
    assert not [t for t in tokens if t.type in ("html_block", "hr", "blockquote_open", "ordered_list_open", "code_block")]
    annex = annex_rows(parse(summary(workspace, "--period", "2025-Q4", "--with-annex").stdout))
    assert all(len(row) == len(ANNEX_COLUMNS) for row in annex)
    assert annex[1][2] == "12/BC | VP <1>"


def test_a_template_without_filters_still_escapes(sample: Path, tmp_path: Path):
    template = tmp_path / "mau.md.j2"
    template.write_text("# {{ title }}\n\n{{ tasks[3].results[0].unit }}: {{ tasks[3].results[0].text }}\n", encoding="utf-8")
    write_report(sample, "van-phong-so", [{"task": 4, "status": "hoan-thanh", "results": "*a* <b> | # c"}])
    result = summary(sample, "--period", "2025-Q4", "--template", str(template))
    assert result.exit_code == 0, result.output
    assert inlines(parse(result.stdout))[1] == "Văn phòng Sở: *a* <b> | # c"


def test_period_with_no_reports_lists_every_unit_missing(workspace: Path):
    tokens = markdown(workspace, "--with-annex")
    header, *rows = annex_rows(tokens)
    assert [r[1] for r in rows] == UNIT_NAMES
    assert {r[4] for r in rows} == {"Chưa gửi, quá hạn 6 ngày"}
    texts = inlines(tokens)
    assert texts.count("Kết quả thực hiện: chưa có đơn vị nào báo cáo.") == TASK_COUNT
    assert "Hạn gửi báo cáo 09/01/2026. Số báo cáo phải gửi: 9; trong đó 9 chưa báo cáo – quá hạn." in texts
    assert texts.count("Các phòng, đơn vị không báo cáo nội dung này.") == 3


def test_as_of_excludes_reports_received_later(sample: Path):
    tokens = parse(run("summary", "--period", "2025-Q4", "--as-of", "10/01/2026", "--with-annex", root=sample).stdout)
    rows = annex_rows(tokens)[1:]
    assert rows[1][4] == "Chưa gửi, quá hạn 1 ngày"  # received 12/01: not yet arrived on 10/01 (due 09/01)
    assert "(Số liệu tính đến ngày 10/01/2026)" in inlines(tokens)


@pytest.mark.parametrize("period, label", [("2025-H2", "6 tháng cuối năm 2025"), ("2025", "năm 2025"),
                                           ("quý IV/2025", "quý IV năm 2025")])
def test_half_year_and_year_gather_the_quarter(sample: Path, period: str, label: str):
    result = summary(sample, "--period", period, "--with-annex")
    assert result.exit_code == 0, result.output
    tokens = parse(result.stdout)
    assert f"Kết quả thực hiện dân chủ ở cơ sở và công tác dân vận chính quyền {label}" in inlines(tokens)
    assert len(annex_rows(tokens)) == 1 + len(UNIT_NAMES)
    assert "Số lượt tiếp công dân: 12 (VP: 8; KHTC: 4)" in inlines(tokens)


def test_half_year_spanning_two_quarters_names_each_period(workspace: Path):
    data = yaml.safe_load(PLAN_FILE.read_text(encoding="utf-8"))
    data["window"]["ends_on"] = "2026-06-30"
    (workspace / "plans" / PLAN_FILE.name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    entry = {"task": 4, "status": "dang-thuc-hien", "results": "Tiếp dân.", "figures": {"Số lượt tiếp công dân": 5}}
    write_report(workspace, "van-phong-so", [entry], period="2026-Q1", received_on="2026-04-02")
    write_report(workspace, "van-phong-so", [entry], period="2026-Q2", received_on="2026-07-01")
    result = run("summary", "--period", "2026-H1", "--as-of", "2026-07-20", "--with-annex", root=workspace)
    assert result.exit_code == 0, result.output
    tokens = parse(result.stdout)
    texts = inlines(tokens)
    assert "Văn phòng Sở, quý I năm 2026 (Đang thực hiện): Tiếp dân." in texts
    assert "Văn phòng Sở, quý II năm 2026 (Đang thực hiện): Tiếp dân." in texts
    assert "Số lượt tiếp công dân: 10" in texts
    rows = annex_rows(tokens)[1:]
    assert len(rows) == 2 * len(UNIT_NAMES)
    assert rows[0][1] == "Văn phòng Sở (quý I năm 2026)" and rows[len(UNIT_NAMES)][1] == "Văn phòng Sở (quý II năm 2026)"


def test_custom_template_typo_names_the_line(sample: Path, tmp_path: Path):
    template = tmp_path / "mau.md.j2"
    template.write_text("# {{ type_name }}\n\n{{ titel }}\n", encoding="utf-8")
    out = tmp_path / "bc.md"
    result = summary(sample, "--period", "2025-Q4", "--template", str(template), "-o", str(out))
    assert result.exit_code == 1
    assert f"mẫu {template}, dòng 3: không có biến hay trường “titel”; có phải ý bạn là “title”?" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


@pytest.mark.parametrize("source, line", [("{% for t in tasks %}\n{{ t.heading }}\n", 2),
                                          ("a\nb\n{{ tasks[0].headin }}\n", 3),
                                          ("{{ title | khong_co }}\n", 1)])
def test_custom_template_errors_are_clear(sample: Path, tmp_path: Path, source: str, line: int):
    template = tmp_path / "mau.md.j2"
    template.write_text(source, encoding="utf-8")
    result = summary(sample, "--period", "2025-Q4", "--template", str(template))
    assert result.exit_code == 1
    assert f"dòng {line}:" in result.stderr and result.stdout == ""


def test_output_file_written_atomically(sample: Path, tmp_path: Path):
    out = tmp_path / "ra" / "bao-cao.md"
    result = summary(sample, "--period", "2025-Q4", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert f"vào {out}." in result.stdout
    assert out.read_text(encoding="utf-8").startswith("UBND TỈNH QUẢNG NGÃI")
    assert [p.name for p in out.parent.iterdir()] == ["bao-cao.md"]  # no temporary file left


def test_unwritable_output_is_a_clear_error(sample: Path, tmp_path: Path):
    blocker = tmp_path / "tep.txt"
    blocker.write_text("x", encoding="utf-8")
    result = summary(sample, "--period", "2025-Q4", "-o", str(blocker / "bao-cao.md"))
    assert result.exit_code == 1
    assert "không ghi được tệp" in result.stderr and "không phải thư mục" in result.stderr


@pytest.mark.parametrize("args, message", [
    (["--period", "2025-Q9"], "Kỳ báo cáo “2025-Q9” không hợp lệ"),
    (["--period", "2025-Q4", "--format", "odt"], "'odt' không thuộc: 'md', 'docx', 'pdf'"),
    (["--period", "2025-Q4", "--as-of", "31/02/2026"], "không tồn tại"),
])
def test_bad_invocations_exit_2(sample: Path, args: list[str], message: str):
    result = run("summary", *args, root=sample)
    assert result.exit_code == 2
    assert message in result.output


def test_period_outside_the_plan_exits_1(sample: Path):
    result = summary(sample, "--period", "2026-Q1")
    assert result.exit_code == 1
    assert "Quý I năm 2026 không chứa kỳ báo cáo nào của kế hoạch 2599/KH-SKHCN" in result.stderr


@pytest.mark.parametrize("title, expected", [
    ("Thực hiện dân chủ ở cơ sở từ nay đến cuối năm 2025", "Kết quả thực hiện dân chủ ở cơ sở quý IV năm 2025"),
    ("Triển khai cải cách hành chính giai đoạn 2021 - 2025", "Kết quả triển khai cải cách hành chính quý IV năm 2025"),
    ("Công tác dân vận năm 2025", "Kết quả công tác dân vận quý IV năm 2025"),
    ("UBND tỉnh giao nhiệm vụ", "Kết quả UBND tỉnh giao nhiệm vụ quý IV năm 2025"),
])
def test_title_comes_from_the_plan(title: str, expected: str):
    from dancu_cli.core.dates import parse_period
    from dancu_cli.core.models import Plan
    from dancu_cli.core.summary import summary_title

    data = yaml.safe_load(PLAN_FILE.read_text(encoding="utf-8"))
    data["document"]["title"] = title
    assert summary_title(Plan.parse(data)[0], parse_period("2025-Q4")) == expected
    data["reporting"]["summary_title"] = "Kết quả công tác dân vận chính quyền"
    assert summary_title(Plan.parse(data)[0], parse_period("2025")) == "Kết quả công tác dân vận chính quyền năm 2025"


def test_plan_option_and_stdout_is_plain_markdown(sample: Path):
    result = summary(sample, "--period", "2025-Q4", "--plan", PLAN_ID, "--format", "md")
    assert result.exit_code == 0 and "\x1b[" not in result.stdout
    assert summary(sample, "--period", "2025-Q4", "--plan", "khong-co").exit_code == 2


def test_readme_sample_is_current(sample: Path):
    """docs/summary-q4-2025.md, quoted in the README, is what the sample reports render to today."""
    result = summary(sample, "--period", "2025-Q4")
    committed = (REPO / "docs" / "summary-q4-2025.md").read_text(encoding="utf-8")
    assert result.stdout == committed, "stale: run tools/readme_sample.sh"
