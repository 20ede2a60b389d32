"""Release snapshots: every published version of a charter, kept in the project.

``commitgen release`` writes, for the current version of a policy,
``releases/<id>/v<version>/``:

``policy.yaml``        the policy file exactly as published (the staff section included:
                       ``releases/`` is part of the project, never of ``output/public``)
``release.json``       the manifest: version, effective date, publication date, content
                       fingerprint, and the SHA-256 of every file of the snapshot
``public/<lang>/…``    the version's public documents as archived: its page (saying it is
                       not current), its PDF (PDF/A) and ``charter.json``

``commitgen build`` publishes the documents of every superseded release unchanged, so
the bytes at a version's address never change once published. A snapshot whose files do
not match its manifest is an error: published history cannot be rewritten.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from commitgen.diagnostics import CODE_FILE, Diagnostic, display_path
from commitgen.loading.confine import real
from commitgen.printable import excerpt
from commitgen.versions.labels import sort_key

MANIFEST = "release.json"
POLICY = "policy.yaml"
FORMAT = 1


@dataclass(frozen=True)
class Release:
    """One published version of one charter."""

    folder: Path
    charter: str
    version: str
    effective: dt.date
    published: dt.date
    fingerprint: str
    generator: str
    files: dict[str, str] = field(default_factory=dict)  # relative path → SHA-256
    pages: dict[str, list[str]] = field(default_factory=dict)  # PDF → page digests

    @property
    def policy_file(self) -> Path:
        return self.folder / POLICY

    def public_files(self) -> dict[str, Path]:
        """The archived public documents, by path relative to ``public/``."""
        return {name.removeprefix("public/"): self.folder / name for name in sorted(self.files)
                if name.startswith("public/")}

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "charter": self.charter, "version": self.version,
                "effective": self.effective.isoformat(),
                "published": self.published.isoformat(), "fingerprint": self.fingerprint,
                "generator": self.generator, "files": dict(sorted(self.files.items())),
                "pages": dict(sorted(self.pages.items()))}


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_manifest(release: Release) -> None:
    text = json.dumps(release.to_json(), ensure_ascii=False, indent=2) + "\n"
    (release.folder / MANIFEST).write_text(text, encoding="utf-8")


def read_release(folder: Path, shown_from: Path) -> tuple[Release | None, list[Diagnostic]]:
    """Read one snapshot and check its files against its manifest."""
    manifest = folder / MANIFEST
    file = display_path(manifest, shown_from)
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        release = Release(folder, data["charter"], data["version"],
                          dt.date.fromisoformat(data["effective"]),
                          dt.date.fromisoformat(data["published"]), data["fingerprint"],
                          data["generator"], dict(data["files"]),
                          {k: list(v) for k, v in data.get("pages", {}).items()})
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return None, [Diagnostic(file, 0, 0, CODE_FILE,
                                 f"unreadable release manifest: {excerpt(str(exc))}",
                                 hint="restore it from version control; commitgen release "
                                      "writes it")]
    outside = sorted(name for name in [*release.files, POLICY]
                     if not real(folder / name).is_relative_to(real(folder)))
    if outside:
        return None, [Diagnostic(file, 0, 0, CODE_FILE, "the release lists files outside "
                                 f"its folder: {excerpt(', '.join(outside))}",
                                 hint="a release holds its own files only (no symlinks, no "
                                      "'..'): restore it from version control")]
    changed = [name for name, digest in release.files.items()
               if not (folder / name).is_file() or sha256_file(folder / name) != digest]
    if POLICY not in release.files:
        changed.append(POLICY)
    if changed:
        return None, [Diagnostic(file, 0, 0, CODE_FILE,
                                 f"release {release.version} of {release.charter} was changed "
                                 f"after it was published: {', '.join(sorted(changed))}",
                                 hint="a published version never changes: restore the "
                                      "snapshot from version control and release a new "
                                      "version instead")]
    return release, []


def read_releases(folder: Path, shown_from: Path
                  ) -> tuple[dict[str, list[Release]], list[Diagnostic]]:
    """Every snapshot under ``folder`` (``releases/``), per charter id, oldest version
    first."""
    found: dict[str, list[Release]] = {}
    problems: list[Diagnostic] = []
    if not folder.is_dir():
        return found, problems
    for manifest in sorted(folder.glob(f"*/*/{MANIFEST}")):
        if not real(manifest).is_relative_to(real(folder)):
            problems.append(Diagnostic(display_path(manifest, shown_from), 0, 0, CODE_FILE,
                                       "the release leads outside the releases folder "
                                       "(through a symlink): not read",
                                       hint="keep each release's files in the project"))
            continue
        release, diagnostics = read_release(manifest.parent, shown_from)
        problems += diagnostics
        if release is not None:
            found.setdefault(release.charter, []).append(release)
    for releases in found.values():
        releases.sort(key=lambda r: sort_key(r.version))
    return found, problems
