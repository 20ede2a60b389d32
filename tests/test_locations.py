"""Field paths and codes stay right in the corners of the model."""

from __future__ import annotations

from pathlib import Path

import pytest

from commitgen.checking import check_paths
from commitgen.diagnostics import Severity
from commitgen.model.business_time import BusinessTime
from tests.conftest import MINIMAL


def _check(tmp_path: Path, old: str, new: str) -> list[tuple[int, int, str, str, str]]:
    text = MINIMAL.read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "p.yaml").write_text(text.replace(old, new), encoding="utf-8")
    office = BusinessTime.model_validate({
        "time_zone": "Asia/Ho_Chi_Minh", "holidays": "VN",
        "hours": [{"days": "mon-fri", "opens": "08:00", "closes": "17:00"}]})
    result = check_paths([tmp_path / "p.yaml"], root=tmp_path, business_time=office)
    return [(d.line, d.column, d.code, d.field_path, d.message) for d in result.diagnostics
            if d.severity is not Severity.NOTE]


def test_plus_prefixed_phone_keeps_its_plus(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(
        MINIMAL.read_text().replace('phone: "1900 1234"', "phone: +84912345678"))
    [loaded] = check_paths([tmp_path / "p.yaml"]).policies
    assert loaded.policy.channels[0].phone == "+84912345678"


def test_field_named_like_a_union_tag_is_located_precisely(tmp_path: Path) -> None:
    problems = _check(tmp_path, "    hours: 24/7", "    hours: [{days: mon-fri}]")
    assert [(p[3], p[4]) for p in problems] == [
        ("channels[0].hours[0].closes", 'missing required field "closes"'),
        ("channels[0].hours[0].opens", 'missing required field "opens"')]


def test_missing_scheme_type_is_a_missing_field(tmp_path: Path) -> None:
    [problem] = _check(tmp_path, "      type: fixed\n", "")
    assert problem[2:4] == ("CG012", "worst_cases[0].compensation.type")


@pytest.mark.parametrize("duration", ["PT0H0M", "0 hours", "P0D"])
def test_zero_durations_are_rejected(tmp_path: Path, duration: str) -> None:
    [problem] = _check(tmp_path, "resolve_within: 4 hours", f"resolve_within: {duration}")
    assert "longer than zero" in problem[4]


def test_claim_required_inside_combined_parts(tmp_path: Path) -> None:
    problems = _check(tmp_path, """      type: fixed
      amount: 200000 VND
      payment:
        method: automatic
        forms: [bill_credit]
        within: 30 days""", """      type: combined
      parts:
        - {type: refund, of: monthly_fee}
        - type: fixed
          amount: 200000 VND
          payment: {method: on_claim, forms: [bank_transfer], within: 30 days}""")
    assert [(p[3], p[2]) for p in problems] == [
        ("worst_cases[0].compensation", "CG103"),  # the refund part says nothing of payment
        ("worst_cases[0].compensation.parts[1].payment.method", "CG025")]


def test_grid_axis_bands_must_be_in_order(tmp_path: Path) -> None:
    problems = _check(tmp_path, """      type: fixed
      amount: 200000 VND""", """      type: grid
      of: monthly_fee
      rows:
        measure: {name: {vi: Ngày, en: Days}, unit: days}
        bands: [{below: 1}, {at_least: 3}, {at_least: 1, below: 3}]
      columns:
        measure: {name: {vi: Tỷ lệ, en: Share}, unit: "%"}
        bands: [{below: 50}, {at_least: 50}]
      cells: [[0, 0], ["10 %", "20 %"], ["5 %", "10 %"]]""")
    [order] = [p for p in problems if p[2] == "CG076"]
    assert order[3] == "worst_cases[0].compensation.rows.bands"
    assert "in order" in order[4]


def test_unknown_scheme_type_suggests_the_closest(tmp_path: Path) -> None:
    [problem] = _check(tmp_path, "      type: fixed", "      type: fixd")
    assert problem[:4] == (25, 13, "CG010", "worst_cases[0].compensation.type")
    assert 'did you mean "fixed"?' in problem[4]


def test_business_respond_against_clock_resolve(tmp_path: Path) -> None:
    problems = _check(tmp_path, "respond_within: 30 minutes", "respond_within: 5 business days")
    assert [p[3] for p in problems] == ["worst_cases[0].resolve_within"]


def test_caps_compare_date_by_date(tmp_path: Path) -> None:
    scheme = """      type: per_period
      after: 4 hours
      initial: [{from: 2026-01-01, amount: 100000 VND}, {from: 2027-01-01, amount: 200000 VND}]
      cap: [{from: 2026-01-01, amount: 150000 VND}, {from: 2027-01-01, amount: %s VND}]"""
    old = "      type: fixed\n      amount: 200000 VND"
    assert _check(tmp_path, old, scheme % 300000) == []
    [problem] = _check(tmp_path, old, scheme % 180000)
    assert problem[4] == "the cap is smaller than initial from 2027-01-01"


def test_long_and_huge_values_are_errors_not_crashes(tmp_path: Path) -> None:
    problems = _check(tmp_path, 'version: "1.0"', "version: " + "9" * 5000)
    assert problems == []  # kept as text, exactly as written
    [problem] = _check(tmp_path, "amount: 200000 VND", "amount: " + "9" * 20 + " VND")
    assert "implausibly large" in problem[4]
