"""Interface strings a workspace overrides (``ui:`` in cxdsl.yaml): applied, checked, located."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from cxdsl.compiler import check_workspace
from cxdsl.i18n import (
    active_overrides,
    check_ui_overrides,
    override_problems,
    override_table,
    overrides,
    shipped,
    ui,
)
from cxdsl.i18n.overrides import UiValue
from cxdsl.loading.workspace import load_settings
from cxdsl.site.build import build_site

from .conftest import FIXTURES, make_workspace

APPLIED = FIXTURES / "ui-overrides"
REFUSED = FIXTURES / "ui-overrides-refused"


def test_an_override_for_one_language_changes_only_that_language() -> None:
    with overrides({"journey_map": {"ar": "خريطة رحلة العميل"}}):
        assert ui("journey_map", "ar") == "خريطة رحلة العميل"
        assert ui("journey_map", "ar-SA") == "خريطة رحلة العميل"  # by its base language
        assert ui("journey_map", "en") == "Journey map"
    assert ui("journey_map", "ar") == "خريطة رحلة المستفيد"


def test_a_plain_override_is_every_languages_and_a_region_can_differ() -> None:
    with overrides({"customer_tree": "Beneficiaries", "emotion_curve": {"ar-SA": "المشاعر"}}):
        assert [ui("customer_tree", lang) for lang in ("ar", "en", "fr")] == ["Beneficiaries"] * 3
        assert ui("emotion_curve", "ar-SA") == "المشاعر"
        assert ui("emotion_curve", "ar") == "منحنى المشاعر"


def test_blocks_nest_and_restore_and_stay_in_their_thread() -> None:
    seen: list[str] = []
    with overrides({"journey_map": "Outer"}):
        with overrides({"journey_map": "Inner"}):
            assert ui("journey_map", "en") == "Inner"
            worker = threading.Thread(target=lambda: seen.append(ui("journey_map", "en")))
            worker.start()
            worker.join()
        assert ui("journey_map", "en") == "Outer"
    assert ui("journey_map", "en") == "Journey map"
    assert dict(active_overrides()) == {}
    assert seen == ["Journey map"]


def test_an_override_keeps_its_placeholders_anywhere_in_the_sentence() -> None:
    text = "{steps} و{stages} في خريطة «{title}» للشخصية {persona} ({state})."
    with overrides({"alt_journey_map": {"ar": text}}):
        filled = ui("alt_journey_map", "ar").format(
            title="t", persona="p", state="s", stages="4 مراحل", steps="16 خطوة"
        )
    assert filled == "16 خطوة و4 مراحل في خريطة «t» للشخصية p (s)."


def test_a_refused_override_is_left_out_and_the_shipped_text_shown() -> None:
    ui_settings: dict[str, UiValue] = {
        "alt_journey_map": {"ar": "خريطة «{title}»", "en": "Map of {title}"},
        "steps_title": "<b>Steps</b>",
        "journy_map": "Map",
        "earlier_periods": {"en": "Before ({n})", "ar": "{n:>99999999}"},
    }
    assert override_table(ui_settings) == {"earlier_periods": {"en": "Before ({n})"}}
    with overrides(ui_settings):
        assert ui("alt_journey_map", "ar") == shipped("alt_journey_map", "ar")
        assert ui("steps_title", "en") == "Steps"
        assert ui("earlier_periods", "ar") == "الفترات السابقة ({n})"
        assert ui("earlier_periods", "en") == "Before ({n})"


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Map of {title} for {persona}", "must keep the placeholders"),  # some missing
        ("{title}{persona}{state}{stages}{steps}{extra}", "must keep the placeholders"),
        ("{title.upper}{persona}{state}{stages}{steps}", "must keep the placeholders"),
        ("{title!r}{persona}{state}{stages}{steps}", "must keep the placeholders"),
        ("{title:9}{persona}{state}{stages}{steps}", "must keep the placeholders"),
        ("{title} {persona} {state} {stages} {steps} {", "a brace that is not a placeholder"),
        ("{{title}} {persona} {state} {stages} {steps}", "a brace that is not a placeholder"),
        ("[{title}](javascript:x) {persona} {state} {stages} {steps}", "read as markup"),
        ("{title}\n# {persona} {state} {stages} {steps}", "a line break"),
        ("  ", "is empty"),
    ],
)
def test_what_an_override_may_not_do(text: str, why: str) -> None:
    (problem,) = override_problems({"alt_journey_map": {"en": text}})
    assert why in problem.message
    assert problem.path == ("ui", "alt_journey_map", "en")


def test_refused_overrides_are_located_in_cxdsl_yaml() -> None:
    settings, root, _, _ = load_settings(REFUSED)
    found = {
        (i.code, i.span.line, i.span.column, i.message.split(" ")[1], i.hint)
        for i in check_ui_overrides(settings, root)
        if i.span is not None
    }
    placeholders = (
        "keep each {placeholder} as written (no format, no attribute); "
        "move them anywhere in the sentence"
    )
    markup = 'write it without < > & " ` * _ [ ] | \\ or a line break'
    assert found == {
        # the unknown key, at the key, with a did-you-mean
        ("CX013", 7, 3, "'journy_map'", "did you mean 'journey_map'?"),
        # the Arabic text lacks three placeholders (the English one is right)
        ("CX013", 10, 9, "'alt_journey_map'", placeholders),
        ("CX013", 11, 16, "'steps_title'", markup),
        # a conversion in Arabic, an attribute in English (the '.real' is not markup)
        ("CX013", 12, 27, "'alt_customer_tree'", placeholders),
        ("CX013", 12, 59, "'alt_customer_tree'", placeholders),
    }


def test_overrides_without_their_file_are_reported_at_the_file() -> None:
    (issue,) = check_ui_overrides({"journy_map": "x"})
    assert issue.span is not None
    assert (issue.span.file, issue.span.line, issue.code) == ("cxdsl.yaml", 1, "CX013")


def test_the_check_reports_refused_overrides(tmp_path: Path) -> None:
    """End to end: ``cxdsl check`` (the loader) reports every refused override once."""
    result = check_workspace(make_workspace(tmp_path, REFUSED))
    found = sorted(
        (d.code, d.span.line if d.span else 0)
        for d in result.diagnostics
        if d.message.startswith("ui: ")
    )
    assert found == [("CX013", 7), ("CX013", 10), ("CX013", 11), ("CX013", 12), ("CX013", 12)]


def test_applied_overrides_check_clean(tmp_path: Path) -> None:
    result = check_workspace(make_workspace(tmp_path, APPLIED))
    assert [d.render() for d in result.diagnostics if d.code == "CX013"] == []
    assert result.workspace.settings.ui["customer_tree"] == "Tree of beneficiaries"


@pytest.mark.slow
def test_an_override_in_cxdsl_yaml_changes_the_built_pages(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path, APPLIED)
    report, _ = build_site(ws, ws / "site")
    assert report.built
    site = ws / "site"
    ar_journey = (site / "ar/journeys/renew-license/index.html").read_text(encoding="utf-8")
    en_journey = (site / "en/journeys/renew-license/index.html").read_text(encoding="utf-8")
    # {ar: ...}: the Arabic pages only, in the page and in the diagram's own title.
    assert "خريطة رحلة العميل" in ar_journey
    assert "خريطة رحلة المستفيد" not in ar_journey
    assert "Journey map" in en_journey
    svg = (site / "ar/diagrams/journeys/renew-license/journey-map.svg").read_text(encoding="utf-8")
    assert '<title id="title">خريطة رحلة العميل' in svg
    # A plain text: every language, in the navigation and on the page.
    for lang in ("ar", "en"):
        tree = (site / lang / "customer-tree/index.html").read_text(encoding="utf-8")
        assert tree.count("Tree of beneficiaries") >= 2
    assert "What happens" in en_journey and "What happens" not in ar_journey
