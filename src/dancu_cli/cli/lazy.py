"""Command groups whose commands are imported and built when they are used, not when `dancu` starts.

`dancu --help` lists every command with its one-line help. Importing every command module and
letting typer turn each function into a click command costs about as much as importing typer
itself, so a lazy group keeps, for each command, where it lives and its one-line help
(`LazyCommand`). A command's module is imported, and its click command built by typer exactly as
an eager registration would build it, only when that command is run, asked for its own help or
completed past its name. Listings (`dancu --help`, `dancu plan --help`) and the completion of
command names use the one-line help instead; tests/test_lazy_commands.py checks that it equals
each command's own.

A sub-group (`plan`, `report`, `calendar`) is lazy in the same way: its module is imported when it
is used, and of its commands only the one that runs is built.
"""

from __future__ import annotations

import copy
import inspect
from collections.abc import Iterator, MutableMapping

import click
import typer
from typer.models import CommandInfo

from .groups import DancuGroup, make_typer


class LazyCommand:
    """One command of a lazy group.

    `target` is "module:attribute" inside this package (a command function, or a `typer.Typer`
    sub-group), or the object itself. `help` is the first paragraph of the command's own help,
    the part that a listing shortens to one line. For a sub-group, `commands` are added after
    the ones registered on its Typer, and built as lazily.
    """

    __slots__ = ("name", "target", "help", "commands")

    def __init__(self, name: str, target: str | object, help: str, commands: tuple[LazyCommand, ...] = ()) -> None:
        self.name = name
        self.target = target
        self.help = help
        self.commands = tuple(commands)

    def __repr__(self) -> str:
        return f"LazyCommand({self.name!r}, {self.target!r})"

    def load(self) -> object:
        if not isinstance(self.target, str):
            return self.target
        module, _, attribute = self.target.partition(":")
        # __import__ rather than importlib.import_module: only the former is listed by `python -X importtime`.
        return getattr(__import__(f"{__package__}.{module}", fromlist=[attribute]), attribute)

    def build(self) -> click.Command:
        """The click command, built by typer from a parent made like every dancu group.

        typer gives a command some settings of the group it is registered on (the options
        metavar, the markup mode, suggestions), so it is registered on a fresh group made by
        `make_typer`, as the eager registration on `app` did.
        """
        target = self.load()
        parent = make_typer("")
        if isinstance(target, typer.Typer):
            parent.add_typer(_lazy_copy(target, self.commands), name=self.name)
        elif isinstance(target, CommandInfo):  # a command registered on a sub-group's Typer
            parent.registered_commands.append(target)
        else:
            parent.command(self.name)(target)  # type: ignore[arg-type]
        return typer.main.get_group(parent).commands[self.name]

    def stand_in(self) -> click.Command:
        """A command that only carries the one-line help, for listings and completion."""
        info = self.target
        if isinstance(info, CommandInfo):
            return click.Command(self.name, help=self.help, short_help=info.short_help, hidden=info.hidden,
                                 deprecated=info.deprecated)
        return click.Command(self.name, help=self.help)


def _registered(info: CommandInfo) -> LazyCommand:
    """The lazy entry of a command registered on a sub-group's Typer (its module is imported already)."""
    name = info.name or typer.main.get_command_name(info.callback.__name__)  # type: ignore[union-attr]
    text = inspect.getdoc(info.callback) if info.help is None else inspect.cleandoc(info.help)
    return LazyCommand(name, info, text or "")


def _lazy_copy(sub: typer.Typer, extra: tuple[LazyCommand, ...]) -> typer.Typer:
    """The sub-group with its registered commands, then `extra`, turned into lazy entries.

    A copy, so that the sub-group's own Typer, which its module defines, stays as it is.
    """
    lazy = copy.copy(sub)
    lazy.registered_commands = []
    lazy.info = copy.copy(sub.info)
    base = sub.info.cls if isinstance(sub.info.cls, type) else DancuGroup
    lazy.info.cls = lazy_group(tuple(_registered(info) for info in sub.registered_commands) + extra, base)
    return lazy


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
        for name, command in self.commands.items():  # commands registered on the Typer itself come after
            commands[name] = command
        self.commands: LazyCommands = commands  # type: ignore[assignment]

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)  # TyperGroup's own walks items(), which would build every command

    def _listed(self, incomplete: str = "") -> list[tuple[str, click.Command]]:
        found = []
        for name in self.commands:
            if name.startswith(incomplete):
                command = self.commands.for_listing(name)
                if not command.hidden:
                    found.append((name, command))
        return found

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # click's Group.format_commands, over the listing's stand-ins instead of get_command.
        commands = self._listed()
        if commands:
            limit = formatter.width - 6 - max(len(name) for name, _ in commands)
            rows = [(name, command.get_short_help_str(limit)) for name, command in commands]
            from gettext import gettext as _

            with formatter.section(_("Commands")):
                formatter.write_dl(rows)

    def shell_complete(self, ctx: click.Context, incomplete: str):
        # click's Group.shell_complete, over the listing's stand-ins instead of get_command.
        from click.shell_completion import CompletionItem

        results = [CompletionItem(name, help=command.get_short_help_str()) for name, command in self._listed(incomplete)]
        results.extend(click.Command.shell_complete(self, ctx, incomplete))
        return results


def lazy_group(entries: tuple[LazyCommand, ...], base: type[DancuGroup] = DancuGroup) -> type[LazyGroup]:
    """A group class (for `make_typer(cls=…)`) whose commands are `entries`, in that order.

    `base` is the group's own class when it has one (calendar's routes a bare year to `show`).
    """
    bases = (LazyGroup,) if issubclass(LazyGroup, base) else (LazyGroup, base)
    return type(base.__name__, bases, {"entries": tuple(entries), "__module__": base.__module__})
