"""``commitgen compensate``: golden answers in Vietnamese and English, facts, errors and
exit codes, as a user sees them."""

from __future__ import annotations

import json

import pytest

from tests.conftest import DATA, EXAMPLES, MINIMAL, RunCli

GOLDEN = DATA / "golden" / "compensate"
REPO = EXAMPLES.parent

#: name → the arguments after `commitgen compensate`; the answer is GOLDEN/NAME.txt
CASES = {
    "saas-outage-vi": ["saas-support", "service-outage", "--fact", "availability=99.2%",
                       "--fact", "monthly_fee=3000000VND", "--on", "2027-03-01",
                       "--lang", "vi"],
    "saas-outage-en": ["saas-support", "service-outage", "--fact", "availability=99.2%",
                       "--fact", "monthly_fee=3000000VND", "--on", "2027-03-01",
                       "--lang", "en"],
    "saas-billing-error-vi": ["saas-support", "billing-error", "--fact",
                              "amount_charged_in_error=1250000VND", "--on", "2027-03-01",
                              "--fact", "claimed=2027-03-10 09:30", "--lang", "vi"],
    # paid late, known only from the claim (a payment on claim counts from it)
    "saas-billing-error-late-en": ["saas-support", "billing-error", "--fact",
                                   "amount_charged_in_error=1250000VND", "--fact",
                                   "claimed=2027-03-10 09:30", "--fact", "paid=2027-04-01",
                                   "--lang", "en"],
    "saas-billing-error-claimed-late-vi": ["saas-support", "billing-error", "--fact",
                                           "amount_charged_in_error=1250000VND", "--on",
                                           "2027-03-01", "--fact", "claimed=2028-03-02",
                                           "--lang", "vi"],
    "saas-response-2028-en": ["saas-support", "late-critical-response", "--on", "2028-02-01",
                              "--lang", "en"],
    "retailer-late-vi": ["online-retailer", "late-delivery", "--fact", "delay=3d2h",
                         "--fact", "chose_to_wait=yes", "--fact", "told=2027-02-26",
                         "--on", "2027-03-01", "--fact", "paid=2027-03-12", "--lang", "vi"],
    "retailer-late-en": ["online-retailer", "late-delivery", "--fact", "delay=3d2h",
                         "--fact", "chose_to_wait=yes", "--fact", "told=2027-02-26",
                         "--on", "2027-03-01", "--fact", "paid=2027-03-12", "--lang", "en"],
    "retailer-late-refund-en": ["online-retailer", "late-refund", "--fact",
                                "order_value=5000000VND", "--lang", "en"],
    "fibre-slow-speed-en": ["fibre-internet", "slow-speed", "--fact", "days_slow=8",
                            "--fact", "evening_speed=40", "--fact", "monthly_fee=300000VND",
                            "--on", "2027-03-01", "--fact", "claimed=2027-03-20 10:00"],
    "fibre-late-repair-vi": ["fibre-internet", "late-repair", "--fact", "delay=75h",
                             "--on", "2027-03-01", "--lang", "vi"],
    "fibre-appointment-en": ["fibre-internet", "missed-appointment", "--fact", "rebooked=yes",
                             "--fact", "told=2028-03-04 09:00", "--on", "2028-03-04 14:00"],
    "fibre-cable-cut-vi": ["fibre-internet", "international-cable-cut", "--lang", "vi"],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_answers(name: str, run_cli: RunCli) -> None:
    result = run_cli("compensate", *CASES[name], cwd=REPO)
    assert result.exit_code == 0, result.output
    expected = (GOLDEN / f"{name}.txt").read_text(encoding="utf-8")
    assert result.stdout == expected


def test_every_golden_file_has_a_case() -> None:
    assert {p.stem for p in GOLDEN.glob("*.txt")} == set(CASES)


def test_json_answer_is_the_engine_outcome(run_cli: RunCli) -> None:
    result = run_cli("compensate", *CASES["saas-outage-en"], "--format", "json", cwd=REPO)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["amount"] == {"amount": "750000", "currency": "VND"}
    assert [step["kind"] for step in data["steps"]] == ["band", "percent", "payment_deadline"]
    assert data["steps"][0]["lower"] == {"value": "99", "inclusive": True}
    assert data["words"]["owed"] == "Owed: 750,000\u00a0VND"


def test_list_facts(run_cli: RunCli) -> None:
    result = run_cli("compensate", "online-retailer", "late-delivery", "--list-facts",
                     "--lang", "en", cwd=REPO)
    assert result.exit_code == 0
    assert "delay — a duration" in result.stdout
    assert "chose_to_wait — yes or no" in result.stdout
    facts = json.loads(run_cli("compensate", "saas-support", "service-outage",
                               "--list-facts", "--format", "json", cwd=REPO).stdout)
    assert facts[0] == {**facts[0], "name": "availability", "kind": "number", "unit": "%",
                        "requirement": "always"}
    assert facts[1]["currency"] == "VND"


def test_wrong_and_missing_facts_are_located_problems(run_cli: RunCli) -> None:
    result = run_cli("compensate", "saas-support", "service-outage", "--fact",
                     "availability=99.2km", "--on", "2026-12-31", "--lang", "en", cwd=REPO)
    assert result.exit_code == 2
    assert ('command line: availability: "99.2km" is in km, but this measure is in % '
            "[CG061]") in result.stderr
    assert "happened: 2026-12-31 is before this charter took effect" in result.stderr
    assert "availability — a number in %" in result.stderr  # what the case needs
    missing = run_cli("compensate", "fibre-internet", "slow-speed", cwd=REPO)
    assert missing.exit_code == 2
    assert 'needs the fact "days_slow" (a number in days)' in missing.stderr
    assert 'needs the fact "evening_speed"' in missing.stderr


@pytest.mark.parametrize(("args", "words"), [
    (["saas-support", "outage"], 'no worst case "outage" — did you mean "service-outage"?'),
    (["saas", "service-outage"], 'no policy "saas"'),
    (["saas-support", "service-outage", "--lang", "fr"], "--lang fr: the policy is in vi, en"),
    (["saas-support", "service-outage", "--fact", "availability"], "write NAME=VALUE"),
    (["saas-support", "late-critical-response", "--on", "2027-03-01", "--fact",
      "happened=2027-03-02"], "give the day once"),
])
def test_usage_errors(args: list[str], words: str, run_cli: RunCli) -> None:
    result = run_cli("compensate", *args, cwd=REPO)
    assert result.exit_code == 2
    assert words in result.stderr


def test_a_policy_file_and_a_broken_policy(run_cli: RunCli, tmp_path: object) -> None:
    result = run_cli("compensate", str(MINIMAL), "outage", "--lang", "en", cwd=REPO)
    assert result.exit_code == 0 and "Owed: 200,000\u00a0VND" in result.stdout
    broken = DATA / "diagnostics" / "band-gap-overlap.yaml"
    result = run_cli("compensate", str(broken), "outage", cwd=REPO)
    assert result.exit_code == 1
    assert "[CG077]" in result.stderr  # bands overlap


def test_help_shows_an_example(run_cli: RunCli) -> None:
    result = run_cli("compensate", "--help", cwd=REPO)
    assert result.exit_code == 0
    assert "--fact availability=99.2%" in result.stdout and "--list-facts" in result.stdout


def test_a_notice_after_the_case_is_worded_as_such(run_cli: RunCli) -> None:
    args = ["online-retailer", "late-delivery", "--fact", "delay=2d", "--fact",
            "chose_to_wait=yes", "--fact", "told=2027-03-03 10:00", "--on", "2027-03-02 09:00"]
    english = run_cli("compensate", *args, "--lang", "en", cwd=REPO)
    assert english.exit_code == 0, english.output
    assert "No reduction: you were told only when it happened or after, not 24 hours " \
        "ahead" in english.stdout
    assert "-" not in english.stdout.split("No reduction")[1].split(":")[0]
    vietnamese = run_cli("compensate", *args, "--lang", "vi", cwd=REPO)
    assert "không được báo trước 24 giờ" in vietnamese.stdout
