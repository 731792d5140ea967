"""``mkdocs.yml`` is input like any other; untrusted mode runs no workspace code in the build.

Most cases vet the file without building (``read_mkdocs_config``) or stop before mkdocs
runs; a few build the site for real (each build takes a second or two).
"""

from __future__ import annotations

import html
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cxdsl.cli import main
from cxdsl.diagnostics import Issue
from cxdsl.model import Settings
from cxdsl.site.build import redirect_page
from cxdsl.site.mkdocs_config import (
    UNTRUSTED_EXTENSIONS,
    UNTRUSTED_PLUGINS,
    make_config,
    read_mkdocs_config,
)
from cxdsl.site.mkdocs_yaml import MAX_VALUES, Relative

from .conftest import make_workspace

LANGS = ("ar", "en")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), env={"CXDSL_DEBUG": ""})


def write(ws: Path, text: str, name: str = "mkdocs.yml") -> None:
    (ws / name).write_text(text, encoding="utf-8")


def vet(ws: Path, text: str, untrusted: bool = False) -> list[Issue]:
    write(ws, text)
    return read_mkdocs_config(ws, untrusted).issues


def where(issues: list[Issue]) -> list[str]:
    return [f"{i.span} {i.code}" for i in issues]


# Tags: only !ENV and !relative; !!python refused in every mode, and nothing runs.


@pytest.mark.parametrize("flag", [[], ["--no-python"]], ids=["trusted", "untrusted"])
def test_python_tag_is_refused_located_and_never_runs(workspace: Path, flag: list[str]) -> None:
    marker = workspace / "pwned"
    write(
        workspace,
        f'site_name: x\nextra:\n  a: !!python/object/apply:os.system ["touch {marker}"]\n',
    )
    result = run("build", str(workspace), *flag)
    assert result.exit_code == 1, result.output
    assert re.search(
        r"^mkdocs\.yml:3:6: error CX016 YAML tag "
        r"'!!python/object/apply:os\.system' is refused",
        result.output,
        re.M,
    )
    assert "site not built" in result.output
    assert not marker.exists()
    assert not (workspace / "site").exists()


@pytest.mark.parametrize(
    "value",
    [
        "!!python/name:os.system",
        "!!python/object/new:os.system [x]",
        "!!python/module:os",
        "!!binary aGVsbG8=",
        "!custom x",
        "!!set {a: null}",
    ],
)
def test_every_other_tag_is_refused(workspace: Path, value: str) -> None:
    issues = vet(workspace, f"site_name: x\nextra:\n  key: {value}\n")
    assert where(issues) == ["mkdocs.yml:3:8 CX016"]
    assert "tag" in issues[0].message


def test_a_tag_in_an_inherited_file_is_located_there(workspace: Path) -> None:
    write(workspace, "site_name: base\nextra: !!python/object/apply:os.getcwd []\n", "base.yml")
    issues = vet(workspace, "INHERIT: base.yml\n")
    assert where(issues) == ["base.yml:2:8 CX016"]


def test_yaml_problems_are_located(workspace: Path) -> None:
    assert where(vet(workspace, "site_name: a\nsite_name: b\n")) == ["mkdocs.yml:2:1 CX016"]
    assert where(vet(workspace, "site_name: [a\n"))[0].endswith("CX016")
    assert where(vet(workspace, "- a\n- b\n")) == ["mkdocs.yml:1:1 CX016"]
    assert "merge keys" in vet(workspace, "a: &x {b: 1}\nc:\n  <<: *x\n")[0].message
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n"
        for p, c in zip("abcdef", "bcdefg", strict=True)
    )
    assert [i.message for i in vet(workspace, bomb)] == [
        f"more than {MAX_VALUES:,} values (aliases expanded)"
    ]
    assert "nesting" in vet(workspace, "a: &a [*a]\n")[0].message


