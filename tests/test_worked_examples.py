"""Worked examples and the one statement of each compensation: ``check`` computes the
author's examples, the engine picks examples at the edges, and the documents state each
scheme once, from the engine's terms, with its examples."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest

from commitgen.build import check_for_build, render_html
from commitgen.checking import check_paths
from commitgen.compute.picks import chosen_facts
from commitgen.loading.sources import load_policy
from commitgen.model.policy import Policy
from commitgen.project import load_project
from commitgen.runtime import Runtime
from tests.conftest import EXAMPLES, MINIMAL, make_project
from tests.engine_support import money, owed, policy_with

CASE_LINE = "    resolve_within: 4 hours\n"


def _minimal_with(tmp_path: Path, compensation: str, examples: str = "") -> Path:
    text = MINIMAL.read_text(encoding="utf-8")
    start = text.index("    compensation:\n")
    end = text.index("channels:")
    text = text[:start] + compensation + examples + text[end:]
    path = tmp_path / "policy.yaml"
    path.write_text(text, encoding="utf-8")
    return path


BANDS = """    compensation:
      type: bands
      measure: {fact: availability, name: {vi: Sẵn sàng, en: Availability}, unit: "%"}
      of: monthly_fee
      bands:
        - {at_least: 99.9, percent: 0}
        - {at_least: 99.0, below: 99.9, percent: 10}
        - {below: 99.0, percent: 50}
      payment: {method: automatic, forms: [bill_credit], within: 30 days}
"""


def test_an_old_summary_is_named_with_its_new_name(tmp_path: Path) -> None:
    path = _minimal_with(tmp_path, BANDS.replace(
        "      type: bands\n",
        "      type: bands\n      summary: {vi: Giảm trừ., en: A credit.}\n"))
    problems = check_paths([path], root=tmp_path).diagnostics
    found = [d for d in problems if d.code == "CG011"]
    assert len(found) == 1
    assert found[0].message == '"summary" was renamed "explanation" here'
    assert found[0].field_path == "worst_cases[0].compensation.summary"
    assert "rename summary: to explanation:" in found[0].hint
    assert (found[0].line, found[0].column) == (26, 7)


def test_an_example_the_engine_computes_otherwise_fails_check(tmp_path: Path) -> None:
    path = _minimal_with(tmp_path, BANDS, """    examples:
      - facts: {availability: 99.5 %, monthly_fee: 1000000 VND}
        owed: 100000 VND
      - facts: {availability: 98 %, monthly_fee: 1000000 VND}
        owed: 100000 VND
      - facts: {availability: 98 km, monthly_fee: 1000000 VND}
        owed: nothing
      - facts: {availability: 99.95 %}
        owed: nothing
""")
    problems = [d for d in check_paths([path], root=tmp_path).diagnostics
                if d.code in ("CG060", "CG061")]
    assert [(d.code, d.field_path, d.line) for d in problems] == [
        ("CG060", "worst_cases[0].examples[1].owed", 37),
        ("CG061", "worst_cases[0].examples[2].facts.availability", 38)]
    mismatch = problems[0]
    assert mismatch.message == ("this example expects 100,000\u00a0VND, but the engine "
                                "computes 500,000\u00a0VND")
    assert "the table pays 50\u00a0%" in mismatch.hint and "500,000\u00a0VND." in mismatch.hint
    assert "is in km, but this measure is in %" in problems[1].message


def test_a_missing_fact_in_an_example_is_located_at_its_facts(tmp_path: Path) -> None:
    path = _minimal_with(tmp_path, BANDS, """    examples:
      - facts: {monthly_fee: 1000000 VND}
        owed: nothing
