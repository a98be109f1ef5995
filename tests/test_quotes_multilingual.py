"""Quotations in languages other than English: marks, cue tables, names, robustness.

Each test names what breaks it: a quotation mark convention dropped from ``MARKS``, a cue verb
or ``according to`` word dropped from a language's table, the German role-noun stripping, or
the language not reaching the quote finder from ``Article.language``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from storylens.bench.quotes_multilingual import baseline_quotes, run_quotes_multilingual
from storylens.cli.main import cli
from storylens.compare import article_quotes, compare_articles, compare_texts
from storylens.compare.quote_languages import LANGUAGES, MARKS, language_rules
from storylens.models import Article


def quotes(body: str, language: str | None) -> list[dict[str, object]]:
    return article_quotes(Article(id="a", origin="a", title="", body=body, language=language))


def only(body: str, language: str | None) -> dict[str, object]:
    found = quotes(body, language)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("opening", "closing", "language"),
    [
        ("„", "“", "de"),
        ("„", "”", "pl"),
        ("« ", " »", "fr"),
        ("«\u00a0", "\u00a0»", "fr"),
        ("«", "»", "es"),
        ("»", "«", "de"),
        ("»", "»", "sv"),
        ("‹", "›", "fr"),
        ("「", "」", "ja"),
        ("『", "』", "ja"),
        ("“", "”", "en"),
        ('"', '"', "en"),
    ],
)
def test_every_mark_convention_gives_the_quoted_words_and_offsets(
    opening: str, closing: str, language: str
) -> None:
    words = "Alle Menschen sind frei und gleich an Würde geboren"
    if opening in "「『":
        words = "経済対策をできるだけ急ぎたい"
    body = f"Im Saal hieß es dann {opening}{words}{closing} und niemand widersprach."
    quote = only(body, language)
    assert quote["text"] == words
    assert body[quote["start"] : quote["end"]] == f"{opening}{words}{closing}"


def test_the_mark_table_covers_the_conventions_the_issue_names() -> None:
    pairs = {(o, c) for o, cs, _ in MARKS for c in cs}
    expected = {("„", "“"), ("„", "”"), ("«", "»"), ("»", "«"), ("‹", "›"), ("「", "」")}
    expected.add(("『", "』"))
    assert expected <= pairs


GERMAN = (
    "Der Kanzler Olaf Scholz sagte am Montag: „Wir werden die Ukraine weiter unterstützen, so "
    "lange es nötig ist.“ Die Opposition widersprach.\n"
    "„Das ist eine historische Entscheidung“, sagte Scholz."
)


def test_german_both_orders_and_the_role_noun_stripped_from_the_name() -> None:
    found = quotes(GERMAN, "de")
    assert [q["speaker"] for q in found] == ["Olaf Scholz", "Olaf Scholz"]
    assert [q["cue"] for q in found] == ["sagte", "sagte"]
    assert found[1]["text"] == "Das ist eine historische Entscheidung"


def test_german_compound_titles_determiners_and_the_definite_role_noun() -> None:
    body = (
        "Bundesinnenministerin Petra Lange besuchte die Grenze. „Die Lage ist unter Kontrolle, "
        "aber angespannt“, sagte die Ministerin. Laut Polizeisprecher Jan Ohm „lief der Einsatz "
        "ruhig und ohne Zwischenfälle ab“.\n»Wir haben alles versucht«, sagte Bergführer Tobias "
        "Lehner der Deutschen Presse-Agentur."
    )
    assert [q["speaker"] for q in quotes(body, "de")] == ["Petra Lange", "Jan Ohm", "Tobias Lehner"]


@pytest.mark.parametrize(
    ("language", "body", "speaker", "cue"),
    [
        ("fr", "« Nous ne céderons rien face à la violence », a déclaré Emmanuel Macron.",
         "Emmanuel Macron", "déclaré"),
        ("fr", "Selon le ministre de l'Intérieur, Gérald Martin, « plus de quatre cents "
               "personnes ont été interpellées ».", "Gérald Martin", "Selon"),
        ("fr", "La maire Sophie Garnier est arrivée. « C'est une journée noire pour la ville », "
               "a-t-elle déclaré.", "Sophie Garnier", "a-t-elle"),
        ("es", "«Vamos a seguir trabajando por el empleo», dijo Pedro Sánchez en Madrid.",
         "Pedro Sánchez", "dijo"),
        ("es", "Según el alcalde Jorge Navarro, «las obras terminarán antes del verano».",
         "Jorge Navarro", "Según"),
        ("it", "«Il governo andrà avanti fino alla fine», ha detto Giorgia Meloni.",
         "Giorgia Meloni", "detto"),
        ("it", "Secondo il sindaco Marco Galli, «la città è pronta ad accogliere i turisti».",
         "Marco Galli", "Secondo"),
        ("pt", "“Vamos reconstruir tudo o que foi destruído”, disse Lula em Brasília.",
         "Lula", "disse"),
        ("pt", "Segundo o prefeito Carlos Mendes, “a cidade nunca viu uma chuva assim”.",
         "Carlos Mendes", "Segundo"),
        ("nl", "\"We gaan door met de hervormingen\", zei Mark Rutte dinsdag.",
         "Mark Rutte", "zei"),
        ("nl", "Volgens burgemeester Jan Visser is \"de situatie in de wijk onhoudbaar\".",
         "Jan Visser", "Volgens"),
        ("pl", "„Nie pozwolimy na to, by ktokolwiek nas zastraszył” – powiedział Donald Tusk.",
         "Donald Tusk", "powiedział"),
        ("pl", "Według premiera Donalda Tuska „sprawa zostanie wyjaśniona jeszcze dziś”.",
         "Donalda Tuska", "Według"),
        ("de", "Laut Innenminister Jörg Fischer „ist die Lage unter Kontrolle“.",
         "Jörg Fischer", "Laut"),
    ],
)  # fmt: skip
def test_cue_tables_name_the_speaker(language: str, body: str, speaker: str, cue: str) -> None:
    quote = only(body, language)
    assert (quote["speaker"], quote["cue"]) == (speaker, cue)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("de", "Anna Vogt sagte am Montag: „Die Stadt wird die Kosten übernehmen.“"),
        ("fr", "Anna Vogt a affirmé mardi : « Le gouvernement ne reculera pas. »"),
        ("es", "La ministra de Sanidad, Anna Vogt, afirmó: «La situación está bajo control»."),
        ("it", "Il ministro dell'Economia, Anna Vogt, ha dichiarato: «I conti sono in ordine»."),
        ("pt", "A ministra da Saúde, Anna Vogt, afirmou: “A vacinação começa na semana que vem.”"),
        ("nl", "Minister Anna Vogt zei dinsdag: \"Het kabinet neemt deze zorgen serieus.\""),
        ("pl", "Minister zdrowia Anna Vogt powiedziała: „Szpitale są przygotowane na to”."),
    ],
)
def test_speaker_before_the_quote_in_each_language(language: str, body: str) -> None:
    assert only(body, language)["speaker"] == "Anna Vogt"


@pytest.mark.parametrize(
    ("language", "lead", "quote"),
    [
        ("es", "La jueza Isabel Romero fue tajante.", "«Nadie está por encima de la ley», dijo."),
        ("it", "Il presidente Isabel Romero ha incontrato i sindaci.",
         "«Serve un piano nazionale», ha sottolineato."),
        ("pl", "Prezydent Isabel Romero zwróciła się do posłów.",
         "„Polska potrzebuje dziś jedności” – mówiła."),
        ("nl", "De rechter Isabel Romero was duidelijk.",
         "\"Niemand staat boven de wet\", zei ze."),
        ("de", "Die Richterin Isabel Romero war deutlich.",
         "„Niemand steht über dem Gesetz“, sagte sie."),
    ],
)  # fmt: skip
def test_pronouns_and_subjectless_cues_take_the_person_just_named(
    language: str, lead: str, quote: str
) -> None:
    assert only(f"{lead} {quote}", language)["speaker"] == "Isabel Romero"


def test_without_the_language_the_english_rules_find_the_marks_but_no_german_speaker() -> None:
    """The language must reach the quote finder: English rules know no ``sagte``."""
    assert [q["speaker"] for q in quotes(GERMAN, None)] != ["Olaf Scholz", "Olaf Scholz"]
    assert [q["speaker"] for q in quotes(GERMAN, "de-DE")] == ["Olaf Scholz", "Olaf Scholz"]
    assert language_rules("en") is None and language_rules("pt-BR") is LANGUAGES["pt"]


def test_english_attribution_is_unchanged_by_the_new_marks() -> None:
    body = "“We will rebuild,” Mayor Jane Porter said on Monday. “Nobody will be left behind.”"
    found = quotes(body, "en")
    assert found[0]["speaker"] == "Jane Porter" and found[0]["cue"] == "said"


@pytest.mark.parametrize(
    ("language", "body", "text"),
    [
        ("ar", "قال الرئيس في كلمة متلفزة: «سنواصل العمل من أجل السلام في المنطقة».",
         "سنواصل العمل من أجل السلام في المنطقة"),
        ("he", "ראש הממשלה אמר הבוקר: \"נמשיך לפעול למען השלום והביטחון\".",
         "נמשיך לפעול למען השלום והביטחון"),
        ("ar", "Le ministre a dit « سنواصل العمل من أجل السلام » hier soir.",
         "سنواصل العمل من أجل السلام"),
        ("zh", "外交部发言人表示：“中方坚决反对任何形式的单边制裁。”",
         "中方坚决反对任何形式的单边制裁。"),
    ],
)  # fmt: skip
def test_right_to_left_and_mixed_scripts_give_the_quote_without_crashing(
    language: str, body: str, text: str
) -> None:
    assert only(body, language)["text"] == text


def test_story_comparison_uses_each_articles_language() -> None:
    articles = [
        Article(id=k, origin=k, title="", body=GERMAN, language="de") for k in ("a", "b")
    ]
    comparison = compare_articles(articles)
    assert comparison.quotes and all(m.a.speaker == "Olaf Scholz" for m in comparison.quotes)


def test_extract_json_reports_german_quotes(tmp_path: Path) -> None:
    page = tmp_path / "scholz.txt"
    page.write_text(
        "Scholz sichert der Ukraine weitere Hilfe zu\n\nBerlin. Die Bundesregierung will die "
        "Ukraine auch im kommenden Jahr mit Waffen und Geld unterstützen, wie der Kanzler nach "
        "einem Treffen mit den Regierungschefs der Länder ankündigte.\n\n" + GERMAN + "\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["extract", "--json", str(page)])
    doc = json.loads(result.stdout.splitlines()[0])
    assert doc["language"] == "de"
    assert [(q["speaker"], q["cue"]) for q in doc["quotes"]] == [("Olaf Scholz", "sagte")] * 2
    first = doc["quotes"][0]
    assert doc["body"][first["start"] : first["end"]].startswith("„Wir werden")


def test_bench_scores_every_language_against_the_baseline() -> None:
    result = run_quotes_multilingual()
    assert result["crashes"] == 0
    assert set(result["languages"]) >= {"de", "fr", "es", "it", "pt", "nl", "pl", "ar", "ja"}
    ours = result["storylens_seven_languages"]["all"]
    base = result["baseline_seven_languages"]["all"]
    assert ours["counts"]["gold"] >= 180
    assert set(result["storylens_seven_languages"]) == {"all", "dev", "check", "fresh", "fresh2"}
    assert ours["direct_f1"] >= 0.9 and ours["speaker_exact"] >= 0.85
    assert base["speaker_exact"] < ours["speaker_exact"]


def test_baseline_takes_every_marked_span_and_the_nearest_capitalised_word() -> None:
    found = baseline_quotes("„Das ist gut“, sagte Scholz. Dann « Oui » dit Marie.")
    assert [(q["text"], q["speaker"]) for q in found] == [("Das ist gut", "Scholz"),
                                                          ("Oui", "Marie")]  # fmt: skip


@pytest.mark.parametrize(
    ("language", "body", "speaker"),
    [
        ("de", "Der Landrat des Kreises, Thomas Huber, war skeptisch. Die Hilfe komme „viel zu "
               "spät für die meisten Betriebe“, sagte Huber.", "Thomas Huber"),
        ("de", "Eine Sprecherin des Konzerns sagte: „Wir bitten alle Fahrgäste um Verständnis.“",
         "Eine Sprecherin des Konzerns"),
        ("nl", "\"Dit is goed voor de stad\", zei wethouder Melanie van der Horst na afloop.",
         "Melanie van der Horst"),
        ("it", "«Siamo pochi e sempre più anziani», spiega il segretario del sindacato Fimmg, "
               "Silvestro Carli.", "Silvestro Carli"),
        ("pl", "Prezes NBP Adam Glinka powiedział: „Inflacja będzie spadać wolniej”.",
         "Adam Glinka"),
        ("es", "«Este título es para toda la afición», dijo emocionado el capitán, Joaquín "
               "Serrano.", "Joaquín Serrano"),
        ("it", "«I negozi del centro hanno subito danni», brontola Giovanna Rossi, commerciante.",
         "Giovanna Rossi"),
    ],
)  # fmt: skip
def test_names_among_common_nouns_particles_acronyms_and_appositives(
    language: str, body: str, speaker: str
) -> None:
    assert quotes(body, language)[-1]["speaker"] == speaker


def test_a_title_in_quotation_marks_is_not_a_quotation() -> None:
    body = "„Das reicht nicht“, sagte Huber der „Süddeutschen Zeitung“."
    assert [q["text"] for q in quotes(body, "de")] == ["Das reicht nicht"]


def test_an_inflected_name_resolves_to_the_form_the_article_introduced() -> None:
    body = (
        "Premier Donald Tusk spotkał się z rolnikami. Według Tuska „nikt nie zostanie bez "
        "pomocy”.\nRzecznik policji Tomasz Zieliński był na miejscu. Według rzecznika Tomasza "
        "Zielińskiego „sprawca został zatrzymany jeszcze w nocy”."
    )
    assert [q["speaker"] for q in quotes(body, "pl")] == ["Donald Tusk", "Tomasz Zieliński"]


def test_pasted_texts_get_their_language_for_quotes() -> None:
    """``compare --jsonl`` and the paste page take raw texts: their language is guessed."""
    body = (
        "Der Bundestag hat am Donnerstag das neue Hilfspaket beschlossen. " + GERMAN
        + " Die Opposition kritisierte den Beschluss als viel zu spät und zu klein."
    )
    comparison = compare_texts(body, body)
    assert {m.a.speaker for m in comparison.quotes} == {"Olaf Scholz"}
    assert compare_texts("„Kurz“, sagte er.", "x").articles  # too short to guess: no error


def test_sentences_end_after_german_and_french_closing_marks() -> None:
    """„…“ closes with the English opening mark and « … » has a space before »: sentences
    (the facts compared across articles, the span each quote points to) still end there."""
    from storylens.compare.sentences import split_sentences

    german = "Scholz sagte: „Wir helfen weiter.“ Die Opposition widersprach. „Gut“, sagte er."
    assert [s.text for s in split_sentences(german)] == [
        "Scholz sagte: „Wir helfen weiter.“", "Die Opposition widersprach.", "„Gut“, sagte er.",
    ]
    french = "« C’est la fin. » Puis il est parti."
    assert [s.text for s in split_sentences(french)] == ["« C’est la fin. »", "Puis il est parti."]


_PIECES = [
    "„", "“", "”", "«", "»", "‹", "›", "「", "」", '"', "’", " ", "\n", ",", ".", ":", "–",
    "\u00a0", "sagte", "Scholz", "Der", "Kanzler", "a-t-il", "dijo", "Según", "van", "de",
    "powiedział", "so", "aldus", "er", "l'", "NBP", "قال", "אמר", "首相", "Ünal",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(_PIECES), max_size=60).map(" ".join),
    st.sampled_from([*LANGUAGES, None, "ja", "ar"]),
)
def test_any_mix_of_marks_and_words_gives_quotes_inside_the_body(
    body: str, language: str | None
) -> None:
    for quote in quotes(body, language):
        assert 0 <= quote["start"] < quote["end"] <= len(body)
        # a Scandinavian quotation opens with the dash of its paragraph ("– Vi vet inte")
        assert body[quote["start"]] in "„“”«»‹›「」\"’‘'–—-" or body[quote["start"]].isspace()


@pytest.mark.parametrize(
    ("language", "body", "speaker"),
    [
        ("sv", "”Vi ska bygga fler bostäder i hela landet”, sade statsminister Erik Lind.",
         "Erik Lind"),
        ("da", "»Vi skal have styr på økonomien«, siger finansminister Mette Holm.", "Mette Holm"),
        ("no", "«Dette er en historisk dag for Norge», sier statsminister Kari Berg.", "Kari Berg"),
        ("cs", "„Vláda nebude zvyšovat daně,“ řekl premiér Petr Novák.", "Petr Novák"),
    ],
)  # fmt: skip
def test_tables_without_a_check_set_still_name_the_speaker(
    language: str, body: str, speaker: str
) -> None:
    assert only(body, language)["speaker"] == speaker


def test_the_swedish_mark_never_spans_the_gap_between_two_english_quotes() -> None:
    body = "“The plan is dead,” he said on Monday, ”and the next one is too,” she added later."
    found = quotes(body, "en")
    assert body[found[0]["start"] : found[0]["end"]] == "“The plan is dead,”"
    assert all("he said" not in q["text"] for q in found)


def test_a_quoted_word_before_another_quote_is_a_label_but_an_attributed_one_is_kept() -> None:
    label = (
        "A secretária Luciana Farias classificou o movimento como “político” e afirmou que "
        "“as portas do diálogo continuam abertas”."
    )
    assert [q["text"] for q in quotes(label, "pt")] == ["as portas do diálogo continuam abertas"]
    split = "Olaf Scholz war deutlich. „Nein“, sagte Scholz, „das machen wir so niemals.“"
    assert [q["speaker"] for q in quotes(split, "de")] == ["Olaf Scholz", "Olaf Scholz"]


@pytest.mark.parametrize(
    ("language", "body", "speaker", "cue"),
    [
        ("zh", "外交部发言人华春莹3日在例行记者会上表示：“中方坚决反对任何损害主权的行为。”",
         "华春莹", "表示"),
        ("zh", "“美方的做法只会加剧地区紧张局势，不利于和平。”王毅说。", "王毅", "说"),
        ("zh", "李强對記者說：「我們會繼續推動改革開放，擴大內需。」", "李强", "說"),
        ("ja", "岸田文雄首相は3日、記者団に対し「経済対策を早急にまとめたい」と述べた。",
         "岸田文雄首相", "述べ"),
        ("ja", "日銀の植田和男総裁は会見で「好循環を見極めたい」と語った。",
         "植田和男総裁", "語っ"),
        ("ja", "気象庁の担当者は「土砂災害に警戒してほしい」と呼びかけた。", "気象庁の担当者",
         "呼びかけ"),
        ("ja", "「地域の声を国政に届けたい」。新人の山田花子氏は支持者を前にこう訴えた。",
         "山田花子氏", "こう"),
        ("ko", "윤석열 대통령은 3일 기자회견에서 “경제 회복에 모든 수단을 쓰겠다”라고 말했다.",
         "윤석열", "말했다"),
        ("ko", "“물가 안정이 최우선 과제”라고 추경호 경제부총리는 밝혔다.", "추경호", "밝혔다"),
        ("ko", "서울시 관계자는 “이번 주말까지 복구를 마칠 계획”이라고 밝혔다.", "서울시 관계자",
         "밝혔다"),
        ("ja", "「賃上げの流れを地方にも広げる必要がある」と松野官房長官は記者会見で語った。",
         "松野官房長官", "語っ"),
    ],
)  # fmt: skip
def test_chinese_and_japanese_speakers_are_read_on_characters(
    language: str, body: str, speaker: str, cue: str
) -> None:
    """Breaks if quote_cjk is not consulted for zh/ja, or its time/place trimming goes."""
    found = only(body, language)
    assert (found["speaker"], found["cue"]) == (speaker, cue)


def test_a_chinese_pronoun_takes_the_speaker_just_named() -> None:
    body = (
        "外交部发言人华春莹表示：“中方坚决反对任何损害主权的行为。”\n\n"
        "她还指出：“我们希望有关国家尊重地区国家的努力。”"
    )
    assert [q["speaker"] for q in quotes(body, "zh")] == ["华春莹"] * 2


def test_a_chinese_quote_without_a_cue_has_no_speaker() -> None:
    """A quoted phrase in a sentence with no cue verb is not attributed to the sentence start."""
    body = "这家公司把新产品称为“改变行业格局的一次尝试”，但市场反应平淡。"
    assert all(q["speaker"] is None for q in quotes(body, "zh"))


def test_the_cjk_rows_score_speakers_by_containment_and_beat_the_baseline() -> None:
    """Breaks if the bench's CJK scoring falls back to space-separated tokens (every speaker
    would then count wrong) or the zh/ja rules stop naming speakers."""
    result = run_quotes_multilingual()
    for language in ("zh", "ja", "ko"):
        ours = result["languages"][language]["storylens"]["cjk"]["speaker_accuracy"]
        baseline = result["languages"][language]["baseline"]["cjk"]["speaker_accuracy"]
        assert ours >= 0.8 > baseline
