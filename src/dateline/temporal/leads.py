"""The words a regex can start with, and a fast regex that finds them.

Speed comes from never trying the rules where they cannot match. For each rule we derive
the words it can start with (``leads``), and for common words such as "the" the pairs of
words (``lead_phrases``: "the past", "the 0"), by walking the parsed pattern; the tagger
then scans the text once with a character trie of all lead phrases (``trie``), and at
each hit tries only the rules that can start with its first word.

``leads`` reads the pattern through ``re._parser``, the standard library's own regex
parser (stable across 3.11–3.13); it supports the constructs our rules use and refuses
anything else loudly, at import time.
"""

from __future__ import annotations

import re
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]

DIGIT = "0"
"""Lead key of every pattern that can start with a digit (text tokens "1990", "5th"...)."""

_ZERO_WIDTH = {sre.AT, sre.ASSERT, sre.ASSERT_NOT}
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)}


SEPARATOR = " "
"""Stands, inside a lead phrase, for the whitespace or hyphen between its two words."""


def leads(pattern: str) -> frozenset[str]:
    """First words ``pattern`` can match at its start: letter runs ("the", "January"),
    ``DIGIT`` for any digit, or a single punctuation character ("'" of "'90s")."""
    return lead_phrases(pattern, frozenset())


def lead_phrases(pattern: str, common: frozenset[str]) -> frozenset[str]:
    """The phrases ``pattern`` can start with: two tokens ("the past", "the 0" with
    ``DIGIT`` for any digit) when the first is one of the ``common`` words (lower-cased),
    else the first token alone ("January", "0"). Common words like "the" start a time
    expression only before a few second words, which is what makes the scan selective;
    rare words are selective enough alone, and keep the phrase set small."""
    return frozenset(_Walk(common).walk(list(sre_parse.parse(pattern).data), "", ""))


class _Walk:
    """A depth-first walk of a parsed pattern collecting its lead phrases."""

    def __init__(self, common: frozenset[str]) -> None:
        self.common = common

    def second_word(self, rest: list, word: str) -> set[str]:
        """After a separator: read a second word only after a common first word."""
        if word.lower() in self.common:
            return self.walk(rest, word, "")
        return {word}

    def walk(self, items: list, first: str, prefix: str) -> set[str]:
        """Phrases of ``items``, given the completed ``first`` token (or "") and the
        letters of the current token read so far."""
        for index, (op, av) in enumerate(items):
            rest = items[index + 1:]
            if op is sre.LITERAL:
                char = chr(av)
                if char.isalpha():
                    prefix += char
                    continue
                if char in " -" and prefix and not first:
                    return self.second_word(rest, prefix)
                return _end(first, prefix or (DIGIT if char.isdigit() else char))
            if op in _ZERO_WIDTH:
                continue
            if op is sre.SUBPATTERN:
                return self.walk(list(av[-1].data) + rest, first, prefix)
            if op is sre.BRANCH:
                return set().union(*(self.walk(list(branch.data) + rest, first, prefix)
                                     for branch in av[1]))
            if op in _REPEATS:
                low, _, body = av
                if prefix and not first and _is_separator(body):
                    # Optional spacing ("Jan.\\s*5") ends the word too: words glued to
                    # a following word ("JanFifth") are not worth a lead of their own.
                    return self.second_word(rest, prefix)
                found = self.walk(list(body.data) + rest, first, prefix)
                return found | self.walk(rest, first, prefix) if low == 0 else found
            if op is sre.IN:
                letters = _letters(av)
                if letters:  # the parser turns "(?:l|n)" into "[ln]"
                    return set().union(*(self.walk(rest, first, prefix + char)
                                         for char in letters))
                if prefix and not first and _is_separator_class(av):
                    return self.second_word(rest, prefix)
                if not prefix:
                    return {_join(first, token) for token in _charset_leads(av)}
            if prefix:
                return _end(first, prefix)
            if first:
                return {first}
            raise ValueError(f"pattern may start with {op}: cannot index it by first word")
        if not prefix and not first:
            raise ValueError("pattern can match the empty string")
        return _end(first, prefix)


def _join(first: str, token: str) -> str:
    return f"{first}{SEPARATOR}{token}" if first else token


def _end(first: str, token: str) -> set[str]:
    """The phrase complete with ``token``; a second token that is punctuation other than
    an apostrophe ("the '90s") says nothing useful: the phrase is the first token alone."""
    if first and not (token.isalpha() or token in (DIGIT, "'")):
        return {first}
    return {_join(first, token)}


def _is_separator_class(items: list) -> bool:
    return any(op is sre.CATEGORY and av is sre.CATEGORY_SPACE for op, av in items)


def _is_separator(body) -> bool:
    data = list(body.data)
    return len(data) == 1 and (
        (data[0][0] is sre.IN and _is_separator_class(data[0][1]))
        or (data[0][0] is sre.LITERAL and chr(data[0][1]) in " -"))


def _letters(items: list) -> list[str]:
    """The letters of a character class made only of literal letters, else []."""
    chars = [chr(av) for op, av in items if op is sre.LITERAL]
    if len(chars) == len(items) and all(char.isalpha() for char in chars):
        return chars
    return []


def _charset_leads(items: list) -> set[str]:
    found: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            found.add(DIGIT if chr(av).isdigit() else chr(av))
        elif op is sre.RANGE and all(chr(c).isdigit() for c in av):
            found.add(DIGIT)
        elif op is sre.CATEGORY and av is sre.CATEGORY_DIGIT:
            found.add(DIGIT)
        else:
            raise ValueError(f"pattern may start with a character class {op} {av}")
    return found


def trie(words: set[str] | frozenset[str] | list[str], space: str = "") -> str:
    """A regex matching exactly ``words``, factored by common prefixes so the engine
    rejects a non-matching position after one or two character comparisons; longer words
    are preferred to their prefixes. A space in a word matches any whitespace; given a
    ``space`` pattern, what follows the first space is a lookahead (the match ends with
    the first word) in which the separator is ``space`` and ``DIGIT`` is any digit."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _emit(root, space)


def _emit(node: dict, space: str, after_space: bool = False) -> str:
    branches = []
    for char, child in sorted(node.items()):
        if char == " " and space:
            # The second word is only looked at, so that the scan still stops at every
            # word: "the current" must not hide "current" when no rule matches at "the".
            branches.append(f"(?={space}{_emit(child, '', True)}(?![A-Za-z]))")
        elif char == " ":
            branches.append(r"\s+" + _emit(child, space))
        elif char:
            symbol = "[0-9]" if char == DIGIT and after_space else re.escape(char)
            branches.append(symbol + _emit(child, space, after_space))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return f"(?:{body})?"
    return body
