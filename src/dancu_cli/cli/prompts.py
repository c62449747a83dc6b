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
