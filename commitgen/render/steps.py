"""The engine's outcome in words: what is owed, each step, the deadlines.

Every sentence comes from the theme's catalogue (the messages below), every value from
:class:`~commitgen.render.wording.Wording`, so ``commitgen compensate``, the charter's
worked examples and the staff briefing word a computation the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from commitgen.compute import FactKind, FactSpec, Moment, Outcome, Quantity, Step, StepKind
from commitgen.compute.needs import Requirement
from commitgen.model.base import Text
from commitgen.model.compensation import Basis
from commitgen.model.duration import Duration
from commitgen.model.money import Money
from commitgen.render.wording import Wording


def english_words() -> Wording:
    """The source language's wording (for messages such as ``check``'s): no catalogue."""
    from babel.support import Translations

    return Wording("en", "en", Translations())


def basis_name(basis: Basis | str, words: Wording) -> str:
    """What a percentage or a refund is taken of, in words (``your monthly fee``)."""
    names = {
        "price_paid": words.gettext("the price you paid"),
        "amount_charged_in_error": words.gettext("the amount charged in error"),
        "order_value": words.gettext("the order value"),
        "ticket_price": words.gettext("the ticket price"),
        "delivery_fee": words.gettext("the delivery fee"),
        "monthly_fee": words.gettext("your monthly fee"),
        "annual_fee": words.gettext("your annual fee"),
        "subscription_period_fee": words.gettext("the fee for the subscription period"),
    }
    return names[basis.value if isinstance(basis, Basis) else basis]


def value_text(value: Any, words: Wording, unit: Text | None = None) -> str:
    """One step value in words."""
    if isinstance(value, bool):
        return words.gettext("yes") if value else words.gettext("no")
    if isinstance(value, Money):
        return words.money(value)
    if isinstance(value, Quantity):
        if value.minutes:
            return words.elapsed(value.value)
        return words.measured(value.value, unit) if unit is not None else \
            words.number(value.value)
    if isinstance(value, Moment):
        return words.datetime(value.at) if value.has_time else words.date(value.day)
    if isinstance(value, dt.date):
        return words.date(value)
    if isinstance(value, Duration):
        return words.duration(value)
    if isinstance(value, Basis):
        return basis_name(value, words)
    if isinstance(value, Text):
        return words.text(value)
    if isinstance(value, Decimal):
        return words.number(value)
    return str(value)


def fact_value_text(value: Any, spec: FactSpec, words: Wording) -> str:
    """A fact's value in words: a category by its name, others by their type."""
    if spec.kind is FactKind.CATEGORY and value in spec.choices:
        return words.text(spec.choice_names[spec.choices.index(value)])
    return value_text(value, words, spec.unit)


def bounds_text(lower: Mapping[str, Any] | None, upper: Mapping[str, Any] | None,
                unit: Text, words: Wording) -> str:
    """``≥ 99% and < 99.5%`` (the bounds exactly as declared)."""
    parts = []
    if lower is not None:
        parts.append(("≥" if lower["inclusive"] else ">") + "\u00a0"
                     + words.measured(lower["value"], unit))
    if upper is not None:
        parts.append(("≤" if upper["inclusive"] else "<") + "\u00a0"
                     + words.measured(upper["value"], unit))
    if len(parts) == 2:
        return words.gettext("%(lower)s and %(upper)s", lower=parts[0], upper=parts[1])
    return parts[0] if parts else ""


def _pays(payout: Mapping[str, Any] | None) -> Any:
    """What a band or cell pays: a percentage, an amount, or None for nothing."""
    if payout is None or payout.get("percent") == 0:
        return None
    return payout.get("percent", payout.get("amount"))


def _where(at: Mapping[str, Any], words: Wording) -> str:
    """``monthly availability 99.2% (≥ 99% and < 99.5%)``."""
    value = value_text(at["value"], words, at["unit"])
    measure = words.text(at["measure"])
    if at["index"] is None:
        return words.gettext("%(measure)s: %(value)s (in no band)", measure=measure,
                             value=value)
    return words.gettext("%(measure)s: %(value)s (%(bounds)s)", measure=measure, value=value,
                         bounds=bounds_text(at["lower"], at["upper"], at["unit"], words))


def _band(step: Step, w: Wording, v: dict[str, str]) -> str:
    cell = step.kind is StepKind.CELL
    where = f"{_where(step.values['row'], w)}; {_where(step.values['column'], w)}" if cell \
        else _where(step.values, w)
    pays = _pays(step.values["payout"])
    if pays is None:
        return w.gettext("%(where)s: nothing is owed here.", where=where)
    shown = w.percent(pays) if isinstance(pays, Decimal) else w.money(pays)
    return w.gettext("%(where)s: the table pays %(payout)s.", where=where, payout=shown)


