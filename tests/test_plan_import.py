"""`dancu plan import`: Word, PDF (text layer and scan) and text documents of a plan become plan files.

The documents are built at test time by tests/plan_documents.py from the words of the plan, in the
official layout; nothing binary is committed. Expected values come from plans/2599-KH-SKHCN.yaml and
from the test plan's own words (deadlines computed by hand), never from the importer's output.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import unicodedata
from datetime import date
from pathlib import Path

import pytest
import yaml

from conftest import PLAN_FILE, REPO, run
from plan_documents import build_docx, second_plan_words, shipped_plan_words

COMPARED = ("document", "issuer", "preamble", "basis", "purposes", "requirements", "tasks", "budget",
            "organisation", "closing", "window", "reporting", "recipients", "signer")


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="session")
def documents(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("documents")
    return {
        "2599": build_docx(shipped_plan_words(REPO), folder / "2599-KH-SKHCN.docx"),
        "115": build_docx(second_plan_words(), folder / "115-KH-SKHCN.docx", tasks_as_table=True),
    }


@pytest.fixture(scope="session")
def text_pdf(documents, tmp_path_factory) -> Path:
    """The Word fixture of plan 2599 converted to PDF by LibreOffice: a PDF with a text layer."""
    exe = soffice()
    if not exe:
        pytest.skip("cần LibreOffice (soffice) để chuyển Word sang PDF")
    fonts = shutil.which("fc-list")
    if fonts:
        vietnamese = subprocess.run([fonts, ":lang=vi", "family"], capture_output=True, text=True).stdout
        if "Times New Roman" not in vietnamese and "Liberation Serif" not in vietnamese:
            # LibreOffice would then mix fonts inside words, and the PDF's text layer would split them.
            pytest.skip("không có phông Times New Roman hay Liberation Serif 2 (fonts-liberation2) đủ chữ tiếng Việt")
    out = tmp_path_factory.mktemp("pdf")
    profile = tmp_path_factory.mktemp("lo-profile")
    subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), str(documents["2599"])], check=True, capture_output=True, timeout=300)
    return out / "2599-KH-SKHCN.pdf"


def shipped() -> dict:
    from dancu_cli.core.workspace import load_workspace

    ws = load_workspace(REPO, include_reports=False)
    return ws.plans["2599-KH-SKHCN"].to_data(json_mode=True)


def imported(root: Path, name: str) -> dict:
    from dancu_cli.core.workspace import load_workspace

    ws = load_workspace(root, include_reports=False)
    assert ws.ok, [p.message for p in ws.problems]
    return ws.plans[name].to_data(json_mode=True)


def nfc(value):
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [nfc(v) for v in value]
    if isinstance(value, dict):
        return {k: nfc(v) for k, v in value.items()}
    return value


@pytest.fixture
def empty_workspace(workspace: Path) -> Path:
    """The shipped workspace without plan 2599: the place a clerk imports next year's plan into."""
    (workspace / "plans" / "2599-KH-SKHCN.yaml").unlink()
    return workspace


def assert_same_as_shipped(root: Path) -> None:
    want, got = shipped(), imported(root, "2599-KH-SKHCN")
    for key in COMPARED:
        assert nfc(got.get(key)) == nfc(want.get(key)), key
    # The basis document is read from the preamble; the plan file's other cited documents are curated by hand.
    assert got["legal_documents"] == want["legal_documents"][:1]


def test_word_document_of_plan_2599_imports_to_the_shipped_plan(documents, empty_workspace):
    result = run("plan", "import", str(documents["2599"]), root=empty_workspace)
    assert result.exit_code == 0, result.output
    assert "Đã ghi kế hoạch 2599/KH-SKHCN (7 nhiệm vụ) vào tệp" in result.output
    assert (empty_workspace / "plans" / "2599-KH-SKHCN.yaml").is_file()
    assert_same_as_shipped(empty_workspace)
    assert run("validate", root=empty_workspace).exit_code == 0


def test_tasks_numbered_by_a_word_list_style_are_read(empty_workspace, tmp_path):
    """Numbering that paragraphs take from the "List Number" style, not set on each paragraph."""
    document = build_docx(shipped_plan_words(REPO), tmp_path / "ke-hoach.docx", numbering_style=True)
    result = run("plan", "import", str(document), root=empty_workspace)
    assert result.exit_code == 0, result.output
    assert_same_as_shipped(empty_workspace)


