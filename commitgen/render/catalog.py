"""Gettext catalogues of the theme: the built-in one, overridden message by message by
the project's (``templates/locale/<lang>/LC_MESSAGES/messages.po``)."""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations


def load_translations(language: str, search_dirs: list[Path]) -> Translations:
    """Merge the catalogues for ``language``; earlier folders win."""
    merged = Catalog(locale=language.replace("-", "_"))
    for folder in reversed(search_dirs):  # built-in first, project last: project wins
        po = folder / "locale" / language / "LC_MESSAGES" / "messages.po"
        if not po.is_file():
            continue
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=language.replace("-", "_"))
        for message in catalog:
            if message.id and message.string and not message.fuzzy:
                merged[message.id] = message
    buffer = io.BytesIO()
    write_mo(buffer, merged)
    buffer.seek(0)
    return Translations(buffer)
