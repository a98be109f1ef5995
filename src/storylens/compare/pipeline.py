"""Runs the comparison modules over a story and assembles one :class:`Comparison`."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from functools import lru_cache

from storylens.compare.align import Alignment, SentenceItem, align, make_item
from storylens.compare.commentary import find_commentary
from storylens.compare.credits import find_credits
from storylens.compare.model import (
    ArticleInfo,
    Comparison,
    ConflictItem,
    Credit,
    OnlyIn,
    Quote,
    Reuse,
    SharedFact,
    Span,
)
from storylens.compare.quotes import find_quotes, match_quotes
from storylens.compare.reuse import find_reuse
from storylens.compare.sentences import Sentence, is_page_furniture, split_sentences
from storylens.compare.text import normalize, stopword_share, word_stems
from storylens.models import Article

MIN_ENGLISH_STOPWORD_SHARE = 0.2
"""English prose is about 40-50% stop words; far fewer means another language (or a list)."""
UNSUPPORTED_MIN = 0.5
"""A partly aligned sentence is listed as "only in" when this share of its content is unmatched,"""
UNSUPPORTED_ENOUGH = 8
"""...or when this many of its content words are (a long sentence sharing one detail with a few
others still says something new)."""
LARGE_STORY = 50
"""Above this many articles, the result carries a note that the shared list is long."""


def compare_texts(a: str, b: str, *, a_id: str = "a", b_id: str = "b") -> Comparison:
    """Compare two raw texts; offsets index the texts as given (each text is the body). A text
    long enough to tell gets its language (quotes are attributed with that language's cues)."""
    return compare_articles(
        [
            Article(id=a_id, origin=a_id, title="", body=a, language=text_language(a)),
            Article(id=b_id, origin=b_id, title="", body=b, language=text_language(b)),
        ]
    )


TEXT_LANGUAGE_MIN_CHARS = 200
"""A pasted text shorter than this keeps no language (the English rules): a sentence is too
little for a sure guess, and sentence pairs are what ``compare --jsonl`` mostly gets."""
TEXT_LANGUAGE_MIN_PROBABILITY = 0.9


def text_language(text: str) -> str | None:
    """py3langid's language for a text that did not come through extraction (which sets
    ``Article.language`` itself), when it is long enough and the guess is sure."""
    sample = text[:1000]
    if len(sample.strip()) < TEXT_LANGUAGE_MIN_CHARS:
        return None
    code, probability = _identifier().classify(sample)
    return str(code) if probability >= TEXT_LANGUAGE_MIN_PROBABILITY else None


@lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    """py3langid's model (shipped inside the package), loaded once, probabilities normalised."""
    from storylens.languages import language_identifier

    return language_identifier(norm_probs=True)


def article_quotes(article: Article) -> list[dict[str, object]]:
    """An article's quotations as ``{text, speaker, cue, start, end}`` (offsets into ``body``):
    what ``storylens extract --json`` prints under ``quotes``."""
    sentences = split_sentences(article.body)
    return [
        {"text": q.text, "speaker": q.speaker, "cue": q.cue, "start": q.start, "end": q.end}
        for q in find_quotes(article.id, article.body, sentences, article.language)
    ]


def article_commentary(article: Article) -> list[dict[str, object]]:
    """An article's commentary sentences as ``{text, cues, start, end}`` (offsets into
    ``body``): the sentences ``compare`` marks as the outlet's own opinion or speculation."""
    sentences = split_sentences(article.body)
    return [
        {"text": c.span.text, "cues": c.cues, "start": c.span.start, "end": c.span.end}
        for c in find_commentary(article.id, sentences, article.language)
    ]


def compare_articles(articles: list[Article]) -> Comparison:
    """Everything the comparison can tell about two or more articles of one story."""
    notes = _input_notes(articles)
    usable = [a for a in articles if a.body.strip()]
    sentences = {a.id: split_sentences(a.body) for a in articles}
    comparison = Comparison(articles=[_info(a, sentences[a.id]) for a in articles], notes=notes)
    credits = {a.id: find_credits(a.id, a.body) for a in articles}
    comparison.credits = [c for a in articles for c in credits[a.id]]
    comparison.commentary = [
        c for a in articles for c in find_commentary(a.id, sentences[a.id], a.language)
    ]
    quotes = [q for a in articles for q in find_quotes(a.id, a.body, sentences[a.id], a.language)]
    comparison.quotes = match_quotes(quotes)
    comparison.unmatched_quotes = _unmatched(quotes, comparison)
    if len(usable) < 2:
        notes.append("fewer than two articles with text: nothing to align")
        comparison.only = {a.id: [_only(a.id, s) for s in sentences[a.id]] for a in articles}
        return comparison
    items = [
        make_item(doc, k, s.start, s.end, s.text, article.language)
        for doc, article in enumerate(articles)
        for k, s in enumerate(sentences[article.id])
        if not is_page_furniture(s.text)
    ]
    alignments = align(items)
    comparison.shared = _shared(articles, items, alignments)
    comparison.conflicts = _conflicts(articles, items, alignments)
    comparison.only = _only_in(articles, items, alignments)
    comparison.reuse = _reuse(articles, items, alignments, credits)
    if len(articles) > LARGE_STORY:
        notes.append(
            f"{len(articles)} articles: all were aligned (sparse candidate search), but the "
            "shared list is long; group it by sentence for display"
        )
    return comparison


def _input_notes(articles: list[Article]) -> list[str]:
    """Plain-language warnings about input that limits what the comparison can say."""
    notes: list[str] = []
    if len(articles) < 2:
        notes.append(f"{len(articles)} article(s) given: a comparison needs at least two")
    for article in articles:
        if not article.body.strip():
            notes.append(f"{article.id}: empty body, nothing to compare")
    notes.extend(_duplicate_notes(articles))
    notes.extend(_language_notes(articles))
    ids = [a.id for a in articles]
    if len(set(ids)) != len(ids):
        notes.append("article ids repeat: items are told apart by position only")
    return notes


def _duplicate_notes(articles: list[Article]) -> list[str]:
    first: dict[str, str] = {}
    notes = []
    for article in articles:
        if not article.body.strip():
            continue
        key = hashlib.sha1(" ".join(normalize(article.body).split()).encode()).hexdigest()
        if key in first:
            notes.append(
                f"{article.id} has the same text as {first[key]}: identical articles, "
                "everything is shared and copied"
            )
        else:
            first[key] = article.id
    return notes


def _language_notes(articles: list[Article]) -> list[str]:
    """Warn when articles are not English or not in one language: word matching then fails."""
    notes = []
    languages = {a.language for a in articles if a.language}
    if len(languages) > 1:
        notes.append(
            f"articles are in different languages ({', '.join(sorted(languages))}): "
            "lexical alignment cannot match across languages, so little will be shared"
        )
    for article in articles:
        share = stopword_share(article.body)
        if len(article.body.split()) >= 20 and share < MIN_ENGLISH_STOPWORD_SHARE:
            notes.append(
                f"{article.id} does not look like English ({share:.0%} common English words): "
                "sentences still align word by word and quotes are read in de, fr, es, it, pt, "
                "nl, pl (and more), but the judge's word weights and the commentary rules are "
                "English"
            )
    return notes


def _info(article: Article, sentences: list[Sentence]) -> ArticleInfo:
    return ArticleInfo(article.id, article.title, article.site, article.published, len(sentences))


def _span(article_id: str, item: SentenceItem | Sentence) -> Span:
    return Span(article_id, item.start, item.end, item.text)


def _shared(
    articles: list[Article], items: list[SentenceItem], alignments: list[Alignment]
) -> list[SharedFact]:
    shared = []
    for al in sorted(alignments, key=lambda al: _fact_order(items, al)):
        x, y = items[al.i], items[al.j]
        shared.append(
            SharedFact(
                _span(articles[x.doc].id, x),
                _span(articles[y.doc].id, y),
                al.kind,
                round(al.score, 3),
            )
        )
    return shared


def _fact_order(items: list[SentenceItem], al: Alignment) -> tuple[int, int, float, int, int]:
    """Shared facts in reading order of the first article, best first; equal scores by the
    other sentence's place, so every run lists them alike (whatever order the aligner's
    hash-keyed candidates came in)."""
    x, y = items[al.i], items[al.j]
    return (x.doc, x.index, -al.score, y.doc, y.index)


def _conflicts(
    articles: list[Article], items: list[SentenceItem], alignments: list[Alignment]
) -> list[ConflictItem]:
    """Each differing detail of aligned sentences, with its words in both articles."""
    found = []
    for al in alignments:
        x, y = items[al.i], items[al.j]
        ax, ay = articles[x.doc].id, articles[y.doc].id
        for c in al.clashes:
            found.append(
                ConflictItem(
                    c.kind,
                    Span(ax, x.start + c.a_start, x.start + c.a_end, c.a_text),
                    Span(ay, y.start + c.b_start, y.start + c.b_end, c.b_text),
                    _span(ax, x),
                    _span(ay, y),
                )
            )
    return found


def _only(article_id: str, sentence: Sentence) -> OnlyIn:
    return OnlyIn(article_id, sentence.start, sentence.end, sentence.text)


def _only_in(
    articles: list[Article], items: list[SentenceItem], alignments: list[Alignment]
) -> dict[str, list[OnlyIn]]:
    """Per article: sentences no other article supports, and partly supported ones that add much."""
    partners: dict[int, list[int]] = defaultdict(list)
    for al in alignments:
        partners[al.i].append(al.j)
        partners[al.j].append(al.i)
    only: dict[str, list[OnlyIn]] = {a.id: [] for a in articles}
    for k, item in enumerate(items):
        article_id = articles[item.doc].id
        if k not in partners:
            only[article_id].append(OnlyIn(article_id, item.start, item.end, item.text))
            continue
        unsupported = _unsupported_words(item, [items[p] for p in partners[k]])
        share = len(unsupported) >= UNSUPPORTED_MIN * len(set(item.stems))
        if len(unsupported) >= 4 and (share or len(unsupported) >= UNSUPPORTED_ENOUGH):
            only[article_id].append(
                OnlyIn(article_id, item.start, item.end, item.text, True, unsupported)
            )
    return only


def _unsupported_words(item: SentenceItem, partners: list[SentenceItem]) -> list[str]:
    """Content words of ``item`` that none of its aligned sentences contains."""
    supported = {s for p in partners for s in p.stems}
    seen: dict[str, None] = {}
    for word in item.text.split():
        stems = word_stems(word)
        if stems and not supported.intersection(stems):
            seen.setdefault(word.strip(".,;:“”\"'()’"), None)
    return [w for w in seen if w]


def _reuse(
    articles: list[Article],
    items: list[SentenceItem],
    alignments: list[Alignment],
    credits: dict[str, list[Credit]],
) -> list[Reuse]:
    copied: dict[tuple[int, int], list[tuple[Span, Span]]] = defaultdict(list)
    for al in alignments:
        if al.copied:
            x, y = items[al.i], items[al.j]
            copied[(x.doc, y.doc)].append(
                (_span(articles[x.doc].id, x), _span(articles[y.doc].id, y))
            )
    found = []
    for (da, db), passages in sorted(copied.items()):
        reuse = find_reuse(articles[da], articles[db], passages, credits)
        if reuse:
            found.append(reuse)
    return found


def _unmatched(quotes: list[Quote], comparison: Comparison) -> list[Quote]:
    matched = {id(q) for m in comparison.quotes for q in (m.a, m.b)}
    return [q for q in quotes if id(q) not in matched]
