"""What each template receives: typed view models, built in one place.

Every template gets the fields of one of these dataclasses as its variables (a
charter page gets ``charter``, ``languages``, ``pdf_href``…); a theme author reads
here what a template may use. Links are relative to the page that shows them and
come from :mod:`commitgen.render.urls`, the one URL scheme of the output tree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from babel import Locale

from commitgen import __version__
from commitgen.compute.cases import CaseCompensation, case_compensation
from commitgen.compute.terms import scheme_terms
from commitgen.model.base import Text
from commitgen.model.money import Money
from commitgen.model.policy import Charter, Policy
from commitgen.model.site import Branding, SalesContact, SiteConfig
from commitgen.model.staff import CaseGuide
from commitgen.render import urls
from commitgen.render.business_time import BusinessTimeView, business_time_view
from commitgen.render.fonts import FontFaceCss, ThemeFonts
from commitgen.render.notices import NoticeView
from commitgen.render.versions import VersionView, version_view

GENERATOR = f"commitgen {__version__}"


def language_name(code: str) -> str:
    """The language's own name, capitalised: ``Tiếng Việt``, ``English``."""
    locale = Locale.parse(code.replace("-", "_"))
    name = locale.get_display_name(locale) or code
    return name[:1].upper() + name[1:]


@dataclass(frozen=True)
class LanguageVersion:
    """One document (or list of documents) in one language, seen from the current page."""

    code: str
    name: str  # in its own language: "Tiếng Việt", "English"
    html: str  # relative link to the web page
    pdf: str | None  # relative link to the PDF, if the document has one
    url: str | None  # absolute address when the project's url is set (public pages only)


@dataclass(frozen=True)
class Page:
    """What every document receives."""

    site: SiteConfig
    branding: Branding
    logo: str | None  # relative link to the logo, if the project has one
    font_faces: FontFaceCss  # the @font-face rules of the theme's typeface
    generator: str  # "commitgen 0.1.0", for the generator <meta> element only
    languages: list[LanguageVersion]  # this page in each of its languages
    index_href: str  # the list of documents this page belongs to

    def context(self, medium: str = "web") -> dict[str, Any]:
        """The template variables: one per field, and ``medium``, "web" for the HTML
        file or "pdf" for the HTML the PDF is made from."""
        return {**{item.name: getattr(self, item.name) for item in fields(self)},
                "medium": medium}


@dataclass(frozen=True)
class CharterPage(Page):
    """``charter.html.j2``: the public charter (web page and PDF) in one language."""

    charter: Charter  # the public part of the policy only: it has no staff section
    created: str  # ISO 8601 UTC timestamp stamped into the document
    canonical_url: str | None  # the published address of this page
    pdf_href: str
    business_time: BusinessTimeView | None
    version: VersionView  # version, fingerprint, QR code, history, archived or not
    compensation: Mapping[str, CaseCompensation]  # by case id: the engine's terms, examples
    partners_href: str | None  # the partners' own document, when the charter has one


@dataclass(frozen=True)
class PartnersPage(Page):
    """``partners.html.j2``: a charter's commitments to resellers and other partners."""

    charter: Charter  # its ``partners`` is not None
    created: str
    canonical_url: str | None
    pdf_href: str
    business_time: BusinessTimeView | None
    partner_terms: list[dict[str, Any] | None]  # each commitment's scheme, engine's terms


@dataclass(frozen=True)
class CaseAuthority:
    """What an agent may do alone in one worst case, and who decides above it."""

    guide: CaseGuide | None  # the staff guide for the case, if the policy has one
    grant: Money | None  # the most the agent may grant without approval (None: nothing)
    from_role: Text | None  # set when the amount is the front-line role's general limit
    approver: Text | None  # who approves more: the guide's, else the next role up


@dataclass(frozen=True)
class BriefingPage(Page):
    """``briefing.html.j2``: the internal staff briefing in one language."""

    policy: Policy  # the whole policy, staff section included
    created: str
    pdf_href: str
    business_time: BusinessTimeView | None
    compensation: Mapping[str, CaseCompensation]  # by case id: terms, examples, quick table
    authority: dict[str, CaseAuthority]  # by worst case id


@dataclass(frozen=True)
class IndexEntry:
    """One charter in a list of documents, with its documents in each language."""

    charter: Charter
    documents: list[LanguageVersion]
    partners: list[LanguageVersion]  # the partners' document, if any (public lists only)


@dataclass(frozen=True)
class IndexPage(Page):
    """``index.html.j2`` and ``staff_index.html.j2`` (both extend ``index_base.html.j2``)."""

    entries: list[IndexEntry]


@dataclass(frozen=True)
class Shared:
    """What the builders below need from the build."""

    site: SiteConfig
    fonts: ThemeFonts
    logo_name: str | None
    source_date: dt.datetime | None
    primary: str  # the language of index.html (:func:`primary_language`)


