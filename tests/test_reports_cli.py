"""`dancu report add|list|show|remove` as an office clerk uses them."""

from __future__ import annotations

from datetime import date

import json
import subprocess
import sys
import unicodedata

import pytest
import yaml

from conftest import PLAN_ID, run, run_process
from reports_support import TODAY, add_args, report_file, report_files


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("DANCU_TODAY", TODAY)


def stored(root, unit_id="van-phong-so"):
    return yaml.safe_load(report_file(root, unit_id).read_text(encoding="utf-8"))


def test_round_trip_add_list_show_remove(workspace):
    added = run("report", "add", "--unit", "VP", "--period", "quý IV/2025", "--task", "4",
                "--status", "đang thực hiện", "--results", "Đã tiếp 12 lượt công dân.\nĐã giải quyết 3 đơn.",
                "--figure", "Số lượt tiếp công dân=12", "--figure", "Tỷ lệ giải quyết=2,5",
                "--shortcomings", "Một số đơn còn chậm.", "--next-steps", "Tiếp tục tiếp dân định kỳ.",
                "--proposals", "Bổ sung cán bộ tiếp dân.", "--number", "45/BC-VP",
                "--issued-on", "15/12/2025", "--received-on", "2025-12-16", root=workspace)
    assert added.exit_code == 0, added.output
    assert ("Đã ghi báo cáo của Văn phòng Sở, quý IV năm 2025, nhiệm vụ 4 vào tệp "
            f"reports/{PLAN_ID}/2025-Q4/van-phong-so.yaml (tệp mới).") in added.stdout

    text = report_file(workspace).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../schemas/report.schema.json\n")
    assert "results: |-\n      Đã tiếp 12 lượt công dân.\n      Đã giải quyết 3 đơn.\n" in text
    assert "Số lượt tiếp công dân: 12\n" in text  # an int stays an int
    assert stored(workspace)["issued_on"].isoformat() == "2025-12-15"

    listed = run("report", "list", root=workspace)
    assert listed.exit_code == 0, listed.output
    for cell in ("Đơn vị", "Kỳ", "Tình trạng", "Ngày nhận", "Số, ký hiệu", "VP", "2025-Q4",
                 "Đang thực hiện", "16/12/2025", "45/BC-VP", "VP = Văn phòng Sở"):
        assert cell in listed.stdout
    assert max(len(line) for line in listed.stdout.splitlines()) <= 80

    rows = json.loads(run("report", "list", "--format", "json", root=workspace).stdout)
    assert [(r["unit"], r["period"], r["task"], r["status"], r["figures"]) for r in rows] == [
        ("van-phong-so", "2025-Q4", 4, "dang-thuc-hien", {"Số lượt tiếp công dân": 12, "Tỷ lệ giải quyết": 2.5})]

    shown = run("report", "show", "van phong so", "Q4/2025", root=workspace)
    assert shown.exit_code == 0, shown.output
    for part in ("BÁO CÁO CỦA VĂN PHÒNG SỞ", "Kế hoạch số 2599/KH-SKHCN, quý IV năm 2025", "Số: 45/BC-VP",
                 "ngày ban hành: 15/12/2025", "nhận ngày 16/12/2025", "Nhiệm vụ 4. Nâng cao hiệu quả",
                 "Tình trạng: Đang thực hiện", "Đã giải quyết 3 đơn.", "Số lượt tiếp công dân: 12",
                 "Tỷ lệ giải quyết: 2,5", "Tồn tại, hạn chế: Một số đơn còn chậm.",
                 "Phương hướng, nhiệm vụ kỳ tới: Tiếp tục", "Đề xuất, kiến nghị: Bổ sung cán bộ"):
        assert part in shown.stdout

    removed = run("report", "remove", "VP", "2025-Q4", "--task", "4", root=workspace, input="y\n")
    assert removed.exit_code == 0, removed.output
    assert "Xóa mục nhiệm vụ 4 trong báo cáo của Văn phòng Sở, quý IV năm 2025" in removed.stdout
    assert "đó là mục cuối cùng nên đã xóa cả tệp" in removed.stdout
    assert report_files(workspace) == []
    assert "Không có mục báo cáo nào" in run("report", "list", root=workspace).stdout


