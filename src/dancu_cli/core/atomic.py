"""Atomic writes: a temporary file in the same folder, fsync, then rename over the target.

The target must be a regular file or not exist: a rename would replace a symlink, a FIFO or a
device node (/dev/full) with a regular file, and a folder cannot be written at all. Any failure
removes the temporary file and raises an OSError naming the target, so nothing is left half done.
"""

from __future__ import annotations

import errno
import os
import stat
import time
from pathlib import Path
from contextlib import contextmanager
from typing import Iterable, Iterator

from .fserrors import UnsafePath


def check_target(path: Path) -> None:
    """Refuse a target that is a symlink, a folder, a FIFO, a device or a socket."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError:
        return  # the write itself reports it, with its cause
    if stat.S_ISLNK(st.st_mode):
        raise UnsafePath(path, "đó là một liên kết tượng trưng (symlink); dancu không ghi đè lên liên kết, "
                               "hãy ghi ra một tệp thường")
    if stat.S_ISDIR(st.st_mode):
        raise UnsafePath(path, "đó là một thư mục; hãy nêu tên một tệp")
    if not stat.S_ISREG(st.st_mode):
        raise UnsafePath(path, "đó không phải một tệp thường (thiết bị, FIFO hay socket); hãy ghi ra một tệp thường")


def write_bytes_atomic(path: Path, data: bytes) -> None:
    write_chunks_atomic(path, [data])


def write_chunks_atomic(path: Path, chunks: Iterable[bytes]) -> None:
    """Write `chunks` in order to a temporary file, fsync, and rename it over `path`."""
    path = Path(path)
    check_target(path)
    try:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except FileExistsError as exc:  # a file stands where a folder of the path should be
            raise NotADirectoryError(errno.ENOTDIR, exc.strerror, exc.filename) from None
        mode = _mode_for(path)
        import tempfile  # only when writing: a command that reads answers without it

        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _about(exc, path) from None
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
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise _about(exc, path) from None
        raise
    _fsync_dir(path.parent)


def _about(exc: OSError, path: Path) -> OSError:
    """The same error, naming the file the user asked for rather than a temporary one."""
    if isinstance(exc, UnsafePath):
        return exc
    err = OSError(exc.errno, exc.strerror, str(exc.filename if exc.filename and exc.errno in _PATH_ERRORS else path))
    return err


# Errors about a folder on the way (not the file itself) keep the path that caused them.
_PATH_ERRORS = {errno.ENOTDIR, errno.EEXIST}


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


def lock_timeout() -> float:
    """DANCU_LOCK_TIMEOUT in seconds (default 10); anything but a finite number from 0 to a day is refused."""
    import math

    from .errors import ReportError

    text = os.environ.get("DANCU_LOCK_TIMEOUT")
    if text is None or not text.strip():
        return LOCK_TIMEOUT
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0 or value > 86_400:
        raise ReportError(f"Biến môi trường DANCU_LOCK_TIMEOUT=“{text[:20]}” không hợp lệ: phải là số giây chờ khóa, "
                          "từ 0 đến 86400 (mặc định 10). Chưa ghi gì.")
    return value


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Hold `.<name>.lock` next to `path` for a read-check-write; LockTimeout after DANCU_LOCK_TIMEOUT seconds."""
    from filelock import FileLock, Timeout

    timeout = lock_timeout()
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
