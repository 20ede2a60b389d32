"""Shared text analysis: normalising, sentences, words, and the numbers, amounts and
durations written inside prose, read per language (``200.000`` is two hundred
thousand in Vietnamese, ``200,000`` in English)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from babel.numbers import parse_decimal

from commitgen.model.duration import Duration
from commitgen.model.money import currency_digits


def norm(text: str) -> str:
    """NFC and case-folded, for matching."""
    return unicodedata.normalize("NFC", text).casefold()


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Case-folded, without diacritics (``Phí gia hạn`` → ``phi gia han``), one character
    for one, so offsets stay those of the NFC text."""
    out = []
    for char in nfc(text):
        lowered = char.casefold()
        char = lowered if len(lowered) == 1 else char.lower()
        base = unicodedata.normalize("NFD", char)[0]
        out.append("d" if char == "đ" else base)
    return "".join(out)


_LETTER = re.compile(r"[^\W\d_]")
#: a text this long without a single diacritic is Vietnamese typed without them
_PLAIN_LETTERS = 12


def without_diacritics(text: str) -> bool:
    """Whether a text (in Vietnamese) is typed without diacritics: letters, and none of
    them accented (nor đ)."""
    normed = nfc(text)
    letters = _LETTER.findall(normed)
    return len(letters) >= _PLAIN_LETTERS and all(
        unicodedata.normalize("NFD", c) == c and c not in "đĐ" for c in letters)


_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n\s*\n")
#: abbreviations whose full stop ends no sentence ("e.g. within 4 hours", "TP. Hà Nội")
_NEVER_ENDS = re.compile(
    r"(?:^|[\s(\[\"'‘“])(?:e\.\s?g|i\.\s?e|cf|vs|approx|incl|excl|tel|ref|dept|"
    r"mr|mrs|ms|dr|prof|st|tp|q|p|ths|ts|đ/c|sđt|fax)\.$", re.IGNORECASE)
#: abbreviations that end a sentence only when a capital letter follows ("… etc. Then")
_MAY_END = re.compile(r"(?:^|\s)(?:etc|v\.v|a\.m|p\.m|ltd|inc|co)\.$", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_NOISE = re.compile(r"https?://\S+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)*\."
                    r"(?:example|com|vn|net|org)\b")


def sentences(text: str) -> list[str]:
    """Sentences, split after ``.``, ``!``, ``?`` or ``;`` followed by white space — but
    not after an abbreviation ("e.g.", "i.e.", "approx.", "TP.", "Q."), nor after "etc.",
    "v.v.", "a.m.", "Ltd." when the next word starts with a small letter."""
    pieces = [s.strip() for s in _SENTENCE_END.split(nfc(text)) if s.strip()]
    out: list[str] = []
    for piece in pieces:
        if out and (_NEVER_ENDS.search(out[-1]) or (
                _MAY_END.search(out[-1]) and not piece[:1].isupper())):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def word_count(text: str) -> int:
    """Words (for Vietnamese: syllables, which are space-separated)."""
    return len(_WORD.findall(_NOISE.sub(" ", text)))


def strip_noise(text: str) -> str:
    """Text without web addresses, e-mail addresses and host names (their digits are
    not numbers a customer reads)."""
    return _NOISE.sub(" ", nfc(text))


_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])|(?<![\w.,])\d+(?:[.,]\d+)*(?=[^\W\d])")


def read_number(token: str, language: str, max_decimals: int | None = None) -> Decimal | None:
    """A number as written in ``language``; when that reading fails (or has more than
    ``max_decimals`` decimals, as ``₫200,000`` read the Vietnamese way would), the
    other convention is tried."""
    for locale in (language.replace("-", "_"), "en", "vi"):
        try:
            value = Decimal(parse_decimal(token, locale=locale, strict=True))
        except Exception:  # NumberFormatError, or a locale Babel does not know
            continue
        exponent = value.as_tuple().exponent
        if max_decimals is not None and isinstance(exponent, int) and -exponent > max_decimals:
            continue
        return value
    return None


def numbers(text: str, language: str) -> list[Decimal]:
    """Every number written with digits, read per language, normalised; a scale word after
    it counts (``200 nghìn`` is 200000, ``1,5 triệu`` and ``1.5 million`` 1500000)."""
    out = []
    clean = strip_noise(text)
    for match in _NUMBER.finditer(clean):
        value = read_number(match.group(0), language)
        if value is None:
            continue
        scale = _SCALE_AFTER.match(clean, match.end())
        if scale:
            value *= _SCALE[scale.group(1).lower()]
        out.append(value.normalize())
    return out


_NUM = r"\d+(?:[.,]\d+)*"
_SCALE = {"nghìn": 1000, "ngàn": 1000, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9,
          "nghin": 1000, "ngan": 1000, "trieu": 10**6,
          "thousand": 1000, "million": 10**6, "billion": 10**9}
_SYMBOLS = {"₫": "VND", "đ": "VND", "đồng": "VND", "dong": "VND", "vnđ": "VND", "vnd": "VND",
            "$": "USD",
            "usd": "USD", "€": "EUR", "eur": "EUR"}
