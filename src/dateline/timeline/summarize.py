"""Choosing the sentences that speak for a timeline entry.

Shared by the methods: among an entry's candidate sentences, the most central ones
(cosine to the candidates' TF-IDF centroid), boosted by the share of query words they
contain, are picked in order; a candidate too similar to any sentence already in the
timeline is skipped, so one event is not told twice under two dates.

Two optional terms serve methods that want more than local centrality: ``topic_weight``
adds the cosine to the centroid of the whole pool (how much a sentence is about the
story rather than a side detail of its day), and ``pick(..., prior=...)`` adds a
method's own per-sentence evidence.

No single article may dominate a timeline: a factbox or a long retrospective mentions
many dates and its sentences are central to the story, so without a limit one such page
can speak for a third of the entries, and the reader gets one writer's chronology
instead of the coverage. With ``article_limit`` an article supplies sentences to at most
that many entries (``article_limit_for`` gives the default: ``MAX_ARTICLE_SHARE`` of the
entries, at least one).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from dateline.timeline.corpus import CorpusSentence
from dateline.timeline.textvectors import centroid_similarity, longer_names, matched_terms, query_terms, tfidf_matrix

MAX_ARTICLE_SHARE = 0.2


def article_limit_for(n_entries: int) -> int:
    """How many of ``n_entries`` entries one article may supply sentences to."""
    return max(1, math.ceil(MAX_ARTICLE_SHARE * n_entries))


@dataclass
class SentencePicker:
    """Picks summaries from one pool of sentences, remembering what it has picked."""

    pool: list[CorpusSentence]
    vectors: sparse.csr_matrix
    terms: list[str]
    query_boost: float = 0.5
    max_redundancy: float = 0.5
    topic_weight: float = 0.0
    article_limit: int | None = None
    longer_names: re.Pattern[str] | None = None
    chosen_rows: list[int] = field(default_factory=list)
    _entries_of_article: Counter[str] = field(default_factory=Counter)
    _row_of: dict[int, int] = field(default_factory=dict)
    _topic_similarity: np.ndarray = field(default_factory=lambda: np.zeros(0))

    @classmethod
    def over(
        cls,
        sentences: Sequence[CorpusSentence],
        query: str,
        query_boost: float = 0.5,
        max_redundancy: float = 0.5,
        topic_weight: float = 0.0,
        article_limit: int | None = None,
    ) -> SentencePicker:
        """A picker over the distinct ``sentences`` (TF-IDF fitted on them); each article
        supplies at most ``article_limit`` entries (no limit for None)."""
        pool = list({id(sentence): sentence for sentence in sentences}.values())
        vectors = tfidf_matrix([s.text for s in pool])
        picker = cls(
            pool,
            vectors,
            query_terms(query),
            query_boost,
            max_redundancy,
            topic_weight,
            article_limit,
            longer_names(query),
        )
        picker._row_of = {id(sentence): row for row, sentence in enumerate(pool)}
        picker._topic_similarity = centroid_similarity(vectors)
        return picker

    def topic_relevance(self, candidates: Sequence[CorpusSentence]) -> float:
        """How central to the whole pool the most central of ``candidates`` (all from the
        pool) is: the cosine of its vector to the pool's centroid; 0 for none."""
        rows = [self._row_of[id(sentence)] for sentence in candidates]
        return float(self._topic_similarity[rows].max()) if rows else 0.0

    def pick(
        self, candidates: Sequence[CorpusSentence], k: int, prior: np.ndarray | None = None
    ) -> list[tuple[CorpusSentence, float]]:
        """Up to ``k`` of ``candidates`` (all from the pool), best first, with their scores.
        ``prior`` (one value per candidate) is added to each candidate's score."""
        rows = [self._row_of[id(sentence)] for sentence in candidates]
        if not rows:
            return []
        group = self.vectors[rows]
        scores = centroid_similarity(group)
        if self.topic_weight:
            scores = scores + self.topic_weight * self._topic_similarity[rows]
        if prior is not None:
            scores = scores + prior
        if self.terms:
            coverage = np.array(
                [matched_terms(self.pool[row].text, self.terms, self.longer_names) / len(self.terms) for row in rows]
            )
            scores = scores * (1.0 + self.query_boost * coverage)
        chosen = self.vectors[self.chosen_rows] if self.chosen_rows else None
        picked: list[tuple[CorpusSentence, float]] = []
        picked_here: list[np.ndarray] = []
        for index in np.argsort(-scores, kind="stable"):
            if len(picked) == k:
                break
            row = rows[index]
            if self._article_used_up(self.pool[row].article_id, picked):
                continue
            vector = self._dense(row)
            if self._max_similarity(vector, chosen, picked_here) > self.max_redundancy:
                continue
            picked.append((self.pool[row], float(scores[index])))
            self.chosen_rows.append(row)
            picked_here.append(vector)
        self._entries_of_article.update({sentence.article_id for sentence, _ in picked})
        return picked

    def _article_used_up(self, article_id: str, picked: list[tuple[CorpusSentence, float]]) -> bool:
        """Whether ``article_id`` has supplied its limit of entries (sentences for the
        entry being picked, ``picked``, do not count twice)."""
        if self.article_limit is None or any(s.article_id == article_id for s, _ in picked):
            return False
        return self._entries_of_article[article_id] >= self.article_limit

    def _dense(self, row: int) -> np.ndarray:
        """Pool ``row`` as a dense vector."""
        start, end = self.vectors.indptr[row], self.vectors.indptr[row + 1]
        dense = np.zeros(self.vectors.shape[1])
        dense[self.vectors.indices[start:end]] = self.vectors.data[start:end]
        return dense

    @staticmethod
    def _max_similarity(vector: np.ndarray, chosen: sparse.csr_matrix | None, picked_here: list[np.ndarray]) -> float:
        """The highest cosine between ``vector`` and the sentences chosen before this
        ``pick`` (``chosen``) or during it (``picked_here``); 0 when there are none.

        Candidates are checked one at a time in score order, so only the few that reach
        the check cost anything; with dense vectors each check is one sparse-matrix-times-
        vector call, and the chosen rows are sliced out of the pool once per ``pick``
        rather than after every sentence picked."""
        similarity = float((chosen @ vector).max()) if chosen is not None else 0.0
        for other in picked_here:
            similarity = max(similarity, float(vector @ other))
        return similarity
