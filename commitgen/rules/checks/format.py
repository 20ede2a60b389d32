"""Codes the loader, the project reader and the engine report: the file cannot be read,
a value or a field is wrong, a file or folder cannot be used, a check was skipped.

These are structural: a policy with such an error cannot be rendered, so they can be
neither disabled nor suppressed (CG051, a warning, can).
"""

from commitgen.diagnostics import Severity
from commitgen.rules.registry import document

_READ = "Reading the file"
_FIELDS = "Fields and values"
_PROJECT = "Project"

document(
    "CG001", "invalid-yaml", Severity.ERROR, group=_READ, example="sections",
    summary="The file is one strict YAML document: no tags, anchors, aliases, merge keys or "
            "duplicate keys.",
    rationale="""
A policy is read by people who are not programmers and by every other YAML tool. YAML
features that make one part of a file silently change another (anchors, aliases, merge
keys), that let the file choose types (tags) or that most tools resolve by silently
keeping the last value (duplicate keys) are refused, as are syntax errors, tabs used for
indentation, several documents in one file, an empty file and files too large or too
deeply nested to be a policy. The format reference lists them under "Strict YAML".""",
    bad="""
changes:
  notice: &notice 30 days
  how: *notice""",
    good="""
changes:
  notice: 30 days
  how: {vi: Thư điện tử tới mọi khách hàng., en: E-mail to every customer.}""",
)

document(
    "CG002", "not-utf8", Severity.ERROR, group=_READ, example="encoding",
    summary="The file is saved as UTF-8.",
    rationale="""
Vietnamese written in an older encoding (Windows-1258, TCVN3) turns into other letters
when read as UTF-8, and a charter printed from it would be wrong in every accented word.
The problem names the line and column of the first byte that is not UTF-8. A byte-order
mark is allowed.""",
    bad="""
service: {name: Dịch vụ}       # saved as Windows-1258""",
    good="""
service: {name: Dịch vụ}       # saved as UTF-8""",
)

document(
    "CG003", "yaml-surprise", Severity.WARNING, group=_READ, example="sections",
    summary="The YAML says what its author meant: no text cut short by a comment.",
    rationale="""
Some YAML is valid but almost certainly not what was meant. In a text without quotes,
` #` (a space, then `#`) starts a comment: `en: Call our #1 hotline` is read as "Call
our", and the rest silently disappears from the charter. Put such a text in double
quotes.""",
    bad="""
changes:
  notice: 30 days
  how:
    vi: Thư điện tử tới mọi khách hàng.
    en: E-mail to every customer #urgent""",
    good="""
changes:
  notice: 30 days
  how:
    vi: Thư điện tử tới mọi khách hàng.
    en: "E-mail to every customer #urgent"
""",
)

document(
    "CG004", "control-character", Severity.ERROR, group=_READ, example="sections",
    summary="No control character (NUL, ESC, DEL…) in the file, nor written as an escape in "
            "a text.",
    rationale="""
Control characters are invisible in most editors, YAML does not allow them in a file, and
in a text they would act on terminals, CI logs and documents (`"\\e[2J"` clears a
screen). Each one is reported at its own line and column, raw in the file or written as
an escape in double quotes. Tabs and line breaks are ordinary text (`\\n`, `\\t`). The
project's own templates, stylesheets and translation catalogues (`.po`) are read the same
way: each control character in them is reported at its line and column.""",
    bad="""
changes:
  notice: 30 days
  how:
    vi: Thư điện tử tới mọi khách hàng.
    en: "E-mail to every customer.\\e[2J\"""",
    good="""
changes:
  notice: 30 days
  how:
    vi: Thư điện tử tới mọi khách hàng.
    en: "E-mail to every customer.\"""",
)

document(
    "CG005", "invisible-character", Severity.ERROR, group=_READ, example="sections",
    summary="No invisible character that hides or reorders what readers see (bidi "
            "overrides, zero-width space, word joiner…) in a text or a key.",
    rationale="""
A right-to-left override or a zero-width space makes a text read differently from what
it says, or two ids that look the same differ. Each one is reported at its own line and
column (at the value when written as an escape): bidi controls and isolates, zero-width
spaces, word joiners, byte-order marks, line and paragraph separators, private-use and
unassigned characters are errors. Zero-width joiners and non-joiners, direction marks
and soft hyphens, which some scripts and emoji need, are warnings (errors in an `id`).
The rest of the policy is still checked. The project's own templates, stylesheets and
translation catalogues (`.po`) are read the same way, since what they hold reaches every
document.""",
    bad="""
changes:
  notice: 30 days
  how:
    vi: Thư điện tử tới mọi khách hàng.
    en: "E-mail to every\\u202e customer.\"""",
    good="""
changes:
  notice: 30 days
  how:
    vi: Thư điện tử tới mọi khách hàng.
    en: "E-mail to every customer.\"""",
)

document(
    "CG010", "wrong-value", Severity.ERROR, group=_FIELDS,
    summary="Every value has the type and form its field needs.",
    rationale="""
Amounts carry an ISO 4217 currency (`200000 VND`), durations a number and a unit (`4
hours`, `2 business days`; "ASAP" is refused because no one can hold you to it), dates
are `YYYY-MM-DD`, yes/no fields take `true` or `false`, ids are lowercase slugs, and so
on — the format reference lists every type. The message says what was expected and what
was written; the hint explains the YAML 1.1 surprises (`no`, `012`, `1:30`).""",
    bad="""
worst_cases:
  - id: outage
    respond_within: ASAP""",
    good="""
worst_cases:
  - id: outage
    respond_within: 30 minutes""",
)

