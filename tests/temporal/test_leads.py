"""The words a rule's pattern can start with, read by leads' own regex parser."""

from __future__ import annotations

import pytest

from dateline.temporal.leads import DIGIT, lead_phrases, leads
from dateline.temporal.tagger import RULES


def test_alternatives_and_optional_parts_each_give_a_lead() -> None:
    assert leads(r"(?:January|Feb\.?)\s*\d") == {"January", "Feb"}


def test_a_digit_class_or_range_leads_with_the_digit_key() -> None:
    assert leads(r"\d{4}") == {DIGIT}
    assert leads(r"[12][0-9]{3}|'\d\ds") == {DIGIT, "'"}


def test_a_common_first_word_is_paired_with_the_second() -> None:
    assert lead_phrases(r"the\s+(?:past|next)\s+week", frozenset({"the"})) == {"the past", "the next"}
    assert lead_phrases(r"the\s+(?:past|next)\s+week", frozenset()) == {"the"}


def test_lookarounds_and_anchors_match_no_text() -> None:
    assert leads(r"\b(?<!\w)(?:now|today)(?!\w)") == {"now", "today"}


def test_named_groups_and_quantified_groups_are_read_through() -> None:
    assert leads(r"(?P<n>(?:one|two)+)\s+(?:days?|weeks?)") == {"one", "two"}


@pytest.mark.parametrize("pattern", [r"(?i)now", r"\w+ ago", r"a?", r"(?:now", r"\1"])
def test_what_cannot_be_indexed_is_refused(pattern: str) -> None:
    with pytest.raises(ValueError):
        leads(pattern)


def test_every_rule_starts_with_a_known_word() -> None:
    assert all(leads(rule.pattern) for rule in RULES)
