"""Nothing a policy holds can act on a terminal, a CI log or a code-scanning page: every
invisible or control character is escaped in every output format, and values are quoted
only as short excerpts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commitgen.printable import excerpt, is_hidden, printable
from commitgen.report import FORMATS
from tests.conftest import MINIMAL, RunCli

#: (policies hold no control characters — they are refused, CG004 — but file names can)
#: a right-to-left override; a zero-width space; a line separator; a paragraph separator
HOSTILE_YAML = r"all checks passed\u202Ecod.exe\u200B\L\P"
#: clear the screen, then print a fake green line
HOSTILE_NAME = "evil\x1b[2J\x1b[32mall checks passed\u202e.yaml"


def _hostile_project(tmp_path: Path) -> Path:
    text = MINIMAL.read_text(encoding="utf-8")
    text = text.replace("    resolve_within: 4 hours\n",
                        f'    resolve_within: "4 hours{HOSTILE_YAML}"\n'
                        f'    "{HOSTILE_YAML}": 1\n')
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / HOSTILE_NAME).write_text(text, encoding="utf-8")
    return tmp_path


def _hidden(text: str, allowed: str = "\n") -> list[str]:
    return [char for char in text if is_hidden(char) and char not in allowed]


def _strings(data: object) -> list[str]:
    """Every string in parsed JSON, keys included: what a JSON or SARIF reader shows."""
    if isinstance(data, dict):
        return [*data, *(s for value in data.values() for s in _strings(value))]
    if isinstance(data, list):
        return [s for value in data for s in _strings(value)]
    return [data] if isinstance(data, str) else []


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_escapes_hostile_values_keys_and_file_names(
        fmt: str, tmp_path: Path, run_cli: RunCli) -> None:
    result = run_cli("check", "--format", fmt, cwd=_hostile_project(tmp_path))
    assert result.exit_code == 1
    out = result.stdout  # check prints its results on standard output in every format
    assert _hidden(out) == []
    shown = "\n".join(_strings(json.loads(out))) if fmt in ("json", "sarif") else out
    assert _hidden(shown) == []
    if fmt == "sarif":  # a URI: the real name, percent-encoded
        assert "policies/evil%1B%5B2J%1B%5B32mall%20checks%20passed%E2%80%AE.yaml" in shown
    else:
        assert "evil\\x1b[2J\\x1b[32mall checks passed\\u202e.yaml" in shown
    assert 'unknown field "all checks passed\\u202ecod.exe\\u200b\\u2028\\u2029"' in shown
    assert '"4 hoursall checks passed\\u202ecod.exe\\u200b\\u2028\\u2029"' in shown


def test_build_failures_are_escaped(tmp_path: Path, run_cli: RunCli) -> None:
    result = run_cli("build", cwd=_hostile_project(tmp_path))
    assert result.exit_code == 1
    assert _hidden(result.output) == []


@given(st.text())
def test_printable_leaves_nothing_hidden(text: str) -> None:
    assert _hidden(printable(text), allowed="") == []
    assert _hidden(printable(text, keep_newlines=True)) == []


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Co", "Cn",
                                                            "Zl", "Zp"))))
def test_visible_text_is_shown_as_written(text: str) -> None:
    assert printable(text) == text


def test_an_excerpt_is_short_and_says_how_long_the_value_was() -> None:
    secret = "root:x:0:0:root:/root:/bin/bash" * 10
    shown = excerpt(secret)
    assert shown.startswith("root:x:0:0:root:/root:/bin/bashroot:x:0")
    assert shown.endswith("… (310 characters)")
    assert len(shown) < 80
    assert excerpt("\x1b[2J") == "\\x1b[2J"
