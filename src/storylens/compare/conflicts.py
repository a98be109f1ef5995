"""Conflicts: two reports of one fact that disagree on a number, a name, a date or a negation.

Both sentences are aligned word by word; a conflict is a replaced stretch where each side holds a
number (``8 dead`` / ``18 dead``), a date of the same kind (``Sunday`` / ``Monday``, ``March 3`` /
``March 4``), or a name (``Smith said`` / ``Jones said``), or a negation present on one side only.
Different kinds of date (``on Sunday`` / ``on March 3``) are not compared: without a calendar they
may well be the same day. Word choices (``strikes`` / ``airstrikes``) are never conflicts.

What is *not* a conflict, each a rule below (found while labelling ``bench/data/
compare-conflicts.jsonl``): the same figure written another way (``1, 000`` / ``1000``, ``6 p.m.`` /
``18:00``, fractions), a rounding or a hedged figure near the other (``about 50`` / ``48``), figures
in different units or currencies (``15,800 square metres`` / ``170,000 square feet``), the date of a
statement rather than of the fact (``police said Saturday``), a report's own date (``today (14
October)``), and sentences where three or more figures differ (another tally, not one detail).
From reading every conflict shown on whole corpora (``bench/data/compare-conflicts-real.jsonl``):
the same sentence frame about something else is not a conflict either: a figure sharing only its
unit (``[scored 23] points`` / ``[had five] points during a run``), a figure after each side's
own name (``Clinton ... 45 percent`` / ``Sanders ... 40 percent``), a figure and a date that both
differ (two moments), a record or score pair (``(11-4)`` / ``31-24``), an identifier (10+ digits).
Reports that reword or reorder a sentence put the differing words in other places, so a few
clashes are also read from the whole sentence (:func:`_reordered`, written from the ``tune`` half
of ``bench/data/conflict-cases.jsonl``): one thing counted with two figures, one named person with
two ages, one statement negated on one side, one firm named two ways.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise
from typing import Literal

from wordfreq import zipf_frequency

from storylens.compare.judge import MONTH_ABBREVIATIONS, MONTH_NAMES, close_forms
from storylens.compare.text import NUMBER_WORDS, STOPWORDS, UNSPACED, word_set
from storylens.writing import HIRAGANA, KATAKANA

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
NEGATIVE_BEFORE_TO = word_set("yet failed fails fail refused refuses declined declines")
"""Words that say "not" when followed by ``to`` (``has yet to``, ``failed to``, ``refused to``)."""
PERSON_TITLES = word_set(
    "mr mrs ms dr president senator sen rep governor gov minister secretary judge coach "
    "spokesman spokeswoman officer chief director general captain"
)
SPEECH_VERBS = word_set("said says told added stated wrote claimed announced argued")
ROUNDING = 0.03
"""Two numbers within this relative distance, one written rounder, are one quantity rounded."""
CURRENCY_WORDS = word_set("dollar dollars euro euros yuan yen rupee rupees ringgit pence")
UNITS = CURRENCY_WORDS | word_set(
    "metre metres meter meters km kilometre kilometres kilometer kilometers mile miles foot feet "
    "ft inch inches yard yards mph kph kg kilogram kilograms pound pounds lb lbs ton tons tonne "
    "tonnes celsius fahrenheit percent per cent acre acres hectare hectares"
)
"""Units that, when they differ, make two figures different measures (a conversion, not a clash)."""
STATEMENT_CUES = SPEECH_VERBS | word_set("says reported reports confirmed denied")
"""A date right after one of these is when something was said, not when the fact happened."""
REPORT_DAYS = word_set("today tonight yesterday")
"""A date glossing one of these (``today (14 October)``) is the report's own date."""
MAX_FIGURE_CLASHES = 2
"""More figures than this on each side missing from the other: two tallies (another scope or
time: ``14 rifles, 31 magazines, 923 rounds in five operations`` / ``six rifles, 12 magazines,
300 rounds in this one``), not one detail reported differently."""
FRACTION_MARKS = "½¼¾⅓⅔⅛\ufffd"
"""Vulgar fractions, and the replacement character a mangled ``½`` often becomes."""
IDENTIFIER_DIGITS = 10
"""A run of this many digits or more is an identifier (``tweet-id="760070280932982784"``, a
phone number), never a quantity: two of them differ because they name two things."""
MAX_REPLACED_WORDS = 4
"""A replaced stretch longer than this is a different wording, not one detail that differs."""

MORE_NUMBER_WORDS = {
    **{w: str(k) for k, w in enumerate(
        ["eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen"], 11)},
    **{w: str(k) for k, w in enumerate(
        ["zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf",
         "zwölf"], 2)},
    **{w: str(k) for k, w in enumerate(["deux", "trois", "quatre", "cinq"], 2)},
    "huit": "8", "neuf": "9", "dix": "10", "onze": "11", "douze": "12",
    **{w: str(k) for k, w in enumerate(
        ["dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez"], 2)},
    "doce": "12",
    **{f"{w}aine": str(k) for w, k in (
        ("diz", 10), ("vingt", 20), ("trent", 30), ("quarant", 40), ("cinquant", 50),
        ("soixant", 60), ("cent", 100))},
}  # fmt: skip
"""Spelled-out numbers past ten, and two to twelve in German, French and Spanish (``Drei
Feuerwehrleute`` = 3), and French round estimates (``une trentaine``: about 30). Words that
are also common words or articles in another of these languages are left out: ``un``/``une``/
``ein`` (a, one), ``sept`` (September), ``once``."""

TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
UNITS_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
COMPOUND_NUMBERS = {
    f"{tens}-{unit}": str(20 + 10 * t + u + 1)
    for t, tens in enumerate(TENS)
    for u, unit in enumerate(UNITS_WORDS)
}
"""``seventy-four`` = 74 (one number, not ``seventy`` and a differing ``four``)."""
CJK_DIGITS = {
    **dict.fromkeys("〇零", 0), "一": 1, **dict.fromkeys("二两兩", 2), "三": 3, "四": 4, "五": 5,
    "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
CJK_UNITS = {"十": 10, "百": 100, "千": 1000}
CJK_MYRIADS = {**dict.fromkeys("万萬", 10**4), **dict.fromkeys("亿億", 10**8), "兆": 10**12}
CJK_NUMERAL_CHARS = "".join([*CJK_DIGITS, *CJK_UNITS, *CJK_MYRIADS])
CJK_DATE_UNITS = frozenset("年月日号號時时点點")
"""A figure followed by one of these is a year, month, day or hour: a date, not a count."""
_CJK_NUMBER = (
    rf"\d+(?:\.\d+)?[{''.join(CJK_MYRIADS)}]"  # 3万, 1.5亿: a figure with a myriad unit
    rf"|[{CJK_NUMERAL_CHARS}]{{2,}}|[〇零二两兩三四五六七八九十]"  # 三十五, 五: numerals (a lone
    # 一, 百, 万 are too often part of words); a run of hiragana (particles, endings) or of
    # katakana (a loanword) as one token; any other character on its own
    rf"|[{HIRAGANA}]+|[{KATAKANA}]+|[{UNSPACED}]"
)
"""Chinese and Japanese tokens: figures (written with numerals or with a myriad unit) and single
characters, so that a differing figure inside a sentence without spaces is a replaced token."""
_WORD = re.compile(
    rf"{_CJK_NUMBER}"
    rf"|(?i:\b(?:{'|'.join(TENS)})-(?:{'|'.join(UNITS_WORDS)})\b)"  # seventy-four
    r"|[^\W\d_]+\d\w*"  # identifiers that start with letters: Outlet25, F16, G7
    rf"|\d+\s?/\s?\d+|\d+[{FRACTION_MARKS}]"  # fractions (and slashed dates): never compared
    r"|\d{1,3}(?:,\s?\d{3}(?!\d))+(?:\.\d+)?%?"  # 1,000 and tokenised 1, 000 (not "23, 2022")
    r"|\d{1,2}:\s?\d{2}\b|\d{1,3}\.\s\d{1,3}\b"  # 2: 09 and 4. 6 in tokenised copies
    r"|\d+(?:[.,:]\d+)*%?"
    r"|[^\W\d_]+(?:['’][^\W\d_]+)?"
)
"""Numbers (with thousands separators, times and decimals that tokenised copies split with a
space), words, and identifiers that start with letters (``Outlet25``): one token each."""


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


@lru_cache(maxsize=100_000)
def _fold(word: str) -> str:
    """The comparable form of a token (cached: the first report of a story's fact is tokenised
    again for each later report, and a story repeats its words)."""
    if word[-1] in CJK_NUMERAL_CHARS:
        value = cjk_number(word)
        if value is not None:
            return value
    low = word.lower().replace("’", "'").replace(",", "").replace(" ", "")
    if low[:1].isdigit():
        return low.rstrip("%")
    if low == "may" and word[0].islower():
        return low  # the verb, not the month
    if low in COMPOUND_NUMBERS:
        return COMPOUND_NUMBERS[low]
    return MONTHS.get(low) or NUMBER_WORDS.get(low) or MORE_NUMBER_WORDS.get(low, low)


def cjk_number(word: str) -> str | None:
    """The value of a Chinese or Japanese figure (``三万五千`` 35000, ``3万`` 30000, ``1.5亿``
    150000000, ``二〇二三`` 2023) as digits, or None when it is not one."""
    head = re.match(r"\d+(?:\.\d+)?", word)
    if head:
        value = float(head.group()) * CJK_MYRIADS.get(word[head.end() :], 0)
        return _digits(value) if value else None
    if all(ch in CJK_DIGITS for ch in word):
        return "".join(str(CJK_DIGITS[ch]) for ch in word)  # read digit by digit: a year
    total = section = number = 0
    for ch in word:
        if ch in CJK_DIGITS:
            number = CJK_DIGITS[ch]
        elif ch in CJK_UNITS:
            section += (number or 1) * CJK_UNITS[ch]
            number = 0
        elif ch in CJK_MYRIADS:
            total += (section + number) * CJK_MYRIADS[ch]
            section = number = 0
        else:
            return None
    return _digits(total + section + number)


def _digits(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def find_clashes(a: str, b: str) -> list[Clash]:
    """Disagreements between two sentences already judged to report the same fact."""
    ta, tb = tokenize(a), tokenize(b)
    clashes = [c for c in _clashes(ta, tb) if c.kind != "name" or _person_slot(ta, tb, c)]
    clashes += [
        c for c in _reordered(a, ta, b, tb) if not any(_same_place(c, d) for d in clashes)
    ]
    clashes = [c for c in clashes if not _answer(a, b, c) and not _lower_bounds(ta, tb, c)]
    clashes = [_dated(ta, tb, c) for c in clashes]
    clashes = [c for c in clashes if c.kind not in {"number", "date"} or _comparable(ta, tb, c)]
    clashes = [c for c in clashes if c.kind != "number" or not _other_measures(a, ta, b, tb, c)]
    if _two_times(clashes):
        return [c for c in clashes if c.kind not in {"number", "date"}]
    return clashes


COUNTED_FUNCTION_WORDS = word_set(
    "de del des du la le les el los las der die das den dem und et y e of von zu"
)
"""Words after a figure that are not what it counts (``24 de mayo``, ``3 de junio``)."""
HEDGES = word_set(
    "about around nearly almost some roughly approximately over under more less fewer least "
    "up etwa rund knapp über fast mehr environ près plus quelque presque unos unas casi más "
    "cerca alrededor"
)
"""Words before a figure that make it an estimate (``about 40``, ``rund 90``, ``unos 300``)."""
HEDGED_APART = 0.2
"""An estimate conflicts with another figure only when they are this far apart (relative):
``More than 900`` / ``Nearly 1,000`` firefighters agree, ``about 40,000`` / ``up to 65,000``
residents do not."""
UPDATE_CUES = word_set(
    "rose risen rises rising raised raising climbed climbing increased jumped fell fallen "
    "dropped dropping now stieg gestiegen augmenté subió aumentó"
)
"""Words that mark a figure as a new value of a changing count (``rose to 21``, ``raising
containment to 25 percent``): an update, not a second report of the first value."""
VERB_NEGATIONS = word_set("not never nicht nie pas jamais nunca")
"""Words that negate the verb after them, in English, German, French and Spanish (``no``,
``kein``, ``aucun`` negate a noun: ``no outlets for their anger`` says nothing of ``community``)."""
AUXILIARIES = word_set(
    "be been being was were is are am has have had do does did will would shall should can "
    "could may might must yet also ever still s est a été ont hat haben ist wurde wurden ha han "
    "se me te"
)
"""Words between a negation and the word it negates (``had not been made``, ``ne s'est pas
rendu``)."""
FUNCTION_WORDS = COUNTED_FUNCTION_WORDS | word_set(
    "the a an to in on at for with by from that this these those it its he she they we you i "
    "his her their our any only just even all one more much many so as than there here "
    "le la les un une en au aux il elle ils ce der die das ein eine es er sie el la los un una lo"
)
"""Words that are never what a negation negates (``not only``, ``no one``, ``not the``)."""


def _lower_bounds(ta: list[Token], tb: list[Token], clash: Clash) -> bool:
    """Two figures each given as a lower bound (``at least 10`` / ``at least three`` dead): both
    can hold, so they do not disagree."""
    if clash.kind != "number":
        return False
    ka, kb = _index_of(ta, clash.a_start), _index_of(tb, clash.b_start)
    return _at_least(ta, ka) and _at_least(tb, kb)


def _answer(a: str, b: str, clash: Clash) -> bool:
    """A ``No,`` answering a question (``“No, I meant he's the founder”``) negates nothing."""
    if clash.kind != "negation":
        return False
    return any(
        text.lower() == "no" and rest.lstrip()[:1] == ","
        for text, rest in ((clash.a_text, a[clash.a_end :]), (clash.b_text, b[clash.b_end :]))
    )


def _reordered(a: str, ta: list[Token], b: str, tb: list[Token]) -> list[Clash]:
    """Clashes the word-by-word alignment cannot see because the two reports order their words
    differently: one counted thing with two figures, one person with two ages, one statement
    negated on one side, one firm with two names."""
    found = (_counted(ta, tb), _aged(a, ta, b, tb), _negated_word(ta, tb), _firm_named(ta, tb))
    return [c for c in found if c]


MAX_AGE = 120


def _ages(text: str, tokens: list[Token]) -> list[tuple[frozenset[str], Token]]:
    """Named people's ages: ``Kiprono, 27,`` and ``the 29-year-old Kiprono`` (the name's
    capitalised words, and the age)."""
    out = []
    for k, t in enumerate(tokens):
        if not (t.fold.isdigit() and 0 < int(t.fold) <= MAX_AGE):
            continue
        after = [w.fold for w in tokens[k + 1 : k + 3]]
        end = tokens[k + 1].start if k + 1 < len(tokens) else len(text)
        if after == ["year", "old"]:
            name = _name_run(tokens[k + 3 : k + 6])
        elif k > 0 and text[tokens[k - 1].end : t.start].strip() == "," and (
            k + 1 == len(tokens) or text[t.end : end].strip()[:1] in {",", ".", ")"}
        ):
            name = _name_run(tokens[max(0, k - 3) : k][::-1])
        else:
            continue
        if name:
            out.append((name, t))
    return out


def _name_run(tokens: list[Token]) -> frozenset[str]:
    """The capitalised words at the start of ``tokens`` (a name), titles and common words
    left out."""
    run = []
    for t in tokens:
        if not t.text[:1].isupper() or t.fold in STOPWORDS or t.fold in PERSON_TITLES:
            break
        run.append(t.fold)
    return frozenset(run)


def _aged(a: str, ta: list[Token], b: str, tb: list[Token]) -> Clash | None:
    """One named person given two ages (``Kiprono, 27,`` / ``The 29-year-old Kiprono``); two
    people sharing a surname (``John Jenkin, 23`` / ``Kathryn Jenkin, 20``) are not one."""
    ages_a, ages_b = _ages(a, ta), _ages(b, tb)
    for name_a, age_a in ages_a:
        for name_b, age_b in ages_b:
            if not (name_a <= name_b or name_b <= name_a) or age_a.fold == age_b.fold:
                continue
            if not _only_differing(ta, tb, age_a, age_b):
                continue  # another figure differs too: another moment (``27`` at the verdict,
                # ``26`` when the trial was set) or another person's age
            if sum(n == name_a for n, _ in ages_a) == 1 == sum(n == name_b for n, _ in ages_b):
                return _span("number", [age_a], [age_b])
    return None


def _firm_named(ta: list[Token], tb: list[Token]) -> Clash | None:
    """One firm or body named two ways (``operated by Hillmark Tours`` / ``run by Hillcrest
    Tours``): a rare capitalised word before the same capitalised word, each found once and
    the rare words in neither other sentence; not titles (``Prime Minister`` / ``Foreign
    Minister`` are two people) and not spelling variants."""
    heads_a = _firm_heads(ta)
    heads_b = _firm_heads(tb)
    folds_a, folds_b = {t.fold for t in ta}, {t.fold for t in tb}
    for head, xa in heads_a.items():
        xb = heads_b.get(head)
        if xb is None or xa.fold in folds_b or xb.fold in folds_a:
            continue
        if _spelled_alike([xa], [xb]):
            continue
        return _span("name", [xa], [xb])
    return None


LEGAL_FORMS = word_set("inc corp co ltd llc plc ag gmbh sa se nv bv")
"""A legal form names no kind of firm: two firms sharing it are two firms."""
FIRM_HEAD_MIN_ZIPF = 3.0
"""The head of a firm's name is a common English noun (``Tours``, ``Freight``, ``Bank``)."""


def _firm_heads(tokens: list[Token]) -> dict[str, Token]:
    """Capitalised words (once in the sentence, not titles) preceded by a rare capitalised
    word: the head and the word before it."""
    count = Counter(t.fold for t in tokens)
    out = {}
    for x, head in pairwise(tokens):
        if count[head.fold] != 1 or not head.text[:1].isupper() or head.fold in PERSON_TITLES:
            continue
        if head.start != x.end + 1 or not x.fold.isalpha() or head.fold in LEGAL_FORMS:
            continue  # "Puebla, Mexico", "US30YT", "PepsiCo Inc." / "Alcoa Inc.", "Apple's"
        if head.fold in STOPWORDS or _is_date([head]) or not _names([x]):
            continue
        if zipf_frequency(head.fold, "en") < FIRM_HEAD_MIN_ZIPF:
            continue  # a name or a word of another language (``Naib Presiden``), not a noun
        out[head.fold] = x
    return out


def _counted(ta: list[Token], tb: list[Token]) -> Clash | None:
    """Two figures counting the same thing, wherever they stand (``rescued 35 people by boat``
    / ``took 53 people ... by boat``, ``injuring five workers`` / ``Seven workers were hurt``):
    the word right after each figure (past ``de``: ``une trentaine de maisons``) is the same
    content word, found once in each sentence, the one such pair whose figures differ (other
    counts may agree), and besides these two figures neither sentence
    holds a figure the other lacks (another figure differing means another quantity or moment
    is in play). Not when either sentence marks an update (``rose to``) or when an estimate is
    near the other figure."""
    fa, fb = _counts(ta), _counts(tb)
    pairs = [(a, b) for a in fa for b in fb if a[2] == b[2] and a[0].fold != b[0].fold]
    if len(pairs) != 1:
        return None  # "3 personnes ... 8 autres" / "4 personnes ... 8 blessées": one differs
    (na, ka, _), (nb, kb, _) = pairs[0]
    if not _only_differing(ta, tb, na, nb):
        return None
    if any(t.fold in UPDATE_CUES for t in (*ta, *tb)):
        return None
    hedged = _hedged(ta, ka) or _hedged(tb, kb)
    if _rounded([na], [nb]) or (hedged and not _apart(na, nb)):
        return None
    if _dated_apart(ta, tb):
        return None  # "arrested four times" / "three times since October": another period
    if any(len(t.fold) >= IDENTIFIER_DIGITS for t in (na, nb)):
        return None
    kind: ConflictKind = "date" if all(_is_year(t.fold) for t in (na, nb)) else "number"
    return _span(kind, [na], [nb])


def _only_differing(ta: list[Token], tb: list[Token], na: Token, nb: Token) -> bool:
    """Whether ``na`` and ``nb`` are the only figures of either sentence the other lacks."""
    keys_a = {_figure_key(t.fold) for t in ta if _figure(t.fold)}
    keys_b = {_figure_key(t.fold) for t in tb if _figure(t.fold)}
    return keys_a - keys_b == {_figure_key(na.fold)} and keys_b - keys_a == {_figure_key(nb.fold)}


def _counts(tokens: list[Token]) -> list[tuple[Token, int, str]]:
    """Figures followed by a content word that occurs once in the sentence (what is counted):
    the figure, its index and that word."""
    seen = Counter(t.fold for t in tokens)
    out = []
    for k, t in enumerate(tokens[:-1]):
        if not _figure(t.fold):
            continue
        nxt = tokens[k + 1]
        if _estimate(t) and nxt.fold in {"de", "d"} and k + 2 < len(tokens):
            nxt = tokens[k + 2]
        word = nxt.fold
        if _figure(word) or seen[word] != 1:
            continue
        if word in STOPWORDS or word in COUNTED_FUNCTION_WORDS or _is_date([nxt]):
            continue
        out.append((t, k, word))
    return out


def _estimate(token: Token) -> bool:
    """A French round estimate (``une trentaine``): about that many."""
    return token.text.lower().endswith("aine")


def _hedged(tokens: list[Token], k: int) -> bool:
    return _estimate(tokens[k]) or any(t.fold in HEDGES for t in tokens[max(0, k - 2) : k])


def _dated_apart(ta: list[Token], tb: list[Token]) -> bool:
    """Whether a month or a year is in one sentence only: the counts may cover another period
    (``arrested four times`` / ``arrested three times since October``). A weekday is not
    enough: the other report may say ``yesterday``."""
    da = {t.fold for t in ta if t.fold in MONTHS.values() or _is_year(t.fold)}
    db = {t.fold for t in tb if t.fold in MONTHS.values() or _is_year(t.fold)}
    return da != db


def _at_least(tokens: list[Token], k: int) -> bool:
    return [t.fold for t in tokens[max(0, k - 2) : k]] == ["at", "least"]


def _apart(na: Token, nb: Token) -> bool:
    try:
        x, y = float(_figure_key(na.fold).replace(":", ".")), float(
            _figure_key(nb.fold).replace(":", ".")
        )
    except ValueError:
        return False
    return abs(x - y) > HEDGED_APART * max(abs(x), abs(y))


def _negated_word(ta: list[Token], tb: list[Token]) -> Clash | None:
    """A statement negated on one side only, with its words in another order (``have made
    contact with the men`` / ``contact had not been made``; ``would fight the cuts`` / ``would
    not fight the plan``): the first word after the negation (past auxiliaries) is a content
    word the other, unnegated, sentence holds."""
    for x, y, flip in ((ta, tb, False), (tb, ta, True)):
        if not _negated_any(x) or _negated_any(y):
            continue
        folds = {t.fold: t for t in y}
        for k, t in enumerate(x):
            if not _is_negation_any(t.fold):
                continue
            word = next((w for w in x[k + 1 :] if w.fold not in AUXILIARIES), None)
            if word is None or word.fold in FUNCTION_WORDS or not word.fold.isalpha():
                continue
            if word.fold in STOPWORDS and word.fold not in NEGATABLE_STOPWORDS:
                continue  # "not because he was Jewish": no statement negated
            other = folds.get(word.fold)
            if other is not None and not _infinitive(y, other) and not _subject_apart(x, k, y):
                if flip:
                    return Clash("negation", other.start, other.end, other.text, t.start, t.end,
                                 t.text)  # fmt: skip
                return Clash("negation", t.start, t.end, t.text, other.start, other.end,
                             other.text)  # fmt: skip
    return None


def _infinitive(tokens: list[Token], word: Token) -> bool:
    """A word after ``to`` or a modal perfect is not asserted (``in negotiations to direct``
    does not say he directs it; ``should have identified the hazard`` says it was not): a
    negation of it elsewhere is no conflict."""
    k = tokens.index(word)
    before = [t.fold for t in tokens[max(0, k - 2) : k]]
    if len(before) == 2 and before[1] == "have" and before[0] in MODALS:
        return True
    return k > 0 and tokens[k - 1].fold in {"to", "zu", "de", "à", "a"}


MODALS = word_set("should would could might must may")


NEGATABLE_STOPWORDS = word_set(
    "made make get give go keep put see seem take become call find show done found seen"
)
"""Stop words that are verbs a negation can deny (``contact had not been made``)."""
NEGATIVE_WORDS = NEGATIONS | word_set(
    "kein keine keinen keiner niemand aucun nor unless without declined refused denied "
    "dont doesnt didnt isnt wasnt arent werent havent hasnt hadnt wont cant couldnt wouldnt "
    "shouldnt"
)
"""Words that make a sentence negative for the reordered-negation rule, which needs the other
sentence free of any (``nor was Dean asked``, ``unless ... repealed``, ``declined comment``,
and contractions written without the apostrophe, ``dont``)."""


def _negated_any(tokens: list[Token]) -> bool:
    """Any negation, also a contraction a tokenised copy split (``hadn ’ t``)."""
    split = any(t.fold == "t" and p.fold.endswith("n") for p, t in pairwise(tokens))
    return split or _negated(tokens) or any(
        t.fold in VERB_NEGATIONS or t.fold in NEGATIVE_WORDS for t in tokens
    )


def _is_negation_any(fold: str) -> bool:
    return fold in VERB_NEGATIONS or fold.endswith("n't")


def _same_place(c: Clash, d: Clash) -> bool:
    """Whether two clashes mark overlapping words on both sides (one disagreement found twice)."""
    return (
        c.a_start < d.a_end and d.a_start < c.a_end and c.b_start < d.b_end and d.b_start < c.b_end
    )


def _two_times(clashes: list[Clash]) -> bool:
    """A figure and a date that both differ: two moments of a changing story (``8 dead on
    Monday`` / ``18 dead on Tuesday``, ``approved in 2009 for $3m`` / ``in 2010 for $4m``), not
    one fact reported two ways."""
    kinds = {c.kind for c in clashes}
    return {"number", "date"} <= kinds


def _dated(ta: list[Token], tb: list[Token], clash: Clash) -> Clash:
    """A differing number next to a month on either side is a day of the month: a date."""
    if clash.kind != "number":
        return clash
    for tokens, start, end in ((ta, clash.a_start, clash.a_end), (tb, clash.b_start, clash.b_end)):
        k, j = _index_of(tokens, start), _index_of(tokens, end, end=True)
        beside = tokens[max(0, k - 1) : k] + tokens[j + 1 : j + 2]
        if any(t.fold in MONTHS.values() for t in beside):
            return replace(clash, kind="date")
        if tokens[j + 1 : j + 2] and tokens[j + 1].text in CJK_DATE_UNITS:
            return replace(clash, kind="date")  # 3月, 5日, 2023年
    return clash


def _comparable(ta: list[Token], tb: list[Token], clash: Clash) -> bool:
    """Whether two differing figures measure the same thing at the same time: same units, and
    neither is the date of a statement or of the report itself."""
    ka, kb = _index_of(ta, clash.a_start), _index_of(tb, clash.b_start)
    ja, jb = _index_of(ta, clash.a_end, end=True), _index_of(tb, clash.b_end, end=True)
    unit_a, unit_b = _unit(ta, ja), _unit(tb, jb)
    if unit_a and unit_b and unit_a != unit_b:
        return False
    if _named_apart(ta, ka, tb) or _named_apart(tb, kb, ta):
        return False
    if _subject_apart(ta, ka, tb) and _subject_apart(tb, kb, ta):
        return False
    return clash.kind != "date" or not (_statement_date(ta, ka) or _statement_date(tb, kb))


PERCENT_WORDS = word_set("percent per prozent pour por procent")
"""Words after a figure that make it a share ("45 percent", "per cent", "pour cent")."""
CURRENCY_SIGNS = "$€£¥₹"


def _other_measures(a: str, ta: list[Token], b: str, tb: list[Token], clash: Clash) -> bool:
    """Whether one figure is a share and the other an amount of money (``$716 million`` /
    ``3%``): two different quantities, never one reported two ways."""
    kinds = {
        _measure(a, ta, clash.a_start, clash.a_end),
        _measure(b, tb, clash.b_start, clash.b_end),
    }
    return kinds == {"share", "money"}


def _measure(text: str, tokens: list[Token], start: int, end: int) -> str | None:
    """``share`` for a percentage, ``money`` for a sum with a currency sign or word, else None."""
    after = [t.fold for t in tokens[_index_of(tokens, end, end=True) + 1 :][:2]]
    if text[end - 1 : end] == "%" or (after and after[0] in PERCENT_WORDS):
        return "share"
    before = text[max(0, start - 2) : start].strip()
    if before and before[-1] in CURRENCY_SIGNS:
        return "money"
    return "money" if any(w in CURRENCY_WORDS for w in after) else None


def _named_apart(tokens: list[Token], first: int, other: list[Token]) -> bool:
    """Whether the figure belongs to someone the other sentence does not name: a name within
    three words before it that the other sentence lacks (``John Jenkin, 23`` / ``Kathryn
    Jenkin, 20`` are two people's ages, not one age reported twice)."""
    folds = {t.fold for t in other}
    names = _names(tokens[max(0, first - 3) : first])
    return any(t.fold not in folds and t.fold not in PERSON_TITLES for t in names)


def _subject_apart(tokens: list[Token], first: int, other: list[Token]) -> bool:
    """Whether a name anywhere before the figure is missing from the other sentence (and not
    spelled alike to one of its names). Asked of both sides: when each sentence puts its own
    name before the figure (``Clinton, the former secretary of state, has 45 percent`` /
    ``Sanders, the Vermont senator, has 40 percent``), the same frame is about two subjects."""
    folds = {t.fold for t in other}
    theirs = _proper_names(other)
    return any(
        t.fold not in folds and t.fold not in PERSON_TITLES and not _spelled_alike([t], theirs)
        for t in _proper_names(tokens[:first])
    )


def _proper_names(tokens: list[Token]) -> list[Token]:
    """Capitalised words inside a sentence, however common as words (``Clinton``, ``Drake``),
    and a rare one opening it (``Sanders, the Vermont senator, ...``): who or what it is about."""
    return [
        t
        for t in tokens
        if t.text[:1].isupper()
        and t.fold not in STOPWORDS
        and t.fold not in MONTHS
        and t.fold not in WEEKDAYS
        and (t.start > 0 or zipf_frequency(t.fold, "en") < 4.0)
    ]


def _index_of(tokens: list[Token], offset: int, end: bool = False) -> int:
    return next(i for i, t in enumerate(tokens) if (t.end if end else t.start) == offset)


def _unit(tokens: list[Token], last: int) -> str:
    """The unit word within two tokens after a figure (``15,800 square metres``), if any."""
    for t in tokens[last + 1 : last + 3]:
        if t.fold in UNITS:
            return t.fold.rstrip("s")
    return ""


def _statement_date(tokens: list[Token], first: int) -> bool:
    """A date within four words after a speech verb (``police said on Tuesday (Sep 20)``), or
    glossing a relative day (``today (14 October)``): not the date of the reported fact."""
    before = {t.fold for t in tokens[max(0, first - 4) : first]}
    return bool(before & STATEMENT_CUES) or bool(before & REPORT_DAYS)


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
    opcodes = matcher.get_opcodes()
    for n, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            continue
        xa, xb = ta[i1:i2], tb[j1:j2]
        clash = None
        if tag == "replace" and max(len(xa), len(xb)) <= MAX_REPLACED_WORDS:
            clash = _replaced(xa, xb, all_a, all_b)
        elif tag == "replace":
            before = _anchored(ta, opcodes[n - 1]) if n > 0 else False
            after = _anchored(ta, opcodes[n + 1]) if n + 1 < len(opcodes) else False
            clash = _replaced_edge(xa, xb, all_a, all_b, before) or (
                _replaced_tail(ta, tb, (i2, j2), all_a, all_b) if after else None
            )
        elif tag in {"insert", "delete"} and len(xa) + len(xb) <= 2:
            clash = _negation(xa, xb, ta, tb, i1, j1)
        if clash:
            clashes.append(clash)
    if _two_tallies(ta, tb):
        return [c for c in clashes if c.kind not in {"number", "date"}]
    return clashes


def _two_tallies(ta: list[Token], tb: list[Token]) -> bool:
    """Whether each side has more figures the other lacks than ``MAX_FIGURE_CLASHES``."""
    fa = {k for k in _keys_of({t.fold for t in ta}) if k[:1].isdigit()}
    fb = {k for k in _keys_of({t.fold for t in tb}) if k[:1].isdigit()}
    return min(len(fa - fb), len(fb - fa)) > MAX_FIGURE_CLASHES


EDGE_WORDS = 2
"""In a long replaced stretch, a figure this close to where both sides start to differ still sits
in the same slot (``Mantra in [December.]`` / ``Mantra in [September, opened...]``)."""


def _anchored(tokens: list[Token], opcode: tuple[str, int, int, int, int]) -> bool:
    """Whether a neighbouring block both sides share holds a content word: the slot of the
    figure is then fixed by the same words (``called Mantra in [December]``), not only by
    ``at least`` after two different verbs (``injuring at least [five]`` / ``killing at least
    [one]``)."""
    tag, i1, i2, _, _ = opcode
    return tag == "equal" and any(
        t.fold not in STOPWORDS and not t.fold[:1].isdigit() for t in tokens[i1:i2]
    )


def _replaced_edge(
    xa: list[Token],
    xb: list[Token],
    all_a: set[str],
    all_b: set[str],
    head_anchored: bool,
) -> Clash | None:
    """A differing figure at the head of a long replaced stretch, right after shared content
    words (``called Mantra in [December.]`` / ``[September, opened ...]``); the tail is
    :func:`_replaced_tail`."""
    if not head_anchored:
        return None
    fa = next((k for k, t in enumerate(xa[:EDGE_WORDS]) if _is_figure_or_date(t.fold)), None)
    fb = next((k for k, t in enumerate(xb[:EDGE_WORDS]) if _is_figure_or_date(t.fold)), None)
    if fa is None or fb is None or _in_figure_pair(xa, fa) or _in_figure_pair(xb, fb):
        return None
    clash = _replaced([xa[fa]], [xb[fb]], all_a, all_b)
    return clash if clash and clash.kind != "name" else None


def _replaced_tail(
    ta: list[Token],
    tb: list[Token],
    ends: tuple[int, int],
    all_a: set[str],
    all_b: set[str],
) -> Clash | None:
    """A differing figure at the tail of a long replaced stretch, right before shared content
    words, counts only when the word just before it is the same on both sides: the figure's slot
    is then fixed from both sides (``dragged a [four]-year-old boy`` / ``After a [3]-year-old
    boy``). A shared unit after it alone does not fix it (``[scored 23] points`` / ``[had five]
    points during a run``: another quantity of that unit)."""
    i2, j2 = ends
    fa, fb = ta[i2 - 1], tb[j2 - 1]
    if not (fa.fold[:1].isdigit() and fb.fold[:1].isdigit()) or i2 - 2 < 0 or j2 - 2 < 0:
        return None
    if ta[i2 - 2].fold != tb[j2 - 2].fold or ta[i2 - 2].fold[:1].isdigit():
        return None
    return _replaced([fa], [fb], all_a, all_b)


def _in_figure_pair(tokens: list[Token], k: int) -> bool:
    """A figure followed by another (``(11-4)``, ``31-24``, ``10-12 feet``): a record, a score or a
    range, whose slot an anchor before it does not fix; pairs are compared in short stretches."""
    pair = tokens[k : k + 2]
    return len(pair) == 2 and all(t.fold[:1].isdigit() for t in pair)


def _is_figure_or_date(fold: str) -> bool:
    return fold[:1].isdigit() or fold in WEEKDAYS or fold in MONTHS


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
        if any(not _figure(t.fold) for t in na + nb):
            return None  # fractions and slashed dates ("4 1/2", "41 / 2", "4½"): not compared
        if any(len(t.fold) >= IDENTIFIER_DIGITS and t.fold.isdigit() for t in na + nb):
            return None  # ids (a tweet's, an account's, a phone number): not quantities
        if _keys(na) & _keys_of(all_b) or _keys(nb) & _keys_of(all_a) or _rounded(na, nb):
            return None
        if "".join(t.fold for t in na) == "".join(t.fold for t in nb):
            return None  # digit groups spaced differently: "0800 555 111" / "0800 555111"
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


def _figure(fold: str) -> bool:
    return fold.replace(".", "").replace(":", "").isdigit()


def _keys(tokens: list[Token]) -> set[str]:
    return _keys_of({t.fold for t in tokens})


def _keys_of(folds: set[str]) -> set[str]:
    """Folded words, figures as one key per value however written: clock times on a 12-hour
    dial without the colon (``02:41`` = ``0241``, ``18:41`` = ``6:41``, ``6:00`` = ``6``)."""
    return {_figure_key(f) if f[:1].isdigit() else f for f in folds}


def _figure_key(fold: str) -> str:
    clock = re.fullmatch(r"(\d{1,2}):(\d{2})", fold)
    if clock:
        hour, minute = int(clock.group(1)) % 12, clock.group(2)
        return str(hour) if minute == "00" else f"{hour}{minute}"
    return re.sub(r"^0+(?=\d)", "", fold)  # 007 = 7, but 0.65 keeps its 0


def _rounded(na: list[Token], nb: list[Token]) -> bool:
    """Whether the numbers are one quantity at another precision: close, and one written rounder
    (33.4 / 34, 14.7 / 15, 1,250 / 1,300). Equally precise numbers (2,302 / 2,301) and years
    (2009 / 2010) differ however close they are. (A hedged figure, ``about 50`` / ``48``, is never
    compared: the replaced words are not all figures.)"""
    a, b = na[0].fold, nb[0].fold
    if ":" in a or ":" in b or _is_year(a) or _is_year(b):
        return False
    try:
        x, y = float(a), float(b)
    except ValueError:
        return False
    close = abs(x - y) <= ROUNDING * max(abs(x), abs(y))
    return close and _roundness(a) != _roundness(b)


def _roundness(fold: str) -> int:
    """How coarsely a number is written: decimals count negative, trailing zeros positive."""
    if "." in fold:
        return -len(fold.split(".")[1])
    return len(fold) - len(fold.rstrip("0"))


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
    if neg_a and not _negated(tb):
        anchor = _anchor(tb, j1)
        return Clash("negation", neg_a[0].start, neg_a[-1].end, " ".join(t.text for t in neg_a),
                     anchor.start, anchor.end, anchor.text) if anchor else None
    if neg_b and not _negated(ta):
        anchor = _anchor(ta, i1)
        return Clash("negation", anchor.start, anchor.end, anchor.text, neg_b[0].start,
                     neg_b[-1].end, " ".join(t.text for t in neg_b)) if anchor else None
    return None


def _negated(tokens: list[Token]) -> bool:
    """Whether a sentence holds a negation, counting negative idioms without a negation word
    (``had yet to regain consciousness`` = ``had not yet regained``; ``failed to``)."""
    folds = [t.fold for t in tokens]
    idioms = any(w in NEGATIVE_BEFORE_TO and nxt == "to" for w, nxt in pairwise(folds))
    return idioms or any(_is_negation(f) for f in folds)


def _is_negation(fold: str) -> bool:
    return fold in NEGATIONS or fold.endswith("n't")


def _anchor(tokens: list[Token], at: int) -> Token | None:
    """The word where the other side's negation would sit (the next shared word)."""
    if at < len(tokens):
        return tokens[at]
    return tokens[-1] if tokens else None
