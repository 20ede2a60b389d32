"""The only way a document being rendered can read a file.

WeasyPrint asks this fetcher for every stylesheet, font and image. It serves
``data:`` URLs and ``file:`` URLs whose real path (symlinks resolved) lies
inside one of the allowed folders — the project's assets and templates, the
built-in theme and the build's own staging folder — and refuses everything
else, which stops the build: no network, no file outside the project.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse


class FetchRefused(Exception):
    """A document referenced something it may not read."""


class ProjectOnlyFetcher(URLFetcher):  # type: ignore[misc]
    """Serve ``data:`` and ``file:`` URLs inside ``allowed``; refuse the rest."""

    def __init__(self, allowed: Sequence[Path]) -> None:
        super().__init__(fail_on_errors=True, allowed_protocols=("file", "data"))
        self.allowed = [Path(os.path.realpath(p)) for p in allowed]
        #: every refusal, including those WeasyPrint swallows (e.g. inside an SVG image)
        self.refused: list[str] = []
        #: every file served (real path) → the SHA-256 of its bytes
        self.fetched: dict[str, str] = {}

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        try:
            return self._fetch(url, headers)
        except FetchRefused as exc:
            self.refused.append(str(exc))
            raise

    def _fetch(self, url: str, headers: dict[str, str] | None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme != "file":
            raise FetchRefused(f"{url}: documents may not load anything from the network")
        path = Path(os.path.realpath(unquote(urlsplit(url).path)))
        if not any(path.is_relative_to(root) for root in self.allowed):
            raise FetchRefused(f"{url}: outside the project's templates and assets folders")
        if not path.is_file():
            raise FetchRefused(f"{url}: no such file")
        body = path.read_bytes()
        self.fetched[str(path)] = hashlib.sha256(body).hexdigest()
        return URLFetcherResponse(path.as_uri(), body=body)
