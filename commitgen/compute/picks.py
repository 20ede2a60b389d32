"""The cases the engine chooses to show a scheme by: just inside and just outside the
edges that matter.

* ``per_period``: a delay just short of the threshold and on it, one further period, the
  delay at which the cap is reached (and, in the quick table, a begun part just under and
  at the grace).
* ``percentage``: a basis where the minimum applies, one in between, one where the cap
  applies.
* ``bands``: the edge where something starts to be owed (on it and just outside it) and
  the worst band; the quick table has one case on every edge.
* ``grid``: the first cell that pays, the cell next to it that does not, the top cell;
  the quick table has one case per cell.
* ``fixed`` with amounts by date: one case on each date the amount changes.
* ``combined``: one case with every basis.
* ``by_category``: each category's own cases, in the order the categories are written;
  a category without edges (a fixed amount, a refund) shows one case.

"Just outside" is one step of the bounds' own precision (99.9 → 99.8), or one minute for
a measure in time. A basis is the charter's own fee of that kind when it lists one (its
delivery fee), else a round amount of the scheme's currency (1,000,000 VND, 100 USD).
Schemes in business time are left to the author's examples.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_CEILING, Decimal
from typing import Any

from commitgen.compute.facts import MINUTES, FactKind, time_unit_of
from commitgen.compute.needs import (
    Requirement,
    has_changes,
    policy_currency,
    scheme_currency,
    scheme_needs,
)
from commitgen.model.compensation import Band, Bounds, Measure
from commitgen.model.duration import Duration
from commitgen.model.facts import HAPPENED
from commitgen.model.money import Money, amount_on, currency_digits
from commitgen.model.policy import Charter, WorstCase
from commitgen.model.walk import walk

Facts = dict[str, Any]


def round_basis(currency: str) -> Money:
    """A round amount to take percentages of: 1,000,000 VND, 100 USD."""
    return Money(Decimal(1_000_000 if currency_digits(currency) == 0 else 100), currency)


#: words of a fee's id that make it an example of a basis (the charter's delivery fee)
_FEE_WORDS = {"delivery_fee": {"delivery", "shipping"}, "monthly_fee": {"monthly"},
              "annual_fee": {"annual", "yearly"}, "ticket_price": {"ticket", "fare"}}


def example_basis(policy: Charter, basis: str, currency: str) -> str:
    """The basis of a chosen example, as a fact: the charter's own fee of that kind when
    it lists one (its delivery fee), else a round amount."""
    words = _FEE_WORDS.get(basis, set())
    for fee in policy.fees:
        if words & set(fee.id.split("-")) and fee.amount is not None:
            amount = amount_on(fee.amount, policy.effective)
            if amount is not None and amount.currency == currency and amount.amount > 0:
                return f"{amount.amount} {currency}"
    return f"{round_basis(currency).amount} {currency}"


def _minutes(duration: Duration) -> Decimal:
    return duration.approx_minutes


def _delay(minutes: Decimal) -> str:
    return f"{minutes.normalize():f} minutes"


def _per_period(scheme: Any, policy: Charter, thorough: bool) -> list[Facts]:
    if any(d is not None and (d.business or d.unit.value in ("month", "year"))
           for d in (scheme.after, scheme.every, scheme.grace)):
        return []
    after = _minutes(scheme.after)
    inclusive = scheme.threshold == "at_least"
    reached = after if inclusive else after + 1
    delays = [after - 1 if inclusive else after, reached]
    if scheme.then is not None and scheme.every is not None:
        every = _minutes(scheme.every)
        delays.append(reached + every)
        if thorough and scheme.grace is not None:
            grace = _minutes(scheme.grace)
            delays += [reached + every + grace - 1, reached + every + grace]
        if scheme.cap is not None:
            day = policy.effective
            initial, then = amount_on(scheme.initial, day), amount_on(scheme.then, day)
            cap = amount_on(scheme.cap, day)
            if initial and then and cap and then.amount:
                periods = ((cap.amount - initial.amount) / then.amount).to_integral_value(
                    ROUND_CEILING)
                delays.append(after + periods * every)
    return [{"delay": _delay(d)} for d in sorted(set(delays)) if d >= 0]


def _percentage(scheme: Any, policy: Charter, thorough: bool) -> list[Facts]:
    currency = scheme_currency(scheme) or policy_currency(policy)
    if currency is None or scheme.percent == 0:
        return []
    day = policy.effective
    minimum = amount_on(scheme.minimum, day) if scheme.minimum is not None else None
    cap = amount_on(scheme.cap, day) if scheme.cap is not None else None
    bases = []
    if minimum is not None:
        bases.append(minimum.amount * 100 / scheme.percent / 2)
    low = minimum.amount * 100 / scheme.percent if minimum else Decimal(0)
    high = cap.amount * 100 / scheme.percent if cap else None
    middle = round_basis(currency).amount
    while middle <= low:
        middle *= 10
    if high is None or middle < high:
        bases.append(middle)
    if high is not None:
        bases.append(high * 2)
    return [{scheme.of.value: f"{_round(b, currency)} {currency}"} for b in bases]


def _round(amount: Decimal, currency: str) -> Decimal:
    """An amount as a customer would write it: two significant figures."""
    digits = len(str(int(amount))) if amount >= 1 else 1
    step = Decimal(10) ** max(digits - 2, 0)
    exact = (amount / step).to_integral_value() * step
    return exact.quantize(Decimal(1).scaleb(-currency_digits(currency))) if \
        currency_digits(currency) else exact


def _step(bands: Sequence[Bounds], measure: Measure) -> tuple[Decimal, bool]:
    """(one step of the bounds' precision, whether the measure counts minutes)."""
    if time_unit_of(measure.unit) in MINUTES:
        return Decimal(1), True
    places = [0]
    for band in bands:
        for bound in (band.at_least, band.above, band.below, band.at_most):
            exponent = bound.as_tuple().exponent if bound is not None else 0
            if isinstance(exponent, int):
                places.append(-exponent)
    return Decimal(1).scaleb(-max(places)), False


def _value(value: Decimal, minutes: bool, measure: Measure) -> str:
    return _delay(value) if minutes else f"{value.normalize():f}"


def _in_band(band: Bounds, step: Decimal, scale: Decimal) -> Decimal | None:
    """A value inside ``band``: its inclusive bound, else one step inside."""
    low, up = band.lower, band.upper
    if low is not None and low[1]:
        return low[0] * scale
    if up is not None and up[1]:
        return up[0] * scale
    if low is not None:
        return low[0] * scale + step
    if up is not None and up[0] * scale - step >= 0:
        return up[0] * scale - step
    return None


def _edges(bands: list[Band], measure: Measure) -> list[tuple[int, Decimal]]:
    """(band index, value) on and just beside every shared edge: each side once."""
    step, minutes = _step(bands, measure)
    scale = MINUTES[time_unit_of(measure.unit)] if minutes else Decimal(1)  # type: ignore[index]
    out = []
    for index, band in enumerate(bands):
        for bound in (band.lower, band.upper):
            if bound is None:
                continue
            value = bound[0] * scale
            if bound[1]:
                out.append((index, value))
            elif bound is band.lower:
                out.append((index, value + step))
            elif value - step >= 0:
                out.append((index, value - step))
    return out


def _pays(band: Band) -> Decimal:
    """How much a band pays, for ordering: its percentage or amount (0: nothing)."""
    if band.percent is not None:
        return band.percent
    return Decimal(1) if band.amount is not None else Decimal(0)


def _shared_edge(first: Band, second: Band, step: Decimal, scale: Decimal) -> list[Decimal]:
    """The value on the edge two neighbouring bands share, and one step into the band
    that does not hold it."""
    bounds = [b for b in (first.lower, first.upper, second.lower, second.upper)
              if b is not None]
    shared = [b[0] for b in bounds if sum(c[0] == b[0] for c in bounds) > 1]
    if not shared:
        return []
    value = shared[0] * scale
    holder = first if _contains(first, value, scale) else second
    other = second if holder is first else first
    beside = [v for v in (value - step, value + step) if v >= 0 and
              _contains(other, v, scale)]
    return [value, *beside[:1]]


def _contains(band: Band, value: Decimal, scale: Decimal) -> bool:
    low, up = band.lower, band.upper
    if low is not None and (value < low[0] * scale or (value == low[0] * scale
                                                        and not low[1])):
        return False
    return not (up is not None and (value > up[0] * scale or (value == up[0] * scale
                                                               and not up[1])))


def _basis_facts(scheme: Any, policy: Charter) -> Facts | None:
    """The example basis of a scheme taken of something (``of``), in the scheme's or the
    policy's currency; empty for a scheme of nothing; None when no currency is known."""
    if scheme.of is None:
        return {}
    currency = scheme_currency(scheme) or policy_currency(policy)
    if currency is None:
        return None
    basis = example_basis(policy, scheme.of.value, currency)
    if scheme.divided_by is not None:  # a round value of what is divided (one journey)
        amount, code = basis.split()
        basis = f"{Decimal(amount) * scheme.divided_by} {code}"
    return {scheme.of.value: basis}


def _bands(scheme: Any, policy: Charter, thorough: bool) -> list[Facts]:
    basis = _basis_facts(scheme, policy)
    if basis is None:
        return []
    bands = scheme.bands
    fact = scheme.measure.fact_name("measure")
    step, minutes = _step(bands, scheme.measure)
    scale = MINUTES[time_unit_of(scheme.measure.unit)] if minutes else Decimal(1)  # type: ignore[index]
    if thorough:
        values = {v for _, v in _edges(bands, scheme.measure)}
    else:
        paying = [i for i, band in enumerate(bands) if _pays(band)]
        if not paying:
            return []
        start = next((i for i in range(len(bands) - 1)
                      if bool(_pays(bands[i])) != bool(_pays(bands[i + 1]))), None)
        values = set()
        if start is not None:
            values |= set(_shared_edge(bands[start], bands[start + 1], step, scale))
        worst = _in_band(bands[max(paying, key=lambda i: _pays(bands[i]))], step, scale)
        if worst is not None:
            values.add(worst)
    return [{fact: _value(v, minutes, scheme.measure), **basis}
            for v in sorted(values, reverse=True)]


def _grid(scheme: Any, policy: Charter, thorough: bool) -> list[Facts]:
    basis = _basis_facts(scheme, policy)
    if basis is None:
        return []
    axes = []
    for axis, fallback in ((scheme.rows, "row"), (scheme.columns, "column")):
        step, minutes = _step(axis.bands, axis.measure)
        scale = MINUTES[time_unit_of(axis.measure.unit)] if minutes else Decimal(1)  # type: ignore[index]
        axes.append((axis.measure.fact_name(fallback), minutes, axis.measure,
                     [_in_band(b, step, scale) for b in axis.bands]))
    (rows, r_min, r_measure, r_values), (cols, c_min, c_measure, c_values) = axes
    cells = [(r, c) for r in range(len(r_values)) for c in range(len(c_values))
             if r_values[r] is not None and c_values[c] is not None and r < len(scheme.cells)
             and c < len(scheme.cells[r])]
    if not thorough:
        paying = [(r, c) for r, c in cells if scheme.cells[r][c] is not None]
        if not paying:
            return []
        first = paying[0]
        top = max(reversed(paying),  # the last of equal top cells: the worst failure
                  key=lambda cell: _cell_size(scheme.cells[cell[0]][cell[1]]))
        before = next((cell for cell in ((first[0] - 1, first[1]), (first[0], first[1] - 1))
                       if cell in cells), None)
        cells = list(dict.fromkeys([c for c in (before, first, top) if c is not None]))
    return [{rows: _value(r_values[r], r_min, r_measure),  # type: ignore[arg-type]
             cols: _value(c_values[c], c_min, c_measure), **basis}  # type: ignore[arg-type]
            for r, c in cells]


def _cell_size(cell: Any) -> Decimal:
    """A cell's payout, for picking the top one (amounts above any percentage)."""
    if isinstance(cell, Money):
        return cell.amount + 1000
    return cell if isinstance(cell, Decimal) else Decimal(0)


def _fixed(scheme: Any, policy: Charter, thorough: bool) -> list[Facts]:
    if not isinstance(scheme.amount, list) or len(scheme.amount) < 2:
        return []
    days = sorted({max(item.from_, policy.effective) for item in scheme.amount})
    return [{"happened": day.isoformat()} for day in days]


def _combined(scheme: Any, policy: Charter, case: WorstCase) -> list[Facts]:
    currency = scheme_currency(scheme) or policy_currency(policy)
    facts: Facts = {}
    for spec, level in scheme_needs(scheme, currency):
        if spec.kind is FactKind.MONEY and currency is not None:
            facts[spec.name] = example_basis(policy, spec.name, currency)
        elif level is Requirement.ALWAYS:
            return []  # a measure or a delay: the author's examples show it better
    return [facts] if facts else []


_PICKS = {"per_period": _per_period, "percentage": _percentage, "bands": _bands,
          "grid": _grid, "fixed": _fixed}


def _by_category(scheme: Any, policy: Charter, case: WorstCase, thorough: bool
                 ) -> list[Facts]:
    """Each category's own cases, the category given."""
    fact = scheme.category.fact_name()
    out = []
    for category in scheme.categories:
        picked = _picked(category.compensation, policy, case, thorough) or _plain(
            category.compensation, policy)
        out += [{fact: category.id, **facts} for facts in picked]
    return out


def _plain(scheme: Any, policy: Charter) -> list[Facts]:
    """One case of a scheme without edges (a fixed amount, a refund), so that every
    category of a case shows what it owes; none when it needs a measure or a delay."""
    if scheme.type == "none":
        return []
    currency = scheme_currency(scheme) or policy_currency(policy)
    facts: Facts = {}
    for spec, level in scheme_needs(scheme, currency):
        if spec.kind is FactKind.MONEY and currency is not None:
            facts[spec.name] = example_basis(policy, spec.name, currency)
        elif level is Requirement.ALWAYS:
            return []
    return [facts]


def _picked(scheme: Any, policy: Charter, case: WorstCase, thorough: bool) -> list[Facts]:
    inside = _triggered(scheme)
    return [{**inside, **facts} for facts in _picked_scheme(scheme, policy, case, thorough)]


def _triggered(scheme: Any) -> Facts:
    """A value inside each of the scheme's triggers: the examples show cases that count."""
    out: Facts = {}
    for trigger in getattr(scheme, "trigger", []):
        measure = trigger.measure()
        step, minutes = _step([trigger], measure)
        scale = MINUTES[time_unit_of(measure.unit)] if minutes else Decimal(1)  # type: ignore[index]
        value = _in_band(trigger, step, scale)
        if value is not None:
            out[trigger.fact] = _value(value, minutes, measure)
        if trigger.relative_to is not None:
            out[trigger.relative_to.fact_name()] = "1"
    return out


def _picked_scheme(scheme: Any, policy: Charter, case: WorstCase, thorough: bool
                   ) -> list[Facts]:
    if scheme.type == "combined":
        return _combined(scheme, policy, case)
    if scheme.type == "by_category":
        return _by_category(scheme, policy, case, thorough)
    pick = _PICKS.get(scheme.type)
    return pick(scheme, policy, thorough) if pick is not None else []


def chosen_facts(policy: Charter, case: WorstCase, thorough: bool = False) -> list[Facts]:
    """The facts of the cases that show ``case``'s scheme best: on the day the charter
    takes effect (the day its tables show) when an amount of the scheme changes by date
    (a band's cap, a cell), unless the case is picked on a day of its own."""
    picked = _picked(case.compensation, policy, case, thorough)
    if any(has_changes(value) for _, value in walk(case.compensation)):
        return [{HAPPENED: policy.effective.isoformat(), **facts} for facts in picked]
    return picked

