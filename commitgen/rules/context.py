"""What a rule sees: the policy, where each field was written, settings and word lists."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from commitgen.diagnostics import FieldPath
from commitgen.loading.strict_yaml import YamlDocument
from commitgen.model.base import Text
from commitgen.model.policy import Policy
from commitgen.model.walk import walk
from commitgen.rules.config import RulesConfig
from commitgen.rules.words import Words


@dataclass(frozen=True)
class TextItem:
    """One language of one text field."""

    path: FieldPath  # the field, plus the language key when written per language
    language: str
    text: str
    field: FieldPath  # the field without the language key


@dataclass
class RuleContext:
    policy: Policy
    document: YamlDocument
    config: RulesConfig
    words: Words

    @property
    def languages(self) -> list[str]:
        return list(self.policy.languages)

    def texts(self, scope: str = "public", under: FieldPath = ()) -> Iterator[TextItem]:
        """Every text below ``under`` in every declared language it is written in.

        ``scope`` is ``public`` (not staff), ``staff`` or ``all``. A text written once
        for every language is yielded once, in the default language.
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
            yield from self.languages_of(value, path)

    def languages_of(self, value: Text, path: FieldPath) -> Iterator[TextItem]:
        if value.common is not None:
            yield TextItem(path, self.policy.default_language, value.common, path)
            return
        for language, text in value.by_language.items():
            yield TextItem((*path, language), language, text, path)

    def line_of(self, path: FieldPath) -> tuple[int, int]:
        return self.document.position(path)
