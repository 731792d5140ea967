"""Per-rule case files (``tests/rules/CXnnn.yml``, like sqlfluff's rule cases) and the
example in every rule's documentation, run in-process over the base fixture workspace.

A case file::

    rule: CX205
    cases:
      - name: step-without-channel
        yaml: |            # written to journeys/ (personas/ for segments and personas),
          kind: journey    # or give files: {path: text} for several files
          ...
        expect: [CX205:9:11]   # every finding of the rule in those files; [] for a pass

``⟨U+202E⟩`` in a case or an example stands for that (invisible) character.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from cxdsl.compiler import check_workspace
from cxdsl.diagnostics import Diagnostic
from cxdsl.rules import RULES, load_rules

from .conftest import make_workspace

CASE_DIR = Path(__file__).parent / "rules"
CASE_FILES = sorted(CASE_DIR.glob("*.yml"))
_CHAR = re.compile(r"⟨U\+([0-9A-F]{4,6})⟩")
_BLOCK = re.compile(r"\*\*(Fails|Fixed)\*\*[^\n]*\n\n```yaml\n(.*?)```", re.S)


def _characters(text: str) -> str:
    return _CHAR.sub(lambda m: chr(int(m.group(1), 16)), text)


def _path_for(text: str) -> str:
    first = yaml.safe_load_all(_characters(text)).__next__()
    kind = first.get("kind") if isinstance(first, dict) else None
    return "personas/example.yaml" if kind in ("segment", "persona") else "journeys/example.yaml"


def run_files(tmp_path: Path, files: dict[str, str]) -> list[Diagnostic]:
    """Every diagnostic, in the given files, of the base workspace with ``files`` added."""
    ws = make_workspace(tmp_path)
    for rel, text in files.items():
        target = ws / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_characters(text), encoding="utf-8")
    result = check_workspace(ws)
    return [d for d in result.diagnostics if d.span is not None and d.span.file in files]


def _found(diagnostics: list[Diagnostic], code: str) -> list[str]:
    return sorted(
        f"{d.code}:{d.span.line}:{d.span.column}" for d in diagnostics if d.code == code and d.span
    )


def _cases() -> list[Any]:
    params = []
    for path in CASE_FILES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            params.append(pytest.param(data["rule"], case, id=f"{data['rule']}-{case['name']}"))
    return params


@pytest.mark.parametrize(("rule", "case"), _cases())
def test_rule_case(rule: str, case: dict[str, Any], tmp_path: Path) -> None:
    files = case.get("files") or {_path_for(case["yaml"]): case["yaml"]}
    assert _found(run_files(tmp_path, files), rule) == sorted(case["expect"])


def test_every_rule_has_pass_and_fail_cases() -> None:
    for rule in RULES:
        path = CASE_DIR / f"{rule.code}.yml"
        assert path.exists(), f"no case file for {rule.code}"
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
        assert any(c["expect"] for c in cases), f"{rule.code}: no failing case"
        assert any(not c["expect"] for c in cases), f"{rule.code}: no passing case"


def examples(code: str) -> tuple[str, str]:
    """The failing and the fixed YAML of a rule's documented example."""
    blocks = dict(_BLOCK.findall(load_rules().checks[code].example))
    return blocks["Fails"], blocks["Fixed"]


@pytest.mark.parametrize("code", [rule.code for rule in RULES])
def test_documented_example_fails_then_passes(code: str, tmp_path: Path) -> None:
    failing, fixed = examples(code)
    rel = _path_for(failing)
    assert _found(run_files(tmp_path / "fails", {rel: failing}), code), "the example passes"
    assert run_files(tmp_path / "fixed", {rel: fixed}) == [], "the fixed example has findings"


def test_every_rule_documents_an_example() -> None:
    for rule in RULES:
        check = load_rules().checks[rule.code]
        assert check.example.startswith("**Fails**"), rule.code
        assert "**Fixed**" in check.example and check.example in check.documentation
