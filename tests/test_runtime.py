"""The environment is read in one place (commitgen.runtime) and never written; builds lock
their output folder portably."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from pathlib import Path

import pytest

from commitgen.diagnostics import BuildFailure
from commitgen.publish import locked
from commitgen.runtime import Runtime, RuntimeProblem
from tests.conftest import RunCli


def test_runtime_reads_the_variables_it_documents(tmp_path: Path) -> None:
    runtime = Runtime.from_environment(
        {"SOURCE_DATE_EPOCH": "1798761600", "COMMITGEN_FONT_DIR": str(tmp_path),
         "COMMITGEN_START_METHOD": "spawn"}, cwd=tmp_path)
    assert runtime.cwd == tmp_path.resolve()
    assert runtime.source_date == dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
    assert runtime.font_dir == tmp_path
    assert runtime.start_method == "spawn"


def test_runtime_defaults(tmp_path: Path) -> None:
    runtime = Runtime.from_environment({}, cwd=tmp_path)
    assert runtime.source_date is None and runtime.font_dir is None
    expected = ("forkserver" if "forkserver" in multiprocessing.get_all_start_methods()
                else "spawn")
    assert runtime.start_method == expected


@pytest.mark.parametrize(("variable", "value", "message"), [
    ("SOURCE_DATE_EPOCH", "yesterday", "SOURCE_DATE_EPOCH must be a number of seconds"),
    ("COMMITGEN_START_METHOD", "fork", "COMMITGEN_START_METHOD='fork' is not available"),
])
def test_a_bad_variable_is_a_usage_error(variable: str, value: str, message: str,
                                         minimal_project: Path, run_cli: RunCli,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(RuntimeProblem, match=message):
        Runtime.from_environment({variable: value})
    monkeypatch.setenv(variable, value)
    result = run_cli("build", "-q", cwd=minimal_project)
    assert result.exit_code == 2
    assert message in result.output
    assert not (minimal_project / "output").exists()


@pytest.mark.pdf
def test_a_build_leaves_the_environment_as_it_found_it(minimal_project: Path,
                                                       run_cli: RunCli) -> None:
    before = dict(os.environ)
    assert run_cli("build", "-q", "-j", "1", cwd=minimal_project).exit_code == 0
    assert dict(os.environ) == before


def test_one_build_at_a_time(tmp_path: Path) -> None:
    output = tmp_path / "output"
    with locked(output), pytest.raises(BuildFailure, match="another commitgen build is running"), \
            locked(output):
        pass
    with locked(output):  # released: the next build may run
        pass
