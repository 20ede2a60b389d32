"""Facts: what a case needs, wrong and missing facts, reductions, deadlines and late payment."""

from __future__ import annotations

import pytest

from commitgen.compute import FactsError, Requirement, StepKind, UnknownCase, facts_for
from commitgen.model.policy import Policy
from tests.engine_support import OFFICE, kinds, money, owed, policy_with

BANDS = """
type: bands
measure: {fact: availability, name: {vi: Sẵn sàng, en: Availability}, unit: "%"}
of: monthly_fee
bands:
  - {at_least: 99.9, percent: 0}
  - {below: 99.9, percent: 10}
cap: 2000000 VND
"""


def problems(policy: Policy, facts: dict[str, str]) -> dict[str, str]:
    with pytest.raises(FactsError) as caught:
        owed(policy, facts)
    return {p.name: p.message for p in caught.value.problems}


def test_the_facts_a_case_needs_with_units_and_currency() -> None:
    needed = {spec.name: (spec, level) for spec, level in facts_for(policy_with(BANDS),
                                                                     "outage")}
    spec, level = needed["availability"]
    assert spec.kind == "number" and spec.unit is not None and spec.unit.common == "%"
    assert level is Requirement.ALWAYS
    basis, level = needed["monthly_fee"]
    assert basis.currency == "VND" and level is Requirement.IF_USED
    assert needed["happened"][1] is Requirement.OPTIONAL


def test_every_missing_fact_at_once() -> None:
    policy = policy_with("{type: grid, rows: {measure: {fact: distance, name: D, unit: km}, "
                         "bands: [{below: 10}, {at_least: 10}]}, columns: {measure: {fact: "
                         "late, name: L, unit: hours}, bands: [{below: 2}, {at_least: 2}]}, "
                         "cells: [[0, 100 VND], [0, 200 VND]]}")
    found = problems(policy, {})
    assert set(found) == {"distance", "late"}
    assert "a number in km" in found["distance"]


@pytest.mark.parametrize(("facts", "name", "words"), [
    ({"availability": "99.2 km"}, "availability", "is in km, but this measure is in %"),
    ({"availability": "101%"}, "availability", "more than 100 %"),
    ({"availability": "-1"}, "availability", "negative"),
    ({"availability": "high"}, "availability", "is not a number"),
    ({"availability": "99", "monthly_fee": "10 USD"}, "monthly_fee",
     "is in USD, but this compensation is in VND"),
    ({"availability": "99", "monthly_fee": "-5 VND"}, "monthly_fee", "negative"),
    ({"availability": "99", "availabilty": "98"}, "availabilty",
     'no fact "availabilty"'),
    ({"availability": "99", "happened": "2025-12-31"}, "happened",
     "before this charter took effect"),
    ({"availability": "99", "happened": "2026-02-30"}, "happened", "not a real date"),
    ({"availability": "99", "happened": "yesterday"}, "happened", "expected a date"),
])
def test_wrong_facts_are_named(facts: dict[str, str], name: str, words: str) -> None:
    found = problems(policy_with(BANDS), facts)
    assert words in found[name]


def test_a_misspelt_fact_gets_a_suggestion() -> None:
    with pytest.raises(FactsError) as caught:
        owed(policy_with(BANDS), {"availabilty": "98"})
    hints = {p.name: p.hint for p in caught.value.problems}
    assert hints["availabilty"] == 'did you mean "availability"?'


def test_a_fact_needed_only_on_the_way_is_asked_for() -> None:
    found = problems(policy_with(BANDS), {"availability": "99"})
    assert "monthly_fee" in found and "an amount in VND" in found["monthly_fee"]


@pytest.mark.parametrize(("delay", "words"), [
    ("-2 hours", "negative"),
    ("3", "has no unit"),
    ("2 business days", "business time"),
    ("1 month", "not a fixed length"),
    ("soon", "is not a duration"),
])
def test_wrong_delays(delay: str, words: str) -> None:
    policy = policy_with("{type: per_period, after: 2 hours, initial: 100 VND}")
    assert words in problems(policy, {"delay": delay})["delay"]


