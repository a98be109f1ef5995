"""Plain-text article extraction: the seed acceptance test and one test per rule."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest

from storylens.bench.extract import run, site_templates
from storylens.bench.metrics import TokenScore, prf, tokens
from storylens.extract import lines as L
from storylens.extract import text as text_module
from storylens.extract.linemodel import load_line_model
from storylens.extract.metadata_text import parse_byline, parse_date, parse_site
from storylens.extract.text import (
    REASON_ABOVE_HEADLINE,
    REASON_CAPTION,
    REASON_CODE,
    REASON_LEAD_REPEATED,
    REASON_NUMBER,
    REASON_SHORT,
    REASON_SNIPPET,
    REASON_TEASER,
    REASON_TEMPLATE,
    REASON_TITLE_REPEATED,
    extract_from_text,
    find_template_lines,
    forced_reason,
    non_empty_lines,
)

FIXTURES = Path(__file__).parent / "fixtures"
EXPECTED = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))["documents"]

TITLE = "City Council Approves New Budget After Long Debate"
PARAGRAPHS = [
    "The city council approved a new budget on Tuesday after a debate that lasted more than "
    "seven hours, ending a dispute that had delayed spending on schools and roads for weeks.",
    "Council members voted eight to three in favour of the plan, which raises spending on public "
    "transport by four percent and cuts the budget of the parks department by a similar amount.",
    "The mayor said the vote showed that the council could still work together on difficult "
    "questions, although several members said they had been given too little time to read it.",
    "Opponents of the plan argued that the cuts to the parks department would hurt families in "
    "the poorest parts of the city, where parks are often the only open space for children.",
    "The budget will take effect at the start of next month, and the council is expected to "
    "review the spending on transport again at the end of the year, officials said on Tuesday.",
]


def page(*blocks: str) -> str:
    return "\n\n".join(blocks) + "\n"


def removed_reasons(extraction) -> dict[str, str]:
    return {item.text: item.reason for item in extraction.removed}


def scored_page(lines: list[str], keep: list[bool] | None = None, title: str = TITLE):
    """A page as the rules see it after the line model, every line scored alike, ``keep``
    (default: all) as the model's choice and ``title`` as the headline line."""
    return text_module._Page(
        facts=L.describe_page(lines), body_score=np.ones(len(lines)),
        title_score=np.zeros(len(lines)), keep=keep or [True] * len(lines),
        title_index=lines.index(title) if title in lines else None,
    )  # fmt: skip


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_documents_read_like_the_editor_expects(name: str) -> None:
    expected = EXPECTED[name]
    text = (FIXTURES / name).read_text(encoding="utf-8")
    lines = non_empty_lines(text)
    result = extract_from_text(text)

    assert result.title == expected["title"]
    assert result.paragraphs == [lines[i] for i in expected["body_lines"]]
    others = [
        line
        for i, line in enumerate(lines)
        if i not in expected["body_lines"] and i != expected["title_line"]
    ]
    assert [item.text for item in result.removed] == others
    assert all(item.reason.strip() for item in result.removed)


def test_seed_000_reasons_name_widget_repeat_and_caption() -> None:
    text = (FIXTURES / "000_2c1bc55939869abd.txt").read_text(encoding="utf-8")
    reasons = [item.reason for item in extract_from_text(text).removed]
    assert reasons[:6] == [REASON_NUMBER] * 4 + [REASON_TITLE_REPEATED, REASON_CAPTION]


def test_seed_004_reasons_name_repeated_lead_and_teasers() -> None:
    text = (FIXTURES / "004_9d8b2a773a0fba39.txt").read_text(encoding="utf-8")
    reasons = [item.reason for item in extract_from_text(text).removed]
    assert reasons[0] == REASON_LEAD_REPEATED
    assert reasons[2:] == [REASON_TEASER, REASON_SNIPPET] * 6


