"""Several segmentation dimensions: a customer tree per dimension, as diagrams (DOT and
text alternative) and on the customer-tree page, in both languages."""

from __future__ import annotations

import re
from pathlib import Path

from cxdsl.compiler import check_workspace
from cxdsl.render.context import RenderContext
from cxdsl.render.pipeline import plan_diagrams
from cxdsl.render.workspace_maps import customer_tree_dot, workspace_trees
from cxdsl.site.generate import generate_site

DIMENSIONS = """\
dimensions:
  origin: {ar: بلد القدوم, en: Country of origin}
  need: {ar: الاحتياج, en: Need}
"""

TREES = """\
kind: segment
id: people
name: {ar: الأفراد, en: People}
---
kind: segment
id: citizens
parent: people
name: {ar: المواطنون, en: Citizens}
---
kind: segment
id: by-need
dimension: need
name: {ar: حسب الاحتياج, en: By need}
estimated_volume: 5000
---
kind: segment
id: elderly
parent: by-need
name: {ar: كبار السن, en: Elderly}
estimated_volume: 1200
volume_source: {ar: الإحصاء, en: Statistics office}
volume_year: 2024
---
kind: segment
id: reduced-mobility
parent: by-need
name: {ar: محدودو الحركة, en: Reduced mobility}
---
kind: persona
id: sara
name: {ar: سارة, en: Sara}
segments: [citizens, elderly]
---
kind: persona
id: omar
name: {ar: عمر, en: Omar}
segments: [citizens]
"""


def two_dimensions(workspace: Path) -> Path:
    settings = workspace / "cxdsl.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + DIMENSIONS, encoding="utf-8")
    (workspace / "personas" / "tree.yaml").write_text(TREES, encoding="utf-8")
    return workspace


def test_one_diagram_per_dimension_with_its_segments_and_personas(workspace: Path) -> None:
    result = check_workspace(two_dimensions(workspace))
    assert result.ok, [d.render() for d in result.diagnostics]
    diagrams = {
        (d.lang, d.kind): d
        for d in plan_diagrams(result.index, result.workspace.settings)
        if d.kind.startswith("customer-tree")
    }
    assert sorted(diagrams) == [
        ("ar", "customer-tree"),
        ("ar", "customer-tree-need"),
        ("en", "customer-tree"),
        ("en", "customer-tree-need"),
    ]
    need = diagrams["en", "customer-tree-need"]
    assert need.path == "en/customer-tree-need" and need.title == "Customer tree: Need"
    nodes = re.findall(r"<<B>([^<]+)</B>", need.source)
    assert nodes == ["Customer tree: Need", "By need", "Elderly", "Reduced mobility"]
    assert "☺ Sara" in need.source and "Omar" not in need.source  # Omar has no need segment
    assert need.alt_text.splitlines()[0] == "3 segments and 1 persona."  # the caption names it
    # Sub-segments nest under their parent: Python-Markdown nests at four spaces.
    assert need.alt_text.split("\n\n", 1)[1].splitlines() == [
        "- By need (est. volume: 5,000)",
        "    - Elderly (est. volume: 1,200) — personas: Sara",
        "    - Reduced mobility",
    ]
    first = diagrams["en", "customer-tree"]
    assert "People" in first.source and "By need" not in first.source
    assert "☺ Sara" in first.source and "☺ Omar" in first.source
    arabic = diagrams["ar", "customer-tree-need"]
    assert arabic.title == "شجرة المستفيدين: الاحتياج"
    # Two personas on one segment, joined by the reader's list separator.
    assert "    - Citizens — personas: Sara, Omar" in first.alt_text.splitlines()
    assert "    - المواطنون — الشخصيات: سارة، عمر" in diagrams["ar", "customer-tree"].alt_text


def test_a_workspace_without_dimensions_draws_one_tree_as_before(workspace: Path) -> None:
    result = check_workspace(workspace)
    ctx = RenderContext(result.index, result.workspace.settings, "en")
    assert [t.dimension for t in workspace_trees(ctx)] == [None]
    kinds = [d.kind for d in plan_diagrams(result.index, result.workspace.settings)]
    assert kinds.count("customer-tree") == 2 and not any("customer-tree-" in k for k in kinds)
    assert customer_tree_dot(ctx).count("<<B>Customer tree</B>>") == 1


def test_the_customer_tree_page_heads_each_dimension_with_its_name(
    workspace: Path, tmp_path: Path
) -> None:
    result = check_workspace(two_dimensions(workspace))
    diagrams = plan_diagrams(result.index, result.workspace.settings)
    for lang, heading, source in (
        ("en", "Customer tree: Need", "Statistics office"),
        ("ar", "شجرة المستفيدين: الاحتياج", "الإحصاء"),
    ):
        page = generate_site(result, diagrams, tmp_path, lang).pages["customer-tree.md"]
        headings = re.findall(r"^(#+) (.*?)(?: \{#segment-([\w-]+)\})?$", page, re.M)
        levels = [(level, anchor or text) for level, text, anchor in headings]
        assert levels[:8] == [
            ("#", "شجرة المستفيدين" if lang == "ar" else "Customer tree"),
            ("##", "شجرة المستفيدين" if lang == "ar" else "Customer tree"),
            ("###", "people"),
            ("###", "citizens"),
            ("##", heading),
            ("###", "by-need"),
            ("###", "elderly"),
            ("###", "reduced-mobility"),
        ]
        assert source in page  # where the elderly's volume comes from
