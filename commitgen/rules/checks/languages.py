"""Rule 11: the languages of a text state the same numbers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from decimal import Decimal

from commitgen.diagnostics import Diagnostic, Severity
from commitgen.model.base import Text
from commitgen.model.walk import walk
from commitgen.rules.context import RuleContext
from commitgen.rules.registry import rule
from commitgen.rules.text import numbers


def _worded(ctx: RuleContext, text: str, language: str) -> set[Decimal]:
    """Values written as words ("two", "hai") in ``text``."""
    words = ctx.words.number_words(language)
    found = set()
    for entry in ctx.words.find_all("numbers", language, text):
        value = words.get(entry[1])
        if value is not None:
            found.add(Decimal(value).normalize())
    return found


def _show(values: Counter[Decimal]) -> str:
    return ", ".join(format(v, "f") for v in sorted(values.elements()))


@rule("CG180", "translation-numbers-differ", Severity.WARNING, group="Languages agree", reads=[],
      summary="Every language of a text states the same numbers.",
      rationale="""
Customers reading different languages must be promised the same thing. (A text missing
in a declared language is CG050, a format warning.) For every text written per language,
the numbers written with digits are compared as a multiset between the default language
and each other one, each read in its own locale: `200.000` and `99,9` in Vietnamese are
`200,000` and `99.9` in English. A number written as a word in the other language
("two", "hai", word list `numbers`) counts as present. Web and e-mail addresses are
ignored. It is a warning, not an error: number words and date formats differ between
languages in ways a word list cannot fully cover.""",
      bad="""
worst_cases:
  - id: late-refund
    what_happens:
      vi: Khoản hoàn tiền đến trễ hơn 2 ngày.
      en: Your refund is more than 3 days late.""",
      good="""
worst_cases:
  - id: late-refund
    what_happens:
      vi: Khoản hoàn tiền đến trễ hơn 2 ngày.
      en: Your refund is more than two days late.""")
def numbers_agree(ctx: RuleContext) -> Iterator[Diagnostic]:
    for path, value in walk(ctx.policy):
        if not isinstance(value, Text) or len(value.by_language) < 2:
            continue
        languages = [lang for lang in ctx.languages if lang in value.by_language]
        if len(languages) < 2:
            continue
        base = languages[0]
        base_text = value.by_language[base]
        base_numbers = Counter(numbers(base_text, base))
        for other in languages[1:]:
            text = value.by_language[other]
            found = Counter(numbers(text, other))
            missing = base_numbers - found  # in the default language only
            extra = found - base_numbers  # in the other language only
            for number in _worded(ctx, text, other):
                missing.pop(number, None)
            for number in _worded(ctx, base_text, base):
                extra.pop(number, None)
            if missing or extra:
                parts = []
                if missing:
                    parts.append(f"{base} has {_show(missing)}")
                if extra:
                    parts.append(f"{other} has {_show(extra)}")
                yield Diagnostic.at((*path, other), f"the numbers differ between {base} and {other}"
                              f" ({'; '.join(parts)} that the other lacks)",
                              f"write the same numbers in every language (check the {other} "
                              f"translation against {base})")
