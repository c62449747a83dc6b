"""Strict records: plain classes whose fields carry their own checks.

The models of the workspace files are records: a field is declared once, with its check
(a Spec), its Vietnamese description and its default, and from that one declaration come
the class, its validation, its plain-data form (for files, JSON and the cache) and its
JSON Schema. Importing a model costs almost nothing, so a command answered from the cache
starts at once; a validation library would cost more to import and build than the whole
command (issue 17).

Validation never raises on bad data: every refusal is collected, with its path, in the
vocabulary `model_errors` turns into Vietnamese (missing, extra_forbidden, string_type, …,
and our own dancu_* kinds), all in one pass.
"""

from __future__ import annotations

import copy
import re
from datetime import date, datetime
from typing import Any, Callable, ClassVar, Iterable

_MISSING = object()
# What "strip" removes: Unicode's White_Space characters. Not str.strip()'s set, which also takes the
# separators U+001C–U+001F away silently; those are control characters and are refused with a message.
UNICODE_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
    "\u2028\u2029\u202f\u205f\u3000"
INVALID = object()  # what a check returns for a value it refused (the refusal is in `errors`)


class Invalid(Exception):
    """Raised by a check function: the value is refused, with a Vietnamese message and a dancu_* kind."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind
        self.message = message


class Refusal:
    """One refused value: its kind, where it is, the message of our own kinds, the context of the others."""

    __slots__ = ("type", "loc", "msg", "ctx", "input")

    def __init__(self, type: str, loc: tuple, msg: str = "", ctx: dict | None = None, input: Any = None):
        self.type, self.loc, self.msg, self.ctx, self.input = type, loc, msg, ctx, input

    def __repr__(self) -> str:
        return f"Refusal({self.type!r}, {self.loc!r}, {self.msg!r})"


class Spec:
    """How one value is checked, and how it is written in JSON Schema."""

    def check(self, value: Any, loc: tuple, errors: list[Refusal]) -> Any:
        raise NotImplementedError

    def schema(self, defs: dict) -> dict:
        raise NotImplementedError

    def dump(self, value: Any, json_mode: bool, exclude_none: bool) -> Any:
        return value

    def load(self, value: Any) -> Any:
        """The value from what `dump` wrote in JSON mode, unchecked (see Record.load)."""
        return value

    def nested(self) -> "type[Record] | None":
        """The record type this value holds (directly or in a list or mapping), for 'did you mean' hints."""
        return None


class Str(Spec):
    """A string, stripped, of bounded length, matching a pattern, then any further checks."""

    def __init__(self, min_length: int | None = None, max_length: int | None = None, pattern: str | None = None,
                 after: Iterable[Callable[[str], str]] = ()):
        self.min_length, self.max_length, self.pattern = min_length, max_length, pattern
        self._regex = re.compile(pattern) if pattern else None
        self.after = tuple(after)

    def check(self, value, loc, errors):
        if not isinstance(value, str):
            errors.append(Refusal("string_type", loc, input=value))
            return INVALID
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates: bytes that were not UTF-8
            errors.append(Refusal("string_unicode", loc, input=value))
            return INVALID
        value = value.strip(UNICODE_SPACE)
        if self.min_length is not None and len(value) < self.min_length:
            errors.append(Refusal("string_too_short", loc, ctx={"min_length": self.min_length}, input=value))
            return INVALID
        if self.max_length is not None and len(value) > self.max_length:
            errors.append(Refusal("string_too_long", loc, ctx={"max_length": self.max_length}, input=value))
            return INVALID
        if self._regex is not None and not self._regex.search(value):
            errors.append(Refusal("string_pattern_mismatch", loc, ctx={"pattern": self.pattern}, input=value))
            return INVALID
        return _run_after(self.after, value, loc, errors)

    def schema(self, defs):
        out: dict = {"type": "string"}
        if self.max_length is not None:
            out["maxLength"] = self.max_length
        if self.min_length is not None:
            out["minLength"] = self.min_length
        if self.pattern:
            out["pattern"] = self.pattern
        return out


def _run_after(checks, value, loc, errors):
    for fn in checks:
        try:
            value = fn(value)
        except Invalid as exc:
            errors.append(Refusal(exc.kind, loc, exc.message, input=value))
            return INVALID
    return value


class Custom(Spec):
    """A value read by a function (a date, a period, a figure), which raises Invalid to refuse it."""

    def __init__(self, read: Callable[[Any], Any], json_schema: dict,
                 write: Callable[[Any, bool], Any] | None = None, load: Callable[[Any], Any] | None = None):
        self.read, self.json_schema, self.write = read, json_schema, write
        self._load = load

    def check(self, value, loc, errors):
        try:
            return self.read(value)
        except Invalid as exc:
            errors.append(Refusal(exc.kind, loc, exc.message, input=value))
            return INVALID

    def schema(self, defs):
        return dict(self.json_schema)

    def dump(self, value, json_mode, exclude_none):
        return self.write(value, json_mode) if self.write else value

    def load(self, value):
        return self._load(value) if self._load else value


class Int(Spec):
    """An integer read by `read` (which refuses strings and floats), within bounds."""

    def __init__(self, read: Callable[[Any], int], ge: int | None = None, le: int | None = None):
        self.read, self.ge, self.le = read, ge, le

    def check(self, value, loc, errors):
        try:
            value = self.read(value)
        except Invalid as exc:
            errors.append(Refusal(exc.kind, loc, exc.message, input=value))
            return INVALID
        if self.ge is not None and value < self.ge:
            errors.append(Refusal("greater_than_equal", loc, ctx={"ge": self.ge}, input=value))
            return INVALID
        if self.le is not None and value > self.le:
            errors.append(Refusal("less_than_equal", loc, ctx={"le": self.le}, input=value))
            return INVALID
        return value

    def schema(self, defs):
        out: dict = {"type": "integer"}
        if self.le is not None:
            out["maximum"] = self.le
        if self.ge is not None:
            out["minimum"] = self.ge
        return out


class Bool(Spec):
    """Exactly true or false (never "yes" or 1)."""

    def check(self, value, loc, errors):
        if isinstance(value, bool):
            return value
        errors.append(Refusal("bool_type", loc, input=value))
        return INVALID

    def schema(self, defs):
        return {"type": "boolean"}


class Moment(Spec):
    """A date and time: YAML's timestamp, or its ISO 8601 text (as the cache and JSON write it)."""

    def check(self, value, loc, errors):
        if isinstance(value, datetime):
            return value
        if isinstance(value, str):
            try:
                return datetime.fromisoformat(value.strip())
            except ValueError:
                errors.append(Refusal("datetime_parsing", loc, input=value))
                return INVALID
        errors.append(Refusal("datetime_type", loc, input=value))
        return INVALID

    def schema(self, defs):
        return {"format": "date-time", "type": "string"}

    def dump(self, value, json_mode, exclude_none):
        return value.isoformat() if json_mode else value

    def load(self, value):
        return datetime.fromisoformat(value)


