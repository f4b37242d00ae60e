"""Repairing mojibake: UTF-8 text that was decoded as Windows-1252 before it reached us.

The Entities corpus was scraped as UTF-8 and read back as Windows-1252 before it was
tokenized, so "world's" reads ``worldâ€ ™ s``, "é" ``Ã ©``, "£" ``Â£`` and a dash ``â€ “``.
The tokenizer then split those three-character sequences apart (a space, or a line
break when its sentence splitter cut at a dash), which no mojibake fixer recognises.
``repair_mojibake`` puts the pieces of a split sequence back together and hands the text
to ftfy (a maintained library that knows every such encoding mix-up), then glues the
clitic the tokenizer split off an apostrophe (``world’ s`` to ``world’s``) and the rest
of a word it cut after an accented letter (``Aé cio`` to ``Aécio``).

Why ftfy with its encoding fixes only, and only on texts that show the signs: ftfy
changes a text only where its badness score says the result is better, which keeps
genuine "Ã" or "â€" (rare in English news) as they are; its other fixes (uncurling
quotes, HTML entities, character widths, normalization) would change text that is not
broken, so they are off. A text without "Ã", "Â" or "â€" is returned as it is, unread
by ftfy: Timeline17 and ordinary web pages pay nothing.

One guess is made: the closing double quote's last byte (0x9D) has no Windows-1252
character, so the decoder wrote U+FFFD instead; ``â€�`` is read as "”" because no other
character of the E2 80 xx range that news text uses ends in an undefined byte.
"""

from __future__ import annotations

import re

import ftfy

_SIGNS = ("Ã", "Â", "â€")
# The third character of a split "â€x" sequence (Windows-1252 for bytes 0x80-0xBF that
# quotation marks, dashes, the ellipsis and the bullet end with), after a space or a line
# break; and a split "Ãx" (Latin-1 letters with accents: é is Ã©).
_THIRD = "".join(sorted({bytes([byte]).decode("cp1252", "replace") for byte in range(0x80, 0xC0)}))
_SPLIT = re.compile(f"(â€)[ \n]([{re.escape(_THIRD)}])|(Ã) ([\u00a1-\u00bf])")
# The tokenizer also cut the word after a split letter ("AÃ © cio" for "Aécio"): a
# lowercase rest is joined back unless it is an English word that follows names.
_WORD_REST = re.compile(
    r"(?<=Ã[\u00a1-\u00bf]) (?!(?:to|of|and|or|is|was|in|on|at|for|the|a|an|as|by|with"
    r"|has|had|who|said|says|from|that)\b)(?=[a-z])"
)
_CLITIC = re.compile(r"’ (s|t|re|ve|ll|m|d)(?=[ \n]|$)")
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=False,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)
_SOFT_HYPHEN = "\u00ad"


def has_mojibake_signs(text: str) -> bool:
    """Whether ``text`` shows any of the characters UTF-8 read as Windows-1252 starts with."""
    return any(sign in text for sign in _SIGNS)


def repair_mojibake(text: str) -> str:
    """``text`` with UTF-8-read-as-Windows-1252 sequences decoded, split ones included,
    and soft hyphens dropped (invisible, but they split words for search; most are
    uncovered by the repair). Text without the signs is returned unchanged."""
    if not has_mojibake_signs(text):
        return text
    joined = _SPLIT.sub(lambda m: (m[1] or m[3]) + (m[2] or m[4]), text)
    joined = _WORD_REST.sub("", joined).replace("â€\ufffd", "â€\x9d")
    repaired = ftfy.fix_text(joined, _FTFY)
    if _SOFT_HYPHEN in repaired:
        repaired = repaired.replace(_SOFT_HYPHEN, "")
    if "’ " in repaired:
        repaired = _CLITIC.sub(r"’\1", repaired)
    return repaired
