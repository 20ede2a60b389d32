"""Rule 3: nothing hidden — every charge public, no staff rule narrowing a promise."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from commitgen.diagnostics import Diagnostic, Severity
from commitgen.model.deadline import as_duration
from commitgen.model.money import DatedAmount, Money
from commitgen.model.policy import Fee
from commitgen.model.walk import walk
from commitgen.rules.context import RuleContext
from commitgen.rules.registry import rule
from commitgen.rules.text import (
    amounts,
    contains_phrase,
    norm,
    percents,
    sentences,
    token_spans,
    tokens,
)


def _money_of(fees: Iterable[Fee]) -> tuple[set[tuple[Decimal, str]], set[Decimal]]:
    money: set[tuple[Decimal, str]] = set()
    percent: set[Decimal] = set()
    for fee in fees:
        for _, value in walk(fee):
            if isinstance(value, Money):
                money.add((value.amount.normalize(), value.currency))
            elif isinstance(value, DatedAmount):
                money.add((value.amount.amount.normalize(), value.amount.currency))
        if fee.percent is not None:
            percent.add(fee.percent.normalize())
    return money, percent


def _names_fee(fee: Fee, sentence: str, words: set[str]) -> bool:
    if set(fee.id.split("-")) <= words:
        return True
    return any(contains_phrase(sentence, " ".join(tokens(name)[:3]))
               for name in fee.name.all_strings())


def _fees_named(ctx: RuleContext, sentence: str) -> list[Fee]:
    """The public fees ``sentence`` names: by their whole name, the first three words of
    their name, or every word of their id (``customer-side-visit``)."""
    words = {part for token in tokens(sentence) for part in token.split("-")}
    return [fee for fee in ctx.policy.fees if _names_fee(fee, sentence, words)]


#: the tokens a relief word may stand before the charge it denies ("waive the setup fee")
_RELIEF_BEFORE = 3
#: ... and after it ("the fee will be waived", "phí tháng này sẽ được hoàn lại")
_RELIEF_AFTER = 3
#: a relief word does not reach across a clause
_BARRIER = re.compile(r"[;:()\[\]—–]|,\s")
#: what may stand between two charge words of one list ("no fee, charge or penalty")
_JOINED = re.compile(r"(?:[\s,/]|\b(?:or|and|nor|hoặc|và|hay)\b)*")
#: charge words that name no particular fee: they do not tie an amount to a fee
_GENERIC = {"fee", "fees", "charge", "charges", "phí", "khoản thu", "thu thêm",
            "chi phí phát sinh", "extra cost", "extra costs", "additional cost",
            "additional costs"}


@dataclass(frozen=True)
class Mention:
    """A charge word in a sentence (offsets in the normalised sentence)."""

    start: int
    end: int
    word: str
    relieved: bool  # a negation or waiver governs it ("no fee", "miễn phí", "fee waived")


def _between(spans: list[tuple[int, int]], start: int, end: int) -> int:
    return sum(1 for a, b in spans if a >= start and b <= end)


def _governed(text: str, spans: list[tuple[int, int]], start: int, end: int,
              before: list[tuple[int, str]], after: list[tuple[int, str]]) -> bool:
    """Whether a relief word governs the words at ``start:end`` of ``text``: it overlaps
    them ("free of charge", "miễn phí"), stands at most a few words before them in the
    same clause ("no renewal fee", "không thu phí"), or a relief-after phrase stands just
    after them ("the fee is waived")."""
    for at, word in before:
        stop = at + len(word)
        if at < end and start < stop:
            return True
        if (stop <= start and _between(spans, stop, start) <= _RELIEF_BEFORE
                and not _BARRIER.search(text[stop:start])):
            return True
    return any(at >= end and _between(spans, end, at) <= _RELIEF_AFTER
               and not _BARRIER.search(text[end:at])
               and not any(end <= b and b + len(w) <= at for b, w in before)  # "not refunded"
               for at, _ in after)


def charges(ctx: RuleContext, language: str, sentence: str) -> list[Mention]:
    """The charge words of ``sentence`` (word list ``charge``), minus those that are no
    charge (``not-charge``: "in charge", "charge the battery"), each marked relieved when
    a negation or waiver governs it."""
    text = norm(sentence)
    spans = token_spans(text)
    ignored = ctx.words.find_all("not-charge", language, sentence)
    before = ctx.words.find_all("relief", language, sentence)
    after = ctx.words.find_all("relief-after", language, sentence)
    out: list[Mention] = []
    for start, word in ctx.words.find_all("charge", language, sentence):
        end = start + len(word)
        if any(at <= start and end <= at + len(phrase) for at, phrase in ignored):
            continue
        relieved = _governed(text, spans, start, end, before, after) or bool(
            out and out[-1].relieved and _JOINED.fullmatch(text[out[-1].end:start]))
        out.append(Mention(start, end, word, relieved))
    return out


def _matching_fees(ctx: RuleContext, language: str, sentence: str,
                   mentions: list[Mention]) -> list[Fee]:
    """The public fees a charge sentence is about, whose amounts and percentages it may
    state: the fees it names; when it names none, the fees whose name holds one of its
    specific charge words ("termination fee" for a fee called "Early termination fee";
    not a bare "fee" or "phí")."""
    named = _fees_named(ctx, sentence)
    if not named:
        specific = {m.word for m in mentions if not m.relieved} | {
            word for _, word in ctx.words.find_all("named-charge", language, sentence)}
        specific -= _GENERIC
        named = [fee for fee in ctx.policy.fees
                 if any(contains_phrase(name, word) for word in specific
                        for name in fee.name.all_strings())]
    return named


def _unlisted_named_charge(ctx: RuleContext, language: str, sentence: str) -> str | None:
    """A specific charge ("renewal fee", "phí gia hạn") that no public fee is called,
    unless a relief word governs it ("there is no renewal fee")."""
    named = ctx.words.find_all("named-charge", language, sentence)
    if not named:
        return None
    if _fees_named(ctx, sentence):
        return None
    text = norm(sentence)
    spans = token_spans(text)
    before = ctx.words.find_all("relief", language, sentence)
    after = ctx.words.find_all("relief-after", language, sentence)
    for start, charge in named:
        if any(contains_phrase(name, charge) for fee in ctx.policy.fees
               for name in fee.name.all_strings()):
            continue
        if not _governed(text, spans, start, start + len(charge), before, after):
            return charge
    return None


#: public fields where a charge may be mentioned in passing (not the fee list itself,
#: and not compensation, whose amounts are owed to the customer)
_CHARGE_FIELDS = ("terms", "channels", "worst_cases", "service", "quality", "changes",
                  "fees")


@rule("CG110", "fee-not-listed", Severity.ERROR, group="Nothing hidden", reads=["fees"],
      summary="Every charge mentioned in the charter is in `fees`, with its amount.",
      rationale="""
