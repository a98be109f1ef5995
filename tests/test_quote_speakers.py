"""Who said it: one hand-written case per speaker rule of compare/quotes.py and mentions.py.

Every sentence here is made up for the test (no bench data); each assertion names the rule it
guards, so a failure says which rule broke.
"""

from __future__ import annotations

from storylens.bench.quotes import half_of, nearest_name_after
from storylens.compare import article_quotes
from storylens.compare.names import find_people
from storylens.compare.quotes import find_quotes, group_quotes
from storylens.compare.sentences import split_sentences
from storylens.models import Article


def _speakers(body: str) -> list[str | None]:
    return [q["speaker"] for q in article_quotes(Article(id="t", origin="t", title="", body=body))]


def _speaker_of(body: str, words: str) -> str | None:
    quotes = article_quotes(Article(id="t", origin="t", title="", body=body))
    return next(q["speaker"] for q in quotes if words in q["text"])


# role nouns and descriptions -----------------------------------------------------------------


def test_role_noun_resolves_to_the_titled_person_not_the_last_one_mentioned() -> None:
    body = (
        "Sen. Marco Rubio spoke first on Tuesday.\n\n"
        "Rubio accused President Barack Obama of weakness.\n\n"
        "“We cannot stand by while this happens,” the Florida senator said.\n"
    )
    assert _speaker_of(body, "stand by") == "Marco Rubio", "senator ~ Sen., not the last name"


def test_role_noun_prefers_the_holder_whose_descriptors_share_its_modifiers() -> None:
    body = (
        "Vermont Sen. Bernie Sanders and Texas Sen. Ted Cruz both spoke at the forum.\n\n"
        "Cruz left early. “The system is rigged against working people,” the Vermont senator "
        "told reporters.\n"
    )
    assert _speaker_of(body, "rigged") == "Bernie Sanders", "Vermont picks the Vermont senator"
    before = (
        "Vermont Sen. Bernie Sanders met Texas Sen. Ted Cruz.\n\n"
        "The Vermont senator emailed supporters saying: “The struggle continues.”\n"
    )
    assert _speaker_of(before, "struggle") == "Bernie Sanders", "a capitalised role phrase"


def test_role_of_someone_never_named_stays_a_description() -> None:
    body = (
        "Prime Minister Jane Roe met the king on Monday.\n\n"
        "“The prime minister has no plans to resign,” the spokesman said.\n"
    )
    assert _speaker_of(body, "no plans") == "the spokesman", "an unnamed spokesman is not Roe"


def test_role_of_someone_named_earlier_resolves_to_them() -> None:
    body = (
        "Her spokesman, Tom Lee, declined to comment at first.\n\n"
        "“She will not resign over this,” the spokesman said later.\n"
    )
    assert _speaker_of(body, "not resign") == "Tom Lee", "the spokesman named in an appositive"


def test_indefinite_description_is_a_new_unnamed_source() -> None:
    body = (
        "“We will win this fight,” Governor Ahmad Rahman said.\n\n"
        "“The campaign has been slow to respond,” one senior Democrat said.\n"
    )
    assert _speaker_of(body, "slow to respond") == "one senior Democrat", (
        "an indefinite description is never resolved to the person named before"
    )


def test_indefinite_description_with_an_appositive_name_is_that_person() -> None:
    body = "“We are anxious about the border,” said another Twitter user, Johanna Weber.\n"
    assert _speaker_of(body, "anxious") == "Johanna Weber"


def test_document_or_organisation_subject_is_the_speaker() -> None:
    body = (
        "Senator Maria Lopez released a new television spot on Friday.\n\n"
        "The ad says “nothing will change until we elect new leaders.”\n"
    )
    assert _speaker_of(body, "nothing will change") == "The ad", "the ad, not Lopez"


# pronouns and sentence subjects --------------------------------------------------------------


