"""What a scheme pays at the edges: a share of the basis above 100 % (a multiple of the
fare), a cap per band that changes by date, and a minimum payout below which nothing is
paid at all — computed by the engine, explained by its steps, in the terms, validated
with located errors, printed in both languages."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commitgen.compute.examples import worked_examples
from commitgen.compute.terms import scheme_terms
from tests.conftest import RunCli, make_project
from tests.engine_support import kinds, money, owed, page_text, policy_file, policy_with

#: US DOT denied boarding, interstate: twice or four times the fare, each up to a limit
DOT = """{type: bands,
  measure: {fact: arrival_delay, name: {vi: Thời gian đến trễ, en: Arrival delay}, unit: hours},
  of: ticket_price,
  bands: [{at_most: 1, percent: 0},
          {above: 1, below: 2, percent: 200, cap: 1075 USD},
          {at_least: 2, percent: 400, cap: [{from: 2026-01-01, amount: 1550 USD},
                                            {from: 2027-01-01, amount: 2150 USD}]}],
  payment: {method: automatic, forms: [cash], within: 24 hours}}"""

#: a service credit issued only when it is more than one dollar
CREDIT = """{type: bands,
  measure: {fact: uptime, name: {vi: Tỷ lệ sẵn sàng, en: Uptime}, unit: "%"},
  of: monthly_fee,
  bands: [{at_least: 99.9, percent: 0}, {at_least: 99.0, below: 99.9, percent: 10},
          {below: 99.0, percent: 25}],
  reductions: [{when: {vi: Đã báo trước, en: Announced in advance}, fact: announced,
                owed_percent: 50}],
  payment: {method: automatic, forms: [bill_credit], within: 30 days},
  minimum_payout: {above: 1 USD}}"""


def test_a_multiple_of_the_fare_up_to_the_band_cap() -> None:
    policy = policy_with(DOT)
    assert owed(policy, {"arrival_delay": "1h", "ticket_price": "189 USD"}).amount == \
        money("0 USD")
    assert owed(policy, {"arrival_delay": "1h1m", "ticket_price": "189 USD"}).amount == \
        money("378 USD")
    assert owed(policy, {"arrival_delay": "2h", "ticket_price": "189 USD",
                         "happened": "2026-06-01"}).amount == \
        money("756 USD")
    capped = owed(policy, {"arrival_delay": "90 minutes", "ticket_price": "650 USD"})
    assert capped.amount == money("1075 USD")
    assert kinds(capped)[-2:] == ["percent", "cap"]


def test_the_band_cap_in_force_on_the_day() -> None:
    policy = policy_with(DOT)
    facts = {"arrival_delay": "3h", "ticket_price": "650 USD"}
    assert owed(policy, {**facts, "happened": "2026-12-31"}).amount == money("1550 USD")
    assert owed(policy, {**facts, "happened": "2027-01-01"}).amount == money("2150 USD")


def test_a_percentage_scheme_may_pay_a_multiple() -> None:
    policy = policy_with("{type: percentage, percent: 400, of: delivery_fee, "
                         "payment: {method: automatic, forms: [cash], within: 30 days}}")
    assert owed(policy, {"delivery_fee": "25000 VND"}).amount == money("100000 VND")


#: a multiple of the basis as the scheme states it: four times the postage
TIMES = ("{type: percentage, times: 4, of: delivery_fee, "
         "payment: {method: automatic, forms: [cash], within: 30 days}}")


def test_a_multiple_as_the_scheme_states_it() -> None:
    policy = policy_with(TIMES)
    outcome = owed(policy, {"delivery_fee": "35000 VND"})
    assert outcome.amount == money("140000 VND")
    assert outcome.steps[0].values["times"] == 4 and outcome.steps[0].values["percent"] == 400
    terms = scheme_terms(policy.worst_cases[0].compensation)
    assert (terms["times"], terms["percent"]) == (4, 400)
    percent = scheme_terms(policy_with(TIMES.replace("times: 4", "percent: 400"))
                           .worst_cases[0].compensation)
    assert (percent["times"], percent["percent"]) == (None, 400)


def test_times_mistakes_are_located(tmp_path: Path, run_cli: RunCli) -> None:
    both = run_cli("check", str(policy_file(tmp_path / "both", TIMES.replace(
        "times: 4", "times: 4, percent: 400"))))
    assert both.exit_code != 0
    assert re.search(r"minimal\.yaml:\d+:\d+: .*worst_cases\[0\]\.compensation: give "
                     r"percent or times, not both", both.output), both.output
    large = run_cli("check", str(policy_file(tmp_path / "large", TIMES.replace(
        "times: 4", "times: 101"))))
    assert "expected a multiple of at most 100" in large.output, large.output


def test_nothing_is_paid_unless_more_than_the_minimum_payout() -> None:
    policy = policy_with(CREDIT)
    facts = {"uptime": "99.5", "announced": "no"}
    assert owed(policy, {**facts, "monthly_fee": "10.10 USD"}).amount == money("1.01 USD")
    exactly = owed(policy, {**facts, "monthly_fee": "10 USD"})
    assert exactly.amount == money("0 USD")
    step = exactly.steps[-2 if kinds(exactly)[-1].startswith("payment") else -1]
    assert step.kind == "minimum_payout" and step.values["inclusive"] is False
    at_least = policy_with(CREDIT.replace("{above: 1 USD}", "{at_least: 1 USD}"))
    assert owed(at_least, {**facts, "monthly_fee": "10 USD"}).amount == money("1 USD")
    assert owed(at_least, {**facts, "monthly_fee": "9.90 USD"}).amount == money("0 USD")


def test_the_minimum_payout_applies_after_reductions() -> None:
    policy = policy_with(CREDIT)
    facts = {"uptime": "98", "monthly_fee": "8 USD"}  # 25 % = 2.00 USD
    assert owed(policy, {**facts, "announced": "no"}).amount == money("2 USD")
    assert owed(policy, {**facts, "announced": "yes"}).amount == money("0 USD")  # half: 1.00


def test_the_terms_carry_band_caps_and_the_minimum_payout() -> None:
    dot = scheme_terms(policy_with(DOT).worst_cases[0].compensation)
    assert dot["bands"][1]["cap"].schedule[0][1] == money("1075 USD")
    assert dot["bands"][0]["cap"] is None and dot["minimum_payout"] is None
    credit = scheme_terms(policy_with(CREDIT).worst_cases[0].compensation)
    assert credit["minimum_payout"]["inclusive"] is False
    assert credit["minimum_payout"]["amount"].schedule[0][1] == money("1 USD")


def test_mistakes_are_located(tmp_path: Path, run_cli: RunCli) -> None:
    bad = CREDIT.replace("{above: 1 USD}", "{above: 1 USD, at_least: 2 USD}").replace(
        "percent: 25}", "percent: 25000}").replace("owed_percent: 50", "owed_percent: 150")
    path = policy_file(tmp_path, bad)
    result = run_cli("check", str(path))
    assert result.exit_code != 0
    out = result.output
    assert re.search(r"minimal\.yaml:\d+:\d+: .*worst_cases\[0\]\.compensation\."
                     r"minimum_payout: give either above or at_least", out), out
    assert "hint: see docs/format.md#shared-parts-explanation-reductions-payment-proof" in out
    assert re.search(r"compensation\.bands\[2\]\.percent: expected a percentage from 0 to "
                     r"10000, got the number 25000", out), out
    # the share still owed after a reduction is a share of the amount: at most 100
    assert re.search(r"reductions\[0\]\.owed_percent: expected a percentage from 0 to 100",
                     out), out


def test_compensate_explains_it_in_both_languages(tmp_path: Path, run_cli: RunCli) -> None:
    path = policy_file(tmp_path, CREDIT)
    facts = ["--fact", "uptime=99.5", "--fact", "monthly_fee=10USD", "--fact", "announced=no"]
    en = run_cli("compensate", str(path), "outage", *facts, "--lang", "en")
    assert en.exit_code == 0, en.output
    assert "1 USD is not more than the minimum payout (1 USD): nothing is paid." in \
        en.output.replace("\xa0", " ")
    vi = run_cli("compensate", str(path), "outage", *facts, "--lang", "vi")
    assert vi.exit_code == 0, vi.output
    assert "không vượt mức chi trả tối thiểu" in vi.output.replace("\xa0", " ")
    times = policy_file(tmp_path / "times", TIMES)
    en = run_cli("compensate", str(times), "outage", "--fact", "delivery_fee=35000VND",
                 "--lang", "en")
    assert "4 times the delivery fee (35,000 VND): 140,000 VND." in \
        en.output.replace("\xa0", " "), en.output
    vi = run_cli("compensate", str(times), "outage", "--fact", "delivery_fee=35000VND")
    assert "4 lần phí giao hàng (35.000 đồng): 140.000 đồng." in \
        vi.output.replace("\xa0", " "), vi.output


@pytest.mark.pdf
def test_the_charter_states_the_limits(tmp_path: Path, run_cli: RunCli) -> None:
    project = make_project(tmp_path / "p", [])
    policy_file(project, CREDIT)
    dot = policy_file(tmp_path / "dot", DOT)
    times = policy_file(tmp_path / "times", TIMES)
    (project / "policies" / "times.yaml").write_text(
        times.read_text(encoding="utf-8").replace("id: minimal", "id: times", 1),
        encoding="utf-8")
    (project / "policies" / "dot.yaml").write_text(
        dot.read_text(encoding="utf-8").replace("id: minimal", "id: dot", 1), encoding="utf-8")
    result = run_cli("build", "-q", "-j", "1", cwd=project)
    assert result.exit_code == 0, result.output


    assert "Minimum payout Nothing is paid unless the amount owed is more than 1 USD." in \
        page_text(project, "minimal", "en")
    assert "Chỉ chi trả khi số tiền phải trả lớn hơn 1 USD." in page_text(project, "minimal", "vi")
    dot = page_text(project, "dot", "en")
    assert "200 % of the ticket price, at most 1,075 USD" in dot
    assert "400 % of the ticket price, at most 1,550 USD (2,150 USD from 1 January 2027)" in dot
    assert "4 times the delivery fee" in page_text(project, "times", "en")
    assert "4 lần phí giao hàng" in page_text(project, "times", "vi")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cents=st.integers(0, 100_000), uptime=st.sampled_from(["99.95", "99.5", "98"]))
def test_a_credit_is_more_than_a_dollar_or_nothing(cents: int, uptime: str) -> None:
    fee = Decimal(cents) / 100
    outcome = owed(policy_with(CREDIT), {"uptime": uptime, "monthly_fee": f"{fee} USD",
                                         "announced": "no"})
    share = {"99.95": 0, "99.5": 10, "98": 25}[uptime]
    credit = (fee * share / 100).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    assert outcome.amount is not None
    assert outcome.amount.amount == (credit if credit > 1 else 0)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cents=st.integers(0, 200_000), minutes=st.integers(0, 600))
def test_the_band_pays_its_multiple_up_to_its_cap(cents: int, minutes: int) -> None:
    fare = Decimal(cents) / 100
    outcome = owed(policy_with(DOT), {"arrival_delay": f"{minutes} minutes",
                                      "ticket_price": f"{fare} USD", "happened": "2026-06-01"})
    times, cap = (0, 0) if minutes <= 60 else (2, 1075) if minutes < 120 else (4, 1550)
    assert outcome.amount is not None
    assert outcome.amount.amount == min(fare * times, Decimal(cap))


def test_the_charter_shows_worked_examples_of_capped_bands() -> None:
    """Amounts that change by date are computed on the day the charter takes effect, the
    day its tables show: the examples are not left out for want of that day."""
    policy = policy_with(DOT)
    examples = worked_examples(policy, policy.worst_cases[0], None)
    owed_amounts = [example.outcome.amount for example in examples]
    assert len(examples) >= 3 and money("0 USD") in owed_amounts
    assert all(example.facts["happened"] == "2026-01-01" for example in examples)
    assert any(amount is not None and amount.amount > 0 for amount in owed_amounts)
