"""Walk a model instance: every value with the field path it was written at."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from commitgen.diagnostics import FieldPath


def walk(value: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, Any]]:
    """Yield ``(path, value)`` for every model, list item and leaf below ``value``.

    Paths use the names written in YAML (aliases such as ``from``), so they can be
    located in the source document.
    """
    yield path, value
    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            child = getattr(value, name)
            if child is None:
                continue
            yield from walk(child, (*path, info.alias or name))
    elif isinstance(value, list | tuple) and not isinstance(value, str):
        for index, item in enumerate(value):
            yield from walk(item, (*path, index))
