"""Speakers of quotations in Chinese and Japanese (no spaces between words) and Korean.

The token-based rules of :mod:`storylens.compare.quote_attribution` need words between spaces
and capitalised names; Chinese and Japanese have neither. Attribution there has fixed shapes
around a small set of cue words, read here on characters:

- Chinese: ``王毅表示：“……”`` / ``外交部发言人华春莹3日在例行记者会上说，“……”`` (the speaker
  opens the clause that ends in a cue verb and a colon or comma) and ``“……”，李强说。`` (the
  speaker sits between the closing mark and the cue verb).
- Japanese: ``岸田首相は記者団に「……」と述べた`` (the topic before は/が, with the cue
  ``と述べた`` after the quotation) and ``「……」と岸田首相は語った``.

- Korean: ``윤석열 대통령은 “……”라고 말했다`` (the topic, marked by 은/는/이/가, opens the
  sentence; the cue ``라고 말했다`` follows the quotation) and ``“……”라고 김 장관은 밝혔다``.
  Korean separates words with spaces but does not capitalise names, so it needs these shapes
  too.

Time words (``3日``, ``昨天``), places of speaking (``在记者会上``) and "to reporters"
(``对记者``, ``記者団に``) are trimmed from the speaker; a pronoun (他, 她, 彼女) is the speaker of
the quotation just before.
"""

from __future__ import annotations

import re

_ZH_CUES = (
    "表示", "说道", "說道", "说", "說", "称", "稱", "指出", "强调", "強調", "认为", "認為",
    "介绍", "介紹", "透露", "坦言", "回应", "回應", "宣布", "写道", "寫道", "问道", "問道",
    "解释", "解釋", "补充", "補充", "警告", "呼吁", "呼籲", "承认", "承認", "告诉记者",
    "告訴記者", "直言", "坦承", "感叹", "感嘆", "回答", "答道", "提到", "声称", "聲稱",
)  # fmt: skip
_JA_CUES = (
    "述べ", "語っ", "語る", "話し", "話す", "強調し", "説明し", "明らかにし", "指摘し", "訴え",
    "発表し", "書い", "答え", "批判し", "主張し", "コメントし", "表明し", "言っ", "言う",
    "明かし", "呼びかけ", "強調する", "述べる", "振り返っ", "打ち明け", "意気込ん", "話した",
)  # fmt: skip
_KO_CUES = (
    "말했다", "밝혔다", "강조했다", "설명했다", "덧붙였다", "주장했다", "전했다", "지적했다",
    "말했습니다", "밝혔습니다", "강조했습니다", "말한다", "밝힌다", "언급했다", "답했다",
    "비판했다", "호소했다", "경고했다", "촉구했다", "털어놨다", "말하기도 했다",
)  # fmt: skip
_KO_CUE = "|".join(sorted(map(re.escape, _KO_CUES), key=len, reverse=True))
_KO_PHRASE = r"[^\s“”\"'‘’,.]{1,12}(?:\s[^\s“”\"'‘’,.]{1,8}){0,2}?"
"""A Korean name with up to two more words (``윤석열 대통령``, ``김 장관``)."""
_KO_ROLE = re.compile(
    r"(?:대통령|장관|총리|부총리|대표|의원|위원장|대변인|교수|시장|지사|회장|사장|감독|선수|청장"
    r"|원장|총장|국장|차관|대사|의장|소장|연구원|변호사|총재|부회장|이사장|수석|비서관|기자)$"
)
"""Role words after a Korean name (``윤석열 대통령``): dropped, as English drops ``President``
before a name."""
_ZH_CUE = "|".join(sorted(map(re.escape, _ZH_CUES), key=len, reverse=True))
_JA_CUE = "|".join(sorted(map(re.escape, _JA_CUES), key=len, reverse=True))

