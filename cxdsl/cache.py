"""The workspace's cache folder: the one place cxdsl keeps files between runs.

It lives in the workspace (``.gitignore`` it; ``cxdsl init`` does) and can be deleted at
any time: the next run renders every diagram again.
"""

from __future__ import annotations

#: The cache folder, relative to the workspace.
CACHE_DIR = ".cxdsl-cache"
#: Rendered diagrams, by hash of their inputs (see :mod:`cxdsl.render.pipeline`).
DIAGRAM_CACHE = f"{CACHE_DIR}/diagrams"
#: Where ``cxdsl build`` and the mkdocs plugin write the diagrams that pages show.
BUILT_DIAGRAMS = f"{CACHE_DIR}/build/diagrams"
#: An empty docs folder, for a workspace that has none.
EMPTY_DOCS = f"{CACHE_DIR}/docs"