_SCALE_RE = "|".join(_SCALE)
_SCALE_AFTER = re.compile(rf"\s+({_SCALE_RE})(?!\w)", re.IGNORECASE)
_SYMBOL_RE = r"₫|\$|€|vnđ|đồng|dong|đ|[a-z]{3}"
_MONEY_AFTER = re.compile(rf"(?<![\w.,])(?P<n>{_NUM})\s?(?:(?P<scale>{_SCALE_RE})\s)?\s*"
                          rf"(?P<cur>{_SYMBOL_RE})(?!\w)", re.IGNORECASE)
_MONEY_BEFORE = re.compile(rf"(?<!\w)(?P<cur>₫|\$|€|[a-z]{{3}})\s?(?P<n>{_NUM})"
                           rf"(?:\s(?P<scale>{_SCALE_RE}))?(?![\w.,]\d)", re.IGNORECASE)


@dataclass(frozen=True)
class Amount:
    """An amount of money written in prose."""

    value: Decimal
    currency: str
    text: str


def _currency(symbol: str) -> str | None:
    from babel.numbers import list_currencies

    lowered = symbol.lower()
    if lowered in _SYMBOLS:
        return _SYMBOLS[lowered]
    return symbol.upper() if symbol.isupper() and symbol in list_currencies() else None


def amounts(text: str, language: str) -> list[Amount]:
    """Amounts such as ``200.000 đ``, ``₫200,000``, ``200,000 VND``, ``5 triệu đồng``."""
    out: list[Amount] = []
    clean = strip_noise(text)
    taken: list[tuple[int, int]] = []
    for pattern in (_MONEY_AFTER, _MONEY_BEFORE):
        for match in pattern.finditer(clean):
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            currency = _currency(match.group("cur"))
            if currency is None:
                continue
            value = read_number(match.group("n"), language, currency_digits(currency))
            if value is None:
                continue
            scale = match.group("scale")
            if scale:
                value *= _SCALE[scale.lower()]
            taken.append(match.span())
            out.append(Amount(value.normalize(), currency, match.group(0)))
    return out


_PERCENT = re.compile(rf"(?<![\w.,])(?P<n>{_NUM})\s?%")


def percents(text: str, language: str) -> list[Decimal]:
    out = []
    for match in _PERCENT.finditer(strip_noise(text)):
        value = read_number(match.group("n"), language)
        if value is not None:
            out.append(value.normalize())
    return out


#: numbers written in English words, as charters write durations ("ten working days",
#: "a two-hour period")
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                 "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
                 "forty-eight": 48, "sixty": 60, "ninety": 90}
_NUMBER_WORD_RE = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_DURATION = re.compile(rf"(?<![\w.,])(?P<n>{_NUM}|(?:{_NUMBER_WORD_RE})(?![\w]))(?:\s*|-)"
                       r"(?P<full>full\s+)?(?P<prefix>(?:business|working)\s+)?"
                       r"(?P<unit>[^\W\d_]+)(?P<suffix>\s+l[àa]m\s+vi[ệe]c)?(?!\w)(?!\s*\d)",
                       re.IGNORECASE)
#: Vietnamese time units typed without diacritics
_PLAIN_UNITS = {"ngay": "ngày", "gio": "giờ", "phut": "phút", "tuan": "tuần", "thang": "tháng",
                "nam": "năm", "tieng": "tiếng"}


@dataclass(frozen=True)
class WrittenDuration:
    duration: Duration
    text: str


def durations(text: str, language: str) -> list[WrittenDuration]:
    """Durations such as ``within 24 hours``, ``2 ngày làm việc`` — read by the policy
    format's own duration parser, so prose and fields mean the same."""
    out = []
    for match in _DURATION.finditer(strip_noise(text)):
        written = match.group("n")
        value = (Decimal(_NUMBER_WORDS[written.lower()]) if written.lower() in _NUMBER_WORDS
                 else read_number(written, language))
        if value is None:
            continue
        unit = match.group("unit")
        unit = _PLAIN_UNITS.get(unit.lower(), unit)
        spelled = (f"{value} {match.group('full') or ''}{match.group('prefix') or ''}{unit}"
                   f"{' làm việc' if match.group('suffix') else ''}")
        try:
            duration = Duration.parse(spelled)
        except Exception:  # not a time unit: "2 buổi", "50 GB"
            continue
        out.append(WrittenDuration(duration, match.group(0)))
    return out


def same_duration(a: Duration, b: Duration) -> bool:
    """Equal length and kind (``24 hours`` = ``1 day``, ``60 minutes`` = ``1 hour``)."""
    return a.business == b.business and a.approx_minutes == b.approx_minutes


def tokens(text: str) -> list[str]:
    """Normalised words, for phrase matching."""
    return _WORD.findall(norm(text))


def token_spans(normed: str) -> list[tuple[int, int]]:
    """Where each word of an already normalised text starts and ends."""
    return [match.span() for match in _WORD.finditer(normed)]


def contains_phrase(text: str, phrase: str) -> bool:
    """Whether the words of ``phrase`` appear in ``text`` in a row (NFC, any case)."""
    words = tokens(phrase)
    if not words:
        return False
    return f" {' '.join(words)} " in f" {' '.join(tokens(text))} "
