"""HTML extraction: the article, its metadata, and an account of every block left out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storylens.extract import html as html_extract
from storylens.extract.html import HtmlExtraction, extract_from_html

FIXTURES = Path(__file__).parent / "fixtures" / "html"
ARTICLE_URL = "https://www.coastalgazette.example/local/bridge-reopens"

FIRST_PARAGRAPH_START = "The harbour bridge reopened to traffic on Thursday morning"
LAST_PARAGRAPH_START = "Ferry operators, who had added extra crossings"


@pytest.fixture(scope="module")
def article_html() -> str:
    return (FIXTURES / "article.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def article(article_html: str) -> HtmlExtraction:
    return extract_from_html(article_html, url=ARTICLE_URL)


def removed_reasons(result: HtmlExtraction) -> dict[str, str]:
    return {item.text: item.reason for item in result.removed}


def test_title_and_metadata_come_from_the_page(article: HtmlExtraction) -> None:
    assert article.title == "Harbour bridge reopens after storm repairs"
    assert article.published == "2024-03-14"
    assert article.byline == "Maria Lindqvist"
    assert article.site == "The Coastal Gazette"
    assert article.language == "en"


def test_body_keeps_the_article_paragraphs_in_order(article: HtmlExtraction) -> None:
    assert len(article.paragraphs) == 4
    assert article.paragraphs[0].startswith(FIRST_PARAGRAPH_START)
    assert article.paragraphs[-1].startswith(LAST_PARAGRAPH_START)
    assert article.body == "\n\n".join(article.paragraphs)
    assert all("\n\n" not in paragraph for paragraph in article.paragraphs)


def test_body_holds_no_boilerplate(article: HtmlExtraction) -> None:
    for junk in (
        "Weather desk",
        "Related stories",
        "nightmare",
        "All rights reserved",
        "railing on",
    ):
        assert junk not in article.body


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Weather desk", "navigation"),
        ("Storm damage bill passes two million", "related content"),
        ("Finally! My commute has been a nightmare for weeks.", "comments"),
        ("Workers fit a new railing on the eastern span last week.", "caption"),
        ("Copyright 2024 The Coastal Gazette. All rights reserved.", "footer"),
        ("By Maria Lindqvist", "metadata"),
    ],
)
def test_each_boilerplate_block_is_removed_with_its_reason(
    article: HtmlExtraction, text: str, reason: str
) -> None:
    assert removed_reasons(article).get(text) == reason


def test_one_line_photo_credits_in_the_body_are_captions() -> None:
    prose = (
        "<p>The council approved the new budget on Monday after a long debate about schools "
        "and roads in the city, officials said.</p>"
    )
    credits = ["Foto: Michael Kappeler/dpa", "Photo: Sam Lee/Reuters", "Zdjęcie: PAP"]
    long_label = (
        "Bild: Die Abgeordneten stimmten nach einer langen Debatte über Schulen und Straßen "
        "für den neuen Haushalt der Stadt."
    )
    inner = "".join(f"{prose}<p>{text}</p>" for text in [*credits, long_label]) + prose
    html = f"<html><body><article><h1>Budget approved</h1>{inner}</article></body></html>"
    result = extract_from_html(html)
    assert all(credit not in result.body for credit in credits)
    assert {removed_reasons(result).get(credit) for credit in credits} == {"caption"}
    assert long_label in result.paragraphs  # a label opening a long paragraph: prose
    assert result.body.count("The council approved") == 5


def test_kept_text_and_title_are_not_reported_as_removed(article: HtmlExtraction) -> None:
    removed_text = " ".join(item.text for item in article.removed)
    assert FIRST_PARAGRAPH_START not in removed_text
    assert article.title not in removed_reasons(article)


def test_script_and_style_text_is_neither_kept_nor_removed(article: HtmlExtraction) -> None:
    everything = article.body + " ".join(item.text for item in article.removed)
    assert "analytics" not in everything
    assert "font-family" not in everything


def test_headline_repeated_at_the_start_of_the_body_is_dropped() -> None:
    page = (
        "<html><body><article><h1>Lake levels fall</h1><p>Lake levels fall</p>"
        "<p>Water in the northern lake dropped by two metres over the summer, the lowest level "
        "recorded since measurements began in the nineteen fifties.</p>"
        "<p>Farmers downstream said irrigation had been rationed since July, and several "
        "marinas closed their lower jetties for safety reasons.</p></article></body></html>"
    )
    result = extract_from_html(page, url="https://www.example.org/lake")
    assert result.title == "Lake levels fall"
    assert result.paragraphs[0].startswith("Water in the northern lake")
    assert result.site == "example.org"


LAKE_BODY = (
    "<p>Water in the northern lake dropped by two metres over the summer, the lowest level "
    "recorded since measurements began in the nineteen fifties.</p>"
    "<p>Farmers downstream said irrigation had been rationed since July, and several "
    "marinas closed their lower jetties for safety reasons.</p>"
)


@pytest.mark.parametrize(
    ("head", "url", "title"),
    [
        ('<meta property="og:site_name" content="Lakeside Courier">'
         '<meta property="og:title" content="Lake levels fall to a record low | Lakeside Courier">',
         None, "Lake levels fall to a record low"),
        ("<title>lakesidecourier.example - Lake levels fall to a record low</title>",
         "https://www.lakesidecourier.example/lake", "Lake levels fall to a record low"),
        # the site name guessed from the title itself is no evidence: the title stays whole
        ('<meta property="og:title" content="Emden - Lake levels fall to a record low">'
         "<title>Emden - Lake levels fall to a record low</title>", None,
         "Emden - Lake levels fall to a record low"),
    ],
)  # fmt: skip
def test_the_title_loses_the_site_name_the_page_declares(head: str, url: str, title: str) -> None:
    page = f"<html><head>{head}</head><body><article>{LAKE_BODY}</article></body></html>"
    assert extract_from_html(page, url=url).title == title


def test_wrapper_classes_do_not_label_blocks_inside_the_main_content() -> None:
    page = (
        '<html><body><div class="page has-sidebar site-header-sticky"><article>'
        "<p>Council members voted on Tuesday to extend the night bus service to the outer "
        "districts for a trial period of six months starting in the autumn.</p>"
        "<p>The trial will cost about four hundred thousand and will be reviewed by the "
        "transport committee once passenger numbers are known next spring.</p>"
        "<div>Tap here</div></article></div></body></html>"
    )
    result = extract_from_html(page)
    assert removed_reasons(result) == {"Tap here": "not main content"}


def test_truncated_html_still_yields_the_article_so_far(article_html: str) -> None:
    cut = article_html[: article_html.index("<figure>") + 20]
    result = extract_from_html(cut, url=ARTICLE_URL)
    assert result.title == "Harbour bridge reopens after storm repairs"
    assert result.paragraphs[0].startswith(FIRST_PARAGRAPH_START)
    assert LAST_PARAGRAPH_START not in result.body


@pytest.mark.parametrize("page", ["", "   \n\t ", "\x00"])
def test_empty_document_gives_an_empty_article(page: str) -> None:
    result = extract_from_html(page)
    assert (result.title, result.paragraphs, result.removed) == ("", [], [])


def test_script_only_page_gives_no_text() -> None:
    page = "<html><head><script>var article = 'not visible text';</script></head></html>"
    result = extract_from_html(page)
    assert result.paragraphs == []
    assert result.removed == []


def test_xml_encoding_declaration_in_a_decoded_string_is_accepted() -> None:
    page = (FIXTURES / "xml_declaration.xhtml").read_text(encoding="utf-8")
    assert page.startswith('<?xml version="1.0" encoding="ISO-8859-1"?>')
    result = extract_from_html(page)
    assert result.title == "Fête du village à Saint-Étienne"
    assert len(result.paragraphs) == 3
    assert "pâtisseries" in result.paragraphs[1]
    assert result.language == "fr"


def test_oversized_page_is_cut_and_the_cut_is_noted(
    article_html: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    limit = article_html.index("<aside")
    monkeypatch.setattr(html_extract, "MAX_HTML_CHARS", limit)
    result = extract_from_html(article_html, url=ARTICLE_URL)
    assert result.paragraphs[-1].startswith(LAST_PARAGRAPH_START)
    assert "Storm damage bill passes two million" not in removed_reasons(result)
    notes = [item for item in result.removed if item.reason == html_extract.TRUNCATED_REASON]
    assert len(notes) == 1
    assert str(len(article_html)) in notes[0].text


def test_oversized_page_loses_scripts_before_any_text(
    article_html: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    bloated = article_html.replace("<head>", "<head><script>" + "x" * 5000 + "</script>", 1)
    monkeypatch.setattr(html_extract, "MAX_HTML_CHARS", len(article_html))
    result = extract_from_html(bloated, url=ARTICLE_URL)
    assert removed_reasons(result).get("Copyright 2024 The Coastal Gazette. All rights reserved.")
    assert html_extract.TRUNCATED_REASON not in removed_reasons(result).values()
    assert result.byline == "Maria Lindqvist"


def test_a_live_blogs_json_ld_does_not_push_the_article_past_the_cut(
    article_html: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    posts = json.dumps({"@type": "LiveBlogPosting", "liveBlogUpdate": ["An update."] * 150})
    json_ld = f'<script type="application/ld+json">{posts}</script>'
    bloated = article_html.replace("<head>", f"<head>{json_ld}", 1)
    monkeypatch.setattr(html_extract, "MAX_HTML_CHARS", len(article_html))
    result = extract_from_html(bloated, url=ARTICLE_URL)
    assert result.paragraphs[-1].startswith(LAST_PARAGRAPH_START)
    assert html_extract.TRUNCATED_REASON not in removed_reasons(result).values()


def test_script_bodies_are_emptied_except_json_ld() -> None:
    page = (
        '<p>a</p><script>var s = "<p>";</script><style>p {}</STYLE>'
        '<script type="application/ld+json">{"author": "X"}</script><p>b</p><script>open <p>c'
    )
    assert html_extract.without_script_bodies(page) == (
        "<p>a</p><script></script><style></STYLE>"
        '<script type="application/ld+json">{"author": "X"}</script><p>b</p><script>'
    )


def test_a_long_article_takes_one_trafilatura_pass(
    trafilatura_passes: list[dict[str, bool]],
) -> None:
    passes = trafilatura_passes
    paragraphs = [
        f"Paragraph {n} of the report: the harbour authority said the repaired bridge would carry "
        f"traffic again this week, and engineers described the {n} stages of the work in detail."
        for n in range(1, 12)
    ]
    page = (
        "<html><head><title>Bridge report</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>Bridge report</h1>{''.join(f'<p>{p}</p>' for p in paragraphs)}</article>"
        "</body></html>"
    )
    result = extract_from_html(page)
    assert passes == [{"fast": True}]
    assert result.paragraphs == paragraphs


def test_a_short_body_gets_the_balanced_pass_with_fallbacks(
    trafilatura_passes: list[dict[str, bool]],
) -> None:
    passes = trafilatura_passes
    page = (
        "<html><body><nav><a href='/'>Home</a></nav><article><p>"
        "The council approved the new budget on Monday after a long debate about schools."
        "</p></article></body></html>"
    )
    result = extract_from_html(page)
    assert passes[0] == {"fast": True}
    assert passes[1:] == [html_extract.FALLBACK_OPTIONS]
    assert "approved the new budget" in result.body


def test_unparseable_html_is_logged_under_the_pages_name(caplog: pytest.LogCaptureFixture) -> None:
    from storylens.extract import extract_page
    from storylens.models import Page

    page = Page(id="p1", origin="crawl/empty.html", content="<!-- nothing here -->", kind="html")
    with caplog.at_level("WARNING", logger=html_extract.__name__):
        extract_page(page)
    messages = [record.getMessage() for record in caplog.records]
    assert any("unparseable HTML" in m and "crawl/empty.html" in m for m in messages), messages


def test_unreadable_json_ld_is_logged_under_the_pages_name(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from storylens.extract import extract_page, html_metadata
    from storylens.models import Page

    html = (  # JSON-LD that parses as JSON but holds no objects: trafilatura's reader raises
        '<html><head><script type="application/ld+json">[1, "x"]</script></head><body><p>'
        "The council approved the new budget on Monday after a long debate about schools."
        "</p></body></html>"
    )
    page = Page(id="p1", origin="crawl/jsonld.html", content=html, kind="html",
                url="https://example.org/budget")  # fmt: skip
    with caplog.at_level("WARNING", logger=html_metadata.__name__):
        article = extract_page(page)
    messages = [record.getMessage() for record in caplog.records]
    assert any(
        "JSON-LD" in m and "crawl/jsonld.html (https://example.org/budget)" in m for m in messages
    ), messages
    assert "approved the new budget" in article.body  # the page is still read


def test_trafilatura_failure_is_logged_under_the_pages_name(
    article_html: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("hostile markup")

    monkeypatch.setattr(html_extract, "_trafilatura_document", broken)
    with caplog.at_level("WARNING", logger=html_extract.__name__):
        extract_from_html(article_html, url=ARTICLE_URL, origin="feeds/site.warc@7")
    messages = [record.getMessage() for record in caplog.records]
    assert any(
        "trafilatura failed" in m and "feeds/site.warc@7" in m and ARTICLE_URL in m
        for m in messages
    ), messages


def test_a_stray_control_character_does_not_empty_the_article(article_html: str) -> None:
    """One ``\\x10`` in a paragraph (a real page had one) made trafilatura drop the whole
    article: control characters XML forbids are removed before parsing."""
    page = article_html.replace(FIRST_PARAGRAPH_START, FIRST_PARAGRAPH_START + "\x10", 1)
    assert page != article_html
    result = extract_from_html(page, url=ARTICLE_URL)
    assert result.paragraphs, "the article was lost"
    assert any(p.startswith(FIRST_PARAGRAPH_START) for p in result.paragraphs)
    assert not any("\x10" in p for p in result.paragraphs)


@pytest.mark.parametrize(
    ("stated", "title", "expected"),
    [
        ("The Coastal Gazette", "Harbour bridge reopens", "The Coastal Gazette"),
        ("ICON Magazine", "ICON Magazine", "ICON Magazine"),  # a home page: the title is the name
        ("SW1.News - Nachrichten der Region Schweinfurt - Main-Rhön", "x", "SW1.News"),
        ("Herz und Blut - Interior | Design | Lifestyle | Travel Blog", "x", "Herz und Blut"),
        (
            "Trump Has Shown Receptiveness To Obama's Agenda. Does He Actually Mean It?",
            "Trump Has Shown Receptiveness To Obama's Agenda. Does He Actually Mean It?",
            None,
        ),
        ("U.S. Stocks Rise to Records, Bonds Gain on ECB Stimulus Optimism", "Bloomberg", None),
        ("https://twitter.com/coastalgazette", "x", None),  # an account, not a name
        ("https://www.coastalgazette.example/", "x", "coastalgazette.example"),
        ("海岸日报版权所有", "x", "海岸日报"),
        ("© 2024 The Coastal Gazette. All rights reserved.", "x", "The Coastal Gazette"),
    ],
)
def test_a_stated_site_name_that_is_a_headline_or_carries_a_slogan(
    stated: str, title: str, expected: str | None
) -> None:
    """Pages copy their headline into og:site_name, or add the site's slogan; the outlet of a
    story must not read as a headline."""
    assert html_extract._site_name(stated, title) == expected


def test_a_headline_as_site_name_falls_back_to_the_host() -> None:
    headline = "Report on the school shutdown shows confusion over who was in charge"
    page = (
        f'<html><head><title>{headline}</title><meta property="og:site_name" '
        f'content="{headline}"></head><body><article><h1>{headline}</h1>'
        + "<p>The district's report, published on Tuesday, found that no one person was in "
        "charge of the decision to close every school, and that the technology used to warn "
        "parents failed in the first hour.</p>" * 3
        + "</article></body></html>"
    )
    result = extract_from_html(page, url="https://www.dailyherald.example/local/report")
    assert result.site == "dailyherald.example"
