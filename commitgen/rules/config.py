"""The ``rules:`` section of ``commitgen.yaml``.

```yaml
rules:
  disable: [notice-too-short]          # codes or names, for the whole project
  severity: {long-sentence: error}     # change a rule's default severity
  sentence_length: {vi: 60}            # words (en) / syllables (vi) per sentence
  min_notice: 30 days                  # shortest acceptable changes.notice
  words:                               # extra entries for the word lists
    vague: {en: [snappy], vi: [thần tốc]}
  policies:                            # per policy id: a rule off (or re-graded), with a reason
    saas-support:
      long-sentence: {reason: "The legal wording is quoted verbatim.", severity: off}
```
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from commitgen.model.base import StrictModel
from commitgen.model.duration import Duration, TimeUnit

Level = Literal["error", "warning"]

#: default longest sentence: words for space-separated languages, syllables for vi
DEFAULT_SENTENCE_LENGTH = {"en": 40, "vi": 55}
DEFAULT_OTHER_SENTENCE_LENGTH = 40


class PolicyRuleSetting(StrictModel):
    """A rule switched off (or re-graded) for one policy, with the reason on record."""

    reason: str = Field(description="why the rule does not apply to this policy; recorded")
    severity: Literal["off", "error", "warning"] = "off"

    @field_validator("reason")
    @classmethod
    def _reason(cls, value: str) -> str:
        if len(value.split()) < 3:
            raise PydanticCustomError("reason", "give a reason of a few words, recorded with "
                                      "every suppressed problem")
        return value.strip()


def _word_entry(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("word", "an empty word would match everywhere; remove it or "
                                  "write the word")
    return value


#: an extra word-list entry: a word or phrase, never empty
WordEntry = Annotated[str, AfterValidator(_word_entry)]


def _unknown(keys: list[str]) -> tuple[list[str], list[str]]:
    """The keys that name no code, and those that name a code that cannot be configured."""
    from commitgen.rules.registry import RETIRED, find_rule

    unknown = [key for key in keys if find_rule(key) is None]
    fixed = [key for key in keys if (found := find_rule(key)) is not None
             and not found.configurable]
    return unknown + [key for key in fixed if key in RETIRED], fixed


class RulesConfig(StrictModel):
    """Project-wide settings of the clarity and fairness rules."""

    disable: list[str] = Field(default_factory=list, description="rule codes or names")
    severity: dict[str, Level] = Field(default_factory=dict)
    sentence_length: dict[str, int] = Field(default_factory=dict)
    min_notice: Duration = Field(default_factory=lambda: Duration(Decimal(30), TimeUnit.DAY))
    words: dict[str, dict[str, list[WordEntry]]] = Field(default_factory=dict)
    policies: dict[str, dict[str, PolicyRuleSetting]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _known_rules(self) -> RulesConfig:
        keys = [*self.disable, *self.severity,
                *(key for settings in self.policies.values() for key in settings)]
        unknown, fixed = _unknown(keys)
        if unknown:
            raise PydanticCustomError(
                "rule", "unknown rule {rules}; see `commitgen rules` for the list",
                {"rules": ", ".join(unknown)})
        if fixed:
            raise PydanticCustomError(
                "rule", "{rules} cannot be disabled or re-graded: a policy with such a "
                "problem cannot be published as it is; fix the policy instead",
                {"rules": ", ".join(fixed)})
        from commitgen.rules.words import WORD_LISTS

        lists = [name for name in self.words if name not in WORD_LISTS]
        if lists:
            raise PydanticCustomError("words", "unknown word list {names}; use one of {known}",
                                      {"names": ", ".join(lists),
                                       "known": ", ".join(WORD_LISTS)})
        return self

    def max_sentence(self, language: str) -> int:
        base = language.split("-")[0]
        return self.sentence_length.get(language, self.sentence_length.get(
            base, DEFAULT_SENTENCE_LENGTH.get(base, DEFAULT_OTHER_SENTENCE_LENGTH)))
