"""The content fingerprint of a charter: a hash of everything it publishes.

The hash is taken over the public charter (never the staff section) as canonical JSON —
every language, keys sorted — so it changes exactly when what customers can read
changes, and not with the layout, the theme or the tool. Documents print its short
form; ``commitgen verify`` compares it.
"""

from __future__ import annotations

import hashlib
import json

from commitgen.model.policy import Charter

SHORT = 12  # hexadecimal digits printed on documents


#: fields added to the format later, left out while unused, so that a charter that does
#: not use them keeps the fingerprint it was released with
_LATER: dict[str, object] = {"duties": [], "quotes": []}
_LATER_LEVEL: dict[str, object] = {"external": False}
#: fields of a compensation added later, wherever a compensation is (worst cases, partner
#: commitments, the schemes and parts a scheme nests); no other object has these names
_LATER_COMPENSATION: dict[str, object] = {"trigger": []}


def canonical_json(charter: Charter) -> bytes:
    data = charter.model_dump(mode="json", by_alias=True, exclude_none=True)
    for key, unused in _LATER.items():
        if data.get(key) == unused:
            del data[key]
    for level in data.get("escalation", []):
        for name, default in _LATER_LEVEL.items():
            if level.get(name) == default:
                del level[name]
    _drop_unused(data)
    return json.dumps(data, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def _drop_unused(data: object) -> None:
    """Leave out every compensation's later fields while unused, at any depth."""
    if isinstance(data, dict):
        for name, default in _LATER_COMPENSATION.items():
            if data.get(name) == default:
                del data[name]
        for value in data.values():
            _drop_unused(value)
    elif isinstance(data, list):
        for item in data:
            _drop_unused(item)


def fingerprint(charter: Charter) -> str:
    """SHA-256 of the charter's canonical JSON, in hexadecimal."""
    return hashlib.sha256(canonical_json(charter)).hexdigest()


def short(digest: str) -> str:
    """The printed form: the first 12 hexadecimal digits in groups of four."""
    head = digest[:SHORT]
    return "-".join(head[i:i + 4] for i in range(0, SHORT, 4))
