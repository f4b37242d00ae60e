"""A headline (and caption) run into the first sentence: where the body starts.

The run-in lines are first sentences of Timeline17 and Entities articles, as stored
after cleaning (BBC and Guardian pages saved with the headline on the first line).
"""

from __future__ import annotations

import pytest

from dateline.text.run_in_headline import body_start, headline_end

RUN_IN = [
    (
        "US government takes BP to court over oil spill The US government is taking BP and eight other "
        "companies to court over the Gulf of Mexico oil spill.",
        "The US government is taking BP",
    ),
    (
        "Charities given Haiti funds boost An international effort is under way to help those affected by "
        "the earthquake.",
        "An international effort",
    ),
    (
        "Haiti earthquake: not enough doctors A Medicins Sans Frontieres doctor operating in a makeshift "
        "hospital Between 100,000 and 200,000 people may have died in Haiti.",
        "A Medicins Sans Frontieres doctor",
    ),
    (
        "Syria crisis: Deadly shooting at Damascus funeral The BBC's Jim Muir: \"We're told that security "
        'forces opened fire on mourners."',
        "The BBC's Jim Muir",
    ),
    (
        "Haiti earthquake death toll 'may be 50,000' On the ground in Haiti with survivors as they desperately "
        "plead for help The Red Cross estimates 45,000-50,000 people have died in Haiti's devastating earthquake.",
        "The Red Cross estimates",
    ),
    # after a name, and after a headline in title case
    (
        "Isle of Man makes donation to help unrest in Syria The Syrian unrest began in the southern city of "
        "Deraa in March.",
        "The Syrian unrest began",
    ),
    (
        "Gulf of Mexico Platform Explosion An oil platform exploded and caught fire Thursday off the Louisiana coast.",
        "An oil platform exploded",
    ),
]

WHOLE = [
    "The Security Council voted on Thursday to impose a no-fly zone over Libya.",
    "Judges at the international court in The Hague issued a warrant for the leader on Monday.",
    "A spokesman told The Times that the company would appeal against the ruling next week.",
    "Fake Steve Jobs, who writes The Secret Diary of Steve Jobs, appears to have stopped posting.",
    "Rebels said the fighting was heavy An hour later.",
    "Talks ended A deal is near, officials said.",
    "Shares rose after Rupert Murdoch's The Times reported that the bid would be raised this week.",
    "Staff at the company's The Hague office were told on Monday that it would close next year.",
]


@pytest.mark.parametrize(("sentence", "body"), RUN_IN)
def test_the_body_starts_after_the_run_in_headline(sentence: str, body: str) -> None:
    assert sentence[body_start(sentence) :].startswith(body)


@pytest.mark.parametrize("sentence", WHOLE)
def test_a_sentence_without_a_run_in_headline_is_whole(sentence: str) -> None:
    assert body_start(sentence) == 0


@pytest.mark.parametrize(
    ("sentence", "headline"),
    [
        (RUN_IN[0][0], "US government takes BP to court over oil spill"),
        # a caption after the headline, with a seam of its own: the headline ends at the first
        (RUN_IN[2][0], "Haiti earthquake: not enough doctors"),
        # a caption joined to the headline without a seam stays with it
        (
            RUN_IN[4][0],
            "Haiti earthquake death toll 'may be 50,000' On the ground in Haiti with survivors as they desperately"
            " plead for help",
        ),
    ],
)
def test_the_headline_ends_at_the_first_seam(sentence: str, headline: str) -> None:
    assert sentence[: headline_end(sentence)].rstrip() == headline


@pytest.mark.parametrize("sentence", WHOLE)
def test_a_sentence_without_a_run_in_headline_has_no_headline(sentence: str) -> None:
    assert headline_end(sentence) == 0
