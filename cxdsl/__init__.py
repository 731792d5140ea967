"""cxdsl: journey-as-code for customer-experience teams."""

from __future__ import annotations

__version__ = "0.1.0"
