"""PDFs by content: a PDF is rendered again only when something that makes it changed.

An entry's key is a hash of the HTML, where the HTML lives in the output tree (it
resolves relative links) and the renderer's environment (commitgen's version and worker
code, WeasyPrint and its libraries, Pango, the fonts the workers see:
:func:`~commitgen.incremental.inputs.pdf_environment`). Beside each PDF the cache keeps
the digest of every file WeasyPrint loaded for it (stylesheets, images, fonts): the entry
serves only while each is unchanged. The print HTML of each PDF is kept too (by its
digest), so that a PDF can be made again (a stylesheet or image it loads changed) without
rendering its page. Entries not used by a successful build are removed, so the cache
never grows beyond one build.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from commitgen.incremental.deps import Locations
from commitgen.incremental.inputs import Digests
from commitgen.incremental.record import CACHE_DIR


def html_digest(html: str | bytes) -> str:
    """The digest of a PDF's HTML (in build records and cache keys)."""
    return hashlib.sha256(html.encode("utf-8") if isinstance(html, str) else html).hexdigest()


class PdfCache:
    """The PDFs of the project at ``root`` made by the renderer ``environment``; the files
    PDFs loaded are named and looked at through ``locations`` (the output tree being
    written, the project, the theme)."""

    def __init__(self, root: Path, environment: str, locations: Locations,
                 digests: Digests | None = None) -> None:
        self.folder = root / CACHE_DIR / "pdf"
        self.locations = locations
        self.digests = digests or Digests()
        self._salt = f"{environment}\0".encode()
        self._used: set[str] = set()

    def key(self, html: str | bytes, relative_path: str) -> str:
        return self.key_of(html_digest(html), relative_path)

    def key_of(self, digest: str, relative_path: str) -> str:
        """The key of the HTML whose :func:`html_digest` is ``digest``."""
        return hashlib.sha256(self._salt + relative_path.encode() + b"\0"
                              + digest.encode()).hexdigest()

    def has(self, key: str) -> bool:
        """Whether the cache holds the entry and every file it loaded is unchanged."""
        try:
            fetched = json.loads((self.folder / f"{key}.json").read_bytes())
        except (OSError, ValueError):
            return False
        return (isinstance(fetched, dict) and not self.changed(fetched)
                and (self.folder / f"{key}.pdf").is_file())

    def changed(self, fetched: dict[str, str]) -> bool:
        """Whether a file a PDF loaded (as recorded) differs now."""
        return self.locations.changed(fetched, self.digests)

    def keep(self, key: str) -> None:
        """Keep an entry this build did not fetch (its PDF was still in the output)."""
        self._used.add(key)

    def fetch(self, key: str, target: Path) -> bool:
        """Copy a cached PDF to ``target``; False when there is none, or when a file it
        loaded has changed."""
        self._used.add(key)
        if not self.has(key):
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.folder / f"{key}.pdf", target)
        return True

    def save_html(self, html: bytes) -> str:
        """Keep the print HTML of a PDF, so that a later build can make the PDF again
        without rendering its page; returns its digest."""
        digest = html_digest(html)
        self._used.add(digest)
        path = self.folder / f"{digest}.html"
        if not path.is_file():
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = self.folder / f".{digest}.{os.getpid()}.tmp"
            temporary.write_bytes(html)
            os.replace(temporary, path)
        return digest

    def load_html(self, digest: str, target: Path) -> bool:
        """Copy the print HTML kept as ``digest`` to ``target``; False when there is none
        (or it is not what it was)."""
        self._used.add(digest)
        try:
            html = (self.folder / f"{digest}.html").read_bytes()
        except OSError:
            return False
        if html_digest(html) != digest:
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(html)
        return True

    def fetched(self, key: str) -> dict[str, str]:
        """The files the cached PDF loaded (empty when unknown)."""
        try:
            found = json.loads((self.folder / f"{key}.json").read_bytes())
        except (OSError, ValueError):
            return {}
        return found if isinstance(found, dict) else {}

    def store(self, key: str, rendered: Path, loaded: Iterable[tuple[str, str]]) -> dict[str, str]:
        """Keep a PDF with the files it ``loaded`` (path, digest: :attr:`PdfResult.fetched
        <commitgen.render.pdf.PdfResult.fetched>`); returns them as named in records."""
        fetched = {self.locations.name(path): digest for path, digest in loaded}
        self.folder.mkdir(parents=True, exist_ok=True)
        self._used.add(key)
        temporary = self.folder / f".{key}.{os.getpid()}.tmp"
        shutil.copyfile(rendered, temporary)
        os.replace(temporary, self.folder / f"{key}.pdf")
        temporary.write_text(json.dumps(fetched, sort_keys=True), encoding="utf-8")
        os.replace(temporary, self.folder / f"{key}.json")
        return fetched

    def prune(self) -> None:
        """Forget PDFs this build did not use."""
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.name.split(".", 1)[0] not in self._used:
                path.unlink(missing_ok=True)
