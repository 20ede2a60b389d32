"""Inline suppressions: ``# commitgen: ignore[CG160] the reason`` in a policy file.

The strict YAML loader drops comments, so they are read from the source text. Only
real YAML comments count: a ``#`` inside a scalar (a quoted string, a ``|`` or ``>``
block) is content, which is published, not a comment. A suppression applies to problems
reported on its own line (a trailing comment) or, when the comment stands on a line of
its own, on the next line that holds YAML.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

import yaml

try:  # the C parser is much faster and reports the same marks
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_HASH = re.compile(r"(?:^|(?<=\s))#")
_COMMENT = re.compile(r"#\s*commitgen:\s*ignore\s*(?:\[(?P<codes>[^\]]*)\])?"
                      r"\s*[:—–-]?\s*(?P<reason>.*?)\s*$", re.IGNORECASE)


@dataclass
class Suppression:
    line: int  # where the comment is
    column: int
    target: int  # the line it applies to
    keys: tuple[str, ...]  # rule codes or names as written
    reason: str
    used: set[str] = field(default_factory=set)  # rule codes it suppressed


Position = tuple[int, int]  # 0-based line and column


def scalar_spans(text: str) -> list[tuple[Position, Position]]:
    """Where every scalar of ``text`` starts and ends, in order. A block scalar (``|``,
    ``>``) starts on the line after its indicator: a comment may follow the indicator."""
    spans: list[tuple[Position, Position]] = []
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if not isinstance(event, yaml.ScalarEvent):
                continue
            start, end = event.start_mark, event.end_mark
            if start is None or end is None:
                continue
            begin = (start.line, start.column)
            if event.style in ("|", ">"):
                begin = (start.line + 1, 0)
            spans.append((begin, (end.line, end.column)))
    except yaml.YAMLError:
        pass  # rules run on files that load; keep what was read
    return spans


def _inside(spans: list[tuple[Position, Position]], starts: list[Position],
            at: Position) -> bool:
    index = bisect_right(starts, at) - 1
    return index >= 0 and spans[index][0] <= at < spans[index][1]


def _comment_start(line: str, number: int, spans: list[tuple[Position, Position]],
                   starts: list[Position]) -> int | None:
    """The column where the YAML comment of line ``number`` starts, if it has one."""
    for match in _HASH.finditer(line):
        if not _inside(spans, starts, (number, match.start())):
            return match.start()
    return None


def scan(text: str) -> list[Suppression]:
    """Every ``commitgen: ignore`` comment in ``text`` (real YAML comments only)."""
    spans = scalar_spans(text)
    starts = [span[0] for span in spans]
    lines = text.splitlines()
    comments = [_comment_start(line, index, spans, starts) for index, line in enumerate(lines)]
    found = []
    for index, line in enumerate(lines):
        at = comments[index]
        if at is None:
            continue
        match = _COMMENT.search(line, at)
        if match is None:
            continue
        own_line = not line[:at].strip()
        target = index + 1
        if own_line:
            target = next((i + 1 for i in range(index + 1, len(lines))
                           if lines[i].strip() and comments[i] != len(lines[i]) - len(
                               lines[i].lstrip())), index + 1)
        keys = tuple(k.strip() for k in (match.group("codes") or "").split(",") if k.strip())
        found.append(Suppression(index + 1, match.start() + 1, target, keys,
                                 match.group("reason")))
    return found
