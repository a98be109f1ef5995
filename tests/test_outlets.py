"""One outlet-naming rule for every stage: story listings, the front page and comparisons agree."""

from __future__ import annotations

from storylens.models import Article
from storylens.outlets import UNNAMED_OUTLET, outlet_name, outlet_names
from storylens.stories.engine import outlet_of


def test_host_names_and_urls_become_the_registered_domain() -> None:
    assert outlet_name("www.bbc.co.uk", None) == "bbc.co.uk"
    assert outlet_name("news.bbc.co.uk", None) == "bbc.co.uk"
    assert outlet_name(None, "https://www.bbc.co.uk/news/x") == "bbc.co.uk"


def test_a_site_given_as_a_name_stays_and_nothing_is_a_file_id() -> None:
    assert outlet_name("The Times", "https://thetimes.co.uk/a") == "The Times"
    names = outlet_names([("000_2c1bc55939869abd", None, None), ("b", None, None)])
    assert names == {"000_2c1bc55939869abd": UNNAMED_OUTLET, "b": f"{UNNAMED_OUTLET} (2)"}


def test_the_story_engine_and_the_front_page_name_an_outlet_alike() -> None:
    article = Article(id="a", origin="a.txt", title="t", body="b", site="www.reuters.com")
    assert outlet_of(article) == outlet_name(article.site, article.url) == "reuters.com"
