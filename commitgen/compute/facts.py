"""The facts of one case: what each kind of fact is, and how a written value is read.

A fact is given by name, as text (``--fact availability=99.2%``, a worked example in a
policy) or as a typed value (a library caller). Every value is checked against what the
scheme needs: a number in the measure's unit, a clock duration, an amount in the
scheme's currency, a date (or date and time), yes or no. A value that does not fit is a
:class:`FactProblem` naming the fact, never a guess.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from pydantic_core import PydanticCustomError

from commitgen.model.base import Text
from commitgen.model.compensation import Basis
from commitgen.model.duration import Duration, TimeUnit
from commitgen.model.money import Money

MINUTES = {TimeUnit.MINUTE: Decimal(1), TimeUnit.HOUR: Decimal(60), TimeUnit.DAY: Decimal(1440),
           TimeUnit.WEEK: Decimal(10080)}


class FactKind(StrEnum):
    NUMBER = "number"  # a measured value in the unit of a measure
    DURATION = "duration"  # an elapsed clock time (the delay of a per_period scheme)
    MONEY = "money"  # an amount: what a percentage or a refund is taken of
    MOMENT = "moment"  # a date, or a date and a time of day
    CONDITION = "condition"  # yes or no: whether a declared condition holds
    CATEGORY = "category"  # one of the categories a by_category scheme declares


class Need(StrEnum):
    """Why a fact is asked for (language-neutral; documents word it)."""

    MEASURE = "measure"  # the value the bands or the grid are keyed on
    DELAY = "delay"  # the delay a per_period scheme counts
    BASIS = "basis"  # what a percentage or refund is taken of
    SCHEDULE = "schedule"  # the amount in force depends on the day
    BUSINESS_TIME = "business_time"  # a threshold in business time counts from this moment
    CONDITION = "condition"  # whether a reduction applies
    NOTICE = "notice"  # how far ahead the customer was told
    CLAIM = "claim"  # the claim window and the payment deadline count from the claim
    DEADLINE = "deadline"  # payment and claim deadlines count from the incident
    LATE_PAYMENT = "late_payment"  # whether it was paid late
    RESOLUTION = "resolution"  # a deadline counts from when the failure was put right
    CATEGORY = "category"  # which category's compensation applies


@dataclass(frozen=True)
class FactSpec:
    """One fact a case needs, with what it must look like."""

    name: str
    kind: FactKind
    need: Need
    required: bool = True  # False: the answer is less complete without it, not wrong
    label: Text | None = None  # the measure's name, or the reduction's condition
    unit: Text | None = None  # NUMBER: the measure's unit
    currency: str | None = None  # MONEY: the scheme's currency, when it has amounts
    basis: Basis | None = None  # MONEY: which basis
    choices: tuple[str, ...] = ()  # CATEGORY: the ids of the categories
    choice_names: tuple[Text, ...] = ()  # CATEGORY: their names, in the same order

    @property
    def time_unit(self) -> TimeUnit | None:
        """The time unit of a NUMBER fact whose measure counts time (``hours``)."""
        return time_unit_of(self.unit)

    def example(self) -> str:
        """A value of the right form, for hints."""
        if self.kind is FactKind.NUMBER:
            unit = (self.unit.common if self.unit is not None else None) or ""
            return "99.5%" if unit.strip() == "%" else f"12{unit}".strip()
        return {FactKind.DURATION: "26h", FactKind.MONEY: f"1000000{self.currency or 'VND'}",
                FactKind.MOMENT: "2027-03-01", FactKind.CONDITION: "yes",
                FactKind.CATEGORY: self.choices[0] if self.choices else "domestic"}[self.kind]


@dataclass(frozen=True)
class Moment:
    """A date, or a date and a wall-clock time (local time of the provider)."""

    at: dt.datetime
    has_time: bool

    @property
    def day(self) -> dt.date:
        return self.at.date()


@dataclass(frozen=True)
class Quantity:
    """A measured value: ``value`` in the measure's unit, or minutes for a time unit."""

    value: Decimal
    minutes: bool = False


FactValue = Quantity | Decimal | Money | Moment | bool | str  # str: a category id


