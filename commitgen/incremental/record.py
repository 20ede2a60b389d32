"""What the last build read and wrote, and the test of a build with nothing to do.

A successful build leaves a record in ``.commitgen-cache/`` (JSON): the fingerprint of
everything it read, the folders ``commitgen.yaml`` named, each document with the digests
of its inputs, every output file with its size and modification time, and the warnings
it printed. When the fingerprint of the project is the record's and the output folder
still holds exactly what the build wrote, there is nothing to do: the build replays the
warnings and returns without loading a policy, a template or WeasyPrint
(:func:`current_build`; the CLI calls it first).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from commitgen import __version__
from commitgen.diagnostics import Diagnostic
from commitgen.incremental.inputs import (
    ABSENT,
    Digests,
    digest_of,
    html_environment,
    pdf_environment,
)
from commitgen.loading.files import discover_policy_files
from commitgen.render.fonts import font_folders, sources_digest
from commitgen.render.theme_folders import builtin_theme_dir, theme_search_dirs

if TYPE_CHECKING:
    from commitgen.project import Project
    from commitgen.runtime import Runtime

#: the folder (in the project) of everything a build keeps for the next one
CACHE_DIR = ".commitgen-cache"
#: bumped when the record's meaning changes: an older record is ignored
RECORD_FORMAT = 3
CONFIG_NAME = "commitgen.yaml"
#: the staging folder's folder of print pages (the HTML each PDF is made from, at the
#: path of its web page): removed before the staging folder is published
PRINT_DIR = ".print"


@dataclass(frozen=True)
class Layout:
    """A project's folders as ``commitgen.yaml`` names them (relative to ``root``)."""

    root: Path
    policies: str = "policies"
    templates: str = "templates"
    assets: str = "assets"
    output: str = "output"
    releases: str = "releases"

    @classmethod
    def of(cls, project: Project) -> Layout:
        config = project.config
        return cls(project.root, config.policies, config.templates, config.assets,
                   config.output, config.releases)

    @property
    def policies_dir(self) -> Path:
        return self.root / self.policies

    @property
    def own_templates(self) -> Path | None:
        folder = self.root / self.templates
        return folder if folder.is_dir() else None

    @property
    def assets_dir(self) -> Path:
        return self.root / self.assets

    @property
    def output_dir(self) -> Path:
        return self.root / self.output

    @property
    def releases_dir(self) -> Path:
        return self.root / self.releases

    def folders(self) -> dict[str, str]:
        return {"policies": self.policies, "templates": self.templates,
                "assets": self.assets, "output": self.output, "releases": self.releases}

    def real_paths(self) -> list[str]:
        """Where the folders really are (a folder replaced by a symlink is another project
        layout, which :func:`commitgen.project.folder_problems` must judge again)."""
        return [os.path.realpath(self.root / name) for name in self.folders().values()]


def source_date_text(runtime: Runtime) -> str:
    return runtime.source_date.isoformat() if runtime.source_date is not None else ""


def policy_digests(layout: Layout, digests: Digests) -> dict[str, str]:
    """Each policy file (by name in the policies folder) → the digest of its bytes."""
    folder = layout.policies_dir
    if not folder.is_dir():
        return {}
    return {path.name: digests.project_file(path, layout.root)
            for path in discover_policy_files([folder])}


def check_context(root: Path, own_templates: Path | None, releases: Path, today: dt.date,
                  digests: Digests, shown_from: Path) -> str:
    """What checking a policy reads besides the policy: ``commitgen.yaml`` (rule settings,
    the calendar), the theme's catalogues (languages it cannot print), the published
    versions and, when there are any, the date (the notice rule), commitgen's code, and
    the folder names are shown from."""
    catalogues = [digests.tree(folder / "locale") for folder in theme_search_dirs(own_templates)]
    published = digests.tree(releases)
    return digest_of(digests.project_file(root / CONFIG_NAME, root), html_environment(""),
                     *catalogues,
                     published, today.isoformat() if published != ABSENT else "",
                     str(shown_from))


def project_fingerprint(layout: Layout, runtime: Runtime, digests: Digests) -> str:
    """One digest of everything a build of ``layout`` reads (see
    :mod:`commitgen.incremental.inputs`)."""
    policies = policy_digests(layout, digests)
    return digest_of(
        str(RECORD_FORMAT), digests.project_file(layout.root / CONFIG_NAME, layout.root),
        *(f"{name}={value}" for name, value in policies.items()),
        digests.tree(layout.own_templates), digests.tree(builtin_theme_dir()),
        digests.tree(layout.assets_dir), sources_digest(runtime.font_dir, digests),
        check_context(layout.root, layout.own_templates, layout.releases_dir, runtime.today,
                      digests, layout.root),
        html_environment(source_date_text(runtime)),
        pdf_environment(font_folders(runtime.font_dir), digests))


@dataclass
class BuildReport:
    """What a build did."""

    output: Path
    policies: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    reused: int = 0  # PDFs not rendered again (unchanged)
    rendered: list[str] = field(default_factory=list)  # documents whose HTML was rendered
    pdfs: list[str] = field(default_factory=list)  # PDFs rendered (relative to output)
    pending: list[str] = field(default_factory=list)  # PDFs left out (a build without PDFs)
    unchanged: bool = False  # nothing had changed: the output was left as it was


