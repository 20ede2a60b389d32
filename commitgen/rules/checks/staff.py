"""Rule 8: the staff section covers goodwill, customer-fault cases, threats and every case."""

from __future__ import annotations

from collections.abc import Iterator

from commitgen.diagnostics import Diagnostic, Severity
from commitgen.model.staff import GoodwillRule
from commitgen.rules.context import RuleContext
from commitgen.rules.registry import rule


@rule("CG209", "no-staff-section", Severity.NOTE, group="Staff rules", reads=["staff"],
      summary="A policy without a `staff` section gets one note, not a warning per staff "
              "rule.",
      rationale="""
The staff section is what `build` turns into the staff briefing: case guides, goodwill,
customer-fault and threat rules. A policy without one (a charter published on its own, a
first draft) is not wrong, but its staff improvise; one note says so, and the staff rules
(CG210–CG213) do not run until the section exists. Once it does, each of them reports
what is missing.""",
      bad="""
staff: null""",
      good="""
staff:
  threats:
    rule:
      vi: "Cùng quy trình, không nhượng bộ thêm."
      en: "Same process, no extra concessions."
""")
def no_staff_section(ctx: RuleContext) -> Iterator[Diagnostic]:
    if ctx.policy.staff is None:
        yield Diagnostic.at((), "the policy has no staff section: no staff briefing is built, "
                            "and the staff rules (CG210–CG213) did not run",
                            "add staff: with case guides, goodwill, customer-fault and threat "
                            "rules so staff know what to do")


def _for_leavers(ctx: RuleContext, tier: GoodwillRule) -> bool:
    """Whether a goodwill tier is only for a customer who is leaving (word list
    ``leaving``: asks to cancel, switches provider, hủy hợp đồng)."""
    return any(ctx.words.find("leaving", item.language, item.text)
               for text, path in ((tier.tier, ("tier",)), (tier.qualifies, ("qualifies",)))
               for item in ctx.languages_of(text, path))


@rule("CG210", "no-goodwill-rule", Severity.WARNING, group="Staff rules", reads=["staff"],
      summary="Staff have a goodwill rule for long-standing or high-value customers, tied to "
              "`min_tenure` or `min_lifetime_value`.",
      rationale="""
Goodwill offered only once a long-standing customer is already leaving comes too late
and reads as damage control. Customers above a tenure or lifetime value should be looked
after by rule. Goodwill decided by rule,
with a typed threshold, is fair to every customer and quick for staff. A goodwill rule
whose every tier is for a customer who asks to cancel or switch (word list `leaving`) is
reported too; goodwill left to someone's discretion in public text is CG101's finding
("at our discretion", "tùy theo quyết định của công ty").

A warning, not an error: goodwill is generosity above what the charter owes, and it lives
in the staff briefing, which customers never see; without it the charter still tells
customers the truth, but staff improvise. Raise it to an error with
`rules: {severity: {no-goodwill-rule: error}}` where that is the failure you fear most.""",
      bad="""
staff:
  goodwill:
    - tier: {vi: Khách hàng lâu năm, en: Long-standing customer}
      qualifies: {vi: Khách hàng lâu năm., en: Long-standing customers.}
      min_tenure: null
      may_offer: {vi: Quà tặng., en: A gift.}""",
      good="""
staff:
  goodwill:
    - tier: {vi: Khách hàng lâu năm, en: Long-standing customer}
      qualifies: {vi: Dùng dịch vụ từ 3 năm., en: A customer for 3 years.}
      min_tenure: 3 years
      may_offer: {vi: Một tháng miễn phí., en: One free month.}""")
def goodwill(ctx: RuleContext) -> Iterator[Diagnostic]:
    staff = ctx.policy.staff
    if staff is None:
        return  # one note says so (CG209)
    if not staff.goodwill:
        yield Diagnostic.at(("staff",) if staff else (), "no goodwill rule for long-standing or "
                      "high-value customers", "add staff: goodwill: with min_tenure or "
                      "min_lifetime_value and what staff may offer")
    elif not any(g.min_tenure or g.min_lifetime_value for g in staff.goodwill):
        yield Diagnostic.at(("staff", "goodwill"), "no goodwill rule is tied to tenure or lifetime "
                      "value", "add min_tenure: or min_lifetime_value: to a goodwill tier")
    elif all(_for_leavers(ctx, g) for g in staff.goodwill
             if g.min_tenure or g.min_lifetime_value):
        yield Diagnostic.at(("staff", "goodwill"), "goodwill is offered only to customers who "
                      "are leaving", "offer it to every customer above the tenure or value, "
                      "before they ask to leave")


