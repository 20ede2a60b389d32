"""Locale-correct formatting of the model's values, by CLDR (Babel).

Every function takes the language code of the document being rendered.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.dates import format_skeleton
from babel.numbers import format_currency, format_decimal
from babel.numbers import format_percent as _babel_percent

from commitgen.model.money import DatedAmount, Money, amount_on


def locale_of(language: str) -> Locale:
    return Locale.parse(language.replace("-", "_"))


def format_money(value: Money, language: str) -> str:
    """``200.000 ₫`` in Vietnamese, ``₫200,000`` in English — whatever CLDR says."""
    return format_currency(value.amount, value.currency, locale=locale_of(language))


def format_number(value: Decimal | int, language: str) -> str:
    return format_decimal(value, locale=locale_of(language))


def format_percent(value: Decimal | int, language: str) -> str:
    """``value`` is in percent (50 means 50 %)."""
    number = Decimal(value) / 100
    digits = max(0, -number.normalize().as_tuple().exponent - 2)  # type: ignore[operator]
    pattern = "#,##0" + ("." + "0" * digits if digits else "") + "%"
    return _babel_percent(number, format=pattern, locale=locale_of(language))


def format_date(value: dt.date, language: str, length: str = "long") -> str:
    """A date in CLDR's ``short``, ``medium``, ``long`` or ``full`` (with weekday) form."""
    return _babel_date(value, format=length, locale=locale_of(language))


def format_datetime(value: dt.datetime, language: str) -> str:
    """Weekday, date and a 24-hour time — ``Friday, January 8, 2027, 15:00`` /
    ``15:00 Thứ Sáu, 8 tháng 1, 2027`` — combined the way CLDR says the locale combines
    them. The time uses CLDR's 24-hour form (skeleton ``Hm``) in every locale, to read
    like the opening hours printed next to it."""
    locale = locale_of(language)
    date = _babel_date(value, format="full", locale=locale)
    time = format_skeleton("Hm", value, tzinfo=value.tzinfo, locale=locale)
    pattern = re.sub(r"'([^']*)'", r"\1", str(locale.datetime_formats["full"]))  # 'at' → at
    return pattern.replace("{1}", date).replace("{0}", time)


def amount_schedule(value: Money | list[DatedAmount]) -> list[DatedAmount]:
    """The dated amounts of a schedule (empty for a plain amount)."""
    return [] if isinstance(value, Money) else sorted(value, key=lambda item: item.from_)


def amount_in_force(value: Money | list[DatedAmount], day: dt.date) -> Money:
    """The amount that applies on ``day`` (validation guarantees there is one)."""
    money = amount_on(value, day)
    assert money is not None, "validation ensures an amount applies on the effective date"
    return money
