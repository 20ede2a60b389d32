"""``commitgen verify``: is this PDF a current, superseded or unknown version of one of the
project's charters, and is it as published?

A charter PDF names its charter, version, language and content fingerprint in its
document information. The version is looked up in the project (the current policy and
the releases); the fingerprint must be that version's; and the PDF's pages must be the
pages published for it — the page digests recorded by ``commitgen release``, or those of
the current build in ``output/public`` — in one run (a sales pack adds a cover before
them). Anything else is reported as altered.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from commitgen.project import Project
from commitgen.render.versions import PDF_KEYS, pdf_key
from commitgen.versions.fingerprint import fingerprint, short
from commitgen.versions.lookup import current_policies
from commitgen.versions.pages import contains_run, page_digests
from commitgen.versions.releases import Release, read_releases


class Status(StrEnum):
    CURRENT = "current"
    SUPERSEDED = "superseded"
    UNKNOWN = "unknown"
    ALTERED = "altered"


@dataclass(frozen=True)
class Verification:
    status: Status
    message: str
    charter: str | None = None
    version: str | None = None
    language: str | None = None
    effective: dt.date | None = None
    current_version: str | None = None

    def to_json(self) -> dict[str, object]:
        return {"status": str(self.status), "message": self.message, "charter": self.charter,
                "version": self.version, "language": self.language,
                "effective": self.effective.isoformat() if self.effective else None,
                "current_version": self.current_version}


def _metadata(path: Path) -> dict[str, str] | None:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # a foreign file is reported once
    try:
        info: dict[str, object] = dict(PdfReader(path).metadata or {})
    except (PyPdfError, OSError, ValueError):
        return None
    found = {name: str(info.get(pdf_key(name), "")) for name in PDF_KEYS}
    return found if all(found.values()) else None


@dataclass(frozen=True)
class _Known:
    version: str
    effective: dt.date
    fingerprint: str
    pages: tuple[list[str], ...]  # page digests of each PDF published for the language


def _versions(project: Project, charter: str, language: str
              ) -> tuple[list[_Known], str | None]:
    """Every known version of ``charter`` (releases and the current policy) and the
    current version label."""
    from commitgen.loading.sources import load_policy

    releases, _ = read_releases(project.releases_dir, project.root)
    known = [_from_release(r, language) for r in releases.get(charter, [])]
    current = None
    path = current_policies(project).get(charter)
    if path is not None:
        loaded, _ = load_policy(path, path.name)
        if loaded is not None:
            policy = loaded.policy
            current = policy.version
            built = project.output_dir / "public" / charter / language / \
                f"{charter}-{language}.pdf"
            pages = (page_digests(built),) if built.is_file() else ()
            known.append(_Known(policy.version, policy.effective,
                                fingerprint(policy.charter()), pages))
    return known, current


def _from_release(release: Release, language: str) -> _Known:
    name = f"{release.charter}-{language}.pdf"
    pages = tuple(digests for key, digests in release.pages.items()
                  if key in (f"public/{language}/{name}", f"current/{language}/{name}"))
    return _Known(release.version, release.effective, release.fingerprint, pages)


def verify(path: Path, project: Project) -> Verification:
    meta = _metadata(path)
    if meta is None:
        return Verification(Status.UNKNOWN, "not a charter PDF made by commitgen (no charter "
                            "id, version and fingerprint in it)")
    charter, version, language = meta["charter"], meta["version"], meta["language"]
    known, current = _versions(project, charter, language)
    same = [k for k in known if k.version == version]

    def result(status: Status, message: str, effective: dt.date | None = None
               ) -> Verification:
        return Verification(status, message, charter, version, language, effective, current)

    if not known:
        return result(Status.UNKNOWN, f'"{charter}" is not a charter of this project')
    if not same:
        return result(Status.UNKNOWN, f"{charter} has no published version {version}")
    entry = same[-1]
    effective = entry.effective
    if any(k.fingerprint != meta["fingerprint"] for k in same):
        return result(Status.ALTERED, f"it claims {charter} {version}, but its content "
                            f"fingerprint {short(meta['fingerprint'])} is not that version's "
                            f"({short(entry.fingerprint)})", effective=effective)
    pdf_pages = page_digests(path)
    published = [pages for k in same for pages in k.pages]
    if published and not any(contains_run(pdf_pages, run) is not None for run in published):
        first = _first_difference(pdf_pages, published)
        return result(Status.ALTERED, f"it claims {charter} {version}, but page {first} "
                            "differs from every published PDF of that version",
                            effective=effective)
    checked = "" if published else " (its pages could not be compared: build or release first)"
    if version == current:
        return result(Status.CURRENT, f"{charter} {version} ({language}), in force from "
                            f"{effective}, is the current version{checked}",
                            effective=effective)
    latest = next(k for k in known if k.version == current) if current else known[-1]
    return result(Status.SUPERSEDED, f"{charter} {version} ({language}), in force from "
                        f"{effective}, has been replaced by version {latest.version} (in force "
                        f"from {latest.effective}){checked}", effective=effective)


def _first_difference(pages: list[str], published: list[list[str]]) -> int:
    """The first page (1-based) of the PDF that matches no page of any published PDF."""
    seen = {digest for run in published for digest in run}
    return next((index for index, digest in enumerate(pages, start=1) if digest not in seen),
                1)
