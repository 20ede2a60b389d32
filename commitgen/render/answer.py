"""What ``commitgen compensate`` prints: the answer in words, or as JSON."""

from __future__ import annotations

from typing import Any

from commitgen.compute import FactKind, FactSpec, Outcome, Requirement
from commitgen.model.policy import Charter, WorstCase
from commitgen.render.steps import fact_line, word_outcome
from commitgen.render.wording import Wording
from commitgen.versions.in_force import InForce


def _title(policy: Charter, case: WorstCase, words: Wording) -> str:
    return f"{policy.id} / {case.id}: {words.text(case.title)}"


def _version_line(version: InForce, words: Wording) -> str | None:
    """Which terms applied, when they are not the current ones."""
    if version.release is None or version.until is None:
        return None
    return words.gettext("Under version %(version)s of the charter, which applied until "
                         "%(until)s.", version=version.policy.version,
                         until=words.date(version.until))


def answer_text(policy: Charter, case: WorstCase, outcome: Outcome, words: Wording,
                version: InForce) -> str:
    worded = word_outcome(outcome, words)
    lines = [_title(policy, case, words)]
    note = _version_line(version, words)
    lines += [note] if note else []
    lines += [worded.headline, words.gettext("How it is computed:")]
    lines += [f"  {number}. {text}" for number, text in enumerate(worded.steps, start=1)]
    return "\n".join(lines)


def answer_json(outcome: Outcome, words: Wording, version: InForce) -> dict[str, Any]:
    """The outcome in the engine's terms, the version of the charter it was computed
    under, and its wording in the chosen language."""
    worded = word_outcome(outcome, words)
    note = _version_line(version, words)
    return {**outcome.to_json(), "language": words.language,
            "version": {"version": version.policy.version,
                        "effective": version.policy.effective.isoformat(),
                        "until": version.until.isoformat() if version.until else None,
                        "current": version.release is None},
            "words": {"owed": worded.headline, "steps": worded.steps,
                      **({"version": note} if note else {})}}


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
