"""How documents write money, numbers, percentages and dates: one style per language.

Each language has a house style, decided here once and used by every generated text:

==========  ==============================  ==============================
            English                         Vietnamese
==========  ==============================  ==============================
date        1 January 2027                  ngày 1 tháng 1 năm 2027
weekday     Friday, 8 January 2027          Thứ Sáu, ngày 8 tháng 1 năm 2027
money       200,000 VND                     200.000 đồng
percent     99.5 %                          99,5 %
==========  ==============================  ==============================

Numbers are grouped the CLDR way of the language (Babel). Money is the amount and the
currency's word: its ISO code unless the theme's catalogue gives it a word (``đồng``
for VND in Vietnamese). Any other language gets CLDR's long date and percentage. A
project changes the style per language in ``commitgen.yaml`` (``formats``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Literal

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.dates import format_skeleton
from babel.numbers import format_currency, format_decimal, get_currency_precision
from babel.numbers import format_percent as _babel_percent

from commitgen.model.formats import LanguageFormats
from commitgen.model.money import DatedAmount, Money, amount_on

NBSP = "\u00a0"


@dataclass(frozen=True)
class Style:
    """How one language writes dates, money and percentages."""

    date: str | None  # CLDR date pattern; None: CLDR's long date of the language
    money: Literal["code", "symbol"] = "code"
    percent_space: bool | None = True  # None: CLDR's percentage of the language


#: the house style of each language the theme ships; others get Style(None, "code", None)
HOUSE: dict[str, Style] = {
    "en": Style(date="d MMMM y"),
    "vi": Style(date="'ngày' d 'tháng' M 'năm' y"),
}


def locale_of(language: str) -> Locale:
    return Locale.parse(language.replace("-", "_"))


def style_for(language: str, formats: Mapping[str, LanguageFormats] | None = None) -> Style:
    """The house style of ``language`` (or of its base language: ``vi-VN`` → ``vi``),
    with the project's own choices for that language over it."""
    base = language.split("-")[0]
    style = HOUSE.get(language) or HOUSE.get(base) or Style(date=None, percent_space=None)
    own = (formats or {}).get(language) or (formats or {}).get(base)
    if own is None:
        return style
    return replace(style, **{name: value for name, value in own.model_dump().items()
                             if value is not None})


def format_number(value: Decimal | int, language: str) -> str:
    return format_decimal(value, locale=locale_of(language))


def format_money(value: Money, language: str, style: Style, word: str | None = None) -> str:
    """``200,000 VND`` / ``200.000 đồng`` (``word`` is the catalogue's word for the
    currency), or CLDR's ``₫200,000`` with the ``symbol`` style. Whole amounts have no
    decimals; others have the currency's usual number of them (12.50 USD)."""
    if style.money == "symbol":
        return format_currency(value.amount, value.currency, locale=locale_of(language))
    amount = value.amount
    if amount == amount.to_integral_value():
        number = format_decimal(amount, format="#,##0", locale=locale_of(language))
    else:
        digits = get_currency_precision(value.currency)
        number = format_decimal(amount, format="#,##0." + "0" * digits,
                                locale=locale_of(language))
    return f"{number}{NBSP}{word or value.currency}"


def format_percent(value: Decimal | int, language: str, style: Style) -> str:
    """``value`` is in percent (50 means 50 %), with as many decimals as written."""
    number = Decimal(value) / 100
    digits = max(0, -number.normalize().as_tuple().exponent - 2)  # type: ignore[operator]
    decimals = "." + "0" * digits if digits else ""
    if style.percent_space is None:  # the language's own pattern ("#,##0 %" in French)
        locale = locale_of(language)
        pattern = str(locale.percent_formats[None].pattern).split(";")[0]
        last = pattern.rfind("0")
        return _babel_percent(number, format=pattern[:last + 1] + decimals + pattern[last + 1:],
                              locale=locale)
    written = format_decimal(Decimal(value), format=f"#,##0{decimals}",
                             locale=locale_of(language))
    return f"{written}{NBSP if style.percent_space else ''}%"


def format_date(value: dt.date, language: str, style: Style, length: str = "long") -> str:
    """A date in the house style (``long``), the same with the weekday (``full``), or
    CLDR's ``short`` or ``medium`` form (for a theme that wants one)."""
    locale = locale_of(language)
    if length in ("short", "medium"):
        return _babel_date(value, format=length, locale=locale)
    if style.date is None:  # a language without a house style: CLDR's own
        return _babel_date(value, format=length, locale=locale)
    pattern = "EEEE, " + style.date if length == "full" else style.date
    return _babel_date(value, format=pattern, locale=locale)


def format_day_month(value: dt.date, language: str, style: Style) -> str:
    """The date without its year (``4 February``, ``ngày 4 tháng 2``), for the first day
    of a range whose last day gives the year."""
    if style.date is None:
        return format_skeleton("MMMMd", value, locale=locale_of(language))
    return _babel_date(value, format=_without_year(style.date), locale=locale_of(language))


def _without_year(pattern: str) -> str:
    """A date pattern without its year and the words that introduce it: ``d MMMM y`` →
    ``d MMMM``, ``'ngày' d 'tháng' M 'năm' y`` → ``'ngày' d 'tháng' M``."""
    tokens = re.findall(r"'[^']*'|[^']+", pattern)
    for index, token in enumerate(tokens):
        if token.startswith("'") or "y" not in token:
            continue
        before, _, after = token.partition(re.search(r"y+", token).group(0))  # type: ignore[union-attr]
        tokens[index] = before.rstrip(" ,-/.") + after.lstrip(" ,-/.")
        if not tokens[index].strip() and index > 0 and tokens[index - 1].startswith("'"):
            tokens[index - 1] = ""  # the quoted word before the year ('năm')
    return "".join(tokens).strip(" ,-/.")


def format_time(value: dt.datetime, language: str) -> str:
    """A 24-hour time, ``15:00``, in every language (like the opening hours)."""
    return format_skeleton("Hm", value, tzinfo=value.tzinfo, locale=locale_of(language))


def cldr_date_time(language: str) -> str:
    """How CLDR joins a full date and a time in ``language``, as a %-format with
    ``date`` and ``time`` (``%(date)s 'à' %(time)s`` → ``%(date)s à %(time)s``)."""
    pattern = str(locale_of(language).datetime_formats["full"])
    pattern = re.sub(r"'([^']*)'", r"\1", pattern.replace("%", "%%"))
    return pattern.replace("{1}", "%(date)s").replace("{0}", "%(time)s")


def amount_schedule(value: Money | list[DatedAmount]) -> list[DatedAmount]:
    """The dated amounts of a schedule (empty for a plain amount)."""
    return [] if isinstance(value, Money) else sorted(value, key=lambda item: item.from_)


def amount_in_force(value: Money | list[DatedAmount], day: dt.date) -> Money:
    """The amount that applies on ``day`` (validation guarantees there is one)."""
    money = amount_on(value, day)
    assert money is not None, "validation ensures an amount applies on the effective date"
    return money
