"""Incremental builds: each kind of input change rebuilds what depends on it, nothing else.

One project (two policies in Vietnamese and English, a logo, a project catalogue, a
briefing override, the fonts from a folder of their own) is built once; each test
copies it, changes one input, builds again and compares what was rendered — the pages
of each unit (a policy's documents, or the lists) whose inputs changed — and which PDFs
were made — only those whose page or loaded files changed — with what depends on the
input. The output must then be byte for byte what a cold build of the changed project
makes.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

import commitgen
from commitgen.build import BuildReport, build
from commitgen.incremental.record import CACHE_DIR, PRINT_DIR
from commitgen.project import load_project
from commitgen.render import urls
from commitgen.render.fonts import FACES, font_dir
from commitgen.runtime import Runtime
from tests.conftest import MINIMAL, REPO, tree_bytes

pytestmark = pytest.mark.pdf

POLICIES = ("minimal", "second")
LANGUAGES = ("vi", "en")
CATALOGUE = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Service charter"
msgstr "{}"
"""
BRIEFING = """{{% extends "theme/briefing.html.j2" %}}
{{% block font_css %}}{{% endblock %}}
{{% block title %}}{} · {{{{ super() }}}}{{% endblock %}}
"""
LOGO = ('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
        '<rect width="40" height="20" fill="{}"/></svg>')
CONFIG = """organisation: {{name: ABC}}
branding: {{logo: assets/logo.svg, primary_colour: "{}"}}
"""


charter, briefing = urls.charter_html, urls.briefing_html


def pdf_of(key: str) -> str:
    tree, policy, language, _ = key.split("/")
    return (urls.charter_pdf if tree == urls.PUBLIC else urls.briefing_pdf)(policy, language)


def pages(policy: str) -> set[str]:
    """The web pages of a policy (what its unit renders)."""
    return {page(policy, lang) for lang in LANGUAGES for page in (charter, briefing)}


CHARTERS = {charter(p, lang) for p in POLICIES for lang in LANGUAGES}
BRIEFINGS = {briefing(p, lang) for p in POLICIES for lang in LANGUAGES}
INDEXES = {urls.index_html(tree, lang, "vi") for lang in LANGUAGES
           for tree in (urls.PUBLIC, urls.STAFF)}  # the lists, in each language
EVERYTHING = CHARTERS | BRIEFINGS | INDEXES
ALL_PDFS = {pdf_of(key) for key in CHARTERS | BRIEFINGS}


def make(root: Path) -> Path:
    """The project of these tests (its fonts in ``root/fonts``, outside the project)."""
    project = root / "project"
    (project / "policies").mkdir(parents=True)
    text = MINIMAL.read_text(encoding="utf-8")
    (project / "policies" / "minimal.yaml").write_text(text, encoding="utf-8")
    (project / "policies" / "second.yaml").write_text(
        text.replace("id: minimal", "id: second", 1), encoding="utf-8")
    (project / "assets").mkdir()
    (project / "assets" / "logo.svg").write_text(LOGO.format("#1d4e89"), encoding="utf-8")
    (project / "commitgen.yaml").write_text(CONFIG.format("#1d4e89"), encoding="utf-8")
    locale = project / "templates" / "locale" / "vi" / "LC_MESSAGES"
    locale.mkdir(parents=True)
    (locale / "messages.po").write_text(CATALOGUE.format("Cam kết dịch vụ"), encoding="utf-8")
    (project / "templates" / "briefing.html.j2").write_text(BRIEFING.format("ABC"),
                                                            encoding="utf-8")
    fonts = root / "fonts"
    fonts.mkdir()
    for face in FACES:
        shutil.copy(font_dir() / f"{face.name}.otf", fonts)
    return project


