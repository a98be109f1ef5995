"""Awkward pages: scripts without spaces, right-to-left scripts, mixed languages, pages that are
only navigation, dumps without line breaks. Each gives a sensible article or a clear
"no article found" in ``removed``; none crashes."""

from __future__ import annotations

from storylens.bench.metrics import tokens
from storylens.extract import NO_ARTICLE_REASON, extract_page
from storylens.extract.layout import page_lines
from storylens.models import Article, Page

CHINESE = [
    "国家气象局星期二发布暴雨红色预警，预计未来三天南方多个省份将出现持续强降雨，部分地区降雨量可能"
    "突破历史纪录，有关部门已经启动应急预案。",
    "据当地政府介绍，截至今天上午，已有超过两万名居民被转移到安全地带，学校和工厂暂时停课停工，"
    "铁路部门也取消了部分列车。",
    "气象专家表示，今年的雨季比往年来得更早，强度也更大，这与海洋温度偏高有一定关系，公众应当密切"
    "关注最新的天气预报。",
    "救援人员正在受灾最严重的村庄开展搜救工作，目前尚无人员伤亡的报告，但交通和电力供应受到了严重"
    "影响。",
]
CHINESE_MENU = ["首页", "新闻", "体育", "财经", "娱乐", "登录", "注册"]
JAPANESE = [
    "気象庁は火曜日、九州地方に大雨特別警報を発表し、住民に対して直ちに命を守る行動をとるよう"
    "呼びかけました。",
    "地元の自治体によりますと、これまでに二万人以上の住民が避難所に移動しており、学校や工場は"
    "臨時休業となっています。",
    "専門家は、今年の梅雨は例年より早く始まり、雨の量も多くなっていると指摘し、引き続き最新の"
    "気象情報に注意するよう求めています。",
]
JAPANESE_MENU = ["ホーム", "ニュース", "スポーツ", "経済", "ログイン"]
ARABIC = [
    "أعلنت وزارة الصحة يوم الثلاثاء عن افتتاح مستشفى جديد في العاصمة، وقالت إنه سيستقبل "
    "أكثر من ألف مريض يوميا بعد اكتمال جميع الأقسام.",
    "وقال الوزير في مؤتمر صحفي إن المستشفى يضم أحدث الأجهزة الطبية، وإن الحكومة خصصت "
    "ميزانية إضافية لتدريب الأطباء والممرضين الجدد.",
    "وأضاف أن المشروع استغرق ثلاث سنوات من العمل المتواصل، وأن افتتاحه يأتي في إطار خطة "
    "وطنية لتحسين الخدمات الصحية في جميع المحافظات.",
]
ARABIC_MENU = ["الرئيسية", "أخبار", "رياضة", "اقتصاد", "تسجيل الدخول"]
GERMAN = [
    "Der Stadtrat hat am Dienstagabend nach langer Debatte den Bau einer neuen Straßenbahnlinie "
    "beschlossen, die den Norden der Stadt mit dem Hauptbahnhof verbinden soll.",
    "Die Kosten werden auf rund 240 Millionen Euro geschätzt, von denen der Bund und das Land den "
    "größten Teil übernehmen wollen, wie der Oberbürgermeister sagte.",
    "Kritiker bemängeln, dass während der Bauzeit von mindestens vier Jahren zahlreiche Straßen "
    "gesperrt werden müssen und der Einzelhandel unter den Baustellen leiden werde.",
]
ENGLISH_MENU = ["Home", "News", "Sport", "Business", "Sign in", "Subscribe"]


def text_page(lines: list[str], name: str = "page") -> Page:
    return Page(id=name, origin=f"{name}.txt", kind="text", content="\n".join(lines) + "\n")


def recall(body: str, gold: list[str]) -> float:
    found, wanted = tokens(body), tokens("\n".join(gold))
    return sum((found & wanted).values()) / sum(wanted.values())


