"""Compare what is owed by computing it: both versions of a worst case, run through the
compensation engine over the facts that matter.

The facts that matter are every band edge and threshold of both versions, just below,
on and just above it (a measured value, a delay), the amounts where a cap or a minimum
starts to bite (a basis), on the new version's effective date. Where the new version
pays less for the same facts, the change is worse, and the case where the customer
loses most is the example.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from commitgen.compute import FactKind, FactsError, FactSpec, Need, Quantity, UnknownCase, facts_for
from commitgen.compute import compensate as engine_compensate
from commitgen.compute.facts import MINUTES, time_unit_of
from commitgen.compute.needs import Requirement, scheme_currency
from commitgen.diagnostics import FieldPath
from commitgen.model.compensation import Band, PerPeriodCompensation
from commitgen.model.money import DatedAmount, Money, currency_digits
from commitgen.model.policy import Charter, WorstCase
from commitgen.model.walk import walk
from commitgen.versions.diff.change import Change, Example, Fact, Verdict
from commitgen.versions.diff.values import duration_verdict

MAX_CASES = 3000  # combinations of facts computed per worst case, at most

#: (kind, need, position among facts of that kind and need): the same fact in both
#: versions even when a measure was renamed
Slot = tuple[FactKind, Need, int]


@dataclass(frozen=True)
class _Version:
    charter: Charter
    case: WorstCase
    slots: dict[Slot, FactSpec]


def _version(charter: Charter, case: WorstCase) -> _Version:
    counts: dict[tuple[FactKind, Need], int] = {}
    slots: dict[Slot, FactSpec] = {}
    for spec, level in facts_for(charter, case.id):
        if level is Requirement.OPTIONAL:
            continue
        key = (spec.kind, spec.need)
        slots[(*key, counts.get(key, 0))] = spec
        counts[key] = counts.get(key, 0) + 1
    return _Version(charter, case, slots)


def computed_changes(old_case: WorstCase, new_case: WorstCase, path: FieldPath,
                     charter: Charter, old_charter: Charter | None = None) -> list[Change]:
    """One ``compensation.owed`` change when the computed amounts differ anywhere."""
    old_charter = old_charter or charter
    old = _version(old_charter, old_case)
    new = _version(charter, new_case)
    old_currency = scheme_currency(old_case.compensation)
    currency = (scheme_currency(new_case.compensation) or old_currency
                or scheme_currency(charter) or _local_currency(charter))
    if currency is None or (old_currency is not None and old_currency != currency):
        return [Change("compensation.owed", Verdict.NEUTRAL, path, new_case.title)]
    worse: list[tuple[tuple[bool, Decimal], Example]] = []
    better: list[tuple[tuple[bool, Decimal], Example]] = []
    extension: tuple[Any, Any] | None = None
    for facts in itertools.islice(_combinations(old, new, currency, charter.effective),
                                  MAX_CASES):
        a, b = _owed(old, facts), _owed(new, facts)
        if a is None or b is None:
            continue
        if a[1] != b[1] and extension is None:
            extension = (a[1], b[1])
        if a[0] == b[0] or a[0] is None or b[0] is None:
            continue
        example = Example(_shown(new, facts), a[0], b[0])
        loss = a[0].amount - b[0].amount
        (worse if loss > 0 else better).append(((_typical(facts, currency), abs(loss)),
                                                example))
    out = []
    if worse or better:
        verdict = Verdict.WORSE if worse else Verdict.BETTER
        chosen = max(worse or better, key=lambda item: item[0])[1]
        out.append(Change("compensation.owed", verdict, path, new_case.title, chosen.old,
                          chosen.new, (chosen,)))
    if extension is not None:
        a, b = extension
        longer = (duration_verdict(a, b, Verdict.BETTER) if a is not None and b is not None
                  else Verdict.WORSE if b is None else Verdict.BETTER)
        if longer is not None:
            out.append(Change("compensation.extension", longer, path, new_case.title, a, b))
    return out


def _local_currency(charter: Charter) -> str | None:
    """For a charter that names no amount at all (percentages only): the currency of its
    first language's country, for the examples."""
    from babel.core import get_global
    from babel.numbers import get_territory_currencies

    likely = str(get_global("likely_subtags").get(charter.default_language.split("-")[0], ""))
    territory = likely.rsplit("_", 1)[-1] if "_" in likely else ""
    found = get_territory_currencies(territory, charter.effective) if territory else []
    return found[0] if found else None


def _typical(facts: dict[Slot, Any], currency: str) -> bool:
    """Whether an example's amounts are the typical one (shown in preference)."""
    typical = _typical_amount(currency)
    return all(value.amount == typical for value in facts.values() if isinstance(value, Money))


def _typical_amount(currency: str) -> Decimal:
    return Decimal(1_000_000) if currency_digits(currency) == 0 else Decimal(100)


