"""Another system's view: compute compensation from charter.json alone.

Standard library only (no commitgen): reads the charter.json files given on the command
line, computes every worked example of every case from the scheme's terms, following
docs/charter-json.md, and prints one line per example: ``policy case computed expected``.
Exits 1 when an example disagrees with the amount the file states.

Covers what an integrator needs for most charters: fixed amounts by date, per-period
accrual in clock time, percentages with minimum and cap, bands, grids, refunds,
service extensions, combined schemes and schemes by category. Thresholds in business
time need the provider's calendar (charter.business_time) and are skipped here.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Any

MINUTES = {"minute": 1, "hour": 60, "day": 1440, "week": 10080}

class Skip(Exception):
    """This client does not compute this case (business time)."""

def in_force(amounts: list[dict[str, Any]], day: str | None) -> Decimal:
    current = amounts[0]["amount"]["amount"]
    for entry in amounts:
        if entry["from"] is None or day is None or entry["from"] <= day:
            current = entry["amount"]["amount"]
    return Decimal(current)

def rounded(amount: Decimal, digits: int) -> Decimal:
    return amount.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)

def minutes(duration: dict[str, Any]) -> Decimal:
    if duration["business"] or duration["unit"] not in MINUTES:
        raise Skip("business time or months")
    return Decimal(duration["value"]) * MINUTES[duration["unit"]]

def contains(band: dict[str, Any], value: Decimal, scale: Decimal) -> bool:
    low, up = band["lower"], band["upper"]
    if low is not None:
        bound = Decimal(low["value"]) * scale
        if value < bound or (value == bound and not low["inclusive"]):
            return False
    if up is not None:
        bound = Decimal(up["value"]) * scale
        if value > bound or (value == bound and not up["inclusive"]):
            return False
    return True

def measured(measure: dict[str, Any], facts: dict[str, Any]) -> tuple[Decimal, Decimal]:
    """(the value, the scale of the bounds): minutes for a time measure."""
    value = facts[measure["fact"]]
    if isinstance(value, dict):
        return Decimal(value["minutes"]), Decimal(measure["minutes_per_unit"])
    return Decimal(value), Decimal(1)

def band_of(bands: list[dict[str, Any]], measure: dict[str, Any],
            facts: dict[str, Any]) -> int | None:
    value, scale = measured(measure, facts)
    return next((i for i, band in enumerate(bands) if contains(band, value, scale)), None)

class Client:
    def __init__(self, currencies: dict[str, int]) -> None:
        self.currencies = currencies

    def digits(self, scheme: dict[str, Any], facts: dict[str, Any]) -> int:
        if scheme["type"] == "by_category":
            return self.digits(self.category(scheme, facts), facts)
        if scheme.get("minor_unit_digits") is not None:
            return int(scheme["minor_unit_digits"])
        basis = facts.get(scheme.get("basis") or "")
        return self.currencies[basis["currency"]] if isinstance(basis, dict) else 0

    def share(self, percent: str, scheme: dict[str, Any], facts: dict[str, Any]) -> Decimal:
        base = Decimal(facts[scheme["basis"]]["amount"])
        if scheme.get("divided_by") is not None:  # the value of one journey, rounded
            base = rounded(base / int(scheme["divided_by"]), self.digits(scheme, facts))
        return rounded(base * Decimal(percent) / 100, self.digits(scheme, facts))

    def capped(self, amount: Decimal, scheme: dict[str, Any], day: str | None) -> Decimal:
        if scheme.get("cap") is not None:
            amount = min(amount, in_force(scheme["cap"], day))
        return amount

    @staticmethod
    def triggered(scheme: dict[str, Any], facts: dict[str, Any]) -> bool:
        """Whether every trigger holds (bounds times the reference value, if any)."""
        for trigger in scheme.get("trigger", []):
            value, scale = measured(trigger, facts)
            if trigger["relative_to"] is not None:
                value, scale = Decimal(facts[trigger["fact"]]), \
                    Decimal(facts[trigger["relative_to"]["fact"]])
            if not contains(trigger, value, scale):
                return False
        return True

    def owed(self, scheme: dict[str, Any], facts: dict[str, Any]) -> Decimal | None:
        if not self.triggered(scheme, facts):
            return Decimal(0)
        amount = self.before_reductions(scheme, facts)
        if amount is None or amount == 0:
            return amount
        shares = [Decimal(r["owed_percent"]) for r in scheme.get("reductions", [])
                  if self.holds(r, facts) and self.notice_enough(r, facts)]
        if shares:
            amount = rounded(amount * min(shares) / 100, self.digits(scheme, facts))
        return self.paid_at_all(amount, scheme, facts.get("happened", "")[:10] or None)

    @staticmethod
    def paid_at_all(amount: Decimal, scheme: dict[str, Any], day: str | None) -> Decimal:
        """Nothing when the amount is not above the minimum payout (or below it)."""
        floor = scheme.get("minimum_payout")
        if floor is None or amount == 0:
            return amount
        minimum = in_force(floor["amount"], day)
        paid = amount >= minimum if floor["inclusive"] else amount > minimum
        return amount if paid else Decimal(0)

    @staticmethod
    def holds(reduction: dict[str, Any], facts: dict[str, Any]) -> bool:
        if reduction.get("applies_if"):
            return all(contains(c, *measured(c, facts)) for c in reduction["applies_if"])
        return facts.get(reduction["fact"]) is True

    @staticmethod
    def notice_enough(reduction: dict[str, Any], facts: dict[str, Any]) -> bool:
        if reduction["notice_at_least"] is None:
            return True
        told = dt.datetime.fromisoformat(facts["told"])
        happened = dt.datetime.fromisoformat(facts["happened"])
        return Decimal((happened - told).total_seconds()) / 60 >= \
            minutes(reduction["notice_at_least"])

    def before_reductions(self, scheme: dict[str, Any], facts: dict[str, Any]
                          ) -> Decimal | None:
        day = facts.get("happened", "")[:10] or None
        kind = scheme["type"]
        if kind == "fixed":
            return in_force(scheme["amount"], day)
        if kind == "per_period":
            return self.per_period(scheme, facts, day)
        if kind in ("percentage", "refund"):
            amount = self.share(scheme["percent"], scheme, facts)
            if kind == "percentage" and scheme["minimum"] is not None:
                amount = max(amount, in_force(scheme["minimum"], day))
            return self.capped(amount, scheme, day)
        if kind == "bands":
            index = band_of(scheme["bands"], scheme["measure"], facts)
            band = scheme["bands"][index] if index is not None else None
            amount = self.pays(band, scheme, facts, day)
            if band is not None and amount is not None:
                amount = self.capped(amount, band, day)
            return self.capped(amount, scheme, day)
        if kind == "grid":
            row = band_of(scheme["rows"]["bands"], scheme["rows"]["measure"], facts)
            column = band_of(scheme["columns"]["bands"], scheme["columns"]["measure"], facts)
            cell = None if row is None or column is None else scheme["cells"][row][column]
            return self.capped(self.pays(cell, scheme, facts, day), scheme, day)
        if kind == "by_category":
            return self.owed(self.category(scheme, facts), facts)
        if kind == "combined":
            parts = [self.owed(part, facts) for part in scheme["parts"]]
            money = [p for p in parts if p is not None]
            return sum(money, Decimal(0)) if money else None
        return None  # service_extension, none: no money

    @staticmethod
    def category(scheme: dict[str, Any], facts: dict[str, Any]) -> dict[str, Any]:
        chosen = facts[scheme["category"]["fact"]]
        return next(c["scheme"] for c in scheme["categories"] if c["id"] == chosen)

    def pays(self, payout: dict[str, Any] | None, scheme: dict[str, Any],
             facts: dict[str, Any], day: str | None) -> Decimal:
        if payout is None or (payout.get("percent") is not None and
                              Decimal(payout["percent"]) == 0):
            return Decimal(0)
        if payout.get("percent") is not None:
            return self.share(payout["percent"], scheme, facts)
        return in_force(payout["amount"], day)

    def per_period(self, scheme: dict[str, Any], facts: dict[str, Any],
                   day: str | None) -> Decimal:
        delay = Decimal(facts["delay"]["minutes"])
        after = minutes(scheme["after"])
        reached = delay > after if scheme["threshold"] == "above" else delay >= after
        if not reached:
            return Decimal(0)
        total = in_force(scheme["initial"], day)
        if scheme["then"] is not None:
            every = minutes(scheme["every"])
            beyond = delay - after
            count = (beyond / every).to_integral_value(ROUND_FLOOR)
            rest = beyond - count * every
            if scheme["counting"] == "started" and rest > 0 and (
                    scheme["grace"] is None or rest >= minutes(scheme["grace"])):
                count += 1
            total += count * in_force(scheme["then"], day)
        return self.capped(total, scheme, day)

def main(paths: list[str]) -> int:
    failed = 0
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        client = Client(data["compensation"]["currencies"])
        for case in data["compensation"]["cases"]:
            for example in case["examples"]:
                expected = Decimal(example["owed"]["amount"]) if example["owed"] else None
                try:
                    computed = client.owed(case["scheme"], example["facts"])
                except Skip:
                    print(f"{data['charter']['id']} {case['case']} skipped (business time)")
                    continue
                same = (computed or Decimal(0)) == (expected or Decimal(0))
                failed += not same
                print(f"{data['charter']['id']} {case['case']} {computed} {expected}"
                      + ("" if same else "  MISMATCH"))
    return 1 if failed else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
