"""What the compensation engine costs: inside a build, and as ``commitgen compensate``.

    python benchmarks/bench_compensate.py [--policies N] [--repeat R]

Figures are ratios measured in one run on one machine:

* engine / HTML: the engine's work in a build (each scheme's terms, the worked examples
  of every case — the author's and those chosen at the edges — and the briefing's quick
  tables, all computed) against rendering every page's HTML, which includes it. PDF
  rendering, which dominates a build, is measured by ``bench_build.py``;
* compensate / --version: a ``commitgen compensate`` answer in a fresh process against
  ``commitgen --version`` in a fresh process, the start-up floor of any command; taken
  pair by pair (A then B, R times) so a machine that speeds up or slows down during the
  run does not bias the ratio.

In-process timings are CPU seconds of this process (``time.process_time``: other work on
a shared machine does not count), the best of R repetitions; absolute seconds are printed
for context only: compare ratios.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_build import generate_project  # noqa: E402

COMPENSATE = ["compensate", "saas-support", "service-outage", "--fact", "availability=99.2%",
              "--fact", "monthly_fee=3000000VND", "--on", "2027-03-01", "--lang", "vi"]


def best(repeat: int, work: object) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        work()  # type: ignore[operator]
        times.append(time.process_time() - start)
    return min(times)


def in_build(root: Path, repeat: int) -> tuple[float, float]:
    """(seconds of the engine's work, seconds of rendering every HTML page)."""
    from commitgen.build import check_for_build, render_html
    from commitgen.compute.cases import case_compensation
    from commitgen.project import load_project
    from commitgen.runtime import Runtime

    project, problems = load_project(root)
    assert project is not None, problems
    result = check_for_build(project)
    charters = [loaded.policy.charter() for loaded in result.policies]
    engine = best(repeat, lambda: [case_compensation(c, project.config.business_time)
                                   for c in charters])
    runtime = Runtime.from_environment(cwd=root)
    html = best(repeat, lambda: render_html(project, runtime, result, root / "stage"))
    return engine, html


def start_up(repeat: int) -> list[tuple[float, float]]:
    """(compensate seconds, --version seconds) per pair of fresh processes."""
    command = [sys.executable, "-m", "commitgen"]
    pairs = []
    for _ in range(repeat + 1):  # the first pair warms the file cache and is dropped
        runs = []
        for args in (COMPENSATE, ["--version"]):
            start = time.perf_counter()
            subprocess.run([*command, *args], cwd=REPO, check=True, capture_output=True)
            runs.append(time.perf_counter() - start)
        pairs.append((runs[0], runs[1]))
    return pairs[1:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--policies", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = generate_project(Path(folder), args.policies)
        engine, html = in_build(root, args.repeat)
    print(f"{args.policies} policies: engine {engine:.3f} s, every HTML page {html:.3f} s "
          f"→ engine / HTML = {engine / html:.2f}")
    pairs = start_up(args.repeat)
    ratios = [a / b for a, b in pairs]
    print(f"compensate {statistics.median(a for a, _ in pairs):.3f} s, --version "
          f"{statistics.median(b for _, b in pairs):.3f} s (medians) → compensate / --version "
          f"= {statistics.median(ratios):.2f} (pairwise median; range "
          f"{min(ratios):.2f}–{max(ratios):.2f})")


if __name__ == "__main__":
    main()
