"""Laying a Summary out through templates: Jinja2 for Markdown, docxtpl for Word.

The default templates ship in dancu_cli/templates/. A custom template gets the
same variables (Summary.context()). Both environments use StrictUndefined, and
any error inside a template becomes a TemplateProblem whose Vietnamese message
names the template and the line (for Word: the paragraph) at fault.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import fields, is_dataclass
from pathlib import Path

from markupsafe import Markup

from .summary import Summary

DEFAULT_MARKDOWN = "summary.md.j2"
DEFAULT_DOCX = "summary.docx"
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"  # the shipped templates (package data)


class TemplateProblem(Exception):
    """A template that cannot be read or rendered; the message is for the user."""


def default_template(name: str) -> bytes:
    return (TEMPLATES / name).read_bytes()


# --- Markdown escaping -------------------------------------------------------------------------------

# Backslash-escaping any ASCII punctuation is always allowed in CommonMark; these are the ones that can
# start markup anywhere in a line (emphasis, code, links, HTML, entities, table cells, heading closers).
_MD_INLINE = re.compile(r"([\\`*_\[\]<>&|~#!])")
# …and at the start of a line: list markers, setext underlines, ordered-list numbers.
_MD_LINE_START = re.compile(r"^(?:[-+=]|\d{1,9}(?=[.)]))")


def _escape_line(line: str) -> str:
    line = _MD_INLINE.sub(r"\\\1", line.strip())
    m = _MD_LINE_START.match(line)
    if not m:
        return line
    cut = m.end() if m[0][0].isdigit() else 0  # escape the "." of "1." or the "-" itself
    return line[:cut] + "\\" + line[cut:]


def md(text) -> Markup:
    """User text as literal Markdown inside a paragraph or list item; its newlines become hard line breaks,
    so text spanning lines stays in the same list item."""
    lines = [_escape_line(line) for line in str(text).strip().split("\n")]
    return Markup("\\\n".join(lines))


def md_line(text) -> Markup:
    """User text on one line: a heading or a table cell."""
    return md(" ".join(str(text).split()))


def _auto_escape(value):
    # Jinja's `finalize` sees every {{ … }}: text a custom template forgot to filter is escaped all the same.
    return value if isinstance(value, Markup) else md(value)


# --- Errors ---------------------------------------------------------------------------------------------

def _template_line(exc: BaseException, filename: str) -> int | None:
    """The template line of an error: syntax errors carry it; runtime errors have it in the traceback,
    where Jinja places a frame per template line."""
    lineno = getattr(exc, "lineno", None)
    if lineno:
        return lineno
    found = None
    import traceback

    for frame, line in traceback.walk_tb(exc.__traceback__):
        if frame.f_code.co_filename == filename:
            found = line
    return found


def _explain(exc: BaseException, names: list[str]) -> str:
    """The error in Vietnamese, with a 'did you mean' for a mistyped variable or field."""
    import difflib

    from jinja2 import TemplateSyntaxError, UndefinedError

    message = getattr(exc, "message", None) or str(exc)
    if isinstance(exc, UndefinedError):
        m = re.search(r"'([^']+)' is undefined", message) or re.search(r"has no attribute '([^']+)'", message)
        if m:
            text = f"không có biến hay trường “{m[1]}”"
            close = difflib.get_close_matches(m[1], names, n=1)
            return text + (f"; có phải ý bạn là “{close[0]}”?" if close else "")
    if isinstance(exc, TemplateSyntaxError):
        return f"lỗi cú pháp Jinja2 ({message})"
    return f"lỗi khi dựng mẫu ({type(exc).__name__}: {message})"


def _field_names(value, out: set[str] | None = None) -> set[str]:
    """Every variable and field name a template can use, for "did you mean"."""
    out = set() if out is None else out
    if is_dataclass(value):
        for f in fields(value):
            out.add(f.name)
            _field_names(getattr(value, f.name), out)
    elif isinstance(value, list) and value:
        _field_names(value[0], out)
    return out


# --- Markdown ---------------------------------------------------------------------------------------

def render_markdown(summary: Summary, template: Path | None = None, default: str = DEFAULT_MARKDOWN) -> str:
    """`summary` is any document data with a context() (a Summary, a Reminder); `default` names the shipped
    template used when no custom one is given."""
    from jinja2 import Environment, FunctionLoader, StrictUndefined

    name = str(template) if template else default
    try:
        source = template.read_text(encoding="utf-8") if template else default_template(default).decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateProblem(f"không đọc được mẫu {name}: {exc}") from None
    from .cache import template_cache

    env = Environment(
        loader=FunctionLoader(lambda _: (source, name, lambda: True)), bytecode_cache=template_cache(),
        undefined=StrictUndefined, finalize=_auto_escape, autoescape=False,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.filters.update(md=md, md_line=md_line)
    try:
        return env.get_template(name).render(summary.context())
    except Exception as exc:  # anything a template can do wrong: a syntax error, a typo, a bad operation
        line = _template_line(exc, name)
        where = f"mẫu {name}" + (f", dòng {line}" if line else "")
        raise TemplateProblem(f"{where}: {_explain(exc, sorted(_field_names(summary)))}") from None


# --- DOCX ---------------------------------------------------------------------------------------------

def _docx_paragraph(data: bytes, lineno: int | None) -> str:
    """The text of the template paragraph docxtpl compiled into Jinja line `lineno`: docxtpl puts each
    <w:p> of the document body on a line of its own."""
    if not lineno:
        return ""
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(io.BytesIO(data))
    tpl.init_docx()
    xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", tpl.patch_xml(tpl.get_xml()))
    lines = xml.splitlines()
    text = re.sub(r"<[^>]+>", "", lines[lineno - 1]) if 0 < lineno <= len(lines) else ""
    # No tag on that line: the error lies in a page header or footer, whose lines these are not.
    return " ".join(text.split()) if "{" in text else ""


def _cached_environment():
    """A Jinja environment whose from_string goes through the bytecode cache, as a loader's templates do:
    docxtpl compiles the document's XML with from_string on every run, which costs more than the rest."""
    import hashlib

    from jinja2 import Environment

    class CachedEnvironment(Environment):
        def from_string(self, source, globals=None, template_class=None):
            if self.bytecode_cache is None or not isinstance(source, str):
                return super().from_string(source, globals, template_class)
            # Jinja's own loader path (BaseLoader.load), with the source's hash for the template's name.
            name = "docx-" + hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()
            bucket = self.bytecode_cache.get_bucket(self, name, None, source)
            if bucket.code is None:
                bucket.code = self.compile(source, name)
                self.bytecode_cache.set_bucket(bucket)
            cls = template_class or self.template_class
            return cls.from_code(self, bucket.code, self.make_globals(globals), None)

    return CachedEnvironment


