"""Deadlines in business time: when "2 business days" from a given moment runs out.

The rules, printed in every charter that uses business time:

* A working day is a day with working hours that is neither a public holiday of the
  declared country (Vietnam's include Tết) nor one of the company's closed days; a
  declared make-up day (``open``) is a working day whatever its weekday.
* Business hours count only working hours: 4 business hours from Friday 16:00 with
  hours 08:00–17:00 end on Monday at 11:00.
* N business days from a moment end at the same time of day N working days later
  (Friday 15:00 plus one business day is Monday 15:00), or at that day's closing
  when it closes earlier (a short Saturday). A moment outside working hours counts
  from the next opening; from an opening, N business days end at the closing of the
  Nth working day (Sunday plus one business day is Monday's closing). A fraction of
  a day adds that share of the next working day's hours.
* Clock durations run on the wall clock of the time zone (days, weeks, months and
  years keep the time of day).
* N **full** days (``2 full working days``, ``28 full days``) leave out the day the
  count starts on, whatever its time: they end at the end (midnight) of the Nth day
  after it — the Nth working day for full working days.

>>> calendar = BusinessCalendar(config)
>>> calendar.deadline(start, Duration.parse("2 business days"))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from functools import cached_property
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from commitgen.model.business_time import BusinessTime
from commitgen.model.duration import Duration, TimeUnit
from commitgen.model.hours import DAYS

#: how far a deadline may be searched for before the calendar is declared unusable
MAX_SEARCH_DAYS = 3 * 366

#: the languages the holidays library names Vietnam's (and most countries') holidays in
_HOLIDAY_LANGUAGES = {"en": "en_US"}

Period = tuple[dt.datetime, dt.datetime]


class CalendarError(ValueError):
    """The calendar has no working time within reach of a deadline."""


class BusinessCalendar:
    """Working time of one :class:`BusinessTime` declaration."""

    def __init__(self, config: BusinessTime) -> None:
        self.config = config
        self.zone = ZoneInfo(config.time_zone)
        self._closed = {day: item.name for item in config.closed for day in item.days()}
        self._open = set(config.open)

    # --- days -----------------------------------------------------------------------------

    @cached_property
    def _public(self) -> _PublicHolidays:
        return _PublicHolidays(self.config.holidays)

    def day_off(self, day: dt.date, language: str = "en") -> str | None:
        """Why ``day`` is not worked although it has working hours, or None."""
        if day in self._open:
            return None
        if day in self._closed:
            name = self._closed[day]
            return name.get(language) if name is not None else ""
        return self._public.name(day, language)

    def is_working_day(self, day: dt.date) -> bool:
        return bool(self._hours(day)) and self.day_off(day) is None

    def _hours(self, day: dt.date) -> list[tuple[int, int]]:
        weekday = DAYS[day.weekday()]
        spans = [h.minutes() for h in self.config.hours if weekday in h.days]
        if not spans and day in self._open:
            first = next(d for d in DAYS if any(d in h.days for h in self.config.hours))
            spans = [h.minutes() for h in self.config.hours if first in h.days]
        return sorted(spans)

    def periods(self, day: dt.date) -> list[Period]:
        """The working periods of ``day`` as aware datetimes (none on a day off)."""
        if not self.is_working_day(day):
            return []
        midnight = dt.datetime.combine(day, dt.time(), tzinfo=self.zone)
        return [(_at(midnight, opens, self.zone), _at(midnight, closes, self.zone))
                for opens, closes in self._hours(day)]

    def days_off(self, first: dt.date, last: dt.date,
                 language: str = "en") -> list[tuple[dt.date, str]]:
        """Holidays and closed days from ``first`` to ``last`` that fall on working
        weekdays, with their names in ``language`` (English where the library has none)."""
        out = []
        day = first
        while day <= last:
            if self._hours(day) and (name := self.day_off(day, language)) is not None:
                out.append((day, name))
            day += dt.timedelta(days=1)
        return out

    # --- deadlines ------------------------------------------------------------------------

    def deadline(self, start: dt.datetime, duration: Duration) -> dt.datetime:
        """The moment ``duration`` after ``start`` runs out, in the calendar's time zone.

        A naive ``start`` is read as local time in the calendar's zone.
        """
        start = start.replace(tzinfo=self.zone) if start.tzinfo is None else \
            start.astimezone(self.zone)
        if duration.full:
            return end_of_day(self.last_full_day(start.date(), duration), self.zone)
        if not duration.business:
            return _clock_deadline(start, duration, self.zone)
        if duration.unit is TimeUnit.HOUR:
            return self._add_working_minutes(start, duration.value * 60)
        return self._add_working_days(start, duration.value)

    def last_full_day(self, first: dt.date, duration: Duration) -> dt.date:
        """The last day of ``duration`` in full days counted after the day ``first``."""
        if not duration.business:
            return first + dt.timedelta(days=int(duration.value))
        day = first
        for _ in range(int(duration.value)):
            day = self._next_working_day(day)
        return day

    def _working_periods_from(self, start: dt.datetime) -> Iterator[Period]:
        """Working periods from ``start`` on, the first one cut at ``start``; a calendar
        with :data:`MAX_SEARCH_DAYS` days in a row without working time is an error."""
        day = start.date()
        idle = 0
        while idle < MAX_SEARCH_DAYS:
            idle += 1
            for opens, closes in self.periods(day):
                if closes > start:
                    idle = 0
                    yield max(opens, start), closes
            day += dt.timedelta(days=1)
        raise CalendarError(f"no working time in {MAX_SEARCH_DAYS} days in a row, "
                            f"up to {day:%Y-%m-%d}")

    def _add_working_minutes(self, start: dt.datetime, minutes: Decimal) -> dt.datetime:
        left = minutes
        for opens, closes in self._working_periods_from(start):
            length = _elapsed(opens, closes)
            if left <= length:
                return _plus_minutes(opens, left)
            left -= length
        raise AssertionError("unreachable")  # pragma: no cover

    def _add_working_days(self, start: dt.datetime, days: Decimal) -> dt.datetime:
        moment = self._next_working_moment(start)
        whole = int(days)
        day = moment.date()
        first_opening = self.periods(day)[0][0]
        if moment == first_opening and whole:
            # a whole working day from its opening: due at the closing of the last one
            for _ in range(whole - 1):
                day = self._next_working_day(day)
            deadline = self.periods(day)[-1][1]
        else:
            for _ in range(whole):
                day = self._next_working_day(day)
            deadline = self._same_time_or_earlier(day, moment.timetz())
        fraction = days - whole
        if fraction:
            length = sum((_elapsed(a, b) for a, b in self.periods(
                self._next_working_day(deadline.date()))), Decimal(0))
            deadline = self._add_working_minutes(deadline, fraction * length)
        return deadline

    def _next_working_moment(self, moment: dt.datetime) -> dt.datetime:
        """``moment`` if it is within working hours, else the next opening."""
        return next(self._working_periods_from(moment))[0]

    def _same_time_or_earlier(self, day: dt.date, time: dt.time) -> dt.datetime:
        """The latest working moment of ``day`` not after ``time`` (the day's closing when
        it closes earlier); the day's opening when it opens later than ``time``."""
        wanted = _local(dt.datetime.combine(day, time.replace(tzinfo=None)), self.zone)
        periods = self.periods(day)
        best = periods[0][0]
        for opens, closes in periods:
            if opens <= wanted:
                best = min(wanted, closes)
        return best

    def _next_working_day(self, day: dt.date) -> dt.date:
        for _ in range(MAX_SEARCH_DAYS):
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                return day
        raise CalendarError(f"no working day in the {MAX_SEARCH_DAYS} days after {day}")


