"""Sources an article names as the origin of its material: agencies and other outlets.

A credit is a name in a crediting phrase (``according to the Jerusalem Post``, ``Reuters quoted``,
``(Xinhua)``, ``told CNN``) that is a known news organisation or looks like one (``Post``,
``Times``, ``News Agency``). People in the same phrases (``according to Netanyahu``) are not
credits.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from storylens.compare.model import Credit

KNOWN_OUTLETS = (
    "Reuters",
    "Associated Press",
    "AP",
    "AFP",
    "Agence France-Presse",
    "Xinhua",
    "TASS",
    "Tass",
    "RIA Novosti",
    "Interfax",
    "Sputnik",
    "Bloomberg",
    "dpa",
    "UPI",
    "ANSA",
    "EFE",
    "Kyodo",
    "Yonhap",
    "PTI",
    "IANS",
    "ANI",
    "KUNA",
    "WAFA",
    "Anadolu",
    "Bernama",
    "Antara",
    "CNA",
    "CNN",
    "BBC",
    "NBC",
    "CBS",
    "ABC",
    "Fox News",
    "MSNBC",
    "NPR",
    "Al Jazeera",
    "Haaretz",
    "People",
    "Us Weekly",
    "TMZ",
    "Politico",
    "Axios",
    "Variety",
    "Deadline",
)
MEDIA_WORDS = (
    "Post",
    "Times",
    "News",
    "Agency",
    "Journal",
    "Herald",
    "Tribune",
    "Press",
    "Telegraph",
    "Guardian",
    "Gazette",
    "Radio",
    "TV",
    "Television",
    "Channel",
    "Daily",
    "Magazine",
    "Media",
    "Chronicle",
    "Observer",
    "Independent",
    "Mail",
    "Express",
    "Globe",
    "Monitor",
    "Reporter",
    "Broadcasting",
    "Newspaper",
    "Wire",
    "Standard",
    "Insider",
    "Today",
    "Week",
    "Weekly",
)

_NAME = r"(?:the\s+)?(?P<name>[A-Z][\w.&’'-]*(?:\s+(?:of\s+)?[A-Z][\w.&’'-]*){0,5})"
_PATTERNS = [
    (("according",), re.compile(rf"\baccording\s+to\s+{_NAME}")),
    (("reported", "quoted", "cited"), re.compile(rf"\b(?:reported|quoted|cited)\s+by\s+{_NAME}")),
    (
        ("citing", "told", "interview", "report"),
        re.compile(rf"\b(?:citing|told|in\s+an\s+interview\s+with|in\s+a\s+report\s+by)\s+{_NAME}"),
    ),
    (
        ("reported", "quoted", "cited", "reports", "report"),
        re.compile(rf"{_NAME}\s+(?:reported|quoted|cited|reports|said\s+in\s+a\s+report)\b"),
    ),
    (("(",), re.compile(r"\((?P<name>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2})\)\s*(?:--|—|–|-)")),
    (("agency",), re.compile(rf"{_NAME}\s+news\s+agency\b")),
]
"""Each crediting phrase with the words it cannot match without: a pattern none of whose words
is in the text is not run (the patterns that open with a name try every capital letter, ~0.3 ms
an article each, and most articles have no "news agency" or "reported")."""

_PHRASE_CHARS = r"[\w.&’'\-\s]"
"""Every character a crediting phrase that opens with a name can hold (the name's words, "the",
"of", the spaces and the verb): a match lies inside one unbroken run of them."""
_OPENS_WITH_NAME = {
    k
    for k, (needed, pattern) in enumerate(_PATTERNS)
    if pattern.pattern.startswith(_NAME)
    and all(re.fullmatch(f"{_PHRASE_CHARS}+", word) for word in needed)
}
"""The patterns of :data:`_PATTERNS` that open with a name (no fixed first letter to find);
the rest of each is spaces and words (``tests/test_compare_speedups.py`` holds them to it)."""
_PHRASE_RUN = re.compile(f"{_PHRASE_CHARS}*+")
_WORDS = {k: re.compile("|".join(_PATTERNS[k][0])) for k in _OPENS_WITH_NAME}
"""Per such pattern: its words, to find the runs of :data:`_PHRASE_CHARS` worth searching."""


def _matches(k: int, body: str) -> Iterator[re.Match[str]]:
    """``_PATTERNS[k]``'s matches in ``body``. One that opens with a name runs only inside the
    runs of :data:`_PHRASE_CHARS` that hold one of its words (found from each such word, both
    ways; most of an article is in no such run): the same matches, since none crosses a run's
    end (a character it cannot hold, and not a word character, so its closing ``\b`` holds
    there as at the end of the run)."""
    pattern = _PATTERNS[k][1]
    if k not in _OPENS_WITH_NAME:
        yield from pattern.finditer(body)
        return
    reverse, size, searched = body[::-1], len(body), 0
    for word in _WORDS[k].finditer(body):
        if word.start() < searched:
            continue  # in the run just searched
        start = size - _PHRASE_RUN.match(reverse, size - word.start()).end()
        searched = _PHRASE_RUN.match(body, word.start()).end()
        yield from pattern.finditer(body, start, searched)


def find_credits(article_id: str, body: str) -> list[Credit]:
    """Credited outlets of an article, one entry per mention, in text order."""
    found: dict[tuple[int, int], Credit] = {}
    for k, (needed, _) in enumerate(_PATTERNS):
        if not any(word in body for word in needed):
            continue
        for match in _matches(k, body):
            name = _outlet_name(match.group("name"))
            if not name:
                continue
            start = match.start("name") + match.group("name").find(name)
            found.setdefault(
                (start, start + len(name)),
                Credit(article_id, name, start, start + len(name), _context(body, match)),
            )
    return sorted(found.values(), key=lambda c: c.start)


def _outlet_name(raw: str) -> str | None:
    """The outlet named in ``raw`` (trimmed of trailing non-name words), or None for a person."""
    words = raw.split()
    for end in range(len(words), 0, -1):
        candidate = " ".join(words[:end]).rstrip(".,’'")
        if candidate in KNOWN_OUTLETS or _looks_like_outlet(candidate):
            return candidate
    for known in KNOWN_OUTLETS:
        if re.search(rf"\b{re.escape(known)}\b", raw):
            return known
    return None


def _looks_like_outlet(name: str) -> bool:
    words = name.split()
    return len(words) >= 2 and any(w in MEDIA_WORDS for w in words[1:])


def _context(body: str, match: re.Match[str]) -> str:
    start = max(0, body.rfind("\n", 0, match.start()) + 1, match.start() - 60)
    end = min(len(body), match.end() + 40)
    newline = body.find("\n", match.end())
    if 0 <= newline < end:
        end = newline
    return body[start:end].strip()


def credited_names(credits: list[Credit]) -> list[str]:
    """Distinct credited names in first-mention order."""
    seen: dict[str, None] = {}
    for credit in credits:
        seen.setdefault(credit.name, None)
    return list(seen)
