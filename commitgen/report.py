"""Formatters: diagnostics as text, JSON, GitHub workflow annotations or SARIF 2.1.0
(:mod:`commitgen.sarif`).

Every format shows the same text: each string a diagnostic carries (file, field path,
message, hint, a suppression's justification) has its invisible and control characters
escaped (:mod:`commitgen.printable`), so nothing from a policy can act on a terminal, a
CI log or a code-scanning page.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from commitgen.diagnostics import Diagnostic, Severity
from commitgen.printable import printable

if TYPE_CHECKING:
    from commitgen.rules.engine import Suppressed

FORMATS = ("text", "json", "github", "sarif")

#: GitHub shows this many annotations of each kind (error, warning, notice) per step
GITHUB_ANNOTATIONS_SHOWN = 10



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
        level = "" if d.is_error else f" {d.severity}:"
        lines.append(f"{where}:{level}{field} {d.message} [{d.code}]")
        if d.hint:
            lines.append(f"    hint: {d.hint}")
    return "\n".join(lines)


def _count(number: int, what: str) -> str:
    return f"{number} {what}{'s' if number != 1 else ''}"


def summary(diagnostics: Sequence[Diagnostic], files: int, suppressed: int = 0) -> str:
    errors = sum(d.is_error for d in diagnostics)
    warnings = sum(d.is_warning for d in diagnostics)
    notes = len(diagnostics) - errors - warnings
    quiet = f" ({suppressed} suppressed)" if suppressed else ""
    checked = f"{_count(files, 'file')} checked"
    if not diagnostics:
        return f"{checked}: no problems{quiet}"
    counts = f"{_count(errors, 'error')}, {_count(warnings, 'warning')}"
    if notes:
        counts += f", {_count(notes, 'note')}"
    return f"{checked}: {counts}{quiet}"


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
    levels = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}
    for d in map(shown, diagnostics):
        level = levels[d.severity]
        props = [f"file={_escape_property(d.file)}"]
        if d.line:
            props += [f"line={d.line}", f"col={d.column}"]
        title = f"{d.code} {d.field_path}".strip()
        props.append(f"title={_escape_property(title)}")
        message = (f"{d.field_path}: " if d.field_path else "") + d.message
        if d.hint:
            message += f"\nhint: {d.hint}"
        lines.append(f"::{level} {','.join(props)}::{_escape_data(message)}")
    counts = Counter(line.split(" ", 1)[0].strip(":") for line in lines)
    if any(count > GITHUB_ANNOTATIONS_SHOWN for count in counts.values()):
        listed = ", ".join(f"{count} {kind}s" for kind, count in sorted(counts.items()))
        lines.append(f"::notice title=commitgen::{listed}: GitHub shows at most "
                     f"{GITHUB_ANNOTATIONS_SHOWN} annotations of each kind per step; this "
                     "step's log lists them all (code scanning with --format sarif shows "
                     "every one on the pull request)")
    return "\n".join(lines)


def render(diagnostics: Sequence[Diagnostic], fmt: str,
           suppressed: Sequence[Suppressed] = ()) -> str:
    if fmt == "json":
        return format_json(diagnostics, suppressed)
    if fmt == "sarif":
        from commitgen.sarif import format_sarif

        return format_sarif(diagnostics, suppressed)
    return {"text": format_text, "github": format_github}[fmt](diagnostics)