class Choice(Spec):
    """One of a few fixed words; `read` may first bring a variant to its canonical form."""

    def __init__(self, values: Iterable[str], read: Callable[[Any], Any] | None = None):
        self.values = tuple(values)
        self.read = read

    def check(self, value, loc, errors):
        if self.read is not None:
            value = self.read(value)
        if isinstance(value, str) and value in self.values:
            return value
        errors.append(Refusal("literal_error", loc, ctx={"expected": ", ".join(self.values)}, input=value))
        return INVALID

    def schema(self, defs):
        return {"enum": list(self.values), "type": "string"}


class Optional(Spec):
    """The value, or nothing (null in the file)."""

    def __init__(self, inner: Spec):
        self.inner = inner

    def check(self, value, loc, errors):
        return None if value is None else self.inner.check(value, loc, errors)

    def schema(self, defs):
        return {"anyOf": [self.inner.schema(defs), {"type": "null"}]}

    def dump(self, value, json_mode, exclude_none):
        return None if value is None else self.inner.dump(value, json_mode, exclude_none)

    def load(self, value):
        return None if value is None else self.inner.load(value)

    def nested(self):
        return self.inner.nested()


class ListOf(Spec):
    """A list (the "- " lines of YAML) of checked items, with at least `min_length` of them."""

    def __init__(self, item: Spec, min_length: int | None = None):
        self.item, self.min_length = item, min_length

    def check(self, value, loc, errors):
        if not isinstance(value, (list, tuple)):
            errors.append(Refusal("list_type", loc, input=value))
            return INVALID
        out, ok = [], True
        check = self.item.check
        for i, item in enumerate(value):
            checked = check(item, (*loc, i), errors)
            if checked is INVALID:
                ok = False
            out.append(checked)
        if self.min_length is not None and len(value) < self.min_length:
            errors.append(Refusal("too_short", loc, ctx={"min_length": self.min_length, "actual_length": len(value),
                                                         "field_type": "List"}, input=value))
            return INVALID
        return out if ok else INVALID

    def schema(self, defs):
        out = {"items": self.item.schema(defs), "type": "array"}
        if self.min_length is not None:
            out["minItems"] = self.min_length
        return out

    def dump(self, value, json_mode, exclude_none):
        return [self.item.dump(v, json_mode, exclude_none) for v in value]

    def load(self, value):
        if type(self.item).load is Spec.load:
            return list(value)
        load = self.item.load
        return [load(v) for v in value]

    def nested(self):
        return self.item.nested()


