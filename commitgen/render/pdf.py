"""HTML → PDF with WeasyPrint, in a pool of long-lived worker processes.

Each worker imports WeasyPrint once and renders many documents; a build never
starts a process per document. PDFs are always rendered in workers (one with
``-j 1``): a worker starts with the font configuration the build gives it
(:func:`_start_worker`), so the calling process's environment is never changed.
Workers start with ``forkserver`` where it exists (Linux, macOS: cheap, WeasyPrint is
imported once in the server) and ``spawn`` elsewhere (Windows); see
:mod:`commitgen.runtime`.

A document with a character that no font can draw fails: WeasyPrint would print
an empty box (.notdef) in its place, and a charter with a missing diacritic is
not one to hand out.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
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


class MissingGlyphs(logging.Handler):
    """Collects WeasyPrint's reports of characters that no font has a glyph for."""

    PREFIX = ".notdef glyph rendered"

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.found: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.startswith(self.PREFIX):
            self.found.append(message.rsplit(": ", 1)[-1])  # '"x" (U+0078)'

    def __enter__(self) -> MissingGlyphs:
        logger = logging.getLogger("weasyprint")
        self._level = logger.level
        if logger.getEffectiveLevel() > logging.WARNING:
            logger.setLevel(logging.WARNING)
        logger.addHandler(self)
        return self

    def __exit__(self, *exc: object) -> None:
        logger = logging.getLogger("weasyprint")
        logger.removeHandler(self)
        logger.setLevel(self._level)

    def error(self) -> str | None:
        if not self.found:
            return None
        characters = ", ".join(dict.fromkeys(self.found))
        return (f"no font has a glyph for {characters}: the PDF would show an empty box "
                "instead (documents use only the theme's fonts, Inter and DejaVu Sans, and "
                "those of their own @font-face rules: remove the character, or give your "
                "templates a font that has it)")


def render_pdf(job: PdfJob) -> PdfResult:
    """Render one PDF; errors come back as text (they cross a process boundary)."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError

    from commitgen.render.fetcher import ProjectOnlyFetcher

    fetcher = ProjectOnlyFetcher(job.allowed)
    # handles the document's @font-face rules (the theme's fonts, from the output tree);
    # besides those, only Inter and DejaVu (the worker's fontconfig file): the result
    # cannot depend on the machine's fonts
    font_config = FontConfiguration()
    try:
        with MissingGlyphs() as missing:
            document = HTML(string=job.html, base_url=job.base_url, url_fetcher=fetcher
                            ).render(font_config=font_config)
            job.target.parent.mkdir(parents=True, exist_ok=True)
            document.write_pdf(job.target, **PDF_OPTIONS)
            del document
        if fetcher.refused:  # refusals WeasyPrint caught itself (fonts, images inside an SVG)
            job.target.unlink(missing_ok=True)
            return PdfResult(job.label, job.target, f"refused to load {fetcher.refused[0]}")
        if missing.found:  # the PDF stays for inspection; the build fails and discards it
            return PdfResult(job.label, job.target, missing.error())
    except FatalURLFetchingError as exc:
        cause = exc.__cause__ or exc
        return PdfResult(job.label, job.target, f"refused to load {cause}")
    except Exception as exc:  # a rendering failure of any kind fails this document only
        return PdfResult(job.label, job.target, f"{type(exc).__name__}: {exc}")
    finally:
        _discard_fonts(font_config)
    return PdfResult(job.label, job.target)


def _discard_fonts(font_config: object) -> None:
    """Remove the temporary folder where WeasyPrint put the document's fonts. WeasyPrint
    does it when the configuration is garbage-collected, which a long-lived worker may
    never do before it exits: without this, every PDF would leave its fonts in /tmp."""
    folder = getattr(font_config, "_folder", None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
        font_config._folder = None  # type: ignore[attr-defined]


class PdfRenderer:
    """Renders PDF jobs on ``jobs`` worker processes started with ``start_method``, each
    seeing only the fonts listed in ``fontconfig`` (:func:`~commitgen.render.fonts.
    fontconfig_file`)."""

    def __init__(self, jobs: int, start_method: str, fontconfig: Path) -> None:
        self.jobs = max(1, jobs)
        self.start_method = start_method
        self.fontconfig = fontconfig
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> PdfRenderer:
        context = multiprocessing.get_context(self.start_method)
        if self.start_method == "forkserver":
            context.set_forkserver_preload(["weasyprint", "commitgen.render.fetcher"])
        self._pool = ProcessPoolExecutor(self.jobs, mp_context=context,
                                         initializer=_start_worker,
                                         initargs=(str(self.fontconfig),))
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def render(self, jobs: Sequence[PdfJob]) -> Iterator[PdfResult]:
        """Results as they complete."""
        if self._pool is None:
            raise RuntimeError("use PdfRenderer as a context manager")
        futures = [self._pool.submit(render_pdf, job) for job in jobs]
        for future in as_completed(futures):
            yield future.result()


def _start_worker(fontconfig: str) -> None:
    """Runs first in every worker process: fontconfig reads ``FONTCONFIG_FILE`` when
    WeasyPrint creates a font configuration, so the worker's own environment names the
    build's file (the parent's environment is never touched); then WeasyPrint is
    imported once for all the documents this worker renders."""
    os.environ["FONTCONFIG_FILE"] = fontconfig
    import weasyprint  # noqa: F401
