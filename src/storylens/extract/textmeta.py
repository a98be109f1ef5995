"""Headline choice for plain-text dumps: the line model's headline score, re-ranked by page cues.

The line model scores each line on its own shape and neighbours. An editor also looks at how the
page uses a line: a headline often appears twice (the page's ``<title>`` with a " | Site" suffix,
then the ``<h1>``), it comes right before its deck rather than after it, a byline or dateline
follows it, it shares its key words with the lead, and the article below it goes on using
them (a teaser for another story or a section label above the headline does not). Those cues
are added to the model's log-odds with a few weights (``scripts/tune_text_title.py`` chooses them
leave-one-corpus-out and reports the held-out accuracy).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from storylens.extract import lines as L

MAX_TITLE_WORDS = 40
TOP_CANDIDATES = 8
"""Lines re-ranked per page: the model's best few, plus lines that recur on the page."""
LEAD_LINES = 3
"""Article lines after a candidate that count as its lead."""
MIN_CUE_WORD = 4
"""Letters a word needs to count in the lead-overlap cue (skips most function words)."""
BODY_LINES = 30
"""Article lines after a candidate that count as its body (the body-share cue)."""
SUFFIX_MAX_WORDS = 5
SITE_SUFFIX_RE = re.compile(
    r"^(?P<title>.{8,}?)\s+(?:[|–—·»]|-{1,2}|::)\s+(?P<site>[^|–—·»]{2,60})$"
)
SITE_PREFIX_RE = re.compile(r"^(?P<site>[^|–—·»]{2,60}?)\s+(?:[|–—·»]|::)\s+(?P<title>.{8,})$")
"""``Headline | Site`` and ``Site | Headline``: a ``<title>``-like line."""


@dataclass(frozen=True)
class TitleWeights:
    """Weights of the page cues added to the model's headline log-odds."""

    repeated: float = 0.5
    tagged: float = 2.0
    precedes_deck: float = 0.5
    follows_candidate: float = 0.0
    before_body: float = 0.0
    lead_overlap: float = 4.0
    sentence_end: float = -1.0
    precedes_metadata: float = 1.0
    body_share: float = 2.0

    def vector(self) -> np.ndarray:
        return np.array(
            [
                self.repeated,
                self.tagged,
                self.precedes_deck,
                self.follows_candidate,
                self.before_body,
                self.lead_overlap,
                self.sentence_end,
                self.precedes_metadata,
                self.body_share,
            ]
        )


TITLE_WEIGHTS = TitleWeights()
CUE_NAMES = (
    "repeated",
    "tagged",
    "precedes_deck",
    "follows_candidate",
    "before_body",
    "lead_overlap",
    "sentence_end",
    "precedes_metadata",
    "body_share",
)
DECK_SCORE = 0.1
"""Headline probability above which a neighbouring line counts as a rival (a deck or kicker)."""


def split_site_affix(line: str) -> tuple[str, str | None]:
    """``("Headline", "Site")`` for ``Headline | Site`` or ``Site | Headline``, else the line.

    Only a short affix counts as a site name (a long one is part of a two-part headline).
    """
    text = line.strip()
    if not has_affix_separator(text):
        return text, None
    match = SITE_SUFFIX_RE.match(text)
    if match and len(L.words(match["site"])) <= SUFFIX_MAX_WORDS:
        return match["title"].strip(), match["site"].strip()
    match = SITE_PREFIX_RE.match(text)
    if match and len(L.words(match["site"])) <= SUFFIX_MAX_WORDS < len(L.words(match["title"])):
        return match["title"].strip(), match["site"].strip()
    return text, None


AFFIX_SEPARATOR_RE = re.compile(r" (?:[|–—·»]|-{1,2}|::) ")


def has_affix_separator(text: str) -> bool:
    """Cheap screen before the affix regexes (most lines have no separator at all)."""
    return AFFIX_SEPARATOR_RE.search(text) is not None


