"""Conflicts: two reports of one fact that disagree on a number, a name, a date or a negation.

Both sentences are aligned word by word; a conflict is a replaced stretch where each side holds a
number (``8 dead`` / ``18 dead``), a date of the same kind (``Sunday`` / ``Monday``, ``March 3`` /
``March 4``), or a name (``Smith said`` / ``Jones said``), or a negation present on one side only.
Different kinds of date (``on Sunday`` / ``on March 3``) are not compared: without a calendar they
may well be the same day. Word choices (``strikes`` / ``airstrikes``) are never conflicts.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

from wordfreq import zipf_frequency

from storylens.compare.judge import MONTH_ABBREVIATIONS, MONTH_NAMES, close_forms
from storylens.compare.text import NUMBER_WORDS, STOPWORDS, word_set

ConflictKind = Literal["number", "date", "name", "negation"]

WEEKDAYS = word_set("monday tuesday wednesday thursday friday saturday sunday")
"""Relative days (today, yesterday) are left out: they depend on the publication date."""
FULL_FOR_ABBREVIATIONS = (
    *MONTH_NAMES.split()[:4], *MONTH_NAMES.split()[5:9], *MONTH_NAMES.split()[8:]
)
"""The full month name of each abbreviation (no abbreviation for May; sep and sept)."""
MONTHS = {
    **{m: m for m in MONTH_NAMES.split()},
    **dict(zip(MONTH_ABBREVIATIONS.split(), FULL_FOR_ABBREVIATIONS, strict=True)),
}
NEGATIONS = word_set("not no never n't nobody nothing")
"""Words that turn a statement into its opposite when inserted (``was not armed``)."""
PERSON_TITLES = word_set(
    "mr mrs ms dr president senator sen rep governor gov minister secretary judge coach "
    "spokesman spokeswoman officer chief director general captain"
)
SPEECH_VERBS = word_set("said says told added stated wrote claimed announced argued")
ROUNDING = 0.03
"""Two numbers within this relative distance are a rounding of one another, not a conflict."""
MAX_REPLACED_WORDS = 4
"""A replaced stretch longer than this is a different wording, not one detail that differs."""

_WORD = re.compile(r"[^\W\d_]+\d\w*|\d+(?:[.,:]\d+)*%?|[^\W\d_]+(?:['’][^\W\d_]+)?")
"""Numbers, words, and identifiers that start with letters (``Outlet25``, ``F16``, ``G7``): one
token each, so their digits are never compared as figures."""


@dataclass(frozen=True)
class Token:
    text: str
    fold: str
    start: int
    end: int


@dataclass(frozen=True)
class Clash:
    """One disagreement inside a pair of sentences: offsets are relative to each sentence."""

    kind: ConflictKind
    a_start: int
    a_end: int
    a_text: str
    b_start: int
    b_end: int
    b_text: str


def tokenize(text: str) -> list[Token]:
    return [
        Token(m.group(), _fold(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)
    ]


def _fold(word: str) -> str:
    low = word.lower().replace("’", "'").replace(",", "")
    if low[:1].isdigit():
        return low.rstrip("%")
    return MONTHS.get(low) or NUMBER_WORDS.get(low, low)


def find_clashes(a: str, b: str) -> list[Clash]:
    """Disagreements between two sentences already judged to report the same fact."""
    ta, tb = tokenize(a), tokenize(b)
    return [c for c in _clashes(ta, tb) if c.kind != "name" or _person_slot(ta, tb, c)]


def _person_slot(ta: list[Token], tb: list[Token], clash: Clash) -> bool:
    """Names conflict only where both name a person (a title before, or a speech verb after):
    ``Millom`` / ``Cumbria`` are one place at two scales, ``Mr Smith said`` / ``Mr Jones said``
    are two people."""
    return _beside_person_cue(ta, clash.a_start, clash.a_end) and _beside_person_cue(
        tb, clash.b_start, clash.b_end
    )


def _beside_person_cue(tokens: list[Token], start: int, end: int) -> bool:
    k = next(i for i, t in enumerate(tokens) if t.start == start)
    j = next(i for i, t in enumerate(tokens) if t.end == end)
    before = tokens[k - 1].fold if k > 0 else ""
    after = tokens[j + 1].fold if j + 1 < len(tokens) else ""
    return before in PERSON_TITLES or after in SPEECH_VERBS


def _clashes(ta: list[Token], tb: list[Token]) -> list[Clash]:
    all_a = {t.fold for t in ta}
    all_b = {t.fold for t in tb}
    matcher = difflib.SequenceMatcher(None, [t.fold for t in ta], [t.fold for t in tb], False)
    clashes: list[Clash] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        xa, xb = ta[i1:i2], tb[j1:j2]
        clash = None
        if tag == "replace" and max(len(xa), len(xb)) <= MAX_REPLACED_WORDS:
            clash = _replaced(xa, xb, all_a, all_b)
        elif tag in {"insert", "delete"} and len(xa) + len(xb) <= 2:
            clash = _negation(xa, xb, ta, tb, i1, j1)
        if clash:
            clashes.append(clash)
    return clashes


def _span(kind: ConflictKind, xa: list[Token], xb: list[Token]) -> Clash:
    return Clash(
        kind,
        xa[0].start,
        xa[-1].end,
        " ".join(t.text for t in xa),
        xb[0].start,
        xb[-1].end,
        " ".join(t.text for t in xb),
    )


def _replaced(xa: list[Token], xb: list[Token], all_a: set[str], all_b: set[str]) -> Clash | None:
    na = [t for t in xa if t.fold[0].isdigit()]
    nb = [t for t in xb if t.fold[0].isdigit()]
    if na and nb:
        if len(na) != len(xa) or len(nb) != len(xb):
            return None  # "300 million" / "43.63 percent": other quantities, not one that differs
        if {t.fold for t in na} & all_b or {t.fold for t in nb} & all_a or _rounded(na, nb):
            return None
        dated = _is_date(xa) or _is_date(xb) or all(_is_year(t.fold) for t in na + nb)
        return _span("date" if dated else "number", na, nb)
    da = [t for t in xa if t.fold in WEEKDAYS]
    db = [t for t in xb if t.fold in WEEKDAYS]
    if da and db and {t.fold for t in da} != {t.fold for t in db}:
        return _span("date", da, db)
    ma = [t for t in xa if t.fold in MONTHS]
    mb = [t for t in xb if t.fold in MONTHS]
    if ma and mb and {t.fold for t in ma} != {t.fold for t in mb}:
        return _span("date", ma, mb)
    names_a, names_b = _names(xa), _names(xb)
    only_names = names_a and names_b and len(xa) == len(names_a) and len(xb) == len(names_b)
    mentioned = {t.fold for t in names_a} & all_b or {t.fold for t in names_b} & all_a
    if only_names and not mentioned and not _spelled_alike(names_a, names_b):
        return _span("name", names_a, names_b)
    return None


def _rounded(na: list[Token], nb: list[Token]) -> bool:
    """Whether the numbers are the same quantity at another precision (33.4 / 34, 14.7 / 15)."""
    try:
        x, y = float(na[0].fold.replace(":", ".")), float(nb[0].fold.replace(":", "."))
    except ValueError:
        return False
    return abs(x - y) <= ROUNDING * max(abs(x), abs(y))


def _spelled_alike(names_a: list[Token], names_b: list[Token]) -> bool:
    """Spelling variants, possessives and short forms (Muqtada/Moqtada, HP's/HPs, Tim/Timothy)."""
    fa = [t.fold.replace("'s", "").rstrip("s") for t in names_a]
    fb = [t.fold.replace("'s", "").rstrip("s") for t in names_b]
    return any(
        x == y or x.startswith(y) or y.startswith(x) or x.endswith(y) or y.endswith(x)
        or close_forms(x, y)
        for x in fa for y in fb
    )


def _is_date(tokens: list[Token]) -> bool:
    return any(t.fold in MONTHS or t.fold in WEEKDAYS for t in tokens)


def _is_year(fold: str) -> bool:
    return fold.isdigit() and len(fold) == 4 and fold[:2] in {"19", "20"}


def _names(tokens: list[Token]) -> list[Token]:
    """Tokens that look like proper names: capitalised, rare as common words."""
    return [
        t
        for t in tokens
        if t.text[:1].isupper()
        and t.start > 0
        and t.fold not in STOPWORDS
        and t.fold not in MONTHS
        and t.fold not in WEEKDAYS
        and zipf_frequency(t.fold, "en") < 4.0
    ]


def _negation(
    xa: list[Token], xb: list[Token], ta: list[Token], tb: list[Token], i1: int, j1: int
) -> Clash | None:
    """A negation word inserted on one side only, next to words both sides share."""
    neg_a = [t for t in xa if _is_negation(t.fold)]
    neg_b = [t for t in xb if _is_negation(t.fold)]
    if bool(neg_a) == bool(neg_b):
        return None
    if neg_a and not any(_is_negation(t.fold) for t in tb):
        anchor = _anchor(tb, j1)
        return Clash("negation", neg_a[0].start, neg_a[-1].end, " ".join(t.text for t in neg_a),
                     anchor.start, anchor.end, anchor.text) if anchor else None
    if neg_b and not any(_is_negation(t.fold) for t in ta):
        anchor = _anchor(ta, i1)
        return Clash("negation", anchor.start, anchor.end, anchor.text, neg_b[0].start,
                     neg_b[-1].end, " ".join(t.text for t in neg_b)) if anchor else None
    return None


def _is_negation(fold: str) -> bool:
    return fold in NEGATIONS or fold.endswith("n't")


def _anchor(tokens: list[Token], at: int) -> Token | None:
    """The word where the other side's negation would sit (the next shared word)."""
    if at < len(tokens):
        return tokens[at]
    return tokens[-1] if tokens else None
