"""Every command's last line of defence: interruptions and internal errors.

A user's mistake never reaches this module (commands report it and exit 1, 2 or 3).
What does is either an interruption — Ctrl-C (exit 130) or SIGTERM, how CI cancels a
job (exit 143) — after which every ``finally`` has run, so a build has removed its
staging folder and the previous output is unchanged; or an exception nobody expected,
which is a bug: it is reported as an internal error (exit 4) with a request to report
it, and its traceback is printed only with ``--debug``.
"""

from __future__ import annotations

import signal
import sys
import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

import click

from commitgen.exitcodes import ExitCode
from commitgen.printable import excerpt, printable


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that every cleanup runs the same way."""


@contextmanager
def sigterm_interrupts() -> Iterator[None]:
    """While inside, SIGTERM raises :class:`Terminated` (main thread only; the previous
    handler comes back afterwards)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _exit(message: str, code: ExitCode) -> NoReturn:
    click.secho(message, fg="red", err=True)
    sys.exit(code)


class GuardedGroup(click.Group):
    """A click group whose commands end with a documented exit code, whatever happens."""

    def invoke(self, ctx: click.Context) -> Any:
        debug = bool(ctx.params.get("debug"))
        try:
            with sigterm_interrupts():
                return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit,
                click.exceptions.Abort):
            raise
        except Terminated:
            _exit("terminated (SIGTERM): stopped; the previous output is unchanged",
                  ExitCode.TERMINATED)
        except KeyboardInterrupt:
            _exit("interrupted: stopped; the previous output is unchanged",
                  ExitCode.INTERRUPTED)
        except Exception as exc:
            if debug:
                click.echo(printable("".join(traceback.format_exception(exc)),
                                     keep_newlines=True), err=True)
            _exit(internal_error_message(exc, debug), ExitCode.INTERNAL)


def internal_error_message(exc: BaseException, debug: bool) -> str:
    """What an unexpected exception says: a bug, to be reported, and how to see more."""
    more = ("the traceback is above" if debug else
            "run the same command with `commitgen --debug …` to see the traceback")
    return (f"internal error: {type(exc).__name__}: {excerpt(str(exc), 200)}\n"
            "This is a bug in commitgen, not a problem in your files: please report it "
            f"with the command you ran and the input that caused it ({more}).")
