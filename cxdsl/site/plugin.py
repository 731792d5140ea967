"""The mkdocs plugin: ``plugins: [cxdsl]`` adds the workspace's pages to a site.

It adds generated pages and navigation to the user's own: their theme, colours,
hand-written pages and navigation stay theirs (a hand-written page wins over a generated
one at the same path). ``cxdsl build`` (:mod:`cxdsl.build`) hands it the pages of each
workspace language in turn; used alone in a ``mkdocs.yml`` it runs the pipeline's first
stages itself (:func:`cxdsl.build.prepare`) and builds one language.

material is adjusted through theme overrides (``overrides/``, searched after a workspace's
own ``custom_dir``), not by rewriting its HTML, except where it has no template hook.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import material
from jinja2 import Environment
from markupsafe import Markup, escape
from mkdocs.commands.build import get_context
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from ..i18n import LANGUAGE_NAMES, is_rtl, overrides
from ..loading.workspace import MODEL_DIRS, SETTINGS_FILE
from ..render.context import RenderContext
from .addresses import (
    add_to_head,
    alternate_links,
    not_found_base,
    not_found_text,
    write_root_not_found,
)
from .content import SiteContent
from .docs_languages import (
    PageLanguages,
    mark_untranslated,
    titles_from_pages,
    use_language_versions,
)
from .generate import LARGE, generate_site
from .page_dates import WHOLE_WORKSPACE, dates_by_page
from .page_footer import made_with, page_meta
from .search_index import is_material_search, read_with_separators, rewrite_index_file
from .search_shim import SHIM_PATH, shim_script

if TYPE_CHECKING:
    from ..build import Prepared

log = logging.getLogger("mkdocs.plugins.cxdsl")
CSS_PATH = "assets/cxdsl.css"
#: A material feature that turns text into HTML (see ``on_config``).
UNSAFE_FEATURE = "content.tooltips"
CSS = (Path(__file__).parent / "cxdsl.css").read_text(encoding="utf-8")
#: Print (A4) and phone (390 px) stylesheets beside it, each under its own @media.
MEDIA_CSS = {
    f"assets/{name}": (Path(__file__).parent / name).read_text(encoding="utf-8")
    for name in ("cxdsl-print.css", "cxdsl-phone.css")
}
#: cxdsl's templates for mkdocs-material (see its files for what each changes, and why).
OVERRIDES = Path(__file__).parent / "overrides"
NEEDED_EXTENSIONS = ("tables", "attr_list", "md_in_html", "admonition", "pymdownx.details", "toc")
#: Languages lunr (material's search) can stem; others are indexed without stemming.
SEARCH_LANGUAGES = {
    "ar",
    "da",
    "de",
    "du",
    "en",
    "es",
    "fi",
    "fr",
    "hi",
    "hu",
    "it",
    "ja",
    "nl",
    "no",
    "pt",
    "ro",
    "ru",
    "sv",
    "ta",
    "th",
    "tr",
    "vi",
    "zh",
}


class CxdslPluginConfig(Config):
    workspace = c.Type(str, default=".")
    language = c.Optional(c.Type(str))
    no_python = c.Type(bool, default=False)


class CxdslPlugin(BasePlugin[CxdslPluginConfig]):
    """Generated persona, journey, metric and catalog pages for a mkdocs-material site.

    mkdocs passes an event's first argument by position and the others by name: each
    event method names those it uses and takes the rest as ``**_``.
    """

    def __init__(self) -> None:
        super().__init__()
        self.prepared: Prepared | None = None
        self.content: SiteContent | None = None
        self.languages: list[str] = []
        #: Set by ``on_serve``: check, render and generate again on every rebuild.
        self.reprepare = False
        #: Set by ``cxdsl build``: each language is built into its own folder.
        self.per_language_folders = False
        #: Where the site is served (``site_url`` before the language folder), or None.
        self.site_root: str | None = None
        #: When each page's sources last changed (:mod:`.page_dates`), by page.
        self.dates: dict[str, dt.datetime] = {}
        #: The hand-written pages shown from their language versions (``about.ar.md``).
        self.page_languages = PageLanguages()

    def use(self, prepared: Prepared, content: SiteContent, per_language_folders: bool) -> None:
        """Add ``content`` (one language's pages of the ``prepared`` workspace) to the site,
        instead of checking and generating here (``cxdsl build``)."""
        self.prepared, self.content = prepared, content
        self.config.language = content.lang
        self.per_language_folders = per_language_folders

    @event_priority(100)  # before search and theme plugins read the language
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.prepared is None or self.content is None or self.reprepare:
            self.prepared, self.content = self._prepare(config)
        settings = self.prepared.result.workspace.settings
        lang = self.content.lang
        self.languages = list(settings.languages)
        config.nav = escaped_nav(self.content.nav) + list(config.nav or [])
        self.site_root = config.site_url or None
        if config.site_url and self.per_language_folders:
            config.site_url = f"{config.site_url.rstrip('/')}/{lang}/"
        # The header shows the workspace's name in the page's language.
        name = RenderContext(self.prepared.result.index, settings, lang).text(settings.name)
        config.site_name = as_html_text(name) if name else config.site_name
        _configure_theme(config, lang, len(self.prepared.result.index.docs("journey")))
        if len(self.languages) > 1 and not config.extra.get("alternate"):
            config.extra["alternate"] = [
                {"name": LANGUAGE_NAMES.get(code, code), "link": f"../{code}/", "lang": code}
                for code in self.languages
            ]
        config.extra_css = [*config.extra_css, CSS_PATH, *MEDIA_CSS]
        for ext in NEEDED_EXTENSIONS:
            if ext not in config.markdown_extensions:
                config.markdown_extensions.append(ext)
        _configure_search(config, lang, self.languages)
        return config

    def _prepare(self, config: MkDocsConfig) -> tuple[Prepared, SiteContent]:
        """Used alone (``mkdocs build``, ``cxdsl serve``): check the workspace, render its
        diagrams and generate the pages of one language."""
        from ..build import prepare  # (the pipeline imports this module)

        if self.prepared is None or self.reprepare:
            base = Path(config.config_file_path or ".").parent
            self.prepared = prepare((base / self.config.workspace).resolve(), self.config.no_python)
        prepared = self.prepared
        lang = self.config.language or prepared.result.workspace.settings.language
        content = generate_site(
            prepared.result, prepared.diagrams, prepared.diagrams_out, lang, config.repo_url
        )
        return prepared, content

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, **_: Any) -> Environment:
        """Escape every value a template prints unless it is marked as HTML.

        mkdocs creates the theme's Jinja environment without autoescaping, so material
        prints navigation titles, page titles and the site name as raw HTML: a title taken
        from a model file would run as markup in every page. With autoescaping on, text is
        escaped by default; the values that really are HTML are marked where they are made
        (page content and table-of-contents titles in ``on_page_context``, titles cxdsl
        escapes itself with ``as_html_text``, the copyright notice, which material
        documents as HTML).
        """
        env.autoescape = True
        env.globals["material_version"] = material.__version__  # for overrides/main.html
        if isinstance(config.copyright, str):
            config.copyright = Markup(config.copyright)
        return env

    @event_priority(-100)  # after search has read (and rewritten) the content
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, **_: Any
    ) -> TemplateContext:
        """Mark what Markdown produced as HTML for the autoescaping templates."""
        if page.content is not None and not isinstance(page.content, Markup):
            page.content = Markup(page.content)
        # A title taken from the page's first heading is rendered HTML (entities kept);
        # titles from navigation or front matter are text and are escaped by the template.
        if page.title and page.title == page._title_from_render:
            page.title = Markup(page.title)
        _mark_toc(page.toc)
        _put(context, "cxdsl_footer", self._footer(self.dates.get(page.file.src_uri)))
        return context

    def _footer(self, changed: dt.datetime | None) -> dict[str, Markup]:
        """The footer's line (:mod:`.page_footer`) in the page's language."""
        assert self.content is not None and self.prepared is not None
        lang = self.content.lang
        with overrides(self.prepared.result.workspace.settings):
            return {"meta": page_meta(lang, changed), "made_with": made_with(lang)}

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.content is not None
        self.page_languages = use_language_versions(
            files, config, self.content.lang, self.languages
        )
        for path, markdown in sorted(self.content.pages.items()):
            if files.get_file_from_path(path) is None:  # a hand-written page wins
                files.append(File.generated(config, path, content=markdown))
        for path, source in sorted(self.content.files.items()):
            if source.exists():
                files.append(File.generated(config, path, abs_src_path=str(source)))
        files.append(File.generated(config, CSS_PATH, content=CSS))
        for path, css in MEDIA_CSS.items():
            files.append(File.generated(config, path, content=css))
        self.dates = self._dates(files)
        if is_material_search(_search_plugin(config)):
            files.append(File.generated(config, SHIM_PATH, content=shim_script()))
        return files

    def on_nav(self, nav: Navigation, /, **_: Any) -> Navigation:
        titles_from_pages(nav, self.page_languages)
        return nav

    def on_page_content(self, html: str, /, *, page: Page, **_: Any) -> str:
        assert self.content is not None
        return mark_untranslated(html, page.file.src_uri, self.page_languages, self.content.lang)

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """material's search reads each page with separators between cells and items."""
        search = _search_plugin(config)
        if is_material_search(search):
            read_with_separators(search)

    @event_priority(-50)  # after search writes its index, before material/offline inlines it
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """The search index gets its separators and search keys (``search_index``); the
        default language's 404 page is the site's too (``site/404.html``)."""
        if is_material_search(_search_plugin(config)):
            rewrite_index_file(Path(config.site_dir))
        assert self.prepared is not None and self.content is not None
        if (
            self.per_language_folders
            and self.content.lang == self.prepared.result.workspace.settings.language
        ):
            write_root_not_found(Path(config.site_dir))  # site/404.html

    def _dates(self, files: Files) -> dict[str, dt.datetime]:
        """When each page's sources last changed: a hand-written page's own file, an
        entity's page its files, cxdsl's other pages the whole workspace."""
        assert self.prepared is not None and self.content is not None
        hand_written = {
            file.src_uri: Path(file.abs_src_path)
            for file in files.documentation_pages()
            if file.abs_src_path  # (cxdsl's own pages are generated from text)
        }
        dates = dates_by_page(self.prepared.result, self.prepared.root, hand_written)
        whole = dates.get(WHOLE_WORKSPACE)
        for path in self.content.pages:
            if path not in dates and whole is not None:
                dates[path] = whole
        return dates

    def on_serve(self, server: Any, /, **_: Any) -> Any:
        """``cxdsl serve``/``mkdocs serve``: rebuild when a model file changes."""
        assert self.prepared is not None
        root = self.prepared.root
        for name in (*MODEL_DIRS, SETTINGS_FILE):
            if (root / name).exists():
                server.watch(str(root / name))
        self.reprepare = True  # every rebuild checks the workspace again
        return server

    def on_template_context(
        self, context: TemplateContext, /, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext:
        """The 404 page in the page's language. Without a site_url mkdocs gives it
        root-absolute links (``/…``), which break under a sub-path: they become relative
        to the language's folder, where it is written, and its script finds that folder
        from the address it is served at (:mod:`.addresses`)."""
        if template_name != "404.html" or self.content is None or self.prepared is None:
            return context
        lang, folders = self.content.lang, self.per_language_folders
        languages = self.languages if folders else []
        if not config.site_url:
            rooted = get_context(context["nav"], context["pages"], config, base_url=".")
            for key in ("base_url", "extra_css", "extra_javascript"):
                context[key] = rooted[key]
            urls = [file.url for file in context["pages"]]
            _put(
                context,
                "cxdsl_not_found_base",
                not_found_base(languages, urls, lang if folders else ""),
            )
        with overrides(self.prepared.result.workspace.settings):
            words = not_found_text(lang, context["base_url"], languages)
        _put(context, "cxdsl_not_found", words)
        _put(context, "cxdsl_footer", self._footer(None))
        return context

    def on_post_page(self, output: str, /, *, page: Page, **_: Any) -> str:
        assert self.content is not None and self.prepared is not None
        output = _with_direction(output, self.content.lang)
        if self.site_root and self.per_language_folders and len(self.languages) > 1:
            default = self.prepared.result.workspace.settings.language
            links = alternate_links(self.site_root, page.url, self.languages, default)
            output = add_to_head(output, links)
        return output

    def on_post_template(self, output: str, /, *, template_name: str, **_: Any) -> str:
        """The 404 page gets its direction too."""
        if template_name != "404.html" or self.content is None:
            return output
        return _with_direction(output, self.content.lang)


def _put(context: TemplateContext, key: str, value: object) -> None:
    """A value of cxdsl's in a template's context (mkdocs types only its own keys)."""
    cast(dict[str, object], context)[key] = value


def _with_direction(output: str, lang: str) -> str:
    """``dir`` on ``<html>``: material writes that tag outside every block of base.html
    (no hook), so this is a rewrite."""
    direction = "rtl" if is_rtl(lang) else "ltr"
    return re.sub(
        r"<html ([^>]*)>",
        lambda m: (
            f'<html {m.group(1)} dir="{direction}">' if "dir=" not in m.group(1) else m.group()
        ),
        output,
        count=1,
    )


def _configure_theme(config: MkDocsConfig, lang: str, journeys: int) -> None:
    """The page's language and direction, cxdsl's template overrides, and safe features."""
    theme = config.theme
    theme["language"] = lang
    theme["direction"] = "rtl" if is_rtl(lang) else "ltr"
    if theme.name == "material" and str(OVERRIDES) not in theme.dirs:
        # After the workspace's own custom_dir (its templates win), before material's.
        theme.dirs.insert(1 if theme.custom_dir else 0, str(OVERRIDES))
    features = list(theme.get("features") or [])
    if UNSAFE_FEATURE in features:
        # material's tooltips render a title attribute as HTML, and set that attribute
        # from the text of any navigation entry too long to show: model text would run.
        features.remove(UNSAFE_FEATURE)
        log.warning(
            f"cxdsl turned off the theme feature '{UNSAFE_FEATURE}': material "
            "shows tooltip text as HTML, and tooltips show model text"
        )
    if journeys > LARGE and "navigation.prune" not in features:
        features.append("navigation.prune")
    theme["features"] = features


def _search_plugin(config: MkDocsConfig) -> Any:
    return config.plugins.get("material/search") or config.plugins.get("search")


def _configure_search(config: MkDocsConfig, lang: str, languages: list[str]) -> None:
    """Search in the page's language first, then the others lunr knows, on cxdsl's search
    keys (:mod:`.search_text`, turned on by the query shim) rather than lunr's stemmers."""
    search = _search_plugin(config)
    if search is None:
        return
    wanted = [lang, *[code for code in languages if code != lang]]
    search.config["lang"] = [code for code in wanted if code in SEARCH_LANGUAGES]
    if search.config.get("pipeline") is None:
        # Only the trimmer: lunr's stemmers would reach the index alone (material ends every
        # query term with a wildcard, and lunr runs no pipeline on those), and its Arabic stop
        # words hold «زيارة», «الوقت» and «عين». (material takes the pipeline from the theme's
        # translation; Arabic's is a blank string, which breaks the search worker.)
        search.config["pipeline"] = ["trimmer"]
    if is_material_search(search) and SHIM_PATH not in map(str, config.extra_javascript):
        config.extra_javascript = [*config.extra_javascript, SHIM_PATH]


def as_html_text(text: str) -> Markup:
    """Text for mkdocs' templates and search index: escaped once, marked as HTML.

    Marked, the autoescaping templates print it as is; material's search index, which
    its script shows as HTML, receives it escaped too; and the ``striptags`` filter that
    material applies to titles in ``<title>`` unescapes it into text that the template
    escapes again.
    """
    return escape(text)


def escaped_nav(nav: list[Any]) -> list[Any]:
    """cxdsl's navigation with every title escaped (titles hold model text)."""
    out: list[Any] = []
    for entry in nav:
        if isinstance(entry, dict):
            out.append(
                {
                    as_html_text(title): escaped_nav(value) if isinstance(value, list) else value
                    for title, value in entry.items()
                }
            )
        else:
            out.append(entry)
    return out


def _mark_toc(items: Any) -> None:
    """Table-of-contents titles are HTML text (Python-Markdown keeps entities)."""
    for item in items:
        if not isinstance(item.title, Markup):
            item.title = Markup(item.title)
        _mark_toc(item.children)
