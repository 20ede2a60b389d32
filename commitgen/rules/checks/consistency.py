"""Consistency a customer can be hurt by: payouts that shrink as the failure grows,
caps below what they cap, claim windows that close too early, versions out of order."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Sequence
from decimal import Decimal

from commitgen.diagnostics import Diagnostic, FieldPath, Severity
from commitgen.model.compensation import (
    BandsCompensation,
    GridCompensation,
    LatePayment,
    PercentageCompensation,
    PerPeriodCompensation,
)
from commitgen.model.deadline import as_duration
from commitgen.model.duration import Duration, TimeUnit
from commitgen.model.money import Money, amount_on
from commitgen.model.walk import walk
from commitgen.rules.checks.schemes import schemes
from commitgen.rules.context import RuleContext
from commitgen.rules.registry import rule
from commitgen.rules.text import norm


def _value(payout: object, ctx: RuleContext) -> tuple[str, Decimal] | None:
    """A comparable payout: ("%", 10) or ("VND", 200000); None owes nothing."""
    if isinstance(payout, Decimal):
        return ("%", payout)
    if isinstance(payout, Money | list):
        money = amount_on(payout, ctx.policy.effective)
        return (money.currency, money.amount) if money else None
    return None


def _not_monotone(values: Sequence[tuple[str, Decimal] | None]) -> int | None:
    """Index of the first payout that breaks a one-way order; nothing owed counts as 0."""
    kinds = {v[0] for v in values if v is not None}
    if len(kinds) > 1:
        return None
    numbers = [v[1] if v is not None else Decimal(0) for v in values]
    direction = 0
    for index, (a, b) in enumerate(itertools.pairwise(numbers), start=1):
        step = (b > a) - (b < a)
        if step and direction and step != direction:
            return index
        direction = direction or step
    return None


@rule("CG140", "bands-not-monotone", Severity.ERROR, group="Consistency", reads=[],
      summary="Band and grid payouts only grow as the failure gets worse.",
      rationale="""
The bands of a table meet without gaps or overlaps (CG065, CG066), but commitgen cannot
know which end is "worse"; a worse failure must never pay less: written in order,
the payouts of a band table (and of every row and column of a grid) go one way only.
A table that pays 25 %, then 10 %, then 50 % is a mistake or a trap.""",
      bad="""
worst_cases:
  - id: outage
    compensation:
      type: bands
      measure: {name: {vi: Tỷ lệ sẵn sàng hàng tháng, en: Monthly availability}, unit: "%"}
      of: monthly_fee
      bands:
        - {at_least: 99.0, below: 99.9, percent: 10}
        - {at_least: 95.0, below: 99.0, percent: 5}
        - {below: 95.0, percent: 50}
      payment: {method: automatic, forms: [bill_credit], within: 30 days}""",
      good="""
worst_cases:
  - id: outage
    compensation:
      type: bands
      measure: {name: {vi: Tỷ lệ sẵn sàng hàng tháng, en: Monthly availability}, unit: "%"}
      of: monthly_fee
      bands:
        - {at_least: 99.0, below: 99.9, percent: 10}
        - {at_least: 95.0, below: 99.0, percent: 25}
        - {below: 95.0, percent: 50}
      payment: {method: automatic, forms: [bill_credit], within: 30 days}""")
def bands_monotone(ctx: RuleContext) -> Iterator[Diagnostic]:
    for path, scheme in schemes(ctx):
        if isinstance(scheme, BandsCompensation):
            values = [_value(b.percent if b.percent is not None else b.amount, ctx)
                      for b in scheme.bands]
            bad = _not_monotone(values)
            if bad is not None:
                yield Diagnostic.at((*path, "bands", bad), "this band pays less than a band for a "
                              "smaller failure: payouts must grow as the failure gets worse",
                              "reorder or correct the payouts so they only go one way")
        if isinstance(scheme, GridCompensation):
            cells = [[_value(cell, ctx) for cell in row] for row in scheme.cells]
            for r, row in enumerate(cells):
                bad = _not_monotone(row)
                if bad is not None:
                    yield Diagnostic.at((*path, "cells", r, bad), f"row {r + 1} of the grid pays "
                                  "less for a worse failure", "payouts must only grow along "
                                  "each row and column")
            for c in range(min((len(row) for row in cells), default=0)):
                bad = _not_monotone([row[c] for row in cells])
                if bad is not None:
                    yield Diagnostic.at((*path, "cells", bad, c), f"column {c + 1} of the grid "
                                  "pays less for a worse failure", "payouts must only grow "
                                  "along each row and column")


def _money(value: object, ctx: RuleContext) -> Money | None:
    if isinstance(value, Money | list):
        return amount_on(value, ctx.policy.effective)
    return None


@rule("CG141", "cap-below-amount", Severity.ERROR, group="Consistency", reads=[],
      summary="A cap is never below an amount it caps (the initial and per-period amounts, "
              "a minimum, band amounts, grid cells, late payment).",
      rationale="""
