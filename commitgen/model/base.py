"""Building blocks shared by every part of the model: the strict base class,
per-language text, identifiers, plain labels, numbers, percentages and dates."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError, core_schema

from commitgen.printable import excerpt


class StrictModel(BaseModel):
    """Unknown fields are errors; values are never coerced behind the author's back."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)


LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?$")


def _as_text(value: Any) -> str | None:
    """Numbers are accepted as text exactly as written (the loader keeps decimals exact)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, int | Decimal):
        return str(value)
    return None


class Text:
    """A text field: one string for every language, or one string per language.

    ``"Hello"`` or ``{vi: "Xin chào", en: "Hello"}``. Use :meth:`get` to read it
    for a language; the fallback is the policy's first language.
    """

    __slots__ = ("by_language", "common")

    def __init__(self, common: str | None = None, by_language: dict[str, str] | None = None):
        self.common = common
        self.by_language = dict(by_language or {})

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.by_language)

    def get(self, language: str, fallback: str | None = None) -> str:
        if self.common is not None:
            return self.common
        if language in self.by_language:
            return self.by_language[language]
        if fallback is not None and fallback in self.by_language:
            return self.by_language[fallback]
        return next(iter(self.by_language.values()), "")

    def has(self, language: str) -> bool:
        return self.common is not None or language in self.by_language

    def all_strings(self) -> list[str]:
        return [self.common] if self.common is not None else list(self.by_language.values())

    def to_json(self) -> str | dict[str, str]:
        return self.common if self.common is not None else dict(self.by_language)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and self.to_json() == other.to_json()

    def __hash__(self) -> int:
        return hash(repr(self.to_json()))

    def __repr__(self) -> str:
        return f"Text({self.to_json()!r})"

    @classmethod
    def _validate(cls, value: Any) -> Text:
        if isinstance(value, Text):
            return value
        text = _as_text(value)
        if text is not None:
            if not text.strip():
                raise PydanticCustomError("empty_text", "expected some text, got an empty string")
            return cls(common=text)
        if isinstance(value, dict) and value:
            out: dict[str, str] = {}
            for lang, item in value.items():
                if not LANGUAGE_RE.match(str(lang)):
                    hint = (" (a comma inside {…} starts a new entry: quote the text)"
                            if " " in str(lang) or not str(lang).isascii() else "")
                    raise PydanticCustomError(
                        "language_code",
                        'language "{lang}" is not a language code such as vi or en{hint}',
                        {"lang": lang, "hint": hint},
                    )
                item_text = _as_text(item)
                if item_text is None or not item_text.strip():
                    raise PydanticCustomError(
                        "text_type", 'expected text for language "{lang}", got {got}',
                        {"lang": lang, "got": describe(item)},
                    )
                out[str(lang)] = item_text
            return cls(by_language=out)
        raise PydanticCustomError(
            "text_type",
            "expected text or a mapping of language to text (vi: …, en: …), got {got}",
            {"got": describe(value)},
        )

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls._validate,
            serialization=core_schema.plain_serializer_function_ser_schema(
                cls._serialize, info_arg=True),
        )

    @staticmethod
    def _serialize(value: Text, info: Any) -> str | dict[str, str]:
        """With ``context={"language": …}`` a text is dumped in that language alone."""
        context = info.context or {}
        if "language" in context:
            return value.get(context["language"], context.get("fallback"))
        return value.to_json()

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict[str, Any]:
        return {
            "anyOf": [
                {"type": "string", "minLength": 1},
                {
                    "type": "object",
                    "description": "text per language, e.g. {vi: …, en: …}",
                    "patternProperties": {LANGUAGE_RE.pattern: {"type": "string", "minLength": 1}},
                    "additionalProperties": False,
                    "minProperties": 1,
                },
            ]
        }


def any_case(word: str) -> str:
    """``word`` as a regular expression matching it in any capitalisation, written without
    flags so that it means the same in Python and in a JSON Schema (ECMA-262) pattern:
    ``any_case("day")`` is ``[dD][aA][yY]``; a space stands for any run of spaces."""
    def one(c: str) -> str:
        if c == " ":
            return r"\s+"
        if c.lower() != c.upper():
            return f"[{c.lower()}{c.upper()}]"
        return "\\" + c if c in r".^$*+?()[]{}|\/" else c

    return "".join(one(c) for c in word)


def describe(value: Any) -> str:
    """How a value is named in a message: its YAML spelling, not Python's."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{excerpt(value)}"'
    if isinstance(value, int | Decimal | float):
        return f"the number {value}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _plain_label(value: Any) -> str:
    text = _as_text(value)
    if text is None or not text.strip():
        raise PydanticCustomError("label", "expected a short text, got {got}",
                                  {"got": describe(value)})
    return text


#: a plain string that may have been written unquoted as a number (``version: 1.10``)
Label = Annotated[str, BeforeValidator(_plain_label), WithJsonSchema(
    {"anyOf": [{"type": "string"}, {"type": "number"}]})]

SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
             *(f"lpt{i}" for i in range(10))}
