"""Properties of the engine that must hold for every input (hypothesis)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commitgen.compute.facts import Quantity
from commitgen.compute.tables import find_band
from commitgen.model.compensation import Band, Measure
from commitgen.model.policy import Policy
from tests.engine_support import owed, policy_with

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
amounts = st.integers(min_value=1, max_value=2_000_000).map(lambda n: n * 1000)
minutes = st.integers(min_value=0, max_value=60 * 24 * 30)


def _per_period(after: int, initial: int, then: int, every: int, counting: str,
                grace: int | None, cap: int) -> Policy:
    grace_line = f", grace: {grace} minutes" if grace and counting == "started" else ""
    return policy_with(f"{{type: per_period, after: {after} minutes, initial: {initial} VND, "
                       f"then: {then} VND, every: {every} minutes, counting: {counting}"
                       f"{grace_line}, cap: {max(cap, initial, then)} VND}}")


per_period_schemes = st.builds(
    _per_period, after=st.integers(1, 3000), initial=amounts, then=amounts,
    every=st.integers(1, 1440), counting=st.sampled_from(["full", "started"]),
    grace=st.one_of(st.none(), st.integers(1, 60)), cap=amounts)


@SETTINGS
@given(policy=per_period_schemes, delay=minutes)
def test_a_per_period_cap_is_never_exceeded(policy: Policy, delay: int) -> None:
    scheme = policy.worst_cases[0].compensation
    outcome = owed(policy, {"delay": f"{delay} minutes"})
    assert outcome.amount is not None
    assert outcome.amount.amount <= scheme.cap.amount  # type: ignore[union-attr]


@SETTINGS
@given(policy=per_period_schemes, first=minutes, extra=st.integers(0, 5000))
def test_per_period_accrual_is_monotone(policy: Policy, first: int, extra: int) -> None:
    earlier = owed(policy, {"delay": f"{first} minutes"}).amount
    later = owed(policy, {"delay": f"{first + extra} minutes"}).amount
    assert earlier is not None and later is not None
    assert earlier.amount <= later.amount


@SETTINGS
@given(percent=st.integers(0, 100), minimum=amounts, span=amounts, basis=st.integers(0, 10**10))
def test_percentage_minimum_is_met_and_cap_never_exceeded(percent: int, minimum: int, span: int,
                                                           basis: int) -> None:
    cap = minimum + span
    policy = policy_with(f"{{type: percentage, percent: {percent}, of: order_value, "
                         f"minimum: {minimum} VND, cap: {cap} VND}}")
    outcome = owed(policy, {"order_value": f"{basis} VND"})
    assert outcome.amount is not None
    assert minimum <= outcome.amount.amount <= cap
    exact = Decimal(basis) * percent / 100
    if minimum <= exact <= cap:
        assert abs(outcome.amount.amount - exact) <= Decimal("0.5")


def _bands(bounds: list[Decimal], inclusive_low: list[bool]) -> list[Band]:
    """Contiguous bands: band i runs from bounds[i-1] to bounds[i], each shared bound
    inclusive on exactly one side; open at both ends."""
    out = []
    for index in range(len(bounds) + 1):
        low = bounds[index - 1] if index else None
        up = bounds[index] if index < len(bounds) else None
        fields: dict[str, object] = {"percent": index}
        if low is not None:
            fields["at_least" if inclusive_low[index - 1] else "above"] = low
        if up is not None:
            fields["below" if inclusive_low[index] else "at_most"] = up
        out.append(Band.model_validate(fields))
    return out


band_layouts = st.integers(1, 6).flatmap(lambda n: st.tuples(
    st.lists(st.decimals(min_value=0, max_value=1000, places=2), min_size=n, max_size=n,
             unique=True).map(sorted),
    st.lists(st.booleans(), min_size=n, max_size=n)))
MEASURE = Measure.model_validate({"name": "x", "unit": "%"})


@SETTINGS
@given(layout=band_layouts, value=st.decimals(min_value=0, max_value=1100, places=3))
def test_contiguous_bands_hold_every_value_exactly_once(
        layout: tuple[list[Decimal], list[bool]], value: Decimal) -> None:
    bounds, inclusive = layout
    bands = _bands(bounds, inclusive)
    holders = [i for i, band in enumerate(bands) if band.contains(value)]
    assert len(holders) == 1
    assert find_band(bands, Quantity(value), MEASURE) == holders[0]


@SETTINGS
@given(layout=band_layouts, pick=st.integers(0, 5))
def test_a_shared_bound_belongs_to_the_side_that_includes_it(
        layout: tuple[list[Decimal], list[bool]], pick: int) -> None:
    bounds, inclusive = layout
    index = pick % len(bounds)
    found = find_band(_bands(bounds, inclusive), Quantity(bounds[index]), MEASURE)
    assert found == (index + 1 if inclusive[index] else index)


@SETTINGS
@given(lower=st.decimals(min_value=0, max_value=500, places=1),
       width=st.decimals(min_value=0, max_value=500, places=1),
       low_in=st.booleans(), up_in=st.booleans(),
       value=st.decimals(min_value=0, max_value=1100, places=2))
def test_a_band_holds_exactly_what_its_bounds_declare(lower: Decimal, width: Decimal,
                                                      low_in: bool, up_in: bool,
                                                      value: Decimal) -> None:
    upper = lower + width
    band = Band.model_validate({"at_least" if low_in else "above": lower,
                                "at_most" if up_in else "below": upper, "percent": 1})
    expected = (value > lower or (low_in and value == lower)) and \
        (value < upper or (up_in and value == upper))
    assert (find_band([band], Quantity(value), MEASURE) == 0) == expected


@SETTINGS
@given(percents=st.lists(st.integers(0, 100), min_size=2, max_size=5).map(sorted),
       fee=amounts, first=st.decimals(min_value=0, max_value=100, places=2),
       second=st.decimals(min_value=0, max_value=100, places=2))
def test_bands_paying_more_for_worse_availability_are_monotone(
        percents: list[int], fee: int, first: Decimal, second: Decimal) -> None:
    edges = [Decimal(100) - Decimal(10) * (i + 1) for i in range(len(percents) - 1)]
    rows = [f"{{at_least: {edges[0]}, percent: {percents[0]}}}"]
    rows += [f"{{at_least: {edges[i]}, below: {edges[i - 1]}, percent: {percents[i]}}}"
             for i in range(1, len(edges))]
    rows.append(f"{{below: {edges[-1]}, percent: {percents[-1]}}}")
    policy = policy_with("{type: bands, measure: {fact: a, name: A, unit: '%'}, "
                         f"of: monthly_fee, bands: [{', '.join(rows)}]}}")
    worse, better = sorted([first, second])
    paid = [owed(policy, {"a": str(v), "monthly_fee": f"{fee} VND"}).amount for v in
            (worse, better)]
    assert paid[0] is not None and paid[1] is not None
    assert paid[0].amount >= paid[1].amount
