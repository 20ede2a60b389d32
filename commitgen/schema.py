"""The JSON Schema of the policy format, for editors (yaml-language-server) and CI."""

from __future__ import annotations

import json
from typing import Any

from commitgen.model.policy import Policy

SCHEMA_ID = "https://commitgen.dev/schema/policy-v1.json"


def policy_schema() -> dict[str, Any]:
    schema = Policy.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "commitgen policy",
        **{key: value for key, value in schema.items() if key != "title"},
    }


def schema_text() -> str:
    return json.dumps(policy_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
