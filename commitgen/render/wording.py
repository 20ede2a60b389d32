"""The words of one document language: texts, amounts, durations, measures and dates.

One :class:`Wording` serves the templates (as filters) and the Python code that words
the engine's steps, so a charter, a staff briefing and ``commitgen compensate`` say an
amount, a duration or a band the same way. Fixed words come from the theme's gettext
catalogue, numbers and dates from CLDR (Babel).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from babel.support import Translations
from pydantic_core import PydanticCustomError

from commitgen.model.base import Text
from commitgen.model.deadline import Anchor, NotSet
from commitgen.model.duration import Duration, TimeUnit
from commitgen.model.money import DatedAmount, Money
from commitgen.render import formatting
from commitgen.render.formatting import Style


def _duration_words(context: str, singular: str, plural: str) -> tuple[str, str]:
    """Marks a duration's wording for the catalogue (its context is always ``duration``)."""
    return singular, plural


#: the wording of durations, ours in every language (translated in the catalogue)
_clock_units: dict[TimeUnit, tuple[str, str]] = {
    TimeUnit.MINUTE: _duration_words("duration", "%(num)s minute", "%(num)s minutes"),
    TimeUnit.HOUR: _duration_words("duration", "%(num)s hour", "%(num)s hours"),
    TimeUnit.DAY: _duration_words("duration", "%(num)s day", "%(num)s days"),
    TimeUnit.WEEK: _duration_words("duration", "%(num)s week", "%(num)s weeks"),
    TimeUnit.MONTH: _duration_words("duration", "%(num)s month", "%(num)s months"),
    TimeUnit.YEAR: _duration_words("duration", "%(num)s year", "%(num)s years"),
}
_full_units: dict[bool, tuple[str, str]] = {
    False: _duration_words("duration", "%(num)s full day", "%(num)s full days"),
    True: _duration_words("duration", "%(num)s full business day",
                          "%(num)s full business days"),
}
_business_units: dict[TimeUnit, tuple[str, str]] = {
    TimeUnit.DAY: _duration_words("duration", "%(num)s business day", "%(num)s business days"),
    TimeUnit.HOUR: _duration_words("duration", "%(num)s business hour", "%(num)s business hours"),
}


def _currency_word(context: str, code: str) -> str:
    """Marks a currency code for the catalogue (its context is always ``currency``)."""
    return code


#: currencies whose word a catalogue may translate (Vietnamese: VND → đồng)
_currency_words = {"VND": _currency_word("currency", "VND")}


