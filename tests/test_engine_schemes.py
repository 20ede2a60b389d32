"""The engine, scheme by scheme: cases at and around every boundary the scheme declares."""

from __future__ import annotations

import pytest

from commitgen.compute import StepKind
from tests.engine_support import OFFICE, kinds, money, owed, policy_with

FIXED_SCHEDULE = """
type: fixed
amount:
  - {from: 2026-01-01, amount: 200000 VND}
  - {from: 2027-01-01, amount: 250000 VND}
"""


@pytest.mark.parametrize(("day", "expected"), [
    ("2026-01-01", "200000 VND"),  # the effective date
    ("2026-12-31", "200000 VND"),  # the last day of the first amount
    ("2027-01-01", "250000 VND"),  # the first day of the uprated amount
    ("2030-06-30", "250000 VND"),
])
def test_fixed_takes_the_amount_in_force_on_the_day(day: str, expected: str) -> None:
    outcome = owed(policy_with(FIXED_SCHEDULE), {"happened": day})
    assert outcome.amount == money(expected)
    in_force = next(s for s in outcome.steps if s.kind is StepKind.IN_FORCE)
    assert str(in_force.values["since"]) in ("2026-01-01", "2027-01-01")


def test_a_plain_fixed_amount_needs_no_fact() -> None:
    outcome = owed(policy_with("{type: fixed, amount: 200000 VND}"), {})
    assert outcome.amount == money("200000 VND")
    assert kinds(outcome) == ["amount"]


PER_PERIOD = """
type: per_period
after: 2 hours
initial: 100000 VND
then: 50000 VND
every: 1 hour
counting: {counting}
{grace}
cap: 500000 VND
"""


def _per_period(counting: str, grace: str = "") -> object:
    return policy_with(PER_PERIOD.format(counting=counting,
                                         grace=f"grace: {grace}" if grace else ""))


# The table of docs/format.md (per_period): full counting, and started with 15 min grace.
@pytest.mark.parametrize(("delay", "full", "started"), [
    ("1 hour 59 minutes", "0 VND", "0 VND"),
    ("2 hours", "100000 VND", "100000 VND"),  # the threshold itself: reached (at least)
    ("2 hours 10 minutes", "100000 VND", "100000 VND"),  # 10 min is under the grace
    ("2 hours 14 minutes", "100000 VND", "100000 VND"),
    ("2 hours 15 minutes", "100000 VND", "150000 VND"),  # exactly the grace: counted
    ("2 hours 20 minutes", "100000 VND", "150000 VND"),
    ("2 hours 59 minutes", "100000 VND", "150000 VND"),
    ("3 hours", "150000 VND", "150000 VND"),  # one full period, nothing begun
    ("3 hours 10 minutes", "150000 VND", "150000 VND"),
    ("3 hours 30 minutes", "150000 VND", "200000 VND"),
    ("9 hours", "450000 VND", "450000 VND"),
    ("10 hours", "500000 VND", "500000 VND"),  # exactly the cap
    ("12 hours", "500000 VND", "500000 VND"),  # 600,000 capped
])
def test_per_period_counts_full_and_started_periods(delay: str, full: str, started: str) -> None:
    assert owed(_per_period("full"), {"delay": delay}).amount == money(full)
    assert owed(_per_period("started", "15 minutes"), {"delay": delay}).amount == \
        money(started)


def test_per_period_says_where_the_cap_bit() -> None:
    outcome = owed(_per_period("full"), {"delay": "12h"})
    cap = next(s for s in outcome.steps if s.kind is StepKind.CAP)
    assert cap.values["computed"] == money("600000 VND")
    assert cap.values["cap"] == money("500000 VND")
    periods = next(s for s in outcome.steps if s.kind is StepKind.PERIODS)
    assert periods.values["count"] == 10


def test_per_period_threshold_above_excludes_the_threshold_itself() -> None:
    policy = policy_with("{type: per_period, after: 12 hours, threshold: above, "
                         "initial: 20 GBP, then: 10 GBP, every: 24 hours}")
    assert owed(policy, {"delay": "12 hours"}).amount == money("0 GBP")
    assert owed(policy, {"delay": "12 hours 1 minute"}).amount == money("20 GBP")
    assert kinds(owed(policy, {"delay": "12h"}))[:2] == ["threshold_not_reached", "nothing"]