""")
    problems = [d for d in check_paths([path], root=tmp_path).diagnostics
                if d.code == "CG061"]
    assert [(d.field_path, d.message[:39]) for d in problems] == [
        ("worst_cases[0].examples[0].facts", 'this case needs the fact "availability"')]


def test_every_bundled_policy_has_worked_examples_that_check_verifies() -> None:
    result = check_paths([EXAMPLES])
    assert not [d for d in result.diagnostics if d.code in ("CG060", "CG061")]
    counts = {loaded.policy.id: sum(len(case.examples) for case in loaded.policy.worst_cases)
              for loaded in result.policies}
    assert all(count >= 2 for count in counts.values()), counts


@pytest.mark.parametrize(("threshold", "expected"), [
    ("at_least", ["119 minutes", "120 minutes", "180 minutes", "660 minutes"]),
    ("above", ["120 minutes", "121 minutes", "181 minutes", "660 minutes"]),
])
def test_examples_chosen_at_a_threshold(threshold: str, expected: list[str]) -> None:
    policy = policy_with("{type: per_period, after: 2 hours, threshold: " + threshold
                         + ", initial: 100000 VND, then: 50000 VND, every: 1 hour, "
                         "cap: 550000 VND}")
    chosen = chosen_facts(policy, policy.worst_cases[0])
    assert [facts["delay"] for facts in chosen] == expected
    amounts = [owed(policy, facts).amount for facts in chosen]
    assert [a.amount if a else None for a in amounts][:2] == [0, 100000]
    assert amounts[-1] is not None and amounts[-1].amount == 550000  # the cap is reached


def test_examples_chosen_on_both_sides_of_the_edge_where_payment_starts() -> None:
    policy = policy_with("{type: bands, measure: {fact: availability, name: A, unit: '%'}, "
                         "of: monthly_fee, cap: 2000000 VND, bands: [{at_least: 99.9, "
                         "percent: 0}, {at_least: 99.0, below: 99.9, percent: 10}, "
                         "{below: 99.0, percent: 50}]}")
    chosen = chosen_facts(policy, policy.worst_cases[0])
    values = [facts["availability"] for facts in chosen]
    assert values == ["99.9", "99.8", "98.9"]  # on the edge (nothing), just outside, worst
    paid = [owed(policy, facts).amount for facts in chosen]
    assert [m.amount for m in paid if m is not None] == [0, 100000, 500000]


BY_OPTION = """
type: by_category
category: {fact: delivery_option, name: {vi: Hình thức, en: Delivery option}}
categories:
  - id: standard
    name: {vi: Tiêu chuẩn, en: Standard}
    compensation: {type: fixed, amount: 100000 VND}
  - id: express
    name: {vi: Nhanh, en: Express}
    compensation:
      type: combined
      parts: [{type: fixed, amount: 100000 VND}, {type: refund, of: delivery_fee}]
payment: {method: automatic, forms: [bank_transfer], within: 3 days}
"""


def test_every_category_shows_what_it_owes() -> None:
    """A category without edges (a fixed amount) still gets its example, so a customer
    sees what each category owes."""
    policy = policy_with(BY_OPTION)
    chosen = chosen_facts(policy, policy.worst_cases[0])
    assert [facts["delivery_option"] for facts in chosen] == ["standard", "express"]
    assert [owed(policy, facts).amount for facts in chosen] == [
        money("100000 VND"), money("1100000 VND")]


def test_a_chosen_basis_is_the_charters_own_fee_of_that_kind() -> None:
    """The delivery fee of an example is the delivery fee the charter lists, not a round
    million."""
    policy = policy_with(BY_OPTION)
    fee = {"id": "express-delivery", "name": {"vi": "Phí giao nhanh", "en": "Express delivery"},
           "amount": "45000 VND", "when": {"vi": "Mỗi đơn.", "en": "Each order."}}
    policy = Policy.model_validate({**policy.model_dump(mode="json", by_alias=True,
                                                        exclude_none=True),
                                    "fees": [fee]})
    chosen = chosen_facts(policy, policy.worst_cases[0])
    assert chosen[1]["delivery_fee"] == "45000 VND"
    assert owed(policy, chosen[1]).amount == money("145000 VND")


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The bundled policies' HTML (no PDFs), by output path, as text without tags."""
    root = make_project(tmp_path_factory.mktemp("html"), sorted(EXAMPLES.glob("*.yaml")))
    project, _ = load_project(root)
    assert project is not None
    stage = root / "stage"
    plan = render_html(project, Runtime.from_environment(cwd=root), check_for_build(project),
                       stage)
    yield {path: plan.files[path].decode() for path in plan.files if path.endswith(".html")}
    shutil.rmtree(root, ignore_errors=True)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _case(html: str, case: str) -> str:
    start = html.index(f'id="case-{case}"')
    end = html.find('<section class="case"', start + 1)
    return html[start:end if end > 0 else len(html)]


