"""A commitgen project: its folder, its ``commitgen.yaml`` and the environment.

This is the one place that reads the environment (``SOURCE_DATE_EPOCH``) and
the working directory.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from commitgen.diagnostics import Diagnostic, display_path
from commitgen.loading.located import CODE_TYPE
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
    def assets_dir(self) -> Path:
        return self.root / self.config.assets

    @property
    def output_dir(self) -> Path:
        return self.root / self.config.output


def load_project(root: Path | None = None) -> tuple[Project | None, list[Diagnostic]]:
    """Read ``commitgen.yaml`` if there is one; every setting has a default."""
    root = (root or Path.cwd()).resolve()
    config_file = root / CONFIG_NAME
    if not config_file.is_file():
        return Project(root, SiteConfig(), None), []
    source, diagnostics = read_source(config_file, display_path(config_file))
    if source is None:
        return None, diagnostics
    if source.document.data is None:
        return Project(root, SiteConfig(), config_file), []
    config, diagnostics = build_model(SiteConfig, source)
    if config is None:
        return None, diagnostics
    project = Project(root, config, config_file)
    problems = []
    if config.branding.logo and not (root / config.branding.logo).is_file():
        line, col = source.document.position(("branding", "logo"))
        problems.append(Diagnostic(source.file, line, col, CODE_TYPE,
                                   f'the logo "{config.branding.logo}" does not exist',
                                   "branding.logo", "put the image in assets/ and give its path"))
    return (None, problems) if problems else (project, [])


def source_date() -> dt.datetime | None:
    """``SOURCE_DATE_EPOCH`` (reproducible builds), if set."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    try:
        return dt.datetime.fromtimestamp(int(value), tz=dt.UTC)
    except (ValueError, OverflowError):
        raise ValueError(f"SOURCE_DATE_EPOCH must be a number of seconds, got {value!r}") from None


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
        os.cpu_count() or 1)
