"""The preview site of a pull request: ``cxdsl build --base REV``.

One preview is built per module (a two-commit repository of the small fixture workspace):
the second commit makes Sara's feeling at «الإرسال» / a hostile-titled "Submit" worse
(+1 → -1), edits a pain point in place (severity high → medium and its English text),
raises the satisfaction metric's target (80 → 85) and removes an actor nothing refers to.
The tests that read it are ``slow`` (the build runs mkdocs, a few seconds, once).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser

from cxdsl.cli import main
from cxdsl.compiler import check_workspace
from cxdsl.diff.engine import Change
from cxdsl.i18n import ui
from cxdsl.site.changes_page import markdown_safe, with_notice
from cxdsl.site.generate import generate_site
from cxdsl.site.preview import change_path, check_base, make_preview, preview_path

from ._serve import serve_folder
from .conftest import make_workspace
from .test_diff_git import git

#: The step whose feeling changes: its English title is a script and a javascript: link.
XSS = "<script>window.__xss=1</script>"
HOSTILE_EN = f"Submit {XSS} [x](javascript:window.__xss=2)"
HOSTILE_AR = f"الإرسال {XSS}"
JOURNEY = "renew-license"
#: The changed-page notice in a page's Markdown.
NOTICE = re.compile(r'\n!!! info cx-changed "[^"\n]*"\n\n(?:    - [^\n]*\n)+\n')


def _edit(path: Path, *pairs: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def two_commits(tmp: Path) -> Path:
    """The fixture workspace in git: the base commit, then the pull request's commit."""
    ws = make_workspace(tmp)
    journey, catalog = ws / "journeys" / f"{JOURNEY}.yaml", ws / "journeys" / "catalog.yaml"
    _edit(
        journey,
        (
            "        emotion: 0\n",
            "        emotion: 0\n        pain_points:\n"
            "          - text: {ar: كلمة المرور تُنسى, en: The password is forgotten}\n"
            "            severity: high\n",
        ),
        (
            "title: {ar: الإرسال, en: Submit}",
            f"title: {{ar: '{HOSTILE_AR}', en: '{HOSTILE_EN}'}}",
        ),
    )
    with catalog.open("a", encoding="utf-8") as out:
        out.write("---\nkind: actor\nid: auditor\nname: {ar: المدقق, en: Auditor}\ntype: support\n")
    git(ws, "init", "-q", "-b", "main")
    git(ws, "add", "-A")
    git(ws, "commit", "-qm", "base")
    _edit(
        journey,
        ("severity: high", "severity: medium"),
        ("The password is forgotten", "People forget the password"),
        ("        emotion: 1\n", "        emotion: -1\n"),
    )
    _edit(catalog, ("target: 80", "target: 85"))
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text[: text.index("---\nkind: actor\nid: auditor")], encoding="utf-8")
    git(ws, "commit", "-qam", "the pull request")
    return ws


@pytest.fixture(scope="module")
def preview_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(workspace, site): the pull request's preview, built once by ``cxdsl build --base``."""
    ws = two_commits(tmp_path_factory.mktemp("preview"))
    site = ws.parent / "site"
    result = CliRunner().invoke(main, ["build", str(ws), "--out", str(site), "--base", "HEAD~1"])
    assert result.exit_code == 0, result.output
    assert "preview of a pull request: 4 changes since" in result.output
    return ws, site


@pytest.fixture(scope="module")
def server(preview_site: tuple[Path, Path]) -> Iterator[str]:
    with serve_folder(preview_site[1]) as url:
        yield url


def article(site: Path, url: str) -> str:
    """The article of the page at ``url`` (relative to the site's root), as HTML."""
    page = (site / url.split("#")[0] / "index.html").read_text(encoding="utf-8")
    found = re.search(r"<article.*?</article>", page, re.S)
    assert found, url
    return found.group(0)