class Wording:
    """Formatting and fixed words for ``language`` in its house ``style`` (texts fall back
    to the default language)."""

    def __init__(self, language: str, default_language: str, translations: Translations,
                 style: Style | None = None) -> None:
        self.language = language
        self.default_language = default_language
        self.translations = translations
        self.style = style if style is not None else formatting.style_for(language)

    # --- fixed words ----------------------------------------------------------------------

    def gettext(self, message: str, **values: Any) -> str:
        text = str(self.translations.gettext(message))
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values: Any) -> str:
        return str(self.translations.ngettext(singular, plural, n)) % values

    # --- values ---------------------------------------------------------------------------

    def text(self, value: Text | str | None) -> str:
        """A text in this language, else in the policy's default language."""
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        return value.get(self.language, self.default_language)

    def money(self, value: Money | list[DatedAmount], on: dt.date | None = None) -> str:
        if isinstance(value, list):
            if on is None:
                raise ValueError("an amount schedule needs a date: money(value, on=date)")
            value = formatting.amount_in_force(value, on)
        word = (str(self.translations.pgettext("currency", value.currency))
                if value.currency in _currency_words else value.currency)
        return formatting.format_money(value, self.language, self.style, word)

    def number(self, value: Decimal | int) -> str:
        return formatting.format_number(value, self.language)

    def percent(self, value: Decimal | int) -> str:
        return formatting.format_percent(value, self.language, self.style)

    def date(self, value: dt.date, length: str = "long") -> str:
        return formatting.format_date(value, self.language, self.style, length)

    def datetime(self, value: dt.datetime) -> str:
        """``Friday, 8 January 2027 at 15:00`` / ``15:00, Thứ Sáu, ngày 8 tháng 1 năm
        2027``: the catalogue puts the date and the time in the language's order."""
        combined = str(self.translations.gettext("%(date)s at %(time)s"))
        if combined == "%(date)s at %(time)s" and self.language.split("-")[0] != "en":
            combined = formatting.cldr_date_time(self.language)  # no words for it
        return combined % {"date": self.date(value.date(), "full"),
                           "time": formatting.format_time(value, self.language)}

    def duration(self, value: Duration | NotSet) -> str:
        """``4 hours`` / ``4 giờ``, ``2 business days`` / ``2 ngày làm việc``: the words
        are the catalogue's (ours), never a library's, so an upgrade cannot reword a charter.
        A deadline that is not a duration in plain words (``at the time``)."""
        if isinstance(value, NotSet):
            return {NotSet.IMMEDIATELY: self.gettext("at the time"),
                    NotSet.NONE: self.gettext("no time set"),
                    NotSet.NOT_APPLICABLE: self.gettext("not needed: paid automatically"),
                    }[value]
        number = self.number(value.value)
        count = int(value.value) if value.value == int(value.value) else 2  # 1.5 → plural
        singular, plural = _full_units[value.business] if value.full else (
            _business_units[value.unit] if value.business else _clock_units[value.unit])
        return str(self.translations.npgettext("duration", singular, plural, count)) % {
            "num": number}

    def since(self, anchor: Anchor | str) -> str:
        """What a deadline counts from, after "within 30 days": ``of your claim``."""
        return {
            "incident": self.gettext("of the incident"),
            "claim": self.gettext("of your claim"),
            "resolution": self.gettext("of the problem being put right"),
            "eligibility": self.gettext("of the compensation becoming owed"),
            "end_of_month": self.gettext("of the end of the month it happened in"),
        }[Anchor(anchor).value]

    def within(self, value: Duration | NotSet, anchor: Anchor | str, kind: str = "") -> str:
        """A deadline as a phrase: ``Within 30 days of your claim``, ``At the time``, and
        for a claim window that is not set, that only the law's limitation period applies."""
        if isinstance(value, Duration):
            return self.gettext("Within %(duration)s %(since)s", duration=self.duration(value),
                                since=self.since(anchor))
        if value is NotSet.IMMEDIATELY:
            return self.gettext("At the time")
        if value is NotSet.NONE and kind == "claim":
            return self.gettext("No deadline of ours: only the law's limitation period "
                                "applies")
        if value is NotSet.NONE:
            return self.gettext("No deadline set")
        return self.gettext("Not needed: paid automatically")

    def elapsed(self, minutes: Decimal) -> str:
        """Elapsed time in days, hours and minutes: ``2 days 4 hours``, ``59 minutes``."""
        whole = int(minutes)
        parts = [(whole // 1440, TimeUnit.DAY), (whole % 1440 // 60, TimeUnit.HOUR),
                 (whole % 60, TimeUnit.MINUTE)]
        shown = [self.duration(Duration(Decimal(n), unit)) for n, unit in parts if n]
        if minutes != whole:
            shown = [self.duration(Duration(minutes, TimeUnit.MINUTE))]
        return " ".join(shown) or self.duration(Duration(Decimal(0), TimeUnit.MINUTE))

    def measured(self, value: Decimal, unit: Text) -> str:
        """A quantity in its unit: ``99.9%``, durations in words of this language
        (``30 phút``, ``3 business days``), else the number and the unit as written."""
        written = unit.get(self.language, self.default_language).strip()
        if unit.common is not None:
            if written == "%":
                return self.percent(value)
            try:
                return self.duration(Duration.parse(f"{value} {written}"))
            except PydanticCustomError:
                pass  # not a time unit: a symbol such as ms or km
        return f"{self.number(value)}\u00a0{written}"
