"""Sentence splitting: offsets that trace back to the text, on real and random input."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from dateline.nlp.sentences import MAX_SENTENCE_CHARS, split_sentences


def texts(text: str, lines_are_sentences: bool = False) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text, lines_are_sentences)]


def test_abbreviations_do_not_end_sentences() -> None:
    assert texts("Mr. Smith met U.S. officials on Jan. 5. They agreed.") == [
        "Mr. Smith met U.S. officials on Jan. 5.",
        "They agreed.",
    ]


def test_lines_are_hard_boundaries() -> None:
    assert texts("A headline without a stop\nThe body starts here. It goes on.") == [
        "A headline without a stop",
        "The body starts here.",
        "It goes on.",
    ]


def test_non_ascii_offsets_are_character_offsets() -> None:
    assert texts("Café “naïve” résumé. Second — sentence.") == ["Café “naïve” résumé.", "Second — sentence."]


def test_pre_segmented_lines_are_kept_whole() -> None:
    text = "He said `` no . '' Then he left .\nNext line ."
    assert texts(text, lines_are_sentences=True) == ["He said `` no . '' Then he left .", "Next line ."]


def test_a_split_off_closing_quote_joins_its_sentence() -> None:
    assert "''" not in texts("He called it `` stable . '' Others disagreed .")


def test_overlong_lines_are_cut_into_bounded_pieces() -> None:
    spans = split_sentences("word " * 2000)
    assert len(spans) > 1 and all(s.end - s.start <= MAX_SENTENCE_CHARS for s in spans)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(list("ab .!?\n\"'é“”\u2028\t") + ["U.S.", "Mr. ", "Dr"]), max_size=120).map("".join),
    st.booleans(),
)
def test_spans_are_ordered_trimmed_and_cover_every_word(text: str, lines_are_sentences: bool) -> None:
    spans = split_sentences(text, lines_are_sentences)
    previous_end = 0
    for span in spans:
        assert previous_end <= span.start < span.end <= len(text)
        piece = text[span.start : span.end]
        assert piece == piece.strip()
        previous_end = span.end
    covered = "".join(text[s.start : s.end] for s in spans)
    assert "".join(covered.split()) == "".join(text.split())