A charge that appears in a renewal contract without ever having been announced (a
"renewal fee" for paying twice a year) costs a loyal customer's trust. Any fee a
customer may pay — renewal, early termination, instalment surcharges — belongs in the
public `fees` list. The rule reads public texts (outside the change history), each fee's
own `when` too — a fee mentioned only in another fee's conditions ("paying every six
months adds a renewal fee") is hidden: a sentence that names a charge (word list
`charge`, minus `not-charge` phrases such as "in charge" or "lãng phí") and states an
amount or percentage that the fee it is about does not have, or names a specific charge
(`named-charge`: "renewal fee", "phí gia hạn") that no fee is called, is an error —
unless every charge it names is denied or waived. A charge is denied only when the word
that denies it governs it: a `relief` word (no, not, free, waive, không, miễn…) at most
three words before it in the same clause ("there is no renewal fee", "không thu phí",
"free of charge"), or a `relief-after` phrase just after it ("the fee is waived", "phí
hủy được miễn"). "If you cancel, a fee of 1,000,000 VND applies" denies nothing. The fee
a sentence is about is the fee it names (its name, the first three words of its name, or
every word of its id); when it names none, a fee whose name holds one of the sentence's
specific charge words ("termination fee", not a bare "fee"). A compensation's texts name
what it is taken of ("10 % of the monthly fee"), so there only a specific charge counts
("an administration fee is deducted from every payment"). Text written once for every
language is read with every language's word lists, and Vietnamese typed without
diacritics with theirs.""",
      bad="""
terms:
  - title: {vi: Gia hạn, en: Renewal}
    text:
      vi: Phí gia hạn 6 tháng là 500.000 đ.
      en: The six-month renewal fee is 500,000 VND.""",
      good="""
fees:
  - id: renewal
    name: {vi: Phí gia hạn 6 tháng, en: Six-month renewal fee}
    amount: 500000 VND
    when: {vi: Khi bạn gia hạn theo kỳ 6 tháng., en: When you renew for six months.}
terms:
  - title: {vi: Gia hạn, en: Renewal}
    text:
      vi: Phí gia hạn 6 tháng là 500.000 đ.
      en: The six-month renewal fee is 500,000 VND.""")
def fee_not_listed(ctx: RuleContext) -> Iterator[Diagnostic]:
    for section in _CHARGE_FIELDS:
        for item in ctx.texts("public", (section,)):
            if "history" in item.field or (item.field[:1] == ("fees",)
                                           and item.field[-1] != "when"):
                continue
            # a compensation's texts name its basis ("10 % of the monthly fee"): only a
            # specific charge there ("an administration fee is deducted") is a charge
            basis_only = "compensation" in item.field
            own = ([ctx.policy.fees[item.field[1]]] if item.field[:1] == ("fees",)
                   and isinstance(item.field[1], int) else [])
            for sentence in sentences(item.text):
                mentions = charges(ctx, item.language, sentence)
                active = [m for m in mentions if not m.relieved]
                if not active:
                    continue
                money, percent = _money_of(own + _matching_fees(ctx, item.language, sentence,
                                                                mentions))
                unlisted = [] if basis_only else [
                    a.text for a in amounts(sentence, item.language)
                    if (a.value, a.currency) not in money]
                unlisted += [] if basis_only else [
                    f"{format(p, 'f')} %" for p in percents(sentence, item.language)
                    if p not in percent]
                named = _unlisted_named_charge(ctx, item.language, sentence)
                charge = named or active[0].word
                if unlisted or named:
                    what = f" ({', '.join(unlisted)})" if unlisted else ""
                    yield Diagnostic.at(item.path, f'a charge is mentioned ("{charge}"{what}) that '
                                  "is not in the public fee list",
                                  "add it to fees: with its amount or percentage and when it "
                                  "applies — or state that it is not charged",
                                  language=item.language)


@rule("CG201", "staff-hidden-fee", Severity.ERROR, group="Nothing hidden", reads=["fees", "staff"],
      summary="The staff section mentions no charge that the public fee list lacks.",
      rationale="""
Staff instructions are never published, which makes them the easiest place to hide a
charge: a fee "applied from the start of the year" that no customer was ever told
about. A staff sentence that mentions a fee or charge (word list `charge`, minus
`not-charge` phrases: "the engineer in charge", "charge the battery") is an error unless
it points to the public fee list (`fee-reference`), or denies or waives every charge it
names (a governing `relief` or `relief-after` word, as in CG110: "waive the setup fee",
"miễn phí", "the fee is refunded"), or is about a fee of `fees` (as in CG110) — and then
states no amount that fee does not have and names no specific charge (`named-charge`)
that no fee is called. An amount equal to some other listed fee does not make a charge
listed. Fix it by listing the charge in `fees`.""",
      bad="""
staff:
  notes:
    - vi: Thu thêm phí gia hạn 6 tháng 500.000 đ.
      en: Add a six-month renewal fee of 500,000 VND.""",
      good="""
fees:
  - id: renewal
    name: {vi: Phí gia hạn 6 tháng, en: Six-month renewal fee}
    amount: 500000 VND
    when: {vi: Khi bạn gia hạn theo kỳ 6 tháng., en: When you renew for six months.}
staff:
  notes:
    - vi: Phí gia hạn theo bảng phí công khai.
      en: The renewal fee is as in the public fee list.""")
def staff_hidden_fee(ctx: RuleContext) -> Iterator[Diagnostic]:
    for item in ctx.texts("staff"):
        for sentence in sentences(item.text):
            mentions = charges(ctx, item.language, sentence)
            active = [m for m in mentions if not m.relieved]
            if not active:
                continue  # no charge, or only charges it waives or denies
            if ctx.words.find("fee-reference", item.language, sentence):
                continue  # defers to the public fee list
            fees = _matching_fees(ctx, item.language, sentence, mentions)
            money, _ = _money_of(fees)
            unlisted = [a.text for a in amounts(sentence, item.language)
                        if (a.value, a.currency) not in money]
            named = _unlisted_named_charge(ctx, item.language, sentence)
            if fees and not unlisted and not named:
                continue
            charge = named or active[0].word
            yield Diagnostic.at(item.path, f'the staff section mentions a charge ("{charge}") that '
                          "the public charter does not list",
                          "list it under fees: (name, amount or percent, when it applies) so "
                          "customers see it before they buy; staff text may then refer to "
                          '"the public fee list"', language=item.language)


@rule("CG202", "staff-narrows-promise", Severity.WARNING, group="Nothing hidden", reads=[],
      summary="Staff case guides and notes do not add exclusions, caps or conditions.",
      rationale="""
An internal rule that gives a customer less than the charter promises is a hidden
condition ("điều kiện lắt léo, ẩn"). In `staff.cases` (steps, what to say) and
`staff.notes`, a sentence with a limiting phrase (word list `narrowing`: except, unless,
only if, at most, không áp dụng, trừ khi, tối đa…) is flagged unless it points to the
charter (`charter-reference`). Public limits belong in `worst_cases[].exclusions` or
`compensation.reductions`. Customer-fault cases (`staff.outside_control`) are not
checked: they are the place for such rules.""",
      bad="""
staff:
  cases:
    - case: late-refund
      steps:
        - vi: Không bồi thường nếu đơn dưới 200.000 đ.
          en: No compensation for orders under 200,000 VND.""",
      good="""
worst_cases:
  - id: late-refund
    exclusions:
      - {vi: Đơn hàng dưới 200.000 đ., en: "Orders under 200,000 VND."}
staff:
  cases:
    - case: late-refund
      steps:
        - {vi: Kiểm tra giao dịch., en: Check the transaction.}""")
def staff_narrows(ctx: RuleContext) -> Iterator[Diagnostic]:
    for section in ("cases", "notes"):
        for item in ctx.texts("staff", ("staff", section)):
            if "approver" in item.field:
                continue
            for sentence in sentences(item.text):
                phrase = ctx.words.find("narrowing", item.language, sentence)
                if phrase and not ctx.words.find("charter-reference", item.language, sentence):
                    yield Diagnostic.at(
                        item.path, f'staff instruction limits what the customer gets '
                                  f'("{phrase}"), which the public charter does not say',
                                  "state the limit publicly (worst_cases[].exclusions or "
                                  "compensation.reductions), or reword the instruction",
                                  language=item.language)
                    break


@rule("CG203", "internal-deadline-longer", Severity.ERROR, group="Nothing hidden", reads=[],
      summary="A staff `internal_deadline` is never longer than the public `resolve_within`.",
      rationale="""
`staff.cases[].internal_deadline` is the internal target for a worst case. When it is
longer than the time the charter promises, staff work to a slower promise than the one
customers were given: the public promise is quietly narrowed.""",
      bad="""
staff:
  cases:
    - case: outage
      internal_deadline: 1 day""",
      good="""
staff:
  cases:
    - case: outage
      internal_deadline: 2 hours""")
def internal_deadline(ctx: RuleContext) -> Iterator[Diagnostic]:
    if ctx.policy.staff is None:
        return
    cases = {case.id: case for case in ctx.policy.worst_cases}
    for index, guide in enumerate(ctx.policy.staff.cases):
        case = cases.get(guide.case)
        deadline = guide.internal_deadline
        resolve = as_duration(case.resolve_within) if case is not None else None
        if resolve is None or deadline is None:
            continue
        if resolve.surely_shorter_than(deadline):
            yield Diagnostic.at(("staff", "cases", index, "internal_deadline"),
                          f"the internal deadline ({deadline}) is longer than the public "
                          f"promise (resolve_within: {resolve})",
                          "make the internal deadline shorter than the public one, or "
                          "change the public promise")
