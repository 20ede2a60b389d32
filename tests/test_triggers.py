"""Triggers: the thresholds that decide whether there is a case at all — an error rate
above 5 % for at least 5 consecutive minutes over at least 100 requests; a storm of eight
times the daily mean faults — typed, checked by the engine, asked for first, explained by
a step, in the terms and the charter, in both languages."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commitgen.compute import facts_for
from commitgen.compute.examples import worked_examples
from commitgen.compute.terms import scheme_terms
from tests.conftest import RunCli
from tests.engine_support import built_with, kinds, money, owed, page_text, policy_file, policy_with

ERRORS = """{type: fixed, amount: 100 USD,
  trigger: [{fact: error_rate, name: {vi: Tỷ lệ lỗi, en: Error rate}, unit: "%", above: 5},
            {fact: consecutive_minutes, name: {vi: Số phút liên tiếp, en: Consecutive minutes},
             unit: minutes, at_least: 5},
            {fact: requests, name: {vi: Số yêu cầu, en: Requests}, unit: requests,
             at_least: 100}],
  payment: {method: automatic, forms: [bill_credit], within: 30 days}}"""

STORM = """{type: fixed, amount: 50 GBP,
  trigger: [{fact: faults, name: Faults in the day, unit: times the daily mean, at_least: 8,
             relative_to: {fact: daily_mean_faults, name: Daily mean of faults, unit: faults}}],
  payment: {method: automatic, forms: [cash], within: 30 days}}"""

MET = {"error_rate": "5.01", "consecutive_minutes": "5 minutes", "requests": 100}


def test_every_threshold_must_hold() -> None:
    policy = policy_with(ERRORS)
    assert owed(policy, MET).amount == money("100 USD")
    assert kinds(owed(policy, MET))[:3] == ["trigger"] * 3
    for fact, value in (("error_rate", "5"), ("consecutive_minutes", "4 minutes"),
                        ("requests", 99)):
        outcome = owed(policy, {**MET, fact: value})
        assert outcome.amount == money("0 USD"), fact
        assert kinds(outcome)[-1] == "not_triggered"
        assert outcome.steps[-1].values["fact"] == fact


def test_a_time_threshold_compares_in_minutes() -> None:
    policy = policy_with(ERRORS.replace("unit: minutes, at_least: 5", "unit: hours, "
                                        "at_least: 1.5"))
    assert owed(policy, {**MET, "consecutive_minutes": "90 minutes"}).amount == \
        money("100 USD")
    assert owed(policy, {**MET, "consecutive_minutes": "89 minutes"}).amount == \
        money("0 USD")


def test_a_threshold_relative_to_another_value() -> None:
    policy = policy_with(STORM)
    assert owed(policy, {"faults": 80, "daily_mean_faults": 10}).amount == money("50 GBP")
    assert owed(policy, {"faults": 79, "daily_mean_faults": 10}).amount == money("0 GBP")
    assert owed(policy, {"faults": 12, "daily_mean_faults": "1.5"}).amount == money("50 GBP")


def test_the_thresholds_are_asked_first() -> None:
    names = [spec.name for spec, _ in facts_for(policy_with(ERRORS), "outage")]
    assert names[:3] == ["error_rate", "consecutive_minutes", "requests"]
    storm = [spec.name for spec, _ in facts_for(policy_with(STORM), "outage")]
    assert storm[:2] == ["faults", "daily_mean_faults"]


def test_a_category_has_its_own_thresholds() -> None:
    scheme = f"""{{type: by_category, category: {{fact: plan, name: Plan}},
      categories: [{{id: basic, name: Basic, compensation: {ERRORS}}},
                   {{id: free, name: Free, compensation: {{type: none, reason: Free plan}}}}],
      payment: {{method: automatic, forms: [bill_credit], within: 30 days}}}}"""
    scheme = scheme.replace(",\n  payment: {method: automatic, forms: [bill_credit], "
                            "within: 30 days}}", "}", 1)
    policy = policy_with(scheme)
    assert owed(policy, {"plan": "basic", **MET}).amount == money("100 USD")
    assert owed(policy, {"plan": "basic", **MET, "requests": 1}).amount == money("0 USD")


def test_the_terms_carry_the_thresholds() -> None:
    terms = scheme_terms(policy_with(ERRORS).worst_cases[0].compensation)
    first, second = terms["trigger"][:2]
    assert first["fact"] == "error_rate" and first["lower"] == {"value": Decimal(5),
                                                                "inclusive": False}
    assert second["minutes_per_unit"] == 1 and first["relative_to"] is None
    storm = scheme_terms(policy_with(STORM).worst_cases[0].compensation)
    assert storm["trigger"][0]["relative_to"]["fact"] == "daily_mean_faults"


def test_mistakes_are_located(tmp_path: Path, run_cli: RunCli) -> None:
    bad = ERRORS.replace('unit: "%", above: 5}', 'unit: "%"}').replace(
        "{fact: requests, name: {vi: Số yêu cầu, en: Requests}, unit: requests",
        "{fact: requests, unit: requests")
    result = run_cli("check", str(policy_file(tmp_path, bad)))
    assert result.exit_code != 0
    assert re.search(r"minimal\.yaml:\d+:\d+: .*compensation\.trigger\[0\]: a band needs a "
                     r"lower or an upper bound", result.output), result.output
    assert re.search(r"minimal\.yaml:\d+:\d+: .*compensation\.trigger\[2\]\.name: ",
                     result.output), result.output
    assert "docs/format.md#shared-parts-explanation-reductions-payment-proof" in result.output


def test_compensate_explains_it_in_both_languages(tmp_path: Path, run_cli: RunCli) -> None:
    path = policy_file(tmp_path, ERRORS)
    facts = ["--fact", "error_rate=7", "--fact", "consecutive_minutes=3m", "--fact",
             "requests=500"]
    en = run_cli("compensate", str(path), "outage", *facts, "--lang", "en")
    assert en.exit_code == 0, en.output
    out = en.output.replace("\xa0", " ")
    assert "Error rate: 7 % (> 5 %): this counts." in out
    assert ("Consecutive minutes: 3 minutes, not ≥ 5 minutes: there is no case under this "
            "scheme, nothing is owed.") in out
    vi = run_cli("compensate", str(path), "outage", *facts, "--lang", "vi")
    assert vi.exit_code == 0, vi.output
    assert "không thuộc trường hợp được bồi thường" in vi.output


@pytest.mark.pdf
def test_the_charter_states_the_thresholds(tmp_path: Path, run_cli: RunCli) -> None:
    project = built_with(tmp_path, run_cli, ERRORS)


    assert ("When it counts There is a case only when all of these hold: error rate > 5 %; "
            "consecutive minutes ≥ 5 minutes; requests ≥ 100 requests.") in \
        page_text(project, "minimal", "en")
    assert "Chỉ được bồi thường khi đáp ứng tất cả các điều kiện sau: tỷ lệ lỗi > 5 %" in \
        page_text(project, "minimal", "vi")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rate=st.decimals(0, 100, places=2), minutes=st.integers(0, 20),
       requests=st.integers(0, 300))
def test_owed_exactly_when_every_threshold_holds(rate: Decimal, minutes: int,
                                                 requests: int) -> None:
    outcome = owed(policy_with(ERRORS), {"error_rate": str(rate),
                                         "consecutive_minutes": f"{minutes} minutes",
                                         "requests": requests})
    case = rate > 5 and minutes >= 5 and requests >= 100
    assert outcome.amount == money("100 USD" if case else "0 USD")


def test_the_worked_examples_are_cases_that_count() -> None:
    """Examples the engine picks give each threshold a value inside it (else they would
    all owe nothing, or be left out for want of the value)."""
    policy = policy_with("""{type: per_period, after: 1 day, initial: 10 GBP, then: 2 GBP,
      every: 1 day, cap: 50 GBP,
      trigger: [{fact: estimated_cost, name: Estimated cost, unit: GBP, at_most: 250},
                {fact: faults, name: Faults, unit: times the daily mean, above: 8,
                 relative_to: {fact: daily_mean_faults, name: Daily mean, unit: faults}}],
      payment: {method: automatic, forms: [cash], within: 30 days}}""")
    examples = worked_examples(policy, policy.worst_cases[0], None)
    assert len(examples) >= 3
    assert {e.facts["estimated_cost"] for e in examples} == {"250"}
    assert {(e.facts["faults"], e.facts["daily_mean_faults"]) for e in examples} == {
        ("9", "1")}
    assert "not_triggered" not in {kind for e in examples for kind in kinds(e.outcome)}
    assert max(e.outcome.amount.amount for e in examples if e.outcome.amount) == 50
