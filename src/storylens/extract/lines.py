"""Line-level tests a human editor applies at a glance to a plain-text page.

Each predicate looks at one line (sometimes with its neighbour) and answers a yes/no question
such as "is this a photo credit?". They feed both the learned line model (as features) and the
rule layer in :mod:`storylens.extract.text` (as reasons for dropping a line).
"""

from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass

from storylens.writing import CHINESE_JAPANESE

CJK = CHINESE_JAPANESE
WORD_RE = re.compile(rf"[^\W{CJK}]+|[{CJK}]")
"""Words; in scripts written without spaces (Chinese, Japanese) every character counts as one,
so a paragraph of Chinese is as long to the model as a paragraph of English."""
ASCII_WORD_RE = re.compile(r"\w+", re.ASCII)
""":data:`WORD_RE` on an ASCII line (no CJK there; ASCII ``\\w`` is Unicode ``\\w`` on ASCII
text), about a fifth faster: most lines of English pages are ASCII."""
SPACE_RE = re.compile(r"\s+")
DIGIT_RE = re.compile(r"\d")
ALPHA_RE = re.compile(r"[^\W\d_]")
UPPER_RE = re.compile(r"[A-ZÀ-ÖØ-Þ]")
ASCII_WORD_BYTES = bytes(
    code if code < 128 and ASCII_WORD_RE.match(chr(code)) else ord(" ") for code in range(256)
)
"""A ``bytes.translate`` table keeping :data:`ASCII_WORD_RE`'s characters and turning every other
ASCII character into a space (none of the kept ones is white space): ``split()`` then gives
the pattern's words."""
ASCII_LETTERS = string.ascii_letters.encode()
ASCII_UPPER = string.ascii_uppercase.encode()


NUMBER_ONLY_RE = re.compile(r"^[\s\d.,:%$€£¥+\-–/()#]*$")
SENTENCE_END_RE = re.compile(r"[.!?。！？؟।۔][\"'”’»」』)\]]*$|[\"”’»」』]$")
NOTE_TAIL_RE = re.compile(r"(?:\s*\[[^\[\]\n]{1,30}\])+$")
"""Bracketed notes after a sentence's last mark: footnote calls ("...in 1998.[3]", "[citation
needed]") and source keys ("...the stars. [M1 / MP]"). Encyclopedia and long-read paragraphs
end this way; read as unfinished, every such paragraph looked like a label to the line model."""
ELLIPSIS_END_RE = re.compile(r"(?:\.\.\.|…|\.\s\.\s\.)\s*[\"”’)\]]*$")
TRUNCATED_RE = re.compile(r"\w(?:\.\.\.|…)\s*$|\s(?:\.\.\.|…)\s*$")

