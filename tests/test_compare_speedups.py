"""Shortcuts in the comparison that must give exactly what the plain computation gives."""

from __future__ import annotations

import math
import random

from storylens.compare import credits
from storylens.compare.align import _candidates, _tfidf, content_overlap, make_item, story_weights

CREDIT_WORDS = [
    "Reuters", "the", "The", "of", "New", "York", "Times", "reported", "reports", "quoted",
    "cited", "said", "in", "a", "report", "news", "agency", "Xinhua", ",", ".", "\n", "—",
    "(AP)", "O'Brien", "Al-Jazeera", "A.P.", "x", "reportedly", "“", "”", ";", "&", "Sons",
]  # fmt: skip


def _credit_bodies() -> list[str]:
    rng = random.Random(11)
    bodies = [" ".join(rng.choice(CREDIT_WORDS) for _ in range(rng.randint(0, 40)))
              for _ in range(3000)]  # fmt: skip
    marks = [*"abRrTtQqCc ,.;\n\t'’-&()—", "reported", "agency", "said in a report"]
    bodies += ["".join(rng.choice(marks) for _ in range(rng.randint(0, 60))) for _ in range(2000)]
    return bodies


def test_credit_patterns_opening_with_a_name_find_the_same_matches_in_runs() -> None:
    """The name-first credit patterns run only inside the runs of phrase characters that hold
    one of their words: every match (span and groups) must be the one the pattern finds over
    the whole text, at run ends, across lines, with several runs and none."""
    assert credits._OPENS_WITH_NAME  # the shortcut is in use for the patterns that need it
    found = 0
    for body in _credit_bodies():
        for k, (_, pattern) in enumerate(credits._PATTERNS):
            whole = [(m.span(), m.groupdict()) for m in pattern.finditer(body)]
            assert [(m.span(), m.groupdict()) for m in credits._matches(k, body)] == whole, body
            found += len(whole) if k in credits._OPENS_WITH_NAME else 0
    assert found > 500  # the bodies do exercise those patterns


def test_credits_are_found_after_a_comma_and_across_a_sentence_end() -> None:
    body = ("Officials met on Monday, the New York Times reported. Later, Xinhua news agency "
            "said it. Talks ended. Reuters reported it too.")  # fmt: skip
    names = [c.name for c in credits.find_credits("a", body)]
    assert names == ["New York Times", "Xinhua", "Reuters"]


def test_candidates_are_pairs_of_different_articles_in_the_upper_triangle() -> None:
    texts = [
        (0, "Police arrested a man in Ohio after the shooting."),
        (0, "The man was arrested by police in Ohio on Friday."),
        (1, "Ohio police arrested a man after a shooting."),
        (1, "A storm hit the coast of Florida."),
        (2, "Police in Ohio arrested the man on Friday."),
    ]
    items = [make_item(doc, k, 0, len(t), t) for k, (doc, t) in enumerate(texts)]
    matrix = _tfidf(items, story_weights(items))
    pairs = _candidates(items, matrix)
    dense = (matrix @ matrix.T).toarray()
    expected = {(i, j) for i in range(5) for j in range(i + 1, 5)
                if items[i].doc != items[j].doc and dense[i, j] >= 0.1}  # fmt: skip
    assert pairs and all(i < j for i, j in pairs)
    assert set(pairs) <= expected and (0, 2) in pairs and (2, 4) in pairs
    assert not any(items[i].doc == items[j].doc for i, j in pairs)


def test_content_overlap_is_the_weighted_cosine_and_coverage() -> None:
    a = make_item(0, 0, 0, 0, "Police arrested a man in Ohio on Friday after a shooting.")
    b = make_item(1, 0, 0, 0, "Ohio police arrested the gunman on Friday.")
    weights = {"polic": 1.5, "arrest": 2.0, "ohio": 3.0}  # other stems weigh 1
    w = [weights.get(s, 1.0) for s in set(a.stems)]
    v = [weights.get(s, 1.0) for s in set(b.stems)]
    shared = [weights.get(s, 1.0) for s in set(a.stems) & set(b.stems)]
    overlap = content_overlap(a, b, weights)
    assert overlap.shared_words == len(shared) >= 3
    assert math.isclose(overlap.cov_a, sum(shared) / sum(w))
    assert math.isclose(overlap.cov_b, sum(shared) / sum(v))
    cosine = sum(x * x for x in shared) / math.sqrt(sum(x * x for x in w) * sum(x * x for x in v))
    assert math.isclose(overlap.cosine, cosine)


