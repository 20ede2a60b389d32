"""The whole pipeline: load → validate → render → publish.

:func:`build` is what ``commitgen build`` calls; it never prints. Progress is
reported through a callback so any front end (the CLI's progress bar, a test,
the dev server) can show it. The stages are separate functions so that a front end
can stop after the HTML (:func:`render_html`, used by ``commitgen serve``, which
renders PDFs only when one is asked for) and render PDFs itself (:func:`render_pdfs`).
"""

from __future__ import annotations

import datetime as dt
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from commitgen.checking import CheckResult, check_in_project, no_policies
from commitgen.diagnostics import BuildFailure, Diagnostic, ProblemsFound
from commitgen.loading.sources import LoadedPolicy
from commitgen.printable import excerpt
from commitgen.project import Project
from commitgen.publish import copy_files, staging, write_files
from commitgen.render.budget import TemplateLimitExceeded
from commitgen.render.documents import RenderPlan, RenderSettings, plan_documents
from commitgen.render.environment import DOCUMENT_NOTE
from commitgen.render.fonts import fontconfig_file
from commitgen.render.pdf import PdfJob, PdfRenderer
from commitgen.render.pdf_cache import PdfCache, resources_digest
from commitgen.render.theme import theme_search_dirs
from commitgen.render.worker_guard import WorkerLimits
from commitgen.runtime import Runtime, default_jobs

#: progress(stage, done, total, label)
Progress = Callable[[str, int, int, str], None]


@dataclass
class BuildReport:
    output: Path
    policies: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    reused: int = 0  # PDFs taken unchanged from the cache


def _no_progress(stage: str, done: int, total: int, label: str) -> None:
    return None


def check_for_build(project: Project, today: dt.date | None = None) -> CheckResult:
    """Validate and lint every policy of ``project`` (against its releases, ``today``
    being the earliest publication of a new version); :class:`ProblemsFound` on errors
    (and when there is no policy at all)."""
    result = check_in_project(project, relative_to=project.root, today=today)
    if not result.policies and not result.has_errors:
        result.diagnostics.append(no_policies(project))
    if result.has_errors:
        raise ProblemsFound(result.diagnostics)
    return result


def render_allowed(project: Project, stage: Path) -> tuple[Path, ...]:
    """What a document may load while it is rendered: the theme, the project's templates
    and assets, and the tree being written (its fonts). The last entry is ``stage``."""
    return (*theme_search_dirs(project.own_templates), project.assets_dir.resolve(),
            stage.resolve())


def render_html(project: Project, runtime: Runtime, result: CheckResult, stage: Path
                ) -> RenderPlan:
    """Render every HTML and JSON file of the checked policies (into memory) and list
    the PDFs to make, as if the tree were written at ``stage``. A failure inside a
    template is a :class:`BuildFailure` naming the template and line; any other
    exception is a bug and goes up as it is."""
    from commitgen.versions.releases import read_releases

    releases, _ = read_releases(project.releases_dir, project.root)  # checked already
    settings = RenderSettings(site=project.config, root=project.root,
                              templates=project.own_templates, staging=stage,
                              allowed=render_allowed(project, stage), font_dir=runtime.font_dir,
                              releases=releases)
    try:
        return plan_documents(result.policies, settings, runtime.source_date)
    except Exception as exc:  # a failure inside a template is a build failure
        failure = _template_error(exc)
        if failure is None:  # no template in the traceback: a bug (internal error)
            raise
        raise BuildFailure(failure) from exc


def write_plan(stage: Path, plan: RenderPlan) -> None:
    """Write the plan's text files and copies (not its PDFs) under ``stage``."""
    write_files(stage, plan.files)
    copy_files(stage, plan.copies)


def pdf_cache(project: Project, allowed: Sequence[Path]) -> PdfCache:
    """The project's PDF cache; ``allowed`` as given to the jobs (its last entry, the
    tree being written, is not an input of the PDFs' keys)."""
    return PdfCache(project.root, resources_digest(allowed[:-1]))


def render_pdfs(project: Project, runtime: Runtime, jobs: Sequence[PdfJob], stage: Path,
                workers: int | None = None, progress: Progress = _no_progress) -> int:
    """Render ``jobs`` (reusing unchanged PDFs from the cache), prune the cache to them,
    and return how many were reused. :class:`BuildFailure` if any PDF fails."""
    cache = pdf_cache(project, render_allowed(project, stage))
    keys = {job.target: cache.key(job.html, job.target.relative_to(stage).as_posix())
            for job in jobs}
    todo = [job for job in jobs if not cache.fetch(keys[job.target], job.target)]
    failures = []
    progress("pdf", 0, len(todo), "")
    if todo:
        count = min(workers or default_jobs(), len(todo))
        limits = project.config.limits
        with PdfRenderer(count, runtime.start_method, fontconfig_file(runtime.font_dir),
                         WorkerLimits(limits.pdf_seconds, limits.pdf_memory_mb)) as renderer:
            for done, outcome in enumerate(renderer.render(todo), start=1):
                if outcome.error:
                    failures.append(f"{outcome.job_label}: {outcome.error}")
                else:
                    cache.store(keys[outcome.target], outcome.target)
                progress("pdf", done, len(todo), outcome.job_label)
    if failures:
        raise BuildFailure("PDF rendering failed:\n  " + "\n  ".join(sorted(failures)))
    cache.prune()
    return len(jobs) - len(todo)


