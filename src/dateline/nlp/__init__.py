"""Text analysis between reading and storing: sentences, time mentions, duplicates."""
