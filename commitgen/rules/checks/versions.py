"""Rules about versions: no worse change before the notice period, no silent change.

They compare a policy with the version it replaces: its latest release in ``releases/``
(``commitgen release``), or the policy file at a git revision (``check --against REV``).
The changes and their verdicts are those of ``commitgen diff``.
"""

from __future__ import annotations

from collections.abc import Iterator

from commitgen.diagnostics import Diagnostic, Severity
from commitgen.rules.context import RuleContext
from commitgen.rules.registry import rule
from commitgen.rules.text import sentences


def _listed(names: list[str], limit: int = 3) -> str:
    shown = "; ".join(names[:limit])
    return shown + (f"; and {len(names) - limit} more" if len(names) > limit else "")


@rule("CG150", "change-without-notice", Severity.ERROR, group="Changes",
      example="history", history=True,
      reads=["changes"],
      summary="A change that is worse for customers takes effect no sooner than the notice "
              "period after it is published.",
      rationale="""
A charter is a promise, and so is its notice period. A vendor that adds a renewal fee and
applies it before customers could have read about it breaks both — the customer who
finds it on an invoice leaves. `check` compares the policy with the version it replaces
(its latest release, or `--against REV`); when a change is worse for the customer (a new
or higher fee, a longer deadline, less compensation, a removed channel…), `effective`
must be at least the *previous* version's `changes.notice` after the new version's
publication: its release date, or today while it is not released. The notice counts from
the day after publication. The message gives the earliest date it can take effect, and
`commitgen diff` lists the changes.""",
      bad="""
version: "2.1"
effective: 2026-07-08
fees:
  - id: setup
    amount: 900000 VND""",
      good="""
version: "2.1"
effective: 2026-08-01
fees:
  - id: setup
    amount: 900000 VND""")
def change_without_notice(ctx: RuleContext) -> Iterator[Diagnostic]:
    versions = ctx.versions
    if versions is None or versions.previous is None:
        return
    worse = [c for c in versions.changes if c.is_worse]
    earliest = versions.earliest()
    if not worse or earliest is None or ctx.policy.effective >= earliest:
        return
    from commitgen.versions.diff.report import describe

    before = versions.previous.policy
    language = ctx.policy.default_language
    when = ("its release on" if versions.released else "publication today,")
    yield Diagnostic.at(
        ("effective",),
        f"version {ctx.policy.version} makes {len(worse)} change"
        f"{'s' if len(worse) != 1 else ''} worse for customers "
        f"({_listed([describe(c, language) for c in worse])}) and takes effect on "
        f"{ctx.policy.effective}, sooner than the {before.changes.notice} of notice promised "
        f"in version {before.version} after {when} {versions.publication}: the earliest it "
        f"can take effect is {earliest}",
        f"set effective: {earliest} or later, or leave out the worse changes "
        f"(`commitgen diff` lists them)")


@rule("CG151", "version-not-changed", Severity.ERROR, group="Changes",
      example="history", history=True,
      summary="A published version never changes: changed content needs a new `version`.",
      rationale="""
A customer holding the PDF of version 3.0 must be able to trust that version 3.0 says what
it said when it was published (`commitgen verify` checks exactly that). When the policy's
content differs from what was released (or from the file at `--against REV`) under the
same version label, the change would be silent. Give the new content a new `version`.""",
      bad="""
fees:
  - id: setup
    amount: 400000 VND""",
      good="""
version: "2.1"
effective: 2026-08-01
fees:
  - id: setup
    amount: 400000 VND""")
def version_not_changed(ctx: RuleContext) -> Iterator[Diagnostic]:
    versions = ctx.versions
    if versions is None:
        return
    if versions.same is not None and not versions.released:
        yield Diagnostic.at(("version",), f"version {ctx.policy.version} was released on "
                      f"{versions.same.published} with other content: a published version "
                      "never changes", "give this content a new version number")
    elif (versions.previous is not None and versions.previous.release is None
          and versions.previous.policy.version == ctx.policy.version
          and [c for c in versions.changes if c.aspect != "effective"]):
        yield Diagnostic.at(("version",), f"the content changed since {versions.previous.origin} "
                      f"but the version is still {ctx.policy.version}",
                      "give the new content a new version number")


