"""The entry points: which facts a case needs, and what is owed for one case.

>>> outcome = compensate(policy, "service-outage",
...                      {"availability": "99.2%", "monthly_fee": "3000000 VND"})
>>> outcome.amount
Money(750000 VND)
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from commitgen.business_calendar import BusinessCalendar
from commitgen.compute.context import WHY, Context, describe_kind
from commitgen.compute.deadlines import deadlines
from commitgen.compute.facts import FactProblem, FactProblems, FactSpec, Moment, read_fact
from commitgen.compute.needs import Requirement, facts_needed, policy_currency, scheme_currency
from commitgen.compute.outcome import Outcome
from commitgen.compute.schemes import owed
from commitgen.model.business_time import BusinessTime
from commitgen.model.facts import CLAIMED, HAPPENED, PAID, RESOLVED
from commitgen.model.money import Money
from commitgen.model.policy import Charter, WorstCase


class UnknownCase(LookupError):
    """The policy has no worst case with this id."""

    def __init__(self, case_id: str, known: list[str]) -> None:
        close = difflib.get_close_matches(case_id, known, n=1)
        hint = f' — did you mean "{close[0]}"?' if close else ""
        super().__init__(f'no worst case "{case_id}"{hint} (cases: {", ".join(known)})')
        self.case_id = case_id
        self.known = known


class FactsError(ValueError):
    """Facts missing or unusable: every problem, and the facts the case needs."""

    def __init__(self, problems: list[FactProblem], needed: list[FactSpec]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems
        self.needed = needed


def find_case(policy: Charter, case_id: str) -> WorstCase:
    for case in policy.worst_cases:
        if case.id == case_id:
            return case
    raise UnknownCase(case_id, [case.id for case in policy.worst_cases])


def facts_for(policy: Charter, case_id: str) -> list[tuple[FactSpec, Requirement]]:
    """The facts a worst case needs, each with how much it is needed."""
    return facts_needed(find_case(policy, case_id), policy_currency(policy))


def compensate(policy: Charter, case_id: str, facts: Mapping[str, Any],
               business_time: BusinessTime | None = None) -> Outcome:
    """What is owed for one case of ``policy``'s worst case ``case_id``.

    ``facts`` maps fact names to values, written as text (``"99.2%"``, ``"3000000 VND"``,
    ``"2027-03-01"``, ``"yes"``) or typed. ``business_time`` is the project's calendar,
    for a policy that does not declare its own. Raises :class:`UnknownCase` and
    :class:`FactsError` (with every problem of the facts).
    """
    case = find_case(policy, case_id)
    needed = facts_needed(case, policy_currency(policy))
    specs = {spec.name: spec for spec, _ in needed}
    values: dict[str, Any] = {}
    problems: list[FactProblem] = []
    for name, raw in facts.items():
        if name not in specs:
            problems.append(_unknown(name, list(specs)))
            continue
        try:
            values[name] = read_fact(specs[name], raw)
        except FactProblem as problem:
            problems.append(FactProblem(name, problem.message, problem.hint))
    problems += _date_problems(policy, values)
    problems += [_missing(spec) for spec, level in needed
                 if level is Requirement.ALWAYS and spec.name not in values
                 and spec.name not in {p.name for p in problems}]
    if problems:
        raise FactsError(problems, [spec for spec, _ in needed])
    config = policy.business_time or business_time
    ctx = Context(policy, case, specs, values,
                  BusinessCalendar(config) if config is not None else None)
    scheme = case.compensation
    try:
        money, extension = owed(scheme, ctx)
        if money is None:
            currency = scheme_currency(scheme) or next(
                (v.currency for v in values.values() if isinstance(v, Money)), None)
            money = Money(Decimal(0), currency) if currency and scheme.type != "none" else None
        times = deadlines(ctx, scheme, money)
    except FactProblem as problem:
        raise FactsError([problem], [spec for spec, _ in needed]) from None
    except FactProblems as group:
        raise FactsError(group.problems, [spec for spec, _ in needed]) from None
    if times.claimed_too_late:
        money = Money(Decimal(0), money.currency) if money is not None else None
        extension = None
    return Outcome(policy.id, case.id, scheme.type, money, extension, tuple(ctx.steps),
                   claim_deadline=times.claim, payment_deadline=times.payment,
                   late_addition=times.late_addition)


def _unknown(name: str, known: list[str]) -> FactProblem:
    close = difflib.get_close_matches(name, known, n=1)
    if close:
        return FactProblem(name, f'this case has no fact "{name}"',
                           f'did you mean "{close[0]}"?')
    return FactProblem(name, f'this case has no fact "{name}"',
                       "its facts: " + ", ".join(known))


def _missing(spec: FactSpec) -> FactProblem:
    return FactProblem(spec.name, f'this case needs the fact "{spec.name}" '
                       f"({describe_kind(spec)}): {WHY[spec.need]}",
                       f"give it, e.g. {spec.name}={spec.example()}")


def _date_problems(policy: Charter, values: dict[str, Any]) -> list[FactProblem]:
    """A case before the charter took effect, or a claim, notice or payment out of order."""
    out = []
    happened = values.get(HAPPENED)
    if isinstance(happened, Moment) and happened.day < policy.effective:
        out.append(FactProblem(HAPPENED, f"{happened.day} is before this charter took effect "
                               f"({policy.effective})", "a case that happened earlier falls "
                               "under the version of the charter in force then"))
    if isinstance(happened, Moment):
        for name in (CLAIMED, PAID, RESOLVED):
            later = values.get(name)
            if isinstance(later, Moment) and later.at < happened.at:
                out.append(FactProblem(name, f"{name} ({later.at:%Y-%m-%d}) is before the "
                                       f"case happened ({happened.at:%Y-%m-%d})",
                                       "check both dates"))
    return out
