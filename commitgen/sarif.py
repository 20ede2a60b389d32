"""SARIF 2.1.0 for code scanning (GitHub, and any other SARIF viewer).

One run; every code commitgen can report is a rule of ``tool.driver.rules`` with its help
text and a link to its documentation; a code that the registry does not (yet) describe
gets an entry pointing at the table of codes, so every result has its rule. File
locations are relative URIs, percent-encoded (spaces, Vietnamese letters), and every
result carries a ``partialFingerprints`` entry that does not depend on line numbers, so
an alert survives lines added above it.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from commitgen import __version__
from commitgen.diagnostics import Diagnostic
from commitgen.loading.reference import FORMAT_DOC
from commitgen.printable import printable

if TYPE_CHECKING:
    from commitgen.rules.engine import Suppressed

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
#: where this version's documentation is published (help links of code-scanning alerts)
DOCS_URL = "https://commitgen.dev/docs/"
#: the key of commitgen's own fingerprint in ``partialFingerprints``
FINGERPRINT = "commitgenProblem/v1"
_CODES_SECTION = "18-diagnostic-codes"


def docs_url(relative: str) -> str:
    """``docs/rules.md#x`` as an absolute link into the published documentation."""
    return DOCS_URL + relative.removeprefix("docs/")


def artifact_uri(file: str) -> str:
    """A file as shown to the user (relative to the working folder, ``/`` separated) as
    a SARIF artifact URI: relative and percent-encoded; absolute paths as ``file:`` URIs."""
    if PurePosixPath(file).is_absolute():
        return "file://" + quote(file, safe="/")
    return quote(file, safe="/")


def rule_descriptors(codes: Sequence[str] = ()) -> list[dict[str, Any]]:
    """Every rule of the registry, and an entry for each of ``codes`` it lacks."""
    from commitgen.rules.registry import all_rules

    descriptors = []
    for rule in all_rules():
        docs = rule.docs
        help_text = rule.help
        descriptors.append({
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.rationale},
            "help": {"text": help_text, "markdown": _help_markdown(rule.summary, rule.bad,
                                                                   rule.good, docs, rule.code)},
            "helpUri": docs_url(docs),
            "defaultConfiguration": {"level": _level(str(rule.severity))},
            "properties": {"tags": ["commitgen", rule.group]},
        })
    known = {d["id"] for d in descriptors}
    docs = f"{FORMAT_DOC}#{_CODES_SECTION}"
    for code in sorted(set(codes) - known):
        descriptors.append({
            "id": code,
            "shortDescription": {"text": f"commitgen problem {code}"},
            "help": {"text": f"{code}: see the table of diagnostic codes, {docs}, and the "
                             "hint printed with each problem."},
            "helpUri": docs_url(docs),
            "properties": {"tags": ["commitgen", "format"]},
        })
    return descriptors


def _help_markdown(summary: str, bad: str, good: str, docs: str, code: str) -> str:
    return (f"{summary}\n\n**Bad**\n\n```yaml\n{bad}\n```\n\n**Good**\n\n```yaml\n{good}\n"
            f"```\n\n[Documentation]({docs_url(docs)}) · `commitgen check --explain {code}`")


def _level(severity: str) -> str:
    """SARIF's level for a severity (error, warning; a note is SARIF's note)."""
    return severity if severity in ("error", "warning", "note") else "none"


def fingerprint(d: Diagnostic, occurrence: int) -> str:
    """What identifies a problem across runs: the code, the file, the field and the
    message, not the line (lines move when text is added above)."""
    key = "\0".join((d.code, d.file, d.field_path, d.message))
    return f"{hashlib.sha256(key.encode()).hexdigest()[:32]}:{occurrence}"


def _result(d: Diagnostic, index: dict[str, int], occurrence: int,
            suppressed: Suppressed | None = None) -> dict[str, Any]:
    uri = artifact_uri(d.file)  # the real name, percent-encoded: nothing left to escape
    d = replace(d, code=printable(d.code), message=printable(d.message),
                field_path=printable(d.field_path), hint=printable(d.hint))
    message = (f"{d.field_path}: " if d.field_path else "") + d.message
    if d.hint:
        message += f" (hint: {d.hint})"
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri}}
    if d.line:
        physical["region"] = {"startLine": d.line, **(
            {"startColumn": d.column} if d.column else {})}
    location: dict[str, Any] = {"physicalLocation": physical}
    if d.field_path:
        location["logicalLocations"] = [{"fullyQualifiedName": d.field_path,
                                         "kind": "member"}]
    result: dict[str, Any] = {
        "ruleId": d.code, "ruleIndex": index[d.code], "level": _level(str(d.severity)),
        "message": {"text": message}, "locations": [location],
        "partialFingerprints": {FINGERPRINT: fingerprint(d, occurrence)},
    }
    if suppressed is not None:
        result["suppressions"] = [{"kind": suppressed.kind, "status": "accepted",
                                   "justification": printable(suppressed.justification)}]
    return result


def format_sarif(diagnostics: Sequence[Diagnostic],
                 suppressed: Sequence[Suppressed] = ()) -> str:
    """One SARIF 2.1.0 log of ``diagnostics`` (and of ``suppressed`` problems, with their
    ``suppressions``). Every text is escaped for display (:mod:`commitgen.printable`);
    file names are percent-encoded in URIs."""
    pairs: list[tuple[Diagnostic, Suppressed | None]] = [
        *((d, None) for d in diagnostics), *((s.diagnostic, s) for s in suppressed)]
    rules = rule_descriptors([d.code for d, _ in pairs])
    index = {rule["id"]: position for position, rule in enumerate(rules)}
    seen: Counter[str] = Counter()
    results = []
    for d, suppression in pairs:
        key = fingerprint(d, 0)
        seen[key] += 1
        results.append(_result(d, index, seen[key], suppression))
    log = {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {"name": "commitgen", "version": __version__,
                                "semanticVersion": __version__,
                                "informationUri": docs_url("README.md"), "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)
