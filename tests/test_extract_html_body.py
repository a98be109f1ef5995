"""The corrections around trafilatura's body: the lead it prunes, the link lines it keeps,
the second pass only where it can help, and the code removed before its passes."""

from __future__ import annotations

import pytest
from lxml import etree

from storylens.extract import html as html_extract
from storylens.extract.html import extract_from_html, parse_html
from storylens.extract.html_blocks import dropped_prose_chars, visible_blocks
from storylens.extract.html_body import lead_blocks

BODY = [
    "The regional council approved the new school budget on Monday evening after a debate "
    "that lasted more than four hours and drew several hundred parents to the town hall.",
    "Under the plan, every primary school will receive funding for two additional teachers, "
    "and the money for repairs to older buildings doubles compared with last year's budget.",
    "Opposition members argued that the council had underestimated the cost of heating, "
    "while the finance officer said the reserves were enough to cover any shortfall in winter.",
    "The budget now goes to the regional parliament, which is expected to vote on it in March "
    "after a second reading and a public consultation open to every resident of the region.",
]
LEAD = (
    "After months of dispute the council has agreed on how to pay for more teachers, and "
    "parents who had protested outside the town hall welcomed the decision."
)
DEK = "A long night of debate ends with more money for schools, repairs and heating this winter."


def _page(header: str, between: str = "", after: str = "") -> str:
    paragraphs = "".join(f"<p>{text}</p>" for text in BODY)
    return (
        "<html><head><title>Council approves school budget</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><header><h1>Council approves school budget</h1>{header}</header>"
        f"{between}<div class='article-body'>{paragraphs}{after}</div></article>"
        "<footer>Contact us</footer></body></html>"
    )


@pytest.mark.parametrize(
    "header",
    [
        f"<p class='lead'>{LEAD}</p>",
        f"<div class='article-intro'><p class='article-teaser'>{LEAD}</p></div>",
        f"<div class='entry-excerpt'><p>{LEAD}</p></div>",
        f"<div class='t-preface'>{LEAD}</div>",
        f"<div><p>{LEAD}</p></div>",  # unnamed, but in the article's own header
        f"<p class='lead'>{LEAD.rstrip('.')}</p>",  # no full stop, but long
    ],
)
def test_the_lead_pruned_from_the_header_opens_the_body(header: str) -> None:
    result = extract_from_html(_page(header))
    expected = LEAD if LEAD in header else LEAD.rstrip(".")
    assert result.paragraphs[0] == expected
    assert result.paragraphs[1:] == BODY
    assert result.paragraphs[0] not in {item.text for item in result.removed}


def test_the_standfirst_under_the_headline_opens_the_body() -> None:
    result = extract_from_html(_page(f"<h2 class='sub-headline'>{DEK}</h2>"))
    assert result.paragraphs == [DEK, *BODY]


def test_a_lead_outside_any_header_needs_a_name() -> None:
    assert extract_from_html(_page("", between=f"<p>{LEAD}</p>")).paragraphs[0] != LEAD
    named = extract_from_html(_page("", between=f"<p class='summary'>{LEAD}</p>"))
    assert named.paragraphs == [LEAD, *BODY]


@pytest.mark.parametrize(
    "title",
    [
        "Council approves school budget - The Gazette",
        "The Gazette | Council approves school budget",
    ],
)
def test_the_headline_is_found_when_the_title_carries_the_site_name(title: str) -> None:
    page = _page("", between=f"<p class='lead'>{LEAD}</p>").replace(
        "<h1>Council approves school budget</h1>", "<div>Council approves school budget</div>"
    )
    root = parse_html(page)
    assert root is not None
    assert lead_blocks(visible_blocks(root), title, BODY) == [LEAD]
    assert lead_blocks(visible_blocks(root), "The Gazette", BODY) == []


def test_a_lead_repeated_as_a_teaser_link_elsewhere_stays() -> None:
    teaser = f"<aside><p><a href='/same'>{LEAD}</a></p></aside>"
    result = extract_from_html(_page(f"<p class='lead'>{LEAD}</p>", after="") + teaser)
    assert result.paragraphs == [LEAD, *BODY]


@pytest.mark.parametrize(
    "header",
    [
        "<p class='lead'>Council approves budget after four hours of debate</p>",  # a kicker
        f"<figure><figcaption class='lead-caption'>{LEAD}</figcaption></figure>",
        f"<div class='social-share intro'>{LEAD}</div>",
    ],
)
def test_other_blocks_under_the_headline_stay_out(header: str) -> None:
    result = extract_from_html(_page(header))
    assert result.paragraphs == BODY


