"""The web pages pass axe-core in headless Chromium (1280 px and 390 px wide) and the
Nu HTML Checker, with nothing to report.

The checkers come from npm (``tests/web/package.json``, installed by ``.ci/run`` with
``npm ci --prefix tests/web``), Chromium and Java from the system. Where they are
missing these tests are skipped with the reason — except when
``COMMITGEN_REQUIRE_WEB_CHECKS`` is set (CI sets it), where a missing checker fails.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.browser import Browser, chromium
from tests.conftest import REPO

TOOLS = REPO / "tests" / "web" / "node_modules"
AXE = TOOLS / "axe-core" / "axe.min.js"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
#: every WCAG 2.0–2.2 A and AA rule (2.2's target size included) and axe's best practices
AXE_RUN = """
;axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a",
  "wcag21aa", "wcag22aa", "best-practice"]}, resultTypes: ["violations"]})
 .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" "))})))
"""


def _need(*tools: tuple[str, object]) -> None:
    missing = [name for name, found in tools if not found]
    if not missing:
        return
    message = f"missing {', '.join(missing)}: run `npm ci --prefix tests/web` (see .ci/run)"
    if os.environ.get("COMMITGEN_REQUIRE_WEB_CHECKS"):
        pytest.fail(message)
    pytest.skip(message)


def _pages(output: Path) -> list[Path]:
    pages = sorted(output.rglob("*.html"))
    assert len(pages) >= 18
    return pages


@pytest.mark.pdf
def test_axe_finds_nothing_at_desktop_and_phone_width(built_examples: Path) -> None:
    executable = chromium()
    _need(("Chromium", executable), ("axe-core", AXE.is_file()))
    assert executable is not None
    script = AXE.read_text(encoding="utf-8") + AXE_RUN
    found: dict[str, Any] = {}
    with Browser(executable) as browser:
        for width, height in ((1280, 900), (390, 844)):
            browser.resize(width, height)
            for page in _pages(built_examples):
                browser.open(page.resolve().as_uri())
                reply = browser.call("Runtime.evaluate", {
                    "expression": script, "awaitPromise": True, "returnByValue": True},
                    session=True, timeout=120)
                assert "exceptionDetails" not in reply, reply
                if violations := reply["result"].get("value"):
                    found[f"{page.relative_to(built_examples)} @{width}px"] = violations
    assert found == {}


@pytest.mark.pdf
def test_the_nu_html_checker_finds_no_error(built_examples: Path) -> None:
    java = shutil.which("java")
    _need(("Java", java), ("the Nu HTML Checker (vnu.jar)", VNU.is_file()))
    assert java is not None
    run = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json",
         *(str(page) for page in _pages(built_examples))],
        capture_output=True, text=True, timeout=600, check=False)
    messages = json.loads(run.stderr or run.stdout)["messages"]
    errors = [f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
              for m in messages if m.get("type") == "error"]
    assert errors == []


@pytest.mark.pdf
def test_pdf_only_css_stays_out_of_web_pages(built_examples: Path) -> None:
    for page in _pages(built_examples):
        html = page.read_text(encoding="utf-8")
        for property_ in ("bookmark-level", "@top-left", "counter(pages)", "leader("):
            assert property_ not in html, (page, property_)
