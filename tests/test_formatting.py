"""Money, numbers, dates and durations per locale.

Money, numbers, percentages and dates are CLDR's (through Babel): those expected values
are asked of Babel. The words for units of time are ours (the catalogue): those expected
values are written out, so a library upgrade that rewords them fails here.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

from commitgen.loading.sources import load_policy
from commitgen.model.duration import Duration
from commitgen.model.money import Money
from commitgen.render.environment import make_environment
from tests.conftest import EXAMPLES


def render(language: str, source: str, **values: object) -> str:
    env = make_environment(language, language, None)
    return env.from_string(source).render(**values)


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize(("amount", "currency"), [
    ("200000", "VND"), ("1500000", "VND"), ("12.50", "USD"), ("0.99", "EUR")])
def test_money_is_cldr(language: str, amount: str, currency: str) -> None:
    money = Money(amount=Decimal(amount), currency=currency)
    assert render(language, "{{ m|money }}", m=money) == format_currency(
        Decimal(amount), currency, locale=language)


def test_money_examples_named_in_the_issue() -> None:
    money = Money(amount=Decimal(200000), currency="VND")
    assert render("vi", "{{ m|money }}", m=money) == "200.000\xa0₫"
    assert render("en", "{{ m|money }}", m=money) == "₫200,000"
    four = Duration.parse("4 hours")
    assert render("vi", "{{ d|duration }}", d=four) == "4 giờ"
    assert render("en", "{{ d|duration }}", d=four) == "4 hours"


@pytest.mark.parametrize("language", ["vi", "en"])
def test_numbers_percent_and_dates_are_cldr(language: str) -> None:
    assert render(language, "{{ n|number }}", n=Decimal("1234567.5")) == format_decimal(
        Decimal("1234567.5"), locale=language)
    assert render(language, "{{ p|percent }}", p=Decimal("99.9")) == format_percent(
        Decimal("0.999"), format="#,##0.0%", locale=language)
    day = dt.date(2027, 3, 1)
    assert render(language, "{{ d|date }}", d=day) == format_date(day, "long", locale=language)
    assert render(language, "{{ d|date('full') }}", d=day) == format_date(
        day, "full", locale=language)


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


def test_date_and_time_combine_as_cldr_says() -> None:
    moment = dt.datetime(2027, 1, 8, 15, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    assert render("vi", "{{ m|datetime }}", m=moment) == "15:00 Thứ Sáu, 8 tháng 1, 2027"
    assert render("en", "{{ m|datetime }}", m=moment).startswith("Friday, January 8, 2027")


@pytest.mark.pdf
def test_charters_print_cldr_amounts_and_dates(built_examples: Path) -> None:
    loaded, _ = load_policy(EXAMPLES / "online-retailer.yaml", "online-retailer.yaml")
    assert loaded is not None
    fees = [fee.amount for fee in loaded.policy.fees if isinstance(fee.amount, Money)]
    assert fees
    for language in ("vi", "en"):
        page = (built_examples / f"public/online-retailer/{language}/index.html").read_text(
            encoding="utf-8")
        for fee in fees:
            assert format_currency(fee.amount, fee.currency, locale=language) in page
        assert format_date(loaded.policy.effective, "long", locale=language) in page


@pytest.mark.parametrize(("language", "value", "unit", "expected"), [
    ("vi", "30", "minutes", "30 phút"), ("en", "1", "hours", "1 hour"),
    ("vi", "3", "business days", "3 ngày làm việc"), ("en", "99.9", "%", "99.9%"),
    ("vi", "99.9", "%", "99,9%"), ("en", "15", "ms", "15\xa0ms"),
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
