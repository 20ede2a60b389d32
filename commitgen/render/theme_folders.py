"""Where the default theme lives, and the folders a document's templates come from.

The default theme is the top-level ``templates/`` folder of the source tree; an
installed wheel carries it as ``commitgen/_theme``. A project's own ``templates/``
folder comes first, so a file of the same name wins; the built-in theme stays
reachable under the ``theme/`` prefix. (Only paths here, no Jinja2: the incremental
build resolves template names without loading a template engine.)
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

PACKAGE_DIR = Path(__file__).resolve().parent.parent
#: the prefix under which a project's templates reach the built-in theme
THEME_PREFIX = "theme/"


def builtin_theme_dir() -> Path:
    """The default theme folder, installed or in a source checkout."""
    installed = PACKAGE_DIR / "_theme"
    if installed.is_dir():
        return installed
    source = PACKAGE_DIR.parent / "templates"
    if source.is_dir():
        return source
    raise FileNotFoundError("the default theme is missing from this installation")


def theme_search_dirs(project_templates: Path | None) -> list[Path]:
    """Folders whose files a document may reference (CSS, fonts, images)."""
    dirs = []
    if project_templates is not None and project_templates.is_dir():
        dirs.append(project_templates.resolve())
    dirs.append(builtin_theme_dir().resolve())
    return dirs


def template_candidates(name: str, project_templates: Path | None) -> list[Path]:
    """The files a template name may load, in the order the loader of
    :func:`commitgen.render.theme.template_loader` tries them (the first that exists
    wins): the project's folder, then (for ``theme/…``) the built-in theme, then the
    built-in theme under the full name."""
    parts = PurePosixPath(name).parts
    if not parts or any(part in ("..", ".") or "\\" in part for part in parts):
        return []
    builtin = builtin_theme_dir()
    candidates = []
    if project_templates is not None and project_templates.is_dir():
        candidates.append(project_templates.joinpath(*parts))
    if name.startswith(THEME_PREFIX) and len(parts) > 1:
        candidates.append(builtin.joinpath(*parts[1:]))
    candidates.append(builtin.joinpath(*parts))
    return candidates


def catalogue_languages(language: str) -> list[str]:
    """The catalogues that serve ``language``, most specific first: ``vi-VN`` → vi-VN, vi."""
    base = language.split("-")[0]
    return [language] if base == language else [language, base]


def catalogue_path(theme_dir: Path, language: str) -> Path:
    return theme_dir / "locale" / language / "LC_MESSAGES" / "messages.po"
