"""Typed values: durations, money, percentages, strict YAML scalars."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic_core import PydanticCustomError

from commitgen.build import render_html
from commitgen.checking import check_in_project
from commitgen.loading.sources import load_policy
from commitgen.loading.strict_yaml import parse_yaml
from commitgen.model.compensation import Band
from commitgen.model.duration import Duration, TimeUnit
from commitgen.model.money import Money
from commitgen.project import load_project
from commitgen.runtime import Runtime
from tests.conftest import MINIMAL, RunCli


@pytest.mark.parametrize(("text", "value", "unit", "business"), [
    ("4 hours", 4, TimeUnit.HOUR, False),
    ("30 minutes", 30, TimeUnit.MINUTE, False),
    ("2 business days", 2, TimeUnit.DAY, True),
    ("1 working day", 1, TimeUnit.DAY, True),
    ("4 giờ", 4, TimeUnit.HOUR, False),
    ("2 ngày làm việc", 2, TimeUnit.DAY, True),
    ("PT4H", 4, TimeUnit.HOUR, False),
    ("P2D", 2, TimeUnit.DAY, False),
    ("P1DT12H", 36, TimeUnit.HOUR, False),
    ("1 month", 1, TimeUnit.MONTH, False),
])
def test_durations_parse(text: str, value: int, unit: TimeUnit, business: bool) -> None:
    duration = Duration.parse(text)
    assert (duration.value, duration.unit, duration.business) == (Decimal(value), unit, business)


@pytest.mark.parametrize("text", ["ASAP", "asap", "Promptly", "as soon as possible",
                                  "sớm nhất có thể", "nhanh chóng", "kịp thời"])
def test_vague_durations_are_rejected(text: str) -> None:
    with pytest.raises(PydanticCustomError) as caught:
        Duration.parse(text)
    assert "not a time a customer can hold you to" in str(caught.value)


@pytest.mark.parametrize("value", [4, "4", "4 fortnights", "P1M2D", "0 hours", "2 business weeks"])
def test_durations_need_a_number_and_a_unit(value: object) -> None:
    with pytest.raises(PydanticCustomError):
        Duration.parse(value)


@pytest.mark.parametrize(("value", "amount", "currency"), [
    ("200000 VND", "200000", "VND"),
    ("VND 200_000", "200000", "VND"),
    ("12.50 usd", "12.50", "USD"),
    ({"amount": Decimal("9.99"), "currency": "EUR"}, "9.99", "EUR"),
])
def test_money_parses_exactly(value: object, amount: str, currency: str) -> None:
    money = Money.parse(value)
    assert money.amount == Decimal(amount)
    assert isinstance(money.amount, Decimal)
    assert money.currency == currency


@pytest.mark.parametrize(("value", "message"), [
    ("free", "expected a positive amount"),
    ("200000", "has no currency"),
    ("200000 VNX", "unknown currency"),
    ("200.000 VND", "did you mean 200000 VND"),
    ("1,000 USD", "without separators"),
    ("0 VND", "positive"),
    ("12.345 USD", "more decimal places"),
])
def test_money_rejects_with_a_reason(value: str, message: str) -> None:
    with pytest.raises(PydanticCustomError) as caught:
        Money.parse(value)
    assert message in str(caught.value)


def test_yaml_never_converts_yaml11_values() -> None:
    doc, problems = parse_yaml(
        "a: no\nb: 012\nc: 1:30\nd: 1.10\ne: on\nf: 0x1F\ng: 2026-01-01\nh: true\ni: ~\n")
    assert problems == []
    assert doc.data == {"a": "no", "b": "012", "c": "1:30", "d": Decimal("1.10"), "e": "on",
                        "f": "0x1F", "g": "2026-01-01", "h": True, "i": None}
    assert str(doc.data["d"]) == "1.10"


def test_yaml_records_positions() -> None:
    doc, _ = parse_yaml("top:\n  items:\n    - name: x\n      size: 2\n")
    assert doc.key_positions[("top", "items", 0, "size")] == (4, 7)
    assert doc.value_positions[("top", "items", 0, "size")] == (4, 13)


@pytest.mark.parametrize(("text", "message"), [
    ("a: &x 1\nb: *x\n", "aliases"),
    ("a: {b: 1}\nc:\n  <<: {d: 2}\n", "merge keys"),
    ("a: !!binary aGk=\n", "tags"),
    ("a: 1\na: 2\n", "duplicate key"),
    ("a: 1\n---\na: 2\n", "more than one YAML document"),
    ("[" * 100 + "]" * 100, "nested deeper"),
])
def test_yaml_refuses_unsafe_or_ambiguous_constructs(text: str, message: str) -> None:
    _, problems = parse_yaml(text)
    assert any(message in p.message for p in problems), problems


def test_bands_have_explicit_bounds() -> None:
    band = Band.model_validate({"at_least": Decimal("99.0"), "below": Decimal("99.9"),
                                "percent": 10})
    assert band.contains(Decimal("99.0"))
    assert band.contains(Decimal("99.89"))
    assert not band.contains(Decimal("99.9"))


@pytest.mark.parametrize(("clock", "business", "shorter"), [
    ("5 days", "10 business days", True), ("1 day", "3 business days", True),
    ("2 days", "3 business days", False), ("3 hours", "4 business hours", True),
    ("1 hour", "1 business day", False)])
def test_clock_time_against_business_time(clock: str, business: str, shorter: bool) -> None:
    """N business days last at least N - 1 whole days, whatever the calendar."""
    assert Duration.parse(clock).surely_shorter_than(Duration.parse(business)) is shorter


@pytest.mark.parametrize(("value", "hint"), [
    ("500000 đ", 'write the ISO 4217 code VND instead of "đ"'),
    ("500000 VNĐ", 'write the ISO 4217 code VND instead of "VNĐ"'),
    ("200.000 VND", "did you mean 200000 VND?"),
])
def test_money_mistakes_get_the_fix(value: str, hint: str) -> None:
    with pytest.raises(PydanticCustomError, match=hint):
        Money.parse(value)


def test_a_decimal_amount_in_a_currency_without_cents_is_not_misread() -> None:
    with pytest.raises(PydanticCustomError) as caught:
        Money.parse("5.5 VND")
    assert "did you mean" not in str(caught.value)


def test_a_country_code_for_a_language_gets_the_language_code() -> None:
    from commitgen.model.base import _language

    with pytest.raises(PydanticCustomError, match='did you mean "vi"'):
        _language("vn")


@pytest.mark.parametrize("policy_id", ["fonts", "assets"])
def test_a_policy_id_cannot_be_a_shared_output_folder(policy_id: str, tmp_path: Path) -> None:
    """Every output tree has fonts/ and assets/ beside the charters' folders."""
    from commitgen.render.fonts import OUTPUT_FOLDER
    from commitgen.render.urls import assets

    assert OUTPUT_FOLDER == "fonts" and assets("public", "x").split("/")[1] == "assets"
    text = MINIMAL.read_text(encoding="utf-8").replace("id: minimal", f"id: {policy_id}", 1)
    (tmp_path / "p.yaml").write_text(text, encoding="utf-8")
    loaded, problems = load_policy(tmp_path / "p.yaml", "p.yaml")
    assert loaded is None
    assert [p.field_path for p in problems] == ["id"]
    assert f'the id "{policy_id}" names a folder every output tree already has' in (
        problems[0].message)


