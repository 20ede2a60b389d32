"""``check`` reads like a good compiler: results on standard output, the summary on
standard error, hints that say what to write and where it is documented, plain words for
the YAML mistakes people make most, and help texts that are not cut short."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commitgen.loading.reference import COMPENSATION_TYPES, POLICY_SECTIONS, VALUE_TYPES
from commitgen.loading.strict_yaml import parse_yaml
from tests.conftest import MINIMAL, REPO, RunCli

FORMAT = (REPO / "docs" / "format.md").read_text(encoding="utf-8")


def _anchors(markdown: str) -> set[str]:
    """GitHub's anchors for the headings, and explicit <a id> anchors."""
    headings = re.findall(r"^#{1,6} (.+)$", markdown, flags=re.M)
    slugs = {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}
    return slugs | set(re.findall(r'<a id="([^"]+)"', markdown))


def test_every_reference_a_hint_gives_exists() -> None:
    anchors = _anchors(FORMAT)
    wanted = {*POLICY_SECTIONS.values(), *VALUE_TYPES.values(), *COMPENSATION_TYPES,
              "8-compensation", "16-commitgenyaml", "1-how-a-policy-file-works",
              "shared-parts-explanation-reductions-payment-proof", "opening-hours"}
    assert wanted - anchors == set()


def _check(run_cli: RunCli, tmp_path: Path, text: str) -> tuple[str, str, int]:
    policy = tmp_path / "policy.yaml"
    policy.write_text(text, encoding="utf-8")
    result = run_cli("check", "policy.yaml", cwd=tmp_path)
    return result.stdout, result.stderr, result.exit_code


def _minimal(old: str, new: str) -> str:
    text = MINIMAL.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new)


def test_results_go_to_stdout_and_the_summary_to_stderr(run_cli: RunCli, tmp_path: Path
                                                        ) -> None:
    out, err, code = _check(run_cli, tmp_path, _minimal("resolve_within: 4 hours",
                                                        "resolve_within: soon"))
    assert code == 1
    assert "\npolicy.yaml:23:21: worst_cases[0].resolve_within: " in out
    assert out.startswith("policy.yaml:18:5: note: not checked because of format errors")
    assert "checked:" not in out
    assert err == "1 file checked: 1 error, 0 warnings, 1 note\n"


def test_a_missing_field_says_what_to_write_and_where_it_is_documented(
        run_cli: RunCli, tmp_path: Path) -> None:
    out, _, _ = _check(run_cli, tmp_path, _minimal("        method: automatic\n", ""))
    assert ('worst_cases[0].compensation.payment.method: missing required field "method"'
            in out)
    assert ("    hint: add method: one of automatic, on_claim; see "
            "docs/format.md#shared-parts-explanation-reductions-payment-proof") in out


def test_a_misspelt_word_gets_the_closest_allowed_one(run_cli: RunCli, tmp_path: Path) -> None:
    out, _, _ = _check(run_cli, tmp_path, _minimal("method: automatic", "method: automatc"))
    assert 'got "automatc" — did you mean "automatic"?' in out


def test_a_wrong_value_links_its_kind_of_value(run_cli: RunCli, tmp_path: Path) -> None:
    out, _, _ = _check(run_cli, tmp_path, _minimal("amount: 200000 VND", "amount: 200,000 VND"))
    assert "hint: see docs/format.md#money" in out


@pytest.mark.parametrize(("old", "new", "hint"), [
    ("what_happens: {vi: Bạn không thể đăng nhập., en: You cannot sign in.}",
     "what_happens:\n      vi: Lỗi: bạn không thể đăng nhập.\n      en: You cannot sign in.",
     'a colon followed by a space inside a text makes YAML read a new field: put the whole '
     'text in double quotes, e.g. vi: "Lỗi: bạn không thể đăng nhập."'),
    ("    respond_within: 30 minutes", "\trespond_within: 30 minutes",
     "this line is indented with a tab: YAML indents with spaces only"),
    ("  - id: outage", "  -id: outage",
     'line 18 starts a list item without a space after the dash: write "- id: outage" '
     'instead of "-id: outage"'),
    ("      forms: [bill_credit]", "      forms:\n        -bill_credit",
     'write "- bill_credit" instead of "-bill_credit"'),
    ("en: Director}", "en: Director: CEO}",
     "inside {…} or […], a comma, a colon with a space or a quote ends the text"),
])
def test_common_yaml_mistakes_get_plain_words(old: str, new: str, hint: str, run_cli: RunCli,
                                              tmp_path: Path) -> None:
    out, _, code = _check(run_cli, tmp_path, _minimal(old, new))
    assert code == 1
    assert "[CG001]" in out
    assert hint in out


