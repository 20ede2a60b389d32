"""Each class of bad input gives the right file:line:col, field path and message.

The cases are files in tests/data/diagnostics/: ``NAME.yaml`` (or a folder
``NAME/``) and ``NAME.expected``, exactly what ``commitgen check NAME.yaml`` prints.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import DATA, MINIMAL, RunCli

CASES = DATA / "diagnostics"
NAMES = sorted(p.stem for p in CASES.glob("*.expected"))


def _target(name: str) -> str:
    return name if (CASES / name).is_dir() else f"{name}.yaml"


def test_every_fixture_has_an_expectation() -> None:
    inputs = {p.stem for p in CASES.glob("*.yaml")} | {p.name for p in CASES.iterdir()
                                                        if p.is_dir()}
    assert inputs == set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_check_reports_located_diagnostics(name: str, run_cli: RunCli) -> None:
    result = run_cli("check", _target(name), cwd=CASES)
    assert result.exit_code == 1
    expected = (CASES / f"{name}.expected").read_text(encoding="utf-8")
    assert result.stdout == expected  # the results; the summary goes to standard error
    assert re.match(r"\d+ files? checked: ", result.stderr)


def test_all_errors_are_reported_not_just_the_first(run_cli: RunCli) -> None:
    result = run_cli("check", "vague-duration.yaml", "unknown-currency.yaml",
                     "duplicate-key.yaml", cwd=CASES)
    assert result.exit_code == 1
    assert "2 files" not in result.stderr
    # the two readable policies share an id: that is reported too (CG030)
    assert result.stdout.count("[CG0") - result.stdout.count("[CG090]") == 5
    assert "[CG030]" in result.stdout
    assert "3 files checked: 5 errors, 0 warnings, 3 notes" in result.stderr


def test_json_format_is_machine_readable(run_cli: RunCli) -> None:
    result = run_cli("check", "--format", "json", "wrong-type.yaml", cwd=CASES)
    assert result.exit_code == 1
    [note, problem] = json.loads(result.stdout)
    assert (note["code"], note["severity"]) == ("CG090", "note")
    assert "not checked" in note["message"]
    assert problem["file"] == "wrong-type.yaml"
    assert (problem["line"], problem["column"]) == (26, 15)
    assert problem["field"] == "worst_cases[0].compensation.amount"
    assert problem["severity"] == "error"
    assert '"free"' in problem["message"]


def test_github_format_annotates_file_and_line(run_cli: RunCli) -> None:
    result = run_cli("check", "--format", "github", "unknown-field.yaml", cwd=CASES)
    assert result.exit_code == 1
    note, line = result.stdout.strip().splitlines()
    assert note.startswith("::notice file=unknown-field.yaml,line=18,col=5,title=CG090")
    assert line.startswith("::error file=unknown-field.yaml,line=23,col=5,")
    assert 'did you mean "resolve_within"?' in line


def test_clean_policy_exits_zero(run_cli: RunCli) -> None:
    result = run_cli("check", str(MINIMAL))
    assert result.exit_code == 0, result.output
    assert "no problems" in result.stderr


def test_no_traceback_for_binary_garbage(tmp_path: Path, run_cli: RunCli) -> None:
    (tmp_path / "junk.yaml").write_bytes(bytes(range(256)))
    result = run_cli("check", "junk.yaml", cwd=tmp_path)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "junk.yaml:2:118: the file is not valid UTF-8 (byte 0x80)" in result.stdout


@pytest.mark.pdf
def test_usage_error_exits_two(run_cli: RunCli) -> None:
    assert run_cli("check", "--format", "xml").exit_code == 2
    assert run_cli("build", "--no-such-option").exit_code == 2
