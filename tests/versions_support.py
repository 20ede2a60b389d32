"""Helpers for the version tests: a policy edited by text replacement, a project with
releases made on a given day (dates relative to the fixture, never to today)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from commitgen.loading.sources import load_policy
from commitgen.model.policy import Policy
from tests.conftest import MINIMAL, RunCli

BASE_TEXT = MINIMAL.read_text(encoding="utf-8")
#: the fixture's effective date and notice period
EFFECTIVE = dt.date(2026, 1, 1)
NOTICE_DAYS = 30


def edited(*replacements: tuple[str, str], text: str = BASE_TEXT) -> str:
    for old, new in replacements:
        assert old in text, f"{old!r} is not in the fixture"
        text = text.replace(old, new, 1)
    return text


def policy_of(text: str, tmp_path: Path, name: str = "p.yaml") -> Policy:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    loaded, problems = load_policy(path, name)
    assert loaded is not None, problems
    return loaded.policy


def new_version(version: str, effective: dt.date, *replacements: tuple[str, str]) -> str:
    return edited(('version: "1.0"', f'version: "{version}"'),
                  ("effective: 2026-01-01", f"effective: {effective.isoformat()}"),
                  *replacements)


def release_on(run_cli: RunCli, project: Path, day: dt.date,
               monkeypatch: pytest.MonkeyPatch) -> None:
    """Record the current policies as released on ``day``: the snapshot without its
    documents (the fast tier renders no PDF; tests/test_versions_publish.py makes whole
    releases through the command)."""
    from commitgen.project import load_project
    from commitgen.runtime import Runtime
    from commitgen.versions.release import release

    loaded, problems = load_project(project)
    assert loaded is not None, problems
    release(loaded, Runtime.from_environment({"COMMITGEN_TODAY": day.isoformat()}, cwd=project))
