"""The writers' names in an HTML page's byline, without the page furniture around them.

trafilatura's byline search takes the text of whatever element is classed as a byline or an
author box, splits it at commas, "and" and slashes and keeps every piece. On the visible page
that text is often more than a name: a lead-in ("View all posts by", "Geschrieben von", "Par"),
the writer's role ("Senior Contributor", "Redakteur für Wirtschaft", "is a reporter"), the
date with its digits cut off ("Malcolm Owen Monday", "Stefan Beiersmann am"), a link label
("Search", "Full Bio"), or no person at all: the site itself ("Auto-Motor", "Cleveland com"
from ``cleveland.com``), a desk ("Redaktion", "Newsdesk", "Jerusalem Post Staff"), a lone
handle or first name ("admin", "Rmb"), a photo credit. An article's byline names who wrote
it, so :func:`clean_byline` keeps only the pieces shaped like a person's name.

A byline the page *declares* (``<meta name=author>``, JSON-LD) is the publisher's own
statement, so it is only trimmed (lead-ins, roles, date words, pieces that are only a role or
a date): a site or desk that declares itself the author says so on purpose, and stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from storylens.extract.html_blocks import TextBlock, words_key
from storylens.extract.metadata_text import (
    AGENCY_RE,
    AUTHOR_LABELS,
    BYLINE_WORDS,
    CREDIT_RE,
    DIGIT_RE,
    MAX_METADATA_WORDS,
    parse_byline,
)
from storylens.extract.sitename import LEGAL_SUFFIX_RE, MIN_KEY, brand_of, name_key
from storylens.writing import HANGUL, WITHOUT_SPACES


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


PIECE_SEPARATOR = "; "
"""How trafilatura joins the names it found (``normalize_authors``)."""
LEAD_IN_RE = re.compile(
    r"^(?:(?:view|see|read)\s+(?:all\s+)?(?:posts|articles|stories)\s+(?:by|from)|"
    r"(?:all|more)\s+(?:posts|articles|stories)\s+(?:by|from)|post\s+author(?:\s+by)?|"
    r"(?:posted|written|story|words|reported)\s+by|by|"
    r"(?:geschrieben|verfasst|erstellt)\s+von|(?:alle\s+)?(?:beiträge|artikel)\s+von|vom|"
    r"(?:écrit|rédigé|publié)\s+par|(?:escrito|publicado)\s+por|scritto\s+da|"
    rf"{BYLINE_WORDS}|{AUTHOR_LABELS}|quelle|source|fuente)(?:\s+|$)",
    re.IGNORECASE,
)
"""Words before the name: "View all posts by", "Posted by", "Geschrieben von", "Par", "Autor"
(trafilatura has already removed the colon of "Autor:")."""
ROLE_WORDS = _word_set(
    "writer writers reporter reporters editor editors contributor contributors correspondent "
    "columnist journalist journalistin photographer redakteur redakteurin korrespondent "
    "korrespondentin autorin journaliste rédacteur rédactrice periodista redactor redactora "
    "corresponsal giornalista redattore redattrice dziennikarz dziennikarka verslaggever "
    "redacteur is ist est es"
)
"""A person's role after the name ("Senior Contributor", "Redakteur für Wirtschaft", "is a
reporter"): the name ends before it."""
RANK_WORDS = _word_set(
    "senior staff chief contributing deputy freelance free freie freier news sports political "
    "national"
)
"""Words that qualify a role right before it ("Senior Contributor", "News reporter")."""
DESK_WORDS = _word_set(
    "staff redaktion rédaction redaction redacción redazione redakcja redactie team desk "
    "newsdesk newsroom bureau"
)
"""A desk, not a person: "Redaktion", "Newsdesk", "Jerusalem Post Staff". Before a role word
("Staff Writer") it is a rank instead."""
LINK_WORDS = _word_set(
    "search follow bio profile email e-mail twitter facebook linkedin instagram more posts "
    "articles view tiempo temps lesezeit lesedauer"
)
"""Labels of the links an author box puts after the name ("Search", "Full Bio", "Follow"), and
of the reading time beside it ("Tiempo de lectura", "Lesezeit")."""
DATE_WORDS = _word_set(
    "january february march april june july august september october november december jan feb "
    "mar apr jun jul aug sep sept oct nov dec januar februar märz juni juli oktober dezember "
    "janvier février mars avril juin juillet août septembre octobre novembre décembre enero "
    "febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre monday "
    "tuesday wednesday thursday friday saturday sunday montag dienstag mittwoch donnerstag "
    "freitag samstag sonntag lundi mardi mercredi jeudi vendredi samedi dimanche lunes martes "
    "miércoles jueves viernes sábado domingo am um on at updated published posted "
    "aktualisiert veröffentlicht"
)
"""What is left of a date after trafilatura cuts a byline at its first digit ("Malcolm Owen
Monday", "Stefan Beiersmann am"). They end a name only at its end and after two name words
("Anna Müller und Jan Nowak" keeps "Jan"); "May" and "Mai" are names too, so they are not here."""
PARTICLES = _word_set(
    "von van de der den del della di da du dos das la le y e i al bin ibn ter ten zu und and "
    "et & st. st"
)
"""Lower-case words inside a name ("Christoph von Ritter") or between two names."""
GENERIC_ENDINGS = frozenset({"com", "net", "org", "info", "biz"})
MIN_NAME_WORDS = 2
"""A lone word is a handle, a first name or a desk ("admin", "Redaktion"): trafilatura's own
rule for a declared author, here for the visible page too."""
UNSPACED_RE = re.compile(f"[{WITHOUT_SPACES}{HANGUL}]")
"""Chinese, Japanese, Korean, Thai names are written without spaces: the word rules skip them."""


