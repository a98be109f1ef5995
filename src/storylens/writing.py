"""Writing systems every stage meets: the character classes of scripts written without spaces
between words, and word counts that hold for them.

One place for the Unicode ranges, so extraction (line features, wrapped-line joining, the
"too little text" test) and comparison (character pairs, the copied-words threshold, quote
lengths) agree on what Chinese, Japanese or Thai text is. Each is a regex character-class body
(``f"[{HAN}]"``). No imports from the stages: any stage can use it.
"""

from __future__ import annotations

import re

THAI = "\u0e00-\u0e7f"
LAO = "\u0e80-\u0eff"
MYANMAR = "\u1000-\u109f"
ITERATION_MARK = "\u3005"
"""々: repeats the Han character before it (人々), part of the word."""
HIRAGANA = "\u3040-\u309f"
KATAKANA = "\u30a0-\u30ff"
KANA = HIRAGANA + KATAKANA
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
"""Chinese characters: extension A, the unified block and the compatibility ideographs."""
HANGUL = "\uac00-\ud7af"
"""Korean syllables. Korean puts spaces between words, so it is not in :data:`WITHOUT_SPACES`."""

CHINESE_JAPANESE = KANA + HAN
WITHOUT_SPACES = THAI + LAO + MYANMAR + ITERATION_MARK + CHINESE_JAPANESE
"""Scripts that write a sentence without spaces between its words."""

UNSPACED_CHAR_RE = re.compile(f"[{WITHOUT_SPACES}]")
"""One character of a script written without spaces."""
_PAIRED_RUN = re.compile(f"[{WITHOUT_SPACES}{HANGUL}]+")
_WORD = re.compile(r"\w+")


def word_count(text: str) -> int:
    """Words of a text, as runs of letters and digits ("family's" is two, "33-year-old" three);
    in a script without spaces about two characters make a word (a typical Chinese or Japanese
    word length), so a paragraph of Chinese is about as long as its English."""
    unspaced = len(UNSPACED_CHAR_RE.findall(text))
    spaced = UNSPACED_CHAR_RE.sub(" ", text) if unspaced else text
    return len(_WORD.findall(spaced)) + unspaced // 2


def token_count(text: str) -> int:
    """Whitespace-separated tokens of a text ("family's", "33-year-old" and a lone dash are one
    each): ``len(text.split())`` for text without runs of a script without spaces or of Korean
    syllables, each of which counts one token per two characters (a lone character is one), as
    comparison reads such runs by character pairs."""
    runs = _PAIRED_RUN.findall(text)
    if not runs:
        return len(text.split())
    return len(_PAIRED_RUN.sub(" ", text).split()) + sum((len(run) + 1) // 2 for run in runs)
