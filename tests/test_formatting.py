"""Money, numbers, dates and durations per locale.

Money, percentages and dates follow one house style per language, written out here;
numbers are grouped the CLDR way (Babel). The words for units of time are ours (the
catalogue): a library upgrade that rewords them fails here.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from babel.numbers import format_decimal
from pydantic import ValidationError

from commitgen.loading.sources import load_policy
from commitgen.model.duration import Duration
from commitgen.model.money import Money
from commitgen.model.site import SiteConfig
from commitgen.render.environment import make_environment
from tests.conftest import EXAMPLES


def render(language: str, source: str, **values: object) -> str:
    env = make_environment(language, language, None)
    return env.from_string(source).render(**values)


@pytest.mark.parametrize(("language", "amount", "currency", "expected"), [
    ("vi", "200000", "VND", "200.000\xa0đồng"), ("en", "200000", "VND", "200,000\xa0VND"),
    ("vi", "1500000", "VND", "1.500.000\xa0đồng"), ("en", "12.5", "USD", "12.50\xa0USD"),
    ("vi", "12.50", "USD", "12,50\xa0USD"), ("en", "0.99", "EUR", "0.99\xa0EUR"),
    ("en", "30", "USD", "30\xa0USD")])
def test_money_is_the_amount_and_the_currency_word(language: str, amount: str, currency: str,
                                                   expected: str) -> None:
    """One style in every document: the amount, then the currency's word — its code, or
    the catalogue's word for it (formal Vietnamese writes đồng); whole amounts without
    decimals, others with the currency's usual number of them."""
    money = Money(amount=Decimal(amount), currency=currency)
    assert render(language, "{{ m|money }}", m=money) == expected


@pytest.mark.parametrize(("language", "value", "expected"), [
    ("en", "99.9", "99.9\xa0%"), ("vi", "99.9", "99,9\xa0%"), ("en", "50", "50\xa0%"),
    ("vi", "12.25", "12,25\xa0%"), ("en", "1", "1\xa0%")])
def test_percentages_keep_their_decimals_and_a_space(language: str, value: str,
                                                     expected: str) -> None:
    assert render(language, "{{ p|percent }}", p=Decimal(value)) == expected


@pytest.mark.parametrize(("language", "length", "expected"), [
    ("vi", "long", "ngày 1 tháng 3 năm 2027"), ("en", "long", "1 March 2027"),
    ("vi", "full", "Thứ Hai, ngày 1 tháng 3 năm 2027"), ("en", "full", "Monday, 1 March 2027")])
def test_dates_are_written_as_documents_write_them(language: str, length: str,
                                                   expected: str) -> None:
    """Formal Vietnamese documents write "ngày 1 tháng 3 năm 2027"; English ones, day
    month year, as the bundled policies' own texts do."""
    day = dt.date(2027, 3, 1)
    assert render(language, "{{ d|date(length) }}", d=day, length=length) == expected


def test_numbers_are_grouped_the_cldr_way() -> None:
    assert render("vi", "{{ n|number }}", n=Decimal("1234567.5")) == format_decimal(
        Decimal("1234567.5"), locale="vi") == "1.234.567,5"
    assert render("en", "{{ n|number }}", n=Decimal("1234567.5")) == "1,234,567.5"


def test_a_project_chooses_its_own_style_per_language() -> None:
    formats = SiteConfig.model_validate({"formats": {
        "en": {"date": "MMMM d, y", "money": "symbol", "percent_space": False}}}).formats
    env = make_environment("en", "en", None, formats)
    page = env.from_string("{{ d|date }} · {{ m|money }} · {{ p|percent }}").render(
        d=dt.date(2027, 3, 1), m=Money(amount=Decimal(200000), currency="VND"),
        p=Decimal("99.5"))
    assert page == "March 1, 2027 · ₫200,000 · 99.5%"
    vietnamese = make_environment("vi", "vi", None, formats)  # other languages keep theirs
    assert vietnamese.from_string("{{ d|date }}").render(d=dt.date(2027, 3, 1)) == (
        "ngày 1 tháng 3 năm 2027")


