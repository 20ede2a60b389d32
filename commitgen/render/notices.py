"""Change notices: for each new version, what changes for the customer, better or worse,
from when, with computed examples, and what the customer can do; and a staff version.

A notice compares two consecutive versions (releases, then the current policy) with
:func:`commitgen.versions.diff.diff_charters`. Customer notices are published at
``<id>/notices/<version>/<lang>/`` (page and PDF); staff notices at
``staff/<id>/<lang>/changes-<version>.html`` (and PDF).
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from functools import cached_property

from commitgen.loading.sources import load_policy
from commitgen.model.duration import Duration
from commitgen.model.policy import Charter, Policy
from commitgen.versions.diff import Change, Verdict, diff_charters
from commitgen.versions.labels import is_before
from commitgen.versions.releases import Release


@dataclass(frozen=True)
class NoticeView:
    """One version against the one before it."""

    old: Charter
    new: Charter
    published: dt.date | None  # the release date of the new version (None: not released)

    @cached_property
    def changes(self) -> list[Change]:
        return [c for c in diff_charters(self.old, self.new)
                if c.aspect not in ("version", "effective")]

    def of(self, verdict: str) -> list[Change]:
        return [c for c in self.changes if c.verdict is Verdict(verdict)]

    @property
    def notice(self) -> Duration:
        """The notice period the customer was promised (the old version's)."""
        return self.old.changes.notice

    @property
    def until(self) -> dt.date:
        """The last day the old version applies."""
        return self.new.effective - dt.timedelta(days=1)


@dataclass(frozen=True)
class VersionPair:
    old: Policy
    new: Policy
    published: dt.date | None


def version_pairs(policy: Policy, releases: list[Release]) -> list[VersionPair]:
    """Each published version with the one before it, oldest first; the current policy last
    when it is a new version (not released yet, or released: then with its date)."""
    versions: list[tuple[Policy, dt.date | None]] = []
    for release in releases:
        if release.version == policy.version:
            continue
        if not is_before(release.version, policy.version):
            continue
        loaded, _ = load_policy(release.policy_file, release.policy_file.name)
        if loaded is not None:
            versions.append((loaded.policy, release.published))
    same = next((r for r in releases if r.version == policy.version), None)
    versions.append((policy, same.published if same else None))
    return [VersionPair(a[0], b[0], b[1]) for a, b in itertools.pairwise(versions)]
