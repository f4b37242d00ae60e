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

Spaced hyphens are joined by ``join_spaced_hyphens`` (``day - to - day`` to
``day-to-day``), which has to tell a tokenizer's split hyphen from a dash written with
spaces: Timeline17 writes hyphens as they were and its " - " are dashes, the Entities
corpus split every hyphen and kept some dashes as " - " too. See its docstring.

What is left as it is: spaced ellipses, and quotes that the tokenizer got the wrong way
round.
"""

from __future__ import annotations

import re

# Tokens that attach to the word after them, and to the word before them, with the
# characters each stands for; a token stands for itself unless a code is given.
_OPENING = {
    "-LRB-": "(",
    "-LSB-": "[",
    "-LCB-": "{",
    "``": '"',
    "`": "'",
    "(": "(",
    "[": "[",
    "{": "{",
    "$": "$",
    "£": "£",
    "“": "“",
}
_CLOSING = {
    token: token
    for token in (
        ",",
        ".",
        ";",
        ":",
        "?",
        "!",
        "%",
        "'",
        ")",
        "]",
        "}",
        "...",
        "n't",
        "N'T",
        "”",
        "'s",
        "'S",
        "'re",
        "'RE",
        "'ve",
        "'VE",
        "'ll",
        "'LL",
        "'d",
        "'D",
        "'m",
        "'M",
    )
} | {"-RRB-": ")", "-RSB-": "]", "-RCB-": "}", "''": '"'}
# What each token becomes in the joined line: a glue mark stands where the space
# before (``_GLUE_LEFT``) or after (``_GLUE_RIGHT``) it is to be dropped.
_GLUE_LEFT, _GLUE_RIGHT, _POUND = "\x01", "\x02", "\x03"
_TOKENS = (
    {token: plain + _GLUE_RIGHT for token, plain in _OPENING.items()}
    | {token: _GLUE_LEFT + plain for token, plain in _CLOSING.items()}
    | {"#": "#" + _POUND}
)
_MERGED_WORDS = ((" gon na ", " gonna "), (" wan na ", " wanna "), (" got ta ", " gotta "))
_ESCAPES = (("\\/", "/"), ("\\*", "*"))
# PTB writes the pound sign as "#" ("# 52m"), which is "#" before anything but a number.
_POUNDS = re.compile("#" + _POUND + r" (?=\d)")
# The space after a right glue mark: a regular expression finds it several times as fast
# as ``str.replace``, whose search compares a needle's last character (here a space) first.
_RIGHT_GLUED_SPACE = re.compile(_GLUE_RIGHT + " ")


def restore_text(text: str, hyphens_spaced: bool = False) -> str:
    """``text`` (one line or many) with PTB tokenization undone, line by line: lines
    keep their number and order, each stripped of surrounding spaces. Spaced hyphens are
    judged over the whole of ``text`` (``join_spaced_hyphens``): give it a document, and
    ``hyphens_spaced`` when its corpus is known to space every hyphen.

    Restoring normal text leaves it as it is, apart from spaces before punctuation and
    split clitics, which normal text does not have."""
    for code, plain in _ESCAPES:
        if code in text:
            text = text.replace(code, plain)
    get = _TOKENS.get
    glued = "\n".join(
        [
            _glued_quotes(line) if '"' in line else " ".join([get(token, token) for token in line.split()])
            for line in text.split("\n")
        ]
    )
    if _POUND in glued:
        glued = _POUNDS.sub("£", glued).replace(_POUND, "")
    # An abbreviation at the end of a sentence gets a second full stop ("Ala. .").
    glued = glued.replace(". " + _GLUE_LEFT + ".", ".").replace(" " + _GLUE_LEFT, "")
    glued = _RIGHT_GLUED_SPACE.sub("", glued)
    if _GLUE_LEFT in glued or _GLUE_RIGHT in glued:
        glued = glued.replace(_GLUE_LEFT, "").replace(_GLUE_RIGHT, "")
    if any(pair[1:-1] in glued for pair, _ in _MERGED_WORDS):
        for pair, word in _MERGED_WORDS:
            glued = glued.replace(pair, word)
    return join_spaced_hyphens(glued, hyphens_spaced)


# The words after which a " - " is a dash in a text whose hyphens are all spaced: a
# clause, an aside or a list starts there.
_DASH_BEFORE = frozenset(
    """
    a an the and but or nor so yet who whom whose which that what when where while why how
    as if because although though since unless until we i you he she it they me him us them
    this these those his her its their our my your there here is was are were be been has
    have had will would can could should may might must do does did not no according
    including especially particularly mostly perhaps even just only also now then indeed
    with for from at by to of in on into after before like such
