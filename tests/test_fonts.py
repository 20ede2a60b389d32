"""Fonts: the theme's typeface covers every example, embedded and subset, with no missing
glyph; each HTML page declares its language and loads the same typeface from the output.

The missing-glyph check reads what WeasyPrint wrote into the PDF, font by font:

* every glyph code used with a font (its /ToUnicode CMap lists exactly those, with the
  text each one stands for) is translated to a glyph id through the font's /Encoding
  (Identity-H, or the CMap WeasyPrint writes when it had to draw an unknown glyph); a
  glyph id of 0 is .notdef, the "tofu" box drawn for a character no font has;
* every character a font's glyphs stand for must be in the cmap of the embedded font
  program itself (the subset keeps its cmap);
* and every character of the page text must be in some embedded font's cmap.

``test_the_check_catches_a_missing_glyph`` proves the check fails when it should, by
rendering a character no font has through the same renderer as the build (which itself
fails such a document, from WeasyPrint's own report of the .notdef glyph).
"""

from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject, NameObject

from commitgen.render.fonts import FACES, FAMILY, LICENCE_NAME, font_dir
from commitgen.render.pdf import PdfJob, render_pdf
from commitgen.render.theme_folders import builtin_theme_dir
from tests.conftest import RunCli, pdf_text

# --- reading the fonts of a PDF ---------------------------------------------------------------

_HEX = r"<([0-9A-Fa-f]+)>"


def _utf16(hex_text: str) -> str:
    return bytes.fromhex(hex_text).decode("utf-16-be")


def parse_to_unicode(cmap: str) -> dict[int, str]:
    """Glyph code → the text it stands for, from a /ToUnicode CMap (bfchar and bfrange)."""
    mapping: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in re.findall(_HEX + r"\s*" + _HEX, block):
            mapping[int(code, 16)] = _utf16(text)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, rest in re.findall(_HEX + r"\s*" + _HEX + r"\s*(<[^>]*>|\[[^\]]*\])",
                                          block):
            start, end = int(low, 16), int(high, 16)
            if rest.startswith("["):
                for offset, text in enumerate(re.findall(_HEX, rest)):
                    mapping[start + offset] = _utf16(text)
            else:
                first = bytes.fromhex(rest[1:-1])
                for offset in range(end - start + 1):
                    last = int.from_bytes(first[-2:], "big") + offset
                    mapping[start + offset] = (first[:-2] + last.to_bytes(2, "big")).decode(
                        "utf-16-be")
    return mapping


def parse_cid_cmap(cmap: str) -> dict[int, int]:
    """Glyph code → CID, from an embedded encoding CMap (cidchar and cidrange)."""
    mapping: dict[int, int] = {}
    for block in re.findall(r"begincidchar(.*?)endcidchar", cmap, re.S):
        for code, cid in re.findall(_HEX + r"\s*(\d+)", block):
            mapping[int(code, 16)] = int(cid)
    for block in re.findall(r"begincidrange(.*?)endcidrange", cmap, re.S):
        for low, high, cid in re.findall(_HEX + r"\s*" + _HEX + r"\s*(\d+)", block):
            for offset in range(int(high, 16) - int(low, 16) + 1):
                mapping[int(low, 16) + offset] = int(cid) + offset
    return mapping


@dataclass
class PdfFont:
    name: str  # /BaseFont, e.g. ABCDEF+Inter-Bold
    subtype: str  # of the font the glyphs come from (CIDFontType0, CIDFontType2…)
    program_key: str | None  # FontFile, FontFile2 or FontFile3 when embedded
    program: bytes | None
    to_unicode: dict[int, str] = field(default_factory=dict)
    glyph_ids: dict[int, int] = field(default_factory=dict)  # code → CID (= glyph id)

    @property
    def family(self) -> str:
        return self.name.split("+", 1)[-1]

    def glyph_count(self) -> int:
        return int(TTFont(io.BytesIO(self.program))["maxp"].numGlyphs) if self.program else 0

    def cmap(self) -> set[int]:
        """The characters this font has: for a face of the theme's typeface, the cmap of the
        installed font file it comes from; for any other font (a fallback), the cmap of the
        embedded subset (which keeps the entries of the glyphs it kept)."""
        source = _theme_face_file(self.family)
        if source is not None:
            return _source_cmap(source)
        if self.program is None:
            return set()
        font = TTFont(io.BytesIO(self.program))
        return set(font.getBestCmap() or {}) if "cmap" in font else set()


