"""Audit a built cxdsl site: Lighthouse scores, axe-core violations and two screenshots.

    .venv/bin/python tools/site_audit.py SITE_DIR --out DIR [--lighthouse PATH]
        [--before OLD/audit.json] [--no-lighthouse]

SITE_DIR (what ``cxdsl build`` wrote) is served on a free port of 127.0.0.1. Lighthouse
(mobile and desktop: home and journey page in both languages, the Arabic metrics and first
comparison page) gives scores, CLS and failed audits; install it outside the repository
(``npm install --prefix /tmp/lh lighthouse@12``: 13 needs Node 22). Without it axe still
runs: axe-core (tools/node_modules) on every page at 1280 px with the Arabic fix imported
from tests/test_a11y.py. Screenshots, full page: the Arabic home page at 1280 px, the
Arabic journey page at 390 px. Prints Markdown tables (``before → after`` with --before)
and writes audit.json, audit.md, the Lighthouse reports and the PNGs into DIR.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypedDict

from playwright.sync_api import Browser, ViewportSize, sync_playwright

REPO = Path(__file__).resolve().parent.parent
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
FORM_FACTORS = ("mobile", "desktop")
IMPACTS = ("critical", "serious", "moderate", "minor")
#: Chromium as Lighthouse launches it here: headless, no network chatter (none is reachable).
LIGHTHOUSE_CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
#: bf-cache (navigates away and back: seconds a run) weighs nothing in any score.
LIGHTHOUSE_ARGS = "--output=json --quiet --disable-full-page-screenshot --skip-audits=bf-cache"
LIGHTHOUSE_TIMEOUT = 240  # seconds for one run (about 20 s each on two cores)
PREFERRED_JOURNEY = "journeys/renew-building-permit/"
#: axe's violations: each rule, its impact, its number of elements and the first few.
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({rule: v.id, impact: v.impact, nodes: v.nodes.length,
    targets: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
}"""
#: Lazy images loaded (a full-page screenshot scrolls nothing into view), then the fonts.
EVERY_IMAGE = """async () => {
  for (const img of document.images) img.loading = "eager";
  await Promise.all([...document.images].filter(i => !i.complete)
    .map(i => new Promise(done => { i.onload = i.onerror = done; })));
  await document.fonts.ready;
}"""


@dataclasses.dataclass
class LighthouseRun:
    """One page in one form factor: scores 0-100, CLS, failed audits (accessibility ones
    with their titles and examples), the full report's path."""

    label: str
    page: str
    form_factor: str
    error: str | None = None
    scores: dict[str, int | None] = dataclasses.field(default_factory=dict)
    cls: float | None = None
    failed_accessibility: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    failed_other: dict[str, list[str]] = dataclasses.field(default_factory=dict)
    report: str | None = None
    version: str | None = None


class AxeViolation(TypedDict):
    rule: str
    impact: str | None
    nodes: int
    targets: list[str]


@dataclasses.dataclass(frozen=True)
class AxeKit:
    """axe-core (and the Arabic fix) as the test suite injects it, the suite's Chromium
    arguments and its list of pages."""

    script: str
    arabic_fix: bool
    chromium_args: list[str]
    pages: Callable[[Path], list[str]]


@dataclasses.dataclass(frozen=True)
class Options:
    site: Path
    out: Path
    lighthouse: str | None
    chromium: str
    before: Path | None


