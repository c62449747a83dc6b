"""Safe YAML loading that keeps source positions.

PyYAML's C parser composes a node tree whose nodes carry marks; we build plain
Python values from it ourselves so that one parse yields both the data and the
positions, and so that duplicate keys, foreign tags and alias bombs become
problems instead of silent data loss or exceptions.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .fserrors import describe_os_error
from .limits import MAX_NUMBER_DIGITS, MAX_PLAN_BYTES, FileTooLarge, read_limited, size_text
from .problems import PathPart, Problem, format_path

from yaml.resolver import Resolver

try:
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)

# Far above any real plan or report; a billion-laughs document exceeds it fast.
MAX_EXPANDED_NODES = 1_000_000

_T = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_T + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_ctor = SafeConstructor()
_STR, _SEQ, _MAP, _INT = _T + "str", _T + "seq", _T + "map", _T + "int"
_IMPLICIT = Resolver.yaml_implicit_resolvers
_RESOLVED: dict[str, str] = {}


class _Loader(_Parser, Resolver):
    """The C parser with a lean resolver: same tags as PyYAML's safe loader, without its
    per-node path-resolver bookkeeping, which costs more than parsing on large workspaces."""

    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode:
            if not implicit[0]:
                return _STR
            tag = _RESOLVED.get(value)
            if tag is None:
                tag = _STR
                for candidate, regexp in _IMPLICIT.get(value[:1], ()):
                    if regexp.match(value):
                        tag = candidate
                        break
                # Keys and short values repeat across thousands of files.
                if len(value) < 40 and len(_RESOLVED) < 50_000:
                    _RESOLVED[value] = tag
            return tag
        return _SEQ if kind is SequenceNode else _MAP


class _Refused(Exception):
    def __init__(self, node: Node, path: tuple, message: str, code: str):
        self.node, self.path, self.message, self.code = node, path, message, code


@dataclass
class SourceFile:
    """One loaded file: its data, its node tree and its lines, for locating problems."""

    path: Path
    display: str
    lines: list[str]
    root: Node | None
    data: Any
    # Per mapping node, its keys' positions: built once, so locating n problems stays linear.
    _keys: dict[int, dict[str, tuple[Node, Node]]] | None = None

    def _key_index(self, node: MappingNode) -> dict[str, tuple[Node, Node]]:
        if self._keys is None:
            self._keys = {}
        index = self._keys.get(id(node))
        if index is None:
            index = {}
            for k, v in node.value:  # a later duplicate wins, as it does in the data
                if isinstance(k, ScalarNode):
                    index[k.value] = (k, v)
            self._keys[id(node)] = index
        return index

    def locate(self, path: tuple[PathPart, ...], key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value at `path`, or of its key when `key`.

        Where the path leaves the document (a missing field), the deepest node
        reached is used, which is where the user must add it.
        """
        node = self.root
        if node is None:
            return 1, 1
        found: Node = node
        for i, part in enumerate(path):
            last = i == len(path) - 1
            if isinstance(node, MappingNode):
                pair = self._key_index(node).get(str(part))
                if pair is None:
                    break
                node = pair[0] if (key and last) else pair[1]
            elif isinstance(node, SequenceNode) and isinstance(part, int):
                if not 0 <= part < len(node.value):
                    break
                node = node.value[part]
            else:
                break
            found = node
        mark = found.start_mark
        return mark.line + 1, mark.column + 1

    def excerpt(self, line: int) -> str | None:
        if 1 <= line <= len(self.lines):
            return self.lines[line - 1].rstrip("\r\n")
        return None

    def problem(
        self,
        path: tuple[PathPart, ...],
        message: str,
        code: str = "invalid",
        key: bool = False,
        severity: str = "error",
    ) -> Problem:
        line, col = self.locate(path, key=key)
        return Problem(
            file=self.display,
            line=line,
            column=col,
            message=message,
            path=format_path(path),
            code=code,
            severity=severity,
            excerpt=self.excerpt(line),
        )


