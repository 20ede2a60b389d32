"""Builds at the floor: what a no-op, an edit and a second core cost, and how much memory a
build holds, at several sizes of estate.

    python benchmarks/bench_incremental.py [--sizes 3,12,40] [--runs 5]
        [--parts noop,edit,jobs,memory]

Every figure is a ratio of two whole ``commitgen build`` processes (start-up included)
run in turn, A B A B …, so that a drift of the machine's speed moves both; the median of
the pairs' ratios is printed with its spread (min–max). Per estate of N generated
policies (made from the bundled examples, see ``bench_build.generate_project``):

* no-op rebuild / cold build: a build with nothing changed against one with no output
  and no cache (both with 2 jobs, the machine's cores);
* one-sentence edit / raw WeasyPrint: a build after one sentence of one policy's summary
  changed, against a Python process that imports WeasyPrint and renders the HTML of the
  PDFs the edit made again (the same files, the same options) — the floor of any tool;
* 2 jobs vs 1 job: a cold build with one PDF worker against one with two;
* peak memory of a PDF worker and of the main process in a cold build with one job (the
  largest VmHWM of the build's descendants, read from /proc while it runs, and the main
  process's own ru_maxrss).

Absolute seconds are printed for context only. Python writes the bytecode of the modules it
imports (as an installed package has it) even where ``PYTHONDONTWRITEBYTECODE`` is set.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_build import generate_project  # noqa: E402

COMMITGEN = [sys.executable, "-m", "commitgen"]
#: renders the HTML files named on its command line as a build would (PDF options too)
RAW = """
import sys
from weasyprint import HTML
from commitgen.render.pdf import PDF_OPTIONS
for number, page in enumerate(sys.argv[2:]):
    HTML(filename=page).write_pdf(f"{sys.argv[1]}/{number}.pdf", **PDF_OPTIONS)
"""
#: runs a build in this process and reports the peak memory of it and of its descendants
PROBE = """
import os, resource, sys, threading, time
from commitgen.cli import main

me, peak, done = os.getpid(), [0], threading.Event()

def descendants():
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    children.setdefault(int(handle.read().rsplit(")", 1)[1].split()[1]),
                                        []).append(int(entry))
            except OSError:
                pass
    found, todo = [], [me]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found

def watch():
    while not done.is_set():
        for pid in descendants():
            try:
                with open(f"/proc/{pid}/status") as handle:
                    for line in handle:
                        if line.startswith("VmHWM:"):
                            peak[0] = max(peak[0], int(line.split()[1]))
            except OSError:
                pass
        time.sleep(0.02)

watcher = threading.Thread(target=watch, daemon=True)
watcher.start()
try:
    main(sys.argv[1:], standalone_mode=False)
finally:
    done.set()
    watcher.join()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, peak[0] // 1024)
"""


def run(command: Sequence[str], before: Callable[[], None] | None = None) -> float:
    """Wall seconds of one whole process (``before`` runs first, untimed)."""
    if before is not None:
        before()
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=_env())
    return time.perf_counter() - start


def _env() -> dict[str, str]:
    """This environment, with bytecode written as an installed package has it (the warm-up
    runs write it) and documents dated by their charters."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("SOURCE_DATE_EPOCH", "PYTHONDONTWRITEBYTECODE")}
    env["PYTHONPATH"] = str(REPO)
    return env


def paired(runs: int, a: Callable[[], float],
           b: Callable[[], float]) -> tuple[list[float], float, float]:
    """Ratios a/b of ``runs`` pairs (after one warm-up pair), and the median seconds."""
    a(), b()
    ratios, a_times, b_times = [], [], []
    for _ in range(runs):
        first, second = a(), b()
        ratios.append(first / second)
        a_times.append(first)
        b_times.append(second)
    return ratios, statistics.median(a_times), statistics.median(b_times)


def line(name: str, ratios: list[float], a: float, b: float) -> str:
    return (f"  {name:<34} {statistics.median(ratios):6.3f}  "
            f"({min(ratios):.3f}–{max(ratios):.3f})   {a:6.2f} s / {b:6.2f} s")


