"""Text that is safe to show: every invisible or control character written as an escape.

A policy, a file name or a template can hold characters that a terminal, a CI log or a
code-scanning page would act on instead of showing: ESC sequences that clear the screen
or fake a green line, bidi overrides that reorder what is read, zero-width characters
that hide a difference. Everything commitgen shows the user passes through
:func:`printable`; values quoted in messages pass through :func:`excerpt` first, so no
message carries more than a short piece of a value.
"""

from __future__ import annotations

import unicodedata

#: a value quoted in a message is cut after this many characters
EXCERPT_LENGTH = 60

#: categories that are never shown as they are: controls, format characters (bidi,
#: zero-width), surrogates, private use, unassigned, line and paragraph separators
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}
#: characters that are invisible but that some scripts (Persian, Indic, Arabic, Hebrew) and
#: emoji sequences need: a warning in a text, an error in an id
SOMETIMES_NEEDED = frozenset("\u00ad\u061c\u200c\u200d\u200e\u200f")


def char_name(char: str) -> str:
    """``RIGHT-TO-LEFT OVERRIDE``, ``ESC``, ``U+E000``: the name of one character."""
    return unicodedata.name(char, "") or {"\x00": "NUL", "\x1b": "ESC", "\x7f": "DEL"}.get(
        char, f"U+{ord(char):04X}")


def escape_char(char: str) -> str:
    """``\\x1b``, ``\\u202e``, ``\\U000e0001``: the escape of one character."""
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def is_hidden(char: str) -> bool:
    """Whether a character would not be seen as itself (or would act on the display)."""
    return unicodedata.category(char) in _HIDDEN_CATEGORIES


def printable(text: str, keep_newlines: bool = False) -> str:
    """``text`` with every hidden character escaped (newlines kept when asked)."""
    if text.isprintable():  # the fast path (False for every hidden category, and more)
        return text
    return "".join(
        char if (char == "\n" and keep_newlines) or not is_hidden(char) else escape_char(char)
        for char in text)


def excerpt(text: str, limit: int = EXCERPT_LENGTH) -> str:
    """A short, escaped piece of a value for a message: at most ``limit`` characters of
    it, then ``…`` and the length of the whole."""
    if len(text) <= limit:
        return printable(text)
    return f"{printable(text[:limit - 1])}… ({len(text)} characters)"
