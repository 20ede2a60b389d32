"""Formatters: diagnostics as text, JSON, GitHub workflow annotations or SARIF 2.1.0.

Every format shows the same text: each string a diagnostic carries (file, field path,
message, hint, a suppression's justification) has its invisible and control characters
escaped (:mod:`commitgen.printable`), so nothing from a policy can act on a terminal, a
CI log or a code-scanning page.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from commitgen import __version__
from commitgen.diagnostics import Diagnostic
from commitgen.printable import printable

if TYPE_CHECKING:
    from commitgen.rules.engine import Suppressed

FORMATS = ("text", "json", "github", "sarif")

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"


def shown(d: Diagnostic) -> Diagnostic:
    """The diagnostic as it may be shown: every string escaped."""
    return replace(d, file=printable(d.file), code=printable(d.code),
                   message=printable(d.message), field_path=printable(d.field_path),
                   hint=printable(d.hint))


def format_text(diagnostics: Sequence[Diagnostic]) -> str:
    """``FILE:LINE:COL: field.path: message`` and the hint on the next line."""
    lines = []
    for d in map(shown, diagnostics):
        where = f"{d.file}:{d.line}:{d.column}" if d.line else d.file
        field = f" {d.field_path}:" if d.field_path else ""
        level = "" if d.is_error else " warning:"
        lines.append(f"{where}:{level}{field} {d.message} [{d.code}]")
        if d.hint:
            lines.append(f"    hint: {d.hint}")
    return "\n".join(lines)


def summary(diagnostics: Sequence[Diagnostic], files: int, suppressed: int = 0) -> str:
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    quiet = f" ({suppressed} suppressed)" if suppressed else ""
    if not diagnostics:
        return f"{files} file{'s' if files != 1 else ''} checked: no problems{quiet}"
    return (f"{files} file{'s' if files != 1 else ''} checked: "
            f"{errors} error{'s' if errors != 1 else ''}, "
            f"{warnings} warning{'s' if warnings != 1 else ''}{quiet}")


def format_json(diagnostics: Sequence[Diagnostic], suppressed: Sequence[Suppressed] = ()) -> str:
    """A list of problems; suppressed ones are included with a ``suppressed`` object
    (``kind`` and ``justification``)."""
    items = ([shown(d).to_dict() for d in diagnostics]
             + [_shown_suppressed(s).to_dict() for s in suppressed])
    return json.dumps(items, ensure_ascii=False, indent=2)


def _shown_suppressed(s: Suppressed) -> Suppressed:
    return replace(s, diagnostic=shown(s.diagnostic), justification=printable(s.justification))


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diagnostics: Sequence[Diagnostic]) -> str:
    """GitHub Actions workflow commands: ``::error file=…,line=…,col=…::message``."""
    lines = []
    for d in map(shown, diagnostics):
        level = "error" if d.is_error else "warning"
        props = [f"file={_escape_property(d.file)}"]
        if d.line:
            props += [f"line={d.line}", f"col={d.column}"]
        title = f"{d.code} {d.field_path}".strip()
        props.append(f"title={_escape_property(title)}")
        message = (f"{d.field_path}: " if d.field_path else "") + d.message
        if d.hint:
            message += f"\nhint: {d.hint}"
        lines.append(f"::{level} {','.join(props)}::{_escape_data(message)}")
    return "\n".join(lines)


def _sarif_rules() -> tuple[list[dict[str, Any]], dict[str, int]]:
    from commitgen.diagnostics import Severity
    from commitgen.rules.registry import all_rules

    rules: list[dict[str, Any]] = []
    for rule in all_rules():
        rules.append({
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.rationale},
            "help": {"text": f"{rule.summary}\n\nBad:\n{rule.bad}\n\nGood:\n{rule.good}\n\n"
                             f"See docs/rules.md#{rule.anchor} or `commitgen check --explain "
                             f"{rule.code}`."},
            "defaultConfiguration": {
                "level": "error" if rule.severity is Severity.ERROR else "warning"},
            "properties": {"tags": [rule.group]},
        })
    return rules, {rule["id"]: index for index, rule in enumerate(rules)}


def _sarif_result(d: Diagnostic, index: dict[str, int],
                  suppressed: Suppressed | None = None) -> dict[str, Any]:
    message = (f"{d.field_path}: " if d.field_path else "") + d.message
    if d.hint:
        message += f" (hint: {d.hint})"
    region = {"startLine": d.line, "startColumn": d.column} if d.line else {}
    location: dict[str, Any] = {"physicalLocation": {
        "artifactLocation": {"uri": d.file}, **({"region": region} if region else {})}}
    if d.field_path:
        location["logicalLocations"] = [{"fullyQualifiedName": d.field_path,
                                         "kind": "member"}]
    result: dict[str, Any] = {"ruleId": d.code, "level": "error" if d.is_error else "warning",
                              "message": {"text": message}, "locations": [location]}
    if d.code in index:
        result["ruleIndex"] = index[d.code]
    if suppressed is not None:
        result["suppressions"] = [{"kind": suppressed.kind, "status": "accepted",
                                   "justification": suppressed.justification}]
    return result


def format_sarif(diagnostics: Sequence[Diagnostic],
                 suppressed: Sequence[Suppressed] = ()) -> str:
    """One SARIF 2.1.0 run: every rule in ``tool.driver.rules``; format problems (CG0xx)
    carry a ruleId without a rule entry; suppressed results carry ``suppressions``."""
    rules, index = _sarif_rules()
    results = [_sarif_result(shown(d), index) for d in diagnostics]
    results += [_sarif_result(s.diagnostic, index, s) for s in map(_shown_suppressed, suppressed)]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {"name": "commitgen", "version": __version__, "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)


def render(diagnostics: Sequence[Diagnostic], fmt: str,
           suppressed: Sequence[Suppressed] = ()) -> str:
    if fmt == "json":
        return format_json(diagnostics, suppressed)
    if fmt == "sarif":
        return format_sarif(diagnostics, suppressed)
    return {"text": format_text, "github": format_github}[fmt](diagnostics)
