"""PDF/UA-1: every bundled PDF passes the machine-checkable checks of tests/pdfua.py
(structure, table header scopes, lists, headings, language, title, XMP metadata,
artefacts, embedded fonts), and the structure tree holds what the page shows."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from tests.pdfua import problems, structure_types


def _pdfs(output: Path) -> list[Path]:
    found = sorted(output.rglob("*.pdf"))
    assert len(found) >= 14
    return found


@pytest.mark.pdf
def test_every_bundled_pdf_passes_the_pdfua_checks(built_examples: Path) -> None:
    failures = {pdf.relative_to(built_examples).as_posix(): found
                for pdf in _pdfs(built_examples) if (found := problems(pdf))}
    assert failures == {}


@pytest.mark.pdf
def test_the_structure_has_headings_tables_and_lists(built_examples: Path) -> None:
    charter = built_examples / "public/fibre-internet/en/fibre-internet-en.pdf"
    with pikepdf.Pdf.open(charter) as pdf:
        types = structure_types(pdf)
        assert str(pdf.Root.Lang) == "en"
        assert "Hà Thành Net fibre broadband" in str(pdf.open_metadata().get("dc:title"))
    assert types["H1"] == 1 and types["H2"] >= 6 and types["H3"] >= 7
    assert types["Table"] >= 5 and types["TH"] >= 20
    assert types["L"] >= 3 and types["LI"] == types["LBody"]


def test_the_checker_finds_what_it_looks_for(tmp_path: Path) -> None:
    """A PDF without tags, language or metadata fails: the checks can fail."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    target = tmp_path / "bare.pdf"
    pdf.save(target)
    found = problems(target)
    assert any(p.startswith("[01-002]") for p in found)  # not marked as tagged
    assert any(p.startswith("[11-006]") for p in found)  # no language
    assert any(p.startswith("[06-001]") for p in found)  # no XMP metadata
