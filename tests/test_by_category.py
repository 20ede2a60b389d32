"""A categorical dimension (``type: by_category``): one scheme per category of the case,
each with its own bands and currency, computed, stated and checked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commitgen.cli import main
from commitgen.compute import FactsError, compensate, facts_for
from commitgen.compute.picks import chosen_facts
from commitgen.compute.terms import scheme_terms
from commitgen.model.policy import Policy
from commitgen.rules.engine import structural_problems
from tests.engine_support import MINIMAL, money, owed, policy_with, yaml_data

ROUTES = """{type: by_category, category: {name: Route, fact: route}, categories: [
  {id: domestic, name: Domestic flight, compensation: {type: bands,
    measure: {fact: route_length, name: Route length, unit: km},
    bands: [{below: 500, amount: 200000 VND}, {at_least: 500, amount: 300000 VND}]}},
  {id: international, name: International flight, compensation: {type: bands,
    measure: {fact: route_length, name: Route length, unit: km},
    bands: [{below: 1000, amount: 25 USD}, {at_least: 1000, amount: 50 USD}]}}],
  payment: {method: automatic, forms: [cash], within: immediately}}"""


def test_each_category_pays_its_own_bands_in_its_own_currency() -> None:
    policy = policy_with(ROUTES)
    assert owed(policy, {"route": "domestic", "route_length": 499}).amount == \
        money("200000 VND")
    assert owed(policy, {"route": "domestic", "route_length": 500}).amount == \
        money("300000 VND")
    assert owed(policy, {"route": "international", "route_length": 999}).amount == \
        money("25 USD")
    outcome = owed(policy, {"route": "International", "route_length": 1000})
    assert outcome.amount == money("50 USD")
    first = outcome.steps[0]
    assert first.kind == "category" and first.values["value"] == "international"


def test_an_unknown_category_is_refused_with_the_valid_ones() -> None:
    with pytest.raises(FactsError) as error:
        owed(policy_with(ROUTES), {"route": "regional", "route_length": 10})
    assert "domestic, international" in str(error.value)


def test_the_category_is_always_needed_and_its_facts_only_when_they_matter() -> None:
    needed = {spec.name: level.name for spec, level in facts_for(policy_with(ROUTES),
                                                                  "outage")}
    assert needed["route"] == "ALWAYS" and needed["route_length"] == "IF_USED"


def test_terms_list_each_category_with_its_scheme() -> None:
    terms = scheme_terms(policy_with(ROUTES).worst_cases[0].compensation)
    assert terms["currency"] is None
    assert [c["id"] for c in terms["categories"]] == ["domestic", "international"]
    assert terms["categories"][1]["scheme"]["currency"] == "USD"


def test_worked_examples_are_chosen_in_every_category() -> None:
    policy = policy_with(ROUTES)
    picked = chosen_facts(policy, policy.worst_cases[0])
    assert {facts["route"] for facts in picked} == {"domestic", "international"}


@pytest.mark.parametrize(("inner", "message"), [
    ("{type: fixed, amount: 1 USD, payment: {method: automatic, forms: [cash], "
     "within: 1 day}}", "said once for every category"),
    ("{type: by_category, category: {name: Ticket}, categories: ["
     "{id: a, name: A, compensation: {type: fixed, amount: 1 USD}},"
     "{id: b, name: B, compensation: {type: fixed, amount: 2 USD}}]}",
     "cannot be divided into categories again"),
])
def test_what_a_category_cannot_hold(inner: str, message: str) -> None:
    data = yaml_data(MINIMAL.read_text("utf-8"))
    data["worst_cases"][0]["compensation"] = yaml_data(
        "{type: by_category, category: {name: Route}, categories: ["
        f"{{id: one, name: One, compensation: {inner}}},"
        "{id: one, name: Two, compensation: {type: fixed, amount: 5 USD}}]}")
    problems = structural_problems(Policy.model_validate(data))
    messages = [p.message for p in problems]
    assert any(message in m for m in messages), messages
    assert any('duplicate category "one"' in m for m in messages), messages
    assert all(p.path[:4] == ("worst_cases", 0, "compensation", "categories")
               for p in problems if "categor" in p.message)


def test_compensate_on_the_command_line_asks_for_the_category() -> None:
    fixture = Path("tests/data/schemes/vn-air-advance.yaml")
    listed = CliRunner().invoke(main, ["compensate", str(fixture), "long-delay",
                                       "--list-facts"])
    assert listed.exit_code == 0, listed.output
    assert "route — one of domestic, international (Route); needed" in listed.output
    result = CliRunner().invoke(main, [
        "compensate", str(fixture), "long-delay", "--fact", "route=international",
        "--fact", "route_length=2500", "--fact", "delay=4h1m", "--fact", "told_in_time=no",
        "--format", "json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer["steps"][0]["kind"] == "category"
    assert answer["amount"] == {"amount": "80", "currency": "USD"}


amounts = st.integers(min_value=1, max_value=10**6)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(vnd=st.lists(amounts, min_size=2, max_size=2), usd=st.lists(amounts, min_size=2,
                                                                     max_size=2),
       edge=st.integers(1, 5000), length=st.integers(0, 10000),
       route=st.sampled_from(["domestic", "international"]))
def test_a_category_owes_exactly_what_its_scheme_alone_owes(
        vnd: list[int], usd: list[int], edge: int, length: int, route: str) -> None:
    def bands(amounts: list[int], currency: str) -> str:
        return (f"{{type: bands, measure: {{fact: route_length, name: Route length, unit: "
                f"km}}, bands: [{{below: {edge}, amount: {amounts[0]} {currency}}}, "
                f"{{at_least: {edge}, amount: {amounts[1]} {currency}}}]}}")
    alone = {"domestic": bands(vnd, "VND"), "international": bands(usd, "USD")}
    by_category = policy_with(
        "{type: by_category, category: {name: Route}, categories: ["
        f"{{id: domestic, name: Domestic, compensation: {alone['domestic']}}},"
        f"{{id: international, name: International, compensation: "
        f"{alone['international']}}}]}}")
    single: Policy = policy_with(alone[route])
    chosen = owed(by_category, {"route": route, "route_length": length})
    direct = owed(single, {"route_length": length})
    assert chosen.amount == direct.amount
    assert [s.to_json() for s in chosen.steps[1:]] == [s.to_json() for s in direct.steps]
    assert compensate(by_category, "outage", {"route": route, "route_length": length}
                      ).amount == direct.amount