A cap below the amount it limits silently takes back the promise: the customer reads one
amount and is paid a smaller one. Checked for `per_period` (`initial` and `then`, on
every date of a dated schedule), `percentage` (`minimum`), band amounts and grid cells
(on the effective date) and late-payment amounts.""",
      bad="""
worst_cases:
  - id: late-refund
    compensation:
      type: per_period
      after: 2 days
      initial: 100000 VND
      then: 50000 VND
      every: 1 day
      cap: 80000 VND
      payment: {method: on_claim, forms: [bank_transfer], within: 10 days}""",
      good="""
worst_cases:
  - id: late-refund
    compensation:
      type: per_period
      after: 2 days
      initial: 100000 VND
      then: 50000 VND
      every: 1 day
      cap: 500000 VND
      payment: {method: on_claim, forms: [bank_transfer], within: 10 days}""")
def cap_below_amount(ctx: RuleContext) -> Iterator[Diagnostic]:
    for path, scheme in schemes(ctx):
        yield from _dated_caps(path, scheme)
        capped: list[tuple[FieldPath, object]] = []
        if isinstance(scheme, BandsCompensation):
            capped = [((*path, "bands", i, "amount"), b.amount) for i, b in
                      enumerate(scheme.bands) if b.amount is not None]
        elif isinstance(scheme, GridCompensation):
            capped = [((*path, "cells", r, c), cell) for r, row in enumerate(scheme.cells)
                      for c, cell in enumerate(row) if isinstance(cell, Money)]
        cap = _money(getattr(scheme, "cap", None), ctx)
        for _, value in capped:
            amount = _money(value, ctx)
            if cap and amount and amount.currency == cap.currency and cap.amount < amount.amount:
                yield Diagnostic.at((*path, "cap"), f"the cap ({cap}) is below an amount it caps "
                              f"({amount})", "raise the cap or lower the amount")
                break
        for where, late in walk(scheme, path):
            if isinstance(late, LatePayment) and late.cap is not None:
                amount = _money(late.amount, ctx)
                if amount and amount.currency == late.cap.currency and (
                        late.cap.amount < amount.amount):
                    yield Diagnostic.at((*where, "cap"), f"the late-payment cap ({late.cap}) is "
                                  f"below the late-payment amount ({amount})",
                                  "raise the cap or lower the amount")


def _dated_caps(path: FieldPath, scheme: object) -> Iterator[Diagnostic]:
    """``per_period`` caps against initial and then, ``percentage`` caps against minimum,
    on every date where a dated amount changes."""
    pairs: list[tuple[str, object, object]] = []
    if isinstance(scheme, PerPeriodCompensation) and scheme.cap is not None:
        pairs = [(name, scheme.cap, getattr(scheme, name)) for name in ("initial", "then")]
    if isinstance(scheme, PercentageCompensation) and scheme.cap and scheme.minimum:
        pairs = [("minimum", scheme.cap, scheme.minimum)]
    for name, cap, amount in pairs:
        day = _first_day_below(cap, amount)
        if day is not None:
            since = f" from {day}" if day != dt.date.min else ""
            yield Diagnostic.at((*path, "cap"), f"the cap is smaller than {name}{since}",
                                f"raise the cap or lower {name}")


def _first_day_below(upper: object, lower: object) -> dt.date | None:
    """The first day on which amount ``upper`` is below amount ``lower`` (each a plain
    amount or a dated schedule); ``date.min`` when always; None when never."""
    if lower is None:
        return None
    days = sorted({item.from_ for value in (upper, lower) if isinstance(value, list)
                   for item in value} | {dt.date.min})
    for day in days:
        top, bottom = amount_on(upper, day), amount_on(lower, day)  # type: ignore[arg-type]
        if top is not None and bottom is not None and top.amount < bottom.amount:
            return day
    return None


_MONTH = Duration(Decimal(1), TimeUnit.MONTH)


def _detection(ctx: RuleContext, index: int) -> list[tuple[Duration, str]]:
    """How long it can take before a customer knows they are owed something."""
    case = ctx.policy.worst_cases[index]
    resolve = as_duration(case.resolve_within)
    out = [(resolve, "resolve_within")] if resolve is not None else []
    for _, scheme in walk(case.compensation):
        if isinstance(scheme, PerPeriodCompensation):
            out.append((scheme.after, "compensation.after"))
        if isinstance(scheme, BandsCompensation) and any(
                word in norm(text) for text in scheme.measure.name.all_strings()
                for word in ("month", "tháng")):
            out.append((_MONTH, "a monthly measure"))
    return out


@rule("CG142", "claim-window-too-short", Severity.ERROR, group="Consistency", reads=[],
      summary="The claim window is not shorter than the time it takes to know the failure "
              "happened.",
      rationale="""
