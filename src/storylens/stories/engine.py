"""Online story assignment: one article at a time, never re-reading the store.

Each article becomes a unit TF-IDF vector (IDF from the articles seen so far) in which words,
names and numbers each carry a fixed share (``storylens.stories.vectors``). It joins the
active story with the highest *average-link* similarity (mean cosine to the story's articles,
computed in O(terms) from the sum of their vectors) if that reaches ``join_threshold``; otherwise
it starts a new story. After a story grows, it is compared the same way with other active
stories and merged when the average link between the two reaches the same threshold: this is
average-linkage agglomerative clustering, run incrementally, with one threshold (sides whose
names disagree are held to ``unnamed_join_factor`` times it: events of one kind in other places
share their words, not their names). A near-duplicate
(MinHash-LSH on body shingles) joins its original's story and is flagged.

Early decisions rest on little evidence, so each story gets a second chance as it grows: its
members are re-weighted with the current IDF and re-clustered with the same average link and
threshold, and the story splits when they fall apart (``storylens.stories.split``). An article's
current story is therefore :meth:`StoryEngine.story_of`, not always the one it was first given.

The IDF an early decision used goes stale fastest while the store is small or an event's words are
new. So each story is *refreshed* whenever the number of articles seen has grown by
``REFRESH_GROWTH`` since its last refresh: its centroid is re-weighted with the current IDF, and a
story still too small for the second chance (fewer than ``split.MIN_SIZE`` articles) is
re-linked: merged into the active story it now reaches the join threshold with (with
``relink_refreshed``, every story is: fragments of one event parted on early weights find each
other again once both are weighted by a settled IDF), and a story of at most three articles that
still reaches none merges into the one story it comes clearly closest to (``clear_winner_band``:
a short report left out of its event). Refreshes are
scheduled by document count, so a story is refreshed O(log n) times and, once the IDF has settled
(a long-running store), its window retires it before the next one is due.

Time separates events that share words: an article published more than ``active_window_days``
away from a story's *dated* span has its similarity weakened by ``time_factor`` (a follow-up
weeks later can still join when it shares much; a look-alike event a year later cannot).
Publication dates are the only times trusted: an article without one is matched on its text
alone (no time penalty applies to it) and adds nothing to its story's span, so a story's first
and last times are those of its dated articles. A story retires from memory once its dated span
is older than the window and it has not grown during the last ``recent_articles`` arrivals (an
undated feed retires by arrivals only).

Events are linked into *storylines* (``storylens.stories.storylines``): a new event joins the
storyline of the most similar event seen within ``storyline_window_days``, retired or not.

Everything the engine keeps in memory is written through the repository as it changes, so an
engine started on a store continues exactly where the last one stopped (a resumed or split run
gives the same stories as one run).
"""

from __future__ import annotations

import hashlib
import heapq
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from datasketch import MinHash

from storylens.config import SETTINGS, StorySettings
from storylens.models import Article, Assignment
from storylens.outlets import outlet_of as _outlet_of
from storylens.stories.checks import event_time, language_note
from storylens.stories.duplicates import (
    DuplicateIndex,
    signature,
    signature_bytes,
    signature_from_bytes,
)
from storylens.stories.embeddings import Embedder, StaticEmbedder, embedding_text
from storylens.stories.features import EVIDENCE_SHARES, TermCounts, article_terms, sublinear
from storylens.stories.index import CENTROID_TERMS, ActiveStory, Member, StoryIndex, time_factor
from storylens.stories.language import language_of
from storylens.stories.repository import (
    ArticleRecord,
    EngineMeta,
    MemoryRepository,
    StoryRepository,
)
from storylens.stories.split import (
    MAX_MEMBERS,
    MIN_SIZE,
    centroid_of,
    cohesive_groups,
    next_check,
    reweighted,
    same_time,
)
from storylens.stories.storylines import StorylineLinker
from storylens.stories.vectors import (
    DocumentFrequencies,
    SparseVector,
    prune,
    tfidf_unit_vector,
    top_terms,
)

