"""The models' refusals (core/models/base.py), in Vietnamese, with the path they concern."""

from __future__ import annotations

import difflib

from .models.base import Record, Refusal
from .problems import Finding

# Every kind the models' checks give (core/models/base.py) besides our own dancu_* ones.
_MESSAGES = {
    "missing": "Thiếu trường bắt buộc “{field}”",
    "string_type": "Phải là một chuỗi văn bản",
    "string_too_short": "Không được để trống",
    "string_too_long": "Quá dài (tối đa {max_length} ký tự)",
    "string_unicode": "Văn bản có byte không phải UTF-8 (gõ từ bảng mã khác); hãy gõ lại hoặc lưu với bảng mã UTF-8",
    "bool_type": "Phải là true hoặc false",
    "list_type": "Phải là một danh sách (các dòng bắt đầu bằng “- ”)",
    "dict_type": "Phải là một bảng khóa: giá trị",
    "model_type": "Phải là một bảng khóa: giá trị",
    "datetime_type": "Phải là thời điểm dạng 2025-11-05T08:40:10+07:00",
    "datetime_parsing": "Phải là thời điểm dạng 2025-11-05T08:40:10+07:00",
    "greater_than_equal": "Phải lớn hơn hoặc bằng {ge}",
    "less_than_equal": "Phải nhỏ hơn hoặc bằng {le}",
    "too_short": "Cần ít nhất {min_length} phần tử",
}


def _fields_at(model: type[Record], loc: tuple) -> list[str]:
    """Field names of the record reached by following `loc` (for 'did you mean')."""
    current: type[Record] | None = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.fields.get(part) if current is not None else None
        if field is None:
            return []
        current = field.spec.nested()
    return list(current.fields) if current is not None else []


def translate(errors: list[Refusal], model: type[Record]) -> list[Finding]:
    out: list[Finding] = []
    for err in errors:
        loc = err.loc
        kind = err.type
        ctx = err.ctx or {}
        if kind == "extra_forbidden":
            key = loc[-1]
            known = _fields_at(model, loc[:-1])
            hint = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
            msg = f"Khóa “{key}” không hợp lệ ở đây"
            if hint:
                msg += f"; có phải ý bạn là “{hint[0]}”?"
            elif known:
                msg += f"; các khóa được phép: {', '.join(known)}"
            out.append(Finding(loc, msg, "unknown-key", at_key=True))
            continue
        if kind == "missing":
            out.append(Finding(loc, _MESSAGES["missing"].format(field=loc[-1]), "missing", at_key=False))
            continue
        if kind == "literal_error":
            msg = f"Giá trị “{err.input}” không hợp lệ; chỉ nhận: {ctx['expected']}"
            out.append(Finding(loc, msg, "invalid-choice"))
            continue
        if kind == "string_pattern_mismatch":
            msg = f"“{err.input}” không đúng định dạng mã: chỉ dùng chữ thường không dấu, số và gạch ngang"
            out.append(Finding(loc, msg, "invalid-id"))
            continue
        template = _MESSAGES.get(kind)
        if template is not None:
            try:
                msg = template.format(**ctx)
            except (KeyError, IndexError):
                msg = template
            out.append(Finding(loc, msg, "wrong-type"))
            continue
        if kind.startswith("dancu_"):
            # Our own kinds carry their message, already Vietnamese.
            out.append(Finding(loc, err.msg, kind[len("dancu_"):].replace("_", "-")))
        else:
            out.append(Finding(loc, "Giá trị không hợp lệ", kind.replace("_", "-")))
    return out
