"""A headline guessed from the page's headings (no og:title, no JSON-LD headline) is checked
against the page's <title>: a heading in wholly other words is a section name, a newsletter box
or a logo, not the headline."""

from __future__ import annotations

from storylens.extract import html_metadata
from storylens.extract.html import extract_from_html

URL = "https://www.harbourherald.example/local/bridge-reopens"
BODY = " ".join(
    f"Paragraph {n}: the harbour authority said the repaired bridge would carry traffic again "
    "from Thursday, after engineers finished checking the cables and the deck."
    for n in range(1, 6)
)


def title_of(title_tag: str, headings: str, head: str = "") -> str:
    html = (
        f"<html><head><title>{title_tag}</title>{head}</head><body>{headings}"
        f"<article><p>{BODY}</p></article></body></html>"
    )
    return extract_from_html(html, url=URL).title


def test_a_lone_h1_in_other_words_gives_way_to_the_agreeing_h2() -> None:
    headings = "<h1>Latest in Local</h1><h2>Harbour bridge reopens after storm repairs</h2>"
    title = title_of("Harbour bridge reopens after storm repairs | Harbour Herald", headings)
    assert title == "Harbour bridge reopens after storm repairs"


def test_a_logo_h1_naming_the_site_gives_way_to_the_title_tags_headline() -> None:
    headings = "<h1>HARBOURHERALD Harbourherald Logo</h1>"
    title = title_of("Bridge reopens after storm repairs - HARBOURHERALD", headings)
    assert title == "Bridge reopens after storm repairs"


def test_an_h1_worded_apart_from_the_title_tag_but_sharing_a_word_stays() -> None:
    headings = "<h1>Cars cross the harbour again</h1>"
    title = title_of("Storm-damaged harbour bridge open from Thursday | Harbour Herald", headings)
    assert title == "Cars cross the harbour again"


def test_a_declared_headline_is_not_second_guessed() -> None:
    head = '<meta property="og:title" content="Latest in Local">'
    title = title_of("Bridge reopens after storm repairs | Harbour Herald", "<h1>x</h1>", head)
    assert title == "Latest in Local"


def test_a_short_title_tag_settles_nothing() -> None:
    assert title_of("Harbour Herald", "<h1>Latest in Local</h1>") == "Latest in Local"


def test_chinese_titles_compare_by_character_pairs() -> None:
    headings = "<h1>新闻中心</h1>"
    title = title_of("港口大桥修复后重新开放_本地_海港日报", headings)
    assert title == "港口大桥修复后重新开放"


def declared_title(og_title: str, site_name: str) -> str:
    head = (
        f'<meta property="og:title" content="{og_title}">'
        f'<meta property="og:site_name" content="{site_name}">'
    )
    return title_of("Harbour bridge reopens", "", head)


def test_a_declared_site_name_with_its_slogan_is_cut_from_the_title() -> None:
    site = "Harbour Herald | The voice of the bay"
    for og_title in (
        f"{site}: Harbour bridge reopens after storm repairs",
        f"Harbour bridge reopens after storm repairs - {site}",
    ):
        assert declared_title(og_title, site) == "Harbour bridge reopens after storm repairs"
    glued = "Big Site Name-based reporting wins an award"  # no separator after the name
    assert html_metadata._without_stated_name(glued, "Big Site Name") == glued


def test_the_site_name_with_a_section_after_it_is_cut_from_the_title() -> None:
    og_title = "Harbour bridge reopens after storm repairs | Herald Local News"
    assert declared_title(og_title, "Herald") == "Harbour bridge reopens after storm repairs"
    longer = "Council votes | Herald readers pick the best bakery in town"
    assert declared_title(longer, "Herald") == longer
