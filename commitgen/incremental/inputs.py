"""Digests of what a build reads, computed without importing what reads it.

Files of the project and of the theme are known by the SHA-256 of their bytes. The
fonts WeasyPrint may fall back to (system folders of several megabytes) are known by
each file's name, size and modification time. Library versions come from the names of
the installed distributions' metadata folders and native libraries report their own,
so neither Jinja2, pydantic nor WeasyPrint is imported (importing WeasyPrint alone
costs half a second): the CLI recognises a build with nothing to do before loading any
of them.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import commitgen
from commitgen.loading.confine import leads_outside

#: the digest of a file that does not exist (or is not a regular file)
ABSENT = "-"
#: the digest of a project file that leads outside the project (never read)
OUTSIDE = "outside"
#: where commitgen's own code lives (an editable install: the source checkout)
PACKAGE_DIR = Path(commitgen.__file__).resolve().parent

#: libraries whose behaviour shapes HTML, JSON and the findings of a check
HTML_LIBRARIES = ("jinja2", "markupsafe", "babel", "holidays", "pydantic", "pydantic-core",
                  "pyyaml", "python-dateutil", "tzdata", "fonttools", "brotli", "zopfli")
#: libraries that turn HTML into PDF: WeasyPrint and everything it requires
PDF_LIBRARIES = ("weasyprint", "pydyf", "cffi", "tinyhtml5", "tinycss2", "cssselect2",
                 "pyphen", "pillow", "fonttools", "brotli", "zopfli", "webencodings")
#: commitgen's modules that run in the PDF workers
PDF_MODULES = ("render/pdf.py", "render/fetcher.py", "render/weasyprint_loader.py",
               "render/pdf_tags.py")


def digest_of(*parts: str) -> str:
    """One SHA-256 over ``parts``, kept apart."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogateescape"))
        digest.update(b"\0")
    return digest.hexdigest()


class Digests:
    """File and folder digests, each computed at most once (one per build)."""

    def __init__(self) -> None:
        self._files: dict[str, str] = {}
        self._trees: dict[str, str] = {}

    def file(self, path: Path) -> str:
        """The SHA-256 of the file's bytes, or :data:`ABSENT`."""
        key = os.fspath(path)
        found = self._files.get(key)
        if found is None:
            try:
                with open(key, "rb") as handle:
                    found = hashlib.file_digest(handle, "sha256").hexdigest()
            except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
                found = ABSENT
            self._files[key] = found
        return found

    def project_file(self, path: Path, root: Path) -> str:
        """:meth:`file`, for a file written inside the project ``root``: one that leads
        outside it through a symlink is never opened (the loader refuses it too) and
        digests as :data:`OUTSIDE`."""
        return OUTSIDE if leads_outside(path, root) else self.file(path)

    def tree(self, folder: Path | None) -> str:
        """Names and bytes of every file below ``folder`` (:data:`ABSENT` without one)."""
        if folder is None:
            return ABSENT
        key = os.fspath(folder)
        found = self._trees.get(key)
        if found is None:
            parts = [f"{name}\0{self.file(folder / name)}" for name in _files_below(folder)]
            found = digest_of(*parts) if os.path.isdir(key) else ABSENT
            self._trees[key] = found
        return found


def _files_below(folder: Path) -> list[str]:
    """Relative POSIX names of the files below ``folder``, sorted (caches skipped)."""
    names = []
    for directory, subdirs, files in os.walk(folder):
        subdirs[:] = [d for d in subdirs if d != "__pycache__"]
        relative = os.path.relpath(directory, folder)
        for name in files:
            names.append(name if relative == "." else f"{relative}/{name}".replace(os.sep, "/"))
    return sorted(names)


def stamp_tree(folder: Path) -> str:
    """Name, size and modification time of every file below ``folder``: for system
    folders too large to read on every build (a package upgrade changes all three)."""
    parts = []
    for name in _files_below(folder):
        try:
            stat = os.stat(folder / name)
        except OSError:
            continue
        parts.append(f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}")
    return digest_of(*parts)


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


@cache
def _installed() -> dict[str, str]:
    """Distribution name (normalised) → version, from metadata folder names on sys.path."""
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            stem, dot, kind = name.rpartition(".")
            if dot and kind in ("dist-info", "egg-info") and "-" in stem:
                distribution, version = stem.split("-", 1)
                found.setdefault(_normal(distribution), version)
    return found


def installed_versions(names: Iterable[str]) -> str:
    """``name version`` of each distribution (:data:`ABSENT` when not installed)."""
    installed = _installed()
    return ";".join(f"{name} {installed.get(_normal(name), ABSENT)}" for name in names)


#: native libraries that lay out and subset text: (names to try, function giving the version)
_NATIVE = (
    (("libpango-1.0.so.0", "libpango-1.0-0.dll", "libpango-1.0.dylib", "libpango-1.0.0.dylib"),
     "pango_version_string"),
    (("libharfbuzz.so.0", "libharfbuzz-0.dll", "libharfbuzz.dylib", "libharfbuzz.0.dylib"),
     "hb_version_string"),
)


@cache
def native_versions() -> str:
    """The versions of Pango and HarfBuzz as the dynamic loader finds them by their usual
    names (:data:`ABSENT` where it does not: macOS without a library path)."""
    import ctypes

    versions = []
    for names, function in _NATIVE:
        version = ABSENT
        for name in names:
            try:
                library = ctypes.CDLL(name)
            except OSError:
                continue
            report = getattr(library, function)
            report.restype = ctypes.c_char_p
            version = report().decode("ascii", "replace")
            break
        versions.append(f"{names[0]} {version}")
    return ";".join(versions)


def code_fingerprint() -> str:
    """commitgen's version and the name, size and modification time of each of its files:
    a checkout with edited code is another tool, even when the version number is not."""
    parts = []
    for name in _files_below(PACKAGE_DIR):
        stat = os.stat(PACKAGE_DIR / name)
        parts.append(f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}")
    return digest_of(commitgen.__version__, sys.version, *parts)


def html_environment(source_date: str) -> str:
    """What besides its inputs decides a document's HTML: commitgen's code, the libraries
    that shape the text, and the date stamped into documents (``SOURCE_DATE_EPOCH``)."""
    return digest_of(code_fingerprint(), installed_versions(HTML_LIBRARIES), source_date)


def pdf_environment(font_folders: Iterable[Path], digests: Digests) -> str:
    """What besides its HTML and the files it loads decides a PDF: commitgen's version and
    worker code, WeasyPrint and its libraries, Pango and HarfBuzz, and the fonts the
    workers may use (the theme's folder and the fallback, see
    :func:`commitgen.render.fonts.fontconfig_file`)."""
    code = [digests.file(PACKAGE_DIR / name) for name in PDF_MODULES]
    fonts = [stamp_tree(folder) for folder in font_folders]
    return digest_of(commitgen.__version__, sys.version, installed_versions(PDF_LIBRARIES),
                     native_versions(), *code, *fonts)