_OPEN = '“「『"‘'
_BRACKETED_LATIN = re.compile(r"\s*[（(][A-Za-z][^()（）\n]{0,40}[)）]")
"""A foreign name's original after its transcription (``丹尼尔·霍特(Daniel Huot)``): dropped,
so the cue right after stays next to the name."""
_NAME_DOT = "·・•?"
_TRANSLITERATED = re.compile(
    "[\u4e00-\u9fff]{1,6}[" + re.escape(_NAME_DOT) + "]"
    "(?:[\u4e00-\u9fff]{1,6}(?=\\s*[（(][A-Za-z])|[\u4e00-\u9fff]{1,3})"
)
"""A transcribed foreign name, its parts joined by a middle dot (``戴夫·汉森``; a ``?`` where the
page lost the dot)."""
_CLOSE = '”」』"’'
_CLAUSE_BREAK = "，,、；;。！？!?\n：:"
_SENTENCE_BREAK = "。！？!?\n"
MAX_SPEAKER_CHARS = 20
"""A speaker phrase longer than this is a clause, not a name or a role with a name."""

_ZH_TRIM = re.compile(
    r"(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})(?:日|号|號)"
    r"|今天|昨天|昨日|前天|今日|周[一二三四五六日]|週[一二三四五六日]|星期[一二三四五六日天]"
    r"|上午|下午|晚间|晚間|早些时候|早些時候|当天|當天|此前|随后|隨後|还|還|也|则|則|又|更|曾|并|並"
    r"|同时|同時|随即|隨即|赛后|賽後|会后|會後|事后|事後|当时|當時|最后|最後|此外|对此|對此"
    r"|在[^，,。]{1,16}?(?:上|中|时|時|里|裡|表示)"
    r"|接受[^，,。]{1,12}?(?:采访|採訪)时?"
    r"|(?:对|對|向)(?:记者|記者|媒体|媒體|本报|本報|[^，,。]{1,8}?)"
    r")+$"
)
_JA_TRIM = re.compile(r"(?:\d{1,2}日|[^、。]{0,12}(?:に対し|に|で))+$")
_ZH_ROLES = (
    "发言人", "發言人", "部长", "部長", "市长", "市長", "队长", "隊長", "教授", "董事长", "董事長",
    "总裁", "總裁", "秘书长", "秘書長", "主席", "总统", "總統", "总理", "總理", "局长", "局長",
    "主任", "经理", "經理", "院长", "院長", "校长", "校長", "书记", "書記", "大使", "省长", "省長",
    "县长", "縣長", "委员", "委員", "代表", "专家", "專家", "首相", "议员", "議員", "官员", "官員",
    "负责人", "負責人", "研究员", "研究員", "分析师", "分析師", "创始人", "創辦人", "理事长",
    "理事長", "会长", "會長", "外长", "外長", "总干事", "總幹事", "总监", "總監", "医生", "醫生",
    "律师", "律師", "主教练", "總教練", "教练", "教練", "球员", "球員", "选手", "選手", "警官",
    "司令", "将军", "將軍", "议长", "議長", "厅长", "廳長", "处长", "處長", "行长", "行長",
)  # fmt: skip
_ZH_ROLE = re.compile(
    "(?:" + "|".join(sorted(map(re.escape, _ZH_ROLES), key=len, reverse=True)) + ")"
)
_CUE_SUBJECT = re.compile(
    rf"(?:^|[{re.escape(_CLAUSE_BREAK)}])\s*"
    rf"([^{re.escape(_CLAUSE_BREAK + _OPEN + _CLOSE)}]{{2,4}}?)"
    rf"(?:{_BRACKETED_LATIN.pattern})?(?:{_ZH_CUE})"
)
"""A short subject right before a Chinese speech cue (``汉森认为``), at a clause's start."""
NAME_CHARS = (2, 8)
"""A name after a role word (``发言人华春莹``) is this many characters long."""
TRANSLITERATED_EXTRA = 5
"""A transcribed foreign name with a middle dot (``斯蒂芬妮·席尔霍尔茨``) may be this much
longer."""
JA_NAME_AND_ROLE_CHARS = 4
"""After の, a name with its role (``植田和男総裁``) is at least this long; a bare role
(``気象庁の担当者``) keeps its organisation."""
_NOT_A_PERSON = ("它", "牠")
"""Chinese "it": a subject that starts with it is a thing or an animal, not a speaker."""
_PRONOUNS = frozenset({
    "他", "她", "他们", "她们", "他們", "她們", "彼", "彼女", "同氏", "氏", "그", "그녀", "그들",
})  # fmt: skip


