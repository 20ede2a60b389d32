"""The Jinja2 environment for one document language.

Autoescaping is on for every template and ``StrictUndefined`` turns a typo in a
template into an error instead of an empty string. Fixed wording comes from
gettext catalogues (``templates/locale/<lang>/LC_MESSAGES/messages.po``); a
project's catalogue overrides the built-in one message by message.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from jinja2 import Environment, StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from commitgen.model.base import Text
from commitgen.model.duration import Duration
from commitgen.model.money import DatedAmount, Money
from commitgen.render import formatting
from commitgen.render.theme import template_loader, theme_search_dirs


def load_translations(language: str, search_dirs: list[Path]) -> Translations:
    """Merge the catalogues for ``language``; earlier folders win."""
    merged = Catalog(locale=language.replace("-", "_"))
    for folder in reversed(search_dirs):  # built-in first, project last: project wins
        po = folder / "locale" / language / "LC_MESSAGES" / "messages.po"
        if not po.is_file():
            continue
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=language.replace("-", "_"))
        for message in catalog:
            if message.id and message.string and not message.fuzzy:
                merged[message.id] = message
    buffer = io.BytesIO()
    write_mo(buffer, merged)
    buffer.seek(0)
    return Translations(buffer)


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
        if value.business:
            unit = "day" if value.unit.value == "day" else "hour"
            number = formatting.format_number(value.value, language)
            singular = (_BUSINESS_DAY if unit == "day" else _BUSINESS_HOUR)
            plural = singular + "s"
            return str(translations.unpgettext(
                "duration", singular, plural, int(value.value) if value.value == int(
                    value.value) else 2) % {"num": number})
        return formatting.format_clock_duration(value, language)

    env.filters.update(
        t=text,
        money=money,
        duration=duration,
        date=lambda value: formatting.format_date(value, language),
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


_BUSINESS_DAY = "%(num)s business day"
_BUSINESS_HOUR = "%(num)s business hour"


def _plain(value: Any) -> str:
    return value.unescape() if isinstance(value, Markup) else str(value)


def css_string(value: Any) -> Markup:
    """``value`` as a quoted CSS string, safe inside ``<style>`` (theme labels in @page rules).

    Quotes, backslashes, control characters and ``<``, ``>``, ``&`` are written as CSS
    escapes, so no text can end the string or the style element.
    """
    out = []
    for char in _plain(value):
        if char in '"\'\\<>&' or ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\{ord(char):x} ")
        else:
            out.append(char)
    return Markup('"' + "".join(out) + '"')


_CSS_COUNTER = re.compile(r"(counter\(pages?\))")


def css_content(value: Any) -> Markup:
    """A CSS ``content`` value: the text as quoted strings, ``counter(page)`` and
    ``counter(pages)`` kept as counters (``_("Page %(page)s of %(pages)s",
    page="counter(page)", pages="counter(pages)")|css_content``)."""
    parts = [part for part in _CSS_COUNTER.split(_plain(value)) if part]
    return Markup(" ".join(part if _CSS_COUNTER.fullmatch(part) else css_string(part)
                           for part in parts) or '""')


def tint(colour: str, white: float) -> str:
    """``colour`` (#rgb or #rrggbb) mixed with ``white`` parts of white (0…1): a light
    background from a branding colour (WeasyPrint has no color-mix())."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    channels = [int(digits[i:i + 2], 16) for i in (0, 2, 4)]
    mixed = [round(c + (255 - c) * float(white)) for c in channels]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def render_template(env: Environment, name: str, context: dict[str, Any]) -> str:
    return env.get_template(name).render(**context)