CAPTION_RE = re.compile(
    r"\b(?:Photograph|Photo|Photos|Picture|Pictured|Image|Illustration|Credit|Caption)\s*:"
    r"|Getty Images|AP Photo|Reuters/|/Reuters\b|/AFP\b|/AP\b|/Getty\b|/EPA\b|Shutterstock"
    r"|\((?:Photo|Picture|Image|File photo)\b|\bphoto(?:graph)? (?:by|courtesy|credit)\b",
    re.IGNORECASE,
)
CREDIT_LABEL_RE = re.compile(
    r"\s*(?:(?:Photo(?:graph)?s?|Pictures?|Images?|Illustration|(?:Photo|Image)\s+credit|Credit"
    r"|Fotos?|Fotograf(?:ie|ia|ía|ias|ías)|Fotoquelle|Bild|Bilder|Bildquelle|Beeld"
    r"|Zdjęci[ea]|Fot\.|Cr[ée]dits?\s+photos?|Imag(?:en|em)|Immagine|Фото|Fotoğraf)\s*:"
    r"|Fot\.\s)",  # Polish also writes "Fot. PAP"
    re.IGNORECASE,
)
"""Photo-credit labels opening a line, in English and other languages ("Photo: AP", "Foto: dpa",
"Bild: Reuters", "Zdjęcie: PAP", "Crédit photo : AFP"). Words that also open prose ("Bild" is
a newspaper, "Fuente"/"Quelle" introduce any source) count only as the label of a short line;
:data:`CAPTION_RE` finds English credits anywhere in a line."""
CREDIT_LABEL_MAX_WORDS = 12
"""A line opened by a credit label is a credit up to this many words; longer, it is prose
("FOTOS: Wer der Hektik des Alltags entfliehen möchte, ist ..." opens a teaser)."""
CALL_TO_ACTION_RE = re.compile(
    r"\b(?:subscribe|sign up|sign in|log ?in|register|click here|share (?:this|on)|"
    r"follow us|like us|consider (?:helping|supporting|donating)|donate|support us|"
    r"read more|continue reading|print (?:this|story|article)|e-?mail (?:this|story|article|"
    r"to a friend)|send to a friend|bookmark|leave a comment|post a comment|add comments?|"
    r"tweet this|download (?:the|our) app|help us)\b",
    re.IGNORECASE,
)
NEWSLETTER_RE = re.compile(r"\bnews ?letters?\b|\be-?mail alerts?\b", re.IGNORECASE)
RELATED_RE = re.compile(
    r"^(?:related(?: stories| articles| news| links| content| coverage)?|"
    r"more on this(?: topic| story)?|"
    r"more (?:stories|news|from|in)\b.*|see also|read also|also read|you may also like|"
    r"recommended(?: for you)?|most (?:popular|read|viewed|e-?mailed)|top stories|"
    r"latest (?:news|stories)|elsewhere on\b.*|in other news|trending(?: now)?|"
    # German, French, Spanish, Italian, Portuguese, Dutch, Polish: the same headers
    r"mehr zum thema\b.*|(?:lesen sie|lies) (?:auch|mehr)|das könnte (?:sie|dich) auch "
    r"interessieren|weitere (?:artikel|beiträge|nachrichten|themen)\b.*|ähnliche (?:artikel|"
    r"beiträge)|(?:à )?lire aussi|sur le même sujet|vous aimerez aussi|"
    r"(?:lea|leer) también|más sobre\b.*|noticias relacionadas|te puede interesar|"
    r"leggi anche|potrebbe interessarti|articoli correlati|"
    r"leia (?:também|mais)|veja também|notícias relacionadas|"
    r"lees ook|meer over\b.*|gerelateerde artikelen|"
    r"czytaj (?:też|także|więcej)|zobacz (?:też|także)|polecamy)\s*:?\s*$",
    re.IGNORECASE,
)
"""Headers over lists of other stories ("Related stories", "Mehr zum Thema", "Lire aussi",
"Leia também", "Czytaj też", ...); those ending in ``.*`` name a topic or site after them."""
COPYRIGHT_RE = re.compile(
    r"©|\(c\)\s*\d{4}|\bcopyright\b|\ball rights reserved\b|\bprivacy policy\b|\bterms of "
    r"(?:use|service)\b",
    re.IGNORECASE,
)
CODE_MARK_RE = re.compile(r"""([{};=])\1*|=>|&&|\|\||[A-Za-z_$]\((?!\d)|\)\.|\w:["']|["'],\w""")
"""Marks of script or style code: braces, semicolons, assignments (a run of one counts once:
``=====`` is a rule under a heading), calls glued to a name (``f(``, not a rating's
``Moreira(6)``), chained calls (``).``), ``key:"value"`` pairs. Prose has a semicolon or a
bracket now and then, rarely two such marks per three words."""
CODE_SIGNS = ("{", "}", "=", "&&", "||", "(", ").", ':"', ":'", '",', "',")
"""What every code mark but a semicolon holds: a line with none of them is no code, found by
plain substring tests (nine lines in ten of a page are ruled out before the expression runs)."""
MIN_CODE_MARKS = 2
CODE_MARKS_PER_WORD = 0.3
MAX_LEGAL_LINE_WORDS = 15
"""A copyright or legal line of more words may be a sentence about copyright."""
COMMENT_RE = re.compile(
    r"^(?:posted by|comment(?:s|ed)? (?:by|from)|reply\b|report abuse|\d+ comments?\b|"
    r"comments? \(\d+\))|\bwrote:\s*$|^\S+ (?:said|says|wrote) (?:on|at) ",
    re.IGNORECASE,
)
COMMENTS_HEADER_RE = re.compile(
    r"^(?:\d+\s+)?(?:comments?|reader comments|user comments|your comments|discussion|"
    r"reader reactions?|have your say)\s*(?:\(\d+\))?\s*:?\s*$",
    re.IGNORECASE,
)
COMMENT_SECTION_RE = re.compile(
    r"^(?!\[?\s*comment\s*:?\s*\]?\s*$)"  # a bare "Comment": a button or a table's column
    r"\[?\s*(?:\d+\s+)?(?:(?:reader|user|your|top[- ]rated|most recent|newest|latest|all)\s+)?"
    r"comments?\s*(?:\(\d+\))?\s*:?\s*\]?\s*$"
    r"|comments? (?:are|is) (?:now )?closed"
    r"|^(?:post|leave|add|write) (?:a|your) (?:new )?(?:comments?|reply)\b"
    r"|^\d+ (?:comments?|responses?|replies)\b|^join the discussion\b"
    r"|^comments? on this (?:story|article|post)\b"
    # German, French, Spanish, Italian, Portuguese, Dutch, Polish: the section's header (plural
    # only: a German "Kommentar" is also an opinion column) and "write a comment" forms
    r"|^(?:leser)?kommentare\s*:?\s*$|^(?:commentaires|comentarios|commenti|coment[aá]rios"
    r"|reacties|komentarze)\s*:?\s*$"
    r"|^kommentar (?:verfassen|schreiben|hinzufügen)\b|^schreibe?n? (?:sie )?einen kommentar\b"
    r"|^(?:laisser|écrire|ajouter) un commentaire\b"
    r"|^(?:deja|dejar|escribe|escribir|añadir) (?:un|tu) comentario\b"
    r"|^(?:lascia|scrivi|aggiungi) un commento\b|^deixe (?:um|seu) comentário\b"
    r"|^(?:laat een reactie achter|plaats een reactie)\b|^(?:dodaj|napisz) komentarz\b",
    re.IGNORECASE,
)
BYLINE_RE = re.compile(
    r"^(?:by|from|written by|posted by|story by|words by)\s+[A-Z][\w.'’-]*(?:\s+[\w.'’-]+){0,6}"
    r"(?:\s*(?:,|and|&)\s*[\w .'’-]+)?\s*$",
    re.IGNORECASE,
)
MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
DATE_RE = re.compile(
    r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|"
    rf"\b{MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b|\b\d{{1,2}}\s+{MONTHS},?\s+\d{{4}}\b",
    re.IGNORECASE,
)
TIME_RE = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\b", re.IGNORECASE)
HOST_RE = re.compile(
    r"\b(?:https?://)?((?:www\.)?(?:[a-z0-9-]+\.)+(?:com|net|org|info|biz|gov|edu|news|cn|uk|au|"
    r"ca|in|de|fr|ie|nz|za|us|co))\b",
    re.IGNORECASE,
)
MENU_SEPARATOR_RE = re.compile(r"\s[|·•»«]\s|\s[|·•»]$|^[|·•»«]\s")
HEADING_MARK_RE = re.compile(r"^#{1,6}\s+")
"""The mark Markdown-style renderers (html2text) put before a heading: ``## Related stories``.
List bullets are left on: a ``* Comments`` item is a button in a share bar, not a header (read
as one, it ended articles at their share bar in inscriptis dumps)."""


