"""One module per command group; ``ALL`` is the order they appear in ``--help``."""

from dateline.cli.commands import (
    check_commands,
    eval_commands,
    serve_commands,
    store_commands,
    story_commands,
    tagging,
    timeline_commands,
    watch_commands,
)

ALL = [
    store_commands,
    watch_commands,
    story_commands,
    timeline_commands,
    eval_commands,
    tagging,
    check_commands,
    serve_commands,
]
