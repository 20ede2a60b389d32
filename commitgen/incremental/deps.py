"""The inputs a document may depend on, by name, and their digests now.

A document records the inputs it read as ``name → digest``; the next build asks
:class:`CurrentInputs` for the digest of each name and renders the document again only
when one differs. Names:

``policy:FILE``       the bytes of a policy file (by name in the policies folder)
``policies``          every policy file at once (the index pages list them all)
``config``            the bytes of ``commitgen.yaml``
``code``              commitgen's code, the libraries shaping HTML, the date stamped
                      into documents (:func:`~commitgen.incremental.inputs.html_environment`)
``template:NAME``     the file a template name loads now: which folder it comes from
                      (the project's override, else the built-in theme) and its bytes
``catalogue:LANG``    the gettext catalogues that translate the theme into LANG
``fonts``             the theme's font files (for documents that print ``font_faces``)
``primary``           the language of the main lists (a property of all the charters,
                      which every page links to)
``releases``          the published versions (``releases/``: version addresses, notices)

A PDF also records every file WeasyPrint loaded for it (stylesheets, images, fonts), as
``output:RELATIVE`` (the output tree being built), ``project:RELATIVE``,
``theme:RELATIVE`` or, elsewhere, by its path (:class:`Locations`).
"""

from __future__ import annotations

import os
from pathlib import Path

from commitgen.incremental.inputs import ABSENT, Digests, digest_of, html_environment
from commitgen.incremental.record import (
    CONFIG_NAME,
    Layout,
    policy_digests,
    source_date_text,
)
from commitgen.render.fonts import sources_digest
from commitgen.render.theme_folders import (
    builtin_theme_dir,
    catalogue_languages,
    catalogue_path,
    template_candidates,
    theme_search_dirs,
)
from commitgen.runtime import Runtime

#: how a file of the output tree is named among the files a PDF loaded
OUTPUT_PREFIX = "output:"


class CurrentInputs:
    """Digests of named inputs as they are now, each computed once."""

    def __init__(self, layout: Layout, runtime: Runtime, digests: Digests) -> None:
        self.layout = layout
        self.runtime = runtime
        self.digests = digests
        self._known: dict[str, str] = {}
        self.policies = policy_digests(layout, digests)
        self.primary = ""  # set once the policies are known

    def digest(self, name: str) -> str:
        found = self._known.get(name)
        if found is None:
            found = self._known[name] = self._compute(name)
        return found

    def _compute(self, name: str) -> str:
        kind, _, argument = name.partition(":")
        if kind == "policy":
            return self.policies.get(argument, ABSENT)
        if kind == "policies":
            return digest_of(*(f"{file}={value}" for file, value in self.policies.items()))
        if kind == "config":
            return self.digests.project_file(self.layout.root / CONFIG_NAME, self.layout.root)
        if kind == "code":
            return html_environment(source_date_text(self.runtime))
        if kind == "template":
            candidates = template_candidates(argument, self.layout.own_templates)
            for place, path in enumerate(candidates):
                content = self.digests.project_file(path, self.layout.root)
                if content != ABSENT:  # which folder (the project's or the theme's) and bytes
                    return digest_of(f"{place}/{len(candidates)}", content)
            return ABSENT
        if kind == "catalogue":
            folders = theme_search_dirs(self.layout.own_templates)
            return digest_of(*(self.digests.file(catalogue_path(folder, code))
                               for folder in folders for code in catalogue_languages(argument)))
        if kind == "fonts":
            return sources_digest(self.runtime.font_dir, self.digests)
        if kind == "primary":
            return self.primary
        if kind == "releases":
            return self.digests.tree(self.layout.releases_dir)
        return ABSENT  # an input this version does not know: render again

    def changed(self, deps: dict[str, str]) -> bool:
        """Whether any of the recorded inputs ``deps`` differs now."""
        return any(self.digest(name) != value for name, value in deps.items())

    def common(self, policy_file: str | None) -> dict[str, str]:
        """The inputs every unit has: the configuration, the code, the published versions,
        and its policy and the language of the lists it links to (the lists: every
        policy)."""
        names = ["config", "code", "releases",
                 *([f"policy:{policy_file}", "primary"] if policy_file else ["policies"])]
        return {name: self.digest(name) for name in names}


class Locations:
    """Names the files a PDF loaded relative to the folders of the build (the output
    being built, the project, the built-in theme), so that a record stays true when the
    project folder is moved or checked out elsewhere."""

    def __init__(self, stage: Path, root: Path) -> None:
        self.places = [(OUTPUT_PREFIX, Path(os.path.realpath(stage))),
                       ("project:", Path(os.path.realpath(root))),
                       ("theme:", Path(os.path.realpath(builtin_theme_dir())))]

    def name(self, path: str) -> str:
        for prefix, folder in self.places:
            if Path(path).is_relative_to(folder):
                return prefix + Path(path).relative_to(folder).as_posix()
        return path

    def path(self, name: str) -> Path:
        for prefix, folder in self.places:
            if name.startswith(prefix):
                return folder / name[len(prefix):]
        return Path(name)

    def changed(self, fetched: dict[str, str], digests: Digests) -> bool:
        """Whether a file a PDF loaded differs now (those of the output tree as they are
        in the output being built, which holds them before any PDF is made)."""
        return any(digests.file(self.path(name)) != value for name, value in fetched.items())
