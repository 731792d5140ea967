"""What ``cxdsl init`` writes for CI: the GitHub workflows and the pre-commit config.

They belong at the top of the git repository (where GitHub and pre-commit look), scoped
to the workspace's folder, and install the cxdsl that wrote them (``cxdsl==VERSION``, or
the one requirement given with ``cxdsl init --install-spec``).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

from . import __version__


class ScaffoldError(Exception):
    """Something is in the way (an existing workspace or file, an unusable setting)."""


#: Actions pinned by commit (the tag they were, in the comment beside each), on the first
#: majors whose action.yml says ``runs.using: node24``: GitHub runs JavaScript actions on
#: Node 24 and has retired Node 20 (checkout v5, setup-python v6, upload-artifact v6,
#: download-artifact v7; the artifact actions' v5 still declared node20).
CHECKOUT = "actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8  # v5.0.0"
SETUP_PYTHON = "actions/setup-python@e797f83bcb11b83ae66e0230d6156d7c80228e7c  # v6.0.0"
UPLOAD_ARTIFACT = "actions/upload-artifact@b7c566a772e6b6bfb58ed0dc250532a479d7789f  # v6.0.0"
DOWNLOAD_ARTIFACT = "actions/download-artifact@37930b1c2abaa49bbe596cd826c3c89aef350131  # v7.0.0"

#: Where the hooks of ``.pre-commit-hooks.yaml`` are published; tags are ``v`` + version.
HOOKS_REPOSITORY = "https://github.com/cxdsl/cxdsl"

WORKFLOW = """\
# cxdsl on every pull request and on main.
#
# A pull request's run has a read-only token and no secrets (GitHub gives a run from a
# fork neither), so it checks and builds with the workspace's own settings, Python model
# files and mkdocs hooks included, and uploads the semantic diff, a summary of the
# findings and the preview site of the pull request as artifacts. cxdsl-comment.yml posts
# them as a comment afterwards, with a link to the preview: it has write permission and
# never runs the pull request's code.
#
# Where a run holds secrets or a write token (a self-hosted runner, a
# pull_request_target workflow), give every cxdsl command --no-python (untrusted mode):
# then no Python from the workspace runs at all.
name: cxdsl
on:
  pull_request:
  push:
    branches: [main]
permissions: {}
concurrency:
  # One run per pull request: a new push cancels the run it makes stale. Runs on main
  # (which publish the site) queue instead.
  group: cxdsl-${{ github.event.pull_request.number || github.ref }}
  cancel-in-progress: ${{ github.event_name == 'pull_request' }}
env:
  # What pip installs: the cxdsl that wrote this file. `cxdsl init --install-spec SPEC`
  # writes another requirement here: a version on your own index, a git URL, or a wheel
  # in the repository (a path from the repository's top).
  CXDSL_PIP_SPEC: @INSTALL_SPEC@
