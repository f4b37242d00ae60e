"""One module per command group; ``ALL`` is the order they appear in ``--help``."""

from dateline.cli.commands import store_commands, tagging, timeline_commands

ALL = [store_commands, timeline_commands, tagging]
