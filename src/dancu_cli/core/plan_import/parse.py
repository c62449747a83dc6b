"""From the paragraphs of a Vietnamese plan (Kế hoạch) to the data of a plan file.

Vietnamese plans follow one shape (Decree 30/2020/NĐ-CP and custom): the header (issuer, number and
symbol, place and date), the document type and subject, the basis ("Thực hiện …", "Căn cứ …"),
"I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG, THỜI GIAN THỰC HIỆN" with numbered tasks followed by their
"Cơ quan chủ trì/phối hợp/thực hiện" and "Thời gian thực hiện" lines (or a table of tasks),
"III. KINH PHÍ", "IV. TỔ CHỨC THỰC HIỆN", "Nơi nhận" and the signature block.

Nothing is invented: text is kept as written (NFC, single spaces); what cannot be settled (a unit name
not in the registry, a timeframe with no clear date, a missing window) becomes a Note at the field it
concerns and at the paragraph it came from, and the field is left for the clerk to fill.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..dates import fold, parse_date, parse_period, parse_timeframe
from ..models.units import Registry
from .source import Block, SourceText, Where

Path_ = tuple


@dataclass
class Note:
    path: Path_
    message: str
    code: str
    where: Where | None = None
    severity: str = "error"  # "error": must be fixed before the plan validates; "warning": to confirm


@dataclass
class ImportResult:
    data: dict
    notes: list[Note]
    # Field path -> where its text stands in the document, to point later problems back at it.
    places: dict[Path_, Where] = field(default_factory=dict)
    source_name: str = ""

    @property
    def errors(self) -> list[Note]:
        return [n for n in self.notes if n.severity == "error"]

    def where(self, path: Path_) -> Where | None:
        for end in range(len(path), -1, -1):
            found = self.places.get(tuple(path[:end]))
            if found:
                return found
        return None


# --- Folding that keeps positions ------------------------------------------------

def fold1(text: str) -> str:
    """Like dates.fold, but one character out for each character in: a match in the folded
    text is at the same place in the original, so the original words can be sliced out."""
    out = []
    for ch in text:
        if ch in "đĐ":
            out.append("d")
            continue
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if unicodedata.category(c) != "Mn")
        out.append(base.lower() if len(base) == 1 else ch.lower()[:1] or " ")
    return "".join(out)


def _search(pattern: str, text: str, start: int = 0) -> re.Match | None:
    return re.compile(pattern).search(fold1(text), start)


def _strip_end(text: str) -> str:
    return text.strip().rstrip(";,").strip()


def _no_final_dot(text: str) -> str:
    text = _strip_end(text)
    return text[:-1].rstrip() if text.endswith(".") and not text.endswith("..") and not text.endswith("./.") else text


# --- Marks -----------------------------------------------------------------------

ROMAN_RE = re.compile(r"^(?P<n>[IVX]{1,4})\s*[.)]\s*(?P<rest>.+)$")
NUMBER_RE = re.compile(r"^(?P<n>\d{1,2})\s*[.)]\s*(?P<rest>\S.*)$")
LETTER_RE = re.compile(r"^(?P<l>[a-zđ])\s*\)\s*(?P<rest>.*)$")
DASH_RE = re.compile(r"^(?:--|[-–—+•~])\s*(?P<rest>\S.*)$")  # "~": OCR's reading of a short dash
# "a) Cơ quan chủ trì: …", "Cơ quan thực hiện: …", "Đơn vị phối hợp: …" (the label may be misread by OCR)
_LABEL = r"^(?:[^\s)]{1,2}\s*\)\s*)?"
ROLE_RE = re.compile(_LABEL + r"(?:(?:co quan|don vi|bo phan)\s+)?(?P<role>chu tri|phoi hop|thuc hien)\s*:\s*")
TIME_RE = re.compile(_LABEL + r"thoi (?:gian|han)(?: thuc hien| hoan thanh)?\s*:\s*")
ROLE_KEYS = {"chu tri": "lead", "phoi hop": "coordinating", "thuc hien": "implementing"}

DOCUMENT_TYPES = ("ke hoach", "chuong trinh", "phuong an", "ke hoach trien khai")
AUTHORITY_RE = re.compile(r"^(?:KT|TM|TL|TUQ|Q)\s*\.\s*\S")
MOTTO = (r"cong hoa xa hoi chu nghia viet nam", r"doc lap\s*-\s*tu do\s*-\s*hanh phuc")


def _upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _roman_heading(block: Block) -> tuple[int, str] | None:
    m = ROMAN_RE.match(block.text)
    if m and _upper(m["rest"]):
        value = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
        return value.get(m["n"], 0), m["rest"]
    return None


def _section_kind(title: str) -> str:
    f = fold(title)
    if "muc dich" in f or "yeu cau" in f:
        return "aims"
    if "kinh phi" in f:
        return "budget"
    if "to chuc" in f:
        return "organisation"
    if "noi dung" in f or "nhiem vu" in f or "giai phap" in f:
        return "tasks"
    return "other"


# --- Units -------------------------------------------------------------------------

def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:80] or "chua-ro"


class UnitNames:
    """Unit and group names as plans write them, accent- and case-insensitively, aliases included."""

    def __init__(self, registry: Registry | None):
        self.by_name: dict[str, str] = {}
        if registry is None:
            return
        for item in [*registry.units, *registry.groups]:
            for name in (item.id, item.id.replace("-", " "), item.name, item.abbr, *item.aliases):
                if name:
                    self.by_name.setdefault(fold(name), item.id)

    def exact(self, text: str) -> str | None:
        return self.by_name.get(fold(_strip_end(text)))

    def split(self, text: str) -> list[tuple[str, str | None]]:
        """'Văn phòng Sở, Phòng ABC và các phòng, đơn vị' -> [(name, id or None), …].

        Names themselves hold commas and "và" ("Các phòng, đơn vị", "Phòng Quản lý công nghệ và
        Đổi mới sáng tạo"), so the longest run of pieces that is a known name wins."""
        text = _strip_end(_no_final_dot(text))
        seps = list(re.finditer(r"\s*(?:,|;|\+|(?<!\S)và(?!\S))\s*", text))
        spans, pos = [], 0
        for sep in seps:
            spans.append((pos, sep.start()))
            pos = sep.end()
        spans.append((pos, len(text)))
        spans = [s for s in spans if text[s[0]:s[1]].strip()]
        out: list[tuple[str, str | None]] = []
        i = 0
        while i < len(spans):
            for j in range(len(spans) - 1, i - 1, -1):
                name = text[spans[i][0]:spans[j][1]]
                ref = self.exact(name)
                if ref:
                    out.append((name, ref))
                    i = j + 1
                    break
            else:
                out.append((text[spans[i][0]:spans[i][1]], None))
                i += 1
        return out

    def at(self, text: str, start: int) -> tuple[str, str] | None:
        """The longest known name that begins at `start` in `text`."""
        folded = fold1(text)
        best = None
        for key, ref in self.by_name.items():
            if folded.startswith(key, start) and (best is None or len(key) > len(best[0])):
                end = start + len(key)
                if end == len(text) or not text[end].isalnum():
                    best = (text[start:end], ref)
        return best


# --- The parser ---------------------------------------------------------------------

class _Parser:
    def __init__(self, source: SourceText, registry: Registry | None):
        self.source = source
        self.units = UnitNames(registry)
        self.notes: list[Note] = []
        self.places: dict[Path_, Where] = {}
        self.data: dict[str, Any] = {}

    # notes
    def note(self, path: Path_, message: str, code: str, where: Where | None, severity: str = "error") -> None:
        self.notes.append(Note(tuple(path), message, code, where, severity))

    def place(self, path: Path_, where: Where | None) -> None:
        if where is not None:
            self.places.setdefault(tuple(path), where)

    # the whole document
    def run(self) -> ImportResult:
        blocks = [b for b in self.source.blocks if b.is_table or b.text]
        type_at = next((i for i, b in enumerate(blocks) if not b.is_table and fold(b.text) in DOCUMENT_TYPES), None)
        if type_at is None:
            self.note((), "Không tìm thấy tên loại văn bản “KẾ HOẠCH” đứng riêng một dòng; tệp không có dạng "
                          "một kế hoạch theo Nghị định 30/2020/NĐ-CP", "not-a-plan", None)
            return ImportResult({}, self.notes, self.places, self.source.name)
        head, rest = blocks[:type_at], blocks[type_at:]
        body_text = " ".join(b.text for b in rest if not b.is_table)
        document, issuer = self.header(head, rest[0], body_text)
        rest = rest[1:]
        title, rest = self.title(rest)
        document["title"] = title
        self.place(("document", "title"), rest[0].where if rest else None)

        tail_at = next((i for i, b in enumerate(rest) if not b.is_table and fold(b.text).startswith("noi nhan")), len(rest))
        main, tail = rest[:tail_at], rest[tail_at:]
        sections: list[tuple[str, Block, list[Block]]] = []
        preamble: list[Block] = []
        for block in main:
            heading = None if block.is_table else _roman_heading(block)
            if heading:
                sections.append((_section_kind(heading[1]), block, []))
            elif sections:
                sections[-1][2].append(block)
            else:
                preamble.append(block)

        plan_id = plan_id_for(document.get("number", ""), document.get("code", ""))
        self.data = {"id": plan_id, "document": document, "issuer": issuer}
        if preamble:
            self.data["preamble"] = "\n".join(b.text for b in preamble)
            self.place(("preamble",), preamble[0].where)
            self.basis(preamble)
        closing: list[Block] = []
        seen_tasks = False
        for kind, heading_block, content in sections:
            # The closing paragraph ("Trên đây là Kế hoạch …") follows the last section.
            at = next((i for i, b in enumerate(content) if not b.is_table and fold(b.text).startswith("tren day")), None)
            if at is not None:
                content, closing = content[:at], content[at:]
            if kind == "aims":
                self.aims(content)
            elif kind == "tasks" and not seen_tasks:
                seen_tasks = True
                self.tasks(heading_block, content)
            elif kind == "budget":
                if content:
                    self.data["budget"] = "\n".join(b.text for b in content if not b.is_table)
                    self.place(("budget",), content[0].where)
            elif kind == "organisation":
                self.organisation(content)
            else:
                self.note((), f"Phần “{heading_block.text}” không có chỗ trong tệp kế hoạch nên không được đưa vào",
                          "section-left-out", heading_block.where, "warning")
        if not seen_tasks:
            self.note(("tasks",), "Không tìm thấy phần “II. NỘI DUNG, THỜI GIAN THỰC HIỆN” với các nhiệm vụ đánh số",
                      "no-tasks", None)
            self.data["tasks"] = []
        if closing:
            self.data["closing"] = "\n".join(b.text for b in closing if not b.is_table)
            self.place(("closing",), closing[0].where)
        self.window(document, preamble + [b for _, _, c in sections for b in c if not b.is_table])
        self.reporting()
        self.tail(tail)
        return ImportResult(self.data, self.notes, self.places, self.source.name)

    # header: issuer, number and symbol, place and date
    def header(self, head: list[Block], type_block: Block, body: str) -> tuple[dict, dict]:
        document: dict[str, Any] = {"type": type_block.text[:1] + type_block.text[1:].lower()}
        self.place(("document", "type"), type_block.where)
        # The motto may wrap over two lines ("… VIỆT" / "NAM"): remove it from the header as a whole.
        joined = "\n".join(b.text for b in head)
        for motto in MOTTO:
            m = _search(motto.replace(" ", r"\s+"), joined)
            if m:
                joined = joined[:m.start()] + " " * (m.end() - m.start()) + joined[m.end():]
        lines = [(clean_line, block) for clean_line, block in
                 ((" ".join(t.split()), b) for t, b in zip(joined.split("\n"), head)) if clean_line]
        issuer_lines: list[tuple[str, Block]] = []
        number_seen = False
        for text, block in lines:
            m = _search(r"\bso\s*:?\s*(\d+)\s*/\s*([a-z0-9][a-z0-9-]*)", text)
            if m:
                number_seen = True
                document["number"], document["code"] = m[1], text[m.start(2):m.end(2)]
                self.place(("document", "number"), block.where)
                self.place(("document", "code"), block.where)
                text = (text[:m.start()] + " " + text[m.end():]).strip()
            d = _search(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})", text)
            if d:
                place = text[:d.start()].strip().rstrip(",").strip()
                if place:
                    document["place"] = place
                try:
                    document["issued_on"] = date(int(d[3]), int(d[2]), int(d[1]))
                except ValueError:
                    self.note(("document", "issued_on"), f"Ngày ban hành “{text[d.start():d.end()]}” không tồn tại",
                              "bad-date", block.where)
                self.place(("document", "issued_on"), block.where)
                self.place(("document", "place"), block.where)
                continue
            if not number_seen and not m and text:
                issuer_lines.append((text, block))
        first_where = head[0].where if head else type_block.where
        for key, label in (("number", "số"), ("code", "ký hiệu"), ("issued_on", "ngày ban hành"), ("place", "địa danh")):
            if key not in document:
                self.note(("document", key), f"Không tìm thấy {label} của kế hoạch ở phần đầu văn bản "
                          "(“Số: …/…” và “…, ngày … tháng … năm …”)", "missing-header", first_where)
        issuer = self._issuer([t for t, _ in issuer_lines], body)
        if issuer_lines:
            self.place(("issuer",), issuer_lines[0][1].where)
        else:
            self.note(("issuer", "name"), "Không tìm thấy tên cơ quan ban hành ở góc trái phần đầu văn bản",
                      "missing-header", first_where)
        return document, issuer

    @staticmethod
    def _cased(name: str, body: str) -> tuple[str, bool]:
        """The header prints names in capitals; the body usually writes them in normal case: use that."""
        m = re.search(re.escape(name).replace(r"\ ", r"\s+"), body, re.IGNORECASE)
        return (m[0], True) if m else (name, False)

    def _issuer(self, lines: list[str], body: str) -> dict:
        if not lines:
            return {}
        if len(lines) == 1:
            return {"name": self._cased(lines[0], body)[0]}
        best = None
        for k in range(1, len(lines)):
            parent, found_parent = self._cased(" ".join(lines[:k]), body)
            name, found_name = self._cased(" ".join(lines[k:]), body)
            score = (found_name, found_parent, -k)
            if best is None or score > best[0]:
                best = (score, {"name": name, "parent": parent})
        return best[1]

    def title(self, blocks: list[Block]) -> tuple[str, list[Block]]:
        parts: list[str] = []
        i = 0
        while i < len(blocks) and not blocks[i].is_table:
            text = blocks[i].text
            if parts and not (text[:1].islower() and not LETTER_RE.match(text)):
                break
            if _roman_heading(blocks[i]):
                break
            parts.append(text)
            i += 1
        if not parts:
            self.note(("document", "title"), "Không tìm thấy trích yếu dưới chữ “KẾ HOẠCH”", "missing-title", None)
        return " ".join(parts), blocks[i:]

    def basis(self, preamble: list[Block]) -> None:
        kinds = r"ke hoach|quyet dinh|chi thi|nghi quyet|cong van|thong tu|nghi dinh|ket luan|chuong trinh|thong bao|van ban"
        pattern = (rf"(?:thuc hien|can cu)\s+(?P<type>{kinds})\s+so\s+(?P<number>\S+?)\s+ngay\s+(?P<date>\d{{1,2}}/\d{{1,2}}/\d{{4}})"
                   r"\s+cua\s+(?P<issuer>.+?)\s+ve(?: viec)?\s+(?P<subject>.+?)(?:[,;]|\.?$)")
        basis, docs = [], []
        for block in preamble:
            for m in re.finditer(pattern, fold1(block.text)):
                t = block.text
                try:
                    issued = parse_date(m["date"])
                except ValueError:
                    continue
                number = t[m.start("number"):m.end("number")].rstrip(",;")
                kind = t[m.start("type"):m.end("type")]
                issuer = t[m.start("issuer"):m.end("issuer")]
                docs.append({"number": number, "type": kind[:1].upper() + kind[1:], "issued_on": issued, "issuer": issuer,
                             "subject": t[m.start("subject"):m.end("subject")],
                             "cited_as": t[m.start("type"):m.end("issuer")]})
                if number not in basis:
                    basis.append(number)
                self.place(("basis", len(basis) - 1), block.where)
        if basis:
            self.data["basis"] = basis
            self.data["legal_documents"] = docs

    # I. Mục đích, yêu cầu
    def aims(self, blocks: list[Block]) -> None:
        target = None
        for block in blocks:
            if block.is_table:
                self._left_out(block)
                continue
            f = fold(block.text)
            m = NUMBER_RE.match(block.text)
            if m and ("muc dich" in fold(m["rest"]) or "yeu cau" in fold(m["rest"])) and len(m["rest"]) < 40:
                target = "purposes" if "muc dich" in fold(m["rest"]) else "requirements"
                self.data.setdefault(target, [])
                self.place((target,), block.where)
                continue
            if target is None and ("muc dich" in f or "yeu cau" in f) and len(f) < 30:
                target = "purposes" if "muc dich" in f else "requirements"
                self.data.setdefault(target, [])
                continue
            letter = LETTER_RE.match(block.text)
            if target and letter and letter["rest"]:
                points = self.data[target]
                self.place((target, len(points)), block.where)
                points.append({"label": letter["l"], "text": letter["rest"]})
            elif target and self.data[target]:
                self.data[target][-1]["text"] += "\n" + block.text
            else:
                self._left_out(block)

    def _left_out(self, block: Block) -> None:
        self.note((), "Đoạn này không thuộc mục nào của tệp kế hoạch nên không được đưa vào", "left-out",
                  block.where, "warning")

    # II. Nội dung, thời gian thực hiện
    def tasks(self, heading: Block, blocks: list[Block]) -> None:
        tasks: list[dict] = self.data.setdefault("tasks", [])
        current: dict | None = None
        for block in blocks:
            if block.is_table:
                self.task_table(block, tasks)
                current = None
                continue
            text = block.text
            f = fold1(text)
            m = NUMBER_RE.match(text)
            time_m, role_m = TIME_RE.match(f), ROLE_RE.match(f)
            if m and not time_m and not role_m:
                current = {"number": int(m["n"]), "heading": _no_final_dot(m["rest"])}
                self.place(("tasks", len(tasks)), block.where)
                tasks.append(current)
                continue
            if current is None:
                self._left_out(block)
                continue
            i = len(tasks) - 1
            if time_m:
                self.timeframe(current, i, text[time_m.end():], block.where)
            elif role_m:
                self.roles(current, i, ROLE_KEYS[role_m["role"]], text[role_m.end():], block.where)
            else:
                letter, dash = LETTER_RE.match(text), DASH_RE.match(text)
                body = current.setdefault("body", [])
                if dash and body:
                    body[-1].setdefault("items", []).append(dash["rest"])
                else:
                    words = letter["rest"] if letter and letter["rest"] else dash["rest"] if dash else text
                    self.place(("tasks", i, "body", len(body)), block.where)
                    body.append({"text": words})
        if not tasks:
            self.note(("tasks",), "Phần nội dung không có nhiệm vụ nào được đánh số (1., 2., …) hay bảng nhiệm vụ",
                      "no-tasks", heading.where)
        for i, task in enumerate(tasks):
            where = self.places.get(("tasks", i))
            if "timeframe" not in task:
                self.note(("tasks", i, "timeframe"), f"Nhiệm vụ {task['number']} không ghi thời gian thực hiện",
                          "missing-timeframe", where)
            if not any(task.get(k) for k in ("lead", "coordinating", "implementing")):
                self.note(("tasks", i), f"Nhiệm vụ {task['number']} không ghi cơ quan chủ trì, phối hợp hay thực hiện",
                          "no-units", where)
            for paragraph in task.get("body", []):
                if not paragraph.get("items"):
                    paragraph.pop("items", None)

    def task_table(self, block: Block, tasks: list[dict]) -> None:
        head = [fold(" ".join(cell)) for cell in block.rows[0]]
        columns: dict[str, int] = {}
        for c, name in enumerate(head):
            if "thoi gian" in name or "thoi han" in name:
                columns.setdefault("time", c)
            elif "chu tri" in name:
                columns.setdefault("lead", c)
            elif "phoi hop" in name:
                columns.setdefault("coordinating", c)
            elif "thuc hien" in name:
                columns.setdefault("implementing", c)
            elif "noi dung" in name or "nhiem vu" in name:
                columns.setdefault("content", c)
            elif name in ("tt", "stt", "so tt", "so thu tu"):
                columns.setdefault("number", c)
            elif name:
                self.note((), f"Cột “{' '.join(block.rows[0][c])}” của bảng nhiệm vụ không có chỗ trong tệp kế hoạch "
                              "nên không được đưa vào", "column-left-out", block.row_where[0], "warning")
        for r, row in enumerate(block.rows[1:], 1):
            where = block.row_where[r] if r < len(block.row_where) else block.where

            def cell(key: str) -> list[str]:
                c = columns.get(key)
                return [p for p in row[c] if p] if c is not None and c < len(row) else []

            number_text = " ".join(cell("number")).rstrip(".")
            content = cell("content")
            if not content:
                continue
            if not number_text.isdigit():
                self.note((), "Dòng này của bảng không có số thứ tự nhiệm vụ nên không được đưa vào", "left-out",
                          where, "warning")
                continue
            i = len(tasks)
            task: dict[str, Any] = {"number": int(number_text), "heading": _no_final_dot(content[0])}
            self.place(("tasks", i), where)
            tasks.append(task)
            body: list[dict] = []
            for text in content[1:]:
                dash = DASH_RE.match(text)
                if dash and body:
                    body[-1]["items"].append(dash["rest"])
                else:
                    body.append({"text": dash["rest"] if dash else text, "items": []})
            if body:
                task["body"] = body
            for key in ("lead", "coordinating", "implementing"):
                if cell(key):
                    self.roles(task, i, key, ", ".join(_strip_end(p) for p in cell(key)), where)
            if cell("time"):
                self.timeframe(task, i, " ".join(cell("time")), where)

    def roles(self, task: dict, i: int, role: str, text: str, where: Where) -> None:
        refs: list[str] = []
        for name, ref in self.units.split(text):
            if ref is None:
                ref = slugify(name)
                path = ("tasks", i, role) if role == "lead" else ("tasks", i, role, len(refs))
                label = {"lead": "chủ trì", "coordinating": "phối hợp", "implementing": "thực hiện"}[role]
                self.note(path, f"Cơ quan {label} “{name}” không có trong danh mục đơn vị (plans/units.yaml): "
                          f"thêm đơn vị này vào danh mục, hoặc sửa “{ref}” thành mã của một đơn vị có trong danh mục",
                          "unknown-unit", where)
            if ref not in refs:
                refs.append(ref)
        self.place(("tasks", i, role), where)
        if not refs:
            return
        if role == "lead":
            task["lead"] = refs[0]
            if len(refs) > 1:
                self.note(("tasks", i, "lead"), f"Nhiệm vụ {task['number']} ghi {len(refs)} cơ quan chủ trì; tệp kế hoạch "
                          f"chỉ nhận một. Đã ghi “{refs[0]}”; các cơ quan còn lại ({', '.join(refs[1:])}) cần được "
                          "ghi vào phối hợp hoặc thực hiện", "several-leads", where)
        else:
            task.setdefault(role, [])
            task[role] += [r for r in refs if r not in task[role]]

    def timeframe(self, task: dict, i: int, text: str, where: Where) -> None:
        text = _no_final_dot(text)
        meaning = parse_timeframe(text)
        self.place(("tasks", i, "timeframe"), where)
        if meaning == "regular":
            task["timeframe"] = {"text": text, "kind": "regular"}
        elif isinstance(meaning, date):
            task["timeframe"] = {"text": text, "kind": "deadline", "due": meaning}
        else:
            task["timeframe"] = {"text": text, "kind": "deadline"}
            self.note(("tasks", i, "timeframe"), f"Thời gian thực hiện “{text}” của nhiệm vụ {task['number']} không có hạn "
                      "rõ ràng: ghi hạn hoàn thành (due: 31/12/2026), hoặc đổi kind thành regular nếu là nhiệm vụ "
                      "thường xuyên", "unclear-timeframe", where)

    # III, IV and the closing
    def organisation(self, blocks: list[Block]) -> None:
        clauses: list[dict] = []
        for block in blocks:
            if block.is_table:
                self._left_out(block)
                continue
            m = NUMBER_RE.match(block.text)
            if m:
                self.place(("organisation", len(clauses)), block.where)
                clauses.append({"number": int(m["n"]), "text": m["rest"]})
            elif clauses:
                clauses[-1]["text"] += "\n" + block.text
            else:
                self.place(("organisation", 0), block.where)
                clauses.append({"number": 1, "text": block.text})
        if clauses:
            self.data["organisation"] = clauses

    def window(self, document: dict, blocks: list[Block]) -> None:
        issued = document.get("issued_on")
        title = document.get("title", "")
        for block in blocks:
            m = _search(r"tu ngay (\d{1,2}/\d{1,2}/\d{4}) den (?:het )?ngay (\d{1,2}/\d{1,2}/\d{4})", block.text)
            if m and "ke hoach" in fold(block.text):
                try:
                    self.data["window"] = {"starts_on": parse_date(m[1]), "ends_on": parse_date(m[2])}
                    self.place(("window",), block.where)
                    return
                except ValueError:
                    pass
        found = window_from_title(title, issued)
        start, end = found if found else (None, None)
        where = self.places.get(("document", "title"))
        if start and end:
            self.data["window"] = {"starts_on": start, "ends_on": end}
            self.place(("window",), where)
            return
        self.data["window"] = {}
        self.note(("window",), "Không xác định được thời gian thực hiện kế hoạch từ trích yếu (như “từ nay đến cuối "
                  "năm 2025”, “năm 2026”, “giai đoạn 2026 - 2030”): ghi ngày bắt đầu (starts_on) và kết thúc (ends_on)",
                  "missing-window", where)

    def reporting(self) -> None:
        clauses = self.data.get("organisation", [])
        texts = [c["text"] for c in clauses] + [self.data.get("closing", "")]
        wheres = [self.places.get(("organisation", i)) for i in range(len(clauses))] + [self.places.get(("closing",))]
        reporting: dict[str, Any] = {}
        through_where = None
        for text, where in zip(texts, wheres):
            f = fold1(text)
            if "through" not in reporting:
                for report in re.finditer(r"\bbao cao\b", f):
                    window = f[report.end():report.end() + 80].split(";")[0].split(".")[0]
                    for m in re.finditer(r"\b(?:qua|ve|cho|gui ve|gui)\s+", window):
                        hit = self.units.at(text, report.end() + m.end())
                        if hit:
                            reporting["through"] = hit[1]
                            through_where = where
                            break
                    if "through" in reporting:
                        break
            if "to" not in reporting:
                m = re.search(r"\bbao cao\s+((?:ubnd|uy ban nhan dan|hdnd|tinh uy|bo |so noi vu)[^.;]*)", f)
                if m:
                    reporting["to"] = _strip_end(text[m.start(1):m.end(1)])
            if "frequency" not in reporting:
                m = re.search(r"(?:dinh ky|hang|moi)\s+(thang|quy|6 thang|sau thang|nam)\b", f)
                if m:
                    reporting["frequency"] = {"thang": "monthly", "quy": "quarterly", "6 thang": "half_yearly",
                                              "sau thang": "half_yearly", "nam": "yearly"}[m[1]]
        out: dict[str, Any] = {}
        if "through" in reporting:
            out["through"] = reporting["through"]
            self.place(("reporting", "through"), through_where)
        else:
            self.note(("reporting", "through"), "Kế hoạch không nêu đơn vị đầu mối nhận báo cáo của các đơn vị (như "
                      "“định kỳ báo cáo qua Văn phòng Sở”): ghi mã đơn vị vào reporting.through", "missing-through", None)
        if "to" in reporting:
            out["to"] = reporting["to"]
        if "frequency" in reporting:
            out["frequency"] = reporting["frequency"]
        else:
            out["frequency"] = "quarterly"
            self.note(("reporting", "frequency"), "Kế hoạch không ghi kỳ báo cáo; tệp ghi kỳ mặc định là hằng quý "
                      "(quarterly). Hãy xác nhận hoặc sửa thành monthly, half_yearly hay yearly", "default-frequency",
                      None, "warning")
        out.update({"cutoff": "calendar", "due_working_days": 5, "owing_roles": ["lead", "coordinating", "implementing"]})
        self.note(("reporting", "due_working_days"), "Hạn gửi báo cáo: tệp ghi mặc định 5 ngày làm việc sau khi hết kỳ, "
                  "kỳ tính theo lịch (cutoff: calendar), mọi cơ quan chủ trì, phối hợp, thực hiện đều báo cáo. "
                  "Hãy xác nhận", "default-reporting", None, "warning")
        self.data["reporting"] = out

    @staticmethod
    def _columns(text: str) -> tuple[str, str]:
        """OCR reads the foot's two columns line by line ("- UBND tỉnh (báo cáo); PHÓ GIÁM ĐỐC"):
        a trailing run of capitalised words is the signature column's."""
        words = text.split()
        cut = len(words)
        while cut > 0 and _upper(words[cut - 1]) or (cut > 0 and AUTHORITY_RE.match(" ".join(words[cut - 1:]))):
            cut -= 1
        left, right = " ".join(words[:cut]), " ".join(words[cut:])
        # "Lưu: VT, VP." is a recipient, not a title: a signer's title has no commas and no final dot.
        title_like = len(words) - cut >= 2 and "," not in right and not right.endswith(".")
        if title_like and (any(c.islower() for c in left) or left.endswith(":")):
            return left, right
        return text, ""

    def tail(self, blocks: list[Block]) -> None:
        recipients: list[str] = []
        signer_lines: list[Block] = []
        for block in blocks:
            if block.is_table:
                continue
            text = block.text
            if fold(text).startswith("noi nhan"):
                self.place(("recipients",), block.where)
                text = text.split(":", 1)[1].strip() if ":" in text else ""
                if not text:
                    continue
                if not DASH_RE.match(text):  # "Nơi nhận: KT. GIÁM ĐỐC": the other column, on the same line
                    signer_lines.append(Block(text, block.where))
                    continue
            left, right = self._columns(text)
            dash = DASH_RE.match(left)
            if dash:
                recipients.append(_no_final_dot(dash["rest"]))
            elif left:
                signer_lines.append(Block(left, block.where))
            if right:
                signer_lines.append(Block(right, block.where))
        if recipients:
            self.data["recipients"] = recipients
        else:
            self.note(("recipients",), "Không tìm thấy “Nơi nhận” với các dòng “- …” ở cuối văn bản", "missing-recipients",
                      blocks[0].where if blocks else None)
        signer: dict[str, Any] = {}
        for block in signer_lines:
            text = block.text
            if "authority" not in signer and "title" not in signer and AUTHORITY_RE.match(text):
                signer["authority"] = text
                self.place(("signer",), block.where)
            elif "title" not in signer and _upper(text):
                signer["title"] = text
                self.place(("signer",), block.where)
            elif "title" in signer and not _upper(text):
                signer["name"] = text  # the last plain line under the title is the signer's name
        if "title" not in signer or "name" not in signer:
            self.note(("signer",), "Không tìm thấy đủ chức vụ và họ tên người ký ở cuối văn bản", "missing-signer",
                      blocks[0].where if blocks else None)
        self.data["signer"] = signer