def _dated_project(root: Path, effective: str, closed: str) -> Path:
    (root / "policies").mkdir(parents=True)
    text = MINIMAL.read_text(encoding="utf-8").replace("effective: 2026-01-01",
                                                       f"effective: {effective}")
    (root / "policies" / MINIMAL.name).write_text(text, encoding="utf-8")
    (root / "commitgen.yaml").write_text(
        "business_time:\n  time_zone: Asia/Ho_Chi_Minh\n"
        "  hours: [{days: mon-fri, opens: '08:00', closes: '17:00'}]\n"
        f"  holidays: VN\n  closed: [{{date: {closed}, name: Tết}}]\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("date", ["9999-12-31", "'9999-12-31'", "0001-01-01", "1899-12-31",
                                  "3000-01-01"])
def test_a_date_the_pipeline_cannot_handle_is_a_located_error(
        date: str, tmp_path: Path, run_cli: RunCli) -> None:
    root = _dated_project(tmp_path / "p", date, date)
    result = run_cli("check", cwd=root)
    assert result.exit_code == 1, result.output
    shown = date.strip("'")
    assert (f"commitgen.yaml:5:19: business_time.closed[0].date: {shown} is outside the "
            "years 1900–2999" in result.output), result.output
    (root / "commitgen.yaml").unlink()
    result = run_cli("check", cwd=root)
    assert result.exit_code == 1, result.output
    assert f"policies/minimal.yaml:4:12: effective: {shown} is outside" in result.output, \
        result.output
    (root / "commitgen.yaml").write_text("title: x\n", encoding="utf-8")
    result = run_cli("build", "-q", cwd=root)  # refused before anything is rendered
    assert result.exit_code == 1, result.output
    assert not (root / "output").exists()


@pytest.mark.parametrize("date", ["2999-12-31", "1900-01-01"])
def test_the_first_and_last_dates_allowed_render(date: str, tmp_path: Path) -> None:
    root = _dated_project(tmp_path / "p", date, date)
    project, problems = load_project(root)
    assert project is not None, problems
    result = check_in_project(project, relative_to=root, today=dt.date(2026, 6, 1))
    assert not result.has_errors, result.diagnostics
    (root / "stage").mkdir()
    plan = render_html(project, Runtime(cwd=root, today=dt.date(2026, 6, 1)), result,
                       root / "stage")
    assert "public/minimal/en/index.html" in plan.files
