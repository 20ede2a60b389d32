"""Rules 4, 5 and 6: escalation to management, a private channel, notice of changes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import lru_cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from commitgen.business_calendar import BusinessCalendar
from commitgen.diagnostics import Diagnostic, Severity
from commitgen.model.duration import Duration
from commitgen.model.policy import WebChannel
from commitgen.rules.context import RuleContext
from commitgen.rules.registry import rule
from commitgen.rules.text import norm
from commitgen.rules.words import packaged


@rule("CG120", "escalation-no-management", Severity.ERROR, group="Reaching people",
      reads=["escalation"],
      summary="The escalation ladder reaches management, in every language; an outside "
              "body (ombudsman, regulator) may follow it as the last step.",
      rationale="""
A customer who cannot reach anyone able to decide leaves. The last level inside the
company must be management (word list `management`: director, head of, manager, CEO,
giám đốc, trưởng phòng, quản lý…), not a role that only sounds like it (word list
`not-management`: account manager, senior specialist, chuyên viên quản lý khách hàng…),
and it must read as management in every language of the charter that has a list. An
ombudsman, a regulator or another body outside the company (`external: true`) is a
welcome last step after management, never a replacement for it: a ladder that sends
customers straight from the front line to an outside body has no route to anyone inside
who can decide. The format already forces a role and a contact on every level.""",
      bad="""
escalation:
  - role: {vi: Nhân viên hỗ trợ, en: Support agent}
    email: nhanvien@example.com""",
      good="""
escalation:
  - role: {vi: Giám đốc dịch vụ, en: Head of service}
    email: giamdoc@example.com
  - role: {vi: Trung tâm hòa giải độc lập, en: Independent ombudsman}
    url: https://ombudsman.example.org
    external: true
    after: 8 weeks""")
def escalation_management(ctx: RuleContext) -> Iterator[Diagnostic]:
    ladder = ctx.policy.escalation
    inside = [index for index, level in enumerate(ladder) if not level.external]
    if not inside:
        yield Diagnostic.at(("escalation",), "the escalation ladder has no level inside the "
                            "company: customers cannot reach your management",
                            "add your manager or director, with a direct email or phone, "
                            "before the outside body")
        return
    last = inside[-1]
    for index, level in enumerate(ladder[:last]):
        if level.external:
            yield Diagnostic.at(("escalation", index, "external"), "an outside body comes "
                                "before your own management in the ladder",
                                "put the outside body last, after management")
    top = ladder[last]
    missing = [item.language for item in ctx.languages_of(top.role, ("escalation", last, "role"))
               if ctx.words.entries("management", item.language)  # a list to judge by
               and not _is_management(ctx, item.language, item.text)]
    if top.role.common is not None and len(missing) < len(ctx.languages):
        missing = []  # one text for every language: management in any language's words
    if missing:
        shown = top.role.get(missing[0])
        where = "" if len(missing) == len(ctx.languages) or top.role.common is not None else (
            f" in {', '.join(missing)}")
        yield Diagnostic.at(("escalation", last, "role"),
                            f'the escalation ladder ends with "{shown}", which is not a '
                            f"management role{where}",
                            "end the ladder with a manager or director and their direct email "
                            "or phone; an outside body may follow as the last step")


def top_internal(ctx: RuleContext) -> int | None:
    """The index of the last escalation level inside the company."""
    inside = [i for i, level in enumerate(ctx.policy.escalation) if not level.external]
    return inside[-1] if inside else None


def _is_management(ctx: RuleContext, language: str, role: str) -> bool:
    """A management word left once the ``not-management`` phrases are taken out."""
    pattern = ctx.words.pattern("not-management", language)
    rest = pattern.sub(" ", norm(role)) if pattern else norm(role)
    return ctx.words.find("management", language, rest) is not None


@rule("CG121", "escalation-no-wait-time", Severity.ERROR, group="Reaching people",
      reads=["escalation"],
      summary="Every escalation level above the first says `after` how long a customer may "
              "come to it.",
      rationale="""
A ladder is useful only if the customer knows when they may go up a level. `after` on
level *n* is how long the customer waits at level *n − 1* without a resolution. The
first level needs none: without `after` it may be contacted at once (a one-level ladder
straight to management is fine).""",
      bad="""
escalation:
  - {role: {vi: Trưởng nhóm hỗ trợ, en: Support team lead}, email: truongnhom@example.com}
  - {role: {vi: Giám đốc, en: Director}, email: giamdoc@example.com}""",
      good="""
