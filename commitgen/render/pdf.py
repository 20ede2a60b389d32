"""HTML → PDF with WeasyPrint, in a pool of long-lived worker processes.

Each worker imports WeasyPrint once and renders many documents; a build never
starts a process per document. With one job the work runs in this process.

A document with a character that no font can draw fails: WeasyPrint would print
an empty box (.notdef) in its place, and a charter with a missing diacritic is
not one to hand out.
"""

from __future__ import annotations

import logging
import multiprocessing
import shutil
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
    from commitgen.render.fonts import theme_fonts_only

    fetcher = ProjectOnlyFetcher(job.allowed)
    # handles the document's @font-face rules (the theme's fonts, from the output tree);
    # besides those, only Inter and DejaVu: the result cannot depend on the machine's fonts
    with theme_fonts_only():
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
