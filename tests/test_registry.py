"""The one registry of codes: every code check can print is listed, documented,
explainable, and its examples run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from commitgen import diagnostics
from commitgen.rules.registry import all_rules, find_rule
from tests.conftest import REPO, RunCli
from tests.registry_examples import run_example

RULES = all_rules()
#: the entries whose examples run through ``check`` (CG060 and CG061 are reported by
#: ``commitgen compensate``, whose tests cover them)
CHECKED = [rule for rule in RULES if rule.example != "compensate"]


@pytest.mark.parametrize("rule", CHECKED, ids=lambda r: r.code)
def test_bad_example_reports_the_code(rule: object, tmp_path: Path) -> None:
    assert hasattr(rule, "bad")
    found = run_example(rule, rule.bad, tmp_path)  # type: ignore[arg-type]
    codes = [d.code for d in found]
    assert rule.code in codes, [str(d) for d in found]  # type: ignore[attr-defined]


@pytest.mark.parametrize("rule", CHECKED, ids=lambda r: r.code)
def test_good_example_reports_nothing(rule: object, tmp_path: Path) -> None:
    found = run_example(rule, rule.good, tmp_path)  # type: ignore[arg-type, attr-defined]
    assert found == [], [f"{d.code} {d.field_path}: {d.message}" for d in found]


def test_every_code_the_sources_print_is_registered() -> None:
    """A code written anywhere in the package (a constant, a decorator) is an entry."""
    written: set[str] = set()
    for path in (REPO / "commitgen").rglob("*.py"):
        written |= set(re.findall(r'"(CG\d{3})"', path.read_text(encoding="utf-8")))
    from commitgen.rules.registry import RETIRED

    written -= set(RETIRED)
    assert written <= {rule.code for rule in RULES}, written - {rule.code for rule in RULES}
    constants = {value for name, value in vars(diagnostics).items() if name.startswith("CODE_")}
    assert constants <= {rule.code for rule in RULES}


def test_codes_and_names_are_well_formed_and_unique() -> None:
    assert len({r.code for r in RULES}) == len({r.name for r in RULES}) == len(RULES)
    for rule in RULES:
        assert re.fullmatch(r"CG[0-9]{3}", rule.code), rule.code
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", rule.name), rule.name
        assert rule.summary and rule.rationale and rule.bad and rule.good
        # structural problems (CG0xx) are errors that cannot be configured, except the
        # translation warnings
        if rule.code < "CG100" and rule.severity == "error":
            assert not rule.configurable, rule.code


def test_docs_speak_of_the_product_only() -> None:
    text = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert not re.search(r"(?i)\bseed\b|\bissue \d", text)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_explain_works_for_every_code(rule: object, run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("check", "--explain", rule.code, cwd=tmp_path)  # type: ignore[attr-defined]
    assert result.exit_code == 0
    assert result.stdout.startswith(f"{rule.code} {rule.name} (")  # type: ignore[attr-defined]
    assert "Bad:" in result.stdout and "Good:" in result.stdout


def test_explain_a_retired_code_says_what_replaced_it(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("check", "--explain", "CG020", cwd=tmp_path)
    assert result.exit_code == 2
    assert "CG020 is no longer used" in result.stderr and "CG021" in result.stderr


def test_registry_is_easy_to_query() -> None:
    rule = find_rule("CG010")
    assert rule is not None and find_rule("wrong-value") is rule
    assert rule.anchor == "cg010-wrong-value"
    assert rule.docs == "docs/rules.md#cg010-wrong-value"
    assert rule.summary in rule.help and "commitgen check --explain CG010" in rule.help


def test_format_problems_cannot_be_configured(tmp_path: Path, run_cli: RunCli) -> None:
    (tmp_path / "policies").mkdir()
    (tmp_path / "commitgen.yaml").write_text("rules: {disable: [CG024]}\n", encoding="utf-8")
    result = run_cli("check", cwd=tmp_path)
    assert result.exit_code == 1
    assert "CG024 cannot be disabled or re-graded" in result.stdout + result.stderr
