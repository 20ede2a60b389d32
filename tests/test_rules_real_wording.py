"""Wording from real published charters that the rules once misread (each case is the
real sentence, in a policy that is otherwise clean): a missed-appointment definition is
no change notice, a cap written in days agrees with the cap, "e.g." ends no sentence, a
hard maximum in the same section bounds "as quickly as possible", a top level that is
not management is reported once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from commitgen.checking import check_paths
from commitgen.rules.config import RulesConfig
from commitgen.rules.text import durations, sentences

CLEAN: dict[str, Any] = {
    "id": "clean", "version": "1.0", "effective": "2026-01-01", "languages": ["en"],
    "provider": {"name": "Example Ltd", "website": "https://example.com"},
    "service": {"name": "Broadband"},
    "worst_cases": [{
        "id": "outage", "title": "Service outage", "what_happens": "You cannot get online.",
        "remedy": "We restore the service.", "respond_within": "30 minutes",
        "resolve_within": "4 hours",
        "compensation": {"type": "fixed", "amount": "20 GBP",
                         "payment": {"method": "automatic", "forms": ["bill_credit"],
                                     "within": "30 days"}}}],
    "channels": [{"type": "hotline", "phone": "0800 123 456", "hours": "24/7"}],
    "escalation": [{"role": "Director", "email": "director@example.com"}],
    "changes": {"notice": "30 days", "how": "E-mail to every customer."},
}


def _findings(tmp_path: Path, **sections: Any) -> list[tuple[str, str]]:
    policy = {**CLEAN, **sections}
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(policy, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    found = check_paths([path], root=tmp_path, rules=RulesConfig()).diagnostics
    return [(d.code, d.field_path) for d in found if d.code not in ("CG209",)]


def test_the_clean_policy_is_clean(tmp_path: Path) -> None:
    assert _findings(tmp_path) == []


@pytest.mark.parametrize("text", [
    "If for any reason we fail to arrive within the times promised, or if we cancel with "
    "less than 24 hours notice, we will automatically pay you £50 in each case.",
    "If you cancel with less than 24 hours notice, the visit is charged.",
    "In the unlikely event that we have to cancel the appointment, we will give you at "
    "least 24 hours notice.",
    "If we need to cancel or reschedule, we'll give you at least 24 hours' notice.",
    "We will notify you in writing at least 48 hours in advance if we have to interrupt "
    "your water supply for more than four hours to undertake planned works.",
])
def test_a_notice_about_an_appointment_is_not_the_change_notice(tmp_path: Path,
                                                                text: str) -> None:
    assert _findings(tmp_path, terms=[{"title": "Appointments", "text": text}]) == []


def test_a_change_notice_in_the_terms_is_still_compared(tmp_path: Path) -> None:
    terms = [{"title": "Changes", "text": "We give you 14 days notice of any change."}]
    assert _findings(tmp_path, terms=terms) == [("CG170", "terms[0].text")]


def test_a_missed_appointment_case_is_not_a_change_notice(tmp_path: Path) -> None:
    case = {**CLEAN["worst_cases"][0], "id": "missed", "title": "Missed appointments",
            "what_happens": "An engineer does not turn up for a scheduled appointment, or it "
                            "is cancelled with less than 24 hours notice."}
    assert _findings(tmp_path, worst_cases=[case]) == []


def _per_day(explanation: str, cap: str) -> dict[str, Any]:
    return {**CLEAN["worst_cases"][0], "compensation": {
        "type": "per_period", "explanation": explanation, "after": "2 days",
        "initial": "9.33 GBP", "then": "9.33 GBP", "every": "1 day", "cap": cap,
        "payment": {"method": "automatic", "forms": ["bill_credit"], "within": "30 days"}}}


def test_a_cap_written_in_days_agrees_with_the_cap(tmp_path: Path) -> None:
    case = _per_day("There is a maximum of 60 days compensation payable.", "559.80 GBP")
    assert _findings(tmp_path, worst_cases=[case]) == []


def test_a_cap_in_days_that_is_not_the_cap_is_reported(tmp_path: Path) -> None:
    case = _per_day("There is a maximum of 90 days compensation payable.", "559.80 GBP")
    assert _findings(tmp_path, worst_cases=[case]) == [
        ("CG170", "worst_cases[0].compensation.explanation")]


def test_prose_is_compared_with_the_scheme_even_without_a_changes_section(
        tmp_path: Path) -> None:
    policy = {k: v for k, v in CLEAN.items() if k != "changes"}
    case = _per_day("There is a maximum of 90 days compensation payable.", "559.80 GBP")
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump({**policy, "worst_cases": [case]}), encoding="utf-8")
    codes = {(d.code, d.field_path) for d in
             check_paths([path], root=tmp_path, rules=RulesConfig()).diagnostics}
    assert ("CG170", "worst_cases[0].compensation.explanation") in codes


@pytest.mark.parametrize(("text", "expected"), [
    ("We respond promptly, e.g. within 4 hours.", ["We respond promptly, e.g. within 4 hours."]),
    ("Payment services (e.g. Direct Debit) take 15 business days. Others take 8 weeks.",
     ["Payment services (e.g. Direct Debit) take 15 business days.", "Others take 8 weeks."]),
    ("Cards, cash etc. are accepted. We reply.", ["Cards, cash etc. are accepted.", "We reply."]),
    ("Cards, cash etc. We reply.", ["Cards, cash etc.", "We reply."]),
    ("Tầng 6, TP. Hà Nội. Gọi chúng tôi.", ["Tầng 6, TP. Hà Nội.", "Gọi chúng tôi."]),
])
def test_abbreviations_end_no_sentence(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_e_g_before_a_time_is_not_a_vague_promise(tmp_path: Path) -> None:
    terms = [{"title": "Replies", "text": "We respond promptly, e.g. within 4 hours."}]
    assert _findings(tmp_path, terms=terms) == []


@pytest.mark.parametrize(("text", "written"), [
    ("we will send you our reply within ten working days", "10 business days"),
    ("a two-hour time period", "2 hours"),
    ("not fully fixed after two full working days", "2 full business days"),
])
def test_durations_written_in_words_are_read(text: str, written: str) -> None:
    assert [str(d.duration) for d in durations(text, "en")] == [written]


def test_a_hard_maximum_in_the_same_section_bounds_a_vague_word(tmp_path: Path) -> None:
    terms = [{"title": "Resolution time", "text": "We aim to resolve your complaint as "
              "quickly as possible."},
             {"title": "Resolution time", "text": "Should something outside of our control "
              "cause a delay, we've a maximum of 35 business days."}]
    assert _findings(tmp_path, terms=terms, business_time={
        "time_zone": "Europe/London",
        "hours": [{"days": "mon-fri", "opens": "09:00", "closes": "17:00"}],
        "holidays": "GB-ENG"}) == []


def test_a_time_that_is_no_maximum_does_not_bound_a_vague_word(tmp_path: Path) -> None:
    terms = [{"title": "Billing", "text": "We will make the change as quickly as possible."},
             {"title": "Billing", "text": "If we are unable to make the change and do not let "
              "you know within five working days, we will pay you £30."}]
    assert ("CG101", "terms[0].text") in _findings(tmp_path, terms=terms)


@pytest.mark.parametrize("text", ["To give you a range of appointment dates to choose from, "
                                  "wherever possible.",
                                  "To give you an appointment date and time that's convenient "
                                  "for you, to the best of our ability.",
                                  "We will endeavour to keep you updated as much as possible."])
def test_best_efforts_wording_is_vague(tmp_path: Path, text: str) -> None:
    assert _findings(tmp_path, terms=[{"title": "Visits", "text": text}]) == [
        ("CG101", "terms[0].text")]


def test_a_top_level_that_is_not_management_is_reported_once(tmp_path: Path) -> None:
    ladder = [{"role": "Customer Care team", "phone": "0800 123 456"},
              {"role": "Financial Ombudsman Service", "phone": "0800 023 4567",
               "external": True, "after": "8 weeks"}]
    assert _findings(tmp_path, escalation=ladder) == [("CG120", "escalation[0].role")]


def test_management_behind_the_switchboard_is_still_reported(tmp_path: Path) -> None:
    ladder = [{"role": "Director", "phone": "0800 123 456"}]
    assert _findings(tmp_path, escalation=ladder) == [("CG122", "escalation[0].phone")]


def _in_language(language: str) -> dict[str, Any]:
    """The clean policy's sections for a policy written in ``language``."""
    if language == "en":
        return {}
    return {"languages": [language], "worst_cases": [{
        **CLEAN["worst_cases"][0], "title": "Gián đoạn dịch vụ",
        "what_happens": "Bạn không thể truy cập.", "remedy": "Chúng tôi khôi phục dịch vụ."}],
        "service": {"name": "Internet"}, "escalation": [{"role": "Giám đốc",
                                                         "email": "giamdoc@example.com"}],
        "changes": {"notice": "30 days", "how": "Thư điện tử tới mọi khách hàng."}}


