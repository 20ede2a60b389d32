"""What the engine returns: the amount owed, the deadlines, and the steps that led there.

Steps are structured and language-neutral: a kind and typed values (amounts, bounds,
durations, dates). Documents and ``commitgen compensate`` word them through the theme's
catalogue; ``--format json`` and other systems read them as they are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum, StrEnum
from typing import Any

from commitgen.compute.facts import Moment, Quantity
from commitgen.model.base import Text
from commitgen.model.duration import Duration
from commitgen.model.money import Money, currency_digits


class StepKind(StrEnum):
    AMOUNT = "amount"  # a fixed amount: amount
    IN_FORCE = "in_force"  # a dated amount in force on the day: amount, since, on
    THRESHOLD_NOT_REACHED = "threshold_not_reached"  # delay, after
    THRESHOLD_REACHED = "threshold_reached"  # delay, after, amount
    PERIODS = "periods"  # beyond, every, counting, count, each, amount[, grace, part]
    PERCENT = "percent"  # percent, basis, base, amount
    DIVIDED = "divided"  # basis, base, by, amount[, exact]: the basis divided first
    MINIMUM = "minimum"  # computed, minimum
    CAP = "cap"  # computed, cap
    TRIGGER = "trigger"  # fact, measure, value, unit, lower, upper[, relative_to, reference]
    NOT_TRIGGERED = "not_triggered"  # as TRIGGER: this one does not hold, nothing is owed
    LEGAL_MINIMUM = "legal_minimum"  # law: the amount is the law's minimum (at least it)
    MINIMUM_PAYOUT = "minimum_payout"  # computed, minimum, inclusive: nothing is paid
    BAND = "band"  # fact, value, unit, index, lower, upper, payout
    CELL = "cell"  # row and column (as BAND), payout
    NOTHING = "nothing"  # nothing owed in the band, cell or below the threshold
    REFUND = "refund"  # percent, basis, base, amount
    EXTENSION = "extension"  # length
    NO_COMPENSATION = "no_compensation"  # reason
    TOTAL = "total"  # amounts, amount (a combined scheme)
    CATEGORY = "category"  # fact, axis, value (a category id), name, category (1-based)
    REDUCTION = "reduction"  # fact, when, owed_percent, before, amount[, notice, needed]
    REDUCTION_SKIPPED = "reduction_skipped"  # fact, when, reason[, notice, needed]
    ROUNDED = "rounded"  # exact, amount
    CLAIM_DEADLINE = "claim_deadline"  # within, since (an anchor), deadline
    CLAIM_NO_DEADLINE = "claim_no_deadline"  # no window: the law's limitation period
    CLAIM_TOO_LATE = "claim_too_late"  # claimed, deadline
    PAYMENT_DEADLINE = "payment_deadline"  # within, since (an anchor: claim, incident …), deadline
    PAYMENT_AT_ONCE = "payment_at_once"  # since, deadline: paid at the time
    PAYMENT_NO_DEADLINE = "payment_no_deadline"  # the scheme sets no payment deadline
    PAID_LATE = "paid_late"  # paid, deadline, periods, each, amount[, cap]


@dataclass(frozen=True)
class Step:
    """One step of a computation; ``part`` is the 1-based part of a combined scheme."""

    kind: StepKind
    values: Mapping[str, Any] = field(default_factory=dict)
    part: int | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": str(self.kind)}
        if self.part is not None:
            out["part"] = self.part
        out.update({key: json_value(value) for key, value in self.values.items()})
        return out


@dataclass(frozen=True)
class Outcome:
    """What is owed for one case."""

    policy: str
    case: str
    scheme: str  # the compensation type
    amount: Money | None  # money owed; None when the scheme owes no money at all
    extension: Duration | None  # free service time owed
    steps: tuple[Step, ...]
    claim_deadline: Moment | None = None
    payment_deadline: Moment | None = None
    late_addition: Money | None = None  # added because the payment was late

    @property
    def owes_nothing(self) -> bool:
        return (self.amount is None or self.amount.amount == 0) and self.extension is None

    @property
    def total(self) -> Money | None:
        """The amount owed plus any late-payment addition."""
        if self.amount is None or self.late_addition is None:
            return self.amount
        return Money(self.amount.amount + self.late_addition.amount, self.amount.currency)

    def to_json(self) -> dict[str, Any]:
        return {
            "policy": self.policy, "case": self.case, "scheme": self.scheme,
            "amount": json_value(self.amount), "extension": json_value(self.extension),
            "late_addition": json_value(self.late_addition), "total": json_value(self.total),
            "claim_deadline": json_value(self.claim_deadline),
            "payment_deadline": json_value(self.payment_deadline),
            "steps": [step.to_json() for step in self.steps],
        }


def round_money(amount: Decimal, currency: str) -> Money:
    """An amount rounded to the currency's minor unit, halves away from zero
    (``ROUND_HALF_UP``: 0.5 ₫ → 1 ₫, 0.125 USD → 0.13 USD)."""
    exponent = Decimal(1).scaleb(-currency_digits(currency))
    return Money(amount.quantize(exponent, rounding=ROUND_HALF_UP), currency)


def plain(value: Decimal) -> str:
    """A decimal as written, without exponent or trailing zeros (``10``, ``99.5``)."""
    text = format(value.normalize(), "f")
    return text


def json_value(value: Any) -> Any:
    """A step value in JSON: amounts as {amount, currency}, decimals as strings."""
    if isinstance(value, Enum):
        return value.value
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Money):
        return {"amount": format(value.amount, "f"), "currency": value.currency}
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, Duration):
        return value.to_json()
    if isinstance(value, Quantity):
        return {"minutes": plain(value.value)} if value.minutes else plain(value.value)
    if isinstance(value, Moment):
        return value.at.isoformat(timespec="minutes") if value.has_time else \
            value.day.isoformat()
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Text):
        return value.to_json()
    if isinstance(value, Mapping):
        return {str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    raise TypeError(f"no JSON form for {type(value).__name__}")  # pragma: no cover
