"""Text utilities that both the timeline methods and the evaluation use: ROUGE-1.5.5's
Porter stemmer and word lists, so that "similar" and "scored" see the same words."""