def candidate_lines(
    facts: Sequence[L.LineFacts], title_score: np.ndarray, eligible: np.ndarray
) -> list[int]:
    """The model's best few eligible lines plus eligible lines that recur on the page."""
    scores = np.where(eligible, title_score, -1.0)
    top = [int(i) for i in np.argsort(-scores)[:TOP_CANDIDATES] if scores[i] >= 0]
    seen: dict[str, int] = {}
    recurring = []
    may_be_title = eligible.tolist()  # a list reads faster line by line
    for i, line in enumerate(facts):
        if line.key in seen and may_be_title[seen[line.key]]:
            recurring.append(seen[line.key])
        seen.setdefault(line.key, i)
    return sorted(set(top) | set(recurring))


def cue_matrix(
    facts: Sequence[L.LineFacts],
    candidates: list[int],
    title_score: np.ndarray,
    body: Sequence[bool] | np.ndarray,
) -> np.ndarray:
    """One row of page cues (see :data:`CUE_NAMES`) per candidate line."""
    keys = [line.key for line in facts]
    key_count = Counter(keys)
    affixed = affixed_titles(facts)
    body_lines = np.flatnonzero(body).tolist()
    first_body = body_lines[0] if body_lines else len(facts)
    windows: dict[int, set[str]] = {}
    rows = []
    for i in candidates:
        key = keys[i]
        trust = 0.0 if in_menu_run(facts, i) else 1.0
        rows.append(
            [
                float(key_count.get(key, 0) > 1),
                float(key in affixed),
                float(is_rival(facts, title_score, i + 1)),
                float(is_rival(facts, title_score, i - 1)),
                float(i < first_body),
                trust * lead_overlap(facts, i, body_lines),
                float(facts[i].sentence_end),
                float(precedes_metadata(facts, i)),
                trust * body_share(facts, i, body_lines, windows),
            ]
        )
    return np.asarray(rows, dtype=float).reshape(len(candidates), len(CUE_NAMES))


def in_menu_run(facts: Sequence[L.LineFacts], i: int) -> bool:
    """A one-word line next to another one-word line: an item of a menu ("World" above
    "Business", "Comenta" beside "Comparte"). The article may well use its word, so the
    word-overlap cues say nothing about it."""
    if facts[i].n_words != 1:
        return False
    return any(0 <= j < len(facts) and facts[j].n_words == 1 for j in (i - 1, i + 1))


def affixed_titles(facts: Sequence[L.LineFacts]) -> set[str]:
    """Keys of the headlines that ``<title>``-like lines ("Headline | Site") carry."""
    found = set()
    for line in facts:
        # the separator screen first: split_site_affix looks for it too, but costs a call
        if line.n_words <= MAX_TITLE_WORDS + SUFFIX_MAX_WORDS and has_affix_separator(line.text):
            title, site = split_site_affix(line.text)
            if site:
                found.add(L.normalise(title))
    return found


METADATA_WINDOW = 3


def precedes_metadata(facts: Sequence[L.LineFacts], i: int) -> bool:
    """A byline or dateline follows within a few lines: headlines sit right above them."""
    return any(
        facts[j].byline or (facts[j].date and facts[j].n_words <= 12)
        for j in range(i + 1, min(i + 1 + METADATA_WINDOW, len(facts)))
    )


def is_rival(facts: Sequence[L.LineFacts], title_score: np.ndarray, j: int) -> bool:
    """Line ``j`` exists, is headline-sized and the model gives it a real headline chance."""
    return (
        0 <= j < len(facts)
        and 1 <= facts[j].n_words <= MAX_TITLE_WORDS
        and title_score[j] >= DECK_SCORE
    )


def lead_overlap(facts: Sequence[L.LineFacts], i: int, body_lines: Sequence[int]) -> float:
    """Share of the candidate's longer words found in the first article lines after it
    (``body_lines``: the article lines' numbers, in order)."""
    start = bisect_right(body_lines, i)
    after = body_lines[start : start + LEAD_LINES]
    if not len(after):
        return 0.0
    mine = {w.lower() for w in facts[i].tokens if len(w) >= MIN_CUE_WORD}
    if not mine:
        return 0.0
    lead = " " + " ".join(facts[int(j)].key for j in after) + " "
    return sum(f" {w} " in lead for w in mine) / len(mine)


