"""``cxdsl init`` and ``cxdsl new``: start a workspace, add an entity."""

from __future__ import annotations

import posixpath
from pathlib import Path

from .fmt import format_text
from .model.kinds import BY_NAME
from .schema import schemas

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

JOURNEY = (
    MODELINE
    + """\
kind: journey
id: {id}
title: {{ar: رحلة جديدة, en: New journey}}
persona: {persona}
state: as-is
value_sought: {{ar: ما يريد المستفيد تحقيقه, en: What the customer wants to achieve}}
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
name: {{ar: شخصية جديدة, en: New persona}}
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
name: {{ar: مؤشر جديد, en: New metric}}
type: custom
definition: {{ar: كيف يُحسب, en: How it is computed}}
owner: {actor}
target: 0
instrument: {instrument}
"""
)

MKDOCS = """\
# The site's configuration: yours to change. cxdsl adds the generated pages.
site_name: Customer experience
theme:
  name: material
  font: false
  features:
    - navigation.sections
plugins:
  - search
  - cxdsl
nav: []
"""

#: Actions pinned by commit (the tag they were, in the comment beside each).
CHECKOUT = "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683  # v4.2.2"
SETUP_PYTHON = "actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065  # v5.6.0"
UPLOAD_ARTIFACT = "actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02  # v4.6.2"
DOWNLOAD_ARTIFACT = "actions/download-artifact@d3f86a106a0bac45b974a628896c90dbdf5c8093  # v4.3.0"

WORKFLOW = """\
# cxdsl on every pull request and on main.
#
# A pull request's run has a read-only token and no secrets (GitHub gives a run from a
# fork neither), so it checks and builds with the workspace's own settings, Python model
# files and mkdocs hooks included, and uploads the semantic diff and the site preview as
# artifacts. cxdsl-comment.yml posts the diff as a comment afterwards: it has write
# permission and never runs the pull request's code.
#
# Where a run holds secrets or a write token (a self-hosted runner, a
# pull_request_target workflow), give every cxdsl command --no-python (untrusted mode):
# then no Python from the workspace runs at all.
name: cxdsl
on:
  pull_request:
  push:
    branches: [main]
permissions:
  contents: read
concurrency:
  group: cxdsl-${{ github.ref }}
  cancel-in-progress: true
env:
  # What pip installs to get cxdsl: a requirement (package name, pinned URL or wheel).
  CXDSL_PIP_SPEC: cxdsl
jobs:
  cxdsl:
    runs-on: ubuntu-latest
    steps:
      - uses: @CHECKOUT@
        with:
          fetch-depth: 0  # cxdsl diff reads the base revision
          persist-credentials: false
      - uses: @SETUP_PYTHON@
        with:
          python-version: "3.11"
      - name: Install Graphviz and fonts
        run: sudo apt-get update && sudo apt-get install -y graphviz fonts-noto-core
      - name: Install cxdsl
        run: python -m pip install "$CXDSL_PIP_SPEC"
      - name: Semantic diff
        if: github.event_name == 'pull_request'
        env:
          PR_NUMBER: ${{ github.event.pull_request.number }}
        run: |
          mkdir -p cxdsl-diff
          # HEAD is the merge commit; its first parent is the branch merged into.
          cxdsl diff HEAD^1 HEAD > cxdsl-diff/cxdsl-diff.md
          echo "$PR_NUMBER" > cxdsl-diff/pr-number
      - name: Upload the diff
        if: github.event_name == 'pull_request'
        uses: @UPLOAD_ARTIFACT@
        with:
          name: cxdsl-diff
          path: cxdsl-diff/
          if-no-files-found: error
          retention-days: 7
      - name: Check (annotations on the changed lines)
        run: cxdsl check . --format github
      - name: Build the site
        run: cxdsl build .
      - name: Upload the site preview
        if: github.event_name == 'pull_request'
        uses: @UPLOAD_ARTIFACT@
        with:
          name: site-preview
          path: site/
          retention-days: 7
      - name: Upload the site
        if: github.ref == 'refs/heads/main'
        uses: @UPLOAD_ARTIFACT@
        with:
          name: site
          path: site/
"""

#: Marks the comment that cxdsl-comment.yml keeps up to date on each pull request.
COMMENT_MARKER = "<!-- cxdsl-diff -->"

