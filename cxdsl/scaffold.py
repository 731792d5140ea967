"""``cxdsl init`` and ``cxdsl new``: start a workspace, add an entity."""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from .fmt import format_text
from .model.kinds import BY_NAME
from .scaffold_ci import COMMENT_MARKER, ScaffoldError, ci_files, repository_top, snippet_for
from .schema import schemas

__all__ = [
    "COMMENT_MARKER",
    "PLACEHOLDERS",
    "Initialised",
    "ScaffoldError",
    "init_workspace",
    "new_entity",
]

SETTINGS = """\
# yaml-language-server: $schema=@SCHEMAS@/cxdsl-settings.schema.json
name: {{ar: تجربة المستفيد, en: Customer experience}}
languages: [ar, en]
default_language: {default}
emotion_scales:
  feelings:
    min: -2
    max: 2
    labels:
      -2: {{ar: محبط جداً, en: Very frustrated}}
      -1: {{ar: منزعج, en: Frustrated}}
      0: {{ar: محايد, en: Neutral}}
      1: {{ar: راضٍ, en: Satisfied}}
      2: {{ar: مسرور, en: Delighted}}
default_emotion_scale: feelings
# Run Python model files (personas/*.py, journeys/*.py)? Never on untrusted pull requests.
allow_python: false
"""

#: @SCHEMAS@ becomes the relative path from the file's folder to the workspace's schemas/
#: (written by init, refreshed by ``cxdsl schema --out schemas``): editors resolve it
#: offline. fmt repeats the modeline before every document of the file.
MODELINE = "# yaml-language-server: $schema=@SCHEMAS@/cxdsl-model.schema.json\n"


def local_schemas(text: str, rel: str) -> str:
    """``text``'s modeline pointed at the workspace's schemas/ from the file at ``rel``."""
    return text.replace("@SCHEMAS@", posixpath.relpath("schemas", posixpath.dirname(rel) or "."))


CUSTOMERS = (
    MODELINE
    + """\
# The customer tree: segments (with parent:) and the personas on its leaves.
kind: segment
id: individuals
name: {ar: الأفراد, en: Individuals}
---
kind: segment
id: citizens
parent: individuals
name: {ar: المواطنون, en: Citizens}
---
kind: persona
id: first-time-applicant
name: {ar: متقدم لأول مرة, en: First-time applicant}
segments: [citizens]
goals:
  - {ar: إنجاز الخدمة من أول محاولة, en: Get it done on the first try}
quote: {ar: «أريد أن أعرف ما المطلوب مني.», en: “I want to know what is expected of me.”}
"""
)

CATALOG = (
    MODELINE
    + """\
# The shared catalog: channels, actors, systems, metrics and instruments.
kind: channel
id: web-portal
name: {ar: البوابة الإلكترونية, en: Web portal}
type: digital
owner: service-owner
---
kind: actor
id: service-owner
name: {ar: مالك الخدمة, en: Service owner}
type: back_stage
---
kind: instrument
id: post-service-survey
name: {ar: استبيان ما بعد الخدمة, en: Post-service survey}
method: survey
questions:
  - id: csat
    text: {ar: ما مدى رضاك عن الخدمة؟, en: How satisfied are you with the service?}
    scale: {min: 1, max: 5}
---
kind: metric
id: csat
name: {ar: رضا المستفيدين, en: Customer satisfaction}
type: csat
owner: service-owner
target: 85
instrument: post-service-survey
"""
)

#: What ``cxdsl new`` writes where only the author knows what to write: kind, then field,
#: then the value written. The templates below are filled from this table and rule CX220
#: (``scaffold.placeholder``) reads it, so a placeholder cannot pass for content.
PLACEHOLDERS: dict[str, dict[str, str | int | dict[str, str]]] = {
    "journey": {
        "title": {"ar": "رحلة جديدة", "en": "New journey"},
        "value_sought": {
            "ar": "ما يريد المستفيد تحقيقه",
            "en": "What the customer wants to achieve",
        },
    },
    "persona": {"name": {"ar": "شخصية جديدة", "en": "New persona"}},
    "metric": {
        "name": {"ar": "مؤشر جديد", "en": "New metric"},
        "definition": {"ar": "كيف يُحسب", "en": "How it is computed"},
        "target": 0,
    },
}