def _bad_bytes_problem(display: str, raw: bytes, pos: int) -> Problem:
    line = raw.count(b"\n", 0, pos) + 1
    col = pos - (raw.rfind(b"\n", 0, pos) + 1) + 1
    text_line = raw.splitlines()[line - 1] if raw.splitlines() else b""
    return Problem(
        file=display,
        line=line,
        column=col,
        code="encoding",
        message=(
            f"Tệp không phải văn bản UTF-8: byte 0x{raw[pos]:02X} không hợp lệ. "
            "Hãy lưu lại tệp với bảng mã UTF-8."
        ),
        excerpt=text_line.decode("utf-8", "replace"),
    )


# PyYAML's messages, in the words a clerk can act on.
_YAML_MESSAGES = [
    (r"found character '\\t'", "Dùng ký tự tab; YAML chỉ chấp nhận dấu cách để thụt lề", "tab"),
    (r"mapping values are not allowed", "Dấu hai chấm không đúng chỗ; giá trị có chứa ': ' phải đặt trong ngoặc kép", "syntax"),
    (r"could not find expected ':'", "Thiếu dấu hai chấm ':' sau tên khóa", "syntax"),
    (r"found undefined alias", "Tham chiếu (alias *) tới một neo (&) chưa được định nghĩa", "syntax"),
    (r"found duplicate anchor", "Neo (&) bị định nghĩa hai lần", "syntax"),
    (r"expected <block end>", "Thụt lề không thẳng hàng với các dòng cùng cấp", "syntax"),
    (r"did not find expected key", "Thụt lề không đúng: không tìm thấy khóa ở vị trí mong đợi", "syntax"),
    (r"did not find expected '-' indicator", "Thụt lề không đúng: thiếu dấu '-' của phần tử danh sách", "syntax"),
    (r"found unexpected end of stream", "Tệp kết thúc đột ngột: có thể thiếu dấu ngoặc kép đóng", "syntax"),
    (r"found unknown escape character", "Ký tự thoát '\\' không hợp lệ trong chuỗi ngoặc kép", "syntax"),
    (r"expected a single document", "Tệp chỉ được chứa một tài liệu YAML (bỏ dòng '---' thừa)", "syntax"),
    (r"unacceptable character|special characters are not allowed", "Tệp chứa ký tự điều khiển không được phép", "syntax"),
    (r"while scanning an anchor|while scanning an alias", "Tên neo hoặc alias không hợp lệ", "syntax"),
    (r"while parsing a flow", "Ngoặc vuông hoặc ngoặc nhọn không khớp", "syntax"),
    (r"found unexpected ':'", "Dấu hai chấm không đúng chỗ", "syntax"),
    (r"while scanning a quoted scalar", "Chuỗi trong ngoặc kép chưa được đóng", "syntax"),
    (r"maximum nesting depth", "Cấu trúc lồng nhau quá sâu", "syntax"),
]


def _yaml_error_problem(display: str, lines: list[str], exc: yaml.YAMLError) -> Problem:
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark is not None else 1
    col = mark.column + 1 if mark is not None else 1
    if mark is None and hasattr(exc, "position"):
        # ReaderError carries a character offset instead of a mark.
        offset = exc.position  # type: ignore[attr-defined]
        before = "".join(lines)[:offset]
        line = before.count("\n") + 1
        col = offset - (before.rfind("\n") + 1) + 1
    text = f"{getattr(exc, 'context', '') or ''} {getattr(exc, 'problem', '') or ''} {exc}"
    message, code = "Lỗi cú pháp YAML", "syntax"
    for pattern, msg, c in _YAML_MESSAGES:
        if re.search(pattern, text):
            message, code = msg, c
            break
    excerpt = lines[line - 1].rstrip("\r\n") if 1 <= line <= len(lines) else None
    if excerpt is not None and "\t" in excerpt[: len(excerpt) - len(excerpt.lstrip())]:
        message, code = "Dùng ký tự tab để thụt lề; YAML chỉ chấp nhận dấu cách", "tab"
        col = excerpt.index("\t") + 1
    return Problem(file=display, line=line, column=col, message=message, code=code, excerpt=excerpt)