@dataclass
class PdfRecord:
    """A PDF of the last build: the web page it belongs to (its links resolve from
    there), its name in messages, its WeasyPrint variant, the digest of the print HTML it
    is made from (never published: :data:`PRINT_DIR`), its entry in the PDF cache and
    every file it loaded (name → digest)."""

    page: str
    label: str  # how a failure names it
    variant: str | None = None
    key: str = ""
    fetched: dict[str, str] = field(default_factory=dict)
    html: str = ""  # sha256 of the print HTML

    def to_json(self) -> dict[str, Any]:
        return {"page": self.page, "label": self.label, "variant": self.variant,
                "key": self.key, "fetched": self.fetched, "html": self.html}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PdfRecord:
        return cls(str(data["page"]), str(data["label"]), data.get("variant"),
                   str(data["key"]), dict(data["fetched"]), str(data.get("html", "")))


@dataclass
class UnitRecord:
    """What the last build made of one unit (the documents of one policy, or the lists):
    every file it wrote, the digests of its inputs, and its PDFs."""

    files: list[str]  # relative to the output folder, PDFs included
    deps: dict[str, str]  # input name → digest (see commitgen.incremental.deps)
    pdfs: dict[str, PdfRecord] = field(default_factory=dict)  # by path in the output

    def to_json(self) -> dict[str, Any]:
        return {"files": self.files, "deps": self.deps,
                "pdfs": {name: pdf.to_json() for name, pdf in sorted(self.pdfs.items())}}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> UnitRecord:
        return cls(list(data["files"]), dict(data["deps"]),
                   {name: PdfRecord.from_json(pdf) for name, pdf in data["pdfs"].items()})


@dataclass
class BuildRecord:
    fingerprint: str = ""
    folders: dict[str, str] = field(default_factory=dict)
    real_paths: list[str] = field(default_factory=list)
    policies: list[str] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    units: dict[str, UnitRecord] = field(default_factory=dict)
    outputs: dict[str, tuple[int, int]] = field(default_factory=dict)  # size, mtime (ns)

    @staticmethod
    def path(root: Path, name: str = "build") -> Path:
        return root / CACHE_DIR / f"{name}.json"

    @classmethod
    def load(cls, root: Path, name: str = "build") -> BuildRecord | None:
        """The record of the last build, or None (none, unreadable, or another format)."""
        try:
            data = json.loads(cls.path(root, name).read_bytes())
            if data.get("format") != RECORD_FORMAT or data.get("tool") != __version__:
                return None
            return cls(
                data["fingerprint"], dict(data["folders"]), list(data["real_paths"]),
                list(data["policies"]), [Diagnostic.from_dict(d) for d in data["warnings"]],
                {key: UnitRecord.from_json(value) for key, value in data["units"].items()},
                {key: (int(size), int(mtime)) for key, (size, mtime)
                 in data["outputs"].items()})
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def save(self, root: Path, name: str = "build") -> None:
        data = {"format": RECORD_FORMAT, "tool": __version__, "fingerprint": self.fingerprint,
                "folders": self.folders, "real_paths": self.real_paths,
                "policies": self.policies, "warnings": [d.to_dict() for d in self.warnings],
                "units": {key: record.to_json() for key, record in sorted(self.units.items())},
                "outputs": {key: list(value) for key, value in sorted(self.outputs.items())}}
        target = self.path(root, name)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        partial.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                           encoding="utf-8")
        partial.replace(target)

    def intact(self, output: Path, files: list[str]) -> bool:
        """Whether ``files`` are in ``output`` as this build wrote them (size and time)."""
        for name in files:
            recorded = self.outputs.get(name)
            try:
                stat = os.stat(output / name)
            except OSError:
                return False
            if recorded is None or recorded != (stat.st_size, stat.st_mtime_ns):
                return False
        return True

    def output_intact(self, output: Path) -> bool:
        return bool(self.outputs) and self.intact(output, list(self.outputs))

    def report(self, output: Path) -> BuildReport:
        """The report of a build that found nothing to do."""
        files = [name for name in self.outputs if not name.startswith(".")]
        pdfs = sum(name.endswith(".pdf") for name in files)
        return BuildReport(output, list(self.policies), sorted(files), list(self.warnings),
                           reused=pdfs, unchanged=True)


def output_stamps(output: Path) -> dict[str, tuple[int, int]]:
    """Every file in ``output`` (relative POSIX name) → its size and modification time."""
    stamps = {}
    for directory, _subdirs, files in os.walk(output):
        for name in files:
            path = os.path.join(directory, name)
            stat = os.stat(path)
            stamps[os.path.relpath(path, output).replace(os.sep, "/")] = (
                stat.st_size, stat.st_mtime_ns)
    return stamps


def current_build(root: Path, runtime: Runtime, name: str = "build",
                  digests: Digests | None = None,
                  record: BuildRecord | None = None) -> BuildReport | None:
    """The report of the last build of the project at ``root`` if nothing it read has
    changed and its output is as it left it; None when there is something to build.
    Call it with the project's build lock held."""
    record = record or BuildRecord.load(root, name)
    if record is None:
        return None
    try:
        layout = Layout(root, **record.folders)
    except TypeError:
        return None
    if layout.real_paths() != record.real_paths:
        return None
    if project_fingerprint(layout, runtime, digests or Digests()) != record.fingerprint:
        return None
    if not record.output_intact(layout.output_dir):
        return None
    return record.report(layout.output_dir)


def unchanged_build(root: Path, runtime: Runtime, name: str = "build") -> BuildReport | None:
    """:func:`current_build` for a caller that has not loaded the project (the CLI, before
    it imports the pipeline): the output folder is the one the record names."""
    from commitgen.publish import locked, recover

    record = BuildRecord.load(root, name)
    if record is None or "output" not in record.folders:
        return None
    output = root / record.folders["output"]
    if not output.is_dir():
        return None
    with locked(output):
        recover(output)
        return current_build(root, runtime, name, record=record)
