"""cxdsl diff: semantic change summaries between two revisions of a workspace."""
