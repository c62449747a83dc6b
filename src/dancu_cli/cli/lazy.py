"""Command groups whose commands are imported when they are used, not when `dancu` starts.

`dancu --help` lists every command with its one-line help. Importing every command module and
letting typer turn each function into a click command costs about as much as importing typer
itself, so a lazy group keeps, for each command, where it lives and its one-line help
(`LazyCommand`). A command's module is imported, and its click command built by typer exactly as
an eager registration would build it, only when that command is run, asked for its own help or
completed past its name. The listing (`dancu --help`) and the completion of command names use the
one-line help from the table; tests/test_lazy_commands.py checks that it equals each command's own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from importlib import import_module

import click
import typer

from .groups import DancuGroup, make_typer


class LazyCommand:
    """One command of a lazy group.

    `target` is "module:attribute" inside this package (a command function, or a `typer.Typer`
    sub-group), or a function returning one of them. `help` is the first paragraph of the
    command's own help, the part that a listing shortens to one line.
    """

    __slots__ = ("name", "target", "help")

    def __init__(self, name: str, target: str | Callable[[], object], help: str) -> None:
        self.name = name
        self.target = target
        self.help = help

    def __repr__(self) -> str:
        return f"LazyCommand({self.name!r}, {self.target!r}, {self.help!r})"

    def load(self) -> object:
        if callable(self.target):
            return self.target()
        module, _, attribute = self.target.partition(":")
        return getattr(import_module(f".{module}", __package__), attribute)

    def build(self) -> click.Command:
        """The click command, built by typer from a parent made like every dancu group.

        typer gives a command some settings of the group it is registered on (the options
        metavar, the markup mode, suggestions), so it is registered on a fresh group made by
        `make_typer`, as the eager registration on `app` did.
        """
        target = self.load()
        parent = make_typer("")
        if isinstance(target, typer.Typer):
            parent.add_typer(target, name=self.name)
        else:
            parent.command(self.name)(target)  # type: ignore[arg-type]
        return typer.main.get_group(parent).commands[self.name]

    def stand_in(self) -> click.Command:
        """A command that only carries the one-line help, for listings and completion."""
        return click.Command(self.name, help=self.help)


class LazyCommands(MutableMapping[str, click.Command]):
    """A group's `commands`: names in the table's order; a value is built on first look-up.

    Iterating, `len` and `in` never import anything, so click's own uses of the mapping (the
    list of names, "did you mean" suggestions) stay cheap. `items()` and `values()` build every
    command, as a full walk of the tree needs.
    """

    def __init__(self, entries: tuple[LazyCommand, ...]) -> None:
        self._entries = {entry.name: entry for entry in entries}
        self._built: dict[str, click.Command] = {}
        self._order = list(self._entries)

    def __getitem__(self, name: str) -> click.Command:
        command = self._built.get(name)
        if command is None:
            entry = self._entries[name]  # KeyError for a name that is not a command
            command = self._built[name] = entry.build()
        return command

    def __setitem__(self, name: str, command: click.Command) -> None:
        if name not in self._built and name not in self._entries:
            self._order.append(name)
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        if name not in self._entries and name not in self._built:
            raise KeyError(name)
        self._entries.pop(name, None)
        self._built.pop(name, None)
        self._order.remove(name)

    def __contains__(self, name: object) -> bool:
        return name in self._built or name in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._order))

    def __len__(self) -> int:
        return len(self._order)

    def for_listing(self, name: str) -> click.Command:
        """The command if it is built already, else its stand-in: what a listing needs, without importing."""
        command = self._built.get(name)
        return command if command is not None else self._entries[name].stand_in()


class LazyGroup(DancuGroup):
    """A `DancuGroup` whose commands come from `entries` and are built on first use."""

    entries: tuple[LazyCommand, ...] = ()

    def __init__(self, **attrs) -> None:
        super().__init__(**attrs)
        commands = LazyCommands(self.entries)
        for name, command in self.commands.items():  # commands registered on the Typer itself, if any
            commands[name] = command
        self.commands: LazyCommands = commands  # type: ignore[assignment]

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)  # TyperGroup's own walks items(), which would build every command

    def _listed(self, ctx: click.Context, incomplete: str = "") -> list[tuple[str, click.Command]]:
        found = []
        for name in self.list_commands(ctx):
            if name.startswith(incomplete):
                command = self.commands.for_listing(name)
                if not command.hidden:
                    found.append((name, command))
        return found

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # click's Group.format_commands, over the listing's stand-ins instead of get_command.
        commands = self._listed(ctx)
        if commands:
            limit = formatter.width - 6 - max(len(name) for name, _ in commands)
            rows = [(name, command.get_short_help_str(limit)) for name, command in commands]
            from gettext import gettext as _

            with formatter.section(_("Commands")):
                formatter.write_dl(rows)

    def shell_complete(self, ctx: click.Context, incomplete: str):
        # click's Group.shell_complete, over the listing's stand-ins instead of get_command.
        from click.shell_completion import CompletionItem

        results = [CompletionItem(name, help=command.get_short_help_str()) for name, command in self._listed(ctx, incomplete)]
        results.extend(click.Command.shell_complete(self, ctx, incomplete))
        return results


def lazy_group(entries: tuple[LazyCommand, ...], base: type[LazyGroup] = LazyGroup) -> type[LazyGroup]:
    """A group class (for `make_typer(cls=…)`) whose commands are `entries`, in that order."""
    return type(base.__name__, (base,), {"entries": tuple(entries), "__module__": base.__module__})
