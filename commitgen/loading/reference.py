"""Where the format reference documents a field or a kind of value, so that a problem's
hint can point at the section that explains it (``see docs/format.md#7-worst_cases``).

The anchors are GitHub's heading anchors of ``docs/format.md``; a test checks that every
one exists, so renaming a heading cannot leave a hint pointing nowhere.
"""

from __future__ import annotations

from commitgen.diagnostics import FieldPath

FORMAT_DOC = "docs/format.md"
RULES_DOC = "docs/rules.md"

#: a policy's top-level fields → their section
POLICY_SECTIONS = {
    **dict.fromkeys(("id", "version", "effective", "languages", "title", "summary"),
                    "3-identity"),
    "provider": "4-provider",
    "service": "5-service",
    "quality": "6-quality",
    "worst_cases": "7-worst_cases",
    "fees": "9-fees",
    "terms": "10-terms",
    "channels": "11-channels",
    "escalation": "12-escalation",
    "changes": "13-changes",
    "partners": "14-partners",
    "business_time": "business_time",
    "staff": "15-staff-internal-never-published",
}

#: fields inside a compensation that have a section of their own
_COMPENSATION_PARTS = {
    **dict.fromkeys(("explanation", "summary", "reductions", "payment", "proof",
                     "minimum_payout", "trigger"),
                    "shared-parts-explanation-reductions-payment-proof"),
}
COMPENSATION_TYPES = ("fixed", "per_period", "percentage", "bands", "grid",
                      "service_extension", "refund", "none", "combined", "by_category")

#: kinds of value (the type of a validation error) → the section of "Value types"
VALUE_TYPES = {
    "duration": "duration", "vague_duration": "duration",
    "money": "money", "currency": "money",
    "text_type": "text", "empty_text": "text",
    "label": "label", "slug": "id", "language_code": "language-code",
    "percent": "percentage", "number": "number", "whole_number": "number",
    "date": "date", "bool_type": "yesno",
    "url": "web-address-e-mail-phone", "email": "web-address-e-mail-phone",
    "phone": "web-address-e-mail-phone",
    "days": "opening-hours", "time": "opening-hours", "hours": "opening-hours",
    "time_zone": "business_time", "holidays": "business_time",
}


def anchor_for(path: FieldPath, error_type: str = "", config: bool = False,
               data: object = None) -> str:
    """The anchor (without ``#``) of the section explaining the value at ``path``: the
    kind of value for a value of the wrong form, else the field's section. ``data`` is
    the file's content, to tell which compensation type a path is in."""
    if error_type in VALUE_TYPES:
        return VALUE_TYPES[error_type]
    keys = [part for part in path if isinstance(part, str)]
    if config:
        return "business_time" if keys[:1] == ["business_time"] else "16-commitgenyaml"
    if "business_time" in keys:
        return "business_time"
    if "compensation" in keys:
        inner = keys[keys.index("compensation") + 1:]
        if inner and inner[0] in _COMPENSATION_PARTS:
            return _COMPENSATION_PARTS[inner[0]]
        kind = _compensation_type(path, data)
        return kind if kind in COMPENSATION_TYPES else "8-compensation"
    if keys[:1] == ["channels"] and "hours" in keys:
        return "opening-hours"
    return POLICY_SECTIONS.get(keys[0], "1-how-a-policy-file-works") if keys else \
        "1-how-a-policy-file-works"


def _compensation_type(path: FieldPath, data: object) -> str:
    """The ``type`` written in the compensation that ``path`` leads into, if any."""
    node = data
    for part in path:
        in_mapping = isinstance(node, dict) and isinstance(part, str) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if not (in_mapping or in_list):
            break
        node = node[part]  # type: ignore[index]
        if part == "compensation" and isinstance(node, dict):
            return str(node.get("type", ""))
    return ""


def see(anchor: str, document: str = FORMAT_DOC) -> str:
    """The words a hint ends with: ``see docs/format.md#duration``."""
    return f"see {document}#{anchor}"