class Estate:
    """A generated project of ``count`` policies in ``root``."""

    def __init__(self, root: Path, count: int) -> None:
        self.root = generate_project(root, count)
        self.edited = self.root / "policies" / "bench-000.yaml"
        self.edits = 0
        self.scratch = root.parent / f"raw-{count}"

    def cold(self) -> None:
        shutil.rmtree(self.root / "output", ignore_errors=True)
        shutil.rmtree(self.root / ".commitgen-cache", ignore_errors=True)

    def build(self, jobs: int) -> list[str]:
        return [*COMMITGEN, "build", "-q", "-j", str(jobs), "-C", str(self.root)]

    def edit(self) -> None:
        """Change one sentence of the first policy's summary (a new text each time)."""
        self.edits += 1
        text = self.edited.read_text(encoding="utf-8")
        text, count = re.subn(r"(summary:\n  en: >-\n    )(?:Edit \d+\. )?",
                              rf"\g<1>Edit {self.edits}. ", text, count=1)
        assert count == 1, "the first policy needs an English summary"
        self.edited.write_text(text, encoding="utf-8")

    def pdfs(self) -> list[Path]:
        return sorted((self.root / "output").rglob("*.pdf"))

    def edit_pages(self) -> list[str]:
        """The HTML pages of the PDFs an edit makes again: a PDF is made again exactly when
        its page changed (the files it loads being unchanged), so the pages are compared
        byte for byte (every kept file is copied, so times tell nothing)."""
        run(self.build(2))
        pages = [self._page(path) for path in self.pdfs()]
        before = {page: page.read_bytes() for page in pages}
        run(self.build(2), self.edit)
        changed = [page for page in pages if page.read_bytes() != before[page]]
        assert changed, "the edit changed no page"
        return [str(page) for page in changed]

    def _page(self, pdf: Path) -> Path:
        tree = pdf.relative_to(self.root / "output").parts[0]
        page = pdf.with_name("index.html" if tree == "public" else "briefing.html")
        assert page.exists(), page
        return page

    def raw(self, pages: list[str]) -> list[str]:
        self.scratch.mkdir(exist_ok=True)
        return [sys.executable, "-c", RAW, str(self.scratch), *pages]

    def memory(self) -> tuple[int, int]:
        """Peak MB of the main process and of the largest PDF worker, cold, one job."""
        self.cold()
        done = subprocess.run([sys.executable, "-c", PROBE, "build", "-q", "-j", "1", "-C",
                               str(self.root)], check=True, capture_output=True, text=True,
                              env=_env())
        main, worker = done.stdout.split()[-2:]
        return int(main), int(worker)


PARTS = ("noop", "edit", "jobs", "memory")


def measure(estate: Estate, count: int, runs: int, parts: Sequence[str] = PARTS) -> None:
    estate.cold()
    if set(parts) != {"memory"}:  # (the memory's build makes them too)
        run(estate.build(2))
        print(f"{count} policies, {len(estate.pdfs())} PDFs", flush=True)
    if "noop" in parts:
        ratios, a, b = paired(runs, lambda: run(estate.build(2)),
                              lambda: run(estate.build(2), estate.cold))
        print(line("no-op rebuild / cold build", ratios, a, b), flush=True)
    if "edit" in parts:
        pages = estate.edit_pages()
        run(estate.build(2))
        ratios, a, b = paired(runs, lambda: run(estate.build(2), estate.edit),
                              lambda: run(estate.raw(pages)))
        print(line(f"edit / raw WeasyPrint ({len(pages)} PDFs)", ratios, a, b), flush=True)
    if "jobs" in parts:
        ratios, a, b = paired(runs, lambda: run(estate.build(1), estate.cold),
                              lambda: run(estate.build(2), estate.cold))
        print(line("1 job / 2 jobs (speed-up)", ratios, a, b), flush=True)
    if "memory" in parts:
        main, worker = estate.memory()
        print(f"  peak memory, 1 job ({count} policies, {len(estate.pdfs())} PDFs): "
              f"PDF worker {worker} MB, main process {main} MB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="3,12,40")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--parts", default=",".join(PARTS),
                        help=f"which figures, of {','.join(PARTS)}")
    args = parser.parse_args()
    parts = args.parts.split(",")
    unknown = set(parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown part(s): {', '.join(sorted(unknown))}")
    print(f"{time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}; ratio median (min–max of {args.runs} "
          "pairs), then median seconds A / B", flush=True)
    for count in (int(size) for size in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix="commitgen-bench-") as tmp:
            measure(Estate(Path(tmp) / "project", count), count, args.runs, parts)
    print(f"load average at the end {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()
