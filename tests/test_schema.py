"""JSON Schema: generated from the model, kept in schemas/, checked by a real client."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from cxdsl.schema import schemas

from .conftest import REPO

SCHEMAS = REPO / "schemas"
CHECKER = Path(sys.executable).parent / "check-jsonschema"


def test_committed_schemas_are_current() -> None:
    for name, text in schemas().items():
        assert (SCHEMAS / name).read_text(encoding="utf-8") == text, (
            f"schemas/{name} is stale: run cxdsl schema --out schemas"
        )


def split_documents(path: Path, out: Path) -> list[Path]:
    """check-jsonschema reads one document per file: write each document separately."""
    text = path.read_text(encoding="utf-8")
    parts = re.split(r"(?m)^---[ \t]*$\n?", text)
    files = []
    for i, part in enumerate(p for p in parts if p.strip()):
        target = out / f"{path.stem}.{i}.yaml"
        target.write_text(part, encoding="utf-8")
        files.append(target)
    return files


def run_checker(schema: str, files: list[Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHECKER), "--schemafile", str(SCHEMAS / schema), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_every_example_file_declares_and_passes_its_schema(tmp_path: Path) -> None:
    model_files = sorted([*REPO.glob("personas/**/*.yaml"), *REPO.glob("journeys/**/*.yaml")])
    documents = []
    for path in model_files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target == (SCHEMAS / "cxdsl-model.schema.json").resolve(), path
        documents += split_documents(path, tmp_path)
    assert len(documents) > 40
    done = run_checker("cxdsl-model.schema.json", documents)
    assert done.returncode == 0, done.stdout + done.stderr
    settings = run_checker("cxdsl-settings.schema.json", [REPO / "cxdsl.yaml"])
    assert settings.returncode == 0, settings.stdout + settings.stderr


def test_a_broken_file_is_rejected(tmp_path: Path) -> None:
    source = (REPO / "journeys" / "issue-commercial-licence.yaml").read_text(encoding="utf-8")
    cases = {
        "typo": source.replace("        channel: web-portal\n", "        chanel: web-portal\n", 1),
        "type": source.replace("        emotion: 0\n", "        emotion: happy\n", 1),
        "state": source.replace("state: as-is", "state: someday"),
        "kind": source.replace("kind: journey", "kind: jouney"),
        "language": source.replace("title: {ar:", "title: {arabic:", 1),
    }
    for name, text in cases.items():
        assert text != source, name
        path = tmp_path / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        done = run_checker("cxdsl-model.schema.json", [path])
        assert done.returncode == 1, (name, done.stdout)
