"""The one registry of codes: every problem ``commitgen check`` can print.

Each entry (:class:`Rule`) has a stable code, a kebab-case name, a default severity,
what it wants, why, and a bad and a good example that the test suite runs. Entries with a
``check`` are run by the engine on every policy; the others document problems that the
loader (CG0xx: YAML, types, fields, files) or the engine itself reports. Checks register
with :func:`rule`; the registry drives ``check``, ``--explain``, ``rules``, SARIF rule
metadata and ``docs/rules.md``.

Query it with :func:`find_rule` (code or name), :func:`all_rules`, and a rule's
:attr:`Rule.help`, :attr:`Rule.anchor` and :attr:`Rule.docs`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from commitgen.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from commitgen.rules.context import RuleContext

Check = Callable[["RuleContext"], Iterable[Diagnostic]]

#: how a rule's examples run as tests (tests/test_registry_examples.py):
#: ``policy`` — merged into the example policy (docs/rules.md, "How the examples run");
#: ``sections`` — top-level sections written as they are (comments kept);
#: ``compensate`` — reported by ``commitgen compensate``, tested with it, not by check;
#: ``history`` — merged into the example policy after that policy was released on
#: 2026-07-01 (its effective date; the check runs the same day); ``encoding`` — the
#: example policy saved as
#: Windows-1258; ``project`` — commitgen.yaml; ``second-policy`` — a second policy file
#: merged into the example policy; ``template`` — a template of the project's own
#: (``templates/page.html.j2``) next to the example policy; ``stylesheet`` — the
#: project's own ``templates/print.css``
ExampleKind = Literal["policy", "sections", "encoding", "project", "second-policy",
                      "history", "compensate", "template", "stylesheet"]

DOCS_PAGE = "docs/rules.md"


@dataclass(frozen=True)
class Rule:
    """An entry of the registry: one code, one meaning."""

    code: str
    name: str
    severity: Severity
    summary: str  # one line: what it wants
    rationale: str  # why, for the user
    bad: str  # YAML that has the problem
    good: str  # the same YAML, fixed
    group: str
    check: Check | None = None  # None: reported by the loader or the engine itself
    #: may be disabled, re-graded or suppressed; structural problems may not
    configurable: bool = True
    example: ExampleKind = "policy"
    #: the top-level sections a check needs whole: when one of them could not be read,
    #: the check is skipped. None: it needs the whole policy; empty: each problem depends
    #: only on the entry it is found in
    reads: frozenset[str] | None = None
    #: compares the policy with its published versions (runs only when they are known)
    history: bool = False

    @property
    def anchor(self) -> str:
        """The heading anchor in docs/rules.md."""
        return f"{self.code.lower()}-{self.name}"

    @property
    def docs(self) -> str:
        """Where the rule is documented, relative to the repository."""
        return f"{DOCS_PAGE}#{self.anchor}"

    @property
    def help(self) -> str:
        """Plain-text help: what it wants, the examples, where to read more."""
        return (f"{self.summary}\n\nBad:\n{self.bad}\n\nGood:\n{self.good}\n\n"
                f"See {self.docs} or `commitgen check --explain {self.code}`.")


_RULES: dict[str, Rule] = {}

#: codes that no longer exist, and what replaced them (for --explain and configuration)
RETIRED = {
    "CG020": "split into one code per check: CG021–CG028 (languages, ids, deadlines, "
             "claims, staff guides), CG070–CG080 (compensation tables and amounts) and "
             "CG141 (caps); `commitgen rules` lists them",
}


def register(rule_: Rule) -> Rule:
    if rule_.code in _RULES or any(r.name == rule_.name for r in _RULES.values()):
        raise ValueError(f"rule {rule_.code} {rule_.name} registered twice")
    _RULES[rule_.code] = rule_
    return rule_


def rule(code: str, name: str, severity: Severity, *, group: str, summary: str,
         rationale: str, bad: str, good: str, configurable: bool = True,
         example: ExampleKind = "policy", reads: Iterable[str] | None = None,
         history: bool = False) -> Callable[[Check], Check]:
    """Decorator registering a check function under a code."""

    def wrap(check: Check) -> Check:
        register(Rule(code, name, severity, summary, rationale.strip(), bad.strip("\n"),
                      good.strip("\n"), group, check, configurable, example,
                      None if reads is None else frozenset(reads), history))
        return check

    return wrap


def document(code: str, name: str, severity: Severity, *, group: str, summary: str,
             rationale: str, bad: str, good: str, configurable: bool = False,
             example: ExampleKind = "policy") -> None:
    """Register a code that the loader or the engine reports (no check function)."""
    register(Rule(code, name, severity, summary, rationale.strip(), bad.strip("\n"),
                  good.strip("\n"), group, None, configurable, example, frozenset()))


def all_rules() -> list[Rule]:
    """Every entry, by code."""
    _load()
    return [_RULES[code] for code in sorted(_RULES)]


def find_rule(key: str) -> Rule | None:
    """An entry by code (``CG101``, any case) or name (``vague-wording``)."""
    _load()
    key = key.strip()
    return _RULES.get(key.upper()) or next(
        (r for r in _RULES.values() if r.name == key.lower()), None)


def _load() -> None:
    """Import the modules that register entries once: registering happens at import."""
    import commitgen.rules.checks  # noqa: F401
