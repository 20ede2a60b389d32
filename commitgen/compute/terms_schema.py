"""The JSON Schema of ``charter.json``, the public machine-readable charter: precise for
``compensation`` (the engine's terms, what another system computes with), open for
``charter`` (the policy as written, described by ``commitgen.schema.json``).

Checked in as ``charter.schema.json`` (``commitgen schema --charter``), drift-tested, and
every built charter.json is validated against it in the tests.
"""

from __future__ import annotations

import json
from typing import Any

CHARTER_SCHEMA_ID = "https://commitgen.dev/schema/charter-json-v1.json"
FILE_NAME = "charter.schema.json"

_DECIMAL = {"type": "string", "pattern": r"^-?[0-9]+(\.[0-9]+)?$",
            "description": "an exact decimal, as a string"}
_NULLABLE_DECIMAL = {"anyOf": [_DECIMAL, {"type": "null"}]}
_MONEY = {"type": "object", "required": ["amount", "currency"], "additionalProperties": False,
          "properties": {"amount": _DECIMAL,
                         "currency": {"type": "string", "pattern": "^[A-Z]{3}$"}}}
_DURATION = {"type": "object", "required": ["value", "unit", "business"],
             "additionalProperties": False,
             "properties": {"value": _DECIMAL,
                            "unit": {"enum": ["minute", "hour", "day", "week", "month",
                                              "year"]},
                            "business": {"type": "boolean",
                                         "description": "counted in the provider's working "
                                                        "hours (charter.business_time)"},
                            "full": {"type": "boolean",
                                     "description": "full days: the day the count starts "
                                                    "on is left out, the last ends at "
                                                    "midnight"},
                            "text": {"type": "string"}}}
_AMOUNTS = {"type": "array", "minItems": 1,
            "description": "the amount by date: the entry with the latest 'from' not after "
                           "the day the case happened applies ('from' null: always)",
            "items": {"type": "object", "required": ["from", "amount"],
                      "additionalProperties": False,
                      "properties": {"from": {"anyOf": [{"type": "string", "format": "date"},
                                                        {"type": "null"}]},
                                     "amount": _MONEY}}}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


_BOUND = _nullable({"type": "object", "required": ["value", "inclusive"],
                    "additionalProperties": False,
                    "properties": {"value": _DECIMAL, "inclusive": {"type": "boolean"}}})
_BAND = {"type": "object", "required": ["lower", "upper", "percent", "amount", "cap"],
         "additionalProperties": False,
         "properties": {"lower": _BOUND, "upper": _BOUND, "percent": _NULLABLE_DECIMAL,
                        "amount": _nullable(_AMOUNTS),
                        "cap": {**_nullable(_AMOUNTS),
                                "description": "the most this band pays"}}}
_MEASURE = {"type": "object", "required": ["fact", "name", "unit", "minutes_per_unit"],
            "additionalProperties": False,
            "properties": {"fact": {"type": "string"}, "name": {"type": "string"},
                           "unit": {"type": "string"},
                           "minutes_per_unit": {**_NULLABLE_DECIMAL, "description":
                                                "for a time unit: compare values in minutes "
                                                "with each bound times this"}}}
_CONDITION = {"type": "object", "required": ["fact", "name", "unit", "minutes_per_unit",
                                            "lower", "upper"],
              "additionalProperties": False,
              "properties": {"fact": {"type": "string"}, "name": {"type": "string"},
                             "unit": {"type": "string"}, "minutes_per_unit": _NULLABLE_DECIMAL,
                             "lower": _BOUND, "upper": _BOUND}}
_TRIGGER = {"type": "object", "required": ["fact", "name", "unit", "minutes_per_unit",
                                          "lower", "upper", "relative_to"],
            "additionalProperties": False,
            "properties": {"fact": {"type": "string"}, "name": {"type": "string"},
                           "unit": {"type": "string"}, "minutes_per_unit": _NULLABLE_DECIMAL,
                           "lower": _BOUND, "upper": _BOUND,
                           "relative_to": {**_nullable(_MEASURE), "description":
                                           "the bounds are multiples of this value"}}}
