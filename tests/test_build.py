"""``commitgen build``: the output tree, atomic publishing, determinism, the fetcher."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, REPO, RunCli, make_project, pdf_text, tree_bytes


@pytest.mark.pdf
def test_build_writes_the_documented_layout(minimal_project: Path, run_cli: RunCli) -> None:
    result = run_cli("build", "-j", "1", cwd=minimal_project)
    assert result.exit_code == 0, result.output
    files = set(tree_bytes(minimal_project / "output"))
    for lang in ("vi", "en"):
        assert {f"public/minimal/{lang}/index.html", f"public/minimal/{lang}/minimal-{lang}.pdf",
                f"public/minimal/{lang}/charter.json", f"staff/minimal/{lang}/briefing.html",
                f"staff/minimal/{lang}/minimal-briefing-{lang}.pdf"} <= files
    assert "public/index.html" in files
    assert "built 1 policy" in result.stdout
    assert "output/public/index.html" in result.stdout


@pytest.mark.pdf
def test_charter_json_is_public_and_localised(minimal_project: Path, run_cli: RunCli) -> None:
    run_cli("build", "-j", "1", cwd=minimal_project)
    data = json.loads((minimal_project / "output/public/minimal/vi/charter.json").read_text())
    assert data["language"] == "vi"
    charter = data["charter"]
    assert charter["service"]["name"] == "Dịch vụ thử nghiệm"
    assert charter["worst_cases"][0]["compensation"]["amount"] == {
        "amount": "200000", "currency": "VND"}
    assert "staff" not in charter


@pytest.mark.pdf
def test_charter_json_falls_back_to_the_default_language(minimal_project: Path,
                                                         run_cli: RunCli) -> None:
    policy = minimal_project / "policies" / "minimal.yaml"
    policy.write_text(policy.read_text().replace(
        "name: {vi: Dịch vụ thử nghiệm, en: Test service}",
        "name: {en: Test service, vi: Dịch vụ thử nghiệm}").replace(
        "languages: [vi, en]", "languages: [vi, en, fr]"))
    assert run_cli("build", "-j", "1", cwd=minimal_project).exit_code == 0
    data = json.loads((minimal_project / "output/public/minimal/fr/charter.json").read_text())
    assert data["charter"]["service"]["name"] == "Dịch vụ thử nghiệm"  # vi is the default


@pytest.mark.pdf
def test_failed_build_leaves_previous_output_intact(minimal_project: Path,
                                                    run_cli: RunCli) -> None:
    assert run_cli("build", "-j", "1", cwd=minimal_project).exit_code == 0
    before = tree_bytes(minimal_project / "output")
    policy = minimal_project / "policies" / "minimal.yaml"
    policy.write_text(policy.read_text().replace("resolve_within: 4 hours",
                                                 "resolve_within: ASAP"))
    result = run_cli("build", "-j", "1", cwd=minimal_project)
    assert result.exit_code == 1
    assert "policies/minimal.yaml:23:21: worst_cases[0].resolve_within:" in result.stderr
    assert "previous output is unchanged" in result.stderr
    assert tree_bytes(minimal_project / "output") == before
    assert not list(minimal_project.glob(".commitgen-staging-*"))  # staging cleaned up


@pytest.mark.pdf
def test_template_error_fails_with_exit_3_and_keeps_output(minimal_project: Path,
                                                          run_cli: RunCli) -> None:
    assert run_cli("build", "-j", "1", cwd=minimal_project).exit_code == 0
    before = tree_bytes(minimal_project / "output")
    (minimal_project / "templates").mkdir()
    (minimal_project / "templates" / "charter.html.j2").write_text("{{ charter.no_such }}")
    result = run_cli("build", "-j", "1", cwd=minimal_project)
    assert result.exit_code == 3
    assert "template error" in result.stderr
    assert tree_bytes(minimal_project / "output") == before


def _link_stylesheet(project: Path, href: str) -> None:
    """Override the charter template to load a stylesheet from ``href``."""
    templates = project / "templates"
    templates.mkdir()
    (templates / "charter.html.j2").write_text(
        '{% extends "theme/charter.html.j2" %}{% block title %}{{ super() }}</title>'
        f'<link rel="stylesheet" href="{href}"><title>{{% endblock %}}')


@pytest.mark.pdf
@pytest.mark.parametrize("reference", [
    "http://example.com/style.css",
    "file:///etc/hostname",
    "../../../../../../../etc/hostname",
])
def test_fetcher_refuses_network_and_outside_files(reference: str, minimal_project: Path,
                                                   run_cli: RunCli) -> None:
    _link_stylesheet(minimal_project, reference)
    result = run_cli("build", "-j", "1", cwd=minimal_project)
    assert result.exit_code == 3, result.output
    assert "refused to load" in result.stderr
    assert not (minimal_project / "output").exists()


@pytest.mark.pdf
def test_fetcher_refuses_symlink_escape(minimal_project: Path, run_cli: RunCli) -> None:
    (minimal_project / "assets").mkdir()
    (minimal_project / "assets" / "escape.css").symlink_to("/etc/hostname")
    _link_stylesheet(minimal_project, (minimal_project / "assets/escape.css").as_uri())
    result = run_cli("build", "-j", "1", cwd=minimal_project)
    assert result.exit_code == 3
    assert "outside the project" in result.stderr


@pytest.mark.pdf
def test_html_injection_is_escaped(minimal_project: Path, run_cli: RunCli) -> None:
    policy = minimal_project / "policies" / "minimal.yaml"
    policy.write_text(policy.read_text().replace(
        "en: Test service}", "en: \"<script>alert(1)</script><a href='javascript:x'>\"}"))
    assert run_cli("build", "-j", "1", cwd=minimal_project).exit_code == 0
    html = (minimal_project / "output/public/minimal/en/index.html").read_text()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "href='javascript:" not in html and 'href="javascript:' not in html


@pytest.mark.pdf
def test_builds_are_byte_identical_across_processes(tmp_path: Path) -> None:
    outputs = []
    for name in ("one", "two"):
        project = make_project(tmp_path / name, sorted(EXAMPLES.glob("*.yaml")))
        env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        subprocess.run([sys.executable, "-m", "commitgen", "build", "-q"], cwd=project,
                       check=True, env={**env, "PYTHONPATH": str(REPO)})
        outputs.append(tree_bytes(project / "output"))
    assert outputs[0].keys() == outputs[1].keys()
    different = [name for name in outputs[0] if outputs[0][name] != outputs[1][name]]
    assert different == []
    assert any(name.endswith(".pdf") for name in outputs[0])


@pytest.mark.pdf
def test_pdf_carries_vietnamese_text_and_amounts(built_examples: Path) -> None:
    from commitgen.checking import check_paths
    from commitgen.model.compensation import FixedCompensation
    from commitgen.render.environment import make_environment
    from commitgen.render.formatting import amount_in_force

    text = pdf_text(built_examples / "public/saas-support/vi/saas-support-vi.pdf")
    policy = check_paths([EXAMPLES / "saas-support.yaml"]).policies[0].policy
    assert policy.service.name.get("vi") in text
    assert "Bồi thường" in text
    fixed = [case.compensation for case in policy.worst_cases
             if isinstance(case.compensation, FixedCompensation)]
    assert fixed, "the SaaS example should have a fixed compensation"
    for scheme in fixed:
        amount = make_environment("vi", "vi", None).from_string("{{ m|money }}").render(
            m=amount_in_force(scheme.amount, policy.effective))
        assert amount.replace("\xa0", " ") in text.replace("\xa0", " ")