def window_from_title(title: str, issued: date | None) -> tuple[date, date] | None:
    """A plan's window as its subject states it: "từ nay đến cuối năm 2025" (from the date of issue),
    "năm 2026", "quý II/2026", "6 tháng đầu năm 2026", "giai đoạn 2026 - 2030"; None when it says none."""
    f = fold1(title)
    m = re.search(r"giai doan (\d{4})\s*-\s*(\d{4})", f)
    if m:
        return date(int(m[1]), 1, 1), date(int(m[2]), 12, 31)
    m = re.search(r"(tu nay )?den (?:het |cuoi )?(nam \d{4}|quy [ivx\d]+(?:/| nam )\d{4}|thang \d{1,2}(?:/| nam )\d{4})", f)
    if m:
        try:
            end = parse_period(m[2]).end
        except ValueError:
            return None
        return (issued, end) if issued and issued <= end else None
    found = re.findall(r"(6 thang (?:dau|cuoi) nam \d{4}|quy [ivx]+(?:/| nam )\d{4}|nam \d{4})", f)
    if found:
        try:
            period = parse_period(found[-1])
        except ValueError:
            return None
        return period.start, period.end
    return None


def plan_id_for(number: str, code: str) -> str:
    """The plan's id from its number and symbol: 2599 and KH-SKHCN give 2599-KH-SKHCN (Đ written D)."""
    raw = f"{number}-{code}".strip("-").replace("Đ", "D").replace("đ", "d")
    text = unicodedata.normalize("NFD", raw)
    return re.sub(r"[^A-Za-z0-9_-]+", "-", "".join(c for c in text if unicodedata.category(c) != "Mn")).strip("-")


def import_plan(source: SourceText, registry: Registry | None) -> ImportResult:
    """The plan file's data from the document's paragraphs, with every unsettled place noted."""
    return _Parser(source, registry).run()
