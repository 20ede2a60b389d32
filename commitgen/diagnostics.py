"""One problem shape for every stage: loading, validation, rules and the build.

Library code never prints; it returns :class:`Diagnostic` objects and the
formatters in :mod:`commitgen.report` turn them into text, JSON or GitHub
workflow annotations.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from commitgen.printable import EXCERPT_LENGTH, excerpt

#: codes of the format's own problems; the rules of ``commitgen check`` will use CG1xx and up
CODE_YAML = "CG001"  # not strict YAML: syntax, tags, anchors, duplicate keys, one document
CODE_ENCODING = "CG002"  # not UTF-8
CODE_YAML_SURPRISE = "CG003"  # valid YAML that probably does not say what was meant (warning)
CODE_CONTROL = "CG004"  # a control character in the file or in a value
CODE_INVISIBLE = "CG005"  # an invisible character (bidi control, zero-width) in a text
CODE_TYPE = "CG010"  # a value of the wrong type or form
CODE_UNKNOWN_FIELD = "CG011"
CODE_MISSING_FIELD = "CG012"
CODE_CONSISTENCY = "CG020"  # fields that contradict each other
CODE_DUPLICATE_ID = "CG030"
CODE_FILE = "CG040"  # files and folders: unreadable, missing, outside the project
CODE_TRANSLATION = "CG050"  # a text missing in a declared language (warning)
CODE_CATALOGUE = "CG051"  # a declared language the theme has no translation for (warning)
CODE_EXAMPLE = "CG060"  # a worked example whose expected amount the engine computes otherwise
CODE_FACT = "CG061"  # a fact of a case missing or unusable (compensate, worked examples)


class Severity(StrEnum):
    """How serious a problem is; errors fail a check or a build."""

    ERROR = "error"
    WARNING = "warning"


FieldPath = tuple[str | int, ...]


def format_field_path(path: Sequence[str | int]) -> str:
    """Render ``("worst_cases", 2, "compensation")`` as ``worst_cases[2].compensation``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            name = excerpt(part) if len(part) > EXCERPT_LENGTH else part  # a hostile key
            out += f".{name}" if out else name
    return out


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A located problem. Sorts by file, then position, then code."""

    file: str
    line: int  # 1-based; 0 when the problem concerns the whole file
    column: int  # 1-based; 0 when unknown
    code: str
    message: str
    field_path: str = ""
    hint: str = ""
    severity: Severity = field(default=Severity.ERROR, compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": str(self.severity),
            "code": self.code,
            "field": self.field_path,
            "message": self.message,
            "hint": self.hint,
        }


def display_path(path: Path, root: Path | None) -> str:
    """A path as the user should see it: relative to ``root`` (the working folder, or the
    project) when inside it; as given without a ``root``."""
    if root is None:
        return path.as_posix()
    written = Path(os.path.abspath(path))  # a symlink by its own name, not its target's
    for inside, folder in ((written, root.absolute()), (written, root.resolve()),
                           (path.resolve(), root.resolve())):
        if inside.is_relative_to(folder):
            return inside.relative_to(folder).as_posix()
    return path.as_posix()


class ProblemsFound(Exception):
    """Raised by library entry points when inputs have errors; carries every diagnostic."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        super().__init__(f"{len(diagnostics)} problem(s) found")
        self.diagnostics = sorted(diagnostics)


class BuildFailure(Exception):
    """The build could not complete for a reason outside the policies (exit code 3)."""
