"""Compensation: what a customer is owed when a worst case happens.

One ``type`` per scheme (a discriminated union), all sharing how the money is
paid, reductions and conditions, and who bears the proof. The documents state each
scheme from its fields (the compensation engine's terms); the author's ``explanation``
only adds what that statement cannot say:

``fixed``              a fixed amount per occurrence
``per_period``         an initial amount after a threshold, plus an amount per further
                       period (full or started, with a grace tolerance), with a cap
``percentage``         a percentage of what the customer paid (ticket, monthly bill …)
``bands``              bands over one measured dimension (credit % by availability)
``grid``               bands over two dimensions (distance × delay)
``service_extension``  free service time (e.g. one free month)
``refund``             a full or partial refund
``none``               nothing is owed, and the charter says why
``combined``           several of the above owed together (refund + fixed amount)
``by_category``        one of the above per category of the case (domestic or
                       international flight, single or return ticket), each with its own
                       amounts, bands and currency
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    Discriminator,
    Field,
    PlainSerializer,
    PlainValidator,
    Strict,
    Tag,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from commitgen.model.base import (
    MOST_SHARE,
    NonNegative,
    Percent,
    PositiveInt,
    Share,
    Slug,
    StrictModel,
    Text,
    Unit,
    _share,
)
from commitgen.model.deadline import AnchorName, PaymentWithin
from commitgen.model.duration import Duration
from commitgen.model.facts import FactName, derived_fact_name
from commitgen.model.money import AmountOrSchedule, Money


class Basis(StrEnum):
    """What a percentage is taken of."""

    PRICE_PAID = "price_paid"
    AMOUNT_CHARGED_IN_ERROR = "amount_charged_in_error"
    ORDER_VALUE = "order_value"
    TICKET_PRICE = "ticket_price"
    DELIVERY_FEE = "delivery_fee"
    MONTHLY_FEE = "monthly_fee"
    ANNUAL_FEE = "annual_fee"
    SUBSCRIPTION_PERIOD_FEE = "subscription_period_fee"


class PaymentForm(StrEnum):
    CASH = "cash"
    BANK_TRANSFER = "bank_transfer"
    ORIGINAL_PAYMENT_METHOD = "original_payment_method"
    BILL_CREDIT = "bill_credit"
    VOUCHER = "voucher"


#: enums are matched by their YAML spelling (strict mode would demand enum instances)
BasisName = Annotated[Basis, Strict(False)]
PaymentFormName = Annotated[PaymentForm, Strict(False)]


class Measure(StrictModel):
    """The measured dimension a band table is keyed on."""

    name: Text = Field(description="e.g. monthly availability, delay, distance")
    unit: Unit = Field(description='unit of the bounds, e.g. "%", "hours", "km", or words '
                       "per language")
    fact: FactName | None = Field(
        default=None, description="name of the fact the measured value is given as, e.g. "
        "availability (default: made from the English name)")

    def fact_name(self, fallback: str = "measure") -> str:
        """The name of the fact this measure is given as."""
        return self.fact if self.fact is not None else derived_fact_name(self.name, fallback)


class Bounds(StrictModel):
    """A range of a measured value with explicit bounds.

    Lower bound: ``at_least`` (inclusive) or ``above`` (exclusive); upper bound:
    ``below`` (exclusive) or ``at_most`` (inclusive). A missing bound is open.
    """

    at_least: NonNegative | None = None
    above: NonNegative | None = None
    below: NonNegative | None = None
    at_most: NonNegative | None = None

    @model_validator(mode="after")
    def _bounds(self) -> Bounds:
        if self.at_least is not None and self.above is not None:
            raise PydanticCustomError("bounds", "give at_least or above, not both")
        if self.below is not None and self.at_most is not None:
            raise PydanticCustomError("bounds", "give below or at_most, not both")
        if self.lower is None and self.upper is None:
            raise PydanticCustomError("bounds", "a band needs a lower or an upper bound")
        return self

    @property
    def lower(self) -> tuple[Decimal, bool] | None:
        """(value, inclusive) or None for open."""
        if self.at_least is not None:
            return (self.at_least, True)
        if self.above is not None:
            return (self.above, False)
        return None

    @property
    def upper(self) -> tuple[Decimal, bool] | None:
        if self.at_most is not None:
            return (self.at_most, True)
        if self.below is not None:
            return (self.below, False)
        return None

    def contains(self, value: Decimal) -> bool:
        if (low := self.lower) and (value < low[0] or (value == low[0] and not low[1])):
            return False
        return not ((up := self.upper) and (value > up[0] or (value == up[0] and not up[1])))


class Band(Bounds):
    """A range of the measure with explicit bounds, and what is owed in it."""

    percent: Share | None = Field(default=None, description="of the scheme's basis (of); "
                                  "above 100 for a multiple of it: 400 is four times")
    amount: AmountOrSchedule | None = None
    cap: AmountOrSchedule | None = Field(
        default=None, description="the most this band pays (a share of the basis above it "
        "is cut to this amount)")


class MeasuredCondition(Bounds):
    """A condition on a measured value of the scheme: ``{fact: delay, below: 4}`` holds
    for a delay under four hours (in the unit of the scheme's measure of that fact)."""

    fact: FactName = Field(description="the fact of one of the scheme's measures "
                           "(a band or grid dimension), e.g. delay or distance")


class Reduction(StrictModel):
    """A stated condition that lowers what is owed, e.g. halved when re-routed in time.

    The engine is told whether the condition holds by a yes/no fact named ``fact``.
    """

    when: Text = Field(description="the condition, stated publicly")
    fact: FactName | None = Field(
        default=None, description="name of the yes/no fact saying whether the condition "
        "holds (default reduction_1, reduction_2 … in the order written)")
    owed_percent: Percent = Field(description="share still owed: 50 halves it, 0 means none")
    notice_at_least: Duration | None = Field(
        default=None, description="applies when the customer was told at least this far ahead")
    applies_if: list[MeasuredCondition] = Field(
        default_factory=list, description="the condition in the scheme's measured values "
        "(e.g. [{fact: distance, above: 3500}, {fact: delay, below: 4}]): the reduction "
        "applies when every one holds, and no yes/no fact is asked")


class LatePayment(StrictModel):
    """What the provider adds when it pays compensation late."""

    amount: AmountOrSchedule | None = None
    percent: Percent | None = Field(default=None, description="of the compensation owed")
    per: Duration | None = Field(default=None, description="added again for each such period")
    cap: Money | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> LatePayment:
        if (self.amount is None) == (self.percent is None):
            raise PydanticCustomError("one_of", "give either amount or percent for a late payment")
        return self


class Payment(StrictModel):
    """How and by when compensation is paid."""

    method: Literal["automatic", "on_claim"] = Field(
        description="automatic: paid without asking; on_claim: the customer claims it")
    forms: list[PaymentFormName] = Field(
        min_length=1, description="how the money reaches the customer")
    voucher_consent: bool = Field(
        default=False,
        description="vouchers only with the customer's consent (required for voucher)")
    within: PaymentWithin = Field(description="payment deadline, from the claim or the event")
    counted_from: AnchorName | None = Field(
        default=None, description="what the payment deadline counts from: claim (default "
        "when paid on claim), incident (default when automatic), resolution, eligibility or "
        "end_of_month")
    late_payment: LatePayment | None = None

    @model_validator(mode="after")
    def _voucher_needs_consent(self) -> Payment:
        if PaymentForm.VOUCHER in self.forms and not self.voucher_consent:
            raise PydanticCustomError(
                "voucher_consent",
                "a voucher may be offered only with the customer's consent: set "
                "voucher_consent: true and offer another form as well")
        if self.forms == [PaymentForm.VOUCHER]:
            raise PydanticCustomError(
                "voucher_only", "vouchers cannot be the only payment form; add cash, "
                "bank_transfer, original_payment_method or bill_credit")
        return self


class Proof(StrictModel):
    """Who must show that the failure happened."""

    burden: Literal["provider", "customer"]
    note: Text | None = None


class Trigger(Bounds):
    """A threshold that decides whether there is a case at all — an error rate above 5 %,
    at least 5 consecutive minutes, a repair estimated at no more than 250 GBP: the method of
    measuring stays in the author's words, its numbers are these bounds, and the engine
    owes nothing when one does not hold."""

    fact: FactName = Field(description="the name the measured value is given under, e.g. "
                           "error_rate")
    name: Text = Field(description="what is measured, e.g. Error rate")
    unit: Unit = Field(description='unit of the bounds: "%", minutes, requests, GBP …')
    relative_to: Measure | None = Field(
        default=None, description="the bounds are multiples of this measured value "
        "(at_least: 8 with the daily mean fault rate holds from eight times it); the value "
        "and this one are given in the same unit")

    def measure(self) -> Measure:
        """The trigger's value as a measure (its name, unit and fact)."""
        return Measure(name=self.name, unit=self.unit, fact=self.fact)


class MinimumPayout(StrictModel):
    """The least amount that is paid at all: below it nothing is paid (a credit of a dollar
    or less is not issued). ``above``: only more than the amount is paid; ``at_least``:
    the amount itself is paid too."""

    above: AmountOrSchedule | None = None
    at_least: AmountOrSchedule | None = None

    @model_validator(mode="after")
    def _one_bound(self) -> MinimumPayout:
        if (self.above is None) == (self.at_least is None):
            raise PydanticCustomError("one_of", "give either above or at_least")
        return self

    @property
    def amount(self) -> AmountOrSchedule:
        bound = self.above if self.above is not None else self.at_least
        assert bound is not None  # the validator makes sure
        return bound

    @property
    def inclusive(self) -> bool:
        return self.at_least is not None


class _Scheme(StrictModel):
    explanation: Text | None = Field(
        default=None, description="what the scheme means in practice, in the author's words; "
        "the documents state the scheme itself from its fields, so do not restate it")
    reductions: list[Reduction] = Field(default_factory=list)
    payment: Payment | None = None
    proof: Proof | None = None
    legal_minimum: Text | None = Field(
        default=None, description="the law whose minimum these amounts are (e.g. Decree "
        "47/2011/ND-CP): the customer is owed at least them, and the provider may pay more")
    trigger: list[Trigger] = Field(
        default_factory=list, description="thresholds on measured values that must all "
        "hold for there to be a case at all (else nothing is owed)")
    minimum_payout: MinimumPayout | None = Field(
        default=None, description="below this nothing is paid at all: {above: 1 USD} pays "
        "only more than a dollar (applied last, after reductions)")


class _OfBasis(_Scheme):
    divided_by: PositiveInt | None = Field(
        default=None, description="the basis is divided by this first: a season ticket's "
        "price over the journeys it covers (464 for a year) gives the value of one journey")


class FixedCompensation(_Scheme):
    type: Literal["fixed"]
    amount: AmountOrSchedule = Field(description="paid once per occurrence")


class PerPeriodCompensation(_Scheme):
    """``initial`` once the delay reaches ``after`` (``threshold: above``: exceeds it), then
    ``then`` for each further ``every``."""

    type: Literal["per_period"]
    after: Duration = Field(description="nothing is owed before this threshold")
    threshold: Literal["at_least", "above"] = Field(
        default="at_least", description="at_least: owed from a delay of exactly after; "
        "above: owed only for a delay longer than after")
    initial: AmountOrSchedule
    then: AmountOrSchedule | None = Field(default=None, description="owed per further period")
    every: Duration | None = Field(default=None, description="length of a further period")
    counting: Literal["full", "started"] = Field(
        default="full", description="count only full periods, or every started period")
    grace: Duration | None = Field(
        default=None, description="with counting: started, a part-period shorter than this "
        "is not counted")
    cap: AmountOrSchedule | None = None

    @model_validator(mode="after")
    def _then_and_every(self) -> PerPeriodCompensation:
        if (self.then is None) != (self.every is None):
            raise PydanticCustomError("together", "give both then and every, or neither")
        if self.grace is not None and self.counting != "started":
            raise PydanticCustomError("grace", "grace applies only with counting: started")
        return self


class PercentageCompensation(_OfBasis):
    """A share of the basis (``percent``), or a multiple of it (``times: 4`` is four times
    the postage, the same as ``percent: 400``, and the documents say "4 times")."""

    type: Literal["percentage"]
    percent: Share = Field(description="of the basis; above 100 for a multiple of it "
                           "(or give times instead)")
    times: NonNegative | None = Field(
        default=None, description="a multiple of the basis, as a scheme states it (4: four "
        "times the postage); instead of percent")

    @model_validator(mode="before")
    @classmethod
    def _times_as_percent(cls, data: Any) -> Any:
        if not isinstance(data, dict) or data.get("times") is None:
            return data
        if "percent" in data:
            raise PydanticCustomError("one_of", "give percent or times, not both")
        try:
            percent = Decimal(str(data["times"]).strip()) * 100
        except ArithmeticError:
            percent = Decimal(0)  # the times field's own error says what is wrong
        return {**data, "percent": min(max(percent, Decimal(0)), Decimal(MOST_SHARE))}

    @model_validator(mode="after")
    def _times_in_range(self) -> PercentageCompensation:
        if self.times is not None and self.times * 100 != self.percent:
            raise PydanticCustomError("times", "expected a multiple of at most {most}",
                                      {"most": MOST_SHARE // 100})
        return self
    of: BasisName
    minimum: AmountOrSchedule | None = None
    cap: AmountOrSchedule | None = None


class BandsCompensation(_OfBasis):
    """One dimension: e.g. service credit % of the monthly fee by monthly availability."""

    type: Literal["bands"]
    measure: Measure
    of: BasisName | None = Field(default=None, description="what band percentages are taken of")
    bands: list[Band] = Field(min_length=1)
    cap: AmountOrSchedule | None = None


def parse_cell(value: Any) -> Money | Decimal | None:
    """A grid cell: an amount, a percentage, or 0/None for nothing owed."""
    if value is None or (isinstance(value, int) and not isinstance(value, bool) and value == 0):
        return None
    if isinstance(value, str) and value.strip().endswith("%"):
        return _share(value)
    return Money.parse(value)


#: a grid cell: an amount (``200000 VND``), a percentage (``"50 %"``) or 0 for nothing owed
def _cell_json(value: Money | Decimal | None) -> Any:
    if isinstance(value, Money):
        return value.to_json()
    return f"{value} %" if isinstance(value, Decimal) else 0


Cell = Annotated[
    Money | Decimal | None,
    PlainValidator(parse_cell),
    PlainSerializer(_cell_json),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "object"}, {"const": 0}]}),
]


