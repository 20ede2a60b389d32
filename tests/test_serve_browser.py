"""The preview in a real browser (headless Chromium): a save reloads the open page by
itself, a broken save shows its problems over the last good page, a fix takes them away;
the problems panel fits a phone's width."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from commitgen.preview.session import Preview
from commitgen.runtime import Runtime
from tests.browser import Browser, chromium
from tests.conftest import MINIMAL, make_project


@pytest.fixture
def browser() -> Iterator[Browser]:
    executable = chromium()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed: .ci/run installs the Debian package")
        pytest.skip("needs Chromium (Debian package chromium)")
    with Browser(executable, width=1280, height=900) as opened:
        yield opened


@pytest.fixture
def watched(tmp_path: Path) -> Iterator[tuple[Preview, Path]]:
    project = make_project(tmp_path / "project", [MINIMAL])
    with Preview(project, Runtime.from_environment(cwd=project), port=0) as preview:
        preview.builder.rebuild()
        thread = threading.Thread(target=preview.watch, args=(lambda paths, state: None,),
                                  daemon=True)
        thread.start()
        time.sleep(1.0)  # the watcher is set up
        yield preview, project
        preview.stop.set()
        thread.join(timeout=10)


def _save(project: Path, old: str, new: str) -> None:
    policy = project / "policies" / "minimal.yaml"
    text = policy.read_text(encoding="utf-8")
    assert old in text
    policy.write_text(text.replace(old, new), encoding="utf-8")


PANEL = "document.getElementById('commitgen-problems')"


def test_the_open_page_follows_every_save(browser: Browser,
                                         watched: tuple[Preview, Path]) -> None:
    preview, project = watched
    browser.open(preview.url + "minimal/en/")
    assert browser.evaluate("document.querySelector('h1').textContent") == "Test service"
    assert browser.evaluate(PANEL) is None

    browser.forget_events()
    _save(project, "name: {vi: Dịch vụ thử nghiệm, en: Test service}",
          "name: {vi: Dịch vụ thử nghiệm, en: Better service}")
    browser.wait_for_event("Page.loadEventFired", timeout=60)
    assert browser.evaluate("document.querySelector('h1').textContent") == "Better service"

    browser.forget_events()
    _save(project, "resolve_within: 4 hours", "resolve_within: soon")
    browser.wait_for_event("Page.loadEventFired", timeout=60)
    assert browser.evaluate("document.querySelector('h1').textContent") == "Better service"
    panel = browser.evaluate(f"{PANEL}.innerText")
    assert "1 error in your last save" in panel
    assert "policies/minimal.yaml:23:21" in panel
    assert "hint: see docs/format.md#duration" in panel
    visible = browser.evaluate(f"(() => {{ const r = {PANEL}.getBoundingClientRect(); "
                               "return r.height > 50 && r.bottom <= innerHeight + 1; })()")
    assert visible  # on screen, over the page

    browser.resize(390, 844)
    assert browser.evaluate(f"{PANEL}.scrollWidth <= {PANEL}.clientWidth")  # no sideways

    browser.forget_events()
    _save(project, "resolve_within: soon", "resolve_within: 4 hours")
    browser.wait_for_event("Page.loadEventFired", timeout=60)
    assert browser.evaluate(PANEL) is None
