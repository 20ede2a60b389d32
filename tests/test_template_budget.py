"""A template in a pull request cannot keep a build busy or fill its memory: rendering
one document's HTML has a time and a size budget (limits: in commitgen.yaml), and going
over it fails the build at the template's line, the previous output intact."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from commitgen.model.limits import Limits
from commitgen.render.budget import Budget, TemplateLimitExceeded, render_within
from commitgen.render.environment import make_environment
from tests.conftest import RunCli

LOOPS = {
    "nested ranges that print nothing":
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "nested loops over a list, no call at all":
        "{% set x = range(2000)|list %}{% for a in x %}{% for b in x %}{% for c in x %}"
        "{% endfor %}{% endfor %}{% endfor %}",
    "a loop that calls a macro":
        "{% macro f() %}{% endmacro %}{% for i in range(100000) %}{% for j in range(100000) %}"
        "{{ f() }}{% endfor %}{% endfor %}",
}

GROWTH = {
    "output": "{% for i in range(100000) %}{% for j in range(100000) %}"
              "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{% endfor %}{% endfor %}",
    "repetition": '{{ "x" * 1000000000 }}',
    "power": "{{ 9 ** 999999999 }}",
    "center": '{{ "x"|center(999999999) }}',
    "str method": '{{ "x".ljust(999999999) }}',
    "str.format": '{{ "{:>999999999}".format(1) }}',
    "percent": '{{ "%999999999d" % 1 }}',
    "replace": '{% set s = "x" * 5000 %}{{ s|replace("", s) }}',
    "indent": '{% set s = "\\n" * 5000 %}{{ s|indent(5000) }}',
    "batch": "{{ range(3)|batch(999999999, 0)|list|length }}",
    "doubling": '{% set ns = namespace(s="xx") %}{% for i in range(64) %}'
                "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
}


def _failed_build(project: Path, body: str, limits: str, run_cli: RunCli) -> str:
    """Build with ``body`` in the charter template: the build fails, bounded (a minute even
    on a loaded machine; the loops would run for hours), with exit code 3 and nothing
    written; its error output."""
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "charter.html.j2").write_text(
        '{% extends "theme/charter.html.j2" %}{% block title %}{{ super() }}\n'
        + body + "{% endblock %}")
    (project / "commitgen.yaml").write_text(f"limits: {{{limits}}}\n")
    started = time.monotonic()
    result = run_cli("build", "-q", cwd=project)
    assert time.monotonic() - started < 60
    assert result.exit_code == 3, result.output
    assert not (project / "output").exists()
    return result.stderr


@pytest.mark.parametrize("body", LOOPS.values(), ids=LOOPS.keys())
def test_a_template_that_runs_too_long_fails_the_build(body: str, minimal_project: Path,
                                                       run_cli: RunCli) -> None:
    # 5 s: on a loaded machine, compiling the theme and rendering what comes before the
    # override's line can take 2 s, and the stop would be reported there
    stderr = _failed_build(minimal_project, body, "template_seconds: 5", run_cli)
    assert "error: minimal (vi) charter: " in stderr  # the document it stopped
    assert "templates/charter.html.j2:2: template error: TemplateLimitExceeded: the HTML took " \
           "longer than 5 seconds to render (limits: template_seconds in commitgen.yaml)" \
           in stderr


@pytest.mark.parametrize("body", GROWTH.values(), ids=GROWTH.keys())
def test_a_template_that_makes_too_much_fails_the_build(body: str, minimal_project: Path,
                                                        run_cli: RunCli) -> None:
    stderr = _failed_build(minimal_project, body, "html_mb: 1, template_seconds: 60", run_cli)
    assert "error: minimal (vi) charter: " in stderr
    assert "templates/charter.html.j2:2: template error: TemplateLimitExceeded:" in stderr
    assert "larger than 1 MiB (limits: html_mb in commitgen.yaml)" in stderr


def test_a_stopped_render_leaves_no_interrupt_behind() -> None:
    env = make_environment("en", "en", None)
    slow = env.from_string("{% for i in range(100000) %}{% for j in range(100000) %}"
                           "{% endfor %}{% endfor %}")
    for _ in range(3):
        with pytest.raises(TemplateLimitExceeded, match=r"longer than 0\.2 seconds"):
            render_within(slow, {}, Budget(0.2, 2**20))
    deadline = time.monotonic() + 1.5  # a watcher left running would have struck by now
    while time.monotonic() < deadline:
        sum(range(1000))
    assert not [t for t in threading.enumerate() if t.name == "commitgen-template-watcher"]


def test_the_budget_applies_only_while_a_document_renders() -> None:
    env = make_environment("en", "en", None)
    big = env.from_string('{{ "x" * 2000000 }}')
    assert big.render() == "x" * 2000000  # Jinja2's sandbox, as it is
    with pytest.raises(TemplateLimitExceeded, match="larger than 1 MiB"):
        render_within(big, {}, Budget(10, 2**20))
    assert render_within(env.from_string("{{ 'ok'|upper }}"), {}, Budget(10, 2**20)) == "OK"


def test_the_default_limits_render_real_charters(minimal_project: Path) -> None:
    from commitgen.build import check_for_build, render_html
    from commitgen.project import load_project
    from commitgen.runtime import Runtime

    project, _ = load_project(minimal_project)
    assert project is not None
    plan = render_html(project, Runtime.from_environment(cwd=minimal_project),
                       check_for_build(project), minimal_project / "stage")
    assert len(plan.pdfs) == 4
    assert Limits().template_seconds >= 10 and Limits().html_mb >= 5


def test_a_slow_report_of_the_budget_s_stop_keeps_the_template_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The budget's own check stops the loop and Jinja2 takes longer to report it than the
    watcher waits: no interrupt strikes during the report, the error keeps its template
    line."""
    import traceback

    import jinja2.debug
    from jinja2 import FileSystemLoader

    rewrite = jinja2.debug.rewrite_traceback_stack
    calls: list[int] = []

    def slow_rewrite(source: str | None = None) -> BaseException:
        calls.append(1)
        if len(calls) == 1:  # the first report takes longer than the watcher's lag
            end = time.monotonic() + 1.0
            while time.monotonic() < end:
                sum(range(100))
        return rewrite(source)

    monkeypatch.setattr(jinja2.debug, "rewrite_traceback_stack", slow_rewrite)
    (tmp_path / "t.html.j2").write_text(
        "x\n{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}")
    env = make_environment("en", "en", None)
    env.loader = FileSystemLoader(tmp_path)
    with pytest.raises(TemplateLimitExceeded, match=r"longer than 0\.2 seconds") as caught:
        render_within(env.get_template("t.html.j2"), {}, Budget(0.2, 2**20))
    assert calls  # the report went through the slow rewrite
    lines = [line for frame, line in traceback.walk_tb(caught.value.__traceback__)
             if frame.f_code.co_filename.endswith("t.html.j2")]
    assert lines and lines[-1] == 2