def test_remove_asks_first_and_keeps_the_other_entries(workspace):
    for task in (1, 4):
        assert run(*add_args(task=task), root=workspace).exit_code == 0
    before = report_file(workspace).read_bytes()
    declined = run("report", "remove", "VP", "2025-Q4", "--task", "4", root=workspace, input="n\n")
    assert declined.exit_code == 1 and "không xóa gì" in declined.stdout
    assert report_file(workspace).read_bytes() == before

    done = run("report", "remove", "VP", "2025-Q4", "--task", "4", "--yes", root=workspace)
    assert done.exit_code == 0 and "Đã xóa mục nhiệm vụ 4 (Đang thực hiện: “Kết quả nhiệm vụ 4.”) khỏi tệp" in done.stdout
    assert [e["task"] for e in stored(workspace)["entries"]] == [1]

    missing = run("report", "remove", "VP", "2025-Q4", "--task", "4", "--yes", root=workspace)
    assert missing.exit_code == 1 and "không có mục nào cho nhiệm vụ 4" in missing.stderr


def test_interactive_add_asks_for_what_is_missing(workspace, monkeypatch):
    monkeypatch.setattr("dancu_cli.cli.report_cmd.stdin_is_interactive", lambda: True)
    answers = [
        "phong xyz",                      # unknown: asked again
        "van phong so",
        "quý IV/2025",
        "9",                              # not a task of the plan: asked again
        "4",
        "2",                              # Đang thực hiện
        "Đã tiếp 12 lượt công dân.",
        "Số lượt tiếp công dân=mười",     # not a number: asked again
        "Số lượt tiếp công dân=12",
        "",                               # no more figures
        "",                               # no shortcomings
        "Tiếp tục tiếp dân.",
        "",                               # no proposals
        "12/BC-VP",                       # the report's reference
        "15/12/2025",                     # issued on
        "",                               # received: Enter means today
    ]
    result = run("report", "add", root=workspace, input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "Các nhiệm vụ mà Văn phòng Sở có vai trò trong kế hoạch 2599-KH-SKHCN:" in result.stdout
    assert "4. Nâng cao hiệu quả công tác tiếp dân" in result.stdout and "(chủ trì, phối hợp)" in result.stdout
    assert "2. Đang thực hiện" in result.stdout
    assert "Không xác định được đơn vị “phong xyz”" in result.stderr
    assert "Hãy gõ một trong các số: 1, 2, 3, 4, 5, 6, 7" in result.stderr
    assert "“mười” không phải là một con số" in result.stderr
    assert stored(workspace)["entries"] == [{
        "task": 4, "status": "dang-thuc-hien", "results": "Đã tiếp 12 lượt công dân.",
        "figures": {"Số lượt tiếp công dân": 12}, "next_steps": "Tiếp tục tiếp dân."}]
    header = stored(workspace)
    assert (header["number"], header["issued_on"], header["received_on"]) == ("12/BC-VP", date(2025, 12, 15), date.fromisoformat(TODAY))
    # A second entry into the same file does not ask for the reference and dates again.
    again = run("report", "add", "--unit", "VP", "--period", "2025-Q4", "--task", "5", "--status", "đang thực hiện",
                root=workspace, input="Đang rà soát thủ tục.\n\n\n\n\n")
    assert again.exit_code == 0, again.output
    assert "Ngày Văn phòng Sở nhận" not in again.output and "Số, ký hiệu" not in again.output


def test_without_a_terminal_missing_options_are_named_and_nothing_is_written(workspace):
    result = run("report", "add", "--unit", "VP", "--period", "2025-Q4", root=workspace)
    assert result.exit_code == 2
    assert "thiếu --task, --status, --results" in result.stderr
    assert report_files(workspace) == []


def test_existing_entry_needs_replace_and_the_command_says_what_it_replaced(workspace):
    assert run(*add_args(number="45/BC-VP"), root=workspace).exit_code == 0
    before = report_file(workspace).read_bytes()

    refused = run(*add_args(status="hoàn thành", results="Đã xong."), root=workspace)
    assert refused.exit_code == 1
    assert "nhiệm vụ 4 đã có trong báo cáo (Đang thực hiện: “Kết quả nhiệm vụ 4.”)" in refused.stderr
    assert "--replace" in refused.stderr
    assert report_file(workspace).read_bytes() == before

    replaced = run(*add_args(status="hoàn thành", results="Đã xong.", number="46/BC-VP"), "--replace", root=workspace)
    assert replaced.exit_code == 0, replaced.output
    assert "Đã thay mục cũ của nhiệm vụ 4 (Đang thực hiện: “Kết quả nhiệm vụ 4.”)." in replaced.stdout
    assert "Đã thay số, ký hiệu “45/BC-VP” bằng “46/BC-VP”." in replaced.stdout
    data = stored(workspace)
    assert data["number"] == "46/BC-VP"
    assert data["entries"] == [{"task": 4, "status": "hoan-thanh", "results": "Đã xong."}]


NO_ROLE_PLAN = ("    coordinating: [cac-phong-don-vi]", "    coordinating: [phong-ke-hoach-tai-chinh]")


@pytest.mark.parametrize("args, reason", [
    (add_args(unit="QLKH", task=4), "Đơn vị “phong-quan-ly-khoa-hoc” không có vai trò (chủ trì, phối hợp, thực hiện) trong nhiệm vụ 4"),
    (add_args(task=9), "Kế hoạch 2599-KH-SKHCN không có nhiệm vụ 9"),
    (add_args(period="2026-Q1"), "Kỳ quý I năm 2026 (01/01/2026 – 31/03/2026) nằm ngoài thời gian của kế hoạch (04/11/2025 – 31/12/2025)"),
    (add_args(received_on="21/12/2025"), "Ngày 21/12/2025 ở tương lai (hôm nay là 20/12/2025)"),
    (add_args(figure="Số lượt tiếp công dân=-3"), "Số liệu phải là số không âm (từ 0 trở lên), không phải -3"),
])
def test_refused_input_exits_1_and_writes_nothing(workspace, args, reason):
    plan = workspace / "plans" / f"{PLAN_ID}.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(*NO_ROLE_PLAN), encoding="utf-8")
    result = run(*args, root=workspace)
    assert result.exit_code == 1, result.output
    assert reason in result.stderr
    assert not (workspace / "reports").exists()


@pytest.mark.parametrize("args, reason", [
    (add_args(unit="Phòng Kế hoạch Tài vụ"), "Các đơn vị gần đúng nhất: Phòng Kế hoạch - Tài chính (KHTC)"),
    (add_args(unit="trung tam"), "Các đơn vị gần đúng nhất: Trung tâm Ứng dụng và Thử nghiệm khoa học và công nghệ "
                                 "(TTƯDTN); Trung tâm Công nghệ thông tin và Truyền thông (TTCNTT)"),
    (add_args(issued_on="31/02/2025"), "Ngày 31/02/2025 không tồn tại"),
    (add_args(figure="Số lượt=1.000"), "không rõ “1.000” là số nghìn hay số thập phân"),
    (add_args(period="quý V/2025"), "Kỳ báo cáo “quý V/2025” không hợp lệ"),
])
def test_unreadable_or_unknown_values_are_usage_errors(workspace, args, reason):
    """A value on the command line that cannot be read, or names nothing, exits 2 and writes nothing."""
    result = run(*args, root=workspace)
    assert result.exit_code == 2, result.output
    assert reason in result.stderr
    assert not (workspace / "reports").exists()


@pytest.mark.parametrize("typed", ["van phong so", "VP", "vp", "Văn phòng Sở", "VĂN PHÒNG SỞ", "van-phong-so",
                                   unicodedata.normalize("NFD", "Văn phòng Sở")])
def test_a_unit_can_be_typed_many_ways(workspace, typed):
    result = run(*add_args(unit=typed), root=workspace)
    assert result.exit_code == 0, result.output
    assert [p.name for p in report_files(workspace)] == ["van-phong-so.yaml"]


def test_nfd_text_is_stored_as_nfc(workspace):
    typed = "Đã tiếp công dân, giải quyết kiến nghị"
    nfd = unicodedata.normalize("NFD", typed)
    assert nfd != typed
    result = run(*add_args(results=nfd, figure=unicodedata.normalize("NFD", "Số lượt=3")), root=workspace)
    assert result.exit_code == 0, result.output
    text = report_file(workspace).read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text)
    assert typed in text and "Số lượt: 3" in text


