"""charter.json carries each compensation in the engine's terms: its schema is checked in
and current, every published file follows it, and a script that knows only charter.json
(standard library, no commitgen) computes the same amounts as the engine."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from commitgen.build import check_for_build, render_html
from commitgen.compute.cases import case_compensation
from commitgen.compute.terms_schema import FILE_NAME, charter_schema_text
from commitgen.loading.sources import load_policy
from commitgen.project import load_project
from commitgen.render.documents import charter_json
from commitgen.runtime import Runtime
from tests.conftest import DATA, EXAMPLES, REPO, make_project

CLIENT = DATA / "charter_client.py"
SCHEMES = DATA / "schemes"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """charter.json of the bundled policies and of the real schemes, in every language,
    as a build writes them."""
    policies = sorted(EXAMPLES.glob("*.yaml")) + sorted(
        p for p in SCHEMES.glob("*.yaml") if not p.name.endswith(".cases.yaml"))
    folder = tmp_path_factory.mktemp("json")
    files = []
    for path in policies:
        loaded, problems = load_policy(path, path.name)
        assert loaded is not None, problems
        charter = loaded.policy.charter()
        cases = case_compensation(charter, None)
        for language in charter.languages:
            target = folder / f"{charter.id}-{language}.json"
            target.write_bytes(charter_json(charter, language, compensation=cases))
            files.append(target)
    return files


def test_a_build_publishes_the_same_charter_json(tmp_path: Path) -> None:
    root = make_project(tmp_path, [EXAMPLES / "saas-support.yaml"])
    project, _ = load_project(root)
    assert project is not None
    plan = render_html(project, Runtime.from_environment(cwd=root), check_for_build(project),
                       root / "out")
    loaded, _ = load_policy(EXAMPLES / "saas-support.yaml", "saas-support.yaml")
    assert loaded is not None
    charter = loaded.policy.charter()
    built = json.loads(plan.files["public/saas-support/vi/charter.json"])
    alone = json.loads(charter_json(charter, "vi", compensation=case_compensation(charter,
                                                                                  None)))
    assert built["compensation"] == alone["compensation"]
    assert built["compensation"]["cases"][0]["examples"][0]["owed"] == {
        "amount": "750000", "currency": "VND"}


def test_the_schema_is_checked_in_and_current() -> None:
    assert (REPO / FILE_NAME).read_text(encoding="utf-8") == charter_schema_text()
    jsonschema.Draft202012Validator.check_schema(json.loads(charter_schema_text()))


def test_every_charter_json_follows_the_schema(published: list[Path]) -> None:
    validator = jsonschema.Draft202012Validator(json.loads(charter_schema_text()))
    assert len(published) >= 10
    for path in published:
        errors = [f"{e.json_path}: {e.message}"
                  for e in validator.iter_errors(json.loads(path.read_text("utf-8")))]
        assert errors == [], path


def test_the_client_knows_nothing_of_commitgen() -> None:
    tree = ast.parse(CLIENT.read_text(encoding="utf-8"))
    imported = {alias.name.split(".")[0] for node in ast.walk(tree)
                if isinstance(node, ast.Import) for alias in node.names}
    imported |= {(node.module or "").split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom)}
    assert imported <= {"__future__", "datetime", "decimal", "json", "sys", "typing"}


def test_a_script_with_only_charter_json_computes_the_same_amounts(
        published: list[Path]) -> None:
    run = subprocess.run([sys.executable, "-S", "-I", str(CLIENT), *map(str, published)],
                         capture_output=True, text=True, check=False, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    lines = [line.split() for line in run.stdout.splitlines()]
    computed = [line for line in lines if line[-1] != "time)"]
    assert len(computed) >= 40
    # every scheme type with money was computed, in both languages' files
    schemes = {case["scheme"]["type"] for path in published
               for case in json.loads(path.read_text("utf-8"))["compensation"]["cases"]
               if case["examples"]}
    assert {"fixed", "per_period", "percentage", "bands", "grid", "refund",
            "combined", "by_category"} <= schemes
    assert any(line[:2] == ["eu261", "long-delay"] and line[2] == "600" for line in computed)
    assert any(line[:2] == ["ofwat-gss", "supply-not-restored"] for line in computed)