#: The journey ``cxdsl init`` writes as a first example: content, not placeholders.
FIRST_JOURNEY: dict[str, str | int | dict[str, str]] = {
    "title": {"ar": "رحلتي الأولى", "en": "My first journey"},
    "value_sought": {"ar": "إنجاز الخدمة من أول محاولة", "en": "Get it done on the first try"},
}


def _flow(value: str | int | dict[str, str]) -> str:
    """A placeholder as YAML text (``{ar: ..., en: ...}`` for a text; fmt quotes where
    needed)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{lang}: {text}" for lang, text in value.items()) + "}"
    return str(value)


def _filled(values: dict[str, str | int | dict[str, str]]) -> dict[str, str]:
    return {field: _flow(value) for field, value in values.items()}


JOURNEY = (
    MODELINE
    + """\
kind: journey
id: {id}
title: {title}
persona: {persona}
state: as-is
value_sought: {value_sought}
stages:
  - id: apply
    title: {{ar: التقديم, en: Apply}}
    steps:
      - id: submit
        title: {{ar: تقديم الطلب, en: Submit the request}}
        channel: {channel}
        emotion: 0
        moment_of_truth: true
measurement_plan:
  - metric: {metric}
    trigger: {{step: submit}}
"""
)

PERSONA = (
    MODELINE
    + """\
kind: persona
id: {id}
name: {name}
segments: [{segment}]
goals: []
needs: []
pains: []
"""
)

METRIC = (
    MODELINE
    + """\
kind: metric
id: {id}
name: {name}
type: custom
definition: {definition}
owner: {actor}
target: {target}
instrument: {instrument}
"""
)

MKDOCS = """\
# The site's configuration: yours to change. cxdsl adds the generated pages.
site_name: Customer experience
theme:
  name: material
  font: false
  palette:  # links and header at 6.9:1 on white; cxdsl darkens any other colour to 4.5:1 or more
    primary: indigo
    accent: indigo
  features:
    - navigation.sections
plugins:
  - search
  - cxdsl
nav: []
"""

#: What a workspace keeps out of git: the built site, the cache, and the exports of measured
#: results that hold personal data (datasets point there or at ${ENV_VAR} files).
GITIGNORE = """\
site/
.cxdsl-cache/
# Survey exports with names, phone numbers or comments: never committed.
results/private/
"""

ABOUT = """\
# About this site

Generated by cxdsl from `personas/` and `journeys/`. Edit those files, not these pages.
"""


@dataclass
class Initialised:
    """What ``init_workspace`` did: files written, and CI files it left to the team."""

    written: list[str] = field(default_factory=list)  # relative to the workspace
    #: (path relative to the workspace, what to add there) for CI files that exist
    snippets: list[tuple[str, str]] = field(default_factory=list)


def _write_ci(root: Path, install_spec: str | None, done: Initialised) -> None:
    """The workflows and pre-commit config, at the repository's top, scoped to ``root``."""
    top = repository_top(root)
    ci_root, workspace = root, "."
    if top is not None and top.resolve() != root.resolve():
        ci_root, workspace = top, root.resolve().relative_to(top.resolve()).as_posix()
    for rel, text in ci_files(workspace, install_spec).items():
        path = ci_root / rel
        shown = os.path.relpath(path, root) if ci_root != root else rel
        if path.exists():
            done.snippets.append((shown, snippet_for(rel, text)))
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        done.written.append(shown)