if TYPE_CHECKING:
    from storylens.store import Store

NAME_SHARE = EVIDENCE_SHARES["@"]
COMPUTE = object()
"""Default of :meth:`StoryEngine.add`'s ``minhash``: compute the body's signature here."""
RETIRE_EVERY = 256
"""Evict retired stories from memory every this many articles seen (cheap, amortised)."""
REFRESH_GROWTH = 2.0
"""A story is refreshed (re-weighted, small ones re-linked) each time the number of articles seen
has grown by this factor since its centroid was last weighted; 0 turns refreshing off. Scores are
flat from 1.25 to 2.4 on the dev set; the largest such factor costs least."""
LEAD_CHARS = 240
MEMBER_TERMS = 100
"""Terms remembered per article for the cohesion check: its heaviest ones carry the event."""


@dataclass(frozen=True)
class _Prepared:
    """One article read for assignment: its vector, time, signature and notes."""

    article: Article
    vector: SparseVector
    weights: SparseVector
    """Raw weights of the heaviest terms, kept so the article can be re-weighted later."""
    terms: list[str]
    when: float
    """Publication date, else the engine clock (latest date seen), else 0: only for ordering."""
    date: float | None
    """Publication date when given and valid: the only time evidence trusted across outlets."""
    notes: list[str]
    minhash: MinHash | None


@dataclass(frozen=True)
class ArticleReading:
    """What assignment reads of an article on its own (no story state): its language and
    weighted term counts. The ingest pipeline computes it where the page was extracted, off the
    one assigner (:func:`read_article`)."""

    language: str | None
    counts: TermCounts


def read_article(article: Article) -> ArticleReading:
    """The article's language (as given, else identified) and its weighted term counts. A
    one-line item whose body is its headline is read once: the headline already counts as
    the title, and repeating it as the body would weigh its terms differently from others'."""
    title, body = (article.title or "").strip(), (article.body or "").strip()
    if body == title:
        body = ""
    language = language_of(article.language, title + "\n" + body)
    return ArticleReading(language, article_terms(title, body, language))


