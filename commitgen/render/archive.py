"""The archived form of a charter version: the pages and PDFs kept at the version's own
address once a later version is published.

``commitgen release`` renders it when the version is released and keeps the files in
the snapshot, so the bytes published at ``<id>/v<version>/`` never depend on the tool,
theme or templates of a later day. An archived page says that it is not the current
version and links to the current charter; its PDF is PDF/A (ARCHIVE_VARIANT). The date
stamped into it is always the effective date (never ``SOURCE_DATE_EPOCH``).
"""

from __future__ import annotations

from commitgen.compute.cases import case_compensation
from commitgen.loading.sources import LoadedPolicy
from commitgen.render import urls, views
from commitgen.render.documents import (
    CHARTER_TEMPLATE,
    RenderPlan,
    RenderSettings,
    _plan_fonts,
    _plan_logo,
    add_page,
    charter_json,
)
from commitgen.render.environment import make_environment
from commitgen.render.fonts import ThemeFonts
from commitgen.render.pdf import ARCHIVE_VARIANT
from commitgen.render.versions import version_folder, version_view


def plan_archive(loaded: LoadedPolicy, settings: RenderSettings) -> tuple[RenderPlan, str]:
    """The archived documents of one policy, under ``public/<id>/v<version>/``; returns
    the plan and that folder (relative to the tree)."""
    plan = RenderPlan()
    charter = loaded.policy.charter()
    folder = version_folder(charter)
    shared = views.Shared(site=settings.site, fonts=ThemeFonts(override=settings.font_dir),
                          logo_name=_plan_logo(settings, plan), source_date=None,
                          primary=charter.default_language)
    compensation = case_compensation(charter, settings.site.business_time)
    for code in charter.languages:
        env = make_environment(code, charter.default_language, settings.templates,
                               settings.site.formats)
        version = version_view(charter, code, settings.site.url, [], archived=True)
        page = views.charter_page(shared, charter, code, version, folder,
                                  compensation=compensation)
        add_page(plan, settings, env, CHARTER_TEMPLATE, page,
                 urls.version_html(charter.id, folder, code),
                 urls.version_pdf(charter.id, folder, code),
                 f"{charter.id} {charter.version} ({code}) archived", ARCHIVE_VARIANT)
        plan.files[urls.version_json(charter.id, folder, code)] = charter_json(
            charter, code, compensation=compensation)
    _plan_fonts(plan, shared.fonts)
    return plan, f"{urls.PUBLIC}/{charter.id}/{folder}"
