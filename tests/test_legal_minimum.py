"""A legal floor: the amounts are the minimum a named law sets, the provider may pay more —
the engine's answer says "at least", a step names the law, the charter says so in both
languages; the amounts are computed exactly as without it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.support import Translations
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commitgen.compute.terms import scheme_terms
from commitgen.render.steps import word_outcome
from commitgen.render.wording import Wording
from tests.conftest import RunCli
from tests.engine_support import built_with, kinds, money, owed, page_text, policy_file, policy_with

EMS = """{type: percentage, times: 4, of: delivery_fee,
  legal_minimum: {vi: Nghị định 47/2011/NĐ-CP, en: Decree 47/2011/ND-CP},
  payment: {method: automatic, forms: [cash], within: 30 days}}"""


def test_the_answer_is_at_least_the_amount() -> None:
    outcome = owed(policy_with(EMS), {"delivery_fee": "35000 VND"})
    assert outcome.amount == money("140000 VND")
    assert kinds(outcome) == ["percent", "legal_minimum"]  # no deadline without a date
    assert outcome.steps[-1].values["law"].get("en") == "Decree 47/2011/ND-CP"


def test_nothing_owed_is_not_a_minimum() -> None:
    outcome = owed(policy_with(EMS), {"delivery_fee": "0 VND"})
    assert outcome.amount == money("0 VND") and "legal_minimum" not in kinds(outcome)


def test_the_terms_name_the_law() -> None:
    terms = scheme_terms(policy_with(EMS).worst_cases[0].compensation)
    assert terms["legal_minimum"].get("vi") == "Nghị định 47/2011/NĐ-CP"
    plain = scheme_terms(policy_with(EMS.replace(
        "legal_minimum: {vi: Nghị định 47/2011/NĐ-CP, en: Decree 47/2011/ND-CP},", ""))
        .worst_cases[0].compensation)
    assert plain["legal_minimum"] is None


def test_compensate_says_at_least_in_both_languages(tmp_path: Path, run_cli: RunCli) -> None:
    path = policy_file(tmp_path, EMS)
    en = run_cli("compensate", str(path), "outage", "--fact", "delivery_fee=35000VND",
                 "--lang", "en")
    out = en.output.replace("\xa0", " ")
    assert "Owed: at least 140,000 VND (the law's minimum)" in out, out
    assert "This is the minimum that Decree 47/2011/ND-CP sets: we may pay more." in out
    vi = run_cli("compensate", str(path), "outage", "--fact", "delivery_fee=35000VND")
    assert "ít nhất 140.000 đồng (mức tối thiểu theo quy định)" in \
        vi.output.replace("\xa0", " "), vi.output


def test_a_mistake_is_located(tmp_path: Path, run_cli: RunCli) -> None:
    bad = EMS.replace("legal_minimum: {vi: Nghị định 47/2011/NĐ-CP, en: Decree 47/2011/ND-CP}",
                      "legal_minimum: [Decree]")
    result = run_cli("check", str(policy_file(tmp_path, bad)))
    assert result.exit_code != 0
    assert re.search(r"minimal\.yaml:\d+:\d+: .*compensation\.legal_minimum: ",
                     result.output), result.output


@pytest.mark.pdf
def test_the_charter_states_the_floor(tmp_path: Path, run_cli: RunCli) -> None:
    project = built_with(tmp_path, run_cli, EMS)
    assert ("The law's minimum These amounts are the minimum that Decree 47/2011/ND-CP sets: "
            "you are owed at least them, and we may pay more.") in \
        page_text(project, "minimal", "en")
    assert "mức tối thiểu theo Nghị định 47/2011/NĐ-CP" in page_text(project, "minimal", "vi")
    # the overview says it too
    assert "4 times the delivery fee (the law's minimum)" in page_text(project, "minimal", "en")
    assert "4 lần phí giao hàng (mức tối thiểu theo quy định)" in \
        page_text(project, "minimal", "vi")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fee=st.integers(0, 10**7))
def test_the_floor_changes_the_words_not_the_amount(fee: int) -> None:
    plain = policy_with(EMS.replace(
        "legal_minimum: {vi: Nghị định 47/2011/NĐ-CP, en: Decree 47/2011/ND-CP},", ""))
    with_law, without = (owed(p, {"delivery_fee": f"{fee} VND"})
                         for p in (policy_with(EMS), plain))
    assert with_law.amount == without.amount
    headline = word_outcome(with_law, Wording("en", "en", Translations())).headline
    assert headline.startswith("Owed: at least") == (fee > 0)
