"""Comparison of scripts written without spaces (Chinese, Japanese): issue 11."""

from __future__ import annotations

from storylens.bench.compare_languages import load_pairs
from storylens.compare import compare_story
from storylens.compare.conflicts import cjk_number, find_clashes
from storylens.compare.judge import judge, judge_tokens, prepare
from storylens.compare.text import char_bigrams, content_stems, words
from storylens.models import Article
from storylens.writing import token_count

QUAKE = "四川省雅安市周二凌晨发生6.1级地震，震源深度17公里。"
TOLL_12 = "当地官员说，地震已造成12人死亡，另有80多人受伤。"
TOLL_15 = "当地官员说，地震已造成15人死亡，另有80多人受伤。"
UNRELATED = "日本首相周一宣布将从明年起提高消费税。"


def _article(aid: str, *sentences: str) -> Article:
    return Article(aid, aid, "", "".join(sentences), language="zh")


def test_identical_chinese_sentences_are_same() -> None:
    verdict = judge(prepare(QUAKE), prepare(QUAKE))
    assert verdict.outcome == "same"
    assert prepare(QUAKE).content  # content "words" exist: the facts index can hold the sentence


def test_unrelated_chinese_sentences_are_different() -> None:
    assert judge(prepare(QUAKE), prepare(UNRELATED)).outcome == "different"


def test_chinese_story_facts_align_same_and_flag_a_changed_number() -> None:
    a = _article("a", QUAKE, TOLL_12, UNRELATED)
    b = _article("b", QUAKE, TOLL_15)
    facts = compare_story([a, b]).facts
    shared = [f for f in facts if {r.article_id for r in f.reports} == {"a", "b"}]
    assert sorted(f.first.text for f in shared) == sorted([QUAKE, TOLL_12])
    toll = next(f for f in shared if f.first.text == TOLL_12)
    later = toll.reports[1]
    assert later.relation == "conflict"
    assert [(c.kind, c.first_text, c.text) for c in later.conflicts] == [("number", "12", "15")]
    alone = [f for f in facts if f.first.text == UNRELATED]
    assert len(alone) == 1 and alone[0].article_ids == ["a"]  # not aligned with anything


def test_japanese_figures_with_myriad_units_clash() -> None:
    a = "世界販売台数は980万台を見込んでいる。"
    b = "世界での販売台数は1050万台を見込む。"
    clashes = find_clashes(a, b)
    assert [(c.kind, c.a_text, c.b_text) for c in clashes] == [("number", "980万", "1050万")]
    assert find_clashes(a, a.replace("980万", "9800000")) == []  # one figure written two ways


def test_chinese_numerals_clash_and_dates_are_dates() -> None:
    clashes = find_clashes("事故造成六人死亡，二十多人受伤。", "事故造成八人死亡，二十多人受伤。")
    assert [(c.kind, c.a_text, c.b_text) for c in clashes] == [("number", "六", "八")]
    dated = find_clashes("会议将于3月举行。", "会议将于5月举行。")
    assert [c.kind for c in dated] == ["date"]


def test_cjk_number_values() -> None:
    assert cjk_number("三万五千") == "35000"
    assert cjk_number("十五") == "15"
    assert cjk_number("一亿二千万") == "120000000"
    assert cjk_number("1.5亿") == "150000000"
    assert cjk_number("二〇二三") == "2023"
    assert cjk_number("万人") is None


def test_unspaced_runs_become_character_pairs_and_english_is_untouched() -> None:
    assert char_bigrams("地震") == ["地震"]
    assert char_bigrams("发生地震") == ["发生", "生地", "地震"]
    assert char_bigrams("震") == ["震"]
    assert words("東京で3人") == ["東京", "京で", "3", "人"]
    assert "地震" in content_stems("发生地震")
    english = "The U.S. Senate's vote, 52-48, wasn't close: 3.5% of 1,000 voters."
    assert judge_tokens(english) == [
        "The", "U", ".", "S", ".", "Senate's", "vote", ",", "52", "-", "48", ",", "wasn't",
        "close", ":", "3.5%", "of", "1,000", "voters", ".",
    ]  # fmt: skip


def test_other_alphabets_are_words_not_letters() -> None:
    tokens = judge_tokens("Москва объявила о новых мерах.")
    assert tokens[:2] == ["Москва", "объявила"]
    assert judge(prepare("Москва объявила о новых мерах."),
                 prepare("Москва объявила о новых мерах.")).outcome == "same"  # fmt: skip


def test_cjk_bench_labels_point_at_sentences() -> None:
    pairs = load_pairs()
    assert {p["language"] for p in pairs} == {"zh", "ja"}
    for pair in pairs:
        for i, j, label, *_ in pair["labels"]:
            assert 0 <= i < len(pair["a"]) and 0 <= j < len(pair["b"])
            assert label in {"same", "partial", "conflict"}


def test_copied_chinese_passages_count_as_reuse() -> None:
    from storylens.compare import compare_articles

    copied = [QUAKE, TOLL_12, "救援人员正在倒塌的房屋中搜寻幸存者。"]
    a = _article("a", *copied, UNRELATED)
    b = _article("b", *copied)
    comparison = compare_articles([a, b])
    assert len(comparison.shared) == 3
    assert comparison.reuse  # ~50 characters copied: well over the 12-word floor
    assert token_count("发生地震") == 2 and token_count("a b c") == 3
