"""The Porter stemmer exactly as ROUGE-1.5.5 runs it.

tilse scores with ROUGE-1.5.5 (the Perl script, options ``-m -s``), and ``-m`` stems with
the Perl Porter stemmer embedded in that script: Martin Porter's reference Perl version
(``step2`` has ``bli -> ble`` and ``logi -> log``), plus one change by Chin-Yew Lin
(2004-02-14) to step 4: the ``-ment`` and ``-ent`` rules run *after* the other step-4
rules instead of as alternatives to them, so one word can lose two suffixes
("fundamental" -> "fundam", where nltk's stemmers give "fundament"). None of nltk's
``PorterStemmer`` modes reproduces that, so the rules are restated here, each regular
expression as the Perl one reads, with Perl's leftmost-match semantics (which Python's
``re`` shares).
"""

from __future__ import annotations

import re
from functools import lru_cache

_CONSONANTS = "[^aeiou][^aeiouy]*"
_VOWELS = "[aeiouy][aeiou]*"
_M_ABOVE_0 = re.compile(f"^({_CONSONANTS})?{_VOWELS}{_CONSONANTS}")
_M_IS_1 = re.compile(f"^({_CONSONANTS})?{_VOWELS}{_CONSONANTS}({_VOWELS})?$")
_M_ABOVE_1 = re.compile(f"^({_CONSONANTS})?{_VOWELS}{_CONSONANTS}{_VOWELS}{_CONSONANTS}")
_HAS_VOWEL = re.compile(f"^({_CONSONANTS})?[aeiouy]")
_SHORT_CVC = re.compile(f"^{_CONSONANTS}[aeiouy][^aeiouwxy]$")

_STEP_1A = (re.compile("(ss|i)es$"), re.compile("([^s])s$"))
_EED = re.compile("eed$")
_ED_ING = re.compile("(ed|ing)$")
_RESTORE_E = re.compile("(at|bl|iz)$")
_DOUBLE_CONSONANT = re.compile(r"([^aeiouylsz])\1$")

_STEP_2 = {
    "ational": "ate",
    "tional": "tion",
    "enci": "ence",
    "anci": "ance",
    "izer": "ize",
    "bli": "ble",
    "alli": "al",
    "entli": "ent",
    "eli": "e",
    "ousli": "ous",
    "ization": "ize",
    "ation": "ate",
    "ator": "ate",
    "alism": "al",
    "iveness": "ive",
    "fulness": "ful",
    "ousness": "ous",
    "aliti": "al",
    "iviti": "ive",
    "biliti": "ble",
    "logi": "log",
}
_STEP_3 = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": ""}
_STEP_2_SUFFIX = re.compile("(" + "|".join(_STEP_2) + ")$")
_STEP_3_SUFFIX = re.compile("(" + "|".join(_STEP_3) + ")$")
_STEP_4_SUFFIX = re.compile("(al|ance|ence|er|ic|able|ible|ant|ement|ou|ism|ate|iti|ous|ive|ize)$")
_MENT = re.compile("ment$")
_ENT = re.compile("ent$")
_SION_TION = re.compile("(s|t)(ion)$")


@lru_cache(maxsize=1 << 16)
def porter_stem(word: str) -> str:
    """The stem ROUGE-1.5.5's ``stem`` gives a lower-case ``word`` (words under 3 characters
    are returned as they are)."""
    if len(word) < 3:
        return word
    initial_y = word[0] == "y"
    if initial_y:
        word = "Y" + word[1:]  # an initial y is a consonant: no pattern treats Y as a vowel
    word = _step_1(word)
    word = _replace_suffix(word, _STEP_2_SUFFIX, _STEP_2)
    word = _replace_suffix(word, _STEP_3_SUFFIX, _STEP_3)
    word = _step_4(word)
    word = _step_5(word)
    return "y" + word[1:] if initial_y else word


def _step_1(word: str) -> str:
    for plural in _STEP_1A:
        if match := plural.search(word):
            word = word[: match.start()] + match.group(1)
            break
    if match := _EED.search(word):
        if _M_ABOVE_0.search(word[: match.start()]):
            word = word[:-1]
    elif match := _ED_ING.search(word):
        stem = word[: match.start()]
        if _HAS_VOWEL.search(stem):
            word = stem
            if _RESTORE_E.search(word):
                word += "e"
            elif _DOUBLE_CONSONANT.search(word):
                word = word[:-1]
            elif _SHORT_CVC.search(word):
                word += "e"
    if word.endswith("y") and _HAS_VOWEL.search(word[:-1]):
        word = word[:-1] + "i"
    return word


def _replace_suffix(word: str, suffixes: re.Pattern[str], replacements: dict[str, str]) -> str:
    if (match := suffixes.search(word)) and _M_ABOVE_0.search(stem := word[: match.start()]):
        return stem + replacements[match.group(1)]
    return word


def _step_4(word: str) -> str:
    for suffix in (_STEP_4_SUFFIX, _MENT):
        if (match := suffix.search(word)) and _M_ABOVE_1.search(word[: match.start()]):
            word = word[: match.start()]
    if match := _ENT.search(word):
        if _M_ABOVE_1.search(word[: match.start()]):
            word = word[: match.start()]
    elif match := _SION_TION.search(word):
        stem = word[: match.start()] + match.group(1)
        if _M_ABOVE_1.search(stem):
            word = stem
    return word


def _step_5(word: str) -> str:
    if word.endswith("e"):
        stem = word[:-1]
        if _M_ABOVE_1.search(stem) or (_M_IS_1.search(stem) and not _SHORT_CVC.search(stem)):
            word = stem
    if word.endswith("ll") and _M_ABOVE_1.search(word):
        word = word[:-1]
    return word
