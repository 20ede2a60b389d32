"""The policy → view-model stage grows with a policy's size, not with its square: a
policy at the file-size limits (2 MiB, 200,000 values) is computed in seconds. Measured
by counting the engine's walks over the policy, never by a clock (the seconds are in
benchmarks/bench_view_model.py)."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import commitgen.compute.needs as needs
from commitgen.compute.cases import case_compensation
from commitgen.loading.sources import load_policy
from tests.conftest import REPO

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