def parse_args(argv: list[str] | None) -> Options:
    """The command line, checked."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built site (cxdsl build's output)")
    parser.add_argument("--out", type=Path, required=True, help="folder for the results")
    parser.add_argument("--lighthouse", default="lighthouse", help="the lighthouse executable")
    parser.add_argument("--no-lighthouse", action="store_true", help="axe and screenshots only")
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="Chromium to run")
    parser.add_argument("--before", type=Path, help="an earlier audit.json to compare with")
    args = parser.parse_args(argv)
    if not (args.site / "ar" / "index.html").is_file():
        parser.error(f"{args.site} holds no built site (no ar/index.html)")
    if args.before is not None and not args.before.is_file():
        parser.error(f"--before: no file {args.before}")
    lighthouse = None if args.no_lighthouse else args.lighthouse
    return Options(args.site.resolve(), args.out.resolve(), lighthouse, args.chromium, args.before)


def _repo_on_path() -> None:
    """The repository importable (tests/ holds the suite's server and axe set-up)."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))


def _both(site: Path, rel: str) -> bool:
    return all((site / lang / rel / "index.html").is_file() for lang in ("ar", "en"))


def journey_page(site: Path) -> str | None:
    """The journey page audited in both languages: renew-building-permit, else the first
    journey page both languages have (comparison pages aside)."""
    if _both(site, PREFERRED_JOURNEY):
        return PREFERRED_JOURNEY
    names = [p.parent.name for p in sorted((site / "ar" / "journeys").glob("*/index.html"))]
    rels = [f"journeys/{name}/" for name in names if not name.endswith("-compare")]
    return next((rel for rel in rels if _both(site, rel)), None)


def lighthouse_pages(site: Path) -> list[tuple[str, str]]:
    """(label, path) of the pages Lighthouse audits, those the site has."""
    pages = [("ar home", "ar/"), ("en home", "en/")]
    journey = journey_page(site)
    if journey is not None:
        pages += [("ar journey", f"ar/{journey}"), ("en journey", f"en/{journey}")]
    if (site / "ar" / "metrics" / "index.html").is_file():
        pages.append(("ar metrics", "ar/metrics/"))
    compare = sorted((site / "ar" / "journeys").glob("*-compare/index.html"))
    if compare:
        pages.append(("ar comparison", f"ar/journeys/{compare[0].parent.name}/"))
    return pages


def failed_audits(report: dict[str, Any], category: str) -> list[dict[str, Any]]:
    """The audits of ``category`` that scored below 1 (not applicable, manual and
    informative ones aside), each with its weight in the category."""
    failed = []
    for ref in report["categories"].get(category, {}).get("auditRefs", []):
        audit = report["audits"][ref["id"]]
        score, mode = audit.get("score"), audit.get("scoreDisplayMode")
        if score is not None and score < 1 and mode in ("binary", "numeric", "metricSavings"):
            failed.append({**audit, "weight": ref.get("weight", 0)})
    return failed


def _example(item: dict[str, Any]) -> str:
    node = item.get("node") or {}
    text = node.get("selector") or node.get("snippet") or item.get("url") or ""
    label = node.get("nodeLabel")
    return f"{text} ({label})" if label else str(text)


def summarise(report: dict[str, Any], run: LighthouseRun) -> LighthouseRun:
    """``run`` with what the audit keeps of its Lighthouse report."""
    for c in CATEGORIES:
        score = report["categories"].get(c, {}).get("score")
        run.scores[c] = None if score is None else round(score * 100)
    for a in failed_audits(report, "accessibility"):
        items = (a.get("details") or {}).get("items", [])
        kept = {k: a[k] for k in ("id", "title", "weight")}
        examples = [_example(i) for i in items[:4]]
        run.failed_accessibility.append({**kept, "items": len(items), "examples": examples})
    for c in (c for c in CATEGORIES if c != "accessibility"):
        run.failed_other[c] = [a["id"] for a in failed_audits(report, c)]
    run.cls = report["audits"].get("cumulative-layout-shift", {}).get("numericValue")
    run.version = report.get("lighthouseVersion")
    run.error = (report.get("runtimeError") or {}).get("message")
    return run


def run_lighthouse(
    exe: str, chromium: str, url: str, target: tuple[str, str, str], out: Path
) -> LighthouseRun:
    """One Lighthouse run: ``target`` is (label, page, form factor); the full report is
    kept in ``out``."""
    label, page, form = target
    path = out / f"{label.replace(' ', '-')}-{form}.json"
    path.unlink(missing_ok=True)
    command = [exe, url, f"--output-path={path}", f"--chrome-flags={LIGHTHOUSE_CHROME_FLAGS}"]
    command += [*LIGHTHOUSE_ARGS.split(), f"--only-categories={','.join(CATEGORIES)}"]
    command += ["--preset=desktop"] if form == "desktop" else []
    env = {**os.environ, "CHROME_PATH": chromium}
    try:
        done = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=LIGHTHOUSE_TIMEOUT
        )
    except subprocess.TimeoutExpired:
        return LighthouseRun(label, page, form, f"timed out after {LIGHTHOUSE_TIMEOUT} s")
    if done.returncode != 0 or not path.is_file():
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        return LighthouseRun(label, page, form, f"exit {done.returncode}: {' '.join(tail)}")
    run = LighthouseRun(label, page, form, report=str(path))
    return summarise(json.loads(path.read_text(encoding="utf-8")), run)