COMMENT_WORKFLOW = """\
# Posts (or updates) the semantic diff of a pull request as a comment, after the cxdsl
# workflow has run on it. This workflow runs in this repository's context with write
# permission on pull requests, so it never checks out or runs the pull request's code:
# it reads two files from the artifact of that run and treats both as untrusted (the
# pull request could have changed the workflow that made them). It works for pull
# requests from forks, and takes effect once it is on the default branch.
name: cxdsl comment
on:
  workflow_run:
    workflows: [cxdsl]
    types: [completed]
permissions: {}
jobs:
  comment:
    if: github.event.workflow_run.event == 'pull_request'
    runs-on: ubuntu-latest
    permissions:
      actions: read  # the artifact of the pull request's run
      pull-requests: write  # the comment
    steps:
      - name: Download the diff
        uses: @DOWNLOAD_ARTIFACT@
        with:
          name: cxdsl-diff
          path: ${{ runner.temp }}/cxdsl-diff
          run-id: ${{ github.event.workflow_run.id }}
          github-token: ${{ github.token }}
      - name: Post or update the comment
        env:
          GH_TOKEN: ${{ github.token }}
          REPO: ${{ github.repository }}
          RUN_HEAD_SHA: ${{ github.event.workflow_run.head_sha }}
          RUN_URL: ${{ github.event.workflow_run.html_url }}
          ARTIFACT: ${{ runner.temp }}/cxdsl-diff
        run: |
          set -euo pipefail
          number="$(head -c 32 "$ARTIFACT/pr-number")"  # $(...) drops the final newline
          if ! [[ "$number" =~ ^[1-9][0-9]{0,9}$ ]]; then
            echo "::error::the artifact's pull-request number is not a number"
            exit 1
          fi
          # Only the pull request whose head that run checked gets the comment.
          head_sha="$(gh api "repos/$REPO/pulls/$number" --jq .head.sha)"
          if [ "$head_sha" != "$RUN_HEAD_SHA" ]; then
            echo "::notice::pull request $number has moved on; its next run comments"
            exit 0
          fi
          body="$RUNNER_TEMP/cxdsl-comment.md"
          {
            echo '@COMMENT_MARKER@'
            echo "Site preview: the \\`site-preview\\` artifact of [this run]($RUN_URL)."
            echo
            # cxdsl escapes model text; the file may not come from cxdsl, so: at most
            # 60,000 bytes of valid UTF-8 (a comment holds 65,536) and no @mention.
            # (iconv -c exits 1 when it drops a character cut in two at the end)
            head -c 60000 "$ARTIFACT/cxdsl-diff.md" \\
              | { iconv -f UTF-8 -t UTF-8 -c 2> /dev/null || true; } \\
              | sed 's/@/@<!-- -->/g'
          } > "$body"
          comment_id="$(gh api --paginate "repos/$REPO/issues/$number/comments" \\
            --jq '.[] | select(.user.login == "github-actions[bot]")
                      | select(.body | startswith("@COMMENT_MARKER@")) | .id' | sed -n 1p)"
          if [ -n "$comment_id" ]; then
            gh api --method PATCH "repos/$REPO/issues/comments/$comment_id" \\
              -F "body=@$body" > /dev/null
          else
            gh api --method POST "repos/$REPO/issues/$number/comments" \\
              -F "body=@$body" > /dev/null
          fi
"""

PRE_COMMIT = """\
repos:
  - repo: https://github.com/cxdsl/cxdsl
    rev: v0.1.0
    hooks:
      - id: cxdsl-fmt
      - id: cxdsl-check
"""

GITIGNORE = "site/\n.cxdsl-cache/\n"

ABOUT = """\
# About this site

Generated by cxdsl from `personas/` and `journeys/`. Edit those files, not these pages.
"""


def pinned(workflow: str) -> str:
    """A workflow template with its @NAME@ placeholders (pinned actions, marker) filled in."""
    for name, value in (
        ("CHECKOUT", CHECKOUT),
        ("SETUP_PYTHON", SETUP_PYTHON),
        ("UPLOAD_ARTIFACT", UPLOAD_ARTIFACT),
        ("DOWNLOAD_ARTIFACT", DOWNLOAD_ARTIFACT),
        ("COMMENT_MARKER", COMMENT_MARKER),
    ):
        workflow = workflow.replace(f"@{name}@", value)
    return workflow


class ScaffoldError(Exception):
    """Something is in the way (an existing workspace or file)."""


def init_workspace(root: Path) -> list[str]:
    """Create a new workspace in ``root``; the files written, relative to it."""
    if (root / "cxdsl.yaml").exists():
        raise ScaffoldError(f"{root / 'cxdsl.yaml'} already exists")
    files = {
        "cxdsl.yaml": SETTINGS.format(default="ar"),
        "personas/customers.yaml": CUSTOMERS,
        "journeys/catalog/catalog.yaml": CATALOG,
        "journeys/first-journey.yaml": JOURNEY.format(
            id="first-journey", persona="first-time-applicant", channel="web-portal", metric="csat"
        ),
        "mkdocs.yml": MKDOCS,
        "docs/about.md": ABOUT,
        ".github/workflows/cxdsl.yml": pinned(WORKFLOW),
        ".github/workflows/cxdsl-comment.yml": pinned(COMMENT_WORKFLOW),
        ".pre-commit-config.yaml": PRE_COMMIT,
        ".gitignore": GITIGNORE,
        **{f"schemas/{name}": text for name, text in schemas().items()},
    }
    written = []
    for rel, text in files.items():
        path = root / rel
        if path.exists():
            continue  # never overwrite the team's own files (a .gitignore, a mkdocs.yml)
        if rel.endswith(".yaml") and not rel.startswith("."):
            text = local_schemas(text, rel)
            text = format_text(text, ["ar", "en"], settings_file=rel == "cxdsl.yaml")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(rel)
    return written


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
        )
    elif kind == "persona":
        leaves = existing.get("leaf-segment") or existing.get("segment") or ["TODO-segment"]
        text = PERSONA.format(id=ident, segment=leaves[0])
    else:
        text = METRIC.format(
            id=ident,
            actor=first("actor", "TODO-actor"),
            instrument=first("instrument", "TODO-instrument"),
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    rel = path.relative_to(root).as_posix()
    path.write_text(format_text(local_schemas(text, rel), languages), encoding="utf-8")
    return rel
