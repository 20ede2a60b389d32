"""Output formats of rule problems, `--explain`, `commitgen rules` and docs/rules.md."""

from __future__ import annotations

import json
from pathlib import Path

from commitgen.rules.docs import markdown
from commitgen.rules.registry import all_rules
from tests.conftest import DATA, REPO, RunCli

RULES = DATA / "rules"


def _project(tmp_path: Path, *fixtures: str, config: str | None = None) -> Path:
    (tmp_path / "policies").mkdir()
    for fixture in fixtures:  # each with its own id: ids are unique in a project
        text = (RULES / f"{fixture}.yaml").read_text(encoding="utf-8")
        (tmp_path / "policies" / f"{fixture}.yaml").write_text(
            text.replace("\nid: base\n", f"\nid: {fixture}\n"), encoding="utf-8")
    if config is not None:
        (tmp_path / "commitgen.yaml").write_text(config, encoding="utf-8")
    return tmp_path


def test_text_format_names_file_line_field_code_and_hint(tmp_path: Path,
                                                         run_cli: RunCli) -> None:
    result = run_cli("check", cwd=_project(tmp_path, "claim-window-too-short"))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:2] == [
        "policies/claim-window-too-short.yaml:60:15: worst_cases[1].claim.within: the claim "
        "window (1 day) closes before the customer can know they are owed anything "
        "(resolve_within: 2 days) [CG142]",
        "    hint: make the claim window at least 2 days"]
    assert "1 file checked: 1 error, 0 warnings" in result.stderr


def test_json_format_parses(tmp_path: Path, run_cli: RunCli) -> None:
    result = run_cli("check", "--format", "json",
                     cwd=_project(tmp_path, "internal-deadline-longer", "notice-too-short"))
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    assert [(p["file"], p["line"], p["column"], p["code"], p["severity"], p["field"])
            for p in problems] == [
        ("policies/internal-deadline-longer.yaml", 95, 26, "CG203", "error",
         "staff.cases[0].internal_deadline"),
        ("policies/notice-too-short.yaml", 86, 11, "CG135", "warning", "changes.notice")]
    assert all(p["hint"] for p in problems)


def test_github_annotations_have_file_and_line(tmp_path: Path, run_cli: RunCli) -> None:
    result = run_cli("check", "--format", "github",
                     cwd=_project(tmp_path, "escalation-no-management", "notice-too-short"))
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("::error file=policies/escalation-no-management.yaml,line=82,"
                               "col=11,title=CG120 escalation[1].role::")
    assert lines[1].startswith("::warning file=policies/notice-too-short.yaml,line=86,col=11,")
    assert "%0Ahint: announce changes at least 30 days ahead" in lines[1]


def test_sarif_has_the_2_1_0_shape(tmp_path: Path, run_cli: RunCli) -> None:
    root = _project(tmp_path, "vague-wording", "staff-narrows-promise", config=(
        "rules:\n  policies:\n    staff-narrows-promise:\n      CG202:\n"
        "        reason: Reviewed with legal; the exclusion is in the contract.\n"))
    result = run_cli("check", "--format", "sarif", cwd=root)
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    [run] = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "commitgen"
    rules = driver["rules"]
    assert [r["id"] for r in rules][:len(all_rules())] == [r.code for r in all_rules()]
    for rule in rules:
        if rule["id"] not in {r.code for r in all_rules()}:
            continue  # a code the registry does not describe: see tests/test_sarif.py
        assert set(rule) >= {"id", "name", "shortDescription", "fullDescription", "help",
                             "helpUri", "defaultConfiguration"}
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
    results = run["results"]
    active = [r for r in results if "suppressions" not in r]
    suppressed = [r for r in results if "suppressions" in r]
    assert [(r["ruleId"], r["level"]) for r in active] == [("CG101", "error")] * 2
    first = active[0]
    assert rules[first["ruleIndex"]]["id"] == "CG101"
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "policies/vague-wording.yaml"
    assert location["region"] == {"startLine": 29, "startColumn": 18}
    assert first["message"]["text"].startswith("worst_cases[0].remedy.vi: vague word")
    assert [r["ruleId"] for r in suppressed] == ["CG202", "CG202"]
    assert suppressed[0]["suppressions"] == [{
        "kind": "external", "status": "accepted",
        "justification": "Reviewed with legal; the exclusion is in the contract."}]


def test_sarif_records_inline_suppressions(tmp_path: Path, run_cli: RunCli) -> None:
    result = run_cli("check", "--format", "sarif", cwd=_project(tmp_path, "inline-suppressed"))
    assert result.exit_code == 0
    [suppressed] = json.loads(result.stdout)["runs"][0]["results"]
    assert suppressed["suppressions"][0]["kind"] == "inSource"


def test_sarif_of_a_format_error_points_at_its_rule(tmp_path: Path, run_cli: RunCli) -> None:
    result = run_cli("check", "--format", "sarif", str(DATA / "diagnostics" / "wrong-type.yaml"),
                     cwd=tmp_path)
    [run] = json.loads(result.stdout)["runs"]
    note, problem = run["results"]
    assert (note["ruleId"], note["level"]) == ("CG090", "note")
    assert problem["ruleId"] == "CG010"
    rule = run["tool"]["driver"]["rules"][problem["ruleIndex"]]
    assert (rule["id"], rule["name"]) == ("CG010", "wrong-value")
    assert rule["help"]["text"] and rule["helpUri"].startswith("https://")
    assert "commitgen check --explain CG010" in rule["help"]["text"]


def test_explain_by_code_and_by_name(run_cli: RunCli, tmp_path: Path) -> None:
    by_code = run_cli("check", "--explain", "CG170", cwd=tmp_path)
    by_name = run_cli("check", "--explain", "prose-contradicts-data", cwd=tmp_path)
    assert by_code.exit_code == by_name.exit_code == 0
    assert by_code.stdout == by_name.stdout
    text = by_code.stdout
    assert text.startswith("CG170 prose-contradicts-data (error, Prose agrees with data)")
    assert "Why:" in text and "Bad:" in text and "Good:" in text
    assert "Bồi thường 100.000 đ." in text  # the bad example
    assert "# commitgen: ignore[CG170]" in text


def test_explain_unknown_rule_is_a_usage_error(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("check", "--explain", "CG999", cwd=tmp_path)
    assert result.exit_code == 2
    assert "no rule 'CG999'" in result.stderr


def test_rules_command_lists_every_rule(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("rules", cwd=tmp_path)
    assert result.exit_code == 0
    for rule in all_rules():
        assert f"{rule.code}  {rule.severity:<7}  {rule.name}" in result.stdout


def test_docs_rules_md_is_generated_and_current() -> None:
    committed = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == markdown(), (
        "docs/rules.md is out of date: run python -m commitgen.rules.docs > docs/rules.md")


def test_docs_list_every_rule_with_examples() -> None:
    text = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in all_rules():
        assert f"\n### {rule.code} {rule.name}\n" in text
        assert f"| [{rule.code}](#{rule.anchor}) | {rule.name} | {rule.severity} |" in text
        section = text.split(f"### {rule.code} {rule.name}")[1].split("\n### ")[0]
        assert "Bad:" in section and "Good:" in section