def lighthouse_all(options: Options, base: str) -> tuple[list[LighthouseRun], str | None]:
    """Every Lighthouse run, or none and why (not asked for, or no executable)."""
    if options.lighthouse is None:
        return [], "Lighthouse not run (--no-lighthouse)."
    exe = shutil.which(options.lighthouse)  # a name on PATH, or a path
    if exe is None:
        why = (
            f"Lighthouse not found ({options.lighthouse!r}): install it outside the "
            "repository (npm install --prefix /tmp/lh lighthouse@12) and pass "
            "--lighthouse /tmp/lh/node_modules/.bin/lighthouse."
        )
        print(why + " axe and the screenshots still run.", file=sys.stderr)
        return [], why
    folder = options.out / "lighthouse"
    folder.mkdir(parents=True, exist_ok=True)
    runs = []
    for label, page in lighthouse_pages(options.site):
        for form in FORM_FACTORS:
            print(f"lighthouse: {label} ({form})", file=sys.stderr)
            target = (label, page, form)
            runs.append(run_lighthouse(exe, options.chromium, f"{base}/{page}", target, folder))
    return runs, None


def _every_page(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.glob("*/**/*.html"))


def load_axe_kit() -> AxeKit:
    """axe-core and the Arabic fix from tests/test_a11y.py (imported: the audit checks what
    the suite checks). If that module cannot be imported (a half-done change elsewhere),
    stock axe runs, loudly, and the results say so."""
    _repo_on_path()
    try:
        from tests.conftest import CHROMIUM_ARGS
        from tests.test_a11y import ARABIC_FIX, AXE, site_pages
    except Exception as error:  # whatever broke the import, the audit goes on without it
        print(
            f"WARNING: tests/test_a11y.py could not be imported ({error!r}): axe runs "
            "WITHOUT the Arabic fix, so its contrast check skips most Arabic text",
            file=sys.stderr,
        )
        axe = REPO / "tools" / "node_modules" / "axe-core" / "axe.min.js"
        args = LIGHTHOUSE_CHROME_FLAGS.split()[1:]  # playwright sets headless itself
        return AxeKit(axe.read_text(encoding="utf-8"), False, args, _every_page)
    script = AXE.read_text(encoding="utf-8") + ";\n" + ARABIC_FIX
    return AxeKit(script, True, list(CHROMIUM_ARGS), site_pages)


