"""All tunable settings in one place, with defaults that work out of the box.

Environment variables (``STORYLENS_*``) override the defaults; command-line flags override both.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DB = "storylens.db"
DB_ENV = "STORYLENS_DB"


def default_db_target() -> str | Path:
    """The store used when no ``--db`` is given: ``$STORYLENS_DB`` or ``./storylens.db``.

    A ``postgresql://user@host:port/dbname`` URL selects PostgreSQL, anything else is a SQLite
    file path.
    """
    return db_target(os.environ.get(DB_ENV) or DEFAULT_DB)


def db_target(value: str | Path) -> str | Path:
    """A ``--db`` value as a store target: URLs stay strings, anything else is a path."""
    text = str(value)
    return text if text.startswith(("postgresql://", "postgres://")) else Path(text)


def default_db_path() -> Path:
    """The SQLite file used when no ``--db`` is given (kept for callers that need a file)."""
    return Path(os.environ.get(DB_ENV) or DEFAULT_DB)


def default_bench_dir() -> Path:
    """Where benchmarks look for data: ``$STORYLENS_BENCH`` or ``../shared/bench`` if present."""
    env = os.environ.get("STORYLENS_BENCH")
    if env:
        return Path(env)
    for candidate in (
        Path("../shared/bench"),
        Path(__file__).resolve().parents[3] / "shared/bench",
    ):
        if candidate.is_dir():
            return candidate
    return Path("../shared/bench")


@dataclass(frozen=True)
class IngestSettings:
    max_page_bytes: int = 20 * 1024 * 1024
    """Pages larger than this are truncated (with a warning) before extraction."""
    max_files: int = 1_000_000


@dataclass(frozen=True)
class ExtractSettings:
    min_site_pages_for_templates: int = 3
    """Lines recurring across at least this many pages of one site count as template lines."""
    min_article_words: int = 15
    """A page whose only kept text is one paragraph shorter than this, beside page furniture
    (menus, notices, link lists), holds no article: a cookie-settings or menu page, not news.
    (A record whose whole text is its headline is still an article: nothing was furniture.)"""
    max_text_chars: int = 300_000
    """A plain-text page is cut to its first this many characters (at a line break) before
    extraction, with a note naming the page: the work after extraction (the story's facts)
    grows faster than the text, and a 19 MB dump took minutes. News articles stand at the top
    of their page and stay far below it (the longest benchmark page holds ~34,000)."""


@dataclass(frozen=True)
class StorySettings:
    active_window_days: float = 7.0
    """Stories with no new article for this long retire from the active candidate set."""
    time_decay: float = 1.0
    """How fast similarity fades with the date gap beyond the window (see ``time_factor``)."""
    strong_match: float = float("inf")
    """Texts this many times the join threshold alike join whatever their date gap. Off by
    default: in a live feed the old event has retired anyway, and a follow-up weeks later is a
    new event of the same storyline (2.0 gives +0.008 B-cubed on stories-dev: BENCHMARKS.md)."""
    join_threshold: float = 0.15
    """Average-link TF-IDF similarity an article (or story) needs to join a story when the two
    sides' names agree (``name_bridge``); other sides need ``unnamed_join_factor`` times it. The
    cohesion check (``storylens.stories.split``) cuts where the average link falls below it."""
    unnamed_join_factor: float = 0.17 / 0.15
    """Sides whose names do not agree at ``name_bridge`` are scored down by this factor, i.e.
    held to 0.17, the join threshold before issue 10's round 6: events of one kind in other
    towns (the synthetic feed's) share their vocabulary, not their names. 0.15 alone raised
    stories-dev but merged those look-alikes (synthetic event precision 0.956 -> 0.918); with
    this guard 0.15 keeps the synthetic precision (BENCHMARKS.md, issue 10 round 6; 1: off)."""
    number_corroboration: float = float("inf")
    """Shared numbers count at most this many times what shared words and names give (inf:
    off). Off by default: at 2, six false events of a diverse feed of 235 pages of other sites
    (unrelated pages sharing "26" and "450") went and stories-dev was neutral, but reports of one
    event in two languages share little but numbers, and in German, where every noun was
    capitalised and counted as a name, two look-alike earthquakes then met in one story (the
    multilingual fixture, tests/test_stories_languages.py; any cap from 2 to 6). BENCHMARKS.md,
    session 13. Session 14: German nouns are no longer names (``storylens.nouns``) and the
    fixture holds at 2 and 5 in 20 orders, but the bench's shuffled stories-dev still loses
    0.002-0.004 (k = 5: 0.949 -> 0.947, text 0.942 -> 0.940; k = 2: 0.946 / 0.941), so it stays
    off (BENCHMARKS.md, "Names that are nouns, and number-only events")."""
    name_bridge: float = 0.2
    """Sides whose names agree this much (the names' part of their cosine over the names'
    share, 0..1) are not weakened by their date gap: a follow-up weeks later names the same
    people and places (inf: off). 0.2 was chosen on the ECB+ part of stories-dev (0.1 and 0.2
    tie; 0.3 and 0.5 less), with the MMDS part and storylines-dev reported (BENCHMARKS.md)."""
    name_bridge_days: float = float("inf")
    """Longest date gap the name bridge spans (30 days: 0.883 and 60 days: 0.893 on the ECB+
    part, against 0.906 unbounded: ECB+ events are reported on for months)."""
    singleton_delay: int = 100
    """A story still of one article this many arrivals after it started is re-weighted with the
    current IDF and re-linked at ``singleton_join`` times the join threshold (0: off): a delayed
    second decision, still online. On the ECB+ part (tuning) delay 100 gives +0.002 published /
    +0.006 shuffled, MMDS (held out) unchanged; a lower ``singleton_join`` (0.8) helped ECB+ by
    +0.003 but cost MMDS 0.002 / 0.009, so it stays 1.0 (BENCHMARKS.md)."""
    singleton_join: float = 1.0
    delay_size: int = 2
    """Stories of up to this many articles get the ``singleton_delay`` re-link (each time they
    are weighted anew), not only stories of one: two reports of an event re-linked into a pair
    at a refresh are looked at again 100 arrivals later rather than when the articles seen have
    doubled, which at the end of a feed is never. Issue 10 round 8: 1 -> 2 gave +0.002 on the
    ECB+ part in published order (3: shuffled -0.002), MMDS held out unchanged (BENCHMARKS.md)."""
    second_opinion: bool = os.environ.get("STORYLENS_SECOND_OPINION", "0") == "1"
    """Ask a sentence embedding (all-MiniLM-L6-v2, optional dependency ``[embeddings]``) about
    borderline joins (``storylens.stories.embeddings``). Off by default: it loads torch and
    the model (~4 s) and costs a forward pass (~26 ms CPU) per borderline article and its
    story's members (~10 ms per article on stories-dev), for +0.003 B-cubed on ECB+ and
    +0.004 / +0.024 on MMDS (BENCHMARKS.md)."""
    static_opinion: bool = os.environ.get("STORYLENS_STATIC_OPINION", "1") != "0"
    """Without ``second_opinion``, ask the static embedding shipped in the package
    (``storylens.embedding``, ~0.1 ms per text, no torch) about borderline joins instead (on by
    default; chosen on the ECB+ part of stories-dev, MMDS reported: BENCHMARKS.md)."""
    second_opinion_band: float = 0.75
    """Scores from this fraction of the join threshold up to it are borderline."""
    second_opinion_cosine: float = 0.6
    """MiniLM cosine (article to the story's mean) at which a borderline article joins;
    0.6 was best on the ECB+ part (0.5-0.7 tried), MMDS reported."""
    static_opinion_cosine: float = 0.65
    """The same for the static model: 0.65 was best on the ECB+ part (0.6-0.8 tried; 0.6-0.7
    within 0.001), MMDS reported (BENCHMARKS.md)."""
    second_opinion_relink: float = 0.6
    """A story still of one article when it is re-linked (``singleton_delay``) merges into the
    story it comes closest to from this fraction of the join threshold up when the embedding
    agrees (its cosine setting); 0: off. Chosen on the ECB+ part (0.6, 0.75 tried)."""
    part_threshold: float = 0.2
    """A story's cohesion check (``storylens.stories.split``) also cuts it where two parts of
    at least ``min_part`` articles each link below this (0: off), and two stories of that size
    merge only at it: look-alike events joined one article at a time (two Klitschko title
    fights, two Microsoft emergency patches) form two such parts, linked at 0.18-0.19 while
    each part holds together at 0.3. Chosen on the ECB+ part of stories-dev (0.19-0.25 and
    3-8 tried: 0.927 / 0.945 from 0.912 / 0.915), MMDS reported (unchanged; BENCHMARKS.md)."""
    min_part: int = 5
    """Articles each side needs for the part cut: an outlier or a short report (fewer) is
    never cut off this way, only two established groups."""
    part_same_time: bool = True
    """Two parts of ``min_part`` articles whose dated spans overlap are held to the join
    threshold only, by the cohesion check's cut and by the merge floor, not to
    ``part_threshold``: an event's fragments are reported over the same days, look-alike events
    (two fights, two patches) months or years apart. An undated side is no evidence: the part
    threshold applies. Issue 10 round 7 (ECB+ part, tuning: +0.009 published, shuffled
    unchanged; MMDS held out unchanged: it carries no dates; BENCHMARKS.md)."""
    relink_refreshed: bool = True
    """Re-link every story at its IDF refresh (merge it into a story it now reaches the
    threshold with), not only stories of fewer than ``split.MIN_SIZE`` articles: fragments
    parted on the first articles' weights (a story cut at its 17th article) meet again."""
    clear_winner_band: float = 0.5
    """A story of at most ``clear_winner_size`` articles still alone at its refresh merges into
    the one story it comes closest to from this fraction of the join threshold up when that story
    is a clear winner (``clear_winner_margin`` times the runner-up's score; 0: off). A short
    report of an event shares too few terms with the event's story to reach the threshold,
    but nothing else comes near it; an article between look-alike events has two near
    stories. Issue 10 round 8: chosen on the ECB+ part of stories-dev (0.4 and 0.5 tie, 0.6
    less in shuffled order), MMDS held out unchanged (BENCHMARKS.md)."""
    clear_winner_margin: float = 3.0
    """How many times the runner-up's score the clear winner needs (2, 2.5, 3, 4 tried on the
    ECB+ part: 2.5 and 3 tie; 2 cost the held-out MMDS part in shuffled order)."""
    clear_winner_size: int = 3
    """Largest story the clear-winner re-link moves (1 and 5 were worse on the ECB+ part)."""
    duplicate_jaccard: float = 0.8
    """Estimated shingle Jaccard above which an article is a near-duplicate of an earlier one."""
    duplicate_containment: float = 0.75
    """...or the share of the shorter body's shingles inside the other one (a trimmed wire copy,
    an update that appends paragraphs). Chosen on the ECB+ part of ``storylens bench
    duplicates`` (0.7-0.75 tie on recall, 0.75 flags fewer loose pairs), reported on MMDS."""
    duplicate_candidates_from: float = 0.5
    """Lowest Jaccard the near-duplicate LSH looks for candidates at (a 50% trim of a text)."""
    recent_articles: int = 5_000
    """A story that grew during the last this many arrivals stays active whatever its dates:
    an undated or back-dated feed still finds the events it is in the middle of."""
    storyline_threshold: float = 0.06
    """Average-link similarity (words and names) between two events that links them into one
    storyline; chosen by two-fold cross-validation over the storylines set's topic halves."""
    storyline_name_share: float = 0.1
    """Least share of a storyline link that shared names (``@`` terms) must carry: without
    it, unrelated events of one kind (two towns' councils voting on a harbour) chained through
    their common vocabulary (the README's synthetic feed: 57 events, one storyline). Any
    value from 0.05 to 0.5 keeps the synthetic feed's events apart; 0.1, the low end, keeps
    the most links made on names (storylines-dev reported, not tuned on: BENCHMARKS.md)."""
    storyline_min_names: int = 2
    """Distinct names two events must share to link into a storyline. One was enough before
    session 13: unrelated single articles then chained on one platform or brand name ("TV",
    "Instagram", "Apple"): a diverse feed of 192 real pages of other sites made 10 storylines,
    about 6 of them false (now 6, the false ones gone) and the synthetic feed's storyline
    pairwise precision against its events was 0.807 (now 0.930); storylines-dev's two-fold
    cross-validation 1.000 / 0.971 -> 0.982 / 0.942 (BENCHMARKS.md, session 13)."""
    storyline_line_share: float = 1.0
    """An event joins a storyline only if its average link to the storyline's events (by
    articles) also reaches this fraction of ``storyline_threshold`` (0: off): single links
    alone chained events through ever other shared names (Russia, then China, then Hong
    Kong's rates: 16 MMDS events of stories-dev in one storyline). 1.0, one threshold for the
    best event and for the storyline as a whole: on storylines-dev 0, 0.5, 0.75 and 1.0 give
    the same CV at the thresholds chosen (BENCHMARKS.md), on stories-dev's events 1.0 chains
    least (0.5 and 0.75 leave 12 MMDS events in one storyline, 1.0 seven)."""
    storyline_window_days: float = 90.0
    """Events whose dates lie this far apart still link into a storyline without penalty."""


@dataclass(frozen=True)
class StoreSettings:
    writer_wait_seconds: int = 600
    """How long a write waits for another writer's lock before giving up with an error."""
    pg_pool_size: int = 48
    """Most PostgreSQL connections per process and database, opened as needed: a CLI command
    uses one or two, ``serve`` one per busy worker thread (up to 40) plus the writer."""
    pg_connect_wait_seconds: int = 30
    """How long to wait for a free pooled connection before failing with an error."""
    assign_batch: int = int(os.environ.get("STORYLENS_ASSIGN_BATCH") or 16)
    """Pages stored and assigned per hold of the writer lock: fewer reloads of the story state
    when several processes ingest, at the cost of other writers waiting a little longer."""
    fold_facts: bool = os.environ.get("STORYLENS_FOLD_FACTS", "1") != "0"
    """Fold each batch's new articles into their stories' stored facts at ingest (readers then
    page stored facts); ``STORYLENS_FOLD_FACTS=0`` leaves it to the first reader."""
    ingest_gc_threshold: tuple[int, int, int] = (10_000, 10, 10)
    """Python's garbage-collection thresholds while ``storylens ingest`` runs (restored after;
    the default is 700, 10, 10). Ingest allocates millions of short-lived objects beside a
    large long-lived heap (models, caches, the stories' fact indexes), and the default
    collected that heap in full a dozen times per 1,000 articles: ~13% of the assigner's CPU."""


@dataclass(frozen=True)
class WebSettings:
    host: str = "127.0.0.1"
    port: int = 8000
    max_upload_bytes: int = 20 * 1024 * 1024
    max_compare_chars: int = 2_000_000
    """Longest text ``POST /api/compare`` takes (each side); longer ones get a 413."""
    compare_seconds: float = 30.0
    """A pasted comparison still running after this is killed (422)."""
    compare_max_rss_mb: int = 1024
    """A comparison process growing past this is killed (422)."""
    compare_max_output_mb: int = 50
    """A comparison result larger than this (serialised) is refused (422)."""
    compare_slots: int = 2
    """Pasted comparisons computed at once; more wait up to 10 s, then get a 503."""
    story_cache_mb: int = 256
    """Rendered story pages and JSON kept in memory (LRU); a story is rendered once however
    many clients ask at the same moment."""
    story_cache_seconds: float = 60.0
    """How long a rendered story is served before it is rendered again (a new article renders
    it at once; this bounds staleness from anything else the page shows)."""


@dataclass(frozen=True)
class CompareSettings:
    candidate_min: float = 0.12
    """TF-IDF cosine (over the story's sentences) below which a sentence pair is not judged."""
    keep_relative: float = 0.25
    """A sentence keeps a match scoring at least this share of its best match in that article
    (a sentence may share facts with several sentences of another article)."""
    partial_threshold: float = 0.4
    """Probability from the judge's "shares a stated fact" model above which two sentences are
    aligned as partial. These three were chosen together by nested cross-validation over the
    labelled article pairs (BENCHMARKS.md, "Comparison"); the judge's own default is 0.5."""
    conflict_max_days: int = 7
    """Two reports of a fact from articles published more than this many days apart are not
    checked for differing figures or dates: a developing story's counts move (delegates won, a
    poll's numbers, a toll), so the later figure is an update, not a conflict. A week, like a
    story's active window: 2 days also dropped a revolver's calibre reported 3 days later."""


@dataclass(frozen=True)
class Settings:
    ingest: IngestSettings = field(default_factory=IngestSettings)
    extract: ExtractSettings = field(default_factory=ExtractSettings)
    stories: StorySettings = field(default_factory=StorySettings)
    store: StoreSettings = field(default_factory=StoreSettings)
    web: WebSettings = field(default_factory=WebSettings)
    compare: CompareSettings = field(default_factory=CompareSettings)


SETTINGS = Settings()
