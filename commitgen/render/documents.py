"""Render the documents of a project into HTML strings and PDF jobs.

Public documents receive a :class:`~commitgen.model.policy.Charter` (no staff
section exists on it); only the staff briefing receives the full policy.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale
from jinja2 import Environment

from commitgen import __version__
from commitgen.loading.sources import LoadedPolicy
from commitgen.model.policy import Charter
from commitgen.model.site import SiteConfig
from commitgen.render.business_time import business_time_view
from commitgen.render.environment import make_environment, render_template
from commitgen.render.fonts import OUTPUT_FOLDER as FONTS_FOLDER
from commitgen.render.fonts import ThemeFonts
from commitgen.render.pdf import PdfJob

CHARTER_TEMPLATE = "charter.html.j2"
BRIEFING_TEMPLATE = "briefing.html.j2"
INDEX_TEMPLATE = "index.html.j2"
STAFF_INDEX_TEMPLATE = "staff_index.html.j2"


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


def language_name(code: str) -> str:
    locale = Locale.parse(code.replace("-", "_"))
    name = locale.get_display_name(locale) or code
    return name[:1].upper() + name[1:]


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def document_created(policy: Charter, source_date: dt.datetime | None) -> dt.datetime:
    """The date stamped into documents: SOURCE_DATE_EPOCH, else the effective date."""
    if source_date is not None:
        return source_date
    return dt.datetime.combine(policy.effective, dt.time(0, 0), tzinfo=dt.UTC)


def charter_json(charter: Charter, language: str) -> bytes:
    """The public, machine-readable charter in one language."""
    data = charter.model_dump(mode="json", by_alias=True, exclude_none=True,
                              context={"language": language,
                                       "fallback": charter.default_language})
    payload = {"generator": f"commitgen {__version__}", "language": language, "charter": data}
    return (json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode()


def plan_documents(policies: Sequence[LoadedPolicy], settings: RenderSettings,
                   source_date: dt.datetime | None) -> RenderPlan:
    """Render every HTML and JSON file, and list the PDFs to make."""
    plan = RenderPlan()
    logo_name = _plan_logo(settings, plan)
    fonts = ThemeFonts(override=settings.font_dir)
    entries = []
    # one environment per (language, fallback language): templates compile once per build
    environments: dict[tuple[str, str], Environment] = {}
    for loaded in sorted(policies, key=lambda item: item.policy.id):
        policy = loaded.policy
        charter = policy.charter()
        created = document_created(charter, source_date)
        languages = [
            {"code": code, "name": language_name(code),
             "html": f"../{code}/index.html", "pdf": f"../{code}/{policy.id}-{code}.pdf",
             "briefing": f"../{code}/briefing.html"}
            for code in policy.languages
        ]
        entries.append({"charter": charter, "languages": [
            {**lang, "html": f"{policy.id}/{lang['code']}/index.html",
             "pdf": f"{policy.id}/{lang['code']}/{policy.id}-{lang['code']}.pdf"}
            for lang in languages]})
        for code in policy.languages:
            key = (code, policy.default_language)
            if key not in environments:
                environments[key] = make_environment(code, policy.default_language,
                                                     settings.templates)
            env = environments[key]
            common = {
                "site": settings.site,
                "branding": settings.site.branding,
                "languages": languages,
                "created": _iso(created),
                "generator": f"commitgen {__version__}",
                "logo": f"../../assets/{logo_name}" if logo_name else None,
                "font_faces": fonts.for_document("../../"),
                "business_time": business_time_view(charter, settings.site.business_time,
                                                    code),
            }
            public_dir = f"public/{policy.id}/{code}"
            canonical = (f"{settings.site.url.rstrip('/')}/{policy.id}/{code}/"
                         if settings.site.url else None)
            html = render_template(env, CHARTER_TEMPLATE, {
                **common, "charter": charter, "canonical_url": canonical,
                "pdf_href": f"{policy.id}-{code}.pdf", "index_href": "../../index.html"})
            _add_document(plan, settings, f"{public_dir}/index.html", html,
                          f"{public_dir}/{policy.id}-{code}.pdf", f"{policy.id} ({code}) charter")
            plan.files[f"{public_dir}/charter.json"] = charter_json(charter, code)
            staff_dir = f"staff/{policy.id}/{code}"
            html = render_template(env, BRIEFING_TEMPLATE, {
                **common, "policy": policy, "pdf_href": "briefing.pdf",
                "index_href": "../../index.html"})
            _add_document(plan, settings, f"{staff_dir}/briefing.html", html,
                          f"{staff_dir}/briefing.pdf", f"{policy.id} ({code}) briefing")
    _plan_indexes(plan, settings, entries, logo_name, fonts)
    _plan_fonts(plan, fonts)
    return plan


def _add_document(plan: RenderPlan, settings: RenderSettings, html_path: str, html: str,
                  pdf_path: str, label: str) -> None:
    plan.files[html_path] = html.encode("utf-8")
    plan.pdfs.append(PdfJob(html=html, base_url=(settings.staging / html_path).as_uri(),
                            target=settings.staging / pdf_path, allowed=settings.allowed,
                            label=label))


def _plan_logo(settings: RenderSettings, plan: RenderPlan) -> str | None:
    logo = settings.site.branding.logo
    if logo is None:
        return None
    source = settings.root / logo
    name = Path(logo).name
    plan.copies[f"public/assets/{name}"] = source
    plan.copies[f"staff/assets/{name}"] = source
    return name


def _plan_fonts(plan: RenderPlan, fonts: ThemeFonts) -> None:
    """The theme's font files and their licence in both trees, when a document uses them
    (the PDFs load them from there too: the web page and the PDF share one set of files)."""
    for name, data in fonts.files().items():
        for tree in ("public", "staff"):
            plan.files[f"{tree}/{FONTS_FOLDER}/{name}"] = data


def _plan_indexes(plan: RenderPlan, settings: RenderSettings, entries: list[dict[str, Any]],
                  logo_name: str | None, fonts: ThemeFonts) -> None:
    languages = sorted({lang["code"] for entry in entries for lang in entry["languages"]})
    index_language = languages[0] if len(languages) == 1 else (
        "en" if "en" in languages else languages[0])
    env = make_environment(index_language, index_language, settings.templates)
    context = {"site": settings.site, "branding": settings.site.branding, "entries": entries,
               "logo": f"assets/{logo_name}" if logo_name else None,
               "font_faces": fonts.for_document(""),
               "generator": f"commitgen {__version__}"}
    plan.files["public/index.html"] = render_template(env, INDEX_TEMPLATE, context).encode()
    plan.files["staff/index.html"] = render_template(
        env, STAFF_INDEX_TEMPLATE, context).encode()