def _owed(version: _Version, facts: dict[Slot, Any]) -> tuple[Money | None, Any] | None:
    given = {spec.name: facts[slot] for slot, spec in version.slots.items() if slot in facts}
    try:
        outcome = engine_compensate(version.charter, version.case.id, given)
    except (FactsError, UnknownCase):
        return None
    return outcome.amount, outcome.extension


def _shown(version: _Version, facts: dict[Slot, Any]) -> tuple[Fact, ...]:
    """The facts of an example: measured values, delays and bases."""
    out = []
    for slot, spec in version.slots.items():
        value = facts.get(slot)
        if spec.kind in (FactKind.NUMBER, FactKind.DURATION, FactKind.MONEY) and \
                value is not None:
            out.append(Fact(spec.name, value, spec.label, spec.unit,
                            str(spec.basis.value) if spec.basis is not None else None))
    return tuple(out)


def _combinations(old: _Version, new: _Version, currency: str, day: dt.date
                  ) -> Iterator[dict[Slot, Any]]:
    slots = {**old.slots, **new.slots}
    choices: dict[Slot, list[Any]] = {}
    for slot in slots:
        values = _candidates(slot, [v.slots[slot] for v in (old, new) if slot in v.slots],
                             [old.case, new.case], currency, day)
        if not values:
            return
        choices[slot] = values
    keys = list(choices)
    for combo in itertools.product(*(choices[key] for key in keys)):
        yield dict(zip(keys, combo, strict=True))


def _candidates(slot: Slot, specs: list[FactSpec], cases: list[WorstCase], currency: str,
                day: dt.date) -> list[Any]:
    kind, _, index = slot
    if kind is FactKind.MOMENT:
        return [day]
    if kind is FactKind.CONDITION:
        return [False]
    if kind is FactKind.NUMBER:
        return _measure_values(specs[0], [b for c in cases for b in _axis_bands(c, index)])
    if kind is FactKind.DURATION:
        return _delays(cases)
    if kind is FactKind.MONEY:
        return _bases(cases, currency, day)
    return []


def _axis_bands(case: WorstCase, index: int) -> list[Band]:
    """The bands of the ``index``-th measured value of a scheme (grid rows, then columns)."""
    axes: list[list[Band]] = []
    for _, value in walk(case.compensation):
        kind = getattr(value, "type", None)
        if kind == "bands":
            axes.append(value.bands)
        elif kind == "grid":
            axes += [value.rows.bands, value.columns.bands]
    return axes[index] if index < len(axes) else []


def _measure_values(spec: FactSpec, bands: list[Band]) -> list[Quantity]:
    bounds = sorted({bound[0] for band in bands for bound in (band.lower, band.upper)
                     if bound is not None})
    decimals = max((-b.normalize().as_tuple().exponent for b in bounds  # type: ignore[operator]
                    if b.normalize().as_tuple().exponent < 0), default=0)  # type: ignore[operator]
    step = Decimal(1).scaleb(-(decimals + 1))
    values = {Decimal(0)}
    for bound in bounds:
        values |= {bound, bound + step, max(bound - step, Decimal(0))}
    if bounds:
        values.add(bounds[-1] * 2)
    unit = time_unit_of(spec.unit)
    if unit is not None:
        scale = MINUTES.get(unit, Decimal(1))
        return [Quantity(v * scale, minutes=True) for v in sorted(values)]
    if spec.unit is not None and "%" in {t.strip() for t in spec.unit.all_strings()}:
        values = {v for v in values if v <= 100}
    return [Quantity(v) for v in sorted(values)]


def _delays(cases: list[WorstCase]) -> list[Quantity]:
    minutes = {Decimal(0)}
    for case in cases:
        for _, scheme in walk(case.compensation):
            if not isinstance(scheme, PerPeriodCompensation):
                continue
            start = scheme.after.approx_minutes
            every = scheme.every.approx_minutes if scheme.every is not None else None
            for k in range(13 if every else 1):
                edge = start + k * (every or 0)
                minutes |= {edge, edge + 1, max(edge - 1, Decimal(0))}
    return [Quantity(m, minutes=True) for m in sorted(minutes)]


def _bases(cases: list[WorstCase], currency: str, day: dt.date) -> list[Money]:
    """A typical amount, and each amount a scheme names (where a cap or minimum bites, the
    basis is found near it), times 1, 10 and 100."""
    amounts = {_typical_amount(currency)}
    for case in cases:
        for _, value in walk(case.compensation):
            if isinstance(value, Money):
                amounts.add(value.amount)
            elif isinstance(value, DatedAmount):
                amounts.add(value.amount.amount)
    out = sorted({a * factor for a in amounts for factor in (1, 10, 100)})
    return [Money(a, currency) for a in out]