@pytest.mark.parametrize(
    "box",
    [
        "<div class='signup-box'><p>Sign up to get the best stories of the week in your inbox, "
        "every Friday morning, free of charge.</p></div>",
        "<section class='sponsored-box'><div><p>Sign up to get the best stories of the week in "
        "your inbox, every Friday morning, free of charge.</p></div></section>",
    ],
)
def test_a_furniture_box_inside_the_article_is_dropped_and_listed(box: str) -> None:
    result = extract_from_html(_page("", after=box))
    assert result.paragraphs == BODY
    assert any(item.text.startswith("Sign up to get") for item in result.removed)


def test_an_article_wrapper_named_like_furniture_keeps_its_paragraphs() -> None:
    page = _page("").replace("<div class='article-body'>", "<div class='sponsored-box'>")
    assert extract_from_html(page).paragraphs == BODY


@pytest.mark.parametrize("mark", ["<p class='paywall'>", "<div class='body-block paywalled'><p>"])
def test_a_class_on_many_paragraphs_behind_a_paywall_is_the_article_not_a_box(mark: str) -> None:
    close = "</p>" if mark.startswith("<p") else "</p></div>"
    gated = "".join(f"{mark}{text}{close}" for text in BODY[1:])
    page = _page("").replace("".join(f"<p>{text}</p>" for text in BODY[1:]), gated)
    assert extract_from_html(page).paragraphs == BODY


def test_a_lead_outside_the_article_is_not_taken() -> None:
    page = _page("").replace("<nav>", f"<div class='teaser'><p class='lead'>{LEAD}</p></div><nav>")
    assert extract_from_html(page).paragraphs == BODY


def test_read_more_lines_between_paragraphs_are_dropped_and_listed() -> None:
    pointer = "Read more: <a href='/x'>Harbour bridge to reopen after two years of repairs</a>"
    page = _page("", after=f"<p>{pointer}</p>")
    result = extract_from_html(page)
    assert result.paragraphs == BODY
    removed = {item.text for item in result.removed}
    assert "Read more: Harbour bridge to reopen after two years of repairs" in removed


@pytest.mark.parametrize(
    "line",
    [
        "Contact: <a href='mailto:press@council.example'>press@council.example</a>",
        "<a href='/budget.pdf'>Budget</a> for 2024",
        "The full budget <a href='/b.pdf'>is online</a> on the council's own pages, with "
        "every line of spending listed by school and by district.",
    ],
)
def test_lines_with_links_that_are_not_pointers_stay(line: str) -> None:
    result = extract_from_html(_page("", after=f"<p>{line}</p>"))
    assert len(result.paragraphs) == len(BODY) + 1


def test_a_table_of_contents_of_linked_headings_stays() -> None:
    headings = "".join(
        f"<h2><a href='#s{n}'>Section {n} of the school budget explained</a></h2><p>{text}</p>"
        for n, text in enumerate(BODY)
    )
    page = (
        "<html><body><article><h1>Council approves school budget</h1>"
        f"{headings}</article></body></html>"
    )
    result = extract_from_html(page)
    assert "Section 0 of the school budget explained" in result.paragraphs


def test_a_long_body_with_far_more_prose_left_out_gets_a_second_pass() -> None:
    kept = " ".join(BODY * 2)  # over SHORT_BODY_CHARS
    assert len(kept) >= html_extract.SHORT_BODY_CHARS
    rest = [
        f"Witness number {n} told reporters that the {word} was seen near the harbour at dawn, "
        f"long before the ferry left, and that nobody had warned the crew about the {word}."
        for n, word in enumerate(["storm", "fire", "smoke", "flood", "fog", "crowd"] * 8)
    ]
    page = parse_html(f"<html><body><p>{kept}</p>{''.join(f'<p>{r}</p>' for r in rest)}</body>")
    assert page is not None
    assert html_extract._worth_a_second_pass(kept, visible_blocks(page))
    assert not html_extract._worth_a_second_pass(kept + " ".join(rest), visible_blocks(page))


