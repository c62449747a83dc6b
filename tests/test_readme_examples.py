"""Every README example that shows what a command prints is produced here, from the shipped sample data.

How to mark an example (for anyone adding one to README.md)
-------------------------------------------------------------
Put an HTML comment, which GitHub does not show, on the line right before the fenced block:

    <!-- readme-example: dancu overdue --as-of 15/01/2026 --task 5 -->
    ```
    $ dancu overdue --as-of 15/01/2026 --task 5
    Kế hoạch 2599/KH-SKHCN: việc không đúng hạn tính đến ngày 15/01/2026
    …
    ```

- The comment names the command exactly as a user types it (quoted arguments as in a shell).
- The block is what the command prints (stdout and stderr, as a terminal 80 columns wide, without colour).
  If its first line starts with `$ `, that line must be the same command.
- A line that is only `…` stands for any number of lines (an excerpt). Use it sparingly: lines it hides
  are not checked.
- Options after the command, separated by ` | `:
  - `workspace=sample` (default): a copy of plans/ with the sample reports of tests/data/summary-q4;
    `workspace=plans`: plans/ alone, no report yet.
  - `setup=NAME`: run SETUPS[NAME] (below) on the workspace first, e.g. to break a file on purpose.
  - `file=PATH`: the block is not the output but the content of PATH (in the workspace) after the command.
- Every example runs in its own fresh workspace, as its current folder, with DANCU_TODAY=2026-01-15
  (so "today" never changes the output) and DANCU_CACHE=0.

When the program's output changes on purpose, regenerate the examples that have no `…` with
`DANCU_UPDATE_README=1 python -m pytest tests/test_readme_examples.py`, and read the diff before committing.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import REPO, run

README = REPO / "README.md"
SAMPLE_REPORTS = REPO / "tests" / "data" / "summary-q4" / "reports"
MARKER = re.compile(r"^<!-- readme-example: (?P<spec>.+?) -->\n(?P<fence>```+)[^\n]*\n(?P<body>.*?)^(?P=fence)\s*$",
                    re.MULTILINE | re.DOTALL)
GAP = "…"


def _break_plan(root: Path) -> None:
    """A date that does not exist and a mistyped unit in the plan (the README's validate example)."""
    plan = root / "plans" / "2599-KH-SKHCN.yaml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace("  issued_on: 2025-11-04", "  issued_on: 31/02/2025", 1)
    text = text.replace("lead: van-phong-so", "lead: van-phong-soo", 1)
    plan.write_text(text, encoding="utf-8")


def _template_typo(root: Path) -> None:
    (root / "mau.md.j2").write_text("# {{ type_name }}\n\n{{ titel }}\n", encoding="utf-8")


def _filled_forms(root: Path) -> None:
    from forms_support import readme_forms

    readme_forms(root)


def _word_plan(name: str, table: bool):
    def setup(root: Path) -> None:
        """A Word document of a plan, in the official layout, for `plan import` (tests/plan_documents.py)."""
        from plan_documents import build_docx, second_plan_words, shipped_plan_words

        if table:
            build_docx(second_plan_words(), root / name, tasks_as_table=True)
        else:
            build_docx(shipped_plan_words(REPO), root / name)
            (root / "plans" / "2599-KH-SKHCN.yaml").unlink()  # the plan is brought in again from its document
    return setup


SETUPS = {"broken-plan": _break_plan, "template-typo": _template_typo, "filled-forms": _filled_forms,
          "word-2599": _word_plan("ke-hoach-2599.docx", False), "word-115": _word_plan("ke-hoach-115.docx", True)}


@dataclass
class Example:
    command: str
    options: dict[str, str]
    body: str
    start: int  # offsets of the body in README.md, for the update mode
    end: int
    line: int

    @property
    def id(self) -> str:
        return f"README.md:{self.line}"


def examples(text: str) -> list[Example]:
    found = []
    for m in MARKER.finditer(text):
        command, *rest = [part.strip() for part in m["spec"].split(" | ")]
        options = dict(part.split("=", 1) for part in rest)
        found.append(Example(command, options, m["body"], m.start("body"), m.end("body"),
                             text.count("\n", 0, m.start()) + 1))
    return found


def produce(example: Example, root: Path) -> str:
    """What the example's command prints (or writes), in a fresh workspace."""
    shutil.copytree(REPO / "plans", root / "plans")
    if example.options.get("workspace", "sample") == "sample":
        shutil.copytree(SAMPLE_REPORTS, root / "reports")
    if "setup" in example.options:
        SETUPS[example.options["setup"]](root)
    argv = shlex.split(example.command)
    assert argv[0] == "dancu", f"{example.id}: the command must start with dancu"
    here = os.getcwd()
    os.chdir(root)
    try:
        result = run(*argv[1:], env={"DANCU_TODAY": "2026-01-15", "DANCU_CACHE": "0", "COLUMNS": "80",
                                     "NO_COLOR": "1", "GITHUB_ACTIONS": ""})
    finally:
        os.chdir(here)
    if "file" in example.options:
        return (root / example.options["file"]).read_text(encoding="utf-8")
    return result.output


def matches(expected: list[str], actual: list[str]) -> bool:
    """Line by line; a `…` line matches any run of lines (none included)."""
    if not expected:
        return not actual
    if expected[0] == GAP:
        return any(matches(expected[1:], actual[i:]) for i in range(len(actual) + 1))
    return bool(actual) and expected[0] == actual[0] and matches(expected[1:], actual[1:])


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.rstrip("\n").split("\n")]


ALL = examples(README.read_text(encoding="utf-8"))


def test_the_readme_marks_its_examples():
    commands = {e.command.split()[1] for e in ALL}
    assert {"validate", "overdue", "status", "report", "summary"} <= commands


@pytest.mark.parametrize("example", ALL, ids=[e.id for e in ALL])
def test_readme_example_is_what_the_command_prints(example: Example, tmp_path: Path):
    expected = _lines(example.body)
    if expected and expected[0].startswith("$ "):
        assert expected[0] == f"$ {example.command}", f"{example.id}: the $ line differs from the marked command"
        expected = expected[1:]
    actual = _lines(produce(example, tmp_path))
    if os.environ.get("DANCU_UPDATE_README") and GAP not in expected:
        _update(example, actual)
        return
    assert matches(expected, actual), (
        f"{example.id}: README example differs from what `{example.command}` prints now:\n"
        + "\n".join(actual)
    )


def _update(example: Example, actual: list[str]) -> None:
    text = README.read_text(encoding="utf-8")
    current = examples(text)
    target = next(e for e in current if e.command == example.command and e.options == example.options)
    head = [f"$ {example.command}"] if example.body.startswith("$ ") else []
    text = text[:target.start] + "\n".join(head + actual) + "\n" + text[target.end:]
    README.write_text(text, encoding="utf-8")


def test_a_drifted_example_fails(tmp_path: Path):
    """The check itself: one changed figure is caught; a gap matches any lines, and only those."""
    example = next(e for e in ALL if e.command.startswith("dancu status"))
    actual = _lines(produce(example, tmp_path))
    assert matches(actual, actual)
    drifted = [line.replace("9/63", "17/63") for line in actual]
    assert drifted != actual and not matches(drifted, actual)
    assert matches([actual[0], GAP, actual[-1]], actual)
    assert not matches([actual[0], GAP, "không có dòng này"], actual)
