"""What is owed under a worst case, old against new.

Schemes of the same type are compared parameter by parameter (a lower amount, a higher
threshold, a lower cap…). Schemes whose payout depends on a measured value (bands,
grids) or that changed type are compared by computing both versions over the facts that
matter (see :mod:`commitgen.versions.diff.cases`).
"""

from __future__ import annotations

from commitgen.diagnostics import FieldPath
from commitgen.model.compensation import (
    FixedCompensation,
    NoCompensation,
    PercentageCompensation,
    PerPeriodCompensation,
    RefundCompensation,
    ServiceExtension,
)
from commitgen.model.policy import Charter, WorstCase
from commitgen.versions.diff.cases import computed_changes
from commitgen.versions.diff.change import Change, Verdict
from commitgen.versions.diff.values import amount_change, duration_verdict, more

WORSE, BETTER, NEUTRAL = Verdict.WORSE, Verdict.BETTER, Verdict.NEUTRAL

#: types whose amount follows from their parameters alone
_TYPED = ("fixed", "percentage", "refund", "service_extension", "per_period")

#: the fields of each scheme that decide the amount (compared here); the rest — summary,
#: payment, proof, reductions — are compared by commitgen.versions.diff.compensation
_SHARED = {"summary", "payment", "proof", "reductions"}


def _payout_fields(scheme: object) -> dict[str, object]:
    dump = scheme.model_dump(mode="json", by_alias=True)  # type: ignore[attr-defined]
    return {k: v for k, v in dump.items() if k not in _SHARED}


def payout_changes(old_case: WorstCase, new_case: WorstCase, path: FieldPath,
                   charter: Charter, old_charter: Charter) -> list[Change]:
    old, new = old_case.compensation, new_case.compensation
    if _payout_fields(old) == _payout_fields(new):
        return []
    title = new_case.title
    if isinstance(old, NoCompensation) or isinstance(new, NoCompensation):
        verdict = BETTER if isinstance(old, NoCompensation) else WORSE
        if isinstance(old, NoCompensation) and isinstance(new, NoCompensation):
            verdict = NEUTRAL
        return [Change("compensation.type", verdict, path, title, old.type, new.type)]
    day = charter.effective
    out: list[Change] = []

    def amounts(name: str, more_is: Verdict = BETTER) -> None:
        a, b = getattr(old, name), getattr(new, name)
        if a is None or b is None:
            if (a is None) != (b is None):  # a cap or minimum added or removed
                cap = name == "cap"
                verdict = (WORSE if (b is not None) == cap else BETTER)
                out.append(Change("compensation.owed", verdict, (*path, name), title))
            return
        found = amount_change(a, b, day, more_is)
        if found is not None:
            out.append(Change("compensation.owed", found[0], (*path, name), title, found[1],
                              found[2]))

    def duration(name: str, longer_is: Verdict) -> None:
        a, b = getattr(old, name), getattr(new, name)
        if a is not None and b is not None:
            verdict = duration_verdict(a, b, longer_is)
            if verdict is not None:
                out.append(Change("compensation.owed", verdict, (*path, name), title, a, b))
        elif a != b:
            out.append(Change("compensation.owed", NEUTRAL, (*path, name), title))

    if isinstance(old, FixedCompensation) and isinstance(new, FixedCompensation):
        amounts("amount")
    elif isinstance(old, PercentageCompensation) and isinstance(new, PercentageCompensation):
        if old.of == new.of and old.percent != new.percent:
            out.append(Change("compensation.owed", more(old.percent, new.percent, BETTER),
                              (*path, "percent"), title, old.percent, new.percent))
        amounts("minimum")
        amounts("cap")
    elif isinstance(old, RefundCompensation) and isinstance(new, RefundCompensation):
        if old.of == new.of and old.percent != new.percent:
            out.append(Change("compensation.owed", more(old.percent, new.percent, BETTER),
                              (*path, "percent"), title, old.percent, new.percent))
    elif isinstance(old, ServiceExtension) and isinstance(new, ServiceExtension):
        duration("length", BETTER)
    elif isinstance(old, PerPeriodCompensation) and isinstance(new, PerPeriodCompensation):
        duration("after", WORSE)
        duration("every", WORSE)
        amounts("initial")
        amounts("then")
        amounts("cap")
        if old.counting != new.counting:
            out.append(Change("compensation.owed", WORSE if new.counting == "full" else BETTER,
                              (*path, "counting"), title, old.counting, new.counting))
    simple = (old.type == new.type and old.type in _TYPED
              and getattr(old, "of", None) == getattr(new, "of", None))
    if simple:
        return out
    # bands, grids, combined schemes, a change of type or basis: computed
    return computed_changes(old_case, new_case, path, charter, old_charter)