def init_workspace(root: Path, install_spec: str | None = None) -> Initialised:
    """Create a new workspace in ``root``; CI files go to the top of its git repository."""
    if (root / "cxdsl.yaml").exists():
        raise ScaffoldError(f"{root / 'cxdsl.yaml'} already exists")
    files = {
        "cxdsl.yaml": SETTINGS.format(default="ar"),
        "personas/customers.yaml": CUSTOMERS,
        "journeys/catalog/catalog.yaml": CATALOG,
        "journeys/first-journey.yaml": JOURNEY.format(
            id="first-journey",
            persona="first-time-applicant",
            channel="web-portal",
            metric="csat",
            **_filled(FIRST_JOURNEY),
        ),
        "mkdocs.yml": MKDOCS,
        "docs/about.md": ABOUT,
        **{f"schemas/{name}": text for name, text in schemas().items()},
    }
    done = Initialised()
    for rel, text in files.items():
        path = root / rel
        if path.exists():
            continue  # never overwrite the team's own files (a .gitignore, a mkdocs.yml)
        if rel.endswith(".yaml") and not rel.startswith("."):
            text = local_schemas(text, rel)
            text = format_text(text, ["ar", "en"], settings_file=rel == "cxdsl.yaml")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        done.written.append(rel)
    _write_gitignore(root, done)
    _write_ci(root, install_spec, done)
    return done


def missing_ignores(text: str) -> list[str]:
    """The patterns of GITIGNORE that a .gitignore's ``text`` lacks (``/site`` and
    ``site/`` count as the same)."""

    def pattern(line: str) -> str:
        return line.strip().strip("/")

    have = {pattern(line) for line in text.splitlines()}
    wanted = [line for line in GITIGNORE.splitlines() if line and not line.startswith("#")]
    return [line for line in wanted if pattern(line) not in have]


def _write_gitignore(root: Path, done: Initialised) -> None:
    """Write .gitignore; where the team has one, name the lines it lacks (init never
    rewrites the team's own files)."""
    path = root / ".gitignore"
    if not path.exists():
        path.write_text(GITIGNORE, encoding="utf-8")
        done.written.append(".gitignore")
        return
    missing = missing_ignores(path.read_text(encoding="utf-8", errors="replace"))
    if missing:
        done.snippets.append((".gitignore", "".join(f"{line}\n" for line in missing)))


def new_entity(
    root: Path, kind: str, ident: str, existing: dict[str, list[str]], languages: list[str]
) -> str:
    """Write a new journey, persona or metric file; its path back."""
    folder = BY_NAME[kind].folder
    if folder is None:
        raise ScaffoldError(f"cxdsl new has no template for a {kind}")
    path = root / folder / f"{ident}.yaml"
    if path.exists():
        raise ScaffoldError(f"{path} already exists")
    if ident in existing.get(kind, []):
        raise ScaffoldError(f"a {kind} with id '{ident}' already exists")

    def first(of: str, fallback: str) -> str:
        ids = existing.get(of, [])
        return ids[0] if ids else fallback

    if kind == "journey":
        text = JOURNEY.format(
            id=ident,
            persona=first("persona", "TODO-persona"),
            channel=first("channel", "TODO-channel"),
            metric=first("metric", "TODO-metric"),
            **_filled(PLACEHOLDERS["journey"]),
        )
    elif kind == "persona":
        leaves = existing.get("leaf-segment") or existing.get("segment") or ["TODO-segment"]
        text = PERSONA.format(id=ident, segment=leaves[0], **_filled(PLACEHOLDERS["persona"]))
    else:
        text = METRIC.format(
            id=ident,
            actor=first("actor", "TODO-actor"),
            instrument=first("instrument", "TODO-instrument"),
            **_filled(PLACEHOLDERS["metric"]),
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    rel = path.relative_to(root).as_posix()
    path.write_text(format_text(local_schemas(text, rel), languages), encoding="utf-8")
    return rel
