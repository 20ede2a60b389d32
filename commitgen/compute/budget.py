"""A time budget for the engine's work on one policy (the examples and tables of every
worst case its documents print).

The engine's work grows with a policy's size (a scheme of N bands has examples at each of
its edges), and a policy is bounded by the file-size limits; this bounds the time too,
whatever the policy holds: the engine looks at the clock before each example, and a
policy over its budget fails the build with its name and the limit.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

#: the clock the budget reads (a test may replace it)
clock = time.monotonic


class ComputeLimitExceeded(Exception):
    """A policy's compensation examples took longer than their budget."""


@dataclass(frozen=True)
class Deadline:
    seconds: float
    at: float

    @classmethod
    def after(cls, seconds: float) -> Deadline:
        return cls(seconds, clock() + seconds)

    def check(self) -> None:
        """Raise :class:`ComputeLimitExceeded` once the time is up."""
        if clock() > self.at:
            raise ComputeLimitExceeded(
                f"computing the compensation examples of its worst cases took longer than "
                f"{self.seconds:g} seconds (limits: compute_seconds in commitgen.yaml)")
