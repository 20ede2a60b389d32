"""What the documents show of each worst case's compensation, from the engine: the scheme
in the engine's terms, the worked examples (the author's, checked, else chosen at the
edges) and, for the staff briefing, a quick table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from commitgen.compute.budget import Deadline
from commitgen.compute.examples import Example, worked_examples
from commitgen.compute.facts import FactKind, FactSpec, FactValue, read_fact
from commitgen.compute.needs import facts_needed, policy_currency
from commitgen.compute.outcome import json_value
from commitgen.compute.terms import TERMS_VERSION, scheme_terms, terms_json
from commitgen.model.business_time import BusinessTime
from commitgen.model.money import Money, currency_digits
from commitgen.model.policy import Charter, WorstCase
from commitgen.model.walk import walk


@dataclass(frozen=True)
class ExampleRow:
    """One example as a table row: the value of each column's fact (None: not given)."""

    values: list[FactValue | None]
    example: Example


@dataclass(frozen=True)
class ExampleTable:
    """Examples of one case: a column per fact given, a row per example."""

    columns: list[FactSpec]
    rows: list[ExampleRow] = field(default_factory=list)


@dataclass(frozen=True)
class CaseCompensation:
    """One worst case's compensation as the documents show it."""

    terms: dict[str, Any]
    examples: ExampleTable  # the charter's "For example" (and the briefing's)
    quick: ExampleTable  # the staff briefing's quick table


def _table(case: WorstCase, examples: list[Example], currency: str | None) -> ExampleTable:
    specs = [spec for spec, _ in facts_needed(case, currency)]
    shown = [spec for spec in specs if any(
        spec.name in e.facts and not (spec.kind is FactKind.CONDITION and not
                                      _truthy(spec, e.facts[spec.name])) for e in examples)]
    rows = []
    for example in examples:
        values: list[FactValue | None] = []
        for spec in shown:
            raw = example.facts.get(spec.name)
            values.append(read_fact(spec, raw) if raw is not None else None)
        rows.append(ExampleRow(values, example))
    return ExampleTable(shown, rows)


def _truthy(spec: FactSpec, raw: Any) -> bool:
    return bool(read_fact(spec, raw))


def case_compensation(policy: Charter, business_time: BusinessTime | None,
                      seconds: float | None = None) -> Mapping[str, CaseCompensation]:
    """Each worst case's compensation by case id; ``business_time`` is the project's
    calendar for a policy without its own. Within ``seconds`` when given (else
    :class:`~commitgen.compute.budget.ComputeLimitExceeded`)."""
    out = {}
    currency = policy_currency(policy)  # once: it reads every case
    deadline = None if seconds is None else Deadline.after(seconds)
    for case in policy.worst_cases:
        examples = worked_examples(policy, case, business_time, deadline=deadline)
        quick = worked_examples(policy, case, business_time, thorough=True,
                                deadline=deadline)
        if [dict(e.facts) for e in quick] == [dict(e.facts) for e in examples]:
            quick = []  # the quick table would repeat the examples
        out[case.id] = CaseCompensation(scheme_terms(case.compensation),
                                        _table(case, examples, currency),
                                        _table(case, quick, currency))
    return out


#: how charter.json says amounts are rounded (docs/charter-json.md)
ROUNDING = ("every amount a step computes is rounded to the currency's minor unit, halves "
            "away from zero (ROUND_HALF_UP); reductions apply after caps and minimums")


def compensation_json(charter: Charter, cases: Mapping[str, CaseCompensation],
                      language: str) -> dict[str, Any]:
    """The ``compensation`` of charter.json: each worst case's scheme in the engine's
    terms (texts in ``language``) and the examples the charter prints, with their facts
    as the engine read them and what it computed."""
    fallback = charter.default_language
    currencies = sorted({v.currency for _, v in walk(charter) if isinstance(v, Money)} |
                        {row.example.outcome.amount.currency for item in cases.values()
                         for row in item.examples.rows
                         if row.example.outcome.amount is not None})
    return {
        "terms_version": TERMS_VERSION,
        "rounding": ROUNDING,
        "currencies": {code: currency_digits(code) for code in currencies},
        "cases": [{
            "case": case.id,
            "scheme": terms_json(cases[case.id].terms, language, fallback),
            "examples": [{
                "facts": {spec.name: json_value(value) for spec, value in
                          zip(cases[case.id].examples.columns, row.values, strict=True)
                          if value is not None},
                "owed": json_value(row.example.outcome.amount),
                "extension": json_value(row.example.outcome.extension),
                "authored": row.example.authored,
            } for row in cases[case.id].examples.rows],
        } for case in charter.worst_cases],
    }
