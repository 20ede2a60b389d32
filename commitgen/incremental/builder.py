"""One incremental build of a project into a staging folder.

The build works in units: everything made from one policy (its charters, briefings,
JSON, version addresses and notices, in every language), and the lists of them (the
index pages). The policies are checked, the findings of unchanged ones replayed; a unit
whose recorded inputs are unchanged is copied from the previous output, the others are
rendered. A PDF is made from its own print HTML (the document rendered for print), kept
in the staging folder's :data:`PRINT_DIR` at the path of its web page and never
published. Each PDF is copied from the previous output or the PDF cache when its print
HTML and the files it loads are unchanged, and made by the workers otherwise (the print
HTML of a copied unit from the cache, where every build keeps it; a unit whose print
HTML is not there is rendered again). The process that forks the workers starts
(importing WeasyPrint) as soon as a unit is to be rendered, the workers in the
background as soon as the first PDF is known to be needed: their start-up overlaps the
HTML; the lists render while they work. Nothing here prints or decides exit codes
(:mod:`commitgen.build`).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from commitgen.checking import check_cache, check_in_project, no_policies
from commitgen.diagnostics import BuildFailure, ProblemsFound
from commitgen.incremental.checks import PolicyFindings
from commitgen.incremental.deps import CurrentInputs, Locations
from commitgen.incremental.inputs import Digests, pdf_environment
from commitgen.incremental.record import (
    CACHE_DIR,
    PRINT_DIR,
    BuildRecord,
    BuildReport,
    Layout,
    PdfRecord,
    UnitRecord,
)
from commitgen.loading.sources import load_policy
from commitgen.model.policy import Policy
from commitgen.project import Project
from commitgen.publish import copy_files, keep_files, write_files
from commitgen.render.bytecode import bytecode_cache
from commitgen.render.documents import DocumentRenderer, RenderSettings, Unit
from commitgen.render.errors import template_error
from commitgen.render.fonts import OUTPUT_FOLDER as FONTS_FOLDER
from commitgen.render.fonts import FontsMissing, ThemeFonts, font_folders, fontconfig_file
from commitgen.render.pdf import PdfJob, PdfRenderer, PdfResult, start_server
from commitgen.render.pdf_cache import PdfCache
from commitgen.render.theme_folders import theme_search_dirs
from commitgen.render.views import primary_of
from commitgen.render.worker_guard import WorkerLimits
from commitgen.runtime import Runtime

#: progress(stage, done, total, label)
Progress = Callable[[str, int, int, str], None]
#: the unit of the lists of charters and briefings
INDEXES = "indexes"


@dataclass(frozen=True)
class UnitSpec:
    """A unit of the build, before it is rendered or copied."""

    key: str  # "policy:<file>" or INDEXES
    policy_file: str | None
    label: str


class IncrementalBuild:
    """One build into a staging folder, reusing what the previous build (``prior``) made
    from the same inputs; :attr:`record` is what it did, :attr:`report` what to tell."""

    def __init__(self, project: Project, layout: Layout, runtime: Runtime, digests: Digests,
                 prior: BuildRecord, stage: Path, progress: Progress) -> None:
        self.project, self.layout, self.runtime = project, layout, runtime
        self.digests, self.prior, self.stage, self.progress = digests, prior, stage, progress
        self.output = layout.output_dir
        self.inputs = CurrentInputs(layout, runtime, digests)
        self.locations = Locations(stage, project.root)
        self.record = BuildRecord()
        self.report = BuildReport(self.output)
        self.stack = ExitStack()
        self._renderer: DocumentRenderer | None = None
        self._pdfs: PdfRenderer | None = None
        self._loaded: dict[str, Policy] = {}
        self._jobs: dict[Path, PdfRecord] = {}  # by target
        self._cache: PdfCache | None = None

    def run(self, jobs: int, pdfs: bool = True) -> BuildReport:
        """Build; ``jobs`` PDF workers at most; without ``pdfs``, the PDFs that would have
        to be made are left out (listed in :attr:`BuildReport.pending`)."""
        findings = self._check()
        self.inputs.primary = primary_of([item.languages for item in findings])
        units = [UnitSpec(f"policy:{item.path.name}", item.path.name, _policy_id(item))
                 for item in findings]
        rendering = [unit for unit in units if not self._reusable(unit)]
        if pdfs and rendering:  # a PDF is likely to be made: WeasyPrint loads meanwhile
            start_server(self.runtime.start_method)
        with self.stack:
            copy_files(self.stage, self._documents().copies)
            self._stage_fonts()
            cache = PdfCache(self.project.root, pdf_environment(
                font_folders(self.runtime.font_dir), self.digests), self.locations, self.digests)
            self._cache = cache
            todo: list[PdfJob] = []
            self.progress("render", 0, len(rendering), "HTML")
            for unit in units:
                if unit not in rendering:
                    self._keep(unit)
                    if not self._pdfs_ready(unit, cache):
                        rendering.append(unit)
                if unit in rendering:
                    self._render(unit, self._policy_unit)
                    self.progress("render", rendering.index(unit) + 1, len(rendering),
                                  unit.label)
                for job in self._pdf_jobs(unit, cache):
                    if pdfs:  # the workers start while the HTML renders
                        self._start_pdfs(min(jobs, len(rendering) or jobs))
                    todo.append(job)
            if not pdfs:
                self.report.pending = [str(job.target.relative_to(self.stage).as_posix())
                                       for job in todo]
                todo = []
            todo.sort(key=lambda job: -(job.source.stat().st_size if job.source else 0))
            results = self._start_pdfs(min(jobs, len(todo))).render(todo) if todo else iter(())
            self._lists(findings)  # while the workers make PDFs
            self._collect(todo, results, cache)
        shutil.rmtree(self.stage / PRINT_DIR, ignore_errors=True)
        cache.prune()
        self.report.reused = sum(len(unit.pdfs) for unit in self.record.units.values()) - len(
            todo) - len(self.report.pending)
        self.record.policies = self.report.policies
        self.record.warnings = self.report.warnings
        return self.report

    def _check(self) -> list[PolicyFindings]:
        """Check (or replay) every policy; stop on errors."""
        today = self.runtime.today
        result = check_in_project(self.project, relative_to=self.project.root, today=today,
                                  cache=check_cache(self.project, self.digests, today))
        valid = [item for item in result.findings if item.identity is not None]
        if not valid and not result.has_errors:
            result.diagnostics.append(no_policies(self.project))
        if result.has_errors:
            raise ProblemsFound(result.diagnostics)
        self._loaded = {loaded.source.path.name: loaded.policy for loaded in result.policies}
        self.report.policies = [_policy_id(item) for item in valid]
        self.report.warnings = result.diagnostics
        return sorted(valid, key=_policy_id)

    def _reusable(self, unit: UnitSpec) -> bool:
        """Whether the previous output holds the unit (its PDFs aside) as it would be
        rendered now."""
        old = self.prior.units.get(unit.key)
        if old is None or self.inputs.changed(old.deps):
            return False
        return self.prior.intact(self.output, [f for f in old.files if f not in old.pdfs])

    def _keep(self, unit: UnitSpec) -> None:
        old = self.prior.units[unit.key]
        keep_files(self.stage, self.output, [f for f in old.files if f not in old.pdfs])
        self.record.units[unit.key] = UnitRecord(list(old.files), dict(old.deps), {
            name: replace(pdf) for name, pdf in old.pdfs.items()})

    def _documents(self) -> DocumentRenderer:
        if self._renderer is None:
            from commitgen.versions.releases import read_releases

            templates = self.layout.own_templates
            allowed = (*theme_search_dirs(templates), self.layout.assets_dir.resolve(),
                       self.stage.resolve())
            releases, _ = read_releases(self.project.releases_dir, self.project.root)
            settings = RenderSettings(site=self.project.config, root=self.project.root,
                                      templates=templates, staging=self.stage, allowed=allowed,
                                      font_dir=self.runtime.font_dir, releases=releases,
                                      source_date=self.runtime.source_date)
            fonts = ThemeFonts(override=self.runtime.font_dir,
                               cache=self.project.root / CACHE_DIR / "fonts")
            self._renderer = DocumentRenderer(settings, fonts, self.inputs.primary,
                                              bytecode_cache())
        return self._renderer

    def _policy_of(self, name: str) -> Policy:
        """A policy by file name; loaded again when its findings were replayed."""
        if name not in self._loaded:
            loaded, problems = load_policy(self.layout.policies_dir / name, name,
                                           within=self.project.root)
            if loaded is None:  # changed since it was checked, a moment ago
                raise ProblemsFound(problems)
            self._loaded[name] = loaded.policy
        return self._loaded[name]

    def _policy_unit(self, unit: UnitSpec) -> Unit:
        return self._documents().policy(self._policy_of(unit.policy_file or ""))

    def _lists(self, findings: list[PolicyFindings]) -> None:
        unit = UnitSpec(INDEXES, None, "lists")
        if self._reusable(unit):
            self._keep(unit)
        else:
            self._render(unit, lambda _: self._documents().indexes(
                [self._policy_of(item.path.name).charter() for item in findings]))
        if not any("fonts" in entry.deps for entry in self.record.units.values()):
            for tree in ("public", "staff"):
                shutil.rmtree(self.stage / tree / FONTS_FOLDER, ignore_errors=True)

    def _render(self, unit: UnitSpec, render: Callable[[UnitSpec], Unit]) -> None:
        """Render a unit into the staging folder and record what it read."""
        try:
            made = render(unit)
        except (ProblemsFound, BuildFailure):
            raise
        except Exception as exc:  # a failure inside a template is a build failure
            failure = template_error(exc)
            if failure is None:  # no template in the traceback: a bug (internal error)
                raise
            raise BuildFailure(failure) from exc
        plan = made.plan
        write_files(self.stage, plan.files)
        copy_files(self.stage, plan.copies)
        names = [*(f"template:{name}" for name in made.templates),
                 *(f"catalogue:{code}" for code in made.languages),
                 *(["fonts"] if made.fonts else [])]
        deps = self.inputs.common(unit.policy_file)
        deps.update({name: self.inputs.digest(name) for name in names})
        pdfs = {}
        for job in plan.pdfs:
            page = Path(url2pathname(urlsplit(job.base_url).path)).relative_to(self.stage)
            html = job.html.encode("utf-8")
            write_files(self.stage / PRINT_DIR, {page.as_posix(): html})
            assert self._cache is not None
            pdfs[job.target.relative_to(self.stage).as_posix()] = PdfRecord(
                page.as_posix(), job.label, job.variant, html=self._cache.save_html(html))
        files = sorted({*plan.files, *plan.copies, *pdfs})
        self.record.units[unit.key] = UnitRecord(files, deps, pdfs)
        self.report.rendered.extend(sorted(name for name in plan.files
                                           if name.endswith(".html")))

    def _stage_fonts(self) -> None:
        """The theme's fonts in both trees, before any PDF loads them (removed at the end
        when no document printed them); none when the typeface is not installed."""
        fonts = self._documents().fonts
        try:
            fonts.fonts()
        except FontsMissing:
            return  # a document that prints them fails, naming the package to install
        write_files(self.stage, {f"{tree}/{FONTS_FOLDER}/{name}": data for name, data
                                 in fonts.files().items() for tree in ("public", "staff")})

    def _start_pdfs(self, workers: int) -> PdfRenderer:
        if self._pdfs is None:
            limits = self.project.config.limits
            self._pdfs = self.stack.enter_context(PdfRenderer(
                max(1, workers), self.runtime.start_method,
                fontconfig_file(self.runtime.font_dir),
                WorkerLimits(limits.pdf_seconds, limits.pdf_memory_mb)))
            self._pdfs.warm_up()
        return self._pdfs

    def _pdf_jobs(self, unit: UnitSpec, cache: PdfCache) -> Iterator[PdfJob]:
        """The jobs that make the unit's PDFs; a PDF whose page and loaded files are
        unchanged is copied into the staging folder instead (from the previous output
        or the cache)."""
        old = self.prior.units.get(unit.key)
        for name, pdf in self.record.units[unit.key].pdfs.items():
            pdf.key = self._pdf_key(name, pdf, cache)
            before = old.pdfs.get(name) if old is not None else None
            target = self.stage / name
            if self._in_output(name, before, pdf.key, cache):
                assert before is not None
                keep_files(self.stage, self.output, [name])
                cache.keep(pdf.key)
                pdf.fetched = before.fetched
            elif cache.fetch(pdf.key, target):
                pdf.fetched = cache.fetched(pdf.key)
            else:
                self._jobs[target] = pdf
                yield PdfJob(html="", base_url=(self.stage / pdf.page).as_uri(),
                             target=target, allowed=self._documents().settings.allowed,
                             label=pdf.label, source=self.stage / PRINT_DIR / pdf.page,
                             variant=pdf.variant)

    def _pdfs_ready(self, unit: UnitSpec, cache: PdfCache) -> bool:
        """Whether every PDF of a copied unit can be copied (from the previous output or
        the cache) or made from its print HTML (from the cache, into the staging folder);
        else the unit must be rendered again."""
        for name, pdf in self.prior.units[unit.key].pdfs.items():
            key = self._pdf_key(name, pdf, cache)
            cache.keep(pdf.html)  # for a later build that has to make the PDF
            if not (self._in_output(name, pdf, key, cache) or cache.has(key)
                    or cache.load_html(pdf.html, self.stage / PRINT_DIR / pdf.page)):
                return False
        return True

    def _in_output(self, name: str, before: PdfRecord | None, key: str,
                   cache: PdfCache) -> bool:
        """Whether the previous output holds the PDF ``name`` made with ``key``."""
        return (before is not None and before.key == key and not cache.changed(before.fetched)
                and self.prior.intact(self.output, [name]))

    @staticmethod
    def _pdf_key(name: str, pdf: PdfRecord, cache: PdfCache) -> str:
        return cache.key_of(pdf.html, f"{name}\0{pdf.variant or ''}")

    def _collect(self, todo: list[PdfJob], results: Iterator[PdfResult],
                 cache: PdfCache) -> None:
        failures = []
        self.progress("pdf", 0, len(todo), "")
        for done, outcome in enumerate(results, start=1):
            if outcome.error:
                failures.append(f"{outcome.job_label}: {outcome.error}")
            else:
                pdf = self._jobs[outcome.target]
                pdf.fetched = cache.store(pdf.key, outcome.target, outcome.fetched)
                self.report.pdfs.append(outcome.target.relative_to(self.stage).as_posix())
            self.progress("pdf", done, len(todo), outcome.job_label)
        if failures:
            raise BuildFailure("PDF rendering failed:\n  " + "\n  ".join(sorted(failures)))


def _policy_id(findings: PolicyFindings) -> str:
    return findings.identity.id if findings.identity is not None else ""
