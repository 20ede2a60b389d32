"""What commitgen takes from the process it runs in, read in one place.

The front end (the CLI, a test, another tool) calls :meth:`Runtime.from_environment`
once and passes the result down; no other module reads ``os.environ`` or the working
folder, and nothing writes to ``os.environ`` (PDF worker processes configure their own
font lookup from :attr:`Runtime.font_dir`, see :mod:`commitgen.render.pdf`).

Variables:

``SOURCE_DATE_EPOCH``
    seconds since 1970: the date stamped into documents (reproducible builds); without
    it, each charter's effective date.
``COMMITGEN_FONT_DIR``
    a folder holding the theme's Inter ``.otf`` files, where the Debian package
    ``fonts-inter`` is not installed (macOS, Windows).
``COMMITGEN_TODAY``
    a date (``2027-03-01``) taken as today: when a new version is published at the
    earliest (the notice rule of ``check``) and the date ``release`` records; without
    it, the machine's clock.
``COMMITGEN_START_METHOD``
    how PDF worker processes start: ``forkserver`` (the default where it exists: Linux,
    macOS) or ``spawn`` (the default on Windows; works everywhere).
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

SOURCE_DATE_VARIABLE = "SOURCE_DATE_EPOCH"
FONT_DIR_VARIABLE = "COMMITGEN_FONT_DIR"
START_METHOD_VARIABLE = "COMMITGEN_START_METHOD"
TODAY_VARIABLE = "COMMITGEN_TODAY"
START_METHODS = ("forkserver", "spawn")


class RuntimeProblem(ValueError):
    """An environment variable holds something commitgen cannot use (a usage error)."""


@dataclass(frozen=True)
class Runtime:
    """The working folder and the environment variables commitgen uses."""

    cwd: Path
    source_date: dt.datetime | None = None
    font_dir: Path | None = None
    start_method: str = "spawn"
    today: dt.date = dt.date(1970, 1, 1)

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None,
                         cwd: Path | None = None) -> Runtime:
        """Read the process's environment (or ``environ``) and working folder once."""
        env = os.environ if environ is None else environ
        font_dir = env.get(FONT_DIR_VARIABLE, "").strip()
        return cls(
            cwd=(cwd or Path.cwd()).resolve(),
            source_date=_source_date(env.get(SOURCE_DATE_VARIABLE, "")),
            font_dir=Path(font_dir) if font_dir else None,
            start_method=_start_method(env.get(START_METHOD_VARIABLE, "")),
            today=_today(env.get(TODAY_VARIABLE, "")),
        )


def _today(value: str) -> dt.date:
    """``COMMITGEN_TODAY``, else the clock: the one place commitgen reads the date."""
    if not value.strip():
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise RuntimeProblem(f"{TODAY_VARIABLE} must be a date such as 2027-03-01, got "
                             f"{value.strip()[:40]!r}") from None


def _source_date(value: str) -> dt.datetime | None:
    if not value.strip():
        return None
    try:
        return dt.datetime.fromtimestamp(int(value.strip()), tz=dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise RuntimeProblem(f"{SOURCE_DATE_VARIABLE} must be a number of seconds since "
                             f"1970, got {value.strip()[:40]!r}") from None


def _start_method(value: str) -> str:
    available = multiprocessing.get_all_start_methods()
    if not value.strip():
        return "forkserver" if "forkserver" in available else "spawn"
    method = value.strip()
    if method not in START_METHODS or method not in available:
        choices = ", ".join(m for m in START_METHODS if m in available)
        raise RuntimeProblem(f"{START_METHOD_VARIABLE}={method[:40]!r} is not available "
                             f"here; use one of: {choices}")
    return method


def default_jobs() -> int:
    """The number of cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
        os.cpu_count() or 1)
