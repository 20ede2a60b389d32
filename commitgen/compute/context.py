"""What a computation sees: the case, its facts, the calendar, and the steps so far."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from commitgen.business_calendar import BusinessCalendar
from commitgen.compute.facts import (
    FactKind,
    FactProblem,
    FactProblems,
    FactSpec,
    Moment,
    Need,
    Quantity,
)
from commitgen.compute.outcome import Step, StepKind, round_money
from commitgen.model.duration import Duration, TimeUnit
from commitgen.model.facts import HAPPENED
from commitgen.model.money import DatedAmount, Money
from commitgen.model.policy import Charter, WorstCase

#: wording of why a fact is needed, for messages
WHY = {Need.MEASURE: "the compensation depends on it",
       Need.DELAY: "the compensation grows with the delay",
       Need.BASIS: "the compensation is a share of it",
       Need.SCHEDULE: "the amount in force depends on the day it happened",
       Need.BUSINESS_TIME: "the delay is counted in business time from this moment",
       Need.CONDITION: "it decides whether a reduction applies",
       Need.NOTICE: "it decides whether the notice was long enough",
       Need.CLAIM: "the claim window and the payment deadline count from it",
       Need.DEADLINE: "the deadlines count from it",
       Need.LATE_PAYMENT: "it decides whether the payment was late",
       Need.RESOLUTION: "a deadline counts from when the problem was put right",
       Need.CATEGORY: "it decides which category's compensation applies"}

_UTC = ZoneInfo("UTC")


@dataclass
class Context:
    """One case being computed. ``steps`` collects what was done, in order."""

    policy: Charter
    case: WorstCase
    specs: dict[str, FactSpec]
    values: dict[str, Any]
    calendar: BusinessCalendar | None
    steps: list[Step] = field(default_factory=list)
    part: int | None = None  # the part of a combined scheme being computed

    def step(self, kind: StepKind, **values: Any) -> None:
        self.steps.append(Step(kind, values, self.part))

    # --- facts ----------------------------------------------------------------------------

    def has(self, name: str) -> bool:
        return name in self.values

    def fact(self, name: str) -> Any:
        """The value of fact ``name``; a :class:`FactProblem` saying why it is needed when
        it was not given."""
        if name in self.values:
            return self.values[name]
        spec = self.specs.get(name)
        kind = spec.kind if spec is not None else FactKind.MOMENT
        example = spec.example() if spec is not None else "2027-03-01"
        why = WHY[spec.need] if spec is not None else "it is needed"
        raise FactProblem(name, f'this case needs the fact "{name}" ({describe_kind(spec)}): '
                          f"{why}", f"give it, e.g. {name}={example}"
                          if kind is not FactKind.CONDITION else f"give {name}=yes or no")

    def require(self, names: list[str]) -> None:
        """Every missing fact of ``names`` at once, as :class:`FactProblems`."""
        missing = []
        for name in dict.fromkeys(names):
            try:
                self.fact(name)
            except FactProblem as problem:
                missing.append(problem)
        if missing:
            raise FactProblems(missing)

    def moment(self, name: str) -> Moment:
        value = self.fact(name)
        assert isinstance(value, Moment)
        return value

    def quantity(self, name: str) -> Quantity:
        value = self.fact(name)
        assert isinstance(value, Quantity)
        return value

    def category(self, name: str) -> str:
        value = self.fact(name)
        assert isinstance(value, str)
        return value

    def money(self, name: str) -> Money:
        value = self.fact(name)
        assert isinstance(value, Money)
        return value

    # --- amounts --------------------------------------------------------------------------

    def amount(self, value: Money | list[DatedAmount]) -> Money:
        """The amount in force on the day the case happened; a step says which, when the
        amount changes over time."""
        if isinstance(value, Money):
            return value
        ordered = sorted(value, key=lambda item: item.from_)
        if len(ordered) == 1:
            return ordered[0].amount
        day = self.moment(HAPPENED).day
        current = ordered[0]
        for item in ordered:
            if item.from_ <= day:
                current = item
        self.step(StepKind.IN_FORCE, amount=current.amount, since=current.from_, on=day)
        return current.amount

    def basis(self, scheme: Any) -> Money:
        """The money a scheme's share is taken of: the basis fact, divided by the scheme's
        ``divided_by`` (rounded to the minor unit: the value of one journey) when it has one."""
        base = self.money(scheme.of.value)
        by = getattr(scheme, "divided_by", None)
        if by is None:
            return base
        exact = base.amount / by
        value = round_money(exact, base.currency)
        values: dict[str, Any] = {"basis": scheme.of, "base": base, "by": by, "amount": value}
        if value.amount != exact:
            values["exact"] = exact
        self.step(StepKind.DIVIDED, **values)
        return value

    def share(self, kind: StepKind, percent: Decimal, of: Any, base: Money,
              times: Decimal | None = None, by: int | None = None) -> Money:
        """``percent`` of ``base``, rounded to the minor unit (the exact figure is kept in
        the step when rounding changed it); ``times``: the multiple the scheme states."""
        exact = base.amount * percent / 100
        amount = round_money(exact, base.currency)
        values: dict[str, Any] = {"percent": percent, "basis": of, "base": base,
                                  "amount": amount}
        if amount.amount != exact:
            values["exact"] = exact
        if times is not None:
            values["times"] = times
        if by is not None:  # the basis was divided first (a step says so)
            values["by"] = by
        self.step(kind, **values)
        return amount

    # --- time -----------------------------------------------------------------------------

    @property
    def zone(self) -> ZoneInfo:
        return self.calendar.zone if self.calendar is not None else _UTC

    def aware(self, moment: Moment | dt.datetime) -> dt.datetime:
        naive = moment.at if isinstance(moment, Moment) else moment
        return naive.replace(tzinfo=self.zone) if naive.tzinfo is None else naive

    def advance(self, start: dt.datetime, duration: Duration) -> dt.datetime:
        """The moment ``duration`` after ``start`` (business time in the calendar)."""
        start = self.aware(start)
        if self.calendar is not None:
            return self.calendar.deadline(start, duration).astimezone(self.zone)
        if duration.business:  # pragma: no cover - validation requires a calendar
            raise FactProblem(HAPPENED, "business time needs the provider's working hours")
        if duration.unit in (TimeUnit.MONTH, TimeUnit.YEAR):
            months = int(duration.value) * (12 if duration.unit is TimeUnit.YEAR else 1)
            moved: dt.datetime = start + relativedelta(months=months)
            return moved
        return start + dt.timedelta(minutes=float(clock_minutes(duration)))


def clock_minutes(duration: Duration) -> Decimal:
    """Minutes of a clock duration in minutes, hours, days or weeks (a day is 24 hours)."""
    return duration.approx_minutes


def elapsed(start: dt.datetime, end: dt.datetime) -> Decimal:
    """Real minutes from ``start`` to ``end`` (negative when ``end`` is earlier)."""
    seconds = Decimal(int((end - start).total_seconds()))
    return seconds / 60


def describe_kind(spec: FactSpec | None) -> str:
    """``a number in %``, ``an amount in VND``, ``a date`` … for messages."""
    if spec is None:
        return "a date"
    if spec.kind is FactKind.NUMBER:
        unit = spec.unit.common if spec.unit is not None and spec.unit.common else None
        if unit is None and spec.unit is not None:
            unit = next(iter(spec.unit.by_language.values()), None)
        return f"a number in {unit}" if unit else "a number"
    if spec.kind is FactKind.MONEY:
        return f"an amount in {spec.currency}" if spec.currency else "an amount"
    return {FactKind.DURATION: "a duration", FactKind.MOMENT: "a date, or a date and time",
            FactKind.CONDITION: "yes or no",
            FactKind.CATEGORY: "one of " + ", ".join(spec.choices)}[spec.kind]
