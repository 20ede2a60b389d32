"""Rules 4, 5 and 6: escalation to management, a private channel, notice of changes."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from urllib.parse import urlsplit

from commitgen.diagnostics import Severity
from commitgen.model.policy import WebChannel
from commitgen.rules.context import RuleContext
from commitgen.rules.registry import Finding, rule
from commitgen.rules.text import norm
from commitgen.rules.words import packaged


@rule("CG120", "escalation-no-management", Severity.ERROR, group="Reaching people",
      summary="The escalation ladder ends with a management role.",
      rationale="""
Seed 000: the customer could not reach anyone who could decide, and left. The last
level of `escalation` must be management (word list `management`: director, head of,
manager, CEO, giám đốc, trưởng phòng, quản lý…), not a role that only sounds like it
(word list `not-management`: account manager, customer success manager, chuyên viên quản
lý khách hàng…). The format already forces a role and an email or phone on every level.""",
      bad="""
escalation:
  - role: {vi: Nhân viên hỗ trợ, en: Support agent}
    email: hotro@example.com""",
      good="""
escalation:
  - role: {vi: Giám đốc dịch vụ, en: Head of service}
    email: giamdoc@example.com""")
def escalation_management(ctx: RuleContext) -> Iterator[Finding]:
    last = len(ctx.policy.escalation) - 1
    top = ctx.policy.escalation[last]
    if not any(_is_management(ctx, item.language, item.text)
               for item in ctx.languages_of(top.role, ("escalation", last, "role"))):
        yield Finding(("escalation", last, "role"),
                      f'the escalation ladder ends with "{top.role.get(ctx.languages[0])}", '
                      "which is not a management role",
                      "end the ladder with a manager or director and their direct email or "
                      "phone")


def _is_management(ctx: RuleContext, language: str, role: str) -> bool:
    """A management word left once the ``not-management`` phrases are taken out."""
    pattern = ctx.words.pattern("not-management", language)
    rest = pattern.sub(" ", norm(role)) if pattern else norm(role)
    return ctx.words.find("management", language, rest) is not None


@rule("CG121", "escalation-no-wait-time", Severity.ERROR, group="Reaching people",
      summary="Every escalation level above the first says `after` how long a customer may "
              "come to it.",
      rationale="""
A ladder is useful only if the customer knows when they may go up a level. `after` on
level *n* is how long the customer waits at level *n − 1* without a resolution. The
first level needs none: without `after` it may be contacted at once (a one-level ladder
straight to management is fine).""",
      bad="""
escalation:
  - {role: Trưởng nhóm hỗ trợ, email: truongnhom@example.com}
  - {role: Giám đốc, email: giamdoc@example.com}""",
      good="""
escalation:
  - {role: Trưởng nhóm hỗ trợ, email: truongnhom@example.com}
  - {role: Giám đốc, email: giamdoc@example.com, after: 2 business days}""")
def escalation_wait(ctx: RuleContext) -> Iterator[Finding]:
    for index, level in enumerate(ctx.policy.escalation):
        if index and level.after is None:
            yield Finding(("escalation", index),
                          "this escalation level does not say after how long a customer may "
                          "come to it",
                          "add after: (e.g. 2 business days) — the wait at the level below")


@rule("CG122", "escalation-not-direct", Severity.ERROR, group="Reaching people",
      summary="Management's contact is direct, not a general support line.",
      rationale="""
A "direct contact" that is the shared support mailbox or hotline sends the customer back
to the start of the ladder (seed 000). The last level's email and phone must differ from
every complaint channel's.""",
      bad="""
channels: [{type: email, email: hotro@example.com, hours: 24/7}]
escalation: [{role: Giám đốc, email: hotro@example.com}]""",
      good="""
channels: [{type: email, email: hotro@example.com, hours: 24/7}]
escalation: [{role: Giám đốc, email: giamdoc@example.com}]""")
def escalation_direct(ctx: RuleContext) -> Iterator[Finding]:
    last = len(ctx.policy.escalation) - 1
    top = ctx.policy.escalation[last]
    shared = {getattr(c, "email", None) for c in ctx.policy.channels} | {
        getattr(c, "phone", None) for c in ctx.policy.channels}
    shared.discard(None)
    direct = [value for value in (top.email, top.phone) if value and value not in shared]
    if not direct:
        field = "email" if top.email else "phone"
        yield Finding(("escalation", last, field),
                      "management's contact is a general complaint channel, not a direct "
                      "contact", "give the manager's own email or phone")


@lru_cache(maxsize=1)
def _public_hosts() -> frozenset[str]:
    return frozenset(packaged("public-hosts", "any"))


def _is_public(channel: object) -> bool:
    if not isinstance(channel, WebChannel) or channel.type == "messaging":
        return False
    host = (urlsplit(channel.url).hostname or "").lower()
    return host in _public_hosts()


@rule("CG130", "no-private-channel", Severity.ERROR, group="Reaching people",
      summary="At least one complaint channel is private (not a public page or review site).",
      rationale="""
Most unhappy customers leave without complaining (seed 001); the ones who would
complain must not be pushed to post in public, where threats and bad reviews start
(seed 002). A channel is public when it is a form or chat on a review site or social
network (word list `public-hosts`); phone, e-mail, office, messaging and the provider's
own web forms are private. The format already forces opening hours on every channel.""",
      bad="""
channels:
  - {type: form, url: https://www.facebook.com/example/reviews, hours: 24/7}""",
      good="""
channels:
  - {type: form, url: https://www.facebook.com/example/reviews, hours: 24/7}
  - {type: email, email: hotro@example.com, hours: 24/7}""")
def private_channel(ctx: RuleContext) -> Iterator[Finding]:
    if all(_is_public(channel) for channel in ctx.policy.channels):
        yield Finding(("channels",), "every complaint channel is public: a customer has no "
                      "private way to complain", "add a phone, e-mail, office or own web form")


@rule("CG135", "notice-too-short", Severity.WARNING, group="Changes",
      summary="The notice period for changes is at least `rules.min_notice` (30 days).",
      rationale="""
The format forces `changes.notice`; a notice of a day is declared but useless. Seed 000:
a new fee applied with no announcement at all. Customers need time to read a change and
to leave before it applies. The minimum is set per project with `rules: {min_notice: …}`.""",
      bad="""
changes: {notice: 3 days, how: …}""",
      good="""
changes: {notice: 30 days, how: …}""")
def notice_too_short(ctx: RuleContext) -> Iterator[Finding]:
    notice = ctx.policy.changes.notice
    if notice.surely_shorter_than(ctx.config.min_notice):
        yield Finding(("changes", "notice"), f"a notice period of {notice} is shorter than "
                      f"{ctx.config.min_notice}: customers cannot act on a change in time",
                      f"announce changes at least {ctx.config.min_notice} ahead")
