"""File-system errors in Vietnamese: the system's own words are English.

Every command turns an OSError into one of these sentences (naming the path) and exits 1;
nothing a disk, a permission or a stray folder does ends in a traceback.
"""

from __future__ import annotations

import errno

_REASONS = {
    errno.ENOENT: "không tồn tại",
    errno.EACCES: "không có quyền truy cập",
    errno.EPERM: "không có quyền truy cập",
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EDQUOT: "đã hết hạn mức dung lượng ổ đĩa",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.EISDIR: "đó là một thư mục, không phải tệp",
    errno.ENOTDIR: "đường dẫn đi qua một tệp, không phải thư mục",
    errno.EEXIST: "đã có một tệp hoặc thư mục trùng tên",
    errno.ENOTEMPTY: "thư mục không rỗng",
    errno.ENAMETOOLONG: "tên quá dài",
    errno.ELOOP: "vòng lặp liên kết tượng trưng (symlink)",
    errno.EBUSY: "đang được dùng",
    errno.EIO: "lỗi đọc ghi của ổ đĩa",
    errno.EFBIG: "tệp quá lớn",
    errno.EMFILE: "mở quá nhiều tệp cùng lúc",
    errno.ETXTBSY: "đang được dùng",
    errno.EINVAL: "đường dẫn không hợp lệ",
}


class UnsafePath(OSError):
    """A path dancu will not write to or read through (a symlink, a device…); the message says why."""

    def __init__(self, path: object, reason: str):
        super().__init__(errno.EPERM, reason, str(path))
        self.reason = reason


def describe_os_error(exc: OSError) -> str:
    """'ổ đĩa đã đầy' and the like: the cause alone, without the path."""
    if isinstance(exc, UnsafePath):
        return exc.reason
    reason = _REASONS.get(exc.errno) if exc.errno is not None else None
    if reason is None:
        reason = f"lỗi hệ thống {errno.errorcode.get(exc.errno, exc.errno)}" if exc.errno else "lỗi hệ thống"
    return reason


def os_error_message(exc: OSError) -> str:
    """'reports/x.yaml: ổ đĩa đã đầy. Không có gì được ghi.' — the path, the cause, the outcome."""
    where = f"{exc.filename}: " if exc.filename else ""
    return f"{where}{describe_os_error(exc)}. Không có gì được ghi."
