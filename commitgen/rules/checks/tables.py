"""Compensation tables and amounts that cannot be computed: bands and grids that
overlap, leave gaps or pay nothing defined, mixed currencies, nested combinations,
dated amounts out of order. Structural: the engine could not say what is owed."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from decimal import Decimal

from commitgen.diagnostics import Diagnostic, FieldPath, Severity
from commitgen.model.compensation import (
    Band,
    BandsCompensation,
    ByCategoryCompensation,
    CombinedCompensation,
    GridCompensation,
    NoCompensation,
    scheme_measures,
)
from commitgen.model.money import DatedAmount, Money
from commitgen.model.walk import walk
from commitgen.rules.checks.schemes import schemes
from commitgen.rules.context import RuleContext
from commitgen.rules.registry import rule

_TABLES = "Compensation tables"

_BANDS_BAD = """
worst_cases:
  - id: outage
    compensation:
      type: bands
      measure: {name: {vi: Tỷ lệ sẵn sàng hàng tháng, en: Monthly availability}, unit: "%"}
      of: monthly_fee
      bands:
        - {at_least: 99.9, percent: 0}
        - {at_least: 99.0, below: 99.5, percent: 10}
        - {below: 99.0, percent: 25}
      payment: {method: automatic, forms: [bill_credit], within: 30 days}"""


def _bands(example: str) -> str:
    return _BANDS_BAD.replace("- {at_least: 99.0, below: 99.5, percent: 10}", example)


_GOOD_BANDS = _bands("- {at_least: 99.0, below: 99.9, percent: 10}")


def _axes(ctx: RuleContext) -> Iterator[tuple[FieldPath, Sequence[Band], bool]]:
    """Every band list: (path, bands, whether the bands hold payouts)."""
    for path, scheme in schemes(ctx):
        if isinstance(scheme, BandsCompensation):
            yield (*path, "bands"), scheme.bands, True
        if isinstance(scheme, GridCompensation):
            yield (*path, "rows", "bands"), scheme.rows.bands, False
            yield (*path, "columns", "bands"), scheme.columns.bands, False


def _money_in(value: object) -> list[Money]:
    if isinstance(value, Money):
        return [value]
    if isinstance(value, list):
        return [item.amount for item in value if isinstance(item, DatedAmount)]
    return []


@rule("CG072", "mixed-currencies", Severity.ERROR, group=_TABLES, configurable=False, reads=[],
      summary="Every amount of one compensation scheme is in one currency (each category "
              "of a `by_category` scheme may have its own).",
      rationale="""
A scheme that pays 200,000 VND here and 10 USD there cannot be added up or capped, and
the customer cannot tell which currency they are owed. The categories of a `by_category`
scheme are schemes of their own (a domestic flight in VND, an international one in USD);
the payment terms said once for all of them are in one currency.""",
      bad="""
worst_cases:
  - id: late-refund
    compensation:
      type: fixed
      amount: 200000 VND
      payment:
        method: on_claim
        forms: [bank_transfer]
        within: 10 days
        late_payment: {amount: 2 USD, per: 1 day}""",
      good="""
worst_cases:
  - id: late-refund
    compensation:
      type: fixed
      amount: 200000 VND
      payment:
        method: on_claim
        forms: [bank_transfer]
        within: 10 days
        late_payment: {amount: 50000 VND, per: 1 day}""")
def mixed_currencies(ctx: RuleContext) -> Iterator[Diagnostic]:
    for path, scheme in schemes(ctx, parts=False):
        if isinstance(scheme, ByCategoryCompensation):  # each category is a scheme of its own
            currencies = {m.currency for _, v in walk(scheme.payment) for m in _money_in(v)}
            if len(currencies) > 1:
                yield Diagnostic.at((*path, "payment"), "the payment terms mix currencies "
                                    f"({', '.join(sorted(currencies))})",
                                    "state every amount of the payment terms in one currency")
            continue
        currencies = {m.currency for _, v in walk(scheme) for m in _money_in(v)}
        if len(currencies) > 1:
            yield Diagnostic.at(path, "the scheme mixes currencies "
                                f"({', '.join(sorted(currencies))})",
                                "state every amount of one scheme in the same currency")


@rule("CG073", "band-payout", Severity.ERROR, group=_TABLES, configurable=False, reads=[],
      summary="Each band of a `bands` scheme pays exactly one thing (`percent` or "
              "`amount`); the axis bands of a grid pay nothing (the cells do).",
      rationale="""
