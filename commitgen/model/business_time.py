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
def _countries() -> frozenset[str]:
    import holidays

    return frozenset(holidays.list_supported_countries())


def _country(value: Any) -> str:
    if isinstance(value, str) and value.strip().lower() == "none":
        return "none"
    if isinstance(value, str) and value.upper() in _countries():
        return value.upper()
    raise PydanticCustomError(
        "holidays", "expected the ISO 3166 code of a country whose public holidays apply "
        "(e.g. VN), or none, got {got}", {"got": describe(value)})


TimeZone = Annotated[str, BeforeValidator(_time_zone), WithJsonSchema(
    {"type": "string", "examples": ["Asia/Ho_Chi_Minh"]})]
Country = Annotated[str, BeforeValidator(_country), WithJsonSchema(
    {"type": "string", "examples": ["VN", "none"]})]


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
        description="country whose public holidays are days off (VN includes Tết), or none")
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
