"""`dancu --help` lists the commands from a table; a command's module is imported only when it is used.

The table (`COMMANDS` in cli/app.py) gives each command's one-line help. These tests check that it
says what the command's own help says, that the listing and the completion are the ones click
prints from the real commands, and that `dancu --help`, `dancu --version` and completion import
no command module and nothing of the core. How long start-up takes is measured by benchmarks/run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import version

import click
import pytest
import typer

from conftest import run, run_process


def _root() -> click.Group:
    from dancu_cli.cli import app

    return typer.main.get_command(app)


def _commands():
    from dancu_cli.cli.app import COMMANDS

    return COMMANDS


def _table_entries():
    """Every entry with a one-line help written in the table: the commands, and those a sub-group adds."""
    entries = [pytest.param(entry, id=entry.name) for entry in _commands()]
    return entries + [pytest.param(sub, id=f"{entry.name} {sub.name}") for entry in _commands() for sub in entry.commands]


def _groups() -> list[click.Group]:
    root = _root()
    return [root, *(root.commands[name] for name in ("plan", "report", "calendar"))]


def test_the_table_lists_every_command_in_order():
    names = [entry.name for entry in _commands()]
    assert names == ["validate", "overdue", "status", "upcoming", "remind", "summary", "dashboard", "form", "schema",
                     "plan", "report", "calendar"]
    root = _root()
    assert list(root.commands) == names
    assert list(root.commands["plan"].commands) == ["list", "show", "import", "new"]
    assert list(root.commands["report"].commands) == ["add", "list", "show", "remove", "import"]
    assert list(root.commands["calendar"].commands) == ["show", "export"]


@pytest.mark.parametrize("entry", _table_entries())
def test_table_help_is_the_commands_own(entry):
    """The listed line is the first paragraph of the command's own help, at every width."""
    real = entry.build()
    assert real.name == entry.name
    assert entry.help == " ".join(real.help.partition("\n\n")[0].split())
    assert not real.hidden and not real.deprecated and real.short_help is None
    stand_in = entry.stand_in()
    for limit in range(0, 240):
        assert stand_in.get_short_help_str(limit) == real.get_short_help_str(limit), limit


def _listing(group: click.Group, width: int, *, eager: bool) -> str:
    ctx = click.Context(group, info_name="dancu")
    formatter = click.HelpFormatter(width=width)
    if eager:
        click.Group.format_commands(group, ctx, formatter)  # click's own: every command built and asked
    else:
        group.format_commands(ctx, formatter)
    return formatter.getvalue()


@pytest.mark.parametrize("width", [30, 60, 80, 100, 200])
def test_listing_is_what_the_real_commands_give(width):
    """Each group's list of commands (its help's "Lệnh:" part), from the table, is click's from the built commands."""
    for lazy_group, eager_group in zip(_groups(), _groups()):
        lazy = _listing(lazy_group, width, eager=False)
        assert lazy == _listing(eager_group, width, eager=True)
        assert lazy.startswith("Lệnh:\n")


@pytest.mark.parametrize("incomplete", ["", "r", "pl", "s", "x"])
def test_completion_is_what_the_real_commands_give(incomplete):
    for lazy_group, eager_group in zip(_groups(), _groups()):
        lazy = [(item.value, item.help) for item in lazy_group.shell_complete(click.Context(lazy_group), incomplete)]
        eager = [(item.value, item.help) for item in click.Group.shell_complete(eager_group, click.Context(eager_group),
                                                                                incomplete)]
        assert lazy == eager
        assert [value for value, _ in lazy] == [name for name in eager_group.commands if name.startswith(incomplete)]


def test_commands_are_built_once_per_group_and_sub_groups_stay_as_defined():
    from dancu_cli.cli.plan_cmd import plan_app

    group = _root()
    assert group.commands["plan"] is group.commands["plan"]
    for _ in range(3):  # building the tree again adds nothing to the sub-groups' own Typers
        assert list(_root().commands["plan"].commands) == ["list", "show", "import", "new"]
        assert [c.name for c in plan_app.registered_commands] == ["list", "show"]
    assert "reprot" not in group.commands and group.get_command(click.Context(group), "reprot") is None


