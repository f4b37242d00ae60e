"""Restoring normal text from Penn Treebank tokenization (Timeline17, the Entities corpus).

Pre-tokenized corpora keep a space between every two tokens and write some characters as
PTB codes: ``-LRB- CNN -RRB- --``, ``do n't``, ``Jackson 's``, ```` `` ```` and ``''`` for
double quotes, ``\\/`` for a slash, ``#`` for the pound sign. ``restore_text`` undoes that
so that what is stored, indexed, offset into and displayed is the text a reader expects:
``(CNN) --``, ``don't``, ``Jackson's``, ``"..."``, ``/``, ``£52m``.

Why not a library: nltk's ``TreebankWordDetokenizer`` (the closest fit, and the one that
knows the PTB codes) took several times as long as ingesting all of Timeline17 does, and
sacremoses' ``MosesDetokenizer``, faster, does not know ```` `` ```` or ``-LRB-``. The rules here are plain string
replacements over the whole text, with every token padded by spaces, so that a rule is a
whole-token match without a regular expression; they never join two lines.

What is left as it is: spaced hyphens (``Self - linking`` in the Entities corpus could be
a dash as well), spaced ellipses, and quotes that the tokenizer got the wrong way round.
"""

from __future__ import annotations

import re

# Tokens that attach to the word after them, and to the word before them, with the
# characters each stands for; a token stands for itself unless a code is given.
_OPENING = {"-LRB-": "(", "-LSB-": "[", "-LCB-": "{", "``": '"', "`": "'",
            "(": "(", "[": "[", "{": "{", "$": "$", "£": "£"}
_CLOSING = {token: token for token in (
    ",", ".", ";", ":", "?", "!", "%", "'", ")", "]", "}", "...", "n't", "N'T",
    "'s", "'S", "'re", "'RE", "'ve", "'VE", "'ll", "'LL", "'d", "'D", "'m", "'M",
)} | {"-RRB-": ")", "-RSB-": "]", "-RCB-": "}", "''": '"'}
# What each token becomes in the joined line: a glue mark stands where the space
# before (``_GLUE_LEFT``) or after (``_GLUE_RIGHT``) it is to be dropped.
_GLUE_LEFT, _GLUE_RIGHT, _POUND = "\x01", "\x02", "\x03"
_TOKENS = ({token: plain + _GLUE_RIGHT for token, plain in _OPENING.items()}
           | {token: _GLUE_LEFT + plain for token, plain in _CLOSING.items()}
           | {"#": "#" + _POUND})
_MERGED_WORDS = ((" gon na ", " gonna "), (" wan na ", " wanna "), (" got ta ", " gotta "))
_ESCAPES = (("\\/", "/"), ("\\*", "*"))
# PTB writes the pound sign as "#" ("# 52m"), which is "#" before anything but a number.
_POUNDS = re.compile("#" + _POUND + r" (?=\d)")


def restore_text(text: str) -> str:
    """``text`` (one line or many) with PTB tokenization undone, line by line: lines
    keep their number and order, each stripped of surrounding spaces.

    Restoring normal text leaves it as it is, apart from spaces before punctuation and
    split clitics, which normal text does not have."""
    for code, plain in _ESCAPES:
        if code in text:
            text = text.replace(code, plain)
    get = _TOKENS.get
    glued = "\n".join([
        _glued_quotes(line) if '"' in line else " ".join([get(token, token) for token in line.split()])
        for line in text.split("\n")
    ])
    if _POUND in glued:
        glued = _POUNDS.sub("£", glued).replace(_POUND, "")
    # An abbreviation at the end of a sentence gets a second full stop ("Ala. .").
    glued = glued.replace(". " + _GLUE_LEFT + ".", ".").replace(" " + _GLUE_LEFT, "")
    glued = glued.replace(_GLUE_RIGHT + " ", "")
    if _GLUE_LEFT in glued or _GLUE_RIGHT in glued:
        glued = glued.replace(_GLUE_LEFT, "").replace(_GLUE_RIGHT, "")
    if " na " in glued or " ta " in glued:
        for pair, word in _MERGED_WORDS:
            glued = glued.replace(pair, word)
    return glued


def _glued_quotes(line: str) -> str:
    """A line with straight double quotes (the Entities corpus): they open and close in
    turn."""
    tokens = line.split()
    opening = True
    for index, token in enumerate(tokens):
        if token == '"':
            tokens[index] = '"' + _GLUE_RIGHT if opening else _GLUE_LEFT + '"'
            opening = not opening
    get = _TOKENS.get
    return " ".join([get(token, token) for token in tokens])
