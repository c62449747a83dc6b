"""Shared fixtures: a throw-away copy of the repo's workspace, and ways to run the CLI."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]

# The user's own cache folder (the cache key, compiled templates) is a throw-away one for the whole run, so
# tests never write to the home folder of whoever runs them; every dancu process they start inherits it.
_USER_CACHE = tempfile.mkdtemp(prefix="dancu-user-cache-")
os.environ["XDG_CACHE_HOME"] = os.environ["LOCALAPPDATA"] = _USER_CACHE
atexit.register(shutil.rmtree, _USER_CACHE, True)
PLAN_FILE = REPO / "plans" / "2599-KH-SKHCN.yaml"
PLAN_ID = "2599-KH-SKHCN"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A copy of the shipped plans/ in a fresh folder, with no reports yet."""
    shutil.copytree(REPO / "plans", tmp_path / "plans")
    return tmp_path


def run(*args: str, root: Path | None = None, input: str | None = None, env: dict | None = None):
    """Run dancu in-process (fast); returns click's Result with exit_code and output."""
    from dancu_cli.cli import app
    import typer

    command = typer.main.get_command(app)
    argv = (["--root", str(root)] if root else []) + list(args)
    runner = CliRunner()
    return runner.invoke(command, argv, input=input, env=env, prog_name="dancu")


def run_process(*args: str, cwd: Path | None = None, env: dict | None = None, input: str | None = None,
                timeout: float = 120) -> subprocess.CompletedProcess:
    """Run `python -m dancu_cli` as a real process, as a user or CI would."""
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    full_env.pop("GITHUB_ACTIONS", None) if "GITHUB_ACTIONS" not in (env or {}) else None
    return subprocess.run(
        [sys.executable, "-m", "dancu_cli", *args],
        cwd=cwd, env=full_env, input=input, capture_output=True, text=True, encoding="utf-8", timeout=timeout,
    )
