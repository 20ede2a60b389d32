"""Typed comparisons of single values: which direction is better for the customer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from commitgen.model.deadline import NotSet
from commitgen.model.duration import Duration
from commitgen.model.money import DatedAmount, Money, amount_on
from commitgen.versions.diff.change import Verdict

Amount = Money | list[DatedAmount]


def longer(old: Duration | NotSet, new: Duration | NotSet) -> bool | None:
    """Whether ``new`` is longer than ``old``; None when equal or not comparable.
    ``immediately`` is shorter than any duration, ``none`` (no deadline) longer;
    ``not_applicable`` compares with nothing."""
    if old == new:
        return None
    if NotSet.NOT_APPLICABLE in (old, new):
        return None
    if isinstance(old, NotSet) or isinstance(new, NotSet):
        def rank(value: Duration | NotSet) -> int:
            return {NotSet.IMMEDIATELY: 0, NotSet.NONE: 2}.get(value, 1) \
                if isinstance(value, NotSet) else 1
        return rank(new) > rank(old)
    if old.business == new.business:
        if old.approx_minutes == new.approx_minutes:
            return None
        return new.approx_minutes > old.approx_minutes
    if old.surely_shorter_than(new):
        return True
    if new.surely_shorter_than(old):
        return False
    return None


def duration_verdict(old: Duration | NotSet, new: Duration | NotSet, longer_is: Verdict
                     ) -> Verdict | None:
    """The verdict of a changed duration (None: no change); a change that cannot be told
    longer or shorter (clock against business time) is neutral."""
    if old == new:
        return None
    direction = longer(old, new)
    if direction is None:
        return Verdict.NEUTRAL
    if direction:
        return longer_is
    return Verdict.BETTER if longer_is is Verdict.WORSE else Verdict.WORSE


def _days(old: Amount, new: Amount, effective: dt.date) -> list[dt.date]:
    dates = {effective}
    for value in (old, new):
        if isinstance(value, list):
            dates.update(item.from_ for item in value if item.from_ > effective)
    return sorted(dates)


def amount_change(old: Amount, new: Amount, effective: dt.date, more_is: Verdict
                  ) -> tuple[Verdict, Money | None, Money | None] | None:
    """Compare two amounts (or schedules) on every day either schedule changes from the new
    version's effective date on; the first day they differ gives the values shown. None
    when they are equal on every such day."""
    verdicts: list[Verdict] = []
    shown: tuple[Money | None, Money | None] | None = None
    for day in _days(old, new, effective):
        a, b = amount_on(old, day), amount_on(new, day)
        if a == b:
            continue
        shown = shown or (a, b)
        if a is None or b is None or a.currency != b.currency:
            verdicts.append(Verdict.NEUTRAL)
        elif b.amount > a.amount:
            verdicts.append(more_is)
        else:
            verdicts.append(Verdict.BETTER if more_is is Verdict.WORSE else Verdict.WORSE)
    if shown is None:
        return None
    return worst(verdicts), shown[0], shown[1]


def worst(verdicts: Iterable[Verdict]) -> Verdict:
    """Worse wins over better, better over neutral (a mixed change is listed as worse: the
    customer must be told)."""
    found = set(verdicts)
    for verdict in (Verdict.WORSE, Verdict.BETTER):
        if verdict in found:
            return verdict
    return Verdict.NEUTRAL


def more(old: object, new: object, more_is: Verdict) -> Verdict:
    """A number that grew (``more_is``) or shrank (the opposite)."""
    grew = new > old  # type: ignore[operator]
    if grew:
        return more_is
    return Verdict.BETTER if more_is is Verdict.WORSE else Verdict.WORSE
