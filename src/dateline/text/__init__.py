"""Text utilities that several stages share, with no dependency on any of them:
ROUGE-1.5.5's Porter stemmer and word lists, so that the timeline methods' "similar" and
the evaluation's "scored" see the same words; and the near-duplicate signatures and
resemblance (``dedup``), computed by the analysis and confirmed by the store."""
