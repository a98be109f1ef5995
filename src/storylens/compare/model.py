"""Plain result classes of the comparison stage.

Every item carries ``article_id`` plus ``start``/``end``: character offsets into that article's
``body`` string (``[start, end)``), so a web page can highlight exactly the sentence meant.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

AlignKind = Literal["verbatim", "paraphrase", "partial"]


@dataclass(frozen=True)
class Span:
    """A sentence (or passage) of one article: offsets into that article's body."""

    article_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class SharedFact:
    """Two sentences of different articles that state the same thing."""

    a: Span
    b: Span
    kind: AlignKind
    score: float


@dataclass(frozen=True)
class ConflictItem:
    """One fact two articles report differently: the differing words of each (``a``/``b``, offsets
    into each body) and the two sentences; ``kind`` is number, date, name or negation."""

    kind: str
    a: Span
    b: Span
    a_sentence: Span
    b_sentence: Span


@dataclass(frozen=True)
class OnlyIn:
    """A sentence no other article supports; ``partly`` when only some of it is supported.

    ``unsupported`` lists the content words of a partly supported sentence found in no aligned
    sentence of the other articles: what this article adds.
    """

    article_id: str
    start: int
    end: int
    text: str
    partly: bool = False
    unsupported: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Reuse:
    """Passages copied between two articles, with who copied from whom when that can be told."""

    source_id: str | None
    target_id: str | None
    a_id: str
    b_id: str
    passages: list[tuple[Span, Span]]
    copied_chars: int
    share_of_a: float
    share_of_b: float
    direction_evidence: list[str]


@dataclass(frozen=True)
class Quote:
    """A direct quotation and who said it (``speaker`` is None when the text does not say)."""

    article_id: str
    start: int
    end: int
    text: str
    speaker: str | None
    sentence: Span
    cue: str | None = None
    """The attribution words (``said``, ``told reporters``), when the text has them."""


@dataclass(frozen=True)
class DiffOp:
    """One word-level difference between two versions of a quote."""

    op: Literal["replace", "delete", "insert"]
    a: str
    b: str


@dataclass(frozen=True)
class QuoteMatch:
    """The same quotation as given by two articles, and how the versions differ.

    ``kind`` is ``same`` (identical words), ``variant`` (small edits), or ``fragment`` (one
    article quotes only a few words of the other's quotation).
    """

    a: Quote
    b: Quote
    kind: Literal["same", "variant", "fragment"]
    similarity: float
    diff: list[DiffOp]
    speaker: str | None = None
    """Who said it, one name for both versions (the fullest name either article gives, before
    a description such as "the senator"), as the story view names an utterance."""


@dataclass(frozen=True)
class Commentary:
    """A sentence that reads as the outlet's own opinion or speculation, with the cues seen."""

    span: Span
    cues: list[str]


@dataclass(frozen=True)
class Credit:
    """A source an article names as the origin of its material (an agency, an outlet)."""

    article_id: str
    name: str
    start: int
    end: int
    context: str


@dataclass(frozen=True)
class ArticleInfo:
    id: str
    title: str
    site: str | None
    published: str | None
    sentences: int


@dataclass
class Comparison:
    """Everything the comparison found for two or more articles of one story."""

    articles: list[ArticleInfo]
    shared: list[SharedFact] = field(default_factory=list)
    conflicts: list[ConflictItem] = field(default_factory=list)
    only: dict[str, list[OnlyIn]] = field(default_factory=dict)
    reuse: list[Reuse] = field(default_factory=list)
    quotes: list[QuoteMatch] = field(default_factory=list)
    unmatched_quotes: list[Quote] = field(default_factory=list)
    commentary: list[Commentary] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of the CLI: ``only_a``/``only_b`` for two articles, else ``only``."""
        data: dict[str, Any] = {
            "articles": [asdict(a) for a in self.articles],
            "offsets": "character offsets [start, end) into each article's body string",
            "shared": [asdict(s) for s in self.shared],
            "conflicts": [asdict(c) for c in self.conflicts],
        }
        only = {k: [asdict(s) for s in v] for k, v in self.only.items()}
        if len(self.articles) == 2:
            data["only_a"] = only.get(self.articles[0].id, [])
            data["only_b"] = only.get(self.articles[1].id, [])
        else:
            data["only"] = only
        data["reuse"] = [_reuse_dict(r) for r in self.reuse]
        data["quotes"] = [asdict(q) for q in self.quotes]
        data["unmatched_quotes"] = [asdict(q) for q in self.unmatched_quotes]
        data["commentary"] = [asdict(c) for c in self.commentary]
        data["credits"] = [asdict(c) for c in self.credits]
        data["notes"] = list(self.notes)
        return data


def _reuse_dict(reuse: Reuse) -> dict[str, Any]:
    data = asdict(reuse)
    data["passages"] = [{"a": asdict(a), "b": asdict(b)} for a, b in reuse.passages]
    return data