@pytest.mark.parametrize("pattern", ["MMMM y", "'day' M y", "", "d MMMM"])
def test_a_date_pattern_must_name_day_month_and_year(pattern: str) -> None:
    with pytest.raises(ValidationError, match="date pattern"):
        SiteConfig.model_validate({"formats": {"en": {"date": pattern}}})


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("vi", "4 hours", "4 giờ"), ("en", "4 hours", "4 hours"), ("en", "1 hour", "1 hour"),
    ("vi", "30 minutes", "30 phút"), ("en", "30 minutes", "30 minutes"),
    ("vi", "1 day", "1 ngày"), ("en", "1 day", "1 day"), ("en", "1.5 days", "1.5 days"),
    ("vi", "1.5 days", "1,5 ngày"), ("vi", "2 weeks", "2 tuần"), ("en", "1 week", "1 week"),
    ("vi", "3 months", "3 tháng"), ("en", "3 months", "3 months"),
    ("vi", "1 year", "1 năm"), ("en", "2 years", "2 years")])
def test_clock_durations_are_our_words(language: str, text: str, expected: str) -> None:
    """Units are the catalogue's words, not CLDR's: a Babel release that rewrites
    Vietnamese hours as "tiếng" must not change what a charter says."""
    assert render(language, "{{ d|duration }}", d=Duration.parse(text)) == expected


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("vi", "2 business days", "2 ngày làm việc"), ("en", "2 business days", "2 business days"),
    ("en", "1 business day", "1 business day"), ("vi", "4 business hours", "4 giờ làm việc"),
    ("en", "4 business hours", "4 business hours"),
    ("en", "1.5 business days", "1.5 business days"),
    ("vi", "1.5 business days", "1,5 ngày làm việc")])
def test_business_durations_say_so(language: str, text: str, expected: str) -> None:
    assert render(language, "{{ d|duration }}", d=Duration.parse(text)) == expected


def test_date_and_time_combine_in_the_order_of_the_language() -> None:
    moment = dt.datetime(2027, 1, 8, 15, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    assert render("vi", "{{ m|datetime }}", m=moment) == "15:00, Thứ Sáu, ngày 8 tháng 1 năm 2027"
    assert render("en", "{{ m|datetime }}", m=moment) == "Friday, 8 January 2027 at 15:00"


@pytest.mark.pdf
def test_charters_print_amounts_and_dates_in_the_house_style(built_examples: Path) -> None:
    loaded, _ = load_policy(EXAMPLES / "online-retailer.yaml", "online-retailer.yaml")
    assert loaded is not None
    fees = [fee.amount for fee in loaded.policy.fees if isinstance(fee.amount, Money)]
    assert fees
    for language in ("vi", "en"):
        page = (built_examples / f"public/online-retailer/{language}/index.html").read_text(
            encoding="utf-8")
        for fee in fees:
            assert render(language, "{{ m|money }}", m=fee) in page
        assert render(language, "{{ d|date }}", d=loaded.policy.effective) in page
        assert "₫" not in page


@pytest.mark.parametrize(("language", "value", "unit", "expected"), [
    ("vi", "30", "minutes", "30 phút"), ("en", "1", "hours", "1 hour"),
    ("vi", "3", "business days", "3 ngày làm việc"), ("en", "99.9", "%", "99.9\xa0%"),
    ("vi", "99.9", "%", "99,9\xa0%"), ("en", "15", "ms", "15\xa0ms"),
    ("vi", "80", {"en": "% of plan speed", "vi": "% tốc độ gói cước"}, "80\xa0% tốc độ gói cước"),
])
def test_target_units_are_words_of_the_document_language(
        language: str, value: str, unit: object, expected: str) -> None:
    from commitgen.model.base import Text

    text = Text(by_language=unit) if isinstance(unit, dict) else Text(common=str(unit))
    assert render(language, "{{ v|measured(u) }}", v=Decimal(value), u=text) == expected


@pytest.mark.pdf
def test_examples_print_no_english_units_in_vietnamese(built_examples: Path) -> None:
    for page in built_examples.glob("public/*/vi/index.html"):
        targets = re.findall(r'class="target">([^<]*)<', page.read_text(encoding="utf-8"))
        assert targets
        for target in targets:
            assert not re.search(r"minutes?|hours?|business|days?|of plan", target), target
