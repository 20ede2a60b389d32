"""Resource limits: whatever a policy, template or stylesheet holds, a build ends in
bounded time and memory, naming the document and the limit, the previous output intact;
PDF workers never outlive the build."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from commitgen.render.worker_guard import (
    LimitExceeded,
    WorkerLimits,
    document_limits,
    guard_worker,
)
from tests.conftest import REPO, RunCli, tree_bytes

#: a stylesheet that makes WeasyPrint's memory grow past 800 MB in seconds: a body a
#: thousand pages wide, every heading followed by a leader of dots across it. The
#: stylesheet lint refuses absurd lengths and page sizes (CG314, CG315) but cannot know
#: what a percentage is of; the workers' limits stop it.
HUGE_PAGE = "body { width: 100000% !important } h2::after, h3::after { content: leader('. ') }"


def _override_style(project: Path, css: str) -> None:
    templates = project / "templates"
    templates.mkdir(exist_ok=True)
    (templates / "charter.html.j2").write_text(
        '{% extends "theme/charter.html.j2" %}{% block title %}{{ super() }}</title>'
        f"<style>{css}</style><title>{{% endblock %}}")


def _config(project: Path, text: str) -> None:
    (project / "commitgen.yaml").write_text(text, encoding="utf-8")


@pytest.mark.pdf
def test_a_document_over_the_time_limit_fails_alone_and_named(minimal_project: Path,
                                                              run_cli: RunCli) -> None:
    assert run_cli("build", "-q", cwd=minimal_project).exit_code == 0
    before = tree_bytes(minimal_project / "output")
    _config(minimal_project, "limits: {pdf_seconds: 2}\n")
    _override_style(minimal_project, HUGE_PAGE)
    started = time.monotonic()
    result = run_cli("build", "-q", "-j", "2", cwd=minimal_project)
    assert time.monotonic() - started < 60
    assert result.exit_code == 3
    assert ("minimal (en) charter: took longer than 2 seconds (limits: pdf_seconds in "
            "commitgen.yaml)") in result.stderr
    assert tree_bytes(minimal_project / "output") == before


@pytest.mark.pdf
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS: Linux")
def test_a_document_over_the_memory_limit_fails_named(minimal_project: Path,
                                                      run_cli: RunCli) -> None:
    _config(minimal_project, "limits: {pdf_memory_mb: 700, pdf_seconds: 600}\n")
    _override_style(minimal_project, HUGE_PAGE)
    result = run_cli("build", "-q", "-j", "1", cwd=minimal_project)
    assert result.exit_code == 3
    assert re.search(r"minimal \((vi|en)\) charter: needed more than 700 MiB of memory "
                     r"\(limits: pdf_memory_mb in commitgen.yaml\)", result.stderr)
    # whatever the native code's error, a document never fails with a bare internal one
    assert "Error:" not in result.stderr
    assert not (minimal_project / "output").exists()


@pytest.mark.pdf
@pytest.mark.parametrize(("name", "content"), [
    ("logo.png", b"this is text, not a PNG image\n"),
    ("logo.svg", b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
     + b"".join(b'<!ENTITY %c "&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;">'
                % (ord("a") + i + 1, *(ord("a") + i,) * 10) for i in range(9))
     + b']><svg xmlns="http://www.w3.org/2000/svg"><text>&j;</text></svg>'),
])
def test_an_image_that_cannot_be_loaded_fails_the_build(
        name: str, content: bytes, minimal_project: Path, run_cli: RunCli) -> None:
    (minimal_project / "assets").mkdir()
    (minimal_project / "assets" / name).write_bytes(content)
    _config(minimal_project, f"branding: {{logo: assets/{name}}}\n")
    result = run_cli("build", "-q", "-j", "1", cwd=minimal_project)
    assert result.exit_code == 3, result.output
    assert re.search(r"minimal \((en|vi)\) (charter|briefing): Failed to (load|render)",
                     result.stderr)
    assert not (minimal_project / "output").exists()


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":  # a zombie has exited; only its parent has not collected it
            alive.add(pid)
    return alive


@pytest.mark.pdf
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize("start_method", ["forkserver", "spawn"])
def test_workers_exit_when_the_build_is_killed(start_method: str,
                                               minimal_project: Path) -> None:
    _override_style(minimal_project, HUGE_PAGE)  # keeps the workers busy for minutes
    _config(minimal_project, "limits: {pdf_seconds: 600}\n")
    build = subprocess.Popen(
        [sys.executable, "-m", "commitgen", "build", "-q", "-j", "2"], cwd=minimal_project,
        env={**os.environ, "PYTHONPATH": str(REPO), "COMMITGEN_START_METHOD": start_method},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while len(_alive(_descendants(build.pid))) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(2)  # the workers are rendering
        workers = _alive(_descendants(build.pid))
        assert len(workers) >= 2
    finally:
        build.send_signal(signal.SIGKILL)
        build.wait()
    deadline = time.monotonic() + 10
    while _alive(workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = _alive(workers)
    for pid in left:  # never leave them behind, even when the test fails
        os.kill(pid, signal.SIGKILL)
    assert left == set()


def _stuck_in_native_code(label: str) -> str:
    """A document that never returns to the interpreter: catastrophic backtracking in
    ``re`` runs in C and does not look at signals."""
    with document_limits(label):
        re.match(r"(a+)+$", "a" * 64 + "b")
    return "finished"


def _slow_in_python(label: str) -> str:
    with document_limits(label):
        while True:
            time.sleep(0.01)


def _guarded_pool() -> ProcessPoolExecutor:
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(1, mp_context=context, initializer=guard_worker,
                               initargs=(WorkerLimits(1, 4096, grace_seconds=1), None, None))


def test_a_document_over_time_is_interrupted_and_the_worker_goes_on() -> None:
    with _guarded_pool() as pool:
        with pytest.raises(LimitExceeded, match="took longer than 1 seconds"):
            pool.submit(_slow_in_python, "slow").result(timeout=30)
        assert pool.submit(len, "still here").result(timeout=30) == 10


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="SIGALRM: Linux and macOS")
def test_a_worker_stuck_in_native_code_is_stopped() -> None:
    from concurrent.futures.process import BrokenProcessPool

    with _guarded_pool() as pool:
        started = time.monotonic()
        with pytest.raises(BrokenProcessPool):  # the regex holds the GIL: no thread can run
            pool.submit(_stuck_in_native_code, "stuck").result(timeout=60)
        assert time.monotonic() - started < 30


def test_a_stopped_worker_names_the_document_and_the_limit(tmp_path: Path) -> None:
    from concurrent.futures import Future

    from commitgen.render.pdf import PdfJob, PdfRenderer, PdfResult

    def job(label: str) -> PdfJob:
        return PdfJob("", "", tmp_path / label, (), label)

    futures: dict[Future[PdfResult], PdfJob] = {}
    for label, state in [("done", "finished"), ("stuck", "broken"), ("queued", "broken")]:
        future: Future[PdfResult] = Future()
        if state == "finished":
            future.set_result(PdfResult(label, tmp_path / label))
        else:
            future.set_exception(RuntimeError("broken pool"))
        futures[future] = job(label)
    renderer = PdfRenderer(1, "spawn", tmp_path)
    renderer._last_words = {"stuck": "took longer than 1 seconds"}
    assert [(r.job_label, r.error) for r in renderer._stopped(futures)] == [
        ("stuck", "took longer than 1 seconds and could not be interrupted"),
        ("queued", "not rendered: the build stopped at another document's failure")]
    renderer._last_words = {"done": "took longer than 1 seconds"}  # but it ended in time
    assert [r.job_label for r in renderer._stopped(futures)] == ["stuck", "queued"]
    assert all("a PDF worker stopped unexpectedly" in (r.error or "")
               for r in renderer._stopped(futures))
