"""Claim and payment deadlines, and what is added when the provider pays late.

* The claim window (``claim.within``) counts from when the case happened; a claim after
  it is owed nothing. Only for compensation paid on claim.
* The payment deadline (``payment.within``) counts from the claim (paid on claim) or from
  when the case happened (paid automatically), whichever of the two is known: a claim
  date alone gives the payment deadline of a payment on claim. A payment date without
  the moment its deadline counts from is a missing fact, never silently ignored.
* Counted from a date without a time, a deadline in clock days, weeks, months or years is
  a whole day: the customer has until the end of it. Business time counts in the
  provider's calendar (from a date alone: from that day's first opening).
* Paid after the deadline, the late-payment addition is owed once, and again for each
  further ``per`` period begun; a percentage is of the amount owed, rounded to the minor
  unit; the additions stop at ``cap``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from commitgen.compute.context import Context
from commitgen.compute.facts import FactProblem, Moment
from commitgen.compute.outcome import StepKind, round_money
from commitgen.model.compensation import CombinedCompensation, LatePayment, Payment
from commitgen.model.duration import Duration, TimeUnit
from commitgen.model.facts import CLAIMED, HAPPENED, PAID
from commitgen.model.money import Money

MAX_LATE_PERIODS = 10_000


@dataclass(frozen=True)
class Deadlines:
    claim: Moment | None = None
    payment: Moment | None = None
    late_addition: Money | None = None
    claimed_too_late: bool = False


def payment_of(scheme: Any) -> Payment | None:
    """The payment terms of a scheme (a combined scheme's own, else its first part's)."""
    payment = getattr(scheme, "payment", None)
    if payment is None and isinstance(scheme, CombinedCompensation):
        payment = next((getattr(p, "payment", None) for p in scheme.parts
                        if getattr(p, "payment", None)), None)
    return payment if isinstance(payment, Payment) else None


def deadline(ctx: Context, start: Moment, duration: Duration) -> Moment:
    """``duration`` after ``start``: a whole day when both are in whole days."""
    if not start.has_time and not duration.business and duration.unit in (
            TimeUnit.DAY, TimeUnit.WEEK, TimeUnit.MONTH, TimeUnit.YEAR) \
            and duration.value == int(duration.value):
        end = ctx.advance(start.at, duration)
        return Moment(dt.datetime.combine(end.date(), dt.time()), False)
    return Moment(ctx.advance(start.at, duration).replace(tzinfo=None), True)


def is_after(ctx: Context, moment: Moment, limit: Moment) -> bool:
    """Whether ``moment`` is past ``limit`` (a whole-day limit lasts until its end)."""
    if not limit.has_time:
        return moment.day > limit.day
    return ctx.aware(moment) > ctx.aware(limit)


def deadlines(ctx: Context, scheme: Any, owed: Money | None) -> Deadlines:
    payment = payment_of(scheme)
    if payment is None:
        return Deadlines()
    on_claim = payment.method == "on_claim"
    claim_limit = None
    claim = ctx.case.claim
    if on_claim and claim is not None and claim.within is not None and ctx.has(HAPPENED):
        claim_limit = deadline(ctx, ctx.moment(HAPPENED), claim.within)
        ctx.step(StepKind.CLAIM_DEADLINE, within=claim.within, deadline=claim_limit)
        if ctx.has(CLAIMED) and is_after(ctx, ctx.moment(CLAIMED), claim_limit):
            ctx.step(StepKind.CLAIM_TOO_LATE, claimed=ctx.moment(CLAIMED),
                     deadline=claim_limit)
            return Deadlines(claim=claim_limit, claimed_too_late=True)
    since = CLAIMED if on_claim else HAPPENED  # what the payment deadline counts from
    if not ctx.has(since):
        if ctx.has(PAID):  # a payment date is never silently ignored
            ctx.fact(since)
        return Deadlines(claim=claim_limit)
    limit = deadline(ctx, ctx.moment(since), payment.within)
    ctx.step(StepKind.PAYMENT_DEADLINE, within=payment.within,
             since="claim" if on_claim else "incident", deadline=limit)
    late = None
    if payment.late_payment is not None and ctx.has(PAID) and owed is not None \
            and owed.amount > 0 and is_after(ctx, ctx.moment(PAID), limit):
        late = _late(ctx, payment.late_payment, owed, limit, ctx.moment(PAID))
    return Deadlines(claim=claim_limit, payment=limit, late_addition=late)


def _late(ctx: Context, late: LatePayment, owed: Money, limit: Moment, paid: Moment) -> Money:
    periods = 1 if late.per is None else _periods(ctx, late.per, limit, paid)
    if late.amount is not None:
        each = ctx.amount(late.amount)
    else:
        assert late.percent is not None
        each = round_money(owed.amount * late.percent / 100, owed.currency)
    total = Money(each.amount * periods, owed.currency)
    values: dict[str, Any] = {"paid": paid, "deadline": limit, "periods": periods,
                              "each": each, "per": late.per, "percent": late.percent,
                              "computed": total}
    if late.cap is not None and total.amount > late.cap.amount:
        values["cap"] = late.cap
        total = late.cap
    ctx.step(StepKind.PAID_LATE, **values, amount=total)
    return total


def _periods(ctx: Context, per: Duration, limit: Moment, paid: Moment) -> int:
    """Periods of lateness begun between the deadline and the payment."""
    start = ctx.aware(limit.at + (dt.timedelta(days=1) if not limit.has_time else
                                  dt.timedelta()))
    end = ctx.aware(paid)
    if not paid.has_time and not limit.has_time:
        end = ctx.aware(paid.at + dt.timedelta(days=1))  # both whole days: count whole days
    moment, count = start, 0
    while moment < end:
        moment, count = ctx.advance(moment, per), count + 1
        if count > MAX_LATE_PERIODS:
            raise FactProblem(PAID, "the payment is implausibly late", "check the date")
    return max(count, 1)

