"""Policies for engine tests: the minimal policy with one compensation written in YAML."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from commitgen.compute import Outcome, compensate
from commitgen.loading.strict_yaml import parse_yaml
from commitgen.model.money import Money
from commitgen.model.policy import Policy
from commitgen.rules.engine import structural_problems
from tests.conftest import MINIMAL, RunCli, make_project

OFFICE = """
time_zone: Asia/Ho_Chi_Minh
holidays: VN
hours: [{days: mon-fri, opens: "08:00", closes: "17:00"}]
"""


def yaml_data(text: str) -> Any:
    document, problems = parse_yaml(text)
    assert not problems, problems
    return document.data


def policy_with(compensation: str, claim: str | None = None, business_time: str | None = None,
                effective: str = "2026-01-01") -> Policy:
    """The minimal policy whose worst case ``outage`` has ``compensation`` (YAML text)."""
    data = yaml_data(MINIMAL.read_text(encoding="utf-8"))
    data["effective"] = effective
    case = data["worst_cases"][0]
    case["compensation"] = yaml_data(compensation)
    if claim is not None:
        case["claim"] = yaml_data(claim)
    if business_time is not None:
        data["business_time"] = yaml_data(business_time)
    policy = Policy.model_validate(data)
    errors = [p for p in structural_problems(policy) if p.is_error]
    assert not errors, errors
    return policy


def owed(policy: Policy, facts: Mapping[str, Any], case: str = "outage") -> Outcome:
    return compensate(policy, case, facts)


def money(text: str) -> Money:
    amount, currency = text.split()
    return Money(Decimal(amount), currency)


def kinds(outcome: Outcome) -> list[str]:
    return [str(step.kind) for step in outcome.steps]


def policy_file(tmp_path: Path, compensation: str) -> Path:
    """The minimal policy written under ``tmp_path/policies`` with ``compensation`` (YAML
    text) in its worst case ``outage``, for the command line."""
    text = MINIMAL.read_text(encoding="utf-8")
    start = text.index("    compensation:\n      type: fixed")
    end = text.index("        within: 30 days\n", start) + len("        within: 30 days\n")
    path = tmp_path / "policies" / "minimal.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text[:start] + "    compensation: " + " ".join(compensation.split())
                    + "\n" + text[end:], encoding="utf-8")
    return path


def page_text(project: Path, policy: str, language: str) -> str:
    """The text of a built charter page, tags removed and spaces normalised."""
    page = (project / f"output/public/{policy}/{language}/index.html").read_text("utf-8")
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", page)).replace("\xa0", " ").split())


def built_with(tmp_path: Path, run_cli: RunCli, compensation: str) -> Path:
    """A project whose one policy is the minimal one with ``compensation``, built."""
    project = make_project(tmp_path / "p", [])
    policy_file(project, compensation)
    result = run_cli("build", "-q", "-j", "1", cwd=project)
    assert result.exit_code == 0, result.output
    return project
