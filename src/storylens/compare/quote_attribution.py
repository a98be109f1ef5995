"""Speakers of quotations in languages with a cue table (:mod:`quote_languages`).

Both orders are read: ``„…“, sagte Scholz`` and ``Scholz sagte: „…“``, the V2 inversion ``Am
Montag sagte Scholz: „…“``, ``according to`` phrases (``Selon le procureur X, « … »``), a name
before a colon (``Regisseur Femke Bos: "…"``) and French pronoun inversion (``a-t-elle
déclaré``).

Names: German capitalises every noun, so a capitalised run is not a name. Role nouns
(``Kanzler``, ``Bundeskanzlerin``, ``Polizeisprecher``), articles, calendar words, acronyms and,
where nouns are capitalised, leading words that wordfreq ranks common in the language and much
rarer in others are stripped (``Der Kanzler Olaf Scholz`` -> ``Olaf Scholz``). A name after a
preposition (``la ministre du Travail``) is a complement, not a speaker.

Role nouns and pronouns (``sagte der Minister``, ``a-t-elle déclaré``) and subjectless cues of
pro-drop languages (``«…», dijo.``) resolve to the person introduced with that role, else the
last person the paragraph named, else the speaker of the quotation just before.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from wordfreq import zipf_frequency

from storylens.compare.quote_languages import (
    AUXILIARIES,
    CLOSING_MARKS,
    GENERAL_TITLES,
    OPENING_MARKS,
    QuoteLanguage,
    language_rules,
)
from storylens.nouns import common_noun, frequency_elsewhere

COMMON_MARGIN = 1.0
COMMON_WORD_ZIPF = 5.0
"""A word opening a run this frequent in the language (wordfreq) and COMMON_MARGIN rarer in the
others is a common word (``Laut``, ``Regierung``), not a first name (``Thomas`` 5.0 in German,
4.8 in English, stays); the run's last word is never dropped."""
LOCAL_WORD_ZIPF = 3.0
LOCAL_WORD_MARGIN = 2.5
"""Where nouns are capitalised, a run's leading word this frequent in the language and this
much rarer in all the others is a word of that language (``Indem``, ``Etliche``,
``Milliarden``), not a first name: German first names are written across languages
(``Jürgen`` 1.4, ``Detlef`` 1.8, ``Bärbel`` 2.1 apart)."""
SENTENCE_START_ZIPF = 4.0
"""A lone capitalised word opening a sentence names someone only if rarer than this."""
GERMAN_NOUN_ZIPF = 4.5
"""Where every noun is capitalised, a lone unknown capitalised word must be rarer than this."""
RECENT_SPEAKER_CHARS = 800
INFLECTION_LETTERS = 3
"""A case ending of a name differs in at most this many final letters (``Zielińskiego``)."""
DESCRIPTION_WORDS = 6
SHORT_QUOTE_WORDS = 2
"""A quoted word or two sharing its sentence with a later quotation is a label (“político”)."""
TITLE_SMALL_WORD = 3
"""Lower-case words this short may sit inside a title (``für``, ``for``, ``de``, ``la``)."""
TITLE_WORDS = 4
"""Quoted capitalised words up to this many after an article are a title (a paper, a film)."""
INSTITUTION_LINKS = ("for", "of", "and", "und", "et", "y", "e", "i", "og", "och", "&")
"""Words joining the parts of an institution's name, in English too (``Center for Studies``)."""
HEADING_QUOTE_WORDS = 12
"""A quotation alone in its paragraph up to this long is a subheading, not running speech."""
ADVERBIAL_TOKENS = 8
"""Tokens an opening phrase before the subject may take (``Minutos antes del encuentro,``)."""
APPOSITION_WORDS = 3
"""Words after ``Name,`` read for a role noun (``Ana Ruiz, la portavoz``, ``Jan Novák, hlavní
ekonom``)."""
NOUN_PHRASE_TOKENS = 5
"""How far back an article may open the noun phrase a lone capitalised word ends."""
SUBJECT_TOKENS = 5
"""How far into a sentence its subject's name may start (after a determiner and a role)."""
CLAUSE_WORDS = 12
"""Words of an attribution clause read after a cue (``declaró a este periódico Rosa Delgado``)."""

_ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")
"""German adjective endings (``den heimischen Produkten``)."""
PARTICIPLE_COMPLEMENTS = ("sobre", "sur", "par", "por", "pelo", "pela", "acerca", "tras", "à")
"""Words after a participle that opens a sentence (``Consultada sobre``, ``Interrogée sur``)."""
PARTICIPLE_ZIPF = 1.5
"""Such a participle is a word of the language (wordfreq), not an unknown name."""
_CAPITAL = "A-ZÀ-ÖØ-ÞĀ-Ž"
_INITIAL = rf"[{_CAPITAL}]\.(?=[ \u00a0][{_CAPITAL}])"
"""A middle initial (``Múte B. Egede``): one word with its dot, inside the name."""
_TOKEN = re.compile(
    r"(?P<elided>[^\W\d_]{1,5}['’])(?=[^\W\d_])"
    rf"|(?P<word>{_INITIAL}|[^\W\d_](?:[\w’'-]*\w)?)"
    r"|(?P<other>\S)"
)
_COMPLEMENTIZER = re.compile(r"(?<!\w)(?:que|che|dass|dat|że|at|att|að|že)(?!\w)", re.I)
"""``that`` opening reported speech after a cue, in the languages with cue tables."""
NEXT_SENTENCE_CUE_WORDS = 4
"""Words before the cue in a sentence attributing the quotation before it (``Con esas
palabras ha``)."""
TOPIC_WORDS = ("su", "sul", "sulla", "sur", "sobre", "über", "om", "about")
"""``Trump su Meloni: «…»``: the name after one of these, before a colon, is the topic."""
GENITIVE_WORDS = ("di", "de", "del", "della", "du", "des", "von", "of")
"""``L'elogio di Trump: «…»``, ``Die Antwort von Scholz: „…“``: whose words follow."""
_DASH_OPENING = re.compile(r"\s*([–—-])[ \t\u00a0]+(?=\S)")
DASH_ATTRIBUTION_WORDS = 12
"""Words an attribution after a dash quotation may run to (``, forklarer Vetle, som til vanlig
er matros på sjøen.``)."""
_ENDS_SENTENCE = re.compile(r"\w[.!?…][\s\u00a0]+$")
_APOSTROPHE = re.compile(r"[^\W\d_][’'‘][^\W\d_]")
"""An apostrophe inside a word (``l’armée``, ``d’un``): no quotation mark."""
_ATTACHED = re.compile(r"[\s\u00a0]*[,–—-]")
"""Between two quotations, an attribution attached to the first (``, sagte Sackton.``) that ends
its sentence: the second quotation opens the next sentence and is not attributed by it."""
_SENTENCE_END = re.compile(
    r"(?<=[.!?…])(?<!\b[A-ZÀ-ÖØ-ÞĀ-Ž]\.)[\s\u00a0]+"
    r"(?=[^\W\d_\s]|[" + re.escape(OPENING_MARKS) + "])"
)
"""Where a sentence ends; not after an initial (``Múte B. Egede``)."""