jobs:
  cxdsl:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    defaults:
      run:
        working-directory: @WORKSPACE@  # the workspace, from the repository's top
    steps:
      - uses: @CHECKOUT@
        with:
          fetch-depth: 0  # cxdsl diff starts at the merge base of base and head
          persist-credentials: false
      - uses: @SETUP_PYTHON@
        with:
          python-version: "3.11"
          cache: pip
          # pip's cache is keyed on this file, which holds CXDSL_PIP_SPEC
          cache-dependency-path: .github/workflows/cxdsl.yml
      - name: Install Graphviz and fonts
        run: sudo apt-get update && sudo apt-get install -y graphviz fonts-noto-core
      - name: Install cxdsl
        working-directory: ${{ github.workspace }}
        run: |
          python -m pip install "$CXDSL_PIP_SPEC"
          mkdir -p "$RUNNER_TEMP/cxdsl-diff"
      # The diff, fmt and check steps go on when they fail, so the comment always comes;
      # "Fail on findings" fails the job at the end.
      - name: Semantic diff
        id: diff
        if: github.event_name == 'pull_request'
        continue-on-error: true
        env:
          BASE_SHA: ${{ github.event.pull_request.base.sha }}
          HEAD_SHA: ${{ github.event.pull_request.head.sha }}
          PR_NUMBER: ${{ github.event.pull_request.number }}
        run: |
          echo "$PR_NUMBER" > "$RUNNER_TEMP/cxdsl-diff/pr-number"
          # What the pull request changes since it branched, as GitHub shows it: the
          # comment (shortened to fit one) and the full report (--out).
          # To link each change to its page, publish the cxdsl-preview artifact from a
          # workflow_run workflow (it holds the token to publish and runs no code of the
          # pull request, as cxdsl-comment.yml) to a static host (GitHub Pages of another
          # repository, a bucket), a folder per pull request, on another origin than the
          # main site (a preview is the pull request's content: see cxdsl's SECURITY.md),
          # and add --preview-url "https://HOST/pr-$PR_NUMBER/"
          cxdsl diff "$BASE_SHA" "$HEAD_SHA" --out "$RUNNER_TEMP/cxdsl-diff/cxdsl-diff-full.md" \\
            > "$RUNNER_TEMP/cxdsl-diff/cxdsl-diff.md"
      - name: Formatting
        id: fmt
        continue-on-error: true
        run: |
          if ! cxdsl fmt --check .; then
            echo "cxdsl fmt: files to reformat, run cxdsl fmt" >> "$RUNNER_TEMP/cxdsl-diff/summary"
            exit 1
          fi
      - name: Check (annotations on the changed lines)
        id: check
        continue-on-error: true
        run: |
          # the summary line (counts only) for the comment, then the annotations
          summary="$(cxdsl check . | tail -n 1)"
          echo "cxdsl check: $summary" >> "$RUNNER_TEMP/cxdsl-diff/summary"
          cxdsl check . --format github
      # The site as the pull request leaves it: every page it changed is marked, and a
      # Changes page lists what changed, each with its before and after.
      - name: Build the preview
        id: build-preview
        if: github.event_name == 'pull_request'
        env:
          BASE_SHA: ${{ github.event.pull_request.base.sha }}
        run: cxdsl build . --base "$BASE_SHA" --out "$RUNNER_TEMP/cxdsl-preview"
      # A build with findings (exit 1) still wrote the site: reviewers see it, and the
      # findings beside it; a build that could not run left nothing to upload.
      - name: Upload the preview
        id: preview
        if: ${{ !cancelled() && steps.build-preview.outcome != 'skipped' }}
        uses: @UPLOAD_ARTIFACT@
        with:
          name: cxdsl-preview
          path: ${{ runner.temp }}/cxdsl-preview/
          if-no-files-found: ignore
          retention-days: 5  # a preview per push adds up; the newest one is what counts
      # cxdsl-comment.yml links the preview from the comment: only a link to an artifact
      # of this run, it checks.
      - name: Pass the preview's link to the comment
        if: ${{ !cancelled() && steps.preview.outputs.artifact-url != '' }}
        env:
          PREVIEW_URL: ${{ steps.preview.outputs.artifact-url }}
        run: echo "$PREVIEW_URL" > "$RUNNER_TEMP/cxdsl-diff/preview-url"
      - name: Upload the diff and the summary
        if: ${{ !cancelled() && github.event_name == 'pull_request' }}
        uses: @UPLOAD_ARTIFACT@
        with:
          name: cxdsl-diff
          path: ${{ runner.temp }}/cxdsl-diff/
          if-no-files-found: error
          retention-days: 7
      - name: Build the site
        if: github.event_name != 'pull_request'
        run: cxdsl build . --out "$RUNNER_TEMP/site"
      - name: Upload the site
        if: github.ref == 'refs/heads/main'
        uses: @UPLOAD_ARTIFACT@
        with:
          name: site
          path: ${{ runner.temp }}/site/
      - name: Fail on findings
        if: >-
          steps.diff.outcome == 'failure' || steps.fmt.outcome == 'failure'
          || steps.check.outcome == 'failure'
        env:
          OUTCOMES: >-
            diff ${{ steps.diff.outcome }}, fmt ${{ steps.fmt.outcome }},
            check ${{ steps.check.outcome }}
        run: |
          echo "::error title=cxdsl::a step failed ($OUTCOMES); see its log"
          exit 1