def _trigger(step: Step, w: Wording, v: dict[str, str]) -> str:
    """``Error rate: 7 % (> 5 %): it counts.`` or ``…, not > 5 %: nothing is owed.``"""
    values = step.values
    bounds = bounds_text(values["lower"], values["upper"], values["unit"], w)
    if "reference" in values:
        bounds += " " + w.gettext("(%(measure)s: %(value)s)", measure=w.text(
            values["relative_to"]), value=value_text(values["reference"], w))
    shown = {"measure": w.text(values["measure"]), "bounds": bounds,
             "value": value_text(values["value"], w, values["unit"]) if "reference" not in
             values else value_text(values["value"], w)}
    if step.kind is StepKind.TRIGGER:
        return w.gettext("%(measure)s: %(value)s (%(bounds)s): this counts.", **shown)
    return w.gettext("%(measure)s: %(value)s, not %(bounds)s: there is no case under this "
                     "scheme, nothing is owed.", **shown)


def _threshold(step: Step, w: Wording, v: dict[str, str]) -> str:
    reached = step.kind is StepKind.THRESHOLD_REACHED
    if step.values["threshold"] == "above":
        return w.gettext("A delay of %(delay)s is longer than %(after)s: %(amount)s.", **v) \
            if reached else w.gettext("A delay of %(delay)s is not longer than %(after)s: "
                                      "nothing is owed.", **v)
    return w.gettext("A delay of %(delay)s reaches %(after)s: %(amount)s.", **v) if reached \
        else w.gettext("A delay of %(delay)s is shorter than %(after)s: nothing is owed.", **v)


def _periods(step: Step, w: Wording, v: dict[str, str]) -> str:
    count = int(step.values["count"])
    if step.values["counting"] == "full":
        text = w.ngettext(
            "%(beyond)s after the threshold: %(count)s full period of %(every)s, "
            "%(count)s × %(each)s = %(amount)s.",
            "%(beyond)s after the threshold: %(count)s full periods of %(every)s, "
            "%(count)s × %(each)s = %(amount)s.", count, **v)
    else:
        text = w.ngettext(
            "%(beyond)s after the threshold: %(count)s period of %(every)s begun, "
            "%(count)s × %(each)s = %(amount)s.",
            "%(beyond)s after the threshold: %(count)s periods of %(every)s begun, "
            "%(count)s × %(each)s = %(amount)s.", count, **v)
    if step.values.get("part") is False and step.values.get("grace") is not None:
        text += " " + w.gettext("The part at the end is shorter than %(grace)s and is not "
                                "counted.", **v)
    return text


def _divided(step: Step, w: Wording, v: dict[str, str]) -> str:
    if "exact" in step.values:
        return w.gettext("Dividing %(basis)s (%(base)s) by %(by)s gives %(exact)s, rounded to "
                         "%(amount)s.", **{**v, "exact": w.number(step.values["exact"])})
    return w.gettext("Dividing %(basis)s (%(base)s) by %(by)s gives %(amount)s.", **v)


def _share(step: Step, w: Wording, v: dict[str, str]) -> str:
    if "by" in step.values:
        v = {**v, "basis": w.gettext("%(basis)s divided by %(by)s", basis=v["basis"],
                                     by=v["by"])}
    if "times" in step.values:
        return w.gettext("%(times)s times %(basis)s (%(base)s): %(amount)s.", **v)
    if "exact" in step.values:
        v = {**v, "exact": w.number(step.values["exact"])}
        if step.kind is StepKind.REFUND:
            return w.gettext("A refund of %(percent)s of %(basis)s (%(base)s) is %(exact)s, "
                             "rounded to %(amount)s.", **v)
        return w.gettext("%(percent)s of %(basis)s (%(base)s) is %(exact)s, rounded to "
                         "%(amount)s.", **v)
    if step.kind is StepKind.REFUND:
        return w.gettext("A refund of %(percent)s of %(basis)s (%(base)s): %(amount)s.", **v)
    return w.gettext("%(percent)s of %(basis)s (%(base)s): %(amount)s.", **v)


