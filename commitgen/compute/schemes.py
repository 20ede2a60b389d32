"""One function per compensation type, chosen by the scheme's ``type``.

Each returns what the scheme owes before any reduction — money (None when it owes no
money at all) and free service time — and records its steps in the context. A new
scheme type is a new function in :data:`SCHEMES`.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from commitgen.compute.context import Context
from commitgen.compute.needs import scheme_currency
from commitgen.compute.outcome import StepKind
from commitgen.compute.periods import per_period
from commitgen.compute.reductions import apply_reductions
from commitgen.compute.tables import bands, grid
from commitgen.compute.triggers import triggered
from commitgen.model.compensation import (
    ByCategoryCompensation,
    CombinedCompensation,
    FixedCompensation,
    NoCompensation,
    PercentageCompensation,
    RefundCompensation,
    ServiceExtension,
)
from commitgen.model.duration import Duration
from commitgen.model.money import Money

Owed = tuple[Money | None, Duration | None]


def _fixed(scheme: FixedCompensation, ctx: Context) -> Owed:
    amount = ctx.amount(scheme.amount)
    ctx.step(StepKind.AMOUNT, amount=amount)
    return amount, None


def _percentage(scheme: PercentageCompensation, ctx: Context) -> Owed:
    amount = ctx.share(StepKind.PERCENT, scheme.percent, scheme.of, ctx.basis(scheme),
                       scheme.times, scheme.divided_by)
    if scheme.minimum is not None:
        minimum = ctx.amount(scheme.minimum)
        if amount.amount < minimum.amount:
            ctx.step(StepKind.MINIMUM, computed=amount, minimum=minimum)
            amount = minimum
    if scheme.cap is not None:
        cap = ctx.amount(scheme.cap)
        if amount.amount > cap.amount:
            ctx.step(StepKind.CAP, computed=amount, cap=cap)
            amount = cap
    return amount, None


def _refund(scheme: RefundCompensation, ctx: Context) -> Owed:
    return ctx.share(StepKind.REFUND, scheme.percent, scheme.of, ctx.basis(scheme),
                     by=scheme.divided_by), None


def _extension(scheme: ServiceExtension, ctx: Context) -> Owed:
    ctx.step(StepKind.EXTENSION, length=scheme.length)
    return None, scheme.length


def _none(scheme: NoCompensation, ctx: Context) -> Owed:
    ctx.step(StepKind.NO_COMPENSATION, reason=scheme.reason)
    return None, None


def _combined(scheme: CombinedCompensation, ctx: Context) -> Owed:
    amounts: list[Money] = []
    extension: Duration | None = None
    for index, part in enumerate(scheme.parts, start=1):
        ctx.part = index
        money, length = owed(part, ctx)
        ctx.part = None
        if money is not None:
            amounts.append(money)
        if length is not None:
            extension = length if extension is None else add_lengths(extension, length)
    if not amounts:
        return None, extension
    total = Money(sum((m.amount for m in amounts), Decimal(0)), amounts[0].currency)
    if len(amounts) > 1:
        ctx.step(StepKind.TOTAL, amounts=amounts, amount=total)
    return total, extension


def _by_category(scheme: ByCategoryCompensation, ctx: Context) -> Owed:
    fact = scheme.category.fact_name()
    chosen = ctx.category(fact)
    index, category = next((i, c) for i, c in enumerate(scheme.categories, start=1)
                           if c.id == chosen)
    ctx.step(StepKind.CATEGORY, fact=fact, axis=scheme.category.name, value=chosen,
             name=category.name, category=index)
    money, extension = owed(category.compensation, ctx)
    currency = scheme_currency(category.compensation)
    if money is None and extension is None and currency is not None \
            and category.compensation.type != "none":
        money = Money(Decimal(0), currency)
    return money, extension


def add_lengths(first: Duration, second: Duration) -> Duration:
    """Two lengths of free service as one (in the smaller unit when they differ)."""
    if first.unit == second.unit and first.business == second.business:
        return Duration(first.value + second.value, first.unit, first.business)
    smaller = first if first.approx_minutes / first.value < \
        second.approx_minutes / second.value else second
    per_unit = smaller.approx_minutes / smaller.value
    total = (first.approx_minutes + second.approx_minutes) / per_unit
    return Duration(total, smaller.unit, smaller.business)


SCHEMES: dict[str, Callable[[Any, Context], Owed]] = {
    "fixed": _fixed,
    "per_period": lambda scheme, ctx: (per_period(scheme, ctx), None),
    "percentage": _percentage,
    "bands": lambda scheme, ctx: (bands(scheme, ctx), None),
    "grid": lambda scheme, ctx: (grid(scheme, ctx), None),
    "refund": _refund,
    "service_extension": _extension,
    "none": _none,
    "combined": _combined,
    "by_category": _by_category,
}


def owed(scheme: Any, ctx: Context) -> Owed:
    """What ``scheme`` owes in this case, its own reductions applied."""
    if not triggered(scheme, ctx):
        return None, None
    money, extension = SCHEMES[scheme.type](scheme, ctx)
    money, extension = apply_reductions(scheme, ctx, money, extension)
    money = _minimum_payout(scheme, ctx, money)
    law = getattr(scheme, "legal_minimum", None)
    if law is not None and money is not None and money.amount > 0:
        ctx.step(StepKind.LEGAL_MINIMUM, law=law)
    return money, extension


def _minimum_payout(scheme: Any, ctx: Context, money: Money | None) -> Money | None:
    """Nothing at all when the amount owed is not above the scheme's minimum payout (or,
    with ``at_least``, below it)."""
    floor = getattr(scheme, "minimum_payout", None)
    if floor is None or money is None or money.amount == 0:
        return money
    minimum = ctx.amount(floor.amount)
    paid = money.amount >= minimum.amount if floor.inclusive else money.amount > minimum.amount
    if paid:
        return money
    ctx.step(StepKind.MINIMUM_PAYOUT, computed=money, minimum=minimum, inclusive=floor.inclusive)
    return Money(Decimal(0), money.currency)