A band without a payout leaves a failure with nothing defined; a band with two leaves
the customer to guess which applies. Write `percent: 0` for a band where nothing is
owed.""",
      bad=_bands("- {at_least: 99.0, below: 99.9}"),
      good=_GOOD_BANDS)
def band_payout(ctx: RuleContext) -> Iterator[Diagnostic]:
    for base, bands, payouts in _axes(ctx):
        for index, band in enumerate(bands):
            given = (band.percent is not None) + (band.amount is not None)
            if payouts and given != 1:
                yield Diagnostic.at((*base, index), "each band needs exactly one of percent "
                                    "or amount", "write percent: 0 for a band where nothing "
                                    "is owed")
            if not payouts and given:
                yield Diagnostic.at((*base, index), "axis bands hold bounds only; put payouts "
                                    "in cells", "move the payout into the grid's cells")


@rule("CG074", "percent-without-basis", Severity.ERROR, group=_TABLES, configurable=False,
      reads=[],
      summary="Percentages owed say what they are a percentage of (`of`).",
      rationale="""
"10 %" of what — the monthly fee, the whole bill, the ticket? Without `of` the customer
cannot compute what they are owed, and neither can commitgen.""",
      bad=_GOOD_BANDS.replace("      of: monthly_fee\n", ""),
      good=_GOOD_BANDS)
def percent_without_basis(ctx: RuleContext) -> Iterator[Diagnostic]:
    for path, scheme in schemes(ctx):
        if (isinstance(scheme, BandsCompensation) and scheme.of is None
                and any(b.percent is not None for b in scheme.bands)):
            yield Diagnostic.at((*path, "of"), "band percentages need a basis",
                                "add of: monthly_fee (or another basis)")
        if (isinstance(scheme, GridCompensation) and scheme.of is None
                and any(isinstance(c, Decimal) for row in scheme.cells for c in row)):
            yield Diagnostic.at((*path, "of"), "percentage cells need a basis",
                                "add of: ticket_price (or another basis)")


@rule("CG075", "band-empty", Severity.ERROR, group=_TABLES, configurable=False, reads=[],
      summary="Every band holds some values: its upper bound is above its lower bound.",
      rationale="""
A band from 99.9 up to 99.0 holds nothing; the failure it was meant for falls elsewhere
or nowhere.""",
      bad=_bands("- {at_least: 99.9, below: 99.0, percent: 10}"),
      good=_GOOD_BANDS)
def band_empty(ctx: RuleContext) -> Iterator[Diagnostic]:
    for base, bands, _ in _axes(ctx):
        for index, band in enumerate(bands):
            low, up = band.lower, band.upper
            if low and up and (up[0] < low[0] or (up[0] == low[0] and not (low[1] and up[1]))):
                yield Diagnostic.at((*base, index), "the band is empty: its upper bound is not "
                                    "above its lower bound", "check the two bounds")


def _sort_key(band: Band) -> tuple[Decimal, int]:
    low = band.lower
    if low is None:
        return (Decimal("-Infinity"), 0)
    return (low[0], 0 if low[1] else 1)


def _ordered(bands: Sequence[Band]) -> list[int]:
    return sorted(range(len(bands)), key=lambda i: _sort_key(bands[i]))


@rule("CG076", "bands-out-of-order", Severity.ERROR, group=_TABLES, configurable=False,
      reads=[],
      summary="Bands are written in order, from the lowest to the highest or the other way.",
      rationale="""
Readers follow a table from top to bottom, and a grid's cells follow the order of its
bands: bands written out of order make the table hard to read and the cells wrong.""",
      bad=_GOOD_BANDS.replace("        - {at_least: 99.9, percent: 0}\n", "").replace(
          "        - {below: 99.0, percent: 25}",
          "        - {below: 99.0, percent: 25}\n        - {at_least: 99.9, percent: 0}"),
      good=_GOOD_BANDS)
def bands_out_of_order(ctx: RuleContext) -> Iterator[Diagnostic]:
    for base, bands, _ in _axes(ctx):
        ordered = _ordered(bands)
        if ordered not in (list(range(len(bands))), list(reversed(range(len(bands))))):
            yield Diagnostic.at(base, "write the bands in order, from the lowest to the "
                                "highest or the other way round",
                                "readers (and grid cells) follow the written order")


def _neighbours(bands: Sequence[Band]) -> Iterator[tuple[int, Band, Band]]:
    ordered = _ordered(bands)
    for previous, current in itertools.pairwise(ordered):
        yield current, bands[previous], bands[current]


@rule("CG077", "bands-overlap", Severity.ERROR, group=_TABLES, configurable=False, reads=[],
      summary="No value falls in two bands.",
      rationale="""
