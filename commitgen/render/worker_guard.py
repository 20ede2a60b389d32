"""What bounds a PDF worker process: time per document, memory, and a life no longer
than the build's.

Set up once per worker by :func:`guard_worker` (from the pool's initializer):

* **memory** — the worker's address space is limited (``RLIMIT_AS``: WeasyPrint then
  fails to allocate: a ``MemoryError``, or any error once the address space is nearly
  used up) where the system enforces it (Linux); a watchdog thread also checks the
  worker's peak resident memory (macOS). Windows has neither: only the time limit
  applies there. A worker that ran out of memory renders nothing more (native code may
  have left it broken): its remaining documents fail, naming the one that used it up.
* **time** — :func:`document_limits` arms the watchdog around one document; when the
  document takes too long (or too much memory), the watchdog leaves the document and
  the reason in ``last_words`` and interrupts the worker's main thread, where
  :class:`LimitExceeded` ends that document only. A worker stuck in native code that
  cannot be interrupted is stopped after a grace period: by the watchdog, or — when
  that code holds the interpreter's lock, so that no thread can run — by the kernel,
  through a timer set for each document (``SIGALRM``, Linux and macOS).
* **parent** — a thread waits on a pipe whose other end only the build holds: when the
  build dies, even by ``kill -9``, the pipe closes and the worker exits at once, on every
  platform and with every start method.
"""

from __future__ import annotations

import _thread
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.queues import SimpleQueue
from typing import Any

#: how long an interrupted document has to end before its worker is stopped
GRACE_SECONDS = 10.0
#: how often the watchdog looks at the clock and the worker's memory
POLL_SECONDS = 0.1
#: the exit status of a worker stopped by its watchdog
STOPPED = 75


@dataclass(frozen=True)
class WorkerLimits:
    seconds: float
    memory_mb: int
    grace_seconds: float = GRACE_SECONDS

    def timeout_message(self) -> str:
        return (f"took longer than {self.seconds:g} seconds (limits: pdf_seconds in "
                "commitgen.yaml)")

    def memory_message(self) -> str:
        return (f"needed more than {self.memory_mb} MiB of memory (limits: pdf_memory_mb "
                "in commitgen.yaml)")


class LimitExceeded(Exception):
    """A document went over a limit; the message says which."""


class _Watchdog:
    def __init__(self, limits: WorkerLimits, last_words: SimpleQueue[Any] | None) -> None:
        self.limits = limits
        self.last_words = last_words
        self._lock = threading.Lock()
        self._label: str | None = None
        self._deadline = 0.0
        self.reason: str | None = None  # why the current document was interrupted
        threading.Thread(target=self._run, name="commitgen-watchdog", daemon=True).start()

    def arm(self, label: str) -> None:
        with self._lock:
            self._label, self.reason = label, None
            self._deadline = time.monotonic() + self.limits.seconds
        _kernel_timer(self.limits.seconds + 2 * self.limits.grace_seconds)

    def disarm(self) -> None:
        _kernel_timer(0)
        with self._lock:
            self._label = None

    @property
    def interrupting(self) -> bool:
        """Whether the running document is being stopped (False once it has ended: an
        interrupt that arrives after the document finished is ignored)."""
        return self._label is not None and self.reason is not None

    def _run(self) -> None:
        while True:
            time.sleep(POLL_SECONDS)
            with self._lock:
                if self._label is None or self.reason is not None:
                    continue
                if time.monotonic() > self._deadline:
                    self.reason = self.limits.timeout_message()
                elif _peak_rss_mb() > self.limits.memory_mb:
                    self.reason = self.limits.memory_message()
                else:
                    continue
                label, reason = self._label, self.reason
            if self.last_words is not None:  # read by the build only if the worker stops
                self.last_words.put((label, reason))
            with self._lock:
                if self._label == label:
                    _thread.interrupt_main(signal.SIGINT)
            self._stop_if_stuck(label)

    def _stop_if_stuck(self, label: str) -> None:
        """The main thread had its interrupt; if the same document is still running after
        the grace period, it is stuck in native code: stop the worker."""
        end = time.monotonic() + self.limits.grace_seconds
        while time.monotonic() < end:
            time.sleep(POLL_SECONDS)
            with self._lock:
                if self._label != label:
                    return
        os._exit(STOPPED)