def test_truncated_snippet_needs_prose_cut_at_an_ellipsis() -> None:
    assert L.is_truncated_snippet("A powerful earthquake struck the sea on Tuesday, shaking a v...")
    assert L.is_truncated_snippet("Officials said the flight had landed safely in Tokyo …")
    assert not L.is_truncated_snippet("More...")
    assert not L.is_truncated_snippet("A powerful earthquake struck the sea on Tuesday.")


def test_teaser_list_after_article_is_removed_with_teaser_reasons() -> None:
    teasers = [
        "Storm Closes Schools Across the Region",
        "Heavy snow forced hundreds of schools to close on Monday as roads across the region b...",
        "Local Team Wins Championship in Overtime",
        "The home side scored twice in the final minutes to win the title in front of a record...",
    ]
    result = extract_from_text(page(TITLE, *PARAGRAPHS, *teasers))
    assert result.title == TITLE
    assert result.paragraphs == PARAGRAPHS
    reasons = removed_reasons(result)
    assert [reasons[t] for t in teasers] == [REASON_TEASER, REASON_SNIPPET] * 2


def test_repeated_lead_keeps_first_copy_only() -> None:
    result = extract_from_text(page(TITLE, PARAGRAPHS[0], PARAGRAPHS[0], *PARAGRAPHS[1:]))
    assert result.paragraphs == PARAGRAPHS
    assert removed_reasons(result) == {PARAGRAPHS[0]: REASON_LEAD_REPEATED}


def test_repeated_title_is_used_once() -> None:
    result = extract_from_text(page(TITLE, TITLE, *PARAGRAPHS))
    assert result.title == TITLE
    assert removed_reasons(result) == {TITLE: REASON_TITLE_REPEATED}


def test_comment_section_after_the_article_is_removed() -> None:
    comments = [
        "Comments (2)",
        "I have lived in this city for forty years and I have never seen the council agree on "
        "anything so quickly, which makes me wonder what was promised behind closed doors.",
        "The parks are the only thing that makes this place bearable in the summer, and now "
        "they want to cut them again while the transport budget keeps on growing every year.",
    ]
    result = extract_from_text(page(TITLE, *PARAGRAPHS, *comments))
    assert result.paragraphs == PARAGRAPHS
    assert {removed_reasons(result)[c] for c in comments} == {"comment"}
    assert L.starts_comment_section("Comments are now closed for this story")
    assert not L.starts_comment_section("The comments drew criticism from the opposition.")


def test_lines_kept_above_the_headline_are_page_furniture_but_its_date_is_read() -> None:
    note = "Get Daily Example headlines emailed to you daily."  # the line model keeps it
    result = extract_from_text(page("Home | News | Sport | Business", note, TITLE, *PARAGRAPHS))
    assert result.title == TITLE
    assert result.paragraphs == PARAGRAPHS
    assert removed_reasons(result)[note] == REASON_ABOVE_HEADLINE
    dated = extract_from_text(page("Tuesday, January 8, 2008", note, TITLE, *PARAGRAPHS))
    assert dated.paragraphs == PARAGRAPHS
    assert (dated.published or "").startswith("2008-01-08")


def test_a_subheading_taken_for_the_headline_keeps_the_prose_above_it() -> None:
    subheading = "What the budget means for schools"
    text = page("Home | News", TITLE, *PARAGRAPHS[:3], subheading, *PARAGRAPHS[3:])
    result = extract_from_text(text, title_hint=subheading)
    assert result.title == subheading
    assert result.paragraphs == [TITLE, *PARAGRAPHS]


def test_prose_parted_from_the_headline_by_dropped_lines_is_furniture() -> None:
    """A paywall note kept above a block of dropped menu lines is cut off from the article;
    prose running right into the "headline" (a subheading) stays."""
    note = "To read this article in full you must be registered with the site and sign in."
    menu = ["Home", "News", "Sport", "Search"]

    def run(lines: list[str], keep: list[bool]) -> list[str]:
        work = scored_page(lines, keep)
        text_module.drop_above_headline(work, headline_given=False)
        return [lines[i] for i in work.kept()]

    body = PARAGRAPHS[:2]
    parted = [note, *menu, TITLE, *body]
    assert run(parted, [True, False, False, False, False, True, True, True]) == body
    running_in = [*menu, note, TITLE, *body]
    assert run(running_in, [False, False, False, False, True, True, True, True]) == [note, *body]
    text_above = [*PARAGRAPHS[2:], *menu, TITLE, *body]  # the "headline" below the article
    keep = [True] * 3 + [False] * 4 + [True] * 3
    assert run(text_above, keep) == [*PARAGRAPHS[2:], *body]


