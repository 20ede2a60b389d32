"""Formatters: diagnostics as text, JSON or GitHub workflow annotations."""

from __future__ import annotations

import json
from collections.abc import Sequence

from commitgen.diagnostics import Diagnostic

FORMATS = ("text", "json", "github")


def format_text(diagnostics: Sequence[Diagnostic]) -> str:
    """``FILE:LINE:COL: field.path: message`` and the hint on the next line."""
    lines = []
    for d in diagnostics:
        where = f"{d.file}:{d.line}:{d.column}" if d.line else d.file
        field = f" {d.field_path}:" if d.field_path else ""
        level = "" if d.is_error else " warning:"
        lines.append(f"{where}:{level}{field} {d.message} [{d.code}]")
        if d.hint:
            lines.append(f"    hint: {d.hint}")
    return "\n".join(lines)


def summary(diagnostics: Sequence[Diagnostic], files: int) -> str:
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    if not diagnostics:
        return f"{files} file{'s' if files != 1 else ''} checked: no problems"
    return (f"{files} file{'s' if files != 1 else ''} checked: "
            f"{errors} error{'s' if errors != 1 else ''}, "
            f"{warnings} warning{'s' if warnings != 1 else ''}")


def format_json(diagnostics: Sequence[Diagnostic]) -> str:
    return json.dumps([d.to_dict() for d in diagnostics], ensure_ascii=False, indent=2)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diagnostics: Sequence[Diagnostic]) -> str:
    """GitHub Actions workflow commands: ``::error file=…,line=…,col=…::message``."""
    lines = []
    for d in diagnostics:
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


def render(diagnostics: Sequence[Diagnostic], fmt: str) -> str:
    return {"text": format_text, "json": format_json, "github": format_github}[fmt](diagnostics)