_watchdog: _Watchdog | None = None


def _on_interrupt(signum: int, frame: object) -> None:
    """SIGINT in a worker: the watchdog's interrupt ends the document; a Ctrl-C from the
    terminal is left to the build, which stops its workers itself."""
    if _watchdog is not None and _watchdog.interrupting:
        raise LimitExceeded(_watchdog.reason)


def _kernel_timer(seconds: float) -> None:
    """SIGALRM after ``seconds`` (0: none). Its default action ends the process without
    the interpreter's help, so it works even when no Python code can run."""
    if hasattr(signal, "setitimer"):
        signal.setitimer(signal.ITIMER_REAL, seconds)


def _peak_rss_mb() -> float:
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024  # bytes / KiB


def _limit_address_space(megabytes: int) -> None:
    try:
        import resource

        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        wanted = megabytes * 2**20
        if hard != resource.RLIM_INFINITY:
            wanted = min(wanted, hard)
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    except (ImportError, AttributeError, ValueError, OSError):
        pass  # not enforced here: the watchdog's look at resident memory remains


def _exit_with_parent(parent_alive: Connection) -> None:
    wait([parent_alive])  # readable only at end of file: the build has gone
    os._exit(STOPPED)


def guard_worker(limits: WorkerLimits, parent_alive: Connection | None,
                 last_words: SimpleQueue[Any] | None) -> None:
    """Set up this worker process's bounds (call once, first thing in the worker)."""
    global _watchdog
    _limit_address_space(limits.memory_mb)
    signal.signal(signal.SIGINT, _on_interrupt)
    if hasattr(signal, "SIGALRM"):
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
    if parent_alive is not None:
        threading.Thread(target=_exit_with_parent, args=(parent_alive,),
                         name="commitgen-parent-watch", daemon=True).start()
    _watchdog = _Watchdog(limits, last_words)


def _address_space_mb() -> tuple[float, float] | None:
    """(peak address space used, its limit) in MiB, where the system says both (Linux)."""
    try:
        import resource

        limit, _ = resource.getrlimit(resource.RLIMIT_AS)
        if limit == resource.RLIM_INFINITY:
            return None
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmPeak:"):
                    return int(line.split()[1]) / 1024, limit / 2**20
    except (ImportError, AttributeError, OSError, ValueError):
        pass
    return None


def _out_of_memory(exc: BaseException) -> bool:
    """Whether a failure is the memory limit's doing. Native code that cannot allocate
    under ``RLIMIT_AS`` does not always say ``MemoryError``: it may fail with any error
    (``SystemError``, a ``TypeError`` from a half-built object) once the address space
    is nearly used up."""
    if isinstance(exc, MemoryError):
        return True
    space = _address_space_mb()
    return space is not None and space[0] >= NEAR_LIMIT * space[1]


#: the share of the address-space limit above which any failure counts as out of memory
NEAR_LIMIT = 0.9
#: the document whose memory failure left this worker unfit for more work, if any
_spent_on: str | None = None


@contextmanager
def document_limits(label: str) -> Iterator[None]:
    """Around one document: :class:`LimitExceeded` when it takes too long or too much
    memory (a failure near the memory limit counts as that too). A worker that ran out
    of memory may have been left in a broken state by the native code that failed: it
    renders nothing more, and says why."""
    global _spent_on
    watchdog = _watchdog
    if watchdog is None:  # not in a guarded worker
        yield
        return
    if _spent_on is not None:
        raise LimitExceeded(f"not rendered: its PDF worker had run out of memory on "
                            f"{_spent_on}")
    watchdog.arm(label)
    try:
        yield
    except LimitExceeded:
        raise
    except Exception as exc:
        if not _out_of_memory(exc):
            raise
        _spent_on = label
        raise LimitExceeded(watchdog.limits.memory_message()) from None
    finally:
        watchdog.disarm()
