"""Checks across the policies of a project."""

from __future__ import annotations

from collections.abc import Sequence

from commitgen.diagnostics import CODE_DUPLICATE_ID, Diagnostic
from commitgen.loading.sources import LoadedPolicy


def check_project(policies: Sequence[LoadedPolicy]) -> list[Diagnostic]:
    """Policy ids must be unique, ignoring case: each becomes a folder of the output."""
    first: dict[str, LoadedPolicy] = {}
    problems = []
    for loaded in policies:
        key = loaded.policy.id.casefold()
        if key in first:
            other = first[key]
            line, col = loaded.source.document.position(("id",))
            problems.append(Diagnostic(
                loaded.source.file, line, col, CODE_DUPLICATE_ID,
                f'duplicate policy id "{loaded.policy.id}" (also used by {other.source.file})',
                "id", "give every policy its own id; it names the output folder"))
        else:
            first[key] = loaded
    return problems