def _headline_spans_word_by_word(body: str) -> list[tuple[int, int]]:
    """Title-case lines as first written: every word of every line looked at."""
    import re

    from storylens.compare import names

    spans = []
    small = {"a", "an", "the", "of", "and", "in", "on", "to", "for", "with", "at", "by", "or"}
    for start, line in names.paragraphs(body):
        words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", line) if w.lower() not in small]
        if len(words) >= names.HEADLINE_MIN_WORDS:
            share = sum(w[0].isupper() for w in words) / len(words)
            if share >= names.HEADLINE_CAPITALISED:
                spans.append((start, start + len(line)))
    return spans


def test_headline_spans_skip_prose_lines_without_changing_which_lines_are_headlines() -> None:
    """Lines passed over for their long lower-case words must be exactly those the word-by-word
    share rejects, at the 0.9 edge too (one lower-case word in ten, in eleven)."""
    from storylens.compare.names import _headline_spans

    rng = random.Random(5)
    pool = ["The", "the", "Of", "of", "Big", "Storm", "Hits", "coast", "Coastal", "with", "a",
            "reports", "É", "été", "3d", "-x", "x’s", "Über", "über", "AND", "\n"]  # fmt: skip
    bodies = [" ".join(rng.choice(pool) for _ in range(rng.randint(0, 30))) for _ in range(4000)]
    bodies += [" ".join(["Big"] * n + ["coastal"]) for n in range(3, 12)]
    headlines = 0
    for body in bodies:
        spans = _headline_spans_word_by_word(body)
        assert _headline_spans(body) == spans, body
        headlines += bool(spans)
    assert headlines > 40
    assert _headline_spans(" ".join(["Big"] * 9 + ["coastal"]))  # 0.9 exactly: a headline
    assert not _headline_spans(" ".join(["Big"] * 8 + ["coastal"]))


COMMENTARY_PIECES = [
    "may", "May", "will", "we", "We", "of course", "of", "course", "in fact", "fact", "needs to",
    "has", "to", "according to", "According", "only", "’ll", "'ll", "“", "”", "—", "É", "é",
    "İ", "ı", "ſ", "K", "ß", "clearly", "seemingly", "all likelihood", "x", ",", ".", "  ",
]  # fmt: skip


def test_commentary_cue_counts_with_word_prefilter_and_uncased_folding_are_exact() -> None:
    """Cues are counted on the lower-cased text also when its other characters have no case
    (curly quotes), and skipped when the text lacks the words every match needs: each count,
    in every language's table, must be the cue's own count on the text as given (letters
    that fold to ASCII ones, ``ſ``, ``K``, ``İ``, must keep a text off the shortcut)."""
    from storylens.compare import commentary

    rng = random.Random(9)
    texts = [" ".join(rng.choice(COMMENTARY_PIECES) for _ in range(rng.randint(0, 12)))
             for _ in range(3000)]  # fmt: skip
    texts += ["It’s “clearly” bad, we’ll see.", "ſeems ſo: it may", "Of courſe we must"]
    tables = [commentary.cue_table(lang) for lang in (None, "de", "fr", "nl", "ko")]
    skipped = 0
    for text in texts:
        folded = commentary._Folded(text)
        for table in tables:
            for cue in table.values():
                fast = commentary._case_sensitive(cue)
                assert folded.count(cue, fast) == len(cue.findall(text)), (text, cue.pattern)
                needed = fast and commentary._cue_words(fast)
                if needed and folded.lowered is not None:
                    skipped += not commentary._may_match(needed, folded.words)
    assert skipped > 1000  # the word test does skip cues
    assert commentary._Folded("It’s “clearly” bad.").lowered == "it’s “clearly” bad."
    assert commentary._Folded("Ein Bär").lowered is None
    obligation = commentary._case_sensitive(commentary.CUES["obligation"])
    single, longer = commentary._cue_words(obligation)
    assert {"must", "should", "ought"} <= single and frozenset({"needs", "to"}) in longer