def test_from_file_records_a_whole_report_and_refuses_a_broken_one_with_its_line(workspace, tmp_path):
    source = tmp_path / "bao-cao-khtc.yaml"
    source.write_text(
        "plan: 2599-KH-SKHCN\nunit: phong-ke-hoach-tai-chinh\nperiod: quý IV/2025\nnumber: 12/BC-KHTC\n"
        "issued_on: 18/12/2025\nentries:\n"
        "  - task: 1\n    status: hoàn thành\n    results: Đã quán triệt trong phòng.\n"
        "  - task: 2\n    status: đang thực hiện\n    results: Đang rà soát quy chế dân chủ.\n"
        "    figures:\n      Số cuộc họp: -1\n", encoding="utf-8")
    refused = run("report", "add", "--from-file", str(source), root=workspace)
    assert refused.exit_code == 1
    assert f"{source.name}:14:20: lỗi: Số liệu phải là số không âm" in refused.stderr
    assert report_files(workspace) == []

    source.write_text(source.read_text(encoding="utf-8").replace("-1", "2"), encoding="utf-8")
    added = run("report", "add", "--from-file", str(source), root=workspace)
    assert added.exit_code == 0, added.output
    assert "nhiệm vụ 1, 2 vào tệp reports/2599-KH-SKHCN/2025-Q4/phong-ke-hoach-tai-chinh.yaml (tệp mới)" in added.stdout
    data = stored(workspace, "phong-ke-hoach-tai-chinh")
    assert data["period"] == "2025-Q4" and [e["task"] for e in data["entries"]] == [1, 2]

    again = run("report", "add", "--from-file", str(source), root=workspace)
    assert again.exit_code == 1 and "nhiệm vụ 1 đã có" in again.stderr and "nhiệm vụ 2 đã có" in again.stderr
    clash = run("report", "add", "--from-file", str(source), "--task", "3", root=workspace)
    assert clash.exit_code == 2 and "--from-file không dùng cùng --task" in clash.stderr
    absent = run("report", "add", "--from-file", str(tmp_path / "khong-co.yaml"), root=workspace)
    assert absent.exit_code == 2 and "không tìm thấy tệp" in absent.stderr


