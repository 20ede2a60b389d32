"""Compare two charters section by section: what was added, removed or changed, and
whether each change is better, worse or neutral for the customer.

Entries are matched by what identifies them: quality promises, worst cases and fees by
``id``; channels by their type and contact; escalation levels by role; terms by title.
Wording changes are listed as neutral (the reader decides); typed values decide a
verdict: a longer deadline, a higher fee, a shorter claim window are worse.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from pydantic import BaseModel

from commitgen.diagnostics import FieldPath
from commitgen.model.base import Text
from commitgen.model.money import Money, amount_on
from commitgen.model.policy import (
    Channel,
    Charter,
    EscalationLevel,
    Fee,
    LeavingRight,
    QualityPromise,
    ShareWithinTarget,
    ThresholdTarget,
    WorstCase,
)
from commitgen.versions.diff.change import Change, Verdict
from commitgen.versions.diff.compensation import compensation_changes
from commitgen.versions.diff.values import amount_change, duration_verdict, more

T = TypeVar("T")

WORSE, BETTER, NEUTRAL = Verdict.WORSE, Verdict.BETTER, Verdict.NEUTRAL


def diff_charters(old: Charter, new: Charter) -> list[Change]:
    """Every change from ``old`` to ``new`` (two versions of one charter), in the order of
    the document."""
    out: list[Change] = []
    if old.version != new.version:
        out.append(Change("version", NEUTRAL, ("version",), old=old.version, new=new.version))
    if old.effective != new.effective:
        out.append(Change("effective", NEUTRAL, ("effective",), old=old.effective,
                          new=new.effective))
    for language in old.languages:
        if language not in new.languages:
            out.append(Change("language.removed", WORSE, ("languages",), old=language))
    for language in new.languages:
        if language not in old.languages:
            out.append(Change("language.added", BETTER, ("languages",), new=language))
    out += _texts(old, new, ("title", "summary"), ())
    out += _texts(old.service, new.service, ("name", "description"), ("service",))
    if old.service.customers != new.service.customers:
        out.append(Change("eligibility", NEUTRAL, ("service", "customers"),
                          old=old.service.customers, new=new.service.customers))
    out += _keyed(old.quality, new.quality, lambda q: q.id, ("quality",), "quality",
                  _quality, lambda q: q.promise)
    out += _keyed(old.worst_cases, new.worst_cases, lambda c: c.id, ("worst_cases",), "case",
                  lambda a, b, path: _case(a, b, path, old, new), lambda c: c.title)
    out += _keyed(old.fees, new.fees, lambda f: f.id, ("fees",), "fee",
                  lambda a, b, path: _fee(a, b, path, new), lambda f: f.name,
                  added=WORSE, removed=BETTER, value=lambda f: _fee_value(f, new))
    out += _keyed(old.terms, new.terms, lambda t: repr(t.title.to_json()), ("terms",), "term",
                  lambda a, b, path: _texts(a, b, ("text",), path, a.title), lambda t: t.title,
                  added=NEUTRAL, removed=NEUTRAL)
    out += _keyed(old.channels, new.channels, _channel_key, ("channels",), "channel",
                  _channel, _channel_subject)
    out += _keyed(old.escalation, new.escalation, lambda e: repr(e.role.to_json()),
                  ("escalation",), "escalation", _escalation, lambda e: e.role)
    notice = duration_verdict(old.changes.notice, new.changes.notice, BETTER)
    if notice is not None:
        out.append(Change("notice", notice, ("changes", "notice"), old=old.changes.notice,
                          new=new.changes.notice))
    out += _texts(old.changes, new.changes, ("how",), ("changes",))
    out += _leaving(old.changes.leave_without_penalty, new.changes.leave_without_penalty)
    return out


def _leaving(old: LeavingRight | None, new: LeavingRight | None) -> list[Change]:
    """The right to leave without penalty: gaining it is better, losing it worse, its
    wording neutral."""
    path: FieldPath = ("changes", "leave_without_penalty")
    if old is None and new is not None:
        return [Change("leaving.added", BETTER, path, new=new.how)]
    if old is not None and new is None:
        return [Change("leaving.removed", WORSE, path, old=old.how)]
    if old is not None and new is not None:
        return _texts(old, new, ("how", "refund"), path)
    return []


def _keyed(old: Sequence[T], new: Sequence[T], key: Callable[[T], Hashable], path: FieldPath,
           kind: str, changed: Callable[[T, T, FieldPath], list[Change]],
           subject: Callable[[T], Text | None], added: Verdict = BETTER,
           removed: Verdict = WORSE, value: Callable[[T], Any] = lambda item: None,
           ) -> Iterator[Change]:
    """Entries matched by ``key``: removed ones (at their old path), then for each entry of
    the new list, added or changed."""
    before = {key(item): (index, item) for index, item in enumerate(old)}
    after = {key(item) for item in new}
    for name, (index, item) in before.items():
        if name not in after:
            yield Change(f"{kind}.removed", removed, (*path, index), subject(item),
                         old=value(item))
    for index, item in enumerate(new):
        match = before.get(key(item))
        if match is None:
            yield Change(f"{kind}.added", added, (*path, index), subject(item),
                         new=value(item))
        else:
            yield from changed(match[1], item, (*path, index))


def _texts(old: Any, new: Any, names: Sequence[str], path: FieldPath,
           subject: Text | None = None) -> list[Change]:
    return [Change("text", NEUTRAL, (*path, name), subject, getattr(old, name),
                   getattr(new, name))
            for name in names if getattr(old, name) != getattr(new, name)]


def _quality(old: QualityPromise, new: QualityPromise, path: FieldPath) -> list[Change]:
    out = _texts(old, new, ("promise", "metric", "measured"), path, new.promise)
    a, b = old.target, new.target
    where = (*path, "target")
    if isinstance(a, ThresholdTarget) and isinstance(b, ThresholdTarget):
        if a.unit == b.unit and a.at_least is not None and b.at_least is not None:
            if a.at_least != b.at_least:
                out.append(Change("quality.target", more(a.at_least, b.at_least, BETTER),
                                  where, new.promise, a.at_least, b.at_least))
        elif a.unit == b.unit and a.at_most is not None and b.at_most is not None:
            if a.at_most != b.at_most:
                out.append(Change("quality.target", more(a.at_most, b.at_most, WORSE),
                                  where, new.promise, a.at_most, b.at_most))
        elif a != b:
            out.append(Change("quality.target", NEUTRAL, where, new.promise))
    elif isinstance(a, ShareWithinTarget) and isinstance(b, ShareWithinTarget):
        if a.share != b.share:
            out.append(Change("quality.target", more(a.share, b.share, BETTER), where,
                              new.promise, a.share, b.share))
        verdict = duration_verdict(a.within, b.within, WORSE)
        if verdict is not None:
            out.append(Change("quality.within", verdict, (*where, "within"), new.promise,
                              a.within, b.within))
    elif _dump(a) != _dump(b):
        out.append(Change("quality.target", NEUTRAL, where, new.promise))
    return out


def _case(old: WorstCase, new: WorstCase, path: FieldPath, old_charter: Charter,
          charter: Charter) -> list[Change]:
    out = _texts(old, new, ("title", "what_happens", "remedy"), path, new.title)
    for name in ("respond_within", "resolve_within"):
        verdict = duration_verdict(getattr(old, name), getattr(new, name), WORSE)
        if verdict is not None:
            out.append(Change(f"case.{name}", verdict, (*path, name), new.title,
                              getattr(old, name), getattr(new, name)))
    kept = {repr(t.to_json()) for t in new.exclusions}
    had = {repr(t.to_json()) for t in old.exclusions}
    for text in old.exclusions:
        if repr(text.to_json()) not in kept:
            out.append(Change("exclusion.removed", BETTER, (*path, "exclusions"), new.title,
                              old=text))
    for index, text in enumerate(new.exclusions):
        if repr(text.to_json()) not in had:
            out.append(Change("exclusion.added", WORSE, (*path, "exclusions", index),
                              new.title, new=text))
    a = old.claim.within if old.claim else None
    b = new.claim.within if new.claim else None
    if a is not None and b is not None:
        verdict = duration_verdict(a, b, BETTER)
        if verdict is not None:
            out.append(Change("claim.within", verdict, (*path, "claim", "within"), new.title,
                              a, b))
    out += compensation_changes(old, new, (*path, "compensation"), charter, old_charter)
    return out


def _fee(old: Fee, new: Fee, path: FieldPath, charter: Charter) -> list[Change]:
    out = _texts(old, new, ("name", "when", "note"), path, new.name)
    if old.amount is not None and new.amount is not None:
        found = amount_change(old.amount, new.amount, charter.effective, WORSE)
        if found is not None:
            out.append(Change("fee.amount", found[0], (*path, "amount"), new.name, found[1],
                              found[2]))
    elif old.percent is not None and new.percent is not None:
        if old.percent != new.percent:
            out.append(Change("fee.percent", more(old.percent, new.percent, WORSE),
                              (*path, "percent"), new.name, old.percent, new.percent))
    else:  # an amount became a percentage or the other way round: cannot be ranked
        out.append(Change("fee.amount", NEUTRAL, path, new.name))
    if old.refundable != new.refundable:
        verdict = (NEUTRAL if None in (old.refundable, new.refundable)
                   else BETTER if new.refundable else WORSE)
        out.append(Change("fee.refundable", verdict, (*path, "refundable"), new.name,
                          old.refundable, new.refundable))
    return out


def _fee_value(fee: Fee, charter: Charter) -> Money | Decimal | None:
    if fee.amount is not None:
        return amount_on(fee.amount, charter.effective)
    return fee.percent


def _channel_key(channel: Channel) -> tuple[str, str]:
    contact = next(getattr(channel, name) for name in ("phone", "email", "url", "address")
                   if hasattr(channel, name))
    return channel.type, repr(contact.to_json()) if isinstance(contact, Text) else contact


def _channel_subject(channel: Channel) -> Text:
    if channel.label is not None:
        return channel.label
    contact = _channel_key(channel)[1]
    return Text(common=f"{channel.type} {contact}")


def _channel(old: Channel, new: Channel, path: FieldPath) -> list[Change]:
    out = []
    if _dump(old.hours) != _dump(new.hours):
        verdict = (WORSE if new.hours != "24/7" and old.hours == "24/7" else
                   BETTER if new.hours == "24/7" else NEUTRAL)
        out.append(Change("channel.hours", verdict, (*path, "hours"), _channel_subject(new)))
    if old.response_within is not None and new.response_within is not None:
        slower = duration_verdict(old.response_within, new.response_within, WORSE)
        if slower is not None:
            out.append(Change("channel.response_within", slower, (*path, "response_within"),
                              _channel_subject(new), old.response_within, new.response_within))
    return out + _texts(old, new, ("cost", "note"), path, _channel_subject(new))


def _escalation(old: EscalationLevel, new: EscalationLevel, path: FieldPath) -> list[Change]:
    out = []
    if old.after is not None and new.after is not None:
        verdict = duration_verdict(old.after, new.after, WORSE)
        if verdict is not None:
            out.append(Change("escalation.after", verdict, (*path, "after"), new.role,
                              old.after, new.after))
    elif old.after != new.after:
        out.append(Change("escalation.after", WORSE if old.after is None else BETTER,
                          (*path, "after"), new.role, old.after, new.after))
    for name in ("email", "phone"):
        if getattr(old, name) is not None and getattr(new, name) is None:
            out.append(Change("escalation.removed", WORSE, (*path, name), new.role,
                              getattr(old, name)))
        elif getattr(old, name) != getattr(new, name):
            out.append(Change("text", NEUTRAL, (*path, name), new.role, getattr(old, name),
                              getattr(new, name)))
    return out


def _dump(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [_dump(item) for item in value]
    return value
