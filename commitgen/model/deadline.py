"""Deadlines that a scheme sets, or honestly does not set.

A deadline field (``respond_within``, ``resolve_within``, ``payment.within``,
``claim.within``) takes a :class:`~commitgen.model.duration.Duration`, or one of three
typed values for what real schemes say instead of a number:

``immediately``     at the time, on the spot (compensation paid at the airport desk)
``none``            no deadline is set (a claim: only the law's limitation period applies)
``not_applicable``  nothing to wait for (no first response: compensation paid automatically)

A document states each truthfully; the rules still flag a provider's *own* worst case
that sets no time to resolve it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer, Strict, WithJsonSchema
from pydantic_core import PydanticCustomError

from commitgen.model.base import describe
from commitgen.model.duration import Duration, schema_pattern


class Anchor(StrEnum):
    """The event a deadline counts from."""

    INCIDENT = "incident"  # when the case happened (the ``happened`` fact)
    CLAIM = "claim"  # when the customer claimed (payment of compensation paid on claim)
    RESOLUTION = "resolution"  # when the failure was put right (the ``resolved`` fact)
    ELIGIBILITY = "eligibility"  # when compensation became owed (a threshold reached)
    END_OF_MONTH = "end_of_month"  # the end of the calendar month the case happened in


#: an anchor matched by its YAML spelling
AnchorName = Annotated[Anchor, Strict(False)]


class NotSet(StrEnum):
    """A deadline that is not a length of time."""

    IMMEDIATELY = "immediately"
    NONE = "none"
    NOT_APPLICABLE = "not_applicable"


#: how each value may be written (lowercase, spaces or hyphens for underscores)
_SPELLINGS = {"immediately": NotSet.IMMEDIATELY, "at the time": NotSet.IMMEDIATELY,
              "none": NotSet.NONE, "not applicable": NotSet.NOT_APPLICABLE}


def _reader(allowed: tuple[NotSet, ...], field: str) -> Any:
    def read(value: Any) -> Duration | NotSet:
        if isinstance(value, Duration | NotSet):
            return value
        if isinstance(value, str):
            key = " ".join(value.strip().lower().replace("_", " ").replace("-", " ").split())
            word = _SPELLINGS.get(key)
            if word is not None:
                if word in allowed:
                    return word
                raise PydanticCustomError(
                    "deadline", "{field} cannot be {got}; {hint}",
                    {"field": field, "got": describe(value), "hint": _hint(allowed)})
        return Duration.parse(value)
    return read


def _hint(allowed: tuple[NotSet, ...]) -> str:
    words = {NotSet.IMMEDIATELY: "immediately (at the time)",
             NotSet.NONE: "none (no deadline set)",
             NotSet.NOT_APPLICABLE: "not_applicable (nothing to wait for)"}
    return "besides a duration, this field accepts " + ", ".join(words[w] for w in allowed)


def _serialise(value: Duration | NotSet) -> str:
    return str(value) if isinstance(value, Duration) else value.value


def _schema(allowed: tuple[NotSet, ...], description: str) -> dict[str, Any]:
    words = [word.value for word in allowed]
    duration = "a duration: a number and a unit, e.g. 4 hours, 2 business days, 2 full " \
               "working days"
    return {"anyOf": [{"type": "string", "pattern": schema_pattern(), "errorMessage": duration},
                      {"enum": words}],
            # on the whole too: an editor shows this, not "must match a schema in anyOf"
            "errorMessage": f"{duration}; or {' or '.join(words)}",
            "description": description}


_RESPOND = (NotSet.IMMEDIATELY, NotSet.NONE, NotSet.NOT_APPLICABLE)
_RESOLVE = (NotSet.IMMEDIATELY, NotSet.NONE)
_PAYMENT = (NotSet.IMMEDIATELY, NotSet.NONE)
_CLAIM = (NotSet.NONE,)

RespondWithin = Annotated[
    Duration | NotSet, BeforeValidator(_reader(_RESPOND, "respond_within")),
    PlainSerializer(_serialise), WithJsonSchema(_schema(
        _RESPOND, "by when the customer gets a first response: a duration, immediately, none "
        "(the scheme sets no time) or not_applicable (nothing to respond to: paid "
        "automatically)"))]
ResolveWithin = Annotated[
    Duration | NotSet, BeforeValidator(_reader(_RESOLVE, "resolve_within")),
    PlainSerializer(_serialise), WithJsonSchema(_schema(
        _RESOLVE, "by when the problem is resolved: a duration, immediately, or none (the "
        "scheme sets no time; flagged for a provider's own worst case)"))]
PaymentWithin = Annotated[
    Duration | NotSet, BeforeValidator(_reader(_PAYMENT, "payment.within")),
    PlainSerializer(_serialise), WithJsonSchema(_schema(
        _PAYMENT, "payment deadline: a duration, immediately (at the time), or none (no "
        "deadline set)"))]
ClaimWithin = Annotated[
    Duration | NotSet, BeforeValidator(_reader(_CLAIM, "claim.within")),
    PlainSerializer(_serialise), WithJsonSchema(_schema(
        _CLAIM, "claim window: a duration, or none (no deadline of the scheme's own: the "
        "law's limitation period applies)"))]


def as_duration(value: Duration | NotSet | None) -> Duration | None:
    """The duration of a deadline, or None when it is not a length of time."""
    return value if isinstance(value, Duration) else None
