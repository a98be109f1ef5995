"""Story-level comparison: the sentences of all articles clustered into facts, article by article.

Each new sentence is matched only against the *representatives* of existing facts that share one
of its rarest content words (an inverted index: candidate retrieval), and judged against a handful
of them, so adding an article costs about its own sentence count, and the whole story grows
linearly with its articles, never with their pairs. A fact lists every report of it: the article,
the wording, how it relates to the fact's first report (same / partial with the words added and
dropped / conflict with both spans), and whether it is a (lightly reworded) copy. "Only in X" is a
fact with one report. Who copied whom comes from the copied reports, first report -> later one.
A sentence reports its closest fact and, when it states more (a lead that says in one sentence
what another outlet says in three), up to two more: those extra reports are marked ``also``.
"""

from __future__ import annotations

import hashlib
from collections import Counter, OrderedDict, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

from rapidfuzz import fuzz

from storylens.compare.align import may_contain
from storylens.compare.conflicts import Clash, find_clashes
from storylens.compare.judge import (
    Judged,
    JudgeModel,
    Prepared,
    judge_pairs_unless_different,
    judge_tokens,
    load_model,
    may_relate,
    prepare,
    word_weight,
)
from storylens.compare.packing import (
    ShippedUnits,
    pack_floats,
    pack_prepared,
    pack_words,
    unpack_floats,
    unpack_prepared,
    unpack_words,
)
from storylens.compare.reuse import MIN_COPIED_WORDS, rewritten_reports
from storylens.compare.sentences import is_page_furniture, split_sentences
from storylens.compare.text import STOPWORDS, stem
from storylens.config import SETTINGS
from storylens.models import Article, PreparedFacts
from storylens.timestamps import parse_time
from storylens.writing import token_count

Relation = Literal["first", "same", "partial", "conflict"]

INDEX_WORDS = 6
"""A fact is listed in the index under this many of its first report's rarest content words,
and a sentence looks up its closest fact through as many of its own."""
CANDIDATES = 8
"""At most this many facts (best word overlap first) are judged per sentence for its closest."""
QUERY_WORDS = 12
"""A sentence looks up the other facts it may also report through this many of its rarest
content words: a fact listed under "airstrikes" and "Israel" is found by a sentence whose
rarest words are "Hezbollah" and "strikes" but which names Israel too."""
ALSO_CANDIDATES = 4
"""At most this many more facts are judged per sentence for :data:`ALSO_REPORTS`."""
ALSO_REPORTS = 2
"""Facts a sentence reports besides its closest one, at most: a lead sentence often states
what another outlet says in two or three sentences (each its own fact), and a sentence held
only by its closest fact would leave the others "only in" that outlet."""
ALSO_RARE_SHARE = 0.05
"""See :meth:`FactIndex._specific_link`: a word in at most this share of the story's facts."""
ALSO_MIN_OVERLAP = 0.17
"""A sentence also reports a fact only when this share of the shorter one's content
(IDF-weighted, :attr:`Judged.overlap`) is in the other: the judge calls two sentences of one
story "partial" on its topic words alone (a minister's interview and a summit's working group,
both "Russian" and "Syria"), which would make one outlet's own details look shared."""
RECENT_POSTINGS = 256
"""Facts looked at per index word: the most recent this many. A word listed under more facts
is common in the story and says little; without the bound each sentence's lookup grows with
the story, and folding a story (or a huge page) grows with the square of its sentences."""
COPY_RATIO = 0.7
"""Character similarity to the first report above which a report is a (reworded) copy."""
VERBATIM_RATIO = 0.9
CONFLICT_MIN = 0.5
"""Content overlap a report needs with the fact before a differing detail is a conflict."""


@dataclass
class Conflict:
    """Two reports of one fact disagreeing; offsets index each article's body."""

    kind: str
    first_article_id: str
    first_start: int
    first_end: int
    first_text: str
    article_id: str
    start: int
    end: int
    text: str


