"""Published versions: a release kept at its stable address byte for byte, rebuilt to the
same bytes; the history on the current page and in charter.json; the archived page;
verify on current, superseded, altered and foreign PDFs; the QR code's address."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from commitgen.build import write_release_documents
from commitgen.loading.sources import load_policy
from commitgen.project import load_project
from commitgen.runtime import Runtime
from tests.conftest import RunCli, make_project, tree_bytes
from tests.versions_support import EFFECTIVE, new_version

pytestmark = pytest.mark.pdf

URL = "https://example.com/charters"
LATER = EFFECTIVE + dt.timedelta(days=40)


@dataclasses.dataclass
class Scenario:
    project: Path
    old_pdf: Path  # the 1.0 PDF a customer downloaded while it was current
    release: Path  # releases/minimal/v1.0


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scenario]:
    from click.testing import CliRunner

    from commitgen.cli import main

    root = tmp_path_factory.mktemp("versions")
    project = make_project(root / "p", [])
    (project / "commitgen.yaml").write_text(f"url: {URL}\n", encoding="utf-8")
    policy = project / "policies" / "minimal.yaml"
    policy.write_text(new_version("1.0", EFFECTIVE), encoding="utf-8")
    mp = pytest.MonkeyPatch()
    mp.chdir(project)
    mp.setenv("COMMITGEN_TODAY", EFFECTIVE.isoformat())

    def run(*args: str) -> None:
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
        assert result.exit_code == 0, result.output

    try:
        run("release", "-q")
        run("build", "-q")
        old_pdf = root / "old-vi.pdf"
        shutil.copyfile(project / "output/public/minimal/vi/minimal-vi.pdf", old_pdf)
        policy.write_text(new_version("1.1", LATER, ("amount: 200000 VND",
                                                      "amount: 300000 VND")), encoding="utf-8")
        mp.setenv("COMMITGEN_TODAY", LATER.isoformat())
        run("build", "-q")
        yield Scenario(project, old_pdf, project / "releases/minimal/v1.0")
    finally:
        mp.undo()


def test_the_release_is_published_unchanged_at_its_address(scenario: Scenario) -> None:
    published = tree_bytes(scenario.project / "output/public/minimal/v1.0")
    kept = tree_bytes(scenario.release / "public")
    assert published == kept
    assert set(published) == {f"{lang}/{name}" for lang in ("vi", "en") for name in
                              ("index.html", f"minimal-{lang}.pdf", "charter.json")}


def test_rebuilding_an_archived_version_gives_the_same_bytes(scenario: Scenario,
                                                             tmp_path: Path) -> None:
    project, problems = load_project(scenario.project)
    assert project is not None, problems
    loaded, problems = load_policy(scenario.release / "policy.yaml", "policy.yaml")
    assert loaded is not None, problems
    again = tmp_path / "again"
    again.mkdir()
    runtime = Runtime.from_environment({}, cwd=scenario.project)
    pages = write_release_documents(project, runtime, loaded, again)
    assert tree_bytes(again / "public") == tree_bytes(scenario.release / "public")
    manifest = json.loads((scenario.release / "release.json").read_text())
    assert pages == manifest["pages"]


def test_archived_pages_say_they_are_not_current(scenario: Scenario) -> None:
    page = (scenario.project / "output/public/minimal/v1.0/vi/index.html").read_text()
    assert "Đây không phải phiên bản hiện hành của bản cam kết này." in page
    assert f'<a href="{URL}/minimal/vi/">Xem bản cam kết hiện hành</a>' in page
    from pypdf import PdfReader

    reader = PdfReader(scenario.project / "output/public/minimal/v1.0/vi/minimal-vi.pdf")
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="3"' in xmp  # PDF/A-3
    assert b'pdfaid:conformance="A"' in xmp  # level A: tagged


def test_the_current_page_lists_the_history(scenario: Scenario) -> None:
    out = scenario.project / "output/public/minimal"
    page = (out / "en/index.html").read_text()
    assert '<a href="../v1.0/en/index.html">1.0</a>' in page
    assert "1 January 2026 to 9 February 2026" in page
    data = json.loads((out / "en/charter.json").read_text())
    assert [(v["version"], v["effective"], v["until"]) for v in data["versions"]] == [
        ("1.0", "2026-01-01", "2026-02-09"), ("1.1", "2026-02-10", None)]
    # the current version's own address leads to the current page
    assert 'url=../../en/index.html' in (out / "v1.1/en/index.html").read_text()


def _verify(run_cli: RunCli, scenario: Scenario, pdf: Path) -> tuple[int, dict[str, object]]:
    result = run_cli("verify", str(pdf), "--format", "json", cwd=scenario.project)
    [found] = json.loads(result.output)
    return result.exit_code, found


def test_verify_tells_old_from_new(scenario: Scenario, run_cli: RunCli) -> None:
    code, found = _verify(run_cli, scenario, scenario.old_pdf)
    assert (code, found["status"], found["version"]) == (1, "superseded", "1.0")
    assert "replaced by version 1.1 (in force from 2026-02-10)" in str(found["message"])
    current = scenario.project / "output/public/minimal/en/minimal-en.pdf"
    code, found = _verify(run_cli, scenario, current)
    assert (code, found["status"], found["version"]) == (0, "current", "1.1")
    archived = scenario.project / "output/public/minimal/v1.0/en/minimal-en.pdf"
    assert _verify(run_cli, scenario, archived)[1]["status"] == "superseded"


def test_verify_finds_an_altered_page(scenario: Scenario, run_cli: RunCli,
                                      tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ContentStream

    writer = PdfWriter(clone_from=PdfReader(scenario.old_pdf))
    page = writer.pages[0]
    content = page.get_contents()
    assert content is not None
    data = content.get_data()
    match = re.search(rb"\[<([0-9a-f]{4})>", data)  # the first glyph of a text run …
    assert match is not None
    glyph = b"%04x" % ((int(match.group(1), 16) + 1) % 0x10000)  # … another glyph
    data = data[:match.start(1)] + glyph + data[match.end(1):]
    stream = ContentStream(None, writer)
    stream.set_data(data)
    page.replace_contents(stream)
    altered = tmp_path / "altered.pdf"
    writer.write(altered)
    code, found = _verify(run_cli, scenario, altered)
    assert (code, found["status"]) == (1, "altered")
    assert "page 1 differs from every published PDF of that version" in str(found["message"])


def test_verify_foreign_pdfs(scenario: Scenario, run_cli: RunCli, tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    blank = tmp_path / "blank.pdf"
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.write(blank)
    assert _verify(run_cli, scenario, blank)[1]["status"] == "unknown"
    other = tmp_path / "other.pdf"
    writer = PdfWriter(clone_from=PdfReader(scenario.old_pdf))
    writer.add_metadata({"/commitgencharter": "someone-else"})
    writer.write(other)
    code, found = _verify(run_cli, scenario, other)
    assert (code, found["status"]) == (1, "unknown")
    assert "is not a charter of this project" in str(found["message"])


def test_the_qr_code_decodes_to_the_version_address(scenario: Scenario,
                                                    tmp_path: Path) -> None:
    import zxingcpp
    from PIL import Image
    from pypdf import PdfReader

    pages = len(PdfReader(scenario.old_pdf).pages)
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", str(pages), "-l", str(pages),
                    str(scenario.old_pdf), str(tmp_path / "page")], check=True)
    [image] = tmp_path.glob("page*.png")
    found = [code.text for code in zxingcpp.read_barcodes(Image.open(image))]
    assert found == [f"{URL}/minimal/v1.0/vi/"]
    text = subprocess.run(["pdftotext", str(scenario.old_pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    manifest = json.loads((scenario.release / "release.json").read_text())
    short = manifest["fingerprint"][:12]
    assert f"{short[:4]}-{short[4:8]}-{short[8:]}" in text  # printed on the document


def test_a_sales_pack_keeps_the_published_pages_and_verifies(
        scenario: Scenario, run_cli: RunCli, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from pypdf import PdfReader

    from commitgen.versions.pages import page_digests

    config = scenario.project / "commitgen.yaml"
    config.write_text(config.read_text() + "sales:\n  name: Nguyễn Thị Mai\n"
                      "  email: mai@example.com\n", encoding="utf-8")
    monkeypatch.setenv("COMMITGEN_TODAY", LATER.isoformat())
    target = tmp_path / "pack.pdf"
    result = run_cli("pack", "minimal", "--for", "Công ty ABC", "--lang", "en", "-o",
                     str(target), cwd=scenario.project)
    assert result.exit_code == 0, result.output
    published = scenario.project / "output/public/minimal/en/minimal-en.pdf"
    pages, charter = page_digests(target), page_digests(published)
    assert pages[-len(charter):] == charter  # the charter's pages, byte for byte
    cover = PdfReader(target).pages[0].extract_text()
    assert "Prepared for Công ty ABC" in cover and "Nguyễn Thị Mai" in cover
    assert "10 February 2026" in cover  # the day it was prepared
    code, found = _verify(run_cli, scenario, target)
    assert (code, found["status"], found["version"]) == (0, "current", "1.1")
    again = tmp_path / "again.pdf"
    run_cli("pack", "minimal", "--for", "Công ty ABC", "--lang", "en", "-o", str(again),
            cwd=scenario.project)
    assert again.read_bytes() == target.read_bytes()  # same input, same bytes
