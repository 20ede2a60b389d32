"""Inline suppressions: ``# commitgen: ignore[CG160] the reason`` in a policy file.

The strict YAML loader drops comments, so they are read from the source text. A
suppression applies to problems reported on its own line (a trailing comment) or,
when the comment stands on a line of its own, on the next line that holds YAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_COMMENT = re.compile(r"(?:^|\s)#\s*commitgen:\s*ignore\s*(?:\[(?P<codes>[^\]]*)\])?"
                      r"\s*[:—–-]?\s*(?P<reason>.*?)\s*$", re.IGNORECASE)


@dataclass
class Suppression:
    line: int  # where the comment is
    column: int
    target: int  # the line it applies to
    keys: tuple[str, ...]  # rule codes or names as written
    reason: str
    used: set[str] = field(default_factory=set)  # rule codes it suppressed


def scan(text: str) -> list[Suppression]:
    """Every ``commitgen: ignore`` comment in ``text``."""
    lines = text.splitlines()
    found = []
    for index, line in enumerate(lines):
        match = _COMMENT.search(line)
        if match is None:
            continue
        own_line = not line[:match.start()].strip()
        target = index + 1
        if own_line:
            target = next((i + 1 for i in range(index + 1, len(lines))
                           if lines[i].strip() and not lines[i].lstrip().startswith("#")),
                          index + 1)
        keys = tuple(k.strip() for k in (match.group("codes") or "").split(",") if k.strip())
        column = line.index("#", match.start()) + 1
        found.append(Suppression(index + 1, column, target, keys, match.group("reason")))
    return found
