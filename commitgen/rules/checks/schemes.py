"""Every compensation scheme of a policy, for the checks that read them."""

from __future__ import annotations

from collections.abc import Iterator

from commitgen.diagnostics import FieldPath
from commitgen.model.compensation import ByCategoryCompensation, CombinedCompensation
from commitgen.rules.context import RuleContext


def schemes(ctx: RuleContext, parts: bool = True) -> Iterator[tuple[FieldPath, object]]:
    """Every compensation scheme (worst cases, partner commitments) with its path, and the
    scheme of each category of a ``by_category`` scheme (each a scheme of its own); with
    ``parts``, the parts of combined schemes too."""
    found: list[tuple[FieldPath, object]] = [
        (("worst_cases", i, "compensation"), c.compensation)
        for i, c in enumerate(ctx.policy.worst_cases)]
    if ctx.policy.partners is not None:
        found += [(("partners", "commitments", i, "compensation"), c.compensation)
                  for i, c in enumerate(ctx.policy.partners.commitments) if c.compensation]
    while found:
        path, scheme = found.pop(0)
        yield path, scheme
        inner: list[tuple[FieldPath, object]] = []
        if parts and isinstance(scheme, CombinedCompensation):
            inner = [((*path, "parts", index), part) for index, part in enumerate(scheme.parts)]
        if isinstance(scheme, ByCategoryCompensation):
            inner = [((*path, "categories", index, "compensation"), category.compensation)
                     for index, category in enumerate(scheme.categories)]
        found[:0] = inner