def clean_byline(
    byline: str | None, *, declared: bool, sites: Iterable[str | None] = ()
) -> str | None:
    """The writers of ``byline`` (trafilatura's ``"A; B"``), ``None`` when none is left.

    ``sites`` are the page's site names and host: a piece that spells one is the site, not a
    writer, and a site name after a writer's name goes ("Jane Doe PhillyVoice Staff").
    ``declared`` bylines are only trimmed (see the module docstring).
    """
    if not byline:
        return byline
    keys = _site_keys(sites)
    names: list[str] = []
    for piece in byline.split(PIECE_SEPARATOR):
        name, described = _piece_name(piece.strip(), keys, strict=not declared)
        if name and not (described and names) and name not in names:
            names.append(name)  # a role after a name describes it ("Jane Doe; AP Writer")
    return PIECE_SEPARATOR.join(names) or None


def _site_keys(sites: Iterable[str | None]) -> set[str]:
    """Letter keys of the site's names and of its host with and without its ending."""
    keys: set[str] = set()
    for site in sites:
        site = (site or "").strip().lstrip("@")
        if not site:
            continue
        keys.add(name_key(site))
        if "." in site and " " not in site:
            keys.add(name_key(brand_of(site)))
    return {key for key in keys if len(key) >= MIN_KEY}


def _piece_name(piece: str, sites: set[str], *, strict: bool) -> tuple[str | None, bool]:
    """One piece of the byline as a name (``None`` when none is left), and whether a role
    followed it. Every piece loses its lead-in, and a role, link labels and date words after
    the name; ``strict`` (the visible page) also cuts it at a word no name has and drops what
    names no person: the site or a host, a company ("… GmbH"), a desk, a lone word (but a news
    agency) or initials alone, a credit, a site name after the writer's."""
    if strict and (
        _is_host(piece, sites) or CREDIT_RE.match(piece) or LEGAL_SUFFIX_RE.search(piece)
    ):
        return None, False
    if lead_in := LEAD_IN_RE.match(piece):
        piece = piece[lead_in.end() :]
    if UNSPACED_RE.search(piece):  # no word rules for names written without spaces
        return (None if strict and name_key(piece) in sites else piece or None), False
    words, ended_at = _name_words(piece.split(), strict=strict)
    if strict:
        trimmed = _without_site_tail(words, sites)
        if ended_at == "desk" and len(trimmed) == len(words):
            return None, False  # "Jerusalem Post Staff", "Redaktion": a desk
        words = trimmed
    half = len(words) // 2
    if half and len(words) % 2 == 0 and words[:half] == words[half:]:
        words = words[:half]  # "Sean Martin Sean Martin": link text and visible name
    name = " ".join(words)
    if strict and (
        name_key(name) in sites
        or (len(words) < MIN_NAME_WORDS and not AGENCY_RE.fullmatch(name))
        or all(len(word.rstrip(".")) == 1 for word in words)  # "D E": initials only
    ):
        return None, False
    return name or None, ended_at == "role"


