"""A time and size budget for rendering one document's HTML.

Templates run in Jinja2's immutable sandbox, which keeps them away from Python's
internals but not from loops that never end or values that grow without bound. Within
:func:`render_within`:

* **time** — a timer raises :class:`TemplateLimitExceeded` in the rendering thread when
  the document takes longer than its budget (at the next step of the interpreter, so a
  loop that produces nothing is stopped too);
* **size** — the document's output, and every value a template makes (by ``*``, ``+``,
  ``**``, ``%``, a filter, a method call, an attribute it reads), may not grow past the
  budget; arguments that would make one operation produce more than that (``"x" *
  10**9``, ``center(10**9)``, ``"{:>999999999}"``) are refused before it runs.

Outside :func:`render_within` (compiling a template, rendering other text) nothing is
checked: the environment behaves as Jinja2's sandbox does.
"""

from __future__ import annotations

import ctypes
import functools
import inspect
import re
import threading
import time
from collections.abc import Callable, Generator, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, cast

from jinja2 import Template, pass_context
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

#: how many items a loop over ``range()`` runs between two looks at the clock
_CHECK_EVERY = 1024
#: an integer argument larger than this could make a string of that many characters
_WIDTH = re.compile(r"\d{6,}|\*")


#: the watcher strikes this long after the budget's own checks would: a template that
#: reaches any check is stopped there, cleanly; only loops that reach none need the watcher
_WATCHER_LAG = 0.25


class TemplateLimitExceeded(Exception):
    """A document's HTML went over its time or size budget."""


@dataclass(frozen=True)
class Budget:
    seconds: float
    characters: int

    def too_slow(self) -> TemplateLimitExceeded:
        return TemplateLimitExceeded(
            f"the HTML took longer than {self.seconds:g} seconds to render (limits: "
            "template_seconds in commitgen.yaml)")

    def too_large(self, what: str) -> TemplateLimitExceeded:
        return TemplateLimitExceeded(
            f"{what} would be larger than {self.characters // 2**20} MiB (limits: html_mb "
            "in commitgen.yaml)")


@dataclass
class _Spending:
    budget: Budget
    deadline: float
    watcher: _Watcher | None = None

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            if self.watcher is not None:  # no interrupt may strike while Jinja2 reports it
                self.watcher.stop()
            raise self.budget.too_slow()

    def check_size(self, value: Any, what: str = "a value") -> Any:
        if isinstance(value, str | bytes | list | tuple | dict) and (
                len(value) > self.budget.characters):
            raise self.budget.too_large(what)
        return value

    def check_int(self, value: Any) -> None:
        if isinstance(value, int) and not isinstance(value, bool) and (
                abs(value) > self.budget.characters):
            raise self.budget.too_large("a value made with so large a number")


_spending: ContextVar[_Spending | None] = ContextVar("commitgen_template_budget", default=None)


def _check_percent_format(spending: _Spending, text: str) -> None:
    """``"%999999999d" % 1`` makes a text as wide as it says: refuse such widths."""
    for spec in re.findall(r"%[-#0 +]*(\d+|\*)?(?:\.(\d+|\*))?", text):
        if any(_WIDTH.fullmatch(part) for part in spec if part):
            raise spending.budget.too_large("a formatted text")


def _size_of_power(left: Any, right: Any) -> float:
    """Roughly how many decimal digits ``left ** right`` has (integers only)."""
    if not (isinstance(left, int) and isinstance(right, int)) or right <= 0:
        return 0.0
    return right * len(str(abs(left))) if abs(left) > 1 else 0.0


