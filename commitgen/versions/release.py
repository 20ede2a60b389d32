"""``commitgen release``: record the current version of each policy as published.

Releasing checks the project first (the notice rule included, with today as the
publication date), then writes ``releases/<id>/v<version>/`` (see
:mod:`commitgen.versions.releases`). A version already released with the same content
is left as it is; one released with other content is refused by ``check`` (CG151).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from commitgen import __version__
from commitgen.diagnostics import Diagnostic, ProblemsFound
from commitgen.loading.sources import LoadedPolicy
from commitgen.project import Project
from commitgen.runtime import Runtime
from commitgen.versions.fingerprint import fingerprint
from commitgen.versions.labels import folder_name
from commitgen.versions.releases import POLICY, Release, sha256_file, write_manifest


class ReleaseRefused(ValueError):
    """A release that cannot be made (a usage problem, not a policy problem)."""


@dataclass
class ReleaseReport:
    made: list[Release] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # "id version" already released
    warnings: list[Diagnostic] = field(default_factory=list)


#: renders the archived public documents of one version into a snapshot folder and returns
#: the page digests of each PDF (the rendering stage provides it)
DocumentWriter = Callable[[Project, Runtime, LoadedPolicy, Path], dict[str, list[str]]]


def release(project: Project, runtime: Runtime, ids: Sequence[str] = (),
            write_documents: DocumentWriter | None = None) -> ReleaseReport:
    """Release the current version of every policy (or of those in ``ids``)."""
    from commitgen.build import check_for_build

    result = check_for_build(project, runtime.today)
    report = ReleaseReport(warnings=result.diagnostics)
    known = {loaded.policy.id: loaded for loaded in result.policies}
    unknown = [name for name in ids if name not in known]
    if unknown:
        raise ReleaseRefused(f"no policy with id {', '.join(unknown)} "
                             f"(policies: {', '.join(sorted(known))})")
    from commitgen.versions.releases import read_releases

    existing, problems = read_releases(project.releases_dir, project.root)
    if problems:
        raise ProblemsFound(problems)
    for charter_id in ids or sorted(known):
        loaded = known[charter_id]
        policy = loaded.policy
        folder = folder_name(policy.version)
        if folder is None:
            raise ReleaseRefused(f'{charter_id}: version "{policy.version}" cannot name a '
                                 "folder; use letters, digits, dots, dashes (e.g. 3.1)")
        if any(r.version == policy.version for r in existing.get(charter_id, [])):
            report.unchanged.append(f"{charter_id} {policy.version}")
            continue
        report.made.append(_write(project, runtime, loaded,
                                  project.releases_dir / charter_id / folder, write_documents))
    return report


def _write(project: Project, runtime: Runtime, loaded: LoadedPolicy, target: Path,
           write_documents: DocumentWriter | None) -> Release:
    """Write the snapshot in a temporary folder beside ``target`` and move it in whole."""
    target.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        shutil.copyfile(loaded.source.path, stage / POLICY)
        pages: dict[str, list[str]] = {}
        if write_documents is not None:
            pages = write_documents(project, runtime, loaded, stage)
        policy = loaded.policy
        files = {p.relative_to(stage).as_posix(): sha256_file(p)
                 for p in sorted(stage.rglob("*")) if p.is_file()}
        made = Release(target, policy.id, policy.version, policy.effective, runtime.today,
                       fingerprint(policy.charter()), f"commitgen {__version__}", files, pages)
        write_manifest(replace(made, folder=stage))
        stage.rename(target)
        return made
    finally:
        shutil.rmtree(stage, ignore_errors=True)