class Axis(StrictModel):
    measure: Measure
    bands: list[Band] = Field(min_length=1, description="bounds only; the cells hold payouts")


class GridCompensation(_OfBasis):
    """Two dimensions: ``cells[row][column]`` for rows × columns bands (e.g. distance × delay)."""

    type: Literal["grid"]
    rows: Axis
    columns: Axis
    of: BasisName | None = None
    cells: list[list[Cell]] = Field(
        description="one list per row band, one value per column band: an amount "
                    '(200000 VND), a percentage ("50 %") or 0 for nothing owed')
    cap: AmountOrSchedule | None = None


class ServiceExtension(_Scheme):
    type: Literal["service_extension"]
    length: Duration = Field(description="free service time added, e.g. 1 month")


class RefundCompensation(_OfBasis):
    type: Literal["refund"]
    percent: Percent = Field(default=Decimal(100))
    of: BasisName


class NoCompensation(StrictModel):
    """Nothing is owed — and the charter says why, in public."""

    type: Literal["none"]
    reason: Text


def _scheme_type(value: Any) -> str | None:
    """The union tag of a scheme: ``<fixed>`` for ``type: fixed``.

    Tags are bracketed so they never equal a field name in an error's location.
    """
    kind = value.get("type") if isinstance(value, dict) else getattr(value, "type", None)
    return f"<{kind}>" if isinstance(kind, str) else None


