"""``check`` lints a project's own templates for what autoescaping cannot save, at the
template's file, line and column; the built-in theme passes."""

from __future__ import annotations

from pathlib import Path

import pytest

from commitgen.render.theme import builtin_theme_dir
from commitgen.validation.templates import lint_source, lint_templates
from tests.conftest import RunCli

#: (template, the findings: line, column, code)
CASES = {
    "unquoted attribute value": ('<p>\n<div class={{ charter.title|t }}>', [(2, 12, "CG311")]),
    "expression in a tag": ("<div {{ charter.title|t }}>", [(1, 6, "CG311")]),
    "expression glued to a tag": ("<p{{ x.y }}>", [(1, 3, "CG311")]),
    "attribute name": ('<div data-{{ x.key }}="1">', [(1, 11, "CG311")]),
    "variable set to data": ("{% set a = charter.title|t %}<div {{ a }}>", [(1, 35, "CG311")]),
    "quoted values": ('<a href="{{ u }}" title=\'{{ t }}\'>{{ x }}</a>', []),
    "statement in a tag": ('<div {% if x %}class="a"{% endif %}>', []),
    "attributes the template made": ('{% set l %} lang="{{ c }}"{% endset %}<p{{ l }}>'
                                     "<h{{ level }}>", []),
    "script text is not HTML": ("<script>var a = {{ x|tojson }};</script>", []),
    "comment": ("<!-- <a href={{ x }}> -->", []),
    "safe on data": ("<p>{{ charter.summary|t|safe }}</p>", [(1, 25, "CG312")]),
    "safe on a literal": ('{{ "<br>"|safe }}', []),
    "filter block": ("{% filter safe %}{{ x }}{% endfilter %}", [(1, 11, "CG312")]),
    "Markup": ("{{ Markup(x) }}", [(1, 4, "CG312")]),
    "autoescape off": ("{% autoescape false %}{{ x }}{% endautoescape %}", [(1, 4, "CG313")]),
    "autoescape on": ("{% autoescape true %}{{ x }}{% endautoescape %}", []),
    "syntax error": ("{% for x in %}", [(1, 1, "CG310")]),
}


@pytest.mark.parametrize(("source", "expected"), CASES.values(), ids=CASES.keys())
def test_lint_finds_what_autoescaping_cannot_save(source: str,
                                                  expected: list[tuple[int, int, str]]) -> None:
    assert [(f.line, f.column, f.code) for f in lint_source(source)] == expected


def test_the_built_in_theme_is_clean() -> None:
    assert lint_templates(builtin_theme_dir()) == []


def test_check_reports_unsafe_overrides_at_their_line(minimal_project: Path,
                                                      run_cli: RunCli) -> None:
    templates = minimal_project / "templates"
    (templates / "partials").mkdir(parents=True)
    (templates / "charter.html.j2").write_text(
        '{% extends "theme/charter.html.j2" %}\n{% block title %}\n'
        "<span class={{ charter.service.name|t }}>x</span>\n{% endblock %}\n")
    (templates / "partials" / "raw.html.j2").write_text(
        "{% autoescape false %}{{ charter.summary|t }}{% endautoescape %}\n")
    (templates / "README.md").write_text("not a template {{ }}")
    result = run_cli("check", cwd=minimal_project)
    assert result.exit_code == 1
    assert ("templates/charter.html.j2:3:13: an expression in an unquoted attribute value"
            in result.stdout)
    assert "[CG311]" in result.stdout
    assert ("templates/partials/raw.html.j2:1:4: autoescaping switched off" in result.stdout)
    assert "README" not in result.stdout
    build = run_cli("build", "-q", cwd=minimal_project)
    assert build.exit_code == 1 and not (minimal_project / "output").exists()


def test_a_template_leading_outside_is_reported_and_not_read(minimal_project: Path,
                                                             tmp_path: Path,
                                                             run_cli: RunCli) -> None:
    secret = tmp_path / "secret.html"
    secret.write_text("<p class={{ TOKEN-abc123 }}>")
    (minimal_project / "templates").mkdir()
    (minimal_project / "templates" / "charter.html.j2").symlink_to(secret)
    result = run_cli("check", cwd=minimal_project)
    assert result.exit_code == 1
    assert "templates/charter.html.j2: the template leads outside" in result.stdout
    assert "TOKEN" not in result.output


def test_an_override_stylesheet_is_a_template_too(minimal_project: Path,
                                                  run_cli: RunCli) -> None:
    # included into a <style> element: |safe data could end it (</style><script>…)
    theme_print = (builtin_theme_dir() / "print.css").read_text(encoding="utf-8")
    lines = theme_print.count("\n")
    (minimal_project / "templates").mkdir()
    (minimal_project / "templates" / "print.css").write_text(
        theme_print + '.x::after { content: "{{ charter.service.name|t|safe }}"; }\n'
        "{% autoescape false %}{{ charter.id }}{% endautoescape %}\n"
        ".y { width: 1px } /* a > b, a=b: no tags in a stylesheet */ {{ charter.id }}\n",
        encoding="utf-8")
    result = run_cli("check", cwd=minimal_project)
    assert result.exit_code == 1, result.output
    found = [line.split(": ", 1)[0] + " " + line.rsplit(" ", 1)[-1]
             for line in result.stdout.splitlines() if "[CG3" in line]
    assert found == [f"templates/print.css:{lines + 1}:49 [CG312]",
                     f"templates/print.css:{lines + 2}:4 [CG313]"], result.stdout
    build = run_cli("build", "-q", cwd=minimal_project)
    assert build.exit_code == 1 and not (minimal_project / "output").exists()