def run_axe(browser: Browser, base: str, site: Path, kit: AxeKit) -> dict[str, Any]:
    """axe on every page of both languages at 1280 px: each page's violations, totals by
    language and impact, and the rules violated."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(kit.script)
    page = context.new_page()
    page.set_default_timeout(120_000)
    found: dict[str, list[AxeViolation]] = {}
    errors: dict[str, str] = {}
    for rel in kit.pages(site):
        try:
            page.goto(f"{base}/{rel}", wait_until="load")
            found[rel] = page.evaluate(RUN_AXE)
        except Exception as error:  # a page axe could not finish: said, not fatal
            errors[rel] = str(error).splitlines()[0]
    context.close()
    kept = {"arabic_fix": kit.arabic_fix, "width": 1280, "errors": errors, "pages": found}
    return {**kept, "totals": axe_totals(found), "rules": axe_rules(found)}


def axe_totals(found: dict[str, list[AxeViolation]]) -> dict[str, dict[str, Any]]:
    """Per language: pages audited, and per impact the violations (a rule failing on a
    page counts once) and the elements involved."""
    totals: dict[str, dict[str, Any]] = {}
    for rel, violations in found.items():
        empty = {i: {"violations": 0, "elements": 0} for i in IMPACTS}
        lang = totals.setdefault(rel.split("/")[0], {"pages": 0, **empty})
        lang["pages"] += 1
        for v in violations:
            bucket = lang.setdefault(v["impact"] or "none", {"violations": 0, "elements": 0})
            bucket["violations"] += 1
            bucket["elements"] += v["nodes"]
    return dict(sorted(totals.items()))


def axe_rules(found: dict[str, list[AxeViolation]]) -> list[dict[str, Any]]:
    """Each rule violated anywhere: its impact, pages, elements and a first example."""
    rules: dict[str, dict[str, Any]] = {}
    for rel, violations in sorted(found.items()):
        for v in violations:
            example = f"{rel}: {', '.join(v['targets'])}"
            new = {"rule": v["rule"], "impact": v["impact"], "pages": 0, "elements": 0}
            rule = rules.setdefault(v["rule"], {**new, "example": example})
            rule["pages"] += 1
            rule["elements"] += v["nodes"]
    order = {impact: n for n, impact in enumerate(IMPACTS)}
    return sorted(rules.values(), key=lambda r: (order.get(r["impact"], 9), -r["pages"]))


def screenshots(browser: Browser, base: str, site: Path, out: Path) -> list[str]:
    """Full-page PNGs: the Arabic home page at 1280 px, the Arabic journey page at 390 px
    (as a phone: mobile viewport, touch)."""
    shots = [("ar/", 1280, False, out / "ar-home-1280.png")]
    journey = journey_page(site)
    if journey is not None:
        shots.append((f"ar/{journey}", 390, True, out / "ar-journey-390.png"))
    written = []
    for rel, width, phone, path in shots:
        size = ViewportSize(width=width, height=844 if phone else 900)
        context = browser.new_context(viewport=size, is_mobile=phone, has_touch=phone)
        page = context.new_page()
        try:
            page.goto(f"{base}/{rel}", wait_until="networkidle")
            page.evaluate(EVERY_IMAGE)
            page.screenshot(path=str(path), full_page=True)
            written.append(str(path))
        except Exception as error:  # a screenshot missed: said, the figures still count
            print(f"screenshot of {rel} failed: {error}", file=sys.stderr)
        context.close()
    return written


def _score(run: LighthouseRun | None, key: str) -> str:
    if run is None:
        return "–"
    if run.error and not run.scores:
        return "error"
    if key == "cls":
        return "–" if run.cls is None else f"{run.cls:.3f}"
    value = run.scores.get(key)
    return "–" if value is None else str(value)


def _cell(after: str, before: str | None) -> str:
    return after if before is None else f"{before} → {after}"


def lighthouse_table(runs: list[LighthouseRun], before: list[LighthouseRun] | None) -> str:
    """Scores and CLS per page and form factor, and the failed accessibility audits."""
    old = {(r.label, r.form_factor): r for r in before or []}
    head = "| page | form factor | performance | accessibility | best practices | SEO | CLS |"
    lines = [head + " failed accessibility audits |", "|---" * 8 + "|"]
    for run in runs:
        prior = old.get((run.label, run.form_factor))
        cells = [
            _cell(_score(run, k), None if before is None else _score(prior, k))
            for k in (*CATEGORIES, "cls")
        ]
        failed = ", ".join(f"`{a['id']}`" for a in run.failed_accessibility) or "none"
        if run.error:
            failed += f" (error: {run.error})"
        page = f"{run.label} (`{run.page}`)"
        lines.append(f"| {page} | {run.form_factor} | {' | '.join(cells)} | {failed} |")
    return "\n".join(lines)


def _axe_cell(lang: dict[str, Any] | None, impact: str) -> str:
    if lang is None:
        return "–"
    bucket = lang.get(impact, {"violations": 0, "elements": 0})
    return f"{bucket['violations']} / {bucket['elements']}"


def axe_table(axe: dict[str, Any], before: dict[str, Any] | None) -> str:
    """Violations / elements per language and impact (a rule failing on a page is one
    violation)."""
    lines = [f"| language | pages | {' | '.join(IMPACTS)} |", "|---|---|" + "---|" * len(IMPACTS)]
    old = None if before is None else before["totals"]
    for name, lang in axe["totals"].items():
        after = [str(lang["pages"]), *(_axe_cell(lang, i) for i in IMPACTS)]
        was: list[str | None] = [None] * len(after)
        if old is not None:
            prior = old.get(name)
            was = [str((prior or {}).get("pages", "–")), *(_axe_cell(prior, i) for i in IMPACTS)]
        cells = [_cell(a, w) for a, w in zip(after, was, strict=True)]
        lines.append(f"| {name} | {' | '.join(cells)} |")
    return "\n".join(lines)


def _rule_lines(rules: list[dict[str, Any]], example: bool) -> list[str]:
    lines = [
        f"- `{r['rule']}` ({r['impact']}): {r['pages']} pages, {r['elements']} elements"
        + (f"; e.g. {r['example']}" if example else "")
        for r in rules
    ]
    return lines or ["- none"]


def details(result: dict[str, Any], before: dict[str, Any] | None) -> list[str]:
    """The failed Lighthouse accessibility audits with examples, and axe's rules."""
    lines = ["### Lighthouse accessibility audits that fail", ""]
    seen: dict[str, list[str]] = {}
    for run in result["lighthouse"]["runs"]:
        for failed in run["failed_accessibility"]:
            what = f"`{failed['id']}`: {failed['title']}; e.g. {'; '.join(failed['examples'])}"
            where = f"{run['label']} {run['form_factor']} ({failed['items']})"
            seen.setdefault(failed["id"], [what]).append(where)
    lines += [f"- {w[0]}. On (elements): {', '.join(w[1:])}" for w in seen.values()] or ["- none"]
    lines += ["", "### axe rules violated", "", *_rule_lines(result["axe"]["rules"], True)]
    if before is not None:
        lines += ["", "Before:", "", *_rule_lines(before["axe"]["rules"], False)]
    errors = result["axe"]["errors"]
    lines += [f"- axe could not audit `{rel}`: {e}" for rel, e in errors.items()]
    return lines


