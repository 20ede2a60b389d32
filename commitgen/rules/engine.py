"""Run the registry's checks on a loaded policy, then apply configuration and
suppressions. A policy with format errors is checked on its readable part; the checks
that need a left-out section whole are skipped, and a note says so."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from commitgen.diagnostics import (
    CODE_ENCODING,
    CODE_SKIPPED,
    CODE_YAML,
    Diagnostic,
    Severity,
    format_field_path,
)
from commitgen.loading.sources import LoadedPolicy
from commitgen.loading.strict_yaml import YamlDocument
from commitgen.model.business_time import BusinessTime
from commitgen.model.policy import Policy
from commitgen.rules.config import PolicyRuleSetting, RulesConfig
from commitgen.rules.context import RuleContext
from commitgen.rules.registry import Rule, all_rules, find_rule
from commitgen.rules.suppression import Suppression, scan
from commitgen.rules.words import Words

if TYPE_CHECKING:
    from commitgen.versions.previous import VersionContext

CODE_NO_REASON = "CG290"
CODE_UNUSED = "CG291"
CODE_BAD_SUPPRESSION = "CG292"


@dataclass(frozen=True)
class Suppressed:
    """A problem that was found but suppressed, with the recorded justification."""

    diagnostic: Diagnostic
    kind: Literal["inSource", "external"]  # SARIF: a comment in the file, or commitgen.yaml
    justification: str

    def to_dict(self) -> dict[str, object]:
        return {**self.diagnostic.to_dict(),
                "suppressed": {"kind": self.kind, "justification": self.justification}}


@dataclass
class RulesOutcome:
    diagnostics: list[Diagnostic]
    suppressed: list[Suppressed]


def _has_history(versions: VersionContext | None) -> bool:
    """Whether there is a published version to compare the policy with."""
    return versions is not None and any((versions.previous, versions.same, versions.later))


def _one_language_per_field(found: list[Diagnostic], languages: list[str]) -> list[Diagnostic]:
    """A text written once for every language is read in each language, at one path:
    per field, keep the problems of the first language (in the policy's order) that
    found something, so one problem is not reported once per language."""
    order = {language: index for index, language in enumerate(languages)}
    first: dict[tuple[str | int, ...], int] = {}
    for problem in found:
        if problem.language is not None:
            rank = order.get(problem.language, len(order))
            first[problem.path] = min(rank, first.get(problem.path, rank))
    return [d for d in found if d.language is None
            or order.get(d.language, len(order)) == first[d.path]]


class RuleEngine:
    """The checks of one project: its configuration resolved once, run per policy."""

    def __init__(self, config: RulesConfig | None = None,
                 business_time: BusinessTime | None = None) -> None:
        self.config = config or RulesConfig()
        self.business_time = business_time
        self.words = Words(self.config.words)
        self.disabled = {self._code(key) for key in self.config.disable}
        self.levels = {self._code(key): Severity(level)
                       for key, level in self.config.severity.items()}

    @staticmethod
    def _code(key: str) -> str:
        found = find_rule(key)
        assert found is not None, key  # the configuration model checks rule names
        return found.code

    def severity(self, rule_: Rule) -> Severity:
        return self.levels.get(rule_.code, rule_.severity)

    def _findings(self, loaded: LoadedPolicy, versions: VersionContext | None,
                  ) -> tuple[list[Diagnostic], list[Rule]]:
        """Every check's problems, placed in the file; and the checks skipped."""
        source, left = loaded.source, loaded.left_out
        context = RuleContext(loaded.policy, source.document, self.config, self.words,
                              self.business_time, versions)
        found: dict[tuple[int, int, str, str, str], Diagnostic] = {}
        skipped: list[Rule] = []
        for rule_ in all_rules():
            if rule_.check is None or rule_.code in self.disabled or (
                    rule_.history and not _has_history(versions)):
                continue
            if left.sections and (rule_.reads is None or rule_.reads & left.sections):
                skipped.append(rule_)
                continue
            try:
                problems = list(rule_.check(context))
            except Exception:
                if not left:
                    raise
                skipped.append(rule_)  # a readable part can lack what a check relies on
                continue
            for problem in _one_language_per_field(problems, context.languages):
                placed = replace(problem, code=rule_.code, severity=self.severity(rule_)
                                 ).placed(source.file, source.document, left.as_written(
                                     problem.path))
                found.setdefault((placed.line, placed.column, placed.code, placed.field_path,
                                  placed.message), placed)
        return sorted(found.values()), skipped

    def run(self, loaded: LoadedPolicy, versions: VersionContext | None = None,
            ) -> RulesOutcome:
        """Every problem the checks find in one policy (the readable part of it, when it
        has format errors), configured and suppressed; ``versions`` is its published
        history, for the version rules."""
        source = loaded.source
        found, skipped = self._findings(loaded, versions)
        comments = scan(source.text)
        settings = {self._code(key): setting for key, setting
                    in self.config.policies.get(loaded.policy.id, {}).items()}
        outcome = RulesOutcome([], [])
        for diagnostic in found:
            self._apply(diagnostic, settings, comments, outcome)
        outcome.diagnostics.extend(self._comment_problems(source.file, comments))
        if loaded.left_out:
            outcome.diagnostics.append(_skipped_note(loaded, skipped))
        outcome.diagnostics.sort()
        return outcome

    def _apply(self, diagnostic: Diagnostic, settings: dict[str, PolicyRuleSetting],
               comments: list[Suppression], outcome: RulesOutcome) -> None:
        rule_ = find_rule(diagnostic.code)
        if rule_ is None or not rule_.configurable:
            outcome.diagnostics.append(diagnostic)
            return
        setting = settings.get(diagnostic.code)
        if setting is not None:
            if setting.severity == "off":
                outcome.suppressed.append(Suppressed(diagnostic, "external", setting.reason))
                return
            diagnostic = replace(diagnostic, severity=Severity(setting.severity))
        for comment in comments:
            codes = {found.code for key in comment.keys if (found := find_rule(key))}
            if comment.reason and comment.target == diagnostic.line and diagnostic.code in codes:
                comment.used.add(diagnostic.code)
                outcome.suppressed.append(Suppressed(diagnostic, "inSource", comment.reason))
                return
        outcome.diagnostics.append(diagnostic)

    def _meta(self, code: str, file: str, comment: Suppression, message: str,
              hint: str) -> list[Diagnostic]:
        rule_ = find_rule(code)
        assert rule_ is not None
        if code in self.disabled:
            return []
        return [Diagnostic(file, comment.line, comment.column, code, message, "", hint,
                           self.severity(rule_))]

    def _comment_problems(self, file: str, comments: list[Suppression]) -> list[Diagnostic]:
        out: list[Diagnostic] = []
        for comment in comments:
            found = [find_rule(key) for key in comment.keys]
            unknown = [key for key, rule_ in zip(comment.keys, found, strict=True)
                       if rule_ is None]
            fixed = [rule_.code for rule_ in found if rule_ is not None and not rule_.configurable]
            if not comment.keys or unknown or fixed:
                what = (f"unknown rule {', '.join(unknown)}" if unknown
                        else f"{', '.join(fixed)} cannot be suppressed" if fixed
                        else "no rule named")
                out += self._meta(CODE_BAD_SUPPRESSION, file, comment,
                                  f"suppression comment: {what}",
                                  "write # commitgen: ignore[CG160] and the reason; "
                                  "`commitgen rules` lists the codes (structural problems "
                                  "cannot be suppressed: fix them)")
            elif not comment.reason:
                out += self._meta(CODE_NO_REASON, file, comment,
                                  "suppression without a reason: it is ignored",
                                  "say why after the brackets: # commitgen: ignore[CG160] "
                                  "quoted from the contract")
            else:
                codes = [r.code for r in found if r is not None]
                unused = [code for code in codes if code not in comment.used]
                if unused:
                    out += self._meta(CODE_UNUSED, file, comment,
                                      f"unused suppression: no {', '.join(unused)} problem on "
                                      f"line {comment.target}",
                                      "remove the comment, or move it next to the problem "
                                      "(same line, or the line above)")
        return out


def _skipped_note(loaded: LoadedPolicy, skipped: list[Rule]) -> Diagnostic:
    """One note per policy with format errors: what the checks left out, and which
    checks did not run."""
    left = loaded.left_out
    parts = [format_field_path(path) for path in left.entries]
    parts += sorted(s for s in left.sections
                    if not any(format_field_path(p).startswith(s) for p in left.entries))
    message = (f"not checked because of format errors: {', '.join(parts)}" if parts
               else "part of this policy was not checked because of its format errors")
    if skipped:
        shown = ", ".join(r.code for r in skipped[:8]) + (" …" if len(skipped) > 8 else "")
        message += f"; {len(skipped)} check{'s' if len(skipped) != 1 else ''} need those " \
                   f"sections whole and did not run ({shown})"
    first = left.entries[0] if left.entries else (sorted(left.sections)[0],)
    line, column = loaded.source.document.position(first)
    return Diagnostic(loaded.source.file, line, column, CODE_SKIPPED, message, "",
                      "fix the format errors and run commitgen check again: the skipped "
                      "checks may find more", Severity.NOTE)


def not_checked_note(problems: list[Diagnostic]) -> list[Diagnostic]:
    """The note for a file that no check could run on: it could not be read, or its core
    fields (id, version, effective, languages) are wrong."""
    errors = sorted(d for d in problems if d.is_error)
    if not errors:
        return []
    first = errors[0]
    unreadable = any(d.code in (CODE_YAML, CODE_ENCODING) or not d.path for d in errors)
    why = ("the file could not be read" if unreadable
           else "its id, version, effective date or languages have errors, and every other "
                "field depends on them")
    return [Diagnostic(first.file, first.line, first.column, CODE_SKIPPED,
                       f"no other check ran on this file: {why}", "",
                       "fix the errors above and run commitgen check again", Severity.NOTE)]


def structural_problems(policy: Policy, business_time: BusinessTime | None = None,
                        ) -> list[Diagnostic]:
    """The format problems (the registry's checks that cannot be configured) of a policy
    built in code, at field paths: whether the compensation engine can compute it."""
    context = RuleContext(policy, YamlDocument(None), RulesConfig(), Words(), business_time)
    return [replace(problem, code=rule_.code, severity=rule_.severity)
            for rule_ in all_rules() if rule_.check is not None and not rule_.configurable
            for problem in rule_.check(context)]
