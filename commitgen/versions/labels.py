"""Version labels: how they sort and which folder name each is published under."""

from __future__ import annotations

import re

_SAFE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$")
_PART = re.compile(r"\d+|[^\d]+")


def folder_name(version: str) -> str | None:
    """``"2.1"`` → ``"v2.1"``: the stable address of a version; None when the label cannot
    name a folder (spaces, slashes…)."""
    return f"v{version}" if _SAFE.match(version) else None


def sort_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Natural order: ``1.9`` < ``1.10`` < ``2.0``; numbers before words at a position."""
    return tuple((0, int(part)) if part.isdigit() else (1, part.lower())
                 for part in _PART.findall(version))


def is_before(a: str, b: str) -> bool:
    return sort_key(a) < sort_key(b)
