"""Atomic writes: a temporary file in the same folder, fsync, then rename over the target."""

from __future__ import annotations

import os
import stat
import tempfile
import time
from pathlib import Path
from contextlib import contextmanager
from typing import Iterable, Iterator


def write_bytes_atomic(path: Path, data: bytes) -> None:
    write_chunks_atomic(path, [data])


def write_chunks_atomic(path: Path, chunks: Iterable[bytes]) -> None:
    """Write `chunks` in order to a temporary file, fsync, and rename it over `path`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); keep the old file's mode, or what the umask gives a new file,
        # so colleagues sharing the folder can still read it.
        os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        # Test hook: hold the finished temporary file here, so a test can kill -9 the writer mid-write.
        pause = os.environ.get("DANCU_TEST_PAUSE_BEFORE_RENAME")
        if pause:
            time.sleep(float(pause))
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_dir(path.parent)


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable on POSIX; Windows cannot open folders this way.
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


LOCK_TIMEOUT = 10.0  # seconds; the environment variable DANCU_LOCK_TIMEOUT overrides it


class LockTimeout(Exception):
    """Another writer held the file's lock for longer than the timeout (in `seconds`)."""

    def __init__(self, seconds: float):
        super().__init__(seconds)
        self.seconds = seconds


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Hold `.<name>.lock` next to `path` for a read-check-write; LockTimeout after DANCU_LOCK_TIMEOUT seconds."""
    from filelock import FileLock, Timeout

    try:
        timeout = float(os.environ.get("DANCU_LOCK_TIMEOUT", LOCK_TIMEOUT))
    except ValueError:
        timeout = LOCK_TIMEOUT
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(path.parent / f".{path.name}.lock"), timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise LockTimeout(timeout) from None
    try:
        yield
    finally:
        lock.release()
