"""Rule configuration in commitgen.yaml and inline suppressions."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

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
        in result.stdout


def test_unknown_rule_in_configuration(tmp_path: Path, run_cli: RunCli) -> None:
    root = _project(tmp_path, "base", "rules:\n  disable: [CG999, no-such-rule]\n")
    result = run_cli("check", cwd=root)
    assert result.exit_code == 1
    assert "unknown rule CG999, no-such-rule" in result.stdout
    assert "commitgen.yaml:2:" in result.stdout


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
    assert "unknown word list vagueness" in result.stdout


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


@pytest.mark.pdf
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


def _vague_remedy_project(tmp_path: Path, remedy: str) -> Path:
    """base.yaml whose first remedy is ``remedy`` (YAML lines, indented for the key)."""
    text = (RULES / "base.yaml").read_text(encoding="utf-8")
    old = "    remedy: {vi: Chúng tôi khôi phục dịch vụ., en: We restore the service.}\n"
    assert text.count(old) == 1
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "base.yaml").write_text(text.replace(old, remedy),
                                                     encoding="utf-8")
    return tmp_path


def test_a_suppression_inside_a_quoted_string_is_text(tmp_path: Path,
                                                      run_cli: RunCli) -> None:
    """The `#` is inside the quotes: the whole sentence is published, and suppresses
    nothing."""
    root = _vague_remedy_project(tmp_path, (
        "    remedy:\n      vi: Chúng tôi khôi phục dịch vụ.\n"
        '      en: "We restore the service promptly. # commitgen: ignore[CG101] marketing '
        'approved"\n'))
    code, problems = _json(run_cli, root)
    assert code == 1
    assert [(p["code"], p["line"], "suppressed" in p) for p in problems] == [
        ("CG101", 31, False)]


def test_a_suppression_inside_a_block_scalar_is_text(tmp_path: Path, run_cli: RunCli) -> None:
    root = _vague_remedy_project(tmp_path, (
        "    remedy:\n      vi: Chúng tôi khôi phục dịch vụ.\n      en: |\n"
        "        # commitgen: ignore[CG101] marketing approved\n"
        "        We restore the service promptly.\n"))
    code, problems = _json(run_cli, root)
    assert code == 1
    assert [(p["code"], p["line"], "suppressed" in p) for p in problems] == [
        ("CG101", 31, False)]


def test_real_comments_next_to_scalars_still_suppress(tmp_path: Path,
                                                      run_cli: RunCli) -> None:
    root = _vague_remedy_project(tmp_path, (
        "    remedy:\n      vi: Chúng tôi khôi phục dịch vụ.\n"
        "      en: |  # commitgen: ignore[CG101] the contract's wording, quoted\n"
        "        We restore the service promptly. # not a comment\n"))
    code, problems = _json(run_cli, root)
    assert code == 0
    assert [(p["code"], p["line"], p["suppressed"]["justification"]) for p in problems] == [
        ("CG101", 31, "the contract's wording, quoted")]


def test_empty_extra_words_are_refused(tmp_path: Path, run_cli: RunCli) -> None:
    root = _project(tmp_path, "base", 'rules:\n  words:\n    relief: {en: [""]}\n'
                                      '    vague: {vi: [thần tốc, "  "]}\n')
    result = run_cli("check", cwd=root)
    assert result.exit_code == 1
    assert "commitgen.yaml:3:19: rules.words.relief.en[0]: an empty word" in result.stdout
    assert "commitgen.yaml:4:28: rules.words.vague.vi[1]: an empty word" in result.stdout