def test_tasks_roles_and_timeframes_of_2599(documents, empty_workspace):
    """Spelled out from the plan itself: who leads, coordinates, implements, and when."""
    run("plan", "import", str(documents["2599"]), root=empty_workspace)
    tasks = imported(empty_workspace, "2599-KH-SKHCN")["tasks"]
    roles = {t["number"]: (t["lead"], t["coordinating"], t["implementing"]) for t in tasks}
    group = ["cac-phong-don-vi"]
    assert roles == {1: (None, [], group), 2: (None, [], group), 3: (None, [], group),
                     4: ("van-phong-so", group, []), 5: ("van-phong-so", [], group), 6: (None, [], group),
                     7: ("van-phong-so", [], group)}
    assert [t["timeframe"]["kind"] for t in tasks] == ["regular"] * 4 + ["deadline"] + ["regular"] * 2
    assert tasks[4]["timeframe"] == {"text": "Năm 2025", "kind": "deadline", "due": "2025-12-31"}
    window = imported(empty_workspace, "2599-KH-SKHCN")["window"]
    assert window == {"starts_on": "2025-11-04", "ends_on": "2025-12-31"}  # "từ nay đến cuối năm 2025"


def test_second_plan_in_a_table_imports_with_exactly_the_expected_problems(documents, empty_workspace):
    result = run("plan", "import", str(documents["115"]), "--format", "json", root=empty_workspace)
    assert result.exit_code == 1, result.output  # written, but one place must be settled
    target = empty_workspace / "plans" / "115-KH-SKHCN.yaml"
    text = target.read_text(encoding="utf-8")
    report = json.loads(result.output[result.output.index("{"):result.output.rindex("}") + 1])
    errors = [(p["path"], p["code"]) for p in report["problems"] if p["severity"] == "error"]
    assert errors == [("tasks[1].lead", "unknown-unit")]
    problem = next(p for p in report["problems"] if p["severity"] == "error")
    assert "“Phòng ABC” không có trong danh mục đơn vị" in problem["message"]
    assert "bảng 2, dòng 3" in problem["message"]  # the task table's third row (after the header table)
    warnings = [p["code"] for p in report["problems"] if p["severity"] != "error"]
    assert warnings == ["default-reporting"]  # the plan says "định kỳ hằng quý" but not the sending deadline
    # The place is marked in the file, right above the field.
    lines = text.splitlines()
    at = lines.index("    lead: phong-abc")
    assert "# CẦN XỬ LÝ: Cơ quan chủ trì “Phòng ABC”" in lines[at - 3]

    data = yaml.safe_load(text)
    tasks = data["tasks"]
    assert [t["number"] for t in tasks] == [1, 2, 3]
    assert tasks[0]["timeframe"] == {"text": "Quý II/2026", "kind": "deadline", "due": date(2026, 6, 30)}
    assert tasks[1]["timeframe"] == {"text": "Trước ngày 15/6/2026", "kind": "deadline", "due": date(2026, 6, 15)}
    assert tasks[2]["timeframe"] == {"text": "Thường xuyên", "kind": "regular"}
    assert (tasks[0]["lead"], tasks[0]["coordinating"]) == ("van-phong-so", ["phong-chuyen-doi-so"])
    assert tasks[1]["coordinating"] == ["trung-tam-cong-nghe-thong-tin-va-truyen-thong"]
    assert (tasks[2]["lead"], tasks[2]["coordinating"]) == ("phong-chuyen-doi-so", ["cac-phong-don-vi"])
    assert tasks[0]["body"] == [{"text": "Rà soát, số hóa toàn bộ hồ sơ lưu trữ từ năm 2020 đến nay."}]
    assert data["window"] == {"starts_on": date(2026, 1, 1), "ends_on": date(2026, 12, 31)}  # "năm 2026"
    assert data["reporting"]["through"] == "phong-chuyen-doi-so"  # "báo cáo … qua Phòng Chuyển đổi số"
    assert data["reporting"]["frequency"] == "quarterly"  # "định kỳ hằng quý"
    assert data["recipients"] == ["UBND tỉnh (báo cáo)", "Lãnh đạo Sở", "Các phòng, đơn vị thuộc Sở", "Lưu: VT, CĐS"]

    # validate shows the same single problem, at the marked line.
    check = run("validate", root=empty_workspace)
    assert check.exit_code == 1
    assert "Cơ quan chủ trì “phong-abc” không có trong danh mục" in check.output
    assert "Có 1 lỗi trong 1 tệp" in check.output


def test_adding_the_unknown_unit_to_the_registry_settles_the_import(documents, empty_workspace):
    units = empty_workspace / "plans" / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace(
        "groups:\n", "  - id: phong-abc\n    name: Phòng ABC\n    abbr: ABC\n    kind: division\ngroups:\n"),
        encoding="utf-8")
    result = run("plan", "import", str(documents["115"]), root=empty_workspace)
    assert result.exit_code == 0, result.output
    assert run("validate", root=empty_workspace).exit_code == 0


