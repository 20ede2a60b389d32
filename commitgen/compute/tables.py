"""``bands`` and ``grid``: payouts looked up by one or two measured values.

A value is in a band when it satisfies both declared bounds exactly: ``at_least`` and
``at_most`` include the bound, ``above`` and ``below`` exclude it. A measure whose unit is
a time unit (``hours``) compares in minutes, so ``90 minutes`` is in ``{at_least: 1.5}``.
A value that no band covers owes nothing (the format does not require full coverage).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from commitgen.compute.context import Context
from commitgen.compute.facts import MINUTES, Quantity, time_unit_of
from commitgen.compute.outcome import StepKind
from commitgen.model.compensation import (
    Band,
    BandsCompensation,
    Bounds,
    GridCompensation,
    Measure,
)
from commitgen.model.money import Money


def bound_json(bound: tuple[Decimal, bool] | None) -> dict[str, Any] | None:
    return None if bound is None else {"value": bound[0], "inclusive": bound[1]}


def _scale(measure: Measure) -> Decimal:
    unit = time_unit_of(measure.unit)
    return MINUTES.get(unit, Decimal(1)) if unit is not None else Decimal(1)


def find_band(bands: Sequence[Band], value: Quantity, measure: Measure) -> int | None:
    """The index of the band that holds ``value``, or None."""
    scale = _scale(measure) if value.minutes else Decimal(1)
    return next((index for index, band in enumerate(bands)
                 if _contains(band, value.value, scale)), None)


def holds(bounds: Bounds, value: Quantity, measure: Measure) -> bool:
    """Whether a measured value is within ``bounds`` written in ``measure``'s unit."""
    return _contains(bounds, value.value, _scale(measure) if value.minutes else Decimal(1))


def _contains(band: Bounds, value: Decimal, scale: Decimal) -> bool:
    """Whether ``value`` is in ``band`` whose bounds are multiplied by ``scale`` (minutes
    per unit for a time measure: exact, the value is never divided)."""
    low, up = band.lower, band.upper
    if low is not None and (value < low[0] * scale or (value == low[0] * scale and not low[1])):
        return False
    return not (up is not None and (value > up[0] * scale or
                                    (value == up[0] * scale and not up[1])))


def _located(ctx: Context, axis_measure: Measure, bands: Sequence[Band], fallback: str
             ) -> tuple[int | None, dict[str, Any]]:
    name = axis_measure.fact_name(fallback)
    value = ctx.quantity(name)
    index = find_band(bands, value, axis_measure)
    band = bands[index] if index is not None else None
    return index, {"fact": name, "value": value, "measure": axis_measure.name,
                   "unit": axis_measure.unit, "index": index,
                   "lower": bound_json(band.lower) if band else None,
                   "upper": bound_json(band.upper) if band else None}


def _payout(ctx: Context, payout: Decimal | Money | None, scheme: Any) -> Money | None:
    """What a band or cell pays: a share of the basis, an amount, or nothing (None)."""
    if payout is None or (isinstance(payout, Decimal) and payout == 0):
        ctx.step(StepKind.NOTHING)
        return None
    if isinstance(payout, Money):
        return payout
    if isinstance(payout, Decimal):
        return ctx.share(StepKind.PERCENT, payout, scheme.of, ctx.basis(scheme),
                         by=scheme.divided_by)
    raise AssertionError(f"unexpected payout {payout!r}")  # pragma: no cover


def _cap(ctx: Context, amount: Money | None, cap: Any) -> Money | None:
    if amount is None or cap is None:
        return amount
    limit = ctx.amount(cap)
    if amount.amount > limit.amount:
        ctx.step(StepKind.CAP, computed=amount, cap=limit)
        return limit
    return amount


def bands(scheme: BandsCompensation, ctx: Context) -> Money | None:
    index, where = _located(ctx, scheme.measure, scheme.bands, "measure")
    band = scheme.bands[index] if index is not None else None
    payout: Decimal | Money | None = None
    if band is not None:
        payout = band.percent if band.percent is not None else (
            ctx.amount(band.amount) if band.amount is not None else None)
    ctx.step(StepKind.BAND, **where, payout=_payout_json(payout))
    money = _payout(ctx, payout, scheme)
    if band is not None:
        money = _cap(ctx, money, band.cap)
    return _cap(ctx, money, scheme.cap)


def grid(scheme: GridCompensation, ctx: Context) -> Money | None:
    row, row_at = _located(ctx, scheme.rows.measure, scheme.rows.bands, "row")
    column, column_at = _located(ctx, scheme.columns.measure, scheme.columns.bands, "column")
    cell = None
    if row is not None and column is not None and row < len(scheme.cells) \
            and column < len(scheme.cells[row]):
        cell = scheme.cells[row][column]
    ctx.step(StepKind.CELL, row=row_at, column=column_at, payout=_payout_json(cell))
    return _cap(ctx, _payout(ctx, cell, scheme), scheme.cap)


def _payout_json(payout: Decimal | Money | None) -> dict[str, Any] | None:
    if payout is None:
        return None
    return {"percent": payout} if isinstance(payout, Decimal) else {"amount": payout}