class MapOf(Spec):
    """A mapping of checked keys to checked values (a key's refusal is placed at its path plus "[key]")."""

    def __init__(self, key: Spec, value: Spec):
        self.key, self.value = key, value

    def check(self, value, loc, errors):
        if not isinstance(value, dict):
            errors.append(Refusal("dict_type", loc, input=value))
            return INVALID
        out, ok = {}, True
        for k, v in value.items():
            checked_key = self.key.check(k, (*loc, k, "[key]"), errors)
            checked_value = self.value.check(v, (*loc, k), errors)
            if checked_key is INVALID or checked_value is INVALID:
                ok = False
            else:
                out[checked_key] = checked_value
        return out if ok else INVALID

    def schema(self, defs):
        return {"additionalProperties": self.value.schema(defs), "propertyNames": self.key.schema(defs),
                "type": "object"}

    def dump(self, value, json_mode, exclude_none):
        return {k: self.value.dump(v, json_mode, exclude_none) for k, v in value.items()}

    def load(self, value):
        load = self.value.load
        return {k: load(v) for k, v in value.items()}


class Nested(Spec):
    """A record inside a record."""

    def __init__(self, record: "type[Record]"):
        self.record = record

    def check(self, value, loc, errors):
        return self.record.check_data(value, loc, errors)

    def schema(self, defs):
        name = self.record.__name__
        if name not in defs:
            defs[name] = {}  # reserved first: a record may (in principle) hold itself
            defs[name] = self.record.object_schema(defs)
        return {"$ref": f"#/$defs/{name}"}

    def dump(self, value, json_mode, exclude_none):
        return value.to_data(json_mode=json_mode, exclude_none=exclude_none)

    def load(self, value):
        return self.record.load(value)

    def nested(self):
        return self.record


class Field:
    """One field of a record: its check, its description, its default."""

    __slots__ = ("spec", "doc", "default", "factory")

    def __init__(self, spec: Spec, doc: str, default: Any = _MISSING, factory: Callable[[], Any] | None = None):
        self.spec, self.doc, self.default, self.factory = spec, doc, default, factory

    @property
    def required(self) -> bool:
        return self.default is _MISSING and self.factory is None

    def make_default(self) -> Any:
        return self.factory() if self.factory is not None else self.default


def field(spec: Spec, doc: str, *, default: Any = _MISSING, default_factory: Callable[[], Any] | None = None) -> Any:
    """Declare a record field (typed `Any` so that `name: str = field(...)` reads as the value's type)."""
    return Field(spec, doc, default, default_factory)


