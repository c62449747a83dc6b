"""A plan document as an ordered list of paragraphs and tables, whatever file it came from.

Word files are read with docx2python (paragraphs and tables in document order, automatic numbering
rendered as text); PDF files through their text layer with pdfminer.six, or, for a scan, through
Tesseract OCR of the rendered pages; plain text as it is. Every paragraph keeps where it stands in the
source ("đoạn 12", "trang 2, dòng 7") so that each problem can point the clerk back to it.
Nothing here knows the shape of a plan: that is parse.py's job.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ReportError


class SourceError(ReportError):
    """The document cannot be read (exit 1). The message is Vietnamese, ready to print."""


@dataclass(frozen=True)
class Where:
    index: int  # paragraph or line number, 1-based, for machine output
    label: str  # "đoạn 12", "dòng 40", "trang 2, dòng 7", "bảng 1, dòng 3"
    excerpt: str = ""


@dataclass
class Block:
    """One paragraph, or one table (rows of cells of paragraphs)."""

    text: str
    where: Where
    rows: list[list[list[str]]] | None = None
    row_where: list[Where] = field(default_factory=list)

    @property
    def is_table(self) -> bool:
        return self.rows is not None


@dataclass
class SourceText:
    name: str
    blocks: list[Block]
    ocr: bool = False


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def clean(text: str) -> str:
    """NFC, no control characters, single spaces: the words as written, without layout."""
    text = nfc(text).replace("\u00a0", " ").replace("\u200b", "")
    text = "".join(ch if ch.isprintable() or ch in "\t\n" else " " for ch in text)
    return " ".join(text.split())


def excerpt(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


# --- Plain text (also the text layer of a PDF and OCR output) -----------------

_STARTS_PARAGRAPH = re.compile(
    r"^(?:[IVX]{1,4}\s*[.)]\s|\d{1,2}\s*[.)]\s|[a-zđ]\s*\)\s|(?:--|[-–—+•~])\s*\S|Nơi nhận|Trên đây|"
    r"Căn cứ|Thực hiện\s+(?:Kế hoạch|Quyết định|Chỉ thị|Nghị quyết|Công văn|Thông báo|Văn bản|Chương trình)\s+số)"
)


_PAGE_NUMBER = re.compile(r"^-?\s*\d{1,3}\s*-?$")
_LONE_MARK = re.compile(r"^(?:\d{1,2}|[IVX]{1,4}|[a-zđ])\s*[.)]$")


def _is_upper_line(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _is_rule(line: str) -> bool:
    """A separator drawn with characters (“———”, “_____”), which is layout, not text."""
    return bool(line) and not any(c.isalnum() for c in line) and len(line) >= 3


def _join_lines(lines: list[str]) -> str:
    """Wrapped lines back into one paragraph. A line broken right after a hyphen inside a symbol
    ("25-" / "NQ/TW") joins without a space; "kinh tế -" / "xã hội" keeps it."""
    out = ""
    for line in lines:
        if out and re.search(r"\w-$", out):
            out += line
        else:
            out += (" " if out else "") + line
    return out


def blocks_from_text(text: str, unit: str = "dòng", pages: bool = False) -> list[Block]:
    """Lines to paragraphs. A blank line ends a paragraph; so does a line that starts with a
    numbering mark (I., 1., a), -) or is all capitals (headings, the header, the signer)."""
    blocks: list[Block] = []
    current: list[str] = []
    start: tuple[int, int, int] | None = None  # (global line, page, line in page)

    held: tuple[str, tuple[int, int, int]] | None = None  # a numbering mark alone ("1."), set apart by layout

    def flush() -> None:
        nonlocal current, start, held
        if current and start is not None:
            joined = clean(_join_lines(current))
            if _LONE_MARK.match(joined):
                held = (joined, start)
                current, start = [], None
                return
            if held is not None:
                joined, start = f"{held[0]} {joined}", held[1]
                held = None
            if joined and not _is_rule(joined):
                label = f"trang {start[1]}, dòng {start[2]}" if pages else f"{unit} {start[0]}"
                blocks.append(Block(joined, Where(start[0], label, excerpt(joined))))
        current, start = [], None

    number, previous_upper, blank = 0, False, False
    for page, page_text in enumerate(nfc(text).split("\f"), 1):
        page_break = page > 1
        if page_text.startswith("\v"):
            page_text, page_break = page_text[1:], False  # the layout says: the paragraph goes on
        for line_in_page, raw in enumerate(page_text.split("\n"), 1):
            number += 1
            line = clean(raw)
            if not line or _PAGE_NUMBER.match(line):
                blank = bool(current)  # ends the paragraph, unless a page break turns out to cut a sentence
                continue
            if page_break:
                page_break = False
                # A sentence cut by the page break goes on in lower case on the next page.
                goes_on = current and line[:1].islower() and not current[-1].endswith((".", ":", ";", "!", "?"))
                if not goes_on:
                    flush()
            elif blank:
                flush()
            blank = False
            upper = _is_upper_line(line)
            if current and (upper or previous_upper or _STARTS_PARAGRAPH.match(line)):
                flush()
            if not current:
                start = (number, page, line_in_page)
            current.append(line)
            previous_upper = upper
    flush()
    return blocks


def read_text_file(path: Path) -> SourceText:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"không đọc được tệp {path}: {exc.strerror or exc}") from None
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SourceError(f"tệp {path.name} không phải văn bản UTF-8; hãy lưu lại với bảng mã UTF-8")
    return SourceText(path.name, blocks_from_text(text))


# --- Word ----------------------------------------------------------------------

_MEDIA = re.compile(r"-{4}(?:media/\S+?|footnote\d+|endnote\d+|comment\d+|Image alt text---&gt;.*?&lt;---)-{4}")


def _docx_text(text: str) -> str:
    # docx2python renders automatic numbering as "1)\t", bullets as "--\t"; images as ----media/…----.
    return clean(_MEDIA.sub(" ", text))


def is_task_table(rows: list[list[str]]) -> bool:
    """A table whose first row names the columns of a task list: content with lead or time."""
    from ..dates import fold

    if len(rows) < 2:
        return False
    head = [fold(cell) for cell in rows[0]]
    has_content = any("noi dung" in c or "nhiem vu" in c for c in head)
    return has_content and any("chu tri" in c or "thoi gian" in c or "thoi han" in c or "thuc hien" in c for c in head)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _style_numbering(path: Path):
    """The .docx with numbering that paragraphs take from their style ("List Number") set on the paragraphs
    themselves, where docx2python sees it; None when no style numbers paragraphs. Word shows both the same."""
    import io
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(path) as docx:
        names = docx.namelist()
        if "word/styles.xml" not in names or "word/document.xml" not in names:
            return None
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        styles = etree.fromstring(docx.read("word/styles.xml"), parser)
        own: dict[str, object] = {}
        based: dict[str, str] = {}
        for style in styles.iter(f"{_W}style"):
            sid = style.get(f"{_W}styleId")
            num = style.find(f"{_W}pPr/{_W}numPr")
            if num is not None:
                own[sid] = num
            base = style.find(f"{_W}basedOn")
            if base is not None:
                based[sid] = base.get(f"{_W}val")

        def numbering_of(sid, depth=0):
            if sid in own or depth > 20 or sid not in based:
                return own.get(sid)
            return numbering_of(based[sid], depth + 1)

        if not own:
            return None
        document = etree.fromstring(docx.read("word/document.xml"), parser)
        changed = False
        for ppr in document.iter(f"{_W}pPr"):
            style = ppr.find(f"{_W}pStyle")
            if style is None or ppr.find(f"{_W}numPr") is not None:
                continue
            num = numbering_of(style.get(f"{_W}val"))
            if num is not None:
                copy = etree.fromstring(etree.tostring(num))
                if copy.find(f"{_W}ilvl") is None:
                    ilvl = etree.SubElement(copy, f"{_W}ilvl")
                    ilvl.set(f"{_W}val", "0")
                    copy.insert(0, ilvl)
                style.addnext(copy)
                changed = True
        if not changed:
            return None
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy_zip:
            for item in docx.infolist():
                data = etree.tostring(document, xml_declaration=True, encoding="UTF-8", standalone=True) \
                    if item.filename == "word/document.xml" else docx.read(item.filename)
                copy_zip.writestr(item, data)
        return out.getvalue()


def read_docx(path: Path) -> SourceText:
    import tempfile
    import zipfile

    try:
        from docx2python import docx2python

        numbered = _style_numbering(path)
        with tempfile.TemporaryDirectory(prefix="dancu-docx-") as folder:
            source = path
            if numbered is not None:
                source = Path(folder) / "ke-hoach.docx"
                source.write_bytes(numbered)
            with docx2python(str(source)) as content:
                body = content.body
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise SourceError(f"tệp {path.name} không phải tệp Word (.docx) hợp lệ ({exc.__class__.__name__})") from None
    except OSError as exc:
        raise SourceError(f"không đọc được tệp {path}: {exc.strerror or exc}") from None
    except Exception as exc:  # a damaged .docx can fail anywhere inside the reader
        raise SourceError(f"không đọc được tệp Word {path.name}: tệp bị hỏng hoặc không đúng định dạng "
                          f"({exc.__class__.__name__})") from None

    blocks: list[Block] = []
    paragraph_no = 0
    table_no = 0
    for table in body:
        cells_text = [[[_docx_text(p) for p in cell] for cell in row] for row in table]
        real_table = len(table) > 1 or any(len(row) > 1 for row in table)
        flat_rows = [[" ".join(p for p in cell if p) for cell in row] for row in cells_text]
        if real_table:
            table_no += 1
        if real_table and is_task_table(flat_rows):
            first = paragraph_no + 1
            row_where = []
            for r, row in enumerate(cells_text, 1):
                row_where.append(Where(first, f"bảng {table_no}, dòng {r}", excerpt(" | ".join(flat_rows[r - 1]))))
                paragraph_no += sum(len(cell) for cell in row)
            blocks.append(Block("", Where(first, f"bảng {table_no}", ""), rows=cells_text, row_where=row_where))
            continue
        # Paragraphs, and layout tables (the header, the signature block): cell by cell, in reading order.
        for row in cells_text:
            for cell in row:
                for text in cell:
                    paragraph_no += 1
                    if text and not _is_rule(text):
                        blocks.append(Block(text, Where(paragraph_no, f"đoạn {paragraph_no}", excerpt(text))))
    return SourceText(path.name, blocks)


# --- PDF -------------------------------------------------------------------------

OCR_LANGUAGE = "vie"
INSTALL_TESSERACT = (
    "Tệp PDF này không có lớp chữ (là bản quét), cần nhận dạng chữ (OCR) bằng Tesseract với dữ liệu tiếng Việt. "
    "Cài đặt: trên Debian/Ubuntu chạy `sudo apt-get install tesseract-ocr tesseract-ocr-vie`; trên Windows cài "
    "Tesseract (bản của UB Mannheim), chọn thêm ngôn ngữ Vietnamese và thêm thư mục cài đặt vào PATH. "
    "Sau đó chạy lại lệnh."
)


def _layout_text(pages) -> str:
    """pdfminer's text boxes as paragraphs. pdfminer sometimes cuts one paragraph into two boxes (at a
    page break, or after an indented first line); a box that follows a full-width line and starts at the
    left margin continues the paragraph. "\v" at the start of a page marks such a continuation."""
    from pdfminer.layout import LTTextBox, LTTextLine

    out_pages = []
    previous_full = False
    for page in pages:
        boxes = [b for b in page if isinstance(b, LTTextBox)]
        lines = [ln for b in boxes for ln in b if isinstance(ln, LTTextLine) and ln.get_text().strip()]
        if not lines:
            out_pages.append("")
            continue
        left = min(ln.x0 for ln in lines)
        right = max(ln.x1 for ln in lines)
        parts: list[str] = []
        for b in boxes:
            box_lines = [ln for ln in b if isinstance(ln, LTTextLine) and ln.get_text().strip()]
            if not box_lines:
                continue
            text = "\n".join(ln.get_text().rstrip("\n") for ln in box_lines)
            at_margin = box_lines[0].x0 <= left + 4
            if parts or out_pages:
                joiner = "\n" if previous_full and at_margin else "\n\n"
                if parts:
                    parts.append(joiner + text)
                else:
                    parts.append(("\v" if joiner == "\n" else "") + text)
            else:
                parts.append(text)
            last = box_lines[-1]
            previous_full = last.x1 >= right - 6 and last.x0 <= left + 40
        out_pages.append("".join(parts))
    return "\f".join(out_pages)


def _pdf_text(path: Path) -> str:
    try:
        from pdfminer.high_level import extract_pages
        from pdfminer.pdfparser import PDFSyntaxError
    except ImportError:  # pragma: no cover - declared dependency
        raise SourceError("thiếu thư viện pdfminer.six để đọc PDF; hãy cài lại dancu") from None
    try:
        return _layout_text(extract_pages(str(path)))
    except PDFSyntaxError:
        raise SourceError(f"tệp {path.name} không phải tệp PDF hợp lệ") from None
    except OSError as exc:
        raise SourceError(f"không đọc được tệp {path}: {exc.strerror or exc}") from None
    except Exception as exc:  # encrypted or damaged files fail in many ways inside pdfminer
        raise SourceError(f"không đọc được tệp PDF {path.name} ({exc.__class__.__name__}); "
                          "tệp có thể bị hỏng hoặc được đặt mật khẩu") from None


def has_text_layer(text: str, pages: int) -> bool:
    letters = sum(1 for c in text if c.isalpha())
    return letters >= 40 * max(pages, 1)


def tesseract_ready() -> str | None:
    """None when Tesseract with the Vietnamese model can run, else the reason."""
    import shutil
    import subprocess

    exe = shutil.which("tesseract")
    if not exe:
        return "không tìm thấy chương trình tesseract"
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"không chạy được tesseract ({exc})"
    langs = (out.stdout + out.stderr).split()
    if OCR_LANGUAGE not in langs:
        return "Tesseract chưa có dữ liệu tiếng Việt (vie)"
    return None


def _scan_dpi(page, default: int) -> int:
    """The resolution the page was scanned at (its largest image's), so OCR reads the scan's own pixels
    rather than an enlargement of them: as good, and much faster. Kept between 150 and 300."""
    import pypdfium2.raw as pdfium_c

    best = None
    try:
        for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,)):
            meta = obj.get_metadata()
            if best is None or meta.width * meta.height > best[0]:
                best = (meta.width * meta.height, meta.horizontal_dpi)
    except Exception:  # metadata is a nicety; rendering still works without it
        return default
    if not best or not best[1]:
        return default
    return int(min(max(best[1], 150), 300))


def _render_pages(path: Path, dpi: int) -> list[tuple[int, int, int, bytes]]:
    """Each page as an 8-bit grey bitmap (dpi, width, height, bytes), rendered with PDFium."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except Exception as exc:  # pdfium raises its own error types for damaged files
        raise SourceError(f"không mở được tệp PDF {path.name} để nhận dạng chữ ({exc})") from None
    pages = []
    try:
        for page in pdf:
            page_dpi = _scan_dpi(page, dpi)
            bitmap = page.render(scale=page_dpi / 72, grayscale=True)
            width, height, stride = bitmap.width, bitmap.height, bitmap.stride
            buffer = bytes(bitmap.buffer)
            channels = max(stride // width, 1) if width else 1
            rows = (buffer[r * stride: r * stride + width * channels] for r in range(height))
            data = b"".join(row[::channels] if channels > 1 else row for row in rows)
            pages.append((page_dpi, width, height, data))
    finally:
        pdf.close()
    return pages


def ocr_pdf(path: Path, dpi: int = 200) -> str:
    import os
    import shutil
    import subprocess
    import tempfile

    reason = tesseract_ready()
    if reason:
        raise SourceError(f"{reason}. {INSTALL_TESSERACT}")
    exe = shutil.which("tesseract") or "tesseract"
    # One thread per page: Tesseract's own threads only contend with each other on an office PC.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    texts = []
    with tempfile.TemporaryDirectory(prefix="dancu-ocr-") as folder:
        jobs = []
        for number, (page_dpi, width, height, data) in enumerate(_render_pages(path, dpi), 1):
            image = Path(folder) / f"trang-{number}.pgm"
            # PGM needs no imaging library, and Tesseract (Leptonica) reads it directly.
            image.write_bytes(b"P5\n%d %d\n255\n" % (width, height) + data)
            try:
                jobs.append((number, subprocess.Popen(
                    [exe, str(image), "stdout", "-l", OCR_LANGUAGE, "--dpi", str(page_dpi)],
                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)))
            except OSError as exc:
                raise SourceError(f"Tesseract không nhận dạng được trang {number} ({exc})") from None
            if len(jobs) >= max((os.cpu_count() or 1), 1):
                texts.append(_finish(*jobs.pop(0)))
        texts += [_finish(*job) for job in jobs]
    return "\f".join(texts)


def _finish(number: int, process) -> str:
    import subprocess

    try:
        out, err = process.communicate(timeout=600)
    except subprocess.TimeoutExpired:
        process.kill()
        raise SourceError(f"Tesseract nhận dạng trang {number} quá lâu (hơn 10 phút)") from None
    if process.returncode != 0:
        message = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise SourceError(f"Tesseract không nhận dạng được trang {number}: {message[0]}")
    return out.decode("utf-8", "replace")


def read_pdf(path: Path, allow_ocr: bool = True) -> SourceText:
    text = _pdf_text(path)
    pages = max(text.count("\f"), 1)
    if has_text_layer(text, pages):
        return SourceText(path.name, blocks_from_text(text, pages=True))
    if not allow_ocr:
        raise SourceError(INSTALL_TESSERACT)
    return SourceText(path.name, blocks_from_text(ocr_pdf(path), pages=True), ocr=True)


READERS = {".docx": read_docx, ".pdf": read_pdf, ".txt": read_text_file}


def read_source(path: Path) -> SourceText:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise SourceError(f"không đọc được loại tệp “{path.suffix or path.name}”; "
                          "dancu nhập kế hoạch từ tệp .docx, .pdf hoặc .txt")
    if not path.is_file():
        raise SourceError(f"không tìm thấy tệp: {path}")
    return reader(path)
