"""Sentence splitting with character offsets, tuned for news text.

News sentences break the naive "split at a period" rule in predictable ways: abbreviations
(``Mr.``, ``Jan.``, ``U.S.``), datelines (``MANILA, Nov. 24 (Xinhua) --``), and quotations whose
inner sentences belong to the attribution that follows them. Offsets index the original string so
every later result can point back at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storylens.compare.text import word_set

ABBREVIATIONS = word_set(
    """mr mrs ms dr prof sen rep gov gen lt col sgt capt cmdr adm maj st jr sr rev hon pres
    const cpl pte pvt cllr atty
    supt insp det jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur
    thurs fri sat sun no nos vs etc inc ltd corp co dept est fig approx ave blvd rd mt ft
    univ assn bros gov't op al"""
)
"""Words that end in a period without ending a sentence (lower-case, without the period)."""

SENTENCE_STARTERS = word_set(
    """the a an he she it they we i this that these those there his her its their but and
    in on at as after before when while if however meanwhile officials police"""
)
"""After an acronym like ``U.S.``, a following capitalised word from this list starts a sentence."""

OPEN_QUOTES = "“«„「『"
CLOSE_QUOTES = "”»」』"
"""German and Polish open with „ and close with “ (the English opening mark) or ”; Japanese and
Chinese quote with 「…」 and 『…』."""
TRAILING = "\"'”’»)]」』）"
MAX_QUOTED_CHARS = 600
"""A quotation running longer than this without closing may split inside (unbalanced quotes)."""
WIDE_ENDS = "。！？"
"""Chinese and Japanese sentence ends: no space follows them, the next sentence starts at once."""
OTHER_ENDS = "؟।۔"
"""The Arabic question mark, the Devanagari danda and the Urdu full stop (a space follows)."""
END_CHARS = ".!?…" + WIDE_ENDS + OTHER_ENDS