def test_a_text_cut_short_by_a_comment_is_a_warning(run_cli: RunCli, tmp_path: Path) -> None:
    out, err, code = _check(run_cli, tmp_path, _minimal(
        "en: Test service}", "en: Call our #1 hotline}").replace(
        "name: {vi: Dịch vụ thử nghiệm, en: Call our #1 hotline}",
        "name:\n    vi: Dịch vụ thử nghiệm\n    en: Call our #1 hotline"))
    assert code == 0
    assert ('policy.yaml:12:18: warning: service.name.en: the text ends at "Call our": YAML '
            'reads "#1 hotline" as a comment [CG003]') in out
    assert 'put the whole text in double quotes, e.g. "Call our #1 hotline"' in out
    assert "1 warning" in err


def test_a_comment_is_not_mistaken_for_text(run_cli: RunCli, tmp_path: Path) -> None:
    out, _, code = _check(run_cli, tmp_path, _minimal(
        "id: minimal", "id: minimal  # the file-safe id\n# a comment line").replace(
        "version: \"1.0\"", "version: \"1.0\" # quoted"))
    assert (code, out) == (0, "")


def test_an_empty_value_after_a_hash_says_why(run_cli: RunCli, tmp_path: Path) -> None:
    out, _, _ = _check(run_cli, tmp_path, _minimal(
        "name: {vi: Dịch vụ thử nghiệm, en: Test service}",
        "name:\n    vi: Dịch vụ thử nghiệm\n    en: #1 service"))
    assert "service.name: expected text for language \"en\", got nothing (null)" in out
    assert 'put the whole text in double quotes, e.g. "#1 service"' in out


def test_outside_a_project_check_says_how_to_start(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("check", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr == ("error: no commitgen project here (no commitgen.yaml, no "
                             "policies/ folder) — run `commitgen init` or pass `-C DIR`\n")
    assert "checked" not in result.output
    (tmp_path / "sub").mkdir()
    other = run_cli("build", "-C", "sub", cwd=tmp_path)
    assert other.exit_code == 2 and "no commitgen project in sub (" in other.stderr


def test_a_missing_policies_folder_is_named(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "commitgen.yaml").write_text("policies: charters\n", encoding="utf-8")
    result = run_cli("check", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stdout.startswith('charters: the policies folder "charters" does not exist')
    assert result.stderr == "0 files checked: 1 error, 0 warnings\n"


def test_explicit_files_need_no_project(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "minimal.yaml").write_text(MINIMAL.read_text(encoding="utf-8"), "utf-8")
    assert run_cli("check", "minimal.yaml", cwd=tmp_path).exit_code == 0


def test_help_texts_are_not_cut_short(run_cli: RunCli) -> None:
    result = run_cli("--help")
    commands = result.stdout.split("Commands:\n", 1)[1].splitlines()
    assert len(commands) >= 5
    for line in commands:
        assert not line.rstrip().endswith("..."), line
        assert line.rstrip().endswith((".", ")")), line


@given(st.lists(st.sampled_from(["id: x", "  - a", "-b", "\tc: d", "e: f: g", "h: [i, j",
                                 "k: {l: m", "n: #o", "p: q #r", "", "  ", "'", '"', ":"]),
                max_size=8))
def test_any_text_gets_problems_not_a_crash(lines: list[str]) -> None:
    _, problems = parse_yaml("\n".join(lines), allow_empty=True)
    assert all(p.line >= 1 and p.message for p in problems)
