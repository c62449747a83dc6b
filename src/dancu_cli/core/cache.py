"""A cache of checked files, so that commands run dozens of times a day answer at once.

Two files under `.dancu-cache/`, both keyed by the context: a hash of the bytes of every file
in plans/ (plans, unit registry, calendar), of the package's own calendar, of the dancu version
and of today's date, since every check depends on them.

- `definitions.json`: the checked plans, registry and calendar, and the problems of those files.
  A warm command rebuilds them from plain data, with no YAML parsing and no calendar building.
- `reports.tsv`: one line per report file, keyed by a hash of the file's bytes (not its size and
  time: an edit that keeps both, `touch -r`, a coarse-timestamp disk or a restore tool, must never
  show stale text), with its problems and its checked report.

A cache file is data, never code (JSON only), and is not trusted as it lies: every record carries
a seal, a keyed hash of its content and the context, made with a random key kept in the user's own
folder (outside the workspace, which others may write to: a shared drive, a synced folder). A record
whose seal holds was written by this program and is rebuilt without checking it again; a record that
is corrupt, truncated, from another version or format, edited by hand or by someone without the key
is ignored and the file read afresh. Without a usable key folder there is no cache, only slower
answers. `.dancu-cache` must be a real folder; a symlink turns the cache off. The cache only ever
repeats what a check without it says: the tests compare both.
"""

from __future__ import annotations

import functools
import itertools
import json
import os
from datetime import date
from pathlib import Path
from typing import Any

from .. import __version__
from .atomic import write_chunks_atomic
from .calendar import HOLIDAY_TABLE, OFFICIAL_DAYS, PACKAGE_DIR
from .models import UnitReport
from .problems import Problem

try:
    # What hashlib.blake2b is; importing hashlib itself also loads OpenSSL, which a warm start never needs.
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

CACHE_DIR = ".dancu-cache"
# Raised whenever what the cache holds changes shape, so that a cache from before is never read as new.
CACHE_FORMAT = 2
CACHE_FILE = "reports.tsv"
DEFINITIONS_FILE = "definitions.json"
# The package's own calendar data, official days and holiday table (a new release may change them):
# part of every key, since due dates and the date checks depend on them.
PACKAGE_CALENDAR = (PACKAGE_DIR / OFFICIAL_DAYS, PACKAGE_DIR / HOLIDAY_TABLE)


def enabled() -> bool:
    return os.environ.get("DANCU_CACHE", "1") not in ("0", "no", "false") and secret() is not None


def _code_stamp() -> str:
    """Which checking code wrote a record: the size and time of every source file of the core and its models.
    A release changes the version; an edited checkout (a developer's) changes these, and a cache written by
    the old code must not be read as the new one's."""
    here = Path(__file__).resolve().parent
    parts = []
    for folder in (here, here / "models"):
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.name.endswith(".py"):
                        info = entry.stat()
                        parts.append(f"{entry.name}:{info.st_size}:{info.st_mtime_ns}")
        except OSError:
            parts.append(f"{folder.name}:?")
    return ",".join(sorted(parts))


def context_key(definition_files: list[Path], today: date) -> str:
    digest = blake2b(f"{__version__}|{CACHE_FORMAT}|{_code_stamp()}|{today.isoformat()}".encode(), digest_size=32)
    for path in [*PACKAGE_CALENDAR, *sorted(definition_files)]:
        digest.update(path.name.encode("utf-8"))
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"<unreadable>")
    return digest.hexdigest()


def content_stamp(raw: bytes) -> list:
    """What a cached line is valid for: the file's exact bytes."""
    return [len(raw), blake2b(raw, digest_size=20).hexdigest()]


SECRET_FILE = "cache-key"


def user_folder() -> Path:
    """The user's own cache folder: %LOCALAPPDATA%\\dancu on Windows, $XDG_CACHE_HOME/dancu or ~/.cache/dancu
    elsewhere. It holds the key of the workspace caches and the compiled templates, nothing from a workspace."""
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dancu"


