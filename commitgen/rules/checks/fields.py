"""Fields that are each valid but do not fit together: languages, ids, deadlines,
claims, the calendar and staff case guides. Structural: they cannot be disabled."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from pydantic import BaseModel

from commitgen.diagnostics import Diagnostic, FieldPath, Severity
from commitgen.model.base import Text, is_language_neutral
from commitgen.model.compensation import ByCategoryCompensation, CombinedCompensation, Payment
from commitgen.model.deadline import as_duration
from commitgen.model.duration import Duration
from commitgen.model.policy import Policy
from commitgen.model.walk import walk
from commitgen.rules.context import RuleContext
from commitgen.rules.registry import rule

_FIT = "Fields fit together"
_LANG = "Languages"


@rule("CG021", "duplicate-language", Severity.ERROR, group=_FIT, configurable=False,
      reads=["languages"],
      summary="Each language is listed once in `languages`.",
      rationale="""
The first language is the default; the others each get their own charter page and PDF.
A language listed twice would produce the same documents twice.""",
      bad="""
languages: [vi, en, vi]""",
      good="""
languages: [vi, en]""")
def duplicate_language(ctx: RuleContext) -> Iterator[Diagnostic]:
    counts = Counter(ctx.policy.languages)
    for index, language in enumerate(ctx.policy.languages):
        if counts[language] > 1 and ctx.policy.languages.index(language) != index:
            yield Diagnostic.at(("languages", index), f'"{language}" is listed twice',
                                "list each language once")


def _texts(ctx: RuleContext) -> Iterator[tuple[FieldPath, Text]]:
    for path, value in walk(ctx.policy):
        if isinstance(value, Text):
            yield path, value


@rule("CG022", "undeclared-language", Severity.ERROR, group=_LANG, configurable=False,
      reads=[],
      summary="Every text is written only in languages the policy declares.",
      rationale="""
A text in a language the policy does not declare would never be shown: no document is
made in that language. Usually a typo (`vn` for `vi`) or a language that was dropped.""",
      bad="""
service:
  name: {vi: Dịch vụ thử nghiệm, en: Test service, fr: Service d'essai}""",
      good="""
service:
  name: {vi: Dịch vụ thử nghiệm, en: Test service}""")
def undeclared_language(ctx: RuleContext) -> Iterator[Diagnostic]:
    declared = set(ctx.policy.languages)
    for path, value in _texts(ctx):
        for language in value.languages:
            if language not in declared:
                yield Diagnostic.at((*path, language),
                                    f'text in "{language}", which the policy does not declare',
                                    f"add {language} to languages, or remove this translation")


@rule("CG050", "missing-translation", Severity.WARNING, group=_LANG, reads=[],
      summary="Every text is written in every declared language.",
      rationale="""
Until a text is translated, the document in that language shows the default language's
text, so a reader meets a sentence they may not understand. Adding a language to
`languages` and running `commitgen check` lists every text that still lacks it. A
warning: a charter can be published while a translation is under way.""",
      bad="""
service:
  name: {vi: Dịch vụ thử nghiệm}""",
      good="""
service:
  name: {vi: Dịch vụ thử nghiệm, en: Test service}""")
def missing_translation(ctx: RuleContext) -> Iterator[Diagnostic]:
    policy = ctx.policy
    for path, value in _texts(ctx):
        if value.common is not None:
            continue
        missing = [lang for lang in policy.languages if not value.has(lang)]
        if missing:
            shown = (policy.default_language if value.has(policy.default_language)
                     else value.languages[0])
            yield Diagnostic.at(path, f"missing translation: {', '.join(missing)}",
                                f"add {missing[0]}: …; until then the {missing[0]} document "
                                f"shows the {shown} text")


def _language_neutral_paths(policy: Policy) -> set[FieldPath]:
    """Paths of the names that may be written once for every language."""
    return {(*path, info.alias or name)
            for path, value in walk(policy) if isinstance(value, BaseModel)
            for name, info in type(value).model_fields.items()
            if is_language_neutral(info)}


@rule("CG052", "text-for-every-language", Severity.WARNING, group=_LANG, reads=[],
      summary="In a policy with several languages, every text but a name is written per "
              "language.",
      rationale="""
A text written once is shown in every language's document: a Vietnamese reader would
meet an English sentence. Names (of the provider, its legal name and address) may be
written once.""",
      bad="""
service:
  name: Test service""",
      good="""
service:
  name: {vi: Dịch vụ thử nghiệm, en: Test service}""")
