"""The plain-text path's screens and byte-level shortcuts keep every answer of the tests they
stand in front of (issue 9 speed work: the same outputs, found faster)."""

from __future__ import annotations

import random

import numpy as np

from storylens.extract import features as F
from storylens.extract import lines as L

MADE_UP = [
    "Photograph: Ronen Zvulun/Reuters",
    "Foto: Michael Kappeler/dpa",
    "Subscribe to our newsletter for e-mail alerts",
    "Sign up for the Morning Briefing",
    "© 2019 Rolling Stone, LLC. All rights reserved.",
    "Privacy Policy | Terms of Use",
    "## Related stories",
    "Mehr zum Thema:",
    "Comments (29)",
    "Jane Doe wrote:",
    "By John Smith, Staff Writer",
    "Published January 5, 2020 at 10:31 pm",
    "Home | News | Sport | Weather",
    "The council said on Tuesday that the new bridge would open next spring.",
    "Read more…",
    "2,500 $",
    "The minister wrote to the council about the bridge and said a photo would follow later...",
    "Der Minister sagte am Dienstag, die Brücke werde im Frühjahr eröffnet.",
    "İSTANBUL (AP) — ſome odd letters: K ² ٣ 中文 \x1c\u2028",
    "",
    "__init__ snake_case words_with_underscores 42nd",
]


def _facts(facts: L.LineFacts) -> tuple:
    return tuple(getattr(facts, name) for name in L.LineFacts.__slots__)


def _random_lines(count: int) -> list[str]:
    rnd = random.Random(5)
    pieces = [*(line.split() for line in MADE_UP if line)]
    words = [word for piece in pieces for word in piece] + ["|", "…", "#", "(c)", "/AP", "letter"]
    return [" ".join(rnd.choice(words) for _ in range(rnd.randint(0, 20))) for _ in range(count)]


def test_words_on_ascii_lines_are_the_pattern_words() -> None:
    for line in [*MADE_UP, *_random_lines(300)]:
        if line.isascii():
            assert L.words(line) == L.ASCII_WORD_RE.findall(line) == L.WORD_RE.findall(line)


def test_page_screen_keeps_every_hint_line() -> None:
    """describe_page runs the caption, call-to-action, newsletter and copyright tests only on
    the lines its one page-wide scan finds a hint in: each line's facts must be what the
    predicates say of the line alone."""
    page = [*MADE_UP, *_random_lines(300)]
    described = L.describe_page(page)
    for line, facts in zip(page, described, strict=True):
        assert _facts(facts) == _facts(L.line_facts(line))
        n = len(L.words(line))
        assert facts.caption == L.looks_like_caption(line, n)
        assert facts.call_to_action == L.looks_like_call_to_action(line, n)
        assert facts.newsletter == L.looks_like_newsletter(line, n)
        assert facts.copyright == L.looks_like_copyright(line, n)
        assert facts.menu == L.looks_like_menu(line)
        assert facts.byline == L.looks_like_byline(L.without_marks(line), n)
    assert any(f.caption for f in described) and any(f.copyright for f in described)
    assert any(f.call_to_action for f in described) and any(f.newsletter for f in described)


def test_lines_with_finds_the_lines_holding_a_match() -> None:
    texts = ["no hint", "a photo here", "", "photo and photo", "subscribe", "nothing", "©"]
    expected = {i for i, text in enumerate(texts) if L.HINT_RE.search(text)}
    assert L.lines_with(L.HINT_RE, texts) == expected == {1, 3, 4, 6}
    assert L.lines_with(L.HINT_RE, []) == set()


def test_ascii_counts_are_the_per_line_counts() -> None:
    page = L.describe_page([line for line in [*MADE_UP, *_random_lines(200)] if line.isascii()])
    stop = frozenset({"the", "on", "and", "to", "a", "for"})
    fast = F.ascii_line_counts(page, stop)
    slow = np.array([F.line_counts(f.text, f.tokens, stop) for f in page], dtype=float)
    assert fast.tobytes() == slow.tobytes()
    assert F.ascii_char_counts([]).shape == (0, 8)
