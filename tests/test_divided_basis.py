"""A derived basis: a season ticket's price divided by the journeys it covers gives the
value of one journey, of which a band pays its share — computed by the engine with a
step, in the terms, printed in both languages, with located errors."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commitgen.compute.examples import worked_examples
from commitgen.compute.terms import scheme_terms
from tests.conftest import RunCli
from tests.engine_support import built_with, kinds, money, owed, page_text, policy_file, policy_with

ANNUAL = """{type: bands,
  measure: {fact: delay, name: {vi: Thời gian trễ, en: Delay}, unit: minutes},
  of: ticket_price, divided_by: 464,
  bands: [{below: 30, percent: 0}, {at_least: 30, below: 60, percent: 50},
          {at_least: 60, percent: 100}],
  payment: {method: automatic, forms: [bank_transfer], within: 30 days}}"""


def test_a_share_of_one_journey() -> None:
    policy = policy_with(ANNUAL)
    outcome = owed(policy, {"delay": "35 minutes", "ticket_price": "4640 GBP"})
    assert outcome.amount == money("5 GBP")
    assert kinds(outcome)[1:3] == ["divided", "percent"]
    assert outcome.steps[1].values["amount"] == money("10 GBP")
    assert owed(policy, {"delay": "65 minutes", "ticket_price": "4640 GBP"}).amount == \
        money("10 GBP")


def test_the_journey_value_is_rounded_to_the_penny_first() -> None:
    policy = policy_with(ANNUAL.replace("divided_by: 464", "divided_by: 10"))
    outcome = owed(policy, {"delay": "30 minutes", "ticket_price": "55.50 GBP"})
    assert outcome.steps[1].values["amount"] == money("5.55 GBP")
    assert outcome.amount == money("2.78 GBP")  # 2.775, halves away from zero
    uneven = owed(policy_with(ANNUAL), {"delay": "60 minutes", "ticket_price": "100 GBP"})
    assert uneven.steps[1].values["exact"] == Decimal(100) / 464
    assert uneven.amount == money("0.22 GBP")


def test_percentage_and_refund_divide_too() -> None:
    percentage = policy_with("{type: percentage, percent: 50, of: ticket_price, divided_by: 4, "
                             "payment: {method: automatic, forms: [cash], within: 30 days}}")
    assert owed(percentage, {"ticket_price": "100 GBP"}).amount == money("12.50 GBP")
    refund = policy_with("{type: refund, of: ticket_price, divided_by: 4, "
                         "payment: {method: automatic, forms: [cash], within: 30 days}}")
    assert owed(refund, {"ticket_price": "100 GBP"}).amount == money("25 GBP")


def test_the_terms_and_the_examples() -> None:
    policy = policy_with(ANNUAL)
    assert scheme_terms(policy.worst_cases[0].compensation)["divided_by"] == 464
    priced = policy_with(ANNUAL.replace("divided_by: 464,", "divided_by: 464, "
                                        "cap: 1000 GBP,"))  # a currency to pick in
    examples = worked_examples(priced, priced.worst_cases[0], None)
    # the example price is a round value of one journey times the journeys
    assert {e.facts["ticket_price"].split()[0] for e in examples} == {"46400"}
    assert max(e.outcome.amount.amount for e in examples if e.outcome.amount) == 100


def test_mistakes_are_located(tmp_path: Path, run_cli: RunCli) -> None:
    result = run_cli("check", str(policy_file(tmp_path, ANNUAL.replace(
        "divided_by: 464", "divided_by: 0"))))
    assert result.exit_code != 0
    assert re.search(r"minimal\.yaml:\d+:\d+: .*compensation\.divided_by: expected 1 or "
                     r"more, got 0", result.output), result.output


def test_compensate_explains_it_in_both_languages(tmp_path: Path, run_cli: RunCli) -> None:
    path = policy_file(tmp_path, ANNUAL)
    facts = ["--fact", "delay=35m", "--fact", "ticket_price=4640GBP"]
    en = run_cli("compensate", str(path), "outage", *facts, "--lang", "en")
    out = en.output.replace("\xa0", " ")
    assert "Dividing the ticket price (4,640 GBP) by 464 gives 10 GBP." in out, out
    assert "50 % of the ticket price divided by 464 (10 GBP): 5 GBP." in out, out
    vi = run_cli("compensate", str(path), "outage", *facts, "--lang", "vi")
    assert "chia cho 464" in vi.output, vi.output


@pytest.mark.pdf
def test_the_charter_says_what_is_divided(tmp_path: Path, run_cli: RunCli) -> None:
    project = built_with(tmp_path, run_cli, ANNUAL)


    assert "50 % of the ticket price divided by 464" in page_text(project, "minimal", "en")
    assert "chia cho 464" in page_text(project, "minimal", "vi")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pence=st.integers(0, 1_000_000), journeys=st.integers(1, 500),
       minutes=st.integers(0, 200))
def test_the_share_of_the_rounded_journey_value(pence: int, journeys: int,
                                                minutes: int) -> None:
    price = Decimal(pence) / 100
    policy = policy_with(ANNUAL.replace("divided_by: 464", f"divided_by: {journeys}"))
    outcome = owed(policy, {"delay": f"{minutes} minutes", "ticket_price": f"{price} GBP"})
    cent = Decimal("0.01")
    journey = (price / journeys).quantize(cent, rounding=ROUND_HALF_UP)
    share = 0 if minutes < 30 else 50 if minutes < 60 else 100
    expected = (journey * share / 100).quantize(cent, rounding=ROUND_HALF_UP)
    assert outcome.amount is not None and outcome.amount.amount == expected
