"""Corrections to WeasyPrint's PDF structure tags, for PDF/UA-1.

WeasyPrint (``weasyprint.pdf.tags``) tags HTML for PDF/UA but leaves three things that
a PDF/UA checker reports in charters:

- **table header cells without a scope.** Every ``<th>`` becomes a ``TH`` element with
  no ``/Scope`` attribute; ISO 14289-1 (Matterhorn 15-003) wants one. Here each ``TH``
  gets the scope its HTML says: ``scope="row"``/``"rowgroup"`` → ``/Row``, anything
  else → ``/Column``.
- **blocks directly in a list item.** A ``<li>`` whose content is a block (a ``<div>``)
  gets it as a child of ``LI``, where only ``Lbl`` and ``LBody`` belong: it becomes the
  item's ``LBody``.
- **description lists as broken lists.** ``<dl>`` becomes a list (``L``) whose ``<dt>``
  and ``<dd>`` become list items, so a ``<div>`` grouping a term with its description
  (valid HTML, used throughout the theme) puts list items outside any list
  (Matterhorn 09-004). PDF 1.7 has no description list; here a ``<dl>`` is a ``Div``,
  each term a ``P`` and each description a ``Div``: the same reading order, valid
  structure.

:func:`install` applies them once per process (a PDF worker calls it before it
renders); WeasyPrint's own functions do the rest. The versions of WeasyPrint this is
written for are pinned in ``constraints.txt``; the PDF/UA tests fail if an upgrade
changes what this relies on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

#: part of the PDF cache key: change it when the corrections change
REVISION = 2

_SCOPES = {"row": "/Row", "rowgroup": "/Row"}
_DESCRIPTION_TAGS = {"dl": "Div", "dt": "P", "dd": "Div"}


def install() -> None:
    """Wrap WeasyPrint's tag mapping and tree builder (idempotent)."""
    from weasyprint.pdf import tags

    if getattr(tags, "_commitgen_installed", False):
        return
    original_tag: Callable[[str | None], str] = tags._get_pdf_tag
    original_build: Callable[..., Iterator[Any]] = tags._build_box_tree

    def pdf_tag(tag: str | None) -> str:
        if tag in _DESCRIPTION_TAGS:
            return _DESCRIPTION_TAGS[tag]
        return original_tag(tag)

    def build_box_tree(box: Any, parent: Any, *args: Any) -> Iterator[Any]:
        for element in original_build(box, parent, *args):
            if parent.get("S") == "/LI" and element.get("S") not in ("/Lbl", "/LBody"):
                element["S"] = "/LBody"  # a block at the start of a list item is its body
            if element.get("S") == "/TH" and "A" in element:
                html = getattr(getattr(box, "_box", box), "element", None)
                scope = html.attrib.get("scope", "col") if html is not None else "col"
                element["A"]["Scope"] = _SCOPES.get(scope, "/Column")
            yield element

    tags._get_pdf_tag = pdf_tag
    tags._build_box_tree = build_box_tree
    tags._commitgen_installed = True
