"""Golden HTML: the public charter of the minimal policy, body only (the inline CSS is
left out so the file stays readable). Regenerate after a deliberate theme change with
``COMMITGEN_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py`` and review the diff."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.conftest import DATA, RunCli

GOLDEN = DATA / "golden"


def _body(html: str) -> str:
    match = re.search(r"<body.*</body>", html, flags=re.S)
    assert match, "the page has a body"
    return match.group(0) + "\n"


@pytest.mark.pdf
@pytest.mark.parametrize("page", ["public/minimal/en/index.html",
                                  "public/minimal/vi/index.html"])
def test_charter_html_matches_golden(page: str, minimal_project: Path, run_cli: RunCli) -> None:
    assert run_cli("build", "-j", "1", cwd=minimal_project).exit_code == 0
    body = _body((minimal_project / "output" / page).read_text(encoding="utf-8"))
    golden = GOLDEN / page.replace("/", "_")
    if os.environ.get("COMMITGEN_UPDATE_GOLDEN"):
        golden.write_text(body, encoding="utf-8")
    assert body == golden.read_text(encoding="utf-8")
