"""The Jinja2 environment for one document language.

The environment is sandboxed (a template override cannot reach Python internals) and
rendering a document spends a time and size budget (:mod:`commitgen.render.budget`),
autoescaping is on for every template and ``StrictUndefined`` turns a typo in a
template into an error instead of an empty string. Fixed wording comes from
gettext catalogues (``templates/locale/<lang>/LC_MESSAGES/messages.po``); a
project's catalogue overrides the built-in one message by message.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, MutableMapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from babel.support import Translations
from jinja2 import BytecodeCache, Environment, StrictUndefined, Template
from markupsafe import Markup, escape

from commitgen.compute.terms import payment_terms
from commitgen.model.base import Text
from commitgen.model.duration import Duration
from commitgen.model.formats import LanguageFormats
from commitgen.model.limits import Limits
from commitgen.model.money import Money
from commitgen.render import formatting
from commitgen.render.budget import (
    Budget,
    BudgetedEnvironment,
    budgeted_filter,
    budgeted_range,
    render_within,
)
from commitgen.render.catalog import load_translations
from commitgen.render.css import css_content, css_counter, css_string, tint
from commitgen.render.steps import basis_name, example_steps, fact_value_text, owed_text
from commitgen.render.theme import template_loader
from commitgen.render.theme_folders import theme_search_dirs
from commitgen.render.wording import Wording

_URL = re.compile(r"(https?://[^/\s<>\"]+)(/[^\s<>\"]*[^\s<>\".,;:!?)])")


def breakable(text: str) -> Markup:
    """The text, escaped, with a line-break opportunity after each ``/`` of the path of
    its web addresses: a long address wraps at a slash, never inside a word."""
    return Markup(_URL.sub(lambda match: match.group(1) + match.group(2).replace(
        "/", "/<wbr>"), str(escape(text))))


def date_range(words: Wording, first: dt.date, last: dt.date) -> str:
    """``1 January 2027``, ``4 February to 10 February 2027``."""
    if first == last:
        return words.date(first)
    start = (formatting.format_day_month(first, words.language, words.style)
             if first.year == last.year else words.date(first))
    return words.gettext("%(first)s to %(last)s", first=start, last=words.date(last))


class DocumentEnvironment(BudgetedEnvironment):
    """The sandboxed environment of documents; it notes the name of every template a
    render loads (:attr:`loaded`: extended, included, imported), which the incremental
    build records as the document's inputs."""

    loaded: set[str]

    def _load_template(self, name: str, globals: MutableMapping[str, Any] | None) -> Template:
        self.loaded.add(name)
        return super()._load_template(name, globals)


def make_environment(language: str, default_language: str, project_templates: Path | None,
                     formats: Mapping[str, LanguageFormats] | None = None,
                     bytecode_cache: BytecodeCache | None = None) -> DocumentEnvironment:
    """An environment that renders documents in ``language``, in the language's house
    style (:mod:`commitgen.render.formatting`) with the project's ``formats`` over it;
    with a ``bytecode_cache`` (:mod:`commitgen.render.bytecode`) templates compiled
    before are not compiled again.

    Environments are kept in this process (:data:`_ENVIRONMENTS`) for as long as the
    catalogues and settings they were made from are the same: a long-lived process
    (``commitgen serve``) compiles each template once, and Jinja2 compiles a template
    again when its file changes."""
    translations = load_translations(language, theme_search_dirs(project_templates))
    key = (language, default_language, project_templates, repr(formats), translations)
    env = _ENVIRONMENTS.get(key)
    if env is None:
        if len(_ENVIRONMENTS) >= _ENVIRONMENTS_MAX:
            _ENVIRONMENTS.clear()
        env = _ENVIRONMENTS[key] = _make_environment(
            language, default_language, project_templates, translations, formats,
            bytecode_cache)
    env.loaded = set()
    return env


#: environments made in this process, by what they were made from
_ENVIRONMENTS: dict[tuple[object, ...], DocumentEnvironment] = {}
_ENVIRONMENTS_MAX = 32


def _make_environment(language: str, default_language: str, project_templates: Path | None,
                      translations: Translations,
                      formats: Mapping[str, LanguageFormats] | None,
                      bytecode_cache: BytecodeCache | None) -> DocumentEnvironment:
    env = DocumentEnvironment(
        loader=template_loader(project_templates),
        autoescape=True,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=bytecode_cache,
    )
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]

    words = Wording(language, default_language, translations,
                    formatting.style_for(language, formats))

    env.filters.update(
        t=words.text,
        measured=words.measured,
        money=words.money,
        duration=words.duration,
        within=words.within,
        date=words.date,
        datetime=words.datetime,
        date_range=lambda first, last: date_range(words, first, last),
        breakable=breakable,
        percent=words.percent,
        number=words.number,
        basis=lambda of: basis_name(of, words),
        owed=lambda outcome: owed_text(outcome, words),
        steps=lambda outcome: example_steps(outcome, words),
        fact_value=lambda value, spec: fact_value_text(value, spec, words),
        payment_of=payment_terms,
        schedule=formatting.amount_schedule,
        css_string=css_string,
        css_content=css_content,
        tint=tint,
    )
    env.tests.update(
        money=lambda value: isinstance(value, Money),
        decimal=lambda value: isinstance(value, Decimal),
        schedule=lambda value: isinstance(value, list),
        duration=lambda value: isinstance(value, Duration),
        text=lambda value: isinstance(value, Text),
        day=lambda value: isinstance(value, dt.date),
    )
    env.filters = {name: budgeted_filter(f) for name, f in env.filters.items()}
    env.globals.update(lang=language, default_language=default_language,
                       range=budgeted_range, css_counter=css_counter)
    return env


#: how a failure names the document it stopped (a note on the exception)
DOCUMENT_NOTE = "document: "


def render_template(env: Environment, name: str, context: dict[str, Any],
                    limits: Limits | None = None, document: str = "") -> str:
    """One document's HTML, within the time and size ``limits`` allow; a failure carries
    the ``document``'s name (:data:`DOCUMENT_NOTE`)."""
    limits = limits or Limits()
    try:
        return render_within(env.get_template(name), context,
                             Budget(limits.template_seconds, limits.html_mb * 2**20))
    except Exception as exc:
        if document:
            exc.add_note(DOCUMENT_NOTE + document)
        raise
