"""The sentence-pair judge: do two sentences state the same thing, part of it, or something else?

A logistic model over lexical features (word rarity from ``wordfreq``'s general English
frequencies, so a pair is judged the same way alone or inside a story): IDF-weighted overlap both
ways, soft content-word alignment, names/numbers/dates present on one side only, negation,
length ratio and character similarity. Its weights live in ``weights/judge.json`` and are rebuilt by
``scripts/train_judge.py`` (MSRP training pairs plus the labelled story pairs). The model's output
is the calibrated probability that the pair states the same thing; ``partial`` is the
probability-below-half region where the two still share a substantial stated fact.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Generic, Literal, TypeVar, overload

import numpy as np
from rapidfuzz import fuzz, process
from wordfreq import zipf_frequency

from storylens.compare.language_words import (
    frequency_language,
    negations,
    number_words,
    reading_language,
    stop_words,
)
from storylens.compare.text import (
    NUMBER_WORDS,
    UNSPACED,
    UNSPACED_RUN,
    is_unspaced,
    split_unspaced,
    stem,
    unspaced_weight,
    word_set,
)
from storylens.embedding import sentence_vector, sentence_vectors, word_vector
from storylens.nouns import capitalises_nouns, common_noun

Outcome = Literal["same", "partial", "different"]
T = TypeVar("T")

NEGATIONS = word_set(
    "not no never none nobody nothing neither nor without cannot n't denied denies deny"
)
WEEKDAYS = word_set(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow"
)
MONTH_NAMES = (
    "january february march april may june july august september october november december"
)
MONTH_ABBREVIATIONS = "jan feb mar apr jun jul aug sep sept oct nov dec"
MONTHS = word_set(f"{MONTH_NAMES} {MONTH_ABBREVIATIONS}")
PARTIAL_MIN_OVERLAP = 0.3
"""Weighted share of the shorter sentence found in the longer, above which they share a fact."""
SAME_MIN_OVERLAP = 0.3
"""Below this weighted overlap, "same" is not believed however alike the wording (short
sentences sharing only their frame: ``Two knives were seized`` / ``Two police cars were seen``)."""
PARTIAL_MIN_COSINE = 0.22
"""...or weighted cosine above which they do (long sentences sharing a rare-named fact)."""
PARTIAL_MIN_SHARED = 2
EVERYDAY_WEIGHT = 2.5
"""Outside English, a shared word this common (rarity under 2.5, Zipf above 5.5 in its
language: ``gehen``, ``Stadt``) does not count among the shared content words."""
INFLECTION_LETTERS = 3
"""Letters of an ending two forms of a word may differ by (``evacuadas``/``evacuaram``)."""
ALIGNED_SIMILARITY = 0.6
"""Cosine of two word vectors above which a word counts as aligned (a synonym or a form of it)."""
UNALIGNED_SIMILARITY = 0.4
"""...and below which it has no counterpart at all in the other sentence (an added detail)."""
NUMBER_WEIGHT = 6.0
"""Weight of a figure in the word alignment: as telling as a rare word."""
"""Content words two sentences must share before they can be said to share a fact."""

OTHER_LETTERS = (
    rf"(?:[^\W\d_A-Za-z\u00C0-\u024F{UNSPACED}]"
    r"|[\u0300-\u036f\u0483-\u0487\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u0900-\u0dff])+"
)
"""Words of other alphabets (Cyrillic, Greek, Arabic, Hebrew, Indic scripts with their vowel
signs), which would otherwise fall apart into single characters and carry no content."""
TOKEN_PATTERN = re.compile(
    r"\d+(?:[.,]\d+)*%?|[A-Za-z\u00C0-\u024F]+(?:['’][a-z]+)?"
    rf"|[{UNSPACED}]+|{OTHER_LETTERS}|\S"
)
"""Numbers, Latin words, runs of a script without spaces (split into character pairs by
:func:`judge_tokens`), words of other alphabets, and any other mark on its own."""
LATIN_TOKEN_PATTERN = re.compile(r"\d+(?:[.,]\d+)*%?|[A-Za-z\u00C0-\u024F]+(?:['’][a-z]+)?|\S")
""":data:`TOKEN_PATTERN` without the alternatives for other scripts: the same tokens for a text
that has none, found faster (most sentences)."""


def _other_script_screen() -> re.Pattern[str]:
    """A character class of everything :data:`TOKEN_PATTERN`'s extra alternatives may match:
    the characters of Latin, general punctuation and currency blocks they match (ª, µ, ², ½),
    and every other block outright. A text without one tokenises the same by
    :data:`LATIN_TOKEN_PATTERN`; one scan of a plain class is cheaper than the alternation."""
    extra = re.compile(rf"[{UNSPACED}]|{OTHER_LETTERS}")
    plain = [*range(0x250), *range(0x2000, 0x2070), *range(0x20A0, 0x20D0)]
    odd = "".join(re.escape(chr(c)) for c in plain if extra.match(chr(c)))
    return re.compile(f"[{odd}\u0250-\u1fff\u2070-\u209f\u20d0-\U0010ffff]")


_OTHER_SCRIPT = _other_script_screen()


class _computed_once(Generic[T]):  # lower case: used as a decorator, like cached_property
    """``functools.cached_property`` without the lock Python 3.11 takes on every first read
    (about as costly as the small values it guards; Python 3.12 dropped it): the value is
    stored in the instance's ``__dict__``, which later reads find before this descriptor."""

    def __init__(self, compute: Callable[[Any], T]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> _computed_once[T]: ...
    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...
    def __get__(self, instance: object | None, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


@dataclass(frozen=True)
class Judged:
    """The judge's decision on one pair, with the probability that both say the same thing."""

    outcome: Outcome
    p_same: float
    overlap: float
    """IDF-weighted share of the shorter sentence's content found in the other."""


@dataclass(frozen=True)
class Prepared:
    """A sentence reduced to what the judge looks at (computed once per sentence)."""

    text: str
    folded: str
    tokens: tuple[str, ...]
    content: tuple[str, ...]
    """Stems of content words, in order."""
    weights: tuple[float, ...]
    numbers: frozenset[str]
    names: frozenset[str]
    weekdays: frozenset[str]
    negated: bool
    language: str | None = None
    """The language its words were read in (:func:`reading_language`; None: English)."""

    @_computed_once
    def content_set(self) -> frozenset[str]:
        return frozenset(self.content)

    @_computed_once
    def weight_map(self) -> dict[str, float]:
        """Content stem -> its highest word weight (computed once per sentence, not per pair)."""
        return _weight_map(self)

    @_computed_once
    def long_stems(self) -> tuple[str, ...]:
        return tuple(s for s in self.weight_map if len(s) >= 5)

    @_computed_once
    def long_set(self) -> frozenset[str]:
        return frozenset(self.long_stems)

    @_computed_once
    def folded_words(self) -> list[str]:
        return self.folded.split()

    @_computed_once
    def word_positions(self) -> dict[str, list[int]]:
        """Where each folded word stands (what ``difflib.SequenceMatcher`` indexes of its
        second sequence; built once per sentence here, not once per pair)."""
        positions: dict[str, list[int]] = {}
        for k, word in enumerate(self.folded_words):
            positions.setdefault(word, []).append(k)
        return positions

    @_computed_once
    def weight_totals(self) -> tuple[float, float]:
        """Sum of the content weights, and their Euclidean norm (each pair divides by both)."""
        values = self.weight_map.values()
        return sum(values), math.sqrt(sum(v * v for v in values))

    @_computed_once
    def token_set(self) -> frozenset[str]:
        return frozenset(self.tokens)

    @_computed_once
    def bigrams(self) -> set[tuple[str, str]]:
        return _bigrams(self.content)

    @_computed_once
    def vector(self) -> np.ndarray:
        """The sentence's static embedding (computed only for sentences that get judged)."""
        return sentence_vector(self.text)

    @_computed_once
    def aligned_words(self) -> tuple[tuple[str, ...], np.ndarray, np.ndarray]:
        """Distinct content words and figures, their weights and their word vectors (rows)."""
        weights: dict[str, float] = {}
        for tok in self.tokens:
            if tok in weights:
                continue  # a word's weight is the same wherever it stands
            if tok[0].isdigit():
                weights[tok] = NUMBER_WEIGHT
            elif (content := _token_role(tok, self.language)[2]) is not None:  # content word
                weights[tok] = content[1]
        words = tuple(weights)
        vectors = np.array([word_vector(w) for w in words]) if words else np.zeros((0, 1))
        return words, np.fromiter(weights.values(), float, len(words)), vectors

    @_computed_once
    def aligned_set(self) -> frozenset[str]:
        return frozenset(self.aligned_words[0])

    @_computed_once
    def aligned_total(self) -> float:
        """Sum of the alignment weights (each pair divides by it)."""
        return self.aligned_words[1].sum()


@cache
def word_weight(word: str, language: str | None = None) -> float:
    """Rarity of a word in general use of its language (``language`` as :func:`prepare` reads
    it; English when None or without word frequencies): 8 minus its Zipf frequency (unknown
    words ~7); a character pair of a script without spaces by its characters' frequencies."""
    if is_unspaced(word):
        return unspaced_weight(word)
    return max(0.5, 8.0 - zipf_frequency(word, frequency_language(language)))


ELISION = re.compile(r"\b([^\W\d_]{1,5})'(?=[^\W\d_])")
"""An elided article or pronoun glued to the next word (``l'année``, ``dell'Italia``,
``n'a``): outside English the word is what follows the apostrophe."""


def judge_tokens(text: str, language: str | None = None) -> list[str]:
    """The tokens the judge reads, case kept: :data:`TOKEN_PATTERN` with every run of a script
    without spaces split into its character pairs (Chinese and Japanese have no spaces, so a
    whole clause would otherwise be one "word"); outside English (``language`` as
    :func:`prepare` reads it) elided words part from the word after them (:data:`ELISION`)."""
    text = normalize_quotes(text)
    if language is not None:
        text = ELISION.sub(r"\1' ", text)
    if _OTHER_SCRIPT.search(text) is None:
        return LATIN_TOKEN_PATTERN.findall(text)
    tokens = TOKEN_PATTERN.findall(text)
    return split_unspaced(tokens) if UNSPACED_RUN.search(text) else tokens


def prepare(text: str, language: str | None = None) -> Prepared:
    """Tokens, content stems with their weights, numbers, names, dates and negation of a text
    (one pass over the tokens: every sentence of every article is prepared), its words read in
    ``language`` (the article's; None or English: the English reading)."""
    language = reading_language(language)
    raw = judge_tokens(text, language)
    lowered = [t.lower() for t in raw]
    content, weights, numbers, weekdays, folded = [], [], [], [], []
    negated = False
    for tok in lowered:
        fold, number, content_word, weekday, negation = _token_role(tok, language)
        if fold:
            folded.append(tok)
        if number is not None:
            numbers.append(number)
        elif content_word is not None:
            content.append(content_word[0])
            weights.append(content_word[1])
        if weekday:
            weekdays.append(tok)
        negated = negated or negation
    return Prepared(
        text=text,
        folded=" ".join(folded),
        tokens=tuple(lowered),
        content=tuple(content),
        weights=tuple(weights),
        numbers=frozenset(numbers),
        names=frozenset(_names(raw, language)),
        weekdays=frozenset(weekdays),
        negated=negated,
        language=language,
    )


@lru_cache(maxsize=200_000)
def _token_role(
    tok: str, language: str | None = None
) -> tuple[bool, str | None, tuple[str, float] | None, bool, bool]:
    """What a lower-cased token is to :func:`prepare`: a word or figure of the folded text,
    the number it writes, its content stem and weight, a weekday, a negation (cached: every
    sentence of every article is prepared, and a story repeats its words)."""
    first = tok[0]
    number = content = None
    if first.isdigit():
        number = tok.replace(",", "").rstrip("%")
    elif tok in NUMBER_WORDS:
        number = NUMBER_WORDS[tok]
    elif tok in (spelled := number_words(language)):
        number = spelled[tok]
    elif first.isalpha() and len(tok) > 1 and tok not in stop_words(language):
        content = (stem(tok.replace("’", "'").split("'")[0]), word_weight(tok, language))
    negation = tok in NEGATIONS or tok.endswith("n't") or tok in negations(language)
    return first.isalnum(), number, content, tok in WEEKDAYS, negation


def normalize_quotes(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'")


def _names(raw: list[str], language: str | None = None) -> list[str]:
    """Capitalised words not opening the sentence and not common words: names of people/places."""
    found = []
    for k in [k for k in range(1, len(raw)) if raw[k][:1].isupper()]:  # few tokens pass
        tok = raw[k]
        if not tok.isalpha() or raw[k - 1] in {".", "\"", "“", ":"}:
            continue
        low = tok.lower()
        if low in stop_words(language) or low in MONTHS or low in WEEKDAYS:
            continue
        if word_weight(low, language) < 2.8:
            continue
        if capitalises_nouns(language) and common_noun(low, language):
            continue  # German capitalises every noun: "Einsatz" is no name
        found.append(low)
    return found


FEATURES = (
    "bias",
    "cov_min",
    "cov_max",
    "soft_min",
    "soft_max",
    "cosine",
    "char_ratio",
    "token_sort",
    "len_ratio",
    "log_len",
    "extra_weight_max",
    "extra_weight_min",
    "num_only_a_or_b",
    "num_both_differ",
    "num_match",
    "name_unmatched",
    "negation_differs",
    "weekday_differs",
    "lcs_ratio",
    "bigram_jaccard",
    "cov_min_sq",
    "cov_prod",
    "embed_cosine",
    "align_min",
    "align_max",
    "align_f1",
    "align_prod",
    "aligned_min",
    "aligned_max",
    "unaligned_max",
    "unaligned_min",
)


def features(a: Prepared, b: Prepared) -> list[float]:
    """The feature vector of a pair, in the order of :data:`FEATURES` (symmetric in a and b)."""
    return feature_rows([(a, b)])[0, : len(FEATURES)].tolist()


def feature_rows(
    pairs: Sequence[tuple[Prepared, Prepared]], lexical: Sequence[list[float]] | None = None
) -> np.ndarray:
    """What the model reads, one row per pair: :data:`FEATURES`, then :func:`pair_vector`
    (which the model's projection reduces to a few components). The pairs of a comparison are
    done together: the lexical features pair by pair (:func:`_lexical_features`), the word
    alignment's arithmetic, the pair vectors and (:func:`judge_pairs`) both logistic models
    once over all pairs (:func:`_alignment_columns`, :meth:`JudgeModel.probabilities`).
    ``lexical``: the pairs' :func:`_lexical_features` when the caller has them already."""
    n = len(pairs)
    if not n:
        return np.zeros((0, len(FEATURES) + 2 * _vector_dim()))
    if lexical is None:
        _compute_vectors(pairs)
        links = close_form_links(pairs)
        lexical = [_lexical_features(a, b, links) for a, b in pairs]
    lexical = np.array(lexical)
    vectors_a = np.array([a.vector for a, _ in pairs])
    vectors_b = np.array([b.vector for _, b in pairs])
    return np.hstack([
        lexical, np.column_stack(_alignment_columns(pairs)), np.abs(vectors_a - vectors_b),
        vectors_a * vectors_b,
    ])  # fmt: skip


def _compute_vectors(pairs: Sequence[tuple[Prepared, Prepared]]) -> None:
    """Fill in :attr:`Prepared.vector` of the pairs' sentences that lack it, all in one
    :func:`sentence_vectors` call (the same vectors as one by one)."""
    missing = {id(p): p for pair in pairs for p in pair if "vector" not in p.__dict__}
    texts = [p.text for p in missing.values()]
    for p, vector in zip(missing.values(), sentence_vectors(texts), strict=True):
        p.__dict__["vector"] = vector


def _vector_dim() -> int:
    return len(sentence_vector(""))


def _lexical_features(
    a: Prepared, b: Prepared, links: dict[str, set[str]] | None = None
) -> list[float]:
    """The features of a pair up to ``embed_cosine`` (:data:`FEATURES`; symmetric in a and b),
    worked out pair by pair from what each sentence holds (its cached values). ``links``:
    :func:`close_form_links` of a batch holding the pair (else found for this pair alone)."""
    row = _word_counts_features(a, b, links)
    _fill_costly_features(row, a, b)
    return row


_COSTLY = tuple(FEATURES.index(n) for n in ("lcs_ratio", "embed_cosine"))
"""The features :func:`_word_counts_features` leaves to :func:`_fill_costly_features`
(difflib's word-order ratio, a third of a pair's cost, and the sentence vectors' product, which
needs the vectors), each within a range known beforehand (:func:`_costly_bounds`)."""


def _word_counts_features(
    a: Prepared, b: Prepared, links: dict[str, set[str]] | None = None
) -> list[float]:
    """:func:`_lexical_features` but for the :data:`_COSTLY` ones (0.0 in their places)."""
    if links is None:
        links = close_form_links([(a, b)])
    wa, wb = a.weight_map, b.weight_map
    (tot_a, sq_a), (tot_b, sq_b) = a.weight_totals, b.weight_totals
    tot_a, tot_b = tot_a or 1.0, tot_b or 1.0
    sh_a = sh_b = dot = 0.0
    for s in wa.keys() & wb.keys():
        x, y = wa[s], wb[s]
        sh_a += x
        sh_b += y
        dot += x * y
    cov_a, cov_b = sh_a / tot_a, sh_b / tot_b
    soft_a, soft_b = _soft_cover(a, b, links) / tot_a, _soft_cover(b, a, links) / tot_b
    la, lb = len(a.folded_words) or 1, len(b.folded_words) or 1
    extra_a, extra_b = tot_a - sh_a, tot_b - sh_b
    na, nb = a.numbers, b.numbers
    names_unmatched = _unmatched_name_count(a, b) + _unmatched_name_count(b, a)
    bga, bgb = a.bigrams, b.bigrams
    common = len(bga & bgb)
    cmin = min(cov_a, cov_b)
    return [
        1.0,
        cmin,
        max(cov_a, cov_b),
        min(soft_a, soft_b),
        max(soft_a, soft_b),
        dot / ((sq_a or 1.0) * (sq_b or 1.0)),
        fuzz.ratio(a.folded, b.folded) / 100.0,
        fuzz.token_sort_ratio(a.folded, b.folded) / 100.0,
        min(la, lb) / max(la, lb),
        math.log(max(la, lb)),
        math.log1p(max(extra_a, extra_b)),
        math.log1p(min(extra_a, extra_b)),
        float(bool(na) != bool(nb)),
        float(bool(na and nb and (na ^ nb))),
        min(len(na & nb), 3) / 3.0,
        min(names_unmatched, 4) / 4.0,
        float(a.negated != b.negated),
        float(bool(a.weekdays and b.weekdays and a.weekdays != b.weekdays)),
        0.0,  # lcs_ratio
        common / max(len(bga) + len(bgb) - common, 1),  # the size of the union
        cmin * cmin,
        cov_a * cov_b,
        0.0,  # embed_cosine
    ]


def _fill_costly_features(row: list[float], a: Prepared, b: Prepared) -> None:
    """Put the :data:`_COSTLY` features of the pair into its :func:`_word_counts_features`."""
    lcs, embed = _COSTLY
    row[lcs] = _lcs_ratio(a, b)
    row[embed] = float(a.vector @ b.vector)


def _costly_bounds(a: Prepared, b: Prepared) -> list[tuple[float, float]]:
    """Ranges the :data:`_COSTLY` features of a pair cannot leave: difflib's matching blocks
    pair off equal words, each word at most once, so they hold at most, for each word both
    sentences have, its smaller count (``lcs_ratio`` is at most twice their sum over the two
    word counts); the product of two unit vectors is within [-1, 1] (a margin added for
    float32 rounding)."""
    x, y = a.word_positions, b.word_positions
    shared = 0
    for word in x.keys() & y.keys():
        shared += min(len(x[word]), len(y[word]))
    n = len(a.folded_words) + len(b.folded_words)
    return [(0.0, 2.0 * shared / n if shared else 0.0), (-1.01, 1.01)]


def _alignment_columns(pairs: Sequence[tuple[Prepared, Prepared]]) -> list[np.ndarray]:
    """Word alignment through word vectors (after Sultan et al. 2015, with embeddings standing
    in for their paraphrase lexicon): each content word or figure takes its most similar word of
    the other sentence; the weighted share of each side so covered (mean similarity, and share
    above :data:`ALIGNED_SIMILARITY`), and the weight of words with no counterpart at all.
    Columns of :data:`FEATURES` ``align_min`` to ``unaligned_min``; 0 for a pair where either
    side has no such word."""
    n = len(pairs)
    best: tuple[list[np.ndarray], list[np.ndarray]] = ([], [])  # each word's best similarity
    exact: tuple[list[bool], list[bool]] = ([], [])  # ...or the other side has it as it is
    weights: tuple[list[np.ndarray], list[np.ndarray]] = ([], [])
    kept = np.zeros(n, dtype=bool)
    for k, (a, b) in enumerate(pairs):
        words_a, weight_a, vec_a = a.aligned_words
        words_b, weight_b, vec_b = b.aligned_words
        if not words_a or not words_b:
            continue
        kept[k] = True
        similarity = vec_a @ vec_b.T
        best[0].append(np.maximum.reduce(similarity, axis=1))  # .max without its wrapper
        best[1].append(np.maximum.reduce(similarity, axis=0))
        in_b, in_a = b.aligned_set, a.aligned_set
        exact[0].extend([w in in_b for w in words_a])
        exact[1].extend([w in in_a for w in words_b])
        weights[0].append(weight_a)
        weights[1].append(weight_b)
    columns = [np.zeros(n) for _ in range(8)]
    if not kept.any():
        return columns
    kept_pairs = [pair for pair, keep in zip(pairs, kept, strict=True) if keep]
    total_a = np.array([a.aligned_total for a, _ in kept_pairs])
    total_b = np.array([b.aligned_total for _, b in kept_pairs])
    r, t, u = _weighted_shares(best[0] + best[1], exact[0] + exact[1], weights[0] + weights[1])
    m = len(kept_pairs)  # sums of the a sides first, then of the b sides
    ra, ta, ua, rb, tb, ub = r[:m], t[:m], u[:m], r[m:], t[m:], u[m:]
    ra, ta, rb, tb = ra / total_a, ta / total_a, rb / total_b, tb / total_b
    both = ra + rb
    f1 = np.divide(2 * ra * rb, both, out=np.zeros_like(both), where=both > 0)
    values = [
        np.minimum(ra, rb), np.maximum(ra, rb), f1, ra * rb, np.minimum(ta, tb),
        np.maximum(ta, tb), np.log1p(np.maximum(ua, ub)), np.log1p(np.minimum(ua, ub)),
    ]  # fmt: skip
    for column, value in zip(columns, values, strict=True):
        column[kept] = value
    return columns


def _weighted_shares(
    best: list[np.ndarray], exact: list[bool], weights: list[np.ndarray]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per side of a pair: the weighted sum of its words' best similarities (1 for a word the
    other sentence has as it is), the weight of its words above :data:`ALIGNED_SIMILARITY`, and
    the weight of those below :data:`UNALIGNED_SIMILARITY` (one pass over all sides' words)."""
    pair_of = np.repeat(np.arange(len(best)), [len(x) for x in best])
    similarity = np.where(exact, 1.0, np.concatenate(best))
    weight = np.concatenate(weights)
    n = len(best)
    return (
        np.bincount(pair_of, weight * similarity, n),
        np.bincount(pair_of, weight * (similarity > ALIGNED_SIMILARITY), n),
        np.bincount(pair_of, weight * (similarity < UNALIGNED_SIMILARITY), n),
    )


def _weight_map(p: Prepared) -> dict[str, float]:
    found: dict[str, float] = {}
    for s, w in zip(p.content, p.weights, strict=True):
        found[s] = max(found.get(s, 0.0), w)
    return found


def _soft_cover(
    mine: Prepared, other: Prepared, links: dict[str, set[str]] | None = None
) -> float:
    """Weight of my content words that the other sentence has, or has a close form of
    (:func:`close_forms`: one of its stems of 5+ letters, by :func:`close_form_links`) at 0.7
    of their weight, summed in my words' order."""
    if links is None:
        links = close_form_links([(mine, other)])
    words, theirs = other.weight_map, other.long_set
    total = 0.0
    for s, w in mine.weight_map.items():
        if s in words:
            total += w
        elif s in links and not links[s].isdisjoint(theirs):
            total += 0.7 * w
    return total


CLOSE_SPELLING = 85
"""``fuzz.ratio`` from which two stems of 5+ letters are spelling variants (:func:`close_forms`)."""


def close_form_links(pairs: Sequence[tuple[Prepared, Prepared]]) -> dict[str, set[str]]:
    """Stem of 5+ letters -> stems of 5+ letters that are a close form of it
    (:func:`close_forms`, a symmetric relation between such stems: same first five letters,
    one ends the other, or spelt alike), for every word of one side of a pair against every
    word of the other side, found once for a whole batch of pairs: prefixes and endings by
    dictionary look-ups over the batch's words, the spelling test as one rapidfuzz matrix of
    the first sides' words against the second sides' (~1 in 1,000 passes it) rather than one
    matrix per pair and direction. Words with no close form are left out; a word may be
    linked to stems of its own side too, which no pair reads."""
    left = list(dict.fromkeys(s for a, _ in pairs for s in a.long_stems))
    right = list(dict.fromkeys(s for _, b in pairs for s in b.long_stems))
    links: dict[str, set[str]] = {}
    if not left or not right:
        return links
    vocabulary = set(left).union(right)
    by_prefix: dict[str, list[str]] = {}
    for word in vocabulary:
        by_prefix.setdefault(word[:5], []).append(word)
        if len(word) > 5:  # its endings of 5+ letters that are words here
            for ending in vocabulary.intersection(_endings(word)):
                _link(links, word, ending)
    for group in by_prefix.values():
        if len(group) > 1:
            for word in group:
                links.setdefault(word, set()).update(group)
    scores = process.cdist(left, right, scorer=fuzz.ratio, score_cutoff=CLOSE_SPELLING)
    for i, j in zip(*np.nonzero(scores), strict=True):
        _link(links, left[i], right[j])
    return links


@lru_cache(maxsize=200_000)
def _endings(word: str) -> tuple[str, ...]:
    """The word's proper endings of 5+ letters (cached: a story's words meet many batches)."""
    return tuple(word[k:] for k in range(1, len(word) - 4))


def _link(links: dict[str, set[str]], x: str, y: str) -> None:
    links.setdefault(x, set()).add(y)
    links.setdefault(y, set()).add(x)


@lru_cache(maxsize=200_000)
def close_forms(x: str, y: str) -> bool:
    """Spelling variants and derived forms (``airstrikes``/``strikes``, ``killing``/``killed``)."""
    if len(y) < 5:
        return False
    if x[:5] == y[:5] or x.endswith(y) or y.endswith(x):
        return True
    return fuzz.ratio(x, y) >= CLOSE_SPELLING


def _unmatched_names(a: Prepared, b: Prepared) -> set[str]:
    """Names of ``a`` that ``b`` does not mention in any form."""
    if not a.names:
        return set()
    other = b.token_set
    return {n for n in a.names if n not in other and not any(close_forms(n, o) for o in b.names)}


def _unmatched_name_count(a: Prepared, b: Prepared) -> int:
    """``len(_unmatched_names(a, b))``: the names ``b``'s tokens lack, by one set difference,
    then the close-form test on those only (most names are in the other sentence as they are)."""
    if not a.names:
        return 0
    missing = a.names - b.token_set
    if not missing:
        return 0
    names = b.names
    return sum(1 for n in missing if not any(close_forms(n, o) for o in names))


def _lcs_ratio(a: Prepared, b: Prepared) -> float:
    """Share of the two sentences' folded words in difflib's matching blocks (word order)."""
    x, y = a.folded_words, b.folded_words
    if not x or not y:
        return 0.0
    matched = _matched_size(x, b.word_positions, len(y))
    return 2.0 * matched / (len(x) + len(y))


def _matched_size(a: list[str], b_positions: dict[str, list[int]], b_len: int) -> int:
    """Total size of ``difflib.SequenceMatcher(None, a, b, autojunk=False)``'s matching blocks,
    by the same search (its ``find_longest_match`` without junk, which then has nothing to
    extend, recursing left and right of each longest block, ties to the earliest), on ``b``'s
    word positions built once per sentence and without its per-block tuples."""
    total = 0
    queue = [(0, len(a), 0, b_len)]
    while queue:
        alo, ahi, blo, bhi = queue.pop()
        best_i, best_j, best_size = alo, blo, 0
        run: dict[int, int] = {}
        for i in range(alo, ahi):
            previous, run = run, {}
            for j in b_positions.get(a[i], ()):
                if j < blo:
                    continue
                if j >= bhi:
                    break
                size = run[j] = previous.get(j - 1, 0) + 1
                if size > best_size:
                    best_i, best_j, best_size = i - size + 1, j - size + 1, size
        if best_size:
            total += best_size
            if alo < best_i and blo < best_j:
                queue.append((alo, best_i, blo, best_j))
            if best_i + best_size < ahi and best_j + best_size < bhi:
                queue.append((best_i + best_size, ahi, best_j + best_size, bhi))
    return total


def _bigrams(stems: tuple[str, ...]) -> set[tuple[str, str]]:
    return set(itertools.pairwise(stems))


@dataclass(frozen=True)
class Projection:
    """Principal components of the pair's sentence vectors, ``|u - v|`` and ``u * v``
    (fitted on the training pairs): a few numbers that say along which directions two
    sentences differ, where a full 256-number vector would over-fit 4,000 training pairs."""

    mean: np.ndarray
    components: np.ndarray
    """(2k, 2d): k rows act on ``|u - v|``, k on ``u * v`` (block diagonal)."""

    def apply(self, raw: np.ndarray) -> np.ndarray:
        return (raw - self.mean) @ self.components.T


@dataclass(frozen=True)
class JudgeModel:
    """Standardisation and logistic weights, as trained by ``scripts/train_judge.py``."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    threshold: float
    related: JudgeModel | None = None
    """A second logistic model: the probability that the pair shares a stated fact at all
    (trained on the labelled story pairs); without it a fixed overlap rule decides "partial"."""
    projection: Projection | None = None

    def p_same(self, x: np.ndarray | list[float]) -> float:
        """Probability from a :func:`feature_row` (lexical features, then the pair vector)."""
        return self.probabilities(np.asarray(x, dtype=float)[None, :])[0]

    def probabilities(self, rows: np.ndarray) -> list[float]:
        """:meth:`p_same` of each row of a :func:`feature_rows` matrix (one product for all)."""
        inputs = rows[:, : len(FEATURES)]
        if self.projection is not None:
            inputs = np.hstack([inputs, self.projection.apply(rows[:, len(FEATURES) :])])
        z = (self.intercept + ((inputs - self.mean) / self.scale) @ self.coef).tolist()
        return [1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, v)))) for v in z]


_OVERRIDE: list[JudgeModel] = []


@contextmanager
def using_model(model: JudgeModel) -> Iterator[None]:
    """Judge with ``model`` instead of the shipped one (cross-validation scores each fold's)."""
    _OVERRIDE.append(model)
    try:
        yield
    finally:
        _OVERRIDE.pop()


def load_model() -> JudgeModel:
    """The judge in use: an override, else the shipped weights (``compare/weights/judge.json``)."""
    return _OVERRIDE[-1] if _OVERRIDE else _shipped_model()


@cache
def _shipped_model() -> JudgeModel:
    text = resources.files("storylens.compare").joinpath("weights/judge.json").read_text("utf-8")
    return model_from_dict(json.loads(text))


def model_from_dict(data: dict) -> JudgeModel:
    """A judge from its JSON form, refusing weights trained on another feature list."""
    if data.get("features") != list(FEATURES):
        raise ValueError("compare/weights/judge.json was trained on other features: retrain it")
    related = model_from_dict({"features": data["features"], **data["related"]}) if data.get(
        "related"
    ) else None
    projection = None
    if data.get("projection"):
        projection = Projection(
            np.array(data["projection"]["mean"]), np.array(data["projection"]["components"])
        )
    return JudgeModel(
        np.array(data["mean"]),
        np.array(data["scale"]),
        np.array(data["coef"]),
        data["intercept"],
        data.get("threshold", 0.5),
        related,
        projection,
    )


def pair_vector(a: Prepared, b: Prepared) -> np.ndarray:
    """``|u - v|`` and ``u * v`` of the two sentence vectors (symmetric in a and b)."""
    return np.concatenate([np.abs(a.vector - b.vector), a.vector * b.vector])


def feature_row(a: Prepared, b: Prepared) -> np.ndarray:
    """What the model reads of one pair: a row of :func:`feature_rows`."""
    return feature_rows([(a, b)])[0]


def may_relate(a: Prepared, b: Prepared) -> bool:
    """Whether :func:`judge` can call the pair anything but "different": "same" and "partial"
    both need :data:`PARTIAL_MIN_SHARED` shared content stems. A caller that drops different
    pairs (the story's facts index) skips the features of a pair that fails this test.
    Outside English (:func:`_shared_outside_english`) the count reads inflections and the
    language's everyday words as its stop-word list cannot."""
    shared = a.content_set & b.content_set
    if a.language is None and b.language is None:
        return len(shared) >= PARTIAL_MIN_SHARED
    if shared and a.folded == b.folded:
        return True  # the same words: a copy, however few and common its words
    return _shared_outside_english(a, b, shared) >= PARTIAL_MIN_SHARED


def _shared_outside_english(a: Prepared, b: Prepared, shared: frozenset[str]) -> int:
    """Content stems two sentences share, counted for a language other than English, with
    the figures they share: the crude English stem leaves most inflections apart, so two
    forms of one word count
    (:func:`inflected_alike`: ``evacuadas``/``evacuaram``, ``Pegel``/``Pegelstand``), and
    the language's everyday words (``gehen``, ``Stadt``: Zipf above :data:`EVERYDAY_WEIGHT`)
    do not, as English's ``go`` and ``said`` are stop words."""
    weights_a, weights_b = a.weight_map, b.weight_map
    count = sum(1 for s in shared if min(weights_a[s], weights_b[s]) >= EVERYDAY_WEIGHT)
    count += len(a.numbers & b.numbers)  # "600 naissances" / "600 naissances": a shared figure
    others = [y for y in b.content_set - shared if weights_b[y] >= EVERYDAY_WEIGHT]
    for x in a.content_set - shared:
        if weights_a[x] >= EVERYDAY_WEIGHT and any(inflected_alike(x, y) for y in others):
            count += 1
    return count


def inflected_alike(x: str, y: str) -> bool:
    """Two forms of one word: a common beginning of at least five letters that leaves at most
    :data:`INFLECTION_LETTERS` of the shorter word (``examiné``/``examen``), or the shorter
    word whole at the start of a compound (``Pegel``/``Pegelstand``). Not two words that only
    share a prefix (``unterhält``/``Unterstützung``)."""
    shorter = min(len(x), len(y))
    common = next((k for k in range(shorter) if x[k] != y[k]), shorter)
    return common >= 5 and common >= shorter - INFLECTION_LETTERS


def judge(a: Prepared, b: Prepared, model: JudgeModel | None = None) -> Judged:
    """Same, partial or different, with the calibrated probability of "same"."""
    return judge_pairs([(a, b)], model)[0]


_SOFT_MIN, _COV_MIN, _COSINE = (FEATURES.index(n) for n in ("soft_min", "cov_min", "cosine"))
_WORD_FEATURES = FEATURES.index("embed_cosine") + 1
"""How many leading features :func:`_lexical_features` gives (the rest: word alignment)."""


def judge_pairs(
    pairs: Sequence[tuple[Prepared, Prepared]],
    model: JudgeModel | None = None,
    lexical: Sequence[list[float]] | None = None,
) -> list[Judged]:
    """:func:`judge` of each pair, the features and probabilities of all computed together
    (a comparison judges its candidate pairs in one call)."""
    if not pairs:
        return []
    model = model or load_model()
    x = feature_rows(pairs, lexical)
    p_same = model.probabilities(x)
    overlaps = np.maximum(x[:, _SOFT_MIN], x[:, _COV_MIN]).tolist()
    if model.related is not None:
        related = [p >= model.related.threshold for p in model.related.probabilities(x)]
    else:
        cosines = x[:, _COSINE].tolist()
        related = [o >= PARTIAL_MIN_OVERLAP or c >= PARTIAL_MIN_COSINE
                   for o, c in zip(overlaps, cosines, strict=True)]  # fmt: skip
    verdicts = []
    for (a, b), p, overlap, near in zip(pairs, p_same, overlaps, related, strict=True):
        shared = may_relate(a, b)
        if p >= model.threshold and shared and overlap >= SAME_MIN_OVERLAP:
            verdicts.append(Judged("same", round(p, 3), overlap))
        elif near and shared:
            verdicts.append(Judged("partial", round(p, 3), overlap))
        else:
            verdicts.append(Judged("different", round(p, 3), overlap))
    return verdicts


def judge_pairs_unless_different(
    pairs: Sequence[tuple[Prepared, Prepared]],
    model: JudgeModel | None = None,
    min_overlap: float = 0.0,
) -> list[Judged | None]:
    """:func:`judge_pairs`' verdicts, None where it says "different", for callers that drop
    those (the story's facts index). About half the pairs such a caller asks about are too far
    apart to be "same" and, as the words alone already show, not related either: those are
    told apart without the word alignment and sentence vectors, and most of them without the
    :data:`_COSTLY` features either (:func:`_may_be_related`). Same verdicts as
    :func:`judge_pairs`, never an estimate: the shortcut is taken only when the model's
    "related" test gives no weight to anything but the word features (:func:`_decided_by_words`).
    A pair whose :attr:`Judged.overlap` is under ``min_overlap`` is None too, told from its word
    features alone (for a caller that would drop it)."""
    model = model or load_model()
    if not pairs:
        return []
    if not _decided_by_words(model):
        return [None if v.outcome == "different" or v.overlap < min_overlap else v
                for v in judge_pairs(pairs, model)]  # fmt: skip
    links = close_form_links(pairs)
    maybe = []  # pairs that may be open, with their word features
    for k, (a, b) in enumerate(pairs):
        row = _word_counts_features(a, b, links)
        if max(row[_SOFT_MIN], row[_COV_MIN]) < min_overlap:
            continue
        if max(row[_SOFT_MIN], row[_COV_MIN]) >= SAME_MIN_OVERLAP or (
            may_relate(a, b) and _may_be_related(model, row, _costly_bounds(a, b))
        ):
            maybe.append((k, row))
    _compute_vectors([pairs[k] for k, _ in maybe])
    open_pairs, lexical = [], []
    for k, row in maybe:
        a, b = pairs[k]
        _fill_costly_features(row, a, b)
        if max(row[_SOFT_MIN], row[_COV_MIN]) >= SAME_MIN_OVERLAP or (
            _may_be_related(model, row, [(row[c], row[c]) for c in _COSTLY])
        ):  # a pair let through within the screen's margin is then judged "different" as before
            open_pairs.append(k)
            lexical.append(row)
    verdicts: list[Judged | None] = [None] * len(pairs)
    judged = judge_pairs([pairs[k] for k in open_pairs], model, lexical)
    for k, verdict in zip(open_pairs, judged, strict=True):
        verdicts[k] = None if verdict.outcome == "different" else verdict
    return verdicts


def _decided_by_words(model: JudgeModel) -> bool:
    """Whether ``model``'s "related" test reads nothing past :func:`_lexical_features` (zero
    weights there and no projection of the pair vector, or the fixed overlap rule), so that it
    gives the same answer with zeros standing in for the rest of the row."""
    related = model.related
    return related is None or (
        related.projection is None and not np.any(related.coef[_WORD_FEATURES:])
    )


def _may_be_related(
    model: JudgeModel, row: list[float], bounds: list[tuple[float, float]]
) -> bool:
    """False only when :func:`_related_by_words` is False for every value of the
    :data:`_COSTLY` features within ``bounds`` (:func:`_costly_bounds`), the others being
    ``row``'s: the "related" model's score is linear in each feature, so its highest is at one
    end of each range; a margin far above float rounding keeps the answer sure."""
    related = model.related
    if related is None:
        return _related_by_words(model, row)  # the fixed rule reads no costly feature
    screen = _screen(related)
    if screen is None:
        return True
    weights, costly, base, needed = screen
    z = base
    for w, x in zip(weights, row, strict=True):  # none past the row weighs (_decided_by_words)
        z += w * x
    for w, (low, high) in zip(costly, bounds, strict=True):
        z += w * (high if w > 0 else low) if w else 0.0
    return z + 1e-6 >= needed


_SCREENS: dict[int, tuple[JudgeModel, tuple[list[float], list[float], float, float] | None]] = {}


def _screen(
    related: JudgeModel,
) -> tuple[list[float], list[float], float, float] | None:
    """``related``'s score as plain floats for :func:`_may_be_related`: the weight of each
    word feature on its raw value (0 for the :data:`_COSTLY` ones, whose weights come second),
    the constant, and the score the threshold asks for; None when its threshold leaves
    nothing to screen (the model clamps its score at -30 and 30)."""
    known = _SCREENS.get(id(related))
    if known is not None and known[0] is related:
        return known[1]
    screen = None
    if _SCREEN_MIN < related.threshold < 1.0:
        per_unit = (related.coef / related.scale)[:_WORD_FEATURES].tolist()
        base = related.intercept - float(np.sum(related.coef * related.mean / related.scale))
        costly = [per_unit[k] for k in _COSTLY]
        weights = [0.0 if k in _COSTLY else w for k, w in enumerate(per_unit)]
        screen = (weights, costly, base, math.log(related.threshold / (1 - related.threshold)))
    _SCREENS[id(related)] = (related, screen)
    return screen


_SCREEN_MIN = 1.0 / (1.0 + math.exp(29.0))
"""Below this "related" threshold :func:`_may_be_related` does not screen (the model clamps
its score at -30, so a lower bound on the score no longer bounds the probability)."""


def _related_by_words(model: JudgeModel, lexical: list[float]) -> bool:
    """:func:`judge_pairs`' "related" test on a pair's word features alone."""
    overlap = max(lexical[_SOFT_MIN], lexical[_COV_MIN])
    if model.related is None:
        return overlap >= PARTIAL_MIN_OVERLAP or lexical[_COSINE] >= PARTIAL_MIN_COSINE
    row = np.array([lexical + [0.0] * (len(FEATURES) - len(lexical))])
    return model.related.probabilities(row)[0] >= model.related.threshold