When two bands both hold a value (both bounds inclusive, or one band open-ended in the
middle of the table), a failure at that value is owed two different amounts. One bound
of each meeting point is inclusive (`at_least`/`at_most`), the other exclusive
(`below`/`above`).""",
      bad=_bands("- {at_least: 99.0, at_most: 99.9, percent: 10}"),
      good=_GOOD_BANDS)
def bands_overlap(ctx: RuleContext) -> Iterator[Diagnostic]:
    for base, bands, _ in _axes(ctx):
        for current, first, second in _neighbours(bands):
            up, low = first.upper, second.lower
            where = (*base, current)
            if up is None or low is None:
                yield Diagnostic.at(where, "bands overlap: an open-ended band must be the "
                                    "first or last", "give the band both bounds")
            elif low[0] < up[0] or (low[0] == up[0] and low[1] and up[1]):
                yield Diagnostic.at(where, f"bands overlap at {min(low[0], up[0])}",
                                    "make one bound exclusive (below/above) and the other "
                                    "inclusive")


@rule("CG078", "bands-gap", Severity.ERROR, group=_TABLES, configurable=False, reads=[],
      summary="Bands meet without a gap: every value falls in a band.",
      rationale="""
A value between two bands (a month at exactly 99.0 % when one band is "below 99.0" and
the next "above 99.0") is owed nothing defined, although the promise was missed. Start
each band at the previous band's bound.""",
      bad=_BANDS_BAD,
      good=_GOOD_BANDS)
def bands_gap(ctx: RuleContext) -> Iterator[Diagnostic]:
    for base, bands, _ in _axes(ctx):
        for current, first, second in _neighbours(bands):
            up, low = first.upper, second.lower
            if up is None or low is None:
                continue
            overlap = low[0] < up[0] or (low[0] == up[0] and low[1] and up[1])
            if not overlap and (low[0] > up[0] or (not low[1] and not up[1])):
                yield Diagnostic.at((*base, current), f"gap between bands at {up[0]}…{low[0]}",
                                    f"start this band at the previous band's bound: at_least: "
                                    f"{up[0]} after below, or above: after at_most")


@rule("CG079", "grid-shape", Severity.ERROR, group=_TABLES, configurable=False, reads=[],
      summary="A grid has one row of cells per row band and one cell per column band.",
      rationale="""
The cells of a grid are read by position: a missing or extra cell shifts every amount
after it.""",
      bad="""
worst_cases:
  - id: late-refund
    compensation:
      type: grid
      rows: {measure: {name: {vi: Số ngày trễ, en: Days late}, unit: days},
             bands: [{below: 3}, {at_least: 3}]}
      columns: {measure: {name: {vi: Giá trị đơn, en: Order value}, unit: VND},
                bands: [{below: 1000000}, {at_least: 1000000}]}
      cells: [[50000 VND, 100000 VND], [100000 VND]]
      payment: {method: on_claim, forms: [bank_transfer], within: 10 days}""",
      good="""
worst_cases:
  - id: late-refund
    compensation:
      type: grid
      rows: {measure: {name: {vi: Số ngày trễ, en: Days late}, unit: days},
             bands: [{below: 3}, {at_least: 3}]}
      columns: {measure: {name: {vi: Giá trị đơn, en: Order value}, unit: VND},
                bands: [{below: 1000000}, {at_least: 1000000}]}
      cells: [[50000 VND, 100000 VND], [100000 VND, 200000 VND]]
      payment: {method: on_claim, forms: [bank_transfer], within: 10 days}""")