A claim window that closes before the customer can know they are owed anything is a
trap: compensation that can never be claimed. The customer knows only once the case is
past `resolve_within`, past a `per_period` scheme's `after` threshold, or, for bands on
a monthly measure (e.g. monthly availability), once the month is over.""",
      bad="""
worst_cases:
  - id: late-refund
    resolve_within: 5 days
    claim: {within: 2 days}""",
      good="""
worst_cases:
  - id: late-refund
    resolve_within: 5 days
    claim: {within: 30 days}""")
def claim_window(ctx: RuleContext) -> Iterator[Diagnostic]:
    for index, case in enumerate(ctx.policy.worst_cases):
        window = as_duration(case.claim.within) if case.claim else None
        if window is None:
            continue
        for needed, what in _detection(ctx, index):
            if window.surely_shorter_than(needed):
                yield Diagnostic.at(("worst_cases", index, "claim", "within"),
                              f"the claim window ({window}) closes before the customer can "
                              f"know they are owed anything ({what}: {needed})",
                              f"make the claim window at least {needed}")
                break


@rule("CG143", "effective-before-previous", Severity.ERROR, group="Consistency", reads=["changes"],
      summary="`effective` is not before the date of an earlier version in "
              "`changes.history`.",
      rationale="""
A new version that takes effect before the version it replaces rewrites the past: a
customer could be held to terms that did not exist yet. Every other version recorded in
`changes.history` must be dated on or before `effective`.""",
      bad="""
effective: 2025-12-01
changes:
  history:
    - {version: "1.0", date: 2026-01-01, summary: {vi: Bản đầu tiên., en: First version.}}""",
      good="""
effective: 2026-07-01
changes:
  history:
    - {version: "1.0", date: 2026-01-01, summary: {vi: Bản đầu tiên., en: First version.}}""")
def effective_order(ctx: RuleContext) -> Iterator[Diagnostic]:
    for index, record in enumerate(ctx.policy.changes.history):
        if record.version != ctx.policy.version and record.date > ctx.policy.effective:
            yield Diagnostic.at(("changes", "history", index, "date"),
                          f"version {record.version} is dated {record.date}, after this "
                          f"version's effective date {ctx.policy.effective}",
                          "check effective: and the history dates")


