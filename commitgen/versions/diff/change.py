"""One change between two versions, in language-neutral terms (documents word it)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from commitgen.diagnostics import FieldPath, format_field_path
from commitgen.model.base import Text
from commitgen.model.duration import Duration, TimeUnit
from commitgen.model.money import Money


class Verdict(StrEnum):
    """For the customer."""

    WORSE = "worse"
    BETTER = "better"
    NEUTRAL = "neutral"


#: a value a change shows: typed, so each document formats it in its language
Value = Money | Duration | Decimal | Text | bool | str | dt.date | None


@dataclass(frozen=True)
class Fact:
    """One fact of an example: its name, typed value, and how documents word it."""

    name: str
    value: Any  # Quantity (a measured value or a delay) or Money (a basis)
    label: Text | None = None  # the measure's name
    unit: Text | None = None  # the measure's unit
    basis: str | None = None  # what a percentage is taken of (monthly_fee…)

    @property
    def duration(self) -> Duration | None:
        """A delay as a duration: in hours when it is whole hours, else in minutes."""
        minutes = getattr(self.value, "value", None)
        if not getattr(self.value, "minutes", False) or minutes is None:
            return None
        if minutes % 60 == 0:
            return Duration(minutes / 60, TimeUnit.HOUR)
        return Duration(minutes, TimeUnit.MINUTE)


@dataclass(frozen=True)
class Example:
    """A computed case showing the change: the same facts, what was owed, what is owed."""

    facts: tuple[Fact, ...]
    old: Money | None
    new: Money | None


@dataclass(frozen=True)
class Change:
    """``aspect`` names what changed (``fee.added``, ``case.resolve_within``…; the keys are
    listed in :data:`ASPECTS`); ``subject`` is the thing it belongs to (a fee's name, a
    worst case's title); ``path`` is where it is written in the new version (the old one
    for something removed)."""

    aspect: str
    verdict: Verdict
    path: FieldPath
    subject: Text | None = None
    old: Value = None
    new: Value = None
    examples: tuple[Example, ...] = field(default_factory=tuple)

    @property
    def where(self) -> str:
        return format_field_path(self.path)

    @property
    def is_worse(self) -> bool:
        return self.verdict is Verdict.WORSE


#: aspect → its English wording (the CLI, JSON and Markdown reports; documents use the
#: theme's catalogue)
ASPECTS: dict[str, str] = {
    "version": "version",
    "effective": "in force from",
    "language.added": "new language",
    "language.removed": "language no longer offered",
    "text": "wording changed",
    "eligibility": "who the charter is for",
    "quality.added": "new quality promise",
    "quality.removed": "quality promise removed",
    "quality.target": "quality target",
    "quality.within": "quality target: time",
    "case.added": "new worst case covered",
    "case.removed": "worst case no longer covered",
    "case.respond_within": "first response within",
    "case.resolve_within": "resolved within",
    "exclusion.added": "new exclusion",
    "exclusion.removed": "exclusion removed",
    "claim.within": "time to claim",
    "claim.added": "a claim is now needed",
    "claim.removed": "no claim needed any more",
    "compensation.owed": "compensation owed",
    "compensation.type": "kind of compensation",
    "compensation.extension": "free service time",
    "payment.method": "how compensation is paid",
    "payment.within": "compensation paid within",
    "payment.forms": "forms of payment",
    "payment.late": "addition when paid late",
    "reduction.added": "new reduction of compensation",
    "reduction.removed": "reduction of compensation removed",
    "reduction.owed": "share owed under a reduction",
    "proof.burden": "who must prove the failure",
    "fee.added": "new fee",
    "fee.removed": "fee removed",
    "fee.amount": "fee amount",
    "fee.percent": "fee percentage",
    "fee.refundable": "fee refundable",
    "term.added": "new term",
    "term.removed": "term removed",
    "channel.added": "new complaint channel",
    "channel.removed": "complaint channel removed",
    "channel.hours": "channel opening hours",
    "channel.response_within": "channel answers within",
    "escalation.added": "new escalation level",
    "escalation.removed": "escalation level removed",
    "escalation.after": "escalation possible after",
    "notice": "notice of changes",
    "leaving.added": "you may now leave without penalty before a worse change",
    "leaving.removed": "you may no longer leave without penalty before a worse change",
}
