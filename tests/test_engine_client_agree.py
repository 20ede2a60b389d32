"""The engine and a client that knows only charter.json agree on every case, not only on
the worked examples: ``hypothesis`` draws the facts of each compensation of the bundled
policies and of the real schemes (values at and around every band bound and threshold,
amounts in each currency's minor unit, dates across the amounts' effective dates,
reductions on and off) and both compute what is owed."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commitgen.compute import FactKind, compensate, facts_for
from commitgen.compute.cases import case_compensation
from commitgen.loading.sources import load_policy
from commitgen.model.facts import CLAIMED, HAPPENED, PAID, TOLD
from commitgen.model.policy import Charter
from commitgen.render.documents import charter_json
from tests.conftest import DATA, EXAMPLES

_spec = importlib.util.spec_from_file_location("charter_client", DATA / "charter_client.py")
assert _spec is not None and _spec.loader is not None
client = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(client)

POLICIES = sorted(EXAMPLES.glob("*.yaml")) + sorted(
    p for p in (DATA / "schemes").glob("*.yaml") if not p.name.endswith(".cases.yaml"))


def _without_payment(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_payment(v) for k, v in value.items() if k != "payment"}
    if isinstance(value, list):
        return [_without_payment(v) for v in value]
    return value


def _cases() -> list[tuple[Charter, dict[str, Any], dict[str, int]]]:
    """(charter, the case's entry of charter.json, currencies) for every case with money
    that the client computes (business-time thresholds need the provider's calendar)."""
    found = []
    for path in POLICIES:
        loaded, problems = load_policy(path, path.name)
        assert loaded is not None, problems
        charter = loaded.policy.charter()
        data = json.loads(charter_json(charter, charter.languages[0],
                                       compensation=case_compensation(charter, None)))
        terms = data["compensation"]
        for case in terms["cases"]:
            scheme = case["scheme"]
            if scheme["type"] in ("none", "service_extension"):
                continue
            if '"business": true' in json.dumps(_without_payment(scheme)):
                continue
            found.append((charter, case, terms["currencies"]))
    return found


CASES = _cases()

#: the integrator's own table of ISO 4217 minor units, for a basis in a currency that
#: the charter does not name
ISO_DIGITS = {"EUR": 2, "GBP": 2, "JPY": 0, "USD": 2, "VND": 0}


def _bounds(scheme: dict[str, Any], fact: str) -> list[Decimal]:
    """The band bounds of the measure named ``fact`` (in its unit)."""
    axes = [scheme] if scheme["type"] == "bands" else [
        scheme.get("rows"), scheme.get("columns")] if scheme["type"] == "grid" else []
    for part in scheme.get("parts", []):
        axes += [part] if part["type"] == "bands" else []
    out = []
    for axis in axes:
        if axis and axis["measure"]["fact"] == fact:
            out += [Decimal(b[end]["value"]) for b in axis["bands"]
                    for end in ("lower", "upper") if b[end] is not None]
    return out


def _near(values: list[Decimal], step: Decimal, top: Decimal) -> st.SearchStrategy[Decimal]:
    """A value at, just under or just over one of ``values``, or anywhere up to ``top``."""
    anywhere = st.decimals(min_value=0, max_value=top, places=2)
    if not values:
        return anywhere
    edge = st.builds(lambda v, d: max(Decimal(0), v + d), st.sampled_from(values),
                     st.sampled_from([-step, Decimal(0), step]))
    return st.one_of(edge, anywhere)


def _thresholds(scheme: dict[str, Any]) -> list[Decimal]:
    """Minutes at which a per-period scheme changes what it pays."""
    found = []
    for part in [scheme, *scheme.get("parts", [])]:
        if part["type"] == "per_period":
            after = client.minutes(part["after"])
            found.append(after)
            if part.get("every"):
                every = client.minutes(part["every"])
                found += [after + every * k for k in range(1, 4)]
    return found


@st.composite
def _facts(draw: st.DrawFn, charter: Charter, case: dict[str, Any],
           currencies: dict[str, int]) -> tuple[dict[str, str], dict[str, Any]]:
    """The same facts twice: as text for the engine, as charter.json values for the
    client."""
    scheme = case["scheme"]
    engine: dict[str, str] = {}
    other: dict[str, Any] = {}
    specs = [spec for spec, _ in facts_for(charter, case["case"])]
    happened = None
    if any(spec.name in (HAPPENED, TOLD) for spec in specs):
        day = charter.effective + dt.timedelta(days=draw(st.integers(0, 3 * 366)))
        happened = dt.datetime.combine(day, dt.time(draw(st.integers(0, 23)),
                                                    draw(st.sampled_from([0, 30]))))
    for spec in specs:
        if spec.kind is FactKind.CATEGORY:  # the rest is drawn for that category's scheme
            chosen = draw(st.sampled_from(spec.choices))
            engine[spec.name] = other[spec.name] = chosen
            scheme = next(c["scheme"] for c in scheme["categories"] if c["id"] == chosen)
            break
    for spec in specs:
        if spec.name in (CLAIMED, PAID) or spec.kind is FactKind.CATEGORY:
            continue  # deadlines: not what the client computes
        if spec.name == HAPPENED:
            assert happened is not None
            engine[spec.name] = other[spec.name] = happened.strftime("%Y-%m-%d %H:%M")
        elif spec.name == TOLD:
            assert happened is not None
            told = happened - dt.timedelta(minutes=draw(st.integers(0, 3 * 1440)))
            engine[spec.name] = other[spec.name] = told.strftime("%Y-%m-%d %H:%M")
        elif spec.kind is FactKind.CONDITION:
            holds = draw(st.booleans())
            engine[spec.name], other[spec.name] = ("yes" if holds else "no"), holds
        elif spec.kind is FactKind.MONEY:
            # a charter whose amounts all come from the basis names no currency: the
            # basis may be in any (its minor unit is ISO 4217's, see ISO_DIGITS)
            currency = scheme.get("currency") or spec.currency or draw(
                st.sampled_from(sorted(ISO_DIGITS)))
            digits = {**ISO_DIGITS, **currencies}[currency]
            amount = Decimal(draw(st.integers(0, 10**7))).scaleb(-digits)
            engine[spec.name] = f"{amount} {currency}"
            other[spec.name] = {"amount": str(amount), "currency": currency}
        elif spec.kind is FactKind.DURATION:
            minutes = draw(_near(_thresholds(scheme), Decimal(1), Decimal(40000))
                           .map(lambda m: m.to_integral_value()))
            engine[spec.name] = f"{minutes} minutes"
            other[spec.name] = {"minutes": str(minutes)}
        elif spec.time_unit is not None:  # a measure in a time unit: minutes
            per = Decimal(client.MINUTES[spec.time_unit.value])
            value = draw(_near([b * per for b in _bounds(scheme, spec.name)], Decimal(1),
                               Decimal(60 * 24 * 30)).map(lambda m: m.to_integral_value()))
            engine[spec.name] = f"{value} minutes"
            other[spec.name] = {"minutes": str(value)}
        else:
            bounds = _bounds(scheme, spec.name)
            percent = any("%" in text for text in (spec.unit.all_strings() if spec.unit
                                                   else []))
            top = Decimal(100) if percent else max([*bounds, Decimal(500)]) * 2
            value = min(draw(_near(bounds, Decimal("0.01"), top)), top)
            engine[spec.name] = other[spec.name] = str(value)
    return engine, other


@pytest.mark.parametrize(("charter", "case", "currencies"), CASES,
                         ids=[f"{c.id}-{case['case']}" for c, case, _ in CASES])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_engine_and_a_charter_json_client_agree(charter: Charter, case: dict[str, Any],
                                                    currencies: dict[str, int],
                                                    data: st.DataObject) -> None:
    engine_facts, client_facts = data.draw(_facts(charter, case, currencies))
    outcome = compensate(charter, case["case"], engine_facts)
    computed = client.Client({**ISO_DIGITS, **currencies}).owed(case["scheme"], client_facts)
    engine_amount = outcome.amount.amount if outcome.amount is not None else Decimal(0)
    assert engine_amount == (computed or Decimal(0)), (engine_facts, outcome.steps)


def test_every_shape_of_scheme_is_compared() -> None:
    shapes = {case["scheme"]["type"] for _, case, _ in CASES}
    assert {"fixed", "per_period", "percentage", "bands", "grid", "refund",
            "combined", "by_category"} <= shapes
    assert len(CASES) >= 20