@functools.lru_cache(maxsize=1)
def secret() -> bytes | None:
    """The key that seals cache records, made once per user; None (no cache) when it cannot be kept."""
    try:
        path = user_folder() / SECRET_FILE
        try:
            found = bytes.fromhex(path.read_text(encoding="ascii").strip())
        except FileNotFoundError:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            try:
                with open(path, "x", encoding="ascii") as fh:  # never replaces a key another process made
                    fh.write(os.urandom(32).hex())
                if os.name != "nt":
                    path.chmod(0o600)
            except FileExistsError:
                pass
            found = bytes.fromhex(path.read_text(encoding="ascii").strip())
    except Exception:  # noqa: BLE001 - no home, a read-only or odd folder, a damaged key: run without a cache
        return None
    return found if 16 <= len(found) <= 64 else None  # what BLAKE2 takes as a key


def _seal(key: str, body: str) -> str:
    """A record's seal: one edited, cut short, copied from another context or forged without the key fails it."""
    return blake2b(f"{key}\n{body}".encode("utf-8", "surrogatepass"), digest_size=16, key=secret() or b"").hexdigest()


def usable_folder(root: Path) -> bool:
    """The cache lives only in a real folder of the workspace (or where one can be made)."""
    folder = root / CACHE_DIR
    return not folder.is_symlink() and (folder.is_dir() or not folder.exists())


_PROBLEM_FIELDS = {"file": str, "line": int, "column": int, "message": str, "path": str, "code": str,
                   "severity": str, "excerpt": (str, type(None))}


def _problem(data: object, display: str) -> Problem:
    """A cached problem, checked field by field: a hand-made cache line must not crash a command."""
    if not isinstance(data, dict) or set(data) != set(_PROBLEM_FIELDS):
        raise ValueError("not a problem")
    for name, kind in _PROBLEM_FIELDS.items():
        if not isinstance(data[name], kind) or isinstance(data[name], bool):
            raise ValueError(name)
    if data["severity"] not in ("error", "warning"):
        raise ValueError("severity")
    return Problem(**(data | {"file": display}))


def _save(path: Path, chunks) -> None:
    try:
        path.parent.mkdir(exist_ok=True)
        ignore = path.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Bộ nhớ đệm của dancu: không đưa vào git.\n*\n", encoding="utf-8")
        write_chunks_atomic(path, chunks)
    except OSError:
        pass  # a read-only workspace simply runs without a cache


class DefinitionCache:
    """The checked plans, registry and calendar of one context, as one sealed JSON document."""

    def __init__(self, root: Path, key: str):
        self.root = root
        self.path = root / CACHE_DIR / DEFINITIONS_FILE
        self.key = key
        self.usable = usable_folder(root) and not self.path.is_symlink()

    def read(self) -> dict | None:
        """The cached document, if it is intact and of this context; else None."""
        if not self.usable:
            return None
        try:
            with open(self.path, encoding="utf-8") as fh:
                head, seal = fh.readline().rstrip("\n"), fh.readline().rstrip("\n")
                body = fh.read()
            if head != self.key or seal != _seal(self.key, body):
                return None
            data = json.loads(body)
            return data if isinstance(data, dict) else None
        except Exception:  # noqa: BLE001 - untrusted data: any failure (RecursionError too) means "not cached"
            return None

    def problems(self, data: dict, display) -> list[Problem]:
        """The cached problems, each shown from the current folder (`display(name)`); ValueError if malformed."""
        found = data.get("problems")
        if not isinstance(found, list):
            raise ValueError("problems")
        out = []
        for item in found:
            if not isinstance(item, dict) or not isinstance(item.get("file"), str):
                raise ValueError("problem")
            out.append(_problem(item, display(item["file"])))
        return out

    def write(self, document: dict[str, Any]) -> None:
        if not self.usable:
            return
        body = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
        _save(self.path, [f"{self.key}\n{_seal(self.key, body)}\n{body}".encode("utf-8", "surrogatepass")])


