"""Shared fixtures: the CLI through click's CliRunner, projects in temporary folders."""

from __future__ import annotations

import os
import shutil
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from commitgen.cli import main

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
EXAMPLES = REPO / "policies"
MINIMAL = DATA / "minimal" / "policies" / "minimal.yaml"

RunCli = Callable[..., Result]


@pytest.fixture(autouse=True)
def _pdf_marker_is_honest(request: pytest.FixtureRequest,
                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that renders PDFs must say so (``@pytest.mark.pdf``), so that the fast tier
    (``pytest -m "not pdf"``) really renders none: unmarked tests cannot start a renderer."""
    if request.node.get_closest_marker("pdf") is not None:
        return
    from commitgen.render.pdf import PdfRenderer

    def refuse(self: PdfRenderer) -> PdfRenderer:
        raise AssertionError("this test renders PDFs: mark it @pytest.mark.pdf")

    monkeypatch.setattr(PdfRenderer, "__enter__", refuse)


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> RunCli:
    """Run ``commitgen ARGS`` in ``cwd`` and return click's result."""

    def run(*args: str, cwd: Path | None = None) -> Result:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return run


def make_project(root: Path, policies: list[Path]) -> Path:
    (root / "policies").mkdir(parents=True, exist_ok=True)
    for policy in policies:
        shutil.copy(policy, root / "policies" / policy.name)
    return root


@pytest.fixture
def minimal_project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project", [MINIMAL])


@pytest.fixture(scope="session")
def built_examples(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The bundled examples built once for the whole session (read-only for tests)."""
    root = make_project(tmp_path_factory.mktemp("examples"), sorted(EXAMPLES.glob("*.yaml")))
    previous = Path.cwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(main, ["build", "-q"], catch_exceptions=False)
    finally:
        os.chdir(previous)
    assert result.exit_code == 0, result.output
    yield root / "output"


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path, for byte-for-byte comparison."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def as_in_a_terminal() -> None:
    """For ``subprocess.Popen(preexec_fn=…)``: the child gets Ctrl-C as a command in a
    terminal's foreground does. A background job of a non-interactive shell (as some CI
    runners start the tests) inherits SIGINT ignored, and so would every child."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
