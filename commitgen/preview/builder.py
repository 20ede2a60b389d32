"""Build a project's HTML into a private folder, keep the last good build, render PDFs
on demand.

Each :meth:`PreviewBuilder.rebuild` runs the library's pipeline (settings → check →
HTML, :mod:`commitgen.build`) and swaps the result in atomically (:mod:`commitgen.publish`);
when it fails, the folder keeps the last good build and :attr:`PreviewState.problems`
holds what went wrong, located, for the page to show. PDFs are not part of a rebuild: a
charter's HTML refreshes in well under a second, and :meth:`PreviewBuilder.pdf` renders
the one PDF a reader opens (reusing the project's PDF cache).
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType
from urllib.parse import urlsplit
from urllib.request import url2pathname

from commitgen.build import check_for_build, pdf_cache, render_allowed, render_html, write_plan
from commitgen.diagnostics import BuildFailure, Diagnostic, ProblemsFound
from commitgen.project import Project, load_project
from commitgen.publish import staging
from commitgen.render.documents import RenderPlan
from commitgen.render.fonts import fontconfig_file
from commitgen.render.pdf import PdfJob, PdfRenderer
from commitgen.runtime import Runtime

#: the trees a preview serves: the public one always, the staff one only on request
PUBLIC, STAFF = "public", "staff"


@dataclass(frozen=True)
class PreviewState:
    """What the last rebuild left: a generation number that changes on every rebuild,
    whether there is a good build to serve, and the problems of the last attempt."""

    generation: int = 0
    has_site: bool = False
    problems: tuple[Diagnostic, ...] = ()  # errors (a failed rebuild) or warnings
    failure: str = ""  # a build failure outside the policies (a template), as text
    seconds: float = 0.0  # how long the last rebuild took

    @property
    def failed(self) -> bool:
        return bool(self.failure) or any(d.is_error for d in self.problems)


@dataclass
class _Pdfs:
    """The PDFs of the last good build: path in the site → (job, path of its HTML)."""

    jobs: dict[str, tuple[PdfJob, str]] = field(default_factory=dict)


class PreviewBuilder:
    """Builds ``root``'s project into a private temporary folder (removed on close)."""

    def __init__(self, root: Path, runtime: Runtime, staff: bool = False) -> None:
        self.root = root.resolve()
        self.runtime = runtime
        self.staff = staff
        self.folder = Path(tempfile.mkdtemp(prefix="commitgen-preview-")).resolve()
        self.site = self.folder / "site"
        self.project: Project | None = None
        self.state = PreviewState()
        self._pdfs = _Pdfs()
        self._lock = threading.Lock()
        self._pdf_lock = threading.Lock()
        self._renderer: PdfRenderer | None = None
        self.changed = threading.Condition()

    def __enter__(self) -> PreviewBuilder:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Stop the PDF worker and remove the private folder."""
        with self._pdf_lock:
            if self._renderer is not None:
                self._renderer.__exit__(None, None, None)
                self._renderer = None
        shutil.rmtree(self.folder, ignore_errors=True)

    def trees(self) -> tuple[str, ...]:
        return (PUBLIC, STAFF) if self.staff else (PUBLIC,)

    def rebuild(self) -> PreviewState:
        """Build again; on failure keep the last good build and record the problems."""
        with self._lock:
            start = time.perf_counter()
            problems: tuple[Diagnostic, ...] = ()
            failure = ""
            good = False
            try:
                warnings = self._build()
                problems = tuple(warnings)
                good = True
            except ProblemsFound as exc:
                problems = tuple(exc.diagnostics)
            except BuildFailure as exc:
                failure = str(exc)
            except OSError as exc:
                failure = f"{exc.strerror or exc}: {exc.filename or ''}"
            state = PreviewState(self.state.generation + 1,
                                 good or self.state.has_site, problems, failure,
                                 time.perf_counter() - start)
            with self.changed:
                self.state = state
                self.changed.notify_all()
            return state

    def _build(self) -> list[Diagnostic]:
        project, problems = load_project(self.root)
        if project is None:
            raise ProblemsFound(problems)
        self.project = project
        result = check_for_build(project, self.runtime.today)
        with staging(self.site) as stage:
            plan = render_html(project, self.runtime, result, stage)
            wanted = tuple(f"{tree}/" for tree in self.trees())
            write_plan(stage, RenderPlan(
                files={p: data for p, data in plan.files.items() if p.startswith(wanted)},
                copies={p: src for p, src in plan.copies.items() if p.startswith(wanted)}))
            jobs = {}
            for job in plan.pdfs:
                relative = job.target.relative_to(stage).as_posix()
                html = Path(url2pathname(urlsplit(job.base_url).path)).relative_to(stage)
                if relative.startswith(wanted):
                    jobs[relative] = (job, html.as_posix())
        self._pdfs = _Pdfs(jobs)
        return [*problems, *result.diagnostics]

    def has_pdf(self, relative: str) -> bool:
        """Whether ``relative`` (``public/<id>/<lang>/<id>-<lang>.pdf``) is a PDF of the
        last good build."""
        return relative in self._pdfs.jobs

    def pdf(self, relative: str) -> Path:
        """The PDF at ``relative`` in the last good build, rendered now unless the
        project's PDF cache has it. :class:`BuildFailure` if it cannot be rendered."""
        entry = self._pdfs.jobs.get(relative)
        if entry is None or self.project is None:
            raise BuildFailure(f"no PDF {relative} in this build")
        job, html_path = entry
        allowed = render_allowed(self.project, self.site)
        cache = pdf_cache(self.project, allowed, self.runtime)
        key = cache.key(job.html, relative)  # the key a build uses: one cache for both
        target = self.folder / "pdf" / f"{key}.pdf"
        with self._pdf_lock:
            if target.is_file() or cache.fetch(key, target):
                return target
            if self._renderer is None:
                self._renderer = PdfRenderer(1, self.runtime.start_method,
                                             fontconfig_file(self.runtime.font_dir))
                self._renderer.__enter__()
            live = replace(job, base_url=(self.site / html_path).as_uri(), target=target,
                           allowed=allowed)
            [outcome] = list(self._renderer.render([live]))
            if outcome.error:
                target.unlink(missing_ok=True)
                raise BuildFailure(f"{outcome.job_label}: {outcome.error}")
            cache.store(key, target, outcome.fetched)
            return target