class _Builder:
    """Turns a node tree into plain values, refusing what a plan file must not hold."""

    def __init__(self, src: SourceFile):
        self.src = src
        self.problems: list[Problem] = []
        self.expanded = 0
        self.built: dict[int, tuple[Any, int]] = {}
        self.active: set[int] = set()

    def build(self, node: Node, path: tuple, parent: Node | None = None) -> Any:
        key = id(node)
        if key in self.built:
            # An alias: reuse the value but count what it expands to, so exponential documents stop early.
            value, size = self.built[key]
            self.expanded += size
            if self.expanded > MAX_EXPANDED_NODES:
                # An alias node is the anchored node itself; point at where it is used instead.
                raise _Refused(parent or node, path, "Tệp dùng alias (&, *) mở rộng quá lớn (kiểu “YAML bomb”); hãy viết trực tiếp các giá trị", "alias-bomb")
            return value
        if key in self.active:
            raise _Refused(node, path, "Alias tự tham chiếu tới chính nó (vòng lặp)", "alias-cycle")
        before = self.expanded
        self.expanded += 1
        if self.expanded > MAX_EXPANDED_NODES:
            raise _Refused(node, path, "Tệp quá lớn: quá nhiều giá trị trong một tệp", "too-large")
        if isinstance(node, ScalarNode):
            value = self._scalar(node, path)
        elif isinstance(node, SequenceNode):
            self._check_tag(node, path, _T + "seq")
            self.active.add(key)
            value = [self.build(item, path + (i,), node) for i, item in enumerate(node.value)]
            self.active.discard(key)
        elif isinstance(node, MappingNode):
            self._check_tag(node, path, _T + "map")
            self.active.add(key)
            value = self._mapping(node, path)
            self.active.discard(key)
        else:  # pragma: no cover - the composer makes only these three
            raise _Refused(node, path, f"Nút YAML không được hỗ trợ: {node.tag}", "tag")
        self.built[key] = (value, self.expanded - before)
        return value

    def _check_tag(self, node: Node, path: tuple, expected: str) -> None:
        if node.tag != expected:
            raise _Refused(node, path, f"Thẻ YAML “{_short_tag(node.tag)}” không được phép trong tệp này", "tag")

    def _scalar(self, node: ScalarNode, path: tuple) -> Any:
        tag = node.tag
        if tag == _STR:
            value = node.value
            if not value.isascii() and not unicodedata.is_normalized("NFC", value):
                value = unicodedata.normalize("NFC", value)
            return value
        if tag == _INT and len(node.value) <= MAX_NUMBER_DIGITS and node.value.isdigit():
            return int(node.value)
        if tag not in _SCALAR_TAGS:
            raise _Refused(node, path, f"Thẻ YAML “{_short_tag(tag)}” không được phép trong tệp này", "tag")
        if tag in (_INT, _T + "float") and len(node.value) > MAX_NUMBER_DIGITS:
            # Python refuses to read integers of over 4,300 digits; no figure or number is near this.
            raise _Refused(node, path, f"Số quá lớn ({len(node.value)} ký tự); hãy kiểm tra lại con số", "number-too-large")
        try:
            return _ctor.yaml_constructors[tag](_ctor, node)
        except (ValueError, OverflowError, yaml.YAMLError):
            # "2025-02-31" looks like a date but is none; the model says so in words.
            return node.value

    def _mapping(self, node: MappingNode, path: tuple) -> dict:
        out: dict = {}
        first_line: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == _T + "merge":
                raise _Refused(key_node, path, "Khóa gộp '<<' không được hỗ trợ; hãy viết đầy đủ các khóa", "tag")
            if not isinstance(key_node, ScalarNode):
                raise _Refused(key_node, path, "Tên khóa phải là một giá trị đơn, không phải danh sách hay bảng", "key-type")
            if key_node.tag not in _SCALAR_TAGS:
                raise _Refused(key_node, path, f"Thẻ YAML “{_short_tag(key_node.tag)}” không được phép trong tệp này", "tag")
            # Keys are names (fields, figures), kept as written: `1:` and `true:` are two keys, and
            # `2025-01-01:` is the name "2025-01-01", not a date.
            k = key_node.value
            if not k.isascii() and not unicodedata.is_normalized("NFC", k):
                k = unicodedata.normalize("NFC", k)
            if k in out:
                line = first_line[k]
                self.problems.append(
                    self.src_problem(key_node, path + (k,),
                                     f"Khóa “{k}” bị lặp lại (đã có ở dòng {line}); chỉ giá trị sau cùng được giữ",
                                     "duplicate-key")
                )
            first_line[k] = key_node.start_mark.line + 1
            out[k] = self.build(value_node, path + (k,), key_node)
        return out

    def src_problem(self, node: Node, path: tuple, message: str, code: str) -> Problem:
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        return Problem(
            file=self.src.display, line=line, column=col, message=message,
            path=format_path(path), code=code, excerpt=self.src.excerpt(line),
        )


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_T):] if tag.startswith(_T) else tag


