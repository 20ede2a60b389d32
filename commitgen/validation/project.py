"""Checks across the policies of a project."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from commitgen.diagnostics import CODE_DUPLICATE_ID, Diagnostic
from commitgen.loading.sources import LoadedPolicy


class PolicyIdentity(NamedTuple):
    """A policy's id and where it is written (all a check across policies needs)."""

    file: str
    id: str
    line: int
    column: int

    @classmethod
    def of(cls, loaded: LoadedPolicy) -> PolicyIdentity:
        return cls(loaded.source.file, loaded.policy.id,
                   *loaded.source.document.position(("id",)))


def check_project(policies: Sequence[PolicyIdentity | LoadedPolicy]) -> list[Diagnostic]:
    """Policy ids must be unique, ignoring case: each becomes a folder of the output."""
    first: dict[str, PolicyIdentity] = {}
    problems = []
    for item in policies:
        policy = item if isinstance(item, PolicyIdentity) else PolicyIdentity.of(item)
        key = policy.id.casefold()
        if key in first:
            problems.append(Diagnostic(
                policy.file, policy.line, policy.column, CODE_DUPLICATE_ID,
                f'duplicate policy id "{policy.id}" (also used by {first[key].file})',
                "id", "give every policy its own id; it names the output folder"))
        else:
            first[key] = policy
    return problems
