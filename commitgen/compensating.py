"""``commitgen compensate``: find a policy, validate it, and compute one case.

The policy is named by its id (a policy of the project) or by its file. A policy with
format errors is not computed (its problems are returned instead); facts that are
missing or wrong come back as diagnostics too (code CG061), located on the command line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from commitgen.compute import FactsError, Outcome, compensate
from commitgen.diagnostics import CODE_FACT, Diagnostic, display_path
from commitgen.loading.files import discover_policy_files
from commitgen.loading.located import place_all
from commitgen.loading.sources import LoadedPolicy, load_policy
from commitgen.model.policy import Policy
from commitgen.project import Project
from commitgen.rules.engine import structural_problems
from commitgen.versions.in_force import InForce

#: how a problem with the command line's facts is located
COMMAND_LINE = "command line"


class PolicyNotFound(LookupError):
    """No policy file has this id."""


@dataclass(frozen=True)
class Found:
    """A policy to compute with, or the problems that stop it."""

    policy: Policy | None
    problems: list[Diagnostic]


def find_policy(project: Project, reference: str, cwd: Path) -> Found:
    """The policy ``reference`` names: a file (relative to ``cwd``), or the id of a policy
    of the project. Raises :class:`PolicyNotFound` when nothing has that name.
    """
    path = cwd / reference
    if path.suffix in (".yaml", ".yml") and path.is_file():
        candidates = [path]
    else:
        files = discover_policy_files([project.policies_dir]) \
            if project.policies_dir.is_dir() else []
        candidates = [f for f in files if f.stem == reference] + \
            [f for f in files if f.stem != reference]
    known = []
    for candidate in candidates:
        file = display_path(candidate, cwd)
        loaded, problems = load_policy(candidate, file, within=project.root)
        if loaded is None or not loaded.whole:  # format errors: nothing to compute with
            if candidate == path or candidate.stem == reference:
                return Found(None, [d for d in problems if d.is_error])
            continue
        known.append(loaded.policy.id)
        if loaded.policy.id == reference or candidate == path:
            return _validated(loaded, project, file)
    hint = f" (policies: {', '.join(sorted(known))})" if known else ""
    raise PolicyNotFound(f'no policy "{reference}"{hint}')


def _validated(loaded: LoadedPolicy, project: Project, file: str) -> Found:
    problems = [d for d in place_all(loaded.source.document, file,
                                     structural_problems(loaded.policy,
                                                         project.config.business_time))
                if d.is_error]
    return Found(None if problems else loaded.policy, problems)


def version_on(project: Project, policy: Policy, day: dt.date | None, shown_from: Path
               ) -> tuple[InForce, list[Diagnostic]]:
    """The version of ``policy`` in force on ``day``: the current policy, or the release
    (``releases/``) it replaced. Without a day, or before the first version, the current
    policy (the engine then says the day is before its effective date)."""
    from commitgen.versions.in_force import NotInForce, in_force
    from commitgen.versions.releases import read_releases

    current = InForce(policy, None, None)
    if day is None:
        return current, []
    releases, problems = read_releases(project.releases_dir, shown_from)
    if problems:
        return current, problems
    try:
        return in_force(policy, releases.get(policy.id, []), day), []
    except NotInForce:
        return current, []


def case_day(given: Mapping[str, Any]) -> dt.date | None:
    """The day a case happened, from its ``happened`` fact when that is a valid date (a
    malformed one is the engine's to report)."""
    text = str(given.get("happened", "")).strip()[:10]
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None


def compute_case(policy: Policy, project: Project, case_id: str,
                 facts: Mapping[str, Any]) -> Outcome:
    """:func:`commitgen.compute.compensate` with the project's calendar."""
    return compensate(policy, case_id, facts, project.config.business_time)


def fact_diagnostics(error: FactsError) -> list[Diagnostic]:
    """The problems of a case's facts, located on the command line."""
    return [Diagnostic(COMMAND_LINE, 0, 0, CODE_FACT, problem.message, problem.name,
                       problem.hint) for problem in error.problems]
