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
not one to hand out. So does a document with an image WeasyPrint cannot load (it
would only log it and leave the image out).

Each worker is bounded (:mod:`commitgen.render.worker_guard`): a document that takes
longer than the time limit or more memory than the memory limit fails alone, named
with the limit, and workers end when the build does, even when it is killed.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import threading
from collections.abc import Generator, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.queues import SimpleQueue
from pathlib import Path
from typing import Any

from commitgen.printable import excerpt
from commitgen.render.worker_guard import (
    LimitExceeded,
    WorkerLimits,
    document_limits,
    guard_worker,
)

#: options given to WeasyPrint's write_pdf (part of the PDF cache key): tagged PDF/UA-1
#: with its XMP metadata, the structure corrected by :mod:`commitgen.render.pdf_tags`;
#: custom metadata carries a charter's id, version and fingerprint (``commitgen verify``)
PDF_OPTIONS: dict[str, object] = {"pdf_variant": "pdf/ua-1", "custom_metadata": True}
#: documents a worker renders before a fresh one takes its place (WeasyPrint keeps about
#: half a megabyte of every document: a worker's memory stays flat whatever the estate)
DOCUMENTS_PER_WORKER = 24
#: the PDF variant of archived versions: PDF/A-3 level A (archival, tagged)
ARCHIVE_VARIANT = "pdf/a-3a"
#: what the server that forks the workers imports once, for all of them (WeasyPrint first)
PRELOAD = ["commitgen.render.weasyprint_loader", "commitgen.render.fetcher"]


def start_server(start_method: str) -> None:
    """Start the process that forks PDF workers (``forkserver``) now, without waiting for
    it: it imports WeasyPrint while the caller checks policies and renders HTML, and the
    first worker starts without that wait. Nothing happens under ``spawn``, or when it
    runs already (a long-lived process)."""
    if start_method == "forkserver":
        from multiprocessing import forkserver

        forkserver.set_forkserver_preload(PRELOAD)
        forkserver.ensure_running()


@dataclass(frozen=True)
class PdfJob:
    """One document: its HTML (or the file holding it, ``source``), the URL it pretends to
    live at, and where the PDF goes."""

    html: str
    base_url: str
    target: Path
    allowed: tuple[Path, ...]
    label: str
    variant: str | None = None  # a WeasyPrint PDF variant (ARCHIVE_VARIANT), else none
    source: Path | None = None  # read by the worker: the HTML need not cross processes


@dataclass(frozen=True)
class PdfResult:
    job_label: str
    target: Path
    error: str | None = None
    fetched: tuple[tuple[str, str], ...] = ()  # every file the document loaded, and its digest


