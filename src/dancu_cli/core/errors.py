"""The refusals the core raises: messages are Vietnamese and ready to print.

`ReportError` is input that was understood but refused (exit 1); `BadValue` is a typed value
that cannot be read (a period, a status, a figure) or names nothing that exists (a unit, a plan):
on a command line that is a usage error (exit 2); at a prompt it is asked again.
"""

from __future__ import annotations

from .problems import Problem


class ReportError(Exception):
    """A refused input or an unusable file. `problems` carry file:line positions when a file is at fault."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = problems or []


class BadValue(ReportError):
    """A value typed by a person that cannot be read, or a name that the workspace does not have."""