def _page(shared: Shared, path: str, languages: list[LanguageVersion],
          index_href: str) -> dict[str, Any]:
    logo = (urls.href(path, urls.assets(urls.tree_of(path), shared.logo_name))
            if shared.logo_name else None)
    return {"site": shared.site, "branding": shared.site.branding, "logo": logo,
            "font_faces": shared.fonts.for_document(urls.to_tree_root(path)),
            "generator": GENERATOR,
            "languages": languages, "index_href": index_href}


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def document_created(charter: Charter, source_date: dt.datetime | None) -> dt.datetime:
    """The date stamped into documents: SOURCE_DATE_EPOCH, else the effective date."""
    if source_date is not None:
        return source_date
    return dt.datetime.combine(charter.effective, dt.time(0, 0), tzinfo=dt.UTC)


def primary_language(charters: list[Charter]) -> str:
    """The language of ``index.html``: the default language of most charters (the first
    charter's on a tie); English for a project without charters."""
    return primary_of([list(charter.languages) for charter in charters])


def primary_of(languages: list[list[str]]) -> str:
    """:func:`primary_language` from each charter's languages (its default first)."""
    counts: dict[str, int] = {}
    for codes in languages:
        counts[codes[0]] = counts.get(codes[0], 0) + 1
    return max(counts, key=lambda code: counts[code]) if counts else "en"


def index_languages(charters: list[Charter]) -> list[str]:
    """Every language some charter is written in, the primary one first."""
    return index_languages_of([list(charter.languages) for charter in charters])


def index_languages_of(languages: list[list[str]]) -> list[str]:
    """:func:`index_languages` from each charter's languages (its default first)."""
    primary = primary_of(languages)
    others = sorted({code for codes in languages for code in codes} - {primary})
    return [primary, *others]


def _versions(page: str, codes: list[str], html: Any, pdf: Any,
              site_url: str | None) -> list[LanguageVersion]:
    return [LanguageVersion(code=code, name=language_name(code),
                            html=urls.href(page, html(code)),
                            pdf=urls.href(page, pdf(code)) if pdf is not None else None,
                            url=urls.public_url(site_url, html(code)))
            for code in codes]


def partner_terms(charter: Charter) -> list[dict[str, Any] | None]:
    """The engine's terms of each partner commitment's compensation."""
    if charter.partners is None:
        return []
    return [scheme_terms(item.compensation) if item.compensation is not None else None
            for item in charter.partners.commitments]


def charter_page(shared: Shared, charter: Charter, language: str,
                 version: VersionView | None = None, folder: str | None = None,
                 compensation: Mapping[str, CaseCompensation] | None = None) -> CharterPage:
    """The charter page, at the current address, or (``folder``: ``v3.0``) at the
    permanent address of its version; ``version`` defaults to a charter without
    releases; ``compensation`` (the engine's view of each case) is computed when not
    given."""
    if version is None:
        version = version_view(charter, language, shared.site.url, [])
    if compensation is None:
        compensation = case_compensation(charter, shared.site.business_time)
    def html(policy_id: str, code: str) -> str:
        return (urls.charter_html(policy_id, code) if folder is None
                else urls.version_html(policy_id, folder, code))

    def pdf(policy_id: str, code: str) -> str:
        return (urls.charter_pdf(policy_id, code) if folder is None
                else urls.version_pdf(policy_id, folder, code))
    path = html(charter.id, language)
    versions = _versions(path, list(charter.languages),
                         lambda code: html(charter.id, code),
                         lambda code: pdf(charter.id, code), shared.site.url)
    primary_index = urls.index_html(urls.PUBLIC, language, shared.primary)
    return CharterPage(
        **_page(shared, path, versions, urls.href(path, primary_index)),
        charter=charter,
        created=_iso(document_created(charter, shared.source_date)),
        canonical_url=urls.public_url(shared.site.url, path),
        pdf_href=urls.href(path, pdf(charter.id, language)),
        business_time=business_time_view(charter, shared.site.business_time, language),
        version=version, compensation=compensation,
        partners_href=(urls.href(path, urls.partners_html(charter.id, language))
                       if charter.partners is not None and folder is None else None))


@dataclass(frozen=True)
class NoticePage(Page):
    """``notice.html.j2`` (customers) and ``staff_notice.html.j2`` (staff, which also gets
    the policy): what changes from one version to the next."""

    notice: NoticeView
    created: str
    charter_href: str  # the charter page the notice is about
    pdf_href: str


def notice_page(shared: Shared, notice: NoticeView, language: str, staff: bool = False
                ) -> NoticePage:
    new = notice.new
    html = urls.staff_notice_html if staff else urls.notice_html
    pdf = urls.staff_notice_pdf if staff else urls.notice_pdf
    path = html(new.id, new.version, language)
    versions = _versions(path, list(new.languages), lambda code: html(new.id, new.version, code),
                         lambda code: pdf(new.id, new.version, code),
                         None if staff else shared.site.url)
    tree = urls.STAFF if staff else urls.PUBLIC
    charter = (urls.briefing_html if staff else urls.charter_html)(new.id, language)
    return NoticePage(
        **_page(shared, path, versions,
                urls.href(path, urls.index_html(tree, language, shared.primary))),
        notice=notice, created=_iso(document_created(new, None)),
        charter_href=urls.href(path, charter),
        pdf_href=urls.href(path, pdf(new.id, new.version, language)))


