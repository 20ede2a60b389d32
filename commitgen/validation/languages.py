"""Languages a policy declares that the theme cannot print.

A policy may declare any language CLDR knows; its texts come from the policy, but
the theme's headings and labels come from a gettext catalogue. A language without
one would print an English frame around translated content, so it is reported.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path

from babel.messages.pofile import read_po

from commitgen.diagnostics import CODE_CATALOGUE, Diagnostic, Severity
from commitgen.loading.located import place_all
from commitgen.loading.sources import LoadedPolicy
from commitgen.render.catalog import TEMPLATE_CATALOGUE
from commitgen.render.theme_folders import builtin_theme_dir, catalogue_languages, catalogue_path

#: the language the theme is written in
SOURCE_LANGUAGE = "en"


def theme_language_problems(policies: Sequence[LoadedPolicy], search_dirs: Sequence[Path],
                            coverage: dict[str, tuple[str, str] | None] | None = None,
                            ) -> list[Diagnostic]:
    """A warning for each declared language the theme has no (complete) catalogue for.
    The catalogues are read once a call, or once for all calls sharing ``coverage``."""
    out: list[Diagnostic] = []
    coverage = {} if coverage is None else coverage
    for loaded in policies:
        problems = []
        for index, language in enumerate(loaded.policy.languages):
            if language not in coverage:
                coverage[language] = _coverage_problem(language, search_dirs)
            problem = coverage[language]
            if problem is not None:
                problems.append(Diagnostic.at(("languages", index), *problem,
                                              code=CODE_CATALOGUE, severity=Severity.WARNING))
        out.extend(place_all(loaded.source.document, loaded.source.file, problems))
    return out


def _coverage_problem(language: str, search_dirs: Sequence[Path]) -> tuple[str, str] | None:
    if language.split("-")[0] == SOURCE_LANGUAGE:
        return None
    wanted = _theme_messages()
    translated: set[str] = set()
    found = []
    for folder, code in ((f, c) for f in search_dirs for c in catalogue_languages(language)):
        po = catalogue_path(folder, code)
        if po.is_file():
            found.append(po)
            translated |= _translated_ids(po.read_bytes())
    template = builtin_theme_dir() / TEMPLATE_CATALOGUE
    if not found:
        return (f'the theme has no "{language}" translation: headings and labels would print '
                "in English", f"copy {template.name} from the default theme to "
                f"templates/locale/{language}/LC_MESSAGES/messages.po and translate it")
    missing = wanted - translated
    if missing:
        example = sorted(missing)[0]
        return (f'the theme\'s "{language}" translation lacks {len(missing)} of {len(wanted)} '
                f'messages, e.g. "{example}"; those print in English',
                f"translate them in templates/locale/{language}/LC_MESSAGES/messages.po "
                f"(every message is listed in the default theme's {template.name})")
    return None


@lru_cache(maxsize=64)
def _translated_ids(catalogue: bytes) -> frozenset[str]:
    """The messages a catalogue (its bytes) translates: read once a process (``commitgen
    serve`` checks on every save)."""
    return frozenset(_key(m.id) for m in read_po(io.BytesIO(catalogue))
                     if m.id and not m.fuzzy and _translated(m.string))


@cache
def _theme_messages() -> frozenset[str]:
    with (builtin_theme_dir() / TEMPLATE_CATALOGUE).open("rb") as handle:
        return frozenset(_key(m.id) for m in read_po(handle) if m.id)


def _key(message_id: str | tuple[str, ...] | list[str]) -> str:
    return message_id if isinstance(message_id, str) else message_id[0]


def _translated(string: str | tuple[str, ...] | list[str] | None) -> bool:
    return all(string) if isinstance(string, tuple | list) else bool(string)