class StoryEngine:
    """Assign articles to stories online; persist through the store when one is given."""

    def __init__(self, store: Store | None = None, settings: StorySettings | None = None) -> None:
        self.settings = settings or SETTINGS.stories
        self.repo: StoryRepository = _repository_for(store)
        meta = self.repo.load_meta()
        self.clock: float | None = meta.clock
        self.df = DocumentFrequencies(meta.n_docs, loader=self.repo.load_df)
        self.index = StoryIndex()
        self.lines = StorylineLinker(self.repo, self.settings)
        self.duplicates = DuplicateIndex(
            self.settings.duplicate_jaccard,
            self.settings.duplicate_containment,
            self.settings.duplicate_candidates_from,
        )
        self._signature_times: dict[str, tuple[float, int]] = {}
        self._story_seq = meta.story_seq
        self._embedder: Embedder | None = None
        """Sentence embeddings for the second opinion (see ``_opinion``), loaded on first use."""
        self._refresh_queue: list[tuple[int, str]] = []
        """(articles seen when due, story id): a heap, so finding due stories is O(log n)."""
        self._load_active_window()

    # public API ---------------------------------------------------------------------------

    def add(
        self,
        article: Article,
        *,
        minhash: MinHash | object | None = COMPUTE,
        reading: ArticleReading | None = None,
    ) -> Assignment:
        """Assign one article to a story (new or existing) and record it.

        ``minhash`` is the body's near-duplicate signature when it was computed elsewhere (e.g.
        on a Dask worker); by default it is computed here. ``reading`` likewise is
        :func:`read_article` of this article when computed elsewhere."""
        existing = self.repo.assignment_of(article.id)
        if existing is not None:
            return _with_note(
                existing,
                f"duplicate id {article.id!r}: already assigned, not assigned again",
                story_id=self.resolve(existing.story_id),
            )
        prepared = self._prepare(article, minhash, reading)
        assignment = self._assign(prepared)
        self._record(prepared, assignment)
        self._refresh_due()
        if self.df.n_docs % RETIRE_EVERY == 0:
            self.retire()
        return assignment

    def storyline_of(self, article_id: str) -> str | None:
        """The storyline an article's event belongs to now, None if unknown."""
        story_id = self.story_of(article_id)
        return None if story_id is None else self.lines.storyline_of_story(story_id)

    def story_of(self, article_id: str) -> str | None:
        """The story an article belongs to now (after merges and splits), None if unknown."""
        assignment = self.repo.assignment_of(article_id)
        return None if assignment is None else self.resolve(assignment.story_id)

    def resolve(self, story_id: str) -> str:
        """The story an id now stands for, following merges (merged ids keep resolving)."""
        seen = {story_id}
        while (target := self.repo.merged_into(story_id)) is not None and target not in seen:
            seen.add(target)
            story_id = target
        return story_id

    def retire(self) -> int:
        """Drop stories and signatures that are both older than the active window (by date)
        and not recent (by arrival) from memory; the store forgets they were active."""
        horizon = None if self.clock is None else self.clock - self.settings.active_window_days
        recent = self.df.n_docs - self.settings.recent_articles
        gone = self.index.retired(horizon, recent)
        for story_id in gone:
            story = self.index.remove(story_id)
            if story is not None:
                story.members = {}
        old_signatures = [
            article_id
            for article_id, (when, arrival) in self._signature_times.items()
            if arrival <= recent and (horizon is None or when < horizon)
        ]
        for article_id in old_signatures:
            self.duplicates.remove(article_id)
            del self._signature_times[article_id]
        self.repo.retire(gone, old_signatures)
        self.lines.retire(self.clock, self.df.n_docs)
        return len(gone)

    # steps --------------------------------------------------------------------------------

    def _prepare(
        self,
        article: Article,
        minhash: MinHash | object | None = COMPUTE,
        reading: ArticleReading | None = None,
    ) -> _Prepared:
        notes: list[str] = []
        when, date_note = event_time(article.published)
        if date_note:
            notes.append(date_note)
        date = when
        if when is None:
            when = self.clock if self.clock is not None else 0.0
        else:
            self.clock = when if self.clock is None else max(self.clock, when)
        title, body = (article.title or "").strip(), (article.body or "").strip()
        notes.extend(_text_notes(title, body))
        reading = reading or read_article(article)
        language, counts = reading.language, reading.counts
        note = language_note(language)
        if note:
            notes.append(note)
        terms = self.df.observe(counts.counts)
        weights = sublinear(counts.counts)
        vector = tfidf_unit_vector(weights, self.df)
        kept = {t: weights[t] for t in top_terms(vector, MEMBER_TERMS)}
        if minhash is COMPUTE:
            minhash = signature(body)
        return _Prepared(article, vector, kept, terms, when, date, notes, minhash)  # type: ignore[arg-type]

    def _assign(self, prepared: _Prepared) -> Assignment:
        article = prepared.article
        original = self._find_duplicate(prepared)
        if original is not None:
            matched_id, jaccard = original
            original_id = self._first_of_copies(matched_id)
            story = self._story_of_article(matched_id)
            if story is not None:
                self._join(story, prepared)
                # A copy that carries more than its original (an update) may bridge two stories.
                story = self._merge_neighbours(story)
                story = self._second_chance(story, article.id)
                self.lines.link(story)
                return Assignment(
                    article.id,
                    story.id,
                    original_id,
                    round(jaccard, 4),
                    _join_notes(prepared.notes),
                )
        story, similarity = self._best_story(prepared)
        notes = prepared.notes
        if story is not None and (cosine := self._second_opinion(story, prepared, similarity)):
            notes = [*notes, f"joined on a second opinion (embedding cosine {cosine:.2f})"]
            self._join(story, prepared)
        elif story is None or similarity < self.settings.join_threshold:
            story = self._new_story(prepared)
            similarity = 0.0 if not prepared.vector else 1.0
        else:
            self._join(story, prepared)
        story = self._merge_neighbours(story)
        story = self._second_chance(story, article.id)
        self.lines.link(story)
        return Assignment(article.id, story.id, None, round(similarity, 4), _join_notes(notes))

    def _second_opinion(
        self, story: ActiveStory, prepared: _Prepared, similarity: float
    ) -> float | None:
        """Join ``story`` after all when TF-IDF is unsure (a score in the band below the join
        threshold) and the sentence embedding agrees: returns the cosine when it does (see
        :mod:`storylens.stories.embeddings`)."""
        threshold = self.settings.join_threshold
        if not self.settings.second_opinion_band * threshold <= similarity < threshold:
            return None
        if not self._names_agree(story, prepared.vector):
            return None
        article = prepared.article
        text = embedding_text(article.title or "", _lead(article.body))
        return self._opinion(article.id, text, story)

    def _opinion(self, key: str, text: str, story: ActiveStory) -> float | None:
        """The embedding cosine between ``text`` and the mean of ``story``'s members when it
        reaches the model's cosine setting (None otherwise, or when no embedding is asked): the
        static model shipped in the package, or MiniLM when ``second_opinion`` is set."""
        settings = self.settings
        if not (settings.second_opinion or settings.static_opinion):
            return None
        if not story.knows_all_members() or key in story.members:
            return None
        if self._embedder is None:
            self._embedder = Embedder() if settings.second_opinion else StaticEmbedder()
        cosine = self._embedder.cosine_to_mean(
            key, text, {a: embedding_text(m.title, m.lead) for a, m in story.members.items()}
        )
        enough = (
            settings.second_opinion_cosine if settings.second_opinion
            else settings.static_opinion_cosine
        )  # fmt: skip
        return cosine if cosine >= enough else None

    @staticmethod
    def _names_agree(story: ActiveStory, vector: SparseVector) -> bool:
        """An embedding sees the topic, not who: it may vouch for a join only when the two sides
        share a name, never across a look-alike event whose people and places all differ (two
        players' DUI arrests)."""
        _, names = story.similarity_and_names(vector, 1)
        return names > 0

    def _relink_on_opinion(self, story: ActiveStory) -> ActiveStory:
        """A story still of one article at its re-link merges into the story it comes closest
        to from ``second_opinion_relink`` times the join threshold when the embedding agrees:
        most articles left alone have their event's story just under the threshold."""
        band = self.settings.second_opinion_relink * self.settings.join_threshold
        if story.size != 1 or band <= 0 or not story.knows_all_members():
            return story
        best, best_score = None, band
        for other, _gap, score in self._neighbours(story):
            if score >= best_score:
                best, best_score = other, score
        if best is None or best_score >= self.settings.join_threshold:
            return story
        if not self._names_agree(best, story.centroid_sum):
            return story
        ((article_id, member),) = story.members.items()
        if self._opinion(article_id, embedding_text(member.title, member.lead), best) is None:
            return story
        return self._merge(story, best)

    def _relink_clear_winner(self, story: ActiveStory) -> ActiveStory:
        """A small story (``clear_winner_size``) merges into the story it comes closest to from
        ``clear_winner_band`` times the join threshold when no other story comes near
        (``clear_winner_margin`` times the runner-up): a short report left out of its event
        has nowhere else to go, while one between two look-alike events has two near
        stories and stays alone. A story reported weeks apart is never the winner: the date
        gap, not a lack of shared terms, keeps them apart. Only the candidates the index
        already yields are scored."""
        settings = self.settings
        band = settings.clear_winner_band * settings.join_threshold
        if band <= 0 or story.size > settings.clear_winner_size:
            return story
        best, best_score, runner_up = None, 0.0, 0.0
        for other, gap, score in self._neighbours(story):
            if gap > settings.active_window_days:
                runner_up = max(runner_up, score)  # weeks apart: a new event, never the winner
            elif score > best_score:
                best, best_score, runner_up = other, score, max(runner_up, best_score)
            else:
                runner_up = max(runner_up, score)
        if best is None or best_score < max(band, settings.clear_winner_margin * runner_up):
            return story
        return self._merge(story, best)

    def _first_of_copies(self, article_id: str) -> str:
        """The article a chain of copies started from: a copy of a copy is a copy of the
        original (the first stored), as a reader of the story expects."""
        seen = {article_id}
        while (found := self.repo.assignment_of(article_id)) is not None and (
            found.duplicate_of and found.duplicate_of not in seen
        ):
            article_id = found.duplicate_of
            seen.add(article_id)
        return article_id

    def _find_duplicate(self, prepared: _Prepared) -> tuple[str, float] | None:
        if prepared.minhash is None:
            return None
        return self.duplicates.find(prepared.minhash)

    def _story_of_article(self, article_id: str) -> ActiveStory | None:
        assignment = self.repo.assignment_of(article_id)
        if assignment is None:
            return None
        return self.index.get(self.resolve(assignment.story_id))

    def _timed(self, similarity: float, gap_days: float) -> float:
        """Similarity weakened by the date gap (``time_factor``), unless the texts agree so
        strongly (``strong_match`` times the join threshold) that only a follow-up of the same
        event can explain it: ECB+ events are reported on for weeks and months."""
        settings = self.settings
        if similarity >= settings.strong_match * settings.join_threshold:
            return similarity
        return similarity * time_factor(gap_days, settings.active_window_days, settings.time_decay)

    def _scored(
        self, story: ActiveStory, vector: SparseVector, count: int, gap_days: float
    ) -> float:
        """Average-link similarity, weakened by the date gap (``_timed``) unless the two sides
        agree on their names (the names' part of the cosine over the names' share) at
        ``name_bridge`` and are at most ``name_bridge_days`` apart: a follow-up weeks later names
        the same people and places, while a look-alike event shares its words, not its names.
        Sides whose names do not agree are also held to ``unnamed_join_factor`` times every
        threshold: events of one kind in other places share their whole vocabulary. Shared
        numbers count up to ``number_corroboration`` times what words and names give: alone
        they are coincidence (two unrelated pages sharing "26" and "450")."""
        words, names, numbers = story.similarity_parts(vector, count)
        settings = self.settings
        told = words + names
        if settings.number_corroboration != float("inf"):  # inf * 0 would be nan
            numbers = min(numbers, settings.number_corroboration * told)
        total = told + numbers
        agree = names >= settings.name_bridge * NAME_SHARE
        if not agree:
            total /= max(1.0, settings.unnamed_join_factor)
        if agree and gap_days <= settings.name_bridge_days:
            return total
        return self._timed(total, gap_days)

    def _neighbours(self, story: ActiveStory) -> Iterator[tuple[ActiveStory, float, float]]:
        """The active stories the index offers for ``story``, each with its date gap to it and
        its :meth:`_scored` similarity."""
        for other in self.index.candidates(story.centroid_sum, exclude=story.id):
            gap = other.date_gap(story.dated_first, story.dated_last)
            yield other, gap, self._scored(other, story.centroid_sum, story.size, gap)

    def _best_story(self, prepared: _Prepared) -> tuple[ActiveStory | None, float]:
        best, best_score = None, 0.0
        for story in self.index.candidates(prepared.vector):
            gap = story.date_gap(prepared.date)
            score = self._scored(story, prepared.vector, 1, gap)
            if score > best_score:
                best, best_score = story, score
        return best, best_score

    def _new_story(self, prepared: _Prepared) -> ActiveStory:
        article = prepared.article
        story = ActiveStory(
            id=story_id_for(article.id),
            title=(article.title or "").strip() or _headline_from(article.body),
            lead=_lead(article.body),
            first_seen=prepared.when,
            last_seen=prepared.when,
        )
        self._number(story)
        self._join(story, prepared)
        self._schedule_refresh(story)
        return story

    def _join(self, story: ActiveStory, prepared: _Prepared) -> None:
        article = prepared.article
        story.absorb(prepared.vector)
        story.first_seen = min(story.first_seen, prepared.when)
        story.last_seen = max(story.last_seen, prepared.when)
        story.last_arrival = self.df.n_docs
        outlet = outlet_of(article)
        if outlet:
            story.outlets.add(outlet)
        if prepared.date is not None:
            story.dated_first = _earliest(story.dated_first, prepared.date)
            story.dated_last = _latest(story.dated_last, prepared.date)
        if not story.title and (article.title or "").strip():
            story.title = article.title.strip()
        member = Member(
            title=(article.title or "").strip(),
            lead=_lead(article.body),
            when=prepared.when,
            date=prepared.date,
            site=outlet,
            weights=prepared.weights,
        )
        if len(story.members) == story.size - 1:  # it still remembers every article
            story.members[article.id] = member
            self.repo.add_member(story.id, article.id, member)
        self._put(story)

    def _merge_neighbours(self, story: ActiveStory, threshold: float | None = None) -> ActiveStory:
        """Merge ``story`` with any active story it now links to at ``threshold`` (default: the
        join threshold)."""
        while True:
            base = threshold or self.settings.join_threshold
            best, best_score = None, base
            for other, _gap, score in self._neighbours(story):
                if score >= max(best_score, self._merge_floor(story, other, base)):
                    best, best_score = other, score
            if best is None:
                return story
            story = self._merge(story, best)

    def _merge_floor(self, a: ActiveStory, b: ActiveStory, threshold: float) -> float:
        """Two stories that could each be a part of the cohesion check (``min_part`` articles)
        merge only at ``part_threshold``, else the check would split them again; unless both
        were published over the same days (``part_same_time``), which the check does not cut."""
        settings = self.settings
        if settings.part_threshold and min(a.size, b.size) >= settings.min_part:
            if settings.part_same_time and same_time(_dated_span(a), _dated_span(b)):
                return threshold  # two fragments of one event, reported over the same days
            return max(threshold, settings.part_threshold)
        return threshold

    def _merge(self, a: ActiveStory, b: ActiveStory) -> ActiveStory:
        """Fold the smaller story into the larger (the older on a tie); the id of the other
        keeps resolving to the survivor."""
        keep, gone = (a, b) if (a.size, -a.first_seen) >= (b.size, -b.first_seen) else (b, a)
        self.index.remove(gone.id)
        self.lines.forget(gone.id)
        keep.absorb(gone.centroid_sum, gone.size)
        keep.first_seen = min(keep.first_seen, gone.first_seen)
        keep.last_seen = max(keep.last_seen, gone.last_seen)
        keep.outlets |= gone.outlets
        keep.dated_first = _earliest(keep.dated_first, gone.dated_first)
        keep.dated_last = _latest(keep.dated_last, gone.dated_last)
        keep.members |= gone.members
        keep.last_arrival = max(keep.last_arrival, gone.last_arrival)
        keep.next_check = max(keep.next_check, gone.next_check)
        self._put(keep)
        self.repo.mark_merged(gone.id, keep.id)
        self.lines.merged(keep, gone)
        self.repo.save_story(keep)
        return keep

    def _second_chance(self, story: ActiveStory, article_id: str) -> ActiveStory:
        """Re-cluster a story that has grown enough since its last check (see ``split``);
        split it if its members no longer hold together. Returns the story of ``article_id``."""
        if story.size < story.next_check or not story.knows_all_members():
            return story
        story.next_check = next_check(story.size)
        if story.size > MAX_MEMBERS:
            story.members = {}  # established: never re-clustered, so free what it remembers
            self.repo.drop_members(story.id)
            return story
        members = story.members
        vectors = reweighted({a: m.weights for a, m in members.items()}, self.df)
        settings = self.settings
        groups = cohesive_groups(
            vectors,
            settings.join_threshold,
            settings.part_threshold or None,
            settings.min_part,
            {a: m.date for a, m in members.items()} if settings.part_same_time else None,
        )
        self._rebuild(story, {a: members[a] for a in groups[0]}, vectors)
        self._schedule_refresh(story)  # just re-weighted: the next refresh can wait
        home = story
        for group in groups[1:]:
            part = self._split_off({a: members[a] for a in group}, vectors, story)
            if article_id in group:
                home = part
        self._put(story)
        self.repo.save_story(story)
        return home

    def _split_off(
        self, members: dict[str, Member], vectors: dict[str, SparseVector], parent: ActiveStory
    ) -> ActiveStory:
        """A new story for ``members``, split off their story (moved in the store as well)."""
        group = list(members)
        part = ActiveStory(story_id_for(f"{group[0]}@{self.df.n_docs}"), "", "", 0.0, 0.0)
        self._number(part)
        self._rebuild(part, members, vectors)
        part.last_arrival = self.df.n_docs
        part.next_check = next_check(part.size)
        self._schedule_refresh(part)
        self._put(part)
        self.repo.save_story(part)
        self.repo.move_articles(group, part.id)
        self.lines.split_off(part, parent)
        self.repo.save_story(part)
        return part

    @staticmethod
    def _rebuild(
        story: ActiveStory, members: dict[str, Member], vectors: dict[str, SparseVector]
    ) -> None:
        """Reset a story's centroid, size and spans from ``members`` (fresh IDF weights)."""
        story.members = members
        story.size = len(members)
        story.centroid_sum = prune(centroid_of([vectors[a] for a in members]), CENTROID_TERMS)
        whens = [m.when for m in members.values()]
        dates = [m.date for m in members.values() if m.date is not None]
        story.first_seen, story.last_seen = min(whens), max(whens)
        story.dated_first = min(dates) if dates else None
        story.dated_last = max(dates) if dates else None
        story.outlets = {m.site for m in members.values() if m.site}
        first = min(members.values(), key=lambda m: m.when)
        story.title, story.lead = first.title or story.title, first.lead or story.lead

    def _schedule_refresh(self, story: ActiveStory) -> None:
        if REFRESH_GROWTH <= 0:
            return
        n_docs = self.df.n_docs
        story.refresh_at = max(n_docs + 1, math.ceil(n_docs * REFRESH_GROWTH))
        delay = self.settings.singleton_delay
        if story.size <= self.settings.delay_size and delay > 0:
            story.refresh_at = min(story.refresh_at, n_docs + delay)
        heapq.heappush(self._refresh_queue, (story.refresh_at, story.id))

    def _refresh_due(self) -> None:
        """Refresh the stories whose IDF weights are due (see the module doc)."""
        queue = self._refresh_queue
        while queue and queue[0][0] <= self.df.n_docs:
            due, story_id = heapq.heappop(queue)
            story = self.index.get(story_id)
            if story is None or story.refresh_at != due or not story.knows_all_members():
                continue  # merged away, retired, rescheduled, or too large to remember
            story = self._refresh(story)
            if story.refresh_at <= self.df.n_docs:
                self._schedule_refresh(story)
                self.repo.save_story(story)

    def _refresh(self, story: ActiveStory) -> ActiveStory:
        """Re-weight a story's centroid with the current IDF; re-link it if it is small (any
        story with ``relink_refreshed``). Returns the story it is part of afterwards."""
        weights = {a: m.weights for a, m in story.members.items()}
        vectors = reweighted(weights, self.df)
        story.centroid_sum = prune(centroid_of(list(vectors.values())), CENTROID_TERMS)
        self._put(story)
        self.repo.save_story(story)
        threshold = self.settings.join_threshold
        if story.size == 1 and self.settings.singleton_delay > 0:
            threshold *= self.settings.singleton_join
        if story.size < MIN_SIZE or self.settings.relink_refreshed:
            merged = self._merge_neighbours(story, threshold)
            if merged is story:
                merged = self._relink_on_opinion(story)
            if merged is story:
                merged = self._relink_clear_winner(story)
            if merged is not story:
                self.repo.save_story(merged)
                return merged
        return story

    def _record(self, prepared: _Prepared, assignment: Assignment) -> None:
        article = prepared.article
        if prepared.minhash is not None:
            self.duplicates.add(article.id, prepared.minhash, self.df.n_docs)
            self._signature_times[article.id] = (prepared.when, self.df.n_docs)
        record = ArticleRecord(
            assignment=assignment,
            when=prepared.when,
            published=article.published,
            title=article.title or "",
            site=outlet_of(article),
            terms=prepared.terms,
            signature=signature_bytes(prepared.minhash) if prepared.minhash else None,
        )
        self.repo.record_article(
            record, EngineMeta(self.df.n_docs, self.clock, self._story_seq)
        )
        story = self.index.get(assignment.story_id)
        if story is not None:
            self.repo.save_story(story)

    def _number(self, story: ActiveStory) -> None:
        """Give a new story its creation number: the order stories are reloaded in."""
        self._story_seq += 1
        story.seq = self._story_seq

    def _put(self, story: ActiveStory) -> None:
        """(Re-)index a story whose centroid changed, for events and for storylines."""
        self.index.put(story)
        self.lines.put(story)

    def _load_active_window(self) -> None:
        """Reload exactly what the last engine on this store held in memory."""
        since = None if self.clock is None else self.clock - self.settings.active_window_days
        for story in self.repo.load_active(since):
            self.index.put(story)
            if story.refresh_at:
                heapq.heappush(self._refresh_queue, (story.refresh_at, story.id))
        for article_id, data, when, arrival in self.repo.load_signatures(since):
            self.duplicates.add(article_id, signature_from_bytes(data), arrival)
            self._signature_times[article_id] = (when, arrival)
        self.lines.load(self.clock, self.df.n_docs, self.index)


