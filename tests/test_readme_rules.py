"""The README's rule table is generated from the catalogue and kept current."""

from __future__ import annotations

from cxdsl.rules import load_rules
from cxdsl.rules.catalogue_doc import START, anchor, with_rules_table

from .conftest import REPO


def test_readme_rule_table_is_current() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert readme == with_rules_table(readme), "README's rule table is stale: run make rules-doc"


def test_readme_lists_every_code_with_its_anchor() -> None:
    table = (REPO / "README.md").read_text(encoding="utf-8").split(START, 1)[1]
    for check in load_rules().catalogue():
        assert f'<a id="{anchor(check.code)}"></a>{check.code} | `{check.name}`' in table