class CjkAttributor:
    """The speaker finder for one Chinese or Japanese article body."""

    def __init__(self, body: str, language: str) -> None:
        self.body = body
        self.language = language
        self.recent: str | None = None
        self.last_end = 0

    def speaker(self, start: int, end: int, paragraph_start: int) -> tuple[str | None, str | None]:
        """(speaker, cue) of the quotation at [start, end)."""
        read = {"zh": self._chinese, "ja": self._japanese, "ko": self._korean}[self.language]
        who, cue = read(start, end, paragraph_start)
        if who in _PRONOUNS:
            named = self._named_in_narration(start) if self.language == "zh" else None
            who = named or self.recent
        if who and who not in _PRONOUNS:
            self.recent = who
        self.last_end = max(self.last_end, end)
        return who, cue

    def _named_in_narration(self, start: int) -> str | None:
        """The person the narration since the previous quotation last names: a pronoun
        (``他说：“……”``) refers to them before the last quoted speaker. Named as the subject of a
        cue (``汉森认为，……``) or as a transliterated name (``戴夫·汉森（Dave Hanson）研究……``)."""
        if start <= self.last_end:
            return None
        text = self.body[self.last_end : start]
        found: list[tuple[int, str]] = []
        for m in _CUE_SUBJECT.finditer(text):
            name = _clean(_ZH_TRIM.sub("", m.group(1)))
            if name and name[0] not in "他她它我你":  # 他进一步指出: no name
                found.append((m.start(1), name))
        for m in _TRANSLITERATED.finditer(text):
            found.append((m.start(), _person_part(m.group(0))))
        return max(found)[1] if found else None

    def _sentence_before(self, paragraph_start: int, start: int) -> str:
        head = self.body[paragraph_start:start]
        cut = max(head.rfind(c) for c in _SENTENCE_BREAK)
        return head[cut + 1 :]

    def _sentence_after(self, end: int) -> str:
        tail = self.body[end : end + 200]
        cut = min((i for i in (tail.find(c) for c in _SENTENCE_BREAK) if i >= 0), default=-1)
        return tail if cut < 0 else tail[: cut + 1]

    def _chinese(self, start: int, end: int, paragraph_start: int) -> tuple[str | None, str | None]:
        before = _BRACKETED_LATIN.sub("", self._sentence_before(paragraph_start, start))
        lead = re.search(rf"({_ZH_CUE})(?:说|說)?[道着著]?\s*[：:，,]?\s*$", before)
        if lead:
            clause = _last_clause(before[: lead.start()])
            return _clean(_ZH_TRIM.sub("", clause)), lead.group(1)
        opening = re.match(
            rf"\s*([^{re.escape(_CLAUSE_BREAK + _OPEN + _CLOSE)}]{{1,20}}?)"
            rf"({_ZH_CUE})(?:说|說)?[道着著]?\s*[，,：:]",
            before,
        )
        if opening:  # 席尔霍尔茨补充说，在测试中使用雪利酒“……”: a partial quote in indirect speech
            return _clean(_ZH_TRIM.sub("", opening.group(1))), opening.group(2)
        after = self._sentence_after(end)
        tail = re.match(
            rf"\s*[，,]?\s*([^{re.escape(_CLAUSE_BREAK + _OPEN)}]{{1,30}}?)({_ZH_CUE})", after
        )
        if tail:
            return _clean(_ZH_TRIM.sub("", tail.group(1))), tail.group(2)
        return None, None

    def _next_sentence_cue(self, end: int) -> tuple[str | None, str | None]:
        """``「……」。山田氏は支持者を前にこう訴えた。``: the quotation is its own sentence and the
        next one attributes it with こう (\"thus\") and a cue."""
        nxt = self.body[end : end + 120]
        match = re.match(
            rf"\s*。?\s*([^、。「」]{{1,24}}?)(?:は|が)[^。「」]{{0,24}}?こう(?:{_JA_CUE})", nxt
        )
        return (_clean(match.group(1)), "こう") if match else (None, None)

    def _japanese(
        self, start: int, end: int, paragraph_start: int
    ) -> tuple[str | None, str | None]:
        after = self._sentence_after(end)
        cue = re.match(
            rf"\s*と(?:、)?([^{re.escape(_SENTENCE_BREAK + _OPEN)}]{{0,30}}?)({_JA_CUE})", after
        )
        if not cue:
            return self._next_sentence_cue(end)
        inverted = re.match(r"([^、。]{1,20}?)(?:は|が)", cue.group(1))
        if inverted:
            return _clean(inverted.group(1)), cue.group(2)
        before = self._sentence_before(paragraph_start, start)
        topic = re.search(r"([^、。「」『』]{1,24}?)(?:は|が)(?=[^「」『』]*$)", before)
        if topic:
            return _clean(topic.group(1)), cue.group(2)
        return None, None

    def _korean(self, start: int, end: int, paragraph_start: int) -> tuple[str | None, str | None]:
        """``윤석열 대통령은 “……”라고 말했다`` and ``“……”라고 김 장관은 밝혔다``: the cue follows
        the quotation (``라고``/``고`` + verb); the speaker is the topic or subject, marked by a
        particle (은/는/이/가), after the quotation when inverted, else opening the sentence."""
        after = self._sentence_after(end)
        cue = re.match(rf"\s*(?:이?라고|고|며|면서)\s*(.{{0,40}}?)({_KO_CUE})", after)
        if not cue:
            return None, None
        inverted = re.search(rf"({_KO_PHRASE})(?:은|는|이|가)\s", cue.group(1) + " ")
        if inverted:
            return _korean_name(inverted.group(1)), cue.group(2)
        before = self._sentence_before(paragraph_start, start)
        topic = re.match(rf"\s*({_KO_PHRASE})(?:은|는|이|가)\s", before)
        if topic:
            return _korean_name(topic.group(1)), cue.group(2)
        return None, None


