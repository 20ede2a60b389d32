"""Misconfiguration and hostile input cannot destroy files, read outside the project
or publish anything that is not meant to be public."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import RunCli, tree_bytes


def _config(project: Path, text: str) -> None:
    (project / "commitgen.yaml").write_text(text, encoding="utf-8")


@pytest.mark.pdf
@pytest.mark.parametrize(("setting", "message"), [
    ("output: .", "output cannot be the project folder itself"),
    ("output: policies", "overlaps policies/"),
    ("output: policies/built", "overlaps policies/"),
    ("assets: .", "assets cannot be the project folder itself"),
])
def test_output_and_folders_cannot_overlap_the_project(
        setting: str, message: str, minimal_project: Path, run_cli: RunCli) -> None:
    _config(minimal_project, setting + "\n")
    before = tree_bytes(minimal_project)
    result = run_cli("build", "-j", "1", cwd=minimal_project)
    assert result.exit_code == 1
    assert "commitgen.yaml:1:" in result.stderr and message in result.stderr
    assert tree_bytes(minimal_project) == before


@pytest.mark.pdf
def test_output_symlink_leading_outside_is_refused(tmp_path: Path, minimal_project: Path,
                                                   run_cli: RunCli) -> None:
    victim = tmp_path / "victim"
    (victim / "Documents").mkdir(parents=True)
    (victim / "Documents" / "thesis.txt").write_text("precious")
    (minimal_project / "home").symlink_to(victim)
    _config(minimal_project, "output: home/Documents\n")
    result = run_cli("build", "-j", "1", cwd=minimal_project)
    assert result.exit_code == 1
    assert "leads outside the project" in result.stderr
    assert (victim / "Documents" / "thesis.txt").read_text() == "precious"


@pytest.mark.pdf
def test_a_folder_commitgen_did_not_make_is_never_replaced(minimal_project: Path,
                                                           run_cli: RunCli) -> None:
    (minimal_project / "output").mkdir()
    (minimal_project / "output" / "notes.txt").write_text("mine")
    result = run_cli("build", "-j", "1", cwd=minimal_project)
    assert result.exit_code == 3
    assert "did not write" in result.stderr
    assert (minimal_project / "output" / "notes.txt").read_text() == "mine"


@pytest.mark.pdf
@pytest.mark.parametrize("logo", ["policies/minimal.yaml", "assets/passwd.png"])
def test_logo_must_be_an_image_inside_assets(logo: str, minimal_project: Path,
                                             run_cli: RunCli) -> None:
    (minimal_project / "assets").mkdir()
    (minimal_project / "assets" / "passwd.png").symlink_to("/etc/passwd")
    _config(minimal_project, f"branding:\n  logo: {logo}\n")
    result = run_cli("build", "-j", "1", cwd=minimal_project)
    assert result.exit_code == 1
    assert "commitgen.yaml:2:9: branding.logo:" in result.stderr
    assert "is not inside assets/" in result.stderr
    assert not (minimal_project / "output").exists()


@pytest.mark.pdf
def test_svg_logo_cannot_reach_the_network(minimal_project: Path, run_cli: RunCli) -> None:
    (minimal_project / "assets").mkdir()
    (minimal_project / "assets" / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        '<image href="http://127.0.0.1:9/x.png" width="10" height="10"/></svg>')
    _config(minimal_project, "branding:\n  logo: assets/logo.svg\n")
    result = run_cli("build", "-j", "1", cwd=minimal_project)
    assert result.exit_code == 3
    assert "refused to load" in result.stderr


@pytest.mark.pdf
def test_template_symlink_cannot_read_outside_files(minimal_project: Path,
                                                    run_cli: RunCli) -> None:
    templates = minimal_project / "templates"
    templates.mkdir()
    (templates / "small-screen.css").symlink_to("/etc/passwd")
    result = run_cli("build", "-j", "1", cwd=minimal_project)
    # the project's own templates are linted before anything is built: a located error
    assert result.exit_code == 1
    assert ("templates/small-screen.css: the template leads outside the templates folder "
            "(through a symlink): not read [CG040]") in result.stderr
    assert "root:" not in result.output
    assert not (minimal_project / "output").exists()


@pytest.mark.pdf
def test_templates_are_sandboxed(minimal_project: Path, run_cli: RunCli) -> None:
    templates = minimal_project / "templates"
    templates.mkdir()
    (templates / "charter.html.j2").write_text(
        "{{ cycler.__init__.__globals__.os.popen('echo PWNED').read() }}")
    result = run_cli("build", "-j", "1", cwd=minimal_project)
    assert result.exit_code == 3
    assert "PWNED" not in result.output


@pytest.mark.pdf
def test_a_killed_build_leaves_nothing_behind_after_the_next(minimal_project: Path,
                                                            run_cli: RunCli) -> None:
    stale = minimal_project / ".commitgen-staging-output-dead"
    (stale / "staff").mkdir(parents=True)
    (stale / "staff" / "briefing.html").write_text("internal")
    assert run_cli("build", "-j", "1", cwd=minimal_project).exit_code == 0
    assert not stale.exists()


@pytest.mark.pdf
def test_empty_config_means_defaults(minimal_project: Path, run_cli: RunCli) -> None:
    _config(minimal_project, "# nothing to change yet\n")
    assert run_cli("build", "-j", "1", cwd=minimal_project).exit_code == 0


@pytest.mark.pdf
def test_no_policies_is_a_located_user_error(tmp_path: Path, run_cli: RunCli) -> None:
    (tmp_path / "policies").mkdir()
    result = run_cli("build", cwd=tmp_path)
    assert result.exit_code == 1
    assert "no policy files" in result.stderr
    assert run_cli("check", cwd=tmp_path).exit_code == 1