def test_pronoun_is_the_subject_of_the_sentence_before_not_the_last_name() -> None:
    body = (
        "Maria Lopez met John Carter and Peter Novak on Monday.\n\n"
        "Lopez criticised Carter in front of the committee. “It is a bad bill for farmers,” "
        "she said.\n"
    )
    assert _speaker_of(body, "bad bill") == "Maria Lopez"


def test_participle_cue_takes_the_main_clause_subject() -> None:
    body = (
        "Chris Christie and Donald Trump appeared together.\n\n"
        "Christie bristled at the suggestion that he had advised Trump, saying, “The advice I "
        "give to Donald is to Donald.”\n"
    )
    assert _speaker_of(body, "advice I give") == "Chris Christie", "not Trump, the nearest name"


def test_said_then_adding_takes_the_inner_attribution() -> None:
    body = (
        "Sam Nefzi, the imam, knew Omar Hadid for years.\n\n"
        "Hadid left as soon as prayers were finished, Nefzi said, adding, “He was not very "
        "religious.”\n"
    )
    assert _speaker_of(body, "not very religious") == "Sam Nefzi"


def test_partial_quote_inside_a_sentence_is_its_subjects() -> None:
    body = (
        "Jane Roe owns shares in the company.\n\n"
        "In March, Roe blasted the company for its “outrageous and unfair practices” in hiring.\n"
    )
    assert _speaker_of(body, "outrageous") == "Jane Roe"


# shapes of attribution -----------------------------------------------------------------------


def test_attribution_that_introduces_the_next_quote_is_not_the_previous_ones() -> None:
    body = (
        "Abdul Zahed and his wife, Breshna Alawee, fled in March.\n\n"
        "“We are refugees,” Ms. Alawee said. “We are not terrorists.” Mr. Zahed said: “The "
        "attack was the work of terrorists.”\n"
    )
    assert _speakers(body) == ["Breshna Alawee", "Breshna Alawee", "Abdul Zahed"]


def test_verb_outside_the_cue_list_in_an_attribution_shape() -> None:
    body = "“Silly boys acting like they have never seen a girl,” scoffed Arianna Gil, 22.\n"
    assert _speaker_of(body, "Silly boys") == "Arianna Gil"


def test_name_after_the_cue_ends_at_a_preposition() -> None:
    body = (
        "“It would have been a real long shot,” said Stephen Vladeck of the University of "
        "Texas School of Law.\n"
    )
    assert _speaker_of(body, "long shot") == "Stephen Vladeck"


def test_title_run_before_the_name_is_skipped() -> None:
    body = "“Republicans are so frustrated,” said Oversight ranking Democrat Elijah Cummings.\n"
    assert _speaker_of(body, "frustrated") == "Elijah Cummings"


def test_mistyped_closing_mark_ends_the_quote() -> None:
    body = "“It is unusual,“ said Larry Noble, an attorney. “It is a hard thing to do.”\n"
    quotes = article_quotes(Article(id="t", origin="t", title="", body=body))
    assert quotes[0]["text"] == "It is unusual" and quotes[0]["speaker"] == "Larry Noble"


def test_demonym_shaped_first_name_is_kept() -> None:
    body = "“Now they are uniting,” said Brian Baker, a political adviser to the family.\n"
    assert _speaker_of(body, "uniting") == "Brian Baker", "Brian is a first name, not a demonym"


def test_lone_surname_that_is_also_a_word_names_someone_when_always_capitalised() -> None:
    body = "The rally was loud.\n\n“We are going to win so much,” Trump said at the rally.\n"
    assert _speaker_of(body, "win so much") == "Trump"
    calendar = "The vote was close.\n\n“We will see,” officials said Thursday.\n"
    assert _speaker_of(calendar, "We will see") != "Thursday", "a weekday never speaks"


# headlines -------------------------------------------------------------------------------------


def test_headline_quote_is_said_by_the_headline_subject() -> None:
    body = (
        "Trump Addresses Munich Attack: ‘This Cannot Continue.’\n\n"
        "Donald Trump issued a statement on Friday about the attack in Munich.\n"
    )
    assert _speaker_of(body, "This Cannot Continue") == "Donald Trump"


