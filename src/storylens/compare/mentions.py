"""Who a description in an attribution means: role nouns, unnamed sources, organisations.

News names a speaker once and then refers to them by role: ``Sen. Marco Rubio`` ... ``“…,” the
Florida senator said``. A definite role description (``the senator``, ``the Russian leader``,
``the minority leader``) is resolved to the most recent person the article introduced with a
matching title or appositive (``Vermont Sen. Bernie Sanders``, ``Jim Clyburn, a Democratic
congressman``), preferring the one whose descriptors share the description's modifiers
(``Florida``). Indefinite descriptions (``a senior Democrat``, ``an Intel spokeswoman``) introduce
someone new: they are never resolved to an earlier person; the description itself is the speaker.
So are documents and organisations that are the subject of the cue (``The ad says``, ``the
Smithsonian Institution said``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ROLE_TITLES: dict[str, set[str]] = {
    "senator": {"sen", "senator"},
    "congressman": {"rep", "representative", "congressman"},
    "congresswoman": {"rep", "representative", "congresswoman"},
    "lawmaker": {
        "sen", "senator", "rep", "representative", "congressman", "congresswoman", "lawmaker",
    },
    "governor": {"gov", "governor"},
    "mayor": {"mayor"},
    "president": {"president"},
    "leader": {"leader", "president", "premier", "minister", "chancellor", "king"},
    "premier": {"premier", "minister", "pm"},
    "pm": {"pm", "premier", "minister"},
    "king": {"king"},
    "queen": {"queen"},
    "prince": {"prince"},
    "officer": {"officer"},
    "head": {"head", "chief"},
    "rep": {"rep", "representative", "congressman", "congresswoman"},
    "representative": {"rep", "representative", "congressman", "congresswoman"},
    "minister": {"minister"},
    "chancellor": {"chancellor"},
    "candidate": {"candidate", "nominee", "hopeful", "frontrunner", "front-runner"},
    "nominee": {"nominee", "candidate"},
    "frontrunner": {"frontrunner", "front-runner", "candidate"},
    "secretary": {"secretary"},
    "speaker": {"speaker"},
    "chairman": {"chairman", "chair"},
    "chairwoman": {"chairwoman", "chair"},
    "ambassador": {"ambassador"},
    "general": {"general", "gen"},
    "commander": {"commander"},
    "prosecutor": {"prosecutor"},
    "attorney": {"attorney"},
    "lawyer": {"lawyer", "attorney"},
    "judge": {"judge"},
    "justice": {"justice"},
    "pollster": {"pollster"},
    "strategist": {"strategist"},
    "billionaire": {"billionaire"},
    "businessman": {"businessman", "billionaire", "mogul", "developer"},
    "mogul": {"mogul", "billionaire", "businessman"},
    "host": {"host"},
    "anchor": {"anchor"},
    "founder": {"founder"},
    "pope": {"pope"},
    "spokesman": {"spokesman", "spokesperson"},
    "spokeswoman": {"spokeswoman", "spokesperson"},
    "spokesperson": {"spokesman", "spokeswoman", "spokesperson"},
    "official": {"official"},
    "aide": {"aide"},
    "adviser": {"adviser", "advisor"},
    "advisor": {"adviser", "advisor"},
    "executive": {"executive", "ceo"},
    "ceo": {"executive", "ceo"},
    "director": {"director"},
    "chief": {"chief"},
    "designer": {"designer"},
    "coach": {"coach"},
    "economist": {"economist"},
    "analyst": {"analyst"},
    "professor": {"professor", "prof"},
}
"""Role noun -> words that, next to a name, show that person holds the role."""
PARTY_NOUNS = {"republican", "democrat", "independent", "conservative", "liberal", "progressive"}
"""``the Republican said``: a politician the article has just been talking about."""
NEW_PERSON_ROLES = {
    "spokesman", "spokeswoman", "spokesperson", "official", "aide", "adviser", "advisor",
    "strategist", "designer", "analyst", "economist", "source", "expert", "officer",
}  # fmt: skip
"""Roles usually held by someone other than the people the story is about: without a named
holder earlier, ``the spokesman`` stays an unnamed spokesman rather than the last person named."""
INDEFINITE = {"a", "an", "one", "another", "some", "several", "two", "three", "others"}
DEFINITE = {"the", "his", "her", "its", "their"}
GENERIC_MODIFIERS = {"former", "current", "then", "new", "top", "senior", "longtime", "veteran",
                     "presumptive", "likely", "embattled", "outgoing", "incoming", "younger",
                     "older", "elder", "same", "two-term", "first-term"}  # fmt: skip
"""Words of a description that do not tell its holder apart (``the former pollster``)."""
DESCRIPTION_WORDS = 8
"""An unnamed source's description is cut to this many words (``one senior Democrat``)."""
_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_CLAUSE_BREAK = re.compile(
    r"(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})(?<!\b[A-Z])[.!?]\s|[,;:“”\"()]|\n"
)
"""Where the words describing a name stop, looking back (not at ``Sen.`` or ``Gov.``)."""
_CUT = re.compile(r",|\s(?:who|which|that|whose|said|says|told|added)\b")


