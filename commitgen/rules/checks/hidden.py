"""Rule 3: nothing hidden — every charge public, no staff rule narrowing a promise."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from commitgen.diagnostics import Severity
from commitgen.model.money import DatedAmount, Money
from commitgen.model.walk import walk
from commitgen.rules.context import RuleContext
from commitgen.rules.registry import Finding, rule
from commitgen.rules.text import amounts, contains_phrase, percents, sentences, tokens


def _fee_values(ctx: RuleContext) -> tuple[set[tuple[Decimal, str]], set[Decimal]]:
    money: set[tuple[Decimal, str]] = set()
    percent: set[Decimal] = set()
    for fee in ctx.policy.fees:
        for _, value in walk(fee):
            if isinstance(value, Money):
                money.add((value.amount.normalize(), value.currency))
            elif isinstance(value, DatedAmount):
                money.add((value.amount.amount.normalize(), value.amount.currency))
        if fee.percent is not None:
            percent.add(fee.percent.normalize())
    return money, percent


def _fee_named(ctx: RuleContext, sentence: str) -> bool:
    """Whether ``sentence`` names a public fee: its whole name, the first three words of
    its name, or every word of its id (``customer-side-visit``)."""
    words = {part for token in tokens(sentence) for part in token.split("-")}
    for fee in ctx.policy.fees:
        if set(fee.id.split("-")) <= words:
            return True
        for name in fee.name.all_strings():
            if contains_phrase(sentence, " ".join(tokens(name)[:3])):
                return True
    return False


def _unlisted_named_charge(ctx: RuleContext, language: str, sentence: str) -> str | None:
    """A specific charge ("renewal fee", "phí gia hạn") that no public fee is called,
    unless a relief word before it denies it ("there is no renewal fee")."""
    named = ctx.words.find_all("named-charge", language, sentence)
    if not named:
        return None
    start, charge = named[0]
    if _fee_named(ctx, sentence) or any(contains_phrase(name, charge) for fee in ctx.policy.fees
                                        for name in fee.name.all_strings()):
        return None
    if any(at < start for at, _ in ctx.words.find_all("relief", language, sentence)):
        return None
    return charge


#: public fields where a charge may be mentioned in passing (not the fee list itself,
#: and not compensation, whose amounts are owed to the customer)
_CHARGE_FIELDS = ("terms", "channels", "worst_cases", "service", "quality", "changes")


@rule("CG110", "fee-not-listed", Severity.ERROR, group="Nothing hidden",
      summary="Every charge mentioned in the charter is in `fees`, with its amount.",
      rationale="""
Seed 000: a "renewal fee" appeared in a loyal customer's contract without ever being
announced. Any fee a customer may pay — renewal, early termination, instalment
surcharges — belongs in the public `fees` list. The rule reads public texts outside
`fees`, compensation and the change history: a sentence that names a charge (word list
`charge`) and states an amount or percentage that no fee has, or names a specific
charge (`named-charge`: "renewal fee", "phí gia hạn") that no fee is called, is an
error — unless it says the charge does not apply
(word list `relief`: no, free, waived, không, miễn…).""",
      bad="""
terms:
  - title: {vi: Gia hạn, en: Renewal}
    text: {vi: Phí gia hạn 6 tháng là 500.000 đ., en: The six-month renewal fee is 500,000 VND.}""",
      good="""
fees:
  - id: renewal
    name: {vi: Phí gia hạn 6 tháng, en: Six-month renewal fee}
    amount: 500000 VND
    when: {vi: Khi bạn gia hạn theo kỳ 6 tháng., en: When you renew for six months.}""")
def fee_not_listed(ctx: RuleContext) -> Iterator[Finding]:
    money, percent = _fee_values(ctx)
    for section in _CHARGE_FIELDS:
        for item in ctx.texts("public", (section,)):
            if "compensation" in item.field or "history" in item.field:
                continue
            for sentence in sentences(item.text):
                charge = ctx.words.find("charge", item.language, sentence)
                if not charge or ctx.words.find("relief", item.language, sentence):
                    continue
                unlisted = [a.text for a in amounts(sentence, item.language)
                            if (a.value, a.currency) not in money]
                unlisted += [f"{format(p, 'f')} %" for p in percents(sentence, item.language)
                             if p not in percent]
                named = _unlisted_named_charge(ctx, item.language, sentence)
                charge = named or charge
                if unlisted or named:
                    what = f" ({', '.join(unlisted)})" if unlisted else ""
                    yield Finding(item.path, f'a charge is mentioned ("{charge}"{what}) that '
                                  "is not in the public fee list",
                                  "add it to fees: with its amount or percentage and when it "
                                  "applies — or state that it is not charged")


@rule("CG201", "staff-hidden-fee", Severity.ERROR, group="Nothing hidden",
      summary="The staff section mentions no charge that the public fee list lacks.",
      rationale="""
