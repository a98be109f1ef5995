"""The active stories and an inverted index over their heaviest terms.

Finding candidate stories for a new article must not scan every story: each active story posts
its top terms, an article looks up only its own top terms, and terms posted by too many stories
(common words that say nothing about the event) are skipped. Stories whose last article is older
than the active window are evicted from memory; they stay in the store.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from storylens.stories.vectors import SparseVector, add_into, dot, prune, top_terms

CENTROID_TERMS = 200
"""Terms kept per story centroid: bounds memory per story, keeps the story's core vocabulary."""
INDEX_TERMS = 40
"""Heaviest centroid terms a story posts in the inverted index."""
QUERY_TERMS = 30
"""Heaviest terms of an article used to look up candidates."""
MAX_POSTING = 2_000
"""A term posted by more active stories than this is too common to find candidates with."""
MAX_CANDIDATES = 50


@dataclass(frozen=True)
class Member:
    """What a story remembers of one article to re-cluster it later without re-reading it."""

    title: str
    lead: str
    when: float
    date: float | None
    site: str | None
    weights: SparseVector
    """Raw (sublinear tf) weights of the article's heaviest terms, re-weighted by IDF on use."""


@dataclass
class ActiveStory:
    """A story's running state: the sum of its articles' unit vectors and its time span."""

    id: str
    title: str
    lead: str
    first_seen: float
    last_seen: float
    size: int = 0
    centroid_sum: SparseVector = field(default_factory=dict)
    outlets: set[str] = field(default_factory=set)
    dated_first: float | None = None
    dated_last: float | None = None
    """Span of the publication dates actually given (``first_seen`` also covers undated ones)."""
    members: dict[str, Member] = field(default_factory=dict)
    """The articles joined in this process, by id, kept for the cohesion check; empty
    for stories loaded from the store, which are then never split."""
    next_check: int = 0
    """Size at which the story's cohesion is checked next (see ``storylens.stories.split``)."""
    refresh_at: int = 0
    """Number of articles seen at which the story's IDF weights are refreshed next (0: never)."""
    seq: int = 0
    """Creation number: stories are reloaded in this order, as they were first indexed."""
    last_arrival: int = 0
    """Number of articles seen when the story last grew (retires undated stories)."""
    storyline: str | None = None
    """The storyline this event belongs to (see ``storylens.stories.storylines``)."""
    line_check: int = 0
    """Size at which the event is next compared with events of other storylines."""

    def similarity(self, vector: SparseVector, count: int = 1) -> float:
        """Average-link similarity: mean cosine between ``vector``'s and this story's articles.

        ``vector`` is a sum of ``count`` unit vectors (one article, or another story).
        """
        if not self.size or not count:
            return 0.0
        return dot(vector, self.centroid_sum) / (self.size * count)

    def similarity_and_names(self, vector: SparseVector, count: int = 1) -> tuple[float, float]:
        """:meth:`similarity`, and the part of it that shared names (``@`` terms) carry."""
        words, names, numbers = self.similarity_parts(vector, count)
        return words + names + numbers, names

    def similarity_parts(
        self, vector: SparseVector, count: int = 1
    ) -> tuple[float, float, float]:
        """:meth:`similarity` split by kind of evidence: words, names (``@``), numbers (``#``)."""
        if not self.size or not count:
            return 0.0, 0.0, 0.0
        words = names = numbers = 0.0
        centroid = self.centroid_sum
        # the few shared terms are found in C; sorted so the sum is the same in every process
        for term in sorted(vector.keys() & centroid.keys()):
            product = vector[term] * centroid[term]
            if term[0] == "@":
                names += product
            elif term[0] == "#":
                numbers += product
            else:
                words += product
        scale = self.size * count
        return words / scale, names / scale, numbers / scale

    def absorb(self, vector: SparseVector, count: int = 1) -> None:
        add_into(self.centroid_sum, vector)
        self.size += count
        if len(self.centroid_sum) > 2 * CENTROID_TERMS:
            self.centroid_sum = prune(self.centroid_sum, CENTROID_TERMS)

    def date_gap(self, first: float | None, last: float | None = None) -> float:
        """Days between a date span and this story's dated span (0 when they overlap or when
        either side has no date)."""
        last = first if last is None else last
        if first is None or last is None or self.dated_first is None or self.dated_last is None:
            return 0.0
        return max(0.0, first - self.dated_last, self.dated_first - last)

    def knows_all_members(self) -> bool:
        """True when every article of the story was joined in this process (splittable)."""
        return len(self.members) == self.size

    def within(self, when: float, window: float) -> bool:
        """True when ``when`` falls inside this story's span widened by the window."""
        return self.first_seen - window <= when <= self.last_seen + window


def time_factor(gap_days: float, window_days: float, decay: float = 2.0) -> float:
    """How much a date gap weakens textual similarity: not at all within the window, then as
    (window/gap)^decay. With decay 1 a gap of four windows quarters it: a follow-up a month
    after an event still joins if it shares much; a look-alike event a year later does not."""
    if gap_days <= window_days:
        return 1.0
    return (window_days / gap_days) ** decay


class StoryIndex:
    """Active stories by id, plus postings from their top terms to their ids."""

    def __init__(self) -> None:
        self.stories: dict[str, ActiveStory] = {}
        self._postings: dict[str, set[str]] = defaultdict(set)
        self._posted: dict[str, list[str]] = {}

    def __len__(self) -> int:
        return len(self.stories)

    def get(self, story_id: str) -> ActiveStory | None:
        return self.stories.get(story_id)

    def put(self, story: ActiveStory) -> None:
        """Insert or re-index a story after its centroid changed."""
        self.stories[story.id] = story
        new_terms = top_terms(story.centroid_sum, INDEX_TERMS)
        old_terms = self._posted.get(story.id, [])
        for term in set(old_terms) - set(new_terms):
            self._unpost(term, story.id)
        for term in new_terms:
            self._postings[term].add(story.id)
        self._posted[story.id] = new_terms

    def remove(self, story_id: str) -> ActiveStory | None:
        for term in self._posted.pop(story_id, []):
            self._unpost(term, story_id)
        return self.stories.pop(story_id, None)

    def candidates(self, vector: SparseVector, exclude: str | None = None) -> list[ActiveStory]:
        """Active stories sharing the vector's heaviest terms, most shared weight first."""
        shared: dict[str, float] = defaultdict(float)
        for term in top_terms(vector, QUERY_TERMS):
            posting = self._postings.get(term)
            if not posting or len(posting) > MAX_POSTING:
                continue
            for story_id in posting:
                shared[story_id] += vector[term]
        shared.pop(exclude or "", None)
        best = sorted(shared, key=shared.__getitem__, reverse=True)[:MAX_CANDIDATES]
        return [self.stories[s] for s in best]

    def retired(self, before: float | None, arrived_before: int) -> list[str]:
        """Ids of stories that last grew at or before the ``arrived_before``-th article and whose
        dated span (if any) ends before ``before`` (None: no date seen yet)."""
        return [
            s.id
            for s in self.stories.values()
            if s.last_arrival <= arrived_before
            and (before is None or s.dated_last is None or s.dated_last < before)
        ]

    def _unpost(self, term: str, story_id: str) -> None:
        posting = self._postings.get(term)
        if posting is not None:
            posting.discard(story_id)
            if not posting:
                del self._postings[term]
