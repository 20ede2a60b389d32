"""The machine-checkable part of PDF/UA-1 (ISO 14289-1), checked with pikepdf.

Each check names the Matterhorn Protocol failure condition it stands for (the list
veraPDF and PAC test). What a program cannot judge — whether alternative text is
meaningful, whether the reading order is logical, whether a heading says what its
section holds — is not here, and the README says so.

:func:`problems` returns one line per failure, ``[checkpoint] what, where``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, Pdf

#: structure types of ISO 32000-1, 14.8.4 (anything else must be role-mapped)
STANDARD_TYPES = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI",
    "Index", "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L",
    "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span",
    "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT",
    "RP", "Warichu", "WT", "WP", "Figure", "Formula", "Form"}
#: where each structure type may appear (ISO 32000-1, 14.8.4.3, as PDF/UA checkers read it)
PARENTS = {
    "LI": {"L"}, "Lbl": {"LI"}, "LBody": {"LI"},
    "TR": {"Table", "THead", "TBody", "TFoot"}, "TH": {"TR"}, "TD": {"TR"},
    "THead": {"Table"}, "TBody": {"Table"}, "TFoot": {"Table"},
}
CHILDREN = {
    "L": {"LI", "L", "Caption"}, "LI": {"Lbl", "LBody"},
    "Table": {"TR", "THead", "TBody", "TFoot", "Caption"},
    "THead": {"TR"}, "TBody": {"TR"}, "TFoot": {"TR"}, "TR": {"TH", "TD"},
}
TEXT_OPERATORS = {"Tj", "TJ", "'", '"'}


def _type(element: Dictionary) -> str:
    return str(element.get("/S", "/?"))[1:]


def _kids(element: Dictionary) -> list[Dictionary]:
    kids = element.get("/K")
    if kids is None:
        return []
    items = list(kids) if isinstance(kids, Array) else [kids]
    return [kid for kid in items
            if isinstance(kid, Dictionary) and kid.get("/Type", Name.StructElem) in (
                Name.StructElem,) and "/S" in kid]


def _walk(element: Dictionary, parent: str | None = None
          ) -> Iterator[tuple[Dictionary, str | None]]:
    yield element, parent
    for kid in _kids(element):
        yield from _walk(kid, _type(element))


def _role_map(pdf: Pdf) -> dict[str, str]:
    root = pdf.Root.get("/StructTreeRoot")
    mapping = root.get("/RoleMap") if root is not None else None
    return {str(k)[1:]: str(v)[1:] for k, v in mapping.items()} if mapping else {}


def structure_types(pdf: Pdf) -> Counter[str]:
    """How many elements of each (role-mapped) type the structure tree has."""
    roles = _role_map(pdf)
    root = pdf.Root.StructTreeRoot
    counts: Counter[str] = Counter()
    for top in _kids(root):
        for element, _ in _walk(top):
            counts[roles.get(_type(element), _type(element))] += 1
    return counts


def _document_checks(pdf: Pdf, problems: list[str]) -> None:
    root = pdf.Root
    mark = root.get("/MarkInfo")
    if mark is None or not bool(mark.get("/Marked", False)):
        problems.append("[01-002] the document is not marked as tagged (MarkInfo /Marked)")
    if "/StructTreeRoot" not in root:
        problems.append("[01-001] the document has no structure tree")
    lang = str(root.get("/Lang", "")).strip()
    if not lang:
        problems.append("[11-006] the document has no natural language (/Lang)")
    prefs = root.get("/ViewerPreferences")
    if prefs is None or not bool(prefs.get("/DisplayDocTitle", False)):
        problems.append("[07-001] the viewer is not told to display the title "
                        "(ViewerPreferences /DisplayDocTitle)")
    if "/Metadata" not in root:
        problems.append("[06-001] the document has no XMP metadata stream")
        return
    xmp = bytes(root.Metadata.read_bytes()).decode("utf-8", "replace")
    if not re.search(r"pdfuaid:part[^0-9]{0,4}1", xmp):
        problems.append("[06-002] the XMP metadata does not declare PDF/UA-1 (pdfuaid:part)")
    title = re.search(r"<dc:title>.*?<rdf:li[^>]*>([^<]+)</rdf:li>", xmp, flags=re.S)
    if title is None or not title.group(1).strip():
        problems.append("[06-003] the XMP metadata has no dc:title")


def _structure_checks(pdf: Pdf, problems: list[str]) -> None:
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return
    roles = _role_map(pdf)
    headings: list[int] = []
    for top in _kids(root):
        for element, parent in _walk(top):
            kind = roles.get(_type(element), _type(element))
            parent_kind = roles.get(parent, parent) if parent else None
            if kind not in STANDARD_TYPES:
                problems.append(f"[02-001] non-standard structure type {kind} is not role-mapped")
            allowed = PARENTS.get(kind)
            if allowed is not None and parent_kind not in allowed:
                problems.append(f"[09-004] {kind} inside {parent_kind} (belongs in "
                                f"{' or '.join(sorted(allowed))})")
            expected = CHILDREN.get(kind)
            if expected is not None:
                for kid in _kids(element):
                    kid_kind = roles.get(_type(kid), _type(kid))
                    if kid_kind not in expected:
                        problems.append(f"[09-004] {kid_kind} inside {kind}")
            if kind == "TH":
                attributes = element.get("/A")
                items = (list(attributes) if isinstance(attributes, Array)
                         else [attributes] if attributes is not None else [])
                if not any(isinstance(item, Dictionary) and "/Scope" in item for item in items):
                    problems.append("[15-003] a table header cell (TH) has no Scope")
            if kind == "Figure" and not str(element.get("/Alt", "")).strip():
                problems.append("[13-004] a figure has no alternative text")
            if re.fullmatch(r"H[1-6]", kind):
                headings.append(int(kind[1]))
    if headings and headings[0] != 1:
        problems.append(f"[14-002] the first heading is H{headings[0]}, not H1")
    for before, after in pairwise(headings):
        if after > before + 1:
            problems.append(f"[14-003] heading level skipped: H{before} then H{after}")


def _content_checks(pdf: Pdf, problems: list[str]) -> None:
    """Every piece of text is either tagged content (an MCID) or an artifact."""
    for number, page in enumerate(pdf.pages, start=1):
        if "/Annots" in page.obj and str(page.obj.get("/Tabs", "")) != "/S":
            problems.append(f"[19-003] page {number} has annotations but no /Tabs /S")
        stack: list[bool] = []  # per marked-content level: tagged or artifact
        untagged = 0
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op in ("BDC", "BMC"):
                tag = str(operands[0])
                properties = operands[1] if op == "BDC" and len(operands) > 1 else None
                has_mcid = isinstance(properties, Dictionary) and "/MCID" in properties
                stack.append(tag == "/Artifact" or has_mcid or any(stack))
            elif op == "EMC":
                if stack:
                    stack.pop()
            elif op in TEXT_OPERATORS and not any(stack):
                untagged += 1
        if untagged:
            problems.append(f"[01-005] page {number}: {untagged} text runs neither tagged "
                            "nor marked as artifacts")


def _font_checks(pdf: Pdf, problems: list[str]) -> None:
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        fonts = page.obj.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            if font.objgen in seen:
                continue
            seen.add(font.objgen)
            descendants = font.get("/DescendantFonts")
            target = descendants[0] if descendants is not None else font
            descriptor = target.get("/FontDescriptor")
            if descriptor is None or not any(
                    key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                problems.append(f"[31-001] font {font.get('/BaseFont')} is not embedded")


def problems(path: Path) -> list[str]:
    """Every PDF/UA-1 failure this module can detect in the file at ``path``."""
    found: list[str] = []
    with Pdf.open(path) as pdf:
        _document_checks(pdf, found)
        _structure_checks(pdf, found)
        _content_checks(pdf, found)
        _font_checks(pdf, found)
    return found