Staff instructions are never published, which makes them the easiest place to hide a
charge (seed 000: a fee "applied from the start of the year" that no customer had been
told about). A staff sentence that mentions a fee or charge (word list `charge`) is an
error unless it points to the public fee list (`fee-reference`), or waives, refunds or
denies it (`relief`), or names a fee of `fees` (its name, the first three words of its
name, or every word of its id) — and, in the last two cases, states no amount that no
fee has and names no specific charge (`named-charge`) that no fee is called and that no
relief word before it denies. Fix it by listing the charge in `fees`.""",
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
def staff_hidden_fee(ctx: RuleContext) -> Iterator[Finding]:
    money, _ = _fee_values(ctx)
    for item in ctx.texts("staff"):
        for sentence in sentences(item.text):
            charge = ctx.words.find("charge", item.language, sentence)
            if not charge:
                continue
            unlisted = [a.text for a in amounts(sentence, item.language)
                        if (a.value, a.currency) not in money]
            named = _unlisted_named_charge(ctx, item.language, sentence)
            if ctx.words.find("fee-reference", item.language, sentence):
                continue  # defers to the public fee list
            excused = (ctx.words.find("relief", item.language, sentence)
                       or _fee_named(ctx, sentence))
            if excused and not unlisted and not named:
                continue
            charge = named or charge
            yield Finding(item.path, f'the staff section mentions a charge ("{charge}") that '
                          "the public charter does not list",
                          "list it under fees: (name, amount or percent, when it applies) so "
                          "customers see it before they buy; staff text may then refer to "
                          '"the public fee list"')


@rule("CG202", "staff-narrows-promise", Severity.WARNING, group="Nothing hidden",
      summary="Staff case guides and notes do not add exclusions, caps or conditions.",
      rationale="""
An internal rule that gives a customer less than the charter promises is a hidden
condition (seed 003: "điều kiện lắt léo, ẩn"). In `staff.cases` (steps, what to say) and
`staff.notes`, a sentence with a limiting phrase (word list `narrowing`: except, unless,
only if, at most, không áp dụng, trừ khi, tối đa…) is flagged unless it points to the
charter (`charter-reference`). Public limits belong in `worst_cases[].exclusions` or
`compensation.reductions`. Customer-fault cases (`staff.outside_control`) are not
checked: they are the place for such rules.""",
      bad="""
staff:
  cases:
    - case: late-delivery
      steps:
        - vi: Không bồi thường nếu đơn dưới 200.000 đ.
          en: No compensation for orders under 200,000 VND.""",
      good="""
worst_cases:
  - id: late-delivery
    exclusions:
      - {vi: Đơn hàng dưới 200.000 đ., en: Orders under 200,000 VND.}""")
def staff_narrows(ctx: RuleContext) -> Iterator[Finding]:
    for section in ("cases", "notes"):
        for item in ctx.texts("staff", ("staff", section)):
            if "approver" in item.field:
                continue
            for sentence in sentences(item.text):
                phrase = ctx.words.find("narrowing", item.language, sentence)
                if phrase and not ctx.words.find("charter-reference", item.language, sentence):
                    yield Finding(item.path, f'staff instruction limits what the customer gets '
                                  f'("{phrase}"), which the public charter does not say',
                                  "state the limit publicly (worst_cases[].exclusions or "
                                  "compensation.reductions), or reword the instruction")
                    break


@rule("CG203", "internal-deadline-longer", Severity.ERROR, group="Nothing hidden",
      summary="A staff `internal_deadline` is never longer than the public `resolve_within`.",
      rationale="""
`staff.cases[].internal_deadline` is the internal target for a worst case. When it is
longer than the time the charter promises, staff work to a slower promise than the one
customers were given: the public promise is quietly narrowed.""",
      bad="""
worst_cases: [{id: outage, resolve_within: 4 hours, …}]
staff: {cases: [{case: outage, internal_deadline: 1 day, …}]}""",
      good="""
worst_cases: [{id: outage, resolve_within: 4 hours, …}]
staff: {cases: [{case: outage, internal_deadline: 2 hours, …}]}""")
def internal_deadline(ctx: RuleContext) -> Iterator[Finding]:
    if ctx.policy.staff is None:
        return
    cases = {case.id: case for case in ctx.policy.worst_cases}
    for index, guide in enumerate(ctx.policy.staff.cases):
        case = cases.get(guide.case)
        deadline = guide.internal_deadline
        if case is None or deadline is None:
            continue
        if case.resolve_within.surely_shorter_than(deadline):
            yield Finding(("staff", "cases", index, "internal_deadline"),
                          f"the internal deadline ({deadline}) is longer than the public "
                          f"promise (resolve_within: {case.resolve_within})",
                          "make the internal deadline shorter than the public one, or "
                          "change the public promise")
