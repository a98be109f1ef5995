"""Who an article names: the people (surname -> fullest name), and what is not a name.

A capitalised run is a person's name once titles (``Sen.``, ``Prime Minister``), demonyms
(``Israeli``), headline words (``Private Meeting Between``), organisation and place heads
(``Daily News``, ``United States``) and calendar words are set aside. The speaker rules in
:mod:`storylens.compare.quotes` resolve surnames, first names and role nouns against this list.
"""

from __future__ import annotations

import bisect
import re

from wordfreq import zipf_frequency

from storylens.compare import mentions

PRONOUNS = {"he", "she", "they", "i", "we"}

TITLES = {
    "president",
    "prime",
    "minister",
    "pm",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sen",
    "senator",
    "rep",
    "gov",
    "governor",
    "general",
    "gen",
    "foreign",
    "defence",
    "defense",
    "chief",
    "secretary",
    "king",
    "queen",
    "prince",
    "pope",
    "chancellor",
    "mayor",
    "judge",
    "justice",
    "commander",
    "constable",
    "const",
    "officer",
    "spokesman",
    "spokeswoman",
    "deputy",
    "former",
    "lawmaker",
    "ceo",
    "chairman",
    "director",
    "public",
    "prosecutor",
    "lawyer",
    "state",
    "senators",
    "attorney",
    "congressman",
    "congresswoman",
    "candidate",
    "nominee",
    "host",
    "manager",
    "coach",
    "captain",
    "defender",
    "executive",
    "professor",
    "analyst",
    "cto",
    "cfo",
    "coo",
}


_NAME_PART = (
    r"[A-Z][^\W\d_’'-]+(?:[’'](?!(?:re|ll|ve|nt)\b)[a-z][^\W\d_’'-]+)?"  # "Na’moks", no "They’re"
    r"(?:-[A-Z][^\W\d_’'-]+)?"
)


_FULL_NAME = re.compile(rf"\b({_NAME_PART}(?:[ \t\u00a0]+(?:[A-Z]\.|{_NAME_PART})){{1,5}})")


NOT_NAMES = {
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "your",
    "it",
    "across",
    "during",
    "under",
    "over",
    "through",
    "despite",
    "since",
    "until",
    "among",
    "amid",
    "against",
    "toward",
    "towards",
    "without",
    "within",
    "behind",
    "beyond",
    "near",
    "around",
    "about",
    "both",
    "each",
    "every",
    "all",
    "neither",
    "either",
    "but",
    "and",
    "or",
    "so",
    "yet",
    "however",
    "meanwhile",
    "then",
    "also",
    "the",
    "a",
    "an",
    "last",
    "on",
    "in",
    "at",
    "after",
    "before",
    "when",
    "while",
    "as",
    "this",
    "that",
    "with",
    "for",
    "from",
    "by",
    "to",
    "of",
    "if",
    # sentence-opening conjunctions and adverbs: "Although EDC declined", "Earlier Smith said"
    "although",
    "though",
    "because",
    "unless",
    "whereas",
    "whether",
    "whilst",
    "once",
    "where",
    "why",
    "how",
    "what",
    "which",
    "who",
    "whose",
    "there",
    "here",
    "now",
    "still",
    "thus",
    "therefore",
    "indeed",
    "perhaps",
    "instead",
    "later",
    "earlier",
    "today",
    "yesterday",
    "tonight",
    "nevertheless",
    "nonetheless",
    "moreover",
    "furthermore",
    "otherwise",
    "finally",
}


