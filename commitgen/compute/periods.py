"""``per_period``: an initial amount once a delay reaches a threshold, plus an amount for
each further period, up to a cap.

* The threshold is reached when the delay is **at least** ``after`` (a delay of exactly
  ``after`` is owed the initial amount), or with ``threshold: above`` when it is longer.
* Further periods are counted from the end of the threshold. ``full`` counts complete
  periods only; ``started`` counts every begun period, except that a begun part shorter
  than ``grace`` is not counted (a part of exactly ``grace`` is).
* Clock time is elapsed time (a day is 24 hours). A threshold or period in business time
  (or in months) is counted in the provider's calendar from the moment the delay began,
  the ``happened`` fact.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from commitgen.compute.context import Context, clock_minutes, elapsed
from commitgen.compute.facts import FactProblem, Quantity
from commitgen.compute.outcome import StepKind
from commitgen.model.compensation import PerPeriodCompensation
from commitgen.model.duration import Duration, TimeUnit
from commitgen.model.facts import DELAY, HAPPENED
from commitgen.model.money import Money

#: the most further periods counted one by one in a calendar (past the cap, counting stops)
MAX_PERIODS = 20_000


def _needs_calendar(*durations: Duration | None) -> bool:
    return any(d is not None and (d.business or d.unit in (TimeUnit.MONTH, TimeUnit.YEAR))
               for d in durations)


def per_period(scheme: PerPeriodCompensation, ctx: Context) -> Money:
    delay = ctx.quantity(DELAY).value
    initial = ctx.amount(scheme.initial)
    zero = Money(Decimal(0), initial.currency)
    end: dt.datetime | None
    threshold: dt.datetime | None
    if _needs_calendar(scheme.after, scheme.every, scheme.grace):
        start = ctx.aware(ctx.moment(HAPPENED))
        end = start + dt.timedelta(minutes=float(delay))
        threshold = ctx.advance(start, scheme.after)
        reached = end > threshold if scheme.threshold == "above" else end >= threshold
        beyond = elapsed(threshold, end) if reached else Decimal(0)
    else:
        after = clock_minutes(scheme.after)
        reached = delay > after if scheme.threshold == "above" else delay >= after
        beyond = delay - after
        end = threshold = None
    if not reached:
        ctx.step(StepKind.THRESHOLD_NOT_REACHED, delay=Quantity(delay, minutes=True),
                 after=scheme.after, threshold=scheme.threshold)
        ctx.step(StepKind.NOTHING)
        return zero
    ctx.step(StepKind.THRESHOLD_REACHED, delay=Quantity(delay, minutes=True),
             after=scheme.after, threshold=scheme.threshold, amount=initial)
    total = initial.amount
    if scheme.then is not None and scheme.every is not None:
        then = ctx.amount(scheme.then)
        cap = ctx.amount(scheme.cap) if scheme.cap is not None else None
        if threshold is not None and end is not None and _needs_calendar(scheme.every,
                                                                         scheme.grace):
            count, part = _count_in_calendar(scheme, ctx, threshold, end, initial, then, cap)
        else:
            count, part = _count_clock(scheme, beyond)
        total += count * then.amount
        if beyond > 0:
            ctx.step(StepKind.PERIODS, beyond=Quantity(beyond, minutes=True),
                     every=scheme.every, counting=scheme.counting, grace=scheme.grace,
                     count=count, each=then, amount=Money(count * then.amount, then.currency),
                     part=part)
    if scheme.cap is not None:
        cap_amount = ctx.amount(scheme.cap)
        if total > cap_amount.amount:
            ctx.step(StepKind.CAP, computed=Money(total, initial.currency), cap=cap_amount)
            total = cap_amount.amount
    return Money(total, initial.currency)


def _count_clock(scheme: PerPeriodCompensation, beyond: Decimal) -> tuple[int, bool | None]:
    """(periods counted, whether a begun part was counted — None when there is none)."""
    assert scheme.every is not None
    every = clock_minutes(scheme.every)
    full = int(beyond // every)
    rest = beyond - full * every
    if scheme.counting == "full" or rest == 0:
        return full, (False if rest else None)
    counted = scheme.grace is None or rest >= clock_minutes(scheme.grace)
    return full + counted, counted


def _count_in_calendar(scheme: PerPeriodCompensation, ctx: Context, threshold: dt.datetime,
                       end: dt.datetime, initial: Money, then: Money, cap: Money | None
                       ) -> tuple[int, bool | None]:
    """Periods counted one after another in the calendar, until the end of the delay (or
    until the cap is reached: more periods could not change the amount)."""
    assert scheme.every is not None
    moment, count = threshold, 0
    while True:
        following = ctx.advance(moment, scheme.every)
        if following > end:
            break
        moment, count = following, count + 1
        if cap is not None and initial.amount + count * then.amount >= cap.amount:
            return count, None
        if count >= MAX_PERIODS:
            raise FactProblem(DELAY, f"the delay spans more than {MAX_PERIODS} periods",
                              "check the delay")
    if moment == end:
        return count, None
    if scheme.counting == "full":
        return count, False
    counted = scheme.grace is None or ctx.advance(moment, scheme.grace) <= end
    return count + counted, counted
