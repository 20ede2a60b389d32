"""The compensation engine: what is owed for one case of a worst case, and why.

A pipeline stage between validation and rendering: it reads the typed model and never
renders, prints or reads files. ``compensate(policy, case_id, facts)`` returns an
:class:`Outcome` (the amount as typed money, free service time, the claim and payment
deadlines, late-payment additions and the language-neutral steps); ``facts_for`` lists
the facts a case needs. Problems with the facts raise :class:`FactsError`.
"""

from commitgen.compute.engine import FactsError, UnknownCase, compensate, facts_for, find_case
from commitgen.compute.facts import FactKind, FactProblem, FactSpec, Moment, Need, Quantity
from commitgen.compute.needs import Requirement
from commitgen.compute.outcome import Outcome, Step, StepKind, round_money

__all__ = ["FactKind", "FactProblem", "FactSpec", "FactsError", "Moment", "Need", "Outcome",
           "Quantity", "Requirement", "Step", "StepKind", "UnknownCase", "compensate",
           "facts_for", "find_case", "round_money"]
