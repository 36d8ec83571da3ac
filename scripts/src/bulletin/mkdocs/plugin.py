"""The MkDocs adapter: load and validate in on_config, add virtual pages in on_files,
print and feeds in on_post_build, watch bulletins/ in serve. Everything else is in the core."""
from __future__ import annotations

import contextlib
import html
import os
import shutil
import logging
import time
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from ..garbage import paused

# What the package imports lives as long as the process: no collection while importing it, and frozen
# after, so that the build's collections never walk it or what MkDocs holds by then (garbage.py).
with paused():
    from ..kinds import load_extra as load_extra_kinds
    from ..model.publication import Publication
    from ..site import pages
    from ..site.freshness import page_key
    from ..site.pages import SiteContext
    from ..errors import Problem, SourceError
    from ..sanitize import clean_html
    from ..site.verbatim import cleaned, put_back, searched, set_aside
    from ..sources.loader import load_project
    from .config_check import check_config
    from .serve import PREVIEW_TEMPLATES, preview_state

log = logging.getLogger("mkdocs.plugins.bulletin")

# Markdown extensions the generated pages rely on (ids on headings, HTML blocks with Markdown inside,
# fences whose info string fenced_code reads: markdown_fences.py), and those print reads the same
# Markdown with (footnotes, sane_lists): without them in mkdocs.yml, a [^1] was a footnote in the PDF
# and a link on the page.
REQUIRED_EXTENSIONS = ("attr_list", "md_in_html", "tables", "footnotes", "sane_lists", "bulletin.markdown_fences")
# Theme folders that hold our templates, not files to publish.
PRIVATE_THEME_DIRS = ("bulletin/", "print/")


class PdfVariant(c.BaseConfigOption):
    """WeasyPrint's PDF variant of every PDF of the build (print/variants.py); unset: plain tagged PDFs."""

    def run_validation(self, value):
        if value is None:   # unset, as in most projects: no need to import the print package to know that
            return None
        from ..print.variants import check_variant
        try:
            return check_variant(value)
        except ValueError as exc:
            raise c.ValidationError(str(exc)) from None


class BulletinConfig(Config):
    bulletins_dir = c.Type(str, default="bulletins")
    print_dir = c.Type(str, default="print")
    pdf = c.Type(bool, default=True)
    latest = c.Type(int, default=10)
    kinds = c.Type(list, default=[])      # the project's own document kinds: importable modules (README)
    fonts = c.Type(dict, default={})      # print font stacks by role: title, body, heading, kai (issue 3)
    workers = c.Type(int, default=0)      # PDF worker processes; 0 = one per CPU
    pdf_variant = PdfVariant()            # e.g. pdf/a-2b: archival PDF/A (WeasyPrint's own variants)
    page_size = c.Type(int, default=50)   # issues per archive page (issue 11)


