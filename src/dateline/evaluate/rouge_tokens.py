"""The tokens ROUGE-1.5.5 counts in a summary, as tilse 0.2.1 feeds it.

tilse (``rouge_computation="original"``, its default and what news-tls and the published
T17 numbers use) splits each sentence on whitespace, joins the tokens with single spaces,
writes the sentence into a SEE-format HTML file (``^`` escaped as ``&circ;``) and runs
``ROUGE-1.5.5.pl -n 2 -m -s -t 2 -f A``. The Perl script then

1. reads each sentence with the pattern ``id=N>([^<]+)``, so a sentence ends at its first
   ``<`` (and one that starts with ``<`` is dropped) and ``^`` survives as the word "circ";
2. lower-cases A-Z and joins the summary's sentences with spaces (so bigrams run across
   sentence boundaries, and across dates in the concat measure);
3. turns every character other than ``A-Za-z0-9`` into a space (hyphens too: they become
   separate ``-`` tokens that step 4 drops); UTF-8 text is read as bytes, so a non-ASCII
   letter is a separator, not part of a word;
4. drops the stopwords (``smart_common_words.txt``), then stems words of more than three
   characters: a WordNet 2.0 irregular form is replaced by its base form ("children" ->
   "child"), anything else goes through the Porter stemmer (``porter.py``).

Steps 1-4 act on each sentence independently, so tokens are cached per sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from dateline.text.porter import porter_stem
from dateline.text.rouge_data import stem_exceptions, stopwords

_NOT_ALPHANUMERIC = re.compile(r"[^A-Za-z0-9]+")


def summary_tokens(sentences: Iterable[str]) -> tuple[str, ...]:
    """The stemmed content tokens of a summary, in order, across its sentences."""
    return tuple(token for sentence in sentences for token in sentence_tokens(sentence))


@lru_cache(maxsize=1 << 16)
def sentence_tokens(sentence: str) -> tuple[str, ...]:
    """The stemmed content tokens ROUGE-1.5.5 reads from one sentence."""
    text = " ".join(sentence.split()).replace("^", "&circ;").split("<", 1)[0]
    stop = stopwords()
    return tuple(_stem(word) for word in _NOT_ALPHANUMERIC.sub(" ", text).lower().split() if word not in stop)


def _stem(word: str) -> str:
    if len(word) <= 3:
        return word
    return stem_exceptions().get(word) or porter_stem(word)
