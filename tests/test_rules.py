"""Every clarity and fairness rule: a policy that triggers it (code, location, field and
message) and one that passes (``base.yaml`` passes every rule).

The fixtures in tests/data/rules/ are ``base.yaml`` with one change each; the file
name is the rule's name.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from commitgen.checking import check_paths
from commitgen.diagnostics import Diagnostic, Severity
from commitgen.rules.config import RulesConfig
from commitgen.rules.registry import all_rules
from tests.conftest import DATA, MINIMAL, RunCli

RULES = DATA / "rules"
BASE = RULES / "base.yaml"

#: fixture (= rule name) → the first problem: code, line, column, field, message part
EXPECTED: dict[str, tuple[str, int, int, str, str]] = {
    "vague-wording": ("CG101", 29, 18, "worst_cases[0].remedy.vi",
                      'vague word "nhanh chóng" with no measure (duration, amount or '
                      'percentage) in the sentence'),
    "none-reason-unexplained": ("CG102", 55, 20, "worst_cases[1].compensation.reason.vi",
                                "the reason nothing is owed has 3 words"),
    "compensation-no-payment": ("CG103", 54, 7, "worst_cases[1].compensation",
                                "does not say how and by when it is paid"),
    "fee-not-listed": ("CG110", 69, 11, "terms[0].text.vi",
                       'a charge is mentioned ("phí trả chậm" (50.000 đ)) that is not in the '
                       "public fee list"),
    "escalation-no-management": ("CG120", 82, 11, "escalation[1].role",
                                 'ends with "Nhân viên chăm sóc", which is not a management '
                                 "role"),
    "escalation-no-wait-time": ("CG121", 82, 5, "escalation[1]",
                                "does not say after how long a customer may come to it"),
    "escalation-not-direct": ("CG122", 83, 12, "escalation[1].email",
                              "management's contact is a general complaint channel"),
    "no-private-channel": ("CG130", 72, 3, "channels", "every complaint channel is public"),
    "notice-too-short": ("CG135", 86, 11, "changes.notice",
                         "a notice period of 7 days is shorter than 30 days"),
    "bands-not-monotone": ("CG140", 42, 11, "worst_cases[0].compensation.bands[2]",
                           "this band pays less than a band for a smaller failure"),
    "cap-below-amount": ("CG141", 61, 48, "worst_cases[1].compensation.payment.late_payment.cap",
                         "the late-payment cap (20000 VND) is below the late-payment amount "
                         "(50000 VND)"),
    "claim-window-too-short": ("CG142", 60, 15, "worst_cases[1].claim.within",
                               "the claim window (1 day) closes before the customer can know "
                               "they are owed anything (resolve_within: 2 days)"),
    "effective-before-previous": ("CG143", 89, 30, "changes.history[0].date",
                                  "version 1.0 is dated 2026-09-01, after this version's "
                                  "effective date 2026-07-01"),
    "long-sentence": ("CG160", 31, 11, "worst_cases[0].remedy.en",
                      'a sentence of 47 words ("We will look into the matter …"); the limit '
                      "for en is 40"),
    "unexplained-jargon": ("CG161", 12, 11, "quality[0].promise.en",
                           '"SLA" is jargon and is not explained where it is first used'),
    "prose-contradicts-data": ("CG170", 55, 25, "worst_cases[1].compensation.explanation.vi",
                               "the text says 100.000 đ, which the compensation scheme does "
                               "not"),
    "prose-names-other-basis": ("CG171", 29, 18, "worst_cases[0].remedy.vi",
                                '"giá vé" (ticket_price), but the compensation is computed '
                                "on monthly_fee"),
    "translation-numbers-differ": ("CG180", 28, 54, "worst_cases[0].what_happens.en",
                                   "the numbers differ between vi and en (en has 2 that the "
                                   "other lacks)"),
    "staff-hidden-fee": ("CG201", 100, 12, "staff.notes[0].vi",
                         'the staff section mentions a charge ("phí gia hạn") that the public '
                         "charter does not list"),
    "staff-narrows-promise": ("CG202", 97, 20, "staff.cases[1].steps[0].vi",
                              'staff instruction limits what the customer gets ("không bồi '
                              'thường")'),
    "internal-deadline-longer": ("CG203", 95, 26, "staff.cases[0].internal_deadline",
                                 "the internal deadline (1 day) is longer than the public "
                                 "promise (resolve_within: 4 hours)"),
    "no-staff-section": ("CG209", 2, 1, "", "the policy has no staff section"),
    "no-goodwill-rule": ("CG210", 91, 3, "staff",
                         "no goodwill rule for long-standing or high-value customers"),
    "no-customer-fault-rule": ("CG211", 91, 3, "staff", "no rule for customer-fault cases"),
    "no-threat-rule": ("CG212", 108, 11, "staff.threats.rule",
                       "does not say that threats get the same process and no extra "
                       "concessions"),
    "case-without-guide": ("CG213", 47, 9, "worst_cases[1].id",
                           'worst case "late-refund" has no staff case guide'),
    "notice-denied": ("CG154", 69, 11, "terms[0].text.vi",
                      '"có thể thay đổi bất cứ lúc nào" denies customers notice of changes'),
    "suppression-without-reason": ("CG290", 29, 90, "",
                                   "suppression without a reason: it is ignored"),
    "unused-suppression": ("CG291", 86, 20, "", "unused suppression: no CG135 problem on "
                           "line 86"),
    "invalid-suppression": ("CG292", 86, 3, "", "suppression comment: unknown rule CG999"),
}


def _check(path: Path, config: RulesConfig | None = None) -> list[Diagnostic]:
    return check_paths([path], root=path.parent, rules=config or RulesConfig()).diagnostics


def test_base_policy_passes_every_rule() -> None:
    assert _check(BASE) == []


def test_minimal_policy_passes_every_rule() -> None:
    assert _check(MINIMAL) == []


#: rules that compare a policy with its published versions: tests/test_versions_rules.py
HISTORY_RULES = {"change-without-notice", "version-not-changed", "version-backwards",
                 "effective-backwards"}


def test_every_rule_has_a_triggering_fixture() -> None:
    # the template and stylesheet codes (CG310-CG315) read templates, not policies:
    # tests/test_template_lint.py, tests/test_stylesheet_lint.py
    assert {rule.name for rule in all_rules()
            if rule.code >= "CG100" and rule.example not in ("template", "stylesheet")} == (
        set(EXPECTED) | HISTORY_RULES)
    assert {p.stem for p in RULES.glob("*.yaml")} == {*EXPECTED, "base", "inline-suppressed"}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_rule_reports_code_location_field_and_message(name: str) -> None:
    code, line, column, field, message = EXPECTED[name]
    problems = _check(RULES / f"{name}.yaml")
    assert problems, f"{name} reported nothing"
    # a suppression without a reason suppresses nothing: the problem is reported too
    also = {"CG101"} if name == "suppression-without-reason" else set()
    assert {p.code for p in problems} == {code} | also, [str(p) for p in problems]
    first = next(p for p in problems if p.code == code)
    assert (first.file, first.line, first.column) == (f"{name}.yaml", line, column)
    assert first.field_path == field
    assert message in first.message
    assert first.hint  # says how to fix it
    rule = next(r for r in all_rules() if r.code == code)
    assert first.severity is rule.severity


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_rule_line_points_at_the_changed_yaml(name: str) -> None:
    """The reported line differs from base.yaml (or holds the comment) — a sanity check
    that the expected positions above are where the fixture changed something."""
    changed = RULES.joinpath(f"{name}.yaml").read_text(encoding="utf-8").splitlines()
    base = BASE.read_text(encoding="utf-8").splitlines()
    _, line, _, _, _ = EXPECTED[name]
    text = changed[line - 1]
    assert text not in base or name in {"escalation-no-wait-time", "no-goodwill-rule",
                                        "no-staff-section",
                                        "escalation-not-direct",
                                        "no-customer-fault-rule", "case-without-guide",
                                        "compensation-no-payment", "claim-window-too-short"
                                        } or "commitgen:" in text


def test_both_languages_are_reported() -> None:
    problems = _check(RULES / "vague-wording.yaml")
    assert [(p.field_path, p.message.split('"')[1]) for p in problems] == [
        ("worst_cases[0].remedy.vi", "nhanh chóng"), ("worst_cases[0].remedy.en", "promptly")]


def test_errors_fail_check_and_warnings_only_with_strict(tmp_path: Path,
                                                         run_cli: RunCli) -> None:
    error = run_cli("check", str(RULES / "prose-contradicts-data.yaml"), cwd=tmp_path)
    assert error.exit_code == 1
    assert "[CG170]" in error.stdout
    warning = run_cli("check", str(RULES / "notice-too-short.yaml"), cwd=tmp_path)
    assert warning.exit_code == 0, warning.output
    assert "warning: changes.notice:" in warning.stdout
    assert run_cli("check", "--strict", str(RULES / "notice-too-short.yaml"),
                   cwd=tmp_path).exit_code == 1


@pytest.mark.pdf
def test_build_fails_on_rule_errors(tmp_path: Path, run_cli: RunCli) -> None:
    (tmp_path / "policies").mkdir()
    text = (RULES / "staff-hidden-fee.yaml").read_text(encoding="utf-8")
    (tmp_path / "policies" / "base.yaml").write_text(text, encoding="utf-8")
    result = run_cli("build", "-q", cwd=tmp_path)
    assert result.exit_code == 1
    assert "policies/base.yaml:100:12: staff.notes[0].vi:" in result.stderr
    assert not (tmp_path / "output").exists()


def test_structural_errors_do_not_hide_rule_problems(tmp_path: Path) -> None:
    """All problems at once: a structural error and a rule problem in one policy."""
    path = _variant(tmp_path, "    resolve_within: 4 hours", "    resolve_within: 10 minutes",
                    "    remedy: {vi: Chúng tôi khôi phục dịch vụ., en: We restore the service.}",
                    "    remedy: {vi: Chúng tôi khôi phục dịch vụ., en: We restore it promptly.}")
    assert [(p.code, p.field_path) for p in _check(path)] == [
        ("CG101", "worst_cases[0].remedy.en"), ("CG024", "worst_cases[0].resolve_within"),
        ("CG203", "staff.cases[0].internal_deadline")]  # 2 hours, longer than 10 minutes


def test_a_type_error_does_not_hide_the_rest(tmp_path: Path) -> None:
    """The checks run on the rest of the policy and a note says what they skipped."""
    path = _variant(tmp_path, "    respond_within: 1 day", "    respond_within: ASAP",
                    "    remedy: {vi: Chúng tôi khôi phục dịch vụ., en: We restore the service.}",
                    "    remedy: {vi: Chúng tôi khôi phục dịch vụ., en: We restore it promptly.}")
    problems = _check(path)
    assert [(p.code, p.field_path, p.severity) for p in problems] == [
        ("CG101", "worst_cases[0].remedy.en", Severity.ERROR),
        ("CG090", "", Severity.NOTE),
        ("CG010", "worst_cases[1].respond_within", Severity.ERROR)]
    note = problems[1].message
    assert note.startswith("not checked because of format errors: worst_cases[1];")
    assert "CG213" in note  # needs every worst case to say which lack a guide


# --- passing variants of the trickier rules ---------------------------------------------

def _variant(tmp_path: Path, old: str, new: str, *more: str) -> Path:
    """base.yaml with ``old`` replaced by ``new`` (and further old, new pairs)."""
    text = BASE.read_text(encoding="utf-8")
    pairs = [(old, new), *zip(more[::2], more[1::2], strict=True)]
    for before, after in pairs:
        assert text.count(before) == 1, before
        text = text.replace(before, after)
    path = tmp_path / "base.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("edits", [
    # a vague word next to a number is a measurable promise
    ("    remedy: {vi: Chúng tôi khôi phục dịch vụ., en: We restore the service.}",
     '    remedy: {vi: Chúng tôi khôi phục nhanh trong 4 giờ., en: "We restore it fast, within '
     '4 hours."}'),
    # NFD-written Vietnamese is the same text; "nhanh" inside another word is not the word
    ("    what_happens: {vi: Bạn không thể đăng nhập., en: You cannot sign in.}",
     "    what_happens: {vi: Bạn không thể đăng nhập ở chi nhánh., en: You cannot sign in at a "
     "branch.}"),
    # a denied named charge is not a hidden one
    ("There is no renewal fee.", "No cancellation fee is ever charged."),
    # a charge with the amount of a listed fee
    ("There is no renewal fee.", "The setup fee is 500,000 VND.",
     "Không có phí gia hạn.", "Phí cài đặt là 500.000 đ."),
    # locale-aware: 99,9 (vi) = 99.9 (en); 200.000 đ = ₫200,000; number words count
    ("    what_happens: {vi: Bạn không thể đăng nhập., en: You cannot sign in.}",
     "    what_happens: {vi: Bạn không đăng nhập được 2 lần., en: You cannot sign in twice.}"),
    # the prose writes the target's duration, plus a detail
    ("      en: 90 % of requests are answered within 4 hours.",
     "      en: 90 % of requests are answered within 4 hours (most within 1 hour).",
     "      vi: 90 % yêu cầu được trả lời trong vòng 4 giờ.",
     "      vi: 90 % yêu cầu được trả lời trong vòng 4 giờ (phần lớn trong 1 giờ)."),
    # an explained acronym
    ("      en: The service is available 99.9 % of each month.",
     '      en: "Our SLA (service level agreement): available 99.9 % of each month."'),
    # a single level straight to management needs no waiting time
    ("""  - role: {vi: Trưởng nhóm hỗ trợ, en: Support team lead}
    email: truongnhom@example.com
