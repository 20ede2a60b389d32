"""``commitgen init``: a new, working policy project. Never overwrites a file; the
command refuses a folder that is not empty unless told ``--force``."""

from __future__ import annotations

from pathlib import Path

from commitgen.schema import FILE_NAMES, schema_text

STARTER = Path(__file__).resolve().parent / "starter"

#: starter file → name in the new project
_RENAMES = {"gitignore": ".gitignore"}


def is_empty_folder(directory: Path) -> bool:
    """Whether ``directory`` does not exist yet or holds nothing (a file is not empty)."""
    if not directory.exists():
        return True
    return directory.is_dir() and not any(directory.iterdir())


def scaffold(directory: Path) -> tuple[list[Path], list[Path]]:
    """Create the project files in ``directory``; returns (created, kept as they were)."""
    files: dict[Path, bytes] = {}
    for source in sorted(STARTER.rglob("*")):
        if source.is_file() and "__pycache__" not in source.parts:
            relative = source.relative_to(STARTER)
            relative = relative.with_name(_RENAMES.get(relative.name, relative.name))
            files[relative] = source.read_bytes()
    for kind, name in FILE_NAMES.items():
        files[Path(name)] = schema_text(kind).encode()
    created, kept = [], []
    for relative, content in files.items():
        target = directory / relative
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ScaffoldError(f"cannot create the folder {target.parent}: {exc.strerror}"
                                ) from exc
        try:
            with target.open("xb") as handle:  # "x": never overwrite, not even via a symlink
                handle.write(content)
        except FileExistsError:
            kept.append(target)
            continue
        except OSError as exc:
            raise ScaffoldError(f"cannot create {target}: {exc.strerror}") from exc
        created.append(target)
    try:
        (directory / "assets").mkdir(exist_ok=True)
    except OSError as exc:
        raise ScaffoldError(f"cannot create {directory / 'assets'}: {exc.strerror}") from exc
    return created, kept


class ScaffoldError(Exception):
    """The project folder cannot be written (a file where a folder should be, permissions)."""
