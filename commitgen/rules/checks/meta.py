"""Rules the engine reports about suppression comments themselves."""

from commitgen.diagnostics import Severity
from commitgen.rules.registry import document

document(
    "CG290", "suppression-without-reason", Severity.ERROR, group="Suppressions",
    configurable=True, example="sections",
    summary="An inline suppression must say why.",
    rationale="A suppression hides a problem from every reader of the check. The reason is "
              "what a reviewer approves and what the SARIF report records; without one the "
              "comment is ignored and this error is reported instead.",
    bad="""
changes:
  notice: 7 days  # commitgen: ignore[CG135]
  how: {vi: Thư điện tử tới mọi khách hàng., en: E-mail to every customer.}""",
    good="""
changes:
  notice: 7 days  # commitgen: ignore[CG135] the regulator sets this period
  how: {vi: Thư điện tử tới mọi khách hàng., en: E-mail to every customer.}""",
)
document(
    "CG291", "unused-suppression", Severity.WARNING, group="Suppressions",
    configurable=True, example="sections",
    summary="A suppression that suppresses nothing should be removed.",
    rationale="When the text is fixed the comment stays behind and would silently hide the "
              "next real problem on that line.",
    bad="""
changes:
  notice: 60 days  # commitgen: ignore[CG135] short notice agreed with customers
  how: {vi: Thư điện tử tới mọi khách hàng., en: E-mail to every customer.}""",
    good="""
changes:
  notice: 60 days
  how: {vi: Thư điện tử tới mọi khách hàng., en: E-mail to every customer.}""",
)
document(
    "CG292", "invalid-suppression", Severity.ERROR, group="Suppressions",
    configurable=True, example="sections",
    summary="A suppression names existing rules: `# commitgen: ignore[CODE, …] reason`.",
    rationale="A misspelt code would suppress nothing while looking as if it did.",
    bad="""
changes:
  notice: 7 days  # commitgen: ignore[CG999] legacy wording
  how: {vi: Thư điện tử tới mọi khách hàng., en: E-mail to every customer.}""",
    good="""
changes:
  notice: 7 days  # commitgen: ignore[CG135] the regulator sets this period
  how: {vi: Thư điện tử tới mọi khách hàng., en: E-mail to every customer.}""",
)
