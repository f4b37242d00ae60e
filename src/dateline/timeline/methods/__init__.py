"""Importing this package registers the built-in methods."""

from dateline.timeline.base import register
from dateline.timeline.methods.datewise import Datewise

register("datewise", Datewise)