class _PublicHolidays:
    """Public holidays of one country, or of one of its subdivisions (``GB-ENG``), by the
    ``holidays`` library, loaded per year."""

    def __init__(self, region: str) -> None:
        country, _, subdivision = region.partition("-")
        self.country = None if region == "none" else country
        self.subdivision = subdivision or None
        self._years: dict[tuple[int, str], dict[dt.date, str]] = {}

    def name(self, day: dt.date, language: str) -> str | None:
        if self.country is None:
            return None
        return self._year(day.year, language).get(day)

    def _year(self, year: int, language: str) -> dict[dt.date, str]:
        key = (year, language)
        if key not in self._years and self.country is not None:
            import holidays

            supported = holidays.country_holidays(self.country,
                                                  subdiv=self.subdivision).supported_languages
            wanted = [_HOLIDAY_LANGUAGES.get(code, code.replace("-", "_"))
                      for code in (language, language.split("-")[0])]
            chosen = next((code for code in wanted if code in supported),
                          "en_US" if "en_US" in supported else None)
            table = holidays.country_holidays(self.country, subdiv=self.subdivision,
                                              years=year, language=chosen)
            self._years[key] = dict(table.items())
        return self._years.get(key, {})


def _at(midnight: dt.datetime, minutes: int, zone: ZoneInfo) -> dt.datetime:
    """Local wall-clock time ``minutes`` after midnight (24:00 is the next midnight)."""
    return _local(midnight.replace(tzinfo=None) + dt.timedelta(minutes=minutes), zone)


def _local(naive: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """A wall-clock time in ``zone``; one skipped by a daylight-saving jump moves forward
    by the jump (02:30 on the night clocks go from 02:00 to 03:00 is 03:30)."""
    return naive.replace(tzinfo=zone).astimezone(dt.UTC).astimezone(zone)


def _elapsed(start: dt.datetime, end: dt.datetime) -> Decimal:
    """Real minutes from ``start`` to ``end`` (across daylight-saving changes too)."""
    delta = end.astimezone(dt.UTC) - start.astimezone(dt.UTC)
    return Decimal(int(delta.total_seconds())) / 60


def _plus_minutes(moment: dt.datetime, minutes: Decimal) -> dt.datetime:
    seconds = int((minutes * 60).to_integral_value())
    return (moment.astimezone(dt.UTC) + dt.timedelta(seconds=seconds)).astimezone(moment.tzinfo)


def end_of_day(day: dt.date, zone: ZoneInfo) -> dt.datetime:
    """The end of ``day`` (the midnight that starts the next day) in ``zone``."""
    return _local(dt.datetime.combine(day + dt.timedelta(days=1), dt.time()), zone)


def _clock_deadline(start: dt.datetime, duration: Duration, zone: ZoneInfo) -> dt.datetime:
    if duration.full:
        return end_of_day(start.date() + dt.timedelta(days=int(duration.value)), zone)
    value = duration.value
    if duration.unit in (TimeUnit.MONTH, TimeUnit.YEAR):
        whole = int(value)
        if whole != value:
            raise CalendarError(f"{duration}: months and years must be whole to count")
        step = relativedelta(months=whole) if duration.unit is TimeUnit.MONTH else \
            relativedelta(years=whole)
        local: dt.datetime = start.replace(tzinfo=None) + step
        return _local(local, zone)
    if duration.unit in (TimeUnit.DAY, TimeUnit.WEEK):
        days = value * (7 if duration.unit is TimeUnit.WEEK else 1)
        local = start.replace(tzinfo=None) + dt.timedelta(days=float(days))
        return _local(local, zone)
    minutes = value * (60 if duration.unit is TimeUnit.HOUR else 1)
    utc = start.astimezone(dt.UTC) + dt.timedelta(seconds=int(minutes * 60))
    return utc.astimezone(zone)