def grid_shape(ctx: RuleContext) -> Iterator[Diagnostic]:
    for path, scheme in schemes(ctx):
        if not isinstance(scheme, GridCompensation):
            continue
        rows, columns = len(scheme.rows.bands), len(scheme.columns.bands)
        if len(scheme.cells) != rows:
            yield Diagnostic.at((*path, "cells"), f"cells has {len(scheme.cells)} rows; the "
                                f"row bands need {rows}", "write one list of cells per row band")
        for r, row in enumerate(scheme.cells):
            if len(row) != columns:
                yield Diagnostic.at((*path, "cells", r), f"row {r + 1} has {len(row)} cells; "
                                    f"the column bands need {columns}",
                                    "write one cell per column band")


@rule("CG080", "combined-nesting", Severity.ERROR, group=_TABLES, configurable=False, reads=[],
      summary="A `combined` scheme lists schemes that are owed together: not `none`, not "
              "another `combined`; a category of a `by_category` scheme is not divided again.",
      rationale="""
`combined` adds up its parts. A part that owes nothing says nothing, and a combination
inside a combination is the same as listing its parts.""",
      bad="""
worst_cases:
  - id: late-refund
    compensation:
      type: combined
      parts:
        - {type: fixed, amount: 200000 VND,
           payment: {method: on_claim, forms: [bank_transfer], within: 10 days}}
        - type: none
          reason: {vi: Không có khoản nào khác được trả., en: Nothing else is paid.}""",
      good="""
worst_cases:
  - id: late-refund
    compensation:
      type: combined
      parts:
        - {type: fixed, amount: 200000 VND,
           payment: {method: on_claim, forms: [bank_transfer], within: 10 days}}
        - {type: service_extension, length: 1 month,
           payment: {method: on_claim, forms: [bill_credit], within: 10 days}}""")
def combined_nesting(ctx: RuleContext) -> Iterator[Diagnostic]:
    for path, scheme in schemes(ctx, parts=False):
        if isinstance(scheme, CombinedCompensation):
            for index, part in enumerate(scheme.parts):
                if isinstance(part, CombinedCompensation | NoCompensation):
                    yield Diagnostic.at((*path, "parts", index, "type"),
                                        f'a combined scheme cannot contain "{part.type}"',
                                        "list the schemes that are owed together")
        if isinstance(scheme, ByCategoryCompensation):
            for index, category in enumerate(scheme.categories):
                if isinstance(category.compensation, ByCategoryCompensation):
                    yield Diagnostic.at(
                        (*path, "categories", index, "compensation", "type"),
                        "a category cannot be divided into categories again",
                        "make one category axis of the combinations (e.g. domestic_single, "
                        "domestic_return)")


_BY_CATEGORY = """
worst_cases:
  - id: late-refund
    compensation:
      type: by_category
      category: {name: {vi: Tuyến, en: Route}, fact: route}
      categories:
        - id: domestic
          name: {vi: Nội địa, en: Domestic}
          compensation: {type: fixed, amount: 200000 VND}
        - id: international
          name: {vi: Quốc tế, en: International}
          compensation: {type: fixed, amount: 20 USD}
      payment: {method: on_claim, forms: [bank_transfer], within: 10 days}"""


@rule("CG081", "category-terms", Severity.ERROR, group=_TABLES, configurable=False, reads=[],
      summary="The categories of a `by_category` scheme each have their own `id`, and how "
              "compensation is paid is said once, for every category.",
      rationale="""
The case's category is a fact (`route=domestic`): two categories with one id leave it
unclear which scheme applies. How and by when compensation is paid is written once, on the
`by_category` scheme, so the documents and the engine state one payment promise for the
case.""",
      bad=_BY_CATEGORY.replace("- id: international", "- id: domestic"),
      good=_BY_CATEGORY)
def category_terms(ctx: RuleContext) -> Iterator[Diagnostic]:
    for path, scheme in schemes(ctx, parts=False):
        if not isinstance(scheme, ByCategoryCompensation):
            continue
        seen: dict[str, int] = {}
        for index, category in enumerate(scheme.categories):
            where = (*path, "categories", index)
            if category.id in seen:
                yield Diagnostic.at((*where, "id"), f'duplicate category "{category.id}" (also '
                                    f"categories[{seen[category.id]}])",
                                    "give each category its own id")
            seen.setdefault(category.id, index)
            if getattr(category.compensation, "payment", None) is not None:
                yield Diagnostic.at((*where, "compensation", "payment"), "how compensation "
                                    "is paid is said once for every category",
                                    "move payment up to the by_category scheme")


