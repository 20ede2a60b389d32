"""Real, published compensation schemes modelled as policies, with their official figures.

Each ``tests/data/schemes/NAME.yaml`` cites its source at the top; ``NAME.cases.yaml`` lists
cases (facts → the amount the scheme's text gives). Shapes: a transport delay by distance
and delay (EU 261/2004), a utility's guaranteed standard with per-period accrual (Ofwat
GSS), a cloud SLA's credit bands (Amazon S3), a rail delay scheme by minutes (Delay
Repay) and a retailer's late delivery (Amazon guaranteed delivery).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from commitgen.checking import check_paths
from commitgen.compute import compensate
from commitgen.loading.sources import load_policy
from commitgen.loading.strict_yaml import parse_yaml
from commitgen.model.compensation import NoCompensation, _Scheme
from commitgen.model.policy import Policy
from commitgen.model.walk import walk
from tests.conftest import DATA
from tests.engine_support import money

SCHEMES = DATA / "schemes"
NAMES = sorted(p.name.removesuffix(".cases.yaml") for p in SCHEMES.glob("*.cases.yaml"))


def _policy(name: str) -> Policy:
    loaded, problems = load_policy(SCHEMES / f"{name}.yaml", name)
    assert loaded is not None, problems
    return loaded.policy


def _cases() -> list[Any]:
    out = []
    for name in NAMES:
        document, problems = parse_yaml((SCHEMES / f"{name}.cases.yaml").read_text("utf-8"))
        assert not problems
        out += [pytest.param(name, case, id=f"{name}-{index}")
                for index, case in enumerate(document.data)]
    return out


def test_at_least_four_real_schemes_of_different_shapes() -> None:
    shapes = {value.type for name in NAMES for _, value in walk(_policy(name).worst_cases)
              if isinstance(value, _Scheme | NoCompensation)}
    assert {"grid", "per_period", "bands", "refund", "by_category"} <= shapes
    for name in NAMES:
        header = (SCHEMES / f"{name}.yaml").read_text("utf-8").split("\nid:")[0]
        assert "Source:" in header and "https://" in header, name


@pytest.mark.parametrize("name", NAMES)
def test_the_fixtures_are_valid_policies(name: str) -> None:
    result = check_paths([SCHEMES / f"{name}.yaml"])
    assert not [d for d in result.diagnostics if d.code.startswith("CG0") and d.is_error]


@pytest.mark.parametrize(("name", "case"), _cases())
def test_official_figures(name: str, case: dict[str, Any]) -> None:
    outcome = compensate(_policy(name), case["case"], case["facts"])
    if case["owed"] == "nothing":
        assert outcome.amount is None or outcome.amount.amount == 0
    else:
        assert outcome.amount == money(case["owed"]), outcome.steps
    if "extension" in case:
        assert str(outcome.extension) == case["extension"]


def test_every_scheme_file_has_cases() -> None:
    policies = {p.stem for p in SCHEMES.glob("*.yaml") if not p.name.endswith(".cases.yaml")}
    assert policies == set(NAMES)
    assert len(NAMES) >= 4
    assert all(Path(SCHEMES / f"{name}.cases.yaml").stat().st_size for name in NAMES)
