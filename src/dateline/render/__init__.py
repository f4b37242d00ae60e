"""Timelines and article listings as JSON, Markdown and terminal text."""