def test_title_case_headline_words_are_not_part_of_a_name() -> None:
    body = (
        "Private Meeting Between Clinton And Warren Ends Without A Statement\n\n"
        "Hillary Clinton met Elizabeth Warren at her home on Friday.\n\n"
        "“We had a good talk about the campaign,” Clinton said.\n"
    )
    assert _speaker_of(body, "good talk") == "Hillary Clinton"


def test_newsletter_item_under_a_heading_does_not_inherit_the_speaker_before() -> None:
    body = (
        "“We will keep fighting for every vote,” Governor Ahmad Rahman said.\n\n"
        "STORM SURVIVORS, THROUGH THE LENS “It is about giving communities a way to tell their "
        "own story.” [Daily Paper.]\n"
    )
    assert _speaker_of(body, "giving communities") is None


# across a story --------------------------------------------------------------------------------


def test_one_utterance_gets_the_name_any_article_gives() -> None:
    words = "We agreed to set up a joint task force to advance toward this goal"
    bodies = {
        "a": f"Prime Minister Benjamin Netanyahu met the president.\n\n“{words},” Netanyahu "
             "said.\n",
        "b": f"The cabinet met on Sunday.\n\n“{words} soon,” the Israeli PM said.\n",
        "c": f"Talks went on late.\n\n“{words},” said Netanyahu.\n",
    }  # fmt: skip
    quotes = []
    for aid, body in bodies.items():
        quotes += find_quotes(aid, body, split_sentences(body))
    assert [q.speaker for q in quotes][1] == "the Israeli PM", "article b alone names no one"
    groups = group_quotes(quotes)
    assert len(groups) == 1, "a description does not split the utterance"
    assert groups[0].speaker == "Benjamin Netanyahu"
    assert {v.speaker for v in groups[0].variants} == {"Benjamin Netanyahu"}


def test_same_words_from_two_named_people_stay_apart() -> None:
    words = "This is a great day for the people of this country and its future"
    one = f"Jane Roe spoke.\n\n“{words},” Jane Roe said.\n"
    two = f"John Carter spoke.\n\n“{words},” John Carter said.\n"
    quotes = find_quotes("a", one, split_sentences(one))
    quotes += find_quotes("b", two, split_sentences(two))
    assert len(group_quotes(quotes)) == 2


# the bench's halves and baseline -------------------------------------------------------------


def test_bench_halves_are_fixed_and_the_baseline_takes_the_next_name() -> None:
    ids = [f"outlet_2016-01-{k:02d}_story" for k in range(1, 29)]
    halves = [half_of(i) for i in ids]
    assert halves == [half_of(i) for i in ids] and {"A", "B"} == set(halves)
    text = "“We will win,” the crowd heard Jane Roe say."
    assert nearest_name_after(text, {"end": text.index("”") + 1}) == "Jane Roe"


def test_curly_quote_closed_by_a_straight_mark_before_the_cue() -> None:
    body = (
        "“At this point, I don’t think there is bad publicity,\" said Mayor Don Guardian. "
        "\"We have made bad mistakes for fifty years.”\n"
    )
    quotes = article_quotes(Article(id="t", origin="t", title="", body=body))
    assert quotes[0]["speaker"] == "Don Guardian" and "said" not in quotes[0]["text"]


def test_first_name_alone_resolves_to_the_one_person_with_it() -> None:
    body = (
        "Greg McDermott coached his son Doug McDermott for four years. Greg McDermott said "
        "little after the game, and Greg McDermott left early.\n\n"
        "“I can play in the league next year just as well,” Doug said.\n"
    )
    assert _speaker_of(body, "play in the league") == "Doug McDermott"


def test_always_capitalised_demonym_is_not_a_surname() -> None:
    body = "The school was hit.\n\n“The school was booby-trapped by militants,” Israeli said.\n"
    assert _speaker_of(body, "booby-trapped") is None