def _reduction(step: Step, w: Wording, v: dict[str, str]) -> str:
    if step.kind is StepKind.REDUCTION:
        before = v.get("before") or v.get("extension_before", "")
        shown = v.get("amount") or v.get("extension") or w.gettext("nothing")
        text = w.gettext("Reduced to %(percent)s of the amount (%(before)s → %(shown)s): "
                         "%(when)s", percent=v["owed_percent"], before=before, shown=shown,
                         when=v["when"])
    elif step.values["reason"] == "notice":
        text = w.gettext("No reduction: you were told %(notice)s ahead, less than "
                         "%(needed)s: %(when)s", **v)
    elif step.values["reason"] == "told_after":
        text = w.gettext("No reduction: you were told only when it happened or after, not "
                         "%(needed)s ahead: %(when)s", **v)
    elif step.values["reason"] == "superseded":
        text = w.gettext("Also applies, but reduces less: %(when)s", **v)
    else:
        text = w.gettext("No reduction (the condition does not hold): %(when)s", **v)
    if step.kind is StepKind.REDUCTION and "notice" in step.values:
        if text[-1:] not in ".?!…":
            text += "."
        text += " " + w.gettext("You were told %(notice)s ahead; at least %(needed)s is "
                                "needed.", **v)
    return text


def _late(step: Step, w: Wording, v: dict[str, str]) -> str:
    count = int(step.values["periods"])
    v = {**v, "count": str(count)}
    text = w.ngettext(
        "Paid on %(paid)s, after the deadline (%(deadline)s): %(count)s addition of %(each)s "
        "= %(computed)s.",
        "Paid on %(paid)s, after the deadline (%(deadline)s): %(count)s additions of %(each)s "
        "= %(computed)s.", count, **v)
    if step.values.get("cap") is not None:
        text += " " + w.gettext("The additions stop at %(cap)s.", **v)
    return text


_SENTENCES: dict[StepKind, Callable[[Step, Wording, dict[str, str]], str]] = {
    StepKind.AMOUNT: lambda s, w, v: w.gettext("A fixed amount of %(amount)s.", **v),
    StepKind.IN_FORCE: lambda s, w, v: w.gettext(
        "On %(on)s the amount in force is %(amount)s (since %(since)s).", **v),
    StepKind.THRESHOLD_NOT_REACHED: _threshold,
    StepKind.THRESHOLD_REACHED: _threshold,
    StepKind.PERIODS: _periods,
    StepKind.PERCENT: _share,
    StepKind.DIVIDED: _divided,
    StepKind.REFUND: _share,
    StepKind.MINIMUM: lambda s, w, v: w.gettext(
        "%(computed)s is less than the minimum: %(minimum)s.", **v),
    StepKind.CAP: lambda s, w, v: w.gettext("%(computed)s is more than the cap: %(cap)s.", **v),
    StepKind.TRIGGER: _trigger,
    StepKind.NOT_TRIGGERED: _trigger,
    StepKind.LEGAL_MINIMUM: lambda s, w, v: w.gettext(
        "This is the minimum that %(law)s sets: we may pay more.", **v),
    StepKind.MINIMUM_PAYOUT: lambda s, w, v: w.gettext(
        "%(computed)s is not more than the minimum payout (%(minimum)s): nothing is paid.", **v)
    if not s.values["inclusive"] else w.gettext(
        "%(computed)s is less than the minimum payout (%(minimum)s): nothing is paid.", **v),
    StepKind.BAND: _band,
    StepKind.CELL: _band,
    StepKind.NOTHING: lambda s, w, v: "",
    StepKind.EXTENSION: lambda s, w, v: w.gettext("%(length)s of free service.", **v),
    StepKind.NO_COMPENSATION: lambda s, w, v: w.gettext(
        "No compensation is owed in this case: %(reason)s", **v),
    StepKind.TOTAL: lambda s, w, v: w.gettext(
        "Together: %(amounts)s = %(amount)s.",
        amounts=" + ".join(w.money(m) for m in s.values["amounts"]), amount=v["amount"]),
    StepKind.CATEGORY: lambda s, w, v: w.gettext(
        "%(axis)s: %(name)s, whose own terms apply.", **v),
    StepKind.REDUCTION: _reduction,
    StepKind.REDUCTION_SKIPPED: _reduction,
    StepKind.ROUNDED: lambda s, w, v: "",
    StepKind.CLAIM_DEADLINE: lambda s, w, v: w.gettext(
        "Claim by %(deadline)s (within %(within)s %(since)s).",
        **{**v, "since": w.since(s.values["since"])}),
    StepKind.CLAIM_NO_DEADLINE: lambda s, w, v: w.gettext(
        "No claim deadline is set: only the law's limitation period applies."),
    StepKind.CLAIM_TOO_LATE: lambda s, w, v: w.gettext(
        "The claim of %(claimed)s came after the deadline (%(deadline)s): nothing is owed.",
        **v),
    StepKind.PAYMENT_DEADLINE: lambda s, w, v: w.gettext(
        "To be paid by %(deadline)s (within %(within)s %(since)s).",
        **{**v, "since": w.since(s.values["since"])}),
    StepKind.PAYMENT_AT_ONCE: lambda s, w, v: w.gettext(
        "To be paid at the time, on %(deadline)s.", **v),
    StepKind.PAYMENT_NO_DEADLINE: lambda s, w, v: w.gettext(
        "No payment deadline is set."),
    StepKind.PAID_LATE: _late,
}


