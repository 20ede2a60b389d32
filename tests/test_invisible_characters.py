"""Invisible characters in a policy (bidi controls that reorder what is read, zero-width
characters that hide a difference) are found at their own line and column (CG005): errors,
except the few some scripts and emoji need, which are warnings (errors in an id)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from commitgen.diagnostics import CODE_INVISIBLE
from commitgen.loading.strict_yaml import parse_yaml
from tests.conftest import MINIMAL, RunCli


def _project(tmp_path: Path, *replacements: tuple[str, str]) -> Path:
    text = MINIMAL.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new, 1)
    (tmp_path / "policies").mkdir(parents=True)
    (tmp_path / "policies" / "p.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_bidi_and_zero_width_characters_are_errors_where_they_are(tmp_path: Path,
                                                                   run_cli: RunCli) -> None:
    project = _project(tmp_path, ("name: Công ty Thử", "name: Công ty \u202eThử"),
                       ("  - id: outage", "  - id: out\u200bage"),
                       ("en: Service outage}", 'en: "Service \\u2066outage"}'))
    result = run_cli("check", "--format", "text", cwd=project)
    assert result.exit_code == 1
    assert ("p.yaml:7:17: provider.name: an invisible character (\\u202e, RIGHT-TO-LEFT "
            "OVERRIDE) in a text: it hides or reorders what readers see [CG005]"
            ) in result.stdout
    assert "p.yaml:18:12: worst_cases[0].id: an invisible character (\\u200b, ZERO WIDTH " \
           "SPACE)" in result.stdout
    # written as an escape in double quotes: located at the value
    assert "p.yaml:19:40: worst_cases[0].title.en: an invisible character (\\u2066, " \
           "LEFT-TO-RIGHT ISOLATE)" in result.stdout
    # the policy is still read: its other problems are reported at once
    assert "got \"out\\u200bage\" [CG010]" in result.stdout
    assert "\u202e" not in result.output and "\u200b" not in result.output


def test_a_joiner_is_a_warning_in_a_text_and_an_error_in_an_id(tmp_path: Path,
                                                              run_cli: RunCli) -> None:
    project = _project(tmp_path, ("en: You cannot sign in.}", "en: You cannot sign\u200d in.}"))
    lenient = run_cli("check", cwd=project)
    assert lenient.exit_code == 0, lenient.output
    assert "warning: worst_cases[0].what_happens.en: an invisible character (\\u200d, " \
           "ZERO WIDTH JOINER) in a text [CG005]" in lenient.stdout
    assert run_cli("check", "--strict", cwd=project).exit_code == 1
    in_id = _project(tmp_path / "id", ("id: minimal", "id: mini\u200dmal"))
    result = run_cli("check", cwd=in_id)
    assert result.exit_code == 1
    assert "p.yaml:2:9: id: an invisible character (\\u200d" in result.stdout


#: characters YAML allows in a file that no reader sees: format characters (bidi
#: controls, zero-width), private use, unassigned
_INVISIBLE = st.characters(categories=["Cf", "Co", "Cn"],
                           exclude_characters="\ufeff\ufffe\uffff")
_VISIBLE = st.text(st.characters(categories=["L", "N", "Zs"]), max_size=20).map(str.strip)


@given(before=_VISIBLE, char=_INVISIBLE, after=_VISIBLE, quoted=st.booleans())
def test_every_invisible_character_is_found_at_its_column(before: str, char: str,
                                                          after: str, quoted: bool) -> None:
    value = before + char + after
    text = 'a:\n  b: ' + (f'"{value}"' if quoted else f"x{value}") + "\n"
    _, problems = parse_yaml(text)
    found = [p for p in problems if p.code == CODE_INVISIBLE]
    assert len(found) == 1, (text, problems)
    assert (found[0].line, found[0].column) == (2, 7 + len(before))  # after "  b: \"" or "  b: x"
    assert found[0].path == ("a", "b")
    assert unicodedata.name(char, "") in found[0].message or f"U+{ord(char):04X}" in \
        found[0].message
