"""`dancu plan import`: a plan document (Word, PDF, text) to a plan file. No terminal code here."""

from .parse import ImportResult, Note, import_plan
from .source import SourceError, SourceText, read_source

__all__ = ["ImportResult", "Note", "SourceError", "SourceText", "import_plan", "read_source"]