def paragraphs(body: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", body)]


def is_name_run(run: str) -> bool:
    """A capitalised run that can name someone (not a lone sentence-opening common word such
    as ``Reluctantly`` or ``However``)."""
    words = [w for w in run.split() if w.lower().strip(".") not in NOT_NAMES]
    if not words or (len(words) > 1 and all(w.isupper() for w in words)):
        return False  # "EBOLA SURVIVORS": an upper-case heading, not a name
    if len(words) == 1:
        word = words[0].lower().strip(".")
        return word not in PRONOUNS and not (word.endswith("ly") and zipf_frequency(word, "en") > 3)
    return True


DEMONYM_MIN_ZIPF = 3.0
"""A word shaped like a demonym (-ian, -ese, -i) is one only if it is a common English word."""


DEMONYM_ALWAYS_ZIPF = 5.0
"""A demonym this common (``British``, ``Chinese``) never opens a name, even of two words."""


CREDIT_WORDS = {"images", "photo", "photos", "pictures", "photography", "file"}
"""Words of a photo credit (``Getty Images``, ``FILE PHOTO``): the name, if any, follows them."""


SURNAME_MAX_ZIPF = 4.0
"""Zipf frequency (wordfreq) above which a lone capitalised word is a common word, not a name."""


class People(dict[str, str]):
    """Surname -> the article's most frequent full form of that name, plus what resolving "he"
    and "the senator" needs: each named person's descriptors (``mentions``), first names, the
    headline spans, and — filled in by the quote finder — the spans inside quotation marks
    (names there did not speak) and the last speaker named (end offset, name)."""

    recent: tuple[int, str] | None = None
    quoted: list[tuple[int, int]]
    mentions: list[mentions.Mention]
    headlines: list[tuple[int, int]]
    first_names: dict[str, set[str]]


def find_people(body: str) -> People:
    """The people an article names, outside headlines, organisations and places (titles and
    demonyms stripped from each name)."""
    people = People()
    people.quoted = []
    named: list[tuple[int, int, str]] = []
    forms: dict[str, int] = {}
    headlines = people.headlines = _headline_spans(body)
    for match in _FULL_NAME.finditer(body):
        if inside(match.start(), headlines):  # "Private Meeting Between Clinton" is no name
            continue
        words = match.group(1).split()
        parts = [w for w in personal_name(words) if not re.fullmatch(r"[A-Z]\.", w)]
        if len(parts) == 1 and len(words) > 1 and words[-2].lower().strip(".") in TITLES:
            people.setdefault(parts[0], parts[0])  # "Pope Francis", "Mr. Regalado"
        elif len(parts) >= 2 and all(p.isupper() for p in parts):
            continue  # "FILE PHOTO", "EBOLA SURVIVORS": an upper-case label, not a name
        elif len(parts) >= 2 and not _names_an_organisation(parts):  # "Vermont Sen.", "Daily News"
            forms[" ".join(parts)] = forms.get(" ".join(parts), 0) + 1
        else:
            continue
        name_start = match.start(1) + match.group(1).rfind(parts[0])
        named.append((name_start, match.end(1), parts[-1]))
    people.first_names = {}
    for form in sorted(forms, key=lambda f: (forms[f], len(f))):  # most frequent form wins
        people[form.split()[-1]] = form
        people.first_names.setdefault(form.split()[0], set()).add(form)
    people.mentions = mentions.describe_mentions(
        body, [(s, e, people.get(surname, surname)) for s, e, surname in named]
    )
    for surname in [k for k in people if _inside_all(body, k, headlines)]:
        del people[surname]
    return people


ORG_HEADS = {
    "news", "times", "post", "journal", "press", "tribune", "herald", "states", "department",
    "ministry", "university", "college", "school", "party", "council", "committee", "association",
    "institute", "foundation", "company", "corp", "corporation", "inc", "group", "bank", "agency",
    "service", "services", "center", "centre", "network", "commission", "office", "court", "house",
    "senate", "congress", "police", "army", "forces", "union", "church", "club", "team", "league",
    "board", "authority", "operations", "fund", "organization", "organisation", "magazine",
    "channel", "street", "city", "county", "avenue", "airport", "hospital", "hotel", "arena",
    "park", "square", "river", "island", "islands", "republic", "kingdom", "nations", "act",
    "towers", "tower", "bureau", "administration", "program", "programme", "project", "review",
    "telecom", "telecoms", "airlines", "motors", "energy", "media", "systems", "communications",
    "holdings", "partners", "industries", "labs", "corridor", "region", "province", "valley",
}  # fmt: skip
"""Last words that make a capitalised run an organisation or a place, not a person."""


def _names_an_organisation(parts: list[str]) -> bool:
    return parts[-1].lower().strip(".") in TITLES or parts[-1].lower() in ORG_HEADS


HEADLINE_MIN_WORDS = 4


HEADLINE_CAPITALISED = 0.9


_HEADLINE_SMALL = {"a", "an", "the", "of", "and", "in", "on", "to", "for", "with", "at", "by", "or"}
_HEADLINE_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_LONG_LOWER_WORD = re.compile(r"(?<!\S)[a-z][\w’'-]{4}")
"""The start of a word of 5+ characters in lower case after a space: never one of the small
words, so each such word is one that keeps a line from being title case."""


def _headline_spans(body: str) -> list[tuple[int, int]]:
    """Title-case lines (headlines, section heads): their capitalised runs are not names.
    A line with too many long lower-case words to reach :data:`HEADLINE_CAPITALISED` (prose)
    is passed over without looking at each word."""
    spans = []
    small = _HEADLINE_SMALL
    for start, line in paragraphs(body):
        found = _HEADLINE_WORD.findall(line)
        lower = len(_LONG_LOWER_WORD.findall(line))
        if lower and lower / len(found) > 1.0 - HEADLINE_CAPITALISED + 1e-9:
            continue  # a capitalised share of at most 1 - lower / len(found): below it
        words = [w for w in found if w.lower() not in small]
        if len(words) >= HEADLINE_MIN_WORDS:
            share = sum(w[0].isupper() for w in words) / len(words)
            if share >= HEADLINE_CAPITALISED:
                spans.append((start, start + len(line)))
    return spans


def _inside_all(body: str, word: str, spans: list[tuple[int, int]]) -> bool:
    """Every occurrence of ``word`` lies in one of ``spans`` (a name only a headline gives)."""
    return all(inside(m.start(), spans) for m in re.finditer(re.escape(word), body))


def personal_name(words: list[str]) -> list[str]:
    """The personal-name tail of a capitalised run: after the last title, minus demonyms (the
    last word is never a title: ``Mr. Prince``, ``Carole King``)."""
    titles = [k for k, w in enumerate(words[:-1])
              if w.lower().strip(".") in TITLES or w.lower().strip(".:") in CREDIT_WORDS]
    tail = words[titles[-1] + 1 :] if titles else words
    while tail and (
        is_not_a_name(tail[0], len(tail))
        or (len(tail) > 1 and tail[0].lower().strip(".,") in WEEKDAYS)  # "Wednesday Suncor"
    ):
        tail = tail[1:]
    while len(tail) > 1 and tail[-1].lower().strip(".,") in WEEKDAYS:  # "Aden Thursday"
        tail = tail[:-1]  # not months: "Theresa May", "Jane April" end in a surname
    return tail[-3:]


def is_not_a_name(word: str, words_left: int = 3) -> bool:
    """A leading word of a capitalised run that is not part of the name: a small word, a
    possessive, or a demonym (``Israeli``). A demonym-shaped word opening a two-word run is a
    first name (``Brian Baker``, ``Julian Assange``), since a demonym is followed by a full name."""
    lowered = word.lower()
    demonym = lowered.endswith(("’s", "'s", "ian", "ese", "ish")) or (
        lowered.endswith("i") and len(lowered) > 5
    )
    if demonym and not lowered.endswith(("’s", "'s")):
        frequency = zipf_frequency(lowered, "en")
        demonym = (words_left > 2 and frequency >= DEMONYM_MIN_ZIPF) or (
            frequency >= DEMONYM_ALWAYS_ZIPF  # "British Columbia", not "Christian Bale"
        )
    gerund = lowered.endswith("ing") and words_left > 1 and zipf_frequency(lowered, "en") >= 3.5
    return lowered in NOT_NAMES or lowered in mentions.PARTY_NOUNS or demonym or gerund


def could_be_surname(word: str, people: dict[str, str], body: str = "") -> bool:
    """A lone capitalised word names someone if the article gave that person's full name, if
    it is rare as an English word (``Sheinkopf``, not ``Look``, ``People`` or ``Hispanic``), or
    if the article only ever writes it capitalised and uses it mid-sentence (``Trump``,
    ``Early``: names that are also words)."""
    bare = word.replace("’s", "").replace("'s", "")
    if bare in people or zipf_frequency(bare.lower(), "en") < SURNAME_MAX_ZIPF:
        return True
    return bool(body) and _always_capitalised(bare, body)


WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


CALENDAR = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
}  # fmt: skip


def _always_capitalised(word: str, body: str) -> bool:
    if word.lower() in CALENDAR or is_not_a_name(word):  # "Israeli" is always capitalised
        return False
    if not word[:1].isupper() or re.search(rf"\b{re.escape(word.lower())}\b", body):
        return False
    return bool(re.search(rf"(?:[a-z,]|,[”\"'])\s+{re.escape(word)}\b", body))


def inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    k = bisect.bisect_right(spans, (pos, 1 << 62)) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]
