"""The comparison reads each language's own words (issue 11): stop words, rarity, names,
negations and elisions, so sentences sharing only function words are not one fact."""

from __future__ import annotations

from pathlib import Path

from storylens.bench.compare_languages import LANGUAGES_FILE, load_pairs, run_languages
from storylens.compare import compare_articles, compare_story
from storylens.compare.judge import judge, may_relate, prepare, word_weight
from storylens.compare.storage import FactStore, fold_story
from storylens.models import Article, Page
from storylens.store import Store

# Written for these tests: two German sentences that share only function words and a verb.
AMBASSADOR = "Der Botschafter wies die Vorwürfe zurück und verteidigte den Einsatz der Armee."
OPPOSITION = (
    "Wenn die Opposition an die Macht käme, würde sie eine Regierung bilden, die das verteidigt."
)
FLOOD_A = "Nach tagelangem Regen ist die Donau in Passau über die Ufer getreten."
FLOOD_B = "In Passau hat die Donau nach starken Regenfällen die Altstadt überflutet."


def _article(aid: str, language: str, *sentences: str) -> Article:
    return Article(aid, aid, "", " ".join(sentences), language=language)


def test_german_function_words_are_stop_words_and_nouns_are_not_names() -> None:
    read = prepare(AMBASSADOR + " Präsident Maduro schwieg.", "de")
    assert not {"und", "die", "der", "den"} & set(read.content)
    assert "maduro" in read.names  # written across languages: a name
    assert not {"einsatz", "armee", "vorwürfe", "präsident"} & read.names  # German nouns
    assert read.language == "de"


def test_german_sentences_sharing_only_function_words_are_different() -> None:
    assert judge(prepare(AMBASSADOR, "de"), prepare(OPPOSITION, "de")).outcome == "different"
    assert not may_relate(prepare(AMBASSADOR, "de"), prepare(OPPOSITION, "de"))


def test_a_german_report_of_one_fact_in_other_words_is_still_related() -> None:
    assert judge(prepare(FLOOD_A, "de"), prepare(FLOOD_B, "de")).outcome != "different"


def test_close_forms_count_as_shared_outside_english() -> None:
    a = prepare("Duas aldeias foram evacuadas por precaução.", "pt")
    b = prepare("As autoridades evacuaram duas aldeias.", "pt")
    assert len(a.content_set & b.content_set) == 1  # aldeia; evacuadas / evacuaram differ
    assert may_relate(a, b)


def test_a_copied_sentence_of_few_everyday_words_is_still_the_same() -> None:
    for text in ("Das ist nicht gerade liberal.", "Wie oft fragen Sie?"):
        assert judge(prepare(text, "de"), prepare(text, "de")).outcome == "same"


def test_french_elisions_part_from_the_word_and_negations_are_read() -> None:
    read = prepare("Le ministre n'a pas exclu l'usage de l'article 49.3.", "fr")
    assert "usag" in read.content or "usage" in read.content
    assert "l" not in read.content and "n" not in read.content
    assert read.negated


def test_english_reads_as_before() -> None:
    text = "The minister didn't rule out l'article 49.3 in Paris on Tuesday."
    assert prepare(text) == prepare(text, "en") == prepare(text, "en-GB")
    assert word_weight("und") == word_weight("und", "en") > word_weight("und", "de")


def test_pairwise_comparison_of_german_articles_keeps_look_alikes_apart() -> None:
    a = _article("a", "de", FLOOD_A, AMBASSADOR)
    b = _article("b", "de", FLOOD_B, OPPOSITION)
    shared = {(s.a.text, s.b.text) for s in compare_articles([a, b]).shared}
    assert (AMBASSADOR, OPPOSITION) not in shared
    assert (FLOOD_A, FLOOD_B) in shared


def test_story_facts_of_german_articles_keep_look_alikes_apart() -> None:
    a = _article("a", "de", FLOOD_A, AMBASSADOR)
    b = _article("b", "de", FLOOD_B, OPPOSITION)
    shared = [f for f in compare_story([a, b]).facts if len(f.reports) > 1]
    assert [f.first.text for f in shared] == [FLOOD_A]


def test_stored_facts_are_read_again_in_their_articles_language(tmp_path: Path) -> None:
    a = _article("a", "de", FLOOD_A, AMBASSADOR)
    b = _article("b", "de", FLOOD_B, OPPOSITION)
    with Store(tmp_path / "s.db") as store:
        with store.transaction():
            for article in (a, b):
                store.add(Page(article.id, article.id, "text", article.body), article)
            fold_story(store, "s1", ["a"])
        index = FactStore(store).load("s1")
        assert {e.prepared.language for e in index.entries} == {"de"}
        assert store.languages_of(["a", "b", "missing"]) == {"a": "de", "b": "de"}
        index.add_article(b)
    shared = [e.fact for e in index.entries if len(e.fact.reports) > 1]
    assert [f.first.text for f in shared] == [FLOOD_A]


def test_language_bench_pairs_point_at_sentences_and_score_above_chance() -> None:
    pairs = load_pairs(LANGUAGES_FILE)
    assert {"de", "fr", "es", "it", "pl", "nl", "pt"} <= {p["language"] for p in pairs}
    for pair in pairs:
        for i, j, label, *_ in pair["labels"]:
            assert 0 <= i < len(pair["a"]) and 0 <= j < len(pair["b"])
            assert label in {"same", "partial", "conflict"}
    scores = run_languages()["all"]
    assert scores["story_facts"]["precision"] >= 0.9  # was 0.93 only on these short pairs
    assert scores["article_pair"]["precision"] >= 0.8  # was 0.56 (function words shared)


def test_spelled_out_numbers_are_figures_and_a_shared_figure_counts() -> None:
    a = prepare("Plus de 600 naissances y ont été enregistrées l'an dernier.", "fr")
    b = prepare("L'an passé, on y a compté plus de 600 naissances.", "fr")
    assert may_relate(a, b)  # naissances and 600: the stems alone share one word
    assert prepare("Il ne reste que deux obstétriciens.", "fr").numbers == {"2"}
    assert prepare("Sie kamen zu zweit, nicht zu drei.", "de").numbers == {"3"}


def test_one_differing_count_among_agreeing_ones_is_a_conflict() -> None:
    from storylens.compare.conflicts import find_clashes

    a = "Trois personnes ont été tuées et huit autres blessées, selon les pompiers."
    b = "Selon les pompiers, quatre personnes ont été tuées et huit blessées."
    assert [(c.kind, c.a_text, c.b_text) for c in find_clashes(a, b)] == [
        ("number", "Trois", "quatre")
    ]
    same = "Selon les pompiers, trois personnes ont été tuées et huit blessées."
    assert find_clashes(a, same) == []