@rule("CG152", "version-backwards", Severity.ERROR, group="Changes",
      example="history", history=True,
      summary="A new version's label comes after every released one.",
      rationale="""
Versions are read in order (`2.9` < `2.10` < `3.0`); a version numbered below one already
published makes the history unreadable and lets an old text pass for a new one.""",
      bad="""
version: "1.9"
changes:
  history: []""",
      good="""
version: "2.1"
""")
def version_backwards(ctx: RuleContext) -> Iterator[Diagnostic]:
    versions = ctx.versions
    if versions is not None and versions.later is not None and versions.same is None:
        yield Diagnostic.at(("version",), f"version {ctx.policy.version} comes before version "
                      f"{versions.later.version}, released on {versions.later.published}",
                      f"number the new version after {versions.later.version}")


@rule("CG153", "effective-backwards", Severity.ERROR, group="Changes",
      example="history", history=True,
      summary="A new version takes effect after the version it replaces.",
      rationale="""
A version whose `effective` date is before its predecessor's would rewrite terms that
already applied to customers.""",
      bad="""
version: "2.1"
effective: 2026-06-01""",
      good="""
version: "2.1"
effective: 2026-08-01""")
def effective_backwards(ctx: RuleContext) -> Iterator[Diagnostic]:
    versions = ctx.versions
    if versions is None or versions.previous is None:
        return
    before = versions.previous.policy
    if ctx.policy.effective < before.effective:
        yield Diagnostic.at(("effective",), f"version {ctx.policy.version} takes effect on "
                      f"{ctx.policy.effective}, before version {before.version} "
                      f"({before.effective}) that it replaces",
                      f"set effective after {before.effective}")


def _denial_in_a_change(ctx: RuleContext, language: str, text: str) -> str | None:
    """A sentence about a change (word list ``change``) of the terms, prices or charter, or
    a change taking effect (``changed-terms``), that denies notice of it (word list
    ``notice-denial-part``: "we may change these terms and our prices at any time"), not
    negated nor the customer's own act (``not-denial``: "you can cancel at any time")."""
    for sentence in sentences(text):
        part = ctx.words.find("notice-denial-part", language, sentence)
        if (part and ctx.words.find("change", language, sentence)
                and ctx.words.find("changed-terms", language, sentence)
                and not ctx.words.find("not-denial", language, sentence)):
            return part
    return None


@rule("CG154", "notice-denied", Severity.ERROR, group="Changes", reads=[],
      summary='No public text says terms may change "at any time" or "without notice".',
      rationale="""
A charter that promises a notice period and elsewhere says the provider may change its
terms at any time without notice promises nothing; customers read the second sentence
too. Phrases such as "may change at any time without notice" or "có thể thay đổi bất cứ
lúc nào mà không cần báo trước" are errors wherever they appear in public text (word list
`notice-denial`). So is any sentence about a change (word list `change`: change, amend,
update, thay đổi, điều chỉnh…) of the terms, prices or charter, or a change taking effect
(`changed-terms`: terms, prices, policy, take effect, điều khoản, giá, có hiệu lực…), that
says it comes at any time, without notice or on
publication (word list `notice-denial-part`: "we may change these terms and our prices
at any time", "các thay đổi có hiệu lực kể từ ngày đăng tải"), unless a negation or the
customer acting makes it no denial (`not-denial`: "we never change them without notice",
"you can change products or cancel at any time"); a worst case's
texts describe a failure and are read only for the exact phrases.""",
      bad="""
terms:
  - title: {vi: Thay đổi, en: Changes}
    text:
      vi: Chúng tôi có thể thay đổi điều khoản bất cứ lúc nào mà không cần báo trước.
      en: We may change these terms at any time without notice.""",
      good="""
terms:
  - title: {vi: Thay đổi, en: Changes}
    text:
      vi: Chúng tôi báo trước mọi thay đổi 30 ngày.
      en: We announce any change 30 days before it applies.""")
def notice_denied(ctx: RuleContext) -> Iterator[Diagnostic]:
    for item in ctx.texts("public"):
        found = ctx.words.find("notice-denial", item.language, item.text)
        if not found and "worst_cases" not in item.field:  # a case describes a failure
            found = _denial_in_a_change(ctx, item.language, item.text)
        if found:
            changes = getattr(ctx.policy, "changes", None)
            promised = getattr(changes, "notice", None)
            which = (f", which the charter promises ({promised})" if promised is not None
                     else "")
            yield Diagnostic.at(item.path, f'"{found}" denies customers notice of '
                          f"changes{which}",
                          "say how far ahead changes are announced instead",
                          language=item.language)
