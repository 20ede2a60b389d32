"""Lint a project's own templates for what autoescaping cannot save.

Autoescaping makes policy data safe inside element content and quoted attribute
values. It cannot help when a template puts data where HTML does not quote it, or turns
escaping off:

* an expression in an unquoted attribute value (``class={{ x }}``) or inside a tag
  outside any value (``<div {{ x }}>``): a value with a space adds attributes, such as
  ``onmouseover=…``. In a tag (not in a value) a bare variable the templates made
  themselves may stand — a ``{% set name %}…{% endset %}`` block of quoted attributes, a
  macro's argument such as a heading level (``<h{{ level }}>``) — but not data
  (``charter.title``, ``x|t``) nor a variable set to data with ``{% set x = … %}``;
* ``|safe`` (or ``{% filter safe %}``, ``Markup(…)``) on anything but a literal: the
  value is written as raw HTML;
* ``{% autoescape false %}`` (or any value but ``true``): everything inside is raw.

Each is an error of ``commitgen check`` (and so of ``build``), located at the template's
file, line and column. Stylesheets (``.css``) are templates too: ``|safe`` and
autoescaping are read in them, attributes not (they write no tags). Templates that
cannot be parsed are reported too, and so is a template that leads outside the
templates folder through a symlink (it is not read).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, TemplateSyntaxError, nodes

from commitgen.diagnostics import Diagnostic, Severity, display_path

CODE_SYNTAX = "CG310"
CODE_UNQUOTED = "CG311"
CODE_RAW = "CG312"
CODE_AUTOESCAPE_OFF = "CG313"
CODE_OUTSIDE = "CG040"

TEMPLATE_SUFFIXES = (".j2", ".jinja", ".jinja2", ".html", ".htm")
#: stylesheets are templates too (the theme includes them): no HTML tags in them, but
#: ``|safe`` there lets data end the ``<style>`` element (``</style><script>…``)
CSS_SUFFIXES = (".css",)
#: a template larger than this is not linted (nor is it a template anyone wrote by hand)
MAX_TEMPLATE_BYTES = 1024 * 1024

_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_RAW_TEXT = ("script", "style", "textarea", "title")


@dataclass(frozen=True)
class TemplateFinding:
    line: int
    column: int
    code: str
    message: str
    hint: str
    severity: Severity = Severity.ERROR


def project_template_files(folder: Path | None) -> Iterator[tuple[Path, bool]]:
    """The template and stylesheet files under ``folder`` (the project's own), sorted,
    each with whether it stays inside the folder (a symlink may lead outside)."""
    if folder is None or not folder.is_dir():
        return
    root = Path(os.path.realpath(folder))
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() in (*TEMPLATE_SUFFIXES, *CSS_SUFFIXES) and path.is_file():
            yield path, Path(os.path.realpath(path)).is_relative_to(root)


def lint_templates(folder: Path | None, shown_from: Path | None = None) -> list[Diagnostic]:
    """Every problem in the templates under ``folder`` (the project's own), located."""
    out: list[Diagnostic] = []
    for path, inside in project_template_files(folder):
        suffix = path.suffix.lower()
        file = display_path(path, shown_from)
        if not inside:
            out.append(Diagnostic(file, 0, 0, CODE_OUTSIDE, "the template leads outside the "
                                  "templates folder (through a symlink): not read",
                                  hint="copy the file into the templates folder"))
            continue
        if path.stat().st_size > MAX_TEMPLATE_BYTES:
            continue
        source = path.read_text(encoding="utf-8", errors="replace")
        out.extend(Diagnostic(file, f.line, f.column, f.code, f.message, hint=f.hint)
                   for f in lint_source(source, html=suffix not in CSS_SUFFIXES))
    return sorted(out)


def lint_source(source: str, html: bool = True) -> list[TemplateFinding]:
    """The problems of one template's text (``html``: it writes HTML tags, whose
    attributes are read too; a stylesheet writes none)."""
    env = Environment(extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True)
    try:
        tree = env.parse(source)
    except TemplateSyntaxError as exc:
        return [TemplateFinding(exc.lineno, 1, CODE_SYNTAX,
                                f"the template cannot be read: {exc.message}",
                                "fix the template's syntax (Jinja2)")]
    targets: list[nodes.Node] = [node.target for node in tree.find_all(nodes.Assign)]
    targets += [node.target for node in tree.find_all(nodes.For)]
    set_to_data = {name.name for target in targets
                   for name in (target, *target.find_all(nodes.Name))
                   if isinstance(name, nodes.Name)}
    tags = _tag_findings(source, set_to_data) if html else iter(())
    return sorted([*tags, *_tree_findings(tree, source)],
                  key=lambda f: (f.line, f.column, f.code))


def _position(source: str, offset: int) -> tuple[int, int]:
    line = source.count("\n", 0, offset) + 1
    return line, offset - (source.rfind("\n", 0, offset) + 1) + 1


def _tag_findings(source: str, set_to_data: set[str]) -> Iterator[TemplateFinding]:
    """Expressions that HTML does not quote: in an unquoted attribute value, or in a
    tag outside any value (unless a bare variable not in ``set_to_data``). Statements
    and comments count as white space."""
    expressions: dict[int, int] = {}  # where an expression starts → its length
    names: dict[int, str] = {}
    chars = list(source)
    for match in _JINJA.finditer(source):
        start, end = match.span()
        expression = match.group().startswith("{{")
        if expression:
            expressions[start] = end - start
            names[start] = match.group()[2:-2].strip("-+ \t\n")
        for index in range(start, end):
            if chars[index] != "\n":
                chars[index] = "\x01" if expression else " "
    text = "".join(chars)
    for offset, where in _html_contexts(text, expressions):
        name = names[offset]
        if where == "tag" and name.isidentifier() and name not in set_to_data:
            continue
        line, column = _position(source, offset)
        if where == "value":
            yield TemplateFinding(
                line, column, CODE_UNQUOTED, "an expression in an unquoted attribute value: "
                "a value with a space adds attributes of its own (onmouseover=…)",
                'quote the value: attribute="{{ … }}"')
        else:
            yield TemplateFinding(
                line, column, CODE_UNQUOTED, "an expression inside a tag, outside a quoted "
                "attribute value: it can write attributes of its own (onmouseover=…)",
                'write the attribute in the template and quote the value: name="{{ … }}"')


def _html_contexts(text: str, expressions: dict[int, int]) -> Iterator[tuple[int, str]]:
    """For each expression that HTML would not quote: (offset, "value" or "tag")."""
    state = "data"
    raw_end = ""
    index = 0
    while index < len(text):
        if index in expressions:
            if state in ("before-value", "unquoted"):
                yield index, "value"
                state = "unquoted"
            elif state in ("tag", "name", "after-name"):
                yield index, "tag"
                state = "name"
            index += expressions[index]
            continue
        char = text[index]
        if state == "data":
            if text.startswith("<!--", index):
                end = text.find("-->", index + 4)
                index = len(text) if end < 0 else end + 3
                continue
            match = re.match(r"</?([A-Za-z][A-Za-z0-9-]*)", text[index:])
            if match:
                state = "tag"
                name = match.group(1).lower()
                raw_end = f"</{name}" if name in _RAW_TEXT and char == "<" and (
                    not text.startswith("</", index)) else ""
                index += match.end()
                continue
        elif state in ("tag", "name", "after-name"):
            if char == ">":
                state = "data"
                if raw_end:  # <script>, <style>: their text is not HTML; skip to the end
                    end = text.lower().find(raw_end, index)
                    index = len(text) if end < 0 else end
                    raw_end = ""
                    continue
            elif char == "=" and state in ("name", "after-name"):
                state = "before-value"
            elif char.isspace() or char == "/":
                state = "after-name" if state == "name" else "tag"
            else:
                state = "name"
        elif state == "before-value":
            if char == '"':
                state = "double"
            elif char == "'":
                state = "single"
            elif char == ">":
                state = "data"
            elif not char.isspace():
                state = "unquoted"
        elif state == "unquoted":
            if char.isspace():
                state = "tag"
            elif char == ">":
                state = "data"
        elif (state == "double" and char == '"') or (state == "single" and char == "'"):
            state = "tag"
        index += 1


def _tree_findings(tree: nodes.Template, source: str) -> Iterator[TemplateFinding]:
    """``|safe`` and ``Markup()`` on data; autoescaping switched off."""
    lines = source.splitlines()

    def column(line: int, word: str) -> int:
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        found = text.find(word)
        return found + 1 if found >= 0 else 1

    for node in tree.find_all((nodes.Filter, nodes.FilterBlock)):
        if isinstance(node, nodes.Filter):  # (node None: a {% filter %} block's own)
            if node.name != "safe" or node.node is None or isinstance(node.node, nodes.Const):
                continue
        elif isinstance(node, nodes.FilterBlock) and not any(
                isinstance(f, nodes.Filter) and f.name == "safe"
                for f in _filter_chain(node.filter)):
            continue
        yield TemplateFinding(
            node.lineno, column(node.lineno, "safe"), CODE_RAW,
            "|safe writes the value as raw HTML: policy data would reach the page "
            "unescaped (<script>, onclick=…)",
            "remove |safe; the text is escaped and shows as written")
    for call in tree.find_all(nodes.Call):
        name = (call.node.name if isinstance(call.node, nodes.Name) else
                call.node.attr if isinstance(call.node, nodes.Getattr) else "")
        if name.lower() == "markup":
            yield TemplateFinding(
                call.lineno, column(call.lineno, name), CODE_RAW,
                f"{name}() marks its value as safe HTML: policy data would reach the page "
                "unescaped", f"remove {name}(); the text is escaped and shows as written")
    for modifier in tree.find_all(nodes.EvalContextModifier):
        for keyword in modifier.options:
            if keyword.key == "autoescape" and not (
                    isinstance(keyword.value, nodes.Const) and keyword.value.value is True):
                yield TemplateFinding(
                    modifier.lineno, column(modifier.lineno, "autoescape"),
                    CODE_AUTOESCAPE_OFF, "autoescaping switched off: every value inside is "
                    "written as raw HTML", "remove the {% autoescape %} block")


def _filter_chain(node: nodes.Node) -> Iterator[nodes.Node]:
    """A ``{% filter a|b %}`` block's filters (the innermost first)."""
    while isinstance(node, nodes.Filter):
        yield node
        if node.node is None:
            return
        node = node.node
