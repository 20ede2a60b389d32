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


#: the page counters a running header or footer may show
COUNTERS = ("page", "pages")
#: how :func:`css_counter` marks a counter in escaped text: a raw ``<`` cannot come from
#: data (autoescaping writes it ``&lt;``), so policy text that says ``counter(pages)`` stays text
_COUNTER_MARK = re.compile(r"<css-counter (page|pages)>")


def css_counter(name: str) -> Markup:
    """A page counter for :func:`css_content`: ``_("Page %(page)s of %(pages)s",
    page=css_counter("page"), pages=css_counter("pages"))|css_content``."""
    if name not in COUNTERS:
        raise ValueError(f"css_counter: {name!r} is not one of {', '.join(COUNTERS)}")
    return Markup(f"<css-counter {name}>")


def css_content(value: Any) -> Markup:
    """A CSS ``content`` value: the text as quoted strings, with the counters that
    :func:`css_counter` marked as ``counter(page)`` and ``counter(pages)``.

    Only a counter the template marked becomes one: the mark is raw HTML in an escaped
    (Markup) text, which no data can write, so a version or a name holding
    ``counter(pages)`` is printed as written. A plain (unescaped) text has no counters.
    """
    if not isinstance(value, Markup):
        return css_string(value)
    parts = _COUNTER_MARK.split(str(value))
    out = [f"counter({part})" if index % 2 else css_string(Markup(part))
           for index, part in enumerate(parts) if index % 2 or part]
    return Markup(" ".join(out) or '""')


def tint(colour: str, white: float) -> str:
    """``colour`` (#rgb or #rrggbb) mixed with ``white`` parts of white (0…1): a light
    background from a branding colour (WeasyPrint has no color-mix())."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    channels = [int(digits[i:i + 2], 16) for i in (0, 2, 4)]
    mixed = [round(c + (255 - c) * float(white)) for c in channels]
    return "#" + "".join(f"{c:02x}" for c in mixed)
