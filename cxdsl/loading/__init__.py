"""Loaders: files in, documents and located issues out."""

from __future__ import annotations

from .document import Document
from .workspace import LoadOptions, Workspace, load_workspace

__all__ = ["Document", "LoadOptions", "Workspace", "load_workspace"]