def _name_words(words: list[str], *, strict: bool) -> tuple[list[str], str | None]:
    """The name's words: up to the first role, link label or date word, and with ``strict``
    up to a desk word or a word not shaped like a name's; and what it ended at (``"role"``,
    ``"desk"`` or ``None``)."""
    for i, word in enumerate(words):
        lower = word.lower()
        following = words[i + 1].lower() if i + 1 < len(words) else ""
        if strict and lower in DESK_WORDS and following not in ROLE_WORDS:
            return _trimmed(words[:i]), "desk"
        if lower in ROLE_WORDS:
            return _trimmed(words[:i], roles=True), "role"
        if (
            lower in LINK_WORDS
            or (_date_tail(words[i:]) and (i == 0 or _count_names(words[:i]) >= MIN_NAME_WORDS))
            or (strict and not _name_shaped(word))
        ):
            return _trimmed(words[:i]), None
    return words, None


def _trimmed(words: list[str], *, roles: bool = False) -> list[str]:
    """Without trailing particles, and before a role without its rank ("News reporter")."""
    while words and (words[-1].lower() in PARTICLES or (roles and words[-1].lower() in RANK_WORDS)):
        words = words[:-1]
    return words


def _date_tail(words: list[str]) -> bool:
    """Only date words and numbers: what trafilatura leaves of a date at the end of a byline
    (it cuts at a digit followed by more: "March 4" stays)."""
    return all(word.lower() in DATE_WORDS or DIGIT_RE.search(word) for word in words)


def _count_names(words: list[str]) -> int:
    return sum(word.lower() not in PARTICLES for word in words)


def _name_shaped(word: str) -> bool:
    """Capitalised ("Müller", "McDonald", "d'Arcy", "O'Brien"), a name particle, or in a script
    without capitals."""
    if DIGIT_RE.search(word):
        return False
    if word.lower() in PARTICLES or word[0].isupper() or word.lower() == word.upper():
        return True
    return len(word) > 2 and word[1] in "'’" and word[2].isupper()


def _is_host(piece: str, sites: set[str]) -> bool:
    """A host name as trafilatura leaves it ("Www Everardoherrera Com", "Cleveland com",
    "Hessenschau De" from ``hessenschau.de``)."""
    words = piece.lower().split()
    if len(words) < MIN_NAME_WORDS:
        return False
    return words[0] == "www" or words[-1] in GENERIC_ENDINGS or name_key(piece) in sites


def _without_site_tail(words: list[str], sites: set[str]) -> list[str]:
    """Without the last one to three words when they spell the site ("Jane Doe PhillyVoice")."""
    for size in (3, 2, 1):
        if len(words) > size and name_key(" ".join(words[-size:])) in sites:
            return _trimmed(words[:-size])
    return words


HEAD_BLOCKS = 12
"""How many blocks between the headline and the article's first paragraph are read for a
byline: the byline sits right under the headline, not in a sidebar or a list of links."""
LONE_LEAD_IN_RE = re.compile(rf"^(?:by|{BYLINE_WORDS})$", re.IGNORECASE)


def head_lines(
    blocks: list[TextBlock], title: str, opening: str, *, before: int = 0
) -> list[str]:
    """Texts of the visible blocks between the headline (the first ``<h1>`` or block reading
    as ``title``) and the article's first paragraph ``opening``, at most :data:`HEAD_BLOCKS`,
    after the ``before`` blocks right above the headline: where a byline and a dateline sit.
    A lone "By" block is joined to the block after it ("By" in a ``span``, the name in a
    ``div``). Empty without a headline or an opening."""
    title_key, opening_key = words_key(title), words_key(opening)
    if not title_key or not opening_key:
        return []
    start = next(
        (i for i, b in enumerate(blocks) if b.element.tag == "h1" or b.key == title_key), None
    )
    if start is None:
        return []
    above = [b for b in blocks[:start] if b.key][-before:] if before else []
    head: list[str] = [" ".join(b.text.split()) for b in above]
    limit = len(head) + HEAD_BLOCKS
    for block in blocks[start + 1 :]:
        if not block.key:
            continue
        if block.key in opening_key or opening_key in block.key or len(head) >= limit:
            break
        head.append(" ".join(block.text.split()))
    return [
        f"{text} {head[i + 1]}" if LONE_LEAD_IN_RE.match(text) and i + 1 < len(head) else text
        for i, text in enumerate(head)
    ]


def visible_byline(
    lines: list[str], *, language: str | None = None, sites: Iterable[str | None] = ()
) -> str | None:
    """The writer named by a byline among the ``lines`` under the headline (:func:`head_lines`:
    "By Jane Doe", "Jane Doe - Jan 9, 2017", "Par Jean Dupont"), read with the plain-text
    path's byline rules and cleaned as a visible byline: for pages whose markup names no author
    and whose byline element has no class trafilatura knows."""
    for text in lines:
        if len(text.split()) <= MAX_METADATA_WORDS and (found := parse_byline(text, language)):
            return clean_byline(found, declared=False, sites=sites)
    return None