_END = re.compile(rf"[{END_CHARS}]+|\.\.\.")
_MARK = re.compile(rf"[{END_CHARS}\"{OPEN_QUOTES}{CLOSE_QUOTES}]")
"""The characters sentence splitting reacts to: end punctuation and quotation marks."""
_WORD_BEFORE = re.compile(r"([\w.'’-]+)$")
_NEXT_WORD = re.compile(r"[\"'“‘«„(\[]*(\w+)")
_LINK = re.compile(r"(?:https?://|www\.)\S+", re.I)
_LINK_GLUE = re.compile(r"\s*([/:.?=&_#-])\s*")
"""A web address, also as tokenised copies print it (``http: / / www. example. com / a - b``)."""


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text``; newlines always end a sentence (they separate paragraphs)."""
    sentences: list[Sentence] = []
    for index, (start, end) in enumerate(_paragraph_spans(text)):
        for s, e in _split_paragraph(text, start, end):
            sentences.append(Sentence(s, e, text[s:e], index))
    return sentences


STAMP_WORDS = word_set(
    """published updated posted last modified at by on am pm a m p gmt utc bst cet est edt cst
    cdt mst mdt pst pdt ist et hrs jan feb mar apr may jun jul aug sep sept oct nov dec january
    february march april june july august september october november december mon tue wed thu
    fri sat sun monday tuesday wednesday thursday friday saturday sunday st nd rd th"""
)
_STAMP_TOKEN = re.compile(r"[^\W\d_]+|\d+")


_DATELINE = re.compile(r"^[A-Z][A-Z.'-]*(?:\s[A-Z][A-Z.'-]*)*\s*[,—-](?:\s*[A-Z]{2},)?")
"""A capitalised place opening a dateline (``WASHINGTON, DC, April 28, 2009``)."""


def _is_web_address(text: str) -> bool:
    """Whether a "sentence" is only a web address, whole (``http://...``) or a piece of one
    without its scheme (``1magnitude - quake - hits / 1136656 /``): it names a page and states
    no fact. The text is glued (spaces around punctuation dropped) only when it can be either:
    a link starts with ``http``/``www`` and a path holds a ``/``."""
    stripped = text.strip()
    if "/" not in stripped and not stripped[:4].lower().startswith(("http", "www")):
        return False
    glued = _LINK_GLUE.sub(r"\1", stripped)
    return bool(_LINK.fullmatch(glued)) or ("/" in glued and not re.search(r"\s", glued))


def is_page_furniture(text: str) -> bool:
    """A web address or a bare time stamp (``Updated: November 11, 2011 20: 09 IST``): page
    furniture, not a statement of the story, so it is neither aligned nor compared."""
    if _is_web_address(text):
        return True
    dated = False  # a stamp holds a figure, and nothing but figures and stamp words
    for token in _STAMP_TOKEN.finditer(_DATELINE.sub("", text)):
        word = token.group()
        if word.isdigit():
            dated = True
        elif word.lower() not in STAMP_WORDS:
            return False  # most sentences: at their first word, not the whole sentence
    return dated


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    return [
        _strip_span(text, m.start(), m.end())
        for m in re.finditer(r"[^\n]+", text)
        if m.group().strip()
    ]


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _split_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    begin = start
    for cut in _boundaries(text, start, end):
        s, e = _strip_span(text, begin, cut)
        if e > s:
            spans.append((s, e))
        begin = cut
    s, e = _strip_span(text, begin, end)
    if e > s:
        spans.append((s, e))
    return spans


def _boundaries(text: str, start: int, end: int) -> list[int]:
    """Cut points inside one paragraph: after end punctuation that really ends a sentence."""
    cuts: list[int] = []
    depth_open_at: int | None = None
    last_cut = start
    i = start
    while i < end:
        found = _MARK.search(text, i, end)  # other characters change nothing: skip to the next
        if found is None:
            break
        i = found.start()
        ch = text[i]
        depth_open_at = _track_quote(text, i, ch, depth_open_at)
        match = _END.match(text, i) if ch in END_CHARS else None
        if not match:
            i += 1
            continue
        stop = match.end()
        while stop < end and _trails(text, stop, end, depth_open_at):
            depth_open_at = _track_quote(text, stop, text[stop], depth_open_at)
            stop += 1
        inside_quote = depth_open_at is not None and stop - depth_open_at < MAX_QUOTED_CHARS
        if not inside_quote and _ends_sentence(text, i, match.group(), stop, end, last_cut):
            cuts.append(stop)
            last_cut = stop
        i = stop
    return cuts


def _trails(text: str, i: int, end: int, open_at: int | None) -> bool:
    """``text[i]`` still belongs to the sentence that just ended: a closing mark (``“`` after
    ``„``) or the space French puts before a closing ``»``."""
    ch = text[i]
    if ch in TRAILING or (ch == "“" and _opened_low(text, open_at)):
        return True
    return ch in " \u00a0\u202f" and i + 1 < end and text[i + 1] == "»"


def _opened_low(text: str, open_at: int | None) -> bool:
    return open_at is not None and text[open_at] == "„"


def _track_quote(text: str, i: int, ch: str, open_at: int | None) -> int | None:
    """Position of the currently open quotation mark, or None outside quotes."""
    if ch == "“" and _opened_low(text, open_at):  # „…“ closes
        return None
    if ch in OPEN_QUOTES:
        return i
    if ch in CLOSE_QUOTES:
        return None
    if ch == '"':
        opening = i == 0 or text[i - 1].isspace() or text[i - 1] in "([—–-"
        return i if opening and open_at is None else None
    return open_at


def _ends_sentence(text: str, at: int, punct: str, stop: int, end: int, last_cut: int) -> bool:
    if stop >= end:
        return False
    if punct[-1] in WIDE_ENDS:
        return _wide_end_ends(text, at + len(punct), stop)
    if not text[stop].isspace():
        return False
    nxt = _NEXT_WORD.match(text, _skip_space(text, stop, end))
    if not nxt:
        return True
    next_word = nxt.group(1)
    if next_word[0].islower() or next_word.startswith("_"):
        return False
    if punct != ".":
        return True
    word = _word_before(text, at, last_cut)
    if len(word) <= 3 and word.isdigit() and next_word[0].isdigit() and len(next_word) <= 3:
        return False  # "magnitude 4. 6": a decimal split by tokenised text, not two sentences
    return not _is_abbreviation(word, next_word)


def _wide_end_ends(text: str, after: int, stop: int) -> bool:
    """A 。！？ ends its sentence unless a closing quotation mark follows it and the attribution
    runs on without a space (「…した。」と述べた。 is one sentence, as “…,” he said is)."""
    closed_a_quote = any(ch in CLOSE_QUOTES for ch in text[after:stop])
    return not closed_a_quote or text[stop].isspace()


def _skip_space(text: str, i: int, end: int) -> int:
    while i < end and text[i].isspace():
        i += 1
    return i


def _word_before(text: str, at: int, last_cut: int) -> str:
    match = _WORD_BEFORE.search(text[max(last_cut, at - 30) : at])
    return match.group(1) if match else ""


def _is_abbreviation(word: str, next_word: str) -> bool:
    """Whether the period after ``word`` marks an abbreviation rather than a sentence end."""
    bare = word.lower().strip("'’")
    starter = next_word.lower() in SENTENCE_STARTERS
    if bare in {"no", "nos"}:
        return next_word[0].isdigit()
    if bare in {"inc", "ltd", "corp", "co", "etc", "al"}:
        return not starter
    if bare in ABBREVIATIONS:
        return True
    if re.fullmatch(r"(?:[a-z]\.)+[a-z]", bare):
        return not starter
    return len(bare) == 1 and word.isupper()
