"""Known sentence pairs the shipped judge must keep deciding the same way, through
``compare_texts`` (the path users take). Made-up sentences in the manner of the labelled story
pairs (``bench/data/compare-labels.jsonl``): a retrained judge that loses one of these has
regressed where it matters (restatements no longer "same", shared facts no longer aligned,
unrelated sentences aligned)."""

from __future__ import annotations

import pytest

from storylens.compare import compare_texts
from storylens.compare.judge import judge, prepare

RESTATED = [
    (
        "The company said on Monday it would cut 2,000 jobs by the end of the year.",
        "The company announced Monday that it will eliminate 2,000 jobs before the year ends.",
    ),
    (
        "Police arrested a 34-year-old man in connection with the shooting on Friday night.",
        "A 34-year-old man was arrested by police on Friday night in connection with the shooting.",
    ),
    (
        "The storm knocked out power to about 300,000 homes across the state.",
        "About 300,000 homes across the state lost power because of the storm.",
    ),
    (
        "The minister resigned on Tuesday after weeks of pressure over the housing scandal.",
        "After weeks of pressure over the housing scandal, the minister stepped down on Tuesday.",
    ),
    (
        "Shares of the carmaker fell 8 percent in early trading in New York.",
        "The carmaker's shares dropped 8 percent in early New York trading.",
    ),
]
SHARING_A_FACT = [
    (
        "The fire destroyed three houses on Elm Street, officials said.",
        "Firefighters battled the blaze for six hours before it was brought under control, and "
        "three houses on Elm Street were destroyed.",
    ),
    (
        "The senator, who was first elected in 1998, will not seek re-election next year.",
        "The senator announced he will not seek re-election, citing health reasons and a wish to "
        "spend time with his family.",
    ),
]
LOOK_ALIKES = [
    (
        "The Fed raised its benchmark rate by 75 basis points on Wednesday.",
        "The Hong Kong bank raised its lending rate by 12.5 basis points on Thursday.",
    ),
    (
        "The storm killed 12 people in Texas on Monday, officials said.",
        "Officials in Texas said on Monday that schools would reopen after the storm.",
    ),
    (
        "The phone has a full keyboard, GPS and Wi-Fi.",
        "The carrier will start selling the new phone to its customers next month.",
    ),
]
UNRELATED = [
    (
        "The museum reopened its sculpture garden after a long renovation.",
        "The automaker recalled 5,000 cars over faulty brakes.",
    ),
    (
        "Smith scored 23 points to lead the team to a win over Boston.",
        "Smith missed the last three games with a sprained ankle.",
    ),
]


def _kinds(a: str, b: str) -> set[str]:
    return {item["kind"] for item in compare_texts(a, b).to_dict()["shared"]}


@pytest.mark.parametrize(("a", "b"), RESTATED)
def test_a_restatement_is_the_same_fact(a: str, b: str) -> None:
    kinds = _kinds(a, b)
    assert kinds and "partial" not in kinds, kinds
    assert judge(prepare(a), prepare(b)).p_same >= 0.8


@pytest.mark.parametrize(("a", "b"), SHARING_A_FACT)
def test_sentences_sharing_one_stated_fact_are_aligned_as_partial(a: str, b: str) -> None:
    assert _kinds(a, b) == {"partial"}


@pytest.mark.parametrize(("a", "b"), LOOK_ALIKES)
def test_a_look_alike_is_never_the_same_fact(a: str, b: str) -> None:
    """Same frame, other subject or predicate: not "same" (the judge still calls these
    "partial": telling look-alikes from shared facts is where aligned-fact F1 is lost)."""
    assert "verbatim" not in _kinds(a, b) and "paraphrase" not in _kinds(a, b)
    assert judge(prepare(a), prepare(b)).p_same < 0.5


@pytest.mark.parametrize(("a", "b"), UNRELATED)
def test_unrelated_sentences_share_nothing(a: str, b: str) -> None:
    assert not compare_texts(a, b).shared