@dataclass
class Report:
    """One article's sentence reporting a fact, and how it relates to the fact's first report."""

    article_id: str
    start: int
    end: int
    text: str
    relation: Relation
    p_same: float = 1.0
    copied: bool = False
    verbatim: bool = False
    added: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    published: str | None = None
    """The reporting article's publication time (ISO 8601) when known."""
    also: bool = False
    """The sentence reports this fact besides a closer one (or the fact's first report is
    such a sentence of an article already in it): it shares the fact, but is never counted
    as a copy or checked for a conflict here, where the closer fact speaks for it."""


@dataclass
class Fact:
    """A statement of the story, with every article that reports it (the first report first)."""

    id: int
    reports: list[Report]

    @property
    def first(self) -> Report:
        return self.reports[0]

    @property
    def article_ids(self) -> list[str]:
        return [r.article_id for r in self.reports]

    def first_reported_by(self, published: dict[str, str | None]) -> str:
        """The article that had the fact first: earliest publication time among its reports
        (articles folded in late but published early count), else the first folded in."""
        dated = [(published[r.article_id], k) for k, r in enumerate(self.reports)
                 if published.get(r.article_id)]  # fmt: skip
        return self.reports[min(dated)[1]].article_id if dated else self.first.article_id

    def to_dict(self, published: dict[str, str | None] | None = None) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.first.text,
            "first_article_id": self.first_reported_by(published or {}),
            "articles": len(self.reports),
            "conflicts": sum(len(r.conflicts) for r in self.reports),
            "reports": [asdict(r) for r in self.reports],
        }


@dataclass
class _Entry:
    fact: Fact
    prepared: Prepared
    surface: str | None = None
    """The first report's words with their stems (:func:`surface_stems`), when known."""


