"""Quotations in languages other than English: their quotation marks and cue tables (data).

The English rules in :mod:`storylens.compare.quotes` lean on English word order and on English
capitalisation (only names are capitalised). Other languages differ, and this module holds what
differs as data, one table per language, rather than more regular expressions in the English
rules (the rules reading them are in :mod:`storylens.compare.quote_attribution`):

- **Marks.** German, Polish, Czech open with „ and close with “ or ” (the English *opening*
  mark); French writes « … » with inner spaces, German and Danish books » … «, Spanish, Italian
  and Russian «…», Japanese and Chinese 「…」 and 『…』. :data:`MARKS` lists them; the English
  marks stay in ``quotes._QUOTE`` unchanged.
- **Cues.** Each :class:`QuoteLanguage` lists the reporting verbs (``sagte``, ``a déclaré``,
  ``dijo``, ``ha detto``, ``disse``, ``zei``, ``powiedział``), the words that introduce a source
  (``laut``, ``selon``, ``según``, ``secondo``, ``segundo``, ``volgens``, ``według``), the
  particles that attribute right after a quotation (``so Neumann``, ``aldus Yilmaz``), role
  nouns (matched inside German and Dutch compounds: ``Bundeskanzlerin``, ``Oppositieleider``),
  pronouns, articles, name particles and prepositions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storylens.writing import CHINESE_JAPANESE, HANGUL

MARKS: tuple[tuple[str, str, str], ...] = (
    ("„", "“”", "German, Polish, Czech, Dutch, Hungarian: „…“ / „…”"),
    ("«", "»", "French (inner spaces), Spanish, Italian, Portuguese, Russian, Arabic"),
    ("»", "«", "German and Danish books"),
    ("»", "»", "Swedish and Finnish"),
    ("”", "”", "Swedish and Finnish (no English “ inside: not the gap between two quotes)"),
    ("‹", "›", "single guillemets (Swiss, French inner quotes)"),
    ("›", "‹", "single guillemets, German books"),
    ("「", "」", "Japanese, Chinese (corner brackets)"),
    ("『", "』", "Japanese, Chinese (inner corner brackets)"),
)
"""Quotation marks the English rules do not know: opening mark, closing marks, who uses them."""

_SPACE = r"[ \t\u00a0\u202f\u2009]"


def _mark_pattern(opening: str, closing: str) -> str:
    """One convention as a regex alternative whose single group is the quoted text, without
    the inner (non-breaking) spaces French puts inside guillemets."""
    close = re.escape(closing) if len(closing) == 1 else f"[{closing}]"
    excluded = opening + closing + ("“" if opening == "”" else "")
    return (
        rf"{re.escape(opening)}{_SPACE}*"
        rf"([^{re.escape(excluded)}\n]{{1,2000}}?)"
        rf"{_SPACE}*{close}"
    )


OTHER_MARKS = "|".join(_mark_pattern(o, c) for o, c, _ in MARKS)
"""Regex alternatives (one group each) for :data:`MARKS`, appended to the English ones."""
OPENING_MARKS = "".join(dict.fromkeys(o for o, _, _ in MARKS)) + "“\"‘"
CLOSING_MARKS = "".join(dict.fromkeys(c for _, cs, _ in MARKS for c in cs)) + "”\"’"

_UNSPACED = re.compile(f"[{CHINESE_JAPANESE}{HANGUL}]")


def written_without_spaces(text: str) -> bool:
    """Japanese or Chinese text: words are not separated by spaces, so a quotation's length
    is counted in characters, not words."""
    return bool(_UNSPACED.search(text))


@dataclass(frozen=True)
class QuoteLanguage:
    """What attributing a quotation takes in one language. Words are lower case."""

    code: str
    verbs: tuple[str, ...]
    """Reporting verbs in the forms news uses (past, present, participle after an auxiliary)."""
    according_to: tuple[str, ...] = ()
    """Words before a source: ``laut X``, ``selon X``, ``według X``."""
    after_quote: tuple[str, ...] = ()
    """Particles that attribute only right after a quotation: ``„…“, so Neumann``."""
    titles: tuple[str, ...] = ()
    """Role nouns (stems: ``minist`` covers ``ministre``, ``ministro``, ``ministra``)."""
    compounds: bool = False
    """Titles sit inside compound nouns (``Bundeskanzlerin``, ``Oppositieleider``)."""
    capitalised_nouns: bool = False
    """Every noun is capitalised (German): a capitalised run may hold common nouns, and a
    determiner inside one ends it (``Lehner der Deutschen Presse-Agentur``)."""
    pronouns: tuple[str, ...] = ()
    definite: tuple[str, ...] = ()
    indefinite: tuple[str, ...] = ()
    particles: tuple[str, ...] = ()
    """Lower-case words inside names (``Pieter de Vries``, ``Ursula von der Leyen``)."""
    prepositions: tuple[str, ...] = ()
    """A capitalised word right after one of these is a complement (``ministre du Travail``)."""
    determiners: tuple[str, ...] = ()
    """Where nouns are capitalised: words besides the articles that open a noun phrase
    (``diesen Produkten``, ``vielen Millionen Jahren``): the capitalised word after one is a
    noun, not a name."""
    participle_endings: tuple[str, ...] = ()
    """Past participle endings: a lone sentence-opening word with one, before a preposition
    (``Consultada por este diario``, ``Interrogée sur ce point``), is no name."""
    calendar: tuple[str, ...] = ()
    max_name_words: int = 3
    """Capitalised words a personal name keeps (German: first name and surname)."""
    pronoun_inversion: str = ""
    """Regex of a verb inverted with its pronoun subject (French ``a-t-elle déclaré``)."""
    relatives: tuple[str, ...] = ()
    """Relative pronouns opening a clause after a name (``Keir Starmer, qui …, affirme``)."""
    dash_quotes: bool = False
    """A paragraph opening with a dash is a quotation (Scandinavian ``– Vi vet inte, säger
    Berg.``): see :meth:`quote_attribution.Attributor.dash_quote`."""
    suffix_after_apostrophe: bool = False
    """Names take case endings after an apostrophe (Turkish ``Demir'in``, ``Uraloğlu'nun``)."""
    raya_quotes: bool = False
    """Dialogue opens with an em dash glued to the word and the attribution interrupts it
    between dashes (Spanish ``—No vamos a ceder —afirmó Salcedo—.``)."""
    article_names: bool = False
    """Surnames may take an article (Italian ``la Meloni``): a name after one is no sign of an
    institution (``la Guardia Civil``)."""


_DE_CALENDAR = (
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "januar",
    "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
    "november", "dezember", "morgen", "abend", "nachmittag", "vormittag", "wochenende",
)  # fmt: skip

LANGUAGES: dict[str, QuoteLanguage] = {
    "de": QuoteLanguage(
        "de",
        verbs=(
            "sagte", "sagten", "sagt", "sagen", "gesagt", "erklärte", "erklärt", "erklärten",
            "betonte", "betont", "meinte", "meint", "fügte", "ergänzte", "ergänzt", "warnte",
            "warnt", "kritisierte", "kritisiert", "forderte", "fordert", "schrieb", "schreibt",
            "teilte", "versicherte", "versichert", "bekräftigte", "unterstrich", "erläuterte",
            "berichtete", "berichtet", "mahnte", "mahnt", "antwortete", "entgegnete",
            "behauptete", "räumte", "kündigte", "stellte", "sprach", "rief", "erzählte",
            "erzählt", "bestätigte", "bestätigt", "zitiert", "twitterte", "verkündete",
            "argumentierte", "beklagte", "lobte", "resümierte", "gestand", "verriet", "betonten",
            "erklärten", "unterstreicht", "räumt", "warnten", "sagen", "beteuerte", "ergänzten",
            "bilanzierte", "zeigte", "hieß", "fragt", "fragte", "fügt", "urteilt", "urteilte",
        ),
        according_to=("laut", "nach angaben von", "nach worten von", "zufolge"),
        after_quote=("so",),
        titles=(
            "kanzler", "präsident", "minister", "sprecher", "chef", "führer", "leiter",
            "vorsitzende", "bürgermeister", "meister", "sekretär", "direktor", "botschafter",
            "general", "kommandeur", "staatsanwalt", "anwalt", "richter", "abgeordnete",
            "senator", "gouverneur", "premier", "könig", "papst", "trainer", "bergführer",
            "experte", "expertin", "professor", "arzt", "ärztin", "polizist", "ermittler",
            "sprecherin", "chefin", "leiterin", "managerin", "manager", "vorstand", "sänger",
            "regisseur", "autor", "kandidat", "politiker", "ökonom", "forscher", "jährig",
            "aktivist", "kapitän", "landrat", "gewerkschafter", "unternehmer", "sprecher",
        ),
        compounds=True,
        capitalised_nouns=True,
        max_name_words=2,
        relatives=("der", "die", "das", "dessen", "deren", "welcher", "welche"),
        pronouns=("er", "sie"),
        definite=("der", "die", "das", "den", "dem", "des"),
        indefinite=("ein", "eine", "einer", "einem", "einen", "eines"),
        particles=("von", "van", "zu", "de", "der", "den"),
        prepositions=("für", "von", "vom", "des", "der", "aus", "in", "im", "bei", "beim", "zum",
                      "zur", "nach", "mit", "an", "am", "auf"),
        determiners=(
            "dieser", "diese", "dieses", "diesen", "diesem", "jener", "jene", "jenen", "jedem",
            "jeden", "jeder", "jede", "jedes", "alle", "allen", "aller", "keine", "keinen",
            "keiner", "keinem", "kein", "viele", "vielen", "vieler", "einige", "einigen",
            "mehrere", "mehreren", "manche", "manchen", "sein", "seine", "seinen", "seiner",
            "seinem", "seines", "ihr", "ihre", "ihren", "ihrer", "ihrem", "ihres", "unser",
            "unsere", "unseren", "unserer", "unserem", "unseres", "beide", "beiden", "zwei",
            "drei", "vier", "fünf", "zehn", "welche", "welchen",
        ),
        calendar=_DE_CALENDAR,
    ),
    "fr": QuoteLanguage(
        "fr",
        verbs=(
            "déclaré", "déclare", "déclara", "dit", "affirmé", "affirme", "ajouté", "ajoute",
            "expliqué", "explique", "précisé", "précise", "indiqué", "indique", "souligné",
            "souligne", "estimé", "estime", "assuré", "assure", "confié", "confie", "lancé",
            "lance", "insisté", "insiste", "martelé", "martèle", "réagi", "averti", "prévenu",
            "raconté", "raconte", "reconnu", "reconnaît", "annoncé", "annonce", "répondu",
            "répond", "rappelé", "rappelle", "commenté", "commente", "poursuivi", "poursuit",
            "témoigné", "témoigne", "résumé", "résume", "regretté", "regrette", "dénoncé",
            "dénonce", "écrit", "tweeté", "confirmé", "confirme", "observé", "observe",
            "jugé", "juge", "ironisé", "ironise", "lâché", "lâche", "promis", "promet", "conclu",
            "conclut", "glissé", "glisse", "tranché", "tranche", "déploré", "déplore", "fustigé",
            "fustige", "salué", "salue", "plaidé", "plaide", "avoué", "avoue", "détaillé",
            "détaille", "prévient", "avertit", "souffle", "soufflé",
        ),
        according_to=("selon", "d'après", "d’après", "pour"),
        titles=(
            "président", "premier", "ministre", "maire", "porte-parole", "procureur",
            "procureure", "sélectionneur", "entraîneur", "directeur", "directrice", "chef",
            "secrétaire", "député", "sénateur", "sénatrice", "préfet", "préfète", "avocat",
            "avocate", "juge", "général", "ambassadeur", "climatologue", "économiste",
            "chercheur", "chercheuse", "réalisateur", "réalisatrice", "chanteur", "chanteuse",
            "dirigeant", "dirigeante", "patron", "patronne", "chauffeur", "responsable",
            "candidat", "candidate", "leader", "syndicaliste", "expert", "experte", "médecin",
        ),
        relatives=("qui", "dont", "lequel", "laquelle"),
        pronouns=("il", "elle"),
        definite=("le", "la", "les", "l'", "l’"),
        indefinite=("un", "une", "des"),
        particles=("de", "du", "des", "d'", "le", "la"),
        prepositions=("du", "de", "des", "d'", "d’", "à", "au", "aux", "en", "pour", "par"),
        participle_endings=("ée", "ées", "és", "é"),
        calendar=(
            "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
        ),
        pronoun_inversion=r"(?:a|avait|aurait)-t-(?:il|elle)|\w+-t-(?:il|elle)|\w+-(?:il|elle)",
    ),
    "es": QuoteLanguage(
        "es",
        verbs=(
            "dijo", "dice", "ha dicho", "afirmó", "afirma", "aseguró", "asegura", "declaró",
            "declara", "explicó", "explica", "señaló", "señala", "añadió", "añade", "indicó",
            "indica", "reconoció", "reconoce", "advirtió", "advierte", "subrayó", "subraya",
            "destacó", "destaca", "insistió", "insiste", "manifestó", "contó", "cuenta",
            "relató", "relata", "apuntó", "apunta", "sostuvo", "sostiene", "agregó", "agrega",
            "respondió", "responde", "denunció", "denuncia", "criticó", "critica", "escribió",
            "recordó", "recuerda", "admitió", "admite", "lamentó", "lamenta", "comentó",
            "comenta", "precisó", "precisa", "expresó", "expresa", "confesó", "confiesa",
            "añadido", "explicado", "afirmado", "asegurado", "señalado", "declarado",
            "reconocido", "advertido", "indicado", "subrayado", "insistido", "destacado",
            "manifestado", "apuntado", "lamentado", "defendió", "defiende", "concluyó",
            "aseveró", "reiteró", "reitera", "detalló", "detalla", "avisó", "relataba",
            "opinó", "opina", "sentenció", "sentencia", "aclaró", "aclara", "enfatizó",
            "enfatiza", "remarcó", "remarca", "puntualizó", "puntualiza", "exclamó", "preguntó",
            "replicó", "replica", "argumentó", "argumenta", "planteó", "plantea",
            "anunció", "anuncia", "consideró", "considera", "estimó", "alertó",
            "ironizó", "mencionó", "menciona", "escribe", "decía", "afirmaba",
            "contaba", "zanjó", "espetó", "resumió", "resumido", "recalcó", "recalca",
            "recalcado", "apostilló", "remachó", "matizó", "matizado", "sentenciado",
            "concluido", "reiterado", "detallado", "aclarado", "valoró", "valorado",
            "descrito", "describió", "contestó", "contesta",
        ),
        according_to=("según", "de acuerdo con", "para"),
        titles=(
            "president", "ministr", "alcald", "portavoz", "entrenador", "líder", "jueza",
            "juez", "fiscal", "secretari", "director", "gobernador", "diputad", "senador",
            "abogad", "general", "embajador", "cantante", "escritor", "jefe", "jefa",
            "consejer", "delegad", "rey", "reina", "experto", "experta", "médic", "candidat",
            "sindical", "agricultor",
        ),
        relatives=("que", "quien", "quienes", "cuyo", "cuya"),
        raya_quotes=True,
        pronouns=("él", "ella"),
        definite=("el", "la", "los", "las"),
        indefinite=("un", "una", "unos", "unas"),
        particles=("de", "del", "la", "y"),
        prepositions=("de", "del", "en", "a", "al", "para", "por", "con"),
        participle_endings=("ado", "ada", "ados", "adas", "ido", "ida", "idos", "idas"),
        calendar=("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
    ),
    "it": QuoteLanguage(
        "it",
        verbs=(
            "detto", "dice", "disse", "dichiarato", "dichiara", "affermato", "afferma",
            "spiegato", "spiega", "sottolineato", "sottolinea", "aggiunto", "aggiunge",
            "commentato", "commenta", "racconta", "raccontato", "ribadito", "ribadisce",
            "precisato", "precisa", "assicurato", "assicura", "osservato", "osserva",
            "annunciato", "annuncia", "avvertito", "avverte", "ammesso", "ammette",
            "scritto", "scrive", "risposto", "risponde", "denunciato", "denuncia",
            "evidenziato", "evidenzia", "attaccato", "attacca", "replicato", "replica",
            "confermato", "conferma", "insistito", "insiste", "concluso", "conclude", "lamenta",
            "lamentato", "ricorda", "ricordato", "incalza", "rilancia", "rilanciato", "tuona",
            "chiosa", "sostiene", "sostenuto", "assicura", "garantisce", "garantito", "avvisa",
            "puntualizza", "puntualizzato", "ammonisce", "esordisce", "auspica", "twittato",
            "postato", "sbotta", "taglia corto", "rivela", "rivelato",
        ),
        according_to=("secondo", "per"),
        titles=(
            "premier", "president", "ministr", "sindac", "portavoce", "allenator", "leader",
            "procurat", "segretari", "direttor", "governator", "deputat", "senator",
            "avvocat", "general", "ambasciator", "scrittor", "cantant", "capo", "giudice",
            "volontari", "espert", "medic", "candidat", "assessor", "magistrat",
        ),
        relatives=("che", "il quale", "la quale", "cui"),
        article_names=True,
        pronouns=("lui", "lei", "egli"),
        definite=("il", "lo", "la", "i", "gli", "le", "l'", "l’"),
        indefinite=("un", "uno", "una", "un'", "un’"),
        particles=("di", "de", "del", "della", "da"),
        prepositions=("di", "del", "della", "dei", "degli", "dell'", "dell’", "da", "a", "in",
                      "per", "con", "al", "allo", "alla", "ai", "agli", "alle", "all'", "dal",
                      "dalla", "dai", "dagli", "nel", "nella", "nei", "negli", "sul", "sulla"),
        calendar=("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"),
    ),
    "pt": QuoteLanguage(
        "pt",
        verbs=(
            "disse", "diz", "afirmou", "afirma", "declarou", "declara", "explicou", "explica",
            "acrescentou", "acrescenta", "ressaltou", "ressalta", "destacou", "destaca",
            "informou", "informa", "contou", "conta", "comentou", "comenta", "garantiu",
            "garante", "admitiu", "admite", "reconheceu", "reconhece", "alertou", "alerta",
            "avaliou", "avalia", "criticou", "critica", "escreveu", "escreve", "respondeu",
            "responde", "lembrou", "lembra", "completou", "completa", "sublinhou", "sublinha",
            "frisou", "frisa", "defendeu", "defende", "anunciou", "anuncia", "relatou",
            "lamentou", "lamenta", "avisou", "pontuou", "ponderou", "observou", "desabafou",
            "brincou", "concluiu", "argumentou", "reforçou", "reforça", "assegurou", "sustentou",
            "salientou", "sublinhou", "prometeu", "considerou", "considera",
            "falou", "mencionou", "menciona", "opinou", "opina", "perguntou",
            "questionou", "questiona", "enfatizou", "enfatiza", "indicou", "indica", "apontou",
            "aponta", "revelou", "revela", "confessou", "confessa", "resumiu", "resume",
            "esclareceu", "esclarece", "insistiu", "insiste", "rebateu", "rebate", "retrucou",
            "justificou", "justifica",
        ),
        according_to=("segundo", "de acordo com", "conforme", "para"),
        titles=(
            "president", "ministr", "prefeit", "porta-voz", "técnic", "treinador", "senador",
            "deputad", "governador", "secretári", "diretor", "juiz", "juíza", "procurador",
            "advogad", "general", "embaixador", "economista", "cantor", "artista", "chefe",
            "líder", "primeiro-ministro", "primeira-ministra", "especialista", "médic",
            "candidat", "escritor", "vereador",
        ),
        relatives=("que", "quem", "cujo", "cuja"),
        pronouns=("ele", "ela"),
        definite=("o", "a", "os", "as"),
        indefinite=("um", "uma", "uns", "umas"),
        particles=("da", "do", "dos", "das", "de", "e"),
        prepositions=("de", "da", "do", "dos", "das", "em", "na", "no", "para", "por", "com"),
        participle_endings=("ado", "ada", "ados", "adas", "ido", "ida", "idos", "idas"),
        calendar=(
            "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira",
            "sábado", "domingo",
        ),
    ),
    "nl": QuoteLanguage(
        "nl",
        verbs=(
            "zei", "zegt", "zeiden", "gezegd", "verklaarde", "verklaart", "stelde", "stelt",
            "vertelde", "vertelt", "benadrukte", "benadrukt", "voegde", "schreef", "schrijft",
            "reageerde", "reageert", "waarschuwde", "waarschuwt", "legde", "liet", "meldde",
            "meldt", "antwoordde", "antwoordt", "erkende", "erkent", "zegde", "vond", "vindt",
            "noemde", "noemt", "bevestigde", "bevestigt", "beloofde", "belooft", "twitterde",
            "aldus", "concludeert", "concludeerde", "twittert", "waarschuwen", "zeggen",
            "benadrukken", "erkennen", "verzuchtte", "verzucht", "klaagde", "klaagt", "riep",
            "roept", "verduidelijkte",
        ),
        according_to=("volgens", "aldus"),
        after_quote=("aldus",),
        titles=(
            "premier", "minister", "burgemeester", "woordvoerder", "woordvoerster", "trainer",
            "leider", "rechter", "directeur", "voorzitter", "president", "officier",
            "advocaat", "wethouder", "staatssecretaris", "regisseur", "winnares", "winnaar",
            "coach", "kamerlid", "hoogleraar", "deskundige", "onderzoeker", "commissaris",
            "generaal", "koning", "koningin", "chef", "topman", "topvrouw", "econoom",
        ),
        compounds=True,
        relatives=("die", "dat", "wie"),
        pronouns=("hij", "zij", "ze"),
        definite=("de", "het", "'t"),
        indefinite=("een",),
        particles=("de", "van", "der", "den", "ter", "ten", "te", "het"),
        prepositions=("van", "voor", "in", "bij", "uit", "op", "aan", "met"),
        calendar=("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag",
                  "zondag"),
    ),
    "pl": QuoteLanguage(
        "pl",
        verbs=(
            "powiedział", "powiedziała", "powiedzieli", "mówi", "mówił", "mówiła", "stwierdził",
            "stwierdziła", "podkreślił", "podkreśliła", "dodał", "dodała", "zaznaczył",
            "zaznaczyła", "oświadczył", "oświadczyła", "przyznał", "przyznała", "poinformował",
            "poinformowała", "wyjaśnił", "wyjaśniła", "ocenił", "oceniła", "zapowiedział",
            "zapowiedziała", "przekonywał", "przekonywała", "ostrzegł", "ostrzegła", "napisał",
            "napisała", "odpowiedział", "odpowiedziała", "uważa", "tłumaczył", "tłumaczyła",
            "zapewnił", "zapewniła", "skomentował", "skomentowała", "relacjonował", "apelował",
            "opowiada", "dodaje", "podkreśla", "zaznacza", "wyjaśnia", "tłumaczy", "ocenia",
            "przyznaje", "twierdzi", "zapewnia", "mówią", "stwierdza", "informuje", "przekonuje",
            "ostrzega", "apeluje", "opowiadał", "opowiadała", "podkreślali", "mówili",
            "zauważył", "zauważyła", "zauważa", "wskazał", "wskazała", "wskazuje", "podaje",
            "podał", "podała", "podali",
        ),
        according_to=("według", "zdaniem", "jak powiedział", "jak powiedziała", "jak mówi",
                      "jak podaje", "jak podał", "jak podała", "jak podali"),
        titles=(
            "premier", "prezydent", "minister", "rzecznik", "rzeczniczk", "trener", "burmistrz",
            "prezes", "szef", "dyrektor", "prokurator", "sędzi", "poseł", "posłank", "senator",
            "marszał", "wojewod", "prawnik", "adwokat", "ekspert", "reżyser", "prezydentka",
            "wiceminist", "generał", "ambasador", "lekarz", "profesor", "pani", "pan",
            "ekonomist", "wojewoda", "kapitan",
        ),
        relatives=("który", "która", "które", "którzy"),
        pronouns=("on", "ona"),
        prepositions=("z", "ze", "w", "we", "do", "dla", "na", "od"),
        calendar=("poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota",
                  "niedziela"),
    ),
    "ru": QuoteLanguage(
        "ru",
        verbs=(
            "сказал", "сказала", "заявил", "заявила", "отметил", "отметила", "подчеркнул",
            "подчеркнула", "добавил", "добавила", "сообщил", "сообщила", "пояснил",
            "пояснила", "говорит", "считает", "рассказал", "рассказала", "написал",
            "написала", "ответил", "ответила", "признал", "признала", "заверил", "заверила",
            "говорится", "уточнил", "уточнила", "добавляет", "отмечает", "подчеркивает",
        ),
        according_to=("по словам", "как сказал", "как заявил"),
        titles=(
            "министр", "президент", "премьер", "глава", "представител", "пресс-секретар",
            "мэр", "губернатор", "депутат", "председател", "директор", "генерал", "посол",
            "эксперт", "тренер", "судья", "прокурор",
        ),
        relatives=("который", "которая", "которые"),
        pronouns=("он", "она"),
        prepositions=("в", "во", "из", "по", "для", "при"),
    ),
    "sv": QuoteLanguage(
        "sv",
        verbs=(
            "sade", "sa", "säger", "berättade", "berättar", "förklarade", "förklarar", "skrev",
            "skriver", "menade", "menar", "tillade", "konstaterade", "konstaterar", "uppgav",
            "uppger", "framhöll", "betonade", "betonar", "varnade", "varnar", "svarade",
        ),
        according_to=("enligt",),
        titles=(
            "minister", "talesperson", "presschef", "ordförande", "borgmästare", "chef", "vd",
            "tränare", "åklagare", "kommunalråd", "partiledare", "professor", "expert",
            "forskare", "polis", "talesman", "kvinna", "direktör", "president", "kommentator",
            "advokat",
        ),
        compounds=True,
        relatives=("som",),
        pronouns=("han", "hon"),
        dash_quotes=True,
        definite=("den", "det", "de"),  # before an adjective: "det norske OL-håpet"
        indefinite=("en", "ett"),
        particles=("von", "af", "de"),
        prepositions=("i", "på", "för", "från", "av", "med", "vid", "till"),
    ),
    "da": QuoteLanguage(
        "da",
        verbs=(
            "siger", "sagde", "forklarer", "forklarede", "skriver", "skrev", "tilføjer",
            "tilføjede", "understreger", "understregede", "fortæller", "fortalte", "mener",
            "advarer", "advarede", "svarer", "svarede", "oplyser", "oplyste", "lyder",
            "udbryder", "udbrød",
        ),
        according_to=("ifølge",),
        titles=(
            "minister", "talsperson", "talsmand", "formand", "borgmester", "direktør",
            "træner", "chef", "anklager", "professor", "ekspert", "forsker", "politiker",
            "præsident", "kommentator", "advokat",
        ),
        compounds=True,
        relatives=("som", "der"),
        pronouns=("han", "hun"),
        dash_quotes=True,
        definite=("den", "det", "de"),  # before an adjective: "det norske OL-håpet"
        indefinite=("en", "et"),
        particles=("von", "af", "de"),
        prepositions=("i", "på", "for", "fra", "af", "med", "ved", "til"),
    ),
    "nb": QuoteLanguage(
        "nb",
        verbs=(
            "sier", "sa", "sa han", "forklarer", "forklarte", "skriver", "skrev", "legger",
            "understreker", "understreket", "forteller", "fortalte", "mener", "advarer",
            "advarte", "svarer", "svarte", "opplyser", "opplyste",
        ),
        according_to=("ifølge",),
        titles=(
            "minister", "talsperson", "leder", "ordfører", "direktør", "trener", "sjef",
            "aktor", "professor", "ekspert", "forsker", "politiker", "president", "advokat",
            "kommentator",
        ),
        compounds=True,
        relatives=("som",),
        pronouns=("han", "hun"),
        dash_quotes=True,
        definite=("den", "det", "de"),  # before an adjective: "det norske OL-håpet"
        indefinite=("en", "ei", "et"),
        particles=("von", "af", "de"),
        prepositions=("i", "på", "for", "fra", "av", "med", "ved", "til"),
    ),
    "is": QuoteLanguage(
        "is",
        verbs=(
            "segir", "sagði", "segja", "sögðu", "segist", "sagðist", "bætir", "bætti",
            "útskýrir", "útskýrði", "skrifar", "skrifaði", "svarar", "svaraði", "spyr", "spurði",
            "fullyrðir", "fullyrti", "greinir", "greindi", "telur", "taldi", "segir hann",
            "segir hún",
        ),
        according_to=("að sögn", "samkvæmt"),
        titles=(
            "ráðherra", "forseti", "formaður", "forstjóri", "talsmaður", "lögreglustjóri",
            "prófessor", "sérfræðingur", "þingmaður", "borgarstjóri", "bæjarstjóri",
            "framkvæmdastjóri", "þjálfari", "saksóknari",
        ),
        compounds=True,
        relatives=("sem",),
        pronouns=("hann", "hún"),
        prepositions=("í", "á", "frá", "hjá", "við", "til", "um", "með", "fyrir", "af"),
    ),
    "cs": QuoteLanguage(
        "cs",
        verbs=(
            "řekl", "řekla", "uvedl", "uvedla", "prohlásil", "prohlásila", "dodal", "dodala",
            "napsal", "napsala", "upozornil", "upozornila", "vysvětlil", "vysvětlila", "míní",
            "říká", "uvádí", "zdůraznil", "zdůraznila", "sdělil", "sdělila", "odpověděl",
            "odpověděla", "píše", "tvrdí", "tvrdil", "tvrdila", "dodává", "vysvětluje",
            "upozorňuje", "zdůrazňuje", "konstatoval", "konstatovala", "konstatuje", "poznamenal",
            "poznamenala", "poznamenává", "podotkl", "podotkla", "podotýká", "prozradil",
            "prozradila", "přiznal", "přiznala", "přiznává", "oznámil", "oznámila", "varoval",
            "varovala", "varuje", "doplnil", "doplnila", "doplňuje", "komentoval", "komentovala",
            "hodnotí", "svěřil", "svěřila", "prohlašuje", "uvedli", "řekli", "dodali",
            "napsali", "pokračoval", "pokračovala",
        ),
        according_to=("podle",),
        titles=(
            "premiér", "ministr", "ministryně", "mluvčí", "prezident", "starost", "ředitel",
            "předsed", "poslan", "senátor", "trenér", "státní zástupce", "soudce", "expert",
            "profesor", "hejtman",
        ),
        relatives=("který", "která", "které", "kteří"),
        pronouns=("on", "ona"),
        prepositions=("z", "ze", "v", "ve", "do", "pro", "na", "od"),
    ),
    "tr": QuoteLanguage(
        "tr",
        # the cue follows the quotation and the speaker stands before it, as the sentence's
        # subject: 'Bakan Demir, "…" diye konuştu.' / '… belirten Demir, "…" ifadesini kullandı.'
        verbs=(
            "dedi", "diyor", "diye konuştu", "şöyle konuştu", "diye ekledi", "ekledi",
            "diye yazdı", "yazdı", "ifadesini kullandı", "ifadelerini kullandı",
            "sözlerini kullandı", "açıkladı", "belirtti", "söyledi", "kaydetti", "vurguladı",
            "dile getirdi", "aktardı", "bildirdi", "değerlendirdi", "şeklinde konuştu",
            "açıklamasında bulundu", "değerlendirmesinde bulundu", "paylaştı",
        ),
        titles=(
            "bakan", "başkan", "cumhurbaşkan", "başbakan", "vali", "sözcü", "müdür",
            "milletvekil", "büyükelçi", "savcı", "hakim", "antrenör", "rektör", "profesör",
            "uzman", "yazar", "kaymakam", "belediye", "genel sekreter", "komutan",
        ),
        pronouns=("o",),
        indefinite=("bir",),
        suffix_after_apostrophe=True,
    ),
}
"""Cue tables by ISO 639-1 code. English stays with the rules of :mod:`quotes`. Swedish, Danish,
Norwegian, Icelandic and Czech have tables but no check set beyond a test sentence each."""


def language_rules(language: str | None) -> QuoteLanguage | None:
    """The table for an article's language (``de``, ``de-AT``), None for English or unknown."""
    if not language:
        return None
    code = language.lower().split("-")[0].split("_")[0]
    return LANGUAGES.get({"no": "nb", "nn": "nb"}.get(code, code))  # Norwegian as wordfreq names it


AUXILIARIES = frozenset({
    "a", "ont", "est", "hat", "haben", "ist", "ha", "han", "hanno", "è", "heeft", "hebben", "is",
    "é", "foi", "tem", "fue", "was", "war", "wurde", "avait", "aveva", "había",
})  # fmt: skip
"""Auxiliary verbs that end a descriptive subject (``La direction de la RATP a assuré``)."""
GENERAL_TITLES = frozenset({"dr", "prof", "mag", "ing", "hr", "fr", "mme", "m", "sr", "sra"})
