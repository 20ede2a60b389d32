"""What ``commitgen compensate`` prints: the answer in words, or as JSON."""

from __future__ import annotations

from typing import Any

from commitgen.compute import FactKind, FactSpec, Outcome, Requirement
from commitgen.model.policy import Charter, WorstCase
from commitgen.render.steps import fact_line, word_outcome
from commitgen.render.wording import Wording


def _title(policy: Charter, case: WorstCase, words: Wording) -> str:
    return f"{policy.id} / {case.id}: {words.text(case.title)}"


def answer_text(policy: Charter, case: WorstCase, outcome: Outcome, words: Wording) -> str:
    worded = word_outcome(outcome, words)
    lines = [_title(policy, case, words), worded.headline, words.gettext("How it is computed:")]
    lines += [f"  {number}. {text}" for number, text in enumerate(worded.steps, start=1)]
    return "\n".join(lines)


def answer_json(outcome: Outcome, words: Wording) -> dict[str, Any]:
    """The outcome in the engine's terms, and its wording in the chosen language."""
    worded = word_outcome(outcome, words)
    return {**outcome.to_json(), "language": words.language,
            "words": {"owed": worded.headline, "steps": worded.steps}}


def facts_text(policy: Charter, case: WorstCase, needed: list[tuple[FactSpec, Requirement]],
               words: Wording) -> str:
    lines = [_title(policy, case, words), words.gettext("The facts of this case:")]
    lines += [f"  {fact_line(spec, level, words)}" for spec, level in needed]
    example = " ".join(
        f"--fact {spec.name}=" + (policy.effective.isoformat() if spec.kind is FactKind.MOMENT
                                  else spec.example()).replace(" ", "")
        for spec, level in needed if level is not Requirement.OPTIONAL)
    lines.append(words.gettext("For example: %(command)s", command=(
        f"commitgen compensate {policy.id} {case.id} {example}".rstrip())))
    return "\n".join(lines)


def facts_json(needed: list[tuple[FactSpec, Requirement]]) -> list[dict[str, Any]]:
    return [{"name": spec.name, "kind": str(spec.kind), "need": str(spec.need),
             "requirement": level.name.lower(),
             "unit": spec.unit.to_json() if spec.unit is not None else None,
             "currency": spec.currency,
             "basis": spec.basis.value if spec.basis is not None else None,
             "label": spec.label.to_json() if spec.label is not None else None,
             "example": spec.example()} for spec, level in needed]