def body_share(
    facts: Sequence[L.LineFacts],
    i: int,
    body_lines: Sequence[int],
    windows: dict[int, set[str]],
) -> float:
    """Share of the candidate's longer words that the article below it uses (its first
    :data:`BODY_LINES` article lines): a headline names what the story is about, while a
    teaser for another story, a section label or a kicker above the headline shares few of its
    words with this story's text. Words only, no word lists, so it reads every language that
    writes words apart. ``windows`` caches the words below each starting article line (most
    candidates stand above the article and share one)."""
    mine = {w.lower() for w in facts[i].tokens if len(w) >= MIN_CUE_WORD}
    if not mine:
        return 0.0
    start = bisect_right(body_lines, i)
    found = windows.get(start)
    if found is None:
        keys = (facts[j].key for j in body_lines[start : start + BODY_LINES])
        found = windows[start] = set(" ".join(keys).split())
    return len(mine & found) / len(mine)


def logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def rank_titles(
    facts: Sequence[L.LineFacts],
    title_score: np.ndarray,
    body: Sequence[bool] | np.ndarray,
    eligible: np.ndarray,
    weights: TitleWeights = TITLE_WEIGHTS,
) -> list[tuple[int, float]]:
    """Candidate lines with their combined scores, best first."""
    candidates = [i for i in candidate_lines(facts, title_score, eligible)
                  if not is_breadcrumb(facts[i].text)]  # fmt: skip
    if not candidates:
        return []
    cues = cue_matrix(facts, candidates, title_score, body)
    combined = logit(title_score[candidates]) + cues @ weights.vector()
    order = np.argsort(-combined, kind="stable")
    return [(candidates[k], float(combined[k])) for k in order]


COPYRIGHT_SITE_RE = re.compile(
    r"(?:©|\(c\)|\bcopyright\b)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*[,:]?\s*"
    r"(?:by\s+)?(?P<name>[^\W\d_][^.,;|©()]{1,58}?)\s*(?:[.,;|(]|$|\s(?:all rights|alle rechte|"
    r"tous droits|todos los derechos|tutti i diritti|wszelkie prawa))",
    re.IGNORECASE,
)
"""``© 2026 Example News. All rights reserved``: the owner named in a copyright line."""
MAX_SITE_WORDS = 5
YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b")


def page_site(page_lines: Sequence[str], title_index: int | None) -> str | None:
    """The outlet's name: the affix of a ``Headline | Site`` line carrying the chosen headline
    when the page names it again elsewhere, else a host name that owns the page's last
    copyright line (``© 2007 chinaview.cn``).

    A copyright owner written as a name is most often the publishing company ("Dow Jones &
    Company" for WSJ, "Future US" for Space.com): measured, it was wrong more often than right,
    so it is not used as the site."""
    if title_index is not None:
        title_key = L.normalise(title_text(page_lines[title_index]))
        for line in page_lines:
            if has_affix_separator(line) and len(line) <= 4 * len(page_lines[title_index]) + 80:
                head, site = split_site_affix(line)
                if (
                    site
                    and L.normalise(head) == title_key
                    and not is_headline_part(site)
                    and named_elsewhere(site, page_lines, title_key)
                ):
                    return site
    for line in reversed(page_lines):
        if len(line) <= 300 and may_be_copyright(line) and (host := copyright_host(line)):
            return host
    return None


def named_elsewhere(name: str, page_lines: Sequence[str], title_key: str) -> bool:
    """The name recurs on a line that does not carry the headline (a masthead, a copyright
    line): a site's name does, a second part of the headline seldom does."""
    key = L.normalise(name)
    for line in page_lines:
        if len(line) < 300:
            other = L.normalise(line)
            if key in other and title_key not in other:
                return True
    return False


def is_headline_part(affix: str) -> bool:
    """A long or sentence-like affix is part of the headline, not a site name."""
    return len(L.words(affix)) > MAX_SITE_WORDS or affix.rstrip().endswith((".", "?", "!"))