def test_a_body_does_not_end_on_a_short_unfinished_line() -> None:
    lines = [TITLE, *PARAGRAPHS, "Send to e-mail:", "Print this"]
    work = scored_page(lines)
    text_module.drop_unfinished_ending(work)
    assert [lines[i] for i in work.kept()] == PARAGRAPHS
    assert work.reasons == {6: text_module.REASON_WIDGETS, 7: text_module.REASON_WIDGETS}
    too_short = scored_page(lines[:3], title="")
    text_module.drop_unfinished_ending(too_short)  # a body of a few lines is left alone
    assert too_short.kept() == [0, 1, 2]


def test_short_lines_opened_by_a_label_after_the_body_are_widgets() -> None:
    """A label after the last paragraph opens the widget area: the short sentences after it
    ("No comments yet.") go with it; a short closing sentence right after the body stays."""
    widgets = ["Print this article", "No comments at the moment.", "Log in to comment."]
    lines = [TITLE, *PARAGRAPHS, *widgets]
    work = scored_page(lines)
    text_module.drop_unfinished_ending(work)
    assert [lines[i] for i in work.kept()] == PARAGRAPHS
    assert set(work.reasons.values()) == {text_module.REASON_WIDGETS}
    closing = [TITLE, *PARAGRAPHS, "He was 45.", "Reporting by Jane Roe"]
    kept = scored_page(closing)
    text_module.drop_unfinished_ending(kept)
    assert [closing[i] for i in kept.kept()] == [*PARAGRAPHS, "He was 45."]
    assert kept.reasons == {7: REASON_SHORT}
    result = extract_from_text(page(TITLE, *PARAGRAPHS, *widgets))
    assert result.paragraphs == PARAGRAPHS


@pytest.mark.parametrize(
    "header",
    ["## Top Rated Comments", "[ 167 comments ]", "Kommentare", "Kommentar verfassen",
     "Laisser un commentaire", "Deja un comentario", "Komentarze"],
)  # fmt: skip
def test_comment_sections_in_other_forms_and_languages_end_the_article(header: str) -> None:
    comments = [
        "I have lived in this city for forty years and I have never seen the council agree on "
        "anything so quickly, which makes me wonder what was promised behind closed doors.",
    ]
    result = extract_from_text(page(TITLE, *PARAGRAPHS, header, *comments))
    assert result.paragraphs == PARAGRAPHS
    assert removed_reasons(result)[comments[0]] == "comment"


def test_comment_words_that_are_not_section_headers() -> None:
    """A German "Kommentar" is also an opinion column; counts, feeds and sentences are not
    headers of a comment section."""
    for line in ("Kommentar", "Kommentare-Feed", "3 Kommentare zu Politik", "Die Kommentare "
                 "der Opposition fielen scharf aus."):  # fmt: skip
        assert not L.starts_comment_section(line), line


def test_caption_patterns() -> None:
    assert L.looks_like_caption("Smoke rises over the harbour. Photograph: Jane Roe/Reuters")
    assert L.looks_like_caption("The mayor speaks to reporters (AP Photo/John Smith)")
    assert L.looks_like_caption("Fans celebrate in the square. Getty Images")
    assert not L.looks_like_caption("He told AFP that the talks had failed.")


def test_caption_inside_article_is_removed() -> None:
    caption = "The council chamber on Tuesday evening. Photo: Sam Lee/Reuters"
    result = extract_from_text(page(TITLE, PARAGRAPHS[0], caption, *PARAGRAPHS[1:]))
    assert result.paragraphs == PARAGRAPHS
    assert removed_reasons(result)[caption] == REASON_CAPTION


