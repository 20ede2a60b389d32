"""A commitgen project: its folder and its ``commitgen.yaml``."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from commitgen.diagnostics import CODE_FILE, Diagnostic, FieldPath, display_path
from commitgen.loading.sources import build_model, read_source
from commitgen.model.site import SiteConfig

CONFIG_NAME = "commitgen.yaml"


@dataclass(frozen=True)
class Project:
    root: Path
    config: SiteConfig
    config_file: Path | None

    @property
    def policies_dir(self) -> Path:
        return self.root / self.config.policies

    @property
    def templates_dir(self) -> Path:
        return self.root / self.config.templates

    @property
    def own_templates(self) -> Path | None:
        """The project's template folder, or None when it has none (the default theme)."""
        return self.templates_dir if self.templates_dir.is_dir() else None

    @property
    def assets_dir(self) -> Path:
        return self.root / self.config.assets

    @property
    def releases_dir(self) -> Path:
        return self.root / self.config.releases

    @property
    def output_dir(self) -> Path:
        return self.root / self.config.output


def is_project(root: Path) -> bool:
    """Whether ``root`` looks like a commitgen project: it has a ``commitgen.yaml`` or a
    ``policies/`` folder (the default, which needs no settings file)."""
    return (root / CONFIG_NAME).is_file() or (root / SiteConfig().policies).is_dir()


def load_project(root: Path, shown_from: Path | None = None
                 ) -> tuple[Project | None, list[Diagnostic]]:
    """Read ``commitgen.yaml`` in the folder ``root`` if there is one; every setting has a
    default. File names in problems are relative to ``shown_from`` (default: ``root``).
    Returns the project (None when its settings have errors) and the problems found
    (warnings only, when there is a project)."""
    root = root.resolve()
    config_file = root / CONFIG_NAME
    if not config_file.is_file():
        defaults = SiteConfig()
        problems = [p.placed(CONFIG_NAME) for p in folder_problems(root, defaults)]
        return (None, problems) if problems else (Project(root, defaults, None), [])
    source, warnings = read_source(config_file, display_path(config_file, shown_from or root),
                                   allow_empty=True, within=root)
    if source is None:
        return None, warnings
    if source.document.data is None:  # empty, or only comments: every default applies
        source.document.data = {}
    config, diagnostics = build_model(SiteConfig, source, "commitgen.yaml holds settings such "
                                      "as `organisation:` and `branding:`")
    if config is None:
        return None, [*warnings, *diagnostics]
    problems = [p.placed(source.file, source.document) for p in folder_problems(root, config)]
    return (None, [*warnings, *problems]) if problems else (
        Project(root, config, config_file), warnings)


LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg")


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def folder_problems(root: Path, config: SiteConfig) -> list[Diagnostic]:
    """The project's folders must stay inside it and apart; the output folder is
    replaced on every build, so it may be nothing else and may not be a symlink."""
    found: list[tuple[FieldPath, str, str]] = []
    real = {name: Path(os.path.realpath(root / getattr(config, name)))
            for name in ("policies", "templates", "assets", "output", "releases")}
    for name, path in real.items():
        if not _inside(path, root):
            found.append(((name,), f'"{getattr(config, name)}" leads outside the project '
                             "(through a symlink)", "use a folder inside the project"))
        elif path == root and name != "policies":
            found.append(((name,), f"{name} cannot be the project folder itself",
                             f"use a folder of its own, e.g. {name}"))
    output = root / config.output
    if any(p.is_symlink() for p in (output, *output.parents) if _inside(p, root) and p != root):
        found.append((("output",), "the output folder may not be a symlink",
                         "point output at a real folder; publish by copying output/public"))
    for name in ("policies", "templates", "assets", "releases"):
        if _inside(real[name], real["output"]) or _inside(real["output"], real[name]):
            found.append((("output",), f"the output folder overlaps {name}/: every build "
                             "replaces the output folder", "use a folder of its own: output"))
    if _inside(root / CONFIG_NAME, real["output"]) or real["output"].name == ".git":
        found.append((("output",), "the output folder would replace project files",
                         "use a folder of its own: output"))
    logo = config.branding.logo
    if logo is not None:
        path = Path(os.path.realpath(root / logo))
        if not path.is_relative_to(real["assets"]):
            found.append((("branding", "logo"), f'the logo "{logo}" is not inside '
                             f"{config.assets}/", f"put the image in {config.assets}/"))
        elif path.suffix.lower() not in LOGO_SUFFIXES:
            found.append((("branding", "logo"), f'the logo "{logo}" is not an image',
                             "use a .png, .jpg, .gif, .webp or .svg file"))
        elif not path.is_file():
            found.append((("branding", "logo"), f'the logo "{logo}" does not exist',
                             f"put the image in {config.assets}/ and give its path"))
    return [Diagnostic.at(path, message, hint, code=CODE_FILE) for path, message, hint in found]
