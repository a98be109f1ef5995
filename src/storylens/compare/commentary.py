"""Sentences that are the outlet's own opinion, speculation or inference rather than reported fact.

Each sentence is described by a few cues that say how it is written, not what it is about:
hedges and modal verbs (``may``, ``likely``), obligation (``must``, ``should``), predictions
(``will``), evaluative words (``crucial``, ``flawed``, ``of course``), inference openers (``This
means``, ``Yet``, ``The good news``), first and second person, questions and exclamations, and
against them attribution (quotation marks, reporting verbs, a sentence inside a quotation that
spans several) and fact density (digits, capitalised names). A logistic regression over those
cues, fitted on hand-labelled sentences (``storylens/bench/data/commentary-labels.jsonl``) by
``scripts/train_commentary.py``, gives each sentence a probability; the weights ship in
``compare/weights/commentary.json``. A sentence is flagged when that probability clears the
threshold and at least one word cue is there. The word cues come in tables per language
(English, German, French, Spanish, Italian, Portuguese, Dutch, Korean); the model's weights are
shared, so a cue counts the same in every language. A language without a table gets no flags.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from storylens.compare.model import Commentary, Span
from storylens.compare.sentences import Sentence

try:  # CPython's regex parser (private): only to read which words a cue needs, a speed-up
    from re import _constants, _parser  # type: ignore[attr-defined]
except ImportError:  # another Python: every cue is simply always run
    _constants = _parser = None

_QUOTE = re.compile(r"[“”\"„«»「」]|''|``")
_WORD = re.compile(r"\w+")
_OPENING = "“„«「"
_CLOSING = "”»」"
CUES: dict[str, re.Pattern[str]] = {
    "attribution": re.compile(
        r"\b(?:said|says|told|according to|stated|announced|reported|added|wrote|noted|argued|"
        r"asked|explained|insisted|claimed|tweeted|testified|stressed|warned|vowed|urged|"
        r"pledged|promised|acknowledged|admitted|denied|confirmed|believes?|thinks?|expects?|"
        r"hopes?|fears?|worr(?:y|ies|ied)|estimated?|predicted|forecast)\b",
        re.I,
    ),
    "speculation": re.compile(
        r"\b(?:may|might|could|would|likely|unlikely|probably|perhaps|possibly|seem(?:s|ed|ingly)?"
        r"|appears?|apparently|arguably|presumably|all likelihood)\b",
        re.I,
    ),
    "obligation": re.compile(r"\b(?:must|should|ought|needs? to|has to|have to)\b", re.I),
    "prediction": re.compile(r"\bwill\b|['’]ll\b", re.I),
    "evaluation": re.compile(
        r"\b(?:good|bad|better|worse|best|worst|crucial|important|significant|strong|weak|wrong|"
        r"right|clear(?:ly)?|obvious(?:ly)?|serious(?:ly)?|real|true|fair|unfair|ironic(?:ally)?|"
        r"(?:un)?fortunately|sadly|surprising(?:ly)?|remarkabl[ey]|only|even|simply|mere(?:ly)?|"
        r"deep|huge|major|difficult|hard|easy|impressive|disappointing|dangerous|alarming(?:ly)?|"
        r"absurd|ridiculous|unusual|murky|flawed|failure|problem|damage|key|vital|essential|"
        r"necessary|interesting|great|terrible|awful|excellent|poor|of course|indeed|in fact)\b",
        re.I,
    ),
    "inference": re.compile(
        r"^(?:this|that|which|it|these|those)\s+(?:means|makes|shows|suggests|implies|indicates|"
        r"is why|explains)\b|\b(?:in other words|the reason|the real issue|the problem is|"
        r"the question is|the good news|the bad news|the solution)\b|^(?:thus|hence|therefore|so|"
        r"clearly|obviously|of course|indeed|still|yet|even so|nor|but|however)\b",
        re.I,
    ),
    "address": re.compile(r"\b(?:I|we|our|us|my|me|you|your)\b"),
}
"""Word cues (English), by the name a flagged sentence lists them under."""


def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.I)


OTHER_LANGUAGES: dict[str, dict[str, re.Pattern[str]]] = {
    "de": {
        "attribution": _words("sagte", "sagt", "erklärte", "betonte", "so", "laut", "zufolge",
                              "berichtete", "teilte mit", "meinte", "warnte"),
        "speculation": _words("vielleicht", "wahrscheinlich", "möglicherweise", "vermutlich",
                              "dürfte", "dürften", "könnte", "könnten", "offenbar", "scheint",
                              "wohl", "kaum"),
        "obligation": _words("muss", "müssen", "müsste", "sollte", "sollten", "notwendig",
                             "erforderlich"),
        "prediction": _words("wird", "werden"),
        "evaluation": _words(r"wichtig\w*", r"entscheidend\w*", "besonders", "natürlich",
                             "leider", "zum Glück", r"gut\w*", r"schlecht\w*",
                             r"problematisch\w*", r"gefährlich\w*", "eigentlich", "zweifellos"),
        "inference": _words("daher", "deshalb", "also", "damit", "das heißt", "allerdings",
                            "doch", "dennoch", "trotzdem"),
        "address": _words("ich", "wir", "uns", r"unser\w*", "du", "ihr", "Sie"),
    },
    "fr": {
        "attribution": _words("a déclaré", "a dit", "a affirmé", "selon", "d'après", "a expliqué",
                              "a indiqué", "a estimé", "a souligné"),
        "speculation": _words("peut-être", "probablement", "sans doute", "pourrait", "pourraient",
                              "semble", "semblent", "apparemment", "vraisemblablement"),
        "obligation": _words("doit", "doivent", "devrait", "devraient", "il faut", "faudrait",
                             "nécessaire"),
        "prediction": _words("sera", "seront", "va", "vont"),
        "evaluation": _words(r"important\w*", r"essentiel\w*", r"crucial\w*", "évidemment",
                             "bien sûr", "malheureusement", "heureusement", r"bon\w*",
                             r"mauvais\w*", r"grave\w*", r"dangereu\w*", "clairement"),
        "inference": _words("donc", "ainsi", "cela signifie", "en effet", "pourtant", "cependant",
                            "toutefois", "en réalité"),
        "address": _words("je", "nous", "notre", "nos", "vous", "votre", "vos", "on"),
    },
    "es": {
        "attribution": _words("dijo", "afirmó", "declaró", "según", "explicó", "aseguró",
                              "señaló", "indicó"),
        "speculation": _words("quizá", "quizás", "tal vez", "probablemente", "posiblemente",
                              "podría", "podrían", "parece", "parecen", "al parecer"),
        "obligation": _words("debe", "deben", "debería", "deberían", "hay que", "necesario",
                             "tiene que"),
        "prediction": _words("será", "serán", "va a", "van a"),
        "evaluation": _words(r"importante\w*", r"esencial\w*", r"crucial\w*", "evidentemente",
                             "por supuesto", "lamentablemente", "afortunadamente", r"buen\w*",
                             r"mal\w*", r"grave\w*", r"peligros\w*", "claramente"),
        "inference": _words("por lo tanto", "así", "esto significa", "sin embargo", "en realidad",
                            "de hecho", "no obstante"),
        "address": _words("yo", "nosotros", r"nuestr\w*", r"usted\w*", "tú", "vosotros"),
    },
    "it": {
        "attribution": _words("ha detto", "ha dichiarato", "secondo", "ha spiegato",
                              "ha affermato", "ha sottolineato"),
        "speculation": _words("forse", "probabilmente", "potrebbe", "potrebbero", "sembra",
                              "sembrano", "pare", "magari"),
        "obligation": _words("deve", "devono", "dovrebbe", "dovrebbero", "bisogna", "occorre",
                             "necessario"),
        "prediction": _words("sarà", "saranno"),
        "evaluation": _words(r"importante\w*", r"essenziale\w*", r"cruciale\w*", "ovviamente",
                             "naturalmente", "purtroppo", "fortunatamente", r"buon\w*",
                             r"grave\w*", r"pericolos\w*", "chiaramente"),
        "inference": _words("quindi", "dunque", "perciò", "tuttavia", "però", "in realtà",
                            "infatti"),
        "address": _words("io", "noi", r"nostr\w*", "voi", r"vostr\w*", "lei"),
    },
    "pt": {
        "attribution": _words("disse", "afirmou", "declarou", "segundo", "explicou",
                              "de acordo com", "destacou"),
        "speculation": _words("talvez", "provavelmente", "possivelmente", "poderia", "poderiam",
                              "parece", "parecem", "pode ser"),
        "obligation": _words("deve", "devem", "deveria", "deveriam", "é preciso", "necessário",
                             "tem que"),
        "prediction": _words("será", "serão", "vai", "vão"),
        "evaluation": _words(r"importante\w*", r"essencial\w*", r"crucial\w*", "obviamente",
                             "claro", "infelizmente", "felizmente", "bom", "boa", "mau",
                             r"grave\w*", r"perigos\w*"),
        "inference": _words("portanto", "assim", "isso significa", "no entanto", "porém",
                            "na verdade", "de fato"),
        "address": _words("eu", "nós", r"nosso\w*", r"nossa\w*", r"você\w*", "vocês"),
    },
    "nl": {
        "attribution": _words("zei", "zegt", "volgens", "verklaarde", "aldus", "benadrukte"),
        "speculation": _words("misschien", "waarschijnlijk", "mogelijk", "zou", "zouden", "lijkt",
                              "blijkbaar", "wellicht"),
        "obligation": _words("moet", "moeten", "zou moeten", "noodzakelijk", "nodig"),
        "prediction": _words("zal", "zullen"),
        "evaluation": _words(r"belangrijk\w*", "essentieel", "cruciaal", "natuurlijk",
                             "helaas", "gelukkig", r"goed\w*", r"slecht\w*", r"gevaarlijk\w*",
                             "duidelijk"),
        "inference": _words("dus", "daarom", "dat betekent", "echter", "toch", "eigenlijk"),
        "address": _words("ik", "wij", "we", "ons", "onze", "jij", "je", "u", "jullie"),
    },
    "ko": {
        "attribution": re.compile(r"라고|고 말했|밝혔|전했|에 따르면|설명했|강조했"),
        "speculation": re.compile(r"것 같|듯하|듯이|아닐까|지도 모른|수 있|가능성|아마|보인다"),
        "obligation": re.compile(r"해야|필요하|필요가|마땅"),
        "prediction": re.compile(r"것이다|겠다|될 것"),
        "evaluation": re.compile(
            r"물론|다만|단점|장점|주목할|아쉽|훌륭|뛰어나|중요하|심각하|바람직"
        ),
        "inference": re.compile(r"^(?:하지만|그러나|그런데|더구나|결국|따라서|그래서)"),
        "address": re.compile(r"(?<!\w)(?:나는|우리|저는|여러분)"),
    },
}  # fmt: skip
"""The same cues in other languages (tables of hedges, modals, evaluative words and
connectives; no table means no word cue, so no commentary is flagged there)."""
_NAME = re.compile(r"(?<!^)\b[A-Z][a-z]+")
FEATURES = (
    "quote", "attribution", "speculation", "obligation", "prediction", "evaluation", "inference",
    "address", "question", "exclamation", "digits", "names", "log_words", "position", "short",
    "inside_quote",
)  # fmt: skip
SHOWN_CUES = ("speculation", "obligation", "prediction", "evaluation", "inference", "address")
_SHOWN_INDEX = tuple(FEATURES.index(name) for name in SHOWN_CUES)


@dataclass(frozen=True)
class CommentaryModel:
    """Standardised logistic regression over :data:`FEATURES`."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float = 0.5

    def says(self, features: Sequence[float]) -> bool:
        """Commentary: the probability clears the threshold and some word cue is there (a
        sentence with no opinion word, hedge, inference or address is not flagged for its
        shape alone)."""
        cued = any(features[k] for k in _SHOWN_INDEX)
        return cued and self.probability(features) >= self.threshold

    def probability(self, features: Sequence[float]) -> float:
        z = self.intercept + sum(
            c * (x - m) / s
            for c, x, m, s in zip(self.coef, features, self.mean, self.scale, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def cue_table(language: str | None) -> dict[str, re.Pattern[str]]:
    """The word cues for an article's language (English for English and unknown languages;
    an empty table for a language without one)."""
    if language in (None, "", "en"):
        return CUES
    return OTHER_LANGUAGES.get(language or "", {})


def sentence_features(sentences: list[Sentence], language: str | None = None) -> list[list[float]]:
    """One row of :data:`FEATURES` per sentence, in order."""
    return [row for row in _feature_rows(sentences, language, cued_only=False) if row is not None]


def _feature_rows(
    sentences: list[Sentence], language: str | None, *, cued_only: bool
) -> list[list[float] | None]:
    """:func:`sentence_features`; with ``cued_only``, None for a sentence without any of the
    :data:`SHOWN_CUES` (which :meth:`CommentaryModel.says` never flags, so the rest of its row,
    most of the regular expressions, is not worked out)."""
    rows: list[list[float] | None] = []
    table = cue_table(language)
    cues = [(name, table[name], _case_sensitive(table[name])) for name in CUES
            if name in table and name not in ("inference", "attribution")]  # fmt: skip
    attribution = table.get("attribution")
    inference = table.get("inference")
    inside = _inside_quotation(sentences)
    for k, sentence in enumerate(sentences):
        text = sentence.text.strip()
        own = _outside_quotations(text, inside[k])
        outside = _Folded(own)
        counts = dict.fromkeys(CUES, 0)
        for name, cue, fast in cues:
            counts[name] = outside.count(cue, fast)
        counts["inference"] = int(inference is not None and outside.found(inference))
        if cued_only and not any(counts[name] for name in SHOWN_CUES):
            rows.append(None)
            continue
        if attribution is not None:  # read on the whole sentence: the quotation marks' frame
            counts["attribution"] = _Folded(text).count(attribution, _case_sensitive(attribution))
        words = max(1, len(_WORD.findall(text)))
        rows.append([
            float(bool(_QUOTE.search(text))), float(bool(counts["attribution"])),
            counts["speculation"], counts["obligation"], counts["prediction"],
            counts["evaluation"], counts["inference"], counts["address"],
            float(text.endswith("?")), float(text.endswith("!")),
            sum(map(str.isdigit, text)) / words, len(_NAME.findall(text)) / words,
            math.log(words), k / max(1, len(sentences)), float(words < 6), float(inside[k]),
        ])  # fmt: skip
    return rows


_ASCII_RUNS = re.compile(r"[\x00-\x7f]+")


def _uncased_beyond_ascii(text: str) -> bool:
    """Whether every character of ``text`` outside ASCII has no case (curly quotes, dashes):
    lower-casing then changes only ASCII letters, one for one, and a cue matches such a
    character, ignoring case or not, only as itself."""
    rest = _ASCII_RUNS.sub("", text)
    return rest == rest.lower() == rest.upper()


class _Folded:
    """A sentence to count cues in, lower-cased once (for every cue) when that changes only
    ASCII letters: ASCII text, or text whose other characters have no case (news text with
    curly quotes and apostrophes)."""

    def __init__(self, text: str) -> None:
        self.text = text
        folds = text.isascii() or _uncased_beyond_ascii(text)
        self.lowered = text.lower() if folds else None
        self._words: frozenset[str] | None = None

    @property
    def words(self) -> frozenset[str]:
        """The lower-cased text's words (``\\w+``), found on the first cue that asks."""
        if self._words is None:
            self._words = frozenset(_WORD.findall(self.lowered or ""))
        return self._words

    def count(self, cue: re.Pattern[str], fast: re.Pattern[str] | None) -> int:
        """How often a cue occurs in the text. A text with :attr:`lowered` is searched so with the
        cue compiled case-sensitively (``fast``, :func:`_case_sensitive`): ~4x faster (Python's
        regex engine skips an alternative by its first letter only when it matches
        case-sensitively), and the same matches, since an ASCII letter folds only to its own
        upper or lower case."""
        if fast is not None and self.lowered is not None:
            needed = _cue_words(fast)
            if needed is not None and not _may_match(needed, self.words):
                return 0  # the text lacks the words of every match (most cues, most sentences)
            return len(fast.findall(self.lowered))
        return len(cue.findall(self.text))

    def found(self, cue: re.Pattern[str]) -> bool:
        """Whether the cue occurs in the text (lower-cased as in :meth:`count`)."""
        fast = _case_sensitive(cue)
        if fast is not None and self.lowered is not None:
            return fast.search(self.lowered) is not None
        return cue.search(self.text) is not None


CueWords = tuple[frozenset[str], tuple[frozenset[str], ...]]


@cache
def _cue_words(cue: re.Pattern[str]) -> CueWords | None:
    """What a text needs for ``cue`` to match, when the cue is ``\\b(?:...)\\b`` around an
    alternation of words (letters, optional parts, letter sets, one space between words):
    one of the one-word spellings, or all the words of a longer one, among the text's words
    (each word of a match is a whole word of the text: ``\\b`` or a space on both sides).
    None for a cue of any other shape (it is always run), or when the parser is not there."""
    if _parser is None:
        return None
    try:
        items = list(_parser.parse(cue.pattern, cue.flags))
    except Exception:  # a private parser that changed: run the cue
        return None
    boundary = (_constants.AT, _constants.AT_BOUNDARY)
    if len(items) < 3 or items[0] != boundary or items[-1] != boundary:
        return None
    spelled = _spellings(items[1:-1])
    if spelled is None:
        return None
    words = [text.split(" ") for text in spelled]
    if not all(re.fullmatch(r"\w+", w) for ws in words for w in ws):
        return None
    single = frozenset(ws[0] for ws in words if len(ws) == 1)
    return single, tuple({frozenset(ws) for ws in words if len(ws) > 1})


def _may_match(needed: CueWords, words: frozenset[str]) -> bool:
    single, longer = needed
    return not single.isdisjoint(words) or any(group <= words for group in longer)


MAX_SPELLINGS = 5000


def _spellings(items: Any) -> set[str] | None:
    """Every string a sequence of parsed regex items matches, for literals, letter sets,
    groups, alternations and optional parts; None for anything else or too many strings."""
    found = {""}
    for op, av in items:
        if op is _constants.LITERAL:
            options: set[str] | None = {chr(av)}
        elif op is _constants.IN and all(o is _constants.LITERAL for o, _ in av):
            options = {chr(c) for _, c in av}
        elif op is _constants.SUBPATTERN:
            options = _spellings(av[3])
        elif op is _constants.BRANCH:
            branches = [_spellings(branch) for branch in av[1]]
            options = None if None in branches else set().union(*branches)  # type: ignore[arg-type]
        elif op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT) and av[1] <= 1:
            inner = _spellings(av[2])
            options = None if inner is None else (inner | {""} if av[0] == 0 else inner)
        else:
            return None
        if options is None or len(found) * len(options) > MAX_SPELLINGS:
            return None
        found = {a + b for a in found for b in options}
    return found


@cache
def _case_sensitive(cue: re.Pattern[str]) -> re.Pattern[str] | None:
    """The cue without ``re.IGNORECASE``, for lower-cased text; None for a cue that is
    case-sensitive already or spells a capital letter (lower-cased text would miss it)."""
    if not cue.flags & re.IGNORECASE or re.search(r"(?<!\\)[A-Z]", cue.pattern):
        return None
    return re.compile(cue.pattern, cue.flags & ~re.IGNORECASE)


_QUOTED = re.compile(r"“[^”]*”?|„[^“”]*[“”]?|«[^»]*»?|「[^」]*」?|\"[^\"]*\"?")


def _outside_quotations(text: str, starts_inside: bool) -> str:
    """The sentence's own words: quoted passages (someone else's words, where a hedge or a
    judgement is theirs) taken out."""
    if starts_inside:
        close = min((i for i in (text.find(c) for c in _CLOSING + '"') if i >= 0), default=-1)
        text = "" if close < 0 else text[close + 1 :]
    return _QUOTED.sub(" ", text)


def _inside_quotation(sentences: list[Sentence]) -> list[bool]:
    """Whether each sentence starts inside a quotation opened by an earlier sentence of its
    paragraph (``“This approach is flawed. … The most obvious issue is …”``)."""
    inside, depth, paragraph = [], 0, None
    for sentence in sentences:
        if sentence.paragraph != paragraph:
            depth, paragraph = 0, sentence.paragraph
        inside.append(depth > 0)
        text = sentence.text
        depth += sum(text.count(c) for c in _OPENING) - sum(text.count(c) for c in _CLOSING)
        depth = max(0, depth) + (text.count('"') % 2 if depth == 0 else 0)
    return inside


@cache
def shipped_model() -> CommentaryModel:
    """The model fitted by ``scripts/train_commentary.py`` (``weights/commentary.json``)."""
    path = resources.files("storylens.compare").joinpath("weights/commentary.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{path}: fitted on other features; rerun scripts/train_commentary.py")
    return CommentaryModel(
        tuple(data["mean"]), tuple(data["scale"]), tuple(data["coef"]), data["intercept"],
        data.get("threshold", 0.5),
    )  # fmt: skip


def find_commentary(
    article_id: str,
    sentences: list[Sentence],
    language: str | None = None,
    model: CommentaryModel | None = None,
) -> list[Commentary]:
    """Commentary sentences of one article, each with the word cues that marked it."""
    model = model or shipped_model()
    found = []
    rows = _feature_rows(sentences, language, cued_only=True)
    for sentence, row in zip(sentences, rows, strict=True):
        if row is not None and model.says(row):
            cues = [name for name in SHOWN_CUES if row[FEATURES.index(name)]]
            span = Span(article_id, sentence.start, sentence.end, sentence.text)
            found.append(Commentary(span, cues))
    return found


def fit_commentary_model(rows: list[list[float]], labels: list[bool]) -> CommentaryModel:
    """Balanced, standardised logistic regression (scikit-learn, at training time only)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x = np.asarray(rows, dtype=float)
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    clf = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced")
    clf.fit((x - mean) / scale, np.asarray(labels, dtype=bool))
    return CommentaryModel(
        tuple(map(float, mean)), tuple(map(float, scale)), tuple(map(float, clf.coef_[0])),
        float(clf.intercept_[0]),
    )  # fmt: skip


def model_json(model: CommentaryModel, trained_on: dict[str, Any]) -> str:
    """The shipped weights file's text."""
    return json.dumps(
        {"features": FEATURES, "mean": model.mean, "scale": model.scale, "coef": model.coef,
         "intercept": model.intercept, "threshold": model.threshold, "trained_on": trained_on},
        indent=1,
    ) + "\n"  # fmt: skip
