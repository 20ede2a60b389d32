"""Worked examples: the author's (checked against the engine) or chosen by the engine at
the edges that matter, and the staff briefing's quick table.

An author's example gives facts and the amount expected; ``check`` computes it and
reports a difference (CG060) or a fact the engine cannot use (CG061) at the example.
Where the author wrote none, :func:`chosen_facts` picks cases just inside and just
outside a threshold or a band edge (see :mod:`commitgen.compute.picks`). The reductions'
yes/no facts default to ``no`` in an example.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from commitgen.compute.budget import Deadline
from commitgen.compute.engine import FactsError, compensate
from commitgen.compute.facts import FactKind
from commitgen.compute.needs import facts_needed
from commitgen.compute.outcome import Outcome
from commitgen.compute.picks import chosen_facts
from commitgen.diagnostics import CODE_EXAMPLE, CODE_FACT, FieldPath
from commitgen.model.business_time import BusinessTime
from commitgen.model.facts import WorkedExample
from commitgen.model.policy import Charter, WorstCase


@dataclass(frozen=True)
class Example:
    """Facts of one case and what the engine computes for them."""

    facts: Mapping[str, Any]
    outcome: Outcome
    authored: bool  # written in the policy (and checked), not chosen by the engine


@dataclass(frozen=True)
class ExampleProblem:
    """An author's example the engine disagrees with, or cannot compute."""

    path: FieldPath
    code: str
    message: str
    outcome: Outcome | None = None  # the computation, when there is one
    hint: str = ""


def _with_defaults(case: WorstCase, facts: Mapping[str, Any]) -> dict[str, Any]:
    """The facts with every reduction's yes/no fact defaulting to no."""
    out = dict(facts)
    for spec, _ in facts_needed(case):
        if spec.kind is FactKind.CONDITION:
            out.setdefault(spec.name, False)
    return out


def _compute(policy: Charter, case: WorstCase, facts: Mapping[str, Any],
             business_time: BusinessTime | None) -> Outcome:
    return compensate(policy, case.id, _with_defaults(case, facts), business_time)


def worked_examples(policy: Charter, case: WorstCase, business_time: BusinessTime | None,
                    thorough: bool = False, deadline: Deadline | None = None
                    ) -> list[Example]:
    """The examples a document prints: the author's, else a few chosen at the edges;
    ``thorough`` gives the quick table instead (chosen at every edge). Examples the
    engine cannot compute are left out (``check`` reports the author's). The
    ``deadline`` is looked at before each example."""
    if case.examples and not thorough:
        sources: list[tuple[Mapping[str, Any], bool]] = [(e.facts, True) for e in case.examples]
    else:
        sources = [(facts, False) for facts in chosen_facts(policy, case, thorough)]
    out = []
    for facts, authored in sources:
        if deadline is not None:
            deadline.check()
        try:
            out.append(Example(facts, _compute(policy, case, facts, business_time), authored))
        except FactsError:
            continue
    return out


def _agrees(example: WorkedExample, outcome: Outcome) -> bool:
    expected = example.owed.amount if example.owed is not None else 0
    computed = outcome.amount.amount if outcome.amount is not None else 0
    same_currency = example.owed is None or outcome.amount is None or \
        example.owed.currency == outcome.amount.currency
    return expected == computed and same_currency and example.extension == outcome.extension


def example_problems(policy: Charter, business_time: BusinessTime | None
                     ) -> Iterator[ExampleProblem]:
    """Every author's example the engine computes otherwise, or cannot compute."""
    for index, case in enumerate(policy.worst_cases):
        for number, example in enumerate(case.examples):
            where: FieldPath = ("worst_cases", index, "examples", number)
            try:
                outcome = _compute(policy, case, example.facts, business_time)
            except FactsError as error:
                for problem in error.problems:
                    at = (*where, "facts", problem.name) if problem.name in example.facts \
                        else (*where, "facts")
                    yield ExampleProblem(at, CODE_FACT, problem.message, hint=problem.hint)
                continue
            if not _agrees(example, outcome):
                yield ExampleProblem((*where, "owed"), CODE_EXAMPLE, "", outcome)
