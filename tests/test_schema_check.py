"""Schemas in the workspace: a modeline for every document, CX018 and --validate."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from cxdsl.cli import main
from cxdsl.fmt import format_text

from .conftest import REPO, make_workspace

MODELINE = "# yaml-language-server: $schema=../schemas/cxdsl-model.schema.json\n"
LANGUAGES = ["ar", "en"]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def documents(text: str) -> list[str]:
    return re.split(r"(?m)^---\n", text)


def test_fmt_gives_every_document_the_files_modeline() -> None:
    source = MODELINE + "kind: segment\nid: a\n---\n# b\nkind: segment\nid: b\n---\nkind: x\n"
    once = format_text(source, LANGUAGES)
    assert all(doc.startswith(MODELINE) for doc in documents(once)), once
    assert "# b\n" in once
    assert format_text(once, LANGUAGES) == once  # idempotent


def test_fmt_keeps_a_documents_own_modeline_and_adds_none_to_a_file_without() -> None:
    own = "# yaml-language-server: $schema=other.json\n"
    source = MODELINE + "kind: segment\nid: a\n---\n" + own + "kind: segment\nid: b\n"
    assert format_text(source, LANGUAGES) == source
    bare = "kind: segment\nid: a\n---\nkind: segment\nid: b\n"
    assert format_text(bare, LANGUAGES) == bare


def test_fmt_keeps_comments_before_an_explicit_first_document_start() -> None:
    source = MODELINE + "---\nkind: segment\nid: a\n---\nkind: segment\nid: b\n"
    once = format_text(source, LANGUAGES)
    assert once == MODELINE + "kind: segment\nid: a\n---\n" + MODELINE + "kind: segment\nid: b\n"


def test_every_document_of_the_example_and_of_init_has_a_local_modeline(tmp_path: Path) -> None:
    assert run("init", str(tmp_path / "cx"))[0] == 0
    for root in (REPO, tmp_path / "cx"):
        files = [*root.glob("personas/**/*.yaml"), *root.glob("journeys/**/*.yaml")]
        for path in files:
            for doc in documents(path.read_text(encoding="utf-8")):
                first = doc.splitlines()[0]
                assert first.startswith("# yaml-language-server: $schema="), (path, doc[:80])
                target = path.parent / first.split("$schema=", 1)[1]
                assert target.resolve() == (root / "schemas/cxdsl-model.schema.json").resolve()
        settings = (root / "cxdsl.yaml").read_text(encoding="utf-8").splitlines()[0]
        assert settings.endswith("$schema=schemas/cxdsl-settings.schema.json"), root
    assert run("check", str(tmp_path / "cx")) == (0, "checked 4 files: no problems\n")


def test_cx018_until_schema_out_refreshes_the_copy(tmp_path: Path) -> None:
    ws = tmp_path / "cx"
    run("init", str(ws))
    (ws / "schemas/cxdsl-model.schema.json").write_text('{"oneOf": []}\n', encoding="utf-8")
    code, out = run("check", str(ws))
    assert code == 0, out
    assert "schemas/cxdsl-model.schema.json:1:1: warning CX018 " in out
    assert out.count("CX018") == 1, out  # the settings copy is current
    assert run("schema", "--out", str(ws / "schemas"))[0] == 0
    assert run("check", str(ws)) == (0, "checked 4 files: no problems\n")


def test_cx018_when_the_modelines_point_into_a_missing_schemas_folder(tmp_path: Path) -> None:
    ws = tmp_path / "cx"
    run("init", str(ws))
    shutil.rmtree(ws / "schemas")
    code, out = run("check", str(ws))
    assert code == 0, out
    assert "cxdsl.yaml:1:1: warning CX018 the modelines point at schemas/" in out
    assert run("schema", "--out", str(ws / "schemas"))[0] == 0
    assert run("check", str(ws)) == (0, "checked 4 files: no problems\n")


def test_validate_passes_the_example_and_locates_an_error_in_a_later_document(
    tmp_path: Path,
) -> None:
    code, out = run("schema", "--validate", str(REPO))
    assert code == 0, out
    assert out.endswith("against the schemas: no errors\n")
    ws = make_workspace(tmp_path)
    (ws / "personas" / "more.yaml").write_text(
        MODELINE
        + "kind: segment\nid: s1\nname: {en: One}\n---\n"
        + "kind: segment\nid: s2\nname: {en: Two}\n---\n"
        + "kind: persona\nid: p2\nname: {en: P}\nsegmnts: [s2]\n",
        encoding="utf-8",
    )
    code, out = run("schema", "--validate", str(ws))
    assert code == 1, out
    # Reported as a persona (the discriminator on kind), at the third document's line.
    assert "personas/more.yaml:10:1: persona: Additional properties are not allowed" in out
    assert "'segmnts' was unexpected" in out
    assert "segment" not in out.split("persona:", 1)[1].split("\n")[0].replace("segmnts", "")