def text_of(html_text: str) -> str:
    """The text a reader sees (tags dropped, entities read)."""

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []

        def handle_data(self, data: str) -> None:
            self.parts.append(data)

    parser = Text()
    parser.feed(html_text)
    return re.sub(r"\s+", " ", "".join(parser.parts))


def links(html_text: str) -> list[str]:
    return re.findall(r'<a [^>]*href="([^"]*)"', html_text)


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.slow
def test_the_changed_journey_page_says_so_and_links_to_its_before_after_view(
    preview_site: tuple[Path, Path], lang: str
) -> None:
    _, site = preview_site
    page = article(site, f"{lang}/journeys/{JOURNEY}/")
    notice = re.search(r'<div class="admonition info cx-changed">.*?</div>', page, re.S)
    assert notice, page[:2000]
    said = text_of(notice.group(0))
    assert ui("preview.changed", lang) in said
    assert ("2 changes" if lang == "en" else "تغييران") in said  # the emotion, the pain point
    assert ui("preview.see_before_after", lang) in said
    target = urljoin(f"/{lang}/journeys/{JOURNEY}/", links(notice.group(0))[0])
    assert target == f"/{lang}/changes/journeys/{JOURNEY}/"
    assert page.index("cx-changed") < page.index("<table>")  # near the top


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.slow
def test_an_unchanged_page_has_no_notice(preview_site: tuple[Path, Path], lang: str) -> None:
    _, site = preview_site
    for url in ("personas/sara/", "customer-tree/", ""):
        assert "cx-changed" not in article(site, f"{lang}/{url}")


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.slow
def test_a_shared_page_names_its_changed_entity(preview_site: tuple[Path, Path], lang: str) -> None:
    _, site = preview_site
    page = article(site, f"{lang}/metrics/")
    notice = re.search(r'<div class="admonition info cx-changed">.*?</div>', page, re.S)
    assert notice
    said = text_of(notice.group(0))
    name = "Satisfaction" if lang == "en" else "الرضا"
    assert f"{name}: {'1 change' if lang == 'en' else 'تغيير واحد'}" in said
    targets = [urljoin(f"/{lang}/metrics/", href) for href in links(notice.group(0))]
    assert targets == [f"/{lang}/metrics/#metric-csat", f"/{lang}/changes/#change-metric-csat"]


@pytest.mark.slow
def test_the_changes_page_lists_every_change_by_entity(preview_site: tuple[Path, Path]) -> None:
    _, site = preview_site
    page = article(site, "en/changes/")
    said = text_of(page)
    assert "What this pull request changes since" in said and "4 changes" in said
    # The emotion change names the step (its hostile title, as text) and moves +1 → -1.
    assert f"Emotion at “{HOSTILE_EN}” (“Apply”): +1 → -1 (-2)" in said
    # The pain point edited in place: one change, both English texts, the severity.
    assert "severity: high → medium" in said
    assert said.count("Pain point changed") == 1
    assert "password" in said and "People forget the" in said
    # Each change links to the step it is at; the journey to its page and before/after.
    targets = [urljoin("/en/changes/", href) for href in links(page)]
    assert "/en/journeys/renew-license/#step-submit" in targets
    assert "/en/journeys/renew-license/#step-sign-in" in targets
    assert "/en/changes/journeys/renew-license/" in targets
    assert "/en/metrics/#metric-csat" in targets
    # The removed actor: said removed, by its name as it was, and never linked.
    entry = page[page.index('id="change-actor-auditor"') :]
    assert "Auditor" in text_of(entry) and ui("preview.removed", "en") in text_of(entry)
    assert not any("auditor" in target for target in targets)