@dataclass
class _Token:
    start: int
    end: int
    text: str
    kind: str

    @property
    def capitalised(self) -> bool:
        return self.kind == "word" and self.text[0].isupper() and len(self.text) > 1


@dataclass
class _Mention:
    at: int
    name: str
    titles: frozenset[str]
    articled: bool = False
    """Written after an article (``la Guardia Civil``, ``el Gobierno``): an institution where
    personal names take none."""


@dataclass
class _Found:
    """What an attribution phrase gives: a name, a pronoun, a role noun or a description."""

    name: str | None = None
    pronoun: bool = False
    role: str | None = None
    definite: bool = True
    description: str | None = None
    epithet: bool = False


_TOKEN_NO_ELISION = re.compile(rf"(?P<word>{_INITIAL}|[^\W\d_](?:[\w’'-]*\w)?)|(?P<other>\S)")
"""Where an apostrophe opens a case ending (Turkish ``Demir'in``), not an elision (``l'``)."""


def _tokens(text: str, offset: int = 0, elision: bool = True) -> list[_Token]:
    pattern = _TOKEN if elision else _TOKEN_NO_ELISION
    return [
        _Token(offset + m.start(), offset + m.end(), m.group(), m.lastgroup or "other")
        for m in pattern.finditer(text)
    ]


