"""Timeline methods behind one interface (``dateline.timeline.base``)."""

from dateline.timeline.base import TimelineMethod, TimelineRequest, get_method, method_names

__all__ = ["TimelineMethod", "TimelineRequest", "get_method", "method_names"]