document(
    "CG011", "unknown-field", Severity.ERROR, group=_FIELDS,
    summary="Every field is one the format knows at that place.",
    rationale="""
A misspelt field would otherwise be ignored without a word, and the promise it holds
would never reach the charter. The message suggests the closest field name, or lists the
fields allowed there.""",
    bad="""
changes:
  notise: 30 days""",
    good="""
changes:
  notice: 30 days""",
)

document(
    "CG012", "missing-field", Severity.ERROR, group=_FIELDS,
    summary="Every required field is there.",
    rationale="""
A charter without its required fields is not a charter a customer can rely on: a worst
case must say how soon the customer hears back, by when it is resolved and what is owed;
a charter must say how customers complain, how they reach management and how far ahead
changes are announced. The hint says what the field is for.""",
    bad="""
channels:
  - type: hotline
    phone: "1900 1234"
""",
    good="""
channels:
  - type: hotline
    phone: "1900 1234"
    hours: 24/7""",
)

document(
    "CG013", "conflicting-fields", Severity.ERROR, group=_FIELDS,
    summary="The fields of one entry fit together: no two that exclude each other, none "
            "missing that another needs.",
    rationale="""
Some fields come in pairs or exclude each other: a target has `at_least` or `at_most`,
not both; a fee has an `amount` or a `percent`, and a percentage fee says what it is
`of`; `then` needs `every`; a band has one lower and one upper bound at most; an
escalation level or a staff contact needs an e-mail or a phone; opening hours close
after they open; a voucher needs the customer's consent and cannot be the only way to
pay.""",
    bad="""
fees:
  - id: late-payment
    name: {vi: Phí trả chậm, en: Late payment fee}
    percent: 5
    when: {vi: Khi bạn trả chậm hơn 10 ngày., en: When you pay more than 10 days late.}""",
    good="""
fees:
  - id: late-payment
    name: {vi: Phí trả chậm, en: Late payment fee}
    percent: 5
    of: {vi: số tiền trả chậm, en: the amount paid late}
    when: {vi: Khi bạn trả chậm hơn 10 ngày., en: When you pay more than 10 days late.}""",
)

document(
    "CG030", "duplicate-policy-id", Severity.ERROR, group=_PROJECT, example="second-policy",
    summary="Every policy of a project has its own `id` (ignoring case).",
    rationale="""
The id names the charter's output folder and its address on the web: two policies with
one id would overwrite each other.""",
    bad="""
id: example""",
    good="""
id: example-two""",
)

document(
    "CG040", "unusable-file", Severity.ERROR, group=_PROJECT, example="project",
    summary="Every file and folder the project names can be used: it exists, can be read "
            "and stays inside the project.",
    rationale="""
A policy file that cannot be read, a project without policies, a folder setting that
leads outside the project or overlaps another (the output folder is replaced on every
build), a logo that is missing, not an image or not inside `assets/`. Nothing outside
the project is ever read or written.""",
    bad="""
output: policies""",
    good="""
output: output""",
)

document(
    "CG051", "theme-language-missing", Severity.WARNING, group="Languages",
    configurable=True,
    summary="The theme can print every declared language: a translation catalogue with "
            "every message.",
    rationale="""
The policy's texts come from the policy, but the charter's headings, labels and footers
come from the theme's translation catalogue. A declared language without one prints an
English frame around translated content. Vietnamese and English are built in; "Adding a
language" in the format reference says how to add another.""",
    bad="""
languages: [vi, en, fr]""",
    good="""
languages: [vi, en]""",
)

document(
    "CG090", "checks-skipped", Severity.NOTE, group="Checking",
    summary="Says which checks could not run on a policy with errors, and why.",
    rationale="""
All problems are reported at once: when a part of a policy cannot be read (a value of
the wrong type, a missing field), the checks still run on the rest, and this note says
which entries were left out and which checks needed them whole. Fix the errors above and
run `commitgen check` again to see what those checks find.""",
    bad="""
worst_cases:
  - id: outage
    respond_within: ASAP""",
    good="""
worst_cases:
  - id: outage
    respond_within: 30 minutes""",
)

document(
    "CG060", "worked-example-differs", Severity.ERROR, group="Compensation",
    example="compensate",
    summary="A worked example in a policy states the amount the compensation engine "
            "computes for its facts.",
    rationale="""
A charter that shows an example ("late 3 days: you get 300,000 VND") promises that
amount. When the engine computes another amount from the example's facts, either the
example or the scheme is wrong, and the customer cannot tell which one holds.""",
    bad="""
# the case pays 100,000 VND per day late; the example says 3 days late → 200,000 VND""",
    good="""
# the example says 3 days late → 300,000 VND, as the engine computes""",
)

document(
    "CG061", "unusable-fact", Severity.ERROR, group="Compensation", example="compensate",
    summary="A fact given for a case (to `commitgen compensate`) is one the case needs, in "
            "its unit or currency.",
    rationale="""
What is owed is computed from the facts of a case — how late, how long the outage, the
monthly fee. A fact the case does not use, in another unit or currency, negative, or
dated before the charter took effect cannot be computed with; the problem names the fact
and what the case needs.""",
    bad="""
commitgen compensate policies/example.yaml outage availability=99.2km""",
    good="""
commitgen compensate policies/example.yaml outage availability=99.2""",
)