class Attributor:
    """Speakers of one article's quotations in one language (see the module docstring)."""

    def __init__(self, body: str, rules: QuoteLanguage, quoted: list[tuple[int, int]]) -> None:
        self.body = body
        self.rules = rules
        self.quoted = sorted(quoted)
        self.recent: tuple[int, str] | None = None
        self.cue = _word_alternation(rules.verbs)
        self.according = _word_alternation(rules.according_to)
        self.after_particle = _word_alternation(rules.after_quote)
        self.inversion = re.compile(rf"^(?:{rules.pronoun_inversion})(?![\w-])", re.I) if (
            rules.pronoun_inversion) else None
        self.stop_words = _stop_words(rules.code)
        self.full_names: dict[str, str] = {}
        self.first_names: dict[str, set[str]] = {}
        self.mentions: list[_Mention] = []
        self.works: set[int] = set()
        """Starts of quoted titles (``des Kontos „Freunde für Baker“``): names, not speech."""
        self._index_people()

    # -- people ---------------------------------------------------------------------------

    def _index_people(self) -> None:
        """Full names (two words or more, after stripping roles) and where each person is
        mentioned, with the role nouns written next to the name (``Innenminister``,
        ``le président``): what resolving ``der Minister`` or ``il`` needs."""
        found: list[tuple[int, list[str], frozenset[str], bool]] = []
        for tokens in self._paragraph_tokens():
            complement_end = -1
            for run, initial, before in _runs(tokens, self.rules, True, self.is_title):
                if self._complement(before) or self._continues_complement(before, complement_end):
                    complement_end = len(before) + len(run)
                    continue
                if self._inside_quote(run[0].start):
                    continue
                words = [t.text for t in run]
                name = self.person_words(words, initial)
                if name and self._opens_noun_phrase(words, before):
                    name = self._name_after_noun(words)
                titles = self._titles(words[: len(words) - len(name)], before)
                titles |= self._apposed_titles(tokens[len(before) + len(run) :])
                titles |= self._titles_before_comma(before)
                articled = self._articled(words[: len(words) - len(name)], before)
                found.append((run[0].start, name, titles, articled))
        for _, name, _, _ in found:
            if len(name) >= 2 and not self._inflected(name):
                full = " ".join(name)
                if len(full) > len(self.full_names.get(name[-1], "")):
                    self.full_names[name[-1]] = full
                self.first_names.setdefault(name[0], set()).add(full)
        for at, name, titles, articled in found:
            resolved = self.resolve_words(name) if name else None
            if resolved and (len(name) >= 2 or resolved in self.full_names.values()):
                self.mentions.append(_Mention(at, resolved, titles, articled))

    def _articled(self, stripped: list[str], before: list[_Token]) -> bool:
        """The name comes right after an article (``porque la Guardia Civil continúa``, ``La
        Guardia Civil``): an institution, unless names take articles (Italian ``la Meloni``)."""
        articles = self.rules.definite + self.rules.indefinite
        if self.rules.article_names or not articles:
            return False
        if stripped:
            return all(w.lower() in articles for w in stripped)
        return bool(before) and before[-1].text.lower() in articles

    def _tokens(self, text: str, offset: int = 0) -> list[_Token]:
        return _tokens(text, offset, elision=not self.rules.suffix_after_apostrophe)

    def _continues_complement(self, before: list[_Token], complement_end: int) -> bool:
        """``vom Center for Financial Studies``: a capitalised run one linking word (a
        preposition, a name particle, ``for``, ``of``, ``and``) after a complement goes on
        naming that institution, not a person (``in Bayern hat Markus Engel`` is a person)."""
        gap = before[complement_end:] if complement_end >= 0 else []
        linking = self.rules.prepositions + self.rules.particles + INSTITUTION_LINKS
        return len(gap) == 1 and gap[0].text in linking

    def _apposed_titles(self, after: list[_Token]) -> frozenset[str]:
        """Role nouns right after a name and a comma (``David Campo, portavoz de la
        asociación``, ``Petr Novák, hlavní ekonom``): ``el portavoz`` means him later."""
        if len(after) < 2 or after[0].text != ",":
            return frozenset()
        words = [t.text for t in after[1 : 1 + APPOSITION_WORDS] if t.kind == "word"]
        while words and words[0].lower() in self.rules.definite + self.rules.indefinite:
            words = words[1:]
        return frozenset(key for word in words for key in self.title_keys(word))

    def _titles_before_comma(self, before: list[_Token]) -> frozenset[str]:
        """Role nouns of the phrase a name follows after a comma (``le ministre russe de la
        Défense, Andreï Belooussov``): ``le ministre`` means him later."""
        if len(before) < 2 or before[-1].text != ",":
            return frozenset()
        phrase = []
        for token in reversed(before[-1 - DESCRIPTION_WORDS : -1]):
            if token.kind != "word":
                break
            phrase.append(token.text)
        if not phrase or phrase[-1].lower() not in self.rules.definite:
            return frozenset()  # "Selon le ministre, Paul …" has no article opening it
        return frozenset(key for word in phrase for key in self.title_keys(word))

    def _paragraph_tokens(self) -> list[list[_Token]]:
        return [self._tokens(m.group(), m.start()) for m in re.finditer(r"[^\n]+", self.body)]

    def _inside_quote(self, pos: int) -> bool:
        k = bisect.bisect_right(self.quoted, (pos, len(self.body) + 1)) - 1
        return any(s <= pos < e for s, e in self.quoted[max(0, k - 1) : k + 1])

    def _complement(self, before: list[_Token]) -> bool:
        """A capitalised run right after a preposition (``ministre du Travail``, ``ministre de
        l'Intérieur``, ``ministra de la Vivienda``)."""
        words = [t.text.lower() for t in before[-3:]]
        while words and words[-1] in self.rules.definite:
            words.pop()
        return bool(words) and words[-1] in self.rules.prepositions

    def _titles(self, stripped: list[str], before: list[_Token]) -> frozenset[str]:
        words = [w.lower() for w in stripped]
        words += [t.text.lower() for t in before[-3:] if t.kind == "word"]
        return frozenset(key for w in words for key in self.title_keys(w))

    def title_keys(self, word: str) -> list[str]:
        word = word.lower()
        if self.rules.compounds:
            return [t for t in self.rules.titles if t in word]
        return [t for t in self.rules.titles if word.startswith(t)]

    def is_title(self, word: str) -> bool:
        return word.lower().strip(".") in GENERAL_TITLES or bool(self.title_keys(word))

    def person_words(self, words: list[str], sentence_initial: bool) -> list[str]:
        """The personal name in a capitalised run: role nouns, determiners, calendar words and
        common words stripped from its start (``Der Kanzler Olaf Scholz`` -> ``Olaf Scholz``)."""
        words = list(words)
        while words and self._not_name_start(words[0], len(words), sentence_initial):
            words = words[1:]
            sentence_initial = False
        while words and words[-1].lower() in self.rules.particles:
            words = words[:-1]
        titled = [k for k, w in enumerate(words[:-1]) if self.is_title(w)]
        if titled:  # "Sağlık İşleri Başkanı Kemal Yıldız": the name follows the last role noun
            words = words[titled[-1] + 1 :]
        if len(words) == 1 and not self._lone_name(words[0], sentence_initial):
            return []
        capitalised = [k for k, w in enumerate(words) if w[:1].isupper()]
        if len(capitalised) > self.rules.max_name_words:
            words = words[capitalised[-self.rules.max_name_words] :]
        if self.rules.suffix_after_apostrophe and words:  # "Demir'in" -> "Demir"
            words[-1] = re.split(r"['’]", words[-1])[0]
        return words

    def _not_name_start(self, word: str, left: int, initial: bool) -> bool:
        lowered = word.lower()
        rules = self.rules
        if lowered in rules.definite or lowered in rules.indefinite or lowered in rules.pronouns:
            return True
        if lowered in rules.particles or lowered in rules.calendar or self.is_title(word):
            return True
        if left == 1 or word in self.full_names or word in self.first_names:
            return False
        if word.isupper() and len(word) <= 6:  # "Prezes NBP Adam Glinka", "SPD Olaf Scholz"
            return True
        if rules.capitalised_nouns:  # "Indem Molina", "Etliche Details": not a first name
            return _common_here(lowered, rules.code) or _common_here(
                lowered, rules.code, LOCAL_WORD_ZIPF, LOCAL_WORD_MARGIN
            )
        common = zipf_frequency(lowered, rules.code) >= COMMON_WORD_ZIPF
        # "Selvom Stine ...": a frequent word of this language, rarer elsewhere, opening the
        # sentence is no first name even when the stop-word list lacks it
        local = lowered in self.stop_words or _common_here(lowered, rules.code)
        return common and initial and local

    def _lone_name(self, word: str, sentence_initial: bool) -> bool:
        """A single capitalised word is a name if the article gave the person's full name, or
        if it is no common word where it stands."""
        if word in self.full_names or word in self.first_names:
            return True
        lowered = word.lower()
        if len(word) < 2:
            return False
        frequency = zipf_frequency(lowered, self.rules.code)
        if sentence_initial and (lowered in self.stop_words or frequency >= SENTENCE_START_ZIPF):
            return False
        if not self.rules.capitalised_nouns:
            return True
        head = lowered.rsplit("-", 1)[-1]  # "KI-Lösungen": a compound's last part is its noun
        return frequency < GERMAN_NOUN_ZIPF and not common_noun(head, self.rules.code)

    def resolve_words(self, words: list[str]) -> str | None:
        """A name as the fullest form the article gives (``Vogt`` -> ``Anna Vogt``)."""
        if not words:
            return None
        last = words[-1]
        full = self.full_names.get(last)
        if full and all(w in full.split() for w in words):
            return full
        if len(words) == 1 and len(self.first_names.get(last, ())) == 1:
            return next(iter(self.first_names[last]))
        return self._inflected(words) or " ".join(words)

    def _inflected(self, words: list[str]) -> str | None:
        """The full name the article gave earlier that ``words`` inflect (Polish ``według
        Tomasza Zielińskiego`` after ``Tomasz Zieliński``; ``Tuska`` after ``Donald Tusk``)."""
        matches = []
        for full in set(self.full_names.values()):
            parts = full.split()
            parts = parts[-1:] if len(words) == 1 else parts  # a lone word is a surname
            if len(parts) == len(words) and all(map(_same_stem, words, parts)):
                matches.append(full)
        return matches[0] if len(matches) == 1 else None

    # -- dash quotations ------------------------------------------------------------------

    def dash_quote(self, para: str) -> tuple[int, int] | None:
        """Where a paragraph opening with a dash quotes someone, as offsets in ``para``: from
        the dash to the attribution (``– Vi vet inte, säger Anna Berg.``) or, with no
        attribution, to the paragraph's end, or to a quotation mark inside it (that one is a
        quotation of its own). Without an attribution only an en or em dash counts: lists are
        typed with hyphens (``- Brannen startet i natt.``)."""
        if self.rules.raya_quotes:
            return self._raya_quote(para)
        opening = _DASH_OPENING.match(para)
        if not opening or not self.rules.dash_quotes:
            return None
        end = len(para.rstrip())
        mark = re.search(f"[{re.escape(OPENING_MARKS)}]", para[opening.end() :])
        if mark:
            end = opening.end() + mark.start()
        attribution = self._dash_attribution(para, opening.end(), end)
        if attribution is not None:
            return 0, attribution
        if mark:  # "– Men da sa treneren «Det er ikke over», sier Retzius.": up to the mark
            attributed = self._dash_attribution(para, opening.end(), len(para.rstrip()))
            return (0, len(para[:end].rstrip())) if attributed is not None else None
        if opening.group(1) == "-":
            return None
        return 0, end

    def _raya_quote(self, para: str) -> tuple[int, int] | None:
        """Spanish dialogue: a paragraph opening with an em dash glued to its first word and
        interrupted by the attribution (``—No vamos a ceder —afirmó Salcedo—. Es …``): the
        words up to the interruption. With no interrupting cue (interview questions) none."""
        if not self.cue or not re.match(r"[ \t\u00a0]*—(?=[^\s—])", para):
            return None
        for dash in re.finditer(r"[ \t\u00a0]—(?=\w)", para):
            if self.cue.match(para, dash.end()):
                return 0, dash.start()
        return None

    def _dash_speaker(
        self, paragraph_start: int, para_end: int
    ) -> tuple[_Found | None, str | None]:
        """The attribution ending a dash paragraph whose quotation stops at an inner one
        (``– Men da sa treneren «Det er ikke over», sier Retzius.``): the outer speaker."""
        para = self.body[paragraph_start:para_end]
        opening = _DASH_OPENING.match(para)
        if not opening or not self.rules.dash_quotes:
            return None, None
        at = self._dash_attribution(para, opening.end(), len(para.rstrip()))
        if at is None:
            return None, None
        return self._after(paragraph_start + at, para[at:])

    def _dash_attribution(self, para: str, start: int, end: int) -> int | None:
        """Where the attribution after a dash quotation starts: a cue after a comma (or after
        ``!``/``?``) with only a short clause after it, to the end of the paragraph."""
        if not self.cue:
            return None
        for match in reversed(list(self.cue.finditer(para, start, end))):
            before = para[start : match.start()].rstrip()
            after = para[match.end() :]
            if len(after.split()) > DASH_ATTRIBUTION_WORDS or not before:
                continue
            if before.endswith(","):
                return start + len(before) - 1
            if before.endswith(("!", "?", "…")):
                return start + len(before)
        return None

    # -- attribution ----------------------------------------------------------------------

    def speaker(self, start: int, end: int, paragraph_start: int) -> tuple[str | None, str | None]:
        """(speaker, cue) of the quotation at [start, end): the attribution right after it,
        else in its own sentence before it (``according to`` phrases, cue verbs, ``Name:``)."""
        para_end = self.body.find("\n", end)
        para_end = len(self.body) if para_end < 0 else para_end
        after = self._clause_after(start, end, para_end)
        tail_start, tail = self._sentence_before(paragraph_start, start)
        if self._names_a_work(start, end, tail):
            self.works.add(start)
            return None, None
        found: tuple[_Found | None, str | None] = (None, None)
        if re.search(r"[:,]\s*$", tail) and self.cue and self.cue.search(tail):
            found = self._before(tail_start, tail)
        elif self._reports(tail):  # "fortalte advokat Panesar at … «…», skriver avisa X"
            found = self._before(tail_start, tail)
            named = found[0].name if found[0] is not None else None
            if not named or (len(named.split()) < 2 and named not in self.full_names.values()):
                found = (None, None)  # "Prezydent USA powiedział, że …": no person named
        if found[0] is None and after is not None and not self._runs_on(tail, after):
            found = self._after(end, after)
        if found[0] is None:
            found = self._before(tail_start, tail)
        if found[0] is None and after is not None:
            found = self._any_verb_after(end, after)
        if found[0] is None and tail.strip():
            found = self._embedded(tail_start, tail)
        if found[0] is None:
            sentence_start, sentence = self._whole_sentence_before(paragraph_start, start)
            if sentence_start < tail_start:  # earlier quotations in the same sentence
                found = self._embedded(sentence_start, sentence, after_adverbial=True)
                if found[0] is None and self.recent and self.recent[0] > sentence_start:
                    found = (_Found(name=self.recent[1]), None)  # "… «…» y … «…»": the same
        if found[0] is None and not tail.strip():
            found = self._next_sentence(end, para_end)
        if found[0] is None and start == paragraph_start:
            found = self._dash_speaker(paragraph_start, para_end)
        if found[0] is None and self._stands_alone(paragraph_start, start, end, para_end):
            return self._heading_speaker(start), None
        person = self._person(found[0], start) if found[0] else None
        if person and found[0] and not found[0].description:
            self.recent = (end, person)
        return person, found[1]

    def _next_sentence(self, end: int, para_end: int) -> tuple[_Found | None, str | None]:
        """A quotation that is a sentence of its own, attributed by the next one opening with
        a cue and a name (``«…». Así lo ha explicado Moreno.``, ``«…». Con esas palabras ha
        descrito Moreno …``)."""
        rest = self.body[end:para_end]
        closed = self.body[end - 2 : end - 1]  # "«…?»" / "“….”": the sentence ends inside
        stop = re.match(r"[.!?…][ \t\u00a0]+", rest) or (
            re.match(r"[ \t\u00a0]+", rest) if closed and closed in ".!?…" else None
        )
        if not stop or not self.cue:
            return None, None  # "«…» y añadió": the sentence goes on
        sentence = _SENTENCE_END.split(rest[stop.end() :], maxsplit=1)[0]
        cue = self.cue.search(sentence)
        if not cue or len(sentence[: cue.start()].split()) > NEXT_SENTENCE_CUE_WORDS:
            return None, None
        offset = end + stop.end() + cue.end()
        found = self._phrase_after(sentence[cue.end() :], offset)
        return (found, cue.group()) if found.name else (None, None)

    def _reports(self, tail: str) -> bool:
        """The quotation sits in reported speech: a cue, then ``that`` (``que``, ``dass``,
        ``at``), then the quoted words; its speaker is that cue's, not the source a cue after
        the quotation names (``…, skriver avisa The Standard``)."""
        if not self.cue or not re.search(r"\w\s*$", tail):
            return False
        cues = list(self.cue.finditer(tail))
        return bool(cues) and bool(_COMPLEMENTIZER.search(tail, cues[-1].end()))

    def _runs_on(self, tail: str, after: str) -> bool:
        """A quotation inside running text, words on both sides and no comma after it
        (``avait «détruit les meilleures unités» ukrainiennes et salué une «avancée»``): a cue
        after it belongs to a verb coordinated with the sentence's own, not to an
        attribution; the sentence's subject speaks."""
        return bool(re.search(r"\w\s*$", tail)) and bool(re.match(r"\s*[^\W\d_]", after))

    def _stands_alone(self, paragraph_start: int, start: int, end: int, para_end: int) -> bool:
        """A short quotation that is its whole paragraph: a subheading quoting the story's
        protagonist (``„Die Lage ist ernst“`` over the section, ``– Jeg var så redd``)."""
        rest = self.body[paragraph_start:start] + self.body[end:para_end]
        words = self.body[start:end].split()
        return not rest.strip(" \t\u00a0.:–—-") and len(words) <= HEADING_QUOTE_WORDS

    def _heading_speaker(self, at: int) -> str | None:
        """The speaker of a quoted subheading: whoever was quoted just before it, else the
        person the article has named most so far."""
        if self.recent and 0 <= at - self.recent[0] <= RECENT_SPEAKER_CHARS // 2:
            return self.recent[1]
        return self._salient_person(at)

    def _names_a_work(self, start: int, end: int, tail: str) -> bool:
        """A title in quotation marks after an article or preposition (``der „Süddeutschen
        Zeitung“``, ``le film « La Grande Vague »``): a name, not anybody's words."""
        inner = self.body[start:end].strip(OPENING_MARKS + CLOSING_MARKS + " \u00a0\u202f")
        words = [w for w in inner.split() if w[:1].isalpha()]
        if not words or len(words) > TITLE_WORDS or not words[0][0].isupper():
            return False
        if not all(w[0].isupper() or len(w) <= TITLE_SMALL_WORD for w in words):
            return False  # "Freunde für Baker", "Irish for Trump": small words inside a title
        before = tail.split()
        last = before[-1] if before else ""
        cue = bool(self.cue and self.cue.fullmatch(last))
        if last.isalpha() and last.islower() and not cue:  # "der", "im", "le film"
            return True
        # "des Kontos „Freunde für Baker“": where every noun is capitalised, an article and a
        # noun before the quoted title name what it is
        articles = self.rules.definite + self.rules.indefinite
        noun = len(before) >= 2 and before[-2].lower() in articles and last[:1].isupper()
        return self.rules.capitalised_nouns and noun and not self.is_title(last)

    def _any_verb_after(self, end: int, clause: str) -> tuple[_Found | None, str | None]:
        """A reporting verb the table lacks, in the tight shape only attributions take:
        ``«…», lamenta Giovanna Rossi, commerciante`` (a lower-case word, then a full name),
        also after an auxiliary (``«…», ha resumido Moreno``: a compound past tense)."""
        lead = len(clause) - len(clause.lstrip(" ,.;:–—-\u00a0\t"))
        auxiliary = re.match(r"([^\W\d_]+)\s+", clause[lead:])
        if auxiliary and auxiliary.group(1) in AUXILIARIES:  # "«…», ha resumido Moreno"
            lead += auxiliary.end()
        text = clause[lead:]
        match = re.match(r"([^\W\d_]{4,})\s+", text)
        if not match or not match.group(1).islower() or match.group(1) in self.stop_words:
            return None, None
        found = self._phrase_after(text[match.end() :], end + lead + match.end())
        if found.name and (len(found.name.split()) >= 2 or found.name in self.full_names.values()):
            return found, match.group(1)
        return None, None

    def _embedded(
        self, tail_start: int, tail: str, after_adverbial: bool = False
    ) -> tuple[_Found | None, str | None]:
        """``Vos zelf laat weten dat hij "met pijn in het hart" vertrekt``: words quoted inside
        a sentence with no cue are its subject's, when that is a person the article named.
        ``after_adverbial``: the subject may follow an opening phrase closed by a comma."""
        tokens = self._tokens(tail, tail_start)
        skip = 0
        if after_adverbial:  # "Minutos antes del encuentro, Albares ha recalcado que …"
            comma = next((k for k, t in enumerate(tokens[:ADVERBIAL_TOKENS]) if t.text == ","), -1)
            skip = comma + 1
        for run, initial, before in _runs(tokens, self.rules, True, self.is_title):
            if tokens.index(run[0]) - skip >= SUBJECT_TOKENS:
                break
            name = self._run_name(run, initial, before)
            if name and name in self.full_names.values():
                return _Found(name=name), None
        return None, None

    def _clause_after(self, start: int, end: int, para_end: int) -> str | None:
        """The text after a quotation up to the sentence end or the next quotation; None when
        it is a lead-in to the next quotation (``Puis il a ajouté : « …``)."""
        rest = self.body[end:para_end]
        cut = re.search(f"[{re.escape(OPENING_MARKS)}]", rest)
        leads_in = bool(cut) and rest[: cut.start()].rstrip().endswith(":")
        rest = rest[: cut.start()] if cut else rest
        sentence = _SENTENCE_END.split(rest, maxsplit=1)[0]
        if leads_in and not _SENTENCE_END.search(self.body[end : end + len(sentence) + 2]):
            return None
        short = len(self.body[start + 1 : end - 1].split()) <= SHORT_QUOTE_WORDS
        attached = sentence.lstrip()[:1] in {",", "–", "—", "-"}  # „Nein“, sagte er, „…“
        if cut and sentence == rest and short and not attached:
            return None  # “político” e afirmou que “…”: the cue is the next quotation's
        return sentence

    def _whole_sentence_before(self, paragraph_start: int, start: int) -> tuple[int, str]:
        """The sentence up to a quotation, earlier quotations in it included (its subject
        says them all: ``Albares ha recalcado que el «silencio» … y pidió que … «…»``)."""
        text = self.body[paragraph_start:start]
        cut = max((m.end() for m in _SENTENCE_END.finditer(text)), default=0)
        return paragraph_start + cut, text[cut:]

    def _sentence_before(self, paragraph_start: int, start: int) -> tuple[int, str]:
        text = self.body[paragraph_start:start]
        cut = 0
        for match in re.finditer(f"[{re.escape(OPENING_MARKS + CLOSING_MARKS)}]", text):
            if not _APOSTROPHE.fullmatch(text, max(0, match.start() - 1), match.end() + 1):
                cut = match.end()
        for match in _SENTENCE_END.finditer(text, cut):
            cut = match.end()
        if _ATTACHED.match(text, cut) and _ENDS_SENTENCE.search(text, cut):
            cut = len(text)  # »…«, sagte Sackton. »…«: that cue was the last quotation's
        return paragraph_start + cut, text[cut:]

    def _after(self, end: int, clause: str) -> tuple[_Found | None, str | None]:
        """``„…“, sagte Scholz`` / ``…», a-t-elle déclaré`` / ``„…“, so Neumann`` /
        ``„…“, Scholz sagte``."""
        lead = len(clause) - len(clause.lstrip(" ,.;:–—-\u00a0\t"))
        text = clause[lead:]
        offset = end + lead
        if self.inversion:
            match = self.inversion.match(text)
            if match:
                return _Found(pronoun=True), match.group()
        if self.after_particle:
            match = self.after_particle.match(text)
            if match:
                return self._phrase_after(text[match.end() :], offset + match.end()), match.group()
        cue = self.cue.search(text) if self.cue else None
        if not cue or len(text[: cue.start()].split()) > 4:
            return None, None
        prefix = text[: cue.start()]
        if self._has_subject(prefix, offset):
            return self._subject(prefix, offset, opens_sentence=False), cue.group()
        return self._phrase_after(text[cue.end() :], offset + cue.end()), cue.group()

    def _has_subject(self, prefix: str, offset: int) -> bool:
        tokens = self._tokens(prefix, offset)
        if any(t.text.lower() in self.rules.pronouns for t in tokens):
            return True
        return any(self._run_name(run, initial, before) for run, initial, before in
                   _runs(tokens, self.rules, False, self.is_title))  # fmt: skip

    def _before(self, tail_start: int, tail: str) -> tuple[_Found | None, str | None]:
        """``Laut/Selon/Según X, „…“``, ``Scholz sagte am Montag: „…“``, ``Am Montag sagte
        Scholz: „…“``, ``Regisseur Femke Bos: "…"``."""
        if self.according:
            for match in self.according.finditer(tail):
                found = self._phrase_after(tail[match.end() :], tail_start + match.end())
                if found.name:
                    return found, match.group()
        cues = list(self.cue.finditer(tail)) if self.cue else []
        if cues:
            cue = cues[-1]
            rest = tail[cue.end() :]
            if not rest.lstrip().startswith((",", "que", "che", "dass", "that", "dat", "że")):
                tokens = self._tokens(rest, tail_start + cue.end())
                if tokens and tokens[0].text.lower() in self.rules.pronouns:
                    return _Found(pronoun=True), cue.group()
                runs = _runs(tokens, self.rules, False, self.is_title)
                if runs and self._directly_after(tokens, runs[0][0][0]):
                    name = self._run_name(*runs[0])
                    if name:
                        return _Found(name=name), cue.group()
                if tokens and self._described(tokens[0].text):
                    described = self._phrase_after(rest, tail_start + cue.end())
                    if described.name:  # "ha explicado el ministro de Sanidad, Ana Gil: «…»"
                        return described, cue.group()
            found = self._subject(tail[: cue.start()], tail_start)
            if found is not None and (found.name or found.pronoun or found.role or
                                      found.description or not tail.rstrip().endswith(":")):
                return found, cue.group()  # fmt: skip
        if tail.rstrip().endswith(":"):
            return self._colon_lead_in(tail.rstrip()[:-1], tail_start)
        return None, None

    def _colon_lead_in(self, text: str, offset: int) -> tuple[_Found | None, str | None]:
        """``Regisseur Femke Bos: "…"``, ``…, Chiara Longo: «…»``, ``L'elogio di Trump:``
        (the name right before the colon; after ``su``/``über`` it is the topic, ``Trump su
        Meloni:``), else ``Kapitän Jonas Becker sah das ähnlich: „…“`` (the subject)."""
        tokens = self._tokens(text, offset)
        runs = _runs(tokens, self.rules, True, self.is_title)
        if runs and runs[-1][0][-1] is tokens[-1]:
            run, initial, before = runs[-1]
            last_before = before[-1].text.lower() if before else ""
            name = None if last_before in TOPIC_WORDS else self._run_name(run, initial, before)
            if name and (len(name.split()) >= 2 or initial):
                return _Found(name=name), ":"
            if not name and last_before in GENITIVE_WORDS:  # "L'elogio di Trump: «…»"
                name = self.resolve_words([t.text for t in run])
                if name in self.full_names.values():
                    return _Found(name=name), ":"
        opening = [r for r in runs if tokens.index(r[0][0]) < SUBJECT_TOKENS]
        for run in opening[:2]:
            name = self._run_name(*run)
            if name:
                return _Found(name=name), ":"
        return None, None

    def _described(self, word: str) -> bool:
        """A phrase opening with an article or a role noun describes who speaks."""
        return word.lower() in self.rules.definite or self.is_title(word)

    def _directly_after(self, tokens: list[_Token], first: _Token) -> bool:
        """The run opens the phrase after the cue, maybe after a role noun or determiner."""
        for token in tokens:
            if token is first:
                return True
            lowered = token.text.lower()
            if not (self.is_title(lowered) or lowered in self.rules.definite):
                return False
        return False

    def _subject(self, prefix: str, offset: int, opens_sentence: bool = True) -> _Found | None:
        """The speaker named before a cue: the name run closest to it, a pronoun, a role. A
        name after an article in a subordinate clause is an institution the subject talks
        about, not the subject (``a Compesa informou`` after ``Em nota,`` is the subject)."""
        tokens = self._tokens(prefix, offset)
        words = [t for t in tokens if t.kind == "word"]
        if not words:
            return _Found(pronoun=True)  # subjectless: "«…», dijo." / "„…” – mówił."
        if any(t.text.lower() in self.rules.pronouns for t in words[-3:]):
            return _Found(pronoun=True)
        runs = _runs(tokens, self.rules, opens_sentence, self.is_title)
        relative = self._before_a_relative_clause(tokens, runs)
        if relative:
            return _Found(name=relative)
        for run, initial, before in reversed(runs):
            if self._articled([], before) and self._subordinate(before):
                continue  # "… propone que esté una Autoridad Nacional Palestina y recalcó"
            name = self._run_name(run, initial, before)
            if name:
                return _Found(name=name)
        return self._description(tokens)

    def _subordinate(self, before: list[_Token]) -> bool:
        """A relative pronoun or conjunction (``que``, ``che``, ``qui``) stands before."""
        return any(t.text.lower() in self.rules.relatives for t in before)

    def _before_a_relative_clause(
        self, tokens: list[_Token], runs: list[tuple[list[_Token], bool, list[_Token]]]
    ) -> str | None:
        """``Keir Starmer, qui recevra Emmanuel Macron, affirme``: the subject is the name
        before the relative clause (closed by a comma before the cue), not the one in it."""
        if not self.rules.relatives or not tokens or tokens[-1].text != ",":
            return None
        for run, initial, before in runs:
            k = len(before) + len(run)
            if len(before) >= SUBJECT_TOKENS or k + 1 >= len(tokens) - 1:
                break
            if tokens[k].text == "," and tokens[k + 1].text.lower() in self.rules.relatives:
                return self._run_name(run, initial, before)
        return None

    def _phrase_after(self, text: str, offset: int) -> _Found:
        """The speaker named after a cue or an ``according to`` word: ``Emmanuel Macron``,
        ``la ministre du Travail, Nadia Benali``, ``der Minister``, ``ein Sprecher``."""
        segments = text.split(",")
        first = segments[0]
        tokens = self._tokens(first, offset)[:CLAUSE_WORDS]
        if tokens and tokens[0].text.lower() in self.rules.pronouns:
            return _Found(pronoun=True)
        appositive = self._appositive(segments, offset) if len(segments) > 1 else None
        described = bool(tokens) and (
            tokens[0].text.lower() in self.rules.definite + self.rules.indefinite
            or self.is_title(tokens[0].text)
        )
        for run, initial, before in _runs(tokens, self.rules, False, self.is_title):
            name = self._run_name(run, initial, before)
            if name and appositive and described and len(name.split()) == 1:
                return _Found(name=appositive)  # "il segretario del sindacato Fimmg, S. Carli"
            if name:
                return _Found(name=name)
        found = self._description(tokens)
        if appositive and (found.role or found.description or found.pronoun):
            return _Found(name=appositive)  # "dijo emocionado el capitán, Joaquín Serrano"
        return found

    def _appositive(self, segments: list[str], offset: int) -> str | None:
        """The name opening the second comma segment (``la ministre du Travail, Nadia
        Benali``), when it has two words or more or is a person the article named."""
        second = self._tokens(segments[1], offset + len(segments[0]) + 1)
        runs = _runs(second, self.rules, False, self.is_title)
        if not runs or runs[0][0][0] is not second[0]:
            return None
        name = self._run_name(*runs[0])
        known = name and (len(name.split()) >= 2 or name in self.full_names)
        return name if known else None

    def _description(self, tokens: list[_Token]) -> _Found:
        """A role noun (``der Minister``, ``rzecznik straży``) or an unnamed source (``ein
        Sprecher``); nothing at all reads as a subjectless cue (the last person speaking)."""
        kept = [t for t in tokens if t.kind in ("word", "elided")]
        words = [t.text for t in kept]
        for k, word in enumerate(words):
            keys = self.title_keys(word)
            if keys:
                article = words[k - 1].lower() if k else ""
                definite = article not in self.rules.indefinite
                phrase = self._phrase(kept[max(0, k - 1) :])
                return _Found(role=keys[0], definite=definite, description=None if definite
                              else phrase)  # fmt: skip
        if words and words[0].lower() in self.rules.indefinite:
            return _Found(description=self._phrase(kept))
        if len(words) == 1 and words[0].lower() in self.rules.definite:
            return _Found(pronoun=True)  # "…, lyder det": an article alone is a pronoun
        if words and words[0].lower() in self.rules.definite:  # "la direction de la RATP"
            if self._epithet(words):
                return _Found(epithet=True)
            return _Found(description=self._phrase(kept))
        capitalised = [w for k, w in enumerate(words) if w[:1].isupper()
                       and not (k == 0 and self._common_opening(w))]  # fmt: skip
        if not capitalised:  # "Además insistió: «…»": a subjectless cue after an adverb
            return _Found(pronoun=True)
        return _Found(description=None)

    def _common_opening(self, word: str) -> bool:
        lowered = word.lower()
        return lowered in self.stop_words or (
            zipf_frequency(lowered, self.rules.code) >= SENTENCE_START_ZIPF
            and word not in self.full_names and word not in self.first_names
        )

    def _epithet(self, words: list[str]) -> bool:
        """``det norske OL-håpet``, ``der erfahrene Nationalspieler``: an article, adjectives,
        then a capitalised noun that is no name (:meth:`_noun_after_article`) stands for someone
        the article has named, like a pronoun (``la direction de la RATP`` is no epithet)."""
        rules = self.rules
        linking = set(rules.prepositions + rules.definite + rules.indefinite + rules.particles)
        k = 1
        while k < len(words) and (words[k].islower() or words[k].isdigit()):
            if words[k] in linking:  # "la direction de la RATP": a complement, no adjective
                return False
            k += 1
        if k == 1 or k >= len(words):
            return False
        noun = words[k]
        return noun[:1].isupper() and not self.is_title(noun) and noun not in self.full_names

    def _phrase(self, tokens: list[_Token]) -> str:
        """A description as written, up to six words, ending before a verb."""
        end = tokens[0]
        for k, token in enumerate(tokens[:DESCRIPTION_WORDS]):
            cue = bool(self.cue and self.cue.fullmatch(token.text))
            if k and (cue or token.text.lower() in AUXILIARIES):
                break
            end = token
        return self.body[tokens[0].start : end.end]

    def _run_name(self, run: list[_Token], initial: bool, before: list[_Token]) -> str | None:
        if self._complement(before):
            return None
        words = self.person_words([t.text for t in run], initial)
        if words and self._opens_noun_phrase([t.text for t in run], before):
            words = self._name_after_noun([t.text for t in run])
        lead = run[: len(run) - len(words)]
        if len(words) == 1 and self._noun_after_article(words[0], before + lead):
            return None
        return self.resolve_words(words) if words else None

    def _opens_noun_phrase(self, words: list[str], before: list[_Token]) -> bool:
        """Where nouns are capitalised, a run after a determiner, with up to two lower-case
        adjectives between (``des Hamburger Importeurs``, ``bei den heimischen Produkten``,
        ``die Paletten von den Hochregalen``), starts with a noun; a role noun (``der Kanzler
        Scholz``) is left to the title rules."""
        rules = self.rules
        if not rules.capitalised_nouns:
            return False
        determiners = rules.definite + rules.indefinite + rules.determiners
        lead = self._leading_determiners(words)
        if lead:  # "Der Hamburger Großmarkt" opening a sentence: the article is in the run
            return not self.is_title(words[lead])
        if self.is_title(words[0]) or words[0] in self.first_names:
            return False
        words_before = [t.text for t in before[-3:]]
        for k, word in enumerate(reversed(words_before)):
            if word.lower() in determiners:
                return True
            if k >= 2 or not (word.islower() and word.endswith(_ADJECTIVE_ENDINGS)):
                return False
        return False

    def _leading_determiners(self, words: list[str]) -> int:
        rules = self.rules
        determiners = rules.definite + rules.indefinite + rules.determiners
        k = 0
        while k < len(words) - 1 and words[k].lower() in determiners:
            k += 1
        return k

    def _name_after_noun(self, words: list[str]) -> list[str]:
        """The name after a noun phrase's head (``die Prokuristin Gabi Eutemüller``): two
        capitalised words or more, or a name the article gave in full; else none."""
        rest = words[self._leading_determiners(words) + 1 :]
        while rest and not rest[0][:1].isupper():  # "Aufmerksamkeit von Jeanmaire Molina"
            rest = rest[1:]
        name = self.person_words(rest, False) if rest else []
        known = len(name) == 1 and (name[0] in self.full_names or name[0] in self.first_names)
        return name if len(name) >= 2 or known else []

    def _noun_after_article(self, word: str, before: list[_Token]) -> bool:
        """German ``des Konzerns``, ``der Vorstellung``: one capitalised word after an article
        is a noun unless the article named that person in full. In any language so is one
        after an article and an adjective (``det norske OL-håpet``, ``der 35 Jahre alte
        Aufbauspieler``; not ``el presidente Sánchez``: a role noun names who follows)."""
        rules = self.rules
        articles = rules.definite + rules.indefinite
        if word in self.full_names or word in self.first_names:
            return False
        if rules.capitalised_nouns and before and before[-1].text.lower() in articles:
            return True
        lead = before[-NOUN_PHRASE_TOKENS:]
        opened = max((k for k, t in enumerate(lead) if t.text.lower() in articles), default=-1)
        between = lead[opened + 1 :] if opened >= 0 else []
        if not between or not between[-1].text.islower() or self.is_title(between[-1].text):
            return False
        return all(t.kind == "word" or t.text.isdigit() for t in between)

    def _person(self, found: _Found, at: int) -> str | None:
        if found.name:
            return found.name
        if found.role and found.definite:
            holder = next((m.name for m in reversed(self.mentions)
                           if m.at < at and found.role in m.titles), None)  # fmt: skip
            if holder:
                return holder
        if found.description:
            return found.description
        if found.epithet:
            return self._salient_person(at)
        if found.pronoun or found.role:
            return self._last_person(at)
        return None

    def _salient_person(self, at: int) -> str | None:
        """Who an epithet (``det norske OL-håpet``) means: the person the article has named most
        often so far (the latest of those tied), not merely the last one quoted."""
        counts: dict[str, int] = {}
        latest: dict[str, int] = {}
        for mention in self.mentions:
            if mention.at < at and not self._inside_quote(mention.at):
                counts[mention.name] = counts.get(mention.name, 0) + 1
                latest[mention.name] = mention.at
        if not counts:
            return None
        return max(counts, key=lambda name: (counts[name], latest[name]))

    def _last_person(self, at: int) -> str | None:
        """Who ``er``/``elle`` or a subjectless cue means: the person last named in the
        paragraph (not a name after an article: that is an institution), else the speaker of
        the quotation just before, else whoever was named last."""
        para_start = self.body.rfind("\n", 0, at) + 1
        before = [m for m in self.mentions if m.at < at and not self._inside_quote(m.at)]
        here = [m for m in before if m.at >= para_start]
        people = [m for m in here if not m.articled]
        if people:  # "Moreno … porque la Guardia Civil continúa … «…», ha señalado."
            return people[-1].name
        if self.recent and 0 <= at - self.recent[0] <= RECENT_SPEAKER_CHARS:
            return self.recent[1]
        if here:
            return here[-1].name
        return before[-1].name if before else None


