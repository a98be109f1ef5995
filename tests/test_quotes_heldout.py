"""Issue 11, held-out check on outside data: the behaviours changed after reading half A of the
GenderGapTracker set's errors (each case is made up for the test; no GGT text), the outside-file
scorer, and the GGT converter on a tiny synthetic sheet."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from storylens.bench.quotes_external import run_quotes_external
from storylens.compare import article_quotes
from storylens.models import Article


def _quotes(body: str) -> list[dict]:
    return article_quotes(Article(id="t", origin="t", title="", body=body))


# quote finding ---------------------------------------------------------------------------------


def test_quotes_with_a_sentence_of_narration_between_them_stay_apart() -> None:
    body = (
        "Retired teacher Ann Pole says the class changed her life. “I always meant to exercise "
        "more. But this got me going at last,” she says. Pole, 71, credits her dog Rufus for "
        "keeping her on track. She bought her own pass in the end. “My blood pressure is back "
        "to normal now,” she adds.\n"
    )
    quotes = _quotes(body)
    assert len(quotes) == 2, "a whole sentence of narration between two quotes splits them"
    assert all("Rufus" not in body[q["start"] : q["end"]] for q in quotes)


def test_one_sentence_of_narration_between_quotes_also_splits_them() -> None:
    body = (
        "Lena Ortiz is happy with the class. “I have learned how to take time to meditate and it "
        "really helps,” she says. Ortiz found the coaching useful. “I was able to go online and "
        "ask questions any time I wanted to,” she says.\n"
    )
    assert len(_quotes(body)) == 2, "'Ortiz found the coaching useful.' is not an attribution"

def test_a_labelled_link_to_another_story_gives_no_quote() -> None:
    body = (
        "“We will rebuild every house that the river took from us,” said Mayor Ed Lutz.\n\n"
        "READ MORE: ‘Still in shock’: flood victims wait for help as waters recede\n\n"
        "UPDATE: “We have restored power to most homes,” the utility said.\n"
    )
    texts = [q["text"] for q in _quotes(body)]
    assert not any("Still in shock" in t for t in texts), "a link line's headline is no quote"
    assert any("restored power" in t for t in texts), "a labelled sentence still quotes"

def test_quotes_joined_across_a_bare_attribution_still_join() -> None:
    body = (
        "“We never thought the river would rise this fast in one night,” said Mayor Ed Lutz, "
        "who has lived in the town for forty years. “It came over the wall before midnight.”\n"
    )
    quotes = _quotes(body)
    assert len(quotes) == 1, "one attribution sentence between two pieces keeps them one quote"
    assert quotes[0]["speaker"] == "Ed Lutz"


# names and cues ---------------------------------------------------------------------------------


def test_a_sentence_opening_conjunction_or_weekday_is_not_part_of_a_name() -> None:
    from storylens.compare.names import find_people

    people = find_people(
        "Although Jane Smith spoke first, nobody listened. On Wednesday Suncor said little.\n"
    )
    assert people.get("Smith") == "Jane Smith", "'Although' opens the clause, not the name"
    assert people.get("Suncor") != "Wednesday Suncor", "a weekday before a name is the date"


def test_a_surname_that_is_a_month_stays_but_a_trailing_weekday_goes() -> None:
    from storylens.compare.names import find_people

    body = (
        "Prime Minister Theresa May spoke in London. Ali Aden Thursday met the press.\n\n"
        "“We will deliver on time and in full for the people of this country,” May said.\n"
    )
    people = find_people(body)
    assert people.get("May") == "Theresa May", "'May' ends the name, it is no month here"
    assert people.get("Aden") == "Ali Aden", "a weekday after a name is still the date"
    assert [q["speaker"] for q in _quotes(body)] == ["Theresa May"]

def test_more_speech_verbs_are_cues() -> None:
    body = (
        "The agency paid out in the end. “We had the largest claim in our history as a result "
        "of the turmoil,” Peter Gagne, the agency’s then-chief risk officer, mentioned in a 2013 "
        "commentary.\n\n"
        "Lena Ortiz, the target of the joke, retorted, “I’m a good swimmer and I will not drown "
        "in this pool.”\n"
    )
    speakers = [q["speaker"] for q in _quotes(body)]
    assert speakers == ["Peter Gagne", "Lena Ortiz"], "mentioned / retorted are speech cues"



def test_a_name_with_an_inner_apostrophe_is_one_name() -> None:
    body = (
        "But Hereditary Chief Ta’moks said he did not consider the arrests threatening.\n\n"
        "“When you discuss a threatening action, I do not think there is any aggression "
        "there,” he said.\n"
    )
    assert [q["speaker"] for q in _quotes(body)] == ["Ta’moks"], "not cut at the apostrophe"


# "he said" after a quote-free paragraph -------------------------------------------------------


def test_he_after_a_paragraph_whose_subject_is_he_is_that_paragraphs_he() -> None:
    body = (
        "Kevin Vance grew up on a dairy farm near the coast.\n\n"
        "He said the dairy, along with a credit union run by his father’s friend, Martin "
        "Legere, gave the province a boost.\n\n"
        "“They brought a lot of jobs, a lot of great times to this province,” he said.\n"
    )
    assert [q["speaker"] for q in _quotes(body)] == ["Kevin Vance"], "not the appositive's name"


def test_he_after_a_paragraph_whose_subject_is_a_role_is_the_role_holder() -> None:
    body = (
        "Mayor Doug Mallon wants a new rail line for the city.\n\n"
        "“The cost estimate did not consider construction schedules,” a spokesperson said.\n\n"
        "On Dec. 13, the mayor brought the plan up again while speaking to the media.\n\n"
        "“We can reduce costs considerably if crews build around the clock,” he said.\n"
    )
    assert _quotes(body)[-1]["speaker"] == "Doug Mallon", "the mayor, not the quote before"



def test_a_name_after_the_cue_ends_at_a_subordinate_clause() -> None:
    body = (
        "Her new cookbook is out this week. “I cook simple food and I don’t fuss about the "
        "finishing touches that much,” says Dora Greenfield while visiting The Star’s test "
        "kitchen.\n"
    )
    assert [q["speaker"] for q in _quotes(body)] == ["Dora Greenfield"]


def test_he_after_a_paragraph_that_ends_according_to_someone_is_that_someone() -> None:
    body = (
        "Finance Minister Bill Morrow defended the plan on Monday.\n\n"
        "The error might simply be that they marketed it as a stimulus package, according to "
        "David Dodds, a former adviser to Paul Marten.\n\n"
        "“Politicians tend to sell this stuff on stimulus grounds,” he said.\n"
    )
    assert _quotes(body)[-1]["speaker"] == "David Dodds"


def test_he_skips_a_line_that_does_not_end_like_a_sentence() -> None:
    body = (
        "Green Party spokesman Stefan Jonas spoke after the vote.\n\n"
        "WATCH: Adam Wells concedes the seat to the Greens\n\n"
        "“If the next election is a two-party race, it is going to be bad for us,” he said.\n"
    )
    assert _quotes(body)[-1]["speaker"] == "Stefan Jonas", "a link line is not the antecedent"


def test_he_is_not_the_subject_of_a_subordinate_clause() -> None:
    body = (
        "Stefan Jonas spoke after the vote. But if Adam Wells runs again then the party may "
        "lose the seat.\n\n"
        "“If the next election is a two-party race, it is going to be bad for us,” he said.\n"
    )
    assert _quotes(body)[-1]["speaker"] == "Stefan Jonas", "'if Adam Wells runs' is not the subject"


def test_he_in_the_paragraph_before_looks_back_from_its_own_sentence() -> None:
    body = (
        "Premier Dan Forde announced the cuts last week.\n\n"
        "Justin Tremblay told the crowd that cuts to schools won't help the economy grow. But the "
        "cuts would also hit home on a personal level, he added.\n\n"
        "“I'm also a parent who has three kids in the public school system,” he said.\n"
    )
    assert _quotes(body)[-1]["speaker"] == "Justin Tremblay"

# the outside-file scorer and the GGT converter --------------------------------------------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _sheet(rows: list[list[str]]) -> bytes:
    """A tiny xlsx: shared strings for every cell, one worksheet."""
    strings: list[str] = []
    xml_rows = []
    for r, row in enumerate(rows, 1):
        cells = []
        for c, value in enumerate(row):
            strings.append(value)
            cells.append(f'<c r="{chr(65 + c)}{r}" t="s"><v>{len(strings) - 1}</v></c>')
        xml_rows.append(f'<row r="{r}">{"".join(cells)}</row>')

    def esc(s: str) -> str:
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    shared = "".join(f"<si><t>{esc(s)}</t></si>" for s in strings)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as book:
        book.writestr("xl/sharedStrings.xml", f'<sst xmlns="{_MAIN}">{shared}</sst>')
        book.writestr("xl/worksheets/sheet1.xml",
                      f'<worksheet xmlns="{_MAIN}"><sheetData>{"".join(xml_rows)}</sheetData>'
                      "</worksheet>")  # fmt: skip
    return buffer.getvalue()


RAW = (
    "Mayor Ed Lutz spoke on Monday.\n\n"
    "“We never thought the river would rise this fast in one night,” he said.\n\n"
    "Lutz said the town would rebuild.\n"
)
# the annotated copy has other paragraph separators, so its indices are off (as in GGT's sheet)
ANNOTATED = RAW.replace("\n\n", "\n .\n ")


def _annotation() -> str:
    start = ANNOTATED.index("“We")
    end = ANNOTATED.index("night,”") + len("night,”")
    said = ANNOTATED.index("said the town")
    first = {"speaker": "he", "verb": "said", "quote": ANNOTATED[start:end],
             "quote_index": f"({start},{end})", "speaker_index": f"({end + 1},{end + 3})",
             "reference": "Ed Lutz"}  # fmt: skip
    second = {"speaker": "Lutz", "verb": "said", "quote": "the town would rebuild",
              "quote_index": f"({said + 5},{said + 27})", "speaker_index": "",
              "reference": "Ed Lutz"}  # fmt: skip
    # two lists run together, as one row of the real sheet has them
    return json.dumps([first])[:-1] + "\n[" + json.dumps([second])[1:]


def test_converter_reads_the_sheet_and_locates_quotes_in_the_raw_text(
    tmp_path: Path, load_script: Callable[[str], ModuleType]
) -> None:
    ggt = load_script("ggt_quotes_set")
    header = ["_id", "outlet", "articleBodyText", "quotations"]
    sheet = _sheet([header, ["ObjectId5c0000000000000000000001)", "Test News", ANNOTATED,
                             _annotation()]])  # fmt: skip
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w") as archive:
        archive.writestr("rawtext/5c0000000000000000000001.txt", RAW)
    records, stats = ggt.convert(ggt.read_sheet(sheet), ggt.read_texts(raw.getvalue()))
    assert stats["articles"] == 1 and stats["quotes"] == 2 and stats["not_found"] == 0
    record = records[0]
    assert record["id"] == "5c0000000000000000000001", "id despite the missing parenthesis"
    direct, indirect = record["attributions"]
    assert direct["direct"] and not indirect["direct"], "direct = content opens with a mark"
    s, e = direct["content_spans"][0]
    assert RAW[s:e] == direct["content"], "spans point into the raw text, not the sheet's copy"
    assert direct["source"] == "he" and direct["reference"] == "Ed Lutz"
    s, e = direct["source_span"]
    assert RAW[s:e] == "he"

    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    scores = run_quotes_external(path)
    assert scores["storylens"]["all"]["direct_recall"] == 1.0
    assert scores["storylens"]["all"]["counts"]["named"] == 0, "a pronoun mention is not scored"
    reference = scores["speaker_vs_reference"]["all"]
    assert reference["counts"]["named"] == 1 and reference["speaker_accuracy"] == 1.0
    assert scores["baseline_every_quoted_span"]["all"]["direct_recall"] == 1.0


def test_quotes_dev_scored_through_extract_as_users_give_it(tmp_path: Path) -> None:
    """The quotes bench also reads its articles as ``storylens extract --jsonl`` does (plain-text
    extraction first): the quote found in the extracted body is placed back in the gold text."""
    from storylens.bench.quotes import quotes_through_extract

    text = (
        "The harbour bridge reopened to traffic on Thursday morning after eight months of repairs "
        "that had closed the main road into the old town.\n\n"
        "“We are glad to have our bridge back and we thank everyone for their patience,” said "
        "Mayor Ellen Korver at a ceremony on the western bank.\n\n"
        "Ferry operators, who had added extra crossings during the closure, will return to their "
        "usual timetable next week, the council said in a statement on Friday."
    )
    quote = "“We are glad to have our bridge back and we thank everyone for their patience,”"
    start = text.index(quote)
    row = {
        "id": "a1",
        "text": text,
        "attributions": [{
            "content": quote, "content_spans": [[start, start + len(quote)]],
            "source": "Mayor Ellen Korver", "source_span": [0, 0], "cue": "said", "direct": True,
        }],
    }  # fmt: skip
    path = tmp_path / "quotes.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    scores = quotes_through_extract(path)
    assert scores["counts"]["found"] == 1
    assert scores["counts"]["speaker_ok"] == 1
    assert scores["quotes_not_placed"] == 0