def _theme_face_file(pdf_family: str) -> Path | None:
    """The installed file of a face of the theme's typeface, from the name WeasyPrint gives
    the font in the PDF ("Inter", "Inter-Bold", "Inter-Semi-Bold", "Inter-Bold-Italic")."""
    if pdf_family != FAMILY and not pdf_family.startswith(f"{FAMILY}-"):
        return None
    style = pdf_family[len(FAMILY):].replace("-", "") or "Regular"
    path = font_dir() / f"{FAMILY}-{style}.otf"
    assert path.is_file(), f"{pdf_family}: no face {path.name} of the theme's typeface"
    return path


@functools.cache
def _source_cmap(path: Path) -> set[int]:
    return set(TTFont(path).getBestCmap())


def _fonts_of(resources: DictionaryObject, found: dict[int, DictionaryObject],
              seen: set[int]) -> None:
    fonts = resources.get("/Font")
    if fonts is not None:
        for ref in fonts.get_object().values():
            key = ref.idnum if isinstance(ref, IndirectObject) else id(ref)
            found[key] = ref.get_object()
    xobjects = resources.get("/XObject")
    if xobjects is not None:
        for ref in xobjects.get_object().values():
            key = ref.idnum if isinstance(ref, IndirectObject) else id(ref)
            if key in seen:
                continue
            seen.add(key)
            inner = ref.get_object().get("/Resources")
            if inner is not None:
                _fonts_of(inner.get_object(), found, seen)


def pdf_fonts(path: Path) -> list[PdfFont]:
    """Every font the pages of ``path`` (and their form XObjects) use."""
    found: dict[int, DictionaryObject] = {}
    seen: set[int] = set()
    for page in PdfReader(path).pages:
        resources = page.get("/Resources")
        if resources is not None:
            _fonts_of(resources.get_object(), found, seen)
    fonts = []
    for font in found.values():
        descendant = (font["/DescendantFonts"][0].get_object()
                      if font.get("/Subtype") == "/Type0" else font)
        descriptor = descendant.get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor is not None else {}
        program_key = next((key for key in ("/FontFile", "/FontFile2", "/FontFile3")
                            if key in descriptor), None)
        program = descriptor[program_key].get_object().get_data() if program_key else None
        entry = PdfFont(str(font["/BaseFont"]).lstrip("/"), str(descendant.get("/Subtype")),
                        program_key, program)
        if "/ToUnicode" in font:
            entry.to_unicode = parse_to_unicode(
                font["/ToUnicode"].get_object().get_data().decode("latin-1"))
        encoding = font.get("/Encoding")
        if isinstance(encoding, NameObject) and encoding == "/Identity-H":
            entry.glyph_ids = {code: code for code in entry.to_unicode}
        elif encoding is not None:
            entry.glyph_ids = parse_cid_cmap(encoding.get_object().get_data().decode("latin-1"))
        fonts.append(entry)
    return fonts


#: characters that are never drawn with a glyph of their own
_NOT_DRAWN = {"\n", "\r", "\t", "\u00ad", "\u200b", "\ufeff"}


def missing_glyphs(path: Path) -> list[str]:
    """Every problem with the glyphs of ``path``: text drawn as .notdef (glyph 0) or with a
    glyph the embedded font does not have, characters a font was used for that are not in
    its cmap, and page text that no font used in the PDF has."""
    problems = []
    fonts = pdf_fonts(path)
    covered: set[int] = set()
    for font in fonts:
        cmap = font.cmap()
        covered |= cmap
        count = font.glyph_count()
        for code, text in sorted(font.to_unicode.items()):
            glyph = font.glyph_ids.get(code)
            if glyph is None:
                problems.append(f"{font.name}: code {code:#x} ({text!r}) has no glyph mapping")
            elif glyph == 0:
                problems.append(f"{font.name}: {text!r} is drawn as .notdef (missing glyph)")
            elif glyph >= count:
                problems.append(f"{font.name}: {text!r} uses glyph {glyph}, which the "
                                f"embedded font ({count} glyphs) does not have")
            for char in text:
                if char not in _NOT_DRAWN and ord(char) not in cmap:
                    problems.append(f"{font.name}: {char!r} (U+{ord(char):04X}) is not in "
                                    "the font's cmap")
    for char in sorted(set(pdf_text(path))):
        if not char.isspace() and char not in _NOT_DRAWN and ord(char) not in covered:
            problems.append(f"page text {char!r} (U+{ord(char):04X}) is in no embedded font")
    return problems


# --- the examples -----------------------------------------------------------------------------


def _pdfs(output: Path) -> list[Path]:
    pdfs = sorted(output.rglob("*.pdf"))
    assert pdfs
    return pdfs


