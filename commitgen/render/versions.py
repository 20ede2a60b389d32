"""The version view of a charter document: its stamp (version, effective date, content
fingerprint, the QR code and address of this version) and its published history.

Every version is published at its own address, ``<id>/v<version>/<lang>/`` (see
:mod:`commitgen.versions.releases`); the QR code on a PDF points there (an absolute
address, so only when ``url:`` is set in ``commitgen.yaml``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING, Any

import segno

from commitgen.model.policy import Charter
from commitgen.versions.fingerprint import fingerprint, short
from commitgen.versions.labels import folder_name, is_before, sort_key
from commitgen.versions.releases import Release

if TYPE_CHECKING:
    from commitgen.render.documents import RenderPlan


@dataclass(frozen=True)
class HistoryEntry:
    version: str
    effective: dt.date
    until: dt.date | None  # the day before the next version took effect
    href: str | None  # this version's page, relative to the document
    current: bool = False


@dataclass(frozen=True)
class VersionView:
    """What templates show about the version of the document they render."""

    charter: str
    version: str
    effective: dt.date
    language: str
    fingerprint: str  # full SHA-256
    address: str | None  # the absolute address of this version (url: set)
    archived: bool = False  # rendered as an archived page (not the current version)
    current_href: str = ""  # the current charter page, relative to the document
    current_address: str | None = None  # the current charter page's absolute address
    history: tuple[HistoryEntry, ...] = field(default_factory=tuple)

    @property
    def short_fingerprint(self) -> str:
        return short(self.fingerprint)

    @property
    def qr_code(self) -> str | None:
        """The QR code of :attr:`address` as an SVG data URI (None without an address)."""
        if self.address is None:
            return None
        code = segno.make(self.address, error="m", micro=False)
        return str(code.svg_data_uri(scale=1, border=0, dark="#000", nl=False))

    @property
    def metadata(self) -> dict[str, str]:
        """Stored in the PDF's document information (``commitgen verify`` reads it)."""
        return {f"commitgen-{key}": value for key, value in metadata_values(self).items()}


#: the PDF document information keys (WeasyPrint keeps letters and digits of a <meta> name)
PDF_KEYS = ("charter", "version", "effective", "language", "fingerprint")


def metadata_values(view: VersionView) -> dict[str, str]:
    return {"charter": view.charter, "version": view.version,
            "effective": view.effective.isoformat(), "language": view.language,
            "fingerprint": view.fingerprint}


def pdf_key(name: str) -> str:
    """``fingerprint`` → ``/commitgenfingerprint``, as the PDF stores it."""
    return f"/commitgen{name}"


def version_folder(charter: Charter) -> str:
    """The folder of a version's address; a label that cannot name a folder (which
    ``release`` refuses) is published under its fingerprint."""
    return folder_name(charter.version) or f"v-{fingerprint(charter)[:12]}"


def version_address(base_url: str | None, charter: Charter, language: str) -> str | None:
    if base_url is None:
        return None
    return f"{base_url.rstrip('/')}/{charter.id}/{version_folder(charter)}/{language}/"


def version_view(charter: Charter, language: str, base_url: str | None,
                 releases: list[Release], archived: bool = False) -> VersionView:
    """The view of ``charter``'s current page (or, ``archived``, of its archived page,
    which knows nothing of later versions)."""
    address = version_address(base_url, charter, language)
    if archived:
        return VersionView(charter.id, charter.version, charter.effective, language,
                           fingerprint(charter), address, archived=True,
                           current_href=f"../../{language}/index.html",
                           current_address=(f"{base_url.rstrip('/')}/{charter.id}/{language}/"
                                            if base_url else None))
    dated: dict[str, tuple[dt.date, str | None]] = {
        r.version: (r.effective, f"../{r.folder.name}/{language}/index.html")
        for r in releases if is_before(r.version, charter.version)}
    dated[charter.version] = (charter.effective, None)
    order = sorted(dated, key=sort_key)
    history = []
    for index, version in enumerate(order):
        effective, href = dated[version]
        following = dated[order[index + 1]][0] if index + 1 < len(order) else None
        until = following - dt.timedelta(days=1) if following else None
        history.append(HistoryEntry(version, effective, until, href,
                                    current=version == charter.version))
    return VersionView(charter.id, charter.version, charter.effective, language,
                       fingerprint(charter), address, history=tuple(history))


def versions_json(view: VersionView) -> list[dict[str, Any]]:
    """The published versions for charter.json: which terms applied from and until when."""
    return [{"version": h.version, "effective": h.effective.isoformat(),
             "until": h.until.isoformat() if h.until else None,
             "current": h.current, "href": h.href} for h in view.history]


def plan_version_addresses(plan: RenderPlan, charter: Charter, releases: list[Release],
                           base_url: str | None) -> None:
    """Every earlier release at its address, exactly as archived; with a site address (the
    QR codes of the PDFs point there), at the current version's address a page that leads
    to the current charter (it becomes the archived page when a later version is
    published)."""
    for release in releases:
        if is_before(release.version, charter.version):
            for name, path in release.public_files().items():
                plan.copies[f"public/{charter.id}/{release.folder.name}/{name}"] = path
    if base_url is None:
        return
    folder = version_folder(charter)
    for language in charter.languages:
        target = f"../../{language}/index.html"
        title = escape(f"{charter.id} {charter.version}")
        plan.files[f"public/{charter.id}/{folder}/{language}/index.html"] = (
            f'<!DOCTYPE html>\n<html lang="{escape(language)}">\n<head>\n'
            f'<meta charset="utf-8">\n<title>{title}</title>\n'
            f'<meta http-equiv="refresh" content="0; url={target}">\n'
            f'<link rel="canonical" href="{target}">\n</head>\n<body>\n'
            f'<p><a href="{target}">{title}</a></p>\n</body>\n</html>\n').encode()