escalation:
  - {role: {vi: Trưởng nhóm hỗ trợ, en: Support team lead}, email: truongnhom@example.com}
  - {role: {vi: Giám đốc, en: Director}, email: giamdoc@example.com, after: 2 days}""")
def escalation_wait(ctx: RuleContext) -> Iterator[Diagnostic]:
    for index, level in enumerate(ctx.policy.escalation):
        if index and level.after is None:
            yield Diagnostic.at(("escalation", index),
                          "this escalation level does not say after how long a customer may "
                          "come to it",
                          "add after: (e.g. 2 business days) — the wait at the level below")


@rule("CG122", "escalation-not-direct", Severity.ERROR, group="Reaching people",
      reads=["escalation", "channels"],
      summary="Management's contact is direct, not a general support line.",
      rationale="""
A "direct contact" that is the shared support mailbox or hotline sends the customer back
to the start of the ladder. The last level's email and phone must differ from
every complaint channel's. (A ladder whose last level is not management at all is
CG120's finding, not this one's.)""",
      bad="""
escalation:
  - {role: {vi: Giám đốc, en: Director}, phone: "1900 1234"}""",
      good="""
escalation:
  - {role: {vi: Giám đốc, en: Director}, phone: "028 3771 0202"}""")
def escalation_direct(ctx: RuleContext) -> Iterator[Diagnostic]:
    last = top_internal(ctx)
    if last is None:
        return
    top = ctx.policy.escalation[last]
    if not any(_is_management(ctx, item.language, item.text)
               for item in ctx.languages_of(top.role, ("escalation", last, "role"))):
        return  # not management at all: CG120 says so, once
    shared = {getattr(c, "email", None) for c in ctx.policy.channels} | {
        getattr(c, "phone", None) for c in ctx.policy.channels}
    shared.discard(None)
    direct = [value for value in (top.email, top.phone) if value and value not in shared]
    if not direct:
        field = "email" if top.email else "phone"
        yield Diagnostic.at(("escalation", last, field),
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


@rule("CG130", "no-private-channel", Severity.ERROR, group="Reaching people", reads=["channels"],
      summary="At least one complaint channel is private (not a public page or review site).",
      rationale="""
Most unhappy customers leave without complaining; the ones who would complain must not
be pushed to post in public, where threats and bad reviews start. A channel is public
when it is a form or chat on a review site or social network (word list `public-hosts`);
phone, e-mail, office, messaging and the provider's own web forms are private. The
format already forces opening hours on every channel.""",
      bad="""
channels:
  - {type: form, url: "https://www.facebook.com/example/reviews", hours: 24/7}""",
      good="""
channels:
  - {type: form, url: "https://www.facebook.com/example/reviews", hours: 24/7}
  - {type: email, email: hotro@example.com, hours: 24/7}""")
def private_channel(ctx: RuleContext) -> Iterator[Diagnostic]:
    if all(_is_public(channel) for channel in ctx.policy.channels):
        yield Diagnostic.at(("channels",), "every complaint channel is public: a customer has no "
                      "private way to complain", "add a phone, e-mail, office or own web form")


def _longest_business_notice(ctx: RuleContext, notice: Duration) -> dt.timedelta | None:
    """The longest clock time a notice in business time lasts, over the year from the
    policy's effective date, with the policy's working days, hours and holidays (None
    when none are declared: CG026 asks for them)."""
    declared = ctx.policy.business_time or ctx.business_time
    if declared is None:
        return None
    calendar = BusinessCalendar(declared)
    zone = ZoneInfo(declared.time_zone)
    start = dt.datetime.combine(ctx.policy.effective, dt.time(), zone)
    longest = dt.timedelta()
    for day in range(366):
        moment = start + dt.timedelta(days=day)
        longest = max(longest, calendar.deadline(moment, notice) - moment)
    return longest


@rule("CG135", "notice-too-short", Severity.WARNING, group="Changes", reads=["changes"],
      summary="The notice period for changes is at least `rules.min_notice` (30 days).",
      rationale="""
The format forces `changes.notice`; a notice of a day is declared but useless. Customers
need time to read a change and to leave before it applies. The minimum is set per
project with `rules: {min_notice: …}`. A notice counted in business days is compared by
the longest time it lasts on the policy's own calendar (working days, hours and holidays,
over the year from `effective`): 5 business days never reach 30 days.""",
      bad="""
changes:
  notice: 3 days""",
      good="""
changes:
  notice: 30 days""")
def notice_too_short(ctx: RuleContext) -> Iterator[Diagnostic]:
    notice = ctx.policy.changes.notice
    shorter = notice.surely_shorter_than(ctx.config.min_notice)
    if not shorter and notice.business and not ctx.config.min_notice.business:
        longest = _longest_business_notice(ctx, notice)
        shorter = longest is not None and longest < dt.timedelta(
            minutes=float(ctx.config.min_notice.shortest_minutes))
    if shorter:
        yield Diagnostic.at(("changes", "notice"), f"a notice period of {notice} is shorter than "
                      f"{ctx.config.min_notice}: customers cannot act on a change in time",
                      f"announce changes at least {ctx.config.min_notice} ahead")
