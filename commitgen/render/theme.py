"""Where the default theme lives, and the template search path.

The default theme is the top-level ``templates/`` folder of the source tree; an
installed wheel carries it as ``commitgen/_theme``. A project's own
``templates/`` folder comes first on the search path, so a file of the same
name wins; the built-in theme stays reachable under the ``theme/`` prefix so an
override can ``{% extends "theme/charter.html.j2" %}`` and replace one block.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    TemplateError,
)

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def builtin_theme_dir() -> Path:
    """The default theme folder, installed or in a source checkout."""
    installed = PACKAGE_DIR / "_theme"
    if installed.is_dir():
        return installed
    source = PACKAGE_DIR.parent / "templates"
    if source.is_dir():
        return source
    raise FileNotFoundError("the default theme is missing from this installation")


class TemplateOutsideFolder(TemplateError):
    """A template file is a symlink to somewhere outside the templates folder."""


class ConfinedLoader(FileSystemLoader):
    """A file system loader that refuses templates whose real path (symlinks resolved)
    lies outside its folder: a template cannot be a window onto another file."""

    def get_source(self, environment: Environment,
                   template: str) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        real = Path(os.path.realpath(filename))
        if not any(real.is_relative_to(os.path.realpath(folder)) for folder in self.searchpath):
            raise TemplateOutsideFolder(f"{filename}: the template leads outside its folder "
                                        "(through a symlink)")
        return source, filename, uptodate


def template_loader(project_templates: Path | None) -> ChoiceLoader:
    """Project templates first, then the built-in theme; ``theme/…`` always built-in."""
    builtin = ConfinedLoader(str(builtin_theme_dir()))
    loaders: list[BaseLoader] = []
    if project_templates is not None and project_templates.is_dir():
        loaders.append(ConfinedLoader(str(project_templates)))
    loaders.extend([PrefixLoader({"theme": builtin}, delimiter="/"), builtin])
    return ChoiceLoader(loaders)


def theme_search_dirs(project_templates: Path | None) -> list[Path]:
    """Folders whose files a document may reference (CSS, fonts, images)."""
    dirs = []
    if project_templates is not None and project_templates.is_dir():
        dirs.append(project_templates.resolve())
    dirs.append(builtin_theme_dir().resolve())
    return dirs
