"""Durations a customer can hold a provider to: a number, a unit, clock or business time.

Accepted: ``4 hours``, ``30 minutes``, ``2 business days``, ``1 working day``,
``3 months``, Vietnamese ``4 giờ``, ``2 ngày làm việc``, and ISO 8601 ``PT4H``,
``P2D``, ``P1DT12H`` (clock time). **Full days** (``2 full working days``, ``28 full
days``, ``14 ngày làm việc trọn``) leave out the day the count starts on and end at the
end of the last day, whatever the time of the start. Vague words (``ASAP``, ``promptly``, ``sớm
nhất có thể``) and bare numbers are rejected with a message that says what to write.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic_core import PydanticCustomError, core_schema

from commitgen.model.base import any_case, describe


class TimeUnit(StrEnum):
    MINUTE = "minute"
    HOUR = "hour"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


#: spelling → unit; English and Vietnamese, singular and plural
_UNIT_WORDS: dict[str, TimeUnit] = {
    **dict.fromkeys(["minute", "minutes", "min", "mins", "phút"], TimeUnit.MINUTE),
    **dict.fromkeys(["hour", "hours", "h", "hr", "hrs", "giờ", "tiếng"], TimeUnit.HOUR),
    **dict.fromkeys(["day", "days", "ngày"], TimeUnit.DAY),
    **dict.fromkeys(["week", "weeks", "tuần"], TimeUnit.WEEK),
    **dict.fromkeys(["month", "months", "tháng"], TimeUnit.MONTH),
    **dict.fromkeys(["year", "years", "năm"], TimeUnit.YEAR),
}
_BUSINESS_PREFIX = {"business", "working"}
_BUSINESS_SUFFIX = {"làm việc"}
_FULL_PREFIX = {"full", "whole"}
_FULL_SUFFIX = {"trọn"}

#: vague phrases, normalised to lowercase NFC; a duration must be a number and a unit
VAGUE_PHRASES = (
    "asap", "as soon as possible", "promptly", "prompt", "immediately", "quickly", "soon",
    "timely", "in a timely manner", "reasonable", "within a reasonable time", "shortly",
    "fast", "right away", "tbd", "n/a",
    "sớm nhất có thể", "sớm", "nhanh chóng", "nhanh nhất", "kịp thời", "ngay lập tức",
    "trong thời gian sớm nhất", "hợp lý", "ngay",
)

_ISO_RE = re.compile(
    r"^P(?:(?P<years>[0-9]+)Y)?(?:(?P<months>[0-9]+)M)?(?:(?P<weeks>[0-9]+)W)?(?:(?P<days>[0-9]+)D)?"
    r"(?:T(?:(?P<hours>[0-9]+)H)?(?:(?P<minutes>[0-9]+)M)?)?$"
)
_WORDS_RE = re.compile(
    r"^(?P<value>[0-9]+(?:\.[0-9]+)?)\s*(?P<full>full\s+|whole\s+)?"
    r"(?P<prefix>business\s+|working\s+)?(?P<unit>[^\W\d_]+)"
    r"(?:\s+(?P<suffix>làm việc))?(?:\s+(?P<vifull>trọn))?$",
    re.UNICODE,
)

MAX_TEXT = 60
MAX_VALUE = 100_000

_MINUTES = {TimeUnit.MINUTE: 1, TimeUnit.HOUR: 60, TimeUnit.DAY: 1440, TimeUnit.WEEK: 10080,
            TimeUnit.MONTH: 43200, TimeUnit.YEAR: 525600}


class Duration:
    """``Duration(Decimal(2), TimeUnit.DAY, business=True)`` is two business days;
    ``full=True`` makes them full days: the day the count starts on is left out, and the
    last day lasts until its end."""

    __slots__ = ("business", "full", "unit", "value")

    def __init__(self, value: Decimal, unit: TimeUnit, business: bool = False,
                 full: bool = False) -> None:
        self.value = value
        self.unit = unit
        self.business = business
        self.full = full

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Duration) and self.value == other.value
                and self.unit == other.unit and self.business == other.business
                and self.full == other.full)

    def __hash__(self) -> int:
        return hash((self.value, self.unit, self.business, self.full))

    def __repr__(self) -> str:
        return f"Duration({self})"

    def __str__(self) -> str:
        plural = "" if self.value == 1 else "s"
        kind = ("full " if self.full else "") + ("business " if self.business else "")
        return f"{_plain(self.value)} {kind}{self.unit.value}{plural}"

    def to_json(self) -> dict[str, Any]:
        out = {"value": _plain(self.value), "unit": self.unit.value, "business": self.business,
               "text": str(self)}
        if self.full:
            out["full"] = True
        return out

    @property
    def approx_minutes(self) -> Decimal:
        """Nominal length in minutes (a month is 30 days); for comparing, not for deadlines.

        Business time counts as the same number of clock units, its shortest possible
        length, so ``2 business days`` compares as at least two days.
        """
        return self.value * _MINUTES[self.unit]

    @property
    def shortest_minutes(self) -> Decimal:
        """The least clock time this can be, whatever the calendar: N business hours are at
        least N hours; N business days end at the earliest on the Nth working day after
        the start, so they last at least N - 1 whole days (see business_calendar)."""
        if self.business and self.unit is TimeUnit.DAY and not self.full:
            return max(self.value - 1, Decimal(0)) * _MINUTES[TimeUnit.DAY]
        return self.value * _MINUTES[self.unit]

    @property
    def longest_minutes(self) -> Decimal | None:
        """The most clock time this can be; None for business time (holidays can stretch
        it without a fixed bound). Full days can last up to one day more (the rest of the
        day the count starts on)."""
        if self.business:
            return None
        return (self.value + (1 if self.full else 0)) * _MINUTES[self.unit]

    def surely_shorter_than(self, other: Duration) -> bool:
        """Whether this is shorter than ``other`` however the calendar falls."""
        if self.business == other.business:
            return self.approx_minutes < other.approx_minutes
        longest = self.longest_minutes
        return longest is not None and longest < other.shortest_minutes

    @classmethod
    def parse(cls, value: Any) -> Duration:
        if isinstance(value, Duration):
            return value
        if isinstance(value, bool) or value is None or isinstance(value, dict | list):
            raise _error(value)
        if isinstance(value, int | Decimal):
            raise PydanticCustomError(
                "duration", "{got} has no unit; write e.g. {n} hours or {n} business days",
                {"got": describe(value), "n": value})
        text = unicodedata.normalize("NFC", str(value)).strip()
        if len(text) > MAX_TEXT:
            raise _error(text[:MAX_TEXT] + "…")
        lowered = " ".join(text.lower().split())
        if lowered.rstrip(".!") in VAGUE_PHRASES:
            raise PydanticCustomError(
                "vague_duration",
                '"{got}" is not a time a customer can hold you to; write a number and a unit, '
                "e.g. 4 hours or 2 business days", {"got": text})
        iso = _ISO_RE.match(text.upper()) if text.upper().startswith("P") else None
        if iso and any(iso.groupdict().values()):
            return _from_iso(iso.groupdict(), text)
        words = _WORDS_RE.match(lowered)
        if words:
            unit = _UNIT_WORDS.get(words.group("unit"))
            if unit is None:
                raise PydanticCustomError(
                    "duration", 'unknown time unit "{unit}" in "{got}"; use minutes, hours, '
                    "days, weeks, months or years", {"unit": words.group("unit"), "got": text})
            business = bool(words.group("prefix") or words.group("suffix"))
            if business and unit not in (TimeUnit.HOUR, TimeUnit.DAY):
                raise PydanticCustomError(
                    "duration", '"{got}": business time is counted in hours or days',
                    {"got": text})
            full = bool(words.group("full") or words.group("vifull"))
            if full and unit is not TimeUnit.DAY:
                raise PydanticCustomError(
                    "duration", '"{got}": only days can be full days (e.g. 2 full working '
                    "days)", {"got": text})
            number = Decimal(words.group("value"))
            if full and number != int(number):
                raise PydanticCustomError("duration", '"{got}": full days are whole days',
                                          {"got": text})
            if number > MAX_VALUE:
                raise PydanticCustomError("duration", '"{got}" is implausibly long',
                                          {"got": text})
            if number <= 0:
                raise PydanticCustomError("duration", '"{got}" must be longer than zero',
                                          {"got": text})
            return cls(number, unit, business, full)
        raise _error(value)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.parse,
            serialization=core_schema.plain_serializer_function_ser_schema(lambda v: str(v)),
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict[str, Any]:
        return {
            "type": "string",
            "description": "a number and a unit: 30 minutes, 4 hours, 2 business days, "
                           "3 months, or ISO 8601 such as PT4H",
            "pattern": schema_pattern(),
            "errorMessage": "a duration: a number and a unit (minutes, hours, days, weeks, "
                            "months, years; business hours or days), e.g. 4 hours, "
                            "2 business days, PT4H",
            "examples": ["4 hours", "2 business days", "30 minutes", "PT4H"],
        }


def schema_pattern() -> str:
    """The JSON Schema pattern of a duration, made from the parser's own unit words, so
    that an editor rejects what ``commitgen check`` rejects (``30 minuets``). It is written
    in the common subset of Python and ECMA-262 regular expressions, without flags."""
    def words(units: set[TimeUnit]) -> str:
        spellings = sorted((w for w, u in _UNIT_WORDS.items() if u in units),
                           key=lambda w: (-len(w), w))  # longest first: "hours" before "h"
        return "(?:" + "|".join(any_case(w) for w in spellings) + ")"

    number = r"[0-9]+(?:\.[0-9]+)?\s*"
    business = {TimeUnit.HOUR, TimeUnit.DAY}
    prefix = "(?:" + "|".join(any_case(w) for w in sorted(_BUSINESS_PREFIX)) + r")\s+"
    suffix = "(?:" + "|".join(r"\s+" + any_case(w) for w in sorted(_BUSINESS_SUFFIX)) + ")"
    iso = (r"[pP](?=.*[0-9])(?:[0-9]+[yY])?(?:[0-9]+[mM])?(?:[0-9]+[wW])?(?:[0-9]+[dD])?"
           r"(?:[tT](?:[0-9]+[hH])?(?:[0-9]+[mM])?)?")
    full = "(?:" + "|".join(any_case(w) for w in sorted(_FULL_PREFIX)) + r")\s+"
    days = words({TimeUnit.DAY})
    vifull = "(?:" + "|".join(r"\s+" + any_case(w) for w in sorted(_FULL_SUFFIX)) + ")"
    forms = [number + words(set(TimeUnit)),
             number + prefix + words(business),
             number + words(business) + suffix,
             number + full + "(?:" + prefix + ")?" + days,
             number + days + "(?:" + suffix + ")?" + vifull,
             iso]
    return r"^\s*(?:" + "|".join(forms) + r")\s*$"


def _error(value: Any) -> PydanticCustomError:
    return PydanticCustomError(
        "duration", "expected a duration such as 4 hours, 2 business days or PT4H, got {got}",
        {"got": describe(value)})


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def _from_iso(parts: dict[str, str | None], text: str) -> Duration:
    present = [(name, int(v)) for name, v in parts.items() if v is not None]
    if any(number > MAX_VALUE for _, number in present):
        raise PydanticCustomError("duration", '"{got}" is implausibly long', {"got": text})
    names = {"years": TimeUnit.YEAR, "months": TimeUnit.MONTH, "weeks": TimeUnit.WEEK,
             "days": TimeUnit.DAY, "hours": TimeUnit.HOUR, "minutes": TimeUnit.MINUTE}
    if len(present) == 1:
        name, number = present[0]
        if number <= 0:
            raise PydanticCustomError("duration", '"{got}" must be longer than zero',
                                      {"got": text})
        return Duration(Decimal(number), names[name])
    calendar = {"years", "months"} & {name for name, _ in present}
    if calendar:
        raise PydanticCustomError(
            "duration", '"{got}" mixes months or years with shorter units; write one unit',
            {"got": text})
    smallest = names[present[-1][0]]
    total = sum(Decimal(n) * _MINUTES[names[name]] for name, n in present)
    if total <= 0:
        raise PydanticCustomError("duration", '"{got}" must be longer than zero', {"got": text})
    return Duration(Decimal(total) / _MINUTES[smallest], smallest)