def build(project: Project, runtime: Runtime, jobs: int | None = None,
          progress: Progress = _no_progress) -> BuildReport:
    """Build every policy of ``project`` into its output folder, atomically.

    The output always reflects the whole policies folder (there is no partial
    build that could drop other charters). Raises :class:`ProblemsFound` when a
    policy has errors and :class:`BuildFailure` when rendering fails; in both cases
    the previous output is left untouched.
    """
    result = check_for_build(project, runtime.today)
    report = BuildReport(project.output_dir, [p.policy.id for p in result.policies],
                         warnings=result.diagnostics)
    with staging(project.output_dir) as stage:
        progress("render", 0, len(result.policies), "HTML")
        plan = render_html(project, runtime, result, stage)
        progress("render", len(result.policies), len(result.policies), "HTML")
        write_plan(stage, plan)
        report.reused = render_pdfs(project, runtime, plan.pdfs, stage, jobs, progress)
        report.files = sorted([*plan.files, *plan.copies,
                               *(job.target.relative_to(stage).as_posix() for job in plan.pdfs)])
    return report


def _template_error(exc: Exception) -> str | None:
    """Name the template file and line that failed, from the traceback Jinja2 rewrites;
    None for a failure with no template in its traceback (a bug of commitgen's)."""
    document = next((note.removeprefix(DOCUMENT_NOTE) + ": "
                     for note in getattr(exc, "__notes__", ()) if note.startswith(DOCUMENT_NOTE)),
                    "")
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return f"{document}{exc.filename or exc.name}:{exc.lineno}: template error: {exc.message}"
    where = ""
    for frame, line in traceback.walk_tb(exc.__traceback__):
        if frame.f_code.co_filename.endswith((".j2", ".html", ".css")):
            where = f"{frame.f_code.co_filename}:{line}: "
    if not where:
        return document + str(exc) if isinstance(exc, TemplateLimitExceeded) else None
    return f"{document}{where}template error: {type(exc).__name__}: {excerpt(str(exc), 300)}"


def write_release_documents(project: Project, runtime: Runtime, loaded: LoadedPolicy,
                            folder: Path) -> dict[str, list[str]]:
    """``commitgen release``: render the archived documents of one version into the
    snapshot ``folder`` (``public/…``) and return the page digests of every PDF a
    customer may hold of it — the archived PDF and the charter PDF as published now
    (under ``current/…``; only their digests are kept)."""
    import shutil
    import tempfile

    from commitgen.render.archive import plan_archive
    from commitgen.versions.pages import page_digests

    with tempfile.TemporaryDirectory(prefix=".commitgen-release-", dir=folder.parent) as tmp:
        stage = Path(tmp)
        settings = RenderSettings(site=project.config, root=project.root,
                                  templates=project.own_templates, staging=stage,
                                  allowed=render_allowed(project, stage),
                                  font_dir=runtime.font_dir)
        try:
            archive, archived = plan_archive(loaded, settings)
            current = plan_documents([loaded], settings, None)
        except Exception as exc:
            failure = _template_error(exc)
            if failure is None:
                raise
            raise BuildFailure(failure) from exc
        charter = f"public/{loaded.policy.id}/"
        published = [job for job in current.pdfs
                     if job.target.relative_to(stage).as_posix().startswith(charter)
                     and not job.target.relative_to(stage).as_posix().startswith(archived)]
        write_plan(stage, archive)
        write_files(stage, {k: v for k, v in current.files.items() if "/fonts/" in k})
        with PdfRenderer(min(default_jobs(), 2), runtime.start_method,
                         fontconfig_file(runtime.font_dir)) as renderer:
            failures = [f"{outcome.job_label}: {outcome.error}"
                        for outcome in renderer.render([*archive.pdfs, *published])
                        if outcome.error]
        if failures:
            raise BuildFailure("PDF rendering failed:\n  " + "\n  ".join(sorted(failures)))
        shutil.copytree(stage / archived, folder / "public")
        pages = {f"public/{p.relative_to(stage / archived).as_posix()}": page_digests(p)
                 for p in sorted((stage / archived).rglob("*.pdf"))}
        for job in published:
            name = job.target.relative_to(stage / charter).as_posix()
            pages[f"current/{name}"] = page_digests(job.target)
    return pages