@pytest.mark.parametrize(("language", "text"), [
    ("en", "We will keep you updated at any time through the app."),
    ("en", "Changes to your order can be made at any time before dispatch."),
    ("en", "You can change products or cancel at any time in the app, free of charge."),
    ("en", "We never change these terms without notice."),
    ("vi", "Chúng tôi cập nhật tình trạng đơn hàng bất cứ lúc nào có thay đổi."),
    ("vi", "Quý khách có thể thay đổi gói cước bất cứ lúc nào."),
])
def test_a_change_that_denies_no_notice_is_not_reported(tmp_path: Path, language: str,
                                                        text: str) -> None:
    assert _findings(tmp_path, **_in_language(language),
                     terms=[{"title": "Changes", "text": text}]) == []


@pytest.mark.parametrize(("language", "text"), [
    ("en", "We may change these terms and our prices at any time."),
    ("en", "Changes take effect on publication on our website."),
    ("vi", "Các thay đổi có hiệu lực kể từ ngày đăng tải trên website."),
    ("vi", "Cong ty co the dieu chinh gia cuoc bat ky luc nao ma khong can bao truoc."),
])
def test_a_change_without_notice_is_reported(tmp_path: Path, language: str, text: str) -> None:
    assert _findings(tmp_path, **_in_language(language),
                     terms=[{"title": "Changes", "text": text}]) == [("CG154", "terms[0].text")]