@pytest.mark.parametrize(
    "credit",
    ["Foto: dpa", "Bild: Michael Kappeler/dpa", "Fotos: Jan Woitas/dpa", "Zdjęcie: PAP",
     "Fot. Radek Pietruszka/PAP", "Crédit photo : AFP", "Fotografía: EFE", "Beeld: ANP",
     "Foto: © Messe Düsseldorf / ctillmann"],
)  # fmt: skip
def test_other_languages_photo_credits_are_captions(credit: str) -> None:
    assert L.looks_like_caption(credit)
    result = extract_from_text(page(TITLE, PARAGRAPHS[0], credit, *PARAGRAPHS[1:]))
    assert result.paragraphs == PARAGRAPHS
    assert removed_reasons(result)[credit] == REASON_CAPTION


def test_credit_labels_only_open_short_lines() -> None:
    teaser = (
        "FOTOS: Wer der Hektik des Alltags entfliehen möchte, ist in den bunten Gassen der "
        "Altstadt genau richtig, sagen die Veranstalter."
    )
    assert not L.looks_like_caption(teaser)  # a label opening prose: not a credit
    assert not L.looks_like_caption("Bildung bleibt teuer: Die Gebühren steigen")
    assert not L.looks_like_caption("Die Zeitung Bild: Der Kanzler tritt zurück")


def test_number_only_lines() -> None:
    assert L.is_number_only("2,500 $")
    assert L.is_number_only("0 $")
    assert L.is_number_only("12:30")
    assert not L.is_number_only("2,500 people")
    assert forced_reason("3,492 $") == REASON_NUMBER


def test_call_to_action_and_newsletter_are_forced_out() -> None:
    assert forced_reason("Do you like this content? Consider helping us!") is not None
    assert forced_reason("Sign up for our daily newsletter") is not None
    assert forced_reason(PARAGRAPHS[0]) is None


SCRIPT_LINES = [
    "function trackShare(obj){var url=obj.href;if(url){window.open(url,'_blank')}}",
    'hbspt.forms.create({region:"na1",portalId:"123",formId:"abc"})',
    "document.querySelectorAll('.ad-slot').forEach(e=>{e.remove()});",
    ".sticky-bar{position:fixed;bottom:0;width:100%}",
    'settings={status:"init",threshold:300,class_loaded:"loaded"},',
]


def test_script_and_style_lines_around_the_article_are_dropped_as_code() -> None:
    article = page(*SCRIPT_LINES[:2], TITLE, *PARAGRAPHS, *SCRIPT_LINES[2:])
    found = extract_from_text(article)
    assert found.paragraphs == PARAGRAPHS
    assert all(removed_reasons(found)[line] == REASON_CODE for line in SCRIPT_LINES)


def test_code_between_the_article_paragraphs_is_left_to_the_line_model() -> None:
    sample = "settings = {'debug': True}; app.run(host='0.0.0.0', port=8000)"
    found = extract_from_text(page(TITLE, *PARAGRAPHS[:3], sample, *PARAGRAPHS[3:]))
    assert removed_reasons(found).get(sample) != REASON_CODE


def test_wrapped_pieces_between_script_lines_are_code_too() -> None:
    pieces = ["function", "sticky-footer-bar p.oes-sticky-minimize", "button primary"]
    script = [SCRIPT_LINES[0], pieces[0], SCRIPT_LINES[1], pieces[1], pieces[2], SCRIPT_LINES[2]]
    found = extract_from_text(page(TITLE, *PARAGRAPHS, *script))
    assert found.paragraphs == PARAGRAPHS
    assert all(removed_reasons(found)[piece] == REASON_CODE for piece in pieces)


