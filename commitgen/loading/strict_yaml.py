"""Strict YAML: PyYAML's safe parser, our own composer, no surprises.

PyYAML parses the text into events; we compose the events into plain Python
data ourselves so that we decide every rule:

* no tags, anchors, aliases or merge keys (``<<``); no duplicate keys;
* one document per file; bounded nesting depth, node count and file size;
* plain scalars resolve by the YAML 1.2 core schema, narrowed: ``null``/``~``
  /empty, ``true``/``false``, decimal integers without leading zeros and
  decimal fractions (kept exact as :class:`~decimal.Decimal`). Everything else
  (``yes``, ``no``, ``on``, ``012``, ``1:30``, ``0x1F``, ``1e3``, dates) stays
  the text that was written, so YAML 1.1 never silently changes a value; a
  typed field that expects a number, boolean or date reports it instead.

Every value's position is recorded under its field path (``("worst_cases", 0,
"title")``) so that any later error can be located.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import yaml

from commitgen.diagnostics import (
    CODE_CONTROL,
    CODE_ENCODING,
    CODE_INVISIBLE,
    CODE_YAML,
    CODE_YAML_SURPRISE,
    Diagnostic,
    FieldPath,
    Severity,
    format_field_path,
)
from commitgen.printable import SOMETIMES_NEEDED, char_name, escape_char, excerpt, is_hidden

try:  # the C parser is much faster and reports the same marks
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 200_000
#: longer plain scalars are text: no amount, count or percentage needs more characters
MAX_NUMBER_LENGTH = 30

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
#: no leading "+": ``+84912345678`` is a phone number, kept as written
_INT = re.compile(r"^-?(?:0|[1-9][0-9]*)$")
_DECIMAL = re.compile(r"^-?(?:0|[1-9][0-9]*)\.[0-9]+$")

#: plain scalars that YAML 1.1 (and so many tools) would read as something else
YAML11_SURPRISES: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$"),
        "YAML 1.1 reads it as a boolean; commitgen keeps it as text. "
        "Write true or false, or quote it if you mean the word",
    ),
    (
        re.compile(r"^[-+]?0[0-9_]+$"),
        "YAML 1.1 reads a leading zero as an octal number; write the number without "
        "the leading zero, or quote it if it is a code",
    ),
    (
        re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$"),
        "YAML 1.1 reads digits separated by colons as a base-60 number; quote it",
    ),
    (
        re.compile(r"^[-+]?0[xob][0-9a-fA-F_]+$"),
        "hexadecimal, octal and binary literals are not accepted; write a decimal number",
    ),
    (
        re.compile(r"^[-+]?(?:[0-9][0-9_]*)?\.?[0-9_]+[eE][-+]?[0-9]+$"),
        "exponent notation is not accepted; write the number out in full",
    ),
]


def yaml11_hint(text: str) -> str:
    """Why a plain scalar that stayed text may not be what the author meant."""
    if len(text) > MAX_NUMBER_LENGTH:
        return ""
    for pattern, hint in YAML11_SURPRISES:
        if pattern.match(text):
            return hint
    return ""


def yaml_problem(line: int, column: int, message: str, hint: str = "",
                 path: FieldPath = (), code: str = CODE_YAML, warning: bool = False,
                 ) -> Diagnostic:
    """A problem found while reading YAML (1-based line and column), not yet in a file;
    ``warning``: the file reads, but probably not as its author meant (CG003 unless
    ``code`` says otherwise)."""
    shown = tuple(part for part in path if part != "<duplicate>")
    if warning:
        return Diagnostic("", line, column, CODE_YAML_SURPRISE if code == CODE_YAML else code,
                          message, format_field_path(shown), hint, Severity.WARNING,
                          path=shown)
    return Diagnostic("", line, column, code, message, format_field_path(shown), hint,
                      path=shown)


@dataclass
class YamlDocument:
    """Plain data plus where each value and key was written."""

    data: Any
    value_positions: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    #: plain scalars kept as text that YAML 1.1 would have converted, by path
    plain_text: dict[FieldPath, str] = field(default_factory=dict)
    #: values left empty because a ``#`` right after the key started a comment, by path
    emptied_by_comment: dict[FieldPath, str] = field(default_factory=dict)

    def position(self, path: FieldPath) -> tuple[int, int]:
        """Best position for ``path``: its value, else its key, else the nearest parent."""
        for length in range(len(path), -1, -1):
            prefix = path[:length]
            if length == len(path) and prefix in self.value_positions:
                return self.value_positions[prefix]
            if prefix in self.key_positions:
                return self.key_positions[prefix]
            if prefix in self.value_positions:
                return self.value_positions[prefix]
        return (1, 1)


class _Abort(Exception):
    """Stop composing: the problem already recorded makes going on pointless."""


def _mark(event: yaml.Event, at_end: bool = False) -> tuple[int, int]:
    mark = event.end_mark if at_end else event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


#: a comment that follows a plain text after a single space and starts with a word or a
#: number (``Call our #1 hotline``): most likely part of the text that YAML cut off
_CUT_BY_COMMENT = re.compile(r"^ #(?=[^\s#!])")

COMMENT_HINT = ('a space followed by # starts a YAML comment, so the rest of the line is '
                'not part of the value: put the whole text in double quotes, e.g. {example}')


def quoted(text: str) -> str:
    """``text`` as a double-quoted YAML string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class _Composer:
    def __init__(self, events: Iterator[yaml.Event], allow_empty: bool = False,
                 lines: list[str] | None = None, text: str = "") -> None:
        self._lines = lines or []
        self._text = text
        self._allow_empty = allow_empty
        self._events = events
        self._lookahead: yaml.Event | None = None
        self.problems: list[Diagnostic] = []
        self.doc = YamlDocument(data=None)
        self._nodes = 0

    def _next(self) -> yaml.Event:
        if self._lookahead is not None:
            event, self._lookahead = self._lookahead, None
            return event
        return next(self._events)

    def _peek(self) -> yaml.Event:
        if self._lookahead is None:
            self._lookahead = next(self._events)
        return self._lookahead

    def _problem(self, pos: tuple[int, int], message: str, hint: str = "",
                 path: FieldPath = (), warning: bool = False) -> None:
        self.problems.append(yaml_problem(pos[0], pos[1], message, hint, path,
                                          warning=warning))

    def compose(self) -> None:
        event = self._next()
        assert isinstance(event, yaml.StreamStartEvent)
        event = self._next()
        if isinstance(event, yaml.StreamEndEvent):
            if self._allow_empty:
                return
            self._problem((1, 1), "the file is empty",
                          "start from `commitgen init` or an example in policies/")
            return
        assert isinstance(event, yaml.DocumentStartEvent)
        self.doc.data = self._compose_node((), 0)
        end = self._next()
        assert isinstance(end, yaml.DocumentEndEvent)
        event = self._next()
        if not isinstance(event, yaml.StreamEndEvent):
            self._problem(_mark(event), "the file holds more than one YAML document",
                          "keep one policy per file; remove the `---` separator")

    def _check_node(self, event: yaml.NodeEvent, path: FieldPath, depth: int) -> None:
        self._nodes += 1
        if self._nodes > MAX_NODES:
            self._problem(_mark(event), f"the document has more than {MAX_NODES} values",
                          "split it; a policy is far smaller than this", path)
            raise _Abort
        if depth > MAX_DEPTH:
            self._problem(_mark(event), f"the document is nested deeper than {MAX_DEPTH} levels",
                          "flatten the structure", path)
            raise _Abort
        if event.anchor is not None:
            self._problem(_mark(event), f"anchors (&{excerpt(event.anchor)}) are not allowed",
                          "write the value out in full where it is used", path)
        tag = getattr(event, "tag", None)
        if tag is not None:  # the parser reports a tag only when one was written
            self._problem(_mark(event), f"YAML tags ({excerpt(tag)}) are not allowed",
                          "remove the tag; commitgen decides types from the field", path)
        if isinstance(event, yaml.ScalarEvent):
            control = _ESCAPED_CONTROL.search(event.value)
            if control is not None:  # written as an escape ("\e", "\0") in double quotes
                char = control.group()
                self.problems.append(yaml_problem(
                    *_mark(event), f"a control character ({escape_char(char)}, "
                    f"{char_name(char)}) in a text, written as an escape",
                    "remove the escape: texts hold no control characters (they would act on "
                    "terminals and CI logs); \\n and \\t are fine", path, code=CODE_CONTROL))
            self._invisible(event, path)

    def _invisible(self, event: yaml.ScalarEvent, path: FieldPath) -> None:
        """The first invisible character of a key or text (CG005), where it was written:
        at its own line and column when it is in the file as it is, at the value when it
        was written as an escape."""
        value = event.value
        if value.isprintable():  # the fast path: no hidden character at all
            return
        found = next((c for c in value  # control characters are CG004's
                      if is_hidden(c) and unicodedata.category(c) != "Cc"), None)
        if found is None:
            return
        error = found not in SOMETIMES_NEEDED or (path[-1:] == ("id",))
        line, column = self._char_position(event, found)
        name = char_name(found)
        if error:
            message = (f"an invisible character ({escape_char(found)}, {name}) in a text: it "
                       "hides or reorders what readers see")
            hint = ("delete it (an editor that shows invisible characters finds it); a text "
                    "is shown as written, so nothing hidden is needed")
        else:
            message = (f"an invisible character ({escape_char(found)}, {name}) in a text")
            hint = ("keep it only if the script or an emoji needs it; otherwise delete it "
                    "(an editor that shows invisible characters finds it)")
        self.problems.append(yaml_problem(line, column, message, hint, path,
                                          warning=not error, code=CODE_INVISIBLE))

    def _char_position(self, event: yaml.ScalarEvent, char: str) -> tuple[int, int]:
        start, end = event.start_mark, event.end_mark
        if start is None or end is None:
            return (1, 1)
        at = self._text.find(char, start.index, end.index)
        if at < 0:  # written as an escape in double quotes
            return _mark(event)
        breaks = list(_LINE_BREAK.finditer(self._text, start.index, at))
        if not breaks:
            return (start.line + 1, start.column + 1 + at - start.index)
        return (start.line + 1 + len(breaks), at - breaks[-1].end() + 1)

    def _compose_node(self, path: FieldPath, depth: int) -> Any:
        event = self._next()
        if isinstance(event, yaml.AliasEvent):
            anchor = excerpt(event.anchor or "")
            self._problem(_mark(event), f"aliases (*{anchor}) are not allowed",
                          "write the value out in full where it is used", path)
            self.doc.value_positions[path] = _mark(event)
            return None
        assert isinstance(event, yaml.NodeEvent)
        self._check_node(event, path, depth)
        self.doc.value_positions[path] = _mark(event)
        if isinstance(event, yaml.ScalarEvent):
            return self._scalar(event, path)
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            while not isinstance(self._peek(), yaml.SequenceEndEvent):
                items.append(self._compose_node((*path, len(items)), depth + 1))
            self._next()
            return items
        assert isinstance(event, yaml.MappingStartEvent)
        return self._mapping(path, depth)

    def _mapping(self, path: FieldPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        while not isinstance(self._peek(), yaml.MappingEndEvent):
            key_event = self._next()
            pos = _mark(key_event)
            if not isinstance(key_event, yaml.ScalarEvent):
                self._problem(pos, "mapping keys must be plain names", "", path)
                if isinstance(key_event, yaml.AliasEvent):
                    self._compose_node(path, depth + 1)
                    continue
                self._skip_collection(key_event)
                self._compose_node(path, depth + 1)
                continue
            self._check_node(key_event, path, depth + 1)
            key = key_event.value
            child = (*path, key)
            if key == "<<" and not key_event.style:
                self._problem(pos, "merge keys (<<) are not allowed",
                              "write the fields out in full", path)
            if key in first_seen:
                self._problem(pos, f'duplicate key "{excerpt(key)}" (first defined on line '
                              f"{first_seen[key]})", "remove or rename one of them", child)
                self._compose_node(("<duplicate>", *child), depth + 1)
                continue
            first_seen[key] = pos[0]
            self.doc.key_positions[child] = pos
            result[key] = self._compose_node(child, depth + 1)
        self._next()
        return result

    def _skip_collection(self, start: yaml.Event) -> None:
        level = 1
        while level:
            event = self._next()
            if isinstance(event, yaml.CollectionStartEvent):
                level += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                level -= 1

    def _rest_of_line(self, event: yaml.ScalarEvent, at_end: bool) -> str:
        mark = event.end_mark if at_end else event.start_mark
        if mark is None or not 0 <= mark.line < len(self._lines):
            return ""
        return self._lines[mark.line][mark.column:]

    def _scalar(self, event: yaml.ScalarEvent, path: FieldPath) -> Any:
        text = event.value
        if event.style:  # quoted or block scalar: always text (plain is None or "")
            return text
        if text == "" and (after := self._rest_of_line(event, at_end=False).strip()
                           ).startswith("#"):
            self.doc.emptied_by_comment[path] = after
        elif text and _CUT_BY_COMMENT.match(rest := self._rest_of_line(event, at_end=True)):
            end = _mark(event, at_end=True)
            self._problem((end[0], end[1] + 1), f"the text ends at \"{excerpt(text)}\": YAML "
                          f"reads \"{excerpt(rest.strip())}\" as a comment",
                          COMMENT_HINT.format(example=excerpt(quoted((text + rest).rstrip()),
                                                              120)), path,
                          warning=True)
        if _NULL.match(text):
            return None
        if text in _BOOL:
            return _BOOL[text]
        if len(text) > MAX_NUMBER_LENGTH:  # no number is this long: text, and no regex work
            return text
        if _INT.match(text):
            return int(text)
        if _DECIMAL.match(text):
            return Decimal(text)
        if yaml11_hint(text):
            self.doc.plain_text[path] = text
        return text


#: what YAML does not allow in a file (PyYAML's reader would stop at the first, with an
#: offset in characters instead of a line and column)
_NOT_IN_YAML = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd"
                          "\U00010000-\U0010ffff]")