class FactIndex:
    """The facts of one story so far; :meth:`add_article` folds in one more article."""

    def __init__(
        self, facts: list[Fact] | None = None, languages: dict[str, str | None] | None = None
    ) -> None:
        """``facts`` stored earlier, each read again in the language of its first report's
        article (``languages``: article id -> language; English when not given)."""
        self.entries: list[_Entry] = []
        self.postings: dict[str, list[int]] = defaultdict(list)
        self.fact_df: Counter[str] = Counter()
        """In how many facts' first reports each content stem is (the story's own rarity)."""
        seen: dict[str, None] = {}
        languages = languages or {}
        for fact in facts or []:
            self._index(fact, language=languages.get(fact.first.article_id))
            for aid in fact.article_ids:
                seen.setdefault(aid, None)
        self.article_ids = list(seen)

    @property
    def article_ids(self) -> list[str]:
        """The articles folded in, in folding order."""
        return self._article_ids

    @article_ids.setter
    def article_ids(self, ids: list[str]) -> None:
        self._article_ids = list(ids)
        self._folded = set(self._article_ids)  # membership without scanning the story

    def holds(self, article_id: str) -> bool:
        return article_id in self._folded

    @property
    def facts(self) -> list[Fact]:
        return [e.fact for e in self.entries]

    def _index(
        self, fact: Fact, unit: FactUnit | None = None, language: str | None = None
    ) -> None:
        if unit is None:
            prepared = prepare(fact.first.text, language)
            keys, surface = _rarest(prepared)[:INDEX_WORDS], None
        else:
            prepared, keys, surface = unit.prepared, unit.keys[:INDEX_WORDS], unit.surface
        self.entries.append(_Entry(fact, prepared, surface))
        self.fact_df.update(prepared.content_set)
        for word in keys:
            self.postings[word].append(len(self.entries) - 1)

    def add_article(self, article: Article, facts: PreparedFacts | None = None) -> list[Fact]:
        """Fold one article's sentences into the facts; returns the facts it touched.

        Each sentence first joins its closest fact not yet reported by the article (or opens
        a new one); then, once every sentence has its own, it also joins up to
        :data:`ALSO_REPORTS` other facts it relates to (:meth:`_also_report`).
        ``facts`` is the article as :func:`prepare_article_facts` prepared it (elsewhere, ahead
        of time); without it, or when it was prepared from another body, it is prepared here."""
        if self.holds(article.id):
            return []
        self._article_ids.append(article.id)
        self._folded.add(article.id)
        touched: dict[int, Fact] = {}
        taken: set[int] = set()
        opened: set[int] = set()
        homes: list[tuple[FactUnit, int, list[tuple[int, Judged]]]] = []
        for unit in fact_units(article, facts):
            closest, others = self._candidates(unit, opened, taken)
            related = self._related(unit, closest)
            if related:
                k, verdict = related[0]
                self.entries[k].fact.reports.append(self._report(k, article, unit, verdict))
            else:
                k = len(self.entries)
                first = Report(article.id, unit.start, unit.end, unit.prepared.text, "first")
                first.published = article.published
                self._index(Fact(k, [first]), unit)
                opened.add(k)  # its own later sentences are other facts
            taken.add(k)
            touched[k] = self.entries[k].fact
            homes.append((unit, k, self._also_related(unit, related[1:], others, k in opened)))
        for unit, home, also in homes:
            for k in self._also_report(article, unit, home, also, taken, opened):
                touched[k] = self.entries[k].fact
        return list(touched.values())

    def _related(
        self, unit: FactUnit, candidates: list[int], min_overlap: float = 0.0
    ) -> list[tuple[int, Judged]]:
        """The candidate facts the judge relates the sentence to (sharing at least
        ``min_overlap`` of their content), closest first."""
        candidates = [k for k in candidates
                      if may_relate(self.entries[k].prepared, unit.prepared)]  # else different
        verdicts = _judged([self.entries[k].prepared for k in candidates], unit.prepared,
                           min_overlap)  # fmt: skip
        related = [(k, v) for k, v in zip(candidates, verdicts, strict=True) if v is not None]
        return sorted(related, key=_closeness, reverse=True)

    def _also_related(
        self,
        unit: FactUnit,
        judged: list[tuple[int, Judged]],
        others: list[int],
        own_fact: bool,
    ) -> list[tuple[int, Judged]]:
        """The facts besides its closest that the sentence may also report, closest first:
        those already ``judged`` related, and those of ``others`` the judge relates it to,
        each with an overlap of :data:`ALSO_MIN_OVERLAP` and a specific word
        (:meth:`_specific_link`). Both word tests run before the judge's costly features:
        they rule out most of the ``others``."""
        also = [(k, verdict) for k, verdict in judged
                if verdict.overlap >= ALSO_MIN_OVERLAP
                and self._specific_link(k, own_fact, unit)]  # fmt: skip
        specific = [k for k in others if self._specific_link(k, own_fact, unit)]
        also += self._related(unit, specific, ALSO_MIN_OVERLAP)
        return sorted(also, key=_closeness, reverse=True)

    def _report(
        self, k: int, article: Article, unit: FactUnit, verdict: Judged, also: bool = False
    ) -> Report:
        """The sentence's report of fact ``k``, compared with the fact's first report."""
        entry = self.entries[k]
        wording = Wording(entry.prepared, self._first_surface(k), unit.prepared, unit.surface)
        return _report(entry.fact.first, wording, article.id, unit.start, unit.end,
                       verdict.outcome, verdict.p_same, verdict.overlap, article.published,
                       also)  # fmt: skip

    def _first_surface(self, k: int) -> str:
        """Fact ``k``'s first report's :func:`surface_stems`, worked out once per loaded fact."""
        entry = self.entries[k]
        if entry.surface is None:
            entry.surface = surface_stems(entry.fact.first.text)
        return entry.surface

    def _also_report(
        self,
        article: Article,
        unit: FactUnit,
        home: int,
        related: list[tuple[int, Judged]],
        taken: set[int],
        opened: set[int],
    ) -> list[int]:
        """Join the sentence to the other facts it relates to (the facts changed).

        A fact the article does not report yet gets the sentence as a report; a fact it
        already reports through another sentence lends its first report to the fact this
        sentence opened, when that one lacks the first report's article: the other outlet
        says in one sentence what this one says in two."""
        changed: list[int] = []
        for k, verdict in related:
            if len(changed) >= ALSO_REPORTS:
                break
            if k == home:
                continue
            if k not in taken:
                self.entries[k].fact.reports.append(
                    self._report(k, article, unit, verdict, also=True)
                )
                taken.add(k)
                changed.append(k)
            elif home in opened and self._lend_first(k, home, unit, verdict):
                changed.append(home)
        return changed

    def _specific_link(self, k: int, own_fact: bool, unit: FactUnit) -> bool:
        """Whether the sentence shares with fact ``k``'s first report a word few of the
        story's facts have (at most :data:`ALSO_RARE_SHARE` of them, at least one): what two
        sentences of one story share through its topic words alone ("Russia", "Syria",
        "forces") is no fact. ``own_fact``: the sentence opened a fact of its own, whose
        words are counted once more."""
        limit = max(1.0, ALSO_RARE_SHARE * len(self.entries)) + (1 if own_fact else 0)
        shared = self.entries[k].prepared.content_set & unit.prepared.content_set
        return any(self.fact_df[word] <= limit for word in shared)

    def _lend_first(self, k: int, home: int, unit: FactUnit, verdict: Judged) -> bool:
        """Add fact ``k``'s first report to fact ``home`` (first reported by ``unit``), unless
        ``home`` already holds that article."""
        lent, fact = self.entries[k].fact.first, self.entries[home].fact
        if lent.article_id in fact.article_ids:
            return False
        wording = Wording(unit.prepared, unit.surface, self.entries[k].prepared,
                          self._first_surface(k))  # fmt: skip
        fact.reports.append(_report(fact.first, wording, lent.article_id, lent.start, lent.end,
                                    verdict.outcome, verdict.p_same, verdict.overlap,
                                    lent.published, also=True))  # fmt: skip
        return True

    def _candidates(
        self, unit: FactUnit, opened: set[int], taken: set[int]
    ) -> tuple[list[int], list[int]]:
        """Facts sharing the sentence's rarest words (its ``keys``: :func:`_rarest`, with
        their rarities), most shared weight first, never one its own article opened: up to
        :data:`CANDIDATES` the article does not report yet, found through its
        :data:`INDEX_WORDS` rarest words (where its closest fact is), and up to
        :data:`ALSO_CANDIDATES` more through all its keys, reported or not (facts it may also
        report, or whose first report it may borrow: :meth:`_also_report`)."""
        closest = _ranked(self._shared_weights(unit, INDEX_WORDS, opened | taken))[:CANDIDATES]
        seen = set(closest)
        wider = _ranked(self._shared_weights(unit, len(unit.keys), opened))
        return closest, [k for k in wider if k not in seen][:ALSO_CANDIDATES]

    def _shared_weights(self, unit: FactUnit, words: int, skip: set[int]) -> dict[int, float]:
        """Facts listed under the sentence's first ``words`` keys, with the rarity they share."""
        weights: dict[int, float] = defaultdict(float)
        for word, w in zip(unit.keys[:words], unit.key_weights[:words], strict=True):
            for k in self.postings.get(word, ())[-RECENT_POSTINGS:]:
                if k not in skip:
                    weights[k] += w
        return weights


