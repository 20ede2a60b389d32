"""How documents write dates, money and percentages, per language (``commitgen.yaml``).

Each language has one house style (:mod:`commitgen.render.formatting`), used by every
generated text; a project may change it per language::

    formats:
      en: {date: "MMMM d, y", money: symbol, percent_space: false}
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from commitgen.model.base import StrictModel, describe


def _date_pattern(value: Any) -> str:
    """A CLDR date pattern that names the day, the month and the year."""
    from babel.dates import parse_pattern

    if not isinstance(value, str) or not value.strip():
        raise PydanticCustomError("date_pattern",
                                  'expected a date pattern such as "d MMMM y", got {got}',
                                  {"got": describe(value)})
    try:
        fields = {name[:1] for name in re.findall(r"%\((\w+)\)s", str(parse_pattern(value).format))}
    except (ValueError, TypeError, KeyError) as exc:
        raise PydanticCustomError("date_pattern", "{got} is not a date pattern: {why}",
                                  {"got": describe(value), "why": str(exc)}) from exc
    missing = [name for name, letters in (("day", "d"), ("month", "ML"), ("year", "y"))
               if not fields & set(letters)]
    if missing:
        raise PydanticCustomError(
            "date_pattern", "the date pattern {got} lacks the {missing} (d: day, M or MMMM: "
            "month, y: year; text in single quotes)",
            {"got": describe(value), "missing": " and ".join(missing)})
    return value


DatePattern = Annotated[str, BeforeValidator(_date_pattern)]


class LanguageFormats(StrictModel):
    """One language's style; what is left out keeps the house style."""

    date: DatePattern | None = Field(
        default=None, description='CLDR date pattern: "d MMMM y" (1 January 2027), '
        "\"'ngày' d 'tháng' M 'năm' y\" (ngày 1 tháng 1 năm 2027)")
    money: Literal["code", "symbol"] | None = Field(
        default=None, description="code: 200,000 VND (the catalogue may give the code a "
        "word, đồng in Vietnamese); symbol: CLDR's ₫200,000")
    percent_space: bool | None = Field(
        default=None, description="99.5 % (true) or 99.5% (false)")
