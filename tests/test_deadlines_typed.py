"""Deadlines as real schemes set them: honest "not set" values, full days, the event a
deadline counts from, and public holidays of a region (England's bank holidays)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from pydantic import ValidationError
from pydantic_core import PydanticCustomError

from commitgen.business_calendar import BusinessCalendar
from commitgen.compute import StepKind
from commitgen.model.business_time import BusinessTime
from commitgen.model.deadline import NotSet
from commitgen.model.duration import Duration
from commitgen.model.policy import Claim, WorstCase
from commitgen.versions.diff.change import Verdict
from commitgen.versions.diff.values import duration_verdict
from tests.engine_support import kinds, money, owed, policy_with, yaml_data

ENGLAND = """
time_zone: Europe/London
holidays: GB-ENG
hours: [{days: mon-fri, opens: "09:00", closes: "17:00"}]
"""

CASE = """
id: outage
title: Outage
what_happens: It fails.
remedy: We fix it.
respond_within: {respond}
resolve_within: {resolve}
compensation: {{type: fixed, amount: 10 EUR}}
"""


def _case(respond: str = "1 hour", resolve: str = "1 day") -> WorstCase:
    return WorstCase.model_validate(yaml_data(CASE.format(respond=respond, resolve=resolve)))


@pytest.mark.parametrize(("respond", "resolve"), [
    ("immediately", "immediately"), ("none", "none"), ("not_applicable", "2 days"),
    ("not applicable", "2 full working days"), ("1 hour", "none")])
def test_deadline_fields_take_what_real_schemes_say(respond: str, resolve: str) -> None:
    case = _case(respond, resolve)
    assert isinstance(case.respond_within, Duration | NotSet)
    assert isinstance(case.resolve_within, Duration | NotSet)


@pytest.mark.parametrize(("field", "value", "message"), [
    ("resolve", "not_applicable", "resolve_within cannot be"),
    ("resolve", "ASAP", "not a time a customer can hold you to"),
    ("respond", "soon", "not a time a customer can hold you to"),
    ("respond", "2 full hours", "only days can be full days"),
])
def test_deadline_fields_refuse_the_rest(field: str, value: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        _case(**{field: value})


def test_a_claim_window_may_be_none_but_not_immediately() -> None:
    assert Claim.model_validate({"how": "Write to us.", "within": "none"}).within is NotSet.NONE
    with pytest.raises(ValidationError, match=r"claim\.within cannot be"):
        Claim.model_validate({"how": "Write to us.", "within": "immediately"})


def test_immediately_is_still_vague_where_a_duration_is_needed() -> None:
    with pytest.raises(ValidationError, match="not a time a customer can hold you to"):
        Claim.model_validate({"how": "x", "within": "as soon as possible"})
    with pytest.raises(PydanticCustomError, match="not a time a customer can hold you to"):
        Duration.parse("immediately")


# --- public holidays of a region -----------------------------------------------------------

def _calendar(region: str) -> BusinessCalendar:
    return BusinessCalendar(BusinessTime.model_validate(
        yaml_data(ENGLAND.replace("GB-ENG", region))))


def test_england_has_easter_monday_and_the_late_summer_bank_holiday() -> None:
    england, kingdom = _calendar("GB-ENG"), _calendar("GB")
    for day in (dt.date(2025, 4, 21), dt.date(2025, 8, 25)):
        assert not england.is_working_day(day)
        assert kingdom.is_working_day(day)  # the UK as a whole has neither


def test_an_unknown_subdivision_lists_the_valid_ones() -> None:
    with pytest.raises(ValidationError) as error:
        _calendar("GB-ENGLAND")
    assert "GB-ENG (England), GB-NIR (Northern Ireland), GB-SCT (Scotland), GB-WLS (Wales)" \
        in str(error.value)
    with pytest.raises(ValidationError, match="write VN alone"):
        _calendar("VN-HN")


# --- full days -------------------------------------------------------------------------------

# The Housing Ombudsman's Complaint Handling Code counts "within five working days of the
# complaint being received" from the next working day, in England (2025: Good Friday 18
# April, Easter Monday 21 April, early May bank holiday 5 May).
@pytest.mark.parametrize(("start", "duration", "last_day"), [
    ("2025-03-03 10:00", "5 full working days", "2025-03-10"),
    ("2025-03-05 16:59", "10 full working days", "2025-03-19"),
    ("2025-04-17 08:00", "5 full working days", "2025-04-28"),  # across Easter
    ("2025-04-10 12:00", "20 full working days", "2025-05-13"),
    ("2025-04-18 12:00", "1 full working day", "2025-04-22"),  # reported on a holiday
    ("2025-03-03 23:30", "28 full days", "2025-03-31"),
])
def test_full_days_leave_out_the_first_day_and_end_at_midnight(start: str, duration: str,
                                                                last_day: str) -> None:
    calendar = _calendar("GB-ENG")
    moment = dt.datetime.fromisoformat(start)
    end = calendar.deadline(moment, Duration.parse(duration))
    assert end == dt.datetime.combine(dt.date.fromisoformat(last_day) + dt.timedelta(days=1),
                                      dt.time(), tzinfo=calendar.zone)


def test_full_days_are_at_least_as_long_as_plain_days() -> None:
    full, plain = Duration.parse("2 full days"), Duration.parse("2 days")
    assert not full.surely_shorter_than(plain)
    assert full.longest_minutes == Decimal(3 * 1440)
    assert str(Duration.parse("14 ngày làm việc trọn")) == "14 full business days"


# --- what a deadline counts from -------------------------------------------------------------

CREDIT = """
type: percentage
percent: 10
of: monthly_fee
payment: {method: on_claim, forms: [bill_credit], within: 30 days}
"""


@pytest.mark.parametrize(("happened", "claimed", "deadline", "owed_text"), [
    ("2027-03-10", "2027-05-31", "2027-05-31", "10 USD"),  # the last day of May
    ("2027-03-31", "2027-06-01", "2027-05-31", "0 USD"),  # a day late: nothing
    ("2027-02-14", "2027-04-30", "2027-04-30", "10 USD"),  # not 28 April
])
def test_a_claim_by_the_end_of_the_second_month(happened: str, claimed: str, deadline: str,
                                                owed_text: str) -> None:
    policy = policy_with(CREDIT, claim="{how: Open a case., within: 2 months, "
                                       "counted_from: end_of_month}", effective="2027-01-01")
    outcome = owed(policy, {"monthly_fee": "100 USD", "happened": happened,
                            "claimed": claimed})
    assert outcome.amount == money(owed_text)
    assert outcome.claim_deadline is not None
    assert outcome.claim_deadline.day == dt.date.fromisoformat(deadline)
    step = next(s for s in outcome.steps if s.kind is StepKind.CLAIM_DEADLINE)
    assert step.values["since"] == "end_of_month"


def test_a_claim_window_counted_from_resolution() -> None:
    policy = policy_with(CREDIT, claim="{how: Write to us., within: 28 days, "
                                       "counted_from: resolution}", effective="2027-01-01")
    facts = {"monthly_fee": "100 USD", "happened": "2027-03-01", "resolved": "2027-03-10"}
    assert owed(policy, {**facts, "claimed": "2027-04-07"}).amount == money("10 USD")
    assert owed(policy, {**facts, "claimed": "2027-04-08"}).amount == money("0 USD")


def test_no_claim_window_and_payment_at_the_time() -> None:
    scheme = CREDIT.replace("within: 30 days", "within: immediately")
    policy = policy_with(scheme, claim="{how: Ask at the desk., within: none}",
                         effective="2027-01-01")
    outcome = owed(policy, {"monthly_fee": "100 USD", "happened": "2027-03-01 10:00",
                            "claimed": "2027-09-01 09:00"})
    assert outcome.amount == money("10 USD")
    assert kinds(outcome)[-2:] == ["claim_no_deadline", "payment_at_once"]
    assert outcome.claim_deadline is None
    assert outcome.payment_deadline is not None and outcome.payment_deadline.at == \
        dt.datetime(2027, 9, 1, 9, 0)


def test_no_payment_deadline_is_stated_as_such() -> None:
    scheme = CREDIT.replace("within: 30 days", "within: none")
    policy = policy_with(scheme.replace("on_claim", "automatic"), effective="2027-01-01")
    outcome = owed(policy, {"monthly_fee": "100 USD", "happened": "2027-03-01"})
    assert kinds(outcome)[-1] == "payment_no_deadline" and outcome.payment_deadline is None


def test_payment_in_full_working_days_from_the_claim() -> None:
    scheme = CREDIT.replace("within: 30 days", "within: 5 full working days")
    policy = policy_with(scheme, claim="{how: Write to us., within: 28 days}",
                         business_time=ENGLAND, effective="2025-01-01")
    outcome = owed(policy, {"monthly_fee": "100 GBP", "happened": "2025-04-10",
                            "claimed": "2025-04-17 16:00"})
    assert outcome.payment_deadline is not None
    assert outcome.payment_deadline.day == dt.date(2025, 4, 28)
    assert not outcome.payment_deadline.has_time


# --- versions: which way a change goes -------------------------------------------------------

@pytest.mark.parametrize(("old", "new", "longer_is", "verdict"), [
    ("28 days", "none", Verdict.BETTER, Verdict.BETTER),  # a claim window removed
    ("2 days", "none", Verdict.WORSE, Verdict.WORSE),  # no time set to resolve
    ("2 days", "immediately", Verdict.WORSE, Verdict.BETTER),
    ("not_applicable", "2 days", Verdict.WORSE, Verdict.NEUTRAL),
])
def test_versions_compare_deadlines_that_are_not_durations(old: str, new: str,
                                                            longer_is: Verdict,
                                                            verdict: Verdict) -> None:
    def read(text: str) -> Duration | NotSet:
        return _case(respond=text).respond_within
    assert duration_verdict(read(old), read(new), longer_is) is verdict