def _ranked(weights: dict[int, float]) -> list[int]:
    return sorted(weights, key=lambda k: -weights[k])


def _closeness(related: tuple[int, Judged]) -> tuple[int, float]:
    """How close a related fact is: a "same" verdict before a "partial" one, then ``p_same``."""
    verdict = related[1]
    return (2 if verdict.outcome == "same" else 1, verdict.p_same)


JUDGED_PAIRS = 20_000
"""Verdicts remembered (the most recent), by the two sentences' texts: a wire copy's sentence
meets the same fact again in the next copy, and a story rebuilt after a merge or re-link
judges its articles' pairs again (~10% of the pairs judged in an ingest of stories-dev)."""
_JUDGED: OrderedDict[tuple[str, str], tuple[JudgeModel, Judged | None]] = OrderedDict()


def _judged(
    facts: list[Prepared], b: Prepared, min_overlap: float = 0.0
) -> list[Judged | None]:
    """:func:`judge` of each fact's sentence with ``b`` (None: "different", or an overlap
    under ``min_overlap``), remembered: a verdict depends only on the two texts (what
    :func:`prepare` reads of each) and the model in use. The pairs not remembered are judged
    together (:func:`judge_pairs_unless_different`); a None for a low overlap is not
    remembered (another caller may want the verdict)."""
    model = load_model()
    verdicts: list[Judged | None] = [None] * len(facts)
    new = []
    for k, a in enumerate(facts):
        known = _JUDGED.get((a.text, b.text))
        if known is not None and known[0] is model:
            _JUDGED.move_to_end((a.text, b.text))
            verdict = known[1]
            verdicts[k] = verdict if verdict is None or verdict.overlap >= min_overlap else None
        else:
            new.append(k)
    judged = judge_pairs_unless_different([(facts[k], b) for k in new], model, min_overlap)
    for k, verdict in zip(new, judged, strict=True):
        verdicts[k] = verdict
        if verdict is None and min_overlap > 0:
            continue
        _JUDGED[(facts[k].text, b.text)] = (model, verdict)
        if len(_JUDGED) > JUDGED_PAIRS:
            _JUDGED.popitem(last=False)
    return verdicts