@pytest.mark.slow
def test_the_changes_page_in_arabic(preview_site: tuple[Path, Path]) -> None:
    _, site = preview_site
    page = article(site, "ar/changes/")
    said = text_of(page)
    assert "ما يغيّره طلب الدمج هذا منذ" in said and "4 تغييرات" in said
    assert "الشعور عند «الإرسال " in said and "من +1 إلى -1" in said
    assert "الشدة: من عالية إلى متوسطة" in said
    assert "→" not in said  # «من … إلى …», no arrow in Arabic sentences
    assert "/ar/journeys/renew-license/#step-submit" in [
        urljoin("/ar/changes/", href) for href in links(page)
    ]


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.slow
def test_the_before_after_view(preview_site: tuple[Path, Path], lang: str) -> None:
    _, site = preview_site
    page = article(site, f"{lang}/changes/journeys/{JOURNEY}/")
    said = text_of(page)
    assert ui("preview.before_after", lang) in said
    # Step by step, each side's feeling: Submit was +1 (▲) and is -1 (▼).
    rows = re.findall(r"<tr>(.*?)</tr>", page, re.S)
    submit = next(r for r in rows if "window.__xss" in text_of(r))
    cells = re.findall(r"<td>(.*?)</td>", submit, re.S)
    assert "▲" in cells[1] and "+1" in text_of(cells[1])
    assert "▼" in cells[2] and "-1" in text_of(cells[2])
    head = [text_of(h) for h in re.findall(r"<th>(.*?)</th>", page, re.S)]
    assert ui("preview.before", lang) in head and ui("preview.after", lang) in head
    # The before/after chart: one per persona, written into the site.
    charts = re.findall(r'<img [^>]*src="([^"]*change-curve[^"]*)"', page)
    assert len(charts) == 1
    chart = (site / lang / "changes" / "journeys" / JOURNEY / charts[0]).resolve()
    assert chart.read_text(encoding="utf-8").startswith("<svg")


@pytest.mark.slow
def test_hostile_titles_stay_text(preview_site: tuple[Path, Path]) -> None:
    _, site = preview_site
    for url in ("en/changes/", "ar/changes/", f"en/changes/journeys/{JOURNEY}/"):
        page = article(site, url)
        assert "<script" not in page
        assert "javascript:" not in " ".join(links(page))
        assert "window.__xss=1" in text_of(page)  # shown, as written


@pytest.mark.slow
def test_preview_path_is_where_the_site_puts_each_change(preview_site: tuple[Path, Path]) -> None:
    """The links of the Changes page and preview_path (cxdsl diff's) are one answer."""
    _, site = preview_site
    assert (
        preview_path("journey", JOURNEY, "en", "submit") == "en/journeys/renew-license/#step-submit"
    )
    assert preview_path("metric", "csat", "ar") == "ar/metrics/#metric-csat"
    page = article(site, "en/changes/")
    targets = {urljoin("/en/changes/", href).lstrip("/") for href in links(page)}
    assert preview_path("journey", JOURNEY, "en", "sign-in") in targets
    assert preview_path("metric", "csat", "en") in targets
    for url in targets:
        page_url = url.split("#")[0]
        assert (site / page_url / "index.html").is_file(), url


def test_preview_paths_quote_ids_and_name_no_page_for_an_unknown_kind() -> None:
    assert preview_path("journey", "a.b", "en", "x.y") == "en/journeys/a-b/#step-x-y"
    assert preview_path("journey", "index", "en") == "en/journeys/index_/"
    assert preview_path("segment", "people", "en") == "en/customer-tree/#segment-people"
    assert preview_path("persona", "sara", "a/b") == "a%2Fb/personas/sara/"
    assert preview_path("workspace", "x", "en") is None


@pytest.mark.slow
def test_change_path_of_a_removed_entity_is_its_changes_entry(
    preview_site: tuple[Path, Path],
) -> None:
    ws, _ = preview_site
    head = check_workspace(ws)
    removed = Change("actor", "auditor", "actor.removed", "")
    assert change_path(removed, "en", head) == "en/changes/#change-actor-auditor"
    gone_step = Change("journey", JOURNEY, "step.removed", "x", step="gone")
    assert change_path(gone_step, "en", head) == "en/journeys/renew-license/"
    there = Change("journey", JOURNEY, "emotion.changed", "x", step="submit")
    assert change_path(there, "ar", head) == "ar/journeys/renew-license/#step-submit"