def text_for_every_language(ctx: RuleContext) -> Iterator[Diagnostic]:
    languages = ctx.policy.languages
    if len(set(languages)) < 2:
        return
    neutral = _language_neutral_paths(ctx.policy)
    for path, value in _texts(ctx):
        if value.common is not None and path not in neutral:
            yield Diagnostic.at(path, f"one text for every language ({', '.join(languages)})",
                                "write it per language, e.g. "
                                + ", ".join(f"{lang}: …" for lang in languages)
                                + "; only names may be written once")


@rule("CG023", "duplicate-id", Severity.ERROR, group=_FIT, configurable=False, reads=[],
      summary="Quality promises, worst cases and fees each have their own `id`.",
      rationale="""
Ids name the anchors of the charter page, link staff case guides to worst cases and
identify an entry when two versions of a charter are compared. Two entries with one id
would be confused.""",
      bad="""
quality:
  - id: uptime
  - id: uptime""",
      good="""
quality:
  - id: uptime
  - id: answer""")
def duplicate_id(ctx: RuleContext) -> Iterator[Diagnostic]:
    for section in ("quality", "worst_cases", "fees"):
        seen: dict[str, int] = {}
        for index, item in enumerate(getattr(ctx.policy, section)):
            if item.id in seen:
                yield Diagnostic.at((section, index, "id"),
                                    f'duplicate id "{item.id}" (also {section}[{seen[item.id]}])',
                                    "give each entry its own id")
            seen.setdefault(item.id, index)


@rule("CG024", "resolve-before-respond", Severity.ERROR, group=_FIT, configurable=False,
      reads=[],
      summary="`resolve_within` is not shorter than `respond_within`.",
      rationale="""
A case cannot be resolved before the customer first hears back; one of the two times is
wrong, and the customer cannot tell which one to hold you to. Worst cases and partner
commitments alike.""",
      bad="""
worst_cases:
  - id: outage
    respond_within: 30 minutes
    resolve_within: 10 minutes""",
      good="""
worst_cases:
  - id: outage
    respond_within: 30 minutes
    resolve_within: 4 hours""")
def resolve_before_respond(ctx: RuleContext) -> Iterator[Diagnostic]:
    promises: list[tuple[FieldPath, Duration | None, Duration | None]] = [
        (("worst_cases", index), as_duration(case.respond_within),
         as_duration(case.resolve_within))
        for index, case in enumerate(ctx.policy.worst_cases)]
    if ctx.policy.partners is not None:
        promises += [(("partners", "commitments", index), as_duration(item.respond_within),
                      as_duration(item.resolve_within))
                     for index, item in enumerate(ctx.policy.partners.commitments)]
    for base, respond, resolve in promises:
        if respond is not None and resolve is not None and resolve.surely_shorter_than(respond):
            yield Diagnostic.at((*base, "resolve_within"),
                                f"resolve_within ({resolve}) is shorter than respond_within "
                                f"({respond})",
                                "a case cannot be resolved before it is answered; check both "
                                "times")


def payments(scheme: object, base: FieldPath) -> Iterator[tuple[FieldPath, Payment]]:
    """Every payment block of a scheme, the parts of a combined scheme included."""
    payment = getattr(scheme, "payment", None)
    if payment is not None:
        yield (*base, "payment"), payment
    if isinstance(scheme, CombinedCompensation):
        for index, part in enumerate(scheme.parts):
            yield from payments(part, (*base, "parts", index))
    if isinstance(scheme, ByCategoryCompensation):
        for index, category in enumerate(scheme.categories):
            yield from payments(category.compensation,
                                (*base, "categories", index, "compensation"))


@rule("CG025", "claim-missing", Severity.ERROR, group=_FIT, configurable=False, reads=[],
      summary="Compensation paid on claim says how to claim and by when (`claim.within`).",
      rationale="""
Compensation that must be claimed is worth nothing to a customer who does not know how,
or finds out too late. A case paid `on_claim` needs `claim: {how: …, within: …}`.""",
      bad="""
worst_cases:
  - id: late-refund
    claim: null""",
      good="""
worst_cases:
  - id: late-refund
    claim:
      how: {vi: Gửi email cho chúng tôi., en: E-mail us.}
      within: 30 days""")