class ReportCache:
    """One line per report file: name, seal, stamp, problems and report, tab-separated JSON.

    Lines are parsed only when their file is asked for, so a warm start holds no more than it uses.
    """

    def __init__(self, root: Path, key: str):
        self.path = root / CACHE_DIR / CACHE_FILE
        self.key = key
        self.lines: dict[str, str] = {}  # cached lines not yet asked for
        self.new: dict[str, str] = {}  # lines to write for files read afresh
        self.present: set[str] | None = None
        self.dirty = False
        self.usable = usable_folder(root) and not self.path.is_symlink()
        if not self.usable:
            return
        try:
            with open(self.path, encoding="utf-8") as fh:
                if fh.readline().rstrip("\n") == key:
                    for line in fh:
                        name, _, rest = line.rstrip("\n").partition("\t")
                        self.lines[name] = rest
        except (OSError, ValueError):
            self.lines = {}  # no cache, or a broken one: start afresh

    def get(self, name: str, stamp: list, display: str) -> tuple[UnitReport | None, list[Problem]] | None:
        # Popped, so the raw lines are freed as the reports they hold are built.
        line = self.lines.pop(name, None)
        if line is None:
            return None
        try:
            seal, body = line.split("\t", 1)
            if seal != _seal(self.key, name + "\t" + body):
                return None
            written, problems, report = body.split("\t", 2)
            if json.loads(written) != stamp:
                return None
            # Sealed with the user's key, so written by this program: rebuilt without checking it again.
            parsed = UnitReport.load(json.loads(report)) if report != "null" else None
            found = json.loads(problems)
            if not isinstance(found, list):
                return None
            return parsed, [_problem(p, display) for p in found]
        except Exception:  # noqa: BLE001 - untrusted data: any failure (RecursionError too) means "not cached"
            return None

    def put(self, name: str, stamp: list, report: UnitReport | None, problems: list[Problem]) -> None:
        if "\t" in name or "\n" in name or not self.usable:
            return
        report_json = json.dumps(report.to_data(json_mode=True), ensure_ascii=False) if report else "null"
        problems_json = json.dumps([p.to_dict() for p in problems], ensure_ascii=False)
        body = f"{json.dumps(stamp)}\t{problems_json}\t{report_json}"
        seal = _seal(self.key, name + "\t" + body)
        self.new[name] = f"{seal}\t{body}"
        self.dirty = True

    def forget_missing(self, names: set[str]) -> None:
        self.present = names
        if set(self.lines) - names:
            self.dirty = True

    def _kept_old_lines(self):
        """Unchanged lines of the old file, read again from disk rather than held in memory."""
        try:
            with open(self.path, encoding="utf-8") as fh:
                if fh.readline().rstrip("\n") != self.key:
                    return
                for line in fh:
                    name = line.partition("\t")[0]
                    if name not in self.new and (self.present is None or name in self.present):
                        yield line.encode("utf-8") if line.endswith("\n") else (line + "\n").encode("utf-8")
        except (OSError, ValueError):
            return

    def save(self) -> None:
        self.lines = {}
        if not self.dirty or not self.usable:
            return
        fresh = (f"{name}\t{line}\n".encode("utf-8") for name, line in self.new.items())
        _save(self.path, itertools.chain([f"{self.key}\n".encode()], self._kept_old_lines(), fresh))


def template_cache():
    """Jinja's cache of compiled templates, in the user's own folder (as Python keeps its __pycache__),
    never in a workspace others may write to; None when there is no such folder (templates then compile
    on each run). Jinja checks each entry against the template's text and its own version."""
    if not enabled():
        return None
    try:
        from jinja2 import FileSystemBytecodeCache

        folder = user_folder() / "templates"
        folder.mkdir(mode=0o700, exist_ok=True)
        return FileSystemBytecodeCache(str(folder))
    except Exception:  # noqa: BLE001 - an odd or read-only folder: compile the template each time
        return None
