"""The outlet's name read from a plain-text page's own template (``extract/sitename.py``)."""

from storylens.extract.sitename import brand_of, clean_name, recurring_site, without_site_affix
from storylens.extract.text import extract_from_text

ARTICLE = [
    "Harbour cranes stand idle as dock workers strike for a second week",
    "Dock workers at the city's container port stayed away for a second week on Monday, "
    "leaving ships waiting at anchor off the coast, the port authority said.",
    "The union wants a pay rise of eight percent and says the operator has refused to meet "
    "its negotiators since the strike began on the first of the month.",
    "The operator said it had made a fair offer and urged the workers to return, warning that "
    "shipping lines could move their calls to other ports along the coast.",
    "Shops in the port district said trade had fallen by a third since the cranes stopped, "
    "and the city council said it would ask both sides to meet again this week.",
]


def dump(*template_top: str, footer: tuple[str, ...] = ()) -> str:
    return "\n\n".join([*template_top, *ARTICLE, *footer])


def test_a_name_the_copyright_line_and_a_template_phrase_agree_on_is_the_site() -> None:
    page = dump(
        "The Morning Ledger",
        "Menu",
        footer=(
            "Subscribe to The Morning Ledger",
            "© 2024 The Morning Ledger. All rights reserved.",
        ),
    )
    assert extract_from_text(page).site == "The Morning Ledger"


def test_a_host_name_spelling_a_written_name_gives_the_name() -> None:
    page = dump(
        "Harbour Times",
        footer=("About Harbour Times", "Contact: newsdesk@harbourtimes.co.uk"),
    )
    assert extract_from_text(page).site == "Harbour Times"


def test_interface_phrases_in_other_languages_name_the_site() -> None:
    page = dump(
        "Hafenblick",
        footer=("Über Hafenblick", "Copyright 2024 Hafenblick GmbH"),
    )
    assert extract_from_text(page).site == "Hafenblick"


def test_sections_and_platforms_are_not_the_site() -> None:
    page = dump(
        "Music",
        "Books",
        "More from Music",
        "Follow us on twitter.com/harbour",
        footer=("Photo: pic.twitter.com/abc", "Share on facebook.com"),
    )
    assert extract_from_text(page).site is None


def test_the_article_body_is_no_evidence() -> None:
    lines = ["Copyright notices", *ARTICLE, "About Quayside Weekly"]
    body = set(range(1, len(ARTICLE) + 1))
    assert recurring_site(lines, body) is None  # one kind of evidence outside the body
    with_body = [*lines[:2], "Quayside Weekly said the port was closed.", *lines[2:]]
    assert recurring_site(with_body, set(range(1, len(with_body) - 1))) is None


def test_host_labels_and_names() -> None:
    assert brand_of("www.express.co.uk") == "express"
    assert brand_of("news.sky.com") == "sky"
    assert clean_name("Vox Media, LLC") == "Vox Media"
    assert clean_name("September 7, 2020") is None
    assert clean_name("a plain phrase") is None


def test_a_title_loses_an_affix_that_names_the_site_and_nothing_else() -> None:
    assert without_site_affix("Dock strike enters second week - LA Weekly", ["LA Weekly"]) == (
        "Dock strike enters second week"
    )
    assert without_site_affix("Dock strike | FINANZCHECK.de", [], ["www.finanzcheck.de"]) == (
        "Dock strike"
    )
    assert without_site_affix("BBC - Storm hits coast", [], ["www.bbc.co.uk"]) == (
        "Storm hits coast"
    )
    # the start of a declared name counts; a host's label must be spelled whole
    declared = ["Rhein-Neckar Löwen GmbH"]
    assert without_site_affix("Tickets on sale - Rhein-Neckar Löwen", declared) == "Tickets on sale"
    assert without_site_affix("Emden - Sights and tours", [], ["emden-tourismus.de"]) == (
        "Emden - Sights and tours"
    )
    assert without_site_affix("Szenario für die Wahl - Analyse", [], ["sz.de"]) == (
        "Szenario für die Wahl - Analyse"
    )
    # a part that goes on past the name is a headline; a "name" as long as a headline is none
    assert without_site_affix("Take care - comwrap at the fair 2018", ["comwrap"]) == (
        "Take care - comwrap at the fair 2018"
    )
    long_name = "Cup preview: the club expects a full house - Handball Schweiz"
    assert without_site_affix(long_name, [long_name], ["handball.ch"]) == long_name
    # never down to one word; a dangling separator goes
    assert without_site_affix("Ischgl - trails.de", [], ["trails.de"]) == "Ischgl - trails.de"
    assert without_site_affix("Über André Loibl |", ["Andreloibl"]) == "Über André Loibl"


def test_a_chinese_or_japanese_title_loses_its_site_name_joined_without_spaces() -> None:
    """``…が受賞：朝日新聞デジタル``, ``…后果很严重_腾讯网``: the site's name follows a full-width
    colon or an underscore with no space; it goes when it names the site, and only then."""
    japanese = "メディア芸術祭賞、「チコちゃんに叱られる！」が受賞：朝日新聞デジタル"
    assert without_site_affix(japanese, ["朝日新聞デジタル"]) == japanese.split("：")[0]
    chinese = "宇航员在太空中喝酒会怎么样_腾讯网"
    assert without_site_affix(chinese, ["腾讯网"]) == "宇航员在太空中喝酒会怎么样"
    kept = "最新SSDを比較してみた：さらば平成、さらば水冷"  # a subtitle, not the site
    assert without_site_affix(kept, ["ITmedia"], ["itmedia.co.jp"]) == kept


def test_a_title_loses_a_site_joined_by_stars_a_korean_bar_or_with_its_news_word() -> None:
    headline = "Protests grow over the defence minister's dismissal"
    assert without_site_affix(f"{headline} * Daily Pundit * by Jane Roe", ["Daily Pundit"]) == (
        headline
    )
    korean = "민주당 선호투표제 도입 또다시 불발-정치"
    assert without_site_affix(f"{korean}ㅣ한국일보", ["한국일보"]) == korean
    assert without_site_affix(f"{headline} | CBC News", ["CBC"]) == headline
    # a part that only starts like the site, or a section, stays
    assert without_site_affix(f"{headline} | CBC Newsroom Extra", ["CBC"]).endswith("Extra")
    assert without_site_affix(f"{headline} | Bhopal News", ["The Times of India"]).endswith(
        "Bhopal News"
    )
