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


PARAGRAPHS = [
    "The town council voted on Tuesday to keep the old library open for another five years,"
    " after more than two thousand people signed a letter asking it not to sell the building.",
    "The library was built in 1904 with money left by a local shipowner, and its reading room"
    " still holds the desks and lamps that were made for it by carpenters from the harbour.",
    "Council members had argued for months that the repairs the roof needs would cost more than"
    " a new building on the edge of town, where the land is cheaper and parking is easier.",
    "The people who use it every day said the old building is the only warm and quiet place in"
    " the centre where children can do their homework and older people can read the papers.",
]


def _column(page_lines: list[str], name: str) -> list[float]:
    from storylens.extract.features import feature_names, page_features
    from storylens.extract.lines import describe_page

    matrix = page_features(describe_page(page_lines))
    return matrix[:, feature_names().index(name)].tolist()


def test_header_above_the_article_opens_no_section() -> None:
    """A "You may also like" rail or a comment-count link above the text is not a section the
    article follows; the same header after the article still is."""
    above = ["Home", "News", "You may also like", "Other story one", "Headline", *PARAGRAPHS]
    assert not any(_column(above, "after_related_header"))
    counted = ["Home", "Reader comments", "75 comments", "Headline", *PARAGRAPHS]
    assert not any(_column(counted, "after_comments_header"))
    below = ["Headline", *PARAGRAPHS, "You may also like", "Other story one", "Other story two"]
    flags = _column(below, "after_related_header")
    assert flags[-2:] == [1.0, 1.0] and not any(flags[: len(PARAGRAPHS) + 2])
