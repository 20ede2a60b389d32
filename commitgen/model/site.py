"""``commitgen.yaml``: the project's organisation, branding, site URL and folders.

Every field has a default, so a folder with only ``policies/`` needs no
configuration at all (this is how the repository renders its bundled examples).
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from commitgen.model.base import (
    Email,
    LanguageCode,
    Name,
    Phone,
    StrictModel,
    Text,
    Url,
    describe,
)
from commitgen.model.business_time import BusinessTime
from commitgen.model.formats import LanguageFormats
from commitgen.model.limits import Limits
from commitgen.rules.config import RulesConfig

_COLOUR_RE = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def _colour(value: Any) -> str:
    if isinstance(value, str) and _COLOUR_RE.match(value):
        return value.lower()
    hint = " (quote it: a bare # starts a YAML comment)" if value is None else ""
    raise PydanticCustomError("colour", 'expected a colour such as "#1d4e89", got {got}{hint}',
                              {"got": describe(value), "hint": hint})


def _relative_path(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise PydanticCustomError("path", "expected a folder or file path, got {got}",
                                  {"got": describe(value)})
    path = PurePosixPath(value.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or re.match(r"^[A-Za-z]:", value):
        raise PydanticCustomError(
            "path", "{got} must be a path inside the project (relative, without ..)",
            {"got": describe(value)})
    return path.as_posix()


Colour = Annotated[str, BeforeValidator(_colour), WithJsonSchema(
    {"type": "string", "pattern": _COLOUR_RE.pattern,
     "errorMessage": 'a colour: # and 3 or 6 hexadecimal digits, quoted, e.g. "#1d4e89"'})]
ProjectPath = Annotated[str, BeforeValidator(_relative_path), WithJsonSchema(
    {"type": "string", "description": "relative to the project folder"})]


class Organisation(StrictModel):
    name: Name
    website: Url | None = None
    email: Email | None = None
    phone: Phone | None = None


class SalesContact(StrictModel):
    """Who a prospect talks to: printed on the cover of a sales pack."""

    name: Name
    role: Text | None = None
    email: Email | None = None
    phone: Phone | None = None


class Branding(StrictModel):
    logo: ProjectPath | None = Field(default=None, description="an image inside assets/")
    primary_colour: Colour = "#1d4e89"
    accent_colour: Colour = "#c8102e"


class SiteConfig(StrictModel):
    """The project configuration file, ``commitgen.yaml``."""

    title: Text = Field(default_factory=lambda: Text(by_language={
        "en": "Service charters", "vi": "Cam kết dịch vụ"}))
    url: Url | None = Field(default=None, description="where output/public is published")
    organisation: Organisation | None = None
    sales: SalesContact | None = Field(default=None, description="the sales contact printed "
                                       "on sales packs (commitgen pack)")
    branding: Branding = Field(default_factory=Branding)
    business_time: BusinessTime | None = Field(
        default=None, description="working hours and days off that business durations "
        "count in; a policy may declare its own")
    formats: dict[LanguageCode, LanguageFormats] = Field(
        default_factory=dict, description="how dates, money and percentages are written, "
        "per language (each language has a house style)")
    rules: RulesConfig = Field(default_factory=RulesConfig,
                               description="clarity and fairness rules: see docs/rules.md")
    limits: Limits = Field(default_factory=Limits,
                           description="resources one document may take (README: limits)")
    policies: ProjectPath = "policies"
    templates: ProjectPath = "templates"
    assets: ProjectPath = "assets"
    output: ProjectPath = "output"
    releases: ProjectPath = Field(default="releases", description="where `commitgen release` "
                                  "keeps every published version (commit it)")
