"""Claim and payment deadlines, and what is added when the provider pays late.

* The claim window (``claim.within``) counts from when the case happened, or from its
  ``counted_from`` event; a claim after it is owed nothing. Only for compensation paid on
  claim. ``none``: no window of the scheme's own (the law's limitation period applies).
* The payment deadline (``payment.within``) counts from the claim (paid on claim) or from
  when the case happened (paid automatically), or from its ``counted_from`` event,
  whichever is known: a claim date alone gives the payment deadline of a payment on
  claim. A payment date without the moment its deadline counts from is a missing fact,
  never silently ignored. ``immediately`` is the moment it is owed, ``none`` sets no
  deadline.
* Events: ``resolution`` (the ``resolved`` fact), ``eligibility`` (the moment a
  ``per_period`` threshold is reached; else when the case happened), ``end_of_month``
  (the last day of the month it happened in; N months from it end on the last day of
  the Nth month after).
* Counted from a date without a time, a deadline in clock days, weeks, months or years is
  a whole day: the customer has until the end of it; full days always are. Business time
  counts in the provider's calendar (from a date alone: from that day's first opening).
* Paid after the deadline, the late-payment addition is owed once, and again for each
  further ``per`` period begun; a percentage is of the amount owed, rounded to the minor
  unit; the additions stop at ``cap``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from dateutil.relativedelta import relativedelta

from commitgen.compute.context import Context
from commitgen.compute.facts import FactProblem, Moment
from commitgen.compute.outcome import StepKind, round_money
from commitgen.model.compensation import (
    CombinedCompensation,
    LatePayment,
    Payment,
    PerPeriodCompensation,
)
from commitgen.model.deadline import Anchor, NotSet
from commitgen.model.duration import Duration, TimeUnit
from commitgen.model.facts import CLAIMED, HAPPENED, PAID, RESOLVED
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
    """``duration`` after ``start``: a whole day when both are in whole days, and always
    for full days (the last of them)."""
    if duration.full:
        if ctx.calendar is not None:
            last = ctx.calendar.last_full_day(start.day, duration)
        elif duration.business:  # pragma: no cover - validation requires a calendar
            raise FactProblem(HAPPENED, "business time needs the provider's working hours")
        else:
            last = start.day + dt.timedelta(days=int(duration.value))
        return Moment(dt.datetime.combine(last, dt.time()), False)
    if not start.has_time and not duration.business and duration.unit in (
            TimeUnit.DAY, TimeUnit.WEEK, TimeUnit.MONTH, TimeUnit.YEAR) \
            and duration.value == int(duration.value):
        end = ctx.advance(start.at, duration)
        return Moment(dt.datetime.combine(end.date(), dt.time()), False)
    return Moment(ctx.advance(start.at, duration).replace(tzinfo=None), True)


def _month_end(day: dt.date, months: int = 0) -> dt.date:
    """The last day of the calendar month ``months`` after the month of ``day``."""
    first: dt.date = day.replace(day=1) + relativedelta(months=months + 1)
    return first - dt.timedelta(days=1)


def anchored(ctx: Context, anchor: Anchor, start: Moment, duration: Duration) -> Moment:
    """``duration`` counted from ``start``, the moment of ``anchor``; from the end of a
    month, whole months end at the end of the month that many months later."""
    if anchor is not Anchor.END_OF_MONTH:
        return deadline(ctx, start, duration)
    if duration.unit is TimeUnit.MONTH and not duration.business and \
            duration.value == int(duration.value):
        last = _month_end(start.day, int(duration.value))
        return Moment(dt.datetime.combine(last, dt.time()), False)
    end = Moment(dt.datetime.combine(_month_end(start.day), dt.time()), False)
    return deadline(ctx, end, duration)


def is_after(ctx: Context, moment: Moment, limit: Moment) -> bool:
    """Whether ``moment`` is past ``limit`` (a whole-day limit lasts until its end)."""
    if not limit.has_time:
        return moment.day > limit.day
    return ctx.aware(moment) > ctx.aware(limit)


#: the fact each event is given as
ANCHOR_FACTS = {Anchor.CLAIM: CLAIMED, Anchor.RESOLUTION: RESOLVED, Anchor.INCIDENT: HAPPENED,
                Anchor.ELIGIBILITY: HAPPENED, Anchor.END_OF_MONTH: HAPPENED}


def anchor_moment(ctx: Context, anchor: Anchor, scheme: Any) -> Moment | None:
    """The moment a deadline counted from ``anchor`` starts, or None when the fact it
    needs was not given (the answer is then less complete, not wrong)."""
    if anchor is Anchor.CLAIM:
        return ctx.moment(CLAIMED) if ctx.has(CLAIMED) else None
    if anchor is Anchor.RESOLUTION:
        return ctx.moment(RESOLVED) if ctx.has(RESOLVED) else None
    if not ctx.has(HAPPENED):
        return None
    happened = ctx.moment(HAPPENED)
    if anchor is Anchor.ELIGIBILITY and isinstance(scheme, PerPeriodCompensation):
        moment = ctx.advance(happened.at, scheme.after).replace(tzinfo=None)
        return Moment(moment, happened.has_time or scheme.after.unit not in (
            TimeUnit.DAY, TimeUnit.WEEK, TimeUnit.MONTH, TimeUnit.YEAR) or scheme.after.full)
    return happened


def deadlines(ctx: Context, scheme: Any, owed: Money | None) -> Deadlines:
    payment = payment_of(scheme)
    if payment is None:
        return Deadlines()
    claim_limit = None
    claim = ctx.case.claim
    on_claim = payment.method == "on_claim"
    if on_claim and claim is not None and claim.within is NotSet.NONE:
        ctx.step(StepKind.CLAIM_NO_DEADLINE)
    elif on_claim and claim is not None and isinstance(claim.within, Duration):
        start = anchor_moment(ctx, claim.counted_from, scheme)
        if start is not None:
            claim_limit = anchored(ctx, claim.counted_from, start, claim.within)
            ctx.step(StepKind.CLAIM_DEADLINE, within=claim.within,
                     since=claim.counted_from.value, deadline=claim_limit)
            if ctx.has(CLAIMED) and is_after(ctx, ctx.moment(CLAIMED), claim_limit):
                ctx.step(StepKind.CLAIM_TOO_LATE, claimed=ctx.moment(CLAIMED),
                         deadline=claim_limit)
                return Deadlines(claim=claim_limit, claimed_too_late=True)
    anchor = payment.counted_from or (Anchor.CLAIM if on_claim else Anchor.INCIDENT)
    if payment.within is NotSet.NONE:
        ctx.step(StepKind.PAYMENT_NO_DEADLINE)
        return Deadlines(claim=claim_limit)
    start = anchor_moment(ctx, anchor, scheme)
    if start is None:
        if ctx.has(PAID):  # a payment date is never silently ignored
            ctx.fact(ANCHOR_FACTS[anchor])
        return Deadlines(claim=claim_limit)
    if isinstance(payment.within, Duration):
        limit = anchored(ctx, anchor, start, payment.within)
        ctx.step(StepKind.PAYMENT_DEADLINE, within=payment.within, since=anchor.value,
                 deadline=limit)
    else:  # immediately: on the spot, the day (and time) it is owed
        limit = start
        ctx.step(StepKind.PAYMENT_AT_ONCE, since=anchor.value, deadline=limit)
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