@dataclass(frozen=True)
class FactUnit:
    """One sentence of an article as the facts index matches it: its span in the body, what
    the judge reads of it, the stems it is indexed and looked up under (:func:`_rarest`) with
    their rarities, and its words with their stems (:func:`surface_stems`, for the words a
    report adds or drops). All of it depends on the sentence alone, so an extraction worker
    computes it; the plain tuples and string unpickle faster in the assigner than nested ones."""

    start: int
    end: int
    prepared: Prepared
    keys: tuple[str, ...]
    key_weights: tuple[float, ...]
    surface: str

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled compactly (:mod:`storylens.compare.packing`): the assigner unpickles every
        sentence of every article an ingest's workers prepared."""
        state = (self.start, self.end, pack_prepared(self.prepared), pack_words(self.keys),
                 pack_floats(self.key_weights), self.surface)  # fmt: skip
        return (_unpickle_unit, (state,))


def _unpickle_unit(state: tuple[Any, ...]) -> FactUnit:
    start, end, prepared, keys, key_weights, surface = state
    return FactUnit(start, end, unpack_prepared(prepared), unpack_words(keys),
                    unpack_floats(key_weights), surface)  # fmt: skip


@dataclass(frozen=True)
class Wording:
    """A fact's first report and a new report of it, as :func:`_report` compares them."""

    first: Prepared
    first_surface: str
    other: Prepared
    other_surface: str


FACT_UNITS_VERSION = 5
"""Bumped whenever what :func:`prepare_article_facts` computes changes: units prepared by
another version (a Dask worker not yet upgraded) are prepared again where they are used."""


def prepare_article_facts(article: Article) -> PreparedFacts:
    """The story-independent part of folding ``article`` into its story's facts (sentence
    splitting, the judge's reading of each sentence, its static embedding and word vectors),
    for an extraction worker to compute beside the article, so the one story assigner only
    matches. Costlier readings (the word alignment vectors) are computed here too; cheap
    set-valued ones are left to the matcher (they unpickle slower than they compute)."""
    units = tuple(_article_units(article.body, article.language))
    for unit in units:
        _ = unit.prepared.vector, unit.prepared.aligned_words
    return PreparedFacts(FACT_UNITS_VERSION, _body_hash(article.body), ShippedUnits(units))


