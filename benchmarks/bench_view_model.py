"""What one large policy costs before its PDFs: ``check``, then the policy → view-model
stage (the compensation engine's examples and tables for every case) and the templates.

    python benchmarks/bench_view_model.py [--sizes 50,100,200,570] [--compact 1000,4500]

Two kinds of policy, each grown until the file-size limits stop it (2 MiB, 200,000
values): the SaaS example with N copies of its first worst case (bands by availability,
about 3.2 KB a case: 570 fit), and the smallest policy with N one-line cases (a fixed
amount, about 270 bytes and 40 values a case: about 4,700 fit). Printed per size: CPU
seconds (``time.process_time``: other work on a shared machine does not count) of the
check, of the engine's work and of the templates, and the engine's milliseconds per
case — flat when the stage grows with the policy, rising when it grows with its square.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from measure_limits import largest_policy  # noqa: E402

_COMPACT_CASE = (
    "  - {id: c%d, title: {vi: T, en: T}, what_happens: {vi: W., en: W.}, remedy: {vi: R., "
    "en: R.}, respond_within: 30 minutes, resolve_within: 4 hours, compensation: {type: "
    "fixed, amount: 200000 VND, payment: {method: automatic, forms: [bill_credit], within: "
    "30 days}}}\n")


def compact_policy(count: int) -> str:
    """The tests' smallest policy with ``count`` one-line worst cases and no staff part."""
    text = (REPO / "tests" / "data" / "minimal" / "policies" / "minimal.yaml").read_text(
        encoding="utf-8")
    start = text.index("worst_cases:\n") + len("worst_cases:\n")
    end = text.index("channels:\n")
    text = text[:start] + "".join(_COMPACT_CASE % i for i in range(count)) + text[end:]
    return re.sub(r"^staff:.*", "", text, flags=re.S | re.M)


def measure(text: str) -> dict[str, float] | None:
    """CPU seconds of each stage for one policy ``text`` (None when check refuses it)."""
    import commitgen.render.documents as documents
    from commitgen.build import render_html
    from commitgen.checking import check_in_project
    from commitgen.project import load_project
    from commitgen.runtime import Runtime

    spent = {"engine": 0.0}
    compensation = documents.case_compensation

    def timed(*args: object, **kwargs: object) -> object:
        start = time.process_time()
        try:
            return compensation(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            spent["engine"] += time.process_time() - start

    documents.case_compensation = timed  # type: ignore[assignment]
    try:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            (root / "policies").mkdir()
            (root / "policies" / "large.yaml").write_text(text, encoding="utf-8")
            project, _ = load_project(root)
            assert project is not None
            today = dt.date(2026, 6, 1)
            start = time.process_time()
            result = check_in_project(project, relative_to=root, today=today)
            spent["check"] = time.process_time() - start
            if result.has_errors:
                return None
            (root / "stage").mkdir()
            start = time.process_time()
            render_html(project, Runtime(cwd=root, today=today), result, root / "stage")
            spent["html"] = time.process_time() - start
    finally:
        documents.case_compensation = compensation
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="50,100,200,570")
    parser.add_argument("--compact", default="1000,4500")
    args = parser.parse_args()
    runs = [("SaaS copies", n, largest_policy) for n in map(int, args.sizes.split(","))]
    runs += [("one-line cases", n, compact_policy) for n in map(int, args.compact.split(","))]
    print(f"{'policy':16} {'cases':>6} {'KiB':>6} {'check s':>8} {'engine s':>9} "
          f"{'HTML s':>7} {'engine ms/case':>15}")
    for name, count, make in runs:
        text = make(count)
        spent = measure(text)
        size = len(text.encode("utf-8")) / 1024
        if spent is None:
            print(f"{name:16} {count:>6} {size:>6.0f}   refused by check (a file-size limit)")
            continue
        print(f"{name:16} {count:>6} {size:>6.0f} {spent['check']:>8.2f} "
              f"{spent['engine']:>9.2f} {spent['html']:>7.2f} "
              f"{1000 * spent['engine'] / count:>15.2f}")


if __name__ == "__main__":
    main()