def assert_article(article: Article, gold: list[str], menu: list[str]) -> None:
    assert recall(article.body, gold) >= 0.8, article.body
    assert not set(article.paragraphs) & set(menu), article.paragraphs


def test_chinese_page_keeps_its_paragraphs() -> None:
    article = extract_page(text_page([*CHINESE_MENU, "南方多省迎来强降雨", *CHINESE, "版权所有"]))
    assert_article(article, CHINESE, CHINESE_MENU)
    assert article.language == "zh"


def test_japanese_page_keeps_its_paragraphs() -> None:
    article = extract_page(text_page([*JAPANESE_MENU, "九州で大雨特別警報", *JAPANESE]))
    assert_article(article, JAPANESE, JAPANESE_MENU)
    assert article.language == "ja"


def test_right_to_left_page_keeps_its_paragraphs() -> None:
    article = extract_page(text_page([*ARABIC_MENU, "افتتاح مستشفى جديد في العاصمة", *ARABIC]))
    assert_article(article, ARABIC, ARABIC_MENU)
    assert article.language == "ar"


def test_mixed_language_page_keeps_the_article_in_its_own_language() -> None:
    """English site furniture around a German article, with an English quote inside it."""
    quote = "„We are very happy with this decision“, said a spokesman of the regional government."
    body = [GERMAN[0], quote, *GERMAN[1:]]
    lines = [*ENGLISH_MENU, "Neue Straßenbahnlinie beschlossen", *body, "Most read", "Contact us"]
    article = extract_page(text_page(lines))
    assert_article(article, body, ENGLISH_MENU)
    assert article.language == "de"


def test_navigation_only_page_says_no_article_found() -> None:
    lines = [*ENGLISH_MENU, "World", "Politics", "Weather", "Contact us", "Privacy policy"]
    article = extract_page(text_page(lines))
    assert article.body == ""
    assert any(r.reason == NO_ARTICLE_REASON for r in article.removed)


def test_empty_page_says_no_article_found() -> None:
    article = extract_page(text_page([]))
    assert article.body == "" and article.removed[-1].reason == NO_ARTICLE_REASON


def test_dump_without_line_breaks_is_cut_into_sentences() -> None:
    english = [
        "The city council approved a new tram line on Tuesday after a debate that lasted more "
        "than six hours and divided the governing coalition.",
        "The line will connect the northern suburbs with the main railway station and is "
        "expected to carry forty thousand passengers a day.",
        "Construction is due to start next spring and will take at least four years, the mayor "
        "told reporters after the vote.",
        "Shop owners along the planned route fear that years of roadworks will drive customers "
        "away, and they have asked the city for compensation.",
        "The council said it would set up a fund for affected businesses and publish a detailed "
        "timetable of the works before the end of the year.",
    ]
    one_line = " ".join(["Home News Sport Sign in", *english, "© 2026 Example News"])
    assert len(page_lines(one_line)) > 3
    article = extract_page(text_page([one_line]))
    assert recall(article.body, english) >= 0.8


def test_hard_wrapped_dump_is_rejoined_into_paragraphs() -> None:
    paragraph = " ".join(GERMAN)
    wrapped, line = [], ""
    for word in paragraph.split():
        if len(line) + 1 + len(word) > 72:
            wrapped.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    wrapped.append(line)
    assert page_lines("\n".join(["Home", "", *wrapped, "", "Kontakt"])) == [
        "Home",
        paragraph,
        "Kontakt",
    ]


def test_html_pages_in_other_scripts_do_not_crash() -> None:
    for paragraphs in (CHINESE, JAPANESE, ARABIC):
        html = "<html><body><nav>x</nav><article>" + "".join(
            f"<p>{p}</p>" for p in paragraphs
        ) + "</article></body></html>"
        page = Page(id="h", origin="h.html", kind="html", content=html)
        article = extract_page(page)
        assert recall(article.body, paragraphs) >= 0.8
