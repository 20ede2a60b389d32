"""What a rule sees: the policy, where each field was written, settings and word lists."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from commitgen.diagnostics import FieldPath
from commitgen.loading.strict_yaml import YamlDocument
from commitgen.model.base import Text
from commitgen.model.business_time import BusinessTime
from commitgen.model.policy import Policy
from commitgen.model.walk import walk
from commitgen.rules.config import RulesConfig
from commitgen.rules.words import Words

if TYPE_CHECKING:
    from commitgen.versions.previous import VersionContext


@dataclass(frozen=True)
class TextItem:
    """One language of one text field."""

    path: FieldPath  # the field, plus the language key when written per language
    language: str
    text: str
    field: FieldPath  # the field without the language key
    shared: bool = False  # written once for every language (read in each of them)


@dataclass
class RuleContext:
    policy: Policy
    document: YamlDocument
    config: RulesConfig
    words: Words
    #: the project's calendar (commitgen.yaml), for policies without their own
    business_time: BusinessTime | None = None
    #: the policy against its published history (the version rules); None: not known
    versions: VersionContext | None = None

    @property
    def languages(self) -> list[str]:
        return list(self.policy.languages)

    def texts(self, scope: str = "public", under: FieldPath = ()) -> Iterator[TextItem]:
        """Every text below ``under`` in every declared language it is written in.

        ``scope`` is ``public`` (not staff), ``staff`` or ``all``. Quotations of governing
        rules (``quotes``) are not among them: they are another body's words. A text written once
        for every language is yielded once per declared language (default first), all at
        the same path: it is read with every language's word lists and conventions.
        """
        root: object = self.policy
        for part in under:
            if root is None:
                return
            root = root[part] if isinstance(part, int) else getattr(root, part)  # type: ignore[index]
        if root is None:
            return
        for path, value in walk(root, under):
            if not isinstance(value, Text):
                continue
            in_staff = bool(path) and path[0] == "staff"
            if (scope == "public" and in_staff) or (scope == "staff" and not in_staff):
                continue
            if path and path[0] == "quotes":
                continue  # quoted wording of governing rules: the source's words, not ours
            yield from self.languages_of(value, path)

    def languages_of(self, value: Text, path: FieldPath) -> Iterator[TextItem]:
        """Each language of one text. A plain string (written once for every language)
        is yielded in every declared language, default first, with ``shared`` set; rules
        tag their findings with the item's language so that the engine keeps one
        language's findings per field and rule."""
        if value.common is not None:
            languages = dict.fromkeys([self.policy.default_language, *self.languages])
            for language in languages:
                yield TextItem(path, language, value.common, path, shared=True)
            return
        for language, text in value.by_language.items():
            yield TextItem((*path, language), language, text, path)

    def line_of(self, path: FieldPath) -> tuple[int, int]:
        return self.document.position(path)