def _korean_name(phrase: str) -> str | None:
    """The name in ``윤석열 대통령`` and ``한국은행 이창용 총재``: before a role word stands the
    name, one word, and before it the organisation, dropped. Without a role word the phrase
    stays whole (``서울시 관계자``: an unnamed source)."""
    words = phrase.split()
    if len(words) >= 2 and _KO_ROLE.search(words[-1]):
        return _clean(words[-2])
    return _clean(" ".join(words))


def _last_clause(text: str) -> str:
    """The clause that ends where the cue starts (after the last comma or colon)."""
    cut = max(text.rfind(c) for c in _CLAUSE_BREAK + _CLOSE)
    return text[cut + 1 :]


def _clean(phrase: str) -> str | None:
    """A speaker phrase without surrounding marks, or None when it cannot be a speaker. An
    organisation before the person (``日銀の植田和男総裁``, ``北京大学经济学教授刘伟``) is
    dropped, as the English rules drop ``Bundeskanzlerin`` before ``Anna Vogt``."""
    phrase = _JA_TRIM.sub("", phrase).strip(" \u3000" + _OPEN + _CLOSE)
    if not phrase or phrase.isdigit() or phrase.startswith(_NOT_A_PERSON):
        return None  # 它可以回答“……”: "it" (a program, an animal) answers, nobody speaks
    person = _person_part(phrase)  # a long clause may end in a role and a name
    return person if len(person) <= MAX_SPEAKER_CHARS else None


def _person_part(phrase: str) -> str:
    """The name after the last role word (Chinese puts the role first) or after the last
    possessive の (Japanese: ``東京都の小池百合子知事``), when what is left is name-sized."""
    head, _, rest = phrase.rpartition("の")
    if head and len(rest) >= JA_NAME_AND_ROLE_CHARS:
        phrase = rest
    roles = list(_ZH_ROLE.finditer(phrase))
    if roles:
        rest = phrase[roles[-1].end() :]
        longest = NAME_CHARS[1] + (TRANSLITERATED_EXTRA if set(rest) & set(_NAME_DOT) else 0)
        if NAME_CHARS[0] <= len(rest) <= longest:
            return rest
    return phrase


def cjk_attributor(body: str, language: str | None) -> CjkAttributor | None:
    """The speaker finder for Chinese (``zh``), Japanese (``ja``) and Korean (``ko``)
    articles, else None."""
    return CjkAttributor(body, language) if language in ("zh", "ja", "ko") else None