def test_object_after_the_cue_that_opens_a_clause_is_not_the_speaker() -> None:
    body = (
        "Kimani Gray was shot on Saturday night.\n\n"
        "“Stay down, or we will shoot you again,” police said once Gray had been hit.\n"
    )
    assert _speaker_of(body, "Stay down") != "Kimani Gray"


def test_quoted_phrase_in_a_sentence_about_someone_else_gets_no_description() -> None:
    body = (
        "An arsonist set the church on fire, and Palin has apologised if it was connected to "
        "“undeserved negative attention” from her campaign.\n"
    )
    assert _speaker_of(body, "undeserved") != "An arsonist"


def test_a_relative_with_the_same_surname_keeps_their_own_first_name() -> None:
    body = (
        "Tyler Hansbrough scored 20 points. Tyler Hansbrough broke the record.\n\n"
        "“He dunks it in with his soft hands,” said Gene Hansbrough, his father.\n"
    )
    assert _speaker_of(body, "soft hands") == "Gene Hansbrough"


def test_organisation_runs_are_not_people_for_pronouns() -> None:
    body = (
        "The Daily News obtained the tape. Officer Jane Roe spoke to investigators.\n\n"
        "“I could not see what the kids were doing,” she said during the session.\n"
    )
    assert _speaker_of(body, "could not see") == "Jane Roe"


def test_whoever_is_told_is_the_listener_not_the_speaker() -> None:
    body = "“Your services are no longer needed,” it told director Ann Lee on Monday.\n"
    assert _speaker_of(body, "no longer needed") != "Ann Lee"
    inverted = "“How big is that wall?” asked the boy, who wore a red hat.\n"
    assert _speaker_of(inverted, "How big") == "the boy", "after the quote the asker speaks"


def test_a_name_inside_an_introductory_clause_is_not_the_subject() -> None:
    body = (
        "Two people were found “without vital signs” after Typhoon Nanmadol slammed into "
        "Japan over the weekend, officials said.\n"
    )
    assert _speaker_of(body, "without vital signs") != "Typhoon Nanmadol"


def test_pronoun_next_to_the_verb_beats_a_description_earlier_in_the_subject() -> None:
    body = (
        "Bettie Page taught school for a year.\n\n"
        "Her teaching career, however, was hampered by her looks, she said. “I couldn't "
        "control my students,” she is quoted as saying.\n"
    )
    assert _speaker_of(body, "control my students") == "Bettie Page"


def test_name_segment_before_an_appositive_is_the_speaker() -> None:
    body = (
        "The outage hit call centres. Speaking to reporters, Rajesh Chharia, president of the "
        "Internet Service Providers Association of India, said: “Companies will suffer.”\n"
    )
    assert _speaker_of(body, "Companies will suffer") == "Rajesh Chharia"


def test_inverted_attribution_after_the_rest_of_the_sentence() -> None:
    body = (
        "Hillary Clinton leads by 200 delegates.\n\n"
        "“He can assert it, but it seems extremely unlikely” that Sanders can catch Clinton, "
        "said Steve Elmendorf, a Democratic strategist.\n"
    )
    assert _speaker_of(body, "extremely unlikely") == "Steve Elmendorf"
    appositive = (
        "“It is a long shot,” David Axelrod, the chief strategist of the 2008 campaign, told "
        "CNN on Sunday.\n"
    )
    assert _speaker_of(appositive, "long shot") == "David Axelrod", "an appositive, not inversion"


def test_indirect_speech_of_someone_else_after_a_closed_quote_is_not_its_attribution() -> None:
    body = (
        "“It's a very sad development,” Ted Cruz told reporters. “That has no place in a "
        "political campaign.” Ohio Gov. John Kasich said he would have fired the manager.\n"
    )
    assert _speaker_of(body, "no place") == "Ted Cruz"


