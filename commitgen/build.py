"""The whole pipeline: load → validate → render → publish, redoing only what changed.

:func:`build` is what ``commitgen build`` calls; it never prints. Progress is
reported through a callback so any front end (the CLI's progress bar, a test,
the dev server) can show it.

Builds are incremental (:mod:`commitgen.incremental`): when nothing the last build read
has changed, nothing is done; otherwise only the policies that changed are checked
again, only the documents whose inputs changed are rendered again (the others are
copied from the previous output), and only the PDFs whose HTML or loaded files changed
are made again. ``build(..., record=NAME)`` keeps a separate record for another output
(a preview server), and ``pdfs=False`` leaves out the PDFs that would have to be made.

The stages are also separate functions, for a front end that renders the HTML of checked
policies itself (:func:`check_for_build`, :func:`render_html`, :func:`write_plan`) and
PDFs only when one is asked for (:func:`render_pdfs`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from commitgen.checking import CheckResult, check_in_project, no_policies
from commitgen.diagnostics import BuildFailure, Diagnostic, ProblemsFound
from commitgen.incremental.builder import IncrementalBuild, Progress
from commitgen.incremental.deps import Locations
from commitgen.incremental.inputs import Digests, pdf_environment
from commitgen.incremental.record import (
    CACHE_DIR,
    BuildRecord,
    BuildReport,
    Layout,
    current_build,
    output_stamps,
    project_fingerprint,
)
from commitgen.loading.sources import LoadedPolicy
from commitgen.project import Project
from commitgen.publish import check_replaceable, copy_files, locked, recover, staged, write_files
from commitgen.render.bytecode import bytecode_cache
from commitgen.render.documents import RenderPlan, RenderSettings, plan_documents
from commitgen.render.errors import template_error
from commitgen.render.fonts import ThemeFonts, font_folders, fontconfig_file
from commitgen.render.pdf import PdfJob, PdfRenderer
from commitgen.render.pdf_cache import PdfCache
from commitgen.render.theme_folders import theme_search_dirs
from commitgen.render.worker_guard import WorkerLimits
from commitgen.runtime import Runtime, default_jobs

__all__ = ["BuildReport", "Progress", "build", "check_for_build", "render_html",
           "render_pdfs", "write_plan"]


def _no_progress(stage: str, done: int, total: int, label: str) -> None:
    return None


def build(project: Project, runtime: Runtime, jobs: int | None = None,
          progress: Progress = _no_progress, record: str = "build",
          pdfs: bool = True, warnings: Sequence[Diagnostic] = ()) -> BuildReport:
    """Build every policy of ``project`` into its output folder, atomically.

    The output always reflects the whole policies folder (there is no partial
    build that could drop other charters). Raises :class:`ProblemsFound` when a
    policy has errors and :class:`BuildFailure` when rendering fails; in both cases
    the previous output is left untouched. ``record`` names the build's record in
    ``.commitgen-cache/``; with ``pdfs=False`` no PDF is made (those unchanged are
    still copied; :attr:`BuildReport.pending` lists the others). ``warnings`` (about the
    project's settings, from :func:`~commitgen.project.load_project`) come first among
    the report's, and are replayed with them when nothing changed.
    """
    layout = Layout.of(project)
    output = layout.output_dir
    digests = Digests()
    with locked(output):
        recover(output)
        unchanged = current_build(project.root, runtime, record, digests)
        if unchanged is not None:
            return unchanged
        fingerprint = project_fingerprint(layout, runtime, digests)
        prior = BuildRecord.load(project.root, record) or BuildRecord()
        check_replaceable(output)
        with staged(output) as stage:
            run = IncrementalBuild(project, layout, runtime, digests, prior, stage, progress)
            report = run.run(jobs or default_jobs(), pdfs)
        report.warnings[:0] = warnings
        done = run.record
        done.warnings = report.warnings
        done.fingerprint = fingerprint if not report.pending else ""  # not complete
        done.folders, done.real_paths = layout.folders(), layout.real_paths()
        done.outputs = output_stamps(output)
        report.files = sorted(name for name in done.outputs if not name.startswith("."))
        done.save(project.root, record)
    return report


def check_for_build(project: Project, today: dt.date | None = None) -> CheckResult:
    """Validate and lint every policy of ``project`` (against its releases, ``today``
    being the earliest publication of a new version); :class:`ProblemsFound` on errors
    (and when there is no policy at all). Every policy is loaded (no findings replayed)."""
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
    fonts = ThemeFonts(override=runtime.font_dir, cache=project.root / CACHE_DIR / "fonts")
    try:
        return plan_documents(result.policies, settings, runtime.source_date, fonts,
                              bytecode_cache())
    except Exception as exc:  # a failure inside a template is a build failure
        failure = template_error(exc)
        if failure is None:  # no template in the traceback: a bug (internal error)
            raise
        raise BuildFailure(failure) from exc


def write_plan(stage: Path, plan: RenderPlan) -> None:
    """Write the plan's text files and copies (not its PDFs) under ``stage``."""
    write_files(stage, plan.files)
    copy_files(stage, plan.copies)


def pdf_cache(project: Project, allowed: Sequence[Path], runtime: Runtime) -> PdfCache:
    """The project's PDF cache for the renderer ``runtime`` uses; ``allowed`` as given to
    the jobs (its last entry is the tree being written)."""
    digests = Digests()
    return PdfCache(project.root, pdf_environment(font_folders(runtime.font_dir), digests),
                    Locations(allowed[-1], project.root), digests)


def render_pdfs(project: Project, runtime: Runtime, jobs: Sequence[PdfJob], stage: Path,
                workers: int | None = None, progress: Progress = _no_progress) -> int:
    """Render ``jobs`` (reusing unchanged PDFs from the cache) and return how many were
    reused. :class:`BuildFailure` if any PDF fails."""
    cache = pdf_cache(project, render_allowed(project, stage), runtime)
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
                    cache.store(keys[outcome.target], outcome.target, outcome.fetched)
                progress("pdf", done, len(todo), outcome.job_label)
    if failures:
        raise BuildFailure("PDF rendering failed:\n  " + "\n  ".join(sorted(failures)))
    return len(jobs) - len(todo)


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
            failure = template_error(exc)
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