def test_env_reads_the_environment_only_when_trusted(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (
        "site_name: !ENV [CXDSL_TEST_NAME, CXDSL_TEST_OTHER, Fallback]\n"
        "extra:\n  flag: !ENV CXDSL_TEST_FLAG\n  number: !ENV [CXDSL_TEST_MISSING, 3]\n"
    )
    write(workspace, text)
    monkeypatch.delenv("CXDSL_TEST_NAME", raising=False)
    monkeypatch.setenv("CXDSL_TEST_OTHER", "From the environment")
    monkeypatch.setenv("CXDSL_TEST_FLAG", "true")
    trusted = read_mkdocs_config(workspace, untrusted=False)
    assert trusted.issues == []
    assert trusted.data["site_name"] == "From the environment"
    assert trusted.data["extra"] == {"flag": True, "number": 3}
    # A runner that holds secrets must not publish them: untrusted mode takes defaults.
    untrusted = read_mkdocs_config(workspace, untrusted=True)
    assert untrusted.issues == []
    assert untrusted.data["site_name"] == "Fallback"
    assert untrusted.data["extra"] == {"flag": None, "number": 3}


def test_relative_becomes_mkdocs_placeholder(workspace: Path, tmp_path: Path) -> None:
    from mkdocs.utils.yaml import ConfigDirPlaceholder, RelativeDirPlaceholder

    (workspace / "docs").mkdir()
    text = (
        "site_name: x\nmarkdown_extensions:\n  - pymdownx.snippets:\n"
        "      base_path:\n        - !relative $config_dir/snips\n        - !relative\n"
    )
    write(workspace, text)
    vetted = read_mkdocs_config(workspace, untrusted=False)
    assert vetted.issues == []
    options = vetted.data["markdown_extensions"][0]["pymdownx.snippets"]
    assert [(r.prefix, r.suffix) for r in options["base_path"]] == [
        ("$config_dir", "snips"),
        ("", ""),
    ]
    assert all(isinstance(r, Relative) for r in options["base_path"])
    config, _ = make_config(vetted, tmp_path / "site")
    bound = config.mdx_configs["pymdownx.snippets"]["base_path"]
    assert isinstance(bound[0], ConfigDirPlaceholder)
    assert os.fspath(bound[0]) == str(workspace.resolve() / "snips")
    assert isinstance(bound[1], RelativeDirPlaceholder)
    issues = vet(workspace, "site_name: x\nextra:\n  p: !relative $config_dir/../../etc\n")
    assert where(issues) == ["mkdocs.yml:3:6 CX016"]
    assert where(vet(workspace, "site_name: x\nextra:\n  p: !relative nope\n")) == [
        "mkdocs.yml:3:6 CX016"
    ]


# Paths: everything mkdocs.yml names stays inside the workspace, links followed.


@pytest.mark.parametrize(
    ("text", "at"),
    [
        ("docs_dir: ../outside\n", "2:11"),
        ("docs_dir: /etc\n", "2:11"),
        ("theme:\n  name: material\n  custom_dir: ../../x\n", "4:15"),
        ("extra_css: [ok.css, ../../x.css]\n", "2:21"),
        ("extra_javascript:\n  - path: ../../../x.js\n", "3:11"),
        ("extra_javascript: ['javascript:alert(1)']\n", "2:20"),
        ("extra_css: ['data:text/css,x']\n", "2:13"),
        ("extra_templates: [../../x.html]\n", "2:19"),
        ("hooks: [../hook.py]\n", "2:9"),
        ("watch: [/]\n", "2:9"),
        ("INHERIT: ../base.yml\n", "2:10"),
        ("plugins:\n  - material/social:\n      cache_dir: /tmp/x\n", "4:18"),
    ],
)
def test_paths_outside_the_workspace_are_refused(workspace: Path, text: str, at: str) -> None:
    (workspace / "docs").mkdir()
    issues = vet(workspace, "site_name: x\n" + text)
    assert where(issues) == [f"mkdocs.yml:{at} CX016"]


def test_site_dir_is_cxdsls(workspace: Path) -> None:
    write(workspace, "site_name: x\nsite_dir: /tmp/elsewhere\n")
    vetted = read_mkdocs_config(workspace, untrusted=False)
    assert "site_dir" not in vetted.data
    assert vetted.warnings == [
        "mkdocs.yml:2:1: site_dir is ignored: cxdsl writes the site to "
        "--out (default: site/ in the workspace)"
    ]


def test_remote_styles_and_scripts_are_configuration(workspace: Path) -> None:
    text = (
        "site_name: x\nextra_css: ['https://cdn.example/a.css', /abs.css]\n"
        "extra_javascript: ['//cdn.example/a.js', {path: 'http://cdn.example/b.js'}]\n"
    )
    assert vet(workspace, text, untrusted=True) == []


def test_links_that_leave_the_workspace_are_refused(workspace: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("# secret\n", encoding="utf-8")
    (workspace / "docs").mkdir()
    (workspace / "docs" / "secret.md").symlink_to(outside / "secret.md")
    (workspace / "docs" / "folder").symlink_to(outside)
    (workspace / "docs" / "loop").symlink_to(workspace / "docs")  # inside: fine
    assert where(vet(workspace, "site_name: x\n")) == [
        "docs/folder:1:1 CX014",
        "docs/secret.md:1:1 CX014",
    ]
    shutil.rmtree(workspace / "docs")
    (workspace / "docs").symlink_to(outside)
    assert [i.code for i in vet(workspace, "site_name: x\n")] == ["CX016"]
    (workspace / "docs").unlink()
    (workspace / "mkdocs.yml").unlink()
    (outside / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (workspace / "mkdocs.yml").symlink_to(outside / "mkdocs.yml")
    assert where(read_mkdocs_config(workspace, False).issues) == ["mkdocs.yml:1:1 CX016"]


def test_hidden_files_of_the_workspace_are_never_published(workspace: Path) -> None:
    (workspace / ".git").mkdir()
    (workspace / ".git" / "config").write_text("[http]\n\textraheader = TOKEN\n")
    (workspace / ".env").write_text("site_description: SECRET_ENV\n", encoding="utf-8")
    (workspace / "docs").mkdir()
    (workspace / "docs" / "leak.txt").symlink_to(workspace / ".git" / "config")
    (workspace / "docs" / "env.md").symlink_to(workspace / ".env")
    (workspace / "docs" / "gitdir").symlink_to(workspace / ".git")
    assert where(vet(workspace, "site_name: x\n")) == [
        "docs/env.md:1:1 CX014",
        "docs/gitdir:1:1 CX014",
        "docs/leak.txt:1:1 CX014",
    ]
    shutil.rmtree(workspace / "docs")
    assert where(vet(workspace, "site_name: x\ndocs_dir: .git\n")) == ["mkdocs.yml:2:11 CX016"]
    assert where(vet(workspace, "INHERIT: .env\nsite_name: x\n")) == ["mkdocs.yml:1:10 CX016"]
    result = run("build", str(workspace), "--no-python", "--out", str(workspace / "out"))
    assert result.exit_code == 1, result.output
    assert not (workspace / "out").exists()


def test_option_paths_are_checked_at_any_depth(workspace: Path, tmp_path: Path) -> None:
    outside = tmp_path / "icons"
    outside.mkdir()
    issues = vet(
        workspace,
        "site_name: x\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        f"      options:\n        custom_icons: [{outside}]\n",
        untrusted=True,
    )
    assert where(issues) == ["mkdocs.yml:6:24 CX016"]


def test_docs_dir_outside_publishes_nothing(workspace: Path, tmp_path: Path) -> None:
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.md").write_text("# top secret\n", encoding="utf-8")
    write(workspace, "site_name: x\ndocs_dir: ../outside\n")
    result = run("build", str(workspace))
    assert result.exit_code == 1
    assert "mkdocs.yml:2:11: error CX016 '../outside' leads outside the workspace" in result.output
    assert not (workspace / "site").exists()


# Untrusted mode: no hooks, no templates, plugins and extensions from an allow-list.


def test_hooks_are_refused_in_untrusted_mode_and_do_not_run(workspace: Path) -> None:
    marker = workspace / "hook-ran"
    write(workspace, f"from pathlib import Path\nPath({str(marker)!r}).touch()\n", "hook.py")
    write(workspace, "site_name: x\nhooks:\n  - hook.py\n")
    result = run("build", str(workspace), "--no-python")
    assert result.exit_code == 1, result.output
    assert "mkdocs.yml:3:5: error CX017 hooks are Python files" in result.output
    assert not marker.exists()
    refused = run("serve", str(workspace), "--no-python", "--dev-addr", "127.0.0.1:1")
    assert refused.exit_code == 1
    assert "mkdocs.yml:3:5: error CX017" in refused.output
    assert not marker.exists()


def test_documented_material_functions_are_named_not_run(workspace: Path) -> None:
    issues = vet(
        workspace,
        """site_name: x
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
""",
        untrusted=True,
    )
    assert issues == []
    assert where(vet(workspace, "site_name: x\nextra: !!python/name:os.system\n")) == [
        "mkdocs.yml:2:8 CX016"
    ]


def test_check_reports_what_the_build_would_refuse(workspace: Path) -> None:
    write(workspace, "site_name: x\nhooks:\n  - hook.py\n")
    untrusted = run("check", str(workspace), "--no-python")
    assert untrusted.exit_code == 1, untrusted.output
    assert "mkdocs.yml:3:5: error CX017" in untrusted.output
    assert run("check", str(workspace)).exit_code == 0
    write(workspace, "site_name: !!python/object/apply:os.system [true]\n")
    trusted = run("check", str(workspace))
    assert trusted.exit_code == 1 and "mkdocs.yml:1:12: error CX016" in trusted.output


@pytest.mark.parametrize(
    ("entry", "allowed"),
    [
        ("cxdsl", True),
        ("search", True),
        ("/search", True),
        ("material/search", True),
        ("tags", True),
        ("material/blog", True),
        ("material/offline", True),
        ("material/info", False),
        ("info", False),
        ("material/privacy", False),
        ("material/projects", False),
        ("some-third-party", False),
        ("privacy: {}", False),
        ("material/group:\n      plugins: [search, material/privacy]", False),
        ("material/group:\n      plugins: [search, material/typeset]", True),
    ],
)
def test_plugins_in_untrusted_mode(workspace: Path, entry: str, allowed: bool) -> None:
    text = f"site_name: x\ntheme: material\nplugins:\n  - {entry}\n"
    assert vet(workspace, text) == []  # the team's own plugins, when trusted
    issues = vet(workspace, text, untrusted=True)
    assert [i.code for i in issues] == ([] if allowed else ["CX017"])


@pytest.mark.parametrize(
    ("entry", "allowed"),
    [
        ("toc", True),
        ("markdown.extensions.tables", True),
        ("pymdownx.superfences", True),
        ("pymdownx.tabbed: {alternate_style: true}", True),
        ("pymdownx.snippets", False),
        ("pymdownx.b64", False),
        ("evil_module", False),
        ("markdown.extensions.toc:TocExtension", False),
    ],
)
def test_markdown_extensions_in_untrusted_mode(workspace: Path, entry: str, allowed: bool) -> None:
    text = f"site_name: x\nmarkdown_extensions:\n  - {entry}\n"
    assert vet(workspace, text) == []
    assert [i.code for i in vet(workspace, text, untrusted=True)] == ([] if allowed else ["CX017"])


def test_templates_are_code_in_untrusted_mode(workspace: Path) -> None:
    (workspace / "docs").mkdir()
    text = (
        "site_name: x\ntheme:\n  name: material\n  custom_dir: overrides\n"
        "extra_templates: [extra.html]\n"
    )
    assert vet(workspace, text) == []
    assert where(vet(workspace, text, untrusted=True)) == [
        "mkdocs.yml:4:15 CX017",
        "mkdocs.yml:5:19 CX017",
    ]


def test_allow_lists_name_what_is_installed() -> None:
    from importlib.metadata import entry_points
    from importlib.util import find_spec

    installed = {ep.name for ep in entry_points(group="mkdocs.plugins")}
    assert installed >= UNTRUSTED_PLUGINS
    for name in UNTRUSTED_EXTENSIONS:
        module = name if "." in name else f"markdown.extensions.{name}"
        assert find_spec(module) is not None, name


# Full builds.


def test_trusted_mode_runs_the_teams_hooks(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = workspace / "hook-ran"
    write(
        workspace,
        "from pathlib import Path\n\ndef on_config(config):\n"
        f"    Path({str(marker)!r}).write_text(config.site_description)\n",
        "hook.py",
    )
    (workspace / "snips").mkdir()
    (workspace / "snips" / "note.txt").write_text("Included from a snippet.", encoding="utf-8")
    (workspace / "docs").mkdir()
    (workspace / "docs" / "about.md").write_text('# About\n\n--8<-- "note.txt"\n', encoding="utf-8")
    write(
        workspace,
        "site_name: x\nsite_description: !ENV [CXDSL_TEST_DESCRIPTION, none]\n"
        "hooks: [hook.py]\nplugins: [search, cxdsl]\ntheme: {name: material, "
        "font: false}\nmarkdown_extensions:\n  - pymdownx.snippets:\n"
        "      base_path: !relative $config_dir/snips\n",
    )
    monkeypatch.setenv("CXDSL_TEST_DESCRIPTION", "from the environment")
    result = run("build", str(workspace))
    assert result.exit_code == 0, result.output
    assert marker.read_text(encoding="utf-8") == "from the environment"
    page = (workspace / "site" / "en" / "about" / "index.html").read_text(encoding="utf-8")
    assert "Included from a snippet." in page


def test_mkdocs_failures_are_one_line_and_exit_2(workspace: Path) -> None:
    write(workspace, "site_name: x\ntheme: nonexistent\n")
    result = run("build", str(workspace))
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith(
        "cxdsl: error: mkdocs.yml:2:1: config value 'theme': Unrecognised theme name: 'nonexistent'"
    )
    assert "Traceback" not in result.output
    write(workspace, "def on_config(config):\n    raise RuntimeError('boom')\n", "hook.py")
    write(workspace, "site_name: x\nhooks: [hook.py]\n")
    result = run("build", str(workspace))
    assert result.exit_code == 2, result.output
    assert result.stderr.strip() == (
        "cxdsl: error: mkdocs could not build the 'ar' site: RuntimeError: boom"
    )


@pytest.fixture(scope="module")
def no_config(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, list[Result]]]:
    """A workspace without mkdocs.yml, built three ways: ``.``, relative, absolute."""
    base = tmp_path_factory.mktemp("no-config")
    ws = make_workspace(base)
    settings = ws / "cxdsl.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace(
            "{ar: مساحة اختبار, en: Test workspace}",
            "{ar: 'مساحة <i>\"اختبار\"</i> & شركاه', en: Test workspace}",
        ),
        encoding="utf-8",
    )
    here = Path.cwd()
    results = []
    try:
        os.chdir(ws)
        results.append(run("build", "."))
        os.chdir(base)
        results.append(run("build", "ws", "--out", "relative-out"))
        os.chdir(here)
        results.append(run("build", str(ws.resolve()), "--out", str(base / "absolute-out")))
    finally:
        os.chdir(here)
    yield base, results


def test_build_without_mkdocs_yml_with_any_path_and_out(
    no_config: tuple[Path, list[Result]],
) -> None:
    base, results = no_config
    for result in results:
        assert result.exit_code == 0, result.output
        assert "Traceback" not in result.output
    for site in (base / "ws" / "site", base / "relative-out", base / "absolute-out"):
        assert (site / "index.html").is_file()
        for lang in LANGS:
            assert (site / lang / "index.html").is_file()
            assert (site / lang / "journeys" / "renew-license" / "index.html").is_file()
    assert not (base / "ws" / ".cxdsl-cache" / "site").exists()
    assert not (base / "ws" / "mkdocs.yml").exists()


def test_redirect_page_has_direction_title_and_announced_links(
    no_config: tuple[Path, list[Result]],
) -> None:
    page = (no_config[0] / "ws" / "site" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in page
    title = html.escape('مساحة <i>"اختبار"</i> & شركاه')
    assert f"<title>{title}</title>" in page
    assert "<i>" not in page
    assert '<a href="ar/" hreflang="ar" lang="ar" dir="rtl">العربية</a>' in page
    assert '<a href="en/" hreflang="en" lang="en" dir="ltr">English</a>' in page
    assert 'http-equiv="refresh" content="0; url=ar/"' in page


def test_redirect_page_escapes_model_text() -> None:
    settings = Settings.model_validate({"name": '<script>alert(1)</script>"', "languages": ["en"]})
    page = redirect_page(settings)
    assert "<script>" not in page
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;&quot;</title>" in page
    assert '<html lang="en" dir="ltr">' in page


def test_serve_without_mkdocs_yml(workspace: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cxdsl",
            "serve",
            str(workspace),
            "--no-python",
            "--dev-addr",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        page = ""
        while (
            time.monotonic() < deadline
            and "Test workspace" not in page
            and "مساحة اختبار" not in page
        ):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as r:
                    page = r.read().decode("utf-8")
            except OSError:
                time.sleep(0.5)
        assert "مساحة اختبار" in page
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    assert b"Traceback" not in err