def _vi_charters(output: Path) -> list[Path]:
    charters = sorted(p for p in output.glob("public/*/vi/*-vi.pdf") if "-partners-" not in p.name)
    assert charters
    return charters


@pytest.mark.pdf
def test_vietnamese_charter_text_keeps_its_diacritics(built_examples: Path) -> None:
    for pdf in _vi_charters(built_examples):
        text = pdf_text(pdf)
        for phrase in ("Bồi thường", "ngày làm việc", "Cam kết dịch vụ", "trường hợp",
                       "hằng tháng", "khiếu nại", "Chúng tôi làm gì", "Giờ làm việc"):
            assert phrase in text, (pdf.name, phrase)
    # the stacked diacritics the issue names, somewhere in the Vietnamese examples
    every = "".join(pdf_text(pdf) for pdf in _vi_charters(built_examples))
    for letter in "ặờữẫỗ":
        assert letter in every, letter


@pytest.mark.pdf
def test_fonts_are_embedded_and_subset(built_examples: Path) -> None:
    for pdf in _pdfs(built_examples):
        fonts = pdf_fonts(pdf)
        assert fonts, pdf
        for font in fonts:
            assert font.program_key is not None, f"{pdf.name}: {font.name} is not embedded"
            assert re.fullmatch(r"[A-Z]{6}\+.+", font.name), f"{pdf.name}: {font.name} not subset"
            # a subset: far fewer glyphs kept than the family has
            assert len(font.to_unicode) < 1000


@pytest.mark.pdf
def test_the_declared_typeface_sets_the_text(built_examples: Path) -> None:
    """Inter sets the text; any other font (the DejaVu fallback) only characters Inter lacks."""
    inter = TTFont(font_dir() / f"{FACES[0].name}.otf").getBestCmap()
    for pdf in _pdfs(built_examples):
        fonts = pdf_fonts(pdf)
        families = {font.family for font in fonts}
        assert FAMILY in families, (pdf.name, families)  # the regular face: body text
        assert f"{FAMILY}-Bold" in families, (pdf.name, families)
        for font in fonts:
            if font.family.startswith(FAMILY):
                continue
            has = {char for text in font.to_unicode.values() for char in text
                   if ord(char) in inter and not char.isspace()}
            assert not has, f"{pdf.name}: {font.name} sets {sorted(has)}, which {FAMILY} has"


@pytest.mark.pdf
def test_no_glyph_is_missing_from_any_example(built_examples: Path) -> None:
    problems = {pdf.relative_to(built_examples).as_posix(): missing_glyphs(pdf)
                for pdf in _pdfs(built_examples)}
    assert {name: found for name, found in problems.items() if found} == {}


def test_the_check_catches_a_missing_glyph(tmp_path: Path,
                                          caplog: pytest.LogCaptureFixture) -> None:
    """The same renderer as the build, a character no font has (U+0378 is unassigned): the
    check must report it, both as .notdef and as absent from the cmaps."""
    html = ("<!DOCTYPE html><html lang='vi'><style>body { font-family: 'DejaVu Sans'; }"
            "</style><p>Bồi thường \u0378 ngày làm việc</p></html>")
    target = tmp_path / "missing.pdf"
    result = render_pdf(PdfJob(html=html, base_url=(tmp_path / "missing.html").as_uri(),
                               target=target, allowed=(tmp_path,), label="missing glyph"))
    # the renderer itself fails the document (and so the build), naming the character
    assert result.error is not None and "(U+0378)" in result.error
    problems = missing_glyphs(target)  # the PDF stays for inspection
    assert any("'\\u0378' is drawn as .notdef" in problem for problem in problems), problems
    assert any("U+0378) is not in the font's cmap" in problem
               for problem in problems), problems
    # nothing else about the fonts is flagged (pypdf cannot decode the page text of a font
    # with such a glyph, so the page-text check reports that text as well)
    assert all("0378" in problem for problem in problems
               if not problem.startswith("page text")), problems
    assert any(record.getMessage().startswith(".notdef glyph rendered")
               for record in caplog.records)  # WeasyPrint saw it too


@pytest.mark.pdf
def test_the_check_catches_a_missing_glyph_in_the_theme(built_examples: Path,
                                                        tmp_path: Path) -> None:
    """A real charter page with one impossible character: the theme's own font stack
    (Inter, then DejaVu Sans) cannot draw it, and the check says so."""
    source = built_examples / "public" / "saas-support" / "vi" / "index.html"
    html = source.read_text(encoding="utf-8").replace("<main id=\"main\">",
                                                      "<main id=\"main\"><p>x\u0378x</p>", 1)
    target = tmp_path / "charter.pdf"
    result = render_pdf(PdfJob(html=html, base_url=source.as_uri(), target=target,
                               allowed=(builtin_theme_dir(), built_examples),
                               label="charter with a missing glyph"))
    assert result.error is not None and "(U+0378)" in result.error
    problems = missing_glyphs(target)
    assert any("'\\u0378' is drawn as .notdef" in problem for problem in problems), problems
    assert all("0378" in problem for problem in problems
               if not problem.startswith("page text")), problems


