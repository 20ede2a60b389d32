"""The URL scheme and the view models the templates receive."""

from __future__ import annotations

import pytest

from commitgen.loading.sources import load_policy
from commitgen.model.policy import Charter
from commitgen.model.site import SiteConfig
from commitgen.render import urls, views
from commitgen.render.fonts import ThemeFonts
from tests.conftest import EXAMPLES


@pytest.mark.parametrize(("page", "target", "expected"), [
    ("public/index.html", "public/a/vi/index.html", "a/vi/index.html"),
    ("public/a/vi/index.html", "public/a/en/index.html", "../en/index.html"),
    ("public/a/vi/index.html", "public/a/vi/a-vi.pdf", "a-vi.pdf"),
    ("public/a/vi/index.html", "public/index.en.html", "../../index.en.html"),
    ("staff/a/en/briefing.html", "staff/a/en/a-briefing-en.pdf", "a-briefing-en.pdf"),
])
def test_links_are_relative(page: str, target: str, expected: str) -> None:
    assert urls.href(page, target) == expected


def test_public_urls_are_absolute_folders_and_never_staff() -> None:
    site = "https://example.com/cam-ket/"
    assert urls.public_url(site, "public/a/vi/index.html") == "https://example.com/cam-ket/a/vi/"
    assert urls.public_url(site, "public/index.html") == "https://example.com/cam-ket/"
    assert urls.public_url(site, "public/a/vi/a-vi.pdf") == "https://example.com/cam-ket/a/vi/a-vi.pdf"
    assert urls.public_url(site, "staff/a/vi/briefing.html") is None
    assert urls.public_url(None, "public/a/vi/index.html") is None


def test_file_names_say_what_they_are() -> None:
    assert urls.briefing_pdf("isp", "vi") == "staff/isp/vi/isp-briefing-vi.pdf"
    assert urls.charter_pdf("isp", "en") == "public/isp/en/isp-en.pdf"
    assert urls.index_html("public", "vi", "vi") == "public/index.html"
    assert urls.index_html("public", "en", "vi") == "public/index.en.html"


def _charters() -> list[Charter]:
    found = []
    for path in sorted(EXAMPLES.glob("*.yaml")):
        loaded, problems = load_policy(path, path.name)
        assert loaded is not None, problems
        found.append(loaded.policy.charter())
    return found


def _shared(site: SiteConfig, charters: list[Charter]) -> views.Shared:
    return views.Shared(site=site, fonts=ThemeFonts(), logo_name=None, source_date=None,
                        primary=views.primary_language(charters))


def test_the_index_speaks_the_language_most_charters_are_written_in() -> None:
    charters = _charters()
    defaults = sorted(charter.default_language for charter in charters)
    assert defaults == ["en", "vi", "vi"]
    assert views.primary_language(charters) == "vi"
    assert views.index_languages(charters) == ["vi", "en"]


def test_language_alternates_are_absolute_when_the_site_has_a_url() -> None:
    charters = _charters()
    site = SiteConfig(url="https://example.com/cam-ket")
    page = views.charter_page(_shared(site, charters), charters[0], "en", {})
    other = next(version for version in page.languages if version.code == "vi")
    assert other.url == f"https://example.com/cam-ket/{charters[0].id}/vi/"
    assert other.html == "../vi/index.html"
    assert page.canonical_url == f"https://example.com/cam-ket/{charters[0].id}/en/"
    assert page.index_href == "../../index.en.html"
    assert page.pdf_href == f"{charters[0].id}-en.pdf"


def test_every_field_of_a_view_is_a_template_variable() -> None:
    charters = _charters()
    page = views.index_page(_shared(SiteConfig(), charters), "staff", charters, "vi")
    context = page.context()
    assert set(context) == {"site", "branding", "logo", "font_faces", "generator",
                            "languages", "index_href", "entries", "medium"}
    first = page.entries[0].documents[0]
    assert first.html.endswith("/briefing.html") and first.pdf is not None
    assert first.pdf.endswith("-briefing-" + first.code + ".pdf")
    assert first.url is None  # staff pages have no public address