#: folders every output tree shares beside the charters' own folders
SHARED_OUTPUT_FOLDERS = frozenset({"assets", "fonts"})


def _slug(value: Any) -> str:
    if not isinstance(value, str) or not SLUG_RE.match(value) or "--" in value:
        raise PydanticCustomError(
            "slug",
            "expected an id of lowercase letters, digits and single hyphens "
            "(e.g. saas-support), got {got}",
            {"got": describe(value)},
        )
    if value in _RESERVED:
        raise PydanticCustomError("slug", 'the id "{v}" is a reserved file name on Windows',
                                  {"v": value})
    return value


def _policy_id(value: Any) -> str:
    slug = _slug(value)
    if slug in SHARED_OUTPUT_FOLDERS:
        raise PydanticCustomError(
            "slug", 'the id "{v}" names a folder every output tree already has ({all}); '
            'choose another, e.g. "{v}-charter"',
            {"v": slug, "all": ", ".join(sorted(SHARED_OUTPUT_FOLDERS))})
    return slug


#: a file-safe identifier: lowercase ASCII letters, digits and hyphens
Slug = Annotated[str, BeforeValidator(_slug), WithJsonSchema(
    {"type": "string", "pattern": SLUG_RE.pattern, "maxLength": 64,
     "errorMessage": "an id: lowercase letters, digits and single hyphens, e.g. late-delivery"})]


#: a policy's id: a slug that names its folder at the top of each output tree
PolicyId = Annotated[str, BeforeValidator(_policy_id), WithJsonSchema(
    {"type": "string", "pattern": SLUG_RE.pattern, "maxLength": 64,
     "not": {"enum": sorted(SHARED_OUTPUT_FOLDERS)},
     "errorMessage": "an id: lowercase letters, digits and single hyphens, e.g. saas-support "
                     "(not assets or fonts)"})]


def _language(value: Any) -> str:
    if not isinstance(value, str) or not LANGUAGE_RE.match(value):
        raise PydanticCustomError("language_code",
                                  "expected a language code such as vi or en, got {got}",
                                  {"got": describe(value)})
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(value.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        meant = _COUNTRY_NOT_LANGUAGE.get(value.lower())
        hint = f' — did you mean "{meant}"? (a language code, not a country code)' if meant \
            else ""
        raise PydanticCustomError("language_code", 'unknown language "{v}"{hint}',
                                  {"v": value, "hint": hint}) from None
    return value


#: country codes written where a language code belongs
_COUNTRY_NOT_LANGUAGE = {"vn": "vi", "jp": "ja", "kr": "ko", "cn": "zh", "cz": "cs",
                         "dk": "da", "gr": "el", "se": "sv", "ua": "uk", "us": "en", "gb": "en"}


LanguageCode = Annotated[str, BeforeValidator(_language), WithJsonSchema(
    {"type": "string", "pattern": LANGUAGE_RE.pattern,
     "errorMessage": "a language code such as vi, en, zh-Hant or pt-BR"})]


def parse_decimal(value: Any, what: str = "a number") -> Decimal:
    """Exact decimal from YAML: ints and decimals as written; text only if it is a plain number."""
    if isinstance(value, bool) or value is None:
        raise PydanticCustomError("number", "expected {what}, got {got}",
                                  {"what": what, "got": describe(value)})
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, str) and re.fullmatch(r"[-+]?[0-9]+(?:\.[0-9]+)?", value.strip()):
        try:
            return Decimal(value.strip())
        except InvalidOperation:  # pragma: no cover - the pattern guarantees a decimal
            pass
    raise PydanticCustomError("number", "expected {what}, got {got}",
                              {"what": what, "got": describe(value)})


def _number(value: Any) -> Decimal:
    return parse_decimal(value)


def _non_negative(value: Any) -> Decimal:
    number = parse_decimal(value, "a number")
    if number < 0:
        raise PydanticCustomError("number", "expected zero or more, got {got}",
                                  {"got": describe(value)})
    return number


Number = Annotated[Decimal, BeforeValidator(_number), WithJsonSchema({"type": "number"})]
NonNegative = Annotated[Decimal, BeforeValidator(_non_negative),
                        WithJsonSchema({"type": "number", "minimum": 0})]


def _percent(value: Any, most: int = 100) -> Decimal:
    if isinstance(value, str):
        match = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*%\s*", value)
        if match:
            value = match.group(1)
    number = parse_decimal(value, 'a percentage such as 50 or "50 %"')
    if not 0 <= number <= most:
        raise PydanticCustomError("percent", "expected a percentage from 0 to {most}, got {got}",
                                  {"got": describe(value), "most": most})
    return number


#: the most a share of a basis may be: 400 % is four times the fare (a multiple of it)
MOST_SHARE = 10000


def _share(value: Any) -> Decimal:
    return _percent(value, MOST_SHARE)


Percent = Annotated[Decimal, BeforeValidator(_percent), WithJsonSchema(
    {"anyOf": [{"type": "number", "minimum": 0, "maximum": 100},
               {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*%\s*$",
                "errorMessage": 'a percentage from 0 to 100, e.g. 50 or "12.5 %"'}]})]
