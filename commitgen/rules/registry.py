"""The rule catalogue: every clarity and fairness rule with its code, name and docs.

A rule is a function from a :class:`RuleContext` to located findings, registered
with :func:`rule`. Codes are stable (CG1xx public charter, CG2xx staff section and
suppressions); the catalogue drives ``check``, ``--explain`` and ``docs/rules.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from commitgen.diagnostics import Severity

if TYPE_CHECKING:
    from commitgen.rules.context import RuleContext

@dataclass(frozen=True)
class Finding:
    """One problem found by a rule, at a field path of the policy."""

    path: tuple[str | int, ...]
    message: str
    hint: str = ""
    #: the language whose word lists and number conventions found it; a text written once
    #: for every language is read in each, and only the first language's findings count
    language: str | None = None


Check = Callable[["RuleContext"], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """A rule: stable code, kebab-case name, default severity and its documentation."""

    code: str
    name: str
    severity: Severity
    summary: str  # one line: what the rule wants
    rationale: str  # why (cites the seeds)
    bad: str  # a YAML fragment that breaks the rule
    good: str  # the same fragment, fixed
    group: str
    check: Check | None = None  # None for rules the engine itself reports

    @property
    def anchor(self) -> str:
        """The heading anchor in docs/rules.md."""
        return f"{self.code.lower()}-{self.name}"


_RULES: dict[str, Rule] = {}


def register(rule_: Rule) -> Rule:
    if rule_.code in _RULES or any(r.name == rule_.name for r in _RULES.values()):
        raise ValueError(f"rule {rule_.code} {rule_.name} registered twice")
    _RULES[rule_.code] = rule_
    return rule_


def rule(code: str, name: str, severity: Severity, *, group: str, summary: str,
         rationale: str, bad: str, good: str) -> Callable[[Check], Check]:
    """Decorator registering a check function as a rule."""

    def wrap(check: Check) -> Check:
        register(Rule(code, name, severity, summary, rationale.strip(), bad.strip("\n"),
                      good.strip("\n"), group, check))
        return check

    return wrap


def all_rules() -> list[Rule]:
    """Every rule, by code."""
    _load()
    return [_RULES[code] for code in sorted(_RULES)]


def find_rule(key: str) -> Rule | None:
    """A rule by code (``CG101``, any case) or name (``vague-wording``)."""
    _load()
    key = key.strip()
    return _RULES.get(key.upper()) or next(
        (r for r in _RULES.values() if r.name == key.lower()), None)


def _load() -> None:
    """Import the rule modules once: registering happens at import."""
    import commitgen.rules.checks  # noqa: F401