def test_the_language_is_read_from_the_prose_not_from_long_script_lines() -> None:
    minified = (
        "var e=t.prototype,n=function(t){return t&&t.constructor===Symbol?'symbol':typeof t},"
        "r=e.call(a,o,i);if(r)for(var s in r)a[s]=r[s];return a};H(i)?(e=i,n=this,o.forEach("
        "function(t){-1!==kt.indexOf(t.tagName)&&F(t,e,n)}),void i.forEach(function(t){a."
        "observe(t)}));this.loadAll(o)}},destroy:function(){this._observer&&this._observer."
        "disconnect(),Q(this)}"
    )
    found = extract_from_text(page(TITLE, PARAGRAPHS[0], *[minified] * 6, PARAGRAPHS[1]))
    assert found.language == "en"


def test_prose_with_a_semicolon_or_brackets_is_not_code() -> None:
    for line in (
        "The vote (eight to three) was close; the mayor said so at the meeting on Tuesday.",
        "Revenue rose to $4.5bn (up 12%); costs, the report said, fell to $3bn (down 2%).",
        'He called it "a disaster"; she said: "we will see", and left the room early.',
        "Score: Arsenal 2 (Saka 12', Rice 80'), Chelsea 1 (Palmer 45' pen).",
        "Referees: Benjamín Pineda(8), Víctor Ramírez(8); fourth official Adrián Chinchilla(7)",
        "================ Dear people of Europe, in Greece, Spain, Italy or where you live!",
        "1/2 Starch; 0 Fruit; 3 1/2 Other Carbohydrate; 0 Skim Milk; 0 Vegetable; 3 Fat",
    ):
        assert not L.looks_like_code(line), line
        assert forced_reason(line) is None


def test_template_lines_recur_across_pages_of_a_site() -> None:
    template = "Our journalism is funded by readers like you, and every contribution helps a lot."
    pages = [page("Home | News | Sport", f"Story number {i} is here.", template) for i in range(4)]
    found = find_template_lines(pages, min_pages=3)
    assert L.normalise(template) in found
    assert L.normalise("Home | News | Sport") in found
    assert L.normalise("Story number 1 is here.") not in found

    text = page(TITLE, *PARAGRAPHS[:3], template, *PARAGRAPHS[3:])
    assert template in extract_from_text(text).paragraphs  # prose-like: kept without templates
    result = extract_from_text(text, template_lines=found)
    assert template not in result.paragraphs
    assert removed_reasons(result)[template] == REASON_TEMPLATE


def test_template_line_that_is_the_title_stays_the_title() -> None:
    templates = frozenset({L.normalise(TITLE)})
    result = extract_from_text(page(TITLE, *PARAGRAPHS), template_lines=templates)
    assert result.title == TITLE


def test_title_hint_selects_the_matching_line() -> None:
    other = "Breaking News From Around The World"
    result = extract_from_text(page(other, TITLE, *PARAGRAPHS), title_hint=TITLE.upper())
    assert result.title == TITLE
    assert TITLE not in result.paragraphs
    assert extract_from_text(page(other, TITLE, *PARAGRAPHS), title_hint=other).title == other


def test_byline_date_and_site_are_read_and_their_lines_removed() -> None:
    text = page(
        "www.example-news.com 2007-11-24 16:23:08", TITLE, "By Jane Doe", *PARAGRAPHS, "Home"
    )
    result = extract_from_text(text)
    assert result.site == "www.example-news.com"
    assert result.published == "2007-11-24T16:23:08"
    assert result.byline == "Jane Doe"
    reasons = removed_reasons(result)
    assert reasons["By Jane Doe"] == "dateline/metadata"
    assert reasons["www.example-news.com 2007-11-24 16:23:08"] == "dateline/metadata"


def test_metadata_parsers() -> None:
    assert parse_date("Published: January 09, 2008") == "2008-01-09"
    assert parse_date("3 March 2019, 10:45") == "2019-03-03T10:45:00"
    assert parse_date("no date here") is None
    assert parse_byline("By LIZ AUSTIN PETERSON, Associated Press Writer") == "LIZ AUSTIN PETERSON"
    assert parse_byline("Jane Doe, Reuters") == "Jane Doe"
    assert parse_byline("Israel, Russia agree") is None
    assert parse_site("www.chinaview.cn 2007-11-24 16:23:08") == "www.chinaview.cn"
    assert parse_site("The story was first reported on example.com by local media.") is None


