"""The template search path: a project's own ``templates/`` folder first, so a file of
the same name wins; the built-in theme (:mod:`commitgen.render.theme_folders`) after it
and always under the ``theme/`` prefix, so an override can
``{% extends "theme/charter.html.j2" %}`` and replace one block.
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

from commitgen.render.theme_folders import builtin_theme_dir


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
