"""Turn validation errors into located diagnostics.

Pydantic reports an error at a ``loc`` such as ``("worst_cases", 2, "compensation",
"fixed", "amount")``; the ``"fixed"`` there is a union tag, not a key. We walk the
loaded data along the loc to find the real field path, then look its position up
in the :class:`~commitgen.loading.strict_yaml.YamlDocument`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import types
import typing
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError

from commitgen.diagnostics import (
    CODE_ENTRY_CONFLICT,
    CODE_MISSING_FIELD,
    CODE_TYPE,
    CODE_UNKNOWN_FIELD,
    Diagnostic,
    FieldPath,
)
from commitgen.loading.reference import anchor_for, see
from commitgen.loading.strict_yaml import COMMENT_HINT, YamlDocument, quoted, yaml11_hint
from commitgen.model.base import Text, describe
from commitgen.model.compensation import SCHEME_TYPES
from commitgen.model.duration import Duration
from commitgen.model.money import Money
from commitgen.model.policy import CHANNEL_TYPES
from commitgen.model.site import SiteConfig
from commitgen.printable import excerpt


def place_all(doc: YamlDocument, file: str,
              problems: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Problems found at field paths, placed at their line and column in ``file``."""
    return [problem.placed(file, doc) for problem in problems]


#: why a required field matters, for the fields whose absence a customer feels
MISSING_HINTS = {
    "changes": "say how far ahead customers are told of a change, and how: "
               "changes: {notice: 30 days, how: …}",
    "notice": "say how far ahead customers are told of a change (notice: 30 days)",
    "escalation": "give the ladder up to management, with a direct contact: "
                  "escalation: [{role: Head of service, email: …}]",
    "channels": "say how customers can complain, with opening hours",
    "respond_within": "say how soon the customer hears back (respond_within: 4 hours)",
    "resolve_within": "say by when the case is resolved (resolve_within: 2 days)",
    "compensation": "say what the customer is owed, or type: none with the public reason",
}

#: custom errors of model validators about fields of one entry that exclude or need each
#: other (CG013), rather than one value of the wrong form (CG010)
ENTRY_CONFLICTS = frozenset({"one_of", "together", "grace", "bounds", "contact", "fee_basis",
                             "hours", "closed", "voucher_consent", "voucher_only"})


def data_path(data: Any, loc: tuple[str | int, ...]) -> tuple[FieldPath, tuple[str | int, ...]]:
    """Follow ``loc`` through ``data``: (the path that exists, the loc parts not in data)."""
    path: list[str | int] = []
    rest: list[str | int] = []
    node = data
    for part in loc:
        in_mapping = isinstance(node, dict) and isinstance(part, str) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_mapping or in_list:
            path.append(part)
            node = node[part]
        else:
            rest.append(part)
    return tuple(path), tuple(rest)


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete alternatives of an annotation (Annotated, Optional and unions removed)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [alt for arg in typing.get_args(annotation) for alt in _unwrap(arg)]
    return [annotation]


def _candidates_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[Any]:
    """The types a value at ``loc`` (a pydantic loc, tags included) below ``model`` may
    have."""
    candidates: list[Any] = [model]
    for part in loc:
        following: list[Any] = []
        for candidate in candidates:
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                for name, info in candidate.model_fields.items():
                    if part in (name, info.alias):
                        following.extend(_unwrap(info.annotation))
            elif typing.get_origin(candidate) in (list, tuple) and isinstance(part, int):
                following.extend(alt for arg in typing.get_args(candidate) for alt in _unwrap(arg))
        if following:
            candidates = following
        # a union tag in the loc: keep the alternatives whose type literal matches
        elif isinstance(part, str):
            candidates = [c for c in candidates if _matches_tag(c, part)] or candidates
    return candidates


def fields_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """Field names valid at ``loc`` (a pydantic loc, tags included) below ``model``."""
    names: list[str] = []
    for candidate in _candidates_at(model, loc):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            names.extend(info.alias or name for name, info in candidate.model_fields.items())
    return sorted(set(names))


def values_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """The words a field at ``loc`` accepts when it takes one of a fixed list (a literal
    or an enumeration), in their declared order; empty otherwise."""
    values: list[str] = []
    for candidate in _candidates_at(model, loc):
        if typing.get_origin(candidate) is typing.Literal:
            values.extend(str(arg) for arg in typing.get_args(candidate))
        elif isinstance(candidate, type) and issubclass(candidate, enum.Enum):
            values.extend(str(member.value) for member in candidate)
    return list(dict.fromkeys(values))


def _what_to_write(name: str, model: type[BaseModel], loc: tuple[str | int, ...]) -> str:
    """How to add a missing field: its words when it takes one of a fixed list, else an
    example of its kind of value."""
    choices = values_at(model, loc)
    examples = {Duration: "a duration, e.g. 4 hours or 2 business days",
                Money: "an amount and its currency, e.g. 200000 VND",
                Text: "a text, or one per language: {vi: …, en: …}",
                dt.date: "a date written YYYY-MM-DD"}
    for candidate in _candidates_at(model, loc):
        if candidate in examples:
            return f"add {name}: {examples[candidate]}"
    if choices:
        return f"add {name}: one of " + ", ".join(choices)
    return ""


def _matches_tag(candidate: Any, tag: str) -> bool:
    if not (isinstance(candidate, type) and issubclass(candidate, BaseModel)):
        return False
    field = candidate.model_fields.get("type")
    return field is not None and tag.strip("<>") in typing.get_args(field.annotation)


