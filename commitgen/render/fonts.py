"""The default theme's typeface: Inter, from a declared package, the same on every machine.

The theme sets every document in Inter (SIL Open Font License 1.1): a sans-serif
designed for screens and print that covers Vietnamese completely, with the
stacked diacritics (ặ, ờ, ữ, Ẫ) drawn as precomposed glyphs, and that has the
weights the theme uses. It is installed by the Debian package ``fonts-inter``
(README, ``.ci/run``); DejaVu Sans (``fonts-dejavu-core``) is the fallback in
the font stack for any character Inter lacks.

The font files are not looked up by family name through fontconfig (which would
take whatever the machine has): this module finds the package's own files by
path. A build copies them, repackaged as WOFF (the same OpenType tables,
compressed; deterministic), with their licence into ``fonts/`` of the public
and the staff output trees, and every document's ``@font-face`` rules point
there by relative URL. The web page and the PDF therefore use the same files:
WeasyPrint reads them from the build's staging folder, which the project-only
fetcher already allows, so no system folder is opened to documents at all.

When Inter is missing, a document that uses it fails the build (exit code 3)
with the package to install; a charter never silently comes out in another
typeface. A project whose own templates do not use the theme's fonts needs none.
"""

from __future__ import annotations

import getpass
import hashlib
import io
import os
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from markupsafe import Markup

from commitgen.incremental.inputs import ABSENT, Digests, digest_of, installed_versions
from commitgen.runtime import FONT_DIR_VARIABLE

#: the family name the theme's CSS uses
FAMILY = "Inter"
#: the Debian package that provides the font files
PACKAGE = "fonts-inter"
#: where that package puts them (Debian and Ubuntu)
SEARCH_DIRS: tuple[Path, ...] = (Path("/usr/share/fonts/opentype/inter"),)
#: names a folder holding Inter's static .otf files, on a system without the package
#: (e.g. the "extras/otf" folder of an Inter release on macOS); read by commitgen.runtime
#: the folder, in each output tree, that receives the fonts and their licence
OUTPUT_FOLDER = "fonts"
LICENCE_NAME = "LICENSE-Inter.txt"
LICENCE_SOURCE = Path(__file__).resolve().parent / "inter-ofl.txt"
#: the libraries that write WOFF files (a converted font is kept per version of them)
WOFF_LIBRARIES = ("fonttools", "brotli", "zopfli")


@dataclass(frozen=True)
class Face:
    """One font file of the family: its file name (without extension), weight and style."""

    name: str
    weight: int
    style: str = "normal"


#: the faces the theme uses: text, emphasis, headings (semibold), strong and labels (bold)
FACES: tuple[Face, ...] = (
    Face("Inter-Regular", 400),
    Face("Inter-Italic", 400, "italic"),
    Face("Inter-SemiBold", 600),
    Face("Inter-Bold", 700),
    Face("Inter-BoldItalic", 700, "italic"),
)


class FontsMissing(Exception):
    """The theme's typeface is not installed."""


def font_dir(search: tuple[Path, ...] | None = None, override: Path | None = None) -> Path:
    """The folder that holds every face of the family: ``override`` (``COMMITGEN_FONT_DIR``,
    see :mod:`commitgen.runtime`) when given, else the first of ``search`` (by default
    :data:`SEARCH_DIRS`) that has them all; :class:`FontsMissing` if none does."""
    if override is not None:
        missing = [f"{face.name}.otf" for face in FACES
                   if not (override / f"{face.name}.otf").is_file()]
        if missing:
            raise FontsMissing(f"{FONT_DIR_VARIABLE}={override} lacks {', '.join(missing)}: "
                               f"point it at a folder with every face of {FAMILY}, or unset it")
        return override
    folders = SEARCH_DIRS if search is None else search
    for folder in folders:
        if all((folder / f"{face.name}.otf").is_file() for face in FACES):
            return folder
    where = ", ".join(str(folder) for folder in folders)
    raise FontsMissing(
        f"the default theme's typeface {FAMILY} is not installed (looked for "
        f"{FACES[0].name}.otf and the other faces in {where}): install the Debian package "
        f"{PACKAGE} (apt-get install {PACKAGE}), or set {FONT_DIR_VARIABLE} to a folder "
        "with Inter's .otf files, or override the theme's fonts")


