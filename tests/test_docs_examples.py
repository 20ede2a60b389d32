"""Every YAML example of the format reference is valid: a whole policy validates as one,
a fragment (``compensation:``, ``channels:``, ``changes:`` …) validates as the field it
shows, and ``commitgen.yaml`` examples as settings. An example that says it leaves fields
out (a ``# …`` comment) may lack required fields; what it shows must still be valid. An
example in the docs is a test."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

from commitgen.loading.strict_yaml import parse_yaml
from commitgen.model.compensation import Compensation
from commitgen.model.policy import Policy, WorstCase
from commitgen.model.site import SiteConfig
from tests.conftest import REPO

DOCS = REPO / "docs" / "format.md"


def _blocks(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every ```yaml block."""
    text = path.read_text(encoding="utf-8")
    return [(text[:match.start()].count("\n") + 2, match.group(1))
            for match in re.finditer(r"```ya?ml\n(.*?)```", text, flags=re.S)]


BLOCKS = _blocks(DOCS)


def _required(model: type[BaseModel]) -> set[str]:
    return {name for name, field in model.model_fields.items() if field.is_required()}


def _validate(data: dict[str, Any]) -> None:
    """A whole policy as one; otherwise each field as the field it is an example of."""
    keys = set(data)
    if _required(Policy) <= keys:
        Policy.model_validate(data)
        return
    site_fields = set(SiteConfig.model_fields)
    policy_fields = set(Policy.model_fields)
    case_fields = set(WorstCase.model_fields)
    if keys <= site_fields and not keys <= policy_fields:
        SiteConfig.model_validate(data)
        return
    for key, value in data.items():
        if key in policy_fields:
            TypeAdapter(Policy.model_fields[key].annotation).validate_python(value)
        elif key in case_fields:
            TypeAdapter(WorstCase.model_fields[key].annotation).validate_python(value)
        elif key == "type":  # a compensation scheme shown on its own
            TypeAdapter(Compensation).validate_python(data)
            return
        else:
            pytest.fail(f"the example's field {key!r} is not a field of a policy, a worst "
                        "case or commitgen.yaml")


def test_the_reference_has_examples() -> None:
    assert len(BLOCKS) >= 20


@pytest.mark.parametrize(("line", "block"), BLOCKS, ids=[f"format.md:{n}" for n, _ in BLOCKS])
def test_every_format_example_is_valid(line: int, block: str) -> None:
    document, problems = parse_yaml(block, allow_empty=True)
    assert not problems, f"docs/format.md:{line}: not strict YAML: {problems}"
    if document.data is None:
        assert all(row.startswith("#") for row in block.strip().splitlines())
        return  # only comments (e.g. the editor's schema line)
    data = document.data
    assert isinstance(data, dict), f"docs/format.md:{line}: an example is a mapping of fields"
    if any("…" in str(value) for value in _leaves(data)):
        pytest.skip("an outline with … placeholders")  # none should remain: counted below
    elided = "# …" in block  # "# … title, deadlines …": fields left out on purpose
    try:
        _validate(data)
    except ValidationError as exc:
        errors = [e for e in exc.errors() if not (elided and e["type"] == "missing")]
        if errors:
            pytest.fail(f"docs/format.md:{line}: the example is not valid:\n{errors}")


def _leaves(data: Any) -> list[Any]:
    if isinstance(data, dict):
        return [leaf for value in data.values() for leaf in _leaves(value)]
    if isinstance(data, list):
        return [leaf for value in data for leaf in _leaves(value)]
    return [data]