def test_check_writes_nothing_and_shows_the_file(documents, empty_workspace):
    result = run("plan", "import", str(documents["2599"]), "--check", root=empty_workspace)
    assert result.exit_code == 0, result.output
    assert "id: 2599-KH-SKHCN" in result.output and "Chưa ghi gì." in result.output
    assert not (empty_workspace / "plans" / "2599-KH-SKHCN.yaml").exists()


def test_an_existing_plan_is_not_overwritten_without_replace(documents, workspace):
    before = PLAN_FILE.read_bytes()
    result = run("plan", "import", str(documents["2599"]), root=workspace)
    assert result.exit_code == 1
    assert "đã có; chưa ghi gì. Thêm --replace" in result.output
    assert (workspace / "plans" / "2599-KH-SKHCN.yaml").read_bytes() == before
    replaced = run("plan", "import", str(documents["2599"]), "--replace", root=workspace)
    assert replaced.exit_code == 0, replaced.output
    assert_same_as_shipped(workspace)


def test_output_must_stay_in_plans(documents, empty_workspace, tmp_path):
    result = run("plan", "import", str(documents["2599"]), "-o", str(tmp_path / "x.yaml"), root=empty_workspace)
    assert result.exit_code == 2
    assert not (tmp_path / "x.yaml").exists()


@pytest.mark.parametrize("name, content", [
    ("ke-hoach.docx", b"not a zip"), ("ke-hoach.pdf", b"%PDF-1.4 broken"), ("ke-hoach.txt", b"\xff\xfe\x00\xd8"),
    ("ke-hoach.xlsx", b""), ("ke-hoach.txt", "Chỉ một dòng chữ.".encode()),
])
def test_unreadable_documents_are_refused_plainly(empty_workspace, tmp_path, name, content):
    source = tmp_path / name
    source.write_bytes(content)
    result = run("plan", "import", str(source), root=empty_workspace)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    assert "Lỗi:" in result.output
    assert list((empty_workspace / "plans").iterdir()) == [empty_workspace / "plans" / "units.yaml"]


def test_pdf_with_a_text_layer_imports_to_the_shipped_plan(text_pdf, empty_workspace):
    result = run("plan", "import", str(text_pdf), root=empty_workspace)
    assert result.exit_code == 0, result.output
    assert_same_as_shipped(empty_workspace)


def plain_text_lines() -> list[str]:
    """The words of the 2599 plan typed as plain text: one paragraph a line."""
    words = shipped_plan_words(REPO)
    lines = [words["parent"], words["issuer"], f"Số: {words['reference']}", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
             "Độc lập - Tự do - Hạnh phúc", words["date_line"], "", words["type"], words["title"], ""]
    lines += words["preamble"] + ["", "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích"]
    lines += [f"{label}) {text}" for label, text in words["purposes"]] + ["2. Yêu cầu"]
    lines += [f"{label}) {text}" for label, text in words["requirements"]] + ["II. NỘI DUNG, THỜI GIAN THỰC HIỆN"]
    role_words = {"lead": "Cơ quan chủ trì", "coordinating": "Cơ quan phối hợp", "implementing": "Cơ quan thực hiện"}
    for n, task in enumerate(words["tasks"], 1):
        lines.append(f"{n}. {task['heading']}")
        letters = iter("abcdef")
        for p in task["body"]:
            lines.append(f"{next(letters)}) {p['text']}")
            lines += [f"- {item}" for item in p["items"]]
        lines += [f"{next(letters)}) {role_words[r]}: {names};" for r, names in task["roles"]]
        lines.append(f"{next(letters)}) Thời gian thực hiện: {task['time']}.")
    lines += ["III. KINH PHÍ THỰC HIỆN", words["budget"], "IV. TỔ CHỨC THỰC HIỆN"]
    lines += [f"{n}. {text}" for n, text in enumerate(words["organisation"], 1)] + [words["closing"], "", "Nơi nhận:"]
    lines += [f"- {r}{'.' if i == len(words['recipients']) - 1 else ';'}" for i, r in enumerate(words["recipients"])]
    lines += ["", *words["signer"]]
    return lines


def test_plain_text_imports_too(empty_workspace, tmp_path):
    lines = plain_text_lines()
    source = tmp_path / "ke-hoach.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    result = run("plan", "import", str(source), root=empty_workspace)
    assert result.exit_code == 0, result.output
    assert_same_as_shipped(empty_workspace)


