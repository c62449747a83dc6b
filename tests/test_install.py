"""`pip install .` (not editable) into a fresh venv gives a `dancu` that works anywhere inside the repo."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

IGNORED = shutil.ignore_patterns(".git", ".venv", "venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache", "reports")


@pytest.mark.skipif(os.environ.get("DANCU_SKIP_INSTALL_TEST") == "1", reason="DANCU_SKIP_INSTALL_TEST=1")
def test_fresh_venv_install_works_from_any_folder(tmp_path: Path):
    repo = tmp_path / "repo"
    shutil.copytree(REPO, repo, ignore=IGNORED)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    pip = subprocess.run([str(bindir / "python"), "-m", "pip", "install", "-q", str(repo)],
                         capture_output=True, text=True)
    assert pip.returncode == 0, pip.stderr[-2000:]
    dancu = bindir / ("dancu.exe" if os.name == "nt" else "dancu")
    env = {k: v for k, v in os.environ.items() if k not in ("DANCU_ROOT", "PYTHONPATH", "GITHUB_ACTIONS")}
    for folder in (repo, repo / "plans", repo / "src" / "dancu_cli" / "core", repo / "tests"):
        result = subprocess.run([str(dancu), "validate"], cwd=folder, env=env, capture_output=True, text=True, encoding="utf-8")
        assert result.returncode == 0, (folder, result.stdout, result.stderr)
        assert "không có lỗi" in result.stdout
    shown = subprocess.run([str(dancu), "plan", "show"], cwd=repo / "plans", env=env, capture_output=True, text=True, encoding="utf-8")
    assert shown.returncode == 0 and "2599/KH-SKHCN" in shown.stdout
    # The installed package is not the source tree: it must carry its own templates and schemas.
    where = subprocess.run([str(bindir / "python"), "-c", "import dancu_cli; print(dancu_cli.__file__)"],
                           capture_output=True, text=True, cwd=tmp_path)
    assert "site-packages" in where.stdout
    for fmt in ("md", "docx"):  # the default templates come from the installed package
        out = tmp_path / f"bao-cao.{fmt}"
        made = subprocess.run([str(dancu), "summary", "--period", "2025-Q4", "--as-of", "2026-01-15", "-o", str(out)],
                              cwd=repo, env=env, capture_output=True, text=True, encoding="utf-8")
        assert made.returncode == 0 and out.stat().st_size > 1000, made.stderr
    # The dashboard's templates and stylesheet come from the installed package too.
    site = tmp_path / "site"
    made = subprocess.run([str(dancu), "dashboard", "-o", str(site), "--as-of", "2026-01-15"],
                          cwd=repo, env=env, capture_output=True, text=True, encoding="utf-8")
    assert made.returncode == 0, made.stderr
    assert "Số liệu tính đến ngày 15/01/2026" in (site / "index.html").read_text(encoding="utf-8")
    assert "@media print" in (site / "ky-2025-Q4.html").read_text(encoding="utf-8")
    # The holiday table ships too: the installed `dancu` answers 2026 without importing `holidays`.
    probe = ("import sys; from dancu_cli.core.calendar import WorkCalendar; from datetime import date; "
             "print(WorkCalendar().is_working_day(date(2026, 2, 17)), 'holidays' in sys.modules)")
    table = subprocess.run([str(bindir / "python"), "-c", probe], capture_output=True, text=True, cwd=tmp_path)
    assert table.stdout.split() == ["False", "False"], table.stdout + table.stderr
