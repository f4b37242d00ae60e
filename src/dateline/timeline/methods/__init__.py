"""The built-in timeline methods, registered by name in ``dateline.timeline.base.METHODS``."""