#: custom error types of discriminators keyed on a ``type`` field, and their types
_UNION_TYPES = {"compensation_type": SCHEME_TYPES, "channel_type": CHANNEL_TYPES}
_TAGGED_UNION_ERRORS = set(_UNION_TYPES)


def _misspelt(loc: tuple[str | int, ...], unknown: set[tuple[tuple[str | int, ...], str]]) -> bool:
    """Whether a missing field was written under a misspelt name beside it."""
    parent, name = tuple(loc[:-1]), str(loc[-1])
    typos = [typo for where, typo in unknown if where == parent]
    return bool(difflib.get_close_matches(name, typos, n=1, cutoff=0.6))


#: fields of an earlier format: old name → (new name, what to do), reported where the new
#: name is allowed
RENAMED = {
    "summary": ("explanation", "the documents now state the compensation themselves, from its "
                "fields; rename summary: to explanation: and keep only what that statement does "
                "not say (why, what it means in practice), or delete it"),
}


def _closest(name: str, options: list[str]) -> str:
    match = difflib.get_close_matches(name, options, n=1, cutoff=0.6)
    return f' — did you mean "{match[0]}"?' if match else ""


def validation_diagnostics(exc: ValidationError, model: type[BaseModel], doc: YamlDocument,
                           file: str) -> list[Diagnostic]:
    """Every pydantic error as a located diagnostic, duplicates removed."""
    seen: set[tuple[FieldPath, str]] = set()
    out: list[Diagnostic] = []
    errors = exc.errors(include_url=False)
    unknown = {(tuple(e["loc"][:-1]), str(e["loc"][-1])) for e in errors
               if e["type"] == "extra_forbidden"}
    for error in errors:
        if error["type"] == "missing" and _misspelt(error["loc"], unknown):
            continue  # reported as 'unknown field "x" — did you mean …' instead
        loc = tuple(error["loc"])
        path, _ = data_path(doc.data, loc)
        kind = error["type"]
        value = error.get("input")
        code, hint = CODE_TYPE, ""
        shown_path = located_at = path
        if kind == "extra_forbidden":
            code = CODE_UNKNOWN_FIELD
            name = str(loc[-1])
            allowed = fields_at(model, loc[:-1])
            message = f'unknown field "{excerpt(name)}"{_closest(name, allowed)}'
            if allowed and not _closest(name, allowed):
                hint = "allowed here: " + ", ".join(allowed)
            renamed = RENAMED.get(name)
            if renamed is not None and renamed[0] in allowed:
                message = f'"{name}" was renamed "{renamed[0]}" here'
                hint = renamed[1]
        elif kind == "missing":
            code = CODE_MISSING_FIELD
            name = str(loc[-1])
            shown_path = (*path, name)
            message = f'missing required field "{name}"'
            hint = _what_to_write(name, model, loc) or MISSING_HINTS.get(name, "")
        elif kind == "union_tag_not_found" or (
                kind in _TAGGED_UNION_ERRORS and isinstance(value, dict) and "type" not in value):
            code = CODE_MISSING_FIELD
            shown_path = (*path, "type")
            message = 'missing required field "type"'
            hint = error["msg"]
        elif kind in _TAGGED_UNION_ERRORS and isinstance(value, dict):
            written = str(value.get("type"))
            options = _UNION_TYPES[kind]
            shown_path = located_at = (*path, "type")
            message = f'unknown type "{excerpt(written)}"{_closest(written, list(options))}'
            hint = "use one of: " + ", ".join(options)
        elif kind == "enum" or kind == "literal_error":
            expected = error.get("ctx", {}).get("expected", "")
            message = f"expected {expected.replace(chr(39), chr(34))}, got {describe(value)}"
            if isinstance(value, str):
                message += _closest(value, values_at(model, loc))
        elif kind in ("model_type", "model_attributes_type", "dict_type"):
            message = f"expected a mapping of fields, got {describe(value)}"
        elif kind in ("list_type", "tuple_type"):
            message = f"expected a list, got {describe(value)}"
        elif kind == "bool_type":
            message = f"expected true or false, got {describe(value)}"
        elif kind == "too_short":
            minimum = error.get("ctx", {}).get("min_length", 1)
            message = f"expected at least {minimum} item{'s' if minimum != 1 else ''}"
        else:
            if kind in ENTRY_CONFLICTS:
                code = CODE_ENTRY_CONFLICT
            message = error["msg"]
            if message.startswith("Value error, "):
                message = message[len("Value error, "):]
        if path in doc.plain_text and not hint and kind != "time":
            hint = yaml11_hint(doc.plain_text[path])
        emptied = [text for where, text in doc.emptied_by_comment.items()
                   if where[:len(path)] == path] if kind != "missing" else []
        if emptied:
            hint = COMMENT_HINT.format(example=quoted(emptied[0]))
        key = (shown_path, message)
        if key in seen:
            continue
        seen.add(key)
        reference = see(anchor_for(shown_path, "" if code != CODE_TYPE else kind,
                                   config=issubclass(model, SiteConfig), data=doc.data))
        hint = f"{hint}; {reference}" if hint else reference
        line, col = (doc.key_positions.get(path) if kind == "extra_forbidden" else None
                     ) or doc.position(located_at)
        out.append(Diagnostic(file, line, col, code, message, hint=hint,
                              path=shown_path).placed(file, None, shown_path))
    return out
