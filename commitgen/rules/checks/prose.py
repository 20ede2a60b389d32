"""Rule 10: durations, amounts and percentages written in prose agree with the typed
fields they describe.

"The typed field it describes", field by field:

* ``quality[].promise`` — the ``target``: when the promise writes percentages, one of
  them is the target's share (or its value when the unit is ``%``); when it writes
  durations, one of them is its ``within`` (or its value when the unit is a time unit,
  e.g. ``{at_most: 30, unit: minutes}``). Other values may add detail.
* ``worst_cases[].compensation`` ``explanation``, ``reductions[].when`` and
  ``payment.late_payment.note`` (every scheme, parts of combined schemes too) — the
  scheme: amounts must be amounts of the scheme, percentages its percentages or
  percentage band bounds, durations its durations, time band bounds, or the case's
  ``respond_within``/``resolve_within``/``claim.within``.
* a sentence of a worst case's ``remedy`` promising a reply (word list ``reply``) — the
  case's ``respond_within``, ``resolve_within`` or ``claim.within``.
* ``channels[].label`` — ``response_within`` (when given). A channel's ``note`` and an
  escalation level's ``note`` are not checked: they often describe another time (a
  call-back, the level's own reply time) that has no field.
* notice sentences (word list ``notice``) in ``changes.how``, ``terms[].text`` and
  worst-case ``title``/``what_happens`` — ``changes.notice``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from decimal import Decimal

from commitgen.diagnostics import Diagnostic, FieldPath, Severity
from commitgen.model.base import Text
from commitgen.model.compensation import (
    Band,
    BandsCompensation,
    GridCompensation,
    PerPeriodCompensation,
    Reduction,
)
from commitgen.model.duration import Duration
from commitgen.model.money import Money, amount_on
from commitgen.model.policy import ShareWithinTarget
from commitgen.model.walk import walk
from commitgen.rules.checks.schemes import schemes
from commitgen.rules.context import RuleContext
from commitgen.rules.registry import rule
from commitgen.rules.text import amounts, durations, percents, same_duration, sentences

_HINT = "make the text and the field say the same thing (the field is what is enforced)"


def _fmt(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _check(ctx: RuleContext, text: Text, path: FieldPath, field: str, *,
           money: set[tuple[Decimal, str]] | None = None,
           percent: set[Decimal] | None = None,
           duration: Sequence[Duration] | None = None,
           one_of: bool = False) -> Iterator[Diagnostic]:
    """Every value in ``text`` of a kind that has expectations must be one of them (with
    ``one_of``: at least one value of each kind written must be)."""
    for item in ctx.languages_of(text, path):
        written: list[list[tuple[str, bool]]] = []
        if money is not None:
            written.append([(a.text, (a.value, a.currency) in money)
                            for a in amounts(item.text, language=item.language)])
        if percent is not None:
            written.append([(f"{_fmt(p)} %", p in percent)
                            for p in percents(item.text, language=item.language)])
        if duration is not None:
            written.append([(d.text, any(same_duration(d.duration, e) for e in duration))
                            for d in durations(item.text, language=item.language)])
        wrong = [shown for values in written for shown, ok in values if not ok
                 and not (one_of and any(ok for _, ok in values))]
        if wrong:
            yield Diagnostic.at(
                item.path, f"the text says {', '.join(dict.fromkeys(wrong))}, which "
                          f"{field} does not", _HINT, language=item.language)


def _quality(ctx: RuleContext) -> Iterator[Diagnostic]:
    for index, quality in enumerate(ctx.policy.quality):
        target = quality.target
        percent: set[Decimal] | None = None
        duration: list[Duration] | None = None
        if isinstance(target, ShareWithinTarget):
            percent, duration = {target.share.normalize()}, [target.within]
        else:
            value = target.at_least if target.at_least is not None else target.at_most
            assert value is not None
            unit = (target.unit.common or "").strip()  # a unit per language: words
            if unit in ("%", "percent"):
                percent = {value.normalize()}
            else:
                try:
                    duration = [Duration.parse(f"{value} {unit}")]
                except Exception:  # not a time unit: nothing to compare durations with
                    duration = None
        described = f"the target ({_target_text(target)})"
        yield from _check(ctx, quality.promise, ("quality", index, "promise"), described,
                          percent=percent, duration=duration, one_of=True)


def _target_text(target: object) -> str:
    if isinstance(target, ShareWithinTarget):
        return f"{_fmt(target.share)} % within {target.within}"
    at_least = getattr(target, "at_least", None)
    value = at_least if at_least is not None else getattr(target, "at_most", None)
    bound = "at least" if at_least is not None else "at most"
    return f"{bound} {_fmt(value) if value is not None else '?'} {getattr(target, 'unit', '')}"


def _band_bounds(bands: Sequence[Band], unit: str) -> tuple[set[Decimal], list[Duration]]:
    bounds = {v for b in bands for v in (b.at_least, b.above, b.below, b.at_most)
              if v is not None}
    if unit.strip() in ("%", "percent"):
        return {b.normalize() for b in bounds}, []
    found = []
    for bound in bounds:
        try:
            found.append(Duration.parse(f"{bound} {unit.strip()}"))
        except Exception:  # not a time unit (km, Mbps …)
            continue
    return set(), found


def _cap_in_periods(scheme: object, day: dt.date) -> list[Duration]:
    """A per-period cap counted in periods, as charters write it ("a maximum of 60 days
    compensation" for a cap of 60 × the daily amount): the cap divided by ``then``,
    times ``every`` — when it divides evenly."""
    if not isinstance(scheme, PerPeriodCompensation) or scheme.every is None:
        return []
    cap = amount_on(scheme.cap, day) if scheme.cap is not None else None
    then = amount_on(scheme.then, day) if scheme.then is not None else None
    if cap is None or then is None or not then.amount or cap.currency != then.currency:
        return []
    count = cap.amount / then.amount
    if count != count.to_integral_value():
        return []
    every = scheme.every
    return [Duration(every.value * count, every.unit, every.business, every.full)]


def _compensation(ctx: RuleContext) -> Iterator[Diagnostic]:
    for path, scheme in schemes(ctx):
        case_index = path[1] if path[0] == "worst_cases" else None
        money = {(m.amount.normalize(), m.currency) for _, m in walk(scheme)
                 if isinstance(m, Money)}
        # percentages of the scheme: percent fields, and percentage cells of a grid
        percent = {v.normalize() for p, v in walk(scheme) if isinstance(v, Decimal) and p
                   and (p[-1] in ("percent", "owed_percent") or isinstance(p[-1], int))}
        duration = [d for _, d in walk(scheme) if isinstance(d, Duration)]
        if isinstance(case_index, int):
            case = ctx.policy.worst_cases[case_index]
            duration += [d for d in (case.respond_within, case.resolve_within,
                                     case.claim.within if case.claim else None)
                         if isinstance(d, Duration)]
        duration += _cap_in_periods(scheme, ctx.policy.effective)
        axes = []
        if isinstance(scheme, BandsCompensation):
            axes.append((scheme.bands, scheme.measure.unit.common or ""))
        if isinstance(scheme, GridCompensation):
            axes += [(scheme.rows.bands, scheme.rows.measure.unit.common or ""),
                     (scheme.columns.bands, scheme.columns.measure.unit.common or "")]
        for bands, unit in axes:
            extra_percent, extra_duration = _band_bounds(bands, unit)
            percent |= extra_percent
            duration += extra_duration
        texts: list[tuple[FieldPath, Text]] = []
        explanation = getattr(scheme, "explanation", None)
        if isinstance(explanation, Text):
            texts.append(((*path, "explanation"), explanation))
        for index, reduction in enumerate(getattr(scheme, "reductions", [])):
            if isinstance(reduction, Reduction):
                texts.append(((*path, "reductions", index, "when"), reduction.when))
        late = getattr(getattr(scheme, "payment", None), "late_payment", None)
        if late is not None and isinstance(late.note, Text):
            texts.append(((*path, "payment", "late_payment", "note"), late.note))
        for where, text in texts:
            yield from _check(ctx, text, where, "the compensation scheme", money=money,
                              percent=percent, duration=duration)


def _remedies(ctx: RuleContext) -> Iterator[Diagnostic]:
    """A sentence of a worst case's ``remedy`` promising a reply (word list ``reply``: "we
    reply within 48 hours"): its times are the case's ``respond_within``,
    ``resolve_within`` or ``claim.within``. Other sentences of a remedy often give a time
    that has no field (a report sent within 5 days) and are not checked."""
    for index, case in enumerate(ctx.policy.worst_cases):
        expected = [d for d in (case.respond_within, case.resolve_within,
                                case.claim.within if case.claim else None)
                    if isinstance(d, Duration)]
        if not expected:
            continue
        for item in ctx.languages_of(case.remedy, ("worst_cases", index, "remedy")):
            wrong = [d.text for sentence in sentences(item.text)
                     if ctx.words.find("reply", item.language, sentence)
                     for d in durations(sentence, language=item.language)
                     if not any(same_duration(d.duration, e) for e in expected)]
            if wrong:
                yield Diagnostic.at(
                    item.path, f"the text promises a reply within {', '.join(wrong)}, which "
                    f"the case's respond_within ({case.respond_within}) does not say", _HINT,
                    language=item.language)


def _contacts(ctx: RuleContext) -> Iterator[Diagnostic]:
    for index, channel in enumerate(ctx.policy.channels):
        if channel.response_within is not None and channel.label is not None:
            yield from _check(ctx, channel.label, ("channels", index, "label"),
                              f"response_within ({channel.response_within})",
                              duration=[channel.response_within])


def _notice(ctx: RuleContext) -> Iterator[Diagnostic]:
    changes = getattr(ctx.policy, "changes", None)
    notice = getattr(changes, "notice", None)
    if changes is None or not isinstance(notice, Duration):
        return  # no readable notice period to compare with (CG012 or CG010 says why)
    texts: list[tuple[FieldPath, Text]] = [(("changes", "how"), changes.how)]
    texts += [(("terms", i, "text"), term.text) for i, term in enumerate(ctx.policy.terms)]
    for i, case in enumerate(ctx.policy.worst_cases):
        texts += [(("worst_cases", i, "title"), case.title),
                  (("worst_cases", i, "what_happens"), case.what_happens)]
    for path, text in texts:
        for item in ctx.languages_of(text, path):
            for sentence in sentences(item.text):
                if not ctx.words.find("notice", item.language, sentence) or (
                        path[0] != "changes"
                        and ctx.words.find("notice-other", item.language, sentence)):
                    continue
                wrong = [d.text for d in durations(sentence, language=item.language)
                         if not same_duration(d.duration, notice)]
                if wrong:
                    yield Diagnostic.at(item.path, f"the text gives {', '.join(wrong)} notice, but "
                                  f"changes.notice is {notice}", _HINT, language=item.language)
                    break


@rule("CG170", "prose-contradicts-data", Severity.ERROR, group="Prose agrees with data",
      reads=[],
      summary="A duration, amount or percentage written in a text agrees with the typed "
              "field the text describes.",
      rationale="""
The typed fields are what commitgen checks and what the compensation engine computes;
the prose is what the customer reads. When "within 24 hours" sits next to
`resolve_within: 48 hours`, the customer is promised one thing and paid by another.
Values are read per language (`200.000 đ` and `₫200,000` are the same amount; `2 ngày
làm việc` is `2 business days`) with the format's own duration parser. Which field each
text describes:

* `quality[].promise` ↔ its `target`: when the promise writes percentages (durations),
  one of them must be the target's (`share`/`within`, or the value of a `%` or time
  unit); further values may add detail;
