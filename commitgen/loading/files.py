"""Which files are policies (without reading them: the incremental build lists them
before it decides whether to load anything)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

POLICY_SUFFIXES = (".yaml", ".yml")


def discover_policy_files(paths: Sequence[Path]) -> list[Path]:
    """Policy files under the given files and folders, in a stable order, each once (as
    first written: a symlink keeps its own name)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir()
                                if p.suffix in POLICY_SUFFIXES and p.is_file()
                                and not p.name.startswith(".")))
        else:
            found.append(path)
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(path.resolve(), Path(os.path.abspath(path)))
    return list(unique.values())
