"""Speaker rules for shapes found on real news pages in other languages, round 2 (issue 11,
session 15: half B of the fundus pages, Spanish first).

Each sentence is hand-written (not copied from a page) and fails without its rule."""

from __future__ import annotations

from storylens.compare import article_quotes
from storylens.models import Article


def speakers(body: str, language: str) -> list[str | None]:
    article = Article(id="a", origin="a", title="", body=body, language=language)
    return [q["speaker"] for q in article_quotes(article)]  # type: ignore[misc]


def test_es_unknown_cue_verb_in_the_compound_past_after_the_quote() -> None:
    body = (
        "El balance lo confirmó el presidente de la región, Ramiro Salcedo, en Turre.\n\n"
        "«El fuego avanzó muy deprisa», ha resumido Salcedo."
    )
    assert speakers(body, "es") == ["Ramiro Salcedo"]


def test_es_subjectless_cue_skips_an_institution_named_after_an_article() -> None:
    body = (
        "El balance lo confirmó el presidente de la región, Ramiro Salcedo, en Turre.\n\n"
        "«Es una tragedia», ha dicho Salcedo. El presidente regional ha pedido calma porque la "
        "Policía Nacional sigue revisando casas. «Confiamos en que aparezcan todos», ha señalado."
    )
    assert speakers(body, "es") == ["Ramiro Salcedo", "Ramiro Salcedo"]


def test_es_cue_verbs_of_sports_and_politics_pages() -> None:
    body = (
        "La entrenadora Marta Ruiz Soler ganó en Qatar.\n\n"
        "«No quiero hablar de él», zanjó. «Fue ridículo», recalcó la entrenadora."
    )
    assert speakers(body, "es") == ["Marta Ruiz Soler", "Marta Ruiz Soler"]


def test_it_tweeted_then_a_role_noun() -> None:
    body = (
        "La premier italiana Giulia Ferri è partita per Washington.\n\n"
        "«Una bella serata, pronti a lavorare insieme», ha twittato poi la premier."
    )
    assert speakers(body, "it") == ["Giulia Ferri"]


def test_is_cue_after_the_quote() -> None:
    body = "„Við förum heim á morgun,“ segir Anna Björk Sigurðardóttir í samtali við blaðið."
    assert speakers(body, "is") == ["Anna Björk Sigurðardóttir"]


def test_da_an_article_alone_after_the_cue_is_a_pronoun() -> None:
    body = (
        "Borgmester Lars Holm Jensen holdt tale i går.\n\n"
        "– Vi har ikke flere penge til skolerne i år, og det må vi sige ærligt, lyder det."
    )
    assert speakers(body, "da") == ["Lars Holm Jensen"]



def test_es_name_after_an_article_inside_the_subject_clause_is_not_the_speaker() -> None:
    body = (
        "El ministro Ramiro Salcedo viajó ayer a Madrid.\n\n"
        "El ministro propone que al frente del enclave esté una Autoridad Nacional Palestina "
        "reforzada y recalcó que estaría en la mejor situación para hacerlo «si no se hubiera "
        "minado su legitimidad» por parte de Israel."
    )
    assert speakers(body, "es") == ["Ramiro Salcedo"]


def test_pt_institution_after_an_opening_phrase_is_still_the_subject() -> None:
    body = "Em comunicado, a Sanepar afirmou que “a coleta volta ao normal na segunda-feira”."
    assert speakers(body, "pt") == ["Sanepar"]


def test_fr_cue_of_a_coordinated_verb_after_a_quote_in_running_text() -> None:
    body = (
        "Le ministre Paul Girard a affirmé que les troupes avaient «détruit les unités» "
        "adverses et salué une victoire."
    )
    assert speakers(body, "fr") == ["Paul Girard"]