def fact_units(article: Article, facts: PreparedFacts | None = None) -> list[FactUnit]:
    """The article's fact units: the prepared ones when they were prepared from this body by
    this version, else prepared now."""
    if (
        facts is not None
        and facts.version == FACT_UNITS_VERSION
        and facts.body_hash == _body_hash(article.body)
    ):
        return list(facts.units)
    return _article_units(article.body, article.language)


def _article_units(body: str, language: str | None = None) -> list[FactUnit]:
    """Sentences that can state a fact: not page furniture, with content words (read in the
    article's language: :func:`prepare`)."""
    units: list[FactUnit] = []
    for sentence in split_sentences(body):
        if is_page_furniture(sentence.text):
            continue
        prepared = prepare(sentence.text, language)
        if prepared.content:
            keys = tuple(_rarest(prepared))
            units.append(FactUnit(sentence.start, sentence.end, prepared, keys,
                                  tuple(word_weight(k, prepared.language) for k in keys),
                                  surface_stems(sentence.text)))  # fmt: skip
    return units


def _body_hash(body: str) -> str:
    return hashlib.blake2b(body.encode("utf-8"), digest_size=16).hexdigest()


def _rarest(prepared: Prepared) -> list[str]:
    """The sentence's rarest content stems: the keys it is looked up under (the first
    :data:`INDEX_WORDS` of them it is indexed under)."""
    best: dict[str, float] = {}
    for word, w in zip(prepared.content, prepared.weights, strict=True):
        if word not in STOPWORDS:
            best[word] = max(best.get(word, 0.0), w)
    return sorted(best, key=lambda s: -best[s])[:QUERY_WORDS]


def _report(
    first: Report,
    wording: Wording,
    article_id: str,
    start: int,
    end: int,
    outcome: str,
    p_same: float,
    overlap: float,
    published: str | None = None,
    also: bool = False,
) -> Report:
    """A new report of the fact whose first report is ``first``; an ``also`` report (see
    :attr:`Report.also`) is neither a copy nor a conflict."""
    first_prepared, prepared = wording.first, wording.other
    ratio = fuzz.ratio(first_prepared.folded, prepared.folded) / 100.0
    clashes = (
        find_clashes(first.text, prepared.text)
        if overlap >= CONFLICT_MIN and article_id != first.article_id and not also
        else []
    )  # one article's two sentences with another figure are about two things (two victims)
    if _days_apart(first.published, published) > SETTINGS.compare.conflict_max_days:
        clashes = [c for c in clashes if c.kind not in {"number", "date"}]
    conflicts = [_conflict(first, article_id, start, prepared.text, c) for c in clashes]
    relation: Relation = "conflict" if conflicts else ("same" if outcome == "same" else "partial")
    added, dropped = _word_difference(wording)
    copied = not also and not conflicts and (
        ratio >= COPY_RATIO or _contained(first_prepared, prepared)
    )
    return Report(
        article_id,
        start,
        end,
        prepared.text,
        relation,
        round(p_same, 3),
        copied,
        not conflicts and ratio >= VERBATIM_RATIO,
        added if relation != "same" or ratio < VERBATIM_RATIO else [],
        dropped if relation != "same" or ratio < VERBATIM_RATIO else [],
        conflicts,
        published,
        also,
    )


def published_before(first: str | None, other: str | None) -> bool:
    """Whether publication time ``first`` is known to lie before ``other`` (ISO 8601; a time
    without an offset is read as UTC)."""
    a, b = parse_time(first), parse_time(other)
    return a is not None and b is not None and a < b


