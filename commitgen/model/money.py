"""Money: an exact decimal amount and an ISO 4217 currency. Never a float."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import lru_cache
from typing import Annotated, Any

from pydantic import Discriminator, Field, Tag
from pydantic_core import PydanticCustomError

from commitgen.model.base import Date, StrictModel, describe, parse_decimal

_MONEY_RE = re.compile(
    r"^(?:(?P<cur1>[A-Za-z]{3}) +)?(?P<amount>-?[0-9]+(?:[_ ][0-9]+)*(?:[.,][0-9]+)*)"
    r" *(?P<cur2>[A-Za-z]{3})?$"
)
MAX_MONEY_TEXT = 40
#: the largest amount accepted; larger is a typo (and beyond what formats exactly)
MAX_AMOUNT = Decimal(10) ** 15
#: ISO 4217 codes that are not money: test, no currency, precious metals, SDR, units
NOT_CURRENCIES = frozenset({"XXX", "XTS", "XAU", "XAG", "XPD", "XPT", "XDR", "XBA", "XBB",
                            "XBC", "XBD", "XSU", "XUA"})


@lru_cache(maxsize=1)
def _currencies() -> frozenset[str]:
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


def currency_digits(code: str) -> int:
    """Minor-unit digits of a currency (VND 0, USD 2) from CLDR."""
    from babel.numbers import get_currency_precision

    return int(get_currency_precision(code))


class Money:
    """An amount of a currency. ``Money(Decimal("200000"), "VND")``."""

    __slots__ = ("amount", "currency")

    def __init__(self, amount: Decimal, currency: str) -> None:
        self.amount = amount
        self.currency = currency

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Money) and self.amount == other.amount
                and self.currency == other.currency)

    def __hash__(self) -> int:
        return hash((self.amount, self.currency))

    def __repr__(self) -> str:
        return f"Money({self.amount} {self.currency})"

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"

    def to_json(self) -> dict[str, str]:
        return {"amount": str(self.amount), "currency": self.currency}

    @classmethod
    def parse(cls, value: Any) -> Money:
        """Read ``"200000 VND"``, ``"VND 200_000"``, ``"12.50 USD"`` or
        ``{amount: 200000, currency: VND}``."""
        if isinstance(value, Money):
            return value
        if isinstance(value, dict):
            if set(value) != {"amount", "currency"}:
                raise PydanticCustomError(
                    "money", "expected an amount and a currency, e.g. 200000 VND or "
                    "{{amount: 200000, currency: VND}}, got a mapping with {keys}",
                    {"keys": ", ".join(sorted(map(str, value))) or "no keys"})
            amount = parse_decimal(value["amount"], "a positive amount")
            currency = value["currency"]
        elif (isinstance(value, str) and len(value) <= MAX_MONEY_TEXT
              and (match := _MONEY_RE.match(value.strip()))):
            if match.group("cur1") and match.group("cur2"):
                raise PydanticCustomError(
                    "money", "{got} names two currencies; write one, e.g. 200000 VND",
                    {"got": describe(value)})
            currency = match.group("cur1") or match.group("cur2")
            raw = match.group("amount").replace("_", "").replace(" ", "")
            if "," in raw or raw.count(".") > 1:
                raise PydanticCustomError(
                    "money", "{got}: write the amount without separators, e.g. 200000 VND "
                    "or 200_000 VND (dots and commas as separators are ambiguous)",
                    {"got": describe(value)})
            if currency is None:
                raise PydanticCustomError(
                    "money", "{got} has no currency; add an ISO 4217 code, e.g. {amount} VND",
                    {"got": describe(value), "amount": raw})
            amount = Decimal(raw)
        else:
            symbol = _symbol_hint(value)
            raise PydanticCustomError(
                "money", "expected a positive amount with its currency, e.g. 200000 VND, "
                "got {got}{hint}", {"got": describe(value), "hint": symbol})
        if (not isinstance(currency, str) or currency.upper() not in _currencies()
                or currency.upper() in NOT_CURRENCIES):
            raise PydanticCustomError(
                "currency", "unknown currency {got}; use an ISO 4217 code such as VND, USD "
                "or EUR", {"got": describe(currency)})
        currency = currency.upper()
        if amount <= 0:
            raise PydanticCustomError(
                "money", "expected a positive amount, got {got}", {"got": describe(value)})
        if amount >= MAX_AMOUNT:
            raise PydanticCustomError(
                "money", "{got} is implausibly large; check the number of digits",
                {"got": describe(value)})
        digits = currency_digits(currency)
        exponent = amount.as_tuple().exponent
        if isinstance(exponent, int) and -exponent > digits:
            grouped = re.fullmatch(r"[0-9]{1,3}(?:\.[0-9]{3})+", str(amount))  # 200.000
            hint = (f"; {currency} has no minor unit — did you mean "
                    f"{str(amount).replace('.', '')} {currency}?") if digits == 0 and grouped \
                else (f"; {currency} has no minor unit" if digits == 0 else "")
            raise PydanticCustomError(
                "money", "{got} has more decimal places than {cur} allows ({digits}){hint}",
                {"got": describe(value), "cur": currency, "digits": digits, "hint": hint})
        return cls(amount, currency)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(
            cls.parse,
            serialization=core_schema.plain_serializer_function_ser_schema(lambda v: v.to_json()),
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict[str, Any]:
        return {
            "anyOf": [
                {"type": "string", "pattern": r"^\s*([A-Za-z]{3}\s+)?[0-9][0-9_ ]*(\.[0-9]+)?"
                 r"(\s*[A-Za-z]{3})?\s*$", "description": "amount and ISO 4217 currency, "
                 "e.g. 200000 VND",
                 "errorMessage": "an amount and its ISO 4217 currency, e.g. 200000 VND or "
                                 "12.50 USD (no commas)"},
                {"type": "object", "required": ["amount", "currency"],
                 "additionalProperties": False,
                 "properties": {"amount": {"type": "number", "exclusiveMinimum": 0},
                                "currency": {"type": "string", "pattern": "^[A-Za-z]{3}$",
                                             "errorMessage": "an ISO 4217 currency code "
                                                             "such as VND or USD"}}},
            ]
        }


class DatedAmount(StrictModel):
    """An amount that applies from a date on (yearly uprating)."""

    from_: Date = Field(alias="from", description="first day this amount applies")
    amount: Money


def _schedule_kind(value: Any) -> str:
    return "<schedule>" if isinstance(value, list) else "<amount>"


#: a fixed amount, or amounts by effective date: ``[{from: 2026-01-01, amount: 220000 VND}]``
AmountOrSchedule = Annotated[
    Annotated[Money, Tag("<amount>")]
    | Annotated[list[DatedAmount], Field(min_length=1), Tag("<schedule>")],
    Discriminator(_schedule_kind),
]


def amount_on(value: Money | list[DatedAmount], day: dt.date) -> Money | None:
    """The amount in force on ``day``: the latest dated amount not after it."""
    if isinstance(value, Money):
        return value
    current = None
    for item in sorted(value, key=lambda i: i.from_):
        if item.from_ <= day:
            current = item.amount
    return current


#: currency signs and local names people write, and the ISO 4217 code to write instead
_SYMBOLS = {"đ": "VND", "₫": "VND", "vnđ": "VND", "đồng": "VND", "dong": "VND",
            "$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}


def _symbol_hint(value: Any) -> str:
    """``; write the ISO code VND instead of "đ"`` when the text uses a currency sign."""
    if not isinstance(value, str):
        return ""
    for word in re.findall(r"[^\s0-9.,_]+", value):
        if (code := _SYMBOLS.get(word.lower())) is not None:
            return f'; write the ISO 4217 code {code} instead of "{word}"'
    return ""
