"""`dancu --help` and completion stay instant: no heavy module is imported for them."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("pydantic", "jinja2", "docxtpl", "docx", "holidays", "yaml", "rich", "filelock", "openpyxl")

PROBE = """
import sys
sys.argv = ["dancu", *{args!r}]
from dancu_cli.cli import main
try:
    main()
except SystemExit:
    pass
loaded = sorted({{m.split(".")[0] for m in sys.modules}} & set({heavy!r}))
print("LOADED:" + ",".join(loaded))
"""


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["plan", "--help"], ["validate", "--help"], ["summary", "--help"],
                                  ["report", "--help"], ["report", "add", "--help"],
                                  ["form", "--help"], ["report", "import", "--help"], ["calendar", "--help"]])
def test_help_imports_no_heavy_module(args):
    code = PROBE.format(args=args, heavy=HEAVY)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8")
    line = next(l for l in result.stdout.splitlines() if l.startswith("LOADED:"))
    assert line == "LOADED:", f"{args} imported {line[7:]}"


def test_completion_imports_no_heavy_module():
    code = PROBE.format(args=[], heavy=HEAVY)
    env = {"_DANCU_COMPLETE": "complete_bash", "COMP_WORDS": "dancu pl", "COMP_CWORD": "1"}
    import os

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8",
                            env={**os.environ, **env})
    assert "plan" in result.stdout
    line = next(l for l in result.stdout.splitlines() if l.startswith("LOADED:"))
    assert line == "LOADED:", line


# --- A warm command: nothing changed since the last run, so the cache answers -------------------------------

# What a warm run must not import: the YAML parser, the holiday calculator, a validation library, the
# templating and office libraries, and rich's console (piped output is written as plain lines).
NOT_WARM = {"pydantic", "pydantic_core", "holidays", "yaml", "jinja2", "docxtpl", "docx", "openpyxl", "filelock"}
WARM_COMMANDS = [["overdue", "--as-of", "2026-01-20"], ["validate"], ["status", "--as-of", "2026-01-20"],
                 ["report", "list"], ["plan", "show"], ["upcoming", "--as-of", "2026-01-06"]]


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    import shutil

    from conftest import REPO

    root = tmp_path_factory.mktemp("warm")
    shutil.copytree(REPO / "plans", root / "plans")
    shutil.copytree(REPO / "tests" / "data" / "summary-q4" / "reports", root / "reports")
    return root


def imported_modules(root, args: list[str]) -> set[str]:
    """Every module a run imports, read from `python -X importtime`."""
    import os

    env = {**os.environ, "DANCU_ROOT": str(root)}
    env.pop("FORCE_COLOR", None)
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "dancu_cli", *args], capture_output=True,
                            text=True, encoding="utf-8", env=env)
    assert result.returncode in (0, 1), result.stderr[-2000:]
    return {line.rsplit("|", 1)[1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}


@pytest.mark.parametrize("args", WARM_COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_a_warm_command_imports_no_heavy_module(sample, args):
    imported_modules(sample, args)  # the first run fills the cache
    warm = imported_modules(sample, args)
    assert "dancu_cli.core.workspace" in warm  # it did load the workspace
    heavy = {m for m in warm if m.split(".")[0] in NOT_WARM} | {m for m in warm if m == "rich.console"}
    assert not heavy, f"a warm `dancu {' '.join(args)}` imported {sorted(heavy)}"


def test_the_probe_sees_a_run_without_cache_parse_yaml(sample, monkeypatch):
    monkeypatch.setenv("DANCU_CACHE", "0")
    assert "yaml" in imported_modules(sample, ["overdue", "--as-of", "2026-01-20"])