def to_woff(source: bytes) -> bytes:
    """The font as WOFF 1.0: the same tables, zlib-compressed, byte-identical every time
    (fontTools keeps the font's own timestamps when told not to recalculate them)."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    font = TTFont(io.BytesIO(source), recalcTimestamp=False, recalcBBoxes=False)
    font.flavor = "woff"
    out = io.BytesIO()
    font.save(out, reorderTables=True)
    return out.getvalue()


@cache
def _woff_cached(source: Path, size: int, mtime_ns: int, cache: Path | None) -> bytes:
    """:func:`to_woff` of a file, once per process and file version; with a ``cache``
    folder, once per font file and fontTools version at all (a conversion costs a quarter
    of a second; the next build reads the result from the folder)."""
    data = source.read_bytes()
    if cache is None:
        return to_woff(data)
    key = digest_of(hashlib.sha256(data).hexdigest(), installed_versions(WOFF_LIBRARIES))
    cached = cache / f"{key}.woff"
    try:
        return cached.read_bytes()
    except FileNotFoundError:
        pass
    woff = to_woff(data)
    cache.mkdir(parents=True, exist_ok=True)
    partial = cache / f".{key}.{os.getpid()}.tmp"
    partial.write_bytes(woff)
    partial.replace(cached)
    return woff


@dataclass(frozen=True)
class WebFont:
    """A face as the output carries it."""

    face: Face
    data: bytes  # WOFF

    @property
    def file_name(self) -> str:
        return f"{self.face.name}.woff"

    @property
    def version(self) -> str:
        """A digest of the bytes for the URL: new font files are new URLs (browser
        caches, and the PDF cache, whose key is the HTML)."""
        return hashlib.sha256(self.data).hexdigest()[:12]


@dataclass
class ThemeFonts:
    """The theme's fonts for one build, located and converted the first time a document
    asks for them (:attr:`used` then tells the build to write them into the output)."""

    search: tuple[Path, ...] | None = None  # folders to look in; None: SEARCH_DIRS
    override: Path | None = None  # COMMITGEN_FONT_DIR: the one folder to use
    cache: Path | None = None  # a folder keeping converted fonts from one build to the next
    printed: int = field(default=0, init=False)  # how many times a document printed the rules
    _fonts: list[WebFont] | None = field(default=None, init=False)

    @property
    def used(self) -> bool:
        return self._fonts is not None

    def fonts(self) -> list[WebFont]:
        if self._fonts is None:
            folder = font_dir(self.search, self.override)
            fonts = []
            for face in FACES:
                source = folder / f"{face.name}.otf"
                stat = source.stat()
                fonts.append(WebFont(face, _woff_cached(source, stat.st_size, stat.st_mtime_ns,
                                                        self.cache)))
            self._fonts = fonts
            self._forget_others()
        return self._fonts

    def _forget_others(self) -> None:
        """Remove converted fonts of other font files from the cache folder."""
        if self.cache is None or not self.cache.is_dir() or self._fonts is None:
            return
        kept = {hashlib.sha256(font.data).hexdigest() for font in self._fonts}
        for path in self.cache.glob("*.woff"):
            if hashlib.sha256(path.read_bytes()).hexdigest() not in kept:
                path.unlink(missing_ok=True)

    def files(self) -> dict[str, bytes]:
        """Name in an output tree's fonts folder → content (nothing when no document
        used the fonts): the faces and their licence."""
        if self._fonts is None:
            return {}
        files = {font.file_name: font.data for font in self._fonts}
        files[LICENCE_NAME] = LICENCE_SOURCE.read_bytes()
        return files

    def css(self, prefix: str) -> str:
        """``@font-face`` rules for the family, with URLs relative to a document
        (``prefix`` is the way from the document to its output tree's root)."""
        self.printed += 1
        rules = []
        for font in self.fonts():
            rules.append(
                "@font-face {\n"
                f'  font-family: "{FAMILY}";\n'
                f'  src: url("{prefix}{OUTPUT_FOLDER}/{font.file_name}?v={font.version}")'
                ' format("woff");\n'
                f"  font-weight: {font.face.weight};\n"
                f"  font-style: {font.face.style};\n"
                "  font-display: swap;\n"
                "}")
        return "\n".join(rules) + "\n"

    def for_document(self, prefix: str) -> FontFaceCss:
        return FontFaceCss(self, prefix)


class FontFaceCss:
    """The ``@font-face`` rules of one document, computed only when a template prints
    them (``{{ font_faces }}``): a theme that does not print them needs no font files."""

    def __init__(self, fonts: ThemeFonts, prefix: str) -> None:
        self._fonts = fonts
        self._prefix = prefix

    def __html__(self) -> Markup:
        return Markup(self._fonts.css(self._prefix))

    def __str__(self) -> str:
        return self._fonts.css(self._prefix)


#: where Debian's fonts-dejavu-core puts DejaVu, the fallback for what Inter lacks
FALLBACK_DIRS: tuple[Path, ...] = (Path("/usr/share/fonts/truetype/dejavu"),)


def font_folders(override: Path | None = None) -> tuple[Path, ...]:
    """The folders whose fonts PDF workers may use: the theme's typeface (when installed)
    and the fallback."""
    try:
        theme = [font_dir(override=override)]
    except FontsMissing:
        theme = []  # a project that overrides the theme's fonts
    return (*theme, *(d for d in FALLBACK_DIRS if d.is_dir()))


def sources_digest(override: Path | None, digests: Digests) -> str:
    """The bytes of the theme's font files (:data:`~commitgen.incremental.inputs.ABSENT`
    when the typeface is not installed): documents that print ``font_faces`` depend on
    them."""
    try:
        folder = font_dir(override=override)
    except FontsMissing:
        return ABSENT
    return digest_of(*(digests.file(folder / f"{face.name}.otf") for face in FACES))


def fontconfig_file(override: Path | None = None) -> Path:
    """A fontconfig file under which WeasyPrint sees only the theme's fonts (Inter,
    DejaVu) besides a document's own ``@font-face`` files, never whatever else the
    machine has: a character they lack fails the build (.notdef) on every machine alike,
    instead of being drawn from a font that happens to be installed here. PDF worker
    processes start with it (:mod:`commitgen.render.pdf`)."""
    return _write_fontconfig(font_folders(override))


@cache
def _write_fontconfig(folders: tuple[Path, ...]) -> Path:
    """A fontconfig file listing only ``folders``, in a per-user folder named after its
    content (written once, reused by every build)."""
    body = "".join(f"  <dir>{escape(str(folder))}</dir>\n" for folder in folders)
    digest = hashlib.sha256(body.encode()).hexdigest()[:12]
    user = getpass.getuser() if not hasattr(os, "getuid") else str(os.getuid())
    home = Path(tempfile.gettempdir()) / f"commitgen-fontconfig-{user}-{digest}"
    target = home / "fonts.conf"
    if not target.is_file():
        home.mkdir(mode=0o700, parents=True, exist_ok=True)
        text = ('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
                f"<fontconfig>\n{body}  <cachedir>{escape(str(home / 'cache'))}</cachedir>\n"
                "</fontconfig>\n")
        partial = home / f"fonts.conf.{os.getpid()}"
        partial.write_text(text, encoding="utf-8")
        partial.replace(target)
    return target