def _runs(
    tokens: list[_Token],
    rules: QuoteLanguage,
    opens_sentence: bool = True,
    title: Callable[[str], bool] | None = None,
) -> list[tuple[list[_Token], bool, list[_Token]]]:
    """Capitalised runs among ``tokens`` (lower-case name particles inside them kept), each
    with whether it opens a sentence and the tokens before it. ``opens_sentence``: the tokens
    start a sentence (not the words after a cue verb)."""
    runs = []
    k = 0
    while k < len(tokens):
        if not tokens[k].capitalised:
            k += 1
            continue
        j = k + 1
        while j < len(tokens) and _continues_run(tokens, k, j, rules, title):
            j += 1
        before = tokens[:k]
        initial = (not before and opens_sentence) or (
            bool(before) and (before[-1].text in ".!?:;–—-" or before[-1].text in OPENING_MARKS)
        )
        after = tokens[j] if j < len(tokens) else None
        if not (initial and _participle_opening(tokens[k:j], after, rules)):
            runs.append((tokens[k:j], initial, before))
        k = j
    return runs


def _continues_run(
    tokens: list[_Token], k: int, j: int, rules: QuoteLanguage, title: Callable[[str], bool] | None
) -> bool:
    """Token ``j`` extends the run ``tokens[k:j]``: a capitalised word, or a name particle
    between capitalised words after a single given name (``Pieter de Vries``, ``Minister Jan
    van Dijk``; not ``Ingrid Peters van Utrecht``, nor in German ``Lehner der DPA``)."""
    token = tokens[j]
    if not _adjacent(tokens[j - 1], token):
        return False
    if token.capitalised:
        return True
    following = next((t for t in tokens[j + 1 : j + 3] if t.text not in rules.particles), None)
    if token.text not in rules.particles or following is None or not following.capitalised:
        return False
    if tokens[j - 1].text in rules.particles:  # "van der", "de la"
        return True
    if rules.capitalised_nouns and token.text in rules.definite:
        return False
    names = [t for t in tokens[k:j] if t.capitalised and not (title and title(t.text))]
    after_determiner = k > 0 and tokens[k - 1].text.lower() in rules.definite + rules.indefinite
    common = names and common_noun(names[0].text.lower(), rules.code)
    if rules.capitalised_nouns and common and not after_determiner:
        return False  # "Spuren von Tieren"; "die Aufmerksamkeit von Jeanmaire Molina" stays

    return len(names) == 1  # not "Trainer von Borussia Dortmund"


