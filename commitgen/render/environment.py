"""The Jinja2 environment for one document language.

The environment is sandboxed (a template override cannot reach Python internals),
autoescaping is on for every template and ``StrictUndefined`` turns a typo in a
template into an error instead of an empty string. Fixed wording comes from
gettext catalogues (``templates/locale/<lang>/LC_MESSAGES/messages.po``); a
project's catalogue overrides the built-in one message by message.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from jinja2 import Environment, StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment
from pydantic_core import PydanticCustomError

from commitgen.model.base import Text
from commitgen.model.duration import Duration
from commitgen.model.money import DatedAmount, Money
from commitgen.render import formatting
from commitgen.render.catalog import load_translations
from commitgen.render.css import css_content, css_string, tint
from commitgen.render.theme import template_loader, theme_search_dirs


def make_environment(language: str, default_language: str,
                     project_templates: Path | None) -> Environment:
    """An environment that renders documents in ``language``."""
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
        return formatting.format_money(value, language)

    def duration(value: Duration) -> str:
        if not value.business:
            return formatting.format_clock_duration(value, language)
        number = formatting.format_number(value.value, language)
        count = int(value.value) if value.value == int(value.value) else 2  # 1.5 → plural
        if value.unit.value == "day":
            text = translations.npgettext(
                "duration", "%(num)s business day", "%(num)s business days", count)
        else:
            text = translations.npgettext(
                "duration", "%(num)s business hour", "%(num)s business hours", count)
        return str(text) % {"num": number}

    def measured(value: Decimal, unit: Text) -> str:
        """A quantity in its unit: ``99.9%``, durations in words of this language
        (``30 phút``, ``3 business days``), else the number and the unit as written."""
        written = unit.get(language, default_language).strip()
        if unit.common is not None:
            if written == "%":
                return formatting.format_percent(value, language)
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
        date=lambda value, length="long": formatting.format_date(value, language, length),
        datetime=lambda value: formatting.format_datetime(value, language),
        percent=lambda value: formatting.format_percent(value, language),
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
