"""Plain dataclasses passed between pipeline stages.

Data flows one way: ``ingest`` reads inputs into :class:`Page`, ``extract`` turns a page into an
:class:`Article`, ``stories`` assigns articles to stories (:class:`Assignment`), ``compare``
relates the articles of a story, ``store`` persists all of it. No stage needs another's internals:
these classes are the whole contract.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

PageKind = Literal["text", "html"]


@dataclass(frozen=True)
class Page:
    """One raw page as read from an input, before extraction.

    ``origin`` names where it came from (a path, ``path#id`` for a JSONL line, ``path@offset``
    for a WARC record) so every later error and result can point back at the input.
    """

    id: str
    origin: str
    kind: PageKind
    content: str
    url: str | None = None
    site: str | None = None
    title: str | None = None
    published: str | None = None
    language: str | None = None
    """ISO 639-1 code given with the page (JSON ``language``); wins over identification."""
    encoding: str | None = None

    @property
    def content_hash(self) -> str:
        """Hash of the decoded content: re-ingesting the same page is recognised by it."""
        return hashlib.sha256(self.content.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Removed:
    """A line or block that extraction dropped, kept with the reason so nothing is lost."""

    text: str
    reason: str


TRUNCATED_REASON = "page truncated"
"""The reason of the note on a page cut to bound the work (HTML markup, a plain-text dump or
the text an HTML page holds): both extractors write it, ingest and ``extract`` report it."""


@dataclass
class Article:
    """The clean article read out of a page.

    ``body`` holds paragraphs separated by one blank line. ``published`` is ISO 8601 when known.
    """

    id: str
    origin: str
    title: str
    body: str
    published: str | None = None
    byline: str | None = None
    site: str | None = None
    url: str | None = None
    language: str | None = None
    content_hash: str = ""
    removed: list[Removed] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body.split("\n\n") if p.strip()]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        fields = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        fields["removed"] = [
            r if isinstance(r, Removed) else Removed(**r) for r in fields.get("removed") or []
        ]
        return cls(**fields)


@dataclass(frozen=True)
class PreparedFacts:
    """The story-independent part of folding an article into its story's facts: its sentences
    as the comparison's fact matcher reads them, computed by ``compare.prepare_article_facts``
    where the article was extracted (a worker process or a Dask worker), so the one story
    assigner only matches them against the story's facts.

    ``units`` belong to the compare stage (``compare.facts.FactUnit``); other stages only carry
    them. ``version`` and ``body_hash`` say what they were computed by and from: a worker of
    another storylens version, or an article whose body changed since, is prepared again.
    """

    version: int
    body_hash: str
    units: Sequence[Any]
    """A sequence the compare stage makes (it may unpickle its units only when read)."""


@dataclass
class Extracted:
    """A page with the article extracted from it, as the extract stage hands both to storage.

    ``signature`` is the body's near-duplicate MinHash (bytes) when it was already computed where
    the page was extracted (a worker process or a Dask worker); ``signed`` tells "too short to
    have one" (``None``) apart from "not computed yet". ``facts`` is the article prepared for
    the facts fold there too (None: not prepared, the fold does it), ``quotes`` its quotations,
    and ``reading`` the story engine's reading of it (``stories.engine.ArticleReading``;
    None: the engine reads it).
    """

    page: Page
    article: Article
    signature: bytes | None = None
    signed: bool = False
    facts: PreparedFacts | None = None
    quotes: list[dict[str, Any]] | None = None
    """The article's quotations as ``storylens extract --json`` prints them, found where the page
    was extracted (None: not looked for there)."""
    reading: object | None = None


@dataclass(frozen=True)
class InputProblem:
    """An input that could not be processed: names the input and says what is wrong."""

    origin: str
    message: str
    warning: bool = False
    """A note about an input that was still stored (e.g. bytes replaced while decoding)."""
    record_id: str | None = None
    """The id a refused input record gave itself, so a batch's output can be joined on it."""
    skipped: bool = False
    """The page was read and extracted but holds no article (a menu or cookie-settings page):
    reported with the reason and not stored."""

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


@dataclass(frozen=True)
class Assignment:
    """Where the story engine put one article."""

    article_id: str
    story_id: str
    duplicate_of: str | None = None
    similarity: float = 0.0
    note: str | None = None