class BulletinPlugin(BasePlugin[BulletinConfig]):
    project = None
    problems: list = []     # what stopped the build, for `bulletin build` to print as it is
    serving = False         # under `mkdocs serve` / `bulletin serve` (on_startup says)
    serve_pdf = False       # `bulletin serve --pdf`: render PDFs in the preview too

    dirty = False           # a dirty build: pages whose inputs did not change are not built again

    def on_startup(self, *, command, dirty) -> None:
        # Once per serve or build command. MkDocs then keeps this instance for every rebuild (and for
        # every later configuration loaded in the same process), so what belongs to one build is set
        # again in on_config, and what a preview keeps between rebuilds is in serve.PreviewState.
        BulletinPlugin.serving = command == "serve"
        BulletinPlugin.dirty = dirty

    @contextlib.contextmanager
    def reported(self, what: str):
        """Log each source problem as its own `path:line: …` error line, keep them, stop the build."""
        try:
            yield
        except SourceError as exc:
            self.problems = list(exc.problems)
            for problem in exc.problems:
                log.error(str(problem))
            raise PluginError(f"{len(exc.problems)} {what}; nothing was built") from None

    def on_config(self, config):
        self.root = Path(config.config_file_path).resolve().parent
        self.shared = None         # this build's shared inputs, listed when first asked for
        self.aside: dict[str, list[str]] = {}   # page source -> its blocks set aside (site/verbatim.py)
        self.latest: str | None = None          # the home page's latest-issues block, made once a build
        self.preview = preview_state(config.site_dir) if self.serving else None
        self.overrides = Path(config.theme.custom_dir) if config.theme.custom_dir else self.root / "overrides"
        with self.reported("problem(s) in the sources"):
            check_config(config, Path(config.config_file_path), self.config.print_dir)
            load_extra_kinds(self.config.kinds, "mkdocs.yml")
            preloaded = self.__dict__.pop("preloaded_project", None)   # `bulletin build` loaded it already
            # the preview takes over what the last save loaded and has not changed since (loader.py)
            previous = self.preview.project if self.preview else None
            self.project = preloaded or load_project(self.root, self.config.bulletins_dir, previous)
            if self.preview:
                self.preview.project = self.project
        self.publication = Publication(self.project, config.use_directory_urls, max(1, self.config.page_size))
        if self.serving and not self.serve_pdf:   # the preview is for the web pages; PDFs on request
            self.config.pdf = False
        if self.serving:   # nobody reads the preview's sitemap; listing 2,000 pages costs every save
            config.theme.static_templates.discard("sitemap.xml")
        self.site = SiteContext(self.publication, self.overrides, self.config.pdf)
        self.print_plan = self._print_preflight(config) if self.config.pdf else None
        self.pdf_run = None        # started in on_pre_build, finished in on_post_build
        for ext in REQUIRED_EXTENSIONS:
            if ext not in config.markdown_extensions:
                config.markdown_extensions.append(ext)
        if not config.nav:
            config.nav = self._nav(config)
        from ..site.feeds import feed_links   # Atom links for overrides/main.html (issue 5)
        config.extra["bulletin_feeds"] = feed_links(self.publication, config.site_name)
        return config

    def _print_preflight(self, config):
        """Fonts, glyphs and references of every issue's PDF, checked before site/ is written (issue 3)."""
        from ..print import PrintOptions, preflight
        self.build_started = time.time()
        only = self._preview_prints(config)
        if only is not None and not only:
            return None    # the preview's PDFs are all current
        with self.reported("problem(s) in the sources"):
            return preflight(self.project, self.overrides,
                             PrintOptions(fonts=self.config.fonts, workers=self.config.workers,
                                          pdf_variant=self.config.pdf_variant, log=log, only=only))

    def _preview_prints(self, config) -> frozenset[str] | None:
        """Under `bulletin serve --pdf`, after the first build: the issues whose own files changed since
        the last rebuild began, the only PDFs made again (no volumes; `bulletin build` makes those).
        None (print everything) before that, and when something every PDF depends on changed."""
        from ..site.freshness import Freshness, newest
        last = self.preview.printed_at if self.preview else None
        if last is None or newest(self._shared_inputs(config)) > last:
            return None
        fresh = Freshness(self.project, self.publication, [])
        return frozenset(i.key for i in self.project.all_issues() if fresh.issue_inputs_time(i, own_only=True) > last)

    def _shared_inputs(self, config) -> list[Path]:
        """What every page and PDF is made from besides its own sources (site/freshness.py)."""
        if self.shared is None:
            from ..site.freshness import shared_inputs
            theme_dirs = [Path(d) for d in config.theme.dirs if Path(d).is_relative_to(self.root)]
            self.shared = shared_inputs(self.root, self.project, Path(config.config_file_path), theme_dirs)
        return self.shared

    def _nav(self, config) -> list:
        """Home, one archive per public series, then the hand-written pages; issues are reached from those."""
        nav: list = [{"首页": "index.md"}]
        nav += [{html.escape(s.title): self.publication.series_source(s)} for s in self.publication.public_series()]
        docs = Path(config.docs_dir)
        for page in sorted(docs.glob("*.md")):
            if page.name != "index.md":
                nav.append(page.name)
        return nav

    def on_files(self, files: Files, config) -> Files:
        with self.reported("problem(s) in the site's files"):
            self._check_links_stay_inside(files, config)
        for file in list(files):
            if not file.is_documentation_page() and file.src_uri.startswith(PRIVATE_THEME_DIRS) \
                    and not Path(config.docs_dir, file.src_uri).exists():
                files.remove(file)
        publication = self.publication     # the only judge of what is public and where it goes
        fresh, pages_now = self._freshness(files, config)
        unchanged = self._unchanged_issue_pages(fresh, config)
        # Issue pages and archive pages after the first are reached from the lists, not the navigation:
        # saying so keeps MkDocs from listing all of them as "not included in the nav" on every build.
        listed = InclusionLevel.NOT_IN_NAV
        pictures: dict[str, Path] = {}      # one copy of a picture several issues show
        for series in publication.public_series():
            for source, _, listing in publication.archive_pages(series):   # series and year archives (issue 11)
                files.append(File.generated(config, source, content=pages.archive_page(listing, self.site),
                                            inclusion=listed if source != publication.series_source(series)
                                            else InclusionLevel.UNDEFINED))
            for issue in publication.public_issues(series, newest_first=False):
                pictures.update(publication.picture_files(issue))     # pages of unchanged issues show them too
                if publication.page_source(issue) in unchanged:
                    continue
                # In a dirty build the page is written only when it is stale (_mark_freshness): making
                # the content of 2,000 pages to build one would cost the editor many seconds.
                files.append(File.generated(config, publication.page_source(issue), inclusion=listed,
                                            content="" if self._lazy else pages.issue_page(issue, self.site)))
                for dest, source in publication.attachment_files(issue):   # files to download (.pdf, .xlsx)
                    files.append(File.generated(config, dest, abs_src_path=str(source)))
        for dest, source in sorted(pictures.items()):
            if files.get_file_from_path(dest) is None:
                files.append(File.generated(config, dest, abs_src_path=str(source)))
        self._mark_freshness(files, config, fresh, pages_now)
        return files

    def _freshness(self, files: Files, config) -> tuple:
        """What this build's pages are made from, whether a page of the last build went away
        (site/freshness.py), and every page this build has (``files`` holds the hand-written ones,
        publication says the rest)."""
        from ..site.freshness import Freshness, issue_pages_removed
        pub = self.publication
        pages_now = {f.dest_uri for f in files.documentation_pages()}
        pages_now |= {pub.file_of(pub.page_url(issue)) for issue in pub.public_issues()}
        for series in pub.public_series():
            pages_now |= {pub.file_of(url) for _, url, _ in pub.archive_pages(series)}
        built_pages = self.preview.pages if self.preview else None
        if built_pages is not None:   # serve: the last build's pages are known
            removed = bool(built_pages - pages_now)
            for gone in built_pages - pages_now:   # not to be served from the preview's folder any more
                Path(config.site_dir, gone).unlink(missing_ok=True)
        else:
            previous = getattr(self, "previous_site", None)
            removed = self._lazy and issue_pages_removed(previous or Path(config.site_dir), pages_now)
        fresh = Freshness(self.project, pub, self._shared_inputs(config), removed)
        if self.serving and not fresh.keyed_stale(Path(config.site_dir) / "404.html", "", ""):
            config.theme.static_templates.discard("404.html")   # it shows no issue: still right
        return fresh, pages_now

    def _unchanged_issue_pages(self, fresh, config) -> set[str]:
        """Under serve, after the first build: the sources of the issue pages still right in the
        preview's folder. MkDocs is not told about them at all: a save then costs it a page object and
        a navigation entry for the pages it builds, not for all 2,000 (the lists link to issue pages
        by URL, which MkDocs does not check). Nothing is left out when a page went away."""
        built_pages = self.preview.pages if self.preview else None
        if built_pages is None or fresh.removed:
            return set()
        pub = self.publication
        return {pub.page_source(issue) for issue in pub.public_issues()
                if (path := pub.file_of(pub.page_url(issue))) in built_pages
                and not fresh.stale(Path(config.site_dir, path), issue)}

    @property
    def _lazy(self) -> bool:
        """Is this a dirty build (serve, or `bulletin build` on a previous site)?"""
        return self.dirty or getattr(self, "previous_site", None) is not None

    def _mark_freshness(self, files: Files, config, fresh, pages_now: set[str]) -> None:
        """Tell MkDocs' dirty builds (serve --dirty, and `bulletin build` on a previous site) which
        pages must be built again; see site/freshness.py. ``previous_site``: pages still fresh there
        are copied over, so only the others are built."""
        previous = getattr(self, "previous_site", None)
        built = self.preview.keys if self.preview and self.preview.pages is not None else None
        by_source = {self.publication.page_source(i): i for i in self.publication.public_issues()}
        self.rebuilt: set[str] = set()
        keys = {file.dest_uri: self._page_key(file) for file in files.documentation_pages()
                if file.src_uri not in by_source} if self.serving else {}
        for file in files.documentation_pages():
            issue = by_source.get(file.src_uri)
            dest = Path(file.abs_dest_path)
            if previous is not None:
                old = previous / file.dest_uri
                if old.is_file() and not fresh.stale(old, issue):
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(old, dest)
            if built is not None and file.dest_uri in keys:
                stale = fresh.keyed_stale(dest, keys[file.dest_uri], built.get(file.dest_uri))
            else:
                stale = fresh.stale(dest, issue)
            if stale and issue is not None and self._lazy:
                file.content_string = pages.issue_page(issue, self.site)
            file.is_modified = (lambda stale=stale: stale)
            if stale:
                self.rebuilt.add(file.dest_uri)
        self.this_build = (pages_now, keys)    # kept for the next rebuild once this one has finished

    def _page_key(self, file: File) -> str:
        """What a page other than an issue page is built from: its generated Markdown, or its own file
        (and, for the home page, the latest-issues block that on_page_markdown adds)."""
        if file.generated_by:
            return page_key(file.content_string)
        latest = self._latest_block() if file.src_uri == "index.md" else ""
        return page_key(Path(file.abs_src_path).read_text(encoding="utf-8", errors="replace"), latest)

    def _latest_block(self) -> str:
        if self.latest is None:
            self.latest = pages.latest_block(self.site, self.config.latest)
        return self.latest

    def _check_links_stay_inside(self, files: Files, config) -> None:
        """A file under docs/ or overrides/ that is a symlink to somewhere else (print/, /etc/passwd) is
        refused: MkDocs would copy whatever it points to into the public site."""
        folders = [Path(config.docs_dir).absolute(), self.overrides.absolute()]
        problems = []
        for file in files:
            if file.generated_by or not file.abs_src_path:
                continue
            source = Path(file.abs_src_path).absolute()
            home = next((f for f in folders if source.is_relative_to(f)), None)
            if home is not None and not source.resolve().is_relative_to(home.resolve()):
                shown = os.path.relpath(source, self.root)
                problems.append(Problem(shown, None, f"is a link to a file outside {home.name}/; expected "
                                                     f"the site's own files inside {home.name}/, not links"))
        if problems:
            raise SourceError(problems)

    def on_env(self, env, config, files):
        if self.serving:   # MkDocs makes a new Jinja environment each rebuild; keep the compiled theme
            env.bytecode_cache = PREVIEW_TEMPLATES
        return env

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        if page.file.src_uri == "index.md" and not page.file.generated_by:
            block = self._latest_block()
            marker = "<!-- bulletin:latest -->"
            return markdown.replace(marker, block) if marker in markdown else markdown + "\n\n" + block
        if page.file.generated_by:     # our pages: their furniture becomes page meta (site/pages.py)
            markdown, furniture = pages.take_furniture(markdown)
            page.meta.update(furniture)
            if furniture.get("bl_type") == "archive":
                # a listing is a way to the documents, not one: Pagefind leaves it out (main.html),
                # and so does Material's search when a project turns it on
                page.meta["search"] = {"exclude": True}
        # the templates' own blocks wait outside while Markdown and the search plugin read the page
        markdown, self.aside[page.file.src_uri] = set_aside(markdown)
        return markdown

    def on_page_content(self, html: str, page, config, files) -> str:
        """Every page body passes the one allow-list (scripts, handlers, frames and foreign URLs removed)
        before the theme wraps it and the search index reads it, with the blocks set aside whose text
        the index reads (site/verbatim.py)."""
        blocks = self.aside.get(page.file.src_uri, [])
        return put_back(clean_html(html), blocks, cleaned(clean_html), searched)

    @event_priority(-100)   # after other plugins' on_page_context, i.e. after Material's search read the page
    def on_page_context(self, context, page, config, nav):
        """Once the body has been read for search: the rest of the templates' blocks set aside before
        Markdown come back (site/verbatim.py), then the web typesetting (issue 11), whose line-breaking spans
        carry no text. Parsing those spans, and those blocks, was most of what Material's search
        plugin spent on our pages beyond a plain page (py-spy of a 500-issue build)."""
        from ..site.typeset import typeset
        blocks = self.aside.pop(page.file.src_uri, [])
        page.content = typeset(put_back(page.content, blocks, cleaned(clean_html)))
        return context

    def on_pre_build(self, config) -> None:
        """The PDFs start rendering now, in the worker processes, while MkDocs builds the pages; they go
        to the print cache, and only on_post_build puts them in place (print/pipeline.py, PdfRun)."""
        if self.config.pdf and getattr(self, "print_plan", None) is not None:
            from ..print.pipeline import start_pdfs   # public PDFs beside their pages, internal ones in print/ (issue 3)
            print_dir = getattr(self, "print_dir_override", None) or self.root / self.config.print_dir
            with self.reported("PDF(s) failed"):
                self.pdf_run = start_pdfs(self.print_plan, Path(config.site_dir), Path(print_dir))

    def on_build_error(self, error) -> None:
        """A build that failed renders no more PDFs (those under way finish, into the cache)."""
        if getattr(self, "pdf_run", None) is not None:
            self.pdf_run.cancel()
            self.pdf_run = None

    def on_post_build(self, config) -> None:
        if self.preview and hasattr(self, "this_build"):
            self.preview.pages, self.preview.keys = self.this_build
        indexing = self._start_index(config)     # Pagefind works on the pages while the PDFs are made
        try:
            known: dict = {}
            if self.config.pdf:
                if getattr(self, "pdf_run", None) is not None:
                    run, self.pdf_run = self.pdf_run, None
                    with self.reported("PDF(s) failed"):
                        known = run.finish().page_counts()
                if self.serving:
                    self.preview.printed_at = self.build_started
                # 页数 and size by each PDF link of the pages built this time
                pages.fill_pdf_facts(self.publication, Path(config.site_dir), getattr(self, "rebuilt", None), known)
        except BaseException:
            if indexing is not None:
                indexing.stop()
            raise
        if indexing is not None:
            with self.reported("problem(s) with the search index"):
                indexing.finish()
        from ..site.feeds import write_feeds   # site/feed.xml and site/<series>/feed.xml (issue 5)
        try:
            write_feeds(self.publication, Path(config.site_dir), config.site_url or "", config.site_name)
        except ValueError as exc:
            log.warning(f"no Atom feeds written: {exc}")

    def _start_index(self, config):
        """Pagefind over the built pages, unless Material's own search is on (issue 11). The copy of
        the pages it indexes is kept in the cache, so a rebuild copies only the pages that changed."""
        if "material/search" in config.plugins:
            return None
        from ..print.pipeline import cache_dir
        from ..site.search import BUNDLE, Indexing
        # The preview indexes when the public issues change (one added, removed, or made internal:
        # an internal issue must not stay findable), not on every save: re-indexing the whole archive
        # would cost the editor seconds for a search box nobody uses while writing.
        if self.serving:
            public = frozenset(issue.key for issue in self.publication.public_issues(newest_first=False))
            if (Path(config.site_dir) / BUNDLE).is_dir() and self.preview.indexed == public:
                return None
            self.preview.indexed = public
        keep: Path | None = cache_dir(self.root) / "search"
        try:
            keep.mkdir(parents=True, exist_ok=True)
        except OSError:
            keep = None     # no cache to keep it in: a copy for this build only
        with self.reported("problem(s) with the search index"):
            return Indexing(Path(config.site_dir), keep)

    def on_serve(self, server, config, builder):
        server.watch(str(self.root / self.config.bulletins_dir))
        return server
