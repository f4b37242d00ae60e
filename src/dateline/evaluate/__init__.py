"""Timeline-summarization evaluation, with tilse 0.2.1's metrics.

``metrics`` scores a predicted timeline against reference timelines (``score_task``) and
averages tasks (``macro_average``); ``timeline_files`` reads and writes the Timeline17
timeline format. The modules under them restate, one job each, what tilse and the
ROUGE-1.5.5 script it runs do: ``rouge_tokens`` (with ``porter`` and ``rouge_data``)
turns text into tokens, ``ngrams`` counts ROUGE-N, ``alignment`` aligns dates and
``measures`` defines concat, agreement, align+ m:1 and date scores.
"""
