"""The words a regex can start with, and a fast regex that finds them.

Speed comes from never trying the rules where they cannot match. For each rule we derive
the words it can start with (``leads``), and for common words such as "the" the pairs of
words (``lead_phrases``: "the past", "the 0"), by walking the parsed pattern; the tagger
then scans the text once with a character trie of all lead phrases (``trie``), and at
each hit tries only the rules that can start with its first word.

``leads`` reads the pattern with its own small parser (``_Parser``) of the regex subset our
rules use, and refuses anything else loudly, at import time. It reads a pattern into the
same shape as the standard library's parser: non-capturing groups spliced into their
sequence, a prefix shared by all alternatives moved out of the alternation, and
alternatives of one character each merged into a character class.
"""

from __future__ import annotations

import re
from typing import Any

DIGIT = "0"
"""Lead key of every pattern that can start with a digit (text tokens "1990", "5th"...)."""

SEPARATOR = " "
"""Stands, inside a lead phrase, for the whitespace or hyphen between its two words."""

Item = tuple[str, Any]
"""One parsed element: ("literal", char), ("in", class items), ("any", None),
("zero", ...) for anchors and lookarounds, ("group", items) for a capturing group,
("branch", alternatives), ("repeat", (low, high, items))."""

ClassItem = tuple[str, Any]
"""Inside a character class: ("literal", char), ("range", (low, high)),
("category", "digit" | "space" | "word" | "not_digit" | "not_space" | "not_word"),
("negate", None) first in a negated class."""

_CATEGORIES = {"d": "digit", "s": "space", "w": "word", "D": "not_digit", "S": "not_space", "W": "not_word"}
_ANCHORS = set("bBAZ")
_CONTROL = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_UNBOUNDED = -1


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
    return frozenset(_Walk(common).walk(_Parser(pattern).parse(), "", ""))