* `compensation.explanation`, `reductions[].when` and `payment.late_payment.note` ↔ the
  scheme's amounts, percentages, durations and band bounds, plus the case's
  `respond_within`, `resolve_within` and `claim.within`;
* a sentence of a worst case's `remedy` promising a reply (word list `reply`: "we reply
  within 48 hours") ↔ the case's `respond_within`, `resolve_within` or `claim.within`
  (other sentences of a remedy often give a time that has no field: not checked);
* `channels[].label` ↔ `response_within` (notes are not checked: a note such as "we
  call you back within 30 minutes" describes a time that has no field);
* a sentence announcing notice (word list `notice`) in `changes.how`, `terms[].text` or
  a worst case's `title`/`what_happens` ↔ `changes.notice` — unless, outside `changes`,
  the notice is about something else (word list `notice-other`: an appointment, a visit,
  planned maintenance, a departure, a cancellation): "cancelled with less than 24 hours'
  notice" defines a missed appointment, not the charter's notice period.

A per-period cap may be written as a count of periods: "a maximum of 60 days
compensation" agrees with a cap of 60 times the daily amount. The notice comparison runs
only when `changes.notice` can be read; the other comparisons run without it.""",
      bad="""
worst_cases:
  - id: late-refund
    compensation:
      explanation: {vi: Bồi thường 100.000 đ., en: "We pay ₫100,000."}""",
      good="""
worst_cases:
  - id: late-refund
    compensation:
      explanation: {vi: Bồi thường 200.000 đ., en: "We pay ₫200,000."}""")
def prose_contradicts(ctx: RuleContext) -> Iterator[Diagnostic]:
    yield from _quality(ctx)
    yield from _compensation(ctx)
    yield from _remedies(ctx)
    yield from _contacts(ctx)
    yield from _notice(ctx)
