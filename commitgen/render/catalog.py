"""Gettext catalogues of the theme: the built-in one, overridden message by message by
the project's (``templates/locale/<lang>/LC_MESSAGES/messages.po``).

``templates/locale/messages.pot`` lists every message the theme prints; it is the
starting point of a new language. Regenerate it after changing a template with
``python -m commitgen.render.catalog``.
"""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir, extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from babel.support import Translations

from commitgen.render.theme_folders import catalogue_languages, catalogue_path

#: where the theme's message template lives, inside a theme folder
TEMPLATE_CATALOGUE = Path("locale") / "messages.pot"
_POT_HEADER = b"""# Every message the commitgen default theme prints, in English.
# Copy to locale/<language>/LC_MESSAGES/messages.po and translate to add a language.
# Regenerate after changing a template: python -m commitgen.render.catalog
msgid ""
msgstr ""
"Project-Id-Version: commitgen default theme\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"

"""


#: the renderer's modules that word things themselves (``gettext``, ``ngettext``)
WORDED_MODULES = ("wording.py", "steps.py", "answer.py")


#: merged catalogues already read in this process, by language and the catalogue files'
#: bytes (a long-lived process, ``commitgen serve``, reads a catalogue again only when it
#: changed); small, bounded by the languages and the versions of their catalogues
_MERGED: dict[tuple[str, tuple[tuple[str, bytes], ...]], Translations] = {}
_MERGED_MAX = 64


def load_translations(language: str, search_dirs: list[Path]) -> Translations:
    """Merge the catalogues for ``language`` (and its base language, for a regional code);
    earlier folders win, and in a folder the more specific catalogue wins."""
    files = tuple((str(po), po.read_bytes())
                  for folder in reversed(search_dirs)  # built-in first, project last
                  for code in reversed(catalogue_languages(language))
                  if (po := catalogue_path(folder, code)).is_file())
    key = (language, files)
    found = _MERGED.get(key)
    if found is None:
        if len(_MERGED) >= _MERGED_MAX:
            _MERGED.clear()
        found = _MERGED[key] = _merge(language, files)
    return found


def _merge(language: str, files: tuple[tuple[str, bytes], ...]) -> Translations:
    merged = Catalog(locale=language.replace("-", "_"))
    for _name, data in files:  # project last: project wins
        catalog = read_po(io.BytesIO(data), locale=language.replace("-", "_"))
        for message in catalog:
            if message.id and message.string and not message.fuzzy:
                merged.delete(message.id, message.context)  # Catalog would keep its string
                merged[message.id] = message
    buffer = io.BytesIO()
    write_mo(buffer, merged)
    buffer.seek(0)
    return Translations(buffer)


def extract_messages(theme_dir: Path) -> Catalog:
    """Every message of the theme's templates and of the renderer's own wording."""
    catalog = Catalog(fuzzy=False)
    options = {"extensions": "jinja2.ext.i18n", "trim_blocks": "True",
               "lstrip_blocks": "True"}
    found = list(extract_from_dir(
        theme_dir, method_map=[("**.j2", "jinja2.ext:babel_extract")],
        options_map={"**.j2": options}))
    keywords = {**DEFAULT_KEYWORDS, "_duration_words": ((1, "c"), 2, 3),
                "_currency_word": ((1, "c"), 2)}
    for name in WORDED_MODULES:
        module = Path(__file__).with_name(name)
        found += [(module.name, *item) for item in extract_from_file(
            "python", module, keywords=keywords)]
    for filename, lineno, message, comments, context in found:
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments,
                    context=context)
    return catalog


def message_template(theme_dir: Path) -> bytes:
    """``messages.pot`` of a theme: sorted, without locations, byte-stable."""
    buffer = io.BytesIO()
    write_po(buffer, extract_messages(theme_dir), omit_header=True, no_location=True,
             sort_output=True, width=100)
    return _POT_HEADER + buffer.getvalue().lstrip(b"\n")


if __name__ == "__main__":  # python -m commitgen.render.catalog
    from commitgen.render.theme_folders import builtin_theme_dir

    target = builtin_theme_dir() / TEMPLATE_CATALOGUE
    target.write_bytes(message_template(builtin_theme_dir()))
    print(f"wrote {target}")
