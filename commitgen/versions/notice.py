"""The earliest day a change may take effect, given when it was published.

The notice period counts from the start of the day after publication (the day of
publication is not counted: a change published at 17:00 has not given that day's
notice), and a change takes effect at the start of its effective day. So a change
published on 1 March with 30 days' notice may take effect on 31 March at the earliest;
with ``10 business days``, on the day after the tenth working day (counted in the
charter's business calendar; Monday to Friday when it declares none).
"""

from __future__ import annotations

import datetime as dt
import math

from dateutil.relativedelta import relativedelta

from commitgen.business_calendar import BusinessCalendar
from commitgen.model.business_time import BusinessTime
from commitgen.model.duration import Duration, TimeUnit


def earliest_effective(published: dt.date, notice: Duration,
                       business_time: BusinessTime | None = None) -> dt.date:
    start = published + dt.timedelta(days=1)
    if notice.business:
        if business_time is None:
            return _weekdays(start, notice)
        calendar = BusinessCalendar(business_time)
        end = calendar.deadline(dt.datetime.combine(start, dt.time(0, 0)), notice)
        return end.date() if end.time() == dt.time(0, 0) else end.date() + dt.timedelta(days=1)
    if notice.unit in (TimeUnit.MONTH, TimeUnit.YEAR) and notice.value == int(notice.value):
        months = int(notice.value) * (12 if notice.unit is TimeUnit.YEAR else 1)
        later: dt.date = start + relativedelta(months=months)
        return later
    return start + dt.timedelta(days=math.ceil(notice.approx_minutes / 1440))


def _weekdays(start: dt.date, notice: Duration) -> dt.date:
    """Without a calendar: business days are Monday to Friday (business hours: 8 a day)."""
    days = notice.value if notice.unit is TimeUnit.DAY else notice.value / 8
    left, day = math.ceil(days), start
    while left > 0:
        if day.weekday() < 5:
            left -= 1
        day += dt.timedelta(days=1)
    return day