@pytest.fixture(scope="session")
def scan_pdf(text_pdf, tmp_path_factory) -> Path:
    """The text PDF rasterised by pdftoppm (150 dpi, grey) and rebuilt as an image-only PDF: a scan."""
    from dancu_cli.core.plan_import.source import tesseract_ready

    reason = tesseract_ready()
    if reason:
        pytest.skip(f"cần Tesseract với dữ liệu tiếng Việt (tesseract-ocr, tesseract-ocr-vie): {reason}")
    if not shutil.which("pdftoppm"):
        pytest.skip("cần pdftoppm (poppler-utils) để tạo bản quét thử")
    from PIL import Image

    folder = tmp_path_factory.mktemp("scan")
    subprocess.run(["pdftoppm", "-r", "150", "-gray", "-png", str(text_pdf), str(folder / "trang")],
                   check=True, timeout=300)
    pages = [Image.open(p) for p in sorted(folder.glob("trang-*.png"))]
    scan = folder / "ban-quet.pdf"
    pages[0].save(scan, save_all=True, append_images=pages[1:], resolution=150)
    return scan


def test_scanned_pdf_is_read_by_ocr(scan_pdf, empty_workspace):
    from dancu_cli.core.plan_import.source import _pdf_text, has_text_layer

    assert not has_text_layer(_pdf_text(scan_pdf), 5)  # really a scan: no text to take
    result = run("plan", "import", str(scan_pdf), "--check", root=empty_workspace)
    assert result.exit_code in (0, 1), result.output
    got = yaml.safe_load(result.stdout)
    want = shipped()
    assert [t["number"] for t in got["tasks"]] == [1, 2, 3, 4, 5, 6, 7]
    for mine, theirs in zip(got["tasks"], want["tasks"]):
        assert mine.get("lead") == theirs["lead"], mine["number"]
        assert mine.get("coordinating", []) == theirs["coordinating"], mine["number"]
        assert mine.get("implementing", []) == theirs["implementing"], mine["number"]
        due = mine["timeframe"].get("due")
        assert {**mine["timeframe"], **({"due": due.isoformat()} if due else {})} == \
            {k: v for k, v in theirs["timeframe"].items() if v is not None}, mine["number"]
    assert got["window"] == {"starts_on": date(2025, 11, 4), "ends_on": date(2025, 12, 31)}
    assert (got["document"]["number"], got["document"]["code"]) == ("2599", "KH-SKHCN")
    assert not (empty_workspace / "plans" / "2599-KH-SKHCN.yaml").exists()


def test_a_scan_without_tesseract_says_how_to_install_it(text_pdf, empty_workspace, tmp_path, monkeypatch):
    from dancu_cli.core.plan_import import source

    if not shutil.which("pdftoppm"):
        pytest.skip("cần pdftoppm (poppler-utils) để tạo bản quét thử")
    subprocess.run(["pdftoppm", "-r", "40", "-gray", "-png", "-f", "1", "-l", "1", str(text_pdf),
                    str(tmp_path / "trang")], check=True, timeout=120)
    from PIL import Image

    scan = tmp_path / "ban-quet.pdf"
    Image.open(next(tmp_path.glob("trang-*.png"))).save(scan, resolution=40)
    monkeypatch.setattr(source, "tesseract_ready", lambda: "không tìm thấy chương trình tesseract")
    result = run("plan", "import", str(scan), root=empty_workspace)
    assert result.exit_code == 1
    assert "sudo apt-get install tesseract-ocr tesseract-ocr-vie" in result.output
    assert list((empty_workspace / "plans").iterdir()) == [empty_workspace / "plans" / "units.yaml"]


def test_no_text_makes_the_importer_fail_badly(empty_workspace):
    """Lines dropped, repeated, swapped, cut or garbled: the import notes what it cannot settle, and what it
    would write either validates or is refused with its problems; it never raises."""
    import random

    from dancu_cli.core.plan_import.parse import import_plan
    from dancu_cli.core.plan_import.source import SourceText, blocks_from_text
    from dancu_cli.core.plan_import.write import check_text, render_plan
    from dancu_cli.core.workspace import load_workspace

    ws = load_workspace(empty_workspace, include_reports=False)
    original = plain_text_lines()
    for seed in range(120):
        rng = random.Random(seed)
        lines = list(original)
        for _ in range(rng.randint(1, 6)):
            i = rng.randrange(len(lines))
            action = rng.choice(["drop", "repeat", "swap", "cut", "garble"])
            if action == "drop":
                del lines[i]
            elif action == "repeat":
                lines.insert(i, lines[i])
            elif action == "swap":
                j = rng.randrange(len(lines))
                lines[i], lines[j] = lines[j], lines[i]
            elif action == "cut":
                lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)]
            else:
                lines[i] = "".join(rng.choice("aĐ1.):-/ ;,\t\u0301") for _ in range(rng.randint(1, 12)))
        result = import_plan(SourceText("x.txt", blocks_from_text("\n".join(lines))), ws.registry)
        if not result.data:
            assert result.errors, seed
            continue
        checked = check_text(ws, render_plan(result, "x.txt"), result)
        if not result.errors and not checked.unexpected:
            assert not checked.expected, seed
