"""HTML → PDF with WeasyPrint, in a pool of long-lived worker processes.

Each worker imports WeasyPrint once and renders many documents; a build never
starts a process per document. With one job the work runs in this process.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

#: options given to WeasyPrint's write_pdf (part of the PDF cache key)
PDF_OPTIONS: dict[str, object] = {"pdf_tags": True}


@dataclass(frozen=True)
class PdfJob:
    """One document: its HTML, the URL it pretends to live at, and where the PDF goes."""

    html: str
    base_url: str
    target: Path
    allowed: tuple[Path, ...]
    label: str


@dataclass(frozen=True)
class PdfResult:
    job_label: str
    target: Path
    error: str | None = None


def render_pdf(job: PdfJob) -> PdfResult:
    """Render one PDF; errors come back as text (they cross a process boundary)."""
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    from commitgen.render.fetcher import ProjectOnlyFetcher

    fetcher = ProjectOnlyFetcher(job.allowed)
    try:
        document = HTML(string=job.html, base_url=job.base_url, url_fetcher=fetcher).render()
        job.target.parent.mkdir(parents=True, exist_ok=True)
        document.write_pdf(job.target, **PDF_OPTIONS)
        if fetcher.refused:  # refusals WeasyPrint caught itself (images inside an SVG)
            job.target.unlink(missing_ok=True)
            return PdfResult(job.label, job.target, f"refused to load {fetcher.refused[0]}")
    except FatalURLFetchingError as exc:
        cause = exc.__cause__ or exc
        return PdfResult(job.label, job.target, f"refused to load {cause}")
    except Exception as exc:  # a rendering failure of any kind fails this document only
        return PdfResult(job.label, job.target, f"{type(exc).__name__}: {exc}")
    return PdfResult(job.label, job.target)


class PdfRenderer:
    """Renders PDF jobs on ``jobs`` worker processes (or in-process when ``jobs`` is 1)."""

    def __init__(self, jobs: int) -> None:
        self.jobs = max(1, jobs)
        self._pool: Executor | None = None

    def __enter__(self) -> PdfRenderer:
        if self.jobs > 1:
            context = multiprocessing.get_context("forkserver")
            self._pool = ProcessPoolExecutor(self.jobs, mp_context=context,
                                             initializer=_warm_up)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def render(self, jobs: Sequence[PdfJob]) -> Iterator[PdfResult]:
        """Results as they complete."""
        if self._pool is None:
            yield from map(render_pdf, jobs)
            return
        from concurrent.futures import as_completed

        futures = [self._pool.submit(render_pdf, job) for job in jobs]
        for future in as_completed(futures):
            yield future.result()


def _warm_up() -> None:
    import weasyprint  # noqa: F401  (pay the import once per worker)
