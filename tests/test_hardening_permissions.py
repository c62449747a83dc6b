"""Unreadable and unwritable folders: a problem or a message, never an empty folder or a traceback.

Permissions mean nothing to root, so when the suite runs as root these tests run dancu as the
user `nobody` (in a workspace that user owns); they are skipped, with the reason, where that is
impossible (Windows, no such user, or a Python that user cannot run).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import PLAN_ID, REPO
from reports_support import TODAY

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")

REPORT = f"""plan: {PLAN_ID}
unit: van-phong-so
period: 2025-Q4
received_on: 2025-12-16
entries:
  - task: 4
    status: dang-thuc-hien
    results: Đã tiếp 12 lượt công dân.
"""


def _user() -> dict:
    """subprocess arguments that run as an ordinary user: nobody when we are root, else ourselves."""
    if os.geteuid() != 0:
        return {}
    import pwd

    try:
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("running as root and there is no user nobody to drop to")
    return {"user": nobody.pw_uid, "group": nobody.pw_gid, "extra_groups": []}


@pytest.fixture
def ws():
    """A copy of plans/ with one report, owned by the user the commands run as, in a folder that user can reach."""
    user = _user()
    base = Path(tempfile.mkdtemp(prefix="dancu-perm-"))
    os.chmod(base, 0o755)
    root = base / "ws"
    shutil.copytree(REPO / "plans", root / "plans")
    report = root / "reports" / PLAN_ID / "2025-Q4" / "van-phong-so.yaml"
    report.parent.mkdir(parents=True)
    report.write_text(REPORT, encoding="utf-8")
    if user:
        for folder, dirs, files in os.walk(base):
            for name in [folder, *(os.path.join(folder, n) for n in dirs + files)]:
                os.chown(name, user["user"], user["group"])
    if _python(root) is None:
        shutil.rmtree(base, ignore_errors=True)
        pytest.skip("the unprivileged user can run no Python that imports dancu (this one lives in a private folder)")
    yield root
    for folder, dirs, _ in os.walk(base):
        for name in dirs:
            os.chmod(os.path.join(folder, name), 0o755)
    shutil.rmtree(base, ignore_errors=True)


def _search_path() -> str:
    """This Python's packages and dancu's source, for an interpreter that is not this venv's own."""
    import sysconfig

    import dancu_cli

    parts = [str(Path(dancu_cli.__file__).resolve().parents[1]), sysconfig.get_paths()["purelib"],
             sysconfig.get_paths()["platlib"]]
    return os.pathsep.join(dict.fromkeys(parts))


_PYTHON: dict = {}


def _python(root: Path) -> list | None:
    """An interpreter the unprivileged user can run, with its environment: this one, or the system's
    Python of the same version given this one's packages (a venv under /root is out of nobody's reach)."""
    if "found" not in _PYTHON:
        version = f"python{sys.version_info.major}.{sys.version_info.minor}"
        candidates = [(sys.executable, {}), (f"/usr/bin/{version}", {"PYTHONPATH": _search_path()}),
                      (f"/usr/local/bin/{version}", {"PYTHONPATH": _search_path()})]
        _PYTHON["found"] = None
        for exe, extra in candidates:
            try:
                probe = subprocess.run([exe, "-c", "import dancu_cli.cli, yaml, filelock"], cwd=root,
                                       env={**os.environ, **extra}, capture_output=True, timeout=60, **_user())
            except OSError:
                continue
            if probe.returncode == 0:
                _PYTHON["found"] = [exe, extra]
                break
    return _PYTHON["found"]


def dancu(root: Path, *args: str) -> subprocess.CompletedProcess:
    exe, extra = _python(root)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "DANCU_TODAY": TODAY, "HOME": str(root), **extra}
    env.pop("GITHUB_ACTIONS", None)
    proc = subprocess.run([exe, "-m", "dancu_cli", *args], cwd=root, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=120, **_user())
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


PERIOD = Path("reports") / PLAN_ID / "2025-Q4"


@pytest.mark.parametrize("folder", [PERIOD, Path("reports"), Path("reports") / PLAN_ID])
def test_an_unreadable_reports_folder_is_a_problem_not_an_empty_folder(ws, folder):
    os.chmod(ws / folder, 0)
    checked = dancu(ws, "validate", "--format", "json")
    assert checked.returncode == 1, checked.stdout
    found = json.loads(checked.stdout)["problems"]
    assert any(p["file"] == folder.as_posix() and "không có quyền truy cập" in p["message"] for p in found), found

    # overdue must not call every unit "missing" when it cannot read their reports
    overdue = dancu(ws, "overdue", "--as-of", "15/01/2026")
    assert overdue.returncode == 1 and "Thiếu báo cáo" not in overdue.stdout, overdue.stdout
    assert folder.as_posix() in overdue.stderr

    listed = dancu(ws, "report", "list")
    assert "lỗi" in listed.stderr and folder.as_posix() in listed.stderr, listed.stderr


def test_an_unreadable_plans_folder_is_a_message(ws):
    os.chmod(ws / "plans", 0)
    result = dancu(ws, "validate")
    assert result.returncode == 1 and "không có quyền truy cập" in result.stdout, result.stdout


def test_an_unreadable_report_file_is_a_problem_in_vietnamese(ws):
    os.chmod(ws / PERIOD / "van-phong-so.yaml", 0)
    result = dancu(ws, "validate")
    assert result.returncode == 1 and "Không đọc được tệp: không có quyền truy cập" in result.stdout, result.stdout


def test_a_read_only_period_folder_refuses_the_write_clearly(ws):
    before = (ws / PERIOD / "van-phong-so.yaml").read_bytes()
    os.chmod(ws / PERIOD, 0o555)
    result = dancu(ws, "report", "add", "--unit", "VP", "--period", "2025-Q4", "--task", "1",
                   "--status", "hoàn thành", "--results", "Xong.")
    assert result.returncode == 1 and "không có quyền truy cập" in result.stderr, result.stderr
    assert (ws / PERIOD / "van-phong-so.yaml").read_bytes() == before
    assert sorted(p.name for p in (ws / PERIOD).iterdir()) == ["van-phong-so.yaml"]
