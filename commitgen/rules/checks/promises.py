"""Rules 1 and 2: measurable promises; every worst case fully answered."""

from __future__ import annotations

import re
from collections.abc import Iterator

from commitgen.diagnostics import Diagnostic, FieldPath, Severity
from commitgen.model.compensation import CombinedCompensation, NoCompensation
from commitgen.rules.context import RuleContext, TextItem
from commitgen.rules.registry import rule
from commitgen.rules.text import amounts, durations, percents, sentences, strip_noise, word_count

#: public fields that name or introduce things rather than promise them
_NOT_PROMISES = {"title", "summary", "provider", "service", "what_happens", "name", "label",
                 "history", "measure", "rows", "columns", "duties", "quotes"}


def _is_promise(field: FieldPath) -> bool:
    """Whether a public text promises something. Names, titles, the policy and history
    summaries and what goes wrong describe; a compensation's ``explanation`` explains what
    the customer is paid, so it is read as a promise."""
    parts = [part for part in field if isinstance(part, str)]
    return not any(part in _NOT_PROMISES for part in parts)


def promise_texts(ctx: RuleContext) -> Iterator[TextItem]:
    for item in ctx.texts("public"):
        if _is_promise(item.field):
            yield item


#: a number with a unit of measure that is not a duration, amount or percentage
_MEASURE = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*\s?(?:[kmgt]bps|[kmgt]b/s|[kmgt]b|ms|km|kg)"
                      r"(?!\w)", re.IGNORECASE)


def measured(sentence: str, language: str) -> bool:
    """Whether ``sentence`` states a measurable quantity: a duration, an amount, a
    percentage or a number with a unit ("100 Mbps") — not a bare count ("our 2
    engineers")."""
    return bool(durations(sentence, language) or percents(sentence, language)
                or amounts(sentence, language) or _MEASURE.search(strip_noise(sentence)))


def _bounded_after(rest: list[str], sentence: str, language: str) -> bool:
    """Whether what follows a vague sentence bounds it: the next sentence of the same text
    states a time ("… nhanh chóng. Thời gian giải quyết tối đa trong vòng 14 ngày."), or
    the text ends with a colon: it introduces the measured standards that follow ("as
    quickly as possible, but are committed to the following minimum standards:")."""
    if rest and durations(rest[0], language):
        return True
    return not rest and sentence.rstrip().endswith(":")


def _section_maximum(ctx: RuleContext, item: TextItem) -> bool:
    """Whether the section of a term (the terms under the same title) states a hard upper
    limit in time ("we've a maximum of 35 business days", "tối đa 14 ngày")."""
    if item.field[:1] != ("terms",) or not isinstance(item.field[1], int):
        return False
    title = ctx.policy.terms[item.field[1]].title
    for term in ctx.policy.terms:
        if term.title != title:
            continue
        for text in ctx.languages_of(term.text, ("terms",)):
            if text.language == item.language and any(
                    ctx.words.find("maximum", item.language, sentence)
                    and durations(sentence, item.language) for sentence in sentences(text.text)):
                return True
    return False


@rule("CG101", "vague-wording", Severity.ERROR, group="Promises", reads=[],
      summary="No vague word (fast, promptly, reasonable, nhanh chóng, kịp thời…) without a "
              "measure (a duration, amount or percentage) in the same sentence.",
      rationale="""
Vague quality definitions cause disputes: "we respond promptly" cannot be
checked by the customer, by staff or by anyone else. Every promise states a number and a
unit: a vague word is accepted only in a sentence that states a duration, an amount, a
percentage or a number with a unit of measure ("within 4 hours", "100 Mbps") — a bare
count ("our 2 engineers respond promptly") does not qualify it. A time stated in the
next sentence of the same text bounds it too ("We act quickly. You hear from us within 2
days at the latest."), and so does a table of measured standards that the sentence
introduces with a colon at the end of its text ("as quickly as possible, but committed to
the following minimum standards:"). So does a hard upper limit in time stated in the
same section — the terms under the same title — (word list `maximum`: "we aim to resolve
your complaint as quickly as possible … we've a maximum of 35 business days"). The words
come from
`commitgen/rules/data/vague.LANG.txt` (extend them with `rules: {words: {vague: {en:
[...]}}}`); they are matched on whole words after Unicode NFC normalisation, in every
language of the text (a text written once for every language is read with every
language's list). Titles, names, the policy summary, the change history and the
description of what goes wrong are not checked: they describe, they do not promise. A
compensation's `explanation` is checked: it explains what the customer is paid.""",
      bad="""
quality:
  - id: uptime
    promise: {vi: Dịch vụ luôn sẵn sàng nhanh chóng., en: The service is always up promptly.}""",
      good="""
quality:
  - id: uptime
    promise:
      vi: Dịch vụ sẵn sàng 99,9 % thời gian mỗi tháng.
      en: The service is available 99.9 % of each month.""")
