"""``commitgen diff`` output: text for a terminal, JSON for machines, Markdown for a
pull-request comment. Values are shown in the charter's default language."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from commitgen.compute import Quantity
from commitgen.model.base import Text
from commitgen.model.duration import Duration, TimeUnit
from commitgen.model.money import Money
from commitgen.versions.diff.change import ASPECTS, Change, Example, Verdict

FORMATS = ("text", "json", "markdown")
_ORDER = {Verdict.WORSE: 0, Verdict.BETTER: 1, Verdict.NEUTRAL: 2}


def show(value: Any, language: str) -> str:
    """A value as plain text (for reports; documents format values per locale)."""
    if value is None:
        return "—"
    if isinstance(value, Text):
        return value.get(language)
    if isinstance(value, Quantity):
        if value.minutes:
            return str(Duration(value.value, TimeUnit.MINUTE))
        return f"{value.value.normalize():f}"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Money | Duration | dt.date):
        return str(value)
    return str(value)


def example_text(example: Example, language: str) -> str:
    facts = ", ".join(f"{fact.name} {show(fact.value, language)}" for fact in example.facts)
    return (f"with {facts}: was {show(example.old, language)}, "
            f"now {show(example.new, language)}")


def describe(change: Change, language: str) -> str:
    """``new fee (Renewal fee): — → 500000 VND``"""
    what = ASPECTS.get(change.aspect, change.aspect)
    if change.subject is not None:
        what += f" ({show(change.subject, language)})"
    if change.old is not None or change.new is not None:
        what += f": {show(change.old, language)} → {show(change.new, language)}"
    for example in change.examples:
        what += f"; e.g. {example_text(example, language)}"
    return what


def ordered(changes: Sequence[Change]) -> list[Change]:
    """Worse first, then better, then neutral; document order within each."""
    return sorted(changes, key=lambda c: _ORDER[c.verdict])


def render(changes: Sequence[Change], fmt: str, old: str, new: str, language: str) -> str:
    if fmt == "json":
        return json.dumps({"old": old, "new": new, "changes": [
            _json(c, language) for c in changes]}, ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        return _markdown(changes, old, new, language)
    return _text(changes, old, new, language)


def summary(changes: Sequence[Change]) -> str:
    counts = {v: sum(c.verdict is v for c in changes) for v in Verdict}
    return (f"{len(changes)} change{'s' if len(changes) != 1 else ''}: "
            f"{counts[Verdict.WORSE]} worse, {counts[Verdict.BETTER]} better, "
            f"{counts[Verdict.NEUTRAL]} neutral for the customer")


def _text(changes: Sequence[Change], old: str, new: str, language: str) -> str:
    lines = [f"{old} → {new}: {summary(changes)}"]
    lines += [f"  {c.verdict:<8} {c.where}: {describe(c, language)}" for c in ordered(changes)]
    return "\n".join(lines) + "\n"


def _markdown(changes: Sequence[Change], old: str, new: str, language: str) -> str:
    marks = {Verdict.WORSE: "🔴 worse", Verdict.BETTER: "🟢 better", Verdict.NEUTRAL: "⚪ neutral"}
    lines = [f"### Charter changes: `{old}` → `{new}`", "", summary(changes), ""]
    if changes:
        lines += ["| for the customer | where | change |", "|---|---|---|"]
        for c in ordered(changes):
            text = describe(c, language).replace("|", "\\|").replace("\n", " ")
            lines.append(f"| {marks[c.verdict]} | `{c.where}` | {text} |")
    return "\n".join(lines) + "\n"


def _json(change: Change, language: str) -> dict[str, object]:
    return {"verdict": str(change.verdict), "aspect": change.aspect, "field": change.where,
            "what": ASPECTS.get(change.aspect, change.aspect),
            "subject": show(change.subject, language) if change.subject else None,
            "old": _value(change.old), "new": _value(change.new),
            "examples": [{"facts": {fact.name: _value(fact.value) for fact in e.facts},
                          "old": _value(e.old), "new": _value(e.new),
                          "text": example_text(e, language)} for e in change.examples]}


def _value(value: Any) -> Any:
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, Money | Duration | Text):
        return value.to_json()
    if isinstance(value, Quantity):
        return {"value": f"{value.value.normalize():f}",
                "unit": "minutes" if value.minutes else None}
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)
