"""The registry of units (phòng, đơn vị) and the groups the plans name."""

from __future__ import annotations

import difflib
from typing import Literal, get_args


from .base import Bool, Choice, ListOf, Nested, Optional, Record, field
from .common import Slug, Text
from ..dates import fold

UnitKind = Literal["division", "service_unit"]


class Unit(Record):
    id: str = field(Slug, "Mã đơn vị: chữ thường không dấu, nối bằng gạch ngang, ví dụ van-phong-so")
    name: str = field(Text, "Tên đơn vị đầy đủ, có dấu, ví dụ “Văn phòng Sở”")
    abbr: str = field(Text, "Tên viết tắt, ví dụ VP")
    kind: UnitKind = field(Choice(get_args(UnitKind)), "Loại: division (phòng) hoặc service_unit (đơn vị sự nghiệp)")
    aliases: list[str] = field(ListOf(Text), "Các cách gọi khác của đơn vị", default_factory=list)


class Group(Record):
    id: str = field(Slug, "Mã nhóm, ví dụ cac-phong-don-vi")
    name: str = field(Text, "Tên nhóm như kế hoạch ghi, ví dụ “Các phòng, đơn vị”")
    abbr: str | None = field(Optional(Text), "Tên viết tắt để in trong bảng", default=None)
    aliases: list[str] = field(ListOf(Text), "Các cách gọi khác của nhóm", default_factory=list)
    kinds: list[UnitKind] = field(ListOf(Choice(get_args(UnitKind))), "Nhóm gồm mọi đơn vị thuộc các loại này", default_factory=list)
    members: list[str] = field(ListOf(Slug), "Hoặc: danh sách mã đơn vị thành viên", default_factory=list)


class Registry(Record):
    confirmed: bool = field(Bool(), "false khi danh sách còn chờ Văn phòng Sở xác nhận", default=True)
    units: list[Unit] = field(ListOf(Nested(Unit), min_length=1), "Các phòng, đơn vị")
    groups: list[Group] = field(ListOf(Nested(Group)), "Các nhóm đơn vị mà kế hoạch nêu tên", default_factory=list)

    def unit(self, unit_id: str) -> Unit | None:
        return next((u for u in self.units if u.id == unit_id), None)

    def group(self, group_id: str) -> Group | None:
        return next((g for g in self.groups if g.id == group_id), None)

    def display(self, ref: str, short: bool = False) -> str:
        """Name (or abbreviation) of a unit or group id, for printing."""
        unit = self.unit(ref)
        if unit:
            return unit.abbr if short else unit.name
        group = self.group(ref)
        if group:
            return (group.abbr or group.name) if short else group.name
        return ref

    def expand(self, ref: str) -> list[Unit]:
        """The units a unit or group id stands for, in registry order."""
        unit = self.unit(ref)
        if unit:
            return [unit]
        group = self.group(ref)
        if not group:
            return []
        return [u for u in self.units if u.kind in group.kinds or u.id in group.members]

    def find(self, text: str) -> tuple[Unit | None, list[Unit]]:
        """Resolve what a person typed: id, abbreviation, name, alias, any case, with or without diacritics.

        Returns (unit, []) on a unique match, else (None, closest candidates).
        """
        wanted = fold(text)
        exact = []
        for unit in self.units:
            names = [unit.id, unit.abbr, unit.name, *unit.aliases]
            if wanted in {fold(n) for n in names} or wanted == fold(unit.id.replace("-", " ")):
                exact.append(unit)
        if len(exact) == 1:
            return exact[0], []
        if exact:
            return None, exact
        partial = [u for u in self.units if wanted and wanted in fold(u.name)]
        if len(partial) == 1:
            return partial[0], []
        if partial:
            return None, partial
        keys = {fold(u.name): u for u in self.units} | {fold(u.abbr): u for u in self.units}
        close = difflib.get_close_matches(wanted, list(keys), n=3, cutoff=0.5)
        seen: list[Unit] = []
        for k in close:
            if keys[k] not in seen:
                seen.append(keys[k])
        return None, seen
