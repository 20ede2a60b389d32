"""The policy → view-model stage grows with a policy's size, not with its square (counted
in the engine's walks over the policy, never by a clock: the seconds are in
benchmarks/bench_view_model.py), and a policy whose examples take longer than
``compute_seconds`` fails the build with its name and the limit (a clock that the test
moves)."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import commitgen.compute.budget as budget
import commitgen.compute.needs as needs
from commitgen.compute.cases import case_compensation
from commitgen.loading.sources import load_policy
from commitgen.project import load_project
from tests.conftest import EXAMPLES, REPO, RunCli, make_project, tree_bytes

_spec = importlib.util.spec_from_file_location("measure_limits",
                                               REPO / "benchmarks" / "measure_limits.py")
assert _spec is not None and _spec.loader is not None
measure_limits = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(measure_limits)


def _walks(cases: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    """How often the engine walks a part of the policy to compute every case of the SaaS
    example grown by ``cases`` worst cases (copies of its first), and how many cases it
    has."""
    path = tmp_path / f"p{cases}.yaml"
    path.write_text(measure_limits.largest_policy(cases), encoding="utf-8")
    loaded, problems = load_policy(path, path.name)
    assert loaded is not None, problems
    count = 0
    walk = needs.walk

    def counted(node: Any) -> Iterator[Any]:
        nonlocal count
        count += 1
        return walk(node)

    monkeypatch.setattr(needs, "walk", counted)
    charter = loaded.policy.charter()
    computed = case_compensation(charter, None)
    assert len(computed) >= cases
    monkeypatch.setattr(needs, "walk", walk)
    return count, len(computed)


def test_the_engine_reads_each_case_a_bounded_number_of_times(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (small, few), (large, many) = (_walks(10, tmp_path, monkeypatch),
                                   _walks(60, tmp_path, monkeypatch))
    # linear: k times the cases, about k times the walks (it was k² times: every example
    # of every case read the whole policy again for its currency)
    assert large / small <= 1.2 * many / few, (small, few, large, many)


class _Clock:
    """A clock that moves ``step`` seconds each time it is read."""

    def __init__(self, step: float) -> None:
        self.now, self.step = 0.0, step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


SAAS = EXAMPLES / "saas-support.yaml"
BUDGET_FAILURE = ("saas-support (charter and briefing, every language): computing the "
                  "compensation examples of its worst cases took longer than 5 seconds "
                  "(limits: compute_seconds in commitgen.yaml)")


def test_a_policy_over_its_compute_budget_fails_the_build_named(
        tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project(tmp_path / "p", [SAAS])
    (root / "commitgen.yaml").write_text("limits: {compute_seconds: 5}\n", encoding="utf-8")
    monkeypatch.setattr(budget, "clock", _Clock(step=3))  # the 2nd example is too late
    result = run_cli("build", "-q", cwd=root)
    assert result.exit_code == 3, result.output
    assert BUDGET_FAILURE in result.output
    assert not (root / "output").exists()


def test_the_budget_counts_from_the_start_of_the_policy(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project(tmp_path / "p", [SAAS])
    project, problems = load_project(root)
    assert project is not None, problems
    assert project.config.limits.compute_seconds == 60  # the default
    loaded, problems = load_policy(SAAS, SAAS.name)
    assert loaded is not None, problems
    clock = _Clock(step=1)  # a second for each example: the few of this policy fit
    monkeypatch.setattr(budget, "clock", clock)
    computed = case_compensation(loaded.policy.charter(), None, seconds=60)
    assert list(computed) == [case.id for case in loaded.policy.worst_cases]
    examples = sum(len(c.examples.rows) + len(c.quick.rows) for c in computed.values())
    assert clock.now >= examples > 2, (clock.now, examples)  # a look before each example
    with pytest.raises(budget.ComputeLimitExceeded, match="longer than 2 seconds"):
        case_compensation(loaded.policy.charter(), None, seconds=2)


@pytest.mark.pdf
def test_the_previous_output_stays_when_the_budget_stops_a_build(
        tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project(tmp_path / "p", [SAAS])
    assert run_cli("build", "-q", "-j", "1", cwd=root).exit_code == 0
    before = tree_bytes(root / "output")
    (root / "commitgen.yaml").write_text("limits: {compute_seconds: 5}\n", encoding="utf-8")
    monkeypatch.setattr(budget, "clock", _Clock(step=3))
    result = run_cli("build", "-q", "-j", "1", cwd=root)
    assert result.exit_code == 3, result.output
    assert BUDGET_FAILURE in result.output
    assert tree_bytes(root / "output") == before