_AXIS = {"type": "object", "required": ["measure", "bands"], "additionalProperties": False,
         "properties": {"measure": _MEASURE, "bands": {"type": "array", "items": _BAND}}}
_CELL = _nullable({"type": "object", "additionalProperties": False,
                   "properties": {"percent": _DECIMAL, "amount": _AMOUNTS}})
_PAYMENT = _nullable({
    "type": "object", "additionalProperties": False,
    "required": ["method", "forms", "within", "counted_from", "late_payment"],
    "properties": {
        "method": {"enum": ["automatic", "on_claim"]},
        "forms": {"type": "array", "items": {"type": "string"}},
        "voucher_consent": {"type": "boolean"},
        "within": {"anyOf": [_DURATION, {"enum": ["immediately", "none"],
                                         "description": "immediately: at the time; none: "
                                                        "no payment deadline is set"}]},
        "counted_from": {"enum": ["claim", "incident", "resolution", "eligibility",
                                  "end_of_month"]},
        "late_payment": _nullable({
            "type": "object", "additionalProperties": False,
            "properties": {"amount": _nullable(_AMOUNTS), "percent": _NULLABLE_DECIMAL,
                           "per": _nullable(_DURATION), "cap": _nullable(_MONEY),
                           "note": {"type": ["string", "null"]}}}),
    }})
_SHARED = {
    "currency": {"type": ["string", "null"],
                 "description": "the scheme's currency (null: that of the basis given, or "
                                "each category's own)"},
    "minor_unit_digits": {"type": ["integer", "null"]},
    "explanation": {"type": ["string", "null"]},
    "reductions": {"type": "array", "items": {
        "type": "object", "additionalProperties": False,
        "required": ["fact", "when", "owed_percent", "notice_at_least", "applies_if"],
        "properties": {"fact": {"type": "string"}, "when": {"type": "string"},
                       "owed_percent": _DECIMAL,
                       "notice_at_least": _nullable(_DURATION),
                       "applies_if": {
                           "type": "array", "description": "measured bounds that must all "
                           "hold (then 'fact' is not asked)", "items": _CONDITION}}}},
    "payment": _PAYMENT,
    "legal_minimum": {"type": ["string", "null"],
                      "description": "the law whose minimum these amounts are: the customer "
                                     "is owed at least them, the provider may pay more"},
    "trigger": {"type": "array", "items": _TRIGGER,
                "description": "thresholds that must all hold for there to be a case at all "
                               "(else nothing is owed)"},
    "minimum_payout": _nullable({
        "type": "object", "additionalProperties": False, "required": ["amount", "inclusive"],
        "description": "nothing is paid unless the amount owed is more than this amount "
                       "(inclusive: at least it)",
        "properties": {"amount": _AMOUNTS, "inclusive": {"type": "boolean"}}}),
    "proof": _nullable({"type": "object", "additionalProperties": False,
                        "properties": {"burden": {"enum": ["provider", "customer"]},
                                       "note": {"type": ["string", "null"]}}}),
}


def _scheme(kind: str, fields: dict[str, Any], shared: bool = True) -> dict[str, Any]:
    properties = {"type": {"const": kind}, **fields, **(_SHARED if shared else {})}
    return {"type": "object", "additionalProperties": False,
            "required": list(properties), "properties": properties}


_DIVIDED_BY = {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "null"}],
               "description": "the basis is divided by this first (rounded to the minor "
                              "unit): a season ticket's price over its journeys"}