def vague_wording(ctx: RuleContext) -> Iterator[Diagnostic]:
    for item in promise_texts(ctx):
        reported: set[str] = set()
        said = sentences(item.text)
        for index, sentence in enumerate(said):
            word = ctx.words.find("vague", item.language, sentence)
            if (word and word not in reported and not measured(sentence, language=item.language)
                    and not _bounded_after(said[index + 1:], sentence, item.language)
                    and not _section_maximum(ctx, item)):
                reported.add(word)
                yield Diagnostic.at(item.path, f'vague word "{word}" with no measure (duration, '
                              "amount or percentage) in the sentence: a customer cannot hold "
                              "you to it",
                              'state a number and a unit instead ("within 4 hours", '
                              '"99.9 % of the month"), or remove the word', language=item.language)


def _schemes(ctx: RuleContext) -> Iterator[tuple[FieldPath, object]]:
    for index, case in enumerate(ctx.policy.worst_cases):
        yield ("worst_cases", index, "compensation"), case.compensation
    if ctx.policy.partners is not None:
        for index, item in enumerate(ctx.policy.partners.commitments):
            if item.compensation is not None:
                yield ("partners", "commitments", index, "compensation"), item.compensation


MIN_REASON_WORDS = 6


@rule("CG102", "none-reason-unexplained", Severity.WARNING, group="Worst cases", reads=[],
      summary="When nothing is owed, the public reason explains why in a full sentence.",
      rationale="""
The format already forces a `reason` on `compensation: {type: none}`. A reason such as
"N/A" or "Không áp dụng" says nothing, and a condition that looks hidden or tricky makes
customers distrust the whole document. The reason must be a sentence of at least
six words in every language.""",
      bad="""
worst_cases:
  - id: late-refund
    compensation: {type: none, reason: {vi: Không áp dụng., en: Not applicable.}}""",
      good="""
worst_cases:
  - id: late-refund
    compensation:
      type: none
      reason:
        vi: Khoản hoàn tiền do ngân hàng của bạn xử lý, chúng tôi không kiểm soát được.
        en: Your bank processes the refund and we do not control how long it takes.
    claim: null""")
def none_reason(ctx: RuleContext) -> Iterator[Diagnostic]:
    for path, scheme in _schemes(ctx):
        if isinstance(scheme, NoCompensation):
            for item in ctx.languages_of(scheme.reason, (*path, "reason")):
                count = word_count(item.text)
                if count < MIN_REASON_WORDS:
                    yield Diagnostic.at(item.path, f"the reason nothing is owed has {count} "
                                  f"word{'s' if count != 1 else ''}: it does not explain why",
                                  "say in a full sentence why nothing is owed in this case",
                                  language=item.language)


@rule("CG103", "compensation-no-payment", Severity.ERROR, group="Worst cases", reads=[],
      summary="Compensation says how and by when it is paid (`payment:`).",
      rationale="""
A commitment states the compensation owed *and the time within which it is paid*. The
format leaves `payment` optional so that a scheme can be written step by step; a
published charter needs it: automatic or on claim, the forms, and the deadline.""",
      bad="""
worst_cases:
  - id: late-refund
    compensation: {type: fixed, amount: 200000 VND}
    claim: null""",
      good="""
worst_cases:
  - id: late-refund
    compensation:
      type: fixed
      amount: 200000 VND
      payment: {method: automatic, forms: [bank_transfer], within: 10 days}
    claim: null""")
def compensation_payment(ctx: RuleContext) -> Iterator[Diagnostic]:
    for path, scheme in _schemes(ctx):
        if isinstance(scheme, NoCompensation) or getattr(scheme, "payment", None) is not None:
            continue
        if isinstance(scheme, CombinedCompensation):
            missing = [i for i, part in enumerate(scheme.parts)
                       if getattr(part, "payment", None) is None]
            if not missing:
                continue
        yield Diagnostic.at(path, "the compensation does not say how and by when it is paid",
                      "add payment: {method: automatic, forms: [bank_transfer], within: 30 days}")
