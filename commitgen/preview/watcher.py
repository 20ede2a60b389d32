"""Which file changes make the preview rebuild: the project's settings file, its policy
files, its templates (catalogues included) and its assets, as ``commitgen.yaml`` names
them at the moment of the change. Editors' swap and backup files are ignored."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from threading import Event

from watchfiles import Change, DefaultFilter, watch

from commitgen.loading.files import POLICY_SUFFIXES
from commitgen.project import CONFIG_NAME, Project


def is_relevant(path: Path, root: Path, project: Project | None) -> bool:
    """Whether a change of ``path`` can change what the preview shows."""
    path = path.absolute()
    if path == root / CONFIG_NAME:
        return True
    if project is None:  # the settings do not load: only their fix matters, or a policy
        return path.suffix in POLICY_SUFFIXES
    if path.is_relative_to(project.policies_dir.absolute()):
        return path.suffix in POLICY_SUFFIXES and not path.name.startswith(".")
    return any(path.is_relative_to(folder.absolute())
               for folder in (project.templates_dir, project.assets_dir))


class _Filter(DefaultFilter):
    """watchfiles' default (no .git, swap files, backups) plus :func:`is_relevant`."""

    def __init__(self, root: Path, project: Callable[[], Project | None]) -> None:
        super().__init__()
        self._root = root
        self._project = project

    def __call__(self, change: Change, path: str) -> bool:
        return super().__call__(change, path) and is_relevant(Path(path), self._root,
                                                             self._project())


def changes(root: Path, project: Callable[[], Project | None], stop: Event
            ) -> Iterator[set[Path]]:
    """The project's relevant changes, a set of paths at a time (a save that touches
    several files arrives as one set), until ``stop`` is set or Ctrl-C is pressed."""
    for batch in watch(root, watch_filter=_Filter(root, project), stop_event=stop,
                       debounce=400, step=30, rust_timeout=500, yield_on_timeout=False):
        yield {Path(path) for _, path in batch}


def describe(paths: Iterable[Path], root: Path) -> str:
    """``policies/a.yaml, templates/x.j2``: changed files as the user knows them."""
    names = sorted(p.relative_to(root).as_posix() if p.is_relative_to(root) else str(p)
                   for p in paths)
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
