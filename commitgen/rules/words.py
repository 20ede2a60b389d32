"""Word lists in data files (``data/NAME.LANG.txt``), extended by ``commitgen.yaml``."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

from commitgen.rules.text import fold, norm, without_diacritics

#: list name → what it holds (documented in docs/rules.md)
WORD_LISTS = {
    "vague": "words that promise nothing measurable without a number",
    "charge": "words naming a fee or charge the customer pays",
    "named-charge": "specific charges that must be in the fee list under that name",
    "relief": "negation and waiver words that deny a charge standing just after them",
    "relief-after": "phrases that waive or deny a charge standing just before them",
    "not-charge": "phrases holding a charge word that are not a charge (in charge, lãng phí)",
    "fee-reference": "phrases pointing to the public fee list",
    "narrowing": "phrases that limit what a customer gets (exclusions, caps, conditions)",
    "charter-reference": "phrases pointing to the public charter",
    "management": "roles that count as management",
    "not-management": "roles holding a management word that are not management "
                      "(account manager, chuyên viên quản lý khách hàng)",
    "jargon": "technical terms and acronyms a customer may not know",
    "same-process": "phrases saying threats get the same process and no extra concessions",
    "notice": "phrases that announce a notice period",
    "reply": "words for answering the customer (reply, phản hồi): in a worst case's remedy, "
             "the time of a sentence holding one is the case's",
    "maximum": "phrases that make a stated time a hard upper limit (maximum, tối đa)",
    "notice-other": "phrases showing a notice is about something else than a change of the "
                    "charter (an appointment, a visit, planned maintenance, a departure, a "
                    "cancellation)",
    "notice-denial": "phrases that deny customers notice of a change (at any time, without "
                     "notice, effective on publication)",
    "change": "words for changing the charter, its terms or prices (change, thay đổi)",
    "changed-terms": "what a provider's change is about (terms, prices, điều khoản, giá) or "
                     "a change taking effect",
    "notice-denial-part": "phrases that deny notice in a sentence about a change (at any "
                          "time, on publication, bất kỳ lúc nào)",
    "not-denial": "phrases that make a sentence about changes no denial of notice: a "
                  "negation (never, không bao giờ) or the customer acting (you can, bạn có thể)",
    "leaving": "phrases saying a customer is leaving (cancel, switch provider, hủy hợp đồng)",
    "numbers": "number words and their value (`two 2`), for comparing languages",
    "basis": "phrases naming what a compensation is taken of, with the basis they name "
             "(`charged in error amount_charged_in_error`)",
    "public-hosts": "web hosts where posts are public (reviews, social networks)",
}

#: lists whose entries are a phrase followed by a value (`two 2`)
VALUED = frozenset({"numbers", "basis"})


def base_language(language: str) -> str:
    return language.split("-")[0].lower()


@lru_cache(maxsize=64)
def packaged(name: str, language: str) -> tuple[str, ...]:
    """The packaged entries of one list for one language (empty when there is none)."""
    resource = files("commitgen.rules") / "data" / f"{name}.{language}.txt"
    if not resource.is_file():
        return ()
    lines = resource.read_text(encoding="utf-8").splitlines()
    return tuple(norm(line.strip()) for line in lines
                 if line.strip() and not line.lstrip().startswith("#"))


class Words:
    """Word lists for a project: packaged entries plus the project's extra words."""

    def __init__(self, extra: dict[str, dict[str, list[str]]] | None = None) -> None:
        self._extra = {name: {base_language(lang): [norm(w.strip()) for w in words if w.strip()]
                              for lang, words in by_lang.items()}
                       for name, by_lang in (extra or {}).items()}
        self._patterns: dict[tuple[str, str], re.Pattern[str] | None] = {}

    def entries(self, name: str, language: str) -> tuple[str, ...]:
        lang = base_language(language)
        return (*packaged(name, lang), *self._extra.get(name, {}).get(lang, []))

    def pattern(self, name: str, language: str, folded: bool = False,
                ) -> re.Pattern[str] | None:
        """The list as one pattern; ``folded``: its entries without diacritics, for text
        typed without them."""
        key = (f"{name}/folded" if folded else name, base_language(language))
        if key not in self._patterns:
            entries = list(self.entries(name, language))
            if folded:
                entries = [fold(entry) for entry in entries]
            if name in VALUED:  # "two 2": match the word, not its value
                entries = [entry.rpartition(" ")[0] or entry for entry in entries]
            entries = sorted(set(entries), key=len, reverse=True)
            alternatives = [r"\s+".join(map(re.escape, e.split())) for e in entries]
            self._patterns[key] = (re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")
                                   if alternatives else None)
        return self._patterns[key]

    def _for(self, name: str, language: str, text: str) -> tuple[re.Pattern[str] | None, str]:
        """The pattern and the text to search: Vietnamese typed without diacritics is
        matched against the list without diacritics."""
        folded = base_language(language) == "vi" and without_diacritics(text)
        return self.pattern(name, language, folded), fold(text) if folded else norm(text)

    def find(self, name: str, language: str, text: str) -> str | None:
        """The first entry of list ``name`` in ``text`` (whole words, NFC, any case;
        Vietnamese written without diacritics too)."""
        pattern, searched = self._for(name, language, text)
        match = pattern.search(searched) if pattern else None
        return match.group(0) if match else None

    def find_all(self, name: str, language: str, text: str) -> list[tuple[int, str]]:
        pattern, searched = self._for(name, language, text)
        return [(m.start(), m.group(0)) for m in pattern.finditer(searched)] if pattern else []

    def number_words(self, language: str) -> dict[str, str]:
        """``{"two": "2"}`` from the ``numbers`` list."""
        return self.valued("numbers", language)

    def valued(self, name: str, language: str) -> dict[str, str]:
        """Phrase → value of a list whose entries end with a value (``VALUED``)."""
        out = {}
        for entry in self.entries(name, language):
            word, _, value = entry.rpartition(" ")
            if word:
                out[word] = value
        return out
