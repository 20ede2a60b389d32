"""The bundled example policies are complete and clean."""

from __future__ import annotations

from commitgen.checking import check_paths
from commitgen.model.compensation import SCHEME_TYPES
from commitgen.model.walk import walk
from tests.conftest import EXAMPLES, RunCli


def test_examples_have_no_errors_and_no_warnings() -> None:
    result = check_paths([EXAMPLES])
    assert result.diagnostics == []
    assert len(result.policies) == 3


def test_examples_use_every_compensation_scheme() -> None:
    used = set()
    for loaded in check_paths([EXAMPLES]).policies:
        used |= {getattr(value, "type", None) for _, value in walk(loaded.policy)}
    assert set(SCHEME_TYPES) - {"combined"} <= used


def test_examples_have_staff_guidance_for_every_worst_case() -> None:
    for loaded in check_paths([EXAMPLES]).policies:
        policy = loaded.policy
        assert policy.staff is not None
        guided = {guide.case for guide in policy.staff.cases}
        assert guided == {case.id for case in policy.worst_cases}, policy.id
        assert policy.staff.goodwill and policy.staff.outside_control and policy.staff.threats


def test_check_in_repository_root_uses_the_examples(run_cli: RunCli) -> None:
    result = run_cli("check", "--strict", cwd=EXAMPLES.parent)
    assert result.exit_code == 0, result.output
    assert "3 files checked: no problems" in result.stderr
