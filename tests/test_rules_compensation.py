"""Rules on what a compensation's texts say against what the engine computes: a note on
late payment that states other numbers (CG170), a text that names another basis than
the one the scheme is computed on (CG171)."""

from __future__ import annotations

from pathlib import Path

import pytest

from commitgen.checking import check_paths
from commitgen.diagnostics import Diagnostic
from tests.conftest import DATA

BASE = DATA / "rules" / "base.yaml"
PAYMENT = "      payment: {method: on_claim, forms: [bank_transfer], within: 10 days}"


def _variant(tmp_path: Path, *pairs: str) -> list[Diagnostic]:
    text = BASE.read_text(encoding="utf-8")
    for before, after in zip(pairs[::2], pairs[1::2], strict=True):
        assert text.count(before) == 1, before
        text = text.replace(before, after)
    path = tmp_path / "base.yaml"
    path.write_text(text, encoding="utf-8")
    return check_paths([path], root=tmp_path).diagnostics


def _late(note_vi: str, note_en: str) -> str:
    return ("      payment:\n        method: on_claim\n        forms: [bank_transfer]\n"
            "        within: 10 days\n        late_payment:\n          percent: 5\n"
            "          per: 1 week\n          note:\n"
            f"            vi: {note_vi}\n            en: {note_en}")


def test_a_late_payment_note_stating_other_numbers_is_an_error(tmp_path: Path) -> None:
    found = _variant(tmp_path, PAYMENT, _late("Mỗi tuần chậm, cộng thêm 7 %.",
                                              "For each week of delay we add 7 %."))
    assert [(p.code, p.field_path) for p in found] == [
        ("CG170", "worst_cases[1].compensation.payment.late_payment.note.vi"),
        ("CG170", "worst_cases[1].compensation.payment.late_payment.note.en")]
    assert "7 %" in found[0].message


@pytest.mark.parametrize("note", [
    ("Mỗi tuần chậm, cộng thêm 5 %.", "For each week of delay we add 5 %."),
    ("Khoản cộng thêm được trả cùng khoản bồi thường.", "The addition is paid with it."),
])
def test_a_late_payment_note_that_agrees_or_explains_passes(tmp_path: Path,
                                                           note: tuple[str, str]) -> None:
    assert _variant(tmp_path, PAYMENT, _late(*note)) == []


SAAS = Path(__file__).parent.parent / "policies" / "saas-support.yaml"


def test_the_billing_error_that_overpromised_is_caught(tmp_path: Path) -> None:
    """The bundled charter once refunded "the price you paid" for a billing error whose
    remedy refunds what was charged in error: CG171 names both."""
    text = SAAS.read_text(encoding="utf-8")
    old = "      percent: 100\n      of: amount_charged_in_error\n"
    assert text.count(old) == 1
    (tmp_path / "saas-support.yaml").write_text(text.replace(old, old.replace(
        "amount_charged_in_error", "price_paid")), encoding="utf-8")
    found = [p for p in check_paths([tmp_path / "saas-support.yaml"], root=tmp_path).diagnostics
             if p.code == "CG171"]
    assert [p.field_path for p in found] == ["worst_cases[4].remedy.vi",
                                             "worst_cases[4].remedy.en"]
    assert '"charged in error" (amount_charged_in_error)' in found[1].message
    assert "computed on price_paid" in found[1].message


@pytest.mark.parametrize(("remedy", "of"), [
    # a sentence naming several bases passes when one of them is the scheme's
    ("{vi: Hoàn lại số tiền bạn đã thanh toán, kể cả phí giao hàng., "
     "en: We refund the price you paid, the delivery fee included.}", "price_paid"),
    # no basis named: nothing to compare
    ("{vi: Chúng tôi khôi phục dịch vụ., en: We restore the service.}", "price_paid"),
    ("{vi: Hoàn lại giá vé., en: We refund your fare.}", "ticket_price"),
])
def test_a_text_naming_the_schemes_basis_passes(tmp_path: Path, remedy: str, of: str) -> None:
    found = _variant(tmp_path,
                     "    remedy: {vi: Chúng tôi khôi phục dịch vụ., en: We restore the service.}",
                     f"    remedy: {remedy}", "      of: monthly_fee", f"      of: {of}",
                     "en: 10 % off the monthly fee below", "en: 10 % off below",
                     "vi: Giảm 10 % phí tháng khi", "vi: Giảm 10 % khi")
    assert [p for p in found if p.code == "CG171"] == []


def test_an_explanation_naming_another_basis_is_reported(tmp_path: Path) -> None:
    """base.yaml's explanation speaks of the monthly fee: computed on the ticket price,
    that explanation is reported in both languages."""
    found = _variant(tmp_path, "      of: monthly_fee", "      of: ticket_price")
    assert [(p.code, p.field_path) for p in found if p.code == "CG171"] == [
        ("CG171", "worst_cases[0].compensation.explanation.vi"),
        ("CG171", "worst_cases[0].compensation.explanation.en")]


def test_a_project_adds_its_own_basis_words(tmp_path: Path) -> None:
    from commitgen.rules.config import RulesConfig

    text = BASE.read_text(encoding="utf-8").replace(
        "    remedy: {vi: Chúng tôi khôi phục dịch vụ., en: We restore the service.}",
        "    remedy: {vi: Hoàn lại tiền cọc., en: We return your deposit.}")
    (tmp_path / "base.yaml").write_text(text, encoding="utf-8")
    config = RulesConfig.model_validate({"words": {"basis": {
        "en": ["deposit price_paid"], "vi": ["tiền cọc price_paid"]}}})
    found = check_paths([tmp_path / "base.yaml"], root=tmp_path, rules=config).diagnostics
    assert [(p.code, p.field_path) for p in found] == [
        ("CG171", "worst_cases[0].remedy.vi"), ("CG171", "worst_cases[0].remedy.en")]