_SCHEMES = [
    _scheme("fixed", {"amount": _AMOUNTS}),
    _scheme("per_period", {
        "fact": {"const": "delay"}, "after": _DURATION,
        "threshold": {"enum": ["at_least", "above"],
                      "description": "at_least: owed from a delay of exactly 'after'"},
        "initial": _AMOUNTS, "then": _nullable(_AMOUNTS), "every": _nullable(_DURATION),
        "counting": {"enum": ["full", "started"]}, "grace": _nullable(_DURATION),
        "cap": _nullable(_AMOUNTS)}),
    _scheme("percentage", {"percent": _DECIMAL, "basis": {"type": "string"},
                           "divided_by": _DIVIDED_BY,
                           "times": {**_NULLABLE_DECIMAL, "description": "the multiple of "
                                     "the basis as the scheme states it (percent / 100)"},
                           "minimum": _nullable(_AMOUNTS), "cap": _nullable(_AMOUNTS)}),
    _scheme("bands", {"measure": _MEASURE, "basis": {"type": ["string", "null"]},
                      "divided_by": _DIVIDED_BY,
                      "bands": {"type": "array", "items": _BAND}, "cap": _nullable(_AMOUNTS)}),
    _scheme("grid", {"rows": _AXIS, "columns": _AXIS, "basis": {"type": ["string", "null"]},
                     "divided_by": _DIVIDED_BY,
                     "cells": {"type": "array", "items": {"type": "array", "items": _CELL}},
                     "cap": _nullable(_AMOUNTS)}),
    _scheme("refund", {"percent": _DECIMAL, "basis": {"type": "string"},
                       "divided_by": _DIVIDED_BY}),
    _scheme("service_extension", {"length": _DURATION}),
    _scheme("none", {"reason": {"type": "string"}}, shared=False),
    _scheme("combined", {"parts": {"type": "array", "items": {"$ref": "#/$defs/scheme"}}}),
    _scheme("by_category", {
        "category": {"type": "object", "additionalProperties": False,
                     "required": ["fact", "name"],
                     "properties": {"fact": {"type": "string"}, "name": {"type": "string"}}},
        "categories": {"type": "array", "minItems": 2, "items": {
            "type": "object", "additionalProperties": False,
            "required": ["id", "name", "scheme"],
            "properties": {"id": {"type": "string"}, "name": {"type": "string"},
                           "scheme": {"$ref": "#/$defs/scheme"}}}}}),
]
_FACT_VALUE = {"anyOf": [_DECIMAL, _MONEY, {"type": "boolean"},
                         {"type": "string", "description": "a date or date and time"},
                         {"type": "object", "required": ["minutes"],
                          "additionalProperties": False, "properties": {"minutes": _DECIMAL}}]}


def charter_json_schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": CHARTER_SCHEMA_ID,
        "title": "commitgen charter.json",
        "description": "A public charter in one language, and each compensation in the "
                       "compensation engine's terms (docs/charter-json.md).",
        "type": "object",
        "required": ["generator", "language", "charter", "compensation"],
        "additionalProperties": False,
        "properties": {
            "generator": {"type": "string"},
            "language": {"type": "string"},
            "charter": {"type": "object", "description": "the public charter as written "
                        "(the fields of commitgen.schema.json, texts in this language)"},
            "fingerprint": {"type": "string", "description": "the charter's content "
                            "fingerprint (the same on its page and PDF)"},
            "versions": {"type": "array", "description": "the published versions: which "
                         "terms applied from and until when", "items": {"type": "object"}},
            "compensation": {
                "type": "object", "additionalProperties": False,
                "required": ["terms_version", "rounding", "currencies", "cases"],
                "properties": {
                    "terms_version": {"const": 1},
                    "rounding": {"type": "string"},
                    "currencies": {"type": "object", "description": "minor-unit digits of "
                                   "each currency of the charter (VND 0, USD 2)",
                                   "additionalProperties": {"type": "integer"}},
                    "cases": {"type": "array", "items": {
                        "type": "object", "additionalProperties": False,
                        "required": ["case", "scheme", "examples"],
                        "properties": {
                            "case": {"type": "string"},
                            "scheme": {"$ref": "#/$defs/scheme"},
                            "examples": {"type": "array", "items": {
                                "type": "object", "additionalProperties": False,
                                "required": ["facts", "owed", "extension", "authored"],
                                "properties": {
                                    "facts": {"type": "object",
                                              "additionalProperties": _FACT_VALUE},
                                    "owed": _nullable(_MONEY),
                                    "extension": _nullable(_DURATION),
                                    "authored": {"type": "boolean"}}}}}}},
                }},
        },
        "$defs": {"scheme": {"oneOf": _SCHEMES}},
    }


def charter_schema_text() -> str:
    return json.dumps(charter_json_schema(), indent=2, ensure_ascii=False) + "\n"
