"""Business time: deadlines across weekends, lunch breaks, Tết and company days off."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import holidays
import pytest
from pydantic import ValidationError

from commitgen.business_calendar import BusinessCalendar
from commitgen.model.business_time import BusinessTime
from commitgen.model.duration import Duration
from tests.conftest import MINIMAL, RunCli, make_project

SAIGON = ZoneInfo("Asia/Ho_Chi_Minh")
OFFICE = {"time_zone": "Asia/Ho_Chi_Minh", "holidays": "VN",
          "hours": [{"days": "mon-fri", "opens": "08:00", "closes": "12:00"},
                    {"days": "mon-fri", "opens": "13:00", "closes": "17:00"}]}


def calendar(**changes: object) -> BusinessCalendar:
    return BusinessCalendar(BusinessTime.model_validate({**OFFICE, **changes}))


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=SAIGON)


@pytest.mark.parametrize(("start", "duration", "deadline"), [
    # Friday afternoon: the weekend does not count
    ("2027-01-08 15:00", "1 business day", "2027-01-11 15:00"),
    ("2027-01-08 16:00", "4 business hours", "2027-01-11 11:00"),
    ("2027-01-08 15:00", "2 business days", "2027-01-12 15:00"),
    # outside working hours: counted from the next opening, due at a closing
    ("2027-01-08 20:00", "1 business day", "2027-01-11 17:00"),
    ("2027-01-09 10:00", "1 business day", "2027-01-11 17:00"),
    ("2027-01-11 08:00", "2 business days", "2027-01-12 17:00"),
    # the lunch break does not count
    ("2027-01-11 11:00", "2 business hours", "2027-01-11 14:00"),
    ("2027-01-11 12:30", "1 business hour", "2027-01-11 14:00"),
    # a deadline that ends exactly at closing stays at closing
    ("2027-01-11 16:00", "1 business hour", "2027-01-11 17:00"),
    # fractions of a day take that share of the next day's hours
    ("2027-01-11 09:00", "0.5 business days", "2027-01-11 14:00"),
    # clock time ignores the calendar
    ("2027-01-08 15:00", "2 days", "2027-01-10 15:00"),
    ("2027-01-08 23:30", "1 hour", "2027-01-09 00:30"),
    ("2027-01-31 09:00", "1 month", "2027-02-28 09:00"),
])
def test_deadlines(start: str, duration: str, deadline: str) -> None:
    assert calendar().deadline(at(start), Duration.parse(duration)) == at(deadline)


def test_tet_does_not_count() -> None:
    """Tết 2027 (by the holidays library) runs from Thu 4 to Wed 10 February."""
    tet = holidays.country_holidays("VN", years=2027)
    assert all(dt.date(2027, 2, day) in tet for day in (4, 5, 8, 9, 10))
    office = calendar()
    # Wednesday before Tết, 15:00: the next working day is Thursday 11 February
    assert office.deadline(at("2027-02-03 15:00"), Duration.parse("1 business day")) == \
        at("2027-02-11 15:00")
    assert office.deadline(at("2027-02-03 16:00"), Duration.parse("3 business hours")) == \
        at("2027-02-11 10:00")
    assert not office.is_working_day(dt.date(2027, 2, 8))  # a Monday in Tết


def test_company_days_off_and_make_up_days() -> None:
    office = calendar(closed=[{"date": "2027-02-11", "until": "2027-02-12",
                               "name": {"en": "Company Tết break", "vi": "Nghỉ Tết"}}],
                      open=["2027-02-13"])
    # the make-up Saturday is worked with weekday hours
    assert office.deadline(at("2027-02-03 15:00"), Duration.parse("1 business day")) == \
        at("2027-02-13 15:00")
    assert office.day_off(dt.date(2027, 2, 12), "vi") == "Nghỉ Tết"
    assert office.day_off(dt.date(2027, 2, 13)) is None


def test_a_short_saturday_ends_the_day_at_its_closing() -> None:
    office = calendar(hours=[{"days": "mon-fri", "opens": "08:00", "closes": "17:30"},
                             {"days": "sat", "opens": "08:00", "closes": "12:00"}])
    assert office.deadline(at("2027-01-08 15:00"), Duration.parse("1 business day")) == \
        at("2027-01-09 12:00")


def test_a_start_in_another_zone_is_converted() -> None:
    start = dt.datetime(2027, 1, 8, 8, 0, tzinfo=dt.UTC)  # 15:00 in Saigon
    deadline = calendar().deadline(start, Duration.parse("1 business day"))
    assert deadline == at("2027-01-11 15:00")
    assert deadline.utcoffset() == dt.timedelta(hours=7)


def test_holiday_names_follow_the_document_language() -> None:
    office = calendar()
    vi = dict(office.days_off(dt.date(2027, 1, 1), dt.date(2027, 12, 31), "vi"))
    en = dict(office.days_off(dt.date(2027, 1, 1), dt.date(2027, 12, 31), "en"))
    assert vi[dt.date(2027, 2, 8)] == holidays.country_holidays(
        "VN", years=2027, language="vi")[dt.date(2027, 2, 8)]
    assert en[dt.date(2027, 2, 8)] == holidays.country_holidays(
        "VN", years=2027, language="en_US")[dt.date(2027, 2, 8)]
    assert dt.date(2027, 2, 6) not in vi  # a Saturday: not a working day anyway
    assert dict(office.days_off(dt.date(2027, 1, 1), dt.date(2027, 12, 31), "vi-VN")) == vi


@pytest.mark.parametrize(("changes", "message"), [
    ({"time_zone": "Saigon"}, "expected an IANA time zone such as Asia/Ho_Chi_Minh"),
    ({"holidays": "Vietnam"}, "ISO 3166 code"),
    ({"hours": [{"days": "mon-fri", "opens": "08:00", "closes": "12:00"},
                {"days": "fri", "opens": "11:00", "closes": "17:00"}]}, "overlap on fri"),
    ({"closed": [{"date": "2027-02-12", "until": "2027-02-11"}]}, "until must not be before"),
])
def test_bad_calendars_are_rejected(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        BusinessTime.model_validate({**OFFICE, **changes})


def test_business_time_without_a_calendar_is_an_error(tmp_path: Path, run_cli: RunCli) -> None:
    text = MINIMAL.read_text(encoding="utf-8")
    assert "    resolve_within: 4 hours\n" in text
    project = make_project(tmp_path / "p", [])
    (project / "policies" / "minimal.yaml").write_text(
        text.replace("    resolve_within: 4 hours\n", "    resolve_within: 2 business days\n"),
        encoding="utf-8")
    result = run_cli("check", cwd=project)
    assert result.exit_code == 1
    line = text[:text.index("    resolve_within: 4 hours")].count("\n") + 1
    assert f"minimal.yaml:{line}:21: worst_cases[0].resolve_within: 2 business days counts " \
        "in business time, but no working days and hours are declared [CG026]" in result.output
    assert "hint: add business_time" in result.output
    # the project's calendar in commitgen.yaml is enough
    (project / "commitgen.yaml").write_text(
        "business_time:\n  time_zone: Asia/Ho_Chi_Minh\n  holidays: VN\n  hours:\n"
        '    - {days: mon-fri, opens: "08:00", closes: "17:00"}\n', encoding="utf-8")
    result = run_cli("check", cwd=project)
    assert result.exit_code == 0, result.output


@pytest.mark.pdf
def test_charters_explain_business_time_with_computed_examples(built_examples: Path) -> None:
    page = (built_examples / "public/saas-support/en/index.html").read_text(encoding="utf-8")
    assert 'id="business-time"' in page
    assert "Business hours and days off" in page
    assert "Monday to Friday" in page and "08:00–18:00" in page
    assert "in Vietnam Time:" in page and "Asia/Ho_Chi_Minh" not in page  # no machine ids
    assert "Lunar New Year" in page  # Tết, by the holidays library, as one run of days
    assert "Company Tết break" in page  # the company's own days off
    vi = (built_examples / "public/saas-support/vi/index.html").read_text(encoding="utf-8")
    assert "Giờ làm việc và ngày nghỉ" in vi and "Tết Nguyên Đán" in vi
    assert "Thứ Hai đến Thứ Sáu" in vi


def test_a_target_day_that_opens_later_keeps_the_deadline_on_that_day() -> None:
    office = calendar(hours=[{"days": "mon", "opens": "08:00", "closes": "17:00"},
                             {"days": "tue-fri", "opens": "10:00", "closes": "20:00"}])
    assert office.deadline(at("2027-01-11 09:30"), Duration.parse("1 business day")) == \
        at("2027-01-12 10:00")


def test_daylight_saving_counts_real_hours() -> None:
    paris = ZoneInfo("Europe/Paris")  # clocks go from 02:00 to 03:00 on 2026-03-29
    office = calendar(time_zone="Europe/Paris", holidays="none",
                      hours=[{"days": "mon-sun", "opens": "00:00", "closes": "24:00"}])
    start = dt.datetime(2026, 3, 29, 0, 0, tzinfo=paris)
    deadline = office.deadline(start, Duration.parse("4 business hours"))
    assert deadline.astimezone(dt.UTC) - start.astimezone(dt.UTC) == dt.timedelta(hours=4)
    day = office.deadline(dt.datetime(2026, 3, 28, 2, 30, tzinfo=paris), Duration.parse("1 day"))
    assert (day.hour, day.minute) == (3, 30)  # 02:30 does not exist that night


def test_long_business_durations_are_computed() -> None:
    deadline = calendar().deadline(at("2027-01-11 08:00"), Duration.parse("10000 business hours"))
    assert deadline == at("2032-01-16 17:00")  # about 8 hours a working day for 5 years


@pytest.mark.pdf
def test_a_calendar_without_working_days_in_the_year_still_builds(
        tmp_path: Path, run_cli: RunCli) -> None:
    text = MINIMAL.read_text(encoding="utf-8").replace(
        "    resolve_within: 4 hours\n", "    resolve_within: 2 business days\n")
    project = make_project(tmp_path / "p", [])
    (project / "policies" / "minimal.yaml").write_text(text, encoding="utf-8")
    (project / "commitgen.yaml").write_text(
        "business_time:\n  time_zone: Asia/Ho_Chi_Minh\n  holidays: VN\n  hours:\n"
        '    - {days: mon-fri, opens: "08:00", closes: "17:00"}\n  closed:\n'
        "    - {date: 2026-01-01, until: 2026-12-31}\n", encoding="utf-8")
    result = run_cli("build", "-q", "-j", "1", cwd=project)
    assert result.exit_code == 0, result.output
