"""Rule configuration in commitgen.yaml and inline suppressions."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import DATA, RunCli

RULES = DATA / "rules"


def _project(tmp_path: Path, fixture: str, config: str | None = None) -> Path:
    (tmp_path / "policies").mkdir(parents=True)
    shutil.copy(RULES / f"{fixture}.yaml", tmp_path / "policies" / f"{fixture}.yaml")
    if config is not None:
        (tmp_path / "commitgen.yaml").write_text(config, encoding="utf-8")
    return tmp_path


def _json(run_cli: RunCli, root: Path, *args: str) -> tuple[int, list[dict[str, object]]]:
    result = run_cli("check", "--format", "json", *args, cwd=root)
    return result.exit_code, json.loads(result.stdout)


def test_without_configuration_the_rule_fails(tmp_path: Path, run_cli: RunCli) -> None:
    code, problems = _json(run_cli, _project(tmp_path, "vague-wording"))
    assert code == 1
    assert {p["code"] for p in problems} == {"CG101"}


def test_disable_a_rule_by_name(tmp_path: Path, run_cli: RunCli) -> None:
    root = _project(tmp_path, "vague-wording", "rules:\n  disable: [vague-wording]\n")
    assert _json(run_cli, root) == (0, [])


def test_change_a_rule_severity(tmp_path: Path, run_cli: RunCli) -> None:
    root = _project(tmp_path, "vague-wording", "rules:\n  severity: {CG101: warning}\n")
    code, problems = _json(run_cli, root)
    assert code == 0
    assert {p["severity"] for p in problems} == {"warning"}
    assert run_cli("check", "--strict", cwd=root).exit_code == 1


def test_raise_a_warning_to_an_error(tmp_path: Path, run_cli: RunCli) -> None:
    root = _project(tmp_path, "notice-too-short", "rules:\n  severity: {notice-too-short: error}\n")
    code, problems = _json(run_cli, root)
    assert code == 1
    assert [(p["code"], p["severity"]) for p in problems] == [("CG135", "error")]


def test_per_policy_suppression_records_its_reason(tmp_path: Path, run_cli: RunCli) -> None:
    root = _project(tmp_path, "vague-wording", (
        "rules:\n  policies:\n    base:\n      CG101:\n"
        "        reason: The remedy quotes the signed contract word for word.\n"))
    code, problems = _json(run_cli, root)
    assert code == 0
    assert len(problems) == 2
    assert all(p["suppressed"] == {"kind": "external", "justification":
                                   "The remedy quotes the signed contract word for word."}
               for p in problems)
    text = run_cli("check", "--strict", cwd=root)
    assert text.exit_code == 0
    assert "no problems (2 suppressed)" in text.stderr


def test_per_policy_regrade_instead_of_off(tmp_path: Path, run_cli: RunCli) -> None:
    root = _project(tmp_path, "vague-wording", (
        "rules:\n  policies:\n    base:\n      vague-wording:\n"
        "        reason: Wording under review with legal.\n        severity: warning\n"))
    code, problems = _json(run_cli, root)
    assert code == 0
    assert {(p["code"], p["severity"]) for p in problems} == {("CG101", "warning")}


def test_per_policy_setting_needs_a_reason(tmp_path: Path, run_cli: RunCli) -> None:
    root = _project(tmp_path, "vague-wording",
                    "rules:\n  policies:\n    base:\n      CG101: {severity: off}\n")
    result = run_cli("check", cwd=root)
    assert result.exit_code == 1
    assert 'commitgen.yaml:4:14: rules.policies.base.CG101.reason: missing required field' \
        in result.stderr


def test_unknown_rule_in_configuration(tmp_path: Path, run_cli: RunCli) -> None:
    root = _project(tmp_path, "base", "rules:\n  disable: [CG999, no-such-rule]\n")
    result = run_cli("check", cwd=root)
    assert result.exit_code == 1
    assert "unknown rule CG999, no-such-rule" in result.stderr
    assert "commitgen.yaml:2:" in result.stderr


def test_inline_suppression_with_reason(tmp_path: Path, run_cli: RunCli) -> None:
    code, problems = _json(run_cli, _project(tmp_path, "inline-suppressed"))
    assert code == 0
    [problem] = problems  # vi is suppressed; the comment names the line below it
    assert problem["code"] == "CG101"
    assert problem["suppressed"] == {"kind": "inSource", "justification":
                                     "the contract's own wording, quoted verbatim"}
    assert problem["line"] == 30


def test_inline_suppression_without_reason_suppresses_nothing(tmp_path: Path,
                                                              run_cli: RunCli) -> None:
    code, problems = _json(run_cli, _project(tmp_path, "suppression-without-reason"))
    assert code == 1
    assert [(p["code"], p["line"], "suppressed" in p) for p in problems] == [
        ("CG101", 29, False), ("CG290", 29, False)]


def test_unused_inline_suppression_is_a_warning(tmp_path: Path, run_cli: RunCli) -> None:
    root = _project(tmp_path, "unused-suppression")
    code, problems = _json(run_cli, root)
    assert code == 0
    assert [(p["code"], p["severity"], p["line"]) for p in problems] == [
        ("CG291", "warning", 86)]
    assert run_cli("check", "--strict", cwd=root).exit_code == 1


def test_extra_vague_words_from_configuration(tmp_path: Path, run_cli: RunCli) -> None:
    config = "rules:\n  words:\n    vague: {en: [restore the service]}\n"
    code, problems = _json(run_cli, _project(tmp_path, "base", config))
    assert code == 1
    assert [(p["code"], p["field"]) for p in problems] == [("CG101", "worst_cases[0].remedy.en")]
    assert '"restore the service"' in str(problems[0]["message"])


def test_unknown_word_list_is_refused(tmp_path: Path, run_cli: RunCli) -> None:
    root = _project(tmp_path, "base", "rules:\n  words:\n    vagueness: {en: [fast]}\n")
    result = run_cli("check", cwd=root)
    assert result.exit_code == 1
    assert "unknown word list vagueness" in result.stderr


def test_sentence_length_is_configurable(tmp_path: Path, run_cli: RunCli) -> None:
    root = _project(tmp_path, "long-sentence", "rules:\n  sentence_length: {en: 60}\n")
    assert _json(run_cli, root) == (0, [])
    root2 = _project(tmp_path / "b", "base", "rules:\n  sentence_length: {vi: 5}\n")
    code, problems = _json(run_cli, root2)
    assert code == 0
    assert {p["code"] for p in problems} == {"CG160"}
    assert all(str(p["field"]).endswith(".vi") for p in problems)


def test_minimum_notice_is_configurable(tmp_path: Path, run_cli: RunCli) -> None:
    root = _project(tmp_path, "base", "rules:\n  min_notice: 60 days\n")
    code, problems = _json(run_cli, root)
    assert [(p["code"], p["field"]) for p in problems] == [("CG135", "changes.notice")]
    assert code == 0


def test_build_reads_the_rules_configuration(tmp_path: Path, run_cli: RunCli) -> None:
    """`build` calls check_paths with the project root only: the rules settings come from
    its commitgen.yaml."""
    from commitgen.checking import check_paths

    root = _project(tmp_path, "prose-contradicts-data")
    assert run_cli("build", "-q", cwd=root).exit_code == 1
    assert {d.code for d in check_paths([root / "policies"], root=root).diagnostics} == {
        "CG170"}
    (root / "commitgen.yaml").write_text("rules: {disable: [CG170]}\n", encoding="utf-8")
    assert check_paths([root / "policies"], root=root).diagnostics == []