#: step values that are percentages (the others are worded by their type)
_PERCENT_KEYS = {"percent", "owed_percent"}


def step_text(step: Step, words: Wording) -> str:
    """One step as a sentence of this language."""
    values = {key: words.percent(value) if key in _PERCENT_KEYS else value_text(value, words)
              for key, value in step.values.items()
              if value is not None and not isinstance(value, dict | list | tuple | bool)}
    text = _SENTENCES[step.kind](step, words, values)
    if step.part is not None:
        text = words.gettext("Part %(number)s: %(text)s", number=str(step.part), text=text)
    return text


@dataclass
class WordedOutcome:
    """An outcome in one language: the answer first, then how it was reached."""

    headline: str
    steps: list[str] = field(default_factory=list)


def owed_text(outcome: Outcome, words: Wording) -> str:
    """``₫750,000``, ``1 month of free service``, ``₫100,000 and 1 month of free service``
    or ``nothing``."""
    money = outcome.amount if outcome.amount is not None and outcome.amount.amount else None
    if money is not None and outcome.extension is not None:
        return words.gettext("%(amount)s and %(length)s of free service",
                             amount=words.money(money), length=words.duration(outcome.extension))
    if money is not None:
        return words.money(money)
    if outcome.extension is not None:
        return words.gettext("%(length)s of free service",
                             length=words.duration(outcome.extension))
    return words.gettext("nothing")


def example_steps(outcome: Outcome, words: Wording) -> list[str]:
    """The steps of a worked example: without the reductions whose condition does not
    hold (the document lists the reductions next to the examples)."""
    return [text for step in outcome.steps
            if not (step.kind is StepKind.REDUCTION_SKIPPED
                    and step.values.get("reason") == "condition")
            and (text := step_text(step, words))]


def word_outcome(outcome: Outcome, words: Wording) -> WordedOutcome:
    if any(step.kind is StepKind.LEGAL_MINIMUM for step in outcome.steps):
        headline = words.gettext("Owed: at least %(owed)s (the law's minimum)",
                                 owed=owed_text(outcome, words))
    else:
        headline = words.gettext("Owed: %(owed)s", owed=owed_text(outcome, words))
    if outcome.late_addition is not None and outcome.total is not None:
        headline += " " + words.gettext("(%(total)s with the late-payment addition)",
                                        total=words.money(outcome.total))
    lines = [text for step in outcome.steps if (text := step_text(step, words))]
    return WordedOutcome(headline, lines)


def fact_line(spec: FactSpec, level: Requirement, words: Wording) -> str:
    """``availability — a number in % (Monthly availability); needed``."""
    what = {
        FactKind.NUMBER: lambda: words.gettext("a number in %(unit)s", unit=words.text(
            spec.unit)) if spec.unit is not None else words.gettext("a number"),
        FactKind.DURATION: lambda: words.gettext("a duration (e.g. 26h or 2 days 4 hours)"),
        FactKind.MONEY: lambda: words.gettext("an amount in %(currency)s",
                                              currency=spec.currency)
        if spec.currency else words.gettext("an amount"),
        FactKind.MOMENT: lambda: words.gettext("a date, or a date and time"),
        FactKind.CONDITION: lambda: words.gettext("yes or no"),
        FactKind.CATEGORY: lambda: words.gettext("one of %(choices)s",
                                                 choices=", ".join(spec.choices)),
    }[spec.kind]()
    label = words.text(spec.label) if spec.label is not None else (
        basis_name(spec.basis, words) if spec.basis is not None else _date_role(spec, words))
    need = {Requirement.ALWAYS: words.gettext("needed"),
            Requirement.IF_USED: words.gettext("needed when it matters"),
            Requirement.OPTIONAL: words.gettext("optional")}[level]
    return f"{spec.name} — {what}" + (f" ({label})" if label else "") + f"; {need}"


def _date_role(spec: FactSpec, words: Wording) -> str:
    return {
        "happened": words.gettext("when it happened"),
        "claimed": words.gettext("when you claimed"),
        "told": words.gettext("when you were told"),
        "paid": words.gettext("when it was paid"),
        "resolved": words.gettext("when the problem was put right"),
        "delay": words.gettext("how long the delay lasted"),
    }.get(spec.name, "")