def test_empty_and_blank_pages() -> None:
    for text in ("", "\n\n  \n"):
        result = extract_from_text(text)
        assert (result.title, result.paragraphs, result.removed) == ("", [], [])


def test_token_multiset_scores_are_micro_averaged() -> None:
    assert tokens("The the CAT") == {"the": 2, "cat": 1}
    score = TokenScore()
    score.add("a b c d", "a b")  # 2 of 4 predicted are right, all gold found
    score.add("x", "x y z w")  # 1 of 1 right, 1 of 4 gold found
    assert (score.matched, score.predicted, score.gold) == (3, 5, 6)
    assert score.f1 == pytest.approx(prf(3, 5, 6)[2])
    assert prf(0, 0, 0) == (0.0, 0.0, 0.0)


def test_site_templates_only_group_pages_that_name_their_host() -> None:
    texts = [page("www.site-a.com 2008-01-01", f"Line {i}", "Shared footer line") for i in range(5)]
    texts.append(page("Shared footer line", "No host here"))
    templates = site_templates(texts, min_pages=3)
    assert all(L.normalise("Shared footer line") in t for t in templates[:5])
    assert templates[5] == frozenset()


def test_bench_run_scores_a_small_labelled_file(tmp_path: Path) -> None:
    text = page("Menu", TITLE, *PARAGRAPHS, "Copyright 2008 Example News")
    labels = [0, 1, 2, 2, 2, 2, 2, 0]
    (tmp_path / "boilerplate-dev.jsonl").write_text(
        json.dumps({"id": "p1", "text": text, "labels": labels}) + "\n", encoding="utf-8"
    )
    result = run(tmp_path, html=False)
    assert result["plaintext"]["boilerplate-dev"]["pages"] == 1
    assert result["plaintext"]["boilerplate-dev"]["f1"] == pytest.approx(1.0)


RECIPE_PAGE = page(
    "Home",
    "Recipes",
    "Shop",
    "Login",
    "Pumpkin pierogi with sage butter",
    "Boil the pumpkin until it is soft, mash it with the cheese and a little nutmeg, then fill "
    "each circle of dough with a spoonful and press the edges together firmly with a fork.",
    "Serve them hot with the browned sage butter and a little grated cheese on top of each plate.",
    "Rate this recipe",
    "Share",
    "Print",
    "Privacy",
    "Contact",
)


def doubtful_model(shift: float):
    """The shipped model made less sure of every line (its last stage's log-odds lowered by
    ``shift``), as it is on non-news pages (recipes, shops, forums) unlike the news it learned
    from."""
    model = load_line_model()
    name = "stage3" if model.stage3 is not None else "stage2"
    last = getattr(model, name)
    return dataclasses.replace(
        model, **{name: dataclasses.replace(last, intercept=last.intercept - shift)}
    )