class FactProblem(ValueError):
    """A fact that is missing, or written in a form or unit the case cannot use."""

    def __init__(self, name: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.name = name
        self.message = message
        self.hint = hint


class FactProblems(ValueError):
    """Several facts missing at one point of a computation."""

    def __init__(self, problems: list[FactProblem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


def time_unit_of(unit: Text | None) -> TimeUnit | None:
    """The time unit a measure's unit names (``hours``, ``ngày``), or None."""
    if unit is None or unit.common is None:
        return None
    try:
        parsed = Duration.parse(f"1 {unit.common.strip()}")
    except PydanticCustomError:
        return None
    return None if parsed.business else parsed.unit


def read_fact(spec: FactSpec, raw: Any) -> FactValue:
    """The value of ``raw`` as the fact ``spec`` describes, or :class:`FactProblem`."""
    readers: dict[FactKind, Callable[[FactSpec, Any], FactValue]] = {
        FactKind.NUMBER: _number, FactKind.DURATION: _duration, FactKind.MONEY: _money,
        FactKind.MOMENT: _moment, FactKind.CONDITION: _condition,
        FactKind.CATEGORY: _category}
    return readers[spec.kind](spec, raw)


def _text(raw: Any) -> str:
    return " ".join(str(raw).split())


def _written(spec: FactSpec, raw: Any, what: str, negative: str) -> str:
    """The text of a scalar fact, refusing other types and a leading minus sign."""
    if isinstance(raw, bool) or not isinstance(raw, int | Decimal | str):
        raise FactProblem(spec.name, f"expected {what}, got {raw!r}", f"e.g. {spec.example()}")
    text = _text(raw)
    if text.startswith("-"):
        raise FactProblem(spec.name, f"{text} is negative", negative)
    return text


def _number(spec: FactSpec, raw: Any) -> Quantity:
    if isinstance(raw, Quantity):
        return raw
    unit = spec.unit
    time_unit = spec.time_unit
    if time_unit is not None:
        return Quantity(_minutes(spec, raw, time_unit), minutes=True)
    if isinstance(raw, bool) or not isinstance(raw, int | Decimal | str):
        raise FactProblem(spec.name, f"expected a number, got {raw!r}", f"e.g. {spec.example()}")
    text = _text(raw)
    match = re.fullmatch(r"(-?[0-9]+(?:[.,][0-9]+)?)\s*(.*)", text)
    if not match:
        raise FactProblem(spec.name, f'"{text}" is not a number', f"e.g. {spec.example()}")
    number = _decimal(match.group(1))
    written = match.group(2).strip()
    accepted = _unit_spellings(unit)
    if written and written.lower() not in accepted:
        expected = " or ".join(sorted(accepted)) or "no unit"
        raise FactProblem(spec.name, f'"{text}" is in {written}, but this measure is in '
                          f"{expected}", f"write the value in {expected}, e.g. {spec.example()}")
    if number < 0:
        raise FactProblem(spec.name, f"{text} is negative", "a measured value is zero or more")
    if "%" in accepted and number > 100:
        raise FactProblem(spec.name, f"{text} is more than 100 %", "a share is 0 to 100 %")
    return Quantity(number)


def _unit_spellings(unit: Text | None) -> set[str]:
    """How a value's unit may be written: the unit in any language, or its symbol."""
    if unit is None:
        return set()
    spellings = {text.strip().lower() for text in unit.all_strings()}
    spellings |= {text.split()[0] for text in spellings if text.startswith("%")}
    return spellings


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the callers' patterns are decimals
        raise FactProblem("", f'"{text}" is not a number') from None


#: short units people write in a delay (``3h30m``), beyond the format's own spellings
_SHORT_UNITS = {"m": "minutes", "d": "days", "w": "weeks", "p": "phút", "g": "giờ"}
_PART_RE = re.compile(r"([0-9]+(?:[.,][0-9]+)?)\s*([^\W\d_]+)")


def _minutes(spec: FactSpec, raw: Any, bare_unit: TimeUnit | None) -> Decimal:
    """Elapsed minutes of ``2 days 4 hours``, ``52h``, ``PT52H``, ``3h30m`` or a bare
    number in ``bare_unit`` (a measure's time unit)."""
    if isinstance(raw, Duration):
        raw = str(raw)
    text = _written(spec, raw, "a duration", "a delay is zero or more")
    if bare_unit is not None and re.fullmatch(r"[0-9]+(?:[.,][0-9]+)?", text):
        return _decimal(text) * MINUTES.get(bare_unit, Decimal(0)) if bare_unit in MINUTES \
            else _bad_unit(spec, text)
    if re.fullmatch(r"[0-9]+(?:[.,][0-9]+)?", text):
        raise FactProblem(spec.name, f'"{text}" has no unit', f"write e.g. {text} hours")
    if text.upper().startswith("P"):
        try:
            parsed = Duration.parse(text)
        except PydanticCustomError as exc:
            raise FactProblem(spec.name, str(exc), f"e.g. {spec.example()}") from None
        return _duration_minutes(spec, parsed, text)
    if re.search(r"business|working|làm việc", text.lower()):
        raise FactProblem(spec.name, f'"{text}" is in business time',
                          "give the elapsed (clock) time; business time is counted from the "
                          "happened moment")
    compact = text.replace(" ", "")
    parts = _PART_RE.findall(text) if not re.search(r"[^0-9.,\s\w]", text) else []
    if not parts or "".join(n + u for n, u in parts) != compact:
        raise FactProblem(spec.name, f'"{text}" is not a duration',
                          f"write a number and a unit, e.g. {spec.example()}")
    total = Decimal(0)
    for number, unit in parts:
        unit = _SHORT_UNITS.get(unit.lower(), unit)
        try:
            one = Duration.parse(f"1 {unit}")
        except PydanticCustomError:
            raise FactProblem(spec.name, f'unknown time unit "{unit}" in "{text}"',
                              "use minutes, hours, days or weeks") from None
        total += _decimal(number) * _duration_minutes(spec, one, text)
    return total


def _bad_unit(spec: FactSpec, text: str) -> Decimal:
    raise FactProblem(spec.name, f'"{text}": months and years are not a fixed length',
                      "write the value in days")


def _duration_minutes(spec: FactSpec, value: Duration, text: str) -> Decimal:
    if value.business:
        raise FactProblem(spec.name, f'"{text}" is in business time',
                          "give the elapsed (clock) time")
    if value.unit not in MINUTES:
        raise FactProblem(spec.name, f'"{text}": months and years are not a fixed length',
                          "write the duration in days")
    return value.value * MINUTES[value.unit]


def _duration(spec: FactSpec, raw: Any) -> Quantity:
    if isinstance(raw, Quantity):
        return raw
    return Quantity(_minutes(spec, raw, None), minutes=True)


def _money(spec: FactSpec, raw: Any) -> Money:
    if isinstance(raw, Money):
        money = raw
    else:
        text = _written(spec, raw, "an amount", "an amount is zero or more")
        zero = re.fullmatch(r"0+(?:\.0+)?\s*([A-Za-z]{3})", text)
        if zero:
            money = Money(Decimal(0), zero.group(1).upper())
        else:
            try:
                money = Money.parse(text)
            except PydanticCustomError as exc:
                raise FactProblem(spec.name, str(exc), f"e.g. {spec.example()}") from None
    if spec.currency is not None and money.currency != spec.currency:
        raise FactProblem(spec.name, f"{money} is in {money.currency}, but this compensation "
                          f"is in {spec.currency}", f"give the amount in {spec.currency}")
    if money.amount < 0:
        raise FactProblem(spec.name, f"{money} is negative", "an amount is zero or more")
    return money


_MOMENT_RE = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})(?:[T ]([0-9]{1,2}):([0-9]{2}))?")


def _moment(spec: FactSpec, raw: Any) -> Moment:
    if isinstance(raw, Moment):
        return raw
    if isinstance(raw, dt.datetime):
        return Moment(raw.replace(tzinfo=None, second=0, microsecond=0), True)
    if isinstance(raw, dt.date):
        return Moment(dt.datetime.combine(raw, dt.time()), False)
    text = _text(raw) if isinstance(raw, str) else ""
    match = _MOMENT_RE.fullmatch(text)
    if not match:
        raise FactProblem(spec.name, f"expected a date (YYYY-MM-DD) or a date and time "
                          f"(YYYY-MM-DD HH:MM), got {raw!r}", "e.g. 2027-03-01 or "
                          "2027-03-01 14:30")
    try:
        day = dt.date.fromisoformat(match.group(1))
        if match.group(2) is None:
            return Moment(dt.datetime.combine(day, dt.time()), False)
        return Moment(dt.datetime.combine(day, dt.time(int(match.group(2)),
                                                       int(match.group(3)))), True)
    except ValueError:
        raise FactProblem(spec.name, f'"{text}" is not a real date and time',
                          "check the day, the month and the hour") from None


_YES = {"yes", "true", "y", "có", "1"}
_NO = {"no", "false", "n", "không", "0"}


def _condition(spec: FactSpec, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = _text(raw).lower() if isinstance(raw, str | int) else ""
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise FactProblem(spec.name, f"expected yes or no, got {raw!r}",
                      f"write {spec.name}=yes when the condition holds, {spec.name}=no if not")


def _category(spec: FactSpec, raw: Any) -> str:
    """One of the declared categories, by its id (case and spacing as written or not)."""
    text = _text(raw).lower().replace(" ", "_").replace("-", "_") \
        if isinstance(raw, str) else ""
    for choice in spec.choices:
        if text == choice.lower().replace("-", "_"):
            return choice
    raise FactProblem(spec.name, f"expected one of {', '.join(spec.choices)}, got {raw!r}",
                      f"write {spec.name}={spec.choices[0]} (a category this case declares)"
                      if spec.choices else "")
