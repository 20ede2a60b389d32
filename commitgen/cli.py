"""The ``commitgen`` command: parse options → call the library → format → exit code.

Exit codes are defined in :mod:`commitgen.exitcodes`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from commitgen.diagnostics import Diagnostic
    from commitgen.incremental.record import BuildReport
    from commitgen.model.policy import Policy
    from commitgen.preview.builder import PreviewState
    from commitgen.project import Project
    from commitgen.render.wording import Wording
    from commitgen.runtime import Runtime
    from commitgen.shards import Shard

from commitgen import __version__
from commitgen.exitcodes import ExitCode
from commitgen.guard import GuardedGroup
from commitgen.printable import printable
from commitgen.report import FORMATS

_PROJECT = click.option(
    "--project", "-C", "project_dir", type=click.Path(file_okay=False, path_type=Path),
    default=Path("."), show_default=True, help="Project folder (holds commitgen.yaml).")


def _fail(message: str, code: ExitCode) -> NoReturn:
    click.secho(f"error: {printable(message, keep_newlines=True)}", fg="red", err=True)
    sys.exit(code)


def _print_problems(diagnostics: Sequence[Diagnostic], fmt: str = "text",
                    results: bool = False) -> None:
    """Print problems: on standard output when they are the command's results (``check``,
    or any machine-readable format), else on standard error beside the progress."""
    from commitgen.report import render

    if diagnostics:
        click.echo(render(diagnostics, fmt), err=not results and fmt == "text")


def _runtime() -> Runtime:
    """The environment, read once for the whole command (commitgen.runtime)."""
    from commitgen.runtime import Runtime, RuntimeProblem

    try:
        return Runtime.from_environment()
    except RuntimeProblem as exc:
        _fail(str(exc), ExitCode.USAGE)


def _load_project(project_dir: Path, runtime: Runtime, fmt: str = "text",
                  results: bool = False, required: bool = True
                  ) -> tuple[Project, list[Diagnostic]]:
    """The project in ``project_dir`` and the warnings about its settings; exits on errors.
    ``required``: a folder without commitgen.yaml or policies/ is a usage error."""
    from commitgen.project import is_project, load_project

    if not project_dir.is_dir():
        _fail(f"no such project folder: {project_dir}", ExitCode.USAGE)
    root = runtime.cwd / project_dir
    if required and not is_project(root):
        where = "here" if root.resolve() == runtime.cwd else f"in {project_dir}"
        _fail(f"no commitgen project {where} (no commitgen.yaml, no policies/ folder) — "
              "run `commitgen init` or pass `-C DIR`", ExitCode.USAGE)
    project, problems = load_project(root, shown_from=runtime.cwd)
    if project is None:
        _print_problems(problems, fmt, results)
        sys.exit(ExitCode.PROBLEMS)
    return project, problems


@click.group(cls=GuardedGroup, context_settings={"help_option_names": ["-h", "--help"],
                                                 "max_content_width": 100})
@click.version_option(__version__, prog_name="commitgen")
@click.option("--debug", is_flag=True, help="Print the traceback of an internal error.")
def main(debug: bool) -> None:
    """Turn customer-service commitments written in YAML into a public service
    charter (HTML + PDF) and internal staff briefings.

    \b
    Exit codes: 0 success, 1 problems in the policies or commitgen.yaml,
    2 usage, 3 build failure (a template, a PDF, a limit, the file system),
    4 internal error (a bug: please report it), 130 interrupted, 143 terminated.
    """


@main.command(short_help="Render every charter and briefing (HTML + PDF) into output/.")
@_PROJECT
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="PDF worker processes [default: all cores].")
@click.option("--quiet", "-q", is_flag=True, help="Print errors only.")
@click.option("--shard", metavar="K/N", callback=lambda ctx, param, value: _shard(value),
              help="Make only the K-th of N shares of the documents (a CI job matrix); "
                   "`commitgen merge` puts the shards together.")
def build(project_dir: Path, jobs: int | None, quiet: bool, shard: Shard | None) -> None:
    """Render every policy's charter and staff briefing into the output folder.

    The previous output is replaced only when the whole build succeeds. Only what
    changed is done again: documents whose inputs did not change are kept, and a
    build with nothing to do leaves the output as it is.
    """
    from commitgen.diagnostics import BuildFailure, ProblemsFound
    from commitgen.incremental.record import unchanged_build

    runtime = _runtime()
    if shard is not None:
        project, _ = _load_project(project_dir, runtime)
        _build_shard(project, runtime, shard, jobs, quiet)
        return
    try:  # nothing changed: known without loading the pipeline
        report = unchanged_build(runtime.cwd / project_dir, runtime)
    except BuildFailure as exc:
        _fail(str(exc), ExitCode.FAILURE)
    if report is None:
        from commitgen.build import build as run_build
        from commitgen.progress import ProgressDisplay

        project, settings_warnings = _load_project(project_dir, runtime)
        try:
            with ProgressDisplay(enabled=not quiet) as display:
                report = run_build(project, runtime, jobs=jobs, progress=display.update,
                                   warnings=settings_warnings)
        except ProblemsFound as exc:
            _print_problems(exc.diagnostics)
            click.secho("build stopped: fix the errors above; the previous output is "
                        "unchanged", fg="red", err=True)
            sys.exit(ExitCode.PROBLEMS)
        except BuildFailure as exc:
            _fail(f"{exc}\nthe previous output is unchanged", ExitCode.FAILURE)
        except OSError as exc:
            _fail(f"{exc.strerror or exc}: {exc.filename or ''}", ExitCode.FAILURE)
    if not quiet:
        _print_build(report, runtime.cwd)


def _print_build(report: BuildReport, cwd: Path) -> None:
    from commitgen.diagnostics import display_path

    if report.warnings:
        _print_problems(report.warnings)
    out = display_path(report.output, cwd)
    public = sum(f.startswith("public/") for f in report.files)
    staff = sum(f.startswith("staff/") for f in report.files)
    count = len(report.policies)
    policies = f"{count} polic{'y' if count == 1 else 'ies'}"
    if report.unchanged:
        click.echo(f"nothing changed since the last build of {policies} → {out}/")
    else:
        click.echo(f"built {policies} → {out}/")
        pdfs = len(report.pdfs)
        click.echo(f"  {pdfs} PDF{'s' if pdfs != 1 else ''} rendered"
                   + (f", {report.reused} unchanged" if report.reused else ""))
    click.echo(f"  public charters: {out}/public/index.html ({public} files)")
    click.echo(f"  staff briefings: {out}/staff/index.html ({staff} files, never publish)")
    if report.warnings:
        n = len(report.warnings)
        click.secho(f"  {n} warning{'s' if n != 1 else ''} above (`commitgen check` lists "
                    "them again; `--strict` makes them fail)", fg="yellow", err=True)


def _shard(value: str | None) -> Shard | None:
    if value is None:
        return None
    from commitgen.shards import Shard

    try:
        return Shard.parse(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--shard") from None


def _build_shard(project: Project, runtime: Runtime, shard: Shard, jobs: int | None,
                 quiet: bool) -> None:
    from commitgen.diagnostics import BuildFailure, ProblemsFound, display_path
    from commitgen.progress import ProgressDisplay
    from commitgen.shards import build_shard

    try:
        with ProgressDisplay(enabled=not quiet) as display:
            files = build_shard(project, runtime, shard, jobs, display.update)
    except ProblemsFound as exc:
        _print_problems(exc.diagnostics)
        click.secho("build stopped: fix the errors above; the previous output is unchanged",
                    fg="red", err=True)
        sys.exit(ExitCode.PROBLEMS)
    except BuildFailure as exc:
        _fail(f"{exc}\nthe previous output is unchanged", ExitCode.FAILURE)
    if not quiet:
        out = display_path(project.output_dir, runtime.cwd)
        click.echo(f"built shard {shard} ({len(files)} files) → {out}/; put the {shard.count} "
                   "shards together with `commitgen merge`")


@main.command(short_help="Put the outputs of `build --shard K/N` together into one tree.")
@click.argument("shards", nargs=-1, required=True,
                type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--output", "-o", type=click.Path(file_okay=False, path_type=Path),
              default=Path("output"), show_default=True,
              help="Where the merged output goes (replaced only if commitgen made it).")
def merge(shards: tuple[Path, ...], output: Path) -> None:
    """Check that SHARDS are the N outputs of one `commitgen build --shard K/N` run (each
    shard once, built from the same input) and write their union to OUTPUT: the same
    files, byte for byte, as a build on one machine, index pages included.
    """
    from commitgen.diagnostics import BuildFailure
    from commitgen.shards import merge as run_merge

    try:
        files = run_merge(list(shards), output)
    except BuildFailure as exc:
        _fail(f"{exc}\nnothing was written", ExitCode.FAILURE)
    click.echo(f"merged {len(shards)} shards → {output}/ ({len(files)} files); publish "
               f"{output}/public")


@main.command(short_help="Validate the policies and run the clarity and fairness rules.")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@_PROJECT
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text",
              show_default=True, help="How to print problems.")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--explain", metavar="CODE",
              help="Explain a code (such as CG101 or CG010, or its name) with examples, and "
                   "exit.")
@click.option("--against", metavar="REV",
              help="Compare each policy with its file at this git revision (HEAD, main, a "
                   "tag) instead of the latest release in releases/.")
def check(paths: tuple[Path, ...], project_dir: Path, fmt: str, strict: bool,
          explain: str | None, against: str | None) -> None:
    """Validate policies, run the clarity and fairness rules (docs/rules.md) and print
    every problem as FILE:LINE:COL: field: message [CODE], with a hint.

    PATHS are policy files or folders (default: the project's policies/).

    The problems are the results: they go to standard output (`commitgen check >
    report.txt`); the summary line goes to standard error. Exit code 1 when there are
    errors (or warnings, with --strict).
    """
    from commitgen.checking import check_cache, check_in_project, no_policies
    from commitgen.incremental.inputs import Digests
    from commitgen.report import render, summary

    if explain is not None:
        _explain(explain)
        return
    runtime = _runtime()
    project, settings_warnings = _load_project(project_dir, runtime, fmt, results=True,
                                               required=not paths)
    result = check_in_project(project, [runtime.cwd / path for path in paths],
                              relative_to=runtime.cwd, today=runtime.today, against=against,
                              cache=check_cache(project, Digests(), runtime.today, runtime.cwd))
    result.diagnostics[:0] = settings_warnings
    files = result.files
    if files == 0 and not result.has_errors:
        result.diagnostics.append(no_policies(project, runtime.cwd))
    if fmt == "text":
        _print_problems(result.diagnostics, results=True)
        click.echo(summary(result.diagnostics, files, len(result.suppressed)), err=True)
    else:
        click.echo(render(result.diagnostics, fmt, result.suppressed))
    failed = result.has_errors or (strict and any(d.is_warning for d in result.diagnostics))
    sys.exit(ExitCode.PROBLEMS if failed else ExitCode.OK)


def _explain(key: str) -> None:
    from commitgen.rules.docs import explain_text
    from commitgen.rules.registry import RETIRED, find_rule

    found = find_rule(key)
    if found is None:
        retired = RETIRED.get(key.strip().upper())
        if retired:
            _fail(f"{key.strip().upper()} is no longer used: it was {retired}", ExitCode.USAGE)
        _fail(f"no rule {key!r}; `commitgen rules` lists them", ExitCode.USAGE)
    click.echo(explain_text(found))


@main.command(short_help="List the clarity and fairness rules of `commitgen check`.")
@click.option("--markdown", is_flag=True, help="Print docs/rules.md (generated from the rules).")
def rules(markdown: bool) -> None:
    """List every code `commitgen check` can print: format problems and the clarity and
    fairness rules."""
    from commitgen.rules.docs import markdown as rules_markdown
    from commitgen.rules.registry import all_rules

    if markdown:
        click.echo(rules_markdown(), nl=False)
        return
    for found in all_rules():
        click.echo(f"{found.code}  {found.severity:<7}  {found.name:<28} {found.summary}")
    click.echo("\n`commitgen check --explain CODE` explains one; docs/rules.md has them all.")


@main.command(short_help="Preview the charters in a browser while you edit them.")
@_PROJECT
@click.option("--port", "-p", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to serve on (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to serve on. Anything but this machine's loopback address "
                   "shows your drafts to the network.")
@click.option("--staff", is_flag=True, help="Also show the staff briefings, under /staff/.")
def serve(project_dir: Path, port: int, host: str, staff: bool) -> None:
    """Build the HTML charters into a private folder and serve them at
    http://127.0.0.1:8000/ while you edit: every save of a policy, commitgen.yaml, a
    template, a catalogue or an asset rebuilds what changed and reloads the open page.
    A save with errors keeps the last good page on screen and lists the problems in it
    (file:line:col, message, hint) until they are fixed. PDFs are made when you open
    one. Ctrl-C stops it.
    """
    from commitgen.preview.server import is_loopback
    from commitgen.preview.session import serve as run_preview

    runtime = _runtime()
    project, _ = _load_project(project_dir, runtime)
    if not is_loopback(host):
        click.secho(f"WARNING: serving on {host}, not on this machine's loopback address: "
                    "anyone who can reach this machine can read these drafts"
                    + (" and the internal staff briefings" if staff else "")
                    + ". Publish output/public (commitgen build) to share charters.",
                    fg="red", bold=True, err=True)
    try:
        run_preview(project.root, runtime, _preview_report(project.root), host, port, staff,
                    started=lambda preview: click.echo(
                        f"serving {preview.url} — edit and save, the page follows; "
                        "Ctrl-C to stop", err=True))
    except OSError as exc:
        _fail(f"cannot serve on {host}:{port}: {exc.strerror or exc} (try another --port)",
              ExitCode.FAILURE)
    except KeyboardInterrupt:  # Ctrl-C (or SIGTERM) is how a preview ends: a clean stop
        click.echo("stopped", err=True)


def _preview_report(root: Path) -> Callable[[set[Path], PreviewState], None]:
    """What the terminal shows after each rebuild of the preview."""
    from commitgen.preview.watcher import describe
    from commitgen.report import format_text

    def report(paths: set[Path], state: PreviewState) -> None:
        what = f" ({describe(paths, root)})" if paths else ""
        if state.failed:
            errors = [d for d in state.problems if d.is_error]
            count = len(errors) + bool(state.failure)
            click.secho(f"{count} error{'s' if count != 1 else ''}{what}: shown in the page; "
                        "the last good build is still served", fg="red", err=True)
            if errors:
                click.echo(format_text(errors), err=True)
            if state.failure:
                click.echo(state.failure, err=True)
        else:
            click.echo(f"built in {state.seconds:.2f} s{what}", err=True)

    return report


@main.command(short_help="Create a new policy project in DIRECTORY (never overwrites).")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True,
              help="Add the starter files to a folder that is not empty (existing files "
                   "are still never overwritten).")
def init(directory: Path, force: bool) -> None:
    """Create a new policy project in DIRECTORY (an empty or new folder)."""
    from commitgen.scaffold import ScaffoldError, is_empty_folder, scaffold

    if not force and not is_empty_folder(directory):
        _fail(f"{directory} is not empty: `init` starts a new project (its example charter "
              "would be published with yours); use an empty folder, or --force to add the "
              "missing starter files (nothing is overwritten)", ExitCode.USAGE)
    try:
        created, skipped = scaffold(directory)
    except ScaffoldError as exc:
        _fail(str(exc), ExitCode.FAILURE)
    for path in created:
        click.echo(f"  created {path}")
    for path in skipped:
        click.echo(f"  kept    {path} (already exists)")
    click.echo(f"next: cd {directory} && commitgen build")


@main.command(short_help="Changes between two versions: better or worse for customers.")
@click.argument("old")
@click.argument("new", required=False)
@_PROJECT
@click.option("--format", "fmt", type=click.Choice(("text", "json", "markdown")),
              default="text", show_default=True, help="markdown: for a pull-request comment.")
@click.option("--lang", help="Language of the texts shown [default: the charter's first].")
def diff(old: str, new: str | None, project_dir: Path, fmt: str, lang: str | None) -> None:
    """List the changes between two versions of a charter, each better, worse or neutral
    for the customer; compensation is compared by computing it.

    OLD and NEW are policy files, ID@VERSION (a release), REV:PATH (a file at a git
    revision) or ID (the current policy). With OLD alone as an ID: its latest release
    against the current policy.
    """
    from commitgen.versions.diff import diff_charters
    from commitgen.versions.diff.report import render
    from commitgen.versions.lookup import Invalid, NotFound, find, latest_before

    runtime = _runtime()
    project, _ = _load_project(project_dir, runtime, required=False)  # files need none
    try:
        after = find(new or old, project, runtime.cwd)
        before = (find(old, project, runtime.cwd) if new is not None else
                  latest_before(project, after.policy.id, after.policy.version))
    except NotFound as exc:
        _fail(str(exc), ExitCode.USAGE)
    except Invalid as exc:
        _print_problems(exc.diagnostics)
        sys.exit(ExitCode.PROBLEMS)
    if before.policy.id != after.policy.id:
        _fail(f"{before.label} is charter {before.policy.id}, {after.label} is "
              f"{after.policy.id}: compare two versions of one charter", ExitCode.USAGE)
    changes = diff_charters(before.policy.charter(), after.policy.charter())
    language = lang or after.policy.default_language
    click.echo(render(changes, fmt, before.label, after.label, language), nl=False)


@main.command(short_help="Record the current version of each charter as published today.")
@click.argument("ids", nargs=-1, metavar="[ID]...")
@_PROJECT
@click.option("--quiet", "-q", is_flag=True, help="Print errors only.")
def release(ids: tuple[str, ...], project_dir: Path, quiet: bool) -> None:
    """Record the current version of each policy (or of the charters ID…) as published
    today, in releases/ (commit it). Checks first: a worse change must respect the notice
    period from today. Every released version stays published at its own address.
    """
    from commitgen.build import write_release_documents
    from commitgen.diagnostics import BuildFailure, ProblemsFound
    from commitgen.versions.release import ReleaseRefused
    from commitgen.versions.release import release as run_release

    runtime = _runtime()
    project, _ = _load_project(project_dir, runtime)
    try:
        report = run_release(project, runtime, ids, write_release_documents)
    except ProblemsFound as exc:
        _print_problems(exc.diagnostics)
        click.secho("nothing released: fix the errors above", fg="red", err=True)
        sys.exit(ExitCode.PROBLEMS)
    except ReleaseRefused as exc:
        _fail(str(exc), ExitCode.USAGE)
    except BuildFailure as exc:
        _fail(f"{exc}\nnothing released", ExitCode.FAILURE)
    if quiet:
        return
    from commitgen.diagnostics import display_path

    for made in report.made:
        click.echo(f"released {made.charter} {made.version} (in force from {made.effective}, "
                   f"published {made.published}) → {display_path(made.folder, runtime.cwd)}/")
    for item in report.unchanged:
        click.echo(f"  {item}: already released, unchanged")


@main.command(short_help="What is owed for one case of a worst case, with each step.")
@click.argument("policy")
@click.argument("case")
@click.option("--fact", "facts", multiple=True, metavar="NAME=VALUE",
              help="A fact of the case, e.g. availability=99.2% or monthly_fee=3000000VND "
                   "(repeat for each fact; --list-facts shows them).")
@click.option("--on", "on", metavar="DATE",
              help="When the case happened (YYYY-MM-DD or 'YYYY-MM-DD HH:MM'), the same as "
                   "--fact happened=DATE; the charter version in force that day applies.")
@click.option("--lang", "language", metavar="LANG",
              help="Language of the answer (one of the policy's) [default: its first].")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="How to print the answer.")
@click.option("--list-facts", is_flag=True, help="List the facts this case needs, and exit.")
@_PROJECT
def compensate(policy: str, case: str, facts: tuple[str, ...], on: str | None,
               language: str | None, fmt: str, list_facts: bool, project_dir: Path) -> None:
    """What is owed for one case of worst case CASE of POLICY, with its steps.

    POLICY is a policy id of the project (saas-support) or a policy file; CASE is the
    id of one of its worst cases. --list-facts shows the facts a case needs. Example:

    \b
      commitgen compensate saas-support service-outage --fact availability=99.2% \\
        --fact monthly_fee=3000000VND --on 2027-03-01 --lang vi
    """
    from commitgen.compensating import PolicyNotFound, find_policy
    from commitgen.compute import UnknownCase

    runtime = _runtime()
    project, _ = _load_project(project_dir, runtime, required=False)  # a file needs none
    given = _facts(facts, on)
    try:
        found = find_policy(project, policy, runtime.cwd)
    except PolicyNotFound as exc:
        _fail(str(exc), ExitCode.USAGE)
    if found.policy is None:
        _print_problems(found.problems)
        sys.exit(ExitCode.PROBLEMS)
    language = language or found.policy.default_language
    if language not in found.policy.languages:
        _fail(f"--lang {language}: the policy is in {', '.join(found.policy.languages)}",
              ExitCode.USAGE)
    try:
        _compensate(project, found.policy, case, given, language, fmt, list_facts)
    except UnknownCase as exc:
        _fail(str(exc), ExitCode.USAGE)


def _facts(pairs: tuple[str, ...], on: str | None) -> dict[str, str]:
    given: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip() or not value.strip():
            _fail(f"--fact {pair}: write NAME=VALUE, e.g. --fact monthly_fee=3000000VND",
                  ExitCode.USAGE)
        if name.strip() in given:
            _fail(f"--fact {name.strip()} is given twice", ExitCode.USAGE)
        given[name.strip()] = value.strip()
    if on is not None:
        if "happened" in given:
            _fail("give the day once: --on or --fact happened=…", ExitCode.USAGE)
        given["happened"] = on
    return given


def _compensate(project: Project, policy: Policy, case_id: str, given: dict[str, str],
                language: str, fmt: str, list_facts: bool) -> None:
    import json

    from commitgen.compensating import case_day, compute_case, fact_diagnostics, version_on
    from commitgen.compute import FactsError, facts_for, find_case
    from commitgen.render.answer import answer_json, answer_text, facts_json, facts_text

    version, problems = version_on(project, policy, case_day(given), project.root)
    if problems:
        _print_problems(problems, fmt)
        sys.exit(ExitCode.PROBLEMS)
    policy = version.policy  # the terms in force on the case's day
    words = _wording(project, policy, language)
    case = find_case(policy, case_id)
    if list_facts:
        needed = facts_for(policy, case_id)
        click.echo(json.dumps(facts_json(needed), ensure_ascii=False, indent=2)
                   if fmt == "json" else facts_text(policy, case, needed, words))
        return
    try:
        outcome = compute_case(policy, project, case_id, given)
    except FactsError as exc:
        _print_problems(fact_diagnostics(exc), fmt)
        if fmt == "text":
            click.echo(facts_text(policy, case, facts_for(policy, case_id), words), err=True)
        sys.exit(ExitCode.USAGE)
    click.echo(json.dumps(answer_json(outcome, words, version), ensure_ascii=False, indent=2)
               if fmt == "json" else answer_text(policy, case, outcome, words, version))


def _wording(project: Project, policy: Policy, language: str) -> Wording:
    from commitgen.render.catalog import load_translations
    from commitgen.render.formatting import style_for
    from commitgen.render.theme_folders import theme_search_dirs
    from commitgen.render.wording import Wording

    translations = load_translations(language, theme_search_dirs(project.own_templates))
    return Wording(language, policy.default_language, translations,
                   style_for(language, project.config.formats))


@main.command(short_help="Tell whether PDFs are current, superseded or unknown versions.")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_PROJECT
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text",
              show_default=True)
def verify(files: tuple[Path, ...], project_dir: Path, fmt: str) -> None:
    """Say whether each PDF is the current, a superseded or an unknown version of a
    charter of this project, and whether it is as published (a sales pack too).

    Exit code 0 when every PDF is current and as published, 1 otherwise.
    """
    import json

    from commitgen.versions.verify import Status
    from commitgen.versions.verify import verify as run_verify

    runtime = _runtime()
    project, _ = _load_project(project_dir, runtime)
    results = [(path, run_verify(path, project)) for path in files]
    if fmt == "json":
        click.echo(json.dumps([{"file": str(path), **found.to_json()}
                               for path, found in results], ensure_ascii=False, indent=2))
    else:
        colours = {Status.CURRENT: "green", Status.SUPERSEDED: "yellow"}
        for path, found in results:
            click.secho(f"{path}: {found.status}: {found.message}",
                        fg=colours.get(found.status, "red"))
    ok = all(found.status is Status.CURRENT for _, found in results)
    sys.exit(ExitCode.OK if ok else ExitCode.PROBLEMS)


@main.command(short_help="A sales PDF of a charter for a named prospect.")
@click.argument("charter")
@click.option("--for", "prospect", required=True, metavar="NAME",
              help='The prospect\'s name, printed on the cover ("Công ty ABC").')
@click.option("--lang", help="The charter's language [default: its first].")
@click.option("--output", "-o", "target", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the PDF [default: CHARTER-PROSPECT-LANG.pdf here].")
@_PROJECT
def pack(charter: str, prospect: str, lang: str | None, target: Path | None,
         project_dir: Path) -> None:
    """Make a sales PDF of CHARTER for a named prospect: a cover with the prospect's name,
    the sales contact (`sales:` in commitgen.yaml) and the date, then the charter's pages
    exactly as published (build first). `commitgen verify` recognises it.
    """
    from commitgen.diagnostics import BuildFailure
    from commitgen.pack import PackRefused, make_pack

    runtime = _runtime()
    project, _ = _load_project(project_dir, runtime)
    try:
        made = make_pack(project, runtime, charter, prospect, lang,
                         runtime.cwd / target if target else None)
    except PackRefused as exc:
        _fail(str(exc), ExitCode.USAGE)
    except BuildFailure as exc:
        _fail(str(exc), ExitCode.FAILURE)
    from commitgen.diagnostics import display_path

    click.echo(f"wrote {display_path(made, runtime.cwd)}")


@main.command(short_help="Print the JSON Schema of policy files (or of commitgen.yaml).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file instead of standard output.")
@click.option("--config", "config", is_flag=True,
              help="The schema of commitgen.yaml instead of policy files.")
@click.option("--charter", "charter", is_flag=True,
              help="The schema of the charter.json files a build publishes.")
def schema(output: Path | None, config: bool, charter: bool) -> None:
    """Print the JSON Schema of policy files, or with --config of commitgen.yaml, for
    editors (completion and checking as you type) and validators in CI.

    `commitgen init` writes both into a new project (commitgen.schema.json and
    commitgen-config.schema.json); regenerate them after upgrading commitgen.
    """
    from commitgen.compute.terms_schema import charter_schema_text
    from commitgen.schema import schema_text

    if config and charter:
        _fail("give --config or --charter, not both", ExitCode.USAGE)
    text = charter_schema_text() if charter else schema_text("config" if config else "policy")
    if output is None:
        click.echo(text, nl=False)
    else:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            _fail(f"cannot write {output}: {exc.strerror or exc}", ExitCode.FAILURE)
        click.echo(f"wrote {output}", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
