"""Find a version by what a user types: a policy file, ``ID@VERSION`` (a release of the
project), ``REV:PATH`` (a file at a git revision) or ``ID`` (the current policy)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from commitgen.diagnostics import Diagnostic
from commitgen.loading.files import discover_policy_files
from commitgen.loading.sources import load_policy
from commitgen.model.policy import Policy
from commitgen.project import Project
from commitgen.versions.labels import is_before
from commitgen.versions.previous import GIT_TIMEOUT
from commitgen.versions.releases import Release, read_releases


class NotFound(LookupError):
    """The version asked for does not exist or cannot be read (a usage error)."""


class Invalid(ValueError):
    """The version was found but does not load: its problems."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(f"{len(diagnostics)} problem(s)")
        self.diagnostics = diagnostics


@dataclass(frozen=True)
class Found:
    policy: Policy
    label: str  # how it is named in reports
    release: Release | None = None


def current_policies(project: Project) -> dict[str, Path]:
    """The policy files of the project by id (unreadable ones are left out)."""
    out = {}
    for path in discover_policy_files([project.policies_dir]):
        loaded, _ = load_policy(path, path.name, within=project.root)
        if loaded is not None:
            out[loaded.policy.id] = path
    return out


def releases_of(project: Project, charter: str) -> list[Release]:
    releases, problems = read_releases(project.releases_dir, project.root)
    if problems:
        raise Invalid(problems)
    return releases.get(charter, [])


def find(spec: str, project: Project, cwd: Path) -> Found:
    path = cwd / spec
    if path.is_file():
        return _load(path, spec)
    if "@" in spec:
        charter, _, version = spec.partition("@")
        for release in releases_of(project, charter):
            if release.version == version:
                return _load(release.policy_file, spec, release=release)
        known = ", ".join(r.version for r in releases_of(project, charter)) or "none"
        raise NotFound(f"{charter} has no release {version} (released: {known})")
    if ":" in spec:
        return _from_git(spec, cwd)
    files = current_policies(project)
    if spec in files:
        return _load(files[spec], f"{spec} (current)")
    raise NotFound(f"{spec!r} is not a policy file, ID@VERSION, REV:PATH or a charter id of "
                   f"this project ({', '.join(sorted(files)) or 'no policies'})")


def latest_before(project: Project, charter: str, version: str) -> Found:
    """The latest release of ``charter`` before ``version``."""
    earlier = [r for r in releases_of(project, charter) if is_before(r.version, version)]
    if not earlier:
        raise NotFound(f"{charter} has no release before version {version}: "
                       "`commitgen release` records one")
    release = earlier[-1]
    return _load(release.policy_file, f"{charter}@{release.version}", release=release)


def _load(path: Path, label: str, raw: bytes | None = None,
          release: Release | None = None) -> Found:
    loaded, problems = load_policy(path, label, raw)
    if loaded is None:
        raise Invalid(problems)
    return Found(loaded.policy, label, release)


def _from_git(spec: str, cwd: Path) -> Found:
    revision, _, name = spec.partition(":")
    try:
        done = subprocess.run(["git", "show", f"{revision}:./{name}"], cwd=cwd,
                              capture_output=True, timeout=GIT_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise NotFound(f"cannot run git: {exc}") from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise NotFound(f"cannot read {spec} from git: {lines[-1] if lines else 'failed'}")
    return _load(cwd / name, spec, raw=done.stdout)
