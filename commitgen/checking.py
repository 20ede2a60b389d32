"""``commitgen check``: load and validate policies, run the clarity and fairness rules,
returning every diagnostic (and every suppressed one, with its justification).

With a :class:`~commitgen.incremental.checks.CheckCache` (:func:`check_cache`), a policy
whose bytes and context did not change since it was last checked is not loaded again:
its findings are replayed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from commitgen.diagnostics import CODE_FILE, Diagnostic, display_path, format_field_path
from commitgen.incremental.checks import CheckCache, PolicyFindings
from commitgen.incremental.inputs import Digests
from commitgen.loading.files import discover_policy_files
from commitgen.loading.sources import LoadedPolicy, load_policy
from commitgen.rules.config import RulesConfig
from commitgen.rules.engine import RuleEngine, Suppressed, not_checked_note
from commitgen.validation import check_project
from commitgen.validation.project import PolicyIdentity

if TYPE_CHECKING:
    from commitgen.model.business_time import BusinessTime
    from commitgen.project import Project
    from commitgen.versions.previous import VersionHistory

#: a check of one loaded, valid policy besides the rules (the theme's languages)
ExtraCheck = Callable[[LoadedPolicy], list[Diagnostic]]


@dataclass
class CheckResult:
    #: every policy that could be read now, whole or in part (``LoadedPolicy.whole``)
    policies: list[LoadedPolicy] = field(default_factory=list)
    findings: list[PolicyFindings] = field(default_factory=list)  # every file, or replayed
    diagnostics: list[Diagnostic] = field(default_factory=list)
    suppressed: list[Suppressed] = field(default_factory=list)
    files: int = 0  # policy files found
    replayed: int = 0  # files whose findings came from the cache

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
                within: Path | None = None, *, extra: ExtraCheck | None = None,
                cache: CheckCache | None = None) -> CheckResult:
    """Load → the registry's checks, for every policy under ``paths``; all problems at
    once, sorted. Each file is read once.

    ``business_time`` is the project's calendar (commitgen.yaml), which a policy without
    its own counts in. ``rules`` defaults to the settings in ``root``'s commitgen.yaml.
    A policy with format errors is checked on its readable part (a note says what was
    left out); only a file that cannot be read at all, or whose id, version, effective
    date or languages are wrong, is not checked further. ``history`` holds the published
    versions the version rules compare each policy with. A file written inside ``within``
    (the project) that leads outside it through a symlink is not read (CG040).
    ``cache`` replays the findings of unchanged policies.
    """
    result = CheckResult()
    engine: RuleEngine | None = None
    found = discover_policy_files(paths)
    result.files = len(found)
    for path in found:
        file = display_path(path, root)
        findings = cache.lookup(path, file) if cache is not None else None
        if findings is None:
            if engine is None:
                engine = RuleEngine(rules if rules is not None else _project_rules(root),
                                    business_time)
            digest = cache.digests.file(path) if cache is not None else ""
            findings, loaded = _check_file(path, file, digest, engine, business_time,
                                           history, extra, within)
            if loaded is not None:
                result.policies.append(loaded)
            if cache is not None:
                cache.store(findings)
        else:
            result.replayed += 1
        result.findings.append(findings)
        result.diagnostics.extend(findings.diagnostics)
        result.suppressed.extend(findings.suppressed)
    result.diagnostics.extend(check_project(
        [f.identity for f in result.findings if f.identity is not None]))
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


def _check_file(path: Path, file: str, digest: str, engine: RuleEngine,
                business_time: BusinessTime | None, history: VersionHistory | None,
                extra: ExtraCheck | None, within: Path | None = None
                ) -> tuple[PolicyFindings, LoadedPolicy | None]:
    """Every finding of one policy file, and the policy when it could be read, whole or in
    part (the problems of reading its published versions are its own: moved from
    ``history``)."""
    findings = PolicyFindings(path, file, digest)
    loaded, diagnostics = load_policy(path, file, within=within)
    findings.diagnostics.extend(diagnostics)
    if loaded is None:
        findings.diagnostics.extend(not_checked_note(diagnostics))
        return findings, None
    known = len(history.problems) if history is not None else 0
    outcome = engine.run(loaded, versions=history.context_for(loaded) if history else None)
    if history is not None:
        findings.diagnostics.extend(history.problems[known:])
        del history.problems[known:]
    findings.diagnostics.extend(outcome.diagnostics)
    if loaded.whole:  # worked examples need the whole policy to compute
        findings.diagnostics.extend(_example_problems(loaded, file, business_time))
    findings.suppressed.extend(outcome.suppressed)
    if extra is not None:
        findings.diagnostics.extend(extra(loaded))
    findings.identity = PolicyIdentity.of(loaded)
    findings.languages = list(loaded.policy.languages)
    return findings, loaded


def check_cache(project: Project, digests: Digests, today: dt.date,
                shown_from: Path | None = None) -> CheckCache:
    """The findings cache of ``project``: valid while ``commitgen.yaml``, the theme's
    catalogues, the releases (and, when there are releases, the date) and commitgen's
    code are as they were."""
    from commitgen.incremental.record import CACHE_DIR, check_context

    context = check_context(project.root, project.own_templates, project.releases_dir,
                            today, digests, shown_from or project.root)
    return CheckCache(project.root / CACHE_DIR, context, digests, project.policies_dir)


def check_in_project(project: Project, paths: Sequence[Path] = (),
                     relative_to: Path | None = None, today: dt.date | None = None,
                     against: str | None = None, cache: CheckCache | None = None
                     ) -> CheckResult:
    """:func:`check_paths` with the project's settings (calendar, rules), plus what only
    a project can tell: declared languages its theme cannot print (CG051), unsafe
    constructs in its own templates (CG310–CG313) and sizes no page needs in its own
    stylesheets (CG314–CG315), control and invisible characters in its templates,
    stylesheets and catalogues (CG004, CG005), when checking the whole project; each
    policy against its published versions (``releases/``, or the git revision
    ``against``), with ``today`` as the earliest publication date of a new version.

    File names are shown relative to ``relative_to`` (default: as found).
    """
    from commitgen.render.theme_folders import theme_search_dirs
    from commitgen.validation.characters import hidden_character_problems
    from commitgen.validation.languages import theme_language_problems
    from commitgen.validation.stylesheets import lint_stylesheets
    from commitgen.validation.templates import lint_templates
    from commitgen.versions.previous import VersionHistory

    if not paths and not project.policies_dir.is_dir():
        return CheckResult(diagnostics=[no_policies(project, relative_to)])

    search_dirs = theme_search_dirs(project.own_templates)
    coverage: dict[str, tuple[str, str] | None] = {}

    def theme_languages(loaded: LoadedPolicy) -> list[Diagnostic]:
        return theme_language_problems([loaded], search_dirs, coverage)

    result = check_paths(list(paths) or [project.policies_dir], root=relative_to,
                         rules=project.config.rules, within=project.root,
                         business_time=project.config.business_time,
                         history=VersionHistory.read(relative_to or project.root,
                                                     project.releases_dir, today, against,
                                                     project.config.business_time),
                         extra=theme_languages, cache=None if against else cache)
    if cache is not None and not against:
        cache.save()
    if not paths:
        result.diagnostics.extend(lint_templates(project.own_templates, relative_to))
        result.diagnostics.extend(lint_stylesheets(project.own_templates, relative_to))
        result.diagnostics.extend(hidden_character_problems(project.own_templates,
                                                            relative_to))
        result.diagnostics.sort()
    return result