def _participle_opening(run: list[_Token], after: _Token | None, rules: QuoteLanguage) -> bool:
    """``Consultada por este diario, …``: a lone sentence-opening past participle before a
    preposition, a word of the language, is no name."""
    word = run[0].text.lower()
    endings = rules.participle_endings
    if len(run) != 1 or not endings or not word.endswith(endings) or after is None:
        return False
    complement = after.text.lower() in rules.prepositions + PARTICIPLE_COMPLEMENTS
    return complement and zipf_frequency(word, rules.code) >= PARTICIPLE_ZIPF


@lru_cache(maxsize=4096)
def _common_here(
    word: str, language: str, least: float = COMMON_WORD_ZIPF, margin: float = COMMON_MARGIN
) -> bool:
    """A word frequent in this language and much rarer elsewhere (``Laut``, ``Regierung``):
    a common word, not a first name (``Thomas``, ``Peter`` are frequent everywhere)."""
    here = zipf_frequency(word, language)
    if here < least:
        return False
    return here - frequency_elsewhere(word, language) >= margin


def _same_stem(a: str, b: str) -> bool:
    """Two forms of one name: equal, or equal but for an ending of up to three letters."""
    if a == b:
        return True
    shorter = min(len(a), len(b))
    stem = max(4, shorter - INFLECTION_LETTERS)
    return shorter >= 4 and abs(len(a) - len(b)) <= INFLECTION_LETTERS and a[:stem] == b[:stem]


def _adjacent(a: _Token, b: _Token) -> bool:
    return a.kind != "other" and b.start - a.end <= 1


@lru_cache(maxsize=64)
def _word_alternation(words: tuple[str, ...]) -> re.Pattern[str] | None:
    if not words:
        return None
    ordered = sorted(words, key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=32)
def _stop_words(language: str) -> frozenset[str]:
    from storylens.languages import justext_stop_words

    return justext_stop_words(language)


def attributor(
    body: str, language: str | None, quoted: list[tuple[int, int]]
) -> Attributor | None:
    """The speaker finder for an article in ``language``; None for English and languages
    without a table (the English rules then apply)."""
    rules = language_rules(language)
    return Attributor(body, rules, quoted) if rules else None
