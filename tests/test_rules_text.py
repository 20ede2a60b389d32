"""The shared text analysis of the rules: numbers, amounts and durations in prose."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

import pytest

from commitgen.rules.text import amounts, durations, numbers, percents, sentences, word_count
from commitgen.rules.words import Words


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("Dịch vụ sẵn sàng 99,9 % thời gian", "vi", ["99.9"]),
    ("available 99.9 % of the time", "en", ["99.9"]),
    ("200.000 đồng và 1.000.000 đồng", "vi", ["200000", "1000000"]),
    ("200,000 VND and 1,000,000 VND", "en", ["200000", "1000000"]),
    ("tầng 9, 08:00–18:00", "vi", ["9", "8", "0", "18", "0"]),
    ("see https://status2.example/x3 or mail cs1@example.com", "en", []),
])
def test_numbers_are_read_per_locale(text: str, language: str, expected: list[str]) -> None:
    assert numbers(text, language) == [Decimal(v).normalize() for v in expected]


@pytest.mark.parametrize(("text", "language", "value", "currency"), [
    ("Bồi thường 200.000 đ.", "vi", "200000", "VND"),
    ("Bồi thường 200.000đ", "vi", "200000", "VND"),
    ("We pay ₫200,000.", "en", "200000", "VND"),
    ("Trả ₫200,000 cho bạn", "vi", "200000", "VND"),  # English style inside Vietnamese
    ("We pay 200,000 VND.", "en", "200000", "VND"),
    ("tối đa 5 triệu đồng", "vi", "5000000", "VND"),
    ("a fee of $12.50", "en", "12.5", "USD"),
    ("VND 300,000 once", "en", "300000", "VND"),
])
def test_amounts_in_prose(text: str, language: str, value: str, currency: str) -> None:
    [amount] = amounts(text, language)
    assert (amount.value, amount.currency) == (Decimal(value).normalize(), currency)


@pytest.mark.parametrize(("text", "expected"), [
    ("within 24 hours", ["24 hours"]),
    ("trong vòng 24 giờ", ["24 hours"]),
    ("trong 2 ngày làm việc", ["2 business days"]),
    ("within 4 business hours", ["4 business hours"]),
    ("2 buổi đào tạo, 50 GB", []),
    ("từ ngày 1 tháng 1 năm 2028", []),  # a date, not "1 year"
])
def test_durations_in_prose(text: str, expected: list[str]) -> None:
    assert [str(d.duration) for d in durations(text, "vi")] == expected


def test_percents() -> None:
    assert percents("giảm 12,5 % phí", "vi") == [Decimal("12.5")]
    assert percents("12.5% off", "en") == [Decimal("12.5")]


def test_sentences_and_word_count() -> None:
    assert sentences("We pay 99.9 % credit. Then we call; you rest!") == [
        "We pay 99.9 % credit.", "Then we call;", "you rest!"]
    assert word_count("Chúng tôi trả lời trong vòng 4 giờ.") == 8
    assert word_count("A customer-side visit at https://x.example/a-b-c") == 4


def test_word_lists_match_whole_words_after_nfc() -> None:
    words = Words()
    assert words.find("vague", "vi", unicodedata.normalize("NFD", "Trả lời NHANH CHÓNG.")) \
        == "nhanh chóng"
    assert words.find("vague", "vi", "Chi nhánh Hà Nội") is None  # "nhánh" is not "nhanh"
    assert words.find("vague", "en", "breakfast") is None
    assert words.find("vague", "vi-VN", "hợp lý") == "hợp lý"  # region ignored
    assert Words({"vague": {"en": ["snappy"]}}).find("vague", "en", "A snappy reply") == "snappy"
    assert words.number_words("en")["two"] == "2"


def test_empty_extra_words_never_match() -> None:
    words = Words({"relief": {"en": ["", "  "]}})
    assert words.find("relief", "en", "Charge the fee.") is None


def test_scale_words_count_in_numbers() -> None:
    """CG180 compares "200 nghìn đồng" with "₫200,000" as the same number."""
    assert numbers("Bồi thường 200 nghìn đồng.", "vi") == numbers("We pay ₫200,000.", "en")
    assert numbers("1,5 triệu", "vi") == numbers("1.5 million", "en") == [Decimal("1500000")]
