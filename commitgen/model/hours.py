"""Weekly opening hours: ``{days: mon-fri, opens: "08:00", closes: "17:30"}``.

Shared by contact channels and the business calendar.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import WithJsonSchema, model_validator
from pydantic.functional_validators import BeforeValidator
from pydantic_core import PydanticCustomError

from commitgen.model.base import StrictModel, any_case, describe

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAYS_RE = re.compile(r"^(mon|tue|wed|thu|fri|sat|sun)(?:-(mon|tue|wed|thu|fri|sat|sun))?$")
_TIME_RE = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$")


def _days(value: Any) -> tuple[str, ...]:
    if isinstance(value, str) and (match := _DAYS_RE.match(value.strip().lower())):
        start = DAYS.index(match.group(1))
        end = DAYS.index(match.group(2) or match.group(1))
        if end < start:
            raise PydanticCustomError("days", "{got}: the range runs backwards",
                                      {"got": describe(value)})
        return DAYS[start:end + 1]
    raise PydanticCustomError(
        "days", "expected days such as mon-fri, sat or mon-sun, got {got}",
        {"got": describe(value)})


def _time(value: Any) -> str:
    if isinstance(value, str) and _TIME_RE.match(value):
        return value
    raise PydanticCustomError("time", "expected a time written as HH:MM with two-digit hours, "
                              "e.g. 08:00 or 17:30, got {got}", {"got": describe(value)})


_ANY_DAY = "(?:" + "|".join(any_case(day) for day in DAYS) + ")"
Days = Annotated[tuple[str, ...], BeforeValidator(_days), WithJsonSchema(
    {"type": "string", "pattern": rf"^\s*{_ANY_DAY}(?:-{_ANY_DAY})?\s*$",
     "examples": ["mon-fri", "sat"],
     "errorMessage": "a day or a range of days, Monday first: mon-fri, sat, mon-sun"})]
ClockTime = Annotated[str, BeforeValidator(_time), WithJsonSchema(
    {"type": "string", "pattern": _TIME_RE.pattern,
     "errorMessage": 'a time written as "HH:MM" with two-digit hours, e.g. "08:00" (quote it)'})]


class OpeningHours(StrictModel):
    days: Days
    opens: ClockTime
    closes: ClockTime

    @model_validator(mode="after")
    def _order(self) -> OpeningHours:
        if self.closes <= self.opens:
            raise PydanticCustomError("hours", "closes must be later than opens")
        return self

    def minutes(self) -> tuple[int, int]:
        """Opening and closing time as minutes after midnight."""
        return _minutes(self.opens), _minutes(self.closes)


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)
