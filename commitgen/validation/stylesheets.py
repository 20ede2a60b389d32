"""Lint a project's own stylesheets for sizes no document needs.

WeasyPrint lays a page out as large or as small as a stylesheet says. A page a hundred
metres wide, or a table of contents in text of a hundredth of a point, fills each line
with leader dots by the million (a minute of CPU and gigabytes for one PDF); a page too
small for its margins stops WeasyPrint with an assertion. The PDF workers' limits
(``limits:`` in commitgen.yaml) stop such a document anyway; this lint names the cause
first, at the stylesheet's file, line and column:

* ``size`` in an ``@page`` rule with a side under :data:`SMALLEST_PAGE_MM` or over
  :data:`LARGEST_PAGE_MM` (A6 to A0 fit; keywords such as ``A4 landscape`` are fine);
* a length over the largest page in any declaration but ``max-*`` and corner radii (a
  cap or a corner never makes a box larger), and text under :data:`SMALLEST_TEXT_PT`.

Stylesheets are the project's ``.css`` files in its templates folder, ``<style>``
elements, ``{% block …_css %}`` blocks and ``style="…"`` attributes of its templates.
Template code (``{{ … }}``, ``{% … %}``) inside them is read as white space.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import tinycss2

from commitgen.diagnostics import Diagnostic, display_path
from commitgen.validation.templates import (
    CSS_SUFFIXES,
    MAX_TEMPLATE_BYTES,
    TemplateFinding,
    project_template_files,
)

CODE_PAGE_SIZE = "CG314"
CODE_LENGTH = "CG315"

#: the sides a page may have, in millimetres (A6 is 105 × 148, A0 is 841 × 1189)
SMALLEST_PAGE_MM = 100
LARGEST_PAGE_MM = 1200
#: the smallest text, in points, other than 0 (nothing shown)
SMALLEST_TEXT_PT = 1

STYLESHEET_SUFFIXES = CSS_SUFFIXES

#: millimetres per unit; font-relative units at a 16 px font, viewport units of the
#: largest page (what they can be at most)
_MM = {"mm": 1.0, "cm": 10.0, "q": 0.25, "in": 25.4, "pt": 25.4 / 72, "pc": 25.4 / 6,
       "px": 25.4 / 96, "em": 16 * 25.4 / 96, "rem": 16 * 25.4 / 96, "ex": 8 * 25.4 / 96,
       "ch": 8 * 25.4 / 96, "vw": LARGEST_PAGE_MM / 100, "vh": LARGEST_PAGE_MM / 100,
       "vmin": LARGEST_PAGE_MM / 100, "vmax": LARGEST_PAGE_MM / 100}
_PT_PER_MM = 72 / 25.4
_FONT_SIZE_PERCENT_MM = 16 * 25.4 / 96 / 100
_UNCAPPED = re.compile(r"^(max-|border-(.*-)?radius$)")
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_STYLE_ELEMENT = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.S | re.I)
_CSS_BLOCK = re.compile(r"\{%-?\s*block\s+\w*css\b.*?%\}(.*?)\{%-?\s*endblock\b", re.S)
_STYLE_ATTRIBUTE = re.compile(r"""\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)


def lint_stylesheets(folder: Path | None, shown_from: Path | None = None) -> list[Diagnostic]:
    """Every size out of bounds in the stylesheets under ``folder`` (the project's own
    templates), located. Files leading outside the folder are reported by the template
    lint and not read here."""
    out: list[Diagnostic] = []
    for path, inside in project_template_files(folder):
        if not inside or path.stat().st_size > MAX_TEMPLATE_BYTES:
            continue
        suffix = path.suffix.lower()
        source = path.read_text(encoding="utf-8", errors="replace")
        findings = (lint_css(source) if suffix in STYLESHEET_SUFFIXES
                    else lint_template_css(source))
        file = display_path(path, shown_from)
        out.extend(Diagnostic(file, f.line, f.column, f.code, f.message, hint=f.hint)
                   for f in findings)
    return sorted(out)


def lint_css(source: str) -> list[TemplateFinding]:
    """The sizes out of bounds in a stylesheet (which may hold template code)."""
    return _sorted(_rules(tinycss2.parse_stylesheet(_blank_jinja(source),
                                                    skip_whitespace=True,
                                                    skip_comments=True), page=False))


