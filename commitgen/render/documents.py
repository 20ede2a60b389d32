"""Render the documents of a project into HTML strings and PDF jobs.

Public documents receive a :class:`~commitgen.model.policy.Charter` (no staff
section exists on it); only the staff briefing receives the full policy. What each
template receives is in :mod:`commitgen.render.views`; where each file goes, in
:mod:`commitgen.render.urls`.

A :class:`DocumentRenderer` renders a project one unit at a time — everything of one
policy (:meth:`~DocumentRenderer.policy`), then the lists of them
(:meth:`~DocumentRenderer.indexes`) — and tells which templates each unit loaded and
whether it printed the theme's fonts: the incremental build records them as the unit's
inputs (:mod:`commitgen.incremental.deps`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment

from commitgen.compute.budget import ComputeLimitExceeded
from commitgen.compute.cases import CaseCompensation, case_compensation, compensation_json
from commitgen.loading.sources import LoadedPolicy
from commitgen.model.policy import Charter, Policy
from commitgen.model.site import SiteConfig
from commitgen.render import urls, views
from commitgen.render.environment import (
    DOCUMENT_NOTE,
    DocumentEnvironment,
    make_environment,
    render_template,
)
from commitgen.render.fonts import OUTPUT_FOLDER as FONTS_FOLDER
from commitgen.render.fonts import ThemeFonts
from commitgen.render.notices import NoticeView, version_pairs
from commitgen.render.pdf import PdfJob
from commitgen.render.versions import (
    VersionView,
    plan_version_addresses,
    version_view,
    versions_json,
)
from commitgen.versions.releases import Release

CHARTER_TEMPLATE = "charter.html.j2"
BRIEFING_TEMPLATE = "briefing.html.j2"
INDEX_TEMPLATE = "index.html.j2"
STAFF_INDEX_TEMPLATE = "staff_index.html.j2"
NOTICE_TEMPLATE = "notice.html.j2"
STAFF_NOTICE_TEMPLATE = "staff_notice.html.j2"
PARTNERS_TEMPLATE = "partners.html.j2"


@dataclass
class RenderPlan:
    """Everything a build writes: text files by relative path, and PDFs to render."""

    files: dict[str, bytes] = field(default_factory=dict)
    pdfs: list[PdfJob] = field(default_factory=list)
    copies: dict[str, Path] = field(default_factory=dict)


@dataclass(frozen=True)
class RenderSettings:
    site: SiteConfig
    root: Path
    templates: Path | None
    staging: Path
    allowed: tuple[Path, ...]
    font_dir: Path | None = None  # COMMITGEN_FONT_DIR (commitgen.runtime)
    #: the published versions of each charter (releases/), by charter id
    releases: dict[str, list[Release]] = field(default_factory=dict)
    source_date: dt.datetime | None = None  # SOURCE_DATE_EPOCH (commitgen.runtime)


@dataclass
class Unit:
    """What rendering one unit (a policy's documents, or the lists) made and read."""

    plan: RenderPlan
    templates: list[str]  # template names it loaded
    languages: list[str]  # the languages it was rendered in (their catalogues)
    fonts: bool  # it printed the theme's @font-face rules


def charter_json(charter: Charter, language: str, version: VersionView | None = None,
                 compensation: Mapping[str, CaseCompensation] | None = None) -> bytes:
    """The public, machine-readable charter in one language: the charter as written, its
    fingerprint and published versions (which terms applied on which day), and each
    compensation in the engine's terms with its worked examples (the format of
    ``charter.schema.json``, described in docs/charter-json.md)."""
    data = charter.model_dump(mode="json", by_alias=True, exclude_none=True,
                              context={"language": language,
                                       "fallback": charter.default_language})
    payload: dict[str, Any] = {"generator": views.GENERATOR, "language": language,
                               "charter": data}
    if version is not None:
        payload["fingerprint"] = version.fingerprint
        payload["versions"] = versions_json(version)
    if compensation is not None:
        payload["compensation"] = compensation_json(charter, compensation, language)
    return (json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode()


class DocumentRenderer:
    """Renders documents, one unit at a time; one Jinja2 environment per (language,
    fallback language), created when a document first needs it and shared by every
    policy. ``primary`` is the language of the main lists
    (:func:`~commitgen.render.views.primary_language`: a property of all the charters)."""

    def __init__(self, settings: RenderSettings, fonts: ThemeFonts, primary: str,
                 bytecode: BytecodeCache | None = None) -> None:
        self.settings = settings
        self.fonts = fonts
        self.bytecode = bytecode
        self._environments: dict[tuple[str, str], DocumentEnvironment] = {}
        self._loaded: set[str] = set()
        self._languages: set[str] = set()
        logos = RenderPlan()
        self.copies = logos.copies
        self.shared = views.Shared(site=settings.site, fonts=fonts,
                                   logo_name=_plan_logo(settings, logos),
                                   source_date=settings.source_date, primary=primary)

    def environment(self, language: str, fallback: str) -> Environment:
        key = (language, fallback)
        if key not in self._environments:
            self._environments[key] = make_environment(
                language, fallback, self.settings.templates, self.settings.site.formats,
                self.bytecode)
        env = self._environments[key]
        env.loaded = self._loaded  # what the unit being rendered loads
        self._languages.add(language)
        return env

    def _unit(self, render: Callable[[RenderPlan], None]) -> Unit:
        self._loaded, self._languages = set(), set()
        printed = self.fonts.printed
        plan = RenderPlan()
        render(plan)
        return Unit(plan, sorted(self._loaded), sorted(self._languages),
                    self.fonts.printed > printed)

    def policy(self, policy: Policy) -> Unit:
        """Everything of one policy: its charter (page, JSON, PDF) and briefing in each
        language, its published versions' addresses and its change notices."""
        return self._unit(lambda plan: self._policy(plan, policy))

    def _policy(self, plan: RenderPlan, policy: Policy) -> None:
        settings, shared = self.settings, self.shared
        charter = policy.charter()
        releases = settings.releases.get(policy.id, [])
        try:
            compensation = case_compensation(charter, settings.site.business_time,
                                             settings.site.limits.compute_seconds)
        except ComputeLimitExceeded as exc:
            exc.add_note(f"{DOCUMENT_NOTE}{policy.id} (charter and briefing, every language)")
            raise
        for code in policy.languages:
            env = self.environment(code, policy.default_language)
            version = version_view(charter, code, settings.site.url, releases)
            add_page(plan, settings, env, CHARTER_TEMPLATE,
                     views.charter_page(shared, charter, code, version,
                                        compensation=compensation),
                     urls.charter_html(policy.id, code), urls.charter_pdf(policy.id, code),
                     f"{policy.id} ({code}) charter")
            plan.files[urls.charter_json(policy.id, code)] = charter_json(charter, code, version,
                                                                          compensation)
            if charter.partners is not None:
                add_page(plan, settings, env, PARTNERS_TEMPLATE,
                         views.partners_page(shared, charter, code),
                         urls.partners_html(policy.id, code), urls.partners_pdf(policy.id, code),
                         f"{policy.id} ({code}) partners")
            add_page(plan, settings, env, BRIEFING_TEMPLATE,
                     views.briefing_page(shared, policy, code, compensation),
                     urls.briefing_html(policy.id, code), urls.briefing_pdf(policy.id, code),
                     f"{policy.id} ({code}) briefing")
        plan_version_addresses(plan, charter, releases, settings.site.url)
        _plan_notices(plan, settings, shared, policy, releases, self.environment)

    def indexes(self, charters: Sequence[Charter]) -> Unit:
        """The lists of charters and of briefings, in every language of the charters."""
        return self._unit(lambda plan: self._indexes(plan, sorted(
            charters, key=lambda charter: charter.id)))

    def _indexes(self, plan: RenderPlan, charters: list[Charter]) -> None:
        for code in views.index_languages(charters):
            env = self.environment(code, code)
            for tree, template in ((urls.PUBLIC, INDEX_TEMPLATE),
                                   (urls.STAFF, STAFF_INDEX_TEMPLATE)):
                index = views.index_page(self.shared, tree, charters, code)
                plan.files[urls.index_html(tree, code, self.shared.primary)] = render_template(
                    env, template, index.context(), self.settings.site.limits,
                    f"{tree} index ({code})").encode()


def plan_documents(policies: Sequence[LoadedPolicy], settings: RenderSettings,
                   source_date: dt.datetime | None, fonts: ThemeFonts | None = None,
                   bytecode: BytecodeCache | None = None) -> RenderPlan:
    """Render every HTML and JSON file, and list the PDFs to make."""
    ordered = sorted((loaded.policy for loaded in policies), key=lambda policy: policy.id)
    charters = [policy.charter() for policy in ordered]
    fonts = fonts or ThemeFonts(override=settings.font_dir)
    renderer = DocumentRenderer(replace(settings, source_date=source_date), fonts,
                                views.primary_language(charters), bytecode)
    plan = RenderPlan(copies=dict(renderer.copies))
    for unit in [*(renderer.policy(policy) for policy in ordered), renderer.indexes(charters)]:
        plan.files.update(unit.plan.files)
        plan.copies.update(unit.plan.copies)
        plan.pdfs.extend(unit.plan.pdfs)
    _plan_fonts(plan, fonts)
    return plan


def _plan_notices(plan: RenderPlan, settings: RenderSettings, shared: views.Shared,
                  policy: Policy, releases: list[Release],
                  environment: Callable[[str, str], Environment]) -> None:
    """A customer notice (page and PDF, every language) and a staff notice for each version
    after the first."""
    for pair in version_pairs(policy, releases):
        notice = NoticeView(pair.old.charter(), pair.new.charter(), pair.published)
        new = notice.new
        for code in new.languages:
            env = environment(code, new.default_language)
            for staff, template in ((False, NOTICE_TEMPLATE), (True, STAFF_NOTICE_TEMPLATE)):
                page = views.notice_page(shared, notice, code, staff)
                html = (urls.staff_notice_html if staff else urls.notice_html)(
                    new.id, new.version, code)
                pdf = (urls.staff_notice_pdf if staff else urls.notice_pdf)(
                    new.id, new.version, code)
                add_page(plan, settings, env, template, page, html, pdf,
                         f"{new.id} {new.version} ({code}) {'staff ' if staff else ''}notice")


def add_page(plan: RenderPlan, settings: RenderSettings, env: Environment, template: str,
             page: views.Page, html_path: str, pdf_path: str, label: str,
             variant: str | None = None) -> None:
    """A document from ``template``: the web page, and the PDF rendered from the same
    template for print (no screen styles in the PDF, no PDF-only CSS in the web page),
    each within the project's template budget."""
    limits = settings.site.limits
    _add_document(plan, settings, html_path,
                  render_template(env, template, page.context("web"), limits, label),
                  pdf_path, label, variant,
                  pdf_html=render_template(env, template, page.context("pdf"), limits, label))


def _add_document(plan: RenderPlan, settings: RenderSettings, html_path: str, html: str,
                  pdf_path: str, label: str, variant: str | None = None,
                  pdf_html: str | None = None) -> None:
    """``html`` as the web page; the PDF from ``pdf_html`` (rendered with medium "pdf"),
    else from the same HTML."""
    plan.files[html_path] = html.encode("utf-8")
    plan.pdfs.append(PdfJob(html=pdf_html if pdf_html is not None else html,
                            base_url=(settings.staging / html_path).as_uri(),
                            target=settings.staging / pdf_path, allowed=settings.allowed,
                            label=label, variant=variant))


def _plan_logo(settings: RenderSettings, plan: RenderPlan) -> str | None:
    logo = settings.site.branding.logo
    if logo is None:
        return None
    source = settings.root / logo
    name = Path(logo).name
    plan.copies[urls.assets(urls.PUBLIC, name)] = source
    plan.copies[urls.assets(urls.STAFF, name)] = source
    return name


def _plan_fonts(plan: RenderPlan, fonts: ThemeFonts) -> None:
    """The theme's font files and their licence in both trees, when a document uses them
    (the PDFs load them from there too: the web page and the PDF share one set of files)."""
    for name, data in fonts.files().items():
        for tree in ("public", "staff"):
            plan.files[f"{tree}/{FONTS_FOLDER}/{name}"] = data
