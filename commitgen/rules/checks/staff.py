"""Rule 8: the staff section covers goodwill, customer-fault cases, threats and every case."""

from __future__ import annotations

from collections.abc import Iterator

from commitgen.diagnostics import Severity
from commitgen.rules.context import RuleContext
from commitgen.rules.registry import Finding, rule


@rule("CG210", "no-goodwill-rule", Severity.WARNING, group="Staff rules",
      summary="Staff have a goodwill rule for long-standing or high-value customers, tied to "
              "`min_tenure` or `min_lifetime_value`.",
      rationale="""
Seed 000: goodwill came only after a five-year customer had already left. Seed 002:
customers above a lifetime value get looked after by rule. Goodwill decided by rule,
with a typed threshold, is fair to every customer and quick for staff.""",
      bad="""
staff:
  goodwill:
    - {tier: Khách quen, qualifies: Khách hàng lâu năm, may_offer: Quà tặng}""",
      good="""
staff:
  goodwill:
    - tier: Khách quen
      qualifies: Khách hàng từ 3 năm
      min_tenure: 3 years
      may_offer: 1 tháng miễn phí""")
def goodwill(ctx: RuleContext) -> Iterator[Finding]:
    staff = ctx.policy.staff
    if staff is None or not staff.goodwill:
        yield Finding(("staff",) if staff else (), "no goodwill rule for long-standing or "
                      "high-value customers", "add staff: goodwill: with min_tenure or "
                      "min_lifetime_value and what staff may offer")
    elif not any(g.min_tenure or g.min_lifetime_value for g in staff.goodwill):
        yield Finding(("staff", "goodwill"), "no goodwill rule is tied to tenure or lifetime "
                      "value", "add min_tenure: or min_lifetime_value: to a goodwill tier")


@rule("CG211", "no-customer-fault-rule", Severity.WARNING, group="Staff rules",
      summary="Staff have rules for customer-fault cases and cases outside the company's "
              "control (`staff.outside_control`).",
      rationale="""
Seed 002: a wrong address typed by the customer, a parcel delivered but "never
received" — without a written rule, staff either refuse everything or give everything
away. `outside_control` says what applies and when goodwill still does.""",
      bad="""
staff: {cases: […]}""",
      good="""
staff:
  outside_control:
    - case: Khách nhập sai địa chỉ
      rule: Giao lại một lần miễn phí; lần sau tính phí giao hàng công khai.""")
def customer_fault(ctx: RuleContext) -> Iterator[Finding]:
    staff = ctx.policy.staff
    if staff is None or not staff.outside_control:
        yield Finding(("staff",) if staff else (), "no rule for customer-fault cases or cases "
                      "outside your control", "add staff: outside_control: with case and rule")


@rule("CG212", "no-threat-rule", Severity.WARNING, group="Staff rules",
      summary="Staff have a threat rule saying: same process, no extra concessions.",
      rationale="""
Seed 002: "we do not negotiate with terrorists". A customer who threatens a bad review
gets the same process and the same compensation as everyone else; otherwise threats pay
and polite customers get less. `staff.threats.rule` must say so (word list
`same-process`: same process, no extra concessions, cùng quy trình, không nhượng bộ…).""",
      bad="""
staff:
  threats: {rule: Báo cấp trên.}""",
      good="""
staff:
  threats: {rule: Xử lý như mọi khách hàng khác, cùng quy trình, không nhượng bộ thêm.}""")
def threats(ctx: RuleContext) -> Iterator[Finding]:
    staff = ctx.policy.staff
    if staff is None or staff.threats is None:
        yield Finding(("staff",) if staff else (), "no rule for customers who make threats",
                      "add staff: threats: {rule: same process, no extra concessions …}")
        return
    said: dict[tuple[str | int, ...], bool] = {}  # per language, or once for a plain string
    for item in ctx.languages_of(staff.threats.rule, ("staff", "threats", "rule")):
        found = bool(ctx.words.find("same-process", item.language, item.text))
        said[item.path] = said.get(item.path, False) or found
    if not all(said.values()):
        yield Finding(("staff", "threats", "rule"), "the threat rule does not say that threats "
                      "get the same process and no extra concessions",
                      'say it plainly: "same process, same compensation, no extra concessions"')


@rule("CG213", "case-without-guide", Severity.WARNING, group="Staff rules",
      summary="Every worst case has a staff case guide (`staff.cases`).",
      rationale="""
A commitment must be known by every employee (seed 003). A worst case without a guide
leaves staff to improvise exactly when the customer is already let down.""",
      bad="""
worst_cases: [{id: outage, …}, {id: data-loss, …}]
staff: {cases: [{case: outage, …}]}""",
      good="""
worst_cases: [{id: outage, …}, {id: data-loss, …}]
staff: {cases: [{case: outage, …}, {case: data-loss, …}]}""")
def case_guides(ctx: RuleContext) -> Iterator[Finding]:
    guided = {g.case for g in ctx.policy.staff.cases} if ctx.policy.staff else set()
    for index, case in enumerate(ctx.policy.worst_cases):
        if case.id not in guided:
            yield Finding(("worst_cases", index, "id"), f'worst case "{case.id}" has no staff '
                          "case guide", f"add staff: cases: [{{case: {case.id}, steps: …, "
                          "say: …}]")