"""

#: Marks the comment that cxdsl-comment.yml keeps up to date on each pull request.
COMMENT_MARKER = "<!-- cxdsl-diff -->"

COMMENT_WORKFLOW = """\
# Posts (or updates) the semantic diff of a pull request and a summary of the findings
# as a comment, after the cxdsl workflow has run on it, failed or not. This workflow runs
# in this repository's context with write permission on pull requests, so it never
# checks out or runs the pull request's code: it reads the files of that run's artifact
# and treats them as untrusted (the pull request could have changed the workflow that
# made them). It works for pull requests from forks, and takes effect once it is on the
# default branch. The comment is found by its hidden marker, never as "the last one".
name: cxdsl comment
on:
  workflow_run:
    workflows: [cxdsl]
    types: [completed]
permissions: {}
concurrency:
  # one comment job at a time per branch, so two runs never both create a comment
  group: >-
    cxdsl-comment-${{ github.event.workflow_run.head_repository.full_name }}-${{
    github.event.workflow_run.head_branch }}
jobs:
  comment:
    if: >-
      github.event.workflow_run.event == 'pull_request'
      && github.event.workflow_run.conclusion != 'cancelled'
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
          SERVER_URL: ${{ github.server_url }}
          REPO: ${{ github.repository }}
          RUN_ID: ${{ github.event.workflow_run.id }}
          RUN_HEAD_SHA: ${{ github.event.workflow_run.head_sha }}
          RUN_URL: ${{ github.event.workflow_run.html_url }}
          RUN_CONCLUSION: ${{ github.event.workflow_run.conclusion }}
          ARTIFACT: ${{ runner.temp }}/cxdsl-diff
        run: |
          set -euo pipefail
          export LC_ALL=C.UTF-8  # wc -m and ${text:0:n} count characters, as GitHub does
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
          conclusion="unknown"
          if [[ "$RUN_CONCLUSION" =~ ^[a-z_]{1,20}$ ]]; then conclusion="$RUN_CONCLUSION"; fi
          # The preview's link, only if it is an artifact of that very run.
          preview="$(head -c 300 "$ARTIFACT/preview-url" 2> /dev/null || true)"
          prefix="$SERVER_URL/$REPO/actions/runs/$RUN_ID/artifacts/"
          artifact_id="${preview#"$prefix"}"
          if ! [[ "$artifact_id" =~ ^[1-9][0-9]{0,19}$ ]]; then preview=""; fi
          if [ "$preview" != "$prefix$artifact_id" ]; then preview=""; fi
          body="$RUNNER_TEMP/cxdsl-comment.md"
          {
            echo '@COMMENT_MARKER@'
            echo "cxdsl: **$conclusion** in [this run]($RUN_URL) (findings as annotations; the"
            echo "full report is \\`cxdsl-diff-full.md\\` in its \\`cxdsl-diff\\` artifact)."
            echo
            if [ -n "$preview" ]; then
              echo "Preview site: [the \\`cxdsl-preview\\` artifact]($preview)"
              echo "(a zip: unpack it and serve its folder with any static web server; opening"
              echo "index.html from the disk does not follow its links)."
            else
              echo "Preview site: none in that run's artifacts (its log says why)."
            fi
            echo
            # the summary lines, only if made of letters, digits, spaces, commas, colons
            if [ -f "$ARTIFACT/summary" ]; then
              head -c 2000 "$ARTIFACT/summary" \\
                | { grep -E '^[A-Za-z0-9 ,:]{1,200}$' || true; } | sed 's/^/- /'
              echo
            fi
            if [ ! -s "$ARTIFACT/cxdsl-diff.md" ]; then
              echo "The semantic diff did not finish: the log of the run says why."
            fi
          } > "$body"
          # cxdsl escapes model text and fits its comment in GitHub's limit; the file may
          # not come from cxdsl, so: valid UTF-8, no @mention, and the whole body within
          # 65,000 characters (a comment holds 65,536). (iconv -c exits 1 when it drops
          # a character cut in two at the end)
          room=$((65000 - $(wc -m < "$body") - 1))  # the header, then a final newline
          diff="$(head -c 400000 "$ARTIFACT/cxdsl-diff.md" \\
            | { iconv -f UTF-8 -t UTF-8 -c 2> /dev/null || true; } \\
            | sed 's/@/@<!-- -->/g')"
          printf '%s\\n' "${diff:0:room}" \\
            | { iconv -f UTF-8 -t UTF-8 -c 2> /dev/null || true; } >> "$body"
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