def test_a_short_complete_notice_gets_no_second_pass(
    trafilatura_passes: list[dict[str, bool]],
) -> None:
    passes = trafilatura_passes
    notice = " ".join(BODY[:2])  # ~350 characters: short, and nothing else on the page
    page = (
        "<html><body><nav><a href='/'>Home</a></nav><article><h1>Notice</h1>"
        f"<p>{notice}</p></article><footer>Imprint</footer></body></html>"
    )
    result = extract_from_html(page)
    assert passes == [{"fast": True}]
    assert result.paragraphs == [notice]


def test_second_pass_decision_follows_the_prose_left_out() -> None:
    kept = " ".join(BODY[:2])
    few = parse_html(f"<html><body><p>{kept}</p><p>Home | News | Sport</p></body></html>")
    many = parse_html(
        "<html><body>" + f"<p>{kept}</p>"
        + "".join(f"<div><p>Report {n}: {BODY[2 + n % 2]}</p></div>" for n in range(12))
        + "</body></html>"
    )
    assert few is not None and many is not None
    assert dropped_prose_chars(visible_blocks(few), kept) == 0
    assert dropped_prose_chars(visible_blocks(many), kept) > 4 * len(kept)
    assert not html_extract._worth_a_second_pass(kept, visible_blocks(few))
    assert html_extract._worth_a_second_pass(kept, visible_blocks(many))
    assert html_extract._worth_a_second_pass("Subscribe to read.", visible_blocks(few))
    assert not html_extract._worth_a_second_pass(" ".join(BODY * 2), visible_blocks(many))


def test_code_is_removed_before_trafilatura_but_json_ld_and_noscript_stay() -> None:
    root = parse_html(
        "<html><head><style>p{color:red}</style>"
        "<script type='application/ld+json'>{\"@type\": \"NewsArticle\"}</script>"
        "<script>var tracking = 1;</script></head><body><svg><path d='M0'/></svg>"
        "<noscript><p>Article text for readers without scripts.</p></noscript></body></html>"
    )
    assert root is not None
    html_extract._without_code(root)
    scripts = root.findall(".//script")
    assert [s.text for s in scripts] == ['{"@type": "NewsArticle"}', None]
    assert root.find(".//style") is None and root.find(".//svg") is None
    assert "without scripts" in etree.tostring(root.find(".//noscript"), encoding=str)


def _wrapped(text: str, width: int = 60) -> str:
    """``text`` with source line breaks every ``width`` characters or so, as editors save it."""
    words, lines, line = text.split(), [], ""
    for word in words:
        if len(line) + len(word) > width:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    return "\n ".join([*lines, line])


def test_source_line_breaks_inside_div_paragraphs_are_spaces() -> None:
    divs = "".join(f"<div><span>{_wrapped(text)}</span></div>" for text in BODY)
    html = (
        "<html><head><title>Council approves school budget</title></head><body><article>"
        f"<h1>Council approves school budget</h1>{divs}<p>First line<br>second line</p>"
        "</article></body></html>"
    )
    assert extract_from_html(html).paragraphs == [*BODY, "First line\nsecond line"]


def test_source_line_breaks_between_chinese_characters_join_without_a_space() -> None:
    assert html_extract._without_source_breaks("香港行政长官\n  梁振英") == "香港行政长官梁振英"
    assert html_extract._without_source_breaks("won the\n Africa") == "won the Africa"


def test_copyright_lines_at_the_end_of_the_body_are_dropped() -> None:
    legal = "© 2013 Cable News Network, Inc. All rights reserved."
    html = _page("", after=f"<p>The-CNN-Wire<br>{legal}</p><p>{legal}</p>")
    found = extract_from_html(html)
    assert found.paragraphs == [*BODY, "The-CNN-Wire"]


@pytest.mark.parametrize("label", ["Related stories", "เรื่องที่เกี่ยวข้อง", "Lesen Sie auch"])
def test_links_under_a_bold_label_without_a_colon_are_pointers(label: str) -> None:
    teasers = (
        f"<p><strong>{label}</strong><br>"
        "<a href='/news/ferry-strike'>Ferry workers strike over new rosters at the port</a><br>"
        "<a href='/news/harbour-fees'>Harbour fees rise for the third year in a row</a></p>"
    )
    assert extract_from_html(_page("", after=teasers)).paragraphs == BODY


def test_a_bold_opening_before_linked_words_in_a_sentence_stays() -> None:
    sentence = (
        "<p><strong>Update:</strong> the council has published "
        "<a href='/docs/budget.pdf'>the full budget document and its annexes for the region</a>"
        " on its website.</p>"
    )
    assert len(extract_from_html(_page("", after=sentence)).paragraphs) == len(BODY) + 1
