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
