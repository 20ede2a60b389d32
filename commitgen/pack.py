"""``commitgen pack``: a sales PDF for a named prospect.

A cover (the prospect's name, the sales contact from ``commitgen.yaml``, the date, the
version stamp and QR code) followed by the charter's pages exactly as published: the
published PDF's pages are copied, not rendered again, so their content is byte for byte
the published one and ``commitgen verify`` recognises the pack as that version.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import unicodedata
from pathlib import Path

from commitgen.diagnostics import BuildFailure
from commitgen.project import Project
from commitgen.runtime import Runtime


class PackRefused(ValueError):
    """A pack that cannot be made (a usage problem)."""


def pack_name(charter: str, prospect: str, language: str) -> str:
    """``saas-support-cong-ty-abc-vi.pdf``"""
    plain = unicodedata.normalize("NFKD", prospect.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:40].strip("-") or "prospect"
    return f"{charter}-{slug}-{language}.pdf"


def make_pack(project: Project, runtime: Runtime, charter_id: str, prospect: str,
              language: str | None, target: Path | None) -> Path:
    """Write the pack and return its path. The charter must have been built (its
    published PDF is taken from the output folder) and be current."""
    from pypdf import PdfReader, PdfWriter

    from commitgen.versions.lookup import current_policies
    from commitgen.versions.verify import Status, verify

    if not prospect.strip():
        raise PackRefused("give the prospect's name: --for \"Công ty ABC\"")
    files = current_policies(project)
    if charter_id not in files:
        raise PackRefused(f"no charter {charter_id!r} (charters: {', '.join(sorted(files))})")
    from commitgen.loading.sources import load_policy

    loaded, _ = load_policy(files[charter_id], files[charter_id].name)
    assert loaded is not None
    charter = loaded.policy.charter()
    language = language or charter.default_language
    if language not in charter.languages:
        raise PackRefused(f"{charter_id} is written in {', '.join(charter.languages)}, "
                          f"not {language}")
    published = project.output_dir / "public" / charter_id / language / \
        f"{charter_id}-{language}.pdf"
    if not published.is_file() or verify(published, project).status is not Status.CURRENT:
        raise PackRefused(f"{published} is missing or not the current version: run "
                          "`commitgen build` first")
    target = target or runtime.cwd / pack_name(charter_id, prospect.strip(), language)
    with tempfile.TemporaryDirectory(prefix=".commitgen-pack-") as tmp:
        cover = _render_cover(project, runtime, loaded.policy.charter(), language,
                              prospect.strip(), runtime.today, Path(tmp))
        writer = PdfWriter()
        writer.append(str(cover))
        writer.append(str(published))
        info: dict[str, object] = dict(PdfReader(published).metadata or {})
        info["/Title"] = f"{info.get('/Title', charter_id)} · {prospect.strip()}"
        writer.add_metadata(info)
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as out:
            writer.write(out)
    return target


def _render_cover(project: Project, runtime: Runtime, charter: object, language: str,
                  prospect: str, prepared: dt.date, stage: Path) -> Path:
    from commitgen.build import render_allowed, write_plan
    from commitgen.model.policy import Charter
    from commitgen.render import urls, views
    from commitgen.render.documents import (
        RenderPlan,
        RenderSettings,
        _plan_fonts,
        _plan_logo,
        add_page,
    )
    from commitgen.render.environment import make_environment
    from commitgen.render.fonts import ThemeFonts, fontconfig_file
    from commitgen.render.pdf import PdfRenderer
    from commitgen.render.versions import version_view

    assert isinstance(charter, Charter)
    settings = RenderSettings(site=project.config, root=project.root,
                              templates=project.own_templates, staging=stage,
                              allowed=render_allowed(project, stage), font_dir=runtime.font_dir)
    plan = RenderPlan()
    shared = views.Shared(site=project.config, fonts=ThemeFonts(override=runtime.font_dir),
                          logo_name=_plan_logo(settings, plan), source_date=None,
                          primary=charter.default_language)
    env = make_environment(language, charter.default_language, settings.templates,
                           project.config.formats)
    version = version_view(charter, language, project.config.url, [])
    page = views.pack_cover(shared, charter, language, version, prospect, prepared)
    html_path = urls.charter_html(charter.id, language).replace("index.html", "cover.html")
    pdf_path = html_path.replace(".html", ".pdf")
    add_page(plan, settings, env, "pack_cover.html.j2", page, html_path, pdf_path,
             f"{charter.id} ({language}) pack cover")
    _plan_fonts(plan, shared.fonts)
    write_plan(stage, plan)
    with PdfRenderer(1, runtime.start_method, fontconfig_file(runtime.font_dir)) as renderer:
        [outcome] = list(renderer.render(plan.pdfs))
    if outcome.error:
        raise BuildFailure(f"the pack's cover could not be rendered: {outcome.error}")
    return outcome.target
