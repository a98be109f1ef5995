"""Comparison stage: the seed story read as a careful editor would, plus bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storylens.compare import compare_articles, compare_texts, render_text
from storylens.compare.sentences import split_sentences
from storylens.models import Article

FIXTURES = Path(__file__).parent / "fixtures"


def _seed_article(name: str, spec: dict) -> tuple[Article, list[str]]:
    lines = [ln.strip() for ln in (FIXTURES / name).read_text(encoding="utf-8").splitlines()]
    lines = [ln for ln in lines if ln]
    body_lines = [lines[i] for i in spec["body_lines"]]
    article = Article(id=name[:3], origin=name, title=spec["title"], body="\n\n".join(body_lines))
    return article, lines


@pytest.fixture(scope="module")
def seeds():
    expected = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
    built = {name[:3]: _seed_article(name, spec) for name, spec in expected["documents"].items()}
    comparison = compare_articles([built["000"][0], built["004"][0]])
    return comparison, {k: v[1] for k, v in built.items()}, {k: v[0] for k, v in built.items()}


def _pairs(comparison) -> set[tuple[str, str]]:
    return {(f.a.text, f.b.text) for f in comparison.shared}


def _shared_between(comparison, line_a: str, line_b: str) -> bool:
    return any(
        x in line_a and y in line_b
        for x, y in _pairs(comparison) | {(b, a) for a, b in _pairs(comparison)}
    )


def test_splitter_keeps_abbreviations_datelines_and_quotes_together():
    text = (
        "MANILA, Nov. 24 (Xinhua) -- Mr. Cruz met U.S. envoys on Jan. 5. He left. "
        "“We agreed … we will go. Then we stay,” he said. Const. Tim Fanning spoke."
    )
    assert [s.text for s in split_sentences(text)] == [
        "MANILA, Nov. 24 (Xinhua) -- Mr. Cruz met U.S. envoys on Jan. 5.",
        "He left.",
        "“We agreed … we will go. Then we stay,” he said.",
        "Const. Tim Fanning spoke.",
    ]


def test_offsets_point_into_the_body(seeds):
    comparison, _, articles = seeds
    for fact in comparison.shared:
        for span in (fact.a, fact.b):
            assert articles[span.article_id].body[span.start : span.end] == span.text


def test_seed_shared_facts_found(seeds):
    comparison, lines, _ = seeds
    a, b = lines["000"], lines["004"]
    assert _shared_between(comparison, a[7], b[1])  # Israel and Russia will work together
    assert _shared_between(comparison, a[9], b[4])  # hundreds of strikes
    assert _shared_between(comparison, a[11], b[5])  # Netanyahu met Putin last week


def test_seed_unique_items_in_the_right_article(seeds):
    comparison, lines, _ = seeds
    only_000 = " ".join(item.text for item in comparison.only["000"])
    only_004 = " ".join(item.text for item in comparison.only["004"])
    for line in (13, 14, 15):
        assert lines["000"][line].split(". ")[0] in only_000
    assert "first face-to-face meeting" in only_000
    for line in (3, 7, 8, 9):
        assert lines["004"][line].split(". ")[0] in only_004
    hotline = [i for i in comparison.only["004"] if "hotline" in i.text]
    assert hotline and hotline[0].partly and "hotline" in hotline[0].unsupported
    assert "Lavrov" not in only_000 and "Putin said back then" not in only_004


def test_seed_shared_quote_with_speaker_and_variants(seeds):
    comparison, _, _ = seeds
    shared_goal = [m for m in comparison.quotes if "shared goal" in m.a.text]
    assert len(shared_goal) == 1
    match = shared_goal[0]
    assert match.a.speaker == match.b.speaker == "Benjamin Netanyahu"
    assert match.kind == "variant"
    changes = {(op.a, op.b) for op in match.diff}
    assert ("towards", "toward") in changes
    assert ("…", ".") in changes


def test_seed_fragment_quote(seeds):
    comparison, _, _ = seeds
    fragments = [m for m in comparison.quotes if m.kind == "fragment"]
    assert [m.b.text for m in fragments] == ["unequivocally clear"]
    assert fragments[0].a.text.startswith("I made it unequivocally clear")
    assert fragments[0].a.speaker == "Benjamin Netanyahu"


def test_seed_commentary_is_the_last_paragraph_of_000(seeds):
    comparison, lines, _ = seeds
    flagged = [c.span for c in comparison.commentary]
    assert {s.article_id for s in flagged} == {"000"}
    assert all(s.text in lines["000"][15] for s in flagged)
    assert len(flagged) >= 2


def test_seed_credits(seeds):
    comparison, _, _ = seeds
    credited = {c.name for c in comparison.credits if c.article_id == "000"}
    assert credited == {"Reuters", "Jerusalem Post"}
    assert "Reuters" not in {c.name for c in comparison.credits if c.article_id == "004"}


def test_seed_reuse_and_json_shape(seeds):
    comparison, _, _ = seeds
    data = comparison.to_dict()
    assert set(data) >= {"shared", "only_a", "only_b", "reuse", "quotes", "commentary", "credits"}
    json.dumps(data)
    assert data["reuse"] and "shared goal" in data["reuse"][0]["passages"][0]["a"]["text"]
    text = render_text(comparison, color=False)
    assert "towards" in text and "\x1b[" not in text
    assert "\x1b[" in render_text(comparison, color=True)


def test_single_sentence_pairs():
    para = compare_texts(
        "Hackers attacked a second subsidiary of Singtel, the company said on Monday.",
        "Singtel said on Monday that hackers had attacked a second subsidiary.",
    )
    assert len(para.shared) == 1
    unrelated = compare_texts(
        "Singtel said on Monday that hackers had attacked a second subsidiary.",
        "The pope visited a hospital in Rome on Monday and said a prayer.",
    )
    assert unrelated.shared == []


def test_lookalike_numbers_do_not_align():
    result = compare_texts(
        "Two knives were seized from her at the scene.",
        "Two police cars were seen at the scene.",
    )
    assert result.shared == []


def test_identical_articles_are_noted_and_fully_shared():
    body = "The council approved the budget on Tuesday.\n\nThe mayor welcomed the vote."
    result = compare_texts(body, body)
    assert any("identical" in n for n in result.notes)
    assert [f.kind for f in result.shared] == ["verbatim", "verbatim"]
    assert result.reuse and result.only == {"a": [], "b": []}


def test_empty_article_is_explained():
    result = compare_texts("The council approved the budget on Tuesday.", "  \n ")
    assert any("b: empty body" in n for n in result.notes)
    assert result.shared == [] and len(result.only["a"]) == 1


def test_different_languages_are_explained():
    malay = (
        "Kerajaan telah mengumumkan langkah baharu untuk membantu rakyat yang terjejas oleh banjir "
        "di beberapa negeri, kata menteri itu dalam satu kenyataan pada hari Isnin."
    )
    english = (
        "The government announced new measures to help people affected by floods in several "
        "states, the minister said in a statement on Monday."
    )
    result = compare_texts(english, malay)
    assert any("b does not look like English" in n for n in result.notes)
    assert result.shared == []


def test_fewer_than_two_articles():
    result = compare_articles([Article(id="x", origin="x", title="", body="One sentence.")])
    assert any("at least two" in n for n in result.notes)


def test_two_hundred_articles_do_not_crash():
    facts = [
        "The bridge over the Marlow river closed on Friday after inspectors found cracks.",
        "Engineers said repairs would take at least three weeks.",
        "Local shops reported a drop in customers.",
    ]
    articles = [
        Article(
            id=f"n{k}",
            origin="test",
            title="",
            body="\n\n".join([facts[k % 3], facts[(k + 1) % 3], f"Reporter {k} filed story {k}."]),
        )
        for k in range(200)
    ]
    result = compare_articles(articles)
    assert any("200 articles" in n for n in result.notes)
    assert "only" in result.to_dict() and len(result.articles) == 200
    assert result.shared


def test_text_output_lists_conflicts_with_both_sides():
    """The terminal view shows what `compare --json` reports under `conflicts` (a decimal comma
    figure too), not only a "partial" shared fact."""
    a = "Ein Erdbeben der Stärke 5,8 hat am Sonntagmorgen die Region Kalabrien erschüttert."
    b = "Ein Erdbeben der Stärke 6,1 hat am Sonntagmorgen die Region Kalabrien erschüttert."
    comparison = compare_texts(a, b)
    assert [(c.a.text, c.b.text) for c in comparison.conflicts] == [("5,8", "6,1")]
    text = render_text(comparison, color=False)
    assert "Conflicts (1)" in text
    assert "number: a “5,8” vs b “6,1”" in text


def test_a_quote_two_articles_share_gets_one_speaker_the_named_one():
    """One article names the mayor, the other calls her "the mayor": the pair (terminal, page,
    JSON) names her, as the story view does for an utterance."""
    comparison = compare_texts(
        '"We will rebuild every house in this town," Mayor Jane Smith said on Monday.',
        '"We will rebuild every single house in the town," the mayor said on Monday. '
        "Mayor Jane Smith spoke in the town hall.",
    )
    [match] = comparison.quotes
    assert {match.a.speaker, match.b.speaker} == {"Jane Smith", "the mayor"}
    assert match.speaker == "Jane Smith"
    assert "  Jane Smith [variant]" in render_text(comparison, color=False)
    assert comparison.to_dict()["quotes"][0]["speaker"] == "Jane Smith"


def test_front_page_summary_of_a_pair_words_its_conflicts():
    from storylens.compare.summary import _conflicts

    comparison = compare_texts(
        "A magnitude 5.8 earthquake struck the region of Calabria on Sunday morning.",
        "A magnitude 6.1 earthquake struck the region of Calabria on Sunday morning.",
    )
    [conflict] = _conflicts(comparison, {"a": "Daily", "b": "Herald"})
    assert conflict.text == "number: “5.8” vs “6.1”" and conflict.outlets == ["Daily", "Herald"]
