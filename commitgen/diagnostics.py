"""One problem shape for every stage: loading, validation, rules and the build.

Library code never prints; it returns :class:`Diagnostic` objects and the
formatters in :mod:`commitgen.report` turn them into text, JSON, GitHub workflow
annotations or SARIF. A check that knows only *where in the policy* a problem is
makes one with :meth:`Diagnostic.at`; the stage that knows the file places it
(:meth:`Diagnostic.placed`). Every code is an entry of the one registry
(:mod:`commitgen.rules.registry`): ``commitgen rules`` lists them all.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from commitgen.printable import EXCERPT_LENGTH, excerpt

#: the codes the loader and the project reader produce (the rest come with their checks)
CODE_YAML = "CG001"  # not strict YAML: syntax, tags, anchors, duplicate keys, one document
CODE_ENCODING = "CG002"  # not UTF-8
CODE_YAML_SURPRISE = "CG003"  # valid YAML that probably does not say what was meant (warning)
CODE_CONTROL = "CG004"  # a control character in the file or in a value
CODE_INVISIBLE = "CG005"  # an invisible character (bidi control, zero-width) in a text
CODE_TYPE = "CG010"  # a value of the wrong type or form
CODE_UNKNOWN_FIELD = "CG011"
CODE_MISSING_FIELD = "CG012"
CODE_ENTRY_CONFLICT = "CG013"  # fields of one entry that exclude or need each other
CODE_DUPLICATE_ID = "CG030"  # two policies with one id
CODE_FILE = "CG040"  # files and folders: unreadable, missing, outside the project
CODE_TRANSLATION = "CG050"  # a text missing in a declared language (warning)
CODE_CATALOGUE = "CG051"  # a declared language the theme has no translation for (warning)
CODE_EXAMPLE = "CG060"  # a worked example whose expected amount the engine computes otherwise
CODE_FACT = "CG061"  # a fact of a case missing or unusable (compensate, worked examples)
CODE_SKIPPED = "CG090"  # checks that could not run on a policy with errors (note)


class Severity(StrEnum):
    """How serious a problem is: errors fail a check or a build, warnings fail only
    ``check --strict``, notes never fail anything."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


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


class Positions(Protocol):
    """Where each field of a file was written (a parsed YAML document)."""

    def position(self, path: FieldPath) -> tuple[int, int]: ...


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
    #: the field as a path (``field_path`` is its text)
    path: FieldPath = field(default=(), compare=False, repr=False)
    #: the language whose word lists found it (a text written once for every language is
    #: read in each; only the first language's problems are kept)
    language: str | None = field(default=None, compare=False, repr=False)

    @classmethod
    def at(cls, path: FieldPath, message: str, hint: str = "", *, code: str = "",
           severity: Severity = Severity.ERROR, language: str | None = None) -> Diagnostic:
        """A problem at a field of a policy, not yet placed in its file (see
        :meth:`placed`). Checks of the registry leave ``code`` and ``severity`` to the
        engine, which takes them from the check's entry."""
        return cls("", 0, 0, code, message, format_field_path(path), hint, severity,
                   tuple(path), language)

    def placed(self, file: str, document: Positions | None = None,
               path: FieldPath | None = None) -> Diagnostic:
        """This problem in ``file``, at the line and column of its field (of ``path`` when
        given: the field as written, when the check saw a pruned copy)."""
        where = self.path if path is None else path
        line, column = (document.position(where) if document is not None
                        else (self.line, self.column))
        return replace(self, file=file, line=line, column=column, path=where,
                       field_path=format_field_path(where) if where else self.field_path)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def is_warning(self) -> bool:
        return self.severity is Severity.WARNING

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

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Diagnostic:
        """The inverse of :meth:`to_dict` (findings replayed from a record)."""
        return cls(str(data["file"]), int(data["line"]), int(data["column"]), str(data["code"]),
                   str(data["message"]), str(data["field"]), str(data["hint"]),
                   Severity(data["severity"]))


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