def test_per_period_in_business_time_counts_from_when_it_happened() -> None:
    policy = policy_with("{type: per_period, after: 2 business days, initial: 1000000 VND, "
                         "then: 500000 VND, every: 1 day, cap: 5000000 VND}",
                         business_time=OFFICE)
    # Friday 2027-01-08 10:00 + 2 business days = Tuesday 10:00 (the weekend does not count)
    start = "2027-01-08 10:00"
    assert owed(policy, {"delay": "95 hours 59 minutes", "happened": start}).amount == \
        money("0 VND")
    assert owed(policy, {"delay": "96 hours", "happened": start}).amount == \
        money("1000000 VND")
    # two clock days past Tuesday 10:00
    assert owed(policy, {"delay": "144 hours", "happened": start}).amount == \
        money("2000000 VND")


def test_per_period_with_business_periods_counts_each_in_the_calendar() -> None:
    policy = policy_with("{type: per_period, after: 1 business day, initial: 100 USD, "
                         "then: 10 USD, every: 1 business day, counting: full}",
                         business_time=OFFICE)
    # Friday 2027-01-08 09:00 → Monday 09:00 (threshold) → Tuesday 09:00 → Wednesday 09:00
    start = {"happened": "2027-01-08 09:00"}
    assert owed(policy, {**start, "delay": "4 days"}).amount == money("110 USD")  # Tue 09:00
    assert owed(policy, {**start, "delay": "4 days 23 hours"}).amount == money("110 USD")
    assert owed(policy, {**start, "delay": "5 days"}).amount == money("120 USD")


PERCENTAGE = """
type: percentage
percent: 10
of: order_value
minimum: 20000 VND
cap: 300000 VND
"""


@pytest.mark.parametrize(("value", "expected", "bit"), [
    ("0 VND", "20000 VND", "minimum"),
    ("199999 VND", "20000 VND", None),  # 19,999.9 rounds to 20,000: the minimum is met
    ("199990 VND", "20000 VND", "minimum"),  # 19,999 is below the minimum
    ("200000 VND", "20000 VND", None),  # exactly the minimum: neither bites
    ("1000000 VND", "100000 VND", None),
    ("3000000 VND", "300000 VND", None),  # exactly the cap
    ("3000010 VND", "300000 VND", "cap"),
])
def test_percentage_minimum_and_cap(value: str, expected: str, bit: str | None) -> None:
    outcome = owed(policy_with(PERCENTAGE), {"order_value": value})
    assert outcome.amount == money(expected)
    bits = {str(k) for k in kinds(outcome)} & {"minimum", "cap"}
    assert bits == ({bit} if bit else set())


@pytest.mark.parametrize(("fee", "expected"), [
    ("12.34 USD", "1.23 USD"),  # 1.234 → 1.23
    ("12.35 USD", "1.24 USD"),  # 1.235 → 1.24: halves away from zero
    ("12.25 USD", "1.23 USD"),  # 1.225 → 1.23 (not banker's 1.22)
    ("5 VND", "1 VND"),  # 0.5 ₫ → 1 ₫
    ("4 VND", "0 VND"),
])
def test_money_is_rounded_to_the_minor_unit_half_up(fee: str, expected: str) -> None:
    policy = policy_with("{type: percentage, percent: 10, of: monthly_fee}")
    outcome = owed(policy, {"monthly_fee": fee})
    assert outcome.amount == money(expected)
    percent = outcome.steps[0]
    assert percent.values["amount"] == money(expected)
    assert percent.values["exact"] != percent.values["amount"].amount  # the exact figure kept


BANDS = """
type: bands
measure: {fact: availability, name: {vi: Sẵn sàng, en: Availability}, unit: "%"}
of: monthly_fee
bands:
  - {at_least: 99.9, percent: 0}
  - {at_least: 99.5, below: 99.9, percent: 10}
  - {above: 99.0, below: 99.5, percent: 25}
  - {at_least: 95.0, at_most: 99.0, percent: 50}
  - {below: 95.0, percent: 100}
"""


@pytest.mark.parametrize(("availability", "band", "expected"), [
    ("100", 0, "0 VND"),
    ("99.9", 0, "0 VND"),  # at_least: inclusive
    ("99.89", 1, "100000 VND"),
    ("99.5", 1, "100000 VND"),  # at_least 99.5: inclusive
    ("99.49", 2, "250000 VND"),
    ("99.01", 2, "250000 VND"),
    ("99.0", 3, "500000 VND"),  # above 99.0 excludes it; at_most 99.0 includes it
    ("95", 3, "500000 VND"),
    ("94.999", 4, "1000000 VND"),  # below 95: exclusive
    ("0", 4, "1000000 VND"),
])
def test_bands_follow_the_declared_bounds(availability: str, band: int, expected: str) -> None:
    outcome = owed(policy_with(BANDS), {"availability": availability,
                                        "monthly_fee": "1000000 VND"})
    assert outcome.amount == money(expected)
    step = next(s for s in outcome.steps if s.kind is StepKind.BAND)
    assert step.values["index"] == band