@pytest.mark.parametrize(("shift", "kept_alone", "kept_with_fallback"), [(2.5, 1, 2), (3.0, 0, 2)])
def test_thin_page_keeps_its_best_run_of_prose(
    shift: float, kept_alone: int, kept_with_fallback: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = doubtful_model(shift)
    with_fallback = extract_from_text(RECIPE_PAGE, model=model).paragraphs
    monkeypatch.setattr(text_module, "THIN_PAGE_WORDS", 0)
    without = extract_from_text(RECIPE_PAGE, model=model).paragraphs
    prose = [p for p in non_empty_lines(RECIPE_PAGE) if len(p.split()) > 10]
    assert without == prose[:kept_alone]  # the doubtful model alone loses article text
    assert with_fallback == prose[:kept_with_fallback]  # the fallback recovers prose, no menu


def test_page_without_prose_stays_empty() -> None:
    menu = page("Home", "Recipes", "Shop", "Login", "Rate this recipe", "Share", "Privacy")
    assert extract_from_text(menu, model=doubtful_model(3.0)).paragraphs == []


def test_a_bare_comment_label_or_a_comment_count_opens_no_comment_section() -> None:
    """A table's "Comment" column, a "Comment" button and a stats list's "Comments:" over its
    count ("1664") sit inside pages: the article goes on after them."""
    assert not L.starts_comment_section("Comment")
    assert not L.starts_comment_section("Comment:")
    assert L.starts_comment_section("Comments")
    assert L.starts_comment_section("1 Comment")
    for label in (["Comment"], ["Comments:", "1664"]):
        result = extract_from_text(page(TITLE, *PARAGRAPHS[:3], *label, *PARAGRAPHS[3:]))
        assert result.paragraphs == PARAGRAPHS, label  # the label itself may go


def test_long_prose_above_a_subheading_taken_for_the_headline_stays() -> None:
    """On a long article, the prose right above a subheading taken for the headline is a small
    share of the words below it, yet more full sentences than any furniture holds: it stays. A
    short note goes, and so does long prose parted from it by dropped lines (a sidebar)."""
    subheading = "What the budget means for schools"
    below = [*PARAGRAPHS, *PARAGRAPHS[::-1]] * 2  # about 6 times the words above
    above = PARAGRAPHS[:4]  # 125 words of full sentences

    def run(lines: list[str], keep: list[bool] | None = None) -> list[str]:
        work = scored_page(lines, keep, title=subheading)
        text_module.drop_above_headline(work, headline_given=False)
        return [lines[i] for i in work.kept()]

    assert run([*above, subheading, *below]) == [*above, *below]
    assert run([PARAGRAPHS[0], subheading, *below]) == below
    menu = ["Home", "News", "Sport", "Search"]
    keep = [True] * 4 + [False] * 4 + [True] * (1 + len(below))
    assert run([*above, *menu, subheading, *below], keep) == below


REVIEW_PARAGRAPH = (
    "I once made the mistake of packing a summer quilt for an autumn night in the hills, and I "
    "spent most of it awake, wearing every layer I had brought and listening to the wind work at "
    "the tent. This bag fixed that for me: the hood cinches close without pressing on your face, "
    "the zip runs smoothly around the footbox, and the fill stays lofty after a week of being "
    "stuffed into a small sack every morning. It is heavier than the ultralight models above."
)
REVIEW_PAGE = page(
    "Home", "Reviews", "Search",
    "The Best Sleeping Bags for Every Trip",
    "By Jane Doe",
    "We tested twenty sleeping bags over two seasons in the mountains, in the desert and at the "
    "campsite behind the car.",
    "Trailhead Roomy 20", "$380 at Outfitters (Regular)",
    REVIEW_PARAGRAPH,
    "Valley Lite 45", "$89 at Outfitters",
    "The shell sheds light rain and dries quickly in the sun, which matters more than the fill on "
    "a damp morning when you want to pack up and go.",
    "© 2024 Outdoor Media. All rights reserved.",
)  # fmt: skip


class _DoubtsLongLines:
    """The shipped model, but scoring every line of 50+ words under its threshold (as it does
    to a review's long paragraphs between product boxes)."""

    def __init__(self) -> None:
        self.model = load_line_model()
        self.threshold = self.model.threshold

    def score(self, facts: list[L.LineFacts], stops: frozenset[str]) -> tuple:
        body, title = self.model.score(facts, stops)
        body = np.array([0.2 if f.n_words >= 50 else s for f, s in zip(facts, body, strict=True)])
        return body, title


def test_a_long_paragraph_between_kept_lines_stays_whatever_its_score() -> None:
    result = extract_from_text(REVIEW_PAGE, model=_DoubtsLongLines())
    assert REVIEW_PARAGRAPH in result.paragraphs
    assert result.paragraphs[0].startswith("We tested") and "Home" not in result.paragraphs
