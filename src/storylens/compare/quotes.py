"""Direct quotations: find them, name their speaker, match them across articles, diff versions.

Speakers come from the attribution around the quote (``…,” Netanyahu said``, ``X quoted the PM
as saying``, ``he said``); surnames, pronouns and role nouns are resolved to the full name the
article gives that person (the name list is :mod:`storylens.compare.names`, role nouns and
unnamed descriptions :mod:`storylens.compare.mentions`). Adjacent quoted pieces of one
paragraph with one speaker are joined, because outlets split the same statement differently
(``…erupted. We agreed`` against ``…erupted,” he said. “We agreed``).
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass, replace

from storylens.compare import mentions, quote_attribution, quote_cjk, quote_languages
from storylens.compare.model import DiffOp, Quote, QuoteMatch, Span
from storylens.compare.names import (
    NOT_NAMES,
    PRONOUNS,
    TITLES,
    People,
    could_be_surname,
    find_people,
    inside,
    is_name_run,
    paragraphs,
    personal_name,
)
from storylens.compare.sentences import Sentence
from storylens.compare.text import normalize, tokens

VERBS = (
    r"said|says|say|told|tells|added|adds|stated|states|declared|noted|notes|wrote|writes|"
    r"explained|explains|asked|asks|insisted|insists|warned|warns|stressed|recalled|continued|"
    r"argued|argues|claimed|claims|announced|confirmed|replied|replies|urged|according to|"
    r"yelled|shouted|barked|responded|responds|emailed|tweeted|posted|predicted|suggested|"
    r"acknowledged|admitted|conceded|complained|joked|quipped|remarked|observed|commented|"
    r"testified|vowed|pledged|promised|boasted|cautioned|countered|agreed|lamented|charged|"
    r"contended|maintained|mused|exclaimed|put it|went on|wrote in|recounted|recalls|"
    r"shot back|concluded|concludes|telling|adding|writing|declaring|insisting|warning|"
    r"saying|reported|reporting|tweeting|boomed|beamed|shouting|declares|affirms|responding|"
    r"reacted|answered|interjected|exhorted|opined|remembered|puts it|pressed|assured|reads|"
    r"confirms|agrees|mentioned|mentions|retorted|wondered|reiterated|emphasized|emphasised|"
    r"pointed out|points out|revealed|asserted|asserts|whispered|texted|explained in"
)
_NAME_WORD = r"(?:[A-Z][\w’'.-]+|al-[A-Z][\w-]+|bin|van|de|von)"
NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,4}}"
_ROLES = "|".join(
    sorted(
        set(mentions.ROLE_TITLES)
        | {"PM"}
        | {w.capitalize() for w in mentions.PARTY_NOUNS},
        key=len,
        reverse=True,
    )
)
ROLE = rf"(?:[Tt]he|[Hh]is|[Hh]er|[Ii]ts)\s+(?:[\w-]+\s+){{0,3}}?(?:{_ROLES})\b"

_QUOTE = re.compile(
    r"“([^“”\"\n]{1,2000}?[,.?!])[“\"](?=\s+[a-z])"
    r"|“([^”]{1,2000})”"
    r"|\"([^\"\n]{1,2000})\""
    r"|(?<![\w'])''(?!')([^\n]{1,2000}?)''(?!\w)"
    r"|(?<!\w)‘([^‘’\n]{1,2000}?(?:’\w[^‘’\n]{0,2000}?)*)’(?!\w)"
    r"|^\s*[“\"]([^”\"\n]{20,2000})$"
    r"|(?<=:\s)[“\"]([^“”\"\n]{20,2000})$"
    r"|^\s*”([^“”\n]{20,2000})$"
    r"|[“\"]([^“”\"\n]{1,2000})[”\"]"
    rf"|{quote_languages.OTHER_MARKS}"
)
"""Curly and straight double quotes (also closed by a mistyped mark: ``“No,“ said``, ``“No,"``),
doubled apostrophes (''like this''), single curly quotes, a paragraph that opens a quotation
it does not close (also with the Swedish ”), or ends with one opened after a colon (it
continues in the next paragraph),
and mixed marks (``"…”``); then the marks of other languages (``„…“``, ``« … »``, ``»…«``,
``「…」``: :data:`quote_languages.MARKS`)."""
_AFTER = re.compile(
    rf"^[\s,]*(?:(?P<v1>{VERBS})\s+(?P<n1>{ROLE}|{NAME}|he|she|they)|"
    rf"(?P<n2>{ROLE}|{NAME}|[Hh]e|[Ss]he|[Tt]hey|[Tt]he\s+[a-z]+)\s+(?:\w+\s+)?(?P<v2>{VERBS}))\b"
)
_QUOTED_AS = re.compile(rf"quoted\s+(?P<n>{ROLE}|{NAME})\s+as\s+saying")
_BEFORE = re.compile(
    rf"(?P<n>{ROLE}|{NAME}|\b[Hh]e|\b[Ss]he|\b[Tt]hey)\s+(?:\w+\s+)?(?P<v>{VERBS})\b[^“\"]{{0,120}}$"
)
FRAGMENT_WORDS = 6
"""Quotations this short are fragments: matched as contained runs, not as whole statements."""


_QUOTE_OPENINGS = re.compile(f"[{re.escape(quote_languages.OPENING_MARKS)}]|''")
"""What every alternative of :data:`_QUOTE` opens with: a mark of :data:`quote_languages.MARKS`,
“, \", ‘, or a doubled apostrophe."""


def _may_quote(text: str) -> bool:
    """Whether :data:`_QUOTE` can match in the text at all. One scan for the opening marks is
    ~10x cheaper than the quotation pattern itself, which tries its many alternatives at every
    position, and most paragraphs quote no one."""
    return _QUOTE_OPENINGS.search(text) is not None


@dataclass
class _Piece:
    start: int
    end: int
    text: str
    paragraph_start: int


def find_quotes(
    article_id: str, body: str, sentences: list[Sentence], language: str | None = None
) -> list[Quote]:
    """All direct quotations of an article, each with its speaker when the text names one.
    ``language`` (``Article.language``) picks the cue table of :mod:`quote_languages` (read by
    :mod:`quote_attribution`) for speakers in German, French, Spanish, ...; English and unknown
    languages take the rules here."""
    starts = [s.start for s in sentences]
    people = find_people(body)
    people.quoted = [(m.start(), m.end()) for m in _QUOTE.finditer(body)]
    other = quote_attribution.attributor(body, language, people.quoted)
    other = other or quote_cjk.cjk_attributor(body, language)
    quotes: list[Quote] = []
    for para_start, para in paragraphs(body):
        quoting = _may_quote(para) and not _is_link_line(para)
        pieces = [_piece(m, para_start) for m in _QUOTE.finditer(para)] if quoting else []
        pieces = [p for p in pieces if _is_speech(p.text)]
        dash = other.dash_quote(para) if isinstance(other, quote_attribution.Attributor) else None
        if dash and not any(p.start < para_start + dash[1] for p in pieces):
            pieces.insert(0, _dash_piece(para, para_start, dash))
        headline = inside(para_start, people.headlines)
        found = []
        for piece in pieces:
            if headline:
                found.append(_headline_speaker(body[para_start : piece.start], body, people))
                continue
            if other is not None:
                found.append(other.speaker(piece.start, piece.end, piece.paragraph_start))
                continue
            found.append(_speaker(body, piece, people))
            if not found[-1][0]:
                found[-1] = _speaker_where_it_closes(body, piece, people)
            if found[-1][0]:
                people.recent = (piece.end, found[-1][0])
        cues = [cue for _, cue in found]
        names = [name for name, _ in found]
        own = headline or _CAPS_HEADING.match(para)  # "EBOLA SURVIVORS, THROUGH THE LENS “…”"
        speakers = names if own else _inherit_speakers(names, quotes, pieces)
        for group in _join_groups(pieces, speakers, starts, body):
            quote = _make_quote(article_id, body, group, speakers, pieces, sentences, starts)
            cue = next((cues[k] for k in group if cues[k]), None)
            work = isinstance(other, quote_attribution.Attributor) and quote.start in other.works
            if cue or not (_is_label(quote.text) or work):
                quotes.append(replace(quote, cue=cue))
    return _continued_speakers(body, quotes)


def _speaker_where_it_closes(
    body: str, piece: _Piece, people: People
) -> tuple[str | None, str | None]:
    """A quotation left open at its paragraph's end (``“I'm half-dead in my tent.``) closes in
    the next paragraph (``I want to go home,” said Mapahai``): the attribution is there."""
    if (piece.end < len(body) and body[piece.end] != "\n") or body[piece.end - 1] in "”\"":
        return None, None
    start = piece.end
    while start < len(body) and body[start] == "\n":
        start += 1
    end = body.find("\n", start)
    paragraph = body[start : end if end >= 0 else len(body)]
    close = re.search(r"[”\"]", paragraph)
    if not close or close.start() == 0 or re.search(r"[“]", paragraph[: close.start()]):
        return None, None  # no closing mark, or the next paragraph reopens the quotation
    rest = _Piece(start, start + close.end(), paragraph[: close.start()], start)
    return _speaker(body, rest, people)


def _continued_speakers(body: str, quotes: list[Quote]) -> list[Quote]:
    """A quotation left open at the end of its paragraph goes on in the next one (``“I'm
    half-dead in my tent.`` / ``I want to go home,” said Mapahai``): it takes the speaker of
    the quotation that opens the next paragraph."""
    for k in range(len(quotes) - 2, -1, -1):
        quote, nxt = quotes[k], quotes[k + 1]
        closed = body[quote.end - 1 : quote.end] in "”\"'’" + quote_languages.CLOSING_MARKS
        if quote.speaker or closed:
            continue
        gap = body[quote.end : nxt.start]
        if gap.strip(" \n“\"'") == "" and "\n" in gap:
            quotes[k] = replace(quote, speaker=nxt.speaker, cue=quote.cue or nxt.cue)
    return quotes


LABEL_WORDS = 2
"""An unattributed quotation this short is a label or scare quote (“very conservative”)."""
LABEL_CHARS = 4
"""The same for text written without spaces (「安倍」 is a name, 「経済対策を急ぐ」 a quotation)."""


_LINK_LABEL = re.compile(r"^\s*[A-Z][A-Z ]{1,20}:\s")
_ENDS_LIKE_A_SENTENCE = re.compile(r"[.!?:;][”\"’')\]]*\s*$")


def _is_link_line(para: str) -> bool:
    """A line promoting another story under an upper-case label, with no sentence end
    (``READ MORE: ‘Still in shock’: woman rejects inquiry``, ``WATCH: …``): the quotation is that
    story's headline, not speech reported here."""
    return bool(_LINK_LABEL.match(para)) and not _ENDS_LIKE_A_SENTENCE.search(para)


def _is_label(text: str) -> bool:
    """A title (“Good Morning America”, “GLASS IS HALF FULL.”) or a short scare-quoted phrase:
    quotation marks that do not report anyone's words."""
    if quote_languages.written_without_spaces(text):  # Japanese, Chinese: count characters
        return len(text.strip()) <= LABEL_CHARS
    words = re.findall(r"[^\W\d_][\w’'-]*", text)
    if len(words) <= LABEL_WORDS:
        return True
    small = {"a", "an", "the", "of", "and", "in", "on", "to", "for", "with", "at", "is", "or"}
    titled = all(w[0].isupper() or w.lower() in small for w in words)
    return titled and len(words) <= 8


def _dash_piece(para: str, offset: int, span: tuple[int, int]) -> _Piece:
    """A quotation opened by a dash (``– Vi vet inte, säger Berg.``), without the dash."""
    text = para[span[0] : span[1]].lstrip(" \t\u00a0–—-")
    return _Piece(offset + span[0], offset + span[1], text, offset)


def _piece(match: re.Match[str], offset: int) -> _Piece:
    text = next(g for g in match.groups() if g is not None)
    return _Piece(offset + match.start(), offset + match.end(), text, offset)


def _is_speech(text: str) -> bool:
    """Quoted text that can be words someone said: not an id, a date, code or a lone label."""
    letters = sum(c.isalpha() for c in text)
    if letters < 3 or letters < 0.5 * len(text.replace(" ", "")):
        return False
    return not re.search(r"[=<>{}]|https?:", text)


def _speaker(
    body: str, piece: _Piece, people: dict[str, str]
) -> tuple[str | None, str | None]:
    """The name (and cue verb) in the attribution right after the quote, else in its own
    sentence before it."""
    para_end = body.find("\n", piece.end)
    after = body[piece.end : para_end if para_end >= 0 else len(body)][:160]
    if _leads_into_next_quote(piece.text, after) or _reports_new_speech(piece.text, after):
        after = ""
    before = body[piece.paragraph_start : piece.start][-200:]
    if _CUE_RIGHT_BEFORE.search(before):  # "Hayek confirmed it and said, “…”": the cue owns it
        found = _attribution_before(body, piece, before, people)
        if found[0]:
            return found
    for pattern, text in ((_QUOTED_AS, before), (_AFTER, after), (_QUOTED_AS, after)):
        match = pattern.search(text)
        if match and match.group("n1" if pattern is _AFTER else "n") and _runs_on(match, text):
            match = None  # "said Sanders aide Jeff Weaver": the name ends further on
        if match:
            groups = match.groupdict()
            name = next((g for k, g in groups.items() if k[0] == "n" and g), None)
            cue = next((g for k, g in groups.items() if k[0] == "v" and g), "quoted as saying")
            speaker = _resolve(name, body, piece.start, people) if name else None
            if speaker:
                return speaker, cue
    found = _attribution_after(body, piece, after, people)
    if found[0]:
        return found
    found = _any_verb_attribution(body, piece, before, after, people)
    if found[0]:
        return found
    match = _BEFORE.search(before.split(". ")[-1])
    if match:
        speaker = _resolve(match.group("n"), body, piece.start, people)
        if speaker:
            return speaker, match.group("v")
    found = _attribution_before(body, piece, before, people)
    if found[0]:
        return found
    owner = _POSSESSOR.search(before)
    if owner:  # "the persistent pull of Obama's “if you like your plan” promise"
        found = _resolve(owner.group("n"), body, piece.start, people), None
        if found[0]:
            return found
    if body[piece.paragraph_start : piece.start].strip():
        return _embedded_quote_speaker(body, piece, people)
    return _lead_in_speaker(body, piece, people)


def _runs_on(match: re.Match[str], text: str) -> bool:
    """The name a cue pattern matched continues with lower-case words and another capitalised
    run (``said Oversight ranking Democrat Elijah Cummings``)."""
    rest = re.match(r"\s+((?:[a-z][\w-]*\s+){1,3})[A-Z]", text[match.end() :])
    return bool(rest) and not set(rest.group(1).split()) & (_PREPOSITIONS | _LINKS)


_LINKS = {
    "the", "a", "an", "and", "or", "who", "which", "that", "as", "than", "but",
    # a subordinate clause after the name ("says Greenspan while visiting The Star's kitchen")
    "while", "when", "whose", "where", "because", "if", "since", "although", "though", "whom",
}  # fmt: skip


_ANY_VERB = r"[a-z]{3,}(?:ed|s)"
_ANY_VERB_AFTER = re.compile(
    rf"^[\s,]*(?:(?P<v1>{_ANY_VERB})\s+(?P<n1>{NAME})\s*[,.;(]"
    rf"|(?P<n2>{NAME}|{ROLE})\s+(?P<v2>{_ANY_VERB})\s*[,.;])"
)
_ANY_VERB_BEFORE = re.compile(rf"(?P<n>{NAME})\s+(?:\w+ly\s+)?(?P<v>{_ANY_VERB})\s*[,:]\s*$")


def _any_verb_attribution(
    body: str, piece: _Piece, before: str, after: str, people: dict[str, str]
) -> tuple[str | None, str | None]:
    """A verb the cue list lacks, in the tight shape only attributions take: ``“…,” scoffed
    Arianna Gil,`` / ``“…,” Hollande retaliated.`` after a quotation cut at a comma, ``Billy
    Joel sings, “…”`` before one."""
    cut = piece.text.rstrip().endswith((",", "?", "!", "—"))
    if cut or body[piece.end - 2 : piece.end - 1] in ",?!":
        match = _ANY_VERB_AFTER.match(after)
        if match:
            name = match.group("n1") or match.group("n2")
            found = _resolve(name, body, piece.start, people)
            if found:
                return found, match.group("v1") or match.group("v2")
    match = _ANY_VERB_BEFORE.search(_SENTENCE_END.split(before)[-1])
    if match:
        found = _resolve(match.group("n"), body, piece.start, people)
        if found:
            return found, match.group("v")
    return None, None


def _embedded_quote_speaker(
    body: str, piece: _Piece, people: dict[str, str]
) -> tuple[str | None, str | None]:
    """A quoted phrase inside a sentence with no cue (``In March, Trump blasted Disney for its
    “outrageous practices”``): the words are the sentence subject's, when a named person."""
    sentence = _SENTENCE_END.split(_unquoted(body[piece.paragraph_start : piece.start]))[-1]
    found = _sentence_opener(sentence, people)  # a named person only, never a description
    return (found, None) if found else (None, None)


_POSSESSOR = re.compile(rf"(?P<n>{NAME})[’']s\s*$")
_REPORTED = re.compile(
    rf"^\s+(?:{NAME})\s+(?:\w+ly\s+)?(?:{VERBS})\s+(?:that|he|she|they|it|we|there)\b"
)


def _reports_new_speech(text: str, after: str) -> bool:
    """``“… no place in a political campaign.” Ohio Gov. John Kasich said he would have…``: a
    quotation that closes its sentence, then a new sentence reporting someone else's speech
    in indirect form — not this quotation's attribution."""
    return text.rstrip().endswith((".", "?", "!")) and bool(_REPORTED.match(after))


_NEXT_LEAD_IN = re.compile(r"^\s+[A-Z][^“”\"]{0,120}?[,:]\s*(?:[“\"]|'')")


def _leads_into_next_quote(text: str, after: str) -> bool:
    """``“We are refugees.” Mr. Zahed said: “The attack…”``: a quotation that closes its own
    sentence followed by a new sentence that ends in a cue and opens another quotation — that
    attribution introduces the next quotation, not this one."""
    return text.rstrip().endswith((".", "?", "!")) and bool(_NEXT_LEAD_IN.match(after))


def _lead_in_speaker(
    body: str, piece: _Piece, people: dict[str, str]
) -> tuple[str | None, str | None]:
    """A paragraph that is only a quotation continues the person the text just reported as
    speaking: ``Nakatani said his country would help…`` then ``“In the South China Sea…”``."""
    quoted = getattr(people, "quoted", [])
    last_end = max((e for s, e in quoted if e <= piece.start), default=0)
    between = body[max(last_end, piece.start - 600) : piece.start]
    sentences = [x for x in _SENTENCE_END.split(between) if x.strip()]
    if not sentences:
        return None, None
    cues = list(_CUE.finditer(sentences[-1]))
    if not cues:
        return _colon_lead_in(sentences[-1], body, piece.start, people)
    cue = cues[-1]
    name = _subject_name(sentences[-1][: cue.start()].strip(" ,"), body, piece.start, people)
    return (name, cue.group("v")) if name else (None, None)


def _colon_lead_in(
    sentence: str, body: str, at: int, people: dict[str, str]
) -> tuple[str | None, str | None]:
    """``Cruz called them on it:`` / ``President Clinton released the following statement:``
    then a quotation: the sentence's subject (the words before its first verb-like word)."""
    if not sentence.rstrip().endswith(":"):
        return None, None
    subject = []
    clause = sentence.split(",")[-1].split()
    if clause and (clause[0].endswith("ing") or clause[0] in _PREPOSITIONS | _SUBORDINATORS):
        clause = []  # "…, resulting in the evacuation of … a few other buildings:"
    for word in clause:
        if word.islower() and (word.endswith(("ed", "s", ":")) or word in _IRREGULAR_VERBS):
            break
        subject.append(word)
    name = _subject_name(" ".join(subject), body, at, people) if subject else None
    return (name, ":") if name else (None, None)


_ADDRESSEE_CUES = {"told", "tells", "telling", "asked", "asks", "urged", "warned", "warns",
                   "assured", "pressed"}  # fmt: skip
_IRREGULAR_VERBS = {"put", "wrote", "told", "said", "spoke", "gave", "took", "made", "went", "had"}


_NOT_AN_END = "".join(
    rf"(?<!\b{t})" for t in ("Mr", "Mrs", "Ms", "Dr", "St", "Gov", "Sen", "Rep", "Gen", "Lt", "Col")
)
_SENTENCE_END = re.compile(rf"{_NOT_AN_END}(?<!\b[A-Z])[.!?][\s”\"']+(?=[A-Z“\"])|[“\"]")
"""Where an attribution clause stops: a sentence end (not after a title) or another quote."""
_CUE = re.compile(rf"\b(?P<v>{VERBS})\b")
_CUE_RIGHT_BEFORE = re.compile(rf"\b(?:{VERBS})(?:\s+(?:reporters|the\s+\w+))?\s*[,:]\s*$")
_RUN = re.compile(r"(?:[A-Z][\w’'.-]*\.?)(?:\s+(?:[A-Z][\w’'.-]*|(?:de|van|von|bin|al)\b))*")
_PRONOUN = re.compile(r"\b([Hh]e|[Ss]he|[Tt]hey|I|[Ww]e)\b")
MAX_SUBJECT_WORDS = 14
"""Words an attribution's subject may take (``Brent Bozell III, founder of the MRC,``)."""


def _attribution_after(
    body: str, piece: _Piece, after: str, people: dict[str, str]
) -> tuple[str | None, str | None]:
    """A cue verb in the quote's own sentence, and the name its subject (or object) gives.

    After the quote: ``”, Sarandon, 69, told MSNBC`` takes the first name before the verb's
    comma-separated appositive; ``” Sanders campaign manager Jeff Weaver said`` the last name run
    next to the verb; ``”, said a New Hampshire Republican`` the phrase after the verb. Before it:
    ``Tom Ridge, a former secretary, put it: “`` likewise.
    """
    clause = _SENTENCE_END.split(after, maxsplit=1)[0]
    cue = _CUE.search(clause)
    if cue:
        subject = clause[: cue.start()].strip(" ,\u00a0")
        participle = cue.group("v").endswith("ing")
        rest = clause[cue.end() :]
        inverted = clause[: cue.start()].rstrip().endswith(",") and subject[:1].islower()
        if inverted and not participle:
            # "“…unlikely” that Sanders can catch Clinton, said Steve Elmendorf": inverted
            found = _object_speaker(rest, body, piece.start, people, names_only=True)
            if found:
                return found, cue.group("v")
        if cue.group("v") in _ADDRESSEE_CUES and subject.strip():
            rest = ""  # "was told her services…": who is told or asked is the listener
        if not subject.strip():
            return _object_speaker(rest, body, piece.start, people, participle), cue.group("v")
        name = _subject_name(subject, body, piece.start, people) or _object_speaker(
            rest, body, piece.start, people, participle
        )
        if name:
            return name, cue.group("v")
    return None, None


def _attribution_before(
    body: str, piece: _Piece, before: str, people: dict[str, str]
) -> tuple[str | None, str | None]:
    """``Tom Ridge, a former secretary, put it: “…``: the cue and subject before the quote."""
    tail = _SENTENCE_END.split(re.split(r"”|''|\"", before)[-1])[-1]
    cues = list(_CUE.finditer(tail))
    if cues and _DEPENDENT_CUE.search(tail[: cues[-1].end()]):
        inner = _SAID_THEN_ADDING.search(tail[: cues[-1].end()])
        found = _resolve(inner.group("n"), body, piece.start, people) if inner else None
        found = found or _main_clause_subject(body, piece, people)
        if found:
            return found, cues[-1].group("v")
    last_clause = tail.rstrip().split(",")[-1].split()
    if not cues and tail.rstrip().endswith(":") and last_clause and last_clause[0].endswith("ing"):
        # "Ms. Warren has been a powerful surrogate, … visiting … with a simple message:"
        found = _main_clause_subject(body, piece, people)
        return (found, ":") if found else (None, None)
    if cues or tail.rstrip().endswith(":"):
        end = cues[-1].start() if cues else len(tail.rstrip()) - 1
        subject = tail[:end].strip(" ,\u00a0")
        name = _subject_name(subject, body, piece.start, people)
        if name:
            return name, cues[-1].group("v") if cues else ":"
    return None, None


_SAID_THEN_ADDING = re.compile(
    rf"(?P<n>{NAME}|\b[Hh]e|\b[Ss]he)\s+(?:{VERBS}),?\s+(?:and\s+)?\w+ing\s*$"
)
"""``…, Nefzi said, adding, “…”``: the participle's subject is the inner attribution's."""
_DEPENDENT_CUE = re.compile(
    rf"(?:\b(?:and|while|before|after|then|also)\s+(?:\w+\s+)?(?:{VERBS})|\b\w+ing)\s*$"
)
"""A cue that shares its subject with the sentence's main verb: ``Christie bristled at …,
saying``, ``Lazar said he welcomed … and added``, ``Gore insisted … while adding``."""


def _main_clause_subject(body: str, piece: _Piece, people: dict[str, str]) -> str | None:
    """The subject the sentence around a quote opens with (quotations inside it skipped)."""
    sentence = _SENTENCE_END.split(_unquoted(body[piece.paragraph_start : piece.start]))[-1]
    sentence = _INTRO.sub("", sentence.strip())
    if _PRONOUN.match(sentence):
        return _pronoun_antecedent(body, piece.paragraph_start + 1, people)
    if _first_word_in(sentence, mentions.DEFINITE | mentions.INDEFINITE):
        # "The spokesman refused to answer …, adding: “…”"
        return _described_speaker(sentence, body, piece.start, people)
    return _sentence_opener(sentence, people)


def _subject_name(
    subject: str, body: str, at: int, people: dict[str, str]
) -> str | None:
    """The speaker a subject phrase names: its name run, its pronoun resolved, else None."""
    subject = re.sub(r"\([^)]*\)", " ", subject)  # "Rep. Jim McDermott (D-Wash.)"
    words = subject.split()
    if not words or len(words) > MAX_SUBJECT_WORDS:
        subject = " ".join(words[-MAX_SUBJECT_WORDS:])
    segments = [seg.strip() for seg in subject.strip(" ,").split(",") if seg.strip()]
    adjacent = len(segments) <= 1 or bool(_RUN.match(segments[-1]))  # "…user, Jo Bay"
    if (
        adjacent
        and _first_word_in(subject, mentions.DEFINITE | mentions.INDEFINITE)
        and not _has_verb(segments[0] if segments else "")
    ):
        found = _description_subject(subject, body, at, people)
        if found:
            return found
    head = _subject_head(subject)
    runs = [r for r in (m.group().strip() for m in _RUN.finditer(head)) if is_name_run(r)]
    if not runs and "," in subject and not _PRONOUN.search(head):
        opening = _RUN.match(subject.strip())  # "Brent Bozell III, founder of the MRC," only
        runs = [opening.group().strip()] if opening and is_name_run(opening.group()) else []
    if runs and _first_word_in(runs[-1], mentions.DEFINITE | mentions.INDEFINITE):
        # "The Vermont senator emailed": the whole noun phrase, not its capitalised start;
        # "The UN's Mr Gunness": the name after the possessive
        owner, _, owned = runs[-1].rpartition("’s " if "’s " in runs[-1] else "'s ")
        found = _resolve(owned, body, at, people) if owner and owned else None
        found = found or _described_speaker(head[head.rfind(runs[-1]) :], body, at, people)
        return found or _opening_person(subject, body, at, people)
    if runs:
        found = _resolve(runs[-1], body, at, people)
        return found or _opening_person(subject, body, at, people)
    pronoun = _PRONOUN.search(head)
    if pronoun and len(head.split()) <= 3:
        return _pronoun_antecedent(body, at, people)
    return _opening_person(subject, body, at, people) or _described_speaker(
        head, body, at, people
    )


def _description_subject(
    subject: str, body: str, at: int, people: dict[str, str], after_verb: bool = False
) -> str | None:
    """A subject that opens with a determiner: the name in it or in its appositive (``his
    campaign manager Jeff Weaver``, ``another Twitter user, Johanna Bayer``), else what the
    description means (``one senior Democrat``, ``the independent Vermont senator and
    Democratic presidential candidate``). ``after_verb``: the phrase follows the cue
    (``said a longtime adviser, who…``), so its first part is the speaker."""
    first, _, rest = subject.strip().partition(",")
    owned = re.split(r"[’']s\s+", first, maxsplit=1)
    if len(owned) == 2 and _RUN.match(owned[1]):  # "The UN's Mr Gunness"
        found = _resolve(_RUN.match(owned[1]).group(), body, at, people)
        if found:
            return found
    for text in (first, rest.strip()):
        runs = [r for r in _RUN.finditer(text) if len(r.group().split()) >= 2]
        name = next((r for r in runs if not _first_word_in(r.group(), _DETERMINERS)), None)
        if name and is_name_run(name.group()) and (text is first or name.start() == 0):
            found = _resolve(name.group(), body, at, people)
            if found:
                return found
    if after_verb:
        return _described_speaker(first, body, at, people)
    last = subject.strip(" ,").split(",")[-1].strip()
    if rest.strip() and not _first_word_in(last, mentions.DEFINITE | mentions.INDEFINITE):
        return None  # "The next day, her Twitter account posted:": the subject is not first
    return _described_speaker(last if rest.strip() else first, body, at, people)


_DETERMINERS = mentions.DEFINITE | mentions.INDEFINITE | NOT_NAMES


def _has_verb(text: str) -> bool:
    """A lower-case word that reads as a finite verb (``made``, ``reported``, ``has``): the
    phrase is a clause, not a noun phrase naming a speaker."""
    return any(
        w in _IRREGULAR_VERBS or w in _NOT_IN_A_NOUN_PHRASE or (w.endswith("ed") and k >= 2)
        for k, w in enumerate(text.split())
        if w.islower()
    ) or bool(_CUE.search(text))


def _first_word_in(phrase: str, words: set[str]) -> bool:
    return bool(phrase.split()) and phrase.split()[0].lower() in words


_NOT_IN_A_NOUN_PHRASE = {
    "while", "when", "as", "because", "after", "before", "since", "if", "is", "was", "has", "had",
    "have", "will", "would", "could", "can", "then", "also", "later", "goes", "went", "again",
    "still", "once", "on", "publicly", "flatly", "simply", "further",
}  # fmt: skip


def _described_speaker(phrase: str, body: str, at: int, people: dict[str, str]) -> str | None:
    """A subject that names no one: a role resolved to the person holding it (``the Florida
    senator`` -> Marco Rubio), else the description itself for an unnamed source, a document or
    an organisation (``one senior Democrat``, ``The ad``)."""
    words = []
    for word in phrase.strip(" ,").split():
        verb = len(words) >= 2 and word.islower() and word.endswith("ed")  # not "the printed"
        if word.lower() in _NOT_IN_A_NOUN_PHRASE or verb:
            break
        words.append(word)
    phrase = " ".join(words)
    if not words or mentions.is_indefinite(phrase):
        return mentions.description(phrase) if words else None
    if words[0].lower() not in mentions.DEFINITE:
        return None
    if mentions.role_nouns(phrase):
        holders, telling = mentions.role_holders(phrase, getattr(people, "mentions", []), at)
        if holders and telling:
            return holders[0]
        if not holders and mentions.is_new_person_role(phrase):
            return mentions.description(phrase)
        antecedent = _pronoun_antecedent(body, at, people, previous_paragraph=False)
        if not holders:
            return antecedent or mentions.description(phrase)
        return antecedent if antecedent in holders else holders[0]
    return mentions.description(phrase) if len(words) <= 6 else None


def _opening_person(subject: str, body: str, at: int, people: dict[str, str]) -> str | None:
    """``Trump gestured ..., then leaned in and boomed:`` / ``Clinton seemed ready to riff on
    the incident in Iowa, telling the crowd,``: the clause's own subject, when it opens with a
    person the article names in full."""
    opening = _RUN.match(subject.strip())
    if not opening:
        return None
    words = personal_name(opening.group().split())
    if words and words[-1].replace("’s", "").replace("'s", "") in people:
        return people[words[-1].replace("’s", "").replace("'s", "")]
    return None


def _subject_head(subject: str) -> str:
    """The part of a subject phrase that names the speaker: the first segment when the phrase
    opens with a name and goes on with an appositive (``Brent Bozell III, founder of the MRC,``),
    else the last clause before the verb (``The Times reported it in February, and Breitbart
    News``)."""
    segments = [seg for seg in re.split(r",|\band\b|;", subject) if seg.strip()]
    if len(segments) < 2:
        return subject
    first = segments[0].strip()
    opens_with_name = bool(_RUN.match(first)) and is_name_run(_RUN.match(first).group())
    if opens_with_name and len(first.split()) <= 5:
        return first
    last, named = segments[-1].strip(), segments[-2].strip()
    whole = _RUN.fullmatch(named)
    if whole and is_name_run(named) and last[:1].islower():
        return named  # "…, Rajesh Chharia, president of the … Association of India,"
    return segments[-1]


_PREPOSITIONS = {
    "on", "in", "at", "to", "for", "with", "from", "during", "after", "before", "via", "about",
    "of", "into", "through", "outside", "inside", "over", "under",
}  # fmt: skip
_SUBORDINATORS = {
    "once", "when", "while", "as", "because", "if", "that", "since", "until", "although",
    "though", "whether", "how", "why", "what", "where", "there", "it", "this",
}  # fmt: skip
_AFTER_PREPOSITION = re.compile(rf"\s(?:{'|'.join(sorted(_PREPOSITIONS))})\s")
_PHRASE_END = re.compile(rf"[,;:!?]|{_NOT_AN_END}(?<!\b[A-Z])\.")


def _object_speaker(
    rest: str, body: str, at: int, people: dict[str, str], names_only: bool = False
) -> str | None:
    """``said Jane Doe`` / ``said former Sen. Evan Bayh`` / ``said a New Hampshire
    Republican``: the phrase after the verb. After a participle (``saying the city…``,
    ``telling the crowd``) only a name speaks: the phrase is its object, not its subject."""
    phrase = _PHRASE_END.split(rest, maxsplit=1)[0].strip()
    if not phrase:
        return None
    if not names_only and _first_word_in(phrase, mentions.DEFINITE | mentions.INDEFINITE):
        clause = re.split(r"[.;:!?](?:\s|$)", rest, maxsplit=1)[0]  # "said another user, Jo Bay"
        return _description_subject(clause.strip(), body, at, people, after_verb=True)
    phrase = " ".join(phrase.split()[:8])
    if phrase.split()[0] in _PREPOSITIONS | _SUBORDINATORS:  # "said in Iowa", "said once Gray…"
        return None
    name = next((r for r in _RUN.finditer(phrase) if is_name_run(r.group())), None)
    if name and phrase[: name.start()].strip().split()[:1] != ["a"]:
        # "said Stephen Vladeck of the University of Texas": the name ends at the preposition
        tail = _AFTER_PREPOSITION.split(phrase[name.end() :], maxsplit=1)[0]
        phrase = phrase[: name.end()] + tail
    if names_only:
        runs = [m.group().strip() for m in _RUN.finditer(phrase)]
        return next((_resolve(r, body, at, people) for r in runs if is_name_run(r)), None)
    return _subject_name(phrase, body, at, people)


RECENT_SPEAKER_CHARS = 800
"""A pronoun or role within this many characters of the last attributed quote means its speaker."""


HEADLINE_SUBJECT_WORDS = 3
_CAPS_HEADING = re.compile(r"^\s*[A-Z][A-Z’':,-]+(?:\s+[A-Z][A-Z’':,-]*){2,}\s")
"""A paragraph opening with an upper-case heading of three words or more (a newsletter item):
its quotation is that item's, never a continuation of the quote before."""


def _headline_speaker(
    prefix: str, body: str, people: People
) -> tuple[str | None, str | None]:
    """``Trump Addresses Munich Attack: ‘This Cannot Continue.’``: in a title-case headline a
    quotation after a colon is said by the person the headline opens with (one of its first
    words is the surname of someone the article names), not by whoever a capitalised run
    happens to hold (``Addresses Munich Attack``)."""
    if not prefix.rstrip().endswith(":"):
        return None, None
    words = prefix.split()[:HEADLINE_SUBJECT_WORDS]
    for word in words:
        bare = re.sub(r"[’']s$|[:,]$", "", word)
        if bare in people:
            return people[bare], ":"
        if not word[:1].isupper() or word.lower() in NOT_NAMES:
            break
    first = re.sub(r"[’']s$|[:,]$", "", words[0]) if words else ""
    if first and _named_in_text(first, body, people.headlines):
        return first, ":"
    return None, None


def _named_in_text(word: str, body: str, headlines: list[tuple[int, int]]) -> bool:
    """``word`` is the subject of a sentence outside the headlines (``Trump said``…)."""
    pattern = re.compile(rf"(?:^|[.!?]\s+|\n)(?:[A-Z]\w+\s+){{0,2}}{re.escape(word)}\s+[a-z]+")
    return any(not inside(m.end(), headlines) for m in pattern.finditer(body))


def _resolve(name: str, body: str, at: int, people: dict[str, str]) -> str | None:
    """A named speaker as the fullest form the article gives; pronouns/roles to the last person."""
    name = name.strip()
    if name.lower() in PRONOUNS:
        return _pronoun_antecedent(body, at, people)
    if re.match(ROLE, name):
        return _described_speaker(name, body, at, people)
    bare = re.sub(r"[’']s$", "", name)
    if bare in people:  # the article gave this person's full name elsewhere
        return people[bare]
    first_names = getattr(people, "first_names", {})
    if len(first_names.get(bare, ())) == 1:  # "Doug said" after "Doug McDermott"
        return next(iter(first_names[bare]))
    if name.split()[0].lower() in mentions.DEFINITE | mentions.INDEFINITE:
        return _described_speaker(name, body, at, people)
    words = personal_name(name.split())
    titled = len(words) < len(name.split()) and name.split()[0].lower().strip(".") in TITLES
    lone = len(words) == 1 and not titled
    if not words or (lone and not could_be_surname(words[0], people, body)):
        return None
    known = people.get(words[-1])
    if known and (len(words) == 1 or known.split()[0] == words[0]):
        return known
    return " ".join(words)  # "Gene Hansbrough", not the son "Tyler Hansbrough" the text names more


_INTRO = re.compile(
    r"^(?:(?:Ever|Even|Just|Only|Long|Shortly|Soon)\s+)?"
    r"(?:In|On|At|After|Before|When|While|During|Here|As|Later|Earlier|Asked|Speaking|"
    r"Meanwhile|But|And|Still|Yet|Then|Also|Instead|Immediately|Responding|Since|Last|"
    r"Back|Now|Today|Yesterday|Afterward|Afterwards|If|Although|Because|Though|Until|Once)"
    r"\b[^,]{0,100},\s*(?:(?:after|before|when|while|as|since|if|although|because|though|until"
    r"|once)\b[^,]{0,100},\s*)?",
    re.IGNORECASE,
)


def _sentence_opener(sentence: str, people: dict[str, str]) -> str | None:
    """The person a sentence opens with as its subject (after an introductory phrase: ``In
    Columbia, Sanders stepped up…``), when the article names that person."""
    sentence = _INTRO.sub("", sentence.strip(" “”\"'"))
    subject = " ".join(sentence.split()[:OPENING_WORDS])
    for run in _RUN.finditer(subject):  # "Republican presidential candidate Donald Trump took"
        if not is_name_run(run.group()):
            continue
        words = personal_name(run.group().split())
        bare = words[-1].replace("’s", "").replace("'s", "") if words else ""
        rest = subject[run.end() :].lstrip()
        possessive = rest.startswith(("’s", "'s")) or run.group().endswith(("’s", "'s"))
        before = subject[: run.start()].split()[-1:]
        if before and before[0].lower() in _PREPOSITIONS | {"by", "against", "than"}:
            continue  # "after announcing his support for Donald Trump, Marco Rubio…": an object
        if before and before[0].lower() in _CLAUSE_OPENERS:
            continue  # "But if British Columbia returns to…": a subordinate clause's subject
        if bare in people and not possessive:
            return people[bare]
        if _VERB_LIKE.search(subject[run.end() :]):
            return None  # a verb follows: this run was the subject, and it is not a person
    return None


_CLAUSE_OPENERS = {"if", "unless", "whether", "because", "although", "though", "once", "until"}


_VERB_LIKE = re.compile(rf"^\s*(?:\w+ly\s+)?(?:[a-z]+ed|{VERBS}|has|had|is|was|will|would)\b")
OPENING_WORDS = 10
"""How far into a sentence its subject's name may start (after descriptors)."""


def _pronoun_antecedent(
    body: str, at: int, people: dict[str, str], previous_paragraph: bool = True, depth: int = 0
) -> str | None:
    """Who "he" or "she" is: the subject of the nearest sentence before it in the same
    paragraph that opens with a named person (``Fallon fired back: “…,” he wrote``), else the
    speaker of the quote just before, else the person mentioned last."""
    para_start = body.rfind("\n", 0, at) + 1
    before = _unquoted(body[para_start:at])
    for sentence in reversed(_SENTENCE_END.split(before)):
        found = _sentence_opener(sentence, people)
        if found:
            return found
    if previous_paragraph and not before.strip():  # "…, a member of Bush's council, said…"
        paragraph_start, paragraph = _previous_prose_paragraph(body, para_start)
        if paragraph and not re.search(r"[“”\"]|''", paragraph):
            for sentence in reversed(_SENTENCE_END.split(paragraph)):
                found = _sentence_opener(sentence, people) or _subject_referent(
                    sentence, body, paragraph_start + max(0, paragraph.find(sentence)), people,
                    depth,
                )  # fmt: skip
                if found:
                    return found
    return _last_person_before(body, at, people)


def _previous_prose_paragraph(body: str, para_start: int) -> tuple[int, str]:
    """The paragraph before ``para_start`` (start, text), passing over up to two lines that do
    not end like a sentence: a heading, a caption, a link to another story ("WATCH: Police
    warn of a rise in scams")."""
    end = para_start
    for _ in range(3):
        previous = body[:end].rstrip("\n")
        start = previous.rfind("\n") + 1
        paragraph = previous[start:]
        if not paragraph.strip() or re.search(r"[.!?:;][”\"’')\]]*\s*$", paragraph):
            return start, paragraph
        end = start
    return start, ""


def _subject_referent(
    sentence: str, body: str, at: int, people: dict[str, str], depth: int
) -> str | None:
    """Who a quote-free sentence's subject refers to when it is no name: a pronoun (``He said
    the business, run by his father's friend Martin Legere, …``) is that paragraph's own "he";
    a role noun (``On Dec. 13, the mayor brought up…``) the person holding the role."""
    according = re.search(r"\baccording to\s+(.+?)[.!?]?\s*$", sentence)
    if according:  # "…, according to former Bank of Canada governor David Dodge."
        runs = [r.group() for r in _RUN.finditer(according.group(1)) if is_name_run(r.group())]
        for run in runs:  # "according to David Dodge, an adviser to Paul Martin": the first
            found = _resolve(run, body, at, people)
            if found:
                return found
    subject = _INTRO.sub("", sentence.strip())
    if depth < 2 and re.match(r"(?:[Hh]e|[Ss]he)\b", subject):
        return _pronoun_antecedent(body, at, people, depth=depth + 1)
    words = subject.split()[:6]
    if words and words[0].lower() in mentions.DEFINITE and mentions.describes_a_role(
        " ".join(words)
    ):
        holders, _ = mentions.role_holders(" ".join(words), getattr(people, "mentions", []), at)
        return holders[0] if holders else None
    return None


def _unquoted(text: str) -> str:
    """``text`` with its quotations replaced by a placeholder (names in them did not speak)."""
    return re.sub(r"“[^”]*”|\"[^\"]*\"|''.*?''", " QUOTE ", text)


def _possessive_at(body: str, end: int) -> bool:
    """``Bush's Council``: a name in a possessive owns something; it is not the subject."""
    return body[end : end + 2] in ("’s", "'s")


def _last_person_before(body: str, at: int, people: dict[str, str]) -> str | None:
    """Who "he" or "the senator" is: the speaker of a quote just before, else the person
    mentioned last outside quotation marks and not as a possessive."""
    recent = getattr(people, "recent", None)
    if recent and 0 <= at - recent[0] <= RECENT_SPEAKER_CHARS:
        return recent[1]
    quoted = getattr(people, "quoted", [])
    best: tuple[int, str] | None = None
    for surname, full in people.items():
        pos = body.rfind(surname, 0, at)
        while pos >= 0 and (inside(pos, quoted) or _possessive_at(body, pos + len(surname))):
            pos = body.rfind(surname, 0, pos)
        if pos >= 0 and (best is None or pos > best[0]):
            best = (pos, full)
    return best[1] if best else (recent[1] if recent else None)


INHERIT_CHARS = 400
"""An unattributed quotation continues the speaker of a quotation ending this close before it."""


def _inherit_speakers(
    speakers: list[str | None], earlier: list[Quote], pieces: list[_Piece]
) -> list[str | None]:
    """An unattributed quote continues the speaker of the quote before it."""
    result: list[str | None] = []
    near = earlier and pieces and pieces[0].start - earlier[-1].end <= INHERIT_CHARS
    previous = earlier[-1].speaker if near else None
    for k, (speaker, piece) in enumerate(zip(speakers, pieces, strict=True)):
        sentence = k > 0 and piece.text[:1].isupper()  # "…,” Ms. Alawee said. “We are not…”"
        if speaker is None and (len(piece.text.split()) > FRAGMENT_WORDS or sentence):
            speaker = previous
        result.append(speaker)
        previous = speaker or previous
    return result


def _join_groups(
    pieces: list[_Piece], speakers: list[str | None], starts: list[int] | None = None,
    body: str = "",
) -> list[list[int]]:
    """Indices of quoted pieces forming one statement: neighbours in a paragraph, same speaker,
    with at most the attribution between them: a sentence of the writer's own between the two
    (``“…,” he says. Purdy, 73, credits his terrier. “…”``) ends the statement (``starts``:
    the article's sentence starts)."""
    groups: list[list[int]] = []
    for k, piece in enumerate(pieces):
        long_enough = len(piece.text.split()) > FRAGMENT_WORDS
        if (
            groups
            and long_enough
            and _continues(pieces[groups[-1][-1]], speakers, groups[-1], k)
            and not _narration_between(pieces[groups[-1][-1]], piece, starts or [], body)
        ):
            groups[-1].append(k)
        else:
            groups.append([k])
    return groups


def _narration_between(prev: _Piece, piece: _Piece, starts: list[int], body: str) -> bool:
    """Whether a sentence of the writer's own lies between two quoted pieces: one that starts
    after ``prev`` closes and before ``piece`` opens and is not itself a short attribution
    (``“We agreed.” He said: “…”`` still joins)."""
    k = bisect.bisect_right(starts, prev.end)
    while k < len(starts) and starts[k] < piece.start:
        end = min(starts[k + 1] if k + 1 < len(starts) else piece.start, piece.start)
        sentence = body[starts[k] : end]
        if not (_CUE.search(sentence) and len(sentence.split()) <= ATTRIBUTION_WORDS):
            return True
        k += 1
    return False


ATTRIBUTION_WORDS = 12
"""A sentence between two quoted pieces this short and with a cue is their attribution."""


def _continues(prev: _Piece, speakers: list[str | None], group: list[int], k: int) -> bool:
    prev_long = len(prev.text.split()) > FRAGMENT_WORDS
    return prev_long and speakers[group[-1]] is not None and speakers[k] == speakers[group[-1]]


def _make_quote(
    article_id: str,
    body: str,
    group: list[int],
    speakers: list[str | None],
    pieces: list[_Piece],
    sentences: list[Sentence],
    starts: list[int],
) -> Quote:
    parts = [pieces[k] for k in group]
    text = _join_texts([p.text for p in parts])
    start, end = parts[0].start, parts[-1].end
    k = max(0, bisect.bisect_right(starts, start) - 1)
    sentence = sentences[k] if sentences else None
    span = (
        Span(article_id, sentence.start, sentence.end, sentence.text)
        if sentence
        else Span(article_id, start, end, body[start:end])
    )
    return Quote(article_id, start, end, text, speakers[group[0]], span)


def _join_texts(texts: list[str]) -> str:
    """Quoted pieces as one statement: a piece cut at an attribution comma ends a sentence."""
    joined = ""
    for text in texts:
        text = text.strip()
        if joined:
            if joined.endswith(",") and text[:1].isupper():
                joined = joined[:-1] + "."
            joined += " "
        joined += text
    return joined.rstrip(",")


def match_quotes(quotes: list[Quote]) -> list[QuoteMatch]:
    """Pairs of quotations from different articles that give the same words (or a fragment).

    Only quotations sharing a word are compared (inverted index), so a story with hundreds of
    quotations does not compare all pairs.
    """
    index: dict[str, list[int]] = {}
    for k, quote in enumerate(quotes):
        for word in set(_words(quote.text)):
            index.setdefault(word, []).append(k)
    matches: list[QuoteMatch] = []
    candidates = {
        (min(x, y), max(x, y))
        for x, quote in enumerate(quotes)
        for y in _sharing_a_rare_word(quote, index)
        if y != x
    }
    for x, y in sorted(candidates):
        a, b = quotes[x], quotes[y]
        if a.article_id == b.article_id or not _speakers_agree(a, b):
            continue
        match = compare_quotes(a, b)
        if match:
            matches.append(match)
    return matches


def _sharing_a_rare_word(quote: Quote, index: dict[str, list[int]]) -> set[int]:
    """Quotations sharing one of the three rarest words of this one.

    A fragment shares all its words with the longer quotation, and a variant most of them, so
    the rarest words of at least one side of every real match lead to the other.
    """
    words = sorted(_distinct_words(quote.text), key=lambda w: len(index[w]))[:3]
    return {y for word in words for y in index[word]}


def _distinct_words(text: str) -> list[str]:
    """A quotation's words once each, in text order: ties among equally rare words then
    break the same way in every run (a set's order follows string hashing)."""
    return list(dict.fromkeys(_words(text)))


def _speakers_agree(a: Quote, b: Quote) -> bool:
    """Two quotations may be one utterance unless both name different people (same surname:
    ``Netanyahu`` / ``Benjamin Netanyahu``; an unnamed description agrees with anyone)."""
    if not is_named(a.speaker) or not is_named(b.speaker):
        return True
    sa, sb = a.speaker.split()[-1].lower(), b.speaker.split()[-1].lower()
    return sa == sb


def is_named(speaker: str | None) -> bool:
    """A speaker given by name, not by a description (``a senior Democrat``, ``The ad``)."""
    return bool(speaker) and not _first_word_in(speaker, mentions.DEFINITE | mentions.INDEFINITE)


def compare_quotes(a: Quote, b: Quote) -> QuoteMatch | None:
    """How two quotations relate: same words, a variant, a fragment of the other, or unrelated."""
    wa, wb = _words(a.text), _words(b.text)
    if not wa or not wb:
        return None
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if len(short) <= FRAGMENT_WORDS:
        if _contains_run(long_, short) and len(long_) > len(short):
            return QuoteMatch(
                a, b, "fragment", len(short) / len(long_), [], _pair_speaker(a, b)
            )
        if len(long_) > FRAGMENT_WORDS:
            return None
    matcher = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
    similarity = matcher.ratio()
    if similarity < 0.6:
        return None
    diff = word_diff(a.text, b.text)
    kind = "variant" if diff else "same"
    return QuoteMatch(a, b, kind, round(similarity, 3), diff, _pair_speaker(a, b))


def _pair_speaker(a: Quote, b: Quote) -> str | None:
    """One speaker for both versions, chosen as for an utterance of a story; two different
    named people keep the first article's."""
    both_named = is_named(a.speaker) and is_named(b.speaker)
    if both_named and not _same_person(a.speaker, b.speaker):
        return a.speaker
    return utterance_speaker([a.speaker, b.speaker])


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", normalize(text))


def _contains_run(long_: list[str], short: list[str]) -> bool:
    n = len(short)
    return any(long_[k : k + n] == short for k in range(len(long_) - n + 1))


def word_diff(a: str, b: str) -> list[DiffOp]:
    """Word-by-word differences (punctuation counts as a word: ``…`` against ``.``)."""
    ta = [t for t in tokens(a.strip()) if t != ","]
    tb = [t for t in tokens(b.strip()) if t != ","]
    ta, tb = _drop_final_stop(ta), _drop_final_stop(tb)
    fa, fb = [_fold(t) for t in ta], [_fold(t) for t in tb]
    ops: list[DiffOp] = []
    matcher = difflib.SequenceMatcher(None, fa, fb, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            ops.append(DiffOp(tag, " ".join(ta[i1:i2]), " ".join(tb[j1:j2])))
    return ops


def _drop_final_stop(toks: list[str]) -> list[str]:
    return toks[:-1] if toks and toks[-1] in {".", "!", "?"} else toks


def _fold(token: str) -> str:
    return normalize(token).replace("...", "…")


@dataclass
class QuoteVariant:
    """One outlet's version of an utterance, and how it differs from the fullest version."""

    article_id: str
    start: int
    end: int
    text: str
    speaker: str | None
    kind: str
    """``same`` (identical words), ``variant`` (small edits), ``fragment`` (a few words of it)."""
    diff: list[DiffOp]


@dataclass
class QuoteGroup:
    """One utterance across a story: its fullest wording, its speaker and every outlet's version."""

    text: str
    speaker: str | None
    variants: list[QuoteVariant]

    @property
    def article_ids(self) -> list[str]:
        return list(dict.fromkeys(v.article_id for v in self.variants))


def group_quotes(quotes: list[Quote]) -> list[QuoteGroup]:
    """Quotes of all articles grouped by utterance, each quote compared with the group's longest
    version only (found through an inverted index of rare words): linear in the quotes."""
    groups: list[tuple[Quote, list[Quote]]] = []
    index: dict[str, list[int]] = {}
    df: dict[str, int] = {}
    for quote in quotes:
        for word in set(_words(quote.text)):
            df[word] = df.get(word, 0) + 1
    for quote in sorted(quotes, key=lambda q: -len(q.text)):
        rare = sorted(_distinct_words(quote.text), key=lambda w: df[w])[:3]
        found = None
        for k in dict.fromkeys(k for w in rare for k in index.get(w, ())):
            head, members = groups[k]
            named = next((m for m in members if is_named(m.speaker)), head)
            if _speakers_agree(named, quote) and compare_quotes(head, quote):
                found = k
                break
        if found is None:
            groups.append((quote, [quote]))
            for word in set(_words(quote.text)):
                index.setdefault(word, []).append(len(groups) - 1)
        else:
            groups[found][1].append(quote)
    return [_group(head, members) for head, members in groups]


def _group(head: Quote, members: list[Quote]) -> QuoteGroup:
    """One utterance: its speaker is the person any article names (the fullest form of the
    most frequent surname), not a description another article used; every variant then
    carries that speaker unless its own article names someone else."""
    speaker = utterance_speaker([q.speaker for q in members])
    variants = []
    for quote in members:
        match = compare_quotes(head, quote) if quote is not head else None
        kind = match.kind if match else "same"
        diff = match.diff if match and match.kind == "variant" else []
        own = speaker
        if is_named(quote.speaker) and not _same_person(quote.speaker, speaker):
            own = quote.speaker  # its own article names someone else: shown, not hidden
        variants.append(
            QuoteVariant(quote.article_id, quote.start, quote.end, quote.text, own, kind, diff)
        )
    return QuoteGroup(head.text, speaker, variants)


def utterance_speaker(speakers: list[str | None]) -> str | None:
    """The speaker of an utterance several articles quote: named speakers before descriptions,
    the surname most articles give, in its fullest form (``Benjamin Netanyahu`` over
    ``Netanyahu`` and ``the Israeli PM``)."""
    named = [s for s in speakers if s and is_named(s)]
    if not named:
        given = [s for s in speakers if s]
        return max(given, key=lambda s: (given.count(s), len(s))) if given else None
    surnames = [s.split()[-1].lower() for s in named]
    top = max(surnames, key=lambda x: (surnames.count(x), -surnames.index(x)))
    return max((s for s in named if s.split()[-1].lower() == top), key=len)


def _same_person(a: str | None, b: str | None) -> bool:
    return bool(a and b) and a.split()[-1].lower() == b.split()[-1].lower()
