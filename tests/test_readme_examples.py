"""The README's `$ dancu …` examples are the real output on the sample data (plans/ and tests/data/summary-q4).

A line "…" in an example stands for any number of lines left out; a line ending in "…" for the rest of
that line (and, as an example's last line, for the rest of the output).
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from conftest import REPO, run_process

SAMPLE = REPO / "tests" / "data" / "summary-q4" / "reports"


def examples() -> list[tuple[str, list[str]]]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    found = []
    for block in re.findall(r"```\n(\$ dancu .*?)```", text, flags=re.S):
        command, *lines = block.rstrip("\n").split("\n")
        found.append((command[2:], lines))
    return found


def matches(expected: list[str], actual: list[str]) -> bool:
    if not expected:
        return not actual
    head, rest = expected[0].rstrip(), expected[1:]
    if head == "…":
        return any(matches(rest, actual[i:]) for i in range(len(actual) + 1))
    if not actual:
        return False
    line = actual[0].rstrip()
    if head.endswith("…"):
        # The rest of the line; as the example's last line, the rest of the output too.
        return line.startswith(head[:-1]) and (not rest or matches(rest, actual[1:]))
    return line == head and matches(rest, actual[1:])


@pytest.mark.parametrize("command, expected", examples(), ids=[c for c, _ in examples()])
def test_readme_example_is_real_output(tmp_path: Path, command: str, expected: list[str]):
    shutil.copytree(REPO / "plans", tmp_path / "plans")
    shutil.copytree(SAMPLE, tmp_path / "reports")
    result = run_process(*shlex.split(command)[1:], cwd=tmp_path,
                         env={"COLUMNS": "80", "DANCU_TODAY": "2026-01-15", "NO_COLOR": "1"})
    actual = (result.stdout + result.stderr).splitlines()
    assert matches(expected, actual), "\n".join(actual)


def test_there_are_examples():
    assert {c.split()[1] for c, _ in examples()} >= {"overdue", "status", "calendar"}
