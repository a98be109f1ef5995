"""Storylines: events linked over time into one developing story.

An event (a story of the engine) is tight: one happening, days long. A storyline follows a
subject for weeks or months (a leak and its fallout, a crisis over a season). A new event joins
the storyline of the event it is most similar to (mean cosine between the new event's articles
and that event's, on words and names: numbers are what differ from one event of a storyline to
the next) when three things hold:

- that similarity reaches ``storyline_threshold`` (dates more than ``storyline_window_days``
  apart weaken it as ``time_factor`` does for events);
- shared names carry at least ``storyline_name_share`` of it: a storyline goes on with the same
  people, places and bodies, while unrelated events of one kind (two towns' councils voting on
  a harbour) share only the vocabulary of their kind, and single links on it once glued every
  event of a feed into one storyline;
- the new event is similar enough to the storyline *as a whole* (its average link to the
  storyline's events reaches ``storyline_line_share`` times the threshold), so a chain of links
  through ever other names (Russia, then China, then Hong Kong's rates) stops.

The candidates come from an index over the signatures (centroid terms) of every event of the
storyline window, active or retired: an event retired from the story engine weeks ago is still
reachable here, while events keep their own tight threshold. An event is compared again each
time it doubles in size, and its storyline absorbs another when they now link; when two events
merge, so do their storylines. Storyline ids are stable: a merged id resolves to the survivor.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import TYPE_CHECKING

from storylens.stories.index import ActiveStory, StoryIndex, time_factor

if TYPE_CHECKING:
    from storylens.config import StorySettings
    from storylens.stories.repository import StoryRepository

RECENT_EVENTS_ARTICLES = 50_000
"""An event that grew during the last this many arrivals stays linkable whatever its dates."""
FIRST_LINE_CHECK = 2
LINE_EVENTS = 50
"""Events of a storyline (its most recent) a new event is compared with as a whole."""
NAMELESS_FACTOR = 2.0
"""Events without any name on one side (e.g. a script without capital letters, where names
cannot be found) link only at this many times ``storyline_threshold``: there is no name
evidence to ask for, so the words alone must say more. Not measured (no such storyline data)."""


def storyline_id_for(story_id: str) -> str:
    """Stable storyline id derived from the event that started it."""
    return "l-" + hashlib.sha1(story_id.encode("utf-8")).hexdigest()[:12]


class StorylineLinker:
    """Links the engine's events into storylines, online, through the engine's repository."""

    def __init__(self, repo: StoryRepository, settings: StorySettings) -> None:
        self.repo = repo
        self.settings = settings
        self.index = StoryIndex()
        self._events: dict[str, set[str]] = defaultdict(set)
        """Storyline id -> ids of its events held in memory (to relabel them on a merge)."""

    def put(self, story: ActiveStory) -> None:
        """(Re-)index an event whose centroid changed."""
        self.index.put(story)
        if story.storyline is not None:
            self._events[story.storyline].add(story.id)

    def forget(self, story_id: str) -> None:
        """An event merged away: its storyline is handled by :meth:`merged`."""
        story = self.index.remove(story_id)
        if story is not None and story.storyline is not None:
            self._events[story.storyline].discard(story_id)

    def link(self, story: ActiveStory) -> None:
        """Give a new event its storyline, or re-link a grown one (see the module doc)."""
        if story.storyline is None:
            best = self._best_event(story)
            story.storyline = best.storyline if best else storyline_id_for(story.id)
            story.line_check = max(FIRST_LINE_CHECK, 2 * story.size)
            self._events[story.storyline].add(story.id)
            if best is None:
                self.repo.new_storyline(story.storyline, story.id)
            return
        if story.size >= story.line_check:
            story.line_check = 2 * story.size
            best = self._best_event(story)
            if best is not None and best.storyline is not None:
                self._merge_lines(story.storyline, best.storyline)

    def merged(self, keep: ActiveStory, gone: ActiveStory) -> None:
        """Two events merged: their storylines are one from now on."""
        if gone.storyline is None:
            return
        if keep.storyline is None:
            keep.storyline = gone.storyline
            self._events[keep.storyline].add(keep.id)
        elif keep.storyline != gone.storyline:
            self._merge_lines(keep.storyline, gone.storyline)

    def split_off(self, part: ActiveStory, parent: ActiveStory) -> None:
        """A part split off an event stays in the event's storyline."""
        part.storyline = parent.storyline
        part.line_check = max(FIRST_LINE_CHECK, 2 * part.size)
        if part.storyline is not None:
            self._events[part.storyline].add(part.id)

    def storyline_of_story(self, story_id: str) -> str | None:
        story = self.index.get(story_id)
        line = story.storyline if story is not None else self.repo.storyline_of(story_id)
        return None if line is None else self.resolve(line)

    def resolve(self, line_id: str) -> str:
        seen = {line_id}
        while (target := self.repo.storyline_merged_into(line_id)) is not None and (
            target not in seen
        ):
            seen.add(target)
            line_id = target
        return line_id

    def retire(self, clock: float | None, n_docs: int) -> None:
        """Drop events older than the storyline window (by date and by arrival)."""
        horizon = None if clock is None else clock - self.settings.storyline_window_days
        gone = self.index.retired(horizon, n_docs - RECENT_EVENTS_ARTICLES)
        for story_id in gone:
            self.forget(story_id)
        self.repo.retire_from_storylines(gone)

    def load(self, clock: float | None, n_docs: int, active: StoryIndex) -> None:
        """Reload the events the last engine held: the active ones share their objects."""
        for story in self.repo.load_linkable():
            self.put(active.get(story.id) or story)
        for story in active.stories.values():
            self.put(story)

    # internals ----------------------------------------------------------------------------

    def _best_event(self, story: ActiveStory) -> ActiveStory | None:
        """The most similar event of another storyline that :meth:`_links` it, in a storyline
        that :meth:`_fits` it as a whole."""
        window = self.settings.storyline_window_days
        scored = []
        for other in self.index.candidates(story.centroid_sum, exclude=story.id):
            if other.storyline is None or other.storyline == story.storyline:
                continue
            words, names = _line_similarity(other, story)
            score = (words + names) * time_factor(_gap(other, story), window)
            if self._links(score, words, names, story, other):
                scored.append((score, other))
        scored.sort(key=lambda pair: (-pair[0], pair[1].id))
        fitted: dict[str, bool] = {}
        for _, other in scored:
            line = other.storyline or ""
            if line not in fitted:
                fitted[line] = self._fits(story, line)
            if fitted[line]:
                return other
        return None

    def _fits(self, story: ActiveStory, line: str) -> bool:
        """Average link between the event and the storyline's events in memory (each weighed
        by its articles, the most recent ``LINE_EVENTS``): a chain of single links through
        ever other names (Russia, then China, then Hong Kong's rates) does not pull an event
        into a storyline it shares little with as a whole."""
        share = self.settings.storyline_line_share
        if share <= 0:
            return True
        window = self.settings.storyline_window_days
        members = [self.index.get(i) for i in self._events.get(line, ())]
        events = sorted((e for e in members if e is not None and e.size), key=_recency)
        total = articles = 0.0
        for event in events[-LINE_EVENTS:]:
            words, names = _line_similarity(event, story)
            total += (words + names) * time_factor(_gap(event, story), window) * event.size
            articles += event.size
        return articles > 0 and total / articles >= share * self.settings.storyline_threshold

    def _links(
        self, score: float, words: float, names: float, a: ActiveStory, b: ActiveStory
    ) -> bool:
        """A link needs the similarity and shared names carrying part of it: events of one
        storyline name the same people, places and bodies (``storyline_min_names`` of them),
        while unrelated events of one kind (two councils, two strikes) share only the
        vocabulary of their kind, and unrelated single articles often one name of a platform or
        brand ("TV", "Instagram", "Apple"). Text without names on one side (scripts without
        capitals) needs twice the similarity instead."""
        threshold = self.settings.storyline_threshold
        if score < threshold:
            return False
        if not (_has_names(a) and _has_names(b)):
            return score >= threshold * NAMELESS_FACTOR
        if _shared_names(a, b) < self.settings.storyline_min_names:
            return False
        return names >= self.settings.storyline_name_share * (words + names)

    def _merge_lines(self, a: str, b: str) -> None:
        """Fold the storyline with fewer events in memory into the other (ids keep resolving)."""
        a, b = self.resolve(a), self.resolve(b)
        if a == b:
            return
        keep, gone = (a, b) if (len(self._events[a]), b) >= (len(self._events[b]), a) else (b, a)
        for story_id in self._events.pop(gone, set()):
            story = self.index.get(story_id)
            if story is not None:
                story.storyline = keep
                self._events[keep].add(story_id)
        self.repo.merge_storylines(gone, keep)


def _line_similarity(a: ActiveStory, b: ActiveStory) -> tuple[float, float]:
    """Average link between two events on words and names only, and the names' part of it:
    numbers (counts, scores, dates) tell one event from the next, while a storyline goes on
    with the same names."""
    words, names, _numbers = a.similarity_parts(b.centroid_sum, b.size)
    return words, names


def _shared_names(a: ActiveStory, b: ActiveStory) -> int:
    """Distinct names (``@`` terms) the two events' signatures share."""
    return sum(1 for term in a.centroid_sum.keys() & b.centroid_sum.keys() if term[0] == "@")


def _gap(a: ActiveStory, b: ActiveStory) -> float:
    return a.date_gap(b.dated_first, b.dated_last)


def _recency(story: ActiveStory) -> tuple[float, int]:
    return (story.dated_last if story.dated_last is not None else story.last_seen, story.seq)


def _has_names(story: ActiveStory) -> bool:
    return any(t[0] == "@" for t in story.centroid_sum)
