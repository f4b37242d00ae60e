"""Helpers of ``bench/bench_tagger.py``."""