class Record:
    """A plain class of declared fields. Unknown keys are refused: a typo must never be silently ignored."""

    fields: ClassVar[dict[str, Field]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        own = {name: value for name, value in vars(cls).items() if isinstance(value, Field)}
        for name in own:
            delattr(cls, name)  # the instance holds the value; the declaration lives in `fields`
        cls.fields = {**getattr(cls, "fields", {}), **own}

    def __init__(self, **values: Any):
        for name, spec in self.fields.items():
            if name in values:
                setattr(self, name, values.pop(name))
            elif spec.required:
                raise TypeError(f"{type(self).__name__}: missing {name}")
            else:
                setattr(self, name, spec.make_default())
        if values:
            raise TypeError(f"{type(self).__name__}: unknown {', '.join(values)}")

    def validate(self, given: set[str]) -> None:
        """Rules across fields, run once every field is valid; raise Invalid to refuse. `given`: the keys written."""

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in self.fields)

    __hash__ = None  # type: ignore[assignment]  # mutable, like the lists it holds

    def __repr__(self) -> str:
        inner = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.fields)
        return f"{type(self).__name__}({inner})"

    def replace(self, **changes: Any) -> "Record":
        """A shallow copy with some fields changed."""
        values = {n: getattr(self, n) for n in self.fields}
        values.update(changes)
        return type(self)(**values)

    def clone(self) -> "Record":
        """A deep copy: nothing shared with the original."""
        return copy.deepcopy(self)

    def to_data(self, json_mode: bool = False, exclude_none: bool = False) -> dict:
        """Plain data, as in a file (`json_mode`: dates and times as ISO text, as in JSON)."""
        out = {}
        for name, spec in self.fields.items():
            value = getattr(self, name)
            if value is None and exclude_none:
                continue
            out[name] = None if value is None else spec.spec.dump(value, json_mode, exclude_none)
        return out

    @classmethod
    def check_data(cls, data: Any, loc: tuple = (), errors: list[Refusal] | None = None) -> Any:
        """The record from plain data, or INVALID with every refusal appended to `errors`."""
        if errors is None:
            errors = []
        if not isinstance(data, dict):
            errors.append(Refusal("model_type", loc, input=data))
            return INVALID
        values, ok = {}, True
        for name, spec in cls.fields.items():
            raw = data.get(name, _MISSING)
            if raw is _MISSING:
                if spec.required:
                    errors.append(Refusal("missing", (*loc, name), input=data))
                    ok = False
                else:
                    values[name] = spec.make_default()
                continue
            checked = spec.spec.check(raw, (*loc, name), errors)
            if checked is INVALID:
                ok = False
            values[name] = checked
        for key in data:
            if key not in cls.fields:
                errors.append(Refusal("extra_forbidden", (*loc, key), input=data[key]))
                ok = False
        if not ok:
            return INVALID
        record = cls.__new__(cls)
        record.__dict__.update(values)
        try:
            record.validate(set(data))
        except Invalid as exc:
            errors.append(Refusal(exc.kind, loc, exc.message, input=data))
            return INVALID
        return record

    @classmethod
    def load(cls, data: dict) -> "Record":
        """The record from what `to_data(json_mode=True)` wrote, without checking it again: only for data this
        program wrote itself and sealed (core/cache.py). Anything malformed raises (KeyError, TypeError,
        ValueError…); the caller then reads the file afresh."""
        record = cls.__new__(cls)
        values = record.__dict__
        for name, spec in cls.fields.items():
            values[name] = spec.spec.load(data[name])
        return record

    @classmethod
    def parse(cls, data: Any) -> tuple[Any, list[Refusal]]:
        """(record or None, refusals)."""
        errors: list[Refusal] = []
        record = cls.check_data(data, (), errors)
        return (None if record is INVALID else record), errors

    @classmethod
    def object_schema(cls, defs: dict) -> dict:
        properties, required = {}, []
        for name, spec in cls.fields.items():
            prop = spec.spec.schema(defs)
            if "$ref" in prop:
                prop = {"allOf": [prop]}
            prop["description"] = spec.doc
            if spec.required:
                required.append(name)
            elif spec.factory is None:
                prop["default"] = spec.spec.dump(spec.default, True, False) if spec.default is not None else None
            properties[name] = prop
        out: dict = {"additionalProperties": False, "properties": properties, "type": "object"}
        if required:
            out["required"] = required
        return out

    @classmethod
    def json_schema(cls) -> dict:
        """The JSON Schema of a file holding this record, with its nested records under $defs."""
        defs: dict = {}
        top = cls.object_schema(defs)
        return ({"$defs": dict(sorted(defs.items()))} if defs else {}) | top


def iso_date(value: date, json_mode: bool) -> Any:
    return value.isoformat() if json_mode else value
