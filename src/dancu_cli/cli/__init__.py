"""The command line: thin Typer commands over the core.

Only typer is imported at start-up; each command imports the core (and jinja2,
docxtpl, PyYAML, rich) when it runs, so `dancu --help` and completion stay instant.
"""

from __future__ import annotations

from .. import i18n

i18n.install()

from .app import app, main  # noqa: E402

__all__ = ["app", "main"]
