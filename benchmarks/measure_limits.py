"""Measure what real documents need, against the resource limits of a build.

    python benchmarks/measure_limits.py [--largest N]

Builds the bundled examples (and, with ``--largest N``, one policy with N worst cases,
the size the default ``limits`` allow), then renders every PDF again in a fresh process
of its own, as a PDF worker would, and prints per document: the seconds its HTML took
to render, the HTML's size, the seconds its PDF took, the worker's peak resident memory
(VmHWM) and peak address space (VmPeak, what ``RLIMIT_AS`` limits) — each also as a
share of the limit that applies to it. Absolute seconds depend on the machine and its
load; the shares are what to read.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

#: rendered in a fresh interpreter: one document, then its peak memory and time
_ONE_PDF = """
import json, sys, time
from weasyprint import HTML
start = time.perf_counter()
HTML(filename=sys.argv[1]).write_pdf(sys.argv[2], pdf_tags=True)
seconds = time.perf_counter() - start
status = dict(line.split(":", 1) for line in open("/proc/self/status") if ":" in line)
print(json.dumps({"seconds": seconds,
                  "rss_mb": int(status["VmHWM"].split()[0]) / 1024,
                  "vm_mb": int(status["VmPeak"].split()[0]) / 1024}))
"""


def largest_policy(count: int) -> str:
    """The SaaS example with ``count`` worst cases (copies of its first, renamed)."""
    text = (REPO / "policies" / "saas-support.yaml").read_text(encoding="utf-8")
    text = re.sub(r"^id: .*$", "id: largest", text, count=1, flags=re.M)
    start = text.index("worst_cases:\n") + len("worst_cases:\n")
    end = text.index("\n  - id:", start + 1)
    first = text[start:end + 1]
    case_id = re.search(r"- id: (\S+)", first)
    assert case_id is not None
    copies = "".join(first.replace(f"- id: {case_id[1]}", f"- id: case-{i:03d}", 1)
                     for i in range(count - 1))
    return text[:start] + copies + text[start:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--largest", type=int, default=0,
                        help="also measure a policy with this many worst cases")
    args = parser.parse_args()

    from commitgen.build import check_for_build, render_html, write_plan
    from commitgen.model.limits import Limits
    from commitgen.project import load_project
    from commitgen.render.fonts import fontconfig_file
    from commitgen.runtime import Runtime

    limits = Limits()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "project"
        (root / "policies").mkdir(parents=True)
        for policy in sorted((REPO / "policies").glob("*.yaml")):
            (root / "policies" / policy.name).write_bytes(policy.read_bytes())
        if args.largest:
            (root / "policies" / "largest.yaml").write_text(largest_policy(args.largest),
                                                             encoding="utf-8")
        project, problems = load_project(root)
        assert project is not None, problems
        runtime = Runtime.from_environment(cwd=root)
        start = time.perf_counter()
        result = check_for_build(project)
        check_seconds = time.perf_counter() - start
        stage = root / "stage"
        stage.mkdir()
        start = time.perf_counter()
        plan = render_html(project, runtime, result, stage)
        html_seconds = time.perf_counter() - start
        write_plan(stage, plan)
        env = {"FONTCONFIG_FILE": str(fontconfig_file(runtime.font_dir)), "PATH": ""}
        print(f"check: {check_seconds:.2f} s for {len(result.policies)} policies; "
              f"HTML: {html_seconds:.2f} s for {len(plan.pdfs)} documents")
        print(f"{'document':<34} {'HTML KB':>8} {'PDF s':>6} {'/limit':>7} "
              f"{'RSS MB':>7} {'VM MB':>7} {'/limit':>7}")
        for job in sorted(plan.pdfs, key=lambda j: j.label):
            html = Path(job.base_url.removeprefix("file://"))
            out = subprocess.run([sys.executable, "-c", _ONE_PDF, str(html), str(job.target)],
                                 capture_output=True, text=True, check=True, env=env)
            measured = json.loads(out.stdout)
            print(f"{job.label:<34} {len(job.html.encode()) / 1024:>8.0f} "
                  f"{measured['seconds']:>6.1f} "
                  f"{measured['seconds'] / limits.pdf_seconds:>7.1%} "
                  f"{measured['rss_mb']:>7.0f} {measured['vm_mb']:>7.0f} "
                  f"{measured['vm_mb'] / limits.pdf_memory_mb:>7.1%}")


if __name__ == "__main__":
    main()