def test_a_hand_broken_report_is_located_and_the_others_still_load(workspace):
    assert run(*add_args(unit="VP"), root=workspace).exit_code == 0
    assert run(*add_args(unit="KHTC", task=1), root=workspace).exit_code == 0
    broken = report_file(workspace, "phong-ke-hoach-tai-chinh")
    lines = broken.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(i for i, text in enumerate(lines, 1) if "status:" in text)
    broken.write_text("".join(lines).replace("status: dang-thuc-hien", "status: xong"), encoding="utf-8")

    checked = run("validate", root=workspace)
    assert checked.exit_code == 1
    assert f"phong-ke-hoach-tai-chinh.yaml:{line}:13: lỗi: Giá trị “xong” không hợp lệ" in checked.stdout
    assert "Có 1 lỗi trong 1 tệp" in checked.stdout

    listed = run("report", "list", "--format", "json", root=workspace)
    assert listed.exit_code == 0
    assert [r["unit"] for r in json.loads(listed.stdout)] == ["van-phong-so"]
    assert "tệp báo cáo có lỗi không được liệt kê" in listed.stderr

    before = broken.read_bytes()
    refused = run(*add_args(unit="KHTC", task=2), root=workspace)
    assert refused.exit_code == 1
    assert f"phong-ke-hoach-tai-chinh.yaml:{line}:13: lỗi:" in refused.stderr
    assert broken.read_bytes() == before
    assert run(*add_args(unit="VP", task=5), root=workspace).exit_code == 0


def test_files_written_by_commands_pass_validate_and_the_json_schema(workspace):
    import shutil

    from conftest import REPO

    for unit, task in (("VP", 4), ("TTCNTT", 1)):
        assert run(*add_args(unit=unit, task=task, figure="Số lượt=1"), root=workspace).exit_code == 0
    assert run("validate", root=workspace).exit_code == 0
    # The files name their schema as ../../../schemas/report.schema.json; an editor or CI resolves it from there.
    shutil.copytree(REPO / "schemas", workspace / "schemas")
    files = report_files(workspace)
    schema = (files[0].parent / "../../../schemas/report.schema.json").resolve()
    checked = subprocess.run([sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), *map(str, files)],
                             capture_output=True, text=True, encoding="utf-8")
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_list_filters_and_exports_csv_with_a_bom_for_excel(workspace):
    for unit, task, status in (("VP", 4, "hoàn thành"), ("VP", 5, "đang thực hiện"), ("KHTC", 1, "hoàn thành")):
        assert run(*add_args(unit=unit, task=task, status=status), root=workspace).exit_code == 0

    def units(*filters):
        result = run("report", "list", "--format", "json", *filters, root=workspace)
        assert result.exit_code == 0, result.output
        return [(r["unit"], r["task"]) for r in json.loads(result.stdout)]

    assert units("--unit", "van phong so") == [("van-phong-so", 4), ("van-phong-so", 5)]
    assert units("--status", "hoan thanh") == [("phong-ke-hoach-tai-chinh", 1), ("van-phong-so", 4)]
    assert units("--task", "1") == [("phong-ke-hoach-tai-chinh", 1)]
    assert units("--period", "2025") == units()  # a year keeps the quarters inside it
    assert units("--period", "2025-Q3") == []

    out = workspace / "bao-cao.csv"
    assert run("report", "list", "--format", "csv", "-o", str(out), root=workspace).exit_code == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert "Đơn vị" in data.decode("utf-8-sig").splitlines()[0]
    piped = run("report", "list", "--format", "csv", root=workspace).stdout
    assert not piped.startswith("\ufeff") and piped.count("\n") == 4


