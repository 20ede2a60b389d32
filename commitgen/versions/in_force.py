"""Which version of a charter was in force on a given day: the current policy, or the
release it replaced (``commitgen compensate --on DATE`` computes with it)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from commitgen.model.policy import Policy
from commitgen.versions.labels import sort_key
from commitgen.versions.releases import Release


@dataclass(frozen=True)
class InForce:
    policy: Policy
    release: Release | None  # None: the current policy
    until: dt.date | None  # the last day it applied (None: still in force)


class NotInForce(LookupError):
    """No version of the charter was in force on that day."""


def in_force(current: Policy, releases: list[Release], day: dt.date) -> InForce:
    """The version with the latest effective date on or before ``day`` (the current policy
    for any day from its own effective date)."""
    from commitgen.loading.sources import load_policy

    versions: list[tuple[dt.date, str, Release | None]] = [
        (r.effective, r.version, r) for r in releases if r.version != current.version]
    versions.append((current.effective, current.version, None))
    versions.sort(key=lambda item: (item[0], sort_key(item[1])))
    chosen = [item for item in versions if item[0] <= day]
    if not chosen:
        raise NotInForce(f"no version of {current.id} was in force on {day}: the first took "
                         f"effect on {versions[0][0]}")
    effective, _, release = chosen[-1]
    later = [item[0] for item in versions if item[0] > effective]
    until = min(later) - dt.timedelta(days=1) if later else None
    if release is None:
        return InForce(current, None, until)
    loaded, problems = load_policy(release.policy_file, release.policy_file.name)
    if loaded is None:
        raise NotInForce(f"release {release.version} of {current.id} cannot be read: "
                         f"{problems[0].message if problems else 'unknown problem'}")
    return InForce(loaded.policy, release, until)