class BudgetedEnvironment(ImmutableSandboxedEnvironment):
    """The immutable sandbox, spending a :class:`Budget` while :func:`render_within`
    runs."""

    # intercepted operators are also never computed while a template is compiled
    intercepted_binops = frozenset({"*", "**", "+", "%", "//"})

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        spending = _spending.get()
        if spending is not None:
            spending.check_time()
            if operator == "*":
                for sequence, count in ((left, right), (right, left)):
                    if (isinstance(sequence, str | list | tuple) and isinstance(count, int)
                            and len(sequence) * count > spending.budget.characters):
                        raise spending.budget.too_large("a value")
            elif operator == "**" and _size_of_power(left, right) > spending.budget.characters:
                raise spending.budget.too_large("a number")
            elif operator == "%" and isinstance(left, str):
                _check_percent_format(spending, left)
        result = super().call_binop(context, operator, left, right)
        return result if spending is None else spending.check_size(result)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        spending = _spending.get()
        if spending is None:
            return super().call(__context, __obj, *args, **kwargs)
        spending.check_time()
        widths = isinstance(getattr(__obj, "__self__", None), str)  # "x".ljust(10**9)
        for value in (*args, *kwargs.values()):
            if widths:
                spending.check_int(value)
            spending.check_size(value)
        return spending.check_size(super().call(__context, __obj, *args, **kwargs))

    def getattr(self, obj: Any, attribute: str) -> Any:
        spending = _spending.get()
        if (spending is not None and attribute in ("format", "format_map")
                and isinstance(obj, str) and any(
                    _WIDTH.search(spec) for spec in re.findall(r"\{[^{}]*:([^{}]*)\}", obj))):
            raise spending.budget.too_large("a formatted text")
        return self._checked(super().getattr(obj, attribute))

    def getitem(self, obj: Any, argument: Any) -> Any:
        return self._checked(super().getitem(obj, argument))

    @staticmethod
    def _checked(value: Any) -> Any:
        spending = _spending.get()
        if spending is not None:
            spending.check_time()
            spending.check_size(value)
        return value


#: built-in filters whose numbers say how much they make (a width, a count of items)
_SIZING_FILTERS = frozenset({"do_center", "do_indent", "do_wordwrap", "do_truncate",
                             "do_batch", "do_slice", "do_format", "do_replace"})


def budgeted_filter(function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter whose inputs and result count against the budget (filters are called by
    the template directly, not through the sandbox). It takes the template's context, so
    Jinja2 never runs it while compiling a template (constant folding), where no budget
    applies: ``"x"|center(999999999)`` would otherwise run before any render."""
    sizing = getattr(function, "__name__", "") in _SIZING_FILTERS
    passes = getattr(getattr(function, "jinja_pass_arg", None), "name", None)

    @pass_context
    @functools.wraps(function)
    def checked(context: Context, *args: Any, **kwargs: Any) -> Any:
        spending = _spending.get()
        if spending is not None:
            spending.check_time()
            for value in (*args, *kwargs.values()):
                if sizing:
                    spending.check_int(value)
                spending.check_size(value)
            if sizing:
                _check_growth(spending, function.__name__, list(args), kwargs)
        if passes == "context":
            result = function(context, *args, **kwargs)
        elif passes == "eval_context":
            result = function(context.eval_ctx, *args, **kwargs)
        elif passes == "environment":
            result = function(context.environment, *args, **kwargs)
        else:
            result = function(*args, **kwargs)
        return result if spending is None else spending.check_size(result)

    return checked


def _check_growth(spending: _Spending, name: str, positional: list[Any],
                  kwargs: dict[str, Any]) -> None:
    """``replace``, ``indent`` and ``format`` can multiply a text: estimate the result
    (or refuse the width) first."""
    text = positional[0] if positional else ""
    if not isinstance(text, str):
        return
    if name == "do_format":
        _check_percent_format(spending, text)
        return
    if name == "do_replace" and len(positional) >= 3:
        old, new = str(positional[1]), str(positional[2])
        times = text.count(old) if old else len(text) + 1
        size = len(text) + times * max(len(new) - len(old), 0)
    elif name == "do_indent":
        width = kwargs.get("width", positional[1] if len(positional) > 1 else 4)
        size = len(text) + (text.count("\n") + 1) * (
            width if isinstance(width, int) else len(str(width)))
    else:
        return
    if size > spending.budget.characters:
        raise spending.budget.too_large("a text")


def budgeted_range(*args: int) -> Iterator[int]:
    """``range()`` for templates: the sandbox's (at most 100,000 items), looking at the
    clock every few items so that nested loops are stopped in time."""
    from jinja2.sandbox import safe_range

    for index, value in enumerate(safe_range(*args)):
        if index % _CHECK_EVERY == 0:
            spending = _spending.get()
            if spending is not None:
                spending.check_time()
        yield value


def _raise_in(thread_id: int, exception: type[BaseException]) -> None:
    """Raise ``exception`` in another thread at its next step: CPython's own mechanism,
    the only way to stop pure Python code from outside."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id),
                                               ctypes.py_object(exception))