@dataclass(frozen=True)
class Mention:
    """A person named in the article at ``start``, with the words that describe them there."""

    start: int
    name: str
    words: frozenset[str]


def role_nouns(phrase: str) -> list[str]:
    """The role nouns of a description, in order (``the Florida senator and Republican
    presidential candidate`` -> senator, candidate)."""
    return [w for w in _words(phrase) if w in ROLE_TITLES or w in PARTY_NOUNS]


def describes_a_role(phrase: str) -> bool:
    """A definite description whose head is a role (``the former pollster``)."""
    words = _words(phrase)
    return bool(words) and words[0] in DEFINITE and bool(role_nouns(phrase))


def is_indefinite(phrase: str) -> bool:
    words = _words(phrase)
    return bool(words) and words[0] in INDEFINITE and (len(words) >= 2 or words[0] != "a")


def description(phrase: str) -> str | None:
    """The words that name an unnamed source or a document as the speaker: the phrase up to an
    appositive comma or relative clause, at most DESCRIPTION_WORDS words (``one Democrat
    familiar with the discussion, who added`` -> ``one Democrat familiar with the discussion``)."""
    cut = _CUT.split(phrase.strip(), maxsplit=1)[0]
    words = cut.split()[:DESCRIPTION_WORDS]
    if [w.lower() for w in words] in (["another"], ["others"]):  # "Another tweeted, “…”"
        return words[0]
    if len(words) < 2 or not _WORD.search(words[-1]):
        return None
    return " ".join(words).strip(" ,;:")


def role_holders(phrase: str, mentions: list[Mention], at: int) -> tuple[list[str], bool]:
    """The people a definite role description may mean, best first, and whether the best one
    is told apart by the description's own words.

    Candidates are the people named before ``at`` whose title or appositive shares a role word
    (senator ~ Sen.); ranked by how many of the phrase's other words their descriptors share
    (``Florida``), then by recency. The second value is False when the phrase has telling words
    (``the Russian leader``) that no candidate shares: then the title alone decides nothing.
    """
    roles = [r for r in role_nouns(phrase) if r in ROLE_TITLES]
    if not roles:
        return [], False
    titles = set().union(*(ROLE_TITLES[r] for r in roles))
    modifiers = {w for w in _words(phrase) if w not in DEFINITE and w not in ROLE_TITLES}
    ranked: dict[str, tuple[int, int]] = {}
    for mention in mentions:
        if mention.start >= at or not mention.words & titles:
            continue
        key = (len(mention.words & modifiers), mention.start)
        ranked[mention.name] = max(key, ranked.get(mention.name, key))
    order = sorted(ranked, key=lambda name: ranked[name], reverse=True)
    telling = not (modifiers - GENERIC_MODIFIERS) or bool(order and ranked[order[0]][0])
    return order, telling


def is_new_person_role(phrase: str) -> bool:
    """``the spokesman``: a role that, unmatched, means someone not yet named."""
    roles = role_nouns(phrase)
    return bool(roles) and roles[0] in NEW_PERSON_ROLES


def describe_mentions(body: str, names: list[tuple[int, int, str]]) -> list[Mention]:
    """Each named person's occurrence with its descriptors: up to five words before the name in
    the same clause (``Vermont Sen.``, ``Republican presidential candidate``) and an appositive
    after it (``, a Democratic congressman and civil rights leader``)."""
    mentions = []
    for start, end, name in names:
        segments = _CLAUSE_BREAK.split(body[max(0, start - 60) : start])
        before = segments[-1]
        if not before.strip() and len(segments) > 1:  # "Her spokesman, Tom Lee,"
            before = segments[-2]
        words = set(_after_last(_words(before), _NOT_DESCRIBING)[-5:])  # not "a spokesman for"
        after = body[end : end + 120]
        appositive = re.match(r",\s+(?:the|a|an|who\s+is\s+(?:the|a|an))\s+([^,.;:()“”\"]+)", after)
        if appositive:
            words |= set(_words(appositive.group(1)))
        mentions.append(Mention(start, name, frozenset(w.strip(".") for w in words)))
    return mentions


_NOT_DESCRIBING = {
    "for", "of", "to", "with", "by", "from", "at", "on", "in", "against", "about", "and", "or",
    "than", "like", "as", "said", "says", "told", "asked", "met", "called", "praised",
}  # fmt: skip


def _after_last(words: list[str], stops: set[str]) -> list[str]:
    """The words after the last of ``stops`` (the title that belongs to the name that follows)."""
    cut = max((k for k, w in enumerate(words) if w in stops), default=-1)
    return words[cut + 1 :]


def _words(text: str) -> list[str]:
    return [w.lower().replace("’s", "").replace("'s", "") for w in _WORD.findall(text)]
