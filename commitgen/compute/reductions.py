"""Reductions: stated conditions that lower what is owed.

A reduction applies when its yes/no fact says the condition holds (or, with
``applies_if``, when the scheme's measured values meet every bound) and, for a reduction
with ``notice_at_least``, when the customer was told (``told``) at least that long before
the case happened (``happened``). When several apply, the one that leaves the least
applies; reductions do not multiply. The reduced amount is rounded to the currency's
minor unit. Nothing is asked about reductions when nothing is owed.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from commitgen.compute.context import Context, elapsed
from commitgen.compute.facts import Quantity
from commitgen.compute.needs import reduction_fact
from commitgen.compute.outcome import StepKind, round_money
from commitgen.compute.tables import holds
from commitgen.model.compensation import Reduction, scheme_measures
from commitgen.model.duration import Duration
from commitgen.model.facts import HAPPENED, TOLD
from commitgen.model.money import Money


def apply_reductions(scheme: Any, ctx: Context, money: Money | None,
                     extension: Duration | None) -> tuple[Money | None, Duration | None]:
    reductions: list[Reduction] = list(getattr(scheme, "reductions", []))
    if not reductions or ((money is None or money.amount == 0) and extension is None):
        return money, extension
    names = [reduction_fact(r, i, ctx.part) for i, r in enumerate(reductions)]
    ctx.require([name for r, name in zip(reductions, names, strict=True) if not r.applies_if])
    held = [_holds(scheme, reduction, ctx, name)
            for reduction, name in zip(reductions, names, strict=True)]
    ctx.require([name for reduction, holding in zip(reductions, held, strict=True)
                 if reduction.notice_at_least is not None and holding
                 for name in (TOLD, HAPPENED)])
    applying: list[tuple[Reduction, str, dict[str, Any]]] = []
    for index, reduction in enumerate(reductions):
        name = reduction_fact(reduction, index, ctx.part)
        if not held[index]:
            ctx.step(StepKind.REDUCTION_SKIPPED, fact=name, when=reduction.when,
                     reason="condition")
            continue
        notice: dict[str, Any] = {}
        if reduction.notice_at_least is not None:
            told = ctx.aware(ctx.moment(TOLD))
            happened = ctx.aware(ctx.moment(HAPPENED))
            if told >= happened:  # told when it happened or after: no notice at all
                ctx.step(StepKind.REDUCTION_SKIPPED, fact=name, when=reduction.when,
                         reason="told_after", needed=reduction.notice_at_least)
                continue
            notice = {"notice": Quantity(elapsed(told, happened), minutes=True),
                      "needed": reduction.notice_at_least}
            if ctx.advance(told, reduction.notice_at_least) > happened:
                ctx.step(StepKind.REDUCTION_SKIPPED, fact=name, when=reduction.when,
                         reason="notice", **notice)
                continue
        applying.append((reduction, name, notice))
    if not applying:
        return money, extension
    chosen = min(applying, key=lambda item: item[0].owed_percent)
    for reduction, name, _ in applying:
        if reduction is not chosen[0]:
            ctx.step(StepKind.REDUCTION_SKIPPED, fact=name, when=reduction.when,
                     reason="superseded")
    reduction, name, notice = chosen
    share = reduction.owed_percent
    reduced = round_money(money.amount * share / 100, money.currency) if money else None
    length = _reduced_length(extension, share)
    ctx.step(StepKind.REDUCTION, fact=name, when=reduction.when, owed_percent=share,
             before=money, amount=reduced, extension_before=extension, extension=length,
             **notice)
    return reduced, length


def _holds(scheme: Any, reduction: Reduction, ctx: Context, name: str) -> bool:
    """Whether a reduction's condition holds: its measured bounds, else its yes/no fact."""
    if not reduction.applies_if:
        return bool(ctx.fact(name))
    measures = scheme_measures(scheme)
    return all(holds(condition, ctx.quantity(condition.fact), measures[condition.fact])
               for condition in reduction.applies_if)


def _reduced_length(extension: Duration | None, share: Decimal) -> Duration | None:
    if extension is None or share == 0:
        return None
    if share == 100:
        return extension
    return Duration(extension.value * share / 100, extension.unit, extension.business)