""".split()
)
_NOT_AFTER_DASH = rf"(?!(?i:{'|'.join(sorted(_DASH_BEFORE))})\b)"
# Hyphenated words no dash reads that way: a chain of three or more parts with a short
# word inside ("day - to - day", "80 - year - old"), a bound prefix ("anti - doping",
# "re - elected"; capitalized only where no name starts so: "Post" is a newspaper's), a
# number of units ("five - year") and a participle ("Nato - led"). ``SPACED_COMPOUND``
# finds them.
_PREFIXES = r"(?:anti|co|ex|mid|multi|non|post|pre|pro|re|self|semi|vice)"
# Participles that make a compound with the word before ("state - sponsored"), unless a
# preposition follows ("the firm - based in London - said" may be a dash).
_SUFFIXES = (
    r"(?:backed|based|breaking|controlled|funded|led|owned|related|sponsored|winning)\b"
    r"(?! (?:by|in|on|at|to|for|with)\b)"
)
_LINKS = r"(?:to|of|in|and|the|a|on|for|by|or|up|off|out|over|at)"
_NUMBERS = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|hundred)"
_UNITS = r"(?:year|month|week|day|hour|minute|second|mile|metre|meter|point|man|time)s?"
_WORD = r"\w+(?:\.\w+)*"
SPACED_COMPOUND = re.compile(
    rf"\b{_WORD} - {_LINKS} - {_NOT_AFTER_DASH}{_WORD}"
    rf"|(?<![\w.'’-])(?:{_PREFIXES}|Anti|Non|Self|Semi|Multi|Vice) - {_NOT_AFTER_DASH}\w"
    rf"|(?<![\w.'’-])(?i:{_NUMBERS}) - (?i:{_UNITS})\b"
    rf"|\w - {_SUFFIXES}"
)
# What each ``SPACED_COMPOUND`` has at one of its " - ": a bound prefix before it, or after
# it a link and another " - ", a unit or a participle. Searched from the hyphen (rare, so
# the search skips to it), it finds the few lines the whole pattern need be tried on.
_COMPOUND_SIGN = re.compile(
    "-(?:"
    + "|".join(f"(?<=(?i:{prefix}) -)" for prefix in _PREFIXES[3:-1].split("|"))
    + rf"|(?<= -) (?:{_LINKS} - |(?i:{_UNITS})\b|{_SUFFIXES}))"
)
# Two or more words (each perhaps hyphenated already) joined by spaced hyphens.
_HYPHENED_WORD = r"\w+(?:[.-]\w+)*"
_SPACED_RUN = re.compile(rf"(?<![\w.-]){_HYPHENED_WORD}\.?(?: - {_HYPHENED_WORD})+(?!\w)")
_SPACED_WORD_HYPHEN = re.compile(r"[A-Za-z] - [A-Za-z]")
_WORD_HYPHEN = re.compile(r"(?<![\w./@-])[A-Za-z]+(?:-[A-Za-z]+)+(?![\w./@-])")


def hyphens_are_spaced(text: str) -> bool:
    """Whether ``text`` writes hyphenated words with spaces: it has a ``SPACED_COMPOUND``
    (proof that its tokenizer spaced hyphens), and at least three "a - b" between letters
    for each word hyphenated without spaces (a web address's hyphens do not count).

    Dashes alone prove nothing: a page of Timeline17 may have several " - " and no
    hyphenated word, and its " - " are dashes."""
    dashed = _dashed_lines(text)
    if not any(_COMPOUND_SIGN.search(line) and SPACED_COMPOUND.search(line) for line in dashed):
        return False
    return sum(len(_SPACED_WORD_HYPHEN.findall(line)) for line in dashed) >= 3 * len(_WORD_HYPHEN.findall(text))


def join_spaced_hyphens(text: str, hyphens_spaced: bool = False) -> str:
    """``text`` with tokenizer-spaced hyphens joined.

    A run of words joined by " - " is joined when it holds a ``SPACED_COMPOUND`` (no dash
    reads that way) or when the whole text's hyphens are spaced (``hyphens_are_spaced``,
    or ``hyphens_spaced``: what the text's corpus shows, where one page is too short to
    tell: "a 23 - year - old", "the run - off" in a page without another compound),
    except before a word a dash introduces ("his role - a minor one": the run's last
    " - " stays) and between numbers only ("1990 - 1995", "2 - 1": a range or a score
    reads the same with the dash, and the date tagger reads ranges spaced). A lowercase
    word before a capitalized one is joined only after a bound prefix ("anti - French";
    "a bit posh - Prince William" is a dash). Idempotent; text without " - " is
    returned unchanged."""
    if " - " not in text:
        return text
    spaced = hyphens_spaced or hyphens_are_spaced(text)
    return "\n".join(
        [
            _SPACED_RUN.sub(lambda run: _joined_run(run[0], spaced), line) if " - " in line else line
            for line in text.split("\n")
        ]
    )


def _dashed_lines(text: str) -> list[str]:
    """The lines of ``text`` with a " - " (few are: the rules need look at no other)."""
    return [line for line in text.split("\n") if " - " in line]


def _joined_run(run: str, spaced: bool) -> str:
    parts = run.split(" - ")
    if all(part.isdigit() for part in parts) or not spaced and SPACED_COMPOUND.search(run) is None:
        return run
    if len(parts) > 2:
        last = parts.pop() if parts[-1].lower() in _DASH_BEFORE else None
        return "-".join(parts) + ("" if last is None else f" - {last}")
    left, right = parts
    if (
        right.lower() in _DASH_BEFORE
        or left[:1].islower()
        and right[:1].isupper()
        and re.fullmatch(_PREFIXES, left) is None
    ):
        return run
    return f"{left}-{right}"


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
