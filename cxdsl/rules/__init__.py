"""Semantic rules, one per module (``cxNNN_name.py``), and the catalogue of every code."""

from __future__ import annotations

rules_pkg_name = __name__

from .registry import Check, Registry, Rule, RuleContext, load_rules, registry  # noqa: E402

__all__ = ["Check", "Registry", "Rule", "RuleContext", "load_rules", "registry"]