def test_no_basis_is_asked_for_when_the_band_pays_nothing() -> None:
    outcome = owed(policy_with(BANDS), {"availability": "99.95%"})
    assert outcome.owes_nothing
    assert kinds(outcome) == ["band", "nothing"]


def test_a_value_no_band_covers_owes_nothing() -> None:
    policy = policy_with("{type: bands, measure: {name: Delay, unit: hours}, "
                         "bands: [{at_least: 2, at_most: 6, amount: 100000 VND}, "
                         "{above: 6, amount: 250000 VND}]}")
    outcome = owed(policy, {"delay": "1 hour"})
    assert outcome.amount == money("0 VND")
    assert outcome.steps[0].values["index"] is None


@pytest.mark.parametrize(("delay", "expected"), [
    ("119 minutes", "0 VND"),
    ("2 hours", "100000 VND"),
    ("6", "100000 VND"),  # a bare number is in the measure's unit; at_most 6: inclusive
    ("6 hours 1 minute", "250000 VND"),  # above 6
    ("360 minutes", "100000 VND"),  # exactly 6 hours, compared in minutes
    ("1 day", "250000 VND"),
])
def test_bands_on_a_time_measure_compare_exactly_in_minutes(delay: str, expected: str) -> None:
    policy = policy_with("{type: bands, measure: {name: Delay, unit: hours}, "
                         "bands: [{at_least: 2, at_most: 6, amount: 100000 VND}, "
                         "{above: 6, amount: 250000 VND}]}")
    assert owed(policy, {"delay": delay}).amount == money(expected)


GRID = """
type: grid
of: ticket_price
rows:
  measure: {fact: distance, name: {vi: Quãng đường, en: Distance}, unit: km}
  bands: [{below: 300}, {at_least: 300, below: 800}, {at_least: 800}]
columns:
  measure: {fact: delay, name: {vi: Trễ, en: Delay}, unit: hours}
  bands: [{below: 2}, {at_least: 2, below: 4}, {at_least: 4}]
cells:
  - [0, "25 %", "50 %"]
  - [0, "25 %", 300000 VND]
  - [0, "50 %", "100 %"]
cap: 400000 VND
"""


@pytest.mark.parametrize(("distance", "delay", "expected"), [
    ("299.9", "3 hours", "100000 VND"),
    ("300", "1 hour 59 minutes", "0 VND"),
    ("300", "2 hours", "100000 VND"),
    ("799", "4 hours", "300000 VND"),
    ("800", "3 hours 59 minutes", "200000 VND"),
    ("800", "4 hours", "400000 VND"),
    ("1200 km", "10 hours", "400000 VND"),
])
def test_grid_cells_by_both_measures(distance: str, delay: str, expected: str) -> None:
    outcome = owed(policy_with(GRID), {"distance": distance, "delay": delay,
                                       "ticket_price": "400000 VND"})
    assert outcome.amount == money(expected)


def test_grid_cap_bites_on_a_large_ticket() -> None:
    outcome = owed(policy_with(GRID), {"distance": "900", "delay": "5 hours",
                                       "ticket_price": "2000000 VND"})
    assert outcome.amount == money("400000 VND")
    assert "cap" in kinds(outcome)


def test_refund_of_the_amount_charged_in_error() -> None:
    policy = policy_with("{type: refund, of: amount_charged_in_error}")
    outcome = owed(policy, {"amount_charged_in_error": "1250000 VND"})
    assert outcome.amount == money("1250000 VND")
    assert outcome.steps[0].values["basis"].value == "amount_charged_in_error"


def test_partial_refund() -> None:
    policy = policy_with("{type: refund, percent: 50, of: ticket_price}")
    assert owed(policy, {"ticket_price": "99.99 EUR"}).amount == money("50.00 EUR")


def test_service_extension_owes_time_not_money() -> None:
    outcome = owed(policy_with("{type: service_extension, length: 1 month}"), {})
    assert outcome.amount is None
    assert str(outcome.extension) == "1 month"
    assert not outcome.owes_nothing


def test_none_owes_nothing_and_says_why() -> None:
    outcome = owed(policy_with("{type: none, reason: {vi: Lý do., en: The reason.}}"), {})
    assert outcome.owes_nothing and outcome.amount is None
    assert kinds(outcome) == ["no_compensation"]


def test_combined_adds_its_parts() -> None:
    policy = policy_with("{type: combined, parts: [{type: refund, of: price_paid}, "
                         "{type: fixed, amount: 100000 VND}, "
                         "{type: service_extension, length: 1 month}]}")
    outcome = owed(policy, {"price_paid": "1500000 VND"})
    assert outcome.amount == money("1600000 VND")
    assert str(outcome.extension) == "1 month"
    assert [s.part for s in outcome.steps] == [1, 2, 3, None]