class CategoryAxis(StrictModel):
    """The categorical dimension a ``by_category`` scheme is keyed on."""

    name: Text = Field(description="e.g. Route, Ticket type, Customer")
    fact: FactName | None = Field(
        default=None, description="name of the fact that says the case's category "
        "(default: made from the English name)")

    def fact_name(self) -> str:
        """The name of the fact this category is given as."""
        return self.fact if self.fact is not None else derived_fact_name(self.name, "category")


class Category(StrictModel):
    """One category and what is owed in it."""

    id: Slug = Field(description="the value the category fact takes, e.g. domestic")
    name: Text = Field(description="how the documents name it, e.g. Domestic flight")
    compensation: Compensation


class ByCategoryCompensation(_Scheme):
    """One scheme per category of the case: ``categories[].compensation`` for the category
    the case is in (a fact). Each has its own amounts, bands and currency; the payment,
    reductions and proof written here apply to every category."""

    type: Literal["by_category"]
    category: CategoryAxis
    categories: list[Category] = Field(min_length=2)


class CombinedCompensation(_Scheme):
    """Several schemes owed together, e.g. a full refund plus a fixed amount."""

    type: Literal["combined"]
    parts: list[Compensation] = Field(min_length=2, description="each part is owed")


SCHEME_TYPES = ("fixed", "per_period", "percentage", "bands", "grid", "service_extension",
                "refund", "none", "combined", "by_category")

