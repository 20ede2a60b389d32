"""Rule 9: plain language — short sentences, jargon explained."""

from __future__ import annotations

from collections.abc import Iterator

from commitgen.diagnostics import Diagnostic, Severity
from commitgen.rules.context import RuleContext
from commitgen.rules.registry import rule
from commitgen.rules.text import nfc, norm, sentences, word_count
from commitgen.rules.words import base_language


@rule("CG160", "long-sentence", Severity.WARNING, group="Plain language", reads=[],
      summary="No public sentence is longer than the language's limit (en 40 words, vi 55 "
              "syllables).",
      rationale="""
A charter is read by customers, not lawyers: it should be simple, concrete and friendly.
Long sentences hide conditions. Words are counted for space-separated languages;
Vietnamese words are space-separated syllables, so its limit is higher. Sentences end at
`.`, `!`, `?` or `;`. Change the limits with `rules: {sentence_length: {en: 35, vi:
50}}`. Only public texts are checked.""",
      bad="""
worst_cases:
  - id: outage
    remedy:
      vi: Chúng tôi khôi phục dịch vụ.
      en: >-
        We will look into the matter and, depending on what our engineers find when they
        have checked the logs of the affected systems and talked to the teams involved,
        either restore the service or offer another solution that we consider appropriate
        in the circumstances.""",
      good="""
worst_cases:
  - id: outage
    remedy:
      vi: Chúng tôi khôi phục dịch vụ.
      en: >-
        Our engineers check the logs and restore the service. If it cannot be restored,
        we move your data to a new server.""")
def long_sentence(ctx: RuleContext) -> Iterator[Diagnostic]:
    for item in ctx.texts("public"):
        limit = ctx.config.max_sentence(item.language)
        unit = "syllables" if base_language(item.language) == "vi" else "words"
        for sentence in sentences(item.text):
            count = word_count(sentence)
            if count > limit:
                start = " ".join(sentence.split()[:6])
                yield Diagnostic.at(item.path, f'a sentence of {count} {unit} ("{start} …"); the '
                              f"limit for {item.language} is {limit}",
                              "split it into shorter sentences, one idea each",
                              language=item.language)
                break


def _explained(text: str, start: int, end: int) -> bool:
    """The term is followed by a parenthesis, or is itself inside one."""
    after = text[end:].lstrip()
    before = text[:start]
    return after.startswith("(") or before.rfind("(") > before.rfind(")")


@rule("CG161", "unexplained-jargon", Severity.WARNING, group="Plain language",
      summary="Jargon and acronyms are explained in parentheses where they are first used.",
      rationale="""
Terms such as SLA, RTO, uptime or "bất khả kháng" mean nothing to many customers. The
first use of each term (in the order of the file, per language) must explain it: the
term followed by an explanation in parentheses, or the term in parentheses after the
plain words. The terms are in word list `jargon`; projects add their own.""",
      bad="""
quality:
  - id: uptime
    promise:
      vi: Dịch vụ sẵn sàng 99,9 % thời gian mỗi tháng theo SLA.
      en: We meet our SLA of 99.9 % each month.""",
      good="""
quality:
  - id: uptime
    promise:
      vi: Dịch vụ sẵn sàng 99,9 % thời gian mỗi tháng theo SLA (các mức dịch vụ trong cam kết này).
      en: We meet our SLA (the service levels in this charter) of 99.9 % each month.""")
def jargon(ctx: RuleContext) -> Iterator[Diagnostic]:
    uses: list[tuple[tuple[int, int], int, str, str, tuple[str | int, ...], bool]] = []
    for item in ctx.texts("public"):
        text, original = norm(item.text), nfc(item.text)
        for offset, term in ctx.words.find_all("jargon", item.language, item.text):
            explained = _explained(text, offset, offset + len(term))
            shown = original[offset:offset + len(term)] if len(original) == len(text) else term
            uses.append((ctx.line_of(item.path), offset, item.language, shown, item.path,
                         explained))
    seen: set[tuple[str, str]] = set()
    for _, _, language, term, path, explained in sorted(uses, key=lambda u: (u[0], u[1])):
        if (base_language(language), norm(term)) in seen:
            continue
        seen.add((base_language(language), norm(term)))
        if not explained:
            yield Diagnostic.at(path, f'"{term}" is jargon and is not explained where it is first '
                          "used", f'explain it in parentheses: "{term} (…)", or use plain words',
                          language=language)
