"""No input file, whatever its bytes, produces a traceback: each gets a clear message and exit 1."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from conftest import PLAN_FILE, run, run_process
from dancu_cli.core.workspace import load_workspace

BOMB = """a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""

# name -> (bytes, expected problem code, expected line)
CASES: dict[str, tuple[bytes, str, int]] = {
    "empty": (b"", "empty", 1),
    "only-comments": ("# chỉ có chú thích\n\n".encode("utf-8"), "empty", 1),
    "latin1": ("id: Kế hoạch\n".encode("utf-8") + b"title: K\xe9 ho\xe1ch\n", "encoding", 2),
    "utf16": ("id: x\n".encode("utf-16"), "encoding", 1),
    "nul-byte": (b"id: a\x00b\n", "encoding", 1),
    "tab-indent": (b"document:\n\ttype: K\n", "tab", 2),
    "syntax": (b"id: [unclosed\ntitle: x\n", "syntax", 2),
    "unclosed-quote": (b'id: "abc\n', "syntax", 2),
    "bad-colon": (b"id: a: b\n", "syntax", 1),
    "duplicate-key": (b"id: a\nid: b\n", "duplicate-key", 2),
    # a..f expand to about 672,000 values in all; g's aliases pass the 1,000,000 limit.
    "bomb": (BOMB.encode(), "alias-bomb", 7),
    "python-tag": (b"id: !!python/object/apply:os.system ['echo hacked']\n", "tag", 1),
    "python-name": (b"tasks: !!python/name:os.system\n", "tag", 1),
    "binary-tag": (b"id: !!binary aGVsbG8=\n", "tag", 1),
    "local-tag": (b"id: !secret abc\n", "tag", 1),
    "merge-key": (b"base: &b {x: 1}\nother:\n  <<: *b\n", "tag", 3),
    "two-documents": (b"id: a\n---\nid: b\n", "syntax", 2),
    "deep-nesting": (b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n", "syntax", 1),
    "unknown-alias": (b"id: *nothing\n", "syntax", 1),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_file_gives_clear_problem(workspace: Path, name: str):
    data, code, line = CASES[name]
    path = workspace / "plans" / f"{name}.yaml"
    path.write_bytes(data)
    result = run("validate", "--format", "json", root=workspace)
    assert result.exit_code == 1, result.output
    problems = [p for p in json.loads(result.output)["problems"] if p["file"].endswith(f"{name}.yaml")]
    assert problems, result.output
    assert problems[0]["code"] == code, problems
    assert problems[0]["line"] == line, problems
    # Vietnamese, not a Python or PyYAML message.
    assert not any(word in problems[0]["message"] for word in ("Error", "found", "expected", "Traceback"))


@pytest.mark.parametrize("data", [b"- a\n- b\n", b"just a string\n", b"42\n", b"tasks: 5\n", b"{}\n", b"[]\n"])
def test_wrong_shapes_are_problems(workspace: Path, data: bytes):
    (workspace / "plans" / "shape.yaml").write_bytes(data)
    result = run("validate", "--format", "json", root=workspace)
    assert result.exit_code == 1
    assert any(p["file"].endswith("shape.yaml") for p in json.loads(result.output)["problems"])


def test_broken_files_through_real_process(workspace: Path):
    """The same battery, all at once, through the installed entry point: no traceback on stderr."""
    for name, (data, _, _) in CASES.items():
        (workspace / "plans" / f"{name}.yaml").write_bytes(data)
    (workspace / "plans" / "units.yaml").write_bytes(b"\xff\xfe\x00garbage")
    for fmt in ("text", "json", "github"):
        result = run_process("validate", "--format", fmt, cwd=workspace)
        assert result.returncode == 1
        assert "Traceback" not in result.stderr, result.stderr
        assert result.stderr == ""
    for command in (["plan", "show"], ["plan", "list"]):
        result = run_process(*command, cwd=workspace)
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert "không gian làm việc có lỗi" in result.stderr


def test_random_mutations_never_raise(workspace: Path):
    """Fuzz: random byte edits of the real plan must always load into problems, never raise."""
    original = PLAN_FILE.read_bytes()
    rng = random.Random(2599)
    target = workspace / "plans" / "2599-KH-SKHCN.yaml"
    for _ in range(150):
        data = bytearray(original)
        for _ in range(rng.randint(1, 8)):
            pos = rng.randrange(len(data))
            op = rng.random()
            if op < 0.4:
                data[pos] = rng.randrange(256)
            elif op < 0.7:
                del data[pos:pos + rng.randint(1, 40)]
            else:
                data[pos:pos] = rng.choice([b":", b"-", b"\t", b"&a", b"*a", b"!!python/x", b"\n  ", b"'", b'"', b"{", b"["])
        target.write_bytes(bytes(data))
        ws = load_workspace(workspace)  # must not raise
        for p in ws.problems:
            assert p.message and p.file


def test_nfd_text_is_read_as_nfc(workspace: Path):
    import unicodedata

    plan = workspace / "plans" / "2599-KH-SKHCN.yaml"
    plan.write_text(unicodedata.normalize("NFD", plan.read_text(encoding="utf-8")), encoding="utf-8")
    ws = load_workspace(workspace)
    assert ws.ok, ws.problems
    title = ws.plans["2599-KH-SKHCN"].document.title
    assert unicodedata.is_normalized("NFC", title)
    assert title.startswith("Thực hiện dân chủ")
