"""Codes of the lint of a project's own templates (:mod:`commitgen.validation.templates`):
what autoescaping cannot save. They are errors of ``check`` and ``build``, located at the
template's file, line and column, and cannot be disabled: a template that writes policy
data as raw HTML is unsafe whatever the policy says."""

from commitgen.diagnostics import Severity
from commitgen.rules.registry import document

_TEMPLATES = "Templates"

document(
    "CG310", "template-syntax", Severity.ERROR, group=_TEMPLATES, example="template",
    summary="Every template of the project can be read (Jinja2 syntax).",
    rationale="""
A template that cannot be parsed would stop the build halfway; `check` reports it first,
at the line and column Jinja2 names.""",
    bad="""<p>{{ charter.title }</p>""",
    good="""<p>{{ charter.title }}</p>""",
)

document(
    "CG311", "template-unquoted-expression", Severity.ERROR, group=_TEMPLATES,
    example="template",
    summary="A template writes data only where HTML quotes it: not in an unquoted attribute "
            "value, not inside a tag outside any value.",
    rationale="""
Autoescaping makes data safe inside element content and quoted attribute values. In
`class={{ x }}` a value with a space adds attributes of its own (`onmouseover=…`). In a
tag, a bare variable the templates make themselves may stand (a `{% set %}…{% endset %}`
block of quoted attributes, a macro argument such as `<h{{ level }}>`), but not data.""",
    bad="""<p class={{ charter.title }}>text</p>""",
    good="""<p class="{{ charter.title }}">text</p>""",
)

document(
    "CG312", "template-raw-html", Severity.ERROR, group=_TEMPLATES, example="template",
    summary="No `|safe`, `{% filter safe %}` or `Markup()` on anything but a literal.",
    rationale="""
`|safe` writes its value as raw HTML: policy data marked safe would reach the page
unescaped, and a text with `<script>` would run in every reader's browser.""",
    bad="""<p>{{ charter.title|safe }}</p>""",
    good="""<p>{{ charter.title }}</p>""",
)

document(
    "CG313", "template-autoescape-off", Severity.ERROR, group=_TEMPLATES, example="template",
    summary="Autoescaping stays on: no `{% autoescape false %}`.",
    rationale="""
Inside `{% autoescape false %}` (or any value but `true`) everything is written as raw
HTML, policy data included.""",
    bad="""{% autoescape false %}<p>{{ charter.title }}</p>{% endautoescape %}""",
    good="""<p>{{ charter.title }}</p>""",
)