PROBE = """
import sys
sys.argv = ["dancu", *{args!r}]
from dancu_cli.__main__ import main
try:
    main()
except SystemExit:
    pass
print("LOADED:" + ",".join(sorted(m for m in sys.modules if m.startswith(("dancu_cli", "typer", "click")))))
"""

COMPLETE = {"_DANCU_COMPLETE": "complete_zsh", "COMP_WORDS": "dancu r", "COMP_CWORD": "1", "_TYPER_COMPLETE_ARGS": "dancu r"}


def _loaded(args: list[str], env: dict | None = None) -> tuple[set[str], str]:
    code = PROBE.format(args=args)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8",
                            env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})})
    line = next(line for line in result.stdout.splitlines() if line.startswith("LOADED:"))
    return set(line[7:].split(",")), result.stdout


def _command_modules(loaded: set[str]) -> set[str]:
    return {m for m in loaded if m.startswith("dancu_cli.core") or m.endswith("_cmd") or m == "dancu_cli.cli.options"}


@pytest.mark.parametrize("args,env", [(["--help"], None), ([], None), (["-h"], None), (["--root", "nowhere", "--version"], None),
                                      (["--version"], None), ([], COMPLETE)],
                         ids=["help", "no-args", "h", "root-version", "version", "completion"])
def test_start_up_imports_no_command_module(args, env):
    loaded, out = _loaded(args, env)
    assert not _command_modules(loaded), sorted(_command_modules(loaded))
    if env:
        assert "report" in out and "remind" in out


def test_version_alone_does_not_even_import_click():
    loaded, out = _loaded(["--version"])
    assert not {m for m in loaded if m.startswith(("typer", "click"))}, sorted(loaded)
    assert f"dancu {version('dancu')}\n" in out


@pytest.mark.parametrize("args,modules", [
    (["plan", "--help"], {"plan_cmd"}),
    (["plan", "import", "--help"], {"plan_cmd", "plan_import_cmd"}),
    (["report", "add", "--help"], {"report_cmd"}),
    (["report", "import", "--help"], {"report_cmd", "import_cmd"}),
    (["calendar", "--help"], {"calendar_cmd"}),
    (["summary", "--help"], {"summary_cmd"}),
])
def test_a_command_imports_its_own_module_only(args, modules):
    loaded, out = _loaded(args)
    assert "Cách dùng: dancu " + " ".join(args[:-1]) in out
    assert _command_modules(loaded) == {f"dancu_cli.cli.{m}" for m in modules} | {"dancu_cli.cli.options"}


@pytest.mark.parametrize("args", [["--version"], ["--root", "nowhere", "--version"], ["--root=nowhere", "--version"],
                                  ["--version", "validate"]])
def test_version_is_the_same_however_asked(args):
    expected = f"dancu {version('dancu')}\n"
    result = run_process(*args)
    assert (result.returncode, result.stdout, result.stderr) == (0, expected, "")
    in_process = run(*args)
    assert (in_process.exit_code, in_process.output) == (0, expected)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
def test_version_to_a_full_disk_is_a_message_not_a_traceback():
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "dancu_cli", "--version"], stdout=full, stderr=subprocess.PIPE,
                                text=True, encoding="utf-8", env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert result.returncode == 1
    assert result.stderr == "Lỗi: không ghi được ra đầu ra chuẩn: ổ đĩa đã đầy.\n"


def test_importtime_lists_the_command_module():
    """`python -X importtime` (how start-up is inspected) still shows a command's module when it is loaded lazily."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "dancu_cli", "plan", "--help"], capture_output=True,
                            text=True, encoding="utf-8", env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert result.returncode == 0
    assert any(line.endswith(" dancu_cli.cli.plan_cmd") for line in result.stderr.splitlines()), result.stderr[-2000:]
