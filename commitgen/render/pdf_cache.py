"""Incremental builds: a PDF is re-rendered only when its inputs changed.

The key of a PDF is a hash of everything that can change it: commitgen's and
WeasyPrint's versions, the HTML, where the HTML lives in the output tree (it
resolves relative links), and the content of every file a document may load
(the theme, the project's templates and assets). Entries not used by a
successful build are removed, so the cache never grows beyond one build.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path

from commitgen import __version__

CACHE_DIR = ".commitgen-cache"


def resources_digest(folders: Iterable[Path]) -> str:
    """One hash over the names and bytes of every file in ``folders``."""
    digest = hashlib.sha256()
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


class PdfCache:
    def __init__(self, root: Path, resources: str) -> None:
        from commitgen.render.pdf import PDF_OPTIONS

        self.folder = root / CACHE_DIR / "pdf"
        renderer = version("weasyprint")  # without importing it: this process renders nothing
        self._salt = (f"{__version__}\0{renderer}\0{sorted(PDF_OPTIONS.items())}"
                      f"\0{resources}\0").encode()
        self._used: set[str] = set()

    def key(self, html: str, relative_path: str) -> str:
        return hashlib.sha256(self._salt + relative_path.encode() + b"\0"
                              + html.encode()).hexdigest()

    def fetch(self, key: str, target: Path) -> bool:
        """Copy a cached PDF to ``target``; False when there is none."""
        cached = self.folder / f"{key}.pdf"
        self._used.add(key)
        if not cached.is_file():
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)
        return True

    def store(self, key: str, rendered: Path) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.folder / f".{key}.{os.getpid()}.tmp"
        shutil.copyfile(rendered, temporary)
        os.replace(temporary, self.folder / f"{key}.pdf")

    def prune(self) -> None:
        """Forget PDFs this build did not use."""
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.stem not in self._used:
                path.unlink(missing_ok=True)
