"""The Jinja2 environment for one document language.

The environment is sandboxed (a template override cannot reach Python internals),
autoescaping is on for every template and ``StrictUndefined`` turns a typo in a
template into an error instead of an empty string. Fixed wording comes from
gettext catalogues (``templates/locale/<lang>/LC_MESSAGES/messages.po``); a
project's catalogue overrides the built-in one message by message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from jinja2 import Environment, StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment
from pydantic_core import PydanticCustomError

from commitgen.model.base import Text
from commitgen.model.duration import Duration, TimeUnit
from commitgen.model.formats import LanguageFormats
from commitgen.model.money import DatedAmount, Money
from commitgen.render import formatting
from commitgen.render.catalog import load_translations
from commitgen.render.css import css_content, css_string, tint
from commitgen.render.theme import template_loader, theme_search_dirs


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
_business_units: dict[TimeUnit, tuple[str, str]] = {
    TimeUnit.DAY: _duration_words("duration", "%(num)s business day", "%(num)s business days"),
    TimeUnit.HOUR: _duration_words("duration", "%(num)s business hour", "%(num)s business hours"),
}


def _currency_word(context: str, code: str) -> str:
    """Marks a currency code for the catalogue (its context is always ``currency``)."""
    return code


#: currencies whose word a catalogue may translate (Vietnamese: VND → đồng)
_currency_words = {"VND": _currency_word("currency", "VND")}


def make_environment(language: str, default_language: str, project_templates: Path | None,
                     formats: Mapping[str, LanguageFormats] | None = None) -> Environment:
    """An environment that renders documents in ``language``, in the language's house
    style (:mod:`commitgen.render.formatting`) with the project's ``formats`` over it."""
    env = ImmutableSandboxedEnvironment(
        loader=template_loader(project_templates),
        autoescape=True,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    translations = load_translations(language, theme_search_dirs(project_templates))
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]

    style = formatting.style_for(language, formats)

    def text(value: Text | str | None) -> str:
        """A text in this language, else in the policy's default language."""
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        return value.get(language, default_language)

    def money(value: Money | list[DatedAmount], on: dt.date | None = None) -> str:
        if isinstance(value, list):
            if on is None:
                raise ValueError("an amount schedule needs a date: money(value, on=date)")
            value = formatting.amount_in_force(value, on)
        word = (str(translations.pgettext("currency", value.currency))
                if value.currency in _currency_words else value.currency)
        return formatting.format_money(value, language, style, word)

    def datetime(value: dt.datetime) -> str:
        """``Friday, 8 January 2027 at 15:00`` / ``15:00, Thứ Sáu, ngày 8 tháng 1 năm
        2027``: the catalogue puts the date and the time in the language's order."""
        combined = str(translations.gettext("%(date)s at %(time)s"))
        if combined == "%(date)s at %(time)s" and language.split("-")[0] != "en":  # no words
            combined = formatting.cldr_date_time(language)
        return combined % {"date": formatting.format_date(value.date(), language, style, "full"),
                           "time": formatting.format_time(value, language)}

    def duration(value: Duration) -> str:
        """``4 hours`` / ``4 giờ``, ``2 business days`` / ``2 ngày làm việc``: the words
        are the catalogue's (ours), never a library's, so an upgrade cannot reword a charter."""
        number = formatting.format_number(value.value, language)
        count = int(value.value) if value.value == int(value.value) else 2  # 1.5 → plural
        singular, plural = _business_units[value.unit] if value.business else (
            _clock_units[value.unit])
        return str(translations.npgettext("duration", singular, plural, count)) % {
            "num": number}

    def measured(value: Decimal, unit: Text) -> str:
        """A quantity in its unit: ``99.9%``, durations in words of this language
        (``30 phút``, ``3 business days``), else the number and the unit as written."""
        written = unit.get(language, default_language).strip()
        if unit.common is not None:
            if written == "%":
                return formatting.format_percent(value, language, style)
            try:
                return duration(Duration.parse(f"{value} {written}"))
            except PydanticCustomError:
                pass  # not a time unit: a symbol such as ms or km
        return f"{formatting.format_number(value, language)}\u00a0{written}"

    env.filters.update(
        t=text,
        measured=measured,
        money=money,
        duration=duration,
        date=lambda value, length="long": formatting.format_date(value, language, style,
                                                                 length),
        datetime=datetime,
        percent=lambda value: formatting.format_percent(value, language, style),
        number=lambda value: formatting.format_number(value, language),
        schedule=formatting.amount_schedule,
        css_string=css_string,
        css_content=css_content,
        tint=tint,
    )
    env.tests.update(
        money=lambda value: isinstance(value, Money),
        decimal=lambda value: isinstance(value, Decimal),
        schedule=lambda value: isinstance(value, list),
    )
    env.globals.update(lang=language, default_language=default_language)
    return env


def render_template(env: Environment, name: str, context: dict[str, Any]) -> str:
    return env.get_template(name).render(**context)
