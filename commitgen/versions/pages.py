"""Page digests: what a PDF shows, page by page, independent of how the file is put
together. A digest is the SHA-256 of a page's decoded content stream (its text and
drawing), so a copy of the pages in another file (a sales pack) has the same digests,
and any edit of what a page shows changes its digest."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any


def _digest(page: Any) -> str:
    contents = page.get_contents()
    data = contents.get_data() if contents is not None else b""
    return hashlib.sha256(data).hexdigest()


def page_digests(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [_digest(page) for page in PdfReader(path).pages]


def contains_run(pages: list[str], run: list[str]) -> int | None:
    """The index where ``run`` appears in ``pages`` as consecutive pages, or None."""
    if not run:
        return None
    for start in range(len(pages) - len(run) + 1):
        if pages[start:start + len(run)] == run:
            return start
    return None
