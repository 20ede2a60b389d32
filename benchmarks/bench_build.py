"""Build N generated policies and compare with raw WeasyPrint on the same HTML.

    python benchmarks/bench_build.py [--policies N] [--repeat R]

Figures are ratios measured in one run on one machine:

* build (all cores) / raw WeasyPrint (one process, same HTML → PDF): the cost of
  everything commitgen adds — loading, validation, templates, publishing — offset
  by its worker pool;
* build (1 job) / raw WeasyPrint: commitgen's overhead with no parallelism;
* build (1 job) / build (all cores): what the worker pool buys;
* rebuild with nothing changed / cold build.

Each timing is the best of R repetitions. Absolute seconds are printed for context
only; compare ratios.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def generate_project(root: Path, count: int) -> Path:
    """``count`` policies made from the bundled examples with distinct ids."""
    examples = sorted((REPO / "policies").glob("*.yaml"))
    (root / "policies").mkdir(parents=True)
    for index in range(count):
        source = examples[index % len(examples)]
        text = source.read_text(encoding="utf-8")
        text = re.sub(r"^id: .*$", f"id: bench-{index:03d}", text, count=1, flags=re.M)
        (root / "policies" / f"bench-{index:03d}.yaml").write_text(text, encoding="utf-8")
    return root


def timed_build(project_root: Path, jobs: int) -> float:
    from commitgen.build import build
    from commitgen.project import load_project
    from commitgen.runtime import Runtime

    project, problems = load_project(project_root)
    assert project is not None, problems
    start = time.perf_counter()
    build(project, Runtime.from_environment(cwd=project_root), jobs=jobs)
    return time.perf_counter() - start


def raw_weasyprint(output: Path, scratch: Path) -> float:
    """The floor: WeasyPrint alone turning the very same HTML files into PDFs."""
    from weasyprint import HTML

    from commitgen.render.pdf import PDF_OPTIONS  # the same PDF options (tagged PDF) as a build

    pages = sorted(output.glob("public/*/*/index.html")) + sorted(
        output.glob("staff/*/*/briefing.html"))
    scratch.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    for number, page in enumerate(pages):
        HTML(filename=str(page)).write_pdf(scratch / f"{number}.pdf", **PDF_OPTIONS)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--policies", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    from commitgen.render.pdf_cache import CACHE_DIR
    from commitgen.runtime import default_jobs

    cores = default_jobs()
    with tempfile.TemporaryDirectory(prefix="commitgen-bench-") as tmp:
        root = generate_project(Path(tmp) / "project", args.policies)
        best = {"all": float("inf"), "one": float("inf"), "raw": float("inf"),
                "noop": float("inf")}
        def cold() -> None:  # no output and no PDF cache: everything is rendered
            shutil.rmtree(root / "output", ignore_errors=True)
            shutil.rmtree(root / CACHE_DIR, ignore_errors=True)

        for _ in range(args.repeat):
            cold()
            best["all"] = min(best["all"], timed_build(root, cores))
            best["noop"] = min(best["noop"], timed_build(root, cores))
            cold()
            best["one"] = min(best["one"], timed_build(root, 1))
            best["raw"] = min(best["raw"], raw_weasyprint(root / "output", Path(tmp) / "raw"))
        documents = len(list((root / "output").rglob("*.pdf")))
    print(f"{args.policies} policies, {documents} PDFs, {cores} cores, best of {args.repeat}")
    print(f"  raw WeasyPrint, 1 process : {best['raw']:7.2f} s  (the floor)")
    print(f"  commitgen build, 1 job    : {best['one']:7.2f} s")
    print(f"  commitgen build, {cores} jobs   : {best['all']:7.2f} s")
    print(f"  commitgen rebuild, no change: {best['noop']:5.2f} s")
    print("ratios")
    print(f"  build ({cores} jobs) / raw WeasyPrint : {best['all'] / best['raw']:.2f}")
    print(f"  build (1 job) / raw WeasyPrint   : {best['one'] / best['raw']:.2f}")
    print(f"  build (1 job) / build ({cores} jobs)   : {best['one'] / best['all']:.2f}")
    print(f"  no-op rebuild / cold build       : {best['noop'] / best['all']:.2f}")


if __name__ == "__main__":
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    main()
