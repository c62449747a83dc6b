"""The report cache makes repeated commands fast and never serves stale data."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import run

AS_OF = "2026-01-15"
REPORT = """plan: 2599-KH-SKHCN
unit: {unit}
period: 2025-Q4
received_on: {received}
entries:
  - task: 1
    status: dang-thuc-hien
    results: Đã quán triệt kế hoạch.
"""


def write(workspace: Path, unit: str, received: str) -> Path:
    path = workspace / "reports" / "2599-KH-SKHCN" / "2025-Q4" / f"{unit}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(REPORT.format(unit=unit, received=received), encoding="utf-8")
    return path


def overdue(workspace: Path, env: dict | None = None) -> list[dict]:
    result = run("overdue", "--as-of", AS_OF, "--format", "json", "--task", "1", root=workspace, env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["rows"]


def test_cache_is_written_and_follows_edits(workspace: Path):
    path = write(workspace, "van-phong-so", "2026-01-05")
    first = overdue(workspace)
    assert (workspace / ".dancu-cache" / "reports.tsv").is_file()
    assert "van-phong-so" not in {r["unit"] for r in first}
    # Same file, new content (received late): the cache must not answer with the old report.
    path.write_text(REPORT.format(unit="van-phong-so", received="2026-01-12"), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    late = [r for r in overdue(workspace) if r["unit"] == "van-phong-so"]
    assert [r["row_kind"] for r in late] == ["late"]
    # A removed file is missing again.
    path.unlink()
    assert [r["row_kind"] for r in overdue(workspace) if r["unit"] == "van-phong-so"] == ["missing"]


def test_plan_edit_invalidates_cache(workspace: Path):
    write(workspace, "van-phong-so", "2026-01-05")
    assert len(overdue(workspace)) == 8
    plan = workspace / "plans" / "2599-KH-SKHCN.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("  due_working_days: 5", "  due_working_days: 0"), encoding="utf-8")
    # Due on the period's last day, Wednesday 31/12/2025: the report of 05/01/2026 is now late.
    rows = {r["unit"]: r["row_kind"] for r in overdue(workspace)}
    assert rows["van-phong-so"] == "late"


def test_broken_cache_and_disabled_cache(workspace: Path):
    write(workspace, "van-phong-so", "2026-01-05")
    overdue(workspace)
    cache = workspace / ".dancu-cache" / "reports.tsv"
    cache.write_bytes(b"\xff\xfe garbage\n\tmore")
    assert len(overdue(workspace)) == 8
    cache.unlink()
    assert len(overdue(workspace, env={"DANCU_CACHE": "0"})) == 8
    assert not cache.exists()


def test_broken_report_is_skipped_with_a_warning(workspace: Path):
    write(workspace, "van-phong-so", "2026-01-05")
    bad = write(workspace, "phong-chuyen-doi-so", "2026-01-05")
    bad.write_text("plan: 2599-KH-SKHCN\nunit: [\n", encoding="utf-8")
    for _ in range(2):  # the second run answers from the cache and must warn all the same
        result = run("overdue", "--as-of", AS_OF, "--task", "1", root=workspace)
        assert result.exit_code == 0
        assert "phong-chuyen-doi-so.yaml:" in result.output
        assert "Cảnh báo: 1 tệp báo cáo có lỗi nên bị bỏ qua" in result.output


def test_second_run_parses_no_yaml_file(workspace: Path, monkeypatch):
    """A cache hit is real: with nothing changed, the second run parses no file at all, neither the
    report files nor the plan or the unit registry."""
    from dancu_cli.core import yamlsource as loader

    for unit in ("van-phong-so", "phong-ke-hoach-tai-chinh", "phong-quan-ly-khoa-hoc"):
        write(workspace, unit, "2026-01-05")
    parsed: list[str] = []
    real = loader.load_yaml

    def counting(path, *args, **kwargs):
        parsed.append(Path(path).parent.name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(loader, "load_yaml", counting)
    env = {"DANCU_TODAY": AS_OF}
    first = overdue(workspace, env)
    assert parsed.count("2025-Q4") == 3
    assert parsed.count("plans") == 2  # the plan and the registry
    parsed.clear()
    assert overdue(workspace, env) == first
    assert parsed == []


# --- A cache edited to claim a broken file is valid ------------------------------------------------------------

BROKEN_TASK = REPORT.replace("  - task: 1\n", "  - task: 9\n")


def _problems(workspace: Path) -> dict:
    result = run("validate", "--format", "json", root=workspace, env={"DANCU_TODAY": AS_OF})
    return {"exit": result.exit_code, "output": result.output}


def test_a_report_line_edited_to_claim_a_valid_file_is_not_trusted(workspace: Path):
    path = write(workspace, "van-phong-so", "2026-01-05")
    path.write_text(BROKEN_TASK.format(unit="van-phong-so", received="2026-01-05"), encoding="utf-8")
    truth = _problems(workspace)
    assert truth["exit"] == 1 and "không có nhiệm vụ 9" in truth["output"]
    assert _problems(workspace) == truth  # filled the cache, and answered from it
    cache = workspace / ".dancu-cache" / "reports.tsv"
    head, *lines = cache.read_text(encoding="utf-8").splitlines()
    assert any("không có nhiệm vụ 9" in line for line in lines)
    # A hand edit (seal kept), and a forger who reseals without the user's key (here: a key of zeros).
    for seal_key in (None, bytes(32)):
        import hashlib

        forged = []
        for line in lines:
            name, seal, stamp, _, report = line.split("\t", 4)
            body = f"{stamp}\t[]\t{report}"
            if seal_key is not None:
                seal = hashlib.blake2b(f"{head}\n{name}\t{body}".encode(), digest_size=16, key=seal_key).hexdigest()
            forged.append(f"{name}\t{seal}\t{body}")
        cache.write_text("\n".join([head, *forged]) + "\n", encoding="utf-8")
        assert "\t[]\t" in cache.read_text(encoding="utf-8")
        assert _problems(workspace) == truth


def test_definitions_edited_to_hide_a_plan_error_are_not_trusted(workspace: Path):
    plan = workspace / "plans" / "2599-KH-SKHCN.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("  issued_on: 2025-11-04", "  issued_on: 2025-11-31"),
                    encoding="utf-8")
    truth = _problems(workspace)
    assert truth["exit"] == 1 and "không tồn tại" in truth["output"]
    definitions = workspace / ".dancu-cache" / "definitions.json"
    key, seal, body = definitions.read_text(encoding="utf-8").split("\n", 2)
    data = json.loads(body)
    assert data["problems"]
    data["problems"] = []
    definitions.write_text(f"{key}\n{seal}\n{json.dumps(data, ensure_ascii=False)}", encoding="utf-8")
    assert _problems(workspace) == truth


def test_no_key_folder_means_no_cache_and_the_same_answers(workspace: Path, tmp_path: Path):
    write(workspace, "van-phong-so", "2026-01-05")
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")  # the key folder's parent is a file: no key can be kept
    env = {"XDG_CACHE_HOME": str(blocked), "LOCALAPPDATA": str(blocked)}
    import subprocess
    import sys

    def rows() -> str:
        result = subprocess.run([sys.executable, "-m", "dancu_cli", "overdue", "--as-of", AS_OF, "--format", "json"],
                                capture_output=True, text=True, encoding="utf-8",
                                env={**os.environ, **env, "DANCU_ROOT": str(workspace)})
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
        return result.stdout

    first = rows()
    assert json.loads(first)["rows"] and rows() == first
    assert not (workspace / ".dancu-cache").exists()


@pytest.mark.parametrize("key", ["ab" * 100, "không phải hex", "ab" * 4, ""])
def test_a_damaged_key_file_means_no_cache_and_the_same_answers(workspace: Path, tmp_path: Path, key: str):
    """The key file is the user's, but may be edited or cut short: too long for BLAKE2, not hex, too short."""
    import subprocess
    import sys

    write(workspace, "van-phong-so", "2026-01-05")
    (tmp_path / "home" / "dancu").mkdir(parents=True)
    (tmp_path / "home" / "dancu" / "cache-key").write_text(key, encoding="utf-8")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "home"), "LOCALAPPDATA": str(tmp_path / "home"),
           "DANCU_ROOT": str(workspace)}
    result = subprocess.run([sys.executable, "-m", "dancu_cli", "overdue", "--as-of", AS_OF, "--format", "json",
                             "--task", "1"], capture_output=True, text=True, encoding="utf-8", env=env)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert len(json.loads(result.stdout)["rows"]) == 8
    assert not (workspace / ".dancu-cache").exists()
