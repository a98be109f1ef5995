"""Sentences that are the outlet's own opinion or speculation rather than reported fact.

A sentence counts as commentary when it carries speculation or evaluation cues (``not likely``,
``may become``, ``This means``) and no attribution (no quote marks, no ``said``/``according to``):
attributed speculation is reporting what someone else thinks. A paragraph with two such sentences
is an analysis paragraph, so its other unattributed sentences are flagged with it.
"""

from __future__ import annotations

import re

from storylens.compare.model import Commentary, Span
from storylens.compare.sentences import Sentence

CUES: dict[str, re.Pattern[str]] = {
    "speculation": re.compile(
        r"\b(?:(?:is|are|was|were|seems?|appears?)\s+(?:not\s+)?(?:likely|unlikely)|"
        r"not\s+likely|may\s+(?:well\s+)?(?:become|be|prove|turn|lead|end)|might|could\s+well|"
        r"perhaps|probably|presumably|arguably|it\s+(?:seems|appears)|remains\s+to\s+be\s+seen|"
        r"only\s+time\s+will\s+tell)\b",
        re.I,
    ),
    "inference": re.compile(
        r"^(?:this|that|which|it)\s+(?:means|shows|suggests|implies|indicates)\b|"
        r"\bin\s+other\s+words\b|^(?:thus|hence|therefore|so\s+far|clearly|obviously)\b",
        re.I,
    ),
    "evaluation": re.compile(
        r"\b(?:useful\s+tool|of\s+course|undoubtedly|needless\s+to\s+say|sadly|fortunately|"
        r"unfortunately|ironically|(?:should|must|ought\s+to)\s+(?:be|have|not|now|also))\b",
        re.I,
    ),
    "argument": re.compile(r"^(?:furthermore|moreover|on\s+the\s+other\s+hand|in\s+fact)\b", re.I),
    "address": re.compile(r"\b(?:we\s+believe|in\s+our\s+view|let'?s\s+|you\s+have\s+to)\b", re.I),
}
WEAK_CUES = {"argument"}
"""Cues that only count inside an analysis paragraph, never on their own."""
ATTRIBUTION = re.compile(
    r"[“”\"]|\b(?:said|says|told|according\s+to|stated|announced|reported|quoted|added|"
    r"claimed|believes?|thinks?|argued|wrote)\b",
    re.I,
)


def find_commentary(article_id: str, sentences: list[Sentence]) -> list[Commentary]:
    """Commentary sentences of one article, each with the cues that marked it."""
    cues = [_cues(s.text) for s in sentences]
    strong = [any(c not in WEAK_CUES for c in found) for found in cues]
    flagged = [bool(found) and is_strong for found, is_strong in zip(cues, strong, strict=True)]
    by_paragraph: dict[int, list[int]] = {}
    for k, sentence in enumerate(sentences):
        by_paragraph.setdefault(sentence.paragraph, []).append(k)
    for members in by_paragraph.values():
        if sum(flagged[k] for k in members) >= 2:
            for k in members:
                if not flagged[k] and not ATTRIBUTION.search(sentences[k].text):
                    flagged[k] = True
                    cues[k] = [*cues[k], "analysis paragraph"]
    return [
        Commentary(Span(article_id, s.start, s.end, s.text), cues[k])
        for k, s in enumerate(sentences)
        if flagged[k]
    ]


def _cues(text: str) -> list[str]:
    """Names of the commentary cues in an unattributed sentence (none if attributed)."""
    if ATTRIBUTION.search(text):
        return []
    return [name for name, pattern in CUES.items() if pattern.search(text.strip())]
