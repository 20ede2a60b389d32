"""Write a build into a staging folder and swap it in only when everything succeeded.

A failed or interrupted build leaves the previous output untouched: the staging
folder sits beside the output folder (same file system, so renames are atomic)
and is removed on failure.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

STAGING_PREFIX = ".commitgen-staging-"
RETIRED_PREFIX = ".commitgen-retired-"


def recover(output: Path) -> None:
    """Finish a swap that was interrupted between its two renames."""
    if output.exists():
        for retired in output.parent.glob(f"{RETIRED_PREFIX}{output.name}-*"):
            shutil.rmtree(retired, ignore_errors=True)
        return
    leftovers = sorted(output.parent.glob(f"{RETIRED_PREFIX}{output.name}-*/old"))
    if leftovers:
        os.rename(leftovers[-1], output)
        shutil.rmtree(leftovers[-1].parent, ignore_errors=True)


@contextmanager
def staging(output: Path) -> Iterator[Path]:
    """Yield an empty staging folder; on success swap it in as ``output``."""
    output.parent.mkdir(parents=True, exist_ok=True)
    recover(output)
    stage = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{output.name}-", dir=output.parent))
    try:
        yield stage
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    swap_in(stage, output)


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
