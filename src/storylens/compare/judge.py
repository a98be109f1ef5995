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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Generic, Literal, TypeVar, overload

import numpy as np
from rapidfuzz import fuzz, process
from wordfreq import zipf_frequency

from storylens.compare.text import (
    NUMBER_WORDS,
    STOPWORDS,
    UNSPACED,
    UNSPACED_RUN,
    is_unspaced,
    split_unspaced,
    stem,
    unspaced_weight,
    word_set,
)
from storylens.embedding import sentence_vector, word_vector

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
    def stem_prefixes(self) -> frozenset[str]:
        return frozenset(s[:5] for s in self.long_stems)

    @_computed_once
    def stem_suffixes(self) -> frozenset[str]:
        """Every ending of 5+ letters of the long stems: ``word in`` it = a stem ends with word."""
        return frozenset(s[k:] for s in self.long_stems for k in range(len(s) - 4))

    @_computed_once
    def folded_words(self) -> list[str]:
        return self.folded.split()

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
            elif (content := _token_role(tok)[2]) is not None:  # a content word, its weight
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
def word_weight(word: str) -> float:
    """Rarity of a word in general English: 8 minus its Zipf frequency (unknown words ~7); a
    character pair of a script without spaces by its characters' frequencies."""
    if is_unspaced(word):
        return unspaced_weight(word)
    return max(0.5, 8.0 - zipf_frequency(word, "en"))


def judge_tokens(text: str) -> list[str]:
    """The tokens the judge reads, case kept: :data:`TOKEN_PATTERN` with every run of a script
    without spaces split into its character pairs (Chinese and Japanese have no spaces, so a
    whole clause would otherwise be one "word")."""
    text = normalize_quotes(text)
    if _OTHER_SCRIPT.search(text) is None:
        return LATIN_TOKEN_PATTERN.findall(text)
    tokens = TOKEN_PATTERN.findall(text)
    return split_unspaced(tokens) if UNSPACED_RUN.search(text) else tokens


def prepare(text: str) -> Prepared:
    """Tokens, content stems with their weights, numbers, names, dates and negation of a text
    (one pass over the tokens: every sentence of every article is prepared)."""
    raw = judge_tokens(text)
    lowered = [t.lower() for t in raw]
    content, weights, numbers, weekdays, folded = [], [], [], [], []
    negated = False
    for tok in lowered:
        fold, number, content_word, weekday, negation = _token_role(tok)
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
        names=frozenset(_names(raw)),
        weekdays=frozenset(weekdays),
        negated=negated,
    )


