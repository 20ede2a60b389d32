"""Answers about a part of a policy, kept while the same part is asked about again.

Models are frozen, so an answer about one (the facts a case needs, the currency of a
scheme) holds as long as that object lives. The engine asks such questions for every
example of every case, and each answer reads the whole part: without this, a scheme of N
bands or a policy of N cases took N² steps. Answers are kept by the object's identity,
with the object itself (so its id is not reused while kept), for at most
:data:`KEPT` objects at a time.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, TypeVar

#: how many answers one function keeps before it starts afresh
KEPT = 4096

M = TypeVar("M")
P = ParamSpec("P")
R = TypeVar("R")


def by_identity(function: Callable[Concatenate[M, P], R]) -> Callable[Concatenate[M, P], R]:
    """``function(model, *args)`` computed once per model object (and arguments); the
    answer must not be changed by whoever receives it."""
    kept: dict[tuple[Any, ...], tuple[object, R]] = {}

    @functools.wraps(function)
    def cached(model: M, /, *args: P.args, **kwargs: P.kwargs) -> R:
        key = (id(model), args, tuple(sorted(kwargs.items())))
        hit = kept.get(key)
        if hit is not None and hit[0] is model:
            return hit[1]
        answer = function(model, *args, **kwargs)
        if len(kept) >= KEPT:
            kept.clear()
        kept[key] = (model, answer)
        return answer

    return cached