def render_docx(summary: Summary, template: Path | None = None, default: str = DEFAULT_DOCX) -> bytes:
    from docxtpl import DocxTemplate
    from jinja2 import StrictUndefined

    from .cache import template_cache

    name = str(template) if template else default
    try:
        data = template.read_bytes() if template else default_template(default)
        tpl = DocxTemplate(io.BytesIO(data))
        tpl.init_docx()
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise TemplateProblem(f"mẫu {name} không phải tệp Word .docx đọc được ({exc})") from None
    # A newline in user text becomes a line break inside the same paragraph (docxtpl turns "\n" into
    # <w:br/>), so a multi-line result stays one list item; the template sets Word's "don't expand a line
    # ending in a line break", so the line before it is not stretched across a justified paragraph.
    env = _cached_environment()(undefined=StrictUndefined, autoescape=True, bytecode_cache=template_cache())
    try:
        tpl.render(summary.context(), jinja_env=env, autoescape=True)
    except Exception as exc:
        paragraph = _docx_paragraph(data, _template_line(exc, "<template>"))
        where = f"mẫu {name}" + (f", ở đoạn “{paragraph}”" if paragraph else "")
        raise TemplateProblem(f"{where}: {_explain(exc, sorted(_field_names(summary)))}") from None
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()