def lint_template_css(source: str) -> list[TemplateFinding]:
    """The sizes out of bounds in a template's ``<style>`` elements, ``…_css`` blocks and
    ``style`` attributes."""
    text = _blank_jinja(source)
    sheets = [m.span(1) for m in _STYLE_ELEMENT.finditer(text)]
    sheets += [m.span(1) for m in _CSS_BLOCK.finditer(source)]
    attributes = [m.span(m.lastindex or 1) for m in _STYLE_ATTRIBUTE.finditer(text)]
    found = [f for span in sheets for f in _rules(tinycss2.parse_stylesheet(
        _only(text, span), skip_whitespace=True, skip_comments=True), page=False)]
    for span in attributes:
        found += _declarations(tinycss2.parse_blocks_contents(
            _only(text, span), skip_whitespace=True, skip_comments=True), page=False)
    return _sorted(found)


def _sorted(findings: Iterable[TemplateFinding]) -> list[TemplateFinding]:
    return sorted(set(findings), key=lambda f: (f.line, f.column, f.code))


def _blank_jinja(source: str) -> str:
    """``source`` with template code written as spaces (line breaks kept)."""
    return _JINJA.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), source)


def _only(text: str, span: tuple[int, int]) -> str:
    """``text`` with everything outside ``span`` written as spaces (line breaks kept), so
    the CSS parser's lines and columns are the file's."""
    start, end = span
    return _blank(text[:start]) + text[start:end] + _blank(text[end:])


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def _rules(nodes: Iterable[tinycss2.ast.Node], page: bool) -> Iterator[TemplateFinding]:
    for node in nodes:
        if node.type == "qualified-rule":
            yield from _declarations(tinycss2.parse_blocks_contents(
                node.content, skip_whitespace=True, skip_comments=True), page)
        elif node.type == "at-rule" and node.content is not None:
            inner_page = page or node.lower_at_keyword == "page"
            contents = tinycss2.parse_blocks_contents(node.content, skip_whitespace=True,
                                                      skip_comments=True)
            yield from _declarations(contents, inner_page)


def _declarations(nodes: Iterable[tinycss2.ast.Node], page: bool
                  ) -> Iterator[TemplateFinding]:
    for node in nodes:
        if node.type == "declaration":
            yield from _declaration(node, page)
        else:  # a page-margin box (@top-left { … }), a nested rule
            yield from _rules([node], page)


def _declaration(node: tinycss2.ast.Declaration, page: bool) -> Iterator[TemplateFinding]:
    name = node.lower_name
    for token in _dimensions(node.value, name):
        millimetres = _millimetres(token)
        if millimetres is None:
            continue
        shown = token.serialize()
        if page and name == "size":
            if not SMALLEST_PAGE_MM <= millimetres <= LARGEST_PAGE_MM:
                yield TemplateFinding(
                    token.source_line, token.source_column, CODE_PAGE_SIZE,
                    f"a page side of {shown} ({millimetres:,.0f} mm): a page is "
                    f"{SMALLEST_PAGE_MM} to {LARGEST_PAGE_MM:,} mm a side",
                    "use a paper size (size: A4, size: letter landscape) or sides of "
                    f"{SMALLEST_PAGE_MM} to {LARGEST_PAGE_MM:,} mm")
        elif name in ("font-size", "font") and 0 < millimetres * _PT_PER_MM < SMALLEST_TEXT_PT:
            yield TemplateFinding(
                token.source_line, token.source_column, CODE_LENGTH,
                f"{name}: {shown} is text under {SMALLEST_TEXT_PT} pt: a line of it holds "
                "millions of leader dots or letters",
                f"use {SMALLEST_TEXT_PT} pt or more (0 to show nothing)")
        elif abs(millimetres) > LARGEST_PAGE_MM and not _UNCAPPED.match(name):
            yield TemplateFinding(
                token.source_line, token.source_column, CODE_LENGTH,
                f"{name}: {shown} ({abs(millimetres):,.0f} mm) is larger than the largest "
                "page: a box that size fills with millions of leader dots or lines",
                f"use a length under {LARGEST_PAGE_MM:,} mm (to hide something: "
                "display: none)")
        if name == "font":
            break  # the shorthand's first length is the font size; the rest are heights


def _dimensions(tokens: Iterable[tinycss2.ast.Node], name: str
                ) -> Iterator[tinycss2.ast.Node]:
    """The lengths of a value (in functions too: ``calc(100000mm)``); percentages of the
    font size only (elsewhere they are of a box the lint cannot know)."""
    for token in tokens:
        if token.type == "dimension" or (token.type == "percentage"
                                         and name in ("font-size", "font")):
            yield token
        elif token.type == "function":
            yield from _dimensions(token.arguments, name)


def _millimetres(token: tinycss2.ast.Node) -> float | None:
    if token.type == "percentage":
        return float(token.value) * _FONT_SIZE_PERCENT_MM
    unit = _MM.get(token.lower_unit)
    return None if unit is None else float(token.value) * unit
