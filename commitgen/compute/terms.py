"""Each scheme in the engine's own terms: what the documents state and ``charter.json``
carries, and everything another system needs to compute the same amounts.

The terms are plain mappings with typed leaves (:class:`Amounts`, ``Money``,
``Duration``, ``Decimal``, ``Text``): every amount as its full schedule by date, every
bound with its inclusiveness, every fact by name, the currency once.
:func:`terms_json` turns them into JSON for one language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from commitgen.compute.facts import MINUTES, time_unit_of
from commitgen.compute.needs import reduction_fact, scheme_currency
from commitgen.compute.outcome import json_value
from commitgen.model.base import Text
from commitgen.model.compensation import (
    Band,
    Measure,
    MeasuredCondition,
    Payment,
    scheme_measures,
)
from commitgen.model.facts import DELAY
from commitgen.model.money import DatedAmount, Money, currency_digits

#: the version of the terms' shape in charter.json (raised when a field changes meaning)
TERMS_VERSION = 1


@dataclass(frozen=True)
class Amounts:
    """An amount, or amounts by date: ``schedule`` is ((first day or None, amount), …)."""

    schedule: tuple[tuple[dt.date | None, Money], ...]

    @classmethod
    def of(cls, value: Money | list[DatedAmount]) -> Amounts:
        if isinstance(value, Money):
            return cls(((None, value),))
        return cls(tuple((item.from_, item.amount)
                         for item in sorted(value, key=lambda i: i.from_)))

    def in_force(self, day: dt.date) -> Money:
        """The amount of the latest entry not after ``day`` (the first one before it)."""
        current = self.schedule[0][1]
        for start, amount in self.schedule:
            if start is None or start <= day:
                current = amount
        return current

    def later(self, day: dt.date) -> list[tuple[dt.date, Money]]:
        """The changes after ``day``, in date order."""
        return [(start, amount) for start, amount in self.schedule
                if start is not None and start > day]

    @property
    def changes(self) -> bool:
        return len(self.schedule) > 1

    def to_json(self) -> list[dict[str, Any]]:
        return [{"from": start.isoformat() if start else None, "amount": json_value(amount)}
                for start, amount in self.schedule]


def _amounts(value: Money | list[DatedAmount] | None) -> Amounts | None:
    return None if value is None else Amounts.of(value)


def _bound(bound: tuple[Decimal, bool] | None) -> dict[str, Any] | None:
    return None if bound is None else {"value": bound[0], "inclusive": bound[1]}


def _band(band: Band) -> dict[str, Any]:
    return {"lower": _bound(band.lower), "upper": _bound(band.upper),
            "percent": band.percent, "amount": _amounts(band.amount),
            "cap": _amounts(band.cap)}


def _measure(measure: Measure, fallback: str) -> dict[str, Any]:
    unit = time_unit_of(measure.unit)
    return {"fact": measure.fact_name(fallback), "name": measure.name, "unit": measure.unit,
            "minutes_per_unit": MINUTES.get(unit) if unit is not None else None}


def _condition(condition: MeasuredCondition, measures: dict[str, Measure]) -> dict[str, Any]:
    """A reduction's measured condition, with its measure's name and unit (validation
    makes sure the scheme has that measure)."""
    return {**_measure(measures[condition.fact], condition.fact),
            "lower": _bound(condition.lower), "upper": _bound(condition.upper)}


def _payment(payment: Payment | None) -> dict[str, Any] | None:
    if payment is None:
        return None
    late = payment.late_payment
    return {
        "method": payment.method, "forms": [form.value for form in payment.forms],
        "voucher_consent": payment.voucher_consent, "within": payment.within,
        "counted_from": (payment.counted_from.value if payment.counted_from is not None
                         else "claim" if payment.method == "on_claim" else "incident"),
        "late_payment": None if late is None else {
            "amount": _amounts(late.amount), "percent": late.percent, "per": late.per,
            "cap": late.cap, "note": late.note},
    }


def _cell(cell: Money | Decimal | None) -> dict[str, Any] | None:
    if cell is None:
        return None
    return {"percent": cell} if isinstance(cell, Decimal) else {"amount": Amounts.of(cell)}


def _specific(scheme: Any) -> dict[str, Any]:
    kind = scheme.type
    if kind == "fixed":
        return {"amount": Amounts.of(scheme.amount)}
    if kind == "per_period":
        return {"fact": DELAY, "after": scheme.after, "threshold": scheme.threshold,
                "initial": Amounts.of(scheme.initial), "then": _amounts(scheme.then),
                "every": scheme.every, "counting": scheme.counting, "grace": scheme.grace,
                "cap": _amounts(scheme.cap)}
    if kind == "percentage":
        return {"percent": scheme.percent, "times": scheme.times, "basis": scheme.of.value,
                "divided_by": scheme.divided_by,
                "minimum": _amounts(scheme.minimum), "cap": _amounts(scheme.cap)}
    if kind == "bands":
        return {"measure": _measure(scheme.measure, "measure"),
                "basis": scheme.of.value if scheme.of else None,
                "divided_by": scheme.divided_by,
                "bands": [_band(band) for band in scheme.bands], "cap": _amounts(scheme.cap)}
    if kind == "grid":
        return {"rows": {"measure": _measure(scheme.rows.measure, "row"),
                         "bands": [_band(b) for b in scheme.rows.bands]},
                "columns": {"measure": _measure(scheme.columns.measure, "column"),
                            "bands": [_band(b) for b in scheme.columns.bands]},
                "basis": scheme.of.value if scheme.of else None,
                "divided_by": scheme.divided_by,
                "cells": [[_cell(cell) for cell in row] for row in scheme.cells],
                "cap": _amounts(scheme.cap)}
    if kind == "refund":
        return {"percent": scheme.percent, "basis": scheme.of.value,
                "divided_by": scheme.divided_by}
    if kind == "service_extension":
        return {"length": scheme.length}
    if kind == "combined":
        return {"parts": [scheme_terms(part, index) for index, part in
                          enumerate(scheme.parts, start=1)]}
    if kind == "by_category":
        return {"category": {"fact": scheme.category.fact_name(), "name": scheme.category.name},
                "categories": [{"id": c.id, "name": c.name,
                                "scheme": scheme_terms(c.compensation)}
                               for c in scheme.categories]}
    return {"reason": scheme.reason}  # none


def scheme_terms(scheme: Any, part: int | None = None) -> dict[str, Any]:
    """A scheme in the engine's terms (``part``: its number inside a combined scheme)."""
    terms: dict[str, Any] = {"type": scheme.type}
    if scheme.type != "none":
        currency = scheme_currency(scheme)
        terms["currency"] = currency
        terms["minor_unit_digits"] = currency_digits(currency) if currency else None
    terms.update(_specific(scheme))
    if scheme.type != "none":
        terms["explanation"] = scheme.explanation
        measures = scheme_measures(scheme)
        terms["reductions"] = [
            {"fact": reduction_fact(r, index, part), "when": r.when,
             "owed_percent": r.owed_percent, "notice_at_least": r.notice_at_least,
             "applies_if": [_condition(c, measures) for c in r.applies_if]}
            for index, r in enumerate(scheme.reductions)]
        terms["payment"] = _payment(scheme.payment)
        terms["legal_minimum"] = scheme.legal_minimum
        terms["trigger"] = [
            {**_measure(t.measure(), t.fact), "lower": _bound(t.lower), "upper": _bound(t.upper),
             "relative_to": None if t.relative_to is None else _measure(t.relative_to,
                                                                       "reference")}
            for t in scheme.trigger]
        floor = scheme.minimum_payout
        terms["minimum_payout"] = None if floor is None else {
            "amount": Amounts.of(floor.amount), "inclusive": floor.inclusive}
        terms["proof"] = None if scheme.proof is None else {
            "burden": scheme.proof.burden, "note": scheme.proof.note}
    return terms


def payment_terms(terms: dict[str, Any]) -> dict[str, Any] | None:
    """The payment terms that govern a scheme: its own, else (combined) its first part's."""
    if terms.get("payment") is not None or terms["type"] != "combined":
        return terms.get("payment")
    return next((part["payment"] for part in terms["parts"] if part.get("payment")), None)


def terms_json(value: Any, language: str, fallback: str) -> Any:
    """Terms as JSON, texts in ``language`` (else ``fallback``)."""
    if isinstance(value, dict):
        return {key: terms_json(item, language, fallback) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [terms_json(item, language, fallback) for item in value]
    if isinstance(value, Amounts):
        return value.to_json()
    if isinstance(value, Text):
        return value.get(language, fallback)
    return json_value(value)
