"""Compensation changes of one worst case: how it is paid, reductions, proof, claim, and
what is owed.

What is owed is decided by :mod:`commitgen.versions.diff.payouts`; everything around it
(automatic → on claim, a longer payment deadline, a new reduction…) by typed comparison.
"""

from __future__ import annotations

from typing import Any

from commitgen.diagnostics import FieldPath
from commitgen.model.compensation import NoCompensation, PaymentForm, Reduction
from commitgen.model.policy import Charter, WorstCase
from commitgen.versions.diff.change import Change, Verdict
from commitgen.versions.diff.payouts import payout_changes
from commitgen.versions.diff.values import duration_verdict, more

WORSE, BETTER, NEUTRAL = Verdict.WORSE, Verdict.BETTER, Verdict.NEUTRAL

#: forms a customer can spend anywhere; losing all of them is worse
_REAL_MONEY = {PaymentForm.CASH, PaymentForm.BANK_TRANSFER, PaymentForm.ORIGINAL_PAYMENT_METHOD}


def compensation_changes(old_case: WorstCase, new_case: WorstCase, path: FieldPath,
                         charter: Charter, old_charter: Charter) -> list[Change]:
    old, new = old_case.compensation, new_case.compensation
    title = new_case.title
    out = payout_changes(old_case, new_case, path, charter, old_charter)
    if isinstance(old, NoCompensation) or isinstance(new, NoCompensation):
        return out
    out += _reductions(old.reductions, new.reductions, path, new_case)
    a, b = old.payment, new.payment
    if a is not None and b is not None:
        where = (*path, "payment")
        if a.method != b.method:
            out.append(Change("payment.method", WORSE if b.method == "on_claim" else BETTER,
                              (*where, "method"), title, a.method, b.method))
            if b.method == "on_claim" and old_case.claim is None:
                out.append(Change("claim.added", WORSE, (*path,), title))
        verdict = duration_verdict(a.within, b.within, WORSE)
        if verdict is not None:
            out.append(Change("payment.within", verdict, (*where, "within"), title, a.within,
                              b.within))
        if set(a.forms) != set(b.forms):
            lost = bool(_REAL_MONEY & set(a.forms)) and not _REAL_MONEY & set(b.forms)
            gained = not _REAL_MONEY & set(a.forms) and bool(_REAL_MONEY & set(b.forms))
            out.append(Change("payment.forms", WORSE if lost else BETTER if gained else NEUTRAL,
                              (*where, "forms"), title, _forms(a.forms), _forms(b.forms)))
        if (a.late_payment is None) != (b.late_payment is None):
            out.append(Change("payment.late", WORSE if b.late_payment is None else BETTER,
                              (*where, "late_payment"), title))
        elif _dump(a.late_payment) != _dump(b.late_payment):
            out.append(Change("payment.late", NEUTRAL, (*where, "late_payment"), title))
    elif (a is None) != (b is None):
        out.append(Change("payment.method", NEUTRAL, (*path, "payment"), title))
    if old.proof is not None and new.proof is not None and old.proof.burden != new.proof.burden:
        out.append(Change("proof.burden", WORSE if new.proof.burden == "customer" else BETTER,
                          (*path, "proof", "burden"), title, old.proof.burden,
                          new.proof.burden))
    return out


def _forms(forms: list[PaymentForm]) -> str:
    return ", ".join(str(form) for form in forms)


def _reductions(old: list[Reduction], new: list[Reduction], path: FieldPath,
                case: WorstCase) -> list[Change]:
    out = []
    before = {repr(r.when.to_json()): r for r in old}
    after = {repr(r.when.to_json()) for r in new}
    for index, reduction in enumerate(old):
        if repr(reduction.when.to_json()) not in after:
            out.append(Change("reduction.removed", BETTER, (*path, "reductions", index),
                              case.title, old=reduction.when))
    for index, reduction in enumerate(new):
        where = (*path, "reductions", index)
        match = before.get(repr(reduction.when.to_json()))
        if match is None:
            out.append(Change("reduction.added", WORSE, where, case.title, new=reduction.when))
            continue
        if match.owed_percent != reduction.owed_percent:
            out.append(Change("reduction.owed",
                              more(match.owed_percent, reduction.owed_percent, BETTER),
                              (*where, "owed_percent"), reduction.when, match.owed_percent,
                              reduction.owed_percent))
        if match.notice_at_least is not None and reduction.notice_at_least is not None:
            # the provider's notice must be longer for the reduction to apply: better
            verdict = duration_verdict(match.notice_at_least, reduction.notice_at_least,
                                       BETTER)
            if verdict is not None:
                out.append(Change("reduction.owed", verdict, (*where, "notice_at_least"),
                                  reduction.when, match.notice_at_least,
                                  reduction.notice_at_least))
    return out


def _dump(value: Any) -> Any:
    return value.model_dump(mode="json") if value is not None else None
