"""Safe CSS from text: theme labels in ``@page`` rules and colours derived from branding."""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup


def _plain(value: Any) -> str:
    return value.unescape() if isinstance(value, Markup) else str(value)


def css_string(value: Any) -> Markup:
    """``value`` as a quoted CSS string, safe inside ``<style>`` (theme labels in @page rules).

    Quotes, backslashes, control characters and ``<``, ``>``, ``&`` are written as CSS
    escapes, so no text can end the string or the style element.
    """
    out = []
    for char in _plain(value):
        if char in '"\'\\<>&' or ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\{ord(char):x} ")
        else:
            out.append(char)
    return Markup('"' + "".join(out) + '"')


_CSS_COUNTER = re.compile(r"(counter\(pages?\))")


def css_content(value: Any) -> Markup:
    """A CSS ``content`` value: the text as quoted strings, ``counter(page)`` and
    ``counter(pages)`` kept as counters (``_("Page %(page)s of %(pages)s",
    page="counter(page)", pages="counter(pages)")|css_content``)."""
    parts = [part for part in _CSS_COUNTER.split(_plain(value)) if part]
    return Markup(" ".join(part if _CSS_COUNTER.fullmatch(part) else css_string(part)
                           for part in parts) or '""')


def tint(colour: str, white: float) -> str:
    """``colour`` (#rgb or #rrggbb) mixed with ``white`` parts of white (0…1): a light
    background from a branding colour (WeasyPrint has no color-mix())."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    channels = [int(digits[i:i + 2], 16) for i in (0, 2, 4)]
    mixed = [round(c + (255 - c) * float(white)) for c in channels]
    return "#" + "".join(f"{c:02x}" for c in mixed)