@pytest.mark.parametrize(("delay", "minutes"), [
    ("2 days 4 hours", 3120), ("52h", 3120), ("PT52H", 3120), ("3h30m", 210),
    ("90 min", 90), ("1.5 hours", 90), ("2 ngày", 2880), ("1 week", 10080),
])
def test_delay_spellings(delay: str, minutes: int) -> None:
    policy = policy_with("{type: per_period, after: 1 minute, initial: 100 VND}")
    step = owed(policy, {"delay": delay}).steps[0]
    assert step.values["delay"].value == minutes


def test_an_unknown_case_suggests_the_closest() -> None:
    with pytest.raises(UnknownCase, match='did you mean "outage"'):
        owed(policy_with(BANDS), {}, case="outages")


REDUCED = """
type: fixed
amount: 200000 VND
reductions:
  - fact: rebooked
    when: {vi: Đã hẹn lại., en: We rebooked the visit with you.}
    owed_percent: 50
    notice_at_least: 4 hours
  - fact: refused_access
    when: {vi: Không cho vào., en: You did not let us in.}
    owed_percent: 0
"""


@pytest.mark.parametrize(("facts", "expected", "skipped"), [
    ({"rebooked": "no", "refused_access": "no"}, "200000 VND", ["condition", "condition"]),
    ({"rebooked": "yes", "refused_access": "no", "told": "2026-03-02 06:00",
      "happened": "2026-03-02 10:00"}, "100000 VND", ["condition"]),  # exactly 4 hours
    ({"rebooked": "yes", "refused_access": "no", "told": "2026-03-02 06:01",
      "happened": "2026-03-02 10:00"}, "200000 VND", ["notice", "condition"]),
    ({"rebooked": "yes", "refused_access": "yes", "told": "2026-03-01",
      "happened": "2026-03-02"}, "0 VND", ["superseded"]),  # the larger reduction wins
    # told when it happened, or after: no notice at all (never a negative one)
    ({"rebooked": "yes", "refused_access": "no", "told": "2026-03-02 10:00",
      "happened": "2026-03-02 10:00"}, "200000 VND", ["told_after", "condition"]),
    ({"rebooked": "yes", "refused_access": "no", "told": "2026-03-03",
      "happened": "2026-03-02 10:00"}, "200000 VND", ["told_after", "condition"]),
])
def test_reductions(facts: dict[str, str], expected: str, skipped: list[str]) -> None:
    outcome = owed(policy_with(REDUCED), facts)
    assert outcome.amount == money(expected)
    assert [s.values["reason"] for s in outcome.steps
            if s.kind is StepKind.REDUCTION_SKIPPED] == skipped


def test_a_reduction_condition_is_a_required_fact_once_something_is_owed() -> None:
    assert set(problems(policy_with(REDUCED), {})) == {"rebooked", "refused_access"}
    assert set(problems(policy_with(REDUCED), {"rebooked": "yes", "refused_access": "no"})) \
        == {"told", "happened"}


def test_no_reduction_question_when_nothing_is_owed() -> None:
    policy = policy_with("{type: per_period, after: 1 day, initial: 20000 VND, reductions: "
                         "[{when: {vi: x, en: y}, owed_percent: 50}]}")
    outcome = owed(policy, {"delay": "3 hours"})
    assert outcome.owes_nothing and "reduction" not in str(kinds(outcome))


ON_CLAIM = """
type: fixed
amount: 100 USD
payment:
  method: on_claim
  forms: [bank_transfer]
  within: 10 days
  late_payment: {percent: 5, per: 1 week, cap: 12 USD}
"""


@pytest.mark.parametrize(("claimed", "expected", "too_late"), [
    ("2026-03-31", "100 USD", False),  # day 30: the window lasts until the end of the day
    ("2026-03-31 23:59", "100 USD", False),
    ("2026-04-01", "0 USD", True),
])
def test_the_claim_window(claimed: str, expected: str, too_late: bool) -> None:
    policy = policy_with(ON_CLAIM, claim="{how: {vi: a, en: b}, within: 30 days}")
    outcome = owed(policy, {"happened": "2026-03-01", "claimed": claimed})
    assert outcome.amount == money(expected)
    assert ("claim_too_late" in kinds(outcome)) is too_late
    assert str(outcome.claim_deadline.day) == "2026-03-31"  # type: ignore[union-attr]