PRE_COMMIT_RELEASE = """\
# cxdsl's hooks from the release that wrote this file (its tag, v + version). Upgrade
# with `pre-commit autoupdate`, and CXDSL_PIP_SPEC in .github/workflows/cxdsl.yml with it.
repos:
@HOOKS@"""

HOOKS_RELEASE = """\
  - repo: @REPOSITORY@
    rev: @REV@
    hooks:
      - id: cxdsl-fmt@SCOPE_FMT@
      - id: cxdsl-check@SCOPE_CHECK@
"""

PRE_COMMIT_SPEC = """\
# cxdsl's hooks, installed by pre-commit from the requirement that
# .github/workflows/cxdsl.yml installs (cxdsl init --install-spec).
repos:
@HOOKS@"""

HOOKS_SPEC = """\
  - repo: local
    hooks:
      - id: cxdsl-fmt
        name: cxdsl fmt
        entry: cxdsl fmt
        language: python
        additional_dependencies: [@INSTALL_SPEC@]
        pass_filenames: false
        files: @FILES_FMT@@ARGS@
      - id: cxdsl-check
        name: cxdsl check
        entry: cxdsl check --no-python
        language: python
        additional_dependencies: [@INSTALL_SPEC@]
        pass_filenames: false
        files: @FILES_CHECK@@ARGS@
"""

#: The ``files:`` patterns of ``.pre-commit-hooks.yaml``, for a workspace at the top.
FILES_CHECK = r"^(cxdsl\.yaml|mkdocs\.yml|personas/|journeys/)"
FILES_FMT = r"^(cxdsl\.yaml|personas/.*\.ya?ml|journeys/.*\.ya?ml)$"


