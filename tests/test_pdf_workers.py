"""PDF workers are replaced after their share of documents, so that their memory stays
flat however many documents a build makes; the documents come out the same."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from commitgen.render.fonts import fontconfig_file
from commitgen.render.pdf import PdfJob, PdfRenderer

PAGE = ('<html lang="en"><body style="font-family: Inter"><h1>Document {}</h1>'
        '<p>{}</p></body></html>')


@pytest.mark.pdf
def test_workers_are_replaced_between_rounds_and_every_document_is_made(
        tmp_path: Path) -> None:
    jobs = [PdfJob(PAGE.format(n, f"pid-{n}"), tmp_path.as_uri() + "/", tmp_path / f"{n}.pdf",
                   (tmp_path,), f"document {n}") for n in range(5)]
    with PdfRenderer(1, "forkserver", fontconfig_file(), per_worker=2) as renderer:
        renderer.warm_up()
        results = list(renderer.render(jobs))
    assert sorted(r.job_label for r in results) == [f"document {n}" for n in range(5)]
    assert [r.error for r in results] == [None] * 5
    for n in range(5):
        assert f"Document {n}" in PdfReader(tmp_path / f"{n}.pdf").pages[0].extract_text()


def test_a_stopped_round_names_the_documents_of_the_later_rounds(tmp_path: Path) -> None:
    """A worker that stops leaves the documents not yet submitted unrendered, named."""
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    from commitgen.render.pdf import PdfResult

    def job(label: str) -> PdfJob:
        return PdfJob("", "", tmp_path / label, (), label)

    broken: Future[PdfResult] = Future()
    broken.set_exception(BrokenProcessPool("a worker stopped"))
    renderer = PdfRenderer(1, "spawn", tmp_path, per_worker=1)
    results = list(renderer._rounds({broken: job("first")}, [[job("second")], [job("third")]]))
    assert [(r.job_label, r.error is not None) for r in results] == [
        ("first", True), ("second", True), ("third", True)]
    assert "another document's failure" in (results[-1].error or "")


class _StartingPool:
    """A pool whose workers take as long to start as the test says."""

    def __init__(self, error: BaseException | None = None) -> None:
        import threading

        self.release = threading.Event()
        self.error = error
        self.started: list[object] = []

    def submit(self, function: object, *args: object) -> None:
        self.release.wait()
        if self.error is not None:
            raise self.error
        self.started.append(function)


def test_warm_up_returns_while_the_workers_start_and_render_waits_for_them(
        tmp_path: Path) -> None:
    """Starting a worker waits for the server that forks it to import WeasyPrint: the
    caller goes on (rendering HTML) meanwhile, and render() waits for the workers."""
    renderer = PdfRenderer(2, "forkserver", tmp_path)
    pool = _StartingPool()
    renderer._pool = pool  # type: ignore[assignment]
    renderer.warm_up()
    assert pool.started == []  # still starting: warm_up did not wait
    pool.release.set()
    assert list(renderer.render([])) == []
    assert len(pool.started) == 2  # one per worker, before any document


def test_a_worker_that_cannot_start_fails_the_render(tmp_path: Path) -> None:
    renderer = PdfRenderer(1, "forkserver", tmp_path)
    pool = _StartingPool(OSError("no process could be started"))
    renderer._pool = pool  # type: ignore[assignment]
    renderer.warm_up()
    pool.release.set()
    with pytest.raises(OSError, match="no process could be started"):
        renderer.render([])


@pytest.mark.pdf
def test_a_build_stopped_while_its_workers_start_stops_them_quietly(
        tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(KeyError), PdfRenderer(2, "forkserver", fontconfig_file()) as renderer:
        renderer.warm_up()
        raise KeyError("a template failed")
    assert renderer._pool is None and renderer._starting is None
    assert "Traceback" not in capfd.readouterr().err


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the search is skipped on Linux")
def test_workers_load_weasyprint_without_searching_for_its_libraries() -> None:
    """Every library WeasyPrint needs (and HarfBuzz's subsetter) is loaded by its file
    name, without ctypes.util.find_library (which runs ldconfig, gcc and ld)."""
    code = """
import ctypes.util
calls = []
search = ctypes.util.find_library
def counted(name):
    calls.append(name)
    return search(name)
ctypes.util.find_library = counted
import commitgen.render.weasyprint_loader
from weasyprint.text import ffi
print(len(calls), ctypes.util.find_library is counted,
      all(lib is not None for lib in (ffi.gobject, ffi.pango, ffi.harfbuzz, ffi.fontconfig,
                                      ffi.pangoft2, ffi.harfbuzz_subset)))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split() == ["0", "True", "True"], done.stderr
