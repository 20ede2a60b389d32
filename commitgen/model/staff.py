"""The internal ``staff`` section: how employees apply the charter.

Nothing here is ever rendered into a public output (see :meth:`Policy.charter`).
"""

from __future__ import annotations

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from commitgen.model.base import Email, Label, Phone, Slug, StrictModel, Text
from commitgen.model.duration import Duration
from commitgen.model.money import Money


class ApprovalLimit(StrictModel):
    """What a role may grant on its own authority."""

    role: Text
    up_to: Money = Field(description="the most this role may grant without approval")
    may_grant: Text | None = Field(default=None, description="kinds of remedy this role may give")


class CaseGuide(StrictModel):
    """Instructions for one worst case of the charter."""

    case: Slug = Field(description="the id of a worst case in this policy")
    steps: list[Text] = Field(min_length=1)
    say: Text = Field(description="what to tell the customer")
    grant_without_approval: Money | None = None
    approver: Text | None = Field(default=None, description="who approves more than that")
    internal_deadline: Duration | None = Field(
        default=None, description="internal target, shorter than the public promise")


class GoodwillRule(StrictModel):
    """Goodwill by customer tier or lifetime value — decided by rule, not improvised."""

    tier: Text
    qualifies: Text = Field(description="who is in this tier")
    min_tenure: Duration | None = None
    min_lifetime_value: Money | None = None
    may_offer: Text
    limit: Money | None = None
    approver: Text | None = None


class OutsideControlCase(StrictModel):
    """A customer-fault case or one outside the company's control, and the rule for it."""

    case: Text
    rule: Text
    goodwill: Text | None = Field(default=None, description="when goodwill still applies")


class ThreatHandling(StrictModel):
    """Customers who threaten (bad reviews, legal action): same process, no extra concessions."""

    rule: Text
    steps: list[Text] = Field(default_factory=list)


class Contact(StrictModel):
    role: Text
    name: Label | None = None
    email: Email | None = None
    phone: Phone | None = None
    hours: Text | None = None

    @model_validator(mode="after")
    def _reachable(self) -> Contact:
        if self.email is None and self.phone is None:
            raise PydanticCustomError("contact", "give an email or a phone for this contact")
        return self


class Staff(StrictModel):
    approval_limits: list[ApprovalLimit] = Field(default_factory=list)
    cases: list[CaseGuide] = Field(default_factory=list)
    goodwill: list[GoodwillRule] = Field(default_factory=list)
    outside_control: list[OutsideControlCase] = Field(default_factory=list)
    threats: ThreatHandling | None = None
    contacts: list[Contact] = Field(default_factory=list)
    notes: list[Text] = Field(default_factory=list)
