"""Codes of the lint of a project's own templates (:mod:`commitgen.validation.templates`:
what autoescaping cannot save) and stylesheets (:mod:`commitgen.validation.stylesheets`:
sizes no page needs). They are errors of ``check`` and ``build``, located at the file,
line and column, and cannot be disabled: a template that writes policy data as raw HTML
is unsafe, and a page a hundred metres wide exhausts the PDF worker, whatever the policy
says."""

from commitgen.diagnostics import Severity
from commitgen.rules.registry import document

_TEMPLATES = "Templates"

document(
    "CG310", "template-syntax", Severity.ERROR, group=_TEMPLATES, example="template",
    summary="Every template of the project can be read (Jinja2 syntax).",
    rationale="""
A template that cannot be parsed would stop the build halfway; `check` reports it first,
at the line and column Jinja2 names. A template, stylesheet or translation catalogue of
the project over 1 MiB is too large to check, and refused.""",
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
unescaped, and a text with `<script>` would run in every reader's browser. The project's
stylesheets (`.css`) are read too: they are included into a `<style>` element, which
data marked safe could end (`</style><script>…`).""",
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

document(
    "CG314", "stylesheet-page-size", Severity.ERROR, group=_TEMPLATES, example="stylesheet",
    summary="A page of the project's stylesheets is 100 to 1,200 mm a side (A6 to A0).",
    rationale="""
WeasyPrint lays the PDF out on the page `@page { size: … }` asks for. A page a hundred
metres wide fills every table-of-contents line with millions of leader dots (a minute and
more than a gigabyte for one PDF); a page smaller than its margins stops WeasyPrint. Paper
names (`A4`, `letter landscape`) are always fine. Checked in the project's `.css` files,
`<style>` elements, `…_css` blocks and `style` attributes of its templates.""",
    bad="""@page { size: 100000mm 100000mm; }""",
    good="""@page { size: A4; }""",
)

document(
    "CG315", "stylesheet-length", Severity.ERROR, group=_TEMPLATES, example="stylesheet",
    summary="No length in the project's stylesheets is larger than the largest page "
            "(1,200 mm), and no text is under 1 pt.",
    rationale="""
A box thirty metres wide, or text a hundredth of a point high, holds millions of leader
dots or letters on one line: the PDF takes minutes and gigabytes, and the PDF worker's
limits stop it. `max-width`, `max-height` and corner radii are not checked (a cap or a
corner never makes a box larger), nor percentages other than of a font size; text of
size 0 shows nothing and is fine.""",
    bad=""".toc a { display: block; width: 30000mm; }""",
    good=""".toc a { display: block; width: 100%; }""",
)