@rule("CG211", "no-customer-fault-rule", Severity.WARNING, group="Staff rules", reads=["staff"],
      summary="Staff have rules for customer-fault cases and cases outside the company's "
              "control (`staff.outside_control`).",
      rationale="""
A wrong address typed by the customer, a parcel delivered but "never received" — without
a written rule, staff either refuse everything or give everything away.
`outside_control` says what applies and when goodwill still does.""",
      bad="""
staff:
  outside_control: null""",
      good="""
staff:
  outside_control:
    - case: {vi: Khách nhập sai địa chỉ., en: The customer typed a wrong address.}
      rule: {vi: Giao lại một lần miễn phí., en: Deliver again once for free.}""")
def customer_fault(ctx: RuleContext) -> Iterator[Diagnostic]:
    staff = ctx.policy.staff
    if staff is None:
        return  # one note says so (CG209)
    if not staff.outside_control:
        yield Diagnostic.at(
            ("staff",) if staff else (), "no rule for customer-fault cases or cases "
                      "outside your control", "add staff: outside_control: with case and rule")


@rule("CG212", "no-threat-rule", Severity.WARNING, group="Staff rules", reads=["staff"],
      summary="Staff have a threat rule saying: same process, no extra concessions.",
      rationale="""
A customer who threatens a bad review
gets the same process and the same compensation as everyone else; otherwise threats pay
and polite customers get less. `staff.threats.rule` must say so (word list
`same-process`: same process, no extra concessions, cùng quy trình, không nhượng bộ…).""",
      bad="""
staff:
  threats: {rule: {vi: Báo cấp trên., en: Tell your manager.}}""",
      good="""
staff:
  threats:
    rule:
      vi: Xử lý như mọi khách hàng khác, cùng quy trình, không nhượng bộ thêm.
      en: Handle it like any other case, same process, no extra concessions.""")
def threats(ctx: RuleContext) -> Iterator[Diagnostic]:
    staff = ctx.policy.staff
    if staff is None:
        return  # one note says so (CG209)
    if staff.threats is None:
        yield Diagnostic.at(("staff",) if staff else (), "no rule for customers who make threats",
                      "add staff: threats: {rule: same process, no extra concessions …}")
        return
    said: dict[tuple[str | int, ...], bool] = {}  # per language, or once for a plain string
    for item in ctx.languages_of(staff.threats.rule, ("staff", "threats", "rule")):
        found = bool(ctx.words.find("same-process", item.language, item.text))
        said[item.path] = said.get(item.path, False) or found
    if not all(said.values()):
        yield Diagnostic.at(
            ("staff", "threats", "rule"), "the threat rule does not say that threats "
                      "get the same process and no extra concessions",
                      'say it plainly: "same process, same compensation, no extra concessions"')


@rule("CG213", "case-without-guide", Severity.WARNING, group="Staff rules",
      reads=["staff", "worst_cases"],
      summary="Every worst case has a staff case guide (`staff.cases`).",
      rationale="""
A commitment must be known by every employee. A worst case without a guide
leaves staff to improvise exactly when the customer is already let down.""",
      bad="""
worst_cases:
  - id: data-loss
    title: {vi: Mất dữ liệu, en: Data loss}
    what_happens: {vi: Dữ liệu của bạn bị mất., en: Your data is lost.}
    remedy: {vi: Chúng tôi khôi phục từ bản sao lưu., en: We restore it from a backup.}
    respond_within: 1 hour
    resolve_within: 1 day
    compensation:
      type: fixed
      amount: 500000 VND
      payment: {method: automatic, forms: [bill_credit], within: 30 days}""",
      good="""
worst_cases:
  - id: data-loss
    title: {vi: Mất dữ liệu, en: Data loss}
    what_happens: {vi: Dữ liệu của bạn bị mất., en: Your data is lost.}
    remedy: {vi: Chúng tôi khôi phục từ bản sao lưu., en: We restore it from a backup.}
    respond_within: 1 hour
    resolve_within: 1 day
    compensation:
      type: fixed
      amount: 500000 VND
      payment: {method: automatic, forms: [bill_credit], within: 30 days}
staff:
  cases:
    - case: data-loss
      steps: [{vi: Khôi phục bản sao lưu gần nhất., en: Restore the latest backup.}]
      say: {vi: Chúng tôi đang khôi phục dữ liệu., en: We are restoring your data.}""")
def case_guides(ctx: RuleContext) -> Iterator[Diagnostic]:
    if ctx.policy.staff is None:
        return  # one note says so (CG209)
    guided = {g.case for g in ctx.policy.staff.cases}
    for index, case in enumerate(ctx.policy.worst_cases):
        if case.id not in guided:
            yield Diagnostic.at(
                ("worst_cases", index, "id"), f'worst case "{case.id}" has no staff '
                          "case guide", f"add staff: cases: [{{case: {case.id}, steps: …, "
                          "say: …}]")