class _TimeUp(BaseException):
    """Raised in the rendering thread by its watcher: a BaseException, so that no
    ``except Exception`` on the way can swallow it."""


class _Watcher:
    """Raises :class:`_TimeUp` in the thread that made it once ``seconds`` have passed,
    and again every half second until :meth:`stop` (in case something caught it).

    An interrupt is delivered at the thread's next step, not at once: :meth:`stop`
    receives one that is still on its way, so that none can strike after it returned.
    """

    def __init__(self, seconds: float) -> None:
        self._thread_id = threading.get_ident()
        self._lock = threading.Lock()
        self._active = True
        self._pending = False  # an interrupt was sent and has not been received yet
        self._stopped = threading.Event()
        threading.Thread(target=self._run, args=(seconds,), daemon=True,
                         name="commitgen-template-watcher").start()

    def _run(self, seconds: float) -> None:
        wait = seconds
        while not self._stopped.wait(wait):
            with self._lock:
                if not self._active:
                    return
                _raise_in(self._thread_id, _TimeUp)
                self._pending = True
            wait = 0.5

    def received(self) -> None:
        """The rendering thread caught a :class:`_TimeUp`."""
        self._pending = False

    def stop(self) -> None:
        """No more interrupts; one still on its way is received here (given 50 ms: it
        arrives within microseconds unless something caught it already)."""
        self._stopped.set()
        end = time.monotonic() + 0.05
        while True:
            try:
                with self._lock:
                    self._active = False
                while self._pending and time.monotonic() < end:
                    time.sleep(0.001)
                self._pending = False
                return
            except _TimeUp:
                self._pending = False


def render_within(template: Template, context: dict[str, Any], budget: Budget) -> str:
    """Render ``template`` with ``context`` within ``budget``; raises
    :class:`TemplateLimitExceeded` (its traceback points into the template)."""
    spending = _Spending(budget, time.monotonic() + budget.seconds)
    token = _spending.set(spending)
    parts: list[str] = []
    size = 0
    parts_of = cast(Generator[str, None, None], template.generate(**context))
    watcher = _Watcher(budget.seconds + _WATCHER_LAG)
    spending.watcher = watcher
    try:
        try:
            for part in parts_of:
                size += len(part)
                if size > budget.characters:  # raised where the template is: its line
                    parts_of.throw(budget.too_large("the HTML"))
                if time.monotonic() > spending.deadline:
                    parts_of.throw(budget.too_slow())
                parts.append(part)
        finally:
            watcher.stop()
    except _TimeUp:
        watcher.received()
        watcher.stop()
        if inspect.getgeneratorstate(parts_of) == "GEN_SUSPENDED":  # between two parts
            parts_of.throw(budget.too_slow())
        try:
            template.environment.handle_exception()  # the template's lines in the traceback
        except _TimeUp as exc:
            raise budget.too_slow().with_traceback(exc.__traceback__) from None
    finally:
        _spending.reset(token)
    return "".join(parts)
