"""What a document prints about business time: hours, days off and worked examples.

The examples are computed by :mod:`commitgen.business_calendar` from the charter's
own business durations, so the printed explanation can never disagree with the
deadlines the provider will actually count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel import Locale
from babel.dates import get_timezone, get_timezone_location

from commitgen.business_calendar import BusinessCalendar, CalendarError
from commitgen.model.business_time import BusinessTime, subdivision_names
from commitgen.model.duration import Duration, TimeUnit
from commitgen.model.policy import Charter
from commitgen.model.walk import walk

#: days off are listed for this long from the effective date
LISTED_DAYS = 365


@dataclass(frozen=True)
class DeadlineExample:
    start: dt.datetime
    duration: Duration
    deadline: dt.datetime


@dataclass(frozen=True)
class DaysOff:
    """A run of days off with nothing but non-working days between them."""

    first: dt.date
    last: dt.date
    names: list[str]  # its occasions, each once: "Lunar New Year", not "Third Day of …"


@dataclass(frozen=True)
class BusinessTimeView:
    """Business time of one charter, ready for one language."""

    config: BusinessTime
    zone: str  # "Vietnam Time", CLDR's name of the time zone
    country: str | None  # "Vietnam", whose public holidays are days off
    days_off: list[tuple[dt.date, str]]  # working weekdays not worked, a year ahead
    breaks: list[DaysOff]  # the same, as runs of days ("4 to 10 February 2027: Tết")
    first_day: dt.date
    last_day: dt.date
    examples: list[DeadlineExample]


def business_time_of(charter: Charter, default: BusinessTime | None) -> BusinessTime | None:
    """The calendar a charter's business durations count in: its own, else the project's."""
    return charter.business_time if charter.business_time is not None else default


def business_time_view(charter: Charter, default: BusinessTime | None,
                       language: str) -> BusinessTimeView | None:
    """What to print, or None when the charter declares no business time."""
    config = business_time_of(charter, default)
    if config is None:
        return None
    calendar = BusinessCalendar(config)
    locale = Locale.parse(language.replace("-", "_"))
    zone = get_timezone_location(get_timezone(config.time_zone), locale=locale)
    if locale.language == "vi":  # "theo giờ Việt Nam": CLDR capitalises it as a heading
        zone = zone[:1].lower() + zone[1:]
    country = None if config.holidays == "none" else region_name(config.holidays, locale)
    first = charter.effective
    last = first + dt.timedelta(days=LISTED_DAYS - 1)
    days_off = calendar.days_off(first, last, language)
    return BusinessTimeView(
        config=config, zone=zone, country=country, days_off=days_off,
        breaks=_runs(calendar, days_off), first_day=first, last_day=last,
        examples=_examples(charter, calendar))


def region_name(region: str, locale: Locale) -> str:
    """``Vietnam``; a subdivision after its country: ``United Kingdom (England)`` (CLDR
    names countries in every language; the subdivision's name is the holidays library's)."""
    country, _, subdivision = region.partition("-")
    name = locale.territories.get(country) or country
    if subdivision:
        name += f" ({subdivision_names(country).get(subdivision, subdivision)})"
    return name


def _runs(calendar: BusinessCalendar, days_off: list[tuple[dt.date, str]]) -> list[DaysOff]:
    """Days off joined into runs: two belong together when no working day is between."""
    runs: list[list[tuple[dt.date, str]]] = []
    for day, name in days_off:
        if runs and not any(calendar.is_working_day(runs[-1][-1][0] + dt.timedelta(days=n))
                            for n in range(1, (day - runs[-1][-1][0]).days)):
            runs[-1].append((day, name))
        else:
            runs.append([(day, name)])
    return [DaysOff(run[0][0], run[-1][0], _occasions([name for _, name in run]))
            for run in runs]


def _occasions(names: list[str]) -> list[str]:
    """The names of a run of days off, in order, without repeats and without the names
    that only extend another one ("Third Day of Lunar New Year" → "Lunar New Year")."""
    unique = list(dict.fromkeys(name for name in names if name))
    return [name for name in unique
            if not any(other != name and other in name for other in unique)]


def _examples(charter: Charter, calendar: BusinessCalendar) -> list[DeadlineExample]:
    """For the shortest business-hours and business-days promise each, an ordinary week;
    and for the longest of them, the longest break of the year (Tết in Vietnam).

    Each starts an hour before closing, so that even a short deadline runs into the next
    working day. A calendar without working days in the year has no examples.
    """
    durations = _shortest_business_durations(charter)
    first = charter.effective
    ordinary = _first_working_friday(calendar, first)
    if not durations or ordinary is None:
        return []
    plan = [(ordinary, duration) for duration in durations]
    before_break = _last_working_day_before_longest_break(calendar, first)
    if before_break is not None and before_break != ordinary:
        plan.append((before_break, durations[-1]))
    examples = []
    for day, duration in plan:
        start = calendar.periods(day)[-1][1] - dt.timedelta(hours=1)
        try:
            examples.append(DeadlineExample(start, duration, calendar.deadline(start, duration)))
        except CalendarError:
            continue  # no working time within reach: nothing sensible to show
    return examples


def _shortest_business_durations(charter: Charter) -> list[Duration]:
    """The shortest promise in business hours and the shortest in business days."""
    found = [value for _, value in walk(charter)
             if isinstance(value, Duration) and value.business]
    return [min(group, key=lambda d: d.value)
            for unit in (TimeUnit.HOUR, TimeUnit.DAY)
            if (group := [d for d in found if d.unit is unit])]


def _first_working_friday(calendar: BusinessCalendar, first: dt.date) -> dt.date | None:
    """The first working Friday (else working day) in the year from ``first`` on."""
    candidates = [first + dt.timedelta(days=n) for n in range(LISTED_DAYS)]
    working = [day for day in candidates if calendar.is_working_day(day)]
    fridays = [day for day in working if day.weekday() == 4]
    found = fridays or working
    return found[0] if found else None


def _last_working_day_before_longest_break(calendar: BusinessCalendar,
                                           first: dt.date) -> dt.date | None:
    """The working day before the year's longest run of days off, when it has holidays."""
    best: tuple[int, dt.date] | None = None
    run_start: dt.date | None = None
    day = first
    for _ in range(LISTED_DAYS):
        if calendar.is_working_day(day):
            if run_start is not None:
                length = (day - run_start).days
                holiday_inside = any(calendar.day_off(run_start + dt.timedelta(days=n))
                                     is not None for n in range(length))
                if holiday_inside and length >= 4 and (best is None or length > best[0]):
                    best = (length, run_start - dt.timedelta(days=1))
                run_start = None
        elif run_start is None:
            run_start = day
        day += dt.timedelta(days=1)
    if best is None:
        return None
    previous = best[1]
    while previous >= first and not calendar.is_working_day(previous):
        previous -= dt.timedelta(days=1)
    return previous if previous >= first else None