class _Parser:
    """Reads a regex of the subset the rules use into ``Item`` lists (see the module
    docstring); a construct outside it (flags, backreferences, atomic groups) raises."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.at = 0

    def parse(self) -> list[Item]:
        items = self._alternation()
        if self.at < len(self.pattern):
            raise ValueError(f"unbalanced ')' at {self.at} in {self.pattern!r}")
        return items

    def _peek(self, text: str) -> bool:
        return self.pattern.startswith(text, self.at)

    def _take(self, text: str) -> bool:
        if self._peek(text):
            self.at += len(text)
            return True
        return False

    def _next(self) -> str:
        if self.at >= len(self.pattern):
            raise ValueError(f"unexpected end of {self.pattern!r}")
        char = self.pattern[self.at]
        self.at += 1
        return char

    def _alternation(self) -> list[Item]:
        alternatives = [self._sequence()]
        while self._take("|"):
            alternatives.append(self._sequence())
        if len(alternatives) == 1:
            return alternatives[0]
        shared: list[Item] = []
        while all(alternatives) and all(alt[0] == alternatives[0][0] for alt in alternatives):
            shared.append(alternatives[0][0])
            alternatives = [alt[1:] for alt in alternatives]
        chars: list[ClassItem] = []
        for alt in alternatives:
            if len(alt) != 1:
                break
            op, value = alt[0]
            if op == "literal":
                chars.append(alt[0])
            elif op == "in" and value[0][0] != "negate":
                chars.extend(value)
            else:
                break
        else:
            return [*shared, ("in", list(dict.fromkeys(chars)))]
        return [*shared, ("branch", alternatives)]

    def _sequence(self) -> list[Item]:
        items: list[Item] = []
        while self.at < len(self.pattern) and not self._peek("|") and not self._peek(")"):
            char = self._next()
            if char in "?*+" or (char == "{" and re.match(r"\d*(,\d*)?\}", self.pattern[self.at :])):
                items[-1:] = [self._repeat(char, items[-1:])]
            elif char == "(":
                items.append(self._group())
            elif char == "[":
                items.append(self._class())
            elif char == "\\":
                items.append(self._escape(in_class=False))
            elif char == ".":
                items.append(("any", None))
            elif char in "^$":
                items.append(("zero", char))
            else:
                items.append(("literal", char))
        return [part for op, value in items for part in (value if op == "splice" else [(op, value)])]

    def _repeat(self, char: str, previous: list[Item]) -> Item:
        if not previous or previous[0][0] in ("zero", "repeat"):
            raise ValueError(f"nothing to repeat at {self.at} in {self.pattern!r}")
        if char == "{":
            bounds = self.pattern[self.at : self.pattern.index("}", self.at)]
            self.at += len(bounds) + 1
            low_text, _, high_text = bounds.partition(",")
            low = int(low_text or 0)
            high = int(high_text) if high_text else (_UNBOUNDED if "," in bounds else low)
        else:
            low, high = {"?": (0, 1), "*": (0, _UNBOUNDED), "+": (1, _UNBOUNDED)}[char]
        self._take("?")
        op, value = previous[0]
        return ("repeat", (low, high, value if op == "splice" else [previous[0]]))

    def _group(self) -> Item:
        """A capturing group, a zero-width item for a lookaround, or ("splice", items)
        for a non-capturing group: its items take its place in the sequence once any
        quantifier after it has been read, so that "a" and "(?:a)" read the same."""
        if self._take("?:"):
            kind = "splice"
        elif self._take("?P<"):
            self.at = self.pattern.index(">", self.at) + 1
            kind = "group"
        elif any(self._take(look) for look in ("?=", "?!", "?<=", "?<!")):
            kind = "zero"
        elif self._peek("?"):
            raise ValueError(f"unsupported group at {self.at} in {self.pattern!r}")
        else:
            kind = "group"
        items = self._alternation()
        if not self._take(")"):
            raise ValueError(f"missing ')' in {self.pattern!r}")
        # A lookaround is an item equal only to itself (as in the standard library's
        # parser), so that alternatives starting with one keep it.
        return ("zero", object()) if kind == "zero" else (kind, items)

    def _class(self) -> Item:
        negated = self._take("^")
        chars: list[ClassItem] = []
        while True:
            char = self._next()
            if char == "]" and chars:
                break
            first = self._escape(in_class=True) if char == "\\" else ("literal", char)
            if self._peek("-") and not self._peek("-]"):
                self.at += 1
                end = self._next()
                last = self._escape(in_class=True) if end == "\\" else ("literal", end)
                if first[0] != "literal" or last[0] != "literal":
                    raise ValueError(f"bad character range in {self.pattern!r}")
                chars.append(("range", (first[1], last[1])))
            else:
                chars.append(first)
        chars = list(dict.fromkeys(chars))
        if len(chars) == 1 and chars[0][0] == "literal" and not negated:
            return chars[0]
        return ("in", [("negate", None), *chars] if negated else chars)

    def _escape(self, in_class: bool) -> Item:
        char = self._next()
        if char in _CATEGORIES:
            category = ("category", _CATEGORIES[char])
            return category if in_class else ("in", [category])
        if char in _ANCHORS and not in_class:
            return ("zero", char)
        if char == "u":
            code = self.pattern[self.at : self.at + 4]
            self.at += 4
            return ("literal", chr(int(code, 16)))
        if char in _CONTROL:
            return ("literal", _CONTROL[char])
        if char.isalnum():
            raise ValueError(f"unsupported escape \\{char} in {self.pattern!r}")
        return ("literal", char)


class _Walk:
    """A depth-first walk of a parsed pattern collecting its lead phrases."""

    def __init__(self, common: frozenset[str]) -> None:
        self.common = common

    def second_word(self, rest: list[Item], word: str) -> set[str]:
        """After a separator: read a second word only after a common first word."""
        if word.lower() in self.common:
            return self.walk(rest, word, "")
        return {word}

    def walk(self, items: list[Item], first: str, prefix: str) -> set[str]:
        """Phrases of ``items``, given the completed ``first`` token (or "") and the
        letters of the current token read so far."""
        for index, (op, value) in enumerate(items):
            rest = items[index + 1 :]
            if op == "literal":
                if value.isalpha():
                    prefix += value
                    continue
                if value in " -" and prefix and not first:
                    return self.second_word(rest, prefix)
                return _end(first, prefix or (DIGIT if value.isdigit() else value))
            if op == "zero":
                continue
            if op == "group":
                return self.walk(value + rest, first, prefix)
            if op == "branch":
                return set().union(*(self.walk(branch + rest, first, prefix) for branch in value))
            if op == "repeat":
                low, _, body = value
                if prefix and not first and _is_separator(body):
                    # Optional spacing ("Jan.\\s*5") ends the word too: words glued to
                    # a following word ("JanFifth") are not worth a lead of their own.
                    return self.second_word(rest, prefix)
                found = self.walk(body + rest, first, prefix)
                return found | self.walk(rest, first, prefix) if low == 0 else found
            if op == "in":
                letters = _letters(value)
                if letters:  # the parser turns "(?:l|n)" into "[ln]"
                    return set().union(*(self.walk(rest, first, prefix + char) for char in letters))
                if prefix and not first and _is_separator_class(value):
                    return self.second_word(rest, prefix)
                if not prefix:
                    return {_join(first, token) for token in _charset_leads(value)}
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


def _is_separator_class(chars: list[ClassItem]) -> bool:
    return ("category", "space") in chars


def _is_separator(body: list[Item]) -> bool:
    return len(body) == 1 and (
        (body[0][0] == "in" and _is_separator_class(body[0][1])) or (body[0][0] == "literal" and body[0][1] in " -")
    )


def _letters(chars: list[ClassItem]) -> list[str]:
    """The letters of a character class made only of literal letters, else []."""
    letters = [value for op, value in chars if op == "literal"]
    if len(letters) == len(chars) and all(char.isalpha() for char in letters):
        return letters
    return []


def _charset_leads(chars: list[ClassItem]) -> set[str]:
    found: set[str] = set()
    for op, value in chars:
        if op == "literal":
            found.add(DIGIT if value.isdigit() else value)
        elif (op == "range" and all(char.isdigit() for char in value)) or (op, value) == ("category", "digit"):
            found.add(DIGIT)
        else:
            raise ValueError(f"pattern may start with a character class {op} {value}")
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