@pytest.mark.slow
def test_without_base_the_site_is_as_before(
    preview_site: tuple[Path, Path], tmp_path: Path
) -> None:
    """No notice, no Changes page: a preview only adds a notice to changed pages."""
    ws, _ = preview_site
    head = check_workspace(ws)
    preview = make_preview(check_base(ws, "HEAD~1"), head)
    assert len(preview.changes) == 4
    for lang in ("en", "ar"):
        plain = generate_site(head, [], tmp_path / "d", lang)
        shown = generate_site(head, [], tmp_path / "d", lang, preview=preview)
        assert "changes/index.md" not in plain.pages
        assert not any("cx-changed" in page for page in plain.pages.values())
        assert ui("preview.changes", lang) not in str(plain.nav)
        assert str(shown.nav[1]).startswith(f"{{'{ui('preview.changes', lang)}'")
        for path, page in plain.pages.items():
            if shown.pages[path] != page:  # the notice, after the title, is all it adds
                title, rest = shown.pages[path].split("\n", 1)
                without = NOTICE.sub("", rest, count=1)
                assert f"{title}\n{without}" == page, path
                assert shown.pages[path] == with_notice(
                    page, NOTICE.match(rest)[0].strip("\n") + "\n"
                )


def test_markdown_safe_keeps_tags_and_escapes_markdown_in_text() -> None:
    fragment = '<bdi lang="en">*a* [x](javascript:y) {#id} |</bdi>'
    safe = markdown_safe(fragment)
    assert safe.startswith('<bdi lang="en">') and safe.endswith("</bdi>")
    assert not re.search(r"[*\[\](){}|]", re.sub(r"<[^>]*>", "", safe))
    assert markdown_safe("1. x").startswith("&#49;")


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.slow
def test_the_changes_page_in_a_browser_leads_to_the_changed_journey(
    browser: Browser, server: str, lang: str
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/{lang}/changes/")
    assert page.get_attribute("html", "dir") == ("rtl" if lang == "ar" else "ltr")
    assert ui("preview.changes", lang) in page.inner_text("h1")
    # The navigation offers the Changes page near its top.
    nav = page.locator("nav.md-nav--primary").inner_text()
    assert ui("preview.changes", lang) in nav
    page.click(f"a[href$='journeys/{JOURNEY}/#step-submit']")
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path == f"/{lang}/journeys/{JOURNEY}/"
    assert urlsplit(page.url).fragment == "step-submit"
    assert ui("preview.changed", lang) in page.inner_text("article")
    assert page.evaluate("window.__xss") is None  # the hostile title ran nowhere
    assert errors == []
    page.close()


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--base", "no-such-branch"], "'no-such-branch' is not a commit"),
        (["--base", "--output=x"], "is not a revision"),
        (["--direct"], "give --base"),
    ],
)
def test_a_base_git_cannot_give_is_a_usage_error(
    tmp_path: Path, args: list[str], said: str
) -> None:
    ws = two_commits(tmp_path)
    site = tmp_path / "site"
    result = CliRunner().invoke(main, ["build", str(ws), "--out", str(site), *args])
    assert result.exit_code == 2, result.output
    assert said in result.output
    assert "Traceback" not in result.output
    assert not site.exists()  # refused before anything was built


def test_a_shallow_clone_says_how_to_fetch_the_history(tmp_path: Path) -> None:
    ws = two_commits(tmp_path / "origin")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{ws}", str(clone))
    site = tmp_path / "site"
    result = CliRunner().invoke(main, ["build", str(clone), "--out", str(site), "--base", "HEAD~1"])
    assert result.exit_code == 2, result.output
    assert "shallow clone" in result.output and "fetch-depth: 0" in result.output
    assert not site.exists()
