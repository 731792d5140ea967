"""The site build's import path (tests, benchmarks, scripts); it lives in :mod:`cxdsl.build`."""

from __future__ import annotations

from ..build import DEFAULT_MKDOCS, SiteReport, build_site, serve_site
from .redirect import redirect_page

__all__ = ["DEFAULT_MKDOCS", "SiteReport", "build_site", "redirect_page", "serve_site"]
