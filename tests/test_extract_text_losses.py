"""Dumps that must not lose the article (issue 9): causes found on pages where the plain-text
path kept far less than "keep every line" would. The pages here are written for the tests."""

from __future__ import annotations

from storylens.extract.lines import ends_like_sentence, line_facts
from storylens.extract.text import extract_from_text


def test_paragraph_ending_in_bracketed_notes_ends_a_sentence() -> None:
    for line in (
        "The bridge was opened to traffic in the spring of 1998.[3]",
        "The bridge was opened to traffic in the spring of 1998.[3][14]",
        "The council approved the plan after a long debate. [Minutes / Annex B]",
        "It was the longest span in the region at the time.[citation needed]",
    ):
        assert ends_like_sentence(line), line
        assert line_facts(line).sentence_end, line


def test_labels_with_brackets_are_still_labels() -> None:
    for line in ("History [edit]", "See also [edit]", "Masatoshi Kimura [:emk]"):
        assert not ends_like_sentence(line), line
        assert not line_facts(line).sentence_end, line


NOTED_STORY = [
    "Home",
    "Places",
    "Bridges",
    "The Old Harbour Bridge",
    "The Old Harbour Bridge crosses the river where the ferry used to run, and for most of the"
    " last century it carried the only road between the two halves of the town.[1]",
    "Advertisement",
    "Work began in the winter of 1921, after the ferry sank twice in one year and the council"
    " finally agreed to borrow the money that the engineers had been asking for.[2][3]",
    "Advertisement",
    "The steel came by rail from the north, and the workers lived in huts along the quay while"
    " the piers were sunk into the mud of the river bed, one each summer.[4]",
    "Advertisement",
    "When it opened in 1926 the bridge was the longest of its kind in the region, and people"
    " came from the surrounding villages just to walk across it on a Sunday.[5]",
    "Advertisement",
    "A new road bridge downstream took the heavy traffic in 1989, and the old one has been open"
    " only to people on foot and on bicycles since the repairs of that year.[6]",
    "Advertisement",
    "Its lights were restored in 2015 with money raised by the people who live along the river,"
    " and it is now the place where the town holds its summer fair every year.[7]",
    "References",
    "Share",
    "Print",
]


def test_paragraphs_with_footnote_calls_are_kept() -> None:
    """A guard (passes without the change too: the model keeps so short a page's prose)."""
    found = extract_from_text("\n".join(NOTED_STORY))
    body = " ".join(found.paragraphs)
    for paragraph in NOTED_STORY:
        if paragraph.endswith("]"):
            assert paragraph in body, paragraph
