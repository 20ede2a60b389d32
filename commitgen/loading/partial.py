"""The readable part of a policy with format errors, so that every other check still
runs on it (all problems at once).

Each error is cut out with the smallest part that holds it and that the checks can do
without: the entry of a list it is in (``worst_cases[2]``, ``staff.cases[0]``), else its
top-level section. What was cut is recorded (:class:`LeftOut`): the engine skips the
checks that need a cut section whole, maps the positions of the others back to the file
as written, and says what it skipped. Errors in ``id``, ``version``, ``effective`` or
``languages`` leave nothing to check: every text and date depends on them.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Optional

from pydantic import BaseModel, Field, ValidationError, create_model

from commitgen.diagnostics import FieldPath
from commitgen.loading.located import data_path
from commitgen.model.policy import Policy

#: sections everything else depends on
CORE = frozenset({"id", "version", "effective", "languages"})
MAX_ROUNDS = 4


@dataclass(frozen=True)
class LeftOut:
    """What the checks did not see of a policy with format errors."""

    entries: tuple[FieldPath, ...] = ()  # list entries cut out, as written in the file
    sections: frozenset[str] = frozenset()  # top-level sections not read whole
    #: list path → the indices (as written) of the entries kept, in order
    kept: Mapping[FieldPath, tuple[int, ...]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.sections or self.entries)

    def as_written(self, path: FieldPath) -> FieldPath:
        """A path in the checked copy, as it is in the file (indices shift where entries
        were cut out)."""
        out = list(path)
        for index, part in enumerate(path):
            if isinstance(part, int):
                kept = self.kept.get(tuple(out[:index]))
                if kept is not None and part < len(kept):
                    out[index] = kept[part]
        return tuple(out)


@cache
def _partial_model() -> type[Policy]:
    """:class:`Policy` with every section but the core optional and no minimum lengths,
    for the readable part of a broken file."""
    fields: dict[str, Any] = {}
    for name, info in Policy.model_fields.items():
        if (info.alias or name) in CORE:
            continue
        annotation: Any = info.annotation
        if getattr(annotation, "__origin__", None) is list:
            fields[name] = (annotation, Field(default_factory=list, alias=info.alias))
        else:
            fields[name] = (Optional[annotation], Field(default=None, alias=info.alias))  # noqa: UP045
    model: type[Policy] = create_model("PartialPolicy", __base__=Policy, **fields)
    return model


def _cut_point(data: Any, loc: tuple[str | int, ...], kind: str,
               ) -> tuple[FieldPath, bool] | None:
    """What to cut for one error: (path, whether a section is left partial); None when the
    error is in the core."""
    path, rest = data_path(data, loc)
    top = path[0] if path else (rest[0] if rest else None)
    if not isinstance(top, str) or top in CORE:
        return None
    if not path:  # a missing top-level section
        return (top,), True
    if len(path) == 1 and kind == "extra_forbidden":  # an unknown top-level field
        return path, False
    for index, part in enumerate(path[1:], start=1):
        if isinstance(part, int):
            return path[:index + 1], True
    return (top,), True


def _cut(data: dict[str, Any], paths: Iterable[FieldPath],
         kept: dict[FieldPath, tuple[int, ...]]) -> None:
    """Remove entries and sections from ``data`` (a copy), recording the kept indices."""
    by_list: dict[FieldPath, set[int]] = {}
    for path in paths:
        if len(path) == 1:
            data.pop(str(path[0]), None)
        else:
            by_list.setdefault(path[:-1], set()).add(int(path[-1]))
    for list_path, indices in by_list.items():
        node: Any = data
        for part in list_path:
            node = node.get(part) if isinstance(node, dict) else (
                node[part] if isinstance(node, list) and isinstance(part, int)
                and part < len(node) else None)
        if not isinstance(node, list):
            continue
        previous = kept.get(list_path, tuple(range(len(node))))
        kept[list_path] = tuple(original for position, original in enumerate(previous)
                                if position not in indices)
        node[:] = [item for position, item in enumerate(node) if position not in indices]


def readable_part(data: Any, error: ValidationError) -> tuple[Policy, LeftOut] | None:
    """The policy without the parts that hold errors, or None when nothing can be
    checked (an error in the core, or not a mapping)."""
    if not isinstance(data, dict):
        return None
    work: dict[str, Any] = copy.deepcopy(data)
    kept: dict[FieldPath, tuple[int, ...]] = {}
    entries: list[FieldPath] = []
    sections: set[str] = set()
    errors = error.errors(include_url=False)
    model: type[BaseModel] = Policy
    for _ in range(MAX_ROUNDS):
        cuts: list[FieldPath] = []
        for problem in errors:
            point = _cut_point(work, tuple(problem["loc"]), problem["type"])
            if point is None:
                return None
            path, partial = point
            cuts.append(path)
            if partial:
                sections.add(str(path[0]))
            if len(path) > 1:
                entries.append(LeftOut(kept=dict(kept)).as_written(path))
        _cut(work, dict.fromkeys(cuts), kept)
        model = _partial_model()
        try:
            policy = model.model_validate(work)
        except ValidationError as again:
            errors = again.errors(include_url=False)
            continue
        assert isinstance(policy, Policy)
        return policy, LeftOut(tuple(dict.fromkeys(entries)), frozenset(sections), kept)
    return None