def test_the_billing_error_says_what_its_author_means(documents: dict[str, str]) -> None:
    for path, words in (("public/saas-support/en/index.html",
                         "Full refund of the amount charged in error"),
                        ("public/saas-support/vi/index.html",
                         "Hoàn lại toàn bộ số tiền đã thu sai"),
                        ("staff/saas-support/en/briefing.html",
                         "Full refund of the amount charged in error")):
        html = documents[path]
        assert words in _text(html), path
        assert "the price you paid" not in _text(_case(html, "billing-error"))
        assert "số tiền bạn đã thanh toán" not in _text(_case(html, "billing-error"))


def test_each_compensation_is_stated_once(documents: dict[str, str]) -> None:
    html = documents["public/online-retailer/en/index.html"]
    case = _text(_case(html, "late-delivery"))
    statement = ("20,000 VND once the delay reaches 1 day, then 20,000 VND for each further "
                 "full day, up to 100,000 VND in total.")
    assert case.count(statement) == 1
    assert "The days late count from the delivery date shown when you ordered." in case
    overview = _text(html[html.index('id="worst-cases"'):html.index('id="cases"')])
    assert "20,000 VND once the delay reaches 1 day, up to 100,000 VND in total" in overview


def test_the_charter_prints_worked_examples(documents: dict[str, str]) -> None:
    outage = _text(_case(documents["public/saas-support/en/index.html"], "service-outage"))
    assert ("For example: Monthly availability Your monthly fee You receive "
            "99.2 % 3,000,000 VND 750,000 VND 99.9 % 3,000,000 VND nothing "
            "94.5 % 3,000,000 VND 3,000,000 VND") in outage
    vi = _text(_case(documents["public/saas-support/vi/index.html"], "service-outage"))
    assert "Ví dụ: Thời gian sẵn sàng trong tháng Cước hằng tháng của bạn Bạn nhận " \
        "99,2 % 3.000.000 đồng 750.000 đồng" in vi
    # chosen by the engine where the author wrote none: the uprating of a fixed amount
    visit = _text(_case(documents["public/fibre-internet/en/index.html"],
                        "missed-appointment"))
    assert "For example: Happened on You receive 1 January 2027 200,000 VND " \
        "1 January 2028 250,000 VND" in visit
    visit_vi = _text(_case(documents["public/fibre-internet/vi/index.html"],
                           "missed-appointment"))
    assert "Ví dụ: Ngày xảy ra Bạn nhận" in visit_vi


def test_the_briefing_shows_the_examples_with_steps_and_a_quick_table(
        documents: dict[str, str]) -> None:
    case = _text(_case(documents["staff/online-retailer/en/briefing.html"], "late-delivery"))
    assert "Worked examples (as in the charter), with the calculation:" in case
    assert "A delay of 2 days 3 hours reaches 1 day: 20,000 VND." in case
    assert "Quick table:" in case
    assert "23 hours 59 minutes" in case and "5 days" in case
    assert "No reduction (the condition does not hold)" not in case


def test_the_examples_do_not_reach_a_public_document_from_staff(
        documents: dict[str, str]) -> None:
    public = _text(documents["public/online-retailer/en/index.html"])
    assert "Quick table:" not in public and "with the calculation" not in public


def test_a_policy_file_is_still_loaded_with_examples() -> None:
    loaded, problems = load_policy(EXAMPLES / "saas-support.yaml", "saas-support.yaml")
    assert loaded is not None and not problems
    assert loaded.policy.worst_cases[0].examples[0].facts["availability"] == "99.2 %"
