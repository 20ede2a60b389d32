"""Run the rules on a loaded policy, then apply configuration and suppressions."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from commitgen.diagnostics import Diagnostic, Severity, format_field_path
from commitgen.loading.sources import LoadedPolicy
from commitgen.rules.config import PolicyRuleSetting, RulesConfig
from commitgen.rules.context import RuleContext
from commitgen.rules.registry import Finding, Rule, all_rules, find_rule
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


def _one_language_per_field(findings: list[Finding], languages: list[str]) -> list[Finding]:
    """A text written once for every language is read in each language, at one path:
    per field, keep the findings of the first language (in the policy's order) that
    found something, so one problem is not reported once per language."""
    order = {language: index for index, language in enumerate(languages)}
    first: dict[tuple[str | int, ...], int] = {}
    for finding in findings:
        if finding.language is not None:
            rank = order.get(finding.language, len(order))
            first[finding.path] = min(rank, first.get(finding.path, rank))
    return [f for f in findings if f.language is None
            or order.get(f.language, len(order)) == first[f.path]]


class RuleEngine:
    """The rules of one project: its configuration resolved once, run per policy."""

    def __init__(self, config: RulesConfig | None = None) -> None:
        self.config = config or RulesConfig()
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

    def run(self, loaded: LoadedPolicy, source_text: str | None = None,
            versions: VersionContext | None = None) -> RulesOutcome:
        """Every rule problem of one policy (which has no format errors); ``versions`` is
        its published history, for the version rules."""
        source = loaded.source
        context = RuleContext(loaded.policy, source.document, self.config, self.words,
                              versions)
        found: dict[tuple[int, int, str, str, str], Diagnostic] = {}
        for rule_ in all_rules():
            if rule_.check is None or rule_.code in self.disabled:
                continue
            for finding in _one_language_per_field(list(rule_.check(context)),
                                                   context.languages):
                line, column = source.document.position(finding.path)
                diagnostic = Diagnostic(source.file, line, column, rule_.code, finding.message,
                                        format_field_path(finding.path), finding.hint,
                                        self.severity(rule_))
                found.setdefault((line, column, rule_.code, diagnostic.field_path,
                                  finding.message), diagnostic)
        if source_text is None:
            source_text = source.path.read_text(encoding="utf-8")
        comments = scan(source_text)
        settings = {self._code(key): setting for key, setting
                    in self.config.policies.get(loaded.policy.id, {}).items()}
        outcome = RulesOutcome([], [])
        for diagnostic in sorted(found.values()):
            self._apply(diagnostic, settings, comments, outcome)
        outcome.diagnostics.extend(self._comment_problems(source.file, comments))
        outcome.diagnostics.sort()
        return outcome

    def _apply(self, diagnostic: Diagnostic, settings: dict[str, PolicyRuleSetting],
               comments: list[Suppression], outcome: RulesOutcome) -> None:
        setting = settings.get(diagnostic.code)
        if setting is not None:
            if setting.severity == "off":
                outcome.suppressed.append(Suppressed(diagnostic, "external", setting.reason))
                return
            diagnostic = replace(diagnostic, severity=Severity(setting.severity))
        for comment in comments:
            codes = {rule_.code for key in comment.keys if (rule_ := find_rule(key))}
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
            unknown = [key for key in comment.keys if find_rule(key) is None]
            if not comment.keys or unknown:
                what = (f"unknown rule {', '.join(unknown)}" if unknown
                        else "no rule named")
                out += self._meta(CODE_BAD_SUPPRESSION, file, comment,
                                  f"suppression comment: {what}",
                                  "write # commitgen: ignore[CG160] and the reason; "
                                  "`commitgen rules` lists the codes")
            elif not comment.reason:
                out += self._meta(CODE_NO_REASON, file, comment,
                                  "suppression without a reason: it is ignored",
                                  "say why after the brackets: # commitgen: ignore[CG160] "
                                  "quoted from the contract")
            else:
                codes = [r.code for key in comment.keys if (r := find_rule(key))]
                unused = [code for code in codes if code not in comment.used]
                if unused:
                    out += self._meta(CODE_UNUSED, file, comment,
                                      f"unused suppression: no {', '.join(unused)} problem on "
                                      f"line {comment.target}",
                                      "remove the comment, or move it next to the problem "
                                      "(same line, or the line above)")
        return out