@pytest.mark.parametrize(("paid", "addition"), [
    (None, None),
    ("2026-03-15", None),  # the deadline day itself
    ("2026-03-16", "5.00 USD"),  # one day late: one week begun
    ("2026-03-22", "5.00 USD"),  # 7 days late: still one week
    ("2026-03-23", "10.00 USD"),  # 8 days: two weeks begun
    ("2026-04-30", "12 USD"),  # capped
])
def test_payment_deadline_and_late_payment(paid: str | None, addition: str | None) -> None:
    policy = policy_with(ON_CLAIM, claim="{how: {vi: a, en: b}, within: 30 days}")
    facts = {"happened": "2026-03-01", "claimed": "2026-03-05"}
    if paid:
        facts["paid"] = paid
    outcome = owed(policy, facts)
    assert str(outcome.payment_deadline.day) == "2026-03-15"  # type: ignore[union-attr]
    assert outcome.late_addition == (money(addition) if addition else None)
    if addition:
        assert outcome.total == money(f"{100 + float(addition.split()[0]):.2f} USD")


def test_a_payment_on_claim_counts_from_the_claim_without_the_incident_date() -> None:
    """The deadline of a payment on claim needs the claim, not when the case happened: a
    support agent who knows the claim and payment dates gets the late-payment addition."""
    policy = policy_with(ON_CLAIM, claim="{how: {vi: a, en: b}, within: 30 days}")
    outcome = owed(policy, {"claimed": "2026-03-05", "paid": "2026-03-16"})
    assert str(outcome.payment_deadline.day) == "2026-03-15"  # type: ignore[union-attr]
    assert outcome.late_addition == money("5.00 USD")
    assert outcome.claim_deadline is None  # the claim window counts from the incident


@pytest.mark.parametrize(("scheme", "facts", "missing"), [
    (ON_CLAIM, {"happened": "2026-03-01", "paid": "2026-04-30"}, "claimed"),
    (ON_CLAIM.replace("on_claim", "automatic"), {"paid": "2026-04-30"}, "happened"),
])
def test_a_payment_date_is_never_silently_ignored(scheme: str, facts: dict[str, str],
                                                  missing: str) -> None:
    found = problems(policy_with(scheme, claim="{how: {vi: a, en: b}, within: 30 days}"), facts)
    assert list(found) == [missing]
    assert "payment deadline" in found[missing] or "deadlines count" in found[missing]


def test_business_time_payment_deadline_from_a_timed_claim() -> None:
    policy = policy_with("{type: fixed, amount: 100 VND, payment: {method: on_claim, forms: "
                         "[bank_transfer], within: 2 business days}}",
                         claim="{how: {vi: a, en: b}, within: 30 days}", business_time=OFFICE)
    outcome = owed(policy, {"happened": "2027-01-06", "claimed": "2027-01-08 15:00"})
    deadline = outcome.payment_deadline
    assert deadline is not None and deadline.at.isoformat() == "2027-01-12T15:00:00"


def test_a_claim_before_the_case_is_an_error() -> None:
    policy = policy_with(ON_CLAIM, claim="{how: {vi: a, en: b}, within: 30 days}")
    found = problems(policy, {"happened": "2026-03-05", "claimed": "2026-03-01"})
    assert "before the case happened" in found["claimed"]


def test_steps_serialise_to_json() -> None:
    import json

    policy = policy_with(REDUCED)
    outcome = owed(policy, {"rebooked": "yes", "refused_access": "no",
                            "told": "2026-03-01", "happened": "2026-03-02"})
    data = json.loads(json.dumps(outcome.to_json()))
    assert data["amount"] == {"amount": "100000", "currency": "VND"}
    reduction = next(s for s in data["steps"] if s["kind"] == "reduction")
    assert reduction["owed_percent"] == "50" and reduction["fact"] == "rebooked"
