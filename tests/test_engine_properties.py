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


def _late_policy(percent: int, cap: int, per_days: int) -> Policy:
    return policy_with(f"{{type: fixed, amount: 1000000 VND, payment: {{method: automatic, "
                       f"forms: [bank_transfer], within: 10 days, late_payment: {{percent: "
                       f"{percent}, per: {per_days} days, cap: {cap} VND}}}}}}")


@SETTINGS
@given(percent=st.integers(1, 50), cap=amounts, per_days=st.integers(1, 30),
       late=st.integers(0, 400), more=st.integers(0, 400))
def test_late_payment_additions_grow_with_the_delay_and_stop_at_the_cap(
        percent: int, cap: int, per_days: int, late: int, more: int) -> None:
    import datetime as dt

    policy = _late_policy(percent, cap, per_days)
    happened = dt.date(2026, 3, 1)
    deadline = happened + dt.timedelta(days=10)

    def addition(days_late: int) -> Decimal:
        paid = deadline + dt.timedelta(days=days_late)
        outcome = owed(policy, {"happened": str(happened), "paid": str(paid)})
        return outcome.late_addition.amount if outcome.late_addition else Decimal(0)

    first, second = addition(late), addition(late + more)
    assert first <= second <= cap
    if late == 0:
        assert first == 0  # paid on the deadline day: not late
    else:  # one addition per period begun, up to the cap
        periods = -(-late // per_days)
        assert first == min(Decimal(periods) * 1000000 * percent / 100, cap)


@SETTINGS
@given(owed_percent=st.integers(0, 100), delay=minutes, applies=st.booleans())
def test_a_reduction_never_raises_what_is_owed(owed_percent: int, delay: int,
                                               applies: bool) -> None:
    scheme = ("{type: per_period, after: 60 minutes, initial: 100000 VND, then: 10000 VND, "
              "every: 30 minutes, cap: 900000 VND, reductions: [{fact: rerouted, when: "
              f"{{vi: Được đổi chuyến., en: Re-routed.}}, owed_percent: {owed_percent}}}]}}")
    policy = policy_with(scheme)
    base = owed(policy, {"delay": f"{delay} minutes", "rerouted": "no"}).amount
    reduced = owed(policy, {"delay": f"{delay} minutes",
                            "rerouted": "yes" if applies else "no"}).amount
    assert base is not None and reduced is not None
    assert reduced.amount <= base.amount
    if applies:  # exactly the declared share, rounded to the đồng
        assert reduced.amount == (base.amount * owed_percent / 100).quantize(Decimal(1))
