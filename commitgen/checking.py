"""``commitgen check``: load and validate policies, run the clarity and fairness rules,
returning every diagnostic (and every suppressed one, with its justification)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from commitgen.diagnostics import CODE_FILE, Diagnostic, display_path, format_field_path
from commitgen.loading.sources import LoadedPolicy, discover_policy_files, load_policy
from commitgen.rules.config import RulesConfig
from commitgen.rules.engine import RuleEngine, Suppressed, not_checked_note
from commitgen.validation import check_project

if TYPE_CHECKING:
    from commitgen.model.business_time import BusinessTime
    from commitgen.project import Project
    from commitgen.versions.previous import VersionHistory


@dataclass
class CheckResult:
    #: every policy that could be read, whole or in part (``LoadedPolicy.whole``)
    policies: list[LoadedPolicy] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    suppressed: list[Suppressed] = field(default_factory=list)
    files: int = 0  # policy files found

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.diagnostics)


def no_policies(project: Project, relative_to: Path | None = None) -> Diagnostic:
    """The problem of a project without a single policy file (or without the folder)."""
    folder = display_path(project.policies_dir, relative_to or project.root)
    if not project.policies_dir.is_dir():
        return Diagnostic(folder, 0, 0, CODE_FILE, f'the policies folder "{folder}" does not '
                          "exist", hint="create it and put policy files (*.yaml) in it, or "
                          "set `policies:` in commitgen.yaml to the folder that holds them")
    return Diagnostic(folder, 0, 0, CODE_FILE, "no policy files (*.yaml) found",
                      hint="write one, or run `commitgen init` to start from an example")


def _project_rules(root: Path | None) -> RulesConfig:
    """The ``rules:`` settings of the project at ``root`` (defaults without one)."""
    if root is None or not root.is_dir():
        return RulesConfig()
    from commitgen.project import load_project

    project, _ = load_project(root)
    return project.config.rules if project is not None else RulesConfig()


def check_paths(paths: Sequence[Path], root: Path | None = None,
                business_time: BusinessTime | None = None,
                rules: RulesConfig | None = None,
                history: VersionHistory | None = None,
                within: Path | None = None) -> CheckResult:
    """Load → the registry's checks, for every policy under ``paths``; all problems at
    once, sorted. Each file is read once.

    ``business_time`` is the project's calendar (commitgen.yaml), which a policy without
    its own counts in. ``rules`` defaults to the settings in ``root``'s commitgen.yaml.
    A policy with format errors is checked on its readable part (a note says what was
    left out); only a file that cannot be read at all, or whose id, version, effective
    date or languages are wrong, is not checked further. ``history`` holds the published
    versions the version rules compare each policy with. A file written inside ``within``
    (the project) that leads outside it through a symlink is not read (CG040).
    """
    result = CheckResult()
    engine = RuleEngine(rules if rules is not None else _project_rules(root), business_time)
    found = discover_policy_files(paths)
    result.files = len(found)
    for path in found:
        file = display_path(path, root)
        loaded, diagnostics = load_policy(path, file, within=within)
        result.diagnostics.extend(diagnostics)
        if loaded is None:
            result.diagnostics.extend(not_checked_note(diagnostics))
            continue
        outcome = engine.run(loaded, versions=history.context_for(loaded) if history else None)
        result.diagnostics.extend(outcome.diagnostics)
        if loaded.whole:  # worked examples need the whole policy to compute
            result.diagnostics.extend(_example_problems(loaded, file, business_time))
        result.suppressed.extend(outcome.suppressed)
        result.policies.append(loaded)
    result.diagnostics.extend(check_project(result.policies))
    if history is not None:
        result.diagnostics.extend(history.problems)
    result.diagnostics.sort()
    return result


def _example_problems(loaded: LoadedPolicy, file: str,
                      business_time: BusinessTime | None) -> list[Diagnostic]:
    """The author's worked examples, computed (CG060 when the engine disagrees, CG061 when
    it cannot compute them), with the engine's steps in the hint."""
    from commitgen.compute.examples import example_problems
    from commitgen.render.steps import english_words, owed_text, step_text

    words = english_words()
    out = []
    for problem in example_problems(loaded.policy, business_time):
        message, hint = problem.message, problem.hint
        if problem.outcome is not None:
            case = loaded.policy.worst_cases[int(problem.path[1])]
            example = case.examples[int(problem.path[3])]
            expected = words.money(example.owed) if example.owed is not None else "nothing"
            if example.extension is not None:
                expected += f" and {words.duration(example.extension)} of free service"
            message = (f"this example expects {expected}, but the engine computes "
                       f"{owed_text(problem.outcome, words)}")
            hint = "the engine's steps: " + " ".join(
                text for step in problem.outcome.steps if (text := step_text(step, words)))
        line, column = loaded.source.document.position(problem.path)
        out.append(Diagnostic(file, line, column, problem.code, message,
                              format_field_path(problem.path), hint))
    return out


def check_in_project(project: Project, paths: Sequence[Path] = (),
                     relative_to: Path | None = None, today: dt.date | None = None,
                     against: str | None = None) -> CheckResult:
    """:func:`check_paths` with the project's settings (calendar, rules), plus what only
    a project can tell: declared languages its theme cannot print (CG051), unsafe
    constructs in its own templates (CG310–CG313, when checking the whole project), each
    policy against its published versions (``releases/``, or the git revision
    ``against``), with ``today`` as the earliest publication date of a new version.

    File names are shown relative to ``relative_to`` (default: as found).
    """
    from commitgen.render.theme import theme_search_dirs
    from commitgen.validation.languages import theme_language_problems
    from commitgen.validation.templates import lint_templates
    from commitgen.versions.previous import VersionHistory

    if not paths and not project.policies_dir.is_dir():
        return CheckResult(diagnostics=[no_policies(project, relative_to)])
    result = check_paths(list(paths) or [project.policies_dir], root=relative_to,
                         rules=project.config.rules, within=project.root,
                         business_time=project.config.business_time,
                         history=VersionHistory.read(relative_to or project.root,
                                                     project.releases_dir, today, against,
                                                     project.config.business_time))
    templates = project.own_templates
    result.diagnostics.extend(theme_language_problems(result.policies,
                                                      theme_search_dirs(templates)))
    if not paths:
        result.diagnostics.extend(lint_templates(templates, relative_to))
    result.diagnostics.sort()
    return result
