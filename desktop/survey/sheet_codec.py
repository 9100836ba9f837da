"""A whole SheetData as JSON-ready data and back, exactly: what the crash journal keeps.

Everything of the sheet goes in, the non-public marks, the register of
withheld text and the releases to record included, so a sheet read back
withholds what it withheld when it was written. Reading is strict and fails
closed: a missing or unknown field, a value of the wrong type or an
unreadable mark raises :class:`SheetCodecError`, and the caller keeps the
journal rather than restoring a text without its marks.

The conversion follows the dataclasses' type annotations, so a field added
to the sheet's data is carried without touching this module.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import datetime
from enum import Enum

from desktop.survey.parts import Part
from desktop.survey.sheet import SheetData

FORMAT = 1

# Fields added after FORMAT 1 whose default is the meaning a journal without them had (a KPI
# target with no qualifier, a plain level, no form line read): a journal written before them is still restored.
_ADDED_LATER = {"KpiData": {"qualifier", "target_kind", "source_text"}, "SheetData": {"survey_version"}}


class SheetCodecError(ValueError):
    """Data that is not a sheet this version wrote; nothing of it should be used."""


def sheet_to_data(sheet: SheetData) -> dict:
    return {"format": FORMAT, "sheet": _encode(sheet)}


def sheet_from_data(data: dict) -> SheetData:
    if not isinstance(data, dict) or data.get("format") != FORMAT or "sheet" not in data:
        raise SheetCodecError("not a sheet of a known format")
    return _decode(SheetData, data["sheet"], "sheet")


def _encode(value):
    if isinstance(value, Part):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if dataclasses.is_dataclass(value):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return [[_encode(k), _encode(v)] for k, v in value.items()]   # keys keep their type (years are ints)
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise SheetCodecError(f"cannot keep a {type(value).__name__}")


def _decode(kind, value, where: str):
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(kind)
        if value is None and type(None) in options:
            return None
        for option in (o for o in options if o is not type(None)):
            return _decode(option, value, where)
    if kind is Part:
        try:
            return Part.parse(_expect(str, value, where))
        except ValueError as exc:
            raise SheetCodecError(f"{where}: unreadable part {value!r}") from exc
    if origin is list:
        (item,) = typing.get_args(kind)
        return [_decode(item, v, f"{where}[{i}]") for i, v in enumerate(_expect(list, value, where))]
    if origin is dict:
        key_kind, value_kind = typing.get_args(kind)
        out = {}
        for i, pair in enumerate(_expect(list, value, where)):
            if not isinstance(pair, list) or len(pair) != 2:
                raise SheetCodecError(f"{where}[{i}]: not a pair")
            out[_decode(key_kind, pair[0], where)] = _decode(value_kind, pair[1], f"{where}[{pair[0]!r}]")
        return out
    if isinstance(kind, type) and issubclass(kind, Enum):
        try:
            return kind(value)
        except ValueError as exc:
            raise SheetCodecError(f"{where}: {value!r} is not a {kind.__name__}") from exc
    if kind is datetime:
        try:
            return datetime.fromisoformat(_expect(str, value, where))
        except ValueError as exc:
            raise SheetCodecError(f"{where}: not a time") from exc
    if dataclasses.is_dataclass(kind):
        record = _expect(dict, value, where)
        hints = typing.get_type_hints(kind)
        names = [f.name for f in dataclasses.fields(kind)]
        missing = set(names) - set(record)
        if set(record) - set(names) or missing - _ADDED_LATER.get(getattr(kind, "__name__", ""), set()):
            raise SheetCodecError(f"{where}: fields {sorted(set(record) ^ set(names))} differ")
        return typing.cast(typing.Any, kind)(**{n: _decode(hints[n], record[n], f"{where}.{n}") for n in names
                                                if n in record})
    if kind is bool:
        return _expect(bool, value, where)
    if kind is int:
        if isinstance(value, bool):
            raise SheetCodecError(f"{where}: not a number")
        return _expect(int, value, where)
    if kind in (str, float):
        return _expect(kind, value, where)
    raise SheetCodecError(f"{where}: cannot read a {kind!r}")


def _expect(kind, value, where: str):
    if not isinstance(value, kind):
        raise SheetCodecError(f"{where}: expected {kind.__name__}, found {type(value).__name__}")
    return value


__all__ = ["SheetCodecError", "sheet_to_data", "sheet_from_data"]
