"""Data never becomes CSS: a version or a name that says ``counter(pages)`` (or tries to
end the CSS string) is printed as written in the running header and footer; only the
theme's own page counters count pages."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import tinycss2
from markupsafe import Markup

from commitgen.build import render_html
from commitgen.checking import check_in_project
from commitgen.project import load_project
from commitgen.render.css import css_content, css_counter
from commitgen.runtime import Runtime
from tests.conftest import MINIMAL, RunCli, make_project, pdf_text

VERSION = '1.0 counter(pages) "}x'
NAME = "Test counter(page) service"


def _hostile(root: Path) -> Path:
    make_project(root, [MINIMAL])
    policy = root / "policies" / MINIMAL.name
    text = policy.read_text(encoding="utf-8")
    text = text.replace('version: "1.0"', "version: '" + VERSION + "'")
    text = text.replace("en: Test service", f"en: {NAME}")
    policy.write_text(text, encoding="utf-8")
    return root


def _page_margins(html: str) -> list[tuple[str, list[tinycss2.ast.Node]]]:
    """The ``content`` value of each page-margin box in a document's stylesheets."""
    boxes: list[tuple[str, list[tinycss2.ast.Node]]] = []
    for style in re.findall(r"<style[^>]*>(.*?)</style>", html, re.S):
        for rule in tinycss2.parse_stylesheet(style, skip_whitespace=True,
                                              skip_comments=True):
            if rule.type != "at-rule" or rule.lower_at_keyword != "page" or not rule.content:
                continue
            for box in tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True):
                if box.type != "at-rule" or not box.content:
                    continue
                for decl in tinycss2.parse_blocks_contents(box.content, skip_whitespace=True):
                    if decl.type == "declaration" and decl.lower_name == "content":
                        boxes.append((box.lower_at_keyword, [
                            t for t in decl.value if t.type != "whitespace"]))
    return boxes


def test_counters_only_where_the_template_marks_them() -> None:
    footer = Markup("Version %(v)s · page %(page)s") % {"v": VERSION,
                                                        "page": css_counter("page")}
    assert css_content(footer) == '"Version 1.0 counter(pages) \\22 }x · page " counter(page)'
    assert css_content("counter(pages)") == '"counter(pages)"'  # plain text: no counters
    assert css_content(Markup("&lt;css-counter pages&gt;")) == '"\\3c css-counter pages\\3e "'
    with pytest.raises(ValueError):
        css_counter("chapter")


def test_a_version_saying_counter_pages_stays_text_in_the_page_margins(
        tmp_path: Path) -> None:
    root = _hostile(tmp_path / "p")
    project, _ = load_project(root)
    assert project is not None
    result = check_in_project(project, relative_to=root, today=dt.date(2026, 6, 1))
    assert not result.has_errors, result.diagnostics
    stage = root / "stage"
    stage.mkdir()
    plan = render_html(project, Runtime(cwd=root, today=dt.date(2026, 6, 1)), result, stage)
    printed = {job.target.relative_to(stage).as_posix(): job.html for job in plan.pdfs}
    for path in ("public/minimal/en/minimal-en.pdf", "staff/minimal/en/minimal-briefing-en.pdf"):
        boxes = _page_margins(printed[path])  # the HTML each PDF is made from
        assert {name for name, _ in boxes} >= {"bottom-left", "bottom-right"}, path
        for name, tokens in boxes:
            functions = [t.serialize() for t in tokens if t.type == "function"]
            if name == "bottom-right":  # "Page N of M": the theme's two counters
                assert functions == ["counter(page)", "counter(pages)"], path
            else:  # data: quoted strings (or none on the cover), never a function
                assert functions == [], (path, name, functions)
                assert all(t.type == "string" or t.serialize() == "none"
                           for t in tokens), (path, name, tokens)
        footer = "".join(t.value for name, tokens in boxes if name == "bottom-left"
                         for t in tokens)
        assert VERSION in footer, footer


@pytest.mark.pdf
def test_the_pdf_footer_prints_the_version_as_written(tmp_path: Path,
                                                      run_cli: RunCli) -> None:
    root = _hostile(tmp_path / "p")
    result = run_cli("build", "-q", "-j", "1", cwd=root)
    assert result.exit_code == 0, result.output
    text = pdf_text(root / "output/public/minimal/en/minimal-en.pdf")
    assert f"Version {VERSION}" in text
    pages = re.findall(r"Page (\d+) of (\d+)", text)
    assert pages and pages[0] == ("1", pages[-1][1]), pages
