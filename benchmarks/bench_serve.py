"""How fast ``commitgen serve`` shows a save: from writing a policy file to the open page
in headless Chromium having reloaded with the new text.

    python benchmarks/bench_serve.py [--policy FILE] [--saves N]

A small charter (tests' minimal policy, two languages) is previewed; each save changes
its service name, and the time runs from the write to the browser's load event of the
reloaded page (the watcher's debounce, the rebuild, the reload and the page's rendering
all included). The preview's own rebuild time is printed beside it, and both as ratios of
a full ``commitgen build`` of the same project (HTML and PDFs, no cache), measured in the
same run. The goal is a refresh of at most one second.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def full_build(root: Path) -> float:
    from commitgen.build import build
    from commitgen.project import load_project
    from commitgen.render.pdf_cache import CACHE_DIR
    from commitgen.runtime import Runtime

    shutil.rmtree(root / CACHE_DIR, ignore_errors=True)
    project, problems = load_project(root)
    assert project is not None, problems
    start = time.perf_counter()
    build(project, Runtime.from_environment(cwd=root))
    took = time.perf_counter() - start
    shutil.rmtree(root / "output", ignore_errors=True)
    shutil.rmtree(root / CACHE_DIR, ignore_errors=True)
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--policy", type=Path,
                        default=REPO / "tests" / "data" / "minimal" / "policies" / "minimal.yaml")
    parser.add_argument("--saves", type=int, default=10)
    args = parser.parse_args()
    from commitgen.preview.session import Preview
    from commitgen.runtime import Runtime
    from tests.browser import Browser, chromium

    executable = chromium()
    if executable is None:
        sys.exit("needs Chromium (Debian package chromium)")
    with tempfile.TemporaryDirectory(prefix="commitgen-bench-serve-") as tmp:
        root = Path(tmp) / "project"
        (root / "policies").mkdir(parents=True)
        policy = root / "policies" / args.policy.name
        shutil.copy(args.policy, policy)
        build_seconds = full_build(root)
        text = policy.read_text(encoding="utf-8")
        marker = "en: Test service}"
        assert marker in text, "the policy needs the minimal policy's service name"
        refresh, rebuild = [], []
        with Preview(root, Runtime.from_environment(cwd=root), port=0) as preview:
            preview.builder.rebuild()
            states = []
            watcher = threading.Thread(target=preview.watch,
                                       args=(lambda paths, state: states.append(state),),
                                       daemon=True)
            watcher.start()
            time.sleep(1.0)
            with Browser(executable) as browser:
                browser.open(preview.url + "minimal/en/")
                for number in range(args.saves):
                    name = f"Service {number}"
                    browser.forget_events()
                    start = time.perf_counter()
                    policy.write_text(text.replace(marker, f"en: {name}}}"), encoding="utf-8")
                    while True:
                        browser.wait_for_event("Page.loadEventFired", timeout=60)
                        if browser.evaluate("document.querySelector('h1').textContent") == name:
                            break
                    refresh.append(time.perf_counter() - start)
                    rebuild.append(states[-1].seconds)
                    time.sleep(0.3)
            preview.stop.set()
            watcher.join(timeout=10)
    median = statistics.median(refresh)
    print(f"{args.policy.name}: {args.saves} saves, Chromium {executable}")
    print(f"  save → page reloaded : median {median:.2f} s, max {max(refresh):.2f} s"
          f"  ({'within' if median <= 1.0 else 'OVER'} the 1 s goal)")
    print(f"  preview rebuild      : median {statistics.median(rebuild):.2f} s")
    print(f"  full build (PDFs)    : {build_seconds:.2f} s")
    print("ratios")
    print(f"  refresh / full build : {median / build_seconds:.2f}")
    print(f"  rebuild / full build : {statistics.median(rebuild) / build_seconds:.2f}")


if __name__ == "__main__":
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    main()
