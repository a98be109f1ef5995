"""One definition of scripts written without spaces and of word counts, for every stage."""

from __future__ import annotations

import re

from storylens.compare.quote_languages import written_without_spaces
from storylens.compare.text import words
from storylens.extract import lines
from storylens.writing import CHINESE_JAPANESE, WITHOUT_SPACES, token_count, word_count


def test_word_count_counts_letter_runs_token_count_whitespace_tokens() -> None:
    text = "the actress's rep — 33-year-old"
    assert word_count(text) == 7  # the actress s rep 33 year old
    assert token_count(text) == 5  # the actress's rep — 33-year-old


def test_chinese_counts_one_word_per_two_characters_in_both() -> None:
    assert word_count("发生地震") == 2 and token_count("发生地震") == 2
    assert word_count("a b c") == 3 and token_count("a b c") == 3


def test_iteration_mark_belongs_to_the_japanese_run() -> None:
    # 々 repeats the character before it (人々): seven characters of Japanese, three words;
    # it used to be counted as a separate spaced word by extraction
    assert word_count("人々が集まった") == 3


def test_korean_is_spaced_for_words_and_paired_for_tokens() -> None:
    assert word_count("정부가 발표했다") == 2
    assert token_count("정부가 발표했다") == 4  # 정부/가, 발표/했다: as comparison reads it


def test_stages_share_the_character_classes() -> None:
    compat_han = "\uf900\uf901"  # compatibility ideographs are Han in every stage
    assert re.fullmatch(f"[{WITHOUT_SPACES}]+", compat_han)
    assert lines.words(compat_han) == list(compat_han)
    assert written_without_spaces(compat_han)
    assert words("地震发生") == ["地震", "震发", "发生"]
    assert re.fullmatch(f"[{CHINESE_JAPANESE}]+", "ひらがなカタカナ漢字")
