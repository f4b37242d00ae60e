"""The words a regex can start with, and a fast regex that finds them.

Speed comes from never trying the rules where they cannot match. For each rule we derive
the set of first words it can start with (``leads``) by walking the parsed pattern; the
tagger then scans the text once with a character trie of all lead words (``trie``), and at
each hit tries only the rules that can start with that word.

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


def leads(pattern: str) -> frozenset[str]:
    """First words ``pattern`` can match at its start: letter runs ("the", "January"),
    ``DIGIT`` for any digit, or a single punctuation character ("'" of "'90s")."""
    parsed = sre_parse.parse(pattern)
    return frozenset(_walk(list(parsed.data), ""))


def _walk(items: list, prefix: str) -> set[str]:
    for index, (op, av) in enumerate(items):
        rest = items[index + 1:]
        if op is sre.LITERAL:
            char = chr(av)
            if char.isalpha():
                prefix += char
                continue
            return {prefix or (DIGIT if char.isdigit() else char)}
        if op in _ZERO_WIDTH:
            continue
        if op is sre.SUBPATTERN:
            return _walk(list(av[-1].data) + rest, prefix)
        if op is sre.BRANCH:
            return set().union(*(_walk(list(branch.data) + rest, prefix) for branch in av[1]))
        if op in _REPEATS:
            low, _, body = av
            found = _walk(list(body.data) + rest, prefix)
            return found | _walk(rest, prefix) if low == 0 else found
        if op is sre.IN:
            letters = _letters(av)
            if letters:  # the parser turns "(?:l|n)" into "[ln]"
                return set().union(*(_walk(rest, prefix + char) for char in letters))
            if not prefix:
                return _charset_leads(av)
        if prefix:
            return {prefix}
        raise ValueError(f"pattern may start with {op}: cannot index it by first word")
    if not prefix:
        raise ValueError("pattern can match the empty string")
    return {prefix}


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


def trie(words: set[str] | frozenset[str] | list[str]) -> str:
    """A regex matching exactly ``words``, factored by common prefixes so the engine
    rejects a non-matching position after one or two character comparisons. A space in a
    word matches any run of whitespace. Longer words are preferred to their prefixes."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _emit(root)


def _emit(node: dict) -> str:
    branches = [(r"\s+" if char == " " else re.escape(char)) + _emit(child)
                for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return f"(?:{body})?"
    return body