def outlet_of(article: Article) -> str | None:
    """The outlet the article's site or URL names (see :mod:`storylens.outlets`)."""
    return _outlet_of(article.site, article.url)


def story_id_for(article_id: str) -> str:
    """Stable story id derived from the article that started it (article ids are unique)."""
    return "s-" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:12]


def _repository_for(store: Store | None) -> StoryRepository:
    if store is None:
        return MemoryRepository()
    from storylens.stories.storage import StoreStoryRepository

    return StoreStoryRepository(store)


def _text_notes(title: str, body: str) -> list[str]:
    if not title and not body:
        return ["no usable text: started a story of its own"]
    notes = []
    if not title:
        notes.append("no title: headline taken from the body")
    if not body:
        notes.append("no body: assigned on the title alone")
    return notes


def _headline_from(body: str, limit: int = 120) -> str:
    first = re.split(r"(?<=[.!?])\s", (body or "").strip(), maxsplit=1)[0]
    return first[:limit].strip() or "(untitled)"


def _lead(body: str) -> str:
    text = " ".join((body or "").split())
    return text if len(text) <= LEAD_CHARS else text[: LEAD_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _join_notes(notes: list[str]) -> str | None:
    return "; ".join(notes) if notes else None


def _with_note(assignment: Assignment, note: str, *, story_id: str) -> Assignment:
    notes = [n for n in (assignment.note, note) if n]
    return Assignment(
        assignment.article_id,
        story_id,
        assignment.duplicate_of,
        assignment.similarity,
        "; ".join(notes),
    )


def _dated_span(story: ActiveStory) -> tuple[float, float] | None:
    if story.dated_first is None or story.dated_last is None:
        return None
    return story.dated_first, story.dated_last


def _earliest(a: float | None, b: float | None) -> float | None:
    return b if a is None else a if b is None else min(a, b)


def _latest(a: float | None, b: float | None) -> float | None:
    return b if a is None else a if b is None else max(a, b)