def test_possessor_of_a_quoted_phrase_said_it() -> None:
    body = (
        "Barack Obama signed the law in 2010.\n\n"
        "It is the persistent pull of Obama's “if you like your plan, you can keep it” "
        "promise that unions remember.\n"
    )
    assert _speaker_of(body, "keep it") == "Barack Obama"


def test_colon_after_a_participle_clause_takes_the_main_subject() -> None:
    body = (
        "Elizabeth Warren endorsed Hillary Clinton this month.\n\n"
        "Ever since she endorsed Mrs. Clinton, Ms. Warren has been a surrogate, visiting the "
        "campaign's offices in New York with a simple message: “Don't screw this up!”\n"
    )
    assert _speaker_of(body, "screw this up") == "Elizabeth Warren"


def test_quote_left_open_at_paragraph_end_takes_the_attribution_where_it_closes() -> None:
    body = (
        "Thousands camped on higher ground.\n\n"
        "“I'm half-dead in my tent.\n\n"
        "I want to go home but I'm scared of a tsunami,” said Siti Mapahai, 35.\n"
    )
    assert _speaker_of(body, "half-dead") == "Siti Mapahai"


def test_pronoun_in_a_new_paragraph_is_the_subject_of_the_paragraph_before() -> None:
    body = (
        "“We all agree on the plan,” Mark Pinder said.\n\n"
        "Wally Oppal said the charges had been a long time coming.\n\n"
        "“This has been a very complex issue,” he told reporters.\n"
    )
    assert _speaker_of(body, "complex issue") == "Wally Oppal", "not Pinder, the last speaker"


def test_quotation_opened_after_a_colon_and_continued_in_the_next_paragraph() -> None:
    body = (
        "Three climbers were rescued.\n\n"
        "Mr Gaskin said: \"There was a lot of snow and ice in very steep conditions.\n\n"
        "\"It appears the party were insufficiently equipped for the climb.\"\n"
    )
    quotes = article_quotes(Article(id="t", origin="t", title="", body=body))
    assert [q["speaker"] for q in quotes] == ["Gaskin", "Gaskin"]
    assert quotes[0]["text"].startswith("There was a lot of snow")


def test_title_alone_does_not_pick_the_holder_when_the_description_says_more() -> None:
    body = (
        "President Vladimir Putin spoke for three hours on Thursday.\n\n"
        "“We will not be pushed around,” Putin said. He praised FIFA president Sepp Blatter.\n\n"
        "“He is a very talented man,” the Russian leader said.\n"
    )
    assert _speaker_of(body, "talented man") == "Vladimir Putin", "not Blatter, the last president"


def test_quotation_reopened_in_the_next_paragraph_shares_its_speaker() -> None:
    body = (
        "The minister spoke at length.\n\n"
        "“The first part of the plan is to rebuild the bridges in the north.\n\n"
        "“The second part is to reopen the schools,” said Amina Yusuf, the minister.\n"
    )
    quotes = article_quotes(Article(id="t", origin="t", title="", body=body))
    assert [q["speaker"] for q in quotes] == ["Amina Yusuf", "Amina Yusuf"]


def test_organisations_and_places_are_not_in_the_name_list() -> None:
    people = find_people(
        "The Daily News obtained the tape. Reporters at the Daily News and in the United "
        "States read it. Jane Roe, an editor, spoke first.\n"
    )
    assert "News" not in people and "States" not in people and people["Roe"] == "Jane Roe"


def test_possessive_organisation_before_a_titled_name() -> None:
    body = (
        "Christopher Gunness spoke in Gaza on Monday.\n\n"
        "The UN's Mr Gunness disagreed with the minister:\n\n"
        "“There is a humanitarian crisis already, and it is getting worse.”\n"
    )
    assert _speaker_of(body, "humanitarian crisis") == "Christopher Gunness"
    verb = body.replace("disagreed", "also disagreed")
    assert _speaker_of(verb, "humanitarian crisis") == "Christopher Gunness"