def may_be_copyright(line: str) -> bool:
    """Cheap screen before the copyright regex."""
    return "©" in line or "(c)" in line or "(C)" in line or "opyright" in line or "OPYRIGHT" in line


def copyright_host(line: str) -> str | None:
    """The host name a copyright line credits (``Copyright 2008 chinadaily.com.cn``); it must
    carry a year, as photo credits ("© stock.adobe.com") do not."""
    match = COPYRIGHT_SITE_RE.search(line)
    if match is None or not YEAR_RE.search(line):
        return None
    host = L.HOST_RE.search(line[match.start() : match.end() + 40])
    return host.group(1).lower() if host else None


def copyright_owner(line: str) -> str | None:
    match = COPYRIGHT_SITE_RE.search(line)
    if match is None:
        return None
    name = match["name"].strip(" -–—")
    n_words = len(L.words(name))
    if not 1 <= n_words <= MAX_SITE_WORDS or not (name[0].isupper() or L.HOST_RE.fullmatch(name)):
        return None
    return name


def title_text(line: str) -> str:
    """The headline as shown: a ``<title>``-like line without its site affix, and a Markdown
    heading without its ``#`` marks, the list marks before them and the backslashes escaping
    punctuation (text renderers such as html2text write ``# Headline``, ``* # Headline``,
    ``4. # Headline``, ``Kicker \\- Headline``)."""
    text = MARKDOWN_HEADING_RE.sub("", line.strip())
    if "\\" in text:
        text = MARKDOWN_ESCAPE_RE.sub("", text)
    return split_site_affix(" ".join(text.split()))[0]


MARKDOWN_HEADING_RE = re.compile(r"^(?:(?:[*+]|\d{1,3}\.)\s+)*#{1,6}\s+|^(?:[*+]\s+)+|\s+#{1,6}$")
"""A heading's ``#`` marks, with any list marks before them; a bullet ("* "; "- " opens some
headlines: "- Angsten vil øke"); closing ``#`` marks. A number before a heading mark is a list
mark, alone it is the headline's ("3. Liga: ...")."""
MARKDOWN_ESCAPE_RE = re.compile(r"\\(?=[^\w\s])")
BREADCRUMB_SEPARATOR_RE = re.compile(r"\s*(?:›|»|>|→|/|::|\|)\s*")
HOME_WORDS = frozenset(
    {"home", "homepage", "start", "startseite", "accueil", "inicio", "portada", "início",
     "home page", "strona główna", "główna", "главная", "首页", "etusivu", "forside", "hem",
     "you are here", "sie sind hier", "vous êtes ici", "usted está aquí", "news"}
)  # fmt: skip
"""First steps of a breadcrumb trail ("Home › World › Europe") in several languages."""
BREADCRUMB_STEP_WORDS = 4


def is_breadcrumb(line: str) -> bool:
    """A navigation trail, not a headline: "Home › News › Headline", "Startseite > Politik",
    "tennisnet.com › ATP", or three or more short steps joined by one separator (a trail may
    end in the headline, which then also stands on a line of its own)."""
    text = line.strip()
    separators = BREADCRUMB_SEPARATOR_RE.findall(text)
    marks = [sep.strip() for sep in separators if sep.strip()]
    if not marks:
        return False
    parts = [part.strip(" :") for part in BREADCRUMB_SEPARATOR_RE.split(text) if part.strip(" :")]
    if len(parts) < 2:
        return False
    first = parts[0].lower()
    if first in HOME_WORDS or L.HOST_RE.fullmatch(first):
        return True
    same_mark = len(marks) >= 2 and len(set(marks)) == 1 and marks[0] not in ("/", "|")
    return same_mark and all(len(L.words(p)) <= BREADCRUMB_STEP_WORDS for p in parts[:-1])


__all__ = [
    "CUE_NAMES",
    "TITLE_WEIGHTS",
    "TitleWeights",
    "candidate_lines",
    "copyright_owner",
    "cue_matrix",
    "is_breadcrumb",
    "logit",
    "page_site",
    "rank_titles",
    "split_site_affix",
    "title_text",
]