def markdown(result: dict[str, Any], before: dict[str, Any] | None) -> str:
    """The report: the Lighthouse table, the axe table, then the details."""
    lighthouse = result["lighthouse"]
    runs = [LighthouseRun(**r) for r in lighthouse["runs"]]
    prior = None if before is None else [LighthouseRun(**r) for r in before["lighthouse"]["runs"]]
    compared = "" if before is None else f", before ({before['site']}) → after"
    fix = "with" if result["axe"]["arabic_fix"] else "WITHOUT"
    table = lighthouse["skipped"] or lighthouse_table(runs, prior)
    parts = [
        f"## Site audit of `{result['site']}` ({result['generated']})",
        f"Lighthouse {lighthouse['version'] or ''} (scores 0-100{compared}):",
        table,
        f"axe-core at 1280 px, every page, {fix} the Arabic fix (violations / elements{compared}):",
        axe_table(result["axe"], None if before is None else before["axe"]),
        "\n".join(details(result, before)),
        "Screenshots: " + ", ".join(f"`{s}`" for s in result["screenshots"]),
    ]
    return "\n\n".join(parts) + "\n"


def audit(options: Options) -> dict[str, Any]:
    """Serve the site, run Lighthouse, axe and the screenshots: the results."""
    options.out.mkdir(parents=True, exist_ok=True)
    kit = load_axe_kit()
    _repo_on_path()
    from tests._serve import serve_folder  # quiet, and folders redirected to their slash

    with serve_folder(options.site) as base:
        runs, skipped = lighthouse_all(options, base)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=options.chromium, args=kit.chromium_args)
            print("axe: every page", file=sys.stderr)
            axe = run_axe(browser, base, options.site, kit)
            shots = screenshots(browser, base, options.site, options.out)
            browser.close()
    version = next((r.version for r in runs if r.version), None)
    lighthouse = {"version": version, "runs": [dataclasses.asdict(r) for r in runs]}
    generated = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    kept = {"site": str(options.site), "generated": generated, "axe": axe, "screenshots": shots}
    return {**kept, "lighthouse": {**lighthouse, "skipped": skipped}}


def main(argv: list[str] | None = None) -> int:
    """Run the audit; exit 1 when a page could not be audited."""
    options = parse_args(argv)
    result = audit(options)
    text = json.dumps(result, ensure_ascii=False, indent=1)
    (options.out / "audit.json").write_text(text + "\n", encoding="utf-8")
    before = None
    if options.before is not None:
        before = json.loads(options.before.read_text(encoding="utf-8"))
    report = markdown(result, before)
    (options.out / "audit.md").write_text(report, encoding="utf-8")
    print(report)
    broken = result["axe"]["errors"] or any(r["error"] for r in result["lighthouse"]["runs"])
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
