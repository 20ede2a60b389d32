"""SARIF for code scanning: valid against the SARIF 2.1.0 schema (tests/data/sarif, with
its source), percent-encoded relative URIs, fingerprints that survive moved lines, and a
rule with help text and a help link for every code a result carries."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from commitgen.diagnostics import Diagnostic
from commitgen.report import format_github
from commitgen.rules.registry import all_rules
from commitgen.sarif import FINGERPRINT, artifact_uri, format_sarif
from tests.conftest import DATA, MINIMAL, RunCli

SCHEMA = json.loads((DATA / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def _validate(log: dict[str, Any]) -> None:
    validator = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert [f"{list(e.absolute_path)}: {e.message}" for e in errors] == []


def _project(tmp_path: Path, name: str, old: str = "", new: str = "") -> Path:
    (tmp_path / "policies").mkdir(parents=True)
    text = MINIMAL.read_text(encoding="utf-8").replace(old, new)
    (tmp_path / "policies" / name).write_text(text, encoding="utf-8")
    return tmp_path


def _sarif(run_cli: RunCli, root: Path) -> dict[str, Any]:
    result = run_cli("check", "--format", "sarif", cwd=root)
    return dict(json.loads(result.stdout))


def test_the_log_is_valid_sarif_2_1_0(tmp_path: Path, run_cli: RunCli) -> None:
    root = _project(tmp_path, "dịch vụ mới.yaml", "resolve_within: 4 hours",
                    "resolve_within: soon")
    (root / "policies" / "broken #1.yaml").write_text("id: [\n", encoding="utf-8")
    log = _sarif(run_cli, root)
    _validate(log)
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in log["runs"][0]["results"]]
    assert "policies/broken%20%231.yaml" in uris
    assert "policies/d%E1%BB%8Bch%20v%E1%BB%A5%20m%E1%BB%9Bi.yaml" in uris


def test_an_empty_log_is_valid_too(tmp_path: Path, run_cli: RunCli) -> None:
    log = _sarif(run_cli, _project(tmp_path, "ok.yaml"))
    _validate(log)
    assert log["runs"][0]["results"] == []


def test_every_code_has_a_rule_with_help_and_a_link(tmp_path: Path, run_cli: RunCli) -> None:
    root = _project(tmp_path, "a.yaml", "resolve_within: 4 hours", "resolve_within: soon")
    (root / "policies" / "b.yaml").write_text(
        MINIMAL.read_text(encoding="utf-8").replace("en: Test service}",
                                                    "en: Call our #1 hotline}"), "utf-8")
    (root / "policies" / "c.yaml").write_text("id: [\n", encoding="utf-8")
    run = _sarif(run_cli, root)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert {r.code for r in all_rules()} <= {rule["id"] for rule in rules}
    codes = {result["ruleId"] for result in run["results"]}
    assert {"CG001", "CG010"} <= codes
    for result in run["results"]:
        rule = rules[result["ruleIndex"]]
        assert rule["id"] == result["ruleId"]
        assert rule["help"]["text"].strip()
        assert rule["helpUri"].startswith("https://")
        assert "#" in rule["helpUri"]
    for rule in rules:
        assert rule["help"]["text"] and rule["helpUri"].startswith("https://"), rule["id"]


def test_fingerprints_survive_lines_added_above(tmp_path: Path, run_cli: RunCli) -> None:
    root = _project(tmp_path, "p.yaml", "resolve_within: 4 hours", "resolve_within: soon")
    before = _sarif(run_cli, root)["runs"][0]["results"]
    policy = root / "policies" / "p.yaml"
    policy.write_text("# a new comment line\n" + policy.read_text(encoding="utf-8"), "utf-8")
    after = _sarif(run_cli, root)["runs"][0]["results"]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after] == [
        r["locations"][0]["physicalLocation"]["region"]["startLine"] + 1 for r in before]
    assert [r["partialFingerprints"] for r in after] == [
        r["partialFingerprints"] for r in before]


def test_identical_problems_get_distinct_fingerprints() -> None:
    twice = [Diagnostic("p.yaml", line, 1, "CG010", "same") for line in (3, 9)]
    results = json.loads(format_sarif(twice))["runs"][0]["results"]
    prints = [r["partialFingerprints"][FINGERPRINT] for r in results]
    assert prints[0] != prints[1] and prints[0].split(":")[0] == prints[1].split(":")[0]


@pytest.mark.parametrize(("file", "uri"), [
    ("policies/a b.yaml", "policies/a%20b.yaml"),
    ("policies/giờ.yaml", "policies/gi%E1%BB%9D.yaml"),
    ("policies/100%.yaml", "policies/100%25.yaml"),
    ("/srv/charters/x.yaml", "file:///srv/charters/x.yaml"),
])
def test_uris_are_percent_encoded(file: str, uri: str) -> None:
    assert artifact_uri(file) == uri


def test_github_format_says_when_annotations_are_cut(tmp_path: Path) -> None:
    many = [Diagnostic("p.yaml", line, 1, "CG010", f"problem {line}") for line in range(1, 13)]
    lines = format_github(many).splitlines()
    assert len(lines) == 13
    assert lines[-1].startswith("::notice title=commitgen::12 errors: GitHub shows at most "
                                "10 annotations of each kind per step")
    assert "::notice" not in format_github(many[:10])
