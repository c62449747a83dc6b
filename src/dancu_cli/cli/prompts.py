"""Questions asked on a terminal, in Vietnamese: yes/no confirmations and re-asked answers."""

from __future__ import annotations

import typer

YES = frozenset({"c", "có", "co", "y", "yes"})
NO = frozenset({"k", "không", "khong", "n", "no"})


def read_yes_no(answer: str, default: bool) -> bool | None:
    """True for c/có/y, False for k/không/n, the default for Enter; None for anything else."""
    import unicodedata

    text = unicodedata.normalize("NFC", answer.strip().lower())
    if not text:
        return default
    if text in YES:
        return True
    if text in NO:
        return False
    return None


def confirm(question: str, default: bool = False) -> bool:
    """Ask until the answer is yes or no; the capital letter in [c/K] or [C/k] is what Enter means."""
    choices = "[C/k]" if default else "[c/K]"
    while True:
        answer = read_yes_no(typer.prompt(f"{question} {choices}", default="", show_default=False), default)
        if answer is not None:
            return answer
        typer.echo("  Hãy trả lời c (có) hoặc k (không).", err=True)


def ask(label: str, convert, default: str | None = None):
    """Prompt until `convert` accepts the answer; the refusal (a ReportError or BadValue) says why.

    With a default, Enter takes it (shown in brackets)."""
    from ..core.errors import ReportError

    while True:
        answer = typer.prompt(label, default=default, show_default=bool(default))
        try:
            return convert(answer)
        except ReportError as exc:
            typer.echo(f"  {exc}", err=True)


def ask_optional(label: str, default: str | None = None) -> str | None:
    """A free answer that Enter skips; with a default, Enter keeps it and “-” leaves the answer empty."""
    import unicodedata

    if default:
        text = typer.prompt(f"{label} (gõ - để bỏ trống)", default=default, show_default=True)
        text = "" if text.strip() == "-" else text
    else:
        text = typer.prompt(f"{label} (Enter để bỏ qua)", default="", show_default=False)
    return " ".join(unicodedata.normalize("NFC", text).split()) or None
