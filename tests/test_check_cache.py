"""``commitgen check`` replays the findings of unchanged policies, and only theirs."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from commitgen.checking import CheckResult, check_cache, check_in_project
from commitgen.incremental.inputs import Digests
from commitgen.project import load_project
from tests.conftest import DATA, RunCli

FIXTURES = ("inline-suppressed", "unused-suppression", "vague-wording", "notice-too-short",
            "base")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "policies").mkdir()
    for name in FIXTURES:
        shutil.copy(DATA / "rules" / f"{name}.yaml", tmp_path / "policies")
    (tmp_path / "commitgen.yaml").write_text(
        "rules:\n  policies:\n    base:\n"
        "      CG135: {severity: off, reason: agreed with the regulator in 2026}\n",
        encoding="utf-8")
    return tmp_path


def checked(root: Path, today: dt.date = dt.date(2027, 1, 1)) -> CheckResult:
    project, problems = load_project(root)
    assert project is not None, problems
    return check_in_project(project, relative_to=root, today=today,
                            cache=check_cache(project, Digests(), today))


def test_unchanged_policies_are_replayed_with_the_same_findings(root: Path) -> None:
    first = checked(root)
    assert first.replayed == 0 and first.diagnostics and first.suppressed
    again = checked(root)
    assert again.replayed == len(FIXTURES) and again.policies == []
    assert again.diagnostics == first.diagnostics
    assert [s.to_dict() for s in again.suppressed] == [s.to_dict() for s in first.suppressed]


def test_a_changed_policy_is_checked_again_alone(root: Path) -> None:
    checked(root)
    path = root / "policies" / "vague-wording.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: ", "id: x", 1),
                    encoding="utf-8")
    again = checked(root)
    assert again.replayed == len(FIXTURES) - 1
    assert [loaded.source.path.name for loaded in again.policies] == ["vague-wording.yaml"]


def test_the_configuration_checks_every_policy_again(root: Path) -> None:
    before = checked(root)
    (root / "commitgen.yaml").write_text("rules:\n  disable: [CG101]\n", encoding="utf-8")
    again = checked(root)
    assert again.replayed == 0
    assert {d.code for d in before.diagnostics} - {d.code for d in again.diagnostics} >= {
        "CG101"}


def test_a_new_catalogue_checks_every_policy_again(root: Path) -> None:
    checked(root)
    target = root / "templates" / "locale" / "vi" / "LC_MESSAGES" / "messages.po"
    target.parent.mkdir(parents=True)
    target.write_text('msgid "Service charter"\nmsgstr "Cam kết"\n', encoding="utf-8")
    assert checked(root).replayed == 0


def test_the_command_prints_the_same_both_times(root: Path, run_cli: RunCli) -> None:
    outputs = [run_cli("check", "--format", fmt, cwd=root) for fmt in ("sarif", "text")]
    again = [run_cli("check", "--format", fmt, cwd=root) for fmt in ("sarif", "text")]
    assert [(r.exit_code, r.output) for r in again] == [(r.exit_code, r.output) for r in outputs]
    # shown relative to where the command runs, replayed or not
    inside = run_cli("check", "-C", "..", cwd=root / "policies")
    assert "vague-wording.yaml:" in inside.output and "policies/vague" not in inside.output


@pytest.mark.pdf  # a release renders its archived PDFs
def test_the_date_counts_once_there_are_releases(tmp_path: Path, run_cli: RunCli) -> None:
    (tmp_path / "policies").mkdir()
    shutil.copy(DATA / "rules" / "base.yaml", tmp_path / "policies")
    checked(tmp_path)
    assert checked(tmp_path, dt.date(2027, 1, 2)).replayed == 1  # no release: no notice rule
    assert run_cli("release", "-q", cwd=tmp_path).exit_code == 0
    assert checked(tmp_path).replayed == 0  # a new release
    assert checked(tmp_path).replayed == 1
    assert checked(tmp_path, dt.date(2027, 1, 2)).replayed == 0  # the notice counts from today
