"""Which facts a worst case needs, with their kinds, units and currencies.

``ALWAYS`` facts are asked for before anything is computed (all missing ones at once);
``IF_USED`` facts only when the computation reaches them (the basis of a band that pays
a percentage, whether a reduction's condition holds once something is owed);
``OPTIONAL`` facts make the answer more complete (the claim date gives the payment
deadline as a date, the payment date decides late-payment additions).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from enum import IntEnum
from typing import Any

from commitgen.compute.facts import FactKind, FactSpec, Need
from commitgen.compute.memo import by_identity
from commitgen.model.compensation import (
    BandsCompensation,
    ByCategoryCompensation,
    CombinedCompensation,
    GridCompensation,
    LatePayment,
    NoCompensation,
    Payment,
    PercentageCompensation,
    PerPeriodCompensation,
    Reduction,
    RefundCompensation,
)
from commitgen.model.deadline import Anchor
from commitgen.model.duration import Duration, TimeUnit
from commitgen.model.facts import CLAIMED, DELAY, HAPPENED, PAID, RESOLVED, TOLD
from commitgen.model.money import DatedAmount, Money
from commitgen.model.policy import Charter, WorstCase
from commitgen.model.walk import walk


class Requirement(IntEnum):
    OPTIONAL = 0
    IF_USED = 1
    ALWAYS = 2


@by_identity
def scheme_currency(scheme: Any) -> str | None:
    """The one currency of a scheme's amounts, or None (no amounts, or a by_category scheme
    whose categories pay in different currencies; validation forbids mixing otherwise)."""
    found = {value.currency if isinstance(value, Money) else value.amount.currency
             for _, value in walk(scheme) if isinstance(value, Money | DatedAmount)}
    return found.pop() if len(found) == 1 else None


def reduction_fact(reduction: Reduction, index: int, part: int | None) -> str:
    """The yes/no fact of a reduction: its ``fact``, else ``reduction_1`` (``part2_
    reduction_1`` inside the second part of a combined scheme)."""
    if reduction.fact is not None:
        return reduction.fact
    return f"{f'part{part}_' if part else ''}reduction_{index + 1}"


def has_changes(value: object) -> bool:
    """Whether ``value`` is a schedule of several dated amounts."""
    return isinstance(value, list) and len(value) > 1 and all(
        isinstance(item, DatedAmount) for item in value)


def _calendar_bound(duration: Duration | None) -> bool:
    """Whether a duration needs a starting moment to count (business time, months)."""
    return duration is not None and (duration.business or duration.unit in (
        TimeUnit.MONTH, TimeUnit.YEAR))


def _specs(scheme: Any, currency: str | None, part: int | None
           ) -> Iterator[tuple[FactSpec, Requirement]]:
    def basis(of: Any, level: Requirement) -> tuple[FactSpec, Requirement]:
        return FactSpec(of.value, FactKind.MONEY, Need.BASIS, currency=currency,
                        basis=of), level

    if isinstance(scheme, NoCompensation):
        return
    for trigger in scheme.trigger:  # whether there is a case at all: asked first
        for measure in (trigger.measure(), trigger.relative_to):
            if measure is not None:
                yield FactSpec(measure.fact_name(), FactKind.NUMBER, Need.MEASURE,
                               label=measure.name, unit=measure.unit), Requirement.ALWAYS
    if isinstance(scheme, PerPeriodCompensation):
        yield FactSpec(DELAY, FactKind.DURATION, Need.DELAY), Requirement.ALWAYS
        if any(_calendar_bound(d) for d in (scheme.after, scheme.every, scheme.grace)):
            yield FactSpec(HAPPENED, FactKind.MOMENT, Need.BUSINESS_TIME), Requirement.ALWAYS
    if isinstance(scheme, PercentageCompensation | RefundCompensation):
        yield basis(scheme.of, Requirement.ALWAYS)
    if isinstance(scheme, BandsCompensation):
        measure = scheme.measure
        yield FactSpec(measure.fact_name("measure"), FactKind.NUMBER, Need.MEASURE,
                       label=measure.name, unit=measure.unit), Requirement.ALWAYS
        if scheme.of is not None:
            yield basis(scheme.of, Requirement.IF_USED)
    if isinstance(scheme, GridCompensation):
        for axis, fallback in ((scheme.rows, "row"), (scheme.columns, "column")):
            yield FactSpec(axis.measure.fact_name(fallback), FactKind.NUMBER, Need.MEASURE,
                           label=axis.measure.name, unit=axis.measure.unit), Requirement.ALWAYS
        if scheme.of is not None:
            yield basis(scheme.of, Requirement.IF_USED)
    if isinstance(scheme, CombinedCompensation):
        for index, sub in enumerate(scheme.parts, start=1):
            yield from _specs(sub, currency, index)
    if isinstance(scheme, ByCategoryCompensation):
        yield FactSpec(scheme.category.fact_name(), FactKind.CATEGORY, Need.CATEGORY,
                       label=scheme.category.name,
                       choices=tuple(c.id for c in scheme.categories),
                       choice_names=tuple(c.name for c in scheme.categories)
                       ), Requirement.ALWAYS
        for category in scheme.categories:  # each only when the case is in it
            sub = category.compensation
            for spec, level in _specs(sub, scheme_currency(sub) or currency, part):
                yield spec, min(level, Requirement.IF_USED)
    amounts = [v for _, v in walk(_own(scheme)) if has_changes(v)]
    if amounts:
        yield FactSpec(HAPPENED, FactKind.MOMENT, Need.SCHEDULE), Requirement.IF_USED
    for index, reduction in enumerate(getattr(scheme, "reductions", [])):
        if not reduction.applies_if:  # else measured values the scheme already needs
            yield FactSpec(reduction_fact(reduction, index, part), FactKind.CONDITION,
                           Need.CONDITION, label=reduction.when), Requirement.IF_USED
        if reduction.notice_at_least is not None:
            yield FactSpec(TOLD, FactKind.MOMENT, Need.NOTICE), Requirement.IF_USED
            yield FactSpec(HAPPENED, FactKind.MOMENT, Need.NOTICE), Requirement.IF_USED
    payment = getattr(scheme, "payment", None)
    if payment is not None:
        yield FactSpec(HAPPENED, FactKind.MOMENT, Need.DEADLINE), Requirement.OPTIONAL
        if payment.method == "on_claim":
            yield FactSpec(CLAIMED, FactKind.MOMENT, Need.CLAIM), Requirement.OPTIONAL
        if isinstance(payment.late_payment, LatePayment):
            yield FactSpec(PAID, FactKind.MOMENT, Need.LATE_PAYMENT), Requirement.OPTIONAL


def _own(scheme: Any) -> Any:
    """What a scheme says itself (a by_category scheme: not its categories')."""
    return scheme.payment if isinstance(scheme, ByCategoryCompensation) else scheme


def scheme_needs(scheme: Any, currency: str | None) -> list[tuple[FactSpec, Requirement]]:
    """The facts a scheme itself uses (not the case's deadlines), each once."""
    found: dict[str, tuple[FactSpec, Requirement]] = {}
    for spec, level in _specs(scheme, scheme_currency(scheme) or currency, None):
        known = found.get(spec.name)
        found[spec.name] = (spec, level) if known is None else (known[0], max(known[1], level))
    return list(found.values())


@by_identity
def policy_currency(policy: Charter) -> str | None:
    """The currency of the policy's compensations and fees, when they have exactly one."""
    found = {currency for case in policy.worst_cases
             if (currency := scheme_currency(case.compensation)) is not None}
    found |= {currency for fee in policy.fees if (currency := scheme_currency(fee))}
    return found.pop() if len(found) == 1 else None


def facts_needed(case: WorstCase, currency: str | None = None
                 ) -> list[tuple[FactSpec, Requirement]]:
    """Each fact of ``case`` once, with the strongest requirement of its uses, in the order
    first needed (a fact used for several reasons keeps the first reason). Amounts are in
    the scheme's currency, else in ``currency`` (the policy's)."""
    return list(_facts_needed(case, currency))


@by_identity
def _facts_needed(case: WorstCase, currency: str | None
                  ) -> tuple[tuple[FactSpec, Requirement], ...]:
    scheme = case.compensation
    found: dict[str, tuple[FactSpec, Requirement]] = {}
    for spec, level in _specs(scheme, scheme_currency(scheme) or currency, None):
        if spec.name in found:
            known, known_level = found[spec.name]
            found[spec.name] = (known, max(known_level, level))
        else:
            found[spec.name] = (spec, level)
    if case.claim is not None and case.claim.within is not None and CLAIMED not in found:
        found[CLAIMED] = (FactSpec(CLAIMED, FactKind.MOMENT, Need.CLAIM), Requirement.OPTIONAL)
    anchors = [case.claim.counted_from if case.claim is not None else None] + [
        payment.counted_from for _, payment in walk(scheme) if isinstance(payment, Payment)]
    if Anchor.RESOLUTION in anchors and RESOLVED not in found:
        found[RESOLVED] = (FactSpec(RESOLVED, FactKind.MOMENT, Need.RESOLUTION),
                           Requirement.OPTIONAL)
    if HAPPENED not in found:
        found[HAPPENED] = (FactSpec(HAPPENED, FactKind.MOMENT, Need.DEADLINE),
                           Requirement.OPTIONAL)
    return tuple((replace(spec, required=level is Requirement.ALWAYS), level)
                 for spec, level in found.values())

