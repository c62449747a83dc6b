"""Vietnamese for the words click prints itself (usage, errors, help headings).

click marks its strings with gettext in the default domain; we answer those
look-ups from a catalogue here rather than ship compiled .mo files, so the
translation works the same on Windows and Linux without any locale set up.
"""

from __future__ import annotations

import gettext

CATALOG: dict[str, str] = {
    "Usage:": "Cách dùng:",
    "Options": "Tùy chọn",
    "Arguments": "Tham số",
    "Commands": "Lệnh",
    "Positional arguments": "Tham số vị trí",
    "Show this message and exit.": "Hiện trợ giúp này rồi thoát.",
    "Show the version and exit.": "Hiện phiên bản rồi thoát.",
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Gõ '{command} {option}' để xem trợ giúp.",
    "Missing command.": "Thiếu lệnh.",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "No such option {name!r}.": "Không có tùy chọn {name!r}.",
    "Missing argument": "Thiếu tham số",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing {param_type}": "Thiếu {param_type}",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "argument": "tham số",
    "option": "tùy chọn",
    "parameter": "tham số",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Option {name!r} does not take a value.": "Tùy chọn {name!r} không nhận giá trị.",
    "{value!r} is not a valid {number_type}.": "{value!r} không phải là số hợp lệ.",
    "integer": "số nguyên",
    "float": "số thực",
    "{value} is not in the range {range}.": "{value} nằm ngoài khoảng {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} không phải giá trị đúng/sai. Chấp nhận: {states}",
    "{name} {filename!r} does not exist.": "{name} {filename!r} không tồn tại.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} là một thư mục.",
    "{name} {filename!r} is a file.": "{name} {filename!r} là một tệp.",
    "{name} {filename!r} is not readable.": "Không đọc được {name} {filename!r}.",
    "{name} {filename!r} is not writable.": "Không ghi được {name} {filename!r}.",
    "file": "Tệp",
    "directory": "Thư mục",
    "path": "Đường dẫn",
    "Could not open file {filename!r}: {message}": "Không mở được tệp {filename!r}: {message}",
    "Aborted!": "Đã hủy.",
    "Do you want to continue?": "Bạn có muốn tiếp tục không?",
    "Repeat for confirmation": "Nhập lại để xác nhận",
    "Error: The value you entered was invalid.": "Lỗi: giá trị vừa nhập không hợp lệ.",
    "Error: The two entered values do not match.": "Lỗi: hai giá trị vừa nhập không khớp.",
    "Error: invalid input": "Lỗi: nhập không hợp lệ",
    "Confirm the action without prompting.": "Xác nhận luôn, không hỏi lại.",
    "Press any key to continue...": "Nhấn phím bất kỳ để tiếp tục...",
    "Choose from:\n\t{choices}": "Chọn một trong:\n\t{choices}",
    "default: {default}": "mặc định: {default}",
    "required": "bắt buộc",
    "env var: {var}": "biến môi trường: {var}",
    "(dynamic)": "(động)",
    "deprecated": "không còn dùng",
    "%(prog)s, version %(version)s": "%(prog)s, phiên bản %(version)s",
    "Shell completion is not supported for Bash versions older than 4.4.": "Bash cũ hơn 4.4 không hỗ trợ tự hoàn thành lệnh.",
    "Couldn't detect Bash version, shell completion is not supported.": "Không xác định được phiên bản Bash; không hỗ trợ tự hoàn thành lệnh.",
}

PLURALS: dict[str, tuple[str, str]] = {
    "Did you mean {possibility}?": ("Có phải ý bạn là {possibility}?", "(Có phải ý bạn là một trong: {possibilities}?)"),
    "Got unexpected extra argument ({args})": ("Thừa tham số ({args})", "Thừa các tham số ({args})"),
    "Option {name!r} requires an argument.": ("Tùy chọn {name!r} cần một giá trị.", "Tùy chọn {name!r} cần {nargs} giá trị."),
    "{value!r} is not {choice}.": ("{value!r} không phải là {choice}.", "{value!r} không thuộc: {choices}."),
    "{value!r} does not match the format {format}.": ("{value!r} không đúng định dạng {format}.", "{value!r} không đúng các định dạng {formats}."),
}

_installed = False


def install() -> None:
    """Route click's gettext look-ups through the catalogue. Idempotent."""
    global _installed
    if _installed:
        return
    _installed = True
    original_d = gettext.dgettext
    original_dn = gettext.dngettext

    def dgettext(domain: str, message: str) -> str:
        return CATALOG.get(message) or original_d(domain, message)

    def dngettext(domain: str, singular: str, plural: str, n: int) -> str:
        pair = PLURALS.get(singular)
        if pair:
            return pair[0] if n == 1 else pair[1]
        return original_dn(domain, singular, plural, n)

    gettext.dgettext = dgettext  # type: ignore[assignment]
    gettext.dngettext = dngettext  # type: ignore[assignment]