""", ""),
])
def test_passing_variants(tmp_path: Path, edits: tuple[str, ...]) -> None:
    assert _check(_variant(tmp_path, *edits)) == []


def test_a_policy_without_staff_section_gets_one_note(tmp_path: Path) -> None:
    """Not a warning per staff rule and per case: one note, which fails nothing."""
    text = BASE.read_text(encoding="utf-8")
    path = tmp_path / "base.yaml"
    path.write_text(text[:text.index("staff:")], encoding="utf-8")
    problems = _check(path)
    assert [(p.code, p.line, p.field_path, p.severity) for p in problems] == [
        ("CG209", 2, "", Severity.NOTE)]


def test_vietnamese_is_matched_after_nfc_normalisation(tmp_path: Path) -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Chúng tôi khôi phục dịch vụ nhanh chóng.")
    path = _variant(tmp_path, "vi: Chúng tôi khôi phục dịch vụ.", f"vi: {decomposed}")
    [problem] = _check(path)
    assert problem.code == "CG101"
    assert '"nhanh chóng"' in problem.message


def test_staff_waiving_a_fee_is_not_a_hidden_fee(tmp_path: Path) -> None:
    path = _variant(tmp_path, "      may_offer: {vi: Một tháng miễn phí., en: One free month.}",
                    "      may_offer: {vi: Miễn phí cài đặt., en: Waive the setup fee.}")
    assert _check(path) == []


def test_json_lists_every_rule_problem(tmp_path: Path, run_cli: RunCli) -> None:
    result = run_cli("check", "--format", "json", str(RULES / "fee-not-listed.yaml"),
                     cwd=tmp_path)
    problems = json.loads(result.stdout)
    assert [(p["code"], p["severity"], p["field"]) for p in problems] == [
        ("CG110", str(Severity.ERROR), "terms[0].text.vi"),
        ("CG110", str(Severity.ERROR), "terms[0].text.en")]


# --- regressions ------------------------------------------------------------------------

_SAY = "      say: {vi: Chúng tôi xin lỗi., en: We are sorry.}"
_REMEDY = "    remedy: {vi: Chúng tôi khôi phục dịch vụ., en: We restore the service.}"
_TERM_VI = "      vi: Thuê bao tự động gia hạn. Không có phí gia hạn."
_TERM_EN = "      en: The subscription renews automatically. There is no renewal fee."
_SUMMARY = '      explanation: {vi: Bồi thường 200.000 đ., en: "We pay ₫200,000."}'


def _say(en: str, vi: str = "Chúng tôi xin lỗi.") -> tuple[str, str]:
    """Edits giving the second staff case guide this ``say``."""
    return _SAY, f"      say: {{vi: {json.dumps(vi, ensure_ascii=False)}, en: {json.dumps(en)}}}"


def _found(path: Path) -> list[tuple[str, str]]:
    return [(p.code, p.field_path) for p in _check(path)]


@pytest.mark.parametrize(("edits", "expected"), [
    # a plain string is written for every language: English words are found in it although
    # the default language is vi
    ((_SAY, '      say: "Charge an early termination fee of 200000 VND."'),
     [("CG052", "staff.cases[1].say"), ("CG201", "staff.cases[1].say")]),
    ((_REMEDY, '    remedy: "We restore the service promptly."'),
     [("CG052", "worst_cases[0].remedy"), ("CG101", "worst_cases[0].remedy")]),
    # ... and a problem found in several languages is reported once (vi: 55, en: 40 words)
    ((_REMEDY, "    remedy: " + " ".join(["We restore the service"] * 15) + "."),
     [("CG052", "worst_cases[0].remedy"), ("CG160", "worst_cases[0].remedy")]),
])
def test_plain_strings_are_read_in_every_language(tmp_path: Path, edits: tuple[str, ...],
                                                  expected: list[tuple[str, str]]) -> None:
    assert _found(_variant(tmp_path, *edits)) == expected


def test_a_plain_string_problem_is_reported_once(tmp_path: Path) -> None:
    path = _variant(tmp_path, _REMEDY, "    remedy: " + " ".join(["We restore it"] * 20) + ".")
    [problem] = [p for p in _check(path) if p.code == "CG160"]
    assert "the limit for vi is 55" in problem.message  # the default language's finding


@pytest.mark.parametrize("edits", [
    # English plain strings match the English lists (same-process, management)
    ('    rule: {vi: "Cùng quy trình, không nhượng bộ thêm.", en: "Same process, no extra '
     'concessions."}', '    rule: "Same process, no extra concessions."'),
    ("  - role: {vi: Giám đốc, en: Director}", "  - role: Director"),
])
def test_plain_strings_pass_with_any_language(tmp_path: Path, edits: tuple[str, ...]) -> None:
    assert [code for code, _ in _found(_variant(tmp_path, *edits))] == ["CG052"]


@pytest.mark.parametrize(("edits", "expected"), [
    # "cancel" denies nothing: the fee applies when the customer cancels
    ((_TERM_EN, "      en: The subscription renews automatically. If you cancel early, a fee "
      "of 1,000,000 VND applies.",
      _TERM_VI, "      vi: Thuê bao tự động gia hạn. Nếu bạn hủy sớm, phí 1.000.000 đ được "
      "áp dụng."),
     [("CG110", "terms[0].text.vi"), ("CG110", "terms[0].text.en")]),
    (_say("If the customer wants to cancel, charge an extra processing fee.",
          "Nếu khách muốn hủy, thu thêm phí xử lý."),
     [("CG201", "staff.cases[1].say.vi"), ("CG201", "staff.cases[1].say.en")]),
    # "without" after the charge does not deny it
    (_say("Add a handling charge to the bill without telling the customer.",
          "Cộng phí xử lý vào hóa đơn mà không báo cho khách."),
     [("CG201", "staff.cases[1].say.vi"), ("CG201", "staff.cases[1].say.en")]),
    # the amount of the setup fee does not make another fee listed
    (_say("If the customer wants to cancel, charge an extra 500,000 VND fee.",
          "Nếu khách muốn hủy, thu thêm phí 500.000 đ."),
     [("CG201", "staff.cases[1].say.vi"), ("CG201", "staff.cases[1].say.en")]),
    # a named fee with another amount than its own
    (_say("Charge the setup fee of 300,000 VND.", "Thu phí cài đặt 300.000 đ."),
     [("CG201", "staff.cases[1].say.vi"), ("CG201", "staff.cases[1].say.en")]),
    # a negated refund is a fee that stays charged
    (_say("A handling fee of 100,000 VND is not refunded.",
          "Phí xử lý 100.000 đ không được hoàn lại."),
     [("CG201", "staff.cases[1].say.vi"), ("CG201", "staff.cases[1].say.en")]),
    # a denial in another clause does not reach the charge
    (_say("No fee for the visit, but add a handling charge.",
          "Không thu phí đến nhà, nhưng thu thêm phí xử lý."),
     [("CG201", "staff.cases[1].say.vi"), ("CG201", "staff.cases[1].say.en")]),
])
def test_relief_only_when_it_governs_the_charge(tmp_path: Path, edits: tuple[str, ...],
                                                expected: list[tuple[str, str]]) -> None:
    assert _found(_variant(tmp_path, *edits)) == expected


@pytest.mark.parametrize("edits", [
    # "charge" that is no charge to the customer
    _say("The engineer in charge handles it.", "Kỹ sư phụ trách xử lý."),
    _say("Ask the customer to charge the device battery fully.",
         "Nhờ khách sạc đầy pin thiết bị."),
    _say("Avoid wasting the customer's time.", "Tránh làm lãng phí thời gian của khách."),
    # denied, waived or refunded where the denial governs the charge
    _say("Waive the setup fee.", "Miễn phí cài đặt."),
    _say("We never charge a cancellation fee.", "Chúng tôi không bao giờ thu phí hủy."),
    _say("The handling fee is waived.", "Phí xử lý được miễn."),
    _say("This month's fee will be refunded in full.", "Phí tháng này sẽ được hoàn lại."),
    _say("Repairs are free of charge.", "Sửa chữa không thu phí."),
    # a listed fee with its own amount
    _say("Charge the setup fee of 500,000 VND.", "Thu phí cài đặt 500.000 đ."),
])
def test_staff_sentences_that_hide_no_fee(tmp_path: Path, edits: tuple[str, ...]) -> None:
    assert _found(_variant(tmp_path, *edits)) == []


@pytest.mark.parametrize(("edits", "expected"), [
    # a bare count does not measure "promptly"
    ((_REMEDY, "    remedy: {vi: 2 kỹ sư khôi phục dịch vụ nhanh chóng., en: Our 2 engineers "
      "restore the service promptly.}"),
     [("CG101", "worst_cases[0].remedy.vi"), ("CG101", "worst_cases[0].remedy.en")]),
    # a compensation's explanation explains what is paid: it is a promise
    ((_SUMMARY, "      explanation: {vi: Bồi thường hợp lý., en: We pay a reasonable amount.}"),
     [("CG101", "worst_cases[1].compensation.explanation.vi"),
      ("CG101", "worst_cases[1].compensation.explanation.en")]),
])
def test_vague_words_need_a_measure(tmp_path: Path, edits: tuple[str, ...],
                                    expected: list[tuple[str, str]]) -> None:
    assert _found(_variant(tmp_path, *edits)) == expected


def test_a_vague_word_with_a_measure_passes(tmp_path: Path) -> None:
    path = _variant(tmp_path, _SUMMARY,
                    "      explanation: {vi: Bồi thường nhanh chóng 200.000 đ., "
                    'en: "We promptly pay ₫200,000."}')
    assert _check(path) == []


@pytest.mark.parametrize(("role", "management"), [
    ("{vi: Chuyên viên quản lý khách hàng, en: Customer success manager}", False),
    ("{vi: Nhân viên quản lý tài khoản, en: Account manager}", False),
    ("{vi: Trưởng phòng quản lý khách hàng, en: Head of customer management}", True),
    ("{vi: Giám đốc, en: Director}", True),
])
def test_a_role_that_only_sounds_like_management_is_not(tmp_path: Path, role: str,
                                                         management: bool) -> None:
    text = BASE.read_text(encoding="utf-8").replace(
        "  - role: {vi: Giám đốc, en: Director}", f"  - role: {role}")
    (tmp_path / "p.yaml").write_text(text, encoding="utf-8")
    codes = [d.code for d in _check(tmp_path / "p.yaml")]
    assert ("CG120" in codes) is not management, codes
