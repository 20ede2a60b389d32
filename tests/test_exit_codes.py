"""Every documented exit code, produced the way a user meets it."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from commitgen.exitcodes import ExitCode
from tests.conftest import MINIMAL, REPO, RunCli

#: a commitgen whose check hangs (so that a real signal can reach it mid-command)
_HANGING_CHECK = """
import signal, sys, time
# Ctrl-C reaches a command in a terminal's foreground; a background job of a
# non-interactive shell (as some CI runners start the tests) inherits SIGINT ignored
signal.signal(signal.SIGINT, signal.default_int_handler)
import commitgen.checking
def slow(*args, **kwargs):
    print("checking", flush=True)
    time.sleep(60)
commitgen.checking.check_in_project = slow
from commitgen.cli import main
sys.argv = ["commitgen", "check"]
main()
"""


def test_readme_documents_exactly_these_codes() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("**Exit codes**"):]
    section = section[:section.index("\n\n")]
    assert {int(code) for code in re.findall(r"`(\d+)`", section)} == {int(c) for c in ExitCode}


def test_ok_is_0(run_cli: RunCli) -> None:
    assert run_cli("check", str(MINIMAL)).exit_code == ExitCode.OK == 0


def test_problems_are_1(tmp_path: Path, run_cli: RunCli) -> None:
    (tmp_path / "bad.yaml").write_text("id: Bad\n")
    assert run_cli("check", "bad.yaml", cwd=tmp_path).exit_code == ExitCode.PROBLEMS == 1


def test_usage_is_2(run_cli: RunCli) -> None:
    assert run_cli("check", "--format", "xml").exit_code == ExitCode.USAGE == 2


def test_schema_to_a_missing_folder_is_a_clean_failure_3(tmp_path: Path,
                                                          run_cli: RunCli) -> None:
    target = tmp_path / "nonexistent" / "x.json"
    result = run_cli("schema", "-o", str(target))
    assert result.exit_code == ExitCode.FAILURE == 3
    assert "Traceback" not in result.output
    assert f"error: cannot write {target}: No such file or directory" in result.stderr


def _break_check(monkeypatch: pytest.MonkeyPatch, exc: BaseException) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise exc

    monkeypatch.setattr("commitgen.checking.check_in_project", broken)


def test_an_unexpected_exception_is_an_internal_error_4(
        minimal_project: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    _break_check(monkeypatch, ZeroDivisionError("boom \x1b[2J"))
    result = run_cli("check", cwd=minimal_project)
    assert result.exit_code == ExitCode.INTERNAL == 4
    assert "internal error: ZeroDivisionError: boom \\x1b[2J" in result.stderr
    assert "please report it" in result.stderr
    assert "--debug" in result.stderr
    assert "Traceback" not in result.output and "\x1b" not in result.output


def test_debug_prints_the_traceback_of_an_internal_error(
        minimal_project: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    _break_check(monkeypatch, ZeroDivisionError("boom"))
    result = run_cli("--debug", "check", cwd=minimal_project)
    assert result.exit_code == ExitCode.INTERNAL
    assert "Traceback (most recent call last)" in result.stderr
    assert "in broken" in result.stderr
    assert "the traceback is above" in result.stderr


def test_ctrl_c_is_130(minimal_project: Path, run_cli: RunCli,
                       monkeypatch: pytest.MonkeyPatch) -> None:
    _break_check(monkeypatch, KeyboardInterrupt())
    result = run_cli("check", cwd=minimal_project)
    assert result.exit_code == ExitCode.INTERRUPTED == 130
    assert "interrupted" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize(("sent", "code"), [(signal.SIGINT, ExitCode.INTERRUPTED),
                                           (signal.SIGTERM, ExitCode.TERMINATED)])
def test_a_real_signal_gives_its_code(sent: signal.Signals, code: ExitCode,
                                      minimal_project: Path) -> None:
    process = subprocess.Popen([sys.executable, "-c", _HANGING_CHECK], cwd=minimal_project,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONPATH": str(REPO)})
    assert process.stdout is not None
    assert process.stdout.readline() == "checking\n"
    started = time.monotonic()
    process.send_signal(sent)
    _, stderr = process.communicate(timeout=30)
    assert time.monotonic() - started < 10
    assert process.returncode == code
    assert "Traceback" not in stderr
    assert ("terminated (SIGTERM)" if sent == signal.SIGTERM else "interrupted") in stderr


def test_help_lists_every_code(run_cli: RunCli) -> None:
    text = " ".join(run_cli("--help").stdout.split())
    for code in ExitCode:
        assert f"{int(code)} " in text


def test_a_crash_outside_any_template_is_internal_not_a_build_failure(
        minimal_project: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise OverflowError("date value out of range")

    monkeypatch.setattr("commitgen.render.documents.DocumentRenderer.policy", broken)
    result = run_cli("build", cwd=minimal_project)
    assert result.exit_code == ExitCode.INTERNAL
    assert "internal error: OverflowError: date value out of range" in result.stderr
    assert not (minimal_project / "output").exists()
    assert not list(minimal_project.glob(".commitgen-staging-*"))