def partners_page(shared: Shared, charter: Charter, language: str) -> PartnersPage:
    path = urls.partners_html(charter.id, language)
    versions = _versions(path, list(charter.languages),
                         lambda code: urls.partners_html(charter.id, code),
                         lambda code: urls.partners_pdf(charter.id, code), shared.site.url)
    primary_index = urls.index_html(urls.PUBLIC, language, shared.primary)
    return PartnersPage(
        **_page(shared, path, versions, urls.href(path, primary_index)),
        charter=charter,
        created=_iso(document_created(charter, shared.source_date)),
        canonical_url=urls.public_url(shared.site.url, path),
        pdf_href=urls.href(path, urls.partners_pdf(charter.id, language)),
        business_time=business_time_view(charter, shared.site.business_time, language),
        partner_terms=partner_terms(charter))


def case_authority(policy: Policy) -> dict[str, CaseAuthority]:
    """For each worst case, the exact amount an agent may grant alone — the case
    guide's, else the front-line role's (the first approval limit) — and who approves
    more — the guide's approver, else the next role in the approval limits."""
    staff = policy.staff
    limits = staff.approval_limits if staff is not None else []
    guides = {guide.case: guide for guide in staff.cases} if staff is not None else {}
    found = {}
    for case in policy.worst_cases:
        guide = guides.get(case.id)
        own = guide.grant_without_approval if guide is not None else None
        front = limits[0] if limits else None
        approver = guide.approver if guide is not None and guide.approver is not None else (
            limits[1].role if len(limits) > 1 else None)
        found[case.id] = CaseAuthority(
            guide=guide, grant=own if own is not None else (front.up_to if front else None),
            from_role=front.role if own is None and front is not None else None,
            approver=approver)
    return found


def briefing_page(shared: Shared, policy: Policy, language: str,
                  compensation: Mapping[str, CaseCompensation]) -> BriefingPage:
    path = urls.briefing_html(policy.id, language)
    versions = _versions(path, list(policy.languages),
                         lambda code: urls.briefing_html(policy.id, code),
                         lambda code: urls.briefing_pdf(policy.id, code), None)
    primary_index = urls.index_html(urls.STAFF, language, shared.primary)
    return BriefingPage(
        **_page(shared, path, versions, urls.href(path, primary_index)),
        policy=policy,
        created=_iso(document_created(policy, shared.source_date)),
        pdf_href=urls.href(path, urls.briefing_pdf(policy.id, language)),
        business_time=business_time_view(policy, shared.site.business_time, language),
        compensation=compensation, authority=case_authority(policy))


def index_page(shared: Shared, tree: str, charters: list[Charter], language: str) -> IndexPage:
    """The list of charters (``tree`` public) or of staff briefings (``tree`` staff)."""
    codes = index_languages(charters)
    primary = shared.primary
    path = urls.index_html(tree, language, primary)

    def own(charter: Charter) -> tuple[Any, Any]:
        if tree == urls.STAFF:
            return (lambda code: urls.briefing_html(charter.id, code),
                    lambda code: urls.briefing_pdf(charter.id, code))
        return (lambda code: urls.charter_html(charter.id, code),
                lambda code: urls.charter_pdf(charter.id, code))

    site_url = shared.site.url if tree == urls.PUBLIC else None
    entries = [IndexEntry(charter, _versions(path, list(charter.languages), *own(charter),
                                              site_url),
                          _versions(path, list(charter.languages),
                                    lambda code, c=charter: urls.partners_html(c.id, code),
                                    lambda code, c=charter: urls.partners_pdf(c.id, code),
                                    site_url)
                          if tree == urls.PUBLIC and charter.partners is not None else [])
               for charter in charters]
    versions = _versions(path, codes, lambda code: urls.index_html(tree, code, primary), None,
                         site_url)
    return IndexPage(**_page(shared, path, versions, urls.href(path, path)), entries=entries)


@dataclass(frozen=True)
class PackCover(Page):
    """``pack_cover.html.j2``: the cover of a sales pack for one prospect."""

    charter: Charter
    version: VersionView
    prospect: str
    prepared: dt.date
    contact: SalesContact | None


def pack_cover(shared: Shared, charter: Charter, language: str, version: VersionView,
               prospect: str, prepared: dt.date) -> PackCover:
    """The cover is rendered as if it stood beside the charter's own PDF (same links)."""
    path = urls.charter_html(charter.id, language)
    return PackCover(**_page(shared, path, [], urls.href(path, path)), charter=charter,
                     version=version, prospect=prospect, prepared=prepared,
                     contact=shared.site.sales)