def load_yaml(path: Path, display: str | None = None, max_bytes: int = MAX_PLAN_BYTES,
              raw: bytes | None = None) -> tuple[SourceFile | None, list[Problem]]:
    """Load one YAML file (or its `raw` bytes, already read). Returns the source (None when
    unusable) and its problems."""
    display = display or str(path)
    try:
        raw = raw if raw is not None else read_limited(path, max_bytes)
    except FileTooLarge as exc:
        return None, [Problem(file=display, line=0, column=0, code="too-large",
                              message=f"Tệp quá lớn: loại tệp này tối đa {size_text(exc.limit)}")]
    except OSError as exc:
        return None, [Problem(file=display, line=0, column=0, code="io",
                              message=f"Không đọc được tệp: {describe_os_error(exc)}")]
    return parse_yaml(raw, display, path)


def parse_yaml(raw: bytes, display: str, path: Path | None = None) -> tuple[SourceFile | None, list[Problem]]:
    """Parse a YAML document's bytes (a file's, or text about to be written) with positions."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem(file=display, line=1, column=1, code="encoding",
                              message="Tệp được lưu bằng UTF-16; hãy lưu lại với bảng mã UTF-8")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [_bad_bytes_problem(display, raw, exc.start)]
    lines = text.splitlines(keepends=True)
    src = SourceFile(path=path or Path(display), display=display, lines=lines, root=None, data=None)
    if "\x00" in text:
        pos = text.index("\x00")
        before = text[:pos]
        line = before.count("\n") + 1
        return None, [Problem(file=display, line=line, column=pos - (before.rfind("\n") + 1) + 1,
                              code="encoding", message="Tệp chứa byte NUL; đây không phải tệp văn bản",
                              excerpt=None)]
    loader = None
    try:
        loader = _Loader(text)
        root = loader.get_single_node()
    except yaml.YAMLError as exc:
        return None, [_yaml_error_problem(display, lines, exc)]
    except RecursionError:
        return None, [Problem(file=display, line=1, column=1, code="syntax",
                              message="Cấu trúc lồng nhau quá sâu")]
    finally:
        if loader is not None:
            loader.dispose()
    if root is None:
        return None, [Problem(file=display, line=1, column=1, code="empty",
                              message="Tệp rỗng: không có nội dung YAML nào")]
    src.root = root
    builder = _Builder(src)
    try:
        src.data = builder.build(root, ())
    except _Refused as r:
        return None, builder.problems + [builder.src_problem(r.node, r.path, r.message, r.code)]
    except RecursionError:
        return None, [Problem(file=display, line=1, column=1, code="syntax",
                              message="Cấu trúc lồng nhau quá sâu")]
    return src, builder.problems