def _days_apart(first: str | None, other: str | None) -> float:
    """Days between two ISO publication times (0 when either is unknown or unreadable)."""
    try:
        a = date.fromisoformat((first or "")[:10])
        b = date.fromisoformat((other or "")[:10])
    except ValueError:
        return 0.0
    return abs((a - b).days)


def _contained(a: Prepared, b: Prepared) -> bool:
    """A copied part: the shorter sentence (8+ words) found nearly word for word in the longer
    (``partial_ratio`` only when the two texts' common subsequence leaves it a chance of 92:
    :func:`~storylens.compare.align.may_contain`, whose bound is for a cut-off a little
    under 92)."""
    short, long_ = (a, b) if len(a.folded) <= len(b.folded) else (b, a)
    return (
        len(short.folded_words) >= 8
        and may_contain(short.folded, long_.folded)
        and fuzz.partial_ratio(short.folded, long_.folded) >= 92
    )


def _conflict(first: Report, article_id: str, start: int, text: str, clash: Clash) -> Conflict:
    return Conflict(
        clash.kind,
        first.article_id,
        first.start + clash.a_start,
        first.start + clash.a_end,
        clash.a_text,
        article_id,
        start + clash.b_start,
        start + clash.b_end,
        clash.b_text,
    )


def _word_difference(wording: Wording) -> tuple[list[str], list[str]]:
    """Content words the report adds to the fact's first wording, and those it drops."""
    mine, theirs = set(wording.other.content), set(wording.first.content)
    added = _words_for(wording.other_surface, mine - theirs)
    dropped = _words_for(wording.first_surface, theirs - mine)
    return added[:12], dropped[:12]


def _words_for(surface: str, stems: set[str]) -> list[str]:
    """The surface words (in sentence order) of the given content stems."""
    found: dict[str, None] = {}
    parts = surface.split(" ") if surface else []
    for tok, word_stem in zip(parts[::2], parts[1::2], strict=True):
        if word_stem in stems:
            found.setdefault(tok, None)
    return list(found)


def surface_stems(text: str) -> str:
    """Each word of a sentence that is not a stop word, followed by its stem, space-separated
    (no token holds a space): ``"Police polic said said ..."``."""
    parts = []
    for tok in judge_tokens(text):
        low = tok.lower()
        if tok[0].isalpha() and low not in STOPWORDS:
            parts += (tok, stem(low.split("'")[0]))
    return " ".join(parts)


def build_facts(articles: list[Article], index: FactIndex | None = None) -> FactIndex:
    """All articles folded into facts, earliest published first (undated ones after)."""
    index = index or FactIndex()
    for article in sorted(articles, key=lambda a: (a.published is None, a.published or "")):
        index.add_article(article)
    return index


def who_copied_whom(facts: list[Fact]) -> dict[tuple[str, str], int]:
    """(source article, copying article) -> copied sentences, from each fact's copied reports
    and the reports of a rewritten copy (:func:`~storylens.compare.reuse.rewritten_reports`);
    fewer copied words than the pairwise comparison's floor (a stock phrase, one short
    sentence) is not a copy, as there. Only where the first report was published before the
    copy: between undated articles the fold order says nothing of who copied whom (the
    pairwise comparison then calls the direction unclear, and so does this, by silence)."""
    edges: dict[tuple[str, str], int] = defaultdict(int)
    copied_words: dict[tuple[str, str], int] = defaultdict(int)
    rewritten = rewritten_reports(facts)
    for f, fact in enumerate(facts):
        for r, report in enumerate(fact.reports[1:], 1):
            copied = report.copied or (f, r) in rewritten
            if (
                copied
                and report.article_id != fact.first.article_id
                and published_before(fact.first.published, report.published)
            ):
                pair = (fact.first.article_id, report.article_id)
                edges[pair] += 1
                copied_words[pair] += token_count(report.text)
    return {p: n for p, n in edges.items() if copied_words[p] >= MIN_COPIED_WORDS}