def claim_missing(ctx: RuleContext) -> Iterator[Diagnostic]:
    for index, case in enumerate(ctx.policy.worst_cases):
        on_claim = [where for where, payment in
                    payments(case.compensation, ("worst_cases", index, "compensation"))
                    if payment.method == "on_claim"]
        if not on_claim:
            continue
        if case.claim is None:
            yield Diagnostic.at((*on_claim[0], "method"),
                                "compensation is paid on claim, but the case says nothing "
                                "about how to claim", "add claim: {how: …, within: …}")
        elif case.claim.within is None:
            yield Diagnostic.at(("worst_cases", index, "claim"),
                                "compensation is paid on claim, but no claim window is given",
                                "add within: (e.g. 30 days) so customers know their deadline")


@rule("CG026", "business-time-undeclared", Severity.ERROR, group=_FIT, configurable=False,
      reads=["business_time"],
      summary="A policy that counts in business time declares its working days and hours.",
      rationale="""
"2 business days" means nothing until the customer knows which days and hours count.
Declare `business_time` (time zone, hours, public holidays, days off) in the policy or,
for every policy, in commitgen.yaml; the charter prints it.""",
      bad="""
worst_cases:
  - id: outage
    resolve_within: 2 business days""",
      good="""
business_time:
  time_zone: Asia/Ho_Chi_Minh
  hours: [{days: mon-fri, opens: "08:00", closes: "17:30"}]
  holidays: VN
worst_cases:
  - id: outage
    resolve_within: 2 business days""")
def business_time_undeclared(ctx: RuleContext) -> Iterator[Diagnostic]:
    if ctx.policy.business_time is not None or ctx.business_time is not None:
        return
    for path, value in walk(ctx.policy):
        if isinstance(value, Duration) and value.business:
            yield Diagnostic.at(path, f"{value} counts in business time, but no working days "
                                "and hours are declared",
                                "add business_time (time_zone, hours, holidays) to this policy "
                                "or to commitgen.yaml, so customers know which days count")
            return


@rule("CG027", "unknown-case-guide", Severity.ERROR, group=_FIT, configurable=False,
      reads=["worst_cases"],
      summary="Every staff case guide is for a worst case of the policy.",
      rationale="""
`staff.cases[].case` is the id of a worst case. A guide for an id that does not exist is
never shown next to its case in the staff briefing — usually a renamed case.""",
      bad="""
staff:
  cases:
    - case: outages
      steps: [{vi: Ghi nhận sự cố., en: Log the incident.}]
      say: {vi: Chúng tôi đang khắc phục., en: We are fixing it.}""",
      good="""
staff:
  cases:
    - case: outage
      steps: [{vi: Ghi nhận sự cố., en: Log the incident.}]
      say: {vi: Chúng tôi đang khắc phục., en: We are fixing it.}""")
def unknown_case_guide(ctx: RuleContext) -> Iterator[Diagnostic]:
    if ctx.policy.staff is None:
        return
    ids = {case.id for case in ctx.policy.worst_cases}
    for index, guide in enumerate(ctx.policy.staff.cases):
        if guide.case not in ids:
            yield Diagnostic.at(("staff", "cases", index, "case"),
                                f'no worst case has the id "{guide.case}"',
                                "use one of: " + ", ".join(sorted(ids)))


@rule("CG028", "duplicate-case-guide", Severity.ERROR, group=_FIT, configurable=False,
      reads=[],
      summary="Each worst case has at most one staff case guide.",
      rationale="""
Two guides for one case would give staff two sets of instructions for the same
situation; merge them.""",
      bad="""
staff:
  cases:
    - case: outage
    - case: outage""",
      good="""
staff:
  cases:
    - case: outage
    - case: late-refund""")
def duplicate_case_guide(ctx: RuleContext) -> Iterator[Diagnostic]:
    if ctx.policy.staff is None:
        return
    seen: set[str] = set()
    for index, guide in enumerate(ctx.policy.staff.cases):
        if guide.case in seen:
            yield Diagnostic.at(("staff", "cases", index, "case"),
                                f'"{guide.case}" already has a guide', "merge the two guides")
        seen.add(guide.case)
