"""Stories: the groups of articles about one developing event, found without a query.

Each stored article is assigned to one story once, when it is first seen
(``dateline.stories.update``): its term vector is compared with the centroids of the
stories active around its publication date and it joins the most similar one, or starts
a new story (``dateline.stories.clustering``). Assignments are kept in the store
(``dateline.store.stories``), so later ingests add to the stories and never recluster
what is there; ``dateline.stories.listing`` reads them back as ``Story`` objects.
"""

from dateline.stories.listing import Story, find_stories
from dateline.stories.update import update_stories

__all__ = ["Story", "find_stories", "update_stories"]
