"""Triggers: the thresholds that decide whether there is a case at all.

Each trigger bounds a measured value (an error rate, consecutive minutes, requests, an
estimated cost) as bands do: ``at_least``/``at_most`` include the bound, ``above``/``below``
exclude it, a time unit compares in minutes. With ``relative_to`` the bounds are multiples
of another measured value (eight times the daily mean). When every trigger holds the
scheme is computed; otherwise nothing is owed and a step says which one did not hold.
"""

from __future__ import annotations

from typing import Any

from commitgen.compute.context import Context
from commitgen.compute.facts import Quantity
from commitgen.compute.outcome import StepKind
from commitgen.compute.tables import bound_json, holds
from commitgen.model.compensation import Bounds, Trigger


def triggered(scheme: Any, ctx: Context) -> bool:
    """Whether every trigger of ``scheme`` holds in this case (a step for each checked)."""
    triggers: list[Trigger] = getattr(scheme, "trigger", [])
    if not triggers:
        return True
    ctx.require([name for trigger in triggers for name in trigger_facts(trigger)])
    for trigger in triggers:
        value = ctx.quantity(trigger.fact)
        reference = ctx.quantity(trigger.relative_to.fact_name()) \
            if trigger.relative_to is not None else None
        held = _holds(trigger, value, reference)
        ctx.step(StepKind.TRIGGER if held else StepKind.NOT_TRIGGERED, fact=trigger.fact,
                 measure=trigger.name, value=value, unit=trigger.unit,
                 lower=bound_json(trigger.lower), upper=bound_json(trigger.upper),
                 **({} if reference is None or trigger.relative_to is None else
                    {"relative_to": trigger.relative_to.name, "reference": reference}))
        if not held:
            return False
    return True


def trigger_facts(trigger: Trigger) -> list[str]:
    """The facts a trigger reads: its value, and the value its bounds are multiples of."""
    relative = [trigger.relative_to.fact_name()] if trigger.relative_to is not None else []
    return [trigger.fact, *relative]


def _holds(trigger: Trigger, value: Quantity, reference: Quantity | None) -> bool:
    """Within the bounds; with a reference, within the bounds times the reference (the two
    values in the same unit: both numbers, or both durations in minutes)."""
    if reference is None:
        return holds(trigger, value, trigger.measure())
    scaled = Bounds.model_construct(**{
        name: getattr(trigger, name) * reference.value
        for name in ("at_least", "above", "below", "at_most")
        if getattr(trigger, name) is not None})
    return scaled.contains(value.value)
