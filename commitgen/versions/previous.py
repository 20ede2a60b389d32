"""The version a policy replaces, and what the version rules of ``check`` need to know.

The previous version is the latest release of the charter before this one
(``releases/``), or — with ``--against REV`` — the policy file at a git revision. The
publication date of the current version is its release date once released, else today
(the earliest day it could still be published).
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from commitgen.diagnostics import CODE_FILE, Diagnostic, display_path
from commitgen.loading.sources import LoadedPolicy, load_policy
from commitgen.model.business_time import BusinessTime
from commitgen.model.policy import Policy
from commitgen.versions.diff import Change, diff_charters
from commitgen.versions.fingerprint import fingerprint
from commitgen.versions.labels import is_before
from commitgen.versions.notice import earliest_effective
from commitgen.versions.releases import Release, read_releases

GIT_TIMEOUT = 20  # seconds


@dataclass(frozen=True)
class Previous:
    """A version as published before: its policy, where it was read, its release."""

    policy: Policy
    origin: str  # "release 3.0" or "HEAD:policies/saas-support.yaml"
    release: Release | None = None


@dataclass
class VersionContext:
    """One policy against its history."""

    policy: Policy
    previous: Previous | None
    same: Release | None  # the release of this very version label, if any
    later: Release | None  # the latest release of a later version (going backwards)
    today: dt.date | None
    business_time: BusinessTime | None = None

    @cached_property
    def fingerprint(self) -> str:
        return fingerprint(self.policy.charter())

    @property
    def released(self) -> bool:
        """This version was released with exactly this content."""
        return self.same is not None and self.same.fingerprint == self.fingerprint

    @property
    def publication(self) -> dt.date | None:
        """When this version was (or, at the earliest, will be) published."""
        return self.same.published if self.released and self.same else self.today

    @cached_property
    def changes(self) -> list[Change]:
        if self.previous is None:
            return []
        return diff_charters(self.previous.policy.charter(), self.policy.charter())

    @property
    def notice_from(self) -> Policy | None:
        """Whose notice period applies: the one the customer was promised before."""
        return self.previous.policy if self.previous else None

    def earliest(self) -> dt.date | None:
        """The earliest effective date of this version's worse changes."""
        publication, before = self.publication, self.notice_from
        if publication is None or before is None:
            return None
        calendar = self.policy.business_time or self.business_time
        return earliest_effective(publication, before.changes.notice, calendar)


@dataclass
class VersionHistory:
    """The releases of a project (and optionally a git revision) to check policies
    against."""

    root: Path
    releases: dict[str, list[Release]] = field(default_factory=dict)
    today: dt.date | None = None
    against: str | None = None
    business_time: BusinessTime | None = None
    problems: list[Diagnostic] = field(default_factory=list)
    _loaded: dict[Path, Policy | None] = field(default_factory=dict)

    @classmethod
    def read(cls, root: Path, releases_dir: Path, today: dt.date | None,
             against: str | None = None, business_time: BusinessTime | None = None
             ) -> VersionHistory:
        releases, problems = read_releases(releases_dir, root)
        return cls(root, releases, today, against, business_time, problems)

    def context_for(self, loaded: LoadedPolicy) -> VersionContext:
        policy = loaded.policy
        mine = self.releases.get(policy.id, [])
        same = next((r for r in mine if r.version == policy.version), None)
        earlier = [r for r in mine if is_before(r.version, policy.version)]
        later = [r for r in mine if is_before(policy.version, r.version)]
        previous = None
        if self.against is not None:
            previous = self._at_revision(loaded)
        elif earlier:
            release = earlier[-1]
            old = self._load(release.policy_file)
            previous = Previous(old, f"release {release.version}", release) if old else None
        return VersionContext(policy, previous, same, later[-1] if later else None,
                              self.today, self.business_time)

    def _load(self, path: Path, raw: bytes | None = None) -> Policy | None:
        if path not in self._loaded or raw is not None:
            loaded, problems = load_policy(path, display_path(path, self.root), raw)
            self.problems += problems
            self._loaded[path] = loaded.policy if loaded else None
        return self._loaded[path]

    def _at_revision(self, loaded: LoadedPolicy) -> Previous | None:
        """The same policy file at git revision ``against`` (None when it did not exist)."""
        path = loaded.source.path
        spec = f"{self.against}:./{path.name}"
        try:
            done = subprocess.run(["git", "show", spec], cwd=path.parent, capture_output=True,
                                  timeout=GIT_TIMEOUT, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            self.problems.append(Diagnostic(loaded.source.file, 0, 0, CODE_FILE,
                                            f"cannot run git to read {spec}: {exc}"))
            return None
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip().splitlines()
            if message and "exists on disk, but not in" in message[-1]:
                return None  # a new policy: nothing to compare with
            self.problems.append(Diagnostic(
                loaded.source.file, 0, 0, CODE_FILE,
                f"cannot read {spec} from git: {message[-1] if message else 'failed'}",
                hint="--against takes a git revision such as HEAD, main or a tag"))
            return None
        name = f"{self.against}:{display_path(path, self.root)}"
        old = self._load(Path(name), done.stdout)
        return Previous(old, name) if old else None
