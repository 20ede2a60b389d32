"""Languages: the theme's wording comes from catalogues, a third language needs only
configuration and a catalogue, and declared languages the theme cannot print are reported."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel import Locale
from babel.dates import format_date
from babel.messages.pofile import read_po, write_po
from babel.numbers import format_decimal

from commitgen.render.catalog import TEMPLATE_CATALOGUE, message_template
from commitgen.render.theme_folders import builtin_theme_dir
from tests.conftest import RunCli, make_project

THEME = builtin_theme_dir()
POT = THEME / TEMPLATE_CATALOGUE
VI = THEME / "locale" / "vi" / "LC_MESSAGES" / "messages.po"

FRENCH_POLICY = """\
id: essai
version: "1.0"
effective: 2027-03-01
languages: [fr, en]
provider:
  name: Société Essai
service:
  name: {fr: Service d'essai, en: Test service}
worst_cases:
  - id: panne
    title: {fr: Panne du service, en: Service outage}
    what_happens: {fr: Vous ne pouvez pas vous connecter., en: You cannot sign in.}
    remedy: {fr: Nous rétablissons le service., en: We restore the service.}
    respond_within: 30 minutes
    resolve_within: 4 hours
    compensation:
      type: fixed
      amount: 200000 VND
      payment:
        method: automatic
        forms: [bill_credit]
        within: 30 days
channels:
  - type: hotline
    phone: "1900 1234"
    hours: 24/7
escalation:
  - role: {fr: Directrice, en: Director}
    email: direction@essai.example
changes:
  notice: 30 days
  how: {fr: Un courriel à chaque client., en: An e-mail to every customer.}
"""

#: real French for the headings the test looks for
FRENCH = {
    "At a glance": "L'essentiel",
    "How to contact us": "Nous contacter",
    "Contents": "Sommaire",
}


def _catalogue(translate: dict[str, str], wrap: bool) -> bytes:
    """A French catalogue of every theme message: real French where given, else the
    English wrapped in ⟦ ⟧ (a pseudo-translation that shows where each text came from)."""
    with POT.open("rb") as handle:
        catalog = read_po(handle, locale="fr")
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple | list):  # as many forms as the language has
            singular, plural = message.id
            forms = [singular, *[plural] * (catalog.num_plurals - 1)]
            message.string = tuple(f"⟦{form}⟧" if wrap else form for form in forms)
        elif message.id in translate:
            message.string = translate[message.id]
        elif wrap:
            message.string = f"⟦{message.id}⟧"
    import io

    buffer = io.BytesIO()
    write_po(buffer, catalog)
    return buffer.getvalue()


def _project(tmp_path: Path, catalogue: bytes | None) -> Path:
    project = make_project(tmp_path / "p", [])
    (project / "policies" / "essai.yaml").write_text(FRENCH_POLICY, encoding="utf-8")
    if catalogue is not None:
        target = project / "templates" / "locale" / "fr" / "LC_MESSAGES" / "messages.po"
        target.parent.mkdir(parents=True)
        target.write_bytes(catalogue)
    return project


def test_message_template_is_up_to_date() -> None:
    assert POT.read_bytes() == message_template(THEME), \
        "templates changed: run python -m commitgen.render.catalog"


def test_vietnamese_translates_every_theme_message() -> None:
    with POT.open("rb") as handle:
        wanted = {m.id if isinstance(m.id, str) else m.id[0]: m for m in read_po(handle) if m.id}
    with VI.open("rb") as handle:
        vi = {m.id if isinstance(m.id, str) else m.id[0]: m
              for m in read_po(handle, locale="vi") if m.id}
    assert sorted(set(wanted) - set(vi)) == [], "untranslated messages"
    assert sorted(set(vi) - set(wanted)) == [], "obsolete messages"
    placeholder = re.compile(r"%\(\w+\)s")
    for key, message in vi.items():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings) and not message.fuzzy, key
        for string in strings:
            assert sorted(placeholder.findall(string)) == sorted(placeholder.findall(key)), key


@pytest.mark.pdf
def test_a_language_without_a_catalogue_is_reported(tmp_path: Path, run_cli: RunCli) -> None:
    project = _project(tmp_path, None)
    result = run_cli("build", "-j", "1", cwd=project)
    assert result.exit_code == 0, result.output
    assert ('policies/essai.yaml:4:13: warning: languages[0]: the theme has no "fr" '
            "translation: headings and labels would print in English [CG051]") in result.output
    assert "templates/locale/fr/LC_MESSAGES/messages.po" in result.output
    checked = run_cli("check", cwd=project)
    assert checked.exit_code == 0 and "[CG051]" in checked.output
    assert run_cli("check", "--strict", cwd=project).exit_code == 1


@pytest.mark.pdf
def test_a_partial_catalogue_is_reported(tmp_path: Path, run_cli: RunCli) -> None:
    project = _project(tmp_path, _catalogue(FRENCH, wrap=False))
    result = run_cli("build", "-j", "1", cwd=project)
    assert result.exit_code == 0, result.output
    with POT.open("rb") as handle:
        total = sum(1 for m in read_po(handle) if m.id)
    plural = sum(1 for m in read_po(POT.open("rb")) if m.id and not isinstance(m.id, str))
    assert (f'the theme\'s "fr" translation lacks {total - len(FRENCH) - plural} of {total} '
            "messages") in result.output
    page = (project / "output/public/essai/fr/index.html").read_text(encoding="utf-8")
    assert "Nous contacter" in page


@pytest.mark.pdf
def test_a_third_language_needs_only_configuration_and_a_catalogue(
        tmp_path: Path, run_cli: RunCli) -> None:
    project = _project(tmp_path, _catalogue(FRENCH, wrap=True))
    result = run_cli("build", "-j", "1", cwd=project)
    assert result.exit_code == 0, result.output
    assert "CG051" not in result.output
    page = (project / "output/public/essai/fr/index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in page
    assert "L'essentiel" in page
    # French grouping and dates are CLDR's, whatever they are; money is amount and code
    # (this catalogue marks every message it does not translate, the currency's word too)
    assert format_decimal(200000, locale="fr") + "\xa0⟦VND⟧" in page
    assert format_date(__import__("datetime").date(2027, 3, 1), "long", locale="fr") in page
    # links to the other language, named in its own language
    assert 'hreflang="en"' in page and "English" in page
    assert (project / "output/public/essai/fr/essai-fr.pdf").is_file()
    english = (project / "output/public/essai/en/index.html").read_text(encoding="utf-8")
    assert 'hreflang="fr"' in english and "Français" in english


class _Texts(HTMLParser):
    """Visible text and the attributes people read, from a page's body."""

    READ = ("alt", "title", "aria-label", "data-label", "placeholder")

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._skip = 0
        self._in_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self._in_body = True
        if tag in ("style", "script"):
            self._skip += 1
        if self._in_body:
            self.texts += [value for name, value in attrs if name in self.READ and value]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if self._in_body and not self._skip:
            self.texts.append(data)


def _leftover_words(text: str, allowed: set[str]) -> set[str]:
    while True:  # innermost ⟦…⟧ first: placeholders nest translated texts
        stripped = re.sub(r"⟦[^⟦⟧]*⟧", " ", text)
        if stripped == text:
            break
        text = stripped
    words = set(re.findall(r"[^\W\d_]{2,}", text))
    return {word for word in words if word.lower() not in allowed}


@pytest.mark.pdf
@pytest.mark.parametrize("page", ["public/essai/fr/index.html", "staff/essai/fr/briefing.html"])
def test_every_fixed_text_comes_from_the_catalogue(tmp_path: Path, run_cli: RunCli,
                                                   page: str) -> None:
    """Rendered with a pseudo-translation, the only words left outside ⟦ ⟧ are the policy's
    own texts and what CLDR spells (month, day and language names); units of time
    are the catalogue's too."""
    project = _project(tmp_path, _catalogue({}, wrap=True))
    assert run_cli("build", "-q", "-j", "1", cwd=project).exit_code == 0
    parser = _Texts()
    parser.feed((project / "output" / page).read_text(encoding="utf-8"))
    text = " ".join(parser.texts)
    for value in [*re.findall(r"\{fr: ([^,}]+)", FRENCH_POLICY), "Société Essai"]:
        text = text.replace(value.strip(), " ")
    text = re.sub(r"\b[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}\b", " ", text)  # content fingerprint
    french = Locale.parse("fr")
    allowed = {w.lower() for names in (french.months["format"]["wide"].values(),
                                       french.days["format"]["wide"].values(),
                                       [french.languages["fr"], french.languages["en"],
                                        Locale.parse("en").languages["en"]])
               for name in names for w in re.findall(r"[^\W\d_]+", name)}
    allowed |= {"direction", "essai", "example", "commitgen"}  # e-mail address, generator
    assert _leftover_words(text, allowed) == set()


@pytest.mark.pdf
def test_a_regional_code_uses_its_language_catalogue(tmp_path: Path, run_cli: RunCli) -> None:
    """vi-VN is printed with the vi catalogue (and vi holiday names), not in English."""
    from tests.conftest import MINIMAL

    text = MINIMAL.read_text(encoding="utf-8").replace("{vi:", "{vi-VN:").replace(
        "languages: [vi, en]", "languages: [vi-VN, en]")
    project = make_project(tmp_path / "p", [])
    (project / "policies" / "minimal.yaml").write_text(text, encoding="utf-8")
    result = run_cli("build", "-j", "1", cwd=project)
    assert result.exit_code == 0, result.output
    assert "CG051" not in result.output
    page = (project / "output/public/minimal/vi-VN/index.html").read_text(encoding="utf-8")
    assert '<html lang="vi-VN"' in page
    assert "Khi có sự cố" in page or "Mục lục" in page


def test_a_project_catalogue_overrides_a_built_in_message(tmp_path: Path) -> None:
    from commitgen.render.catalog import load_translations

    target = tmp_path / "templates" / "locale" / "vi" / "LC_MESSAGES" / "messages.po"
    target.parent.mkdir(parents=True)
    target.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                      'msgid "Service charter"\nmsgstr "Cam kết của chúng tôi"\n',
                      encoding="utf-8")
    translations = load_translations("vi", [tmp_path / "templates", THEME])
    assert translations.gettext("Service charter") == "Cam kết của chúng tôi"
    assert translations.gettext("Staff briefing") == load_translations(
        "vi", [THEME]).gettext("Staff briefing")  # the others stay the theme's
