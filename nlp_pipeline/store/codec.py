"""Records to JSON-ready values and back, exactly, by their type hints.

The store keeps the fields a researcher queries as columns and every other
field of a record as JSON; this codec turns any record of records.py
(dataclasses of enums, tuples, unions of evidence kinds) into plain values
and rebuilds it from them. It works from the dataclass fields, so a field
added to a record later is stored and rebuilt without touching the store; a
stored value for a field the record no longer has is ignored, a missing one
takes the field's default.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from enum import Enum
from functools import cache
from typing import Any


def encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        encoded = {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        tag = _tag_of(type(value))
        if tag is not None:
            encoded["kind"] = tag
        return encoded
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (tuple, list)):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    return value


def decode(kind: Any, data: Any) -> Any:
    """`data` (as `encode` made it) rebuilt as a value of type `kind`."""
    if kind is Any or data is None:
        return data
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        return _decode_union(typing.get_args(kind), data)
    if origin is tuple:
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(decode(args[0], v) for v in data)
        return tuple(decode(a, v) for a, v in zip(args, data))
    if origin is list:
        (arg,) = typing.get_args(kind)
        return [decode(arg, v) for v in data]
    if origin is dict:
        key, val = typing.get_args(kind)
        return {decode(key, k): decode(val, v) for k, v in data.items()}
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(data)
    if dataclasses.is_dataclass(kind):
        hints = _hints(kind)
        values = {f.name: decode(hints[f.name], data[f.name])
                  for f in dataclasses.fields(kind) if f.init and f.name in data}
        return kind(**values)
    if kind is float and isinstance(data, int):
        return float(data)
    return data


def _decode_union(options: tuple[Any, ...], data: Any) -> Any:
    concrete = [o for o in options if o is not type(None)]
    tagged = {_tag_of(o): o for o in concrete if isinstance(o, type) and _tag_of(o) is not None}
    if tagged and isinstance(data, dict) and data.get("kind") in tagged:
        return decode(tagged[data["kind"]], data)
    for option in concrete:
        if option in (int, float, str, bool) and isinstance(data, option):
            return data
    return decode(concrete[0], data)


@cache
def _hints(kind: type) -> dict[str, Any]:
    return typing.get_type_hints(kind)


def _tag_of(kind: type) -> str | None:
    """The `kind` class variable that tells apart the members of a union (CueMatch, NearestExemplar, ...)."""
    if not dataclasses.is_dataclass(kind) or "kind" in {f.name for f in dataclasses.fields(kind)}:
        return None
    tag = getattr(kind, "kind", None)
    return tag if isinstance(tag, str) else None