def _yaml_str(text: str) -> str:
    """A YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def fill(template: str, values: dict[str, str]) -> str:
    """A template with its @NAME@ placeholders filled in (pinned actions, marker, ...)."""
    for name, value in {
        "CHECKOUT": CHECKOUT,
        "SETUP_PYTHON": SETUP_PYTHON,
        "UPLOAD_ARTIFACT": UPLOAD_ARTIFACT,
        "DOWNLOAD_ARTIFACT": DOWNLOAD_ARTIFACT,
        "COMMENT_MARKER": COMMENT_MARKER,
        **values,
    }.items():
        template = template.replace(f"@{name}@", value)
    return template


def check_install_spec(spec: str) -> str:
    """The requirement for ``--install-spec``, or a ScaffoldError saying what is wrong."""
    spec = spec.strip()
    if not spec or any(ch in spec for ch in "\n\r\t\0") or "${{" in spec:
        raise ScaffoldError(
            f"--install-spec {spec!r} is not a pip requirement on one line "
            "(e.g. 'cxdsl==0.1.0', 'cxdsl @ git+https://host/cxdsl@v0.1.0', a wheel's path)"
        )
    return spec


def install_warnings(install_spec: str | None) -> list[str]:
    """What the written CI would not be able to install, said before anyone pushes it."""
    out = []
    if install_spec is None and re.search(r"(dev|a|b|rc)\d*$", __version__):
        out.append(
            f"this cxdsl is a pre-release ({__version__}): the workflow installs "
            f"cxdsl=={__version__} and the hooks use the tag v{__version__}, which exist only "
            "once that version is released; until then give --install-spec"
        )
    if (
        install_spec is not None
        and "://" not in install_spec
        and not re.match(r"[A-Za-z0-9_.\-\[\]]+\s*(@|[=<>!~]|$)", install_spec)
    ):
        out.append(
            f"pre-commit installs '{install_spec}' from its own cache folder, where a path "
            "relative to the repository does not resolve: the workflow can use it, the hooks "
            "need an index name or a URL"
        )
    return out


def pre_commit_hooks(workspace: str, install_spec: str | None) -> str:
    """The ``repos:`` entries of the pre-commit config, scoped to ``workspace``."""
    prefix = "" if workspace == "." else workspace + "/"
    arg = workspace if not workspace.startswith("-") else "./" + workspace
    scoped = "^" + re.escape(prefix)
    if install_spec is None:
        # the hooks' own files: patterns and no args fit a workspace at the top
        scope = {"SCOPE_FMT": "", "SCOPE_CHECK": ""}
        if prefix:
            for name, files in (("SCOPE_FMT", FILES_FMT), ("SCOPE_CHECK", FILES_CHECK)):
                scope[name] = (
                    f"\n        args: [{_yaml_str(arg)}]"
                    f"\n        files: {_yaml_str(files.replace('^', scoped, 1))}"
                )
        return fill(
            HOOKS_RELEASE, {"REPOSITORY": HOOKS_REPOSITORY, "REV": f"v{__version__}", **scope}
        )
    return fill(
        HOOKS_SPEC,
        {
            "INSTALL_SPEC": _yaml_str(install_spec),
            "FILES_FMT": _yaml_str(FILES_FMT.replace("^", scoped, 1)),
            "FILES_CHECK": _yaml_str(FILES_CHECK.replace("^", scoped, 1)),
            "ARGS": f"\n        args: [{_yaml_str(arg)}]" if prefix else "",
        },
    )


def ci_files(workspace: str, install_spec: str | None) -> dict[str, str]:
    """The CI files for a workspace at ``workspace`` (from the repository's top), by path."""
    hooks = pre_commit_hooks(workspace, install_spec)
    pre_commit = PRE_COMMIT_RELEASE if install_spec is None else PRE_COMMIT_SPEC
    spec = install_spec or f"cxdsl=={__version__}"
    return {
        ".github/workflows/cxdsl.yml": fill(
            WORKFLOW, {"INSTALL_SPEC": _yaml_str(spec), "WORKSPACE": _yaml_str(workspace)}
        ),
        ".github/workflows/cxdsl-comment.yml": fill(COMMENT_WORKFLOW, {}),
        ".pre-commit-config.yaml": pre_commit.replace("@HOOKS@", hooks),
    }


def repository_top(folder: Path) -> Path | None:
    """The top of the git repository that holds ``folder``; None outside one (or no git)."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=folder,
            capture_output=True,
            timeout=30,
            check=False,
        )
    except OSError:
        return None
    if done.returncode != 0:
        return None
    return Path(os.fsdecode(done.stdout.removesuffix(b"\n")))


def snippet_for(rel: str, text: str) -> str:
    """What to add to an existing CI file instead of the one cxdsl would write."""
    if rel == ".pre-commit-config.yaml":
        return text.split("repos:\n", 1)[1]  # the entries to add under its repos:
    return text