def test_fr_role_noun_of_the_phrase_before_a_name_and_a_comma() -> None:
    body = (
        "Hier, le ministre russe de la Défense, Paul Girard, a visité le front. Il a rencontré "
        "Marc Lefèvre à Paris.\n\n"
        "Le ministre de la Défense a affirmé que «tout va bien»."
    )
    assert speakers(body, "fr") == ["Paul Girard"]


def test_fr_apostrophe_inside_a_word_is_no_quotation_mark() -> None:
    body = (
        "Le ministre Paul Girard a rencontré Marc Lefèvre.\n\n"
        "Le ministre a dit que l’armée russe «avance très vite»."
    )
    assert speakers(body, "fr") == ["Paul Girard"]


def test_da_role_and_complement_after_a_cue_then_the_name_in_apposition() -> None:
    body = (
        "Adspurgt om sagen understreger formand for Naalakkersuisut, Jens Peter Olsen, ”at vi "
        "selv bestemmer over vores fremtid”."
    )
    assert speakers(body, "da") == ["Jens Peter Olsen"]


def test_da_a_middle_initial_neither_ends_the_sentence_nor_the_name() -> None:
    body = (
        "Foreholdt sagen understreger formand for Naalakkersuisut, Jens B. Olsen, ”at vi selv "
        "bestemmer over vores fremtid”."
    )
    assert speakers(body, "da") == ["Jens B. Olsen"]


def test_it_headline_colon_after_whose_words_and_after_a_topic() -> None:
    body = (
        "Il presidente Marco Bianchi ha incontrato la premier Giulia Ferri a Roma.\n\n"
        "L'elogio di Bianchi: «Ha conquistato l'Europa». Poi la cena.\n\n"
        "Marco Bianchi su Giulia Ferri: «Una donna fantastica»."
    )
    assert speakers(body, "it") == ["Marco Bianchi", "Marco Bianchi"]


def test_nb_reported_speech_speaker_over_the_source_named_after_the_quote() -> None:
    body = (
        "I retten fortalte advokat Kari Nordmann Berg, som forsvarer mannen, at bruddet i 2016 "
        "«utløste alt sammen», skriver avisa The Times."
    )
    assert speakers(body, "nb") == ["Kari Nordmann Berg"]


def test_nb_defence_lawyer_compound_is_the_lawyer_named_before() -> None:
    body = (
        "Advokat Kari Nordmann Berg møtte i retten. Per Hansen var også der.\n\n"
        "- Da det ble slutt, gikk alt galt, sa forsvarsadvokaten."
    )
    assert speakers(body, "nb") == ["Kari Nordmann Berg"]


def test_es_quotation_attributed_by_the_next_sentence() -> None:
    body = (
        "El presidente de la región, Ramiro Salcedo, viajó a Turre. Allí habló Pedro Gil.\n\n"
        "«Es una tragedia y un horror». Con esas palabras ha descrito Salcedo el incendio.\n\n"
        "«Hay que evacuar ya». Así lo ha explicado Salcedo a la prensa."
    )
    assert speakers(body, "es") == ["Ramiro Salcedo", "Ramiro Salcedo"]


def test_es_dialogue_dash_interrupted_by_the_attribution() -> None:
    body = (
        "El ministro de Sanidad, Ramiro Salcedo, visitó el hospital. También estuvo Pedro Gil."
        "\n\n—No vamos a ceder —afirmó Salcedo—. Es nuestra obligación.\n\n—¿Y el presupuesto?"
    )
    assert speakers(body, "es") == ["Ramiro Salcedo"]


def test_es_later_quotation_of_a_sentence_takes_the_earlier_ones_speaker() -> None:
    body = (
        "El ministro Ramiro Salcedo viajó a Madrid. Allí estaba Pedro Gil.\n\n"
        "El ministro recalcó que la ANP es la alternativa frente a Hamás, que es «una "
        "organización terrorista» y que no está en la reunión porque constituye «un verdadero "
        "problema» para la paz."
    )
    assert speakers(body, "es") == ["Ramiro Salcedo", "Ramiro Salcedo"]