#: what ends a line for YAML (and so for the line numbers of every other problem)
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
#: control characters a double-quoted escape can put in a value (tab and line feed are
#: ordinary text)
_ESCAPED_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: at most this many control characters are listed, then how many more there are
_MAX_LISTED = 10


def control_characters(text: str) -> list[Diagnostic]:
    """Each character YAML does not allow (NUL, ESC, other controls), at its line and
    column."""
    found = list(_NOT_IN_YAML.finditer(text))
    problems = []
    for index, match in enumerate(found[:_MAX_LISTED], start=1):
        before = text[:match.start()]
        breaks = list(_LINE_BREAK.finditer(before))
        column = match.start() - (breaks[-1].end() if breaks else 0) + 1
        char = match.group()
        more = (f" (and {len(found) - index} more)"
                if index == _MAX_LISTED and len(found) > index else "")
        problems.append(yaml_problem(
            len(breaks) + 1, column, f"a control character ({escape_char(char)}, "
            f"{char_name(char)}) cannot be in a YAML file{more}",
            "delete it: it is invisible in most editors (one that shows control characters "
            "finds it), and would act on terminals and CI logs", code=CODE_CONTROL))
    return problems


def parse_yaml(text: str, allow_empty: bool = False) -> tuple[YamlDocument, list[Diagnostic]]:
    """Parse one strict YAML document. Returns the data and every problem found."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        return YamlDocument(None), [
            yaml_problem(1, 1, f"the file is larger than {MAX_BYTES // 1024 // 1024} MiB",
                        "a policy is far smaller than this; split it")
        ]
    unreadable = control_characters(text)
    if unreadable:
        return YamlDocument(None), unreadable
    lines = text.splitlines()
    composer = _Composer(iter(yaml.parse(text, Loader=_Loader)), allow_empty, lines, text)
    try:
        composer.compose()
    except _Abort:
        pass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        composer.problems.append(yaml_problem(line, col, f"invalid YAML: {problem}",
                                              syntax_hint(lines, line, col, problem)))
    except yaml.YAMLError as exc:
        composer.problems.append(yaml_problem(1, 1, f"invalid YAML: {exc}"))
    return composer.doc, composer.problems


_DASH_WITHOUT_SPACE = re.compile(r"^\s*-(?=[^\s\d-])")
_KEY_AND_VALUE = re.compile(r"^(\s*(?:-\s+)?[^\s:#'\"][^:#]*?:\s+)(.*\S)\s*$")


def syntax_hint(lines: list[str], line: int, column: int, problem: str) -> str:
    """A plain-words hint for the YAML syntax errors people make most: a tab, a missing
    space after a list dash, a colon inside an unquoted text, a comma or colon inside
    ``{…}``. ``line`` and ``column`` are 1-based, where the parser stopped."""
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in here[:column] or "\t" in here[: len(here) - len(here.lstrip())]:
        return ("this line is indented with a tab: YAML indents with spaces only; replace "
                "the tab with spaces (most editors can insert spaces when Tab is pressed)")
    for number in range(min(line, len(lines)), max(line - 3, 0), -1):
        if _DASH_WITHOUT_SPACE.match(lines[number - 1]):
            item = lines[number - 1].strip()
            return (f"line {number} starts a list item without a space after the dash: "
                    f"write \"- {item[1:]}\" instead of \"{item}\"")
    if "mapping values are not allowed" in problem:
        match = _KEY_AND_VALUE.match(here)
        example = f"{match.group(1).strip()} {quoted(match.group(2))}" if match else \
            'title: "Giờ mở cửa: 8h–17h"'
        return ("a colon followed by a space inside a text makes YAML read a new field: "
                f"put the whole text in double quotes, e.g. {example}")
    if "expected ',' or '}'" in problem or "expected ',' or ']'" in problem:
        return ("inside {…} or […], a comma, a colon with a space or a quote ends the "
                "text: put that text in double quotes, or write the entries on lines "
                "of their own")
    if "could not find expected ':'" in problem:
        return ("a line in a mapping must be \"field: value\"; check the line above for a "
                "missing colon, or a text that runs onto the next line without quotes")
    return "check the indentation and quoting around this position"


def decode_utf8(raw: bytes) -> tuple[str | None, Diagnostic | None]:
    """Decode bytes as UTF-8 (a BOM is allowed), locating the first bad byte."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, yaml_problem(
            line, column, f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
            "save the file as UTF-8 (most editors: File → Save with encoding → UTF-8)",
            code=CODE_ENCODING)
