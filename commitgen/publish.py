"""Write a build into a staging folder and swap it in only when everything succeeded.

A failed or interrupted build leaves the previous output untouched: the staging
folder sits beside the output folder (same file system, so renames are atomic)
and is removed on failure. Only a folder that commitgen made (it carries the
:data:`MARKER` file) is ever replaced, and one build at a time holds the lock.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from commitgen.diagnostics import BuildFailure

STAGING_PREFIX = ".commitgen-staging-"
RETIRED_PREFIX = ".commitgen-retired-"
LOCK_NAME = ".commitgen-lock"
MARKER = ".commitgen-output"
_MARKER_TEXT = b"Made by commitgen build; the whole folder is replaced on every build.\n"


def _leftovers(output: Path, prefix: str) -> list[Path]:
    found = output.parent.glob(f"{prefix}{output.name}-*")
    return sorted(found, key=lambda p: p.stat().st_mtime)


def recover(output: Path) -> None:
    """Clean up after a build that was killed: finish an interrupted swap, drop stale
    staging folders (they may hold staff briefings). Call with the lock held."""
    retired = [p / "old" for p in _leftovers(output, RETIRED_PREFIX) if (p / "old").is_dir()]
    if not output.exists() and retired:
        os.rename(retired[-1], output)
    for path in (*_leftovers(output, RETIRED_PREFIX), *_leftovers(output, STAGING_PREFIX)):
        shutil.rmtree(path, ignore_errors=True)


def check_replaceable(output: Path) -> None:
    """Refuse to replace a folder commitgen did not make."""
    if output.is_symlink() or (output.exists() and not output.is_dir()):
        raise BuildFailure(f"{output} is not a folder commitgen made; move it away or "
                           "choose another output folder")
    if output.is_dir() and any(output.iterdir()) and not (output / MARKER).is_file():
        raise BuildFailure(f"{output} already holds files that commitgen did not write; "
                           "move them away or choose another output folder in commitgen.yaml")


@contextmanager
def locked(output: Path) -> Iterator[None]:
    """One build at a time per output folder (an OS file lock through ``filelock``:
    ``flock`` on Linux and macOS, ``LockFileEx`` on Windows; released when the process
    dies, so a killed build never leaves a stale lock)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(output.parent / LOCK_NAME, timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise BuildFailure("another commitgen build is running in this project") from None
    try:
        yield
    finally:
        lock.release()


@contextmanager
def staging(output: Path) -> Iterator[Path]:
    """Yield an empty staging folder; on success swap it in as ``output``."""
    with locked(output):
        recover(output)
        check_replaceable(output)
        with staged(output) as stage:
            yield stage


@contextmanager
def staged(output: Path) -> Iterator[Path]:
    """:func:`staging` for a caller that holds the lock, has recovered and checked."""
    stage = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{output.name}-", dir=output.parent))
    try:
        yield stage
        (stage / MARKER).write_bytes(_MARKER_TEXT)
        swap_in(stage, output)
    finally:
        shutil.rmtree(stage, ignore_errors=True)  # gone already after a swap


def swap_in(stage: Path, output: Path) -> None:
    stage.chmod(0o755)
    if output.exists():
        retired = Path(tempfile.mkdtemp(prefix=f"{RETIRED_PREFIX}{output.name}-",
                                        dir=output.parent))
        os.rename(output, retired / "old")
        os.rename(stage, output)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        os.rename(stage, output)


def write_files(stage: Path, files: dict[str, bytes]) -> None:
    for relative, content in sorted(files.items()):
        target = stage / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def copy_files(stage: Path, copies: dict[str, Path]) -> None:
    for relative, source in sorted(copies.items()):
        target = stage / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


def keep_files(stage: Path, output: Path, names: list[str]) -> None:
    """Copy ``names`` from the previous ``output`` into the staging folder."""
    copy_files(stage, {name: output / name for name in names})
