"""Rules the engine reports about suppression comments themselves."""

from commitgen.diagnostics import Severity
from commitgen.rules.registry import Rule, register

register(Rule(
    "CG290", "suppression-without-reason", Severity.ERROR, group="Suppressions",
    summary="An inline suppression must say why.",
    rationale="A suppression hides a problem from every reader of the check. The reason is "
              "what a reviewer approves and what the SARIF report records; without one the "
              "comment is ignored and this error is reported instead.",
    bad="    remedy: Chúng tôi khắc phục nhanh chóng.  # commitgen: ignore[CG101]",
    good="    remedy: …  # commitgen: ignore[CG101] quoted verbatim from the signed contract",
))
register(Rule(
    "CG291", "unused-suppression", Severity.WARNING, group="Suppressions",
    summary="A suppression that suppresses nothing should be removed.",
    rationale="When the text is fixed the comment stays behind and would silently hide the "
              "next real problem on that line.",
    bad="    notice: 60 days  # commitgen: ignore[CG135] short notice agreed with customers",
    good="    notice: 60 days",
))
register(Rule(
    "CG292", "invalid-suppression", Severity.ERROR, group="Suppressions",
    summary="A suppression names existing rules: `# commitgen: ignore[CODE, …] reason`.",
    rationale="A misspelt code would suppress nothing while looking as if it did.",
    bad="    # commitgen: ignore[CG999] legacy wording",
    good="    # commitgen: ignore[CG160] legal wording quoted verbatim",
))
