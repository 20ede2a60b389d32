"""What a "business day" means for a provider: working hours, time zone and days off.

A promise in business time (``2 business days``) is only a promise once the
customer knows which days and hours count. The calendar is declared once in
``commitgen.yaml`` (the organisation's) or in a policy (a provider with its own
hours), and printed in every charter that uses business time::

    business_time:
      time_zone: Asia/Ho_Chi_Minh
      hours:
        - {days: mon-fri, opens: "08:00", closes: "17:30"}
      holidays: VN            # public holidays (Tết included) from the `holidays` library
      closed:                 # the company's own days off
        - {date: 2027-02-03, until: 2027-02-12, name: {en: Tết break, vi: Nghỉ Tết}}
      open: [2027-02-20]      # make-up working days (ngày làm bù)
"""

from __future__ import annotations

import datetime as dt
import itertools
import zoneinfo
from functools import cache
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from commitgen.model.base import Date, StrictModel, Text, describe
from commitgen.model.hours import DAYS, OpeningHours


@cache
def _known_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _time_zone(value: Any) -> str:
    if isinstance(value, str) and value in _known_zones():
        return value
    raise PydanticCustomError(
        "time_zone", "expected an IANA time zone such as Asia/Ho_Chi_Minh, got {got}",
        {"got": describe(value)})


@cache
def _regions() -> dict[str, tuple[str, ...]]:
    """Country code → the codes of its subdivisions, as the ``holidays`` library has them."""
    import holidays

    return {code: tuple(subdivisions)
            for code, subdivisions in holidays.list_supported_countries().items()}


def subdivision_names(country: str) -> dict[str, str]:
    """A country's subdivision codes with their English names where the library has them
    (``ENG`` → England)."""
    import holidays

    aliases = getattr(holidays.country_holidays(country), "subdivisions_aliases", {}) or {}
    names = {code: name for name, code in aliases.items() if isinstance(code, str)}
    return {code: names.get(code, code) for code in _regions().get(country, ())}


def _country(value: Any) -> str:
    """``VN``, ``GB-ENG`` (a subdivision: a state, a nation, a province) or ``none``."""
    if isinstance(value, str) and value.strip().lower() == "none":
        return "none"
    text = value.strip().upper().replace("_", "-") if isinstance(value, str) else ""
    country, _, subdivision = text.partition("-")
    regions = _regions()
    if country in regions and (not subdivision or subdivision in regions[country]):
        return text
    if country in regions:
        listed = subdivision_names(country)
        valid = ", ".join(f"{country}-{code}" + (f" ({name})" if name != code else "")
                          for code, name in listed.items())
        raise PydanticCustomError(
            "holidays", "{got}: {country} has no subdivision {sub} with its own public "
            "holidays; {valid}", {"got": describe(value), "country": country,
                                  "sub": subdivision,
                                  "valid": f"use one of {valid}" if valid else
                                  f"write {country} alone"})
    raise PydanticCustomError(
        "holidays", "expected the ISO 3166 code of a country whose public holidays apply "
        "(e.g. VN), a country and one of its subdivisions (e.g. GB-ENG, US-CA), or none, "
        "got {got}", {"got": describe(value)})


TimeZone = Annotated[str, BeforeValidator(_time_zone), WithJsonSchema(
    {"type": "string", "examples": ["Asia/Ho_Chi_Minh"]})]
Country = Annotated[str, BeforeValidator(_country), WithJsonSchema(
    {"type": "string", "pattern": "^(?:[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})?|[nN][oO][nN][eE])$",
     "errorMessage": "a country code (VN), a country and a subdivision (GB-ENG), or none",
     "examples": ["VN", "GB-ENG", "none"]})]


class ClosedDays(StrictModel):
    """A company day off, or a run of them (``until`` is the last day, inclusive)."""

    date: Date
    until: Date | None = None
    name: Text | None = None

    @model_validator(mode="after")
    def _order(self) -> ClosedDays:
        if self.until is not None and self.until < self.date:
            raise PydanticCustomError("closed", "until must not be before date")
        return self

    def days(self) -> list[dt.date]:
        last = self.until or self.date
        return [self.date + dt.timedelta(days=n) for n in range((last - self.date).days + 1)]


class BusinessTime(StrictModel):
    """Working hours, time zone and days off that business durations count in."""

    time_zone: TimeZone
    hours: list[OpeningHours] = Field(
        min_length=1, description="working hours, e.g. {days: mon-fri, opens: 08:00, "
        "closes: 17:30}; several entries for a lunch break or a short Saturday")
    holidays: Country = Field(
        description="country whose public holidays are days off (VN includes Tết), a "
        "country and one of its subdivisions (GB-ENG: England; US-CA: California), or none")
    closed: list[ClosedDays] = Field(default_factory=list,
                                     description="the company's own days off")
    open: list[Date] = Field(default_factory=list,
                             description="make-up working days on a day that is usually off; "
                             "worked with the hours of the first working weekday")

    @model_validator(mode="after")
    def _no_overlap(self) -> BusinessTime:
        for day in DAYS:
            spans = sorted(h.minutes() for h in self.hours if day in h.days)
            for (_, closes), (opens, _) in itertools.pairwise(spans):
                if opens < closes:
                    raise PydanticCustomError(
                        "hours", "working hours overlap on {day}: list each period once",
                        {"day": day})
        return self