Compensation = Annotated[
    Annotated[FixedCompensation, Tag("<fixed>")]
    | Annotated[PerPeriodCompensation, Tag("<per_period>")]
    | Annotated[PercentageCompensation, Tag("<percentage>")]
    | Annotated[BandsCompensation, Tag("<bands>")]
    | Annotated[GridCompensation, Tag("<grid>")]
    | Annotated[ServiceExtension, Tag("<service_extension>")]
    | Annotated[RefundCompensation, Tag("<refund>")]
    | Annotated[NoCompensation, Tag("<none>")]
    | Annotated[CombinedCompensation, Tag("<combined>")]
    | Annotated[ByCategoryCompensation, Tag("<by_category>")],
    Discriminator(
        _scheme_type,
        custom_error_type="compensation_type",
        custom_error_message="set type to one of " + ", ".join(SCHEME_TYPES),
    ),
]
CombinedCompensation.model_rebuild()
Category.model_rebuild()
ByCategoryCompensation.model_rebuild()




def scheme_measures(scheme: Any) -> dict[str, Measure]:
    """The measures of a bands or grid scheme by the name of their fact (others: none)."""
    if isinstance(scheme, BandsCompensation):
        return {scheme.measure.fact_name("measure"): scheme.measure}
    if isinstance(scheme, GridCompensation):
        return {scheme.rows.measure.fact_name("row"): scheme.rows.measure,
                scheme.columns.measure.fact_name("column"): scheme.columns.measure}
    return {}
