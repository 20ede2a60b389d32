"""Rule 10b: a text that names what a compensation is taken of names the basis the
engine computes it on.

The texts read: a worst case's ``remedy`` and its compensation's ``explanation`` (and
the explanations of a combined scheme's parts). The bases: the ``of`` of every
percentage, refund, bands and grid scheme of the case. A sentence that names a basis
(word list ``basis``: "charged in error", "giá vé" …) must name at least one of them; a
case whose compensation has no basis (fixed amounts, per-period accrual) is not read.
"""

from __future__ import annotations

from collections.abc import Iterator

from commitgen.diagnostics import Diagnostic, FieldPath, Severity
from commitgen.model.base import Text
from commitgen.model.compensation import Basis, CombinedCompensation
from commitgen.rules.context import RuleContext
from commitgen.rules.registry import rule
from commitgen.rules.text import sentences


def _bases(scheme: object) -> set[str]:
    parts = scheme.parts if isinstance(scheme, CombinedCompensation) else [scheme]
    return {str(of.value) for part in parts
            if isinstance(of := getattr(part, "of", None), Basis)}


def _texts(path: FieldPath, case: object) -> Iterator[tuple[FieldPath, Text]]:
    remedy = getattr(case, "remedy", None)
    if isinstance(remedy, Text):
        yield (*path, "remedy"), remedy
    scheme = getattr(case, "compensation", None)
    parts: list[tuple[FieldPath, object]] = [(("compensation",), scheme)]
    if isinstance(scheme, CombinedCompensation):
        parts += [(("compensation", "parts", i), p) for i, p in enumerate(scheme.parts)]
    for where, part in parts:
        explanation = getattr(part, "explanation", None)
        if isinstance(explanation, Text):
            yield (*path, *where, "explanation"), explanation


@rule("CG171", "prose-names-other-basis", Severity.WARNING, group="Prose agrees with data",
      reads=[],
      summary="A remedy or explanation that names what the compensation is taken of (the "
              "price paid, the amount charged in error, the monthly fee …) names the basis "
              "the compensation is computed on (`of`).",
      rationale="""
The documents state each compensation from its typed fields: `of: price_paid` prints "a
full refund of the price you paid", and that is what the engine computes. When the
remedy promises to "refund everything charged in error" next to it, the customer reads
two different promises — the larger one is the one they will hold you to, and support
staff cannot compute it. Phrases are read per language from the word list `basis`
(each phrase followed by the basis it names; projects add their own in
`commitgen.yaml`). A sentence that names several bases passes when one of them is the
scheme's; a case whose compensation has no basis (a fixed amount, per-period accrual) is
not read.""",
      bad="""
worst_cases:
  - id: late-refund
    remedy:
      vi: Chúng tôi hoàn lại toàn bộ khoản đã thu sai.
      en: We refund everything charged in error.
    compensation:
      type: refund
      of: price_paid
      payment: {method: automatic, forms: [bank_transfer], within: 10 days}""",
      good="""
worst_cases:
  - id: late-refund
    remedy:
      vi: Chúng tôi hoàn lại toàn bộ khoản đã thu sai.
      en: We refund everything charged in error.
    compensation:
      type: refund
      of: amount_charged_in_error
      payment: {method: automatic, forms: [bank_transfer], within: 10 days}""")
def prose_names_other_basis(ctx: RuleContext) -> Iterator[Diagnostic]:
    for index, case in enumerate(ctx.policy.worst_cases):
        bases = _bases(case.compensation)
        if not bases:
            continue
        for path, text in _texts(("worst_cases", index), case):
            for item in ctx.languages_of(text, path):
                named = ctx.words.valued("basis", item.language)
                wrong: dict[str, str] = {}
                for sentence in sentences(item.text):
                    found = {phrase: named.get(" ".join(phrase.split()), "")
                             for _, phrase in ctx.words.find_all("basis", item.language,
                                                                 sentence)}
                    if found and not bases & set(found.values()):
                        wrong.update(found)
                if wrong:
                    said = ", ".join(f'"{phrase}" ({basis})' for phrase, basis in wrong.items())
                    yield Diagnostic.at(item.path, f"the text speaks of {said}, but the "
                                  f"compensation is computed on {', '.join(sorted(bases))}",
                                  "name what the compensation is taken of, or change its "
                                  "`of:` to what you mean (the documents and the engine "
                                  "follow `of:`)", language=item.language)