_MEASURED = """
worst_cases:
  - id: late-refund
    compensation:
      type: grid
      rows:
        measure: {fact: distance, name: {vi: Khoảng cách, en: Distance}, unit: km}
        bands: [{at_most: 1500}, {above: 1500}]
      columns:
        measure: {fact: delay, name: {vi: Thời gian trễ, en: Delay}, unit: hours}
        bands: [{below: 3}, {at_least: 3}]
      cells: [[0, 250 EUR], [0, 400 EUR]]
      reductions:
        - when: {vi: Chuyến bay dài đến ít trễ hơn, en: Long flights arriving less late}
          owed_percent: 50
          applies_if: [{fact: distance, above: 1500}, {fact: delay, below: 4}]
      payment: {method: on_claim, forms: [bank_transfer], within: 10 days}"""


@rule("CG082", "reduction-condition-measure", Severity.ERROR, group=_TABLES,
      configurable=False, reads=[],
      summary="A reduction's measured condition (`applies_if`) names a measure of its own "
              "scheme.",
      rationale="""
`applies_if` bounds a value the scheme already measures (a `bands` measure, a `grid` row or
column), in that measure's unit: the engine compares the case's value with the bounds as it
does with bands. A fact the scheme does not measure has no unit and is never asked for.""",
      bad=_MEASURED.replace("{fact: delay, below: 4}", "{fact: speed, below: 4}"),
      good=_MEASURED)
def reduction_condition_measure(ctx: RuleContext) -> Iterator[Diagnostic]:
    for path, scheme in schemes(ctx):
        measures = scheme_measures(scheme)
        for index, reduction in enumerate(getattr(scheme, "reductions", [])):
            for number, condition in enumerate(reduction.applies_if):
                if condition.fact not in measures:
                    known = ", ".join(measures) or "none: only bands and grids have measures"
                    yield Diagnostic.at(
                        (*path, "reductions", index, "applies_if", number, "fact"),
                        f'"{condition.fact}" is not a measure of this scheme',
                        f"name one of its measures' facts ({known})")


def _schedules(ctx: RuleContext) -> Iterator[tuple[FieldPath, list[DatedAmount]]]:
    for path, value in walk(ctx.policy):
        if isinstance(value, list) and value and all(isinstance(i, DatedAmount) for i in value):
            yield path, value


_DATED = """
fees:
  - id: setup
    amount:
      - {from: 2026-01-01, amount: 500000 VND}
      - {from: 2027-01-01, amount: 550000 VND}"""


@rule("CG070", "dated-amounts-order", Severity.ERROR, group=_TABLES, configurable=False,
      reads=[],
      summary="Amounts that change by date are listed in date order, one per date.",
      rationale="""
A yearly uprating is read from the first date to the last: two amounts for one date, or
dates out of order, leave it unclear which amount applies when.""",
      bad=_DATED.replace("2027-01-01", "2025-01-01"),
      good=_DATED)
def dated_amounts_order(ctx: RuleContext) -> Iterator[Diagnostic]:
    for path, value in _schedules(ctx):
        dates = [item.from_ for item in value]
        if dates != sorted(dates) or len(set(dates)) != len(dates):
            yield Diagnostic.at(path, "dated amounts must be in date order, one per date",
                                "list the amounts from the earliest date to the latest")


@rule("CG071", "no-amount-in-force", Severity.ERROR, group=_TABLES, configurable=False,
      reads=[],
      summary="On the policy's `effective` date, an amount that changes by date has a "
              "value.",
      rationale="""
A charter that takes effect before its first dated amount leaves the customer owed (or
charged) nothing defined until that date.""",
      bad=_DATED.replace("2026-01-01", "2026-09-01").replace("2027-01-01", "2027-09-01"),
      good=_DATED)
def no_amount_in_force(ctx: RuleContext) -> Iterator[Diagnostic]:
    for path, value in _schedules(ctx):
        if min(item.from_ for item in value) > ctx.policy.effective:
            yield Diagnostic.at((*path, 0, "from"), "no amount applies on the effective date "
                                f"{ctx.policy.effective}",
                                "the first dated amount must start on or before effective")