@pytest.mark.skipif(sys.platform == "win32", reason="no pseudo-terminals on Windows")
def test_interactive_add_on_a_real_pseudo_terminal(workspace):
    """The real terminal check, not a replaced one: a process whose stdin is a pseudo-terminal is asked."""
    import os
    import pty
    import select
    import time

    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "dancu_cli", "--root", str(workspace), "report", "add",
                             "--unit", "VP", "--period", "2025-Q4"],
                            stdin=slave, stdout=slave, stderr=slave, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    os.close(slave)
    seen, start = b"", 0

    def expect(text: str) -> None:
        nonlocal seen, start
        wanted = text.encode("utf-8")
        deadline = time.monotonic() + 60
        while (found := seen.find(wanted, start)) < 0:
            assert time.monotonic() < deadline, seen.decode("utf-8", "replace")
            if select.select([master], [], [], 0.5)[0]:
                try:
                    seen += os.read(master, 4096)
                except OSError:  # EIO: the process closed the terminal without printing `text`
                    raise AssertionError(seen.decode("utf-8", "replace")) from None
        start = found + len(wanted)

    try:
        for prompt, answer in (("Chọn số nhiệm vụ", "7"), ("Chọn tình trạng", "3"), ("Kết quả thực hiện:", "Đã phát động."),
                               ("Số liệu, dạng Tên=số", "Số tập thể được khen=2"), ("Số liệu, dạng Tên=số", ""),
                               ("Tồn tại, hạn chế", ""), ("Phương hướng, nhiệm vụ kỳ tới", ""), ("Đề xuất, kiến nghị", ""),
                               ("Số, ký hiệu báo cáo", "7/BC-VP"), ("Ngày đơn vị ban hành", ""),
                               ("Ngày Văn phòng Sở nhận báo cáo", "")):
            expect(prompt)
            os.write(master, answer.encode("utf-8") + b"\n")
        expect("Đã ghi báo cáo của Văn phòng Sở, quý IV năm 2025, nhiệm vụ 7")
        assert proc.wait(timeout=30) == 0
    finally:
        proc.kill()
        os.close(master)
    assert stored(workspace)["entries"] == [{"task": 7, "status": "hoan-thanh", "results": "Đã phát động.",
                                             "figures": {"Số tập thể được khen": 2}}]
    assert stored(workspace)["number"] == "7/BC-VP"
    assert stored(workspace)["received_on"] == date.fromisoformat(TODAY)  # Enter took today
    assert "issued_on" not in stored(workspace)


@pytest.mark.skipif(sys.platform == "win32", reason="no pseudo-terminals on Windows")
@pytest.mark.parametrize("answers, removed", [(["có"], True), (["x", "c"], True), (["k"], False), ([""], False)])
def test_remove_confirmation_on_a_pseudo_terminal(workspace, answers, removed):
    """`report remove` asks [c/K]: c or có removes, k or Enter keeps, anything else is asked again."""
    import os
    import pty
    import select
    import time

    for task in (1, 4):
        assert run(*add_args(task=task), root=workspace).exit_code == 0
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "dancu_cli", "--root", str(workspace), "report", "remove",
                             "VP", "2025-Q4", "--task", "4"],
                            stdin=slave, stdout=slave, stderr=slave,
                            env={**os.environ, "PYTHONIOENCODING": "utf-8", "DANCU_TODAY": TODAY})
    os.close(slave)
    seen = b""

    def expect(text: str) -> None:
        nonlocal seen
        deadline = time.monotonic() + 60
        while text.encode("utf-8") not in seen:
            assert time.monotonic() < deadline, seen.decode("utf-8", "replace")
            if select.select([master], [], [], 0.5)[0]:
                try:
                    seen += os.read(master, 4096)
                except OSError:
                    raise AssertionError(seen.decode("utf-8", "replace")) from None

    try:
        expect("[c/K]")
        for i, answer in enumerate(answers):
            if i:
                expect("Hãy trả lời c (có) hoặc k (không).")
                seen = seen.split("Hãy trả lời".encode("utf-8"))[-1]
                expect("[c/K]")
            os.write(master, answer.encode("utf-8") + b"\n")
        expect("Đã xóa mục nhiệm vụ 4" if removed else "Đã hủy: không xóa gì.")
        assert proc.wait(timeout=30) == (0 if removed else 1)
    finally:
        proc.kill()
        os.close(master)
    assert [e["task"] for e in stored(workspace)["entries"]] == ([1] if removed else [1, 4])
