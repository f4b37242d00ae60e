"""Importing this package registers the built-in methods."""

from dateline.timeline.base import register
from dateline.timeline.methods.clust import Clust
from dateline.timeline.methods.datewise import Datewise
from dateline.timeline.methods.salience import Salience

register("datewise", Datewise)
register("clust", Clust)
register("salience", Salience)