@lru_cache(maxsize=200_000)
def _token_role(
    tok: str,
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
    elif first.isalpha() and len(tok) > 1 and tok not in STOPWORDS:
        content = (stem(tok.replace("’", "'").split("'")[0]), word_weight(tok))
    negation = tok in NEGATIONS or tok.endswith("n't")
    return first.isalnum(), number, content, tok in WEEKDAYS, negation


def normalize_quotes(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'")


def _names(raw: list[str]) -> list[str]:
    """Capitalised words not opening the sentence and not common words: names of people/places."""
    found = []
    for k, tok in enumerate(raw):
        if k == 0 or not tok[:1].isupper() or not tok.isalpha():
            continue
        if raw[k - 1] in {".", "\"", "“", ":"}:
            continue
        low = tok.lower()
        if low in STOPWORDS or low in MONTHS or low in WEEKDAYS or word_weight(low) < 2.8:
            continue
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


LEXICAL_FEATURES = FEATURES.index("embed_cosine")
"""The features before this index are read off the two sentences' words alone
(:func:`lexical_features`); those from it on need their embeddings and word vectors."""


def features(a: Prepared, b: Prepared) -> list[float]:
    """The feature vector of a pair, in the order of :data:`FEATURES` (symmetric in a and b)."""
    return [*lexical_features(a, b), *vector_features(a, b)]


def vector_features(a: Prepared, b: Prepared) -> list[float]:
    """The features from :data:`LEXICAL_FEATURES` on: embedding cosine and word alignment."""
    return [float(a.vector @ b.vector), *_alignment_features(a, b)]


def lexical_features(a: Prepared, b: Prepared) -> list[float]:
    """The first :data:`LEXICAL_FEATURES` features of the pair (words, figures, names)."""
    wa, wb = a.weight_map, b.weight_map
    shared = wa.keys() & wb.keys()
    (tot_a, sq_a), (tot_b, sq_b) = a.weight_totals, b.weight_totals
    tot_a, tot_b = tot_a or 1.0, tot_b or 1.0
    sh_a = sum(wa[s] for s in shared)
    sh_b = sum(wb[s] for s in shared)
    cov_a, cov_b = sh_a / tot_a, sh_b / tot_b
    soft_a, soft_b = _soft_cover(wa, b) / tot_a, _soft_cover(wb, a) / tot_b
    sq_a, sq_b = sq_a or 1.0, sq_b or 1.0
    cosine = sum(wa[s] * wb[s] for s in shared) / (sq_a * sq_b)
    la, lb = len(a.folded_words) or 1, len(b.folded_words) or 1
    extra_a, extra_b = tot_a - sh_a, tot_b - sh_b
    only_nums = bool(a.numbers) != bool(b.numbers)
    num_differ = bool(a.numbers and b.numbers and (a.numbers ^ b.numbers))
    num_match = len(a.numbers & b.numbers)
    names_unmatched = len(_unmatched_names(a, b)) + len(_unmatched_names(b, a))
    lcs = _lcs_ratio(a, b)
    bga, bgb = a.bigrams, b.bigrams
    common = len(bga & bgb)
    bigram = common / max(len(bga) + len(bgb) - common, 1)  # the size of the union
    cmin = min(cov_a, cov_b)
    return [
        1.0,
        cmin,
        max(cov_a, cov_b),
        min(soft_a, soft_b),
        max(soft_a, soft_b),
        cosine,
        fuzz.ratio(a.folded, b.folded) / 100.0,
        fuzz.token_sort_ratio(a.folded, b.folded) / 100.0,
        min(la, lb) / max(la, lb),
        math.log(max(la, lb)),
        math.log1p(max(extra_a, extra_b)),
        math.log1p(min(extra_a, extra_b)),
        float(only_nums),
        float(num_differ),
        min(num_match, 3) / 3.0,
        min(names_unmatched, 4) / 4.0,
        float(a.negated != b.negated),
        float(bool(a.weekdays and b.weekdays and a.weekdays != b.weekdays)),
        lcs,
        bigram,
        cmin * cmin,
        cov_a * cov_b,
    ]


def _alignment_features(a: Prepared, b: Prepared) -> list[float]:
    """Word alignment through word vectors (after Sultan et al. 2015, with embeddings standing
    in for their paraphrase lexicon): each content word or figure takes its most similar word of
    the other sentence; the weighted share of each side so covered (mean similarity, and share
    above :data:`ALIGNED_SIMILARITY`), and the weight of words with no counterpart at all."""
    words_a, weight_a, vec_a = a.aligned_words
    words_b, weight_b, vec_b = b.aligned_words
    if not words_a or not words_b:
        return [0.0] * 8
    similarity = vec_a @ vec_b.T
    best_a = _best_match(similarity.max(axis=1), words_a, b.aligned_set)
    best_b = _best_match(similarity.max(axis=0), words_b, a.aligned_set)
    total_a, total_b = a.aligned_total, b.aligned_total
    ra = float(weight_a @ best_a / total_a)
    rb = float(weight_b @ best_b / total_b)
    ta = float(weight_a @ (best_a > ALIGNED_SIMILARITY) / total_a)
    tb = float(weight_b @ (best_b > ALIGNED_SIMILARITY) / total_b)
    ua = float(weight_a @ (best_a < UNALIGNED_SIMILARITY))
    ub = float(weight_b @ (best_b < UNALIGNED_SIMILARITY))
    return [
        min(ra, rb),
        max(ra, rb),
        2 * ra * rb / (ra + rb) if ra + rb > 0 else 0.0,
        ra * rb,
        min(ta, tb),
        max(ta, tb),
        math.log1p(max(ua, ub)),
        math.log1p(min(ua, ub)),
    ]


def _best_match(best: np.ndarray, words: tuple[str, ...], other: frozenset[str]) -> np.ndarray:
    """Best similarity per word, 1 for a word the other sentence has as it is."""
    return np.where([w in other for w in words], 1.0, best)


def _weight_map(p: Prepared) -> dict[str, float]:
    found: dict[str, float] = {}
    for s, w in zip(p.content, p.weights, strict=True):
        found[s] = max(found.get(s, 0.0), w)
    return found


def _soft_cover(mine: dict[str, float], other: Prepared) -> float:
    """Weight of my content words that the other sentence has, or has a close form of
    (:func:`close_forms` against each of its words: :func:`_close_forms_in`)."""
    words = other.weight_map
    close = _close_forms_in(mine, other)
    total = 0.0
    for s, w in mine.items():
        if s in words:
            total += w
        elif s in close:
            total += 0.7 * w
    return total


def _close_forms_in(mine: dict[str, float], other: Prepared) -> set[str]:
    """My words of 5+ letters that the other sentence lacks but has a close form of:
    ``any(close_forms(word, o) for o in other's stems)`` as set lookups (same prefix, one ends
    the other), then one rapidfuzz matrix for the spelling test of all words left (~1 in
    1,000 passes it; one call per pair rather than one per word)."""
    long_words = other.long_stems
    if not long_words:
        return set()
    words, prefixes, suffixes = other.weight_map, other.stem_prefixes, other.stem_suffixes
    close: set[str] = set()
    spelling: list[str] = []
    for word in mine:
        if word in words or len(word) < 5:
            continue
        if word[:5] in prefixes or word in suffixes or not _proper_endings(word).isdisjoint(words):
            close.add(word)
        else:
            spelling.append(word)
    if spelling:
        scores = process.cdist(spelling, long_words, scorer=fuzz.ratio, score_cutoff=85)
        close.update(word for word, near in zip(spelling, scores.any(axis=1), strict=True) if near)
    return close


@lru_cache(maxsize=100_000)
def _proper_endings(word: str) -> frozenset[str]:
    """The word's endings of 5+ letters, shorter than the word (another sentence's stem that
    one of them equals is a shorter form: ``airstrikes``/``strikes``)."""
    return frozenset(word[k:] for k in range(1, len(word) - 4))


@lru_cache(maxsize=200_000)
def close_forms(x: str, y: str) -> bool:
    """Spelling variants and derived forms (``airstrikes``/``strikes``, ``killing``/``killed``)."""
    if len(y) < 5:
        return False
    if x[:5] == y[:5] or x.endswith(y) or y.endswith(x):
        return True
    return fuzz.ratio(x, y) >= 85


def _unmatched_names(a: Prepared, b: Prepared) -> set[str]:
    """Names of ``a`` that ``b`` does not mention in any form."""
    if not a.names:
        return set()
    other = b.token_set
    return {n for n in a.names if n not in other and not any(close_forms(n, o) for o in b.names)}


def _lcs_ratio(a: Prepared, b: Prepared) -> float:
    """Share of the two sentences' folded words in difflib's matching blocks (word order)."""
    x, y = a.folded_words, b.folded_words
    if not x or not y:
        return 0.0
    return 2.0 * _matched_words(x, y) / (len(x) + len(y))


def _matched_words(x: list[str], y: list[str]) -> int:
    """``sum(block.size for block in difflib.SequenceMatcher(None, x, y, autojunk=False)
    .get_matching_blocks())``, by the same algorithm without its general machinery (junk
    and popular elements, which this matcher has none of, and the blocks themselves): the
    longest matching block (the earliest in ``x``, then in ``y``), then the same on each side
    of it. A pair's features are computed for every pair a story's facts index judges."""
    if x == y:
        return len(x)
    positions: dict[str, list[int]] = {}
    for j, word in enumerate(y):
        positions.setdefault(word, []).append(j)
    matched = 0
    pending = [(0, len(x), 0, len(y))]
    while pending:
        alo, ahi, blo, bhi = pending.pop()
        besti, bestj, bestsize = alo, blo, 0
        runs: dict[int, int] = {}  # run length of matches ending at y[j], for the last x[i]
        for i in range(alo, ahi):
            longer: dict[int, int] = {}
            for j in positions.get(x[i], ()):
                if j < blo:
                    continue
                if j >= bhi:
                    break
                k = longer[j] = runs.get(j - 1, 0) + 1
                if k > bestsize:
                    besti, bestj, bestsize = i - k + 1, j - k + 1, k
            runs = longer
        if bestsize:
            matched += bestsize
            if alo < besti and blo < bestj:
                pending.append((alo, besti, blo, bestj))
            if besti + bestsize < ahi and bestj + bestsize < bhi:
                pending.append((besti + bestsize, ahi, bestj + bestsize, bhi))
    return matched


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
        row = np.asarray(x, dtype=float)
        inputs = row[: len(FEATURES)]
        if self.projection is not None:
            inputs = np.concatenate([inputs, self.projection.apply(row[len(FEATURES) :])])
        z = self.intercept + float(((inputs - self.mean) / self.scale) @ self.coef)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


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
    """What the model reads: :func:`features` in the order of :data:`FEATURES`, then
    :func:`pair_vector` (which the model's projection reduces to a few components)."""
    return np.concatenate([np.array(features(a, b)), pair_vector(a, b)])


def may_relate(a: Prepared, b: Prepared) -> bool:
    """Whether :func:`judge` can call the pair anything but "different": "same" and "partial"
    both need :data:`PARTIAL_MIN_SHARED` shared content stems. A caller that drops different
    pairs (the story's facts index) skips the features of a pair that fails this test."""
    return len(a.content_set & b.content_set) >= PARTIAL_MIN_SHARED


def judge(a: Prepared, b: Prepared, model: JudgeModel | None = None) -> Judged:
    """Same, partial or different, with the calibrated probability of "same"."""
    model = model or load_model()
    return _verdict(a, b, model, feature_row(a, b))


def judge_unless_different(
    a: Prepared, b: Prepared, model: JudgeModel | None = None
) -> Judged | None:
    """:func:`judge`'s verdict, or None when it is "different", for callers that drop those
    (the story's facts index). About half the pairs it is asked about are different with
    too little overlap to be the same, and whether they are related at all the words alone
    decide (:func:`_decided_by_words`): those are told apart without the embedding and word
    alignment features. The verdict is the same as :func:`judge`'s, never an estimate."""
    model = model or load_model()
    lexical = lexical_features(a, b)
    if _decided_by_words(model):
        overlap = max(lexical[_SOFT_MIN], lexical[_COV_MIN])
        if overlap < SAME_MIN_OVERLAP and not (
            _related(model, lexical + _NO_VECTOR_FEATURES, overlap) and may_relate(a, b)
        ):
            return None  # not the same (too little overlap), nor related: different
    x = np.concatenate([np.array(lexical + vector_features(a, b)), pair_vector(a, b)])
    verdict = _verdict(a, b, model, x)
    return None if verdict.outcome == "different" else verdict


_SOFT_MIN = FEATURES.index("soft_min")
_COV_MIN = FEATURES.index("cov_min")
_COSINE = FEATURES.index("cosine")
_NO_VECTOR_FEATURES = [0.0] * (len(FEATURES) - LEXICAL_FEATURES)
"""Stand-ins for the vector features where the model in use gives them no weight."""


def _decided_by_words(model: JudgeModel) -> bool:
    """Whether ``model``'s "related" test reads no feature past the lexical ones (zero weights
    there, no projection of the pair vector; or the fixed overlap rule): then it gives the same
    answer with any finite stand-ins for the vector features."""
    known = _BY_WORDS.get(id(model))
    if known is not None and known[0] is model:
        return known[1]
    related = model.related
    decided = related is None or (
        related.projection is None and not np.any(related.coef[LEXICAL_FEATURES:])
    )
    _BY_WORDS[id(model)] = (model, decided)
    return decided


_BY_WORDS: dict[int, tuple[JudgeModel, bool]] = {}


def _related(model: JudgeModel, row: list[float] | np.ndarray, overlap: float) -> bool:
    """Whether the pair shares a stated fact at all (before the shared-stems test)."""
    if model.related is not None:
        return model.related.p_same(row) >= model.related.threshold
    return overlap >= PARTIAL_MIN_OVERLAP or float(row[_COSINE]) >= PARTIAL_MIN_COSINE


def _verdict(a: Prepared, b: Prepared, model: JudgeModel, x: np.ndarray) -> Judged:
    """Same, partial or different from the pair's :func:`feature_row` ``x``."""
    p = model.p_same(x)
    overlap = float(max(x[FEATURES.index("soft_min")], x[FEATURES.index("cov_min")]))
    shared = may_relate(a, b)
    if p >= model.threshold and shared and overlap >= SAME_MIN_OVERLAP:
        return Judged("same", round(p, 3), overlap)
    if _related(model, x, overlap) and shared:
        return Judged("partial", round(p, 3), overlap)
    return Judged("different", round(p, 3), overlap)
