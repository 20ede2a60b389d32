"""Checks that need more than one field: a policy that types well but cannot be right.

Each check yields :class:`~commitgen.loading.located.Located` problems at the
field path the author has to change.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Iterator, Sequence
from decimal import Decimal

from pydantic import BaseModel

from commitgen.diagnostics import CODE_TRANSLATION, FieldPath, Severity
from commitgen.loading.located import Located
from commitgen.model.base import Text, is_language_neutral
from commitgen.model.business_time import BusinessTime
from commitgen.model.compensation import (
    Band,
    BandsCompensation,
    ByCategoryCompensation,
    CombinedCompensation,
    GridCompensation,
    NoCompensation,
    Payment,
    PercentageCompensation,
    PerPeriodCompensation,
)
from commitgen.model.deadline import as_duration
from commitgen.model.duration import Duration
from commitgen.model.money import DatedAmount, Money, amount_on
from commitgen.model.policy import Policy
from commitgen.model.walk import walk


def check_policy(policy: Policy, business_time: BusinessTime | None = None) -> list[Located]:
    """Every consistency problem of one policy; ``business_time`` is the project's
    calendar (``commitgen.yaml``), which a policy without its own counts in."""
    problems: list[Located] = []
    for check in (_languages, _unique_ids, _deadlines, _claims, _schemes, _schedules,
                  _staff_cases):
        problems.extend(check(policy))
    if policy.business_time is None and business_time is None:
        problems.extend(_business_time_undeclared(policy))
    return problems


def _business_time_undeclared(policy: Policy) -> Iterator[Located]:
    """Business durations mean nothing until the working days and hours are known."""
    for path, value in walk(policy):
        if isinstance(value, Duration) and value.business:
            yield Located(
                path, f"{value} counts in business time, but no working days and hours are "
                "declared", "add business_time (time_zone, hours, holidays) to this policy or "
                "to commitgen.yaml, so customers know which days count")
            return


def _languages(policy: Policy) -> Iterator[Located]:
    counts = Counter(policy.languages)
    for index, language in enumerate(policy.languages):
        if counts[language] > 1 and policy.languages.index(language) != index:
            yield Located(("languages", index), f'"{language}" is listed twice')
    declared = set(policy.languages)
    neutral = _language_neutral_paths(policy)
    for path, value in walk(policy):
        if not isinstance(value, Text):
            continue
        if value.common is not None:
            if len(declared) > 1 and path not in neutral:
                yield Located(
                    path, f"one text for every language ({', '.join(policy.languages)})",
                    "write it per language, e.g. "
                    + ", ".join(f"{lang}: …" for lang in policy.languages)
                    + "; only names may be written once", CODE_TRANSLATION, Severity.WARNING)
            continue
        for language in value.languages:
            if language not in declared:
                yield Located(
                    (*path, language),
                    f'text in "{language}", which the policy does not declare',
                    f"add {language} to languages, or remove this translation")
        missing = [lang for lang in policy.languages if not value.has(lang)]
        if missing:
            shown = (policy.default_language if value.has(policy.default_language)
                     else value.languages[0])
            yield Located(
                path, f"missing translation: {', '.join(missing)}",
                f"add {missing[0]}: …; until then the {missing[0]} document shows the "
                f"{shown} text", CODE_TRANSLATION, Severity.WARNING)


def _language_neutral_paths(policy: Policy) -> set[FieldPath]:
    """Paths of the names that may be written once for every language."""
    return {(*path, info.alias or name)
            for path, value in walk(policy) if isinstance(value, BaseModel)
            for name, info in type(value).model_fields.items()
            if is_language_neutral(info)}


def _unique_ids(policy: Policy) -> Iterator[Located]:
    for section in ("quality", "worst_cases", "fees"):
        seen: dict[str, int] = {}
        for index, item in enumerate(getattr(policy, section)):
            if item.id in seen:
                yield Located((section, index, "id"),
                              f'duplicate id "{item.id}" (also {section}[{seen[item.id]}])',
                              "give each entry its own id")
            seen.setdefault(item.id, index)


def _deadlines(policy: Policy) -> Iterator[Located]:
    promises: list[tuple[FieldPath, Duration | None, Duration | None]] = [
        (("worst_cases", index), as_duration(case.respond_within),
         as_duration(case.resolve_within))
        for index, case in enumerate(policy.worst_cases)]
    if policy.partners is not None:
        promises += [(("partners", "commitments", index), as_duration(item.respond_within),
                      as_duration(item.resolve_within))
                     for index, item in enumerate(policy.partners.commitments)]
    for base, respond, resolve in promises:
        if respond is not None and resolve is not None and resolve.surely_shorter_than(respond):
            yield Located((*base, "resolve_within"),
                          f"resolve_within ({resolve}) is shorter than respond_within ({respond})",
                          "a case cannot be resolved before it is answered; check both times")


def _payments(scheme: object, base: FieldPath) -> Iterator[tuple[FieldPath, Payment]]:
    """Every payment block of a scheme, the parts of a combined scheme included."""
    payment = getattr(scheme, "payment", None)
    if payment is not None:
        yield (*base, "payment"), payment
    if isinstance(scheme, CombinedCompensation):
        for index, part in enumerate(scheme.parts):
            yield from _payments(part, (*base, "parts", index))
    if isinstance(scheme, ByCategoryCompensation):
        for index, category in enumerate(scheme.categories):
            yield from _payments(category.compensation,
                                 (*base, "categories", index, "compensation"))


def _claims(policy: Policy) -> Iterator[Located]:
    for index, case in enumerate(policy.worst_cases):
        on_claim = [where for where, payment in
                    _payments(case.compensation, ("worst_cases", index, "compensation"))
                    if payment.method == "on_claim"]
        if on_claim:
            if case.claim is None:
                yield Located((*on_claim[0], "method"),
                              "compensation is paid on claim, but the case says nothing about "
                              "how to claim", "add claim: {how: …, within: …}")
            elif case.claim.within is None:
                yield Located(("worst_cases", index, "claim"),
                              "compensation is paid on claim, but no claim window is given",
                              "add within: (e.g. 30 days) so customers know their deadline")


def _money_in(value: object) -> list[Money]:
    if isinstance(value, Money):
        return [value]
    if isinstance(value, list):
        return [item.amount for item in value if isinstance(item, DatedAmount)]
    return []


def _schemes(policy: Policy) -> Iterator[Located]:
    for index, case in enumerate(policy.worst_cases):
        yield from _scheme(case.compensation, ("worst_cases", index, "compensation"))
    if policy.partners is not None:
        for index, commitment in enumerate(policy.partners.commitments):
            if commitment.compensation is not None:
                yield from _scheme(commitment.compensation,
                                   ("partners", "commitments", index, "compensation"))


def _scheme(scheme: object, base: FieldPath) -> Iterator[Located]:
    if isinstance(scheme, CombinedCompensation):
        for index, part in enumerate(scheme.parts):
            if isinstance(part, CombinedCompensation | NoCompensation):
                yield Located((*base, "parts", index, "type"),
                              f'a combined scheme cannot contain "{part.type}"',
                              "list the schemes that are owed together")
            else:
                yield from _scheme(part, (*base, "parts", index))
    if isinstance(scheme, ByCategoryCompensation):
        yield from _categories(scheme, base)
        return
    currencies = {m.currency for _, v in walk(scheme) for m in _money_in(v)}
    if len(currencies) > 1:
        yield Located(base, f"the scheme mixes currencies ({', '.join(sorted(currencies))})",
                      "state every amount of one scheme in the same currency")
    if isinstance(scheme, PerPeriodCompensation) and scheme.cap is not None:
        for smaller in ("initial", "then"):
            day = _first_day_below(scheme.cap, getattr(scheme, smaller))
            if day is not None:
                yield Located((*base, "cap"), f"the cap is smaller than {smaller}"
                              + (f" from {day}" if day != dt.date.min else ""),
                              f"raise the cap or lower {smaller}")
    if isinstance(scheme, PercentageCompensation) and scheme.cap and scheme.minimum:
        day = _first_day_below(scheme.cap, scheme.minimum)
        if day is not None:
            yield Located((*base, "cap"), "the cap is smaller than the minimum")
    if isinstance(scheme, BandsCompensation):
        yield from _bands(scheme.bands, (*base, "bands"), payouts=True)
        if any(b.percent is not None for b in scheme.bands) and scheme.of is None:
            yield Located((*base, "of"), "band percentages need a basis",
                          "add of: monthly_fee (or another basis)")
    if isinstance(scheme, GridCompensation):
        yield from _bands(scheme.rows.bands, (*base, "rows", "bands"), payouts=False)
        yield from _bands(scheme.columns.bands, (*base, "columns", "bands"), payouts=False)
        rows, columns = len(scheme.rows.bands), len(scheme.columns.bands)
        if len(scheme.cells) != rows:
            yield Located((*base, "cells"), f"cells has {len(scheme.cells)} rows; the row "
                          f"bands need {rows}", "write one list of cells per row band")
        for r, row in enumerate(scheme.cells):
            if len(row) != columns:
                yield Located((*base, "cells", r), f"row {r + 1} has {len(row)} cells; the "
                              f"column bands need {columns}")
        if scheme.of is None and any(isinstance(c, Decimal) for row in scheme.cells
                                     for c in row):
            yield Located((*base, "of"), "percentage cells need a basis", "add of: ticket_price")


def _categories(scheme: ByCategoryCompensation, base: FieldPath) -> Iterator[Located]:
    """Each category once, each a scheme of its own; how it is paid is said once, for all."""
    seen: dict[str, int] = {}
    for index, category in enumerate(scheme.categories):
        where = (*base, "categories", index)
        if category.id in seen:
            yield Located((*where, "id"), f'duplicate category "{category.id}" (also '
                          f"categories[{seen[category.id]}])", "give each category its own id")
        seen.setdefault(category.id, index)
        inner = category.compensation
        if isinstance(inner, ByCategoryCompensation):
            yield Located((*where, "compensation", "type"), "a category cannot be divided "
                          "into categories again", "make one category axis of the "
                          "combinations (e.g. domestic_single, domestic_return)")
            continue
        if getattr(inner, "payment", None) is not None:
            yield Located((*where, "compensation", "payment"), "how compensation is paid "
                          "is said once for every category", "move payment up to the "
                          "by_category scheme")
        yield from _scheme(inner, (*where, "compensation"))
    currencies = {m.currency for _, v in walk(scheme.payment) for m in _money_in(v)}
    if len(currencies) > 1:
        yield Located((*base, "payment"), f"the payment terms mix currencies "
                      f"({', '.join(sorted(currencies))})")


def _first_day_below(upper: object, lower: object) -> dt.date | None:
    """The first day on which amount ``upper`` is below amount ``lower`` (each a plain
    amount or a dated schedule); ``date.min`` when always; None when never."""
    if lower is None:
        return None
    days = sorted({item.from_ for value in (upper, lower) if isinstance(value, list)
                   for item in value} | {dt.date.min})
    for day in days:
        top, bottom = amount_on(upper, day), amount_on(lower, day)  # type: ignore[arg-type]
        if top is not None and bottom is not None and top.amount < bottom.amount:
            return day
    return None


def _bands(bands: Sequence[Band], base: FieldPath, payouts: bool) -> Iterator[Located]:
    """Bands must each pay one thing, be in order, and meet without gaps or overlaps."""
    for index, band in enumerate(bands):
        given = (band.percent is not None) + (band.amount is not None)
        if payouts and given != 1:
            yield Located((*base, index), "each band needs exactly one of percent or amount",
                          "write percent: 0 for a band where nothing is owed")
        if not payouts and given:
            yield Located((*base, index), "axis bands hold bounds only; put payouts in cells")
        low, up = band.lower, band.upper
        if low and up and (up[0] < low[0] or (up[0] == low[0] and not (low[1] and up[1]))):
            yield Located((*base, index), "the band is empty: its upper bound is not above "
                          "its lower bound")
    ordered = sorted(range(len(bands)), key=lambda i: _sort_key(bands[i]))
    if ordered not in (list(range(len(bands))), list(reversed(range(len(bands))))):
        yield Located(base, "write the bands in order, from the lowest to the highest or the "
                      "other way round", "readers (and grid cells) follow the written order")
    for previous, current in itertools.pairwise(ordered):
        first, second = bands[previous], bands[current]
        up, low = first.upper, second.lower
        where = (*base, current)
        if up is None or low is None:
            yield Located(where, "bands overlap: an open-ended band must be the first or last")
            continue
        if low[0] < up[0] or (low[0] == up[0] and low[1] and up[1]):
            yield Located(where, f"bands overlap at {min(low[0], up[0])}",
                          "make one bound exclusive (below/above) and the other inclusive")
        elif low[0] > up[0] or (not low[1] and not up[1]):
            yield Located(where, f"gap between bands at {up[0]}…{low[0]}",
                          f"start this band at the previous band's bound: at_least: {up[0]} "
                          "after below, or above: after at_most")


def _sort_key(band: Band) -> tuple[Decimal, int]:
    low = band.lower
    if low is None:
        return (Decimal("-Infinity"), 0)
    return (low[0], 0 if low[1] else 1)


def _schedules(policy: Policy) -> Iterator[Located]:
    for path, value in walk(policy):
        if isinstance(value, list) and value and all(isinstance(i, DatedAmount) for i in value):
            dates = [item.from_ for item in value]
            if dates != sorted(dates) or len(set(dates)) != len(dates):
                yield Located(path, "dated amounts must be in date order, one per date")
            if min(dates) > policy.effective:
                yield Located((*path, 0, "from"),
                              f"no amount applies on the effective date {policy.effective}",
                              "the first dated amount must start on or before effective")


def _staff_cases(policy: Policy) -> Iterator[Located]:
    if policy.staff is None:
        return
    ids = {case.id for case in policy.worst_cases}
    seen: set[str] = set()
    for index, guide in enumerate(policy.staff.cases):
        if guide.case not in ids:
            yield Located(("staff", "cases", index, "case"),
                          f'no worst case has the id "{guide.case}"',
                          "use one of: " + ", ".join(sorted(ids)))
        if guide.case in seen:
            yield Located(("staff", "cases", index, "case"),
                          f'"{guide.case}" already has a guide', "merge the two guides")
        seen.add(guide.case)
