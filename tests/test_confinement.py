"""Nothing outside the project is read through a symlink a contributor adds: a policy
file, commitgen.yaml or a release linking out is refused by name, and no output of any
format quotes the foreign file's text or says where it is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from commitgen.report import FORMATS
from tests.conftest import MINIMAL, RunCli, tree_bytes

SECRET = "AWS_SECRET=hunter2-do-not-print"
#: a foreign YAML file with a syntax error after a value: a follower would quote it
FOREIGN_YAML = f"id: x\ntitle: {SECRET}\nworst_cases: [1\n"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """Secrets next to the project, where a CI checkout keeps its credentials."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "credentials").write_text(SECRET + "\n")
    (folder / "secret.yaml").write_text(FOREIGN_YAML)
    return folder


def _leaky_project(minimal_project: Path, outside: Path) -> Path:
    policies = minimal_project / "policies"
    (policies / "leak.yaml").symlink_to(outside / "credentials")
    (policies / "leak2.yaml").symlink_to(outside / "secret.yaml")
    return minimal_project


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_policy_file_linking_outside_is_not_read(fmt: str, minimal_project: Path,
                                                   outside: Path, run_cli: RunCli) -> None:
    result = run_cli("check", "--format", fmt, cwd=_leaky_project(minimal_project, outside))
    assert result.exit_code == 1
    for text in (result.stdout, result.stderr):
        assert "hunter2" not in text and "AWS_SECRET" not in text
        assert str(outside) not in text  # nor where the link leads
        assert "credentials" not in text and "secret.yaml" not in text
    if fmt == "text":
        for name in ("policies/leak.yaml", "policies/leak2.yaml"):
            assert (f"{name}: the file leads outside the project (through a symlink): "
                    "not read [CG040]") in result.stdout
    elif fmt == "json":
        refused = [d for d in json.loads(result.stdout) if d["code"] == "CG040"]
        assert sorted(d["file"] for d in refused) == ["policies/leak.yaml",
                                                       "policies/leak2.yaml"]


def test_a_named_link_is_refused_too_and_the_build_keeps_the_previous_output(
        minimal_project: Path, outside: Path, run_cli: RunCli) -> None:
    project = _leaky_project(minimal_project, outside)
    (project / "output").mkdir()
    before = tree_bytes(project / "output")
    named = run_cli("check", "policies/leak2.yaml", cwd=project)
    assert named.exit_code == 1 and "leads outside the project" in named.stdout
    built = run_cli("build", cwd=project)
    assert built.exit_code == 1
    assert "hunter2" not in built.output and "policies/leak.yaml" in built.output
    assert tree_bytes(project / "output") == before


def test_a_link_inside_the_project_is_followed(minimal_project: Path,
                                               run_cli: RunCli) -> None:
    shared = minimal_project / "shared"
    shared.mkdir()
    (minimal_project / "policies" / "minimal.yaml").rename(shared / "minimal.yaml")
    (minimal_project / "policies" / "minimal.yaml").symlink_to(shared / "minimal.yaml")
    result = run_cli("check", cwd=minimal_project)
    assert result.exit_code == 0, result.output


def test_a_file_the_user_names_outside_the_project_is_read(minimal_project: Path,
                                                           tmp_path: Path,
                                                           run_cli: RunCli) -> None:
    """The command line is the user's: a file named there is read where it is."""
    elsewhere = tmp_path / "elsewhere.yaml"
    elsewhere.write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("check", str(elsewhere), cwd=minimal_project)
    assert result.exit_code == 0, result.output


def test_settings_linking_outside_are_not_read(minimal_project: Path, outside: Path,
                                               run_cli: RunCli) -> None:
    (minimal_project / "commitgen.yaml").symlink_to(outside / "secret.yaml")
    result = run_cli("check", cwd=minimal_project)
    assert result.exit_code == 1
    assert "commitgen.yaml: the file leads outside the project" in result.output
    assert "hunter2" not in result.output


def test_a_release_listing_files_outside_its_folder_is_refused(
        minimal_project: Path, outside: Path, run_cli: RunCli) -> None:
    release = minimal_project / "releases" / "minimal" / "v1"
    release.mkdir(parents=True)
    (release / "policy.yaml").symlink_to(outside / "secret.yaml")
    (release / "release.json").write_text(json.dumps({
        "format": 1, "charter": "minimal", "version": "1", "effective": "2025-01-01",
        "published": "2025-01-01", "fingerprint": "x", "generator": "commitgen",
        "files": {"policy.yaml": "0" * 64, "public/../../../../outside/credentials": "0"}}))
    result = run_cli("check", cwd=minimal_project)
    assert result.exit_code == 1
    assert "the release lists files outside its folder" in result.output
    assert "hunter2" not in result.output
