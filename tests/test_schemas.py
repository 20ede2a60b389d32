"""The JSON Schemas as editors and validators use them: ECMA-262 patterns (Ajv under
Node, check-jsonschema with its default regex engine), plain-words error messages, units
the schema really constrains, and both schemas in step with the model."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commitgen.loading.strict_yaml import parse_yaml
from commitgen.model.duration import Duration, schema_pattern
from commitgen.schema import FILE_NAMES, Kind, json_schema, schema_text
from tests.conftest import EXAMPLES, MINIMAL, REPO, RunCli

STARTER = REPO / "commitgen" / "starter"
POLICIES = [*sorted(EXAMPLES.glob("*.yaml")), MINIMAL, STARTER / "policies" / "my-service.yaml"]
JS = REPO / "tests" / "js"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


@pytest.mark.parametrize("kind", ["policy", "config"])
def test_checked_in_schemas_match_the_model(kind: Kind, run_cli: RunCli) -> None:
    committed = (REPO / FILE_NAMES[kind]).read_text(encoding="utf-8")
    option = ["--config"] if kind == "config" else []
    assert committed == schema_text(kind), f"run: commitgen schema {' '.join(option)} " \
        f"-o {FILE_NAMES[kind]}"
    assert run_cli("schema", *option).stdout == committed


def _patterns(node: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    found = []
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            found.append((path, node))
        for key, value in node.items():
            if key != "patternProperties":
                found += _patterns(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _patterns(value, f"{path}/{index}")
    return found


@pytest.mark.parametrize("kind", ["policy", "config"])
def test_every_pattern_explains_itself_in_words(kind: Kind) -> None:
    patterns = _patterns(json_schema(kind))
    assert patterns
    for path, node in patterns:
        message = node.get("errorMessage", "")
        assert isinstance(message, str) and len(message.split()) >= 3, path
        assert "^" not in message and "\\" not in message, path  # words, not a regex


def test_check_jsonschema_accepts_both_schemas_with_ecma_regexes() -> None:
    result = subprocess.run([str(CHECK_JSONSCHEMA), "--check-metaschema",
                             *(str(REPO / name) for name in FILE_NAMES.values())],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_validates_every_bundled_file() -> None:
    policies = subprocess.run([str(CHECK_JSONSCHEMA), "--schemafile",
                               str(REPO / FILE_NAMES["policy"]), *map(str, POLICIES)],
                              capture_output=True, text=True, check=False)
    assert policies.returncode == 0, policies.stdout
    config = subprocess.run([str(CHECK_JSONSCHEMA), "--schemafile",
                             str(REPO / FILE_NAMES["config"]), str(STARTER / "commitgen.yaml")],
                            capture_output=True, text=True, check=False)
    assert config.returncode == 0, config.stdout


def _document(path: Path) -> Any:
    """A YAML file's data as an editor's JSON view of it (numbers as numbers)."""
    document, problems = parse_yaml(path.read_text(encoding="utf-8"), allow_empty=True)
    assert not [p for p in problems if not p.warning], problems
    return json.loads(json.dumps(document.data, default=lambda value: float(value)
                                 if isinstance(value, Decimal) else str(value)))


def _ajv(schema: Path, documents: list[Any], tmp_path: Path) -> dict[str, Any]:
    """Run tests/js/validate.mjs (Ajv, strict mode) on ``documents``."""
    node = shutil.which("node")
    if node is None or not (JS / "node_modules" / "ajv").is_dir():
        if os.environ.get("CI"):
            pytest.fail("Ajv is not installed: .ci/run installs it with npm ci --prefix tests/js")
        pytest.skip("needs node and `npm ci --prefix tests/js` (CI installs them)")
    data = tmp_path / "documents.json"
    data.write_text(json.dumps(documents), encoding="utf-8")
    result = subprocess.run([node, str(JS / "validate.mjs"), str(schema), str(data)],
                            capture_output=True, text=True, check=True)
    return dict(json.loads(result.stdout))


def test_ajv_compiles_the_policy_schema_and_accepts_every_bundled_policy(tmp_path: Path) -> None:
    outcome = _ajv(REPO / FILE_NAMES["policy"], [_document(p) for p in POLICIES], tmp_path)
    assert outcome["compiled"], outcome.get("error")
    assert outcome["results"] == [[] for _ in POLICIES]


def test_ajv_reports_misspelt_units_and_bad_addresses_in_words(tmp_path: Path) -> None:
    policy = _document(MINIMAL)
    policy["worst_cases"][0]["respond_within"] = "30 minuets"
    policy["provider"]["website"] = 'https://example.com/"quoted"'
    policy["channels"][0]["hours"] = [{"days": "Mon-Fri", "opens": "8:00", "closes": "17:30"}]
    outcome = _ajv(REPO / FILE_NAMES["policy"], [policy], tmp_path)
    errors = {error["path"]: error["message"] for error in outcome["results"][0]}
    # a deadline is a duration or a word (anyOf): ajv reports each branch, the duration's first
    assert next(error["message"] for error in outcome["results"][0]
                if error["path"] == "/worst_cases/0/respond_within").startswith(
        "a duration: a number and a unit")
    assert "/channels/0/hours/0/days" not in errors  # capitals are accepted, as by check
    assert errors["/channels/0/hours/0/opens"].startswith('a time written as "HH:MM"')
    assert any(path.startswith("/provider/website") for path in errors)
    assert not any("must match pattern" in message for message in errors.values())


def test_ajv_compiles_the_settings_schema(tmp_path: Path) -> None:
    good = _document(STARTER / "commitgen.yaml")
    bad = {**good, "branding": {"primary_colour": "blue"}, "output": 5}
    outcome = _ajv(REPO / FILE_NAMES["config"], [good, bad], tmp_path)
    assert outcome["compiled"], outcome.get("error")
    assert outcome["results"][0] == []
    errors = {error["path"]: error["message"] for error in outcome["results"][1]}
    assert errors["/branding/primary_colour"].startswith("a colour: # and 3 or 6")
    assert "/output" in errors


_DURATION = re.compile(schema_pattern())
_WORDS = ["minutes", "minuets", "hours", "hrs", "h", "days", "dayz", "weeks", "months",
          "years", "giờ", "Giờ", "ngày", "tháng", "phút", "secs", "business days",
          "business hours", "business weeks", "working day", "ngày làm việc", "tuần làm việc",
          "HOURS", "Business Days"]


def _parses(text: str) -> bool:
    try:
        Duration.parse(text)
    except ValueError:
        return False
    return True


@given(number=st.sampled_from(["1", "4", "30", "1.5", "0.25", "12"]),
       space=st.sampled_from(["", " ", "  "]), unit=st.sampled_from(_WORDS))
def test_the_duration_pattern_accepts_exactly_what_check_accepts(number: str, space: str,
                                                                 unit: str) -> None:
    text = f"{number}{space}{unit}"
    assert bool(_DURATION.match(text)) == _parses(text), text


@pytest.mark.parametrize("text", ["PT4H", "p2d", "P1DT12H", "P1Y", "PT30M"])
def test_the_duration_pattern_accepts_iso_periods(text: str) -> None:
    assert _DURATION.match(text) and _parses(text)


@pytest.mark.parametrize("text", ["ASAP", "4", "P", "PT", "in 4 hours", "4 d", "2 wk"])
def test_the_duration_pattern_rejects_what_check_rejects(text: str) -> None:
    assert not _DURATION.match(text) and not _parses(text)
