"""The typed diff: before/after pairs per kind of change, each with the verdict a customer
would give it; compensation changes found only by computing both versions."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from commitgen.model.money import Money
from commitgen.versions.diff import Verdict, diff_charters
from tests.conftest import RunCli, make_project
from tests.versions_support import BASE_TEXT, edited, policy_of

W, B, N = Verdict.WORSE, Verdict.BETTER, Verdict.NEUTRAL

BANDS = """    compensation:
      type: bands
      measure: {name: {vi: Tỷ lệ sẵn sàng, en: Availability}, unit: "%", fact: availability}
      of: monthly_fee
      bands:
        - {at_least: 99.9, percent: 0}
        - {at_least: 99.0, below: 99.9, percent: 10}
        - {below: 99.0, percent: 25}
      payment:"""
FIXED = """    compensation:
      type: fixed
      amount: 200000 VND
      payment:"""

LEAVING = ("notice: 30 days\n  leave_without_penalty:\n    how: {vi: Gọi tổng đài., "
           "en: Call the hotline.}")

#: name → (replacements, expected (aspect, verdict) among the changes)
PAIRS: dict[str, tuple[tuple[tuple[str, str], ...], tuple[str, Verdict]]] = {
    "lower amount": ((("amount: 200000 VND", "amount: 150000 VND"),),
                     ("compensation.owed", W)),
    "higher amount": ((("amount: 200000 VND", "amount: 250000 VND"),),
                      ("compensation.owed", B)),
    "longer deadline": ((("resolve_within: 4 hours", "resolve_within: 8 hours"),),
                        ("case.resolve_within", W)),
    "shorter first response": ((("respond_within: 30 minutes", "respond_within: 15 minutes"),),
                               ("case.respond_within", B)),
    "business time against clock time": ((("resolve_within: 4 hours",
                                            "resolve_within: 4 business hours"),),
                                         ("case.resolve_within", N)),
    "new fee": ((("channels:", "fees:\n  - id: renewal\n    name: {vi: Phí gia hạn, en: Renewal "
                  "fee}\n    amount: 500000 VND\n    when: {vi: Mỗi lần gia hạn., en: At each "
                  "renewal.}\nchannels:"),), ("fee.added", W)),
    "removed worst case": ((("worst_cases:\n  - id: outage", "worst_cases:\n  - id: outage2"),),
                           ("case.removed", W)),
    "removed channel": ((("    phone: \"1900 1234\"\n    hours: 24/7",
                          "    phone: \"1900 1234\"\n    hours: 24/7\n  - type: email\n"
                          "    email: a@example.com\n    hours: 24/7"),), ("channel.added", B)),
    "new exclusion": ((("    compensation:\n      type: fixed",
                        "    exclusions: [{vi: Bảo trì., en: Maintenance.}]\n    compensation:"
                        "\n      type: fixed"),), ("exclusion.added", W)),
    "automatic to on claim": ((("method: automatic", "method: on_claim"),),
                              ("payment.method", W)),
    "slower payment": ((("within: 30 days", "within: 60 days"),), ("payment.within", W)),
    "new reduction": ((("      payment:\n        method: automatic",
                        "      reductions: [{when: {vi: Khi báo trước., en: When told ahead.}, "
                        "owed_percent: 50}]\n      payment:\n        method: automatic"),),
                      ("reduction.added", W)),
    "shorter notice": ((("notice: 30 days", "notice: 14 days"),), ("notice", W)),
    "may leave without penalty": ((("notice: 30 days", LEAVING),), ("leaving.added", B)),
    "higher quality target": ((("at_least: 99.9, unit", "at_least: 99.95, unit"),),
                              ("quality.target", B)),
    "escalation without e-mail": ((("    email: director@example.com",
                                    "    phone: \"0900 000 000\""),), ("escalation.removed", W)),
    "wording only": ((("{vi: Chúng tôi khôi phục dịch vụ., en: We restore the service.}",
                       "{vi: Chúng tôi khôi phục dịch vụ ngay., en: We bring the service "
                       "back.}"),), ("text", N)),
    "compensation removed": (((FIXED + "\n        method: automatic\n        forms: "
                               "[bill_credit]\n        within: 30 days",
                               "    compensation:\n      type: none\n      reason: {vi: Không "
                               "có bồi thường cho sự cố này., en: Nothing is owed for this "
                               "failure.}"),), ("compensation.type", W)),
}


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_each_kind_of_change_is_classified(name: str, tmp_path: Path) -> None:
    replacements, (aspect, verdict) = PAIRS[name]
    old = policy_of(BASE_TEXT, tmp_path, "old.yaml").charter()
    new = policy_of(edited(*replacements), tmp_path, "new.yaml").charter()
    changes = diff_charters(old, new)
    assert (aspect, verdict) in {(c.aspect, c.verdict) for c in changes}, changes
    assert diff_charters(old, old) == []


def test_losing_the_right_to_leave_without_penalty_is_worse(tmp_path: Path) -> None:
    old = policy_of(edited(("notice: 30 days", LEAVING)), tmp_path, "old.yaml").charter()
    new = policy_of(BASE_TEXT, tmp_path, "new.yaml").charter()
    assert ("leaving.removed", W) in {(c.aspect, c.verdict) for c in diff_charters(old, new)}


def _bands(*lines: str) -> str:
    return edited((FIXED, BANDS)).replace(
        BANDS.split("bands:\n")[1].rsplit("      payment:", 1)[0], "".join(lines))


def test_a_moved_band_edge_is_found_by_computing(tmp_path: Path) -> None:
    """Only the edge moved (99.0 → 98.0): no percentage changed, yet a customer at 98.5 %
    got 25 % of the fee and now gets 10 %. The engine finds it, with that example."""
    old = policy_of(_bands("        - {at_least: 99.9, percent: 0}\n",
                           "        - {at_least: 99.0, below: 99.9, percent: 10}\n",
                           "        - {below: 99.0, percent: 25}\n"), tmp_path, "a.yaml")
    new = policy_of(_bands("        - {at_least: 99.9, percent: 0}\n",
                           "        - {at_least: 98.0, below: 99.9, percent: 10}\n",
                           "        - {below: 98.0, percent: 25}\n"), tmp_path, "b.yaml")
    [change] = [c for c in diff_charters(old.charter(), new.charter())
                if c.aspect == "compensation.owed"]
    assert change.verdict is W
    [example] = change.examples
    facts = {fact.name: fact.value for fact in example.facts}
    assert Decimal(98) <= facts["availability"].value < Decimal(99)
    assert facts["monthly_fee"] == Money(Decimal(1_000_000), "VND")
    assert (example.old, example.new) == (Money(Decimal(250000), "VND"),
                                          Money(Decimal(100000), "VND"))


def test_a_band_scheme_replacing_a_fixed_amount_is_compared_by_computing(
        tmp_path: Path) -> None:
    old = policy_of(BASE_TEXT, tmp_path, "a.yaml")
    new = policy_of(_bands("        - {at_least: 99.9, percent: 0}\n",
                           "        - {below: 99.9, percent: 10}\n"), tmp_path, "b.yaml")
    [change] = [c for c in diff_charters(old.charter(), new.charter())
                if c.aspect == "compensation.owed"]
    # 200,000 VND for any outage before; 10 % of a 1,000,000 VND fee is less
    assert change.verdict is W
    assert change.examples[0].old == Money(Decimal(200000), "VND")


def test_same_payouts_written_differently_is_no_change(tmp_path: Path) -> None:
    a = _bands("        - {at_least: 99.9, percent: 0}\n",
               "        - {below: 99.9, percent: 10}\n")
    b = _bands("        - {below: 99.9, percent: 10}\n",
               "        - {at_least: 99.9, percent: 0}\n")
    changes = diff_charters(policy_of(a, tmp_path, "a.yaml").charter(),
                            policy_of(b, tmp_path, "b.yaml").charter())
    assert [c for c in changes if c.aspect.startswith("compensation")] == []


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_diff_command_formats(fmt: str, tmp_path: Path, run_cli: RunCli) -> None:
    project = make_project(tmp_path / "p", [])
    (project / "policies" / "old.yaml").write_text(BASE_TEXT, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(
        edited(('version: "1.0"', 'version: "1.1"'), ("amount: 200000 VND", "amount: 100000 VND")),
        encoding="utf-8")
    result = run_cli("diff", "policies/old.yaml", "../new.yaml", "--format", fmt, cwd=project)
    assert result.exit_code == 0, result.output
    if fmt == "json":
        data = json.loads(result.output)
        [owed] = [c for c in data["changes"] if c["aspect"] == "compensation.owed"]
        assert owed["verdict"] == "worse"
        assert owed["old"] == {"amount": "200000", "currency": "VND"}
    elif fmt == "markdown":
        assert result.output.startswith("### Charter changes")
        assert "| 🔴 worse | `worst_cases[0].compensation.amount` |" in result.output
    else:
        assert "1 worse, 0 better, 1 neutral" in result.output
        assert "worse    worst_cases[0].compensation.amount: compensation owed (Gián đoạn " \
               "dịch vụ): 200000 VND → 100000 VND" in result.output


def test_diff_refuses_two_different_charters(tmp_path: Path, run_cli: RunCli) -> None:
    (tmp_path / "a.yaml").write_text(BASE_TEXT, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(edited(("id: minimal", "id: other")), encoding="utf-8")
    result = run_cli("diff", "a.yaml", "b.yaml", cwd=tmp_path)
    assert result.exit_code == 2
    assert "compare two versions of one charter" in result.output
