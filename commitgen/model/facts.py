"""The facts of a case: what the compensation engine is told about one case, and the
worked examples a policy declares (facts → the amount its author expects).

A fact name is lowercase snake_case (``availability``, ``monthly_fee``, ``delay``). Some
names are fixed by the format: the dates of a case, the delay of a ``per_period`` scheme
and the bases percentages are taken of; measures (bands, grids) and reductions name
their own facts.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from commitgen.model.base import StrictModel, Text, describe
from commitgen.model.duration import Duration
from commitgen.model.money import Money

FACT_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")

#: when the case happened (the day amounts in force are taken on), when the customer
#: claimed, when they were told ahead (notice), when the compensation was paid, when the
#: failure was put right (service restored, parcel delivered, activated)
HAPPENED, CLAIMED, TOLD, PAID, RESOLVED = "happened", "claimed", "told", "paid", "resolved"
DATE_FACTS = (HAPPENED, CLAIMED, TOLD, PAID, RESOLVED)
#: the delay a ``per_period`` scheme counts
DELAY = "delay"
#: names a measure cannot take: the dates of a case
RESERVED = frozenset(DATE_FACTS)


def _fact_name(value: Any) -> str:
    if not isinstance(value, str) or not FACT_RE.match(value):
        raise PydanticCustomError(
            "fact_name", "expected a fact name of lowercase letters, digits and underscores, "
            "starting with a letter (e.g. availability), got {got}", {"got": describe(value)})
    return value


#: the name a fact is given under (``--fact availability=99.2%``)
FactName = Annotated[str, BeforeValidator(_fact_name), WithJsonSchema(
    {"type": "string", "pattern": FACT_RE.pattern,
     "errorMessage": "a name of lowercase letters, digits and underscores, e.g. availability"})]


def derived_fact_name(name: Text, fallback: str) -> str:
    """A fact name made from a measure's name (English first): ``Monthly availability`` →
    ``monthly_availability``; ``fallback`` when nothing usable is left."""
    text = name.by_language.get("en") or name.common or next(iter(name.by_language.values()),
                                                               "")
    plain = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).lower()
    slug = re.sub(r"[^a-z0-9]+", "_", plain).strip("_")[:40].rstrip("_")
    if not slug or not slug[0].isalpha() or slug in RESERVED:
        return fallback
    return slug


def _expected(value: Any) -> Any:
    """``nothing`` (or 0) for no money; else an amount, read by the Money type."""
    if isinstance(value, str) and value.strip().lower() in ("nothing", "none", "0"):
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value == 0:
        return None
    if isinstance(value, str) and re.fullmatch(r"\s*0+(?:\.0+)?\s*[A-Za-z]{3}\s*", value):
        return None
    return value


#: a fact's value as written in a policy: a number, a text (``99.2 %``, ``3000000 VND``,
#: ``26 hours``, ``2027-03-01``) or yes/no
FactValue = Annotated[str | int | Decimal | bool, WithJsonSchema(
    {"anyOf": [{"type": "string"}, {"type": "number"}, {"type": "boolean"}]})]


class WorkedExample(StrictModel):
    """A case with its facts and the amount its author expects; ``check`` computes it."""

    facts: dict[FactName, FactValue] = Field(
        default_factory=dict, description="the facts of the case, by name")
    owed: Annotated[Money | None, BeforeValidator(_expected), WithJsonSchema({"anyOf": [
        *Money.__get_pydantic_json_schema__(None, None)["anyOf"],
        {"const": "nothing"}, {"const": 0}]})] = Field(
        description='the amount owed, e.g. 750000 VND, or "nothing"')
    extension: Duration | None = Field(default=None,
                                       description="free service time owed, if any")