#: a share of a basis, above 100 for a multiple of it (``400`` pays four times the fare)
Share = Annotated[Decimal, BeforeValidator(_share), WithJsonSchema(
    {"anyOf": [{"type": "number", "minimum": 0, "maximum": MOST_SHARE},
               {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*%\s*$",
                "errorMessage": 'a percentage of the basis, above 100 for a multiple of it, '
                                'e.g. 50, "12.5 %" or 400'}]})]


def _whole(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        hint = ""
        if isinstance(value, str) and re.fullmatch(r"0[0-9]+", value):
            hint = " (a leading zero is ambiguous in YAML; write it without)"
        raise PydanticCustomError("whole_number", "expected a whole number, got {got}{hint}",
                                  {"got": describe(value), "hint": hint})
    if value < 1:
        raise PydanticCustomError("whole_number", "expected 1 or more, got {got}",
                                  {"got": value})
    return value


PositiveInt = Annotated[int, BeforeValidator(_whole), WithJsonSchema(
    {"type": "integer", "minimum": 1})]


#: the years a date may fall in: a charter's dates are of our time, and the pipeline adds
#: days and durations to them (9999-12-31 plus a day is past what Python's dates hold)
FIRST_YEAR, LAST_YEAR = 1900, 2999


def _date(value: Any) -> dt.date:
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError("date", "{got} is not a real calendar date",
                                      {"got": describe(value)}) from None
    if isinstance(value, dt.date):
        if not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise PydanticCustomError(
                "date", "{got} is outside the years {first}–{last} that a date may be in",
                {"got": value.isoformat(), "first": FIRST_YEAR, "last": LAST_YEAR})
        return value
    raise PydanticCustomError("date", "expected a date written as YYYY-MM-DD, got {got}",
                              {"got": describe(value)})


Date = Annotated[dt.date, BeforeValidator(_date), WithJsonSchema(
    {"type": "string", "format": "date", "pattern": "^(19|2[0-9])[0-9]{2}-",
     "errorMessage": "a date from 1900 to 2999, written YYYY-MM-DD"})]

#: also a JSON Schema pattern, so ECMA-262 syntax (no escaped quote: ``\\"`` is invalid there)
_URL_RE = re.compile("^https?://[^\\s<>\"'`]+$")
_EMAIL_RE = re.compile(r"^[^@\s<>\"'`?&]+@[^@\s<>\"'`?&]+\.[A-Za-z]{2,}$")
_PHONE_RE = re.compile(r"^\+?[0-9][0-9 .()-]{2,24}$")


def _url(value: Any) -> str:
    if not isinstance(value, str) or not _URL_RE.match(value):
        raise PydanticCustomError("url", "expected a web address starting with https:// "
                                  "or http://, got {got}", {"got": describe(value)})
    return value


def _email(value: Any) -> str:
    if not isinstance(value, str) or not _EMAIL_RE.match(value):
        raise PydanticCustomError("email", "expected an e-mail address, got {got}",
                                  {"got": describe(value)})
    return value


def _phone(value: Any) -> str:
    text = _as_text(value)
    if text is None or not _PHONE_RE.match(text):
        raise PydanticCustomError(
            "phone", "expected a phone number of digits, spaces, dots, dashes and an optional "
            "leading + (quote it), got {got}", {"got": describe(value)})
    return text


Url = Annotated[str, BeforeValidator(_url), WithJsonSchema(
    {"type": "string", "pattern": _URL_RE.pattern,
     "errorMessage": "a web address starting with https:// or http://, without spaces"})]
Email = Annotated[str, BeforeValidator(_email), WithJsonSchema(
    {"type": "string", "format": "email", "errorMessage": "an e-mail address"})]
Phone = Annotated[str, BeforeValidator(_phone), WithJsonSchema(
    {"type": "string", "pattern": _PHONE_RE.pattern,
     "errorMessage": 'a phone number of digits, spaces, dots and dashes, e.g. "1900 1234" '
                     '(quote it)'})]

TextList = Annotated[list[Text], Field(default_factory=list)]


class LanguageNeutral:
    """Marks a text that may be written once for every language: a proper name."""

    def __repr__(self) -> str:
        return "LanguageNeutral()"


#: a name (a company, a street address): one string serves every language
Name = Annotated[Text, LanguageNeutral()]
#: a unit of measure: a symbol or time unit once ("%", "ms", "minutes", "business days"),
#: or words per language ({en: "% of plan speed", vi: "% tốc độ gói cước"})
Unit = Annotated[Text, LanguageNeutral()]


def is_language_neutral(field: FieldInfo) -> bool:
    """Whether a model field is a (possibly optional) :data:`Name` or :data:`Unit`."""
    def marked(annotation: Any) -> bool:
        if any(isinstance(item, LanguageNeutral)
               for item in getattr(annotation, "__metadata__", ())):
            return True
        return any(marked(arg) for arg in get_args(annotation))

    return any(isinstance(item, LanguageNeutral) for item in field.metadata) or \
        marked(field.annotation)
