"""``init``, ``schema`` and template overrides, as a user meets them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from commitgen.schema import schema_text
from tests.conftest import REPO, RunCli


def test_checked_in_schema_matches_the_model() -> None:
    committed = (REPO / "commitgen.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run: commitgen schema -o commitgen.schema.json"


def test_schema_command_prints_json_schema(run_cli: RunCli) -> None:
    result = run_cli("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"].endswith("2020-12/schema")
    assert "worst_cases" in schema["required"]
    assert schema["additionalProperties"] is False


@pytest.mark.pdf
def test_init_creates_a_project_that_builds(tmp_path: Path, run_cli: RunCli) -> None:
    result = run_cli("init", "newproj", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    project = tmp_path / "newproj"
    for name in ("commitgen.yaml", "policies/my-service.yaml", "templates/README.md",
                 "commitgen.schema.json", "commitgen-config.schema.json", ".gitignore"):
        assert (project / name).is_file(), name
    assert "$schema=../commitgen.schema.json" in (project / "policies/my-service.yaml").read_text()
    assert "$schema=commitgen-config.schema.json" in (project / "commitgen.yaml").read_text()
    result = run_cli("build", "-j", "1", cwd=project)
    assert result.exit_code == 0, result.output
    assert (project / "output/public/my-service/vi/my-service-vi.pdf").is_file()
    assert run_cli("check", cwd=project).exit_code == 0


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path, run_cli: RunCli) -> None:
    project = tmp_path / "existing"
    (project / "policies").mkdir(parents=True)
    (project / "policies" / "ours.yaml").write_text("id: ours\n")
    result = run_cli("init", str(project))
    assert result.exit_code == 2
    assert "is not empty" in result.stderr and "--force" in result.stderr
    assert sorted(p.name for p in project.rglob("*")) == ["ours.yaml", "policies"]


def test_init_accepts_an_empty_folder(tmp_path: Path, run_cli: RunCli) -> None:
    (tmp_path / "empty").mkdir()
    assert run_cli("init", "empty", cwd=tmp_path).exit_code == 0
    assert (tmp_path / "empty" / "policies" / "my-service.yaml").is_file()


def test_init_with_force_never_overwrites(tmp_path: Path, run_cli: RunCli) -> None:
    project = tmp_path / "p"
    (project / "policies").mkdir(parents=True)
    (project / "policies" / "my-service.yaml").write_text("mine")
    result = run_cli("init", "--force", str(project))
    assert result.exit_code == 0
    assert (project / "policies" / "my-service.yaml").read_text() == "mine"
    assert "kept" in result.stdout


@pytest.mark.pdf
def test_override_extends_builtin_and_replaces_one_block(minimal_project: Path,
                                                         run_cli: RunCli) -> None:
    templates = minimal_project / "templates"
    templates.mkdir()
    (templates / "charter.html.j2").write_text(
        '{% extends "theme/charter.html.j2" %}'
        "{% block title %}OVERRIDDEN {{ super() }}{% endblock %}")
    assert run_cli("build", "-j", "1", cwd=minimal_project).exit_code == 0
    html = (minimal_project / "output/public/minimal/en/index.html").read_text()
    assert "<title>OVERRIDDEN " in html
    assert "Test service" in html  # the rest of the built-in template is still there


@pytest.mark.pdf
def test_branding_comes_from_commitgen_yaml(minimal_project: Path, run_cli: RunCli) -> None:
    (minimal_project / "assets").mkdir()
    (minimal_project / "assets" / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    (minimal_project / "commitgen.yaml").write_text(
        'organisation: {name: Brand Co}\nbranding:\n  logo: assets/logo.svg\n'
        '  primary_colour: "#123456"\n')
    result = run_cli("build", "-j", "1", cwd=minimal_project)
    assert result.exit_code == 0, result.output
    html = (minimal_project / "output/public/minimal/en/index.html").read_text()
    assert "#123456" in html
    assert "assets/logo.svg" in html
    assert (minimal_project / "output/public/assets/logo.svg").is_file()


@pytest.mark.pdf
def test_bad_config_is_located(minimal_project: Path, run_cli: RunCli) -> None:
    (minimal_project / "commitgen.yaml").write_text("branding:\n  primary_colour: #123456\n")
    result = run_cli("build", cwd=minimal_project)
    assert result.exit_code == 1
    assert "commitgen.yaml:2:18: branding.primary_colour:" in result.stderr
    assert "quote it" in result.stderr