def without_marks(line: str) -> str:
    """``line`` without a renderer's heading mark: "## Related stories" is the same header as
    "Related stories", but the tests anchored at the line's start (section headers, bylines,
    comment markers) would not see it."""
    if not line.startswith("#"):
        return line
    return HEADING_MARK_RE.sub("", line, count=1)


def normalise(line: str) -> str:
    """Case-, space- and punctuation-insensitive key, so near-identical repeats compare equal."""
    if line.isascii():  # NFKC leaves ASCII as it is
        return " ".join(ASCII_WORD_RE.findall(line.lower()))
    text = unicodedata.normalize("NFKC", line).lower()
    return " ".join(WORD_RE.findall(text))


def words(line: str) -> list[str]:
    """:data:`WORD_RE`'s words (on ASCII lines the runs of :data:`ASCII_WORD_RE`'s characters,
    cut out by a byte table: the same words, found in about half the time)."""
    if line.isascii():
        return line.encode().translate(ASCII_WORD_BYTES).decode().split()
    return WORD_RE.findall(line)


def _count(line: str, n_words: int | None) -> int:
    """Word count, reusing one the caller already has (tokenising dominates the cost)."""
    return len(words(line)) if n_words is None else n_words


CAPTION_HINTS = (
    "photo", "picture", "image", "illustration", "credit", "caption", "getty", "reuters", "/a",
    "/epa", "shutterstock",
)  # fmt: skip
CTA_HINTS = (
    "subscri", "sign", "log", "regist", "click", "share", "follow", "like us", "consider",
    "donat", "support", "read", "continu", "print", "mail", "send", "bookmark", "comment",
    "tweet", "download", "help",
)  # fmt: skip
"""Cheap substring screen before the call-to-action regex (every CTA contains one of these)."""
COPYRIGHT_HINTS = ("©", "(c)", "copyright", "rights reserved", "privacy", "terms of")


