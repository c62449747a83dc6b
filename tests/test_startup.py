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