class MissingGlyphs(logging.Handler):
    """Collects WeasyPrint's reports of characters that no font has a glyph for, and the
    errors it only logs (an image it failed to load)."""

    PREFIX = ".notdef glyph rendered"

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.found: list[str] = []
        self.errors: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.startswith(self.PREFIX):
            self.found.append(message.rsplit(": ", 1)[-1])  # '"x" (U+0078)'
        elif record.levelno >= logging.ERROR:
            self.errors.append(message)

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

    from commitgen.render import pdf_tags
    from commitgen.render.fetcher import ProjectOnlyFetcher

    pdf_tags.install()
    fetcher = ProjectOnlyFetcher(job.allowed)
    # handles the document's @font-face rules (the theme's fonts, from the output tree);
    # besides those, only Inter and DejaVu (the worker's fontconfig file): the result
    # cannot depend on the machine's fonts
    font_config = FontConfiguration()
    try:
        html = job.html if job.source is None else job.source.read_text(encoding="utf-8")
        with document_limits(job.label), MissingGlyphs() as missing:
            document = HTML(string=html, base_url=job.base_url, url_fetcher=fetcher
                            ).render(font_config=font_config)
            job.target.parent.mkdir(parents=True, exist_ok=True)
            options = {**PDF_OPTIONS, **({"pdf_variant": job.variant} if job.variant else {})}
            document.write_pdf(job.target, **options)
            del document
        if fetcher.refused:  # refusals WeasyPrint caught itself (fonts, images inside an SVG)
            job.target.unlink(missing_ok=True)
            return PdfResult(job.label, job.target, f"refused to load {fetcher.refused[0]}")
        if missing.errors:  # an image WeasyPrint could not load was left out
            job.target.unlink(missing_ok=True)
            return PdfResult(job.label, job.target, excerpt(missing.errors[0], 300))
        if missing.found:  # the PDF stays for inspection; the build fails and discards it
            return PdfResult(job.label, job.target, missing.error())
    except LimitExceeded as exc:
        job.target.unlink(missing_ok=True)
        return PdfResult(job.label, job.target, str(exc))
    except FatalURLFetchingError as exc:
        cause = exc.__cause__ or exc
        return PdfResult(job.label, job.target, f"refused to load {cause}")
    except AssertionError as exc:  # WeasyPrint's layout gave up, saying nothing
        return PdfResult(job.label, job.target, excerpt(
            f"WeasyPrint could not lay the pages out (AssertionError{': ' if str(exc) else ''}"
            f"{exc}): a page smaller than its margins does this; look at the stylesheets' "
            "@page size and margin", 300))
    except Exception as exc:  # a rendering failure of any kind fails this document only
        return PdfResult(job.label, job.target, excerpt(f"{type(exc).__name__}: {exc}", 300))
    finally:
        _discard_fonts(font_config)
    return PdfResult(job.label, job.target, fetched=tuple(sorted(fetcher.fetched.items())))


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

    def __init__(self, jobs: int, start_method: str, fontconfig: Path,
                 limits: WorkerLimits | None = None,
                 per_worker: int = DOCUMENTS_PER_WORKER) -> None:
        self.jobs = max(1, jobs)
        self.per_worker = max(1, per_worker)
        self.start_method = start_method
        self.fontconfig = fontconfig
        self.limits = limits or WorkerLimits(seconds=120, memory_mb=2048)
        self._pool: ProcessPoolExecutor | None = None
        #: a pipe: workers hold the reading end and see it close when this process ends
        self._alive: tuple[Connection, Connection] | None = None
        self._words: SimpleQueue[Any] | None = None  # (document, limit) from watchdogs
        self._last_words: dict[str, str] = {}
        self._starting: threading.Thread | None = None  # warm_up's
        self._start_error: BaseException | None = None

    def __enter__(self) -> PdfRenderer:
        context = multiprocessing.get_context(self.start_method)
        if self.start_method == "forkserver":
            context.set_forkserver_preload(PRELOAD)
        self._alive = context.Pipe(duplex=False)
        self._words = context.SimpleQueue()
        self._pool = self._new_pool()
        return self

    def _new_pool(self) -> ProcessPoolExecutor:
        """Workers that start when needed, with the build's arguments."""
        assert self._alive is not None and self._words is not None
        return ProcessPoolExecutor(
            self.jobs, mp_context=multiprocessing.get_context(self.start_method),
            initializer=_start_worker,
            initargs=(str(self.fontconfig), self.limits, self._alive[0], self._words))

    def _recycle(self) -> None:
        """New workers in place of those that rendered their share (they are idle)."""
        assert self._pool is not None
        self._pool.shutdown(wait=True)
        self._pool = self._new_pool()

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        self._start_error = None
        if self._starting is not None:  # (its workers are stopped with the others)
            self._starting.join()
            self._starting = None
        if self._pool is not None:
            if kind is not None:  # interrupted or failed: stop the documents in progress
                for process in list(getattr(self._pool, "_processes", {}).values()):
                    process.terminate()
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if self._alive is not None:
            for end in self._alive:
                end.close()
            self._alive = None

    def warm_up(self) -> None:
        """Start the workers now (they start on the first job otherwise), in the
        background: starting the first one waits for the server that forks them to have
        imported WeasyPrint, and the caller goes on with its own work meanwhile
        (:meth:`render` waits for them)."""
        pool = self._pool
        if pool is None:
            raise RuntimeError("use PdfRenderer as a context manager")
        if self._starting is not None:
            return

        def start() -> None:
            try:
                for _ in range(self.jobs):
                    pool.submit(_ready)
            except BaseException as exc:  # raised again by render()
                self._start_error = exc

        self._starting = threading.Thread(target=start, name="commitgen-pdf-start",
                                          daemon=True)
        self._starting.start()

    def _started(self) -> None:
        """Wait for the workers :meth:`warm_up` starts; raise what stopped them."""
        if self._starting is not None:
            self._starting.join()
            self._starting = None
        error, self._start_error = self._start_error, None
        if error is not None:
            raise error

    def render(self, jobs: Sequence[PdfJob]) -> Iterator[PdfResult]:
        """Submit the jobs now (the first round: :attr:`per_worker` documents a worker);
        the results as they complete. Between rounds the workers are replaced, so that
        their memory (WeasyPrint keeps some of every document) does not grow with the
        number of documents."""
        if self._pool is None:
            raise RuntimeError("use PdfRenderer as a context manager")
        self._started()
        size = self.jobs * self.per_worker
        rounds = [list(jobs[start:start + size]) for start in range(0, len(jobs), size)]
        first = self._submit(rounds[0]) if rounds else {}
        return self._rounds(first, rounds[1:])

    def _submit(self, jobs: list[PdfJob]) -> dict[Future[PdfResult], PdfJob]:
        assert self._pool is not None
        return {self._pool.submit(render_pdf, job): job for job in jobs}

    def _rounds(self, first: dict[Future[PdfResult], PdfJob],
                rest: list[list[PdfJob]]) -> Iterator[PdfResult]:
        futures = first
        while True:
            stopped = yield from self._results(futures)
            if stopped or not rest:
                for job in (job for jobs in rest for job in jobs):
                    yield PdfResult(job.label, job.target, "not rendered: the build stopped "
                                    "at another document's failure")
                return
            self._recycle()
            futures = self._submit(rest.pop(0))

    def _results(self, futures: dict[Future[PdfResult], PdfJob]
                 ) -> Generator[PdfResult, None, bool]:
        """The results of ``futures``; True when a worker stopped (the pool is broken)."""
        for future in as_completed(futures):
            try:
                result = future.result()
            except BrokenProcessPool:
                self._read_words()
                yield from self._stopped(futures)
                return True
            self._read_words()  # (the pipe never fills up)
            yield result
        return False

    def _read_words(self) -> None:
        while self._words is not None and not self._words.empty():
            label, reason = self._words.get()
            self._last_words[str(label)] = str(reason)

    def _stopped(self, futures: dict[Future[PdfResult], PdfJob]) -> Iterator[PdfResult]:
        """A worker stopped without a result. A watchdog that saw a document go over a
        limit has said which; without that, the worker crashed. The documents that were
        not rendered are named."""
        unfinished = [job for future, job in futures.items() if not future.done()
                      or future.cancelled() or future.exception() is not None]
        over = any(job.label in self._last_words for job in unfinished)
        for job in unfinished:
            if job.label in self._last_words:
                reason = self._last_words[job.label] + " and could not be interrupted"
            elif over:
                reason = "not rendered: the build stopped at another document's failure"
            else:
                reason = ("not rendered: a PDF worker stopped unexpectedly (it crashed, was "
                          "killed, or went over a limit in code that could not be "
                          "interrupted) while rendering this document or another one")
            yield PdfResult(job.label, job.target, reason)


def _ready() -> None:
    """A job that does nothing: the worker that runs it has started."""


def _start_worker(fontconfig: str, limits: WorkerLimits, parent_alive: Connection,
                  last_words: SimpleQueue[Any]) -> None:
    """Runs first in every worker process: its bounds (:func:`~commitgen.render.
    worker_guard.guard_worker`); fontconfig reads ``FONTCONFIG_FILE`` when WeasyPrint
    creates a font configuration, so the worker's own environment names the build's
    file (the parent's environment is never touched); then WeasyPrint is imported once
    for all the documents this worker renders."""
    guard_worker(limits, parent_alive, last_words)
    os.environ["FONTCONFIG_FILE"] = fontconfig
    import commitgen.render.weasyprint_loader  # noqa: F401  (WeasyPrint)