def _any_of(hints: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern found exactly where one of ``hints`` is a substring: one regex scan beats
    ``any(h in text for h in hints)`` (one scan per hint) by about two to one."""
    return re.compile("|".join(map(re.escape, hints)))


CAPTION_HINT_RE = _any_of(CAPTION_HINTS)
CTA_HINT_RE = _any_of(CTA_HINTS)
COPYRIGHT_HINT_RE = _any_of(COPYRIGHT_HINTS)
TAIL = 8
"""Characters at the end of a line that decide how it ends (no need to scan the whole line)."""


def is_number_only(line: str) -> bool:
    """Counters, prices and widget figures such as ``2,500 $``: digits and symbols, no words."""
    stripped = line.strip()
    return bool(stripped) and NUMBER_ONLY_RE.match(stripped) is not None


def ends_like_sentence(line: str) -> bool:
    return SENTENCE_END_RE.search(sentence_tail(line)) is not None


def sentence_tail(line: str) -> str:
    """The line's last :data:`TAIL` characters once trailing bracketed notes
    (:data:`NOTE_TAIL_RE`) are set aside: where a sentence mark would be."""
    line = line.rstrip()
    if line.endswith("]"):
        line = NOTE_TAIL_RE.sub("", line).rstrip() or line
    return line[-TAIL:]


def ends_with_ellipsis(line: str) -> bool:
    return ELLIPSIS_END_RE.search(line.rstrip()[-TAIL:]) is not None


def is_truncated_snippet(line: str, n_words: int | None = None) -> bool:
    """A teaser cut off at a fixed length: several words of prose that end in ``...``/``…``."""
    tail = line.rstrip()[-TAIL:]
    return _count(line, n_words) >= 6 and TRUNCATED_RE.search(tail) is not None


def looks_like_caption(line: str, n_words: int | None = None, lower: str | None = None) -> bool:
    """Photo captions and credits ("... Photograph: Ronen Zvulun/Reuters", "AP Photo", and
    short lines opened by another language's label: "Foto: dpa").
    ``lower``: ``line.lower()`` when the caller has it (one page asks several tests)."""
    n_words = _count(line, n_words)
    if n_words > 60:
        return False
    if is_credit_line(line, n_words):
        return True
    lower = line.lower() if lower is None else lower
    return CAPTION_HINT_RE.search(lower) is not None and CAPTION_RE.search(line) is not None


def is_credit_line(line: str, n_words: int | None = None) -> bool:
    """A short line opened by a photo-credit label in any of :data:`CREDIT_LABEL_RE`'s
    languages ("Foto: Michael Kappeler/dpa")."""
    short = _count(line, n_words) <= CREDIT_LABEL_MAX_WORDS
    return short and CREDIT_LABEL_RE.match(line) is not None


def looks_like_call_to_action(
    line: str, n_words: int | None = None, lower: str | None = None
) -> bool:
    """Short appeals to the reader (subscribe, share, donate) rather than reporting."""
    if _count(line, n_words) > 25:
        return False
    lower = line.lower() if lower is None else lower
    return CTA_HINT_RE.search(lower) is not None and CALL_TO_ACTION_RE.search(line) is not None


def looks_like_newsletter(line: str, n_words: int | None = None, lower: str | None = None) -> bool:
    if _count(line, n_words) > 25:
        return False
    lower = line.lower() if lower is None else lower
    return ("letter" in lower or "alert" in lower) and NEWSLETTER_RE.search(line) is not None


def looks_like_related_header(line: str) -> bool:
    return RELATED_RE.match(line.strip()) is not None


def looks_like_code(line: str) -> bool:
    """A line of JavaScript or CSS, which some text dumps keep from a page's scripts (a script
    of an unusual ``type`` is text to a converter): at least two code marks and one for every
    three or so whitespace-separated words (:data:`CODE_MARK_RE`), not only semicolons (a list
    parted by them). None of the 11,918 gold article lines of html-extraction, snippets-dev,
    fundus and newspaper4k's half A is one."""
    if not any(sign in line for sign in CODE_SIGNS):
        return False
    marks = [match.group() for match in CODE_MARK_RE.finditer(line)]
    if len(marks) < MIN_CODE_MARKS or len(marks) < CODE_MARKS_PER_WORD * len(line.split()):
        return False
    return any(not mark.startswith(";") for mark in marks)  # a list parted by semicolons


def is_legal_line(line: str) -> bool:
    """A short copyright or legal notice ("© 2013 Cable News Network. All rights reserved."),
    never article prose: both text paths drop it from the body. The cheap hint test first:
    the HTML path asks it of every line of the body."""
    lower = line.lower()
    if COPYRIGHT_HINT_RE.search(lower) is None:
        return False
    n_words = len(words(line))
    return n_words <= MAX_LEGAL_LINE_WORDS and looks_like_copyright(line, n_words, lower)


def looks_like_copyright(line: str, n_words: int | None = None, lower: str | None = None) -> bool:
    if _count(line, n_words) > 40:
        return False
    lower = line.lower() if lower is None else lower
    return COPYRIGHT_HINT_RE.search(lower) is not None and COPYRIGHT_RE.search(line) is not None


def looks_like_comment_marker(line: str, comments_header: bool | None = None) -> bool:
    """``comments_header``: :func:`is_comments_header` of the line when the caller has it."""
    if is_comment_marker(line.strip()):
        return True
    return is_comments_header(line) if comments_header is None else comments_header


def is_comment_marker(stripped: str) -> bool:
    """``COMMENT_RE.search(stripped)``, scanning past the line's start only when the one
    unanchored alternative (``... wrote:``) can match: most lines have no colon."""
    if COMMENT_RE.match(stripped) is not None:
        return True
    return ":" in stripped and COMMENT_RE.search(stripped) is not None


def starts_comment_section(line: str, n_words: int | None = None) -> bool:
    """Headers that open the readers' comments below an article ("Comments (29)", "Leave a
    Reply", "Comments are now closed"): what follows them is not the article."""
    return _count(line, n_words) <= 12 and COMMENT_SECTION_RE.search(line.strip()) is not None


def is_comments_header(line: str) -> bool:
    return COMMENTS_HEADER_RE.match(line.strip()) is not None


def looks_like_byline(line: str, n_words: int | None = None) -> bool:
    return _count(line, n_words) <= 14 and BYLINE_RE.match(line.strip()) is not None


def has_date(line: str) -> bool:
    return DIGIT_RE.search(line) is not None and DATE_RE.search(line) is not None


def looks_like_menu(line: str) -> bool:
    """Navigation bars flattened into one line: items joined by ``|``, ``·`` or ``»``."""
    has_mark = "|" in line or "·" in line or "•" in line or "»" in line or "«" in line
    return has_mark and MENU_SEPARATOR_RE.search(line) is not None


def capitalised_ratio(tokens: list[str]) -> float:
    """Share of alphabetic words starting upper-case: high for title-case headlines and menus."""
    initials = "".join([token[0] for token in tokens])
    if initials.isascii():  # byte counts: the same letters the patterns below find
        raw = initials.encode("ascii")
        alpha = len(raw) - len(raw.translate(None, ASCII_LETTERS))
        upper = len(raw) - len(raw.translate(None, ASCII_UPPER))
    else:
        alpha = len(ALPHA_RE.findall(initials))
        upper = len(UPPER_RE.findall(initials))
    return upper / alpha if alpha else 0.0


def stop_word_ratio(tokens: list[str], stop_words: frozenset[str]) -> float:
    """Share of function words (of the page's language): running prose has many, menus few."""
    if not tokens or not stop_words:
        return 0.0
    return sum(map(stop_words.__contains__, map(str.lower, tokens))) / len(tokens)


@dataclass(slots=True)
class LineFacts:
    """Everything the model and the rules ask about one line, computed once per line (not a
    frozen dataclass: building a page's worth of frozen ones cost ~3 us a line more, and
    nothing changes them after :func:`describe_page`)."""

    text: str
    tokens: list[str]
    key: str
    sentence_end: bool
    ellipsis_end: bool
    truncated: bool
    number_only: bool
    caption: bool
    call_to_action: bool
    newsletter: bool
    related_header: bool
    copyright: bool
    comment_marker: bool
    comments_header: bool
    byline: bool
    date: bool
    menu: bool
    n_words: int
    """``len(tokens)``, stored: the rules and the title cues ask it of every line many times."""


def line_key(line: str, tokens: list[str]) -> str:
    """:func:`normalise`, reusing the tokens for plain ASCII lines (where it is the same)."""
    return " ".join(tokens).lower() if line.isascii() else normalise(line)


def describe(line: str) -> LineFacts:
    """The :class:`LineFacts` of one line (see :func:`describe_page` for a whole page)."""
    return describe_page([line])[0]


def describe_page(page_lines: list[str]) -> list[LineFacts]:
    """:class:`LineFacts` for every line of a page. The lines that hold any of the hints the
    caption, call-to-action, newsletter and copyright tests screen with are found for the whole
    page in one scan (:func:`lines_with`); the other lines skip those tests."""
    lowers = [line.lower() for line in page_lines]
    scanned = [len(lower) <= SCANNED_CHARS for lower in lowers]
    hinted = lines_with(
        HINT_RE, [lower if short else "" for lower, short in zip(lowers, scanned, strict=True)]
    )
    return [
        line_facts(line, lower, i in hinted if short else None)
        for i, (line, lower, short) in enumerate(zip(page_lines, lowers, scanned, strict=True))
    ]


SCANNED_CHARS = 300
"""Lines up to this long are scanned for hints with the page; a longer one is screened alone
and only when it has at most 60 words (the four tests skip longer lines): paragraphs would
make up most of the page scan's characters."""


HINT_RE = _any_of((*CAPTION_HINTS, *CTA_HINTS, *COPYRIGHT_HINTS, "letter", "alert"))
"""Found in a lower-cased line whenever :data:`CAPTION_HINT_RE`, :data:`CTA_HINT_RE`,
:data:`COPYRIGHT_HINT_RE` or the newsletter test's ``letter``/``alert`` is: a line without it
is none of those four."""


def lines_with(pattern: re.Pattern[str], texts: list[str]) -> set[int]:
    """Indices of the ``texts`` in which ``pattern`` finds something, for a pattern that cannot
    match a line break: one scan of the texts joined by line breaks. Its matches cannot reach
    across a break, so the leftmost match in each text is found whatever the text before holds."""
    joined = "\n".join(texts)
    found: set[int] = set()
    line, line_end = 0, len(texts[0]) if texts else 0
    for match in pattern.finditer(joined):
        start = match.start()
        while start > line_end:  # past this text's end (its line break): a later text
            line += 1
            line_end += 1 + len(texts[line])
        found.add(line)
    return found


SENTENCE_END_CHARS = frozenset(".!?。！？؟।۔\"'”’»」』)]")
"""Last characters :data:`SENTENCE_END_RE` can match at (a screen before the regex)."""


def sentence_ends(tail: str, line: str) -> bool:
    """:func:`ends_like_sentence` given the line's ``tail`` (its last :data:`TAIL` characters,
    which settle it unless the line ends in a bracketed note)."""
    if tail[-1:] == "]":
        tail = sentence_tail(line)
    return (
        bool(tail) and tail[-1] in SENTENCE_END_CHARS and SENTENCE_END_RE.search(tail) is not None
    )


def line_facts(line: str, lower: str | None = None, hinted: bool | None = None) -> LineFacts:
    """The :class:`LineFacts` of one line, with the same answers as the predicates above
    (written out here with what they share worked out once: words, the lower-cased line, the
    line without its heading mark, its end). Tests only short lines need skip long ones, and
    tests that need a character the line lacks are skipped. ``lower``: ``line.lower()``;
    ``hinted``: whether :data:`HINT_RE` finds anything in it (when the caller has them)."""
    if line.isascii():
        tokens = line.encode().translate(ASCII_WORD_BYTES).decode().split()
        key = " ".join(tokens).lower()  # normalise(line) on an ASCII line
    else:
        tokens = WORD_RE.findall(line)
        key = normalise(line)
    n_words = len(tokens)
    if lower is None:
        lower = line.lower()
    if hinted is None:  # the hint tests read only lines of at most 60 words
        hinted = n_words <= 60 and HINT_RE.search(lower) is not None
    tail = line.rstrip()[-TAIL:]
    dots = "." in tail or "…" in tail  # every ellipsis, hence every truncated snippet, has one
    if n_words <= 30:  # the tests of the line's start (on the line without its heading mark)
        bare = (HEADING_MARK_RE.sub("", line, count=1) if line[:1] == "#" else line).strip()
        comments_header = COMMENTS_HEADER_RE.match(bare) is not None
        related_header = RELATED_RE.match(bare) is not None
        comment_marker = (
            comments_header
            or COMMENT_RE.match(bare) is not None
            or (":" in bare and COMMENT_RE.search(bare) is not None)
        )  # looks_like_comment_marker: only "... wrote:" is found past the start, after a ":"
        byline = n_words <= 14 and BYLINE_RE.match(bare) is not None
        date = DIGIT_RE.search(line) is not None and DATE_RE.search(line) is not None
    else:
        comments_header = related_header = comment_marker = byline = date = False
    return LineFacts(
        line,
        tokens,
        key,
        sentence_ends(tail, line),
        dots and ELLIPSIS_END_RE.search(tail) is not None,
        dots and n_words >= 6 and TRUNCATED_RE.search(tail) is not None,
        (not tokens or tokens[0].isdecimal()) and is_number_only(line),
        n_words <= 60
        and (
            (n_words <= CREDIT_LABEL_MAX_WORDS and CREDIT_LABEL_RE.match(line) is not None)
            or (
                hinted
                and CAPTION_HINT_RE.search(lower) is not None
                and CAPTION_RE.search(line) is not None
            )
        ),  # looks_like_caption
        hinted
        and n_words <= 25
        and CTA_HINT_RE.search(lower) is not None
        and CALL_TO_ACTION_RE.search(line) is not None,  # looks_like_call_to_action
        hinted
        and n_words <= 25
        and ("letter" in lower or "alert" in lower)
        and NEWSLETTER_RE.search(line) is not None,  # looks_like_newsletter
        related_header,
        hinted
        and n_words <= 40
        and COPYRIGHT_HINT_RE.search(lower) is not None
        and COPYRIGHT_RE.search(line) is not None,  # looks_like_copyright
        comment_marker,
        comments_header,
        byline,
        date,
        ("|" in line or "·" in line or "•" in line or "»" in line or "«" in line)
        and MENU_SEPARATOR_RE.search(line) is not None,  # looks_like_menu
        n_words,
    )
