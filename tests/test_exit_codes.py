"""The exit-code convention, checked for every command: 0 done, 1 input refused or invalid,
2 the command line itself is wrong. Messages about the command line are Vietnamese only."""

from __future__ import annotations

import click
import pytest
import typer

from conftest import run

# Every leaf command with arguments enough to run it; a new command must be added here.
COMMANDS: dict[str, list[str]] = {
    "validate": [],
    "overdue": ["--as-of", "2026-01-15"],
    "status": ["--as-of", "2026-01-15"],
    "upcoming": ["--as-of", "2025-12-26"],
    "remind": ["--as-of", "2026-01-15", "--format", "md"],
    "dashboard": ["-o", "trang"],
    "summary": ["--period", "2025-Q4", "--as-of", "2026-01-15"],
    "form": ["--unit", "VP", "--period", "2025-Q4"],
    "schema": ["plan"],
    "plan list": [],
    "plan show": [],
    "plan import": ["khong-co.docx"],
    "plan new": [],
    "report add": ["--unit", "VP", "--period", "2025-Q4", "--task", "1", "--status", "dang thuc hien",
                   "--results", "Đã làm.", "--received-on", "16/12/2025"],
    "report list": [],
    "report show": ["VP", "2025-Q4"],
    "report remove": ["VP", "2025-Q4", "--task", "1", "--yes"],
    "report import": ["khong-co.xlsx"],
    "calendar show": [],
    "calendar export": ["-o", "han.ics"],
}
ENGLISH = ("Usage:", "Error:", "No such", "Did you mean", "Try '", "Invalid value", "Missing")


def leaf_commands() -> set[str]:
    from dancu_cli.cli import app

    found: set[str] = set()

    def walk(command, path):
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                walk(sub, path + [name])
        else:
            found.add(" ".join(path))

    walk(typer.main.get_command(app), [])
    return found


def test_the_table_names_every_command():
    assert leaf_commands() <= set(COMMANDS), "add the new commands to COMMANDS"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_unknown_option_is_a_usage_error_in_vietnamese(workspace, command):
    result = run(*command.split(), *COMMANDS[command], "--khong-co", root=workspace)
    assert result.exit_code == 2, result.output
    assert "Không có tùy chọn '--khong-co'" in result.output
    assert not any(word in result.output for word in ENGLISH), result.output


def test_unknown_command_is_vietnamese_only(workspace):
    result = run("reprot", "list", root=workspace)
    assert result.exit_code == 2
    assert "Không có lệnh 'reprot'. Có phải ý bạn là 'report'?" in result.output
    assert not any(word in result.output for word in ENGLISH), result.output


def _takes(command: str, option: str) -> bool:
    from dancu_cli.cli import app

    node = typer.main.get_command(app)
    for part in command.split():
        node = node.commands[part]
    return any(option in p.opts for p in node.params)


@pytest.mark.parametrize("command", sorted(c for c in COMMANDS if _takes(c, "--plan")))
def test_unknown_plan_is_a_usage_error(workspace, command):
    result = run(*command.split(), *_with(command, "--plan", "khong-co"), root=workspace)
    assert result.exit_code == 2, result.output


def _with(command: str, option: str, value: str) -> list[str]:
    """The command's arguments with `option` set to `value`."""
    args = list(COMMANDS[command])
    if option in args:
        args[args.index(option) + 1] = value
    else:
        args += [option, value]
    return args


@pytest.mark.parametrize("command", sorted(c for c in COMMANDS if _takes(c, "--unit")))
def test_unknown_unit_is_a_usage_error(workspace, command):
    result = run(*command.split(), *_with(command, "--unit", "QLK"), root=workspace)
    assert result.exit_code == 2, result.output
    assert "QLK" in result.output


@pytest.mark.parametrize("command", sorted(c for c in COMMANDS if _takes(c, "--period")))
def test_unreadable_period_is_a_usage_error(workspace, command):
    result = run(*command.split(), *_with(command, "--period", "quý V/2025"), root=workspace)
    assert result.exit_code == 2, result.output


# Commands that do not read the workspace's plans, or that need a file of their own to refuse. `report list`
# lists what can be read and warns about the rest, so one broken file never hides the others' reports.
NO_WORKSPACE = {"schema", "plan new", "plan import", "report import", "calendar show", "report list"}


@pytest.mark.parametrize("command", sorted(set(COMMANDS) - NO_WORKSPACE))
def test_an_invalid_plan_file_is_refused_with_1(workspace, command):
    """The command line is right, the input is not: exit 1, and nothing is written."""
    plan = workspace / "plans" / "2599-KH-SKHCN.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("  due_working_days: 5", "  due_working_days: năm"),
                    encoding="utf-8")
    before = sorted(p.relative_to(workspace) for p in workspace.rglob("*") if ".dancu-cache" not in p.parts)
    result = run(*command.split(), *COMMANDS[command], root=workspace, env={"DANCU_TODAY": "2026-01-15"})
    assert result.exit_code == 1, result.output
    after = sorted(p.relative_to(workspace) for p in workspace.rglob("*") if ".dancu-cache" not in p.parts)
    assert after == before


def test_a_reader_that_goes_away_ends_the_command_quietly():
    """`dancu plan show | head -2`: once the reader has closed the pipe, dancu stops without a message or a
    traceback (as git does), rather than telling a clerk about a system error that is not theirs."""
    import subprocess
    import sys

    from conftest import REPO

    proc = subprocess.Popen([sys.executable, "-m", "dancu_cli", "plan", "show"], cwd=REPO, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    proc.stdout.close()  # before dancu has written anything
    err = proc.stderr.read().decode("utf-8", "replace")
    assert proc.wait(timeout=60) == 1
    assert err == "", err
