"""Importing this package registers the built-in methods."""

from dateline.timeline.base import register
from dateline.timeline.methods.clust import Clust
from dateline.timeline.methods.datewise import Datewise

register("datewise", Datewise)
register("clust", Clust)