# --- HTML: languages and the same typeface ----------------------------------------------------


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.styles: list[str] = []
        self._in_style = False
        self.foreign: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang")
        elif tag == "style":
            self._in_style = True
            self.styles.append("")
        if "hreflang" in values or (tag != "html" and "lang" in values):
            self.foreign.append((tag, values))

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles[-1] += data


def _page(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _expected_language(relative: str) -> str:
    parts = relative.split("/")
    if parts[1] == "index.html":  # the lists: the language of most bundled charters
        return "vi"
    if len(parts) == 2:  # index.en.html: the same list in another language
        return parts[1].split(".")[1]
    return parts[2]  # public/<id>/<lang>/index.html, staff/<id>/<lang>/briefing.html


@pytest.mark.pdf
def test_every_page_declares_its_language(built_examples: Path) -> None:
    pages = sorted(built_examples.rglob("*.html"))
    assert len(pages) >= 14
    for path in pages:
        relative = path.relative_to(built_examples).as_posix()
        page = _page(path)
        assert page.lang == _expected_language(relative), relative
        for tag, values in page.foreign:
            # a link to another language says which; text in another language says so too
            if "hreflang" in values and tag == "a" and "lang" in values:
                assert values["lang"] == values["hreflang"], (relative, values)
            if tag != "link" and "lang" in values:
                assert values["lang"] in ("vi", "en"), (relative, values)


@pytest.mark.pdf
def test_every_pdf_declares_its_language(built_examples: Path) -> None:
    for pdf in _pdfs(built_examples):
        relative = pdf.relative_to(built_examples).as_posix()
        assert PdfReader(pdf).trailer["/Root"]["/Lang"] == relative.split("/")[2], relative


@pytest.mark.pdf
def test_a_charter_in_another_language_is_marked_on_the_index(
        minimal_project: Path, run_cli: RunCli) -> None:
    """On the English index, a Vietnamese-only charter's texts carry lang="vi"."""
    import yaml

    def vietnamese(node: object) -> object:
        if isinstance(node, dict):
            if set(node) == {"vi", "en"}:
                return node["vi"]
            return {key: vietnamese(value) for key, value in node.items()}
        if isinstance(node, list):
            return [vietnamese(item) for item in node]
        return node

    source = minimal_project / "policies" / "minimal.yaml"
    data = vietnamese(yaml.safe_load(source.read_text(encoding="utf-8")))
    assert isinstance(data, dict)
    data.update(id="chi-tieng-viet", languages=["vi"])
    (minimal_project / "policies" / "chi-tieng-viet.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run_cli("build", "-j", "1", cwd=minimal_project)
    assert result.exit_code == 0, result.output
    for tree in ("public", "staff"):
        html = (minimal_project / "output" / tree / "index.en.html").read_text(encoding="utf-8")
        assert '<html lang="en">' in html
        assert '<h2 lang="vi">Dịch vụ thử nghiệm</h2>' in html  # the Vietnamese-only one
        assert "<h2>Test service</h2>" in html  # the English one needs no mark


@pytest.mark.pdf
def test_every_page_loads_the_typeface_from_the_output(built_examples: Path) -> None:
    for path in sorted(built_examples.rglob("*.html")):
        relative = path.relative_to(built_examples).as_posix()
        css = "\n".join(_page(path).styles)
        faces = re.findall(r"@font-face\s*\{(.*?)\}", css, re.S)
        assert len(faces) == len(FACES), relative
        weights = set()
        for face in faces:
            assert f'font-family: "{FAMILY}"' in face, relative
            url = re.search(r'url\("([^"]+)"\)', face)
            assert url is not None, relative
            target = Path(urlsplit(urljoin(path.as_uri(), url.group(1))).path)
            assert target.is_file(), (relative, url.group(1))
            assert target.parent.name == "fonts"
            assert (target.parent / LICENCE_NAME).is_file()
            # it stays inside the page's own tree: public never reaches into staff
            tree = built_examples / relative.split("/")[0]
            assert target.is_relative_to(tree), (relative, target)
            data = target.read_bytes()
            assert data[:4] == b"wOFF"
            weights.add(re.search(r"font-weight: (\d+)", face).group(1))  # type: ignore[union-attr]
        assert weights == {str(face.weight) for face in FACES}
        assert f'font-family: "{FAMILY}", "DejaVu Sans", sans-serif' in css, relative


@pytest.mark.pdf
def test_web_fonts_are_the_installed_fonts(built_examples: Path) -> None:
    """The WOFF files carry the installed OpenType tables unchanged."""
    for face in FACES:
        web = TTFont(built_examples / "public" / "fonts" / f"{face.name}.woff")
        original = TTFont(font_dir() / f"{face.name}.otf")
        assert web.flavor == "woff"
        assert sorted(web.keys()) == sorted(original.keys())
        for tag in ("cmap", "CFF ", "GSUB", "GPOS"):
            assert web.reader[tag] == original.reader[tag], (face.name, tag)
    public = built_examples / "public" / "fonts"
    staff = built_examples / "staff" / "fonts"
    assert sorted(p.name for p in public.iterdir()) == sorted(p.name for p in staff.iterdir())


@pytest.mark.pdf
def test_a_missing_typeface_fails_with_the_package_to_install(
        tmp_path: Path, minimal_project: Path, run_cli: RunCli,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import commitgen.render.fonts as fonts

    monkeypatch.setattr(fonts, "SEARCH_DIRS", (tmp_path / "nowhere",))
    monkeypatch.delenv(fonts.FONT_DIR_VARIABLE, raising=False)
    result = run_cli("build", "-j", "1", cwd=minimal_project)
    assert result.exit_code == 3, result.output
    assert "fonts-inter" in result.output and fonts.FONT_DIR_VARIABLE in result.output
    assert not (minimal_project / "output").exists()


@pytest.mark.pdf
def test_the_typeface_can_come_from_a_named_folder(
        tmp_path: Path, minimal_project: Path, run_cli: RunCli,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the Debian package (macOS, say), COMMITGEN_FONT_DIR names Inter's files."""
    import shutil

    import commitgen.render.fonts as fonts

    own = tmp_path / "inter"
    own.mkdir()
    for face in FACES:
        shutil.copy(font_dir() / f"{face.name}.otf", own)
    monkeypatch.setattr(fonts, "SEARCH_DIRS", (tmp_path / "nowhere",))
    monkeypatch.setenv(fonts.FONT_DIR_VARIABLE, str(own))
    result = run_cli("build", "-q", "-j", "1", cwd=minimal_project)
    assert result.exit_code == 0, result.output
    assert (minimal_project / "output/public/fonts/LICENSE-Inter.txt").is_file()


@pytest.mark.pdf
def test_a_character_no_font_has_fails_the_build(minimal_project: Path,
                                                 run_cli: RunCli) -> None:
    policy = minimal_project / "policies" / "minimal.yaml"
    policy.write_text(policy.read_text(encoding="utf-8").replace(
        "Dịch vụ thử nghiệm", "Dịch vụ thử nghiệm \U00013000"), encoding="utf-8")
    result = run_cli("build", "-j", "1", cwd=minimal_project)
    assert result.exit_code == 3, result.output
    assert "no font has a glyph for" in result.output
    assert "(U+13000)" in result.output
    assert not (minimal_project / "output").exists()


@pytest.mark.pdf
def test_rendering_leaves_no_font_files_behind(built_examples: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """WeasyPrint copies the @font-face fonts into a temporary folder per document; the
    renderer removes it (a worker renders many documents and may never collect it)."""
    import tempfile

    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    source = built_examples / "public" / "saas-support" / "en" / "index.html"
    result = render_pdf(PdfJob(html=source.read_text(encoding="utf-8"),
                               base_url=source.as_uri(), target=tmp_path / "charter.pdf",
                               allowed=(builtin_theme_dir(), built_examples), label="charter"))
    assert result.error is None
    assert (tmp_path / "charter.pdf").is_file()
    assert list(temporary.iterdir()) == []


@pytest.mark.pdf
def test_fonts_installed_on_the_machine_are_never_used(minimal_project: Path,
                                                       run_cli: RunCli) -> None:
    """Thai is in no theme font: the build fails on every machine alike, even on one with
    a Thai font installed (the result never depends on the machine's other fonts)."""
    policy = minimal_project / "policies" / "minimal.yaml"
    policy.write_text(policy.read_text(encoding="utf-8").replace(
        "Test service", "Test service กข"), encoding="utf-8")
    result = run_cli("build", "-j", "1", cwd=minimal_project)
    assert result.exit_code == 3, result.output
    assert '"ก" (U+0E01)' in result.output
