"""A policy file: the public charter plus the internal staff section.

:class:`Charter` holds everything that may be published. :class:`Policy` adds
``staff``. Public documents are rendered from a :class:`Charter` built by
:meth:`Policy.charter`, which has no ``staff`` attribute at all — internal data
cannot reach a public output because the public render never receives it.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag, model_validator
from pydantic.functional_validators import BeforeValidator
from pydantic_core import PydanticCustomError

from commitgen.model.base import (
    Date,
    Email,
    Label,
    LanguageCode,
    Name,
    Number,
    Percent,
    Phone,
    PolicyId,
    Slug,
    StrictModel,
    Text,
    Unit,
    Url,
)
from commitgen.model.business_time import BusinessTime
from commitgen.model.compensation import Compensation
from commitgen.model.deadline import (
    Anchor,
    AnchorName,
    ClaimWithin,
    ResolveWithin,
    RespondWithin,
)
from commitgen.model.duration import Duration
from commitgen.model.facts import WorkedExample
from commitgen.model.hours import OpeningHours
from commitgen.model.money import AmountOrSchedule
from commitgen.model.staff import Staff


class Provider(StrictModel):
    """Who makes the promises."""

    name: Name
    legal_name: Name | None = None
    website: Url | None = None
    address: Name | None = None
    phone: Phone | None = None
    email: Email | None = None
    tax_id: Label | None = None


class Service(StrictModel):
    name: Text
    description: Text | None = None
    customers: Text | None = Field(default=None, description="who the charter is for")


# --- quality -----------------------------------------------------------------------------

class ThresholdTarget(StrictModel):
    """A level to reach: ``at_least: 99.9, unit: "%"`` or ``at_most: 30, unit: seconds``."""

    at_least: Number | None = None
    at_most: Number | None = None
    unit: Unit = Field(description='"%", a time unit ("minutes", "business days"), a symbol '
                       '("ms") or words per language')

    @model_validator(mode="after")
    def _one_bound(self) -> ThresholdTarget:
        if (self.at_least is None) == (self.at_most is None):
            raise PydanticCustomError("one_of", "give either at_least or at_most")
        return self


class ShareWithinTarget(StrictModel):
    """A statistical target: ``share: 90 %`` of cases ``within: 36 hours``."""

    share: Percent
    within: Duration


def _target_kind(value: Any) -> str:
    if isinstance(value, dict):
        return "<share>" if "share" in value else "<threshold>"
    return "<share>" if isinstance(value, ShareWithinTarget) else "<threshold>"


Target = Annotated[
    Annotated[ThresholdTarget, Tag("<threshold>")] | Annotated[ShareWithinTarget, Tag("<share>")],
    Discriminator(_target_kind),
]


class QualityPromise(StrictModel):
    """A measurable promise: what, the metric, the target, how it is measured."""

    id: Slug
    promise: Text = Field(description="the promise in one plain sentence")
    metric: Text = Field(description="what is measured")
    target: Target
    measured: Text = Field(description="how, by whom and where it is measured")
    period: Text | None = Field(default=None, description="e.g. each calendar month")
    reported: Text | None = Field(default=None, description="where results are published")


# --- worst cases -------------------------------------------------------------------------

class Claim(StrictModel):
    """How, and by when, a customer claims."""

    how: Text
    within: ClaimWithin | None = Field(default=None, description="claim window")
    counted_from: AnchorName = Field(
        default=Anchor.INCIDENT, description="what the claim window counts from: incident "
        "(default), resolution (the failure put right), eligibility (compensation became "
        "owed) or end_of_month (the end of the month it happened in: within: 2 months is "
        "the end of the second month after)")
    evidence: Text | None = Field(default=None, description="what the customer needs to send")


class WorstCase(StrictModel):
    """Something that can go wrong, how it is put right, and what the customer is owed."""

    id: Slug
    title: Text
    what_happens: Text = Field(description="the failure, as the customer experiences it")
    remedy: Text = Field(description="how the provider puts it right")
    respond_within: RespondWithin
    resolve_within: ResolveWithin
    compensation: Compensation
    exclusions: list[Text] = Field(default_factory=list, description="stated publicly")
    claim: Claim | None = None
    examples: list[WorkedExample] = Field(
        default_factory=list, description="worked examples: facts and the amount owed, "
        "computed by check and printed in the documents")


# --- channels ----------------------------------------------------------------------------

def _hours(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lower() in ("24/7", "always"):
        return "24/7"
    return value


def _hours_kind(value: Any) -> str:
    return "<weekly>" if isinstance(value, list | tuple) else "<always>"


Hours = Annotated[
    Annotated[Literal["24/7"], Tag("<always>")]
    | Annotated[list[OpeningHours], Field(min_length=1), Tag("<weekly>")],
    Discriminator(_hours_kind),
    BeforeValidator(_hours),
]


class _Channel(StrictModel):
    label: Text | None = None
    hours: Hours = Field(description='"24/7" or a list of {days, opens, closes}')
    response_within: Duration | None = None
    cost: Text | None = Field(default=None, description="e.g. free of charge")
    note: Text | None = None


class PhoneChannel(_Channel):
    type: Literal["hotline", "phone"]
    phone: Phone


class EmailChannel(_Channel):
    type: Literal["email"]
    email: Email


class WebChannel(_Channel):
    type: Literal["chat", "form", "messaging"]
    url: Url


class OfficeChannel(_Channel):
    type: Literal["office"]
    address: Text


#: channel type → the union member that holds it
_CHANNEL_TAGS = {"hotline": "<phone>", "phone": "<phone>", "email": "<email>", "chat": "<web>",
                 "form": "<web>", "messaging": "<web>", "office": "<office>"}
CHANNEL_TYPES = tuple(_CHANNEL_TAGS)


def _channel_type(value: Any) -> str | None:
    kind = value.get("type") if isinstance(value, dict) else getattr(value, "type", None)
    return _CHANNEL_TAGS.get(kind) if isinstance(kind, str) else None


Channel = Annotated[
    Annotated[PhoneChannel, Tag("<phone>")] | Annotated[EmailChannel, Tag("<email>")]
    | Annotated[WebChannel, Tag("<web>")] | Annotated[OfficeChannel, Tag("<office>")],
    Discriminator(_channel_type, custom_error_type="channel_type",
                  custom_error_message="set type to one of " + ", ".join(CHANNEL_TYPES)),
]


# --- escalation, changes, fees, terms, partners ------------------------------------------

class EscalationLevel(StrictModel):
    """One step up the ladder, up to management; after it, optionally, an outside body
    (an ombudsman, a regulator) as the last step."""

    role: Text
    name: Label | None = None
    email: Email | None = None
    phone: Phone | None = None
    url: Url | None = Field(default=None, description="an outside body's web address")
    external: bool = Field(
        default=False, description="a body outside the provider (ombudsman, regulator, "
                                   "dispute resolution): allowed after management only")
    after: Duration | None = Field(
        default=None, description="the customer may come to this level after this long "
                                  "without a resolution at the level below")
    note: Text | None = None

    @model_validator(mode="after")
    def _contact(self) -> EscalationLevel:
        if self.external:
            if self.email is None and self.phone is None and self.url is None:
                raise PydanticCustomError("contact", "give an email, a phone or a web address "
                                          "for this outside body")
        elif self.email is None and self.phone is None:
            raise PydanticCustomError("contact", "give an email or a phone for this level")
        elif self.url is not None:
            raise PydanticCustomError("contact", "url is for an outside body (external: true); "
                                      "give this level's email or phone")
        return self


class ChangeRecord(StrictModel):
    version: Label
    date: Date
    summary: Text


class LeavingRight(StrictModel):
    """A customer may end the contract without any fee or penalty before a change that
    is worse for them takes effect."""

    how: Text = Field(description="how to end the contract: where, and in what form")
    refund: Text | None = Field(default=None, description="what is refunded, e.g. the "
                                "unused part of a prepaid period")


class Changes(StrictModel):
    notice: Duration = Field(description="how far ahead changes are announced")
    how: Text = Field(description="how customers are told")
    leave_without_penalty: LeavingRight | None = Field(
        default=None, description="a customer may end the contract without any fee or "
        "penalty before a change worse for them takes effect; the charter and every change "
        "notice say so")
    history: list[ChangeRecord] = Field(default_factory=list)


class Fee(StrictModel):
    """Every fee or charge a customer may pay, stated publicly."""

    id: Slug
    name: Text
    amount: AmountOrSchedule | None = None
    percent: Percent | None = None
    of: Text | None = Field(default=None, description="what the percentage is taken of")
    when: Text = Field(description="when the fee applies")
    refundable: bool | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Fee:
        if (self.amount is None) == (self.percent is None):
            raise PydanticCustomError("one_of", "give either amount or percent for a fee")
        if self.percent is not None and self.of is None:
            raise PydanticCustomError("fee_basis", "say what the percentage is of (of: …)")
        if self.amount is not None and self.of is not None:
            raise PydanticCustomError("fee_basis", "of applies only to a percentage fee")
        return self


class Term(StrictModel):
    """A public term of the relationship: renewal, payment schedule, cancellation."""

    title: Text
    text: Text


class Quote(StrictModel):
    """Wording quoted from the rules that govern the service (a law, a regulator's scheme,
    an ombudsman's terms), with its source: shown as a quotation, not as the provider's
    own promise, and not judged as one."""

    text: Text = Field(description="the wording, as the source has it")
    source: Text = Field(description="what is quoted, e.g. Payment Services Regulations "
                                     "2017, regulation 101")
    url: Url | None = Field(default=None, description="where the source can be read")


class PartnerCommitment(StrictModel):
    title: Text
    promise: Text
    respond_within: RespondWithin | None = None
    resolve_within: ResolveWithin | None = None
    compensation: Compensation | None = None


class Partners(StrictModel):
    audience: Text = Field(description="who the partner commitments are for")
    commitments: list[PartnerCommitment] = Field(min_length=1)


# --- the document ------------------------------------------------------------------------

class Charter(StrictModel):
    """Everything in a policy that is public."""

    id: PolicyId = Field(description="file-safe id, unique in the project")
    version: Label
    effective: Date
    languages: list[LanguageCode] = Field(min_length=1, description="first is the default")
    title: Text | None = None
    summary: Text | None = None
    provider: Provider | None = None
    service: Service
    quality: list[QualityPromise] = Field(default_factory=list)
    worst_cases: list[WorstCase] = Field(min_length=1)
    fees: list[Fee] = Field(default_factory=list)
    terms: list[Term] = Field(default_factory=list)
    duties: list[Text] = Field(
        default_factory=list, description="what the charter asks of customers (keep "
        "appointments, tell us of a move): requests, not promises")
    quotes: list[Quote] = Field(
        default_factory=list, description="wording quoted from governing rules, each with "
        "its source")
    channels: list[Channel] = Field(min_length=1)
    escalation: list[EscalationLevel] = Field(min_length=1)
    changes: Changes
    partners: Partners | None = None
    business_time: BusinessTime | None = Field(
        default=None, description="the provider's working hours and days off, when they "
        "differ from commitgen.yaml's; business durations count in them")

    @property
    def default_language(self) -> str:
        return self.languages[0]


class Policy(Charter):
    """A policy file: the public charter and the internal staff section."""

    staff: Staff | None = Field(default=None, description="internal only; never published")

    def charter(self) -> Charter:
        """The public part alone: a :class:`Charter` with no staff data in it."""
        public = {name: getattr(self, name) for name in Charter.model_fields}
        return Charter.model_construct(**public)

