"""The JSON Schemas of the two files commitgen reads, for editors (yaml-language-server)
and validators (Ajv, check-jsonschema): policy files and ``commitgen.yaml``.

Both are generated from the model, so they cannot drift from what ``commitgen check``
accepts; their patterns are ECMA-262 regular expressions (what JavaScript validators and
editors run) and each carries an ``errorMessage`` in plain words, which editors show
instead of the raw pattern.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel

from commitgen.model.policy import Policy
from commitgen.model.site import SiteConfig

SCHEMA_ID = "https://commitgen.dev/schema/policy-v1.json"
CONFIG_SCHEMA_ID = "https://commitgen.dev/schema/config-v1.json"

#: which schema: a policy file, or the project settings file
Kind = Literal["policy", "config"]

#: the file names ``commitgen init`` writes and the repository keeps (drift-tested)
FILE_NAMES: dict[Kind, str] = {"policy": "commitgen.schema.json",
                               "config": "commitgen-config.schema.json"}

_MODELS: dict[Kind, tuple[type[BaseModel], str, str]] = {
    "policy": (Policy, SCHEMA_ID, "commitgen policy"),
    "config": (SiteConfig, CONFIG_SCHEMA_ID, "commitgen.yaml (commitgen project settings)"),
}


def json_schema(kind: Kind = "policy") -> dict[str, Any]:
    model, schema_id, title = _MODELS[kind]
    schema = model.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id,
        "title": title,
        **{key: value for key, value in schema.items() if key != "title"},
    }


def schema_text(kind: Kind = "policy") -> str:
    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