def run(project: Path) -> BuildReport:
    loaded, problems = load_project(project)
    assert loaded is not None, problems
    runtime = Runtime.from_environment(
        {"COMMITGEN_FONT_DIR": str(project.parent / "fonts")}, cwd=project)
    return build(loaded, runtime, jobs=2)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project, built once."""
    project = make(tmp_path_factory.mktemp("incremental"))
    report = run(project)
    assert set(report.rendered) == EVERYTHING and set(report.pdfs) == ALL_PDFS
    return project


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    """A copy of the built project (output and cache with their file times)."""
    shutil.copytree(built.parent, tmp_path / "copy", symlinks=True)
    return tmp_path / "copy" / "project"


def rebuilt(project: Path, change: Callable[[Path], None]) -> BuildReport:
    """Change the project, build it again, and check that the output is the one a cold
    build of the changed project makes."""
    change(project)
    report = run(project)
    cold = project.parent.parent / "cold"
    shutil.copytree(project, cold / "project",
                    ignore=shutil.ignore_patterns("output", CACHE_DIR))
    shutil.copytree(project.parent / "fonts", cold / "fonts")
    run(cold / "project")
    assert tree_bytes(cold / "project" / "output") == tree_bytes(project / "output")
    return report


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_moved_project_renders_nothing(project: Path) -> None:
    report = run(project)  # the copy: the same inputs in other folders
    assert not report.unchanged and report.rendered == [] and report.pdfs == []


def test_nothing_changed_does_nothing(project: Path) -> None:
    run(project)  # recorded where it is now
    before = {p: p.stat().st_mtime_ns for p in (project / "output").rglob("*")}
    report = run(project)
    assert report.unchanged and not report.rendered and not report.pdfs
    assert report.reused == len(ALL_PDFS)
    assert {p: p.stat().st_mtime_ns for p in (project / "output").rglob("*")} == before


def test_a_policy_rebuilds_its_own_documents(project: Path) -> None:
    before = tree_bytes(project / "output")
    report = rebuilt(project, lambda p: edit(
        p / "policies" / "second.yaml", "en: You cannot sign in.",
        "en: You cannot sign in to your account."))
    assert set(report.rendered) == pages("second") | INDEXES
    after = tree_bytes(project / "output")
    changed = {page for page in CHARTERS | BRIEFINGS if before[page] != after[page]}
    # the English pages and the charters (they print the content's fingerprint) changed;
    # the Vietnamese briefing came out the same, and its PDF stays
    assert changed == {charter("second", "en"), briefing("second", "en"),
                       charter("second", "vi")}
    assert set(report.pdfs) == {pdf_of(page) for page in changed}


def test_a_template_block_rebuilds_the_documents_using_it(project: Path) -> None:
    report = rebuilt(project, lambda p: (p / "templates" / "briefing.html.j2").write_text(
        BRIEFING.format("XYZ"), encoding="utf-8"))
    assert set(report.rendered) == CHARTERS | BRIEFINGS  # not the lists: they do not use it
    assert set(report.pdfs) == {pdf_of(key) for key in BRIEFINGS}  # the pages that changed


def test_a_catalogue_entry_rebuilds_its_language(project: Path) -> None:
    report = rebuilt(project, lambda p: edit(
        p / "templates" / "locale" / "vi" / "LC_MESSAGES" / "messages.po",
        "Cam kết dịch vụ", "Cam kết chất lượng dịch vụ"))
    assert set(report.rendered) == EVERYTHING  # every unit has Vietnamese pages …
    assert set(report.pdfs) == {pdf_of(charter(p, "vi")) for p in POLICIES}  # … these changed


def test_a_font_file_rebuilds_what_prints_the_fonts(project: Path) -> None:
    def change_font(p: Path) -> None:
        from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

        path = p.parent / "fonts" / "Inter-Bold.otf"
        font = TTFont(path)
        font["name"].setName("Inter Bold (changed)", 3, 3, 1, 0x409)
        font.save(path)

    report = rebuilt(project, change_font)
    assert set(report.rendered) == EVERYTHING  # pages that print the fonts' @font-face
    assert set(report.pdfs) == ALL_PDFS  # every PDF may use the fonts


def test_an_asset_rebuilds_the_pdfs_that_load_it(project: Path) -> None:
    report = rebuilt(project, lambda p: (p / "assets" / "logo.svg").write_text(
        LOGO.format("#c8102e"), encoding="utf-8"))
    assert report.rendered == []  # the pages name the logo; the PDFs embed it
    assert set(report.pdfs) == ALL_PDFS


def test_the_print_stylesheet_rebuilds_the_pdfs_only(project: Path) -> None:
    before = tree_bytes(project / "output")
    report = rebuilt(project, lambda p: (p / "templates" / "print.css").write_text(
        '{% include "theme/print.css" %}\nh1 { color: #c8102e; }\n', encoding="utf-8"))
    assert set(report.rendered) == CHARTERS | BRIEFINGS  # the documents that print …
    assert set(report.pdfs) == ALL_PDFS  # … made again from their print HTML
    after = tree_bytes(project / "output")
    assert {name for name in after if before.get(name) != after[name]} == ALL_PDFS
    assert not any(PRINT_DIR in name for name in after)  # the print HTML stays unpublished


def test_an_unused_asset_rebuilds_nothing(project: Path) -> None:
    report = rebuilt(project, lambda p: (p / "assets" / "notes.txt").write_text(
        "not used by any document", encoding="utf-8"))
    assert not report.unchanged and report.rendered == [] and report.pdfs == []


def test_the_configuration_rebuilds_what_shows_it(project: Path) -> None:
    report = rebuilt(project, lambda p: (p / "commitgen.yaml").write_text(
        CONFIG.format("#2e7d32"), encoding="utf-8"))
    assert set(report.rendered) == EVERYTHING
    assert set(report.pdfs) == ALL_PDFS


def test_a_setting_no_document_shows_renders_no_pdf(project: Path) -> None:
    report = rebuilt(project, lambda p: (p / "commitgen.yaml").write_text(
        CONFIG.format("#1d4e89") + "rules: {disable: [CG101]}\n", encoding="utf-8"))
    assert set(report.rendered) == EVERYTHING  # every page reads commitgen.yaml …
    assert report.pdfs == []  # … and comes out the same


def test_a_new_version_of_commitgen_rebuilds_everything(project: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("commitgen") and getattr(
                module, "__version__", None) == commitgen.__version__:
            monkeypatch.setattr(module, "__version__", "99.0")
    report = run(project)
    assert set(report.rendered) == EVERYTHING and set(report.pdfs) == ALL_PDFS


def test_a_removed_pdf_comes_back_from_the_cache(project: Path) -> None:
    report = rebuilt(project, lambda p: (p / "output" / pdf_of(charter("minimal", "vi"))
                                         ).unlink())
    assert report.rendered == [] and report.pdfs == []


def test_an_edited_output_page_is_rendered_again(project: Path) -> None:
    report = rebuilt(project, lambda p: edit(p / "output" / charter("minimal", "en"),
                                             "</body>", "<!-- edited --></body>"))
    assert set(report.rendered) == pages("minimal") and report.pdfs == []


def test_a_removed_policy_leaves_the_output(project: Path) -> None:
    report = rebuilt(project, lambda p: (p / "policies" / "second.yaml").unlink())
    assert set(report.rendered) == INDEXES and report.pdfs == []
    assert not (project / "output" / "public" / "second").exists()


def test_a_build_with_nothing_to_do_loads_no_library(built: Path, tmp_path: Path) -> None:
    """The CLI recognises it before importing the template engine, the models or
    WeasyPrint."""
    copy = tmp_path / "copy"
    shutil.copytree(built.parent, copy, symlinks=True)
    run(copy / "project")  # the copy's own record (the folders moved)
    script = textwrap.dedent("""
        import sys
        from commitgen.cli import main
        try:
            main(["build", "-q"])
        except SystemExit as exit:
            assert exit.code == 0, exit.code
        heavy = sorted(m for m in sys.modules if m.split(".")[0] in
                       {"jinja2", "weasyprint", "pydantic", "babel", "fontTools"})
        print(",".join(heavy))
    """)
    result = subprocess.run([sys.executable, "-c", script], cwd=copy / "project", text=True,
                            capture_output=True, check=True, env={
                                "PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO),
                                "COMMITGEN_FONT_DIR": str(copy / "fonts")})
    assert result.stdout.strip() == "", result.stdout
