"""Timeline methods behind one interface (``dateline.timeline.base``)."""

from dateline.timeline.base import METHODS, TimelineMethod, TimelineRequest, get_method, method_names

__all__ = ["METHODS", "TimelineMethod", "TimelineRequest", "get_method", "method_names"]
